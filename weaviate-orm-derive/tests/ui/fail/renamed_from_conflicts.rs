use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    #[weaviate(renamed_from = "title")]
    headline: String,
    #[weaviate(rename = "wordCount")]
    words: i64,
    #[weaviate(renamed_from = "wordcount")]
    pages: i64,
    #[weaviate(renamed_from = "text")]
    body: String,
    #[weaviate(renamed_from = "text")]
    content: String,
}

fn main() {}
