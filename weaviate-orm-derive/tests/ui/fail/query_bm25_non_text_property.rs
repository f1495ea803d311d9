// Keyword search reads text properties only.
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Book {
    title: String,
    pages: i64,
}

fn queries(client: &weaviate_orm::Client) {
    let _ = client.collection_of::<Book>().query().bm25("x").property(Book::fields().pages);
    let _ = client.collection_of::<Book>().query()
        .hybrid("x")
        .property_boosted(Book::fields().pages, 2.0);
}

fn main() {}
