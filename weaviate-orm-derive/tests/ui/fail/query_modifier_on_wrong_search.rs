// Sorting and the cursor apply to listings only; autocut and grouping to ranked searches only.
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::Sort;

#[derive(WeaviateCollection)]
struct Book {
    title: String,
    pages: i64,
}

fn queries(client: &weaviate_orm::Client, id: uuid::Uuid) {
    let _ = client.collection_of::<Book>().query()
        .near_vector(vec![1.0])
        .sort(Sort::asc(Book::fields().pages));
    let _ = client.collection_of::<Book>().query().bm25("x").after(id);
    let _ = client.collection_of::<Book>().query().fetch_objects().autocut(1);
    let _ = client.collection_of::<Book>().query()
        .fetch_objects()
        .group_by(Book::fields().title, 1, 1);
    let _ = client.collection_of::<Book>().query().fetch_object_by_id(id).limit(3);
}

fn main() {}
