use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    #[weaviate(index_range_filters)]
    title: String,
}

fn main() {}
