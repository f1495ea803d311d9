// References are changed through a reference field of the handle's own collection: another
// collection's field, a non-reference field or a property name does not compile.
use weaviate_orm::prelude::*;

#[derive(WeaviateCollection)]
struct Author {
    name: String,
}

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    author: Reference<Author>,
}

#[derive(WeaviateCollection)]
struct Book {
    title: String,
    author: Reference<Author>,
}

fn references(client: &Client, from: uuid::Uuid, to: uuid::Uuid) {
    let books = client.collection_of::<Book>().data();
    let _ = books.reference_add(from, Article::fields().author, to);
    let _ = books.reference_add(from, Book::fields().title, to);
    let _ = books.reference_delete(from, "author", to);
}

fn main() {}
