use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(
    vector(name = "main", vectorizer = module("text2vec-new", json = r#"{"model": "m",}"#)),
    generative = module("my-generator"),
)]
struct Article {
    title: String,
}

fn main() {}
