// Only single-target references of the queried collection expand into their targets' struct.
use weaviate_orm::WeaviateCollection;
use weaviate_orm::typed::{MultiReference, Reference};

#[derive(WeaviateCollection)]
struct Author {
    name: String,
}

#[derive(WeaviateCollection)]
struct Book {
    title: String,
    author: Reference<Author>,
    #[weaviate(targets(Author, Book))]
    credits: MultiReference,
}

fn queries(client: &weaviate_orm::Client) {
    let _ = client.collection_of::<Book>().query()
        .fetch_objects()
        .expand(Book::fields().credits);
    let _ = client.collection_of::<Book>().query()
        .fetch_objects()
        .expand(Book::fields().title);
    let _ = client.collection_of::<Author>().query()
        .fetch_objects()
        .expand(Book::fields().author);
}

fn main() {}
