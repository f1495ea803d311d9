use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(inverted_index(index_property_length))]
struct Article {
    views: i64,
}

fn main() {
    let _ = Article::fields().views.len().gt(3);
}
