// A projection of one collection cannot decode the results of a query on another.
use weaviate_orm::WeaviateCollection;

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
    let _ = client.collection_of::<Book>().query()
        .fetch_objects()
        .returning::<ArticleTitle>();
    let _ = client.collection_of::<Book>().query().fetch_objects().returning::<Article>();
}

fn main() {}
