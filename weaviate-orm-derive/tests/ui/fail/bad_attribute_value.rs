use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(vector(name = "main", source = [title], vectorizer = text2vec_openia, index = hnsw(distance = cosin)))]
struct Article {
    #[weaviate(tokenization = wrod, index_filterable = "yes")]
    title: String,
}

fn main() {}
