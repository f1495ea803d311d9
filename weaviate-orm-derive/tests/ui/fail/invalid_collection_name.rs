use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(name = "news-article")]
struct Article {
    title: String,
}

fn main() {}
