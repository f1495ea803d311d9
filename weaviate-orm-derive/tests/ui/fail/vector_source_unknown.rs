use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "main", source = [titel, embedding], vectorizer = text2vec_bigram))]
struct Article {
    title: String,
    #[weaviate(vector = "main")]
    embedding: Vec<f32>,
}

fn main() {}
