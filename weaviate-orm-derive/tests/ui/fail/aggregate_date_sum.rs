// Dates have a minimum, maximum, median and mode, but no sum or mean.
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    published: chrono::DateTime<chrono::Utc>,
}

fn main() {
    let _ = Article::fields().published.metrics().sum();
    let _ = Article::fields().published.metrics().mean();
}
