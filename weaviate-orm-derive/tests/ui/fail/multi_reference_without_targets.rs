use weaviate_orm::WeaviateCollection;
use weaviate_orm::typed::MultiReference;

#[derive(WeaviateCollection)]
struct Article {
    credits: MultiReference,
    #[weaviate(targets(Article))]
    title: String,
}

fn main() {}
