use uuid::Uuid;
use weaviate_orm::WeaviateObject;
use weaviate_orm::typed::Reference;

#[derive(weaviate_orm::WeaviateCollection)]
struct Author {
    name: String,
}

#[derive(WeaviateObject)]
#[weaviate(name = "Address")]
struct Address {
    #[weaviate(id)]
    id: Uuid,
    author: Reference<Author>,
}

fn main() {}
