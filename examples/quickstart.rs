//! Quickstart: define a struct, sync it to the server, import objects, and query them back typed.
//!
//! Run it with `scripts/quickstart` (starts a local Weaviate when WEAVIATE_URL is not set), or against
//! your own server: `WEAVIATE_URL=http://host:8080 WEAVIATE_GRPC_URL=http://host:50051 cargo run --example quickstart`.

use uuid::Uuid;
use weaviate_orm::query::QueryExt;
use weaviate_orm::{Client, Error, WeaviateCollection};

/// 1. Define the collection as a struct: its fields are the properties.
#[derive(WeaviateCollection, Debug, Clone)]
#[weaviate(
    name = "QuickstartArticle",
    description = "Articles of the quickstart",
    vector(name = "own", dimensions = 3, index = hnsw(distance = cosine)),
)]
struct Article {
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(tokenization = word)]
    title: String,
    #[weaviate(index_range_filters)]
    views: i64,
    tags: Vec<String>,
    #[weaviate(vector = "own")]
    embedding: Vec<f32>,
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = Client::from_env().await?;
    let meta = client.meta().await?;
    println!(
        "connected to Weaviate {} at {}",
        meta.version,
        client.http_address()
    );

    // 2. Sync the struct to the server (start from scratch if an earlier run left the collection).
    let config = Article::collection_config();
    if client.collections().exists(Article::NAME).await? {
        client.collections().delete(Article::NAME).await?;
    }
    client.collections().create(&config).await?;
    println!("created collection {} from the struct", Article::NAME);

    // 3. Import objects with the streaming importer: every failure is reported, none is lost.
    let articles = (1..=5).map(|i| Article {
        id: Uuid::new_v4(),
        title: format!("Article number {i}"),
        views: i * 100,
        tags: vec![
            "news".into(),
            if i % 2 == 0 { "even" } else { "odd" }.into(),
        ],
        embedding: vec![i as f32, 1.0, 0.0],
    });
    let report = client.batch::<Article>().insert_many(articles).await?;
    println!("imported: {report}");
    for failed in &report.errors {
        println!(
            "  object #{} {} was refused: {}",
            failed.index, failed.id, failed.message
        );
    }

    // 4. Query them back as `Article`s, with a filter checked at compile time.
    let f = Article::fields();
    let popular = Article::query(&client)
        .fetch_objects()
        .filter(f.views.gt(200) & f.tags.contains_any(["odd"]))
        .limit(10)
        .await?;
    for hit in &popular {
        println!("{}  {} ({} views)", hit.id, hit.title, hit.views);
    }
    assert_eq!(popular.len(), 2); // articles 3 and 5

    // ... and by vector similarity.
    let nearest = Article::query(&client)
        .near_vector(vec![5.0, 1.0, 0.0])
        .limit(1)
        .await?;
    println!("nearest to [5, 1, 0]: {}", nearest[0].title);
    println!(
        "quickstart done: {} articles imported, {} popular",
        report.succeeded(),
        popular.len()
    );
    Ok(())
}
