use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(descripton = "News")]
struct Article {
    #[weaviate(tokenisation = word)]
    title: String,
}

fn main() {}
