use weaviate_orm::query::generative::{Generate, Prompt};
use weaviate_orm::{Client, WeaviateCollection, prompt};

#[derive(WeaviateCollection)]
struct Article {
    title: String,
}

#[derive(WeaviateCollection)]
struct Book {
    title: String,
}

async fn search(client: Client) {
    // A prompt of `Article` does not fit a search on `Book`, though both have a `title`.
    let _ = client
        .collection_of::<Book>()
        .query()
        .fetch_objects()
        .generate(Generate::single(prompt!(Article, "About {title}")));
    // Typed searches take checked prompts, not strings.
    let _ = client
        .collection_of::<Book>()
        .query()
        .fetch_objects()
        .generate(Generate::<Book>::single("About {title}"));
    // A run-time prompt is typed by its collection too.
    let dynamic: Prompt<Article> = Prompt::new("About {title}").unwrap();
    let _ = Generate::<Book>::grouped(dynamic);
}

fn main() {
    let _ = search;
}
