// Typed queries take the collection's handles, not names (names are for untyped queries).
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::{QueryExt, Sort};

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "title_vec", dimensions = 2))]
struct Book {
    title: String,
}

fn queries(client: &weaviate_orm::Client) {
    let _ = Book::query(client).fetch_objects().sort(Sort::asc("title"));
    let _ = Book::query(client)
        .near_vector(vec![1.0, 0.0])
        .target("title_vec");
    let _ = Book::query(client).bm25("x").property("title");
}

fn main() {}
