// An update takes a patch of the handle's own collection: a `Patch` built from another struct's
// fields, or another struct's projection, does not compile; nor does a value of the wrong type.
use weaviate_orm::prelude::*;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    views: i64,
}

#[derive(WeaviateCollection)]
struct Book {
    pages: i64,
}

weaviate_orm::projection! {
    struct ArticleTitle of Article {
        title: String,
    }
}

fn updates(client: &Client, id: uuid::Uuid) {
    let books = client.collection_of::<Book>().data();
    let _ = books.update(id, Patch::new().set(Article::fields().views, 3));
    let _ = books.update(id, ArticleTitle { title: "x".into() });
    let _ = Patch::new().set(Book::fields().pages, "many");
}

fn main() {}
