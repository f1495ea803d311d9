use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "own", index = flat(quantizer = pq(segments = 8))))]
struct Article {
    title: String,
}

fn main() {}
