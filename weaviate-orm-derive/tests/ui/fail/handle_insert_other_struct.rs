// A typed handle takes its own struct: inserting or replacing with another collection's struct, or
// with a `NewObject`, does not compile.
use weaviate_orm::prelude::*;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
}

#[derive(WeaviateCollection)]
struct Book {
    pages: i64,
}

fn writes(client: &Client, id: uuid::Uuid) {
    let books = client.collection_of::<Book>().data();
    let _ = books.insert(Article { title: "x".into() });
    let _ = books.replace(id, Article { title: "x".into() });
    let _ = books.insert(weaviate_orm::data::NewObject::default());
}

fn main() {}
