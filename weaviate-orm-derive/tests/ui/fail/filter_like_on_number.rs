use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    views: i64,
}

fn main() {
    let _ = Article::fields().views.like("1*");
}
