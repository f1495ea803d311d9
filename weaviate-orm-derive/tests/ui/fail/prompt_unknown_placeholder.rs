use weaviate_orm::{WeaviateCollection, prompt};

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    body: String,
}

fn main() {
    // `lang` is not a property of `Article`.
    let _ = prompt!(Article, "Summarize {title} in {lang}");
}
