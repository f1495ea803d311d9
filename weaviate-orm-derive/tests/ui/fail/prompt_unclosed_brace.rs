use weaviate_orm::{WeaviateCollection, prompt};

#[derive(WeaviateCollection)]
struct Article {
    title: String,
}

fn main() {
    // The placeholder is never closed.
    let _ = prompt!(Article, "Summarize {title");
}
