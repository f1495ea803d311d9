use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
#[weaviate(inverted_index(index_null_state))]
struct Article {
    title: String,
}

fn main() {
    let _ = Article::fields().title.is_none();
}
