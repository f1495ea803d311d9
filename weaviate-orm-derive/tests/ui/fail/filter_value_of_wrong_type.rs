use chrono::{DateTime, Utc};
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    views: i64,
    published: DateTime<Utc>,
    tags: Vec<String>,
}

fn main() {
    let a = Article::fields();
    let _ = a.views.equal("3");
    let _ = a.published.gt("2024-01-01T00:00:00Z");
    let _ = a.tags.contains_any([1, 2]);
}
