//! Quickstart: define a collection, create it, import objects, and read them back.
//!
//! Run it with `scripts/quickstart` (starts a local Weaviate when WEAVIATE_URL is not set), or against
//! your own server: `WEAVIATE_URL=http://host:8080 WEAVIATE_GRPC_URL=http://host:50051 cargo run --example quickstart`.

use serde_json::json;
use weaviate_orm::data::NewObject;
use weaviate_orm::query::MetadataQuery;
use weaviate_orm::schema::{CollectionConfig, DataType, Property};
use weaviate_orm::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = Client::from_env().await?;
    let meta = client.meta().await?;
    println!(
        "connected to Weaviate {} at {}",
        meta.version,
        client.http_address()
    );

    // 1. Define the collection (the derive macro will generate this from a struct).
    let config = CollectionConfig::new("QuickstartArticle")
        .description("Articles of the quickstart")
        .property(Property::new("title", DataType::Text))
        .property(Property::new("views", DataType::Int))
        .property(Property::new("tags", DataType::TextArray));

    // 2. Sync it to the server: create it, or start from scratch if an earlier run left it.
    if client.collections().exists(&config.name).await? {
        client.collections().delete(&config.name).await?;
    }
    client.collections().create(&config).await?;
    println!("created collection {}", config.name);

    // 3. Import objects in one batch.
    let articles = client.collection(&config.name);
    let objects = (1..=5).map(|i| {
        NewObject::new(json!({
            "title": format!("Article number {i}"),
            "views": i * 100,
            "tags": ["news", if i % 2 == 0 { "even" } else { "odd" }],
        }))
        .map(|o| o.vector(vec![i as f32, 1.0, 0.0]))
    });
    let objects = objects.collect::<Result<Vec<_>, _>>()?;
    let report = articles.batch().insert_many(objects).await?;
    println!(
        "imported {} objects ({} failed) in {:?}",
        report.succeeded(),
        report.failed(),
        report.elapsed
    );
    for failed in &report.errors {
        println!(
            "  object #{} {} was refused: {}",
            failed.index, failed.id, failed.message
        );
    }

    // 4. Query them back.
    let found = articles
        .query()
        .fetch_objects()
        .limit(10)
        .return_metadata(MetadataQuery::default().creation_time())
        .await?;
    for article in &found {
        println!(
            "{}  {}",
            article.id,
            serde_json::Value::Object(article.properties.clone())
        );
    }
    assert_eq!(found.len(), report.succeeded());
    println!("quickstart done: {} articles read back", found.len());
    Ok(())
}
