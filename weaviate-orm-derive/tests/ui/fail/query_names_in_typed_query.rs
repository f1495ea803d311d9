// Typed queries take the collection's handles, not names (names are for untyped queries).
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::Sort;

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "title_vec", dimensions = 2))]
struct Book {
    title: String,
}

fn queries(client: &weaviate_orm::Client) {
    let _ = client.collection_of::<Book>().query().fetch_objects().sort(Sort::asc("title"));
    let _ = client.collection_of::<Book>().query()
        .near_vector(vec![1.0, 0.0])
        .target("title_vec");
    let _ = client.collection_of::<Book>().query().bm25("x").property("title");
}

fn main() {}
