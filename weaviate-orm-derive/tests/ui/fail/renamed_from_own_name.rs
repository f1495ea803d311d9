use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(rename_all = "camelCase")]
struct Article {
    #[weaviate(renamed_from = "wordCount")]
    word_count: i64,
    #[weaviate(renamed_from = "pagecount")]
    page_count: i64,
}

fn main() {}
