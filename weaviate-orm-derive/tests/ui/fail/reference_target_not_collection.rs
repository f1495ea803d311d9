use weaviate_orm::WeaviateCollection;
use weaviate_orm::typed::Reference;

struct Author {
    name: String,
}

#[derive(WeaviateCollection)]
struct Article {
    author: Reference<Author>,
}

fn main() {}
