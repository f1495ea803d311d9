use weaviate_orm::WeaviateObject;

#[derive(WeaviateObject)]
#[weaviate(renamed_from = "Location")]
struct Address {
    #[weaviate(renamed_from = "road")]
    street: String,
}

fn main() {}
