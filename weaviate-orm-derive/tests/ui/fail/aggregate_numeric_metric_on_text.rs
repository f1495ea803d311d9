// A numeric metric (`sum`, `mean`, ...) on a text field does not exist.
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
}

fn main() {
    let _ = Article::fields().title.metrics().sum();
}
