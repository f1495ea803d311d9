// A vector handle of one collection cannot be a target vector (or a returned vector) of a query on
// another.
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::Targets;

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "title_vec", dimensions = 2))]
struct Article {
    title: String,
}

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "cover", dimensions = 2))]
struct Book {
    title: String,
}

fn queries(client: &weaviate_orm::Client) {
    let _ = client.collection_of::<Book>().query()
        .near_vector(vec![1.0, 0.0])
        .target(Article::vectors().title_vec);
    let _ = client.collection_of::<Book>().query()
        .near_text("x")
        .targets(Targets::sum([Article::vectors().title_vec]));
    let _ = client.collection_of::<Book>().query()
        .fetch_objects()
        .include_vectors([Article::vectors().title_vec]);
}

fn main() {}
