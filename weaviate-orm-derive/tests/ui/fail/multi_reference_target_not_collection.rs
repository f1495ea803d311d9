use weaviate_orm::WeaviateCollection;
use weaviate_orm::typed::MultiReference;

#[derive(WeaviateCollection)]
struct Author {
    name: String,
}

struct Publisher;

#[derive(WeaviateCollection)]
struct Article {
    #[weaviate(targets(Author, Publisher))]
    credits: MultiReference,
}

fn main() {}
