use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(renamed_from = "old-article")]
struct Article {
    title: String,
}

#[derive(WeaviateCollection)]
#[weaviate(name = "Post", renamed_from = "Post")]
struct BlogPost {
    title: String,
}

#[derive(WeaviateCollection)]
#[weaviate(renamed_from = "NOTE")]
struct Note {
    text: String,
}

fn main() {}
