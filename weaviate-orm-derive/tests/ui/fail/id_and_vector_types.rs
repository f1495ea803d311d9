use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "main"))]
struct Article {
    #[weaviate(id)]
    id: String,
    #[weaviate(vector = "main")]
    embedding: Vec<f64>,
}

fn main() {}
