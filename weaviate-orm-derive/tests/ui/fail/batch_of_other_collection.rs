// A typed batch takes its own collection's structs, filters and reference links only.
use uuid::Uuid;
use weaviate_orm::WeaviateCollection;
use weaviate_orm::typed::Reference;

#[derive(WeaviateCollection)]
struct Author {
    name: String,
}

#[derive(WeaviateCollection)]
struct Article {
    #[weaviate(index_range_filters)]
    views: i64,
    author: Reference<Author>,
}

async fn batches(client: &weaviate_orm::Client) {
    // Authors are not articles.
    let _ = client
        .collection_of::<Article>().batch()
        .insert_many([Author { name: "Ann".into() }])
        .await;
    // A filter on articles does not delete authors.
    let _ = client.collection_of::<Author>().batch().delete_many(Article::fields().views.gt(3));
    // A reference link needs a reference field.
    let _ = Article::fields().views.link(Uuid::nil(), Uuid::nil());
}

fn main() {
    let _ = batches;
}
