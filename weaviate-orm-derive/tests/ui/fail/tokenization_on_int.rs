use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    #[weaviate(tokenization = word)]
    word_count: i64,
}

fn main() {}
