//! One struct with many mistakes: every one is reported in the same build.
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(name = "article", multi_tenancy, sharding(desired_count = 2))]
#[weaviate(vector(name = "v", index = hnsw(max_connections = 3, quantizer = rq(bits = 2))))]
struct Article {
    #[weaviate(rename = "Title")]
    title: String,
    #[weaviate(skip, rename = "x")]
    cache: String,
    #[weaviate(vector = "w")]
    embedding: Vec<f32>,
    #[weaviate(tokenization = word)]
    count: i64,
    tags: std::collections::HashSet<String>,
}

fn main() {}
