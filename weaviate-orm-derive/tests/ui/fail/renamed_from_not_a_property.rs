use uuid::Uuid;
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "title_vec"))]
struct Article {
    #[weaviate(id, renamed_from = "uuid")]
    id: Uuid,
    #[weaviate(vector = "title_vec", renamed_from = "embedding")]
    title_vec: Vec<f32>,
    #[weaviate(skip, renamed_from = "cached")]
    cache: String,
    title: String,
}

fn main() {}
