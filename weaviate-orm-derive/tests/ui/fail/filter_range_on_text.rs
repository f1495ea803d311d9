use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
}

fn main() {
    let _ = Article::fields().title.gt(3);
}
