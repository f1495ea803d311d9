use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    id: String,
    #[weaviate(rename = "_additional")]
    extra: String,
    #[weaviate(rename = "title_searchable")]
    title: String,
}

fn main() {}
