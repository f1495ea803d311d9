use std::collections::HashMap;
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    metadata: HashMap<String, String>,
}

fn main() {}
