use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "main", source = [title, word_count], vectorizer = text2vec_bigram))]
struct Article {
    title: String,
    word_count: i64,
}

fn main() {}
