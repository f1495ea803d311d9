use uuid::Uuid;
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(id)]
    other_id: Option<Uuid>,
    title: String,
}

fn main() {}
