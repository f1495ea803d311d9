//! `delete_all` wipes every collection, so it lives alone in its own test binary (cargo runs test
//! binaries one after another).

mod common;

use weaviate_orm::schema::{CollectionConfig, DataType, Property};

#[tokio::test]
async fn delete_all_removes_every_collection() {
    let client = common::client().await;
    let names: Vec<String> = (0..3).map(|_| common::unique("Wipe")).collect();
    for name in &names {
        let config = CollectionConfig::new(name).property(Property::new("title", DataType::Text));
        client.collections().create(&config).await.unwrap();
    }
    let before = client.collections().list().await.unwrap();
    assert!(names.iter().all(|n| before.iter().any(|c| &c.name == n)));
    client.collections().delete_all().await.unwrap();
    assert!(client.collections().list().await.unwrap().is_empty());
    for name in &names {
        assert!(!client.collections().exists(name).await.unwrap());
    }
}
