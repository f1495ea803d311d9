// `total_true` is a boolean metric; an integer field has none.
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    views: i64,
}

fn main() {
    let _ = Article::fields().views.metrics().total_true();
}
