use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "title_vec"), vector(name = "body_vec"))]
struct Article {
    title: String,
    #[weaviate(vector = "title_vector")]
    embedding: Vec<f32>,
}

fn main() {}
