// `top_occurrences` is a text metric; a number field has none.
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    score: f64,
}

fn main() {
    let _ = Article::fields().score.metrics().top_occurrences(3);
}
