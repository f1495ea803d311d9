// A filter built for one collection cannot filter a query on another.
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    views: i64,
}

#[derive(WeaviateCollection)]
struct Book {
    pages: i64,
}

fn queries(client: &weaviate_orm::Client) {
    let _ = client.collection_of::<Book>().query()
        .fetch_objects()
        .filter(Article::fields().views.gt(3));
}

fn main() {}
