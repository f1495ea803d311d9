use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    #[weaviate(renamed_from = "Headline")]
    title: String,
    #[weaviate(renamed_from = "_additional")]
    extra: String,
    #[weaviate(renamed_from = "body_searchable")]
    body: String,
    #[weaviate(renamed_from = "word-count")]
    words: i64,
}

fn main() {}
