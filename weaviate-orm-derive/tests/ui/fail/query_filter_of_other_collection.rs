// A filter built for one collection cannot filter a query on another.
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::QueryExt;

#[derive(WeaviateCollection)]
struct Article {
    views: i64,
}

#[derive(WeaviateCollection)]
struct Book {
    pages: i64,
}

fn queries(client: &weaviate_orm::Client) {
    let _ = Book::query(client)
        .fetch_objects()
        .filter(Article::fields().views.gt(3));
}

fn main() {}
