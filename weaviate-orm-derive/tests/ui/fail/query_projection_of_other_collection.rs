// A projection of one collection cannot decode the results of a query on another.
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::QueryExt;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
}

#[derive(WeaviateCollection)]
struct Book {
    title: String,
}

weaviate_orm::projection! {
    struct ArticleTitle of Article {
        title: String,
    }
}

fn queries(client: &weaviate_orm::Client) {
    let _ = Book::query(client)
        .fetch_objects()
        .returning::<ArticleTitle>();
    let _ = Book::query(client).fetch_objects().returning::<Article>();
}

fn main() {}
