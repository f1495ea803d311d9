use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
enum Article {
    A,
}

#[derive(WeaviateCollection)]
struct Pair(String, String);

fn main() {}
