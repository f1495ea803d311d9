// Keyword search reads text properties only.
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::QueryExt;

#[derive(WeaviateCollection)]
struct Book {
    title: String,
    pages: i64,
}

fn queries(client: &weaviate_orm::Client) {
    let _ = Book::query(client).bm25("x").property(Book::fields().pages);
    let _ = Book::query(client)
        .hybrid("x")
        .property_boosted(Book::fields().pages, 2.0);
}

fn main() {}
