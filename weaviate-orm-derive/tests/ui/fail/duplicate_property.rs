use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    #[weaviate(rename = "title")]
    headline: String,
    #[weaviate(rename = "Title")]
    heading: String,
}

fn main() {}
