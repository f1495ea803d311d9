// A field handle of one collection cannot name a property in a query on another.
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::Sort;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    views: i64,
}

#[derive(WeaviateCollection)]
struct Book {
    title: String,
    pages: i64,
}

fn queries(client: &weaviate_orm::Client) {
    let _ = client.collection_of::<Book>().query()
        .fetch_objects()
        .sort(Sort::desc(Article::fields().views));
    let _ = client.collection_of::<Book>().query()
        .near_vector(vec![1.0, 0.0])
        .group_by(Article::fields().title, 2, 2);
    let _ = client.collection_of::<Book>().query()
        .bm25("x")
        .rerank(Article::fields().title);
}

fn main() {}
