// Metrics and group-by properties of one collection do not apply to another's aggregation.
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Song {
    name: String,
    plays: i64,
}

#[derive(WeaviateCollection)]
struct Book {
    pages: i64,
}

fn aggregations(client: &weaviate_orm::Client) {
    let books = client.collection_of::<Book>();
    let _ = books.aggregate().over_all().metrics(Song::fields().plays.metrics().sum());
    let _ = books
        .aggregate()
        .over_all()
        .metrics((Book::fields().pages.metrics().sum(), Song::fields().name.metrics().count()));
    let _ = books.aggregate().over_all().group_by(Song::fields().name);
}

fn main() {}
