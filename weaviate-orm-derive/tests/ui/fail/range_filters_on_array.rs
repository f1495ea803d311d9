use weaviate_orm::WeaviateCollection;

// Weaviate refuses range indexes on int[], number[] and date[].
#[derive(WeaviateCollection)]
struct Article {
    #[weaviate(index_range_filters)]
    scores: Vec<i64>,
}

fn main() {}
