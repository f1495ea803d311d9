use weaviate_orm::{WeaviateCollection, prompt};

#[derive(WeaviateCollection)]
struct Article {
    title: String,
}

fn main() {
    // Whitespace inside the braces: the server would look up the property " title ".
    let _ = prompt!(Article, "Summarize { title }");
    // An empty placeholder names no property.
    let _ = prompt!(Article, "Fill in {}");
}
