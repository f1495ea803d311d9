//! Collection management against the real server.

mod common;

use std::time::Duration;

use serde_json::json;
use weaviate_orm::schema::{CollectionConfig, DataType, Property};
use weaviate_orm::{ClientBuilder, Error};

fn article(name: &str) -> CollectionConfig {
    CollectionConfig::new(name)
        .description("News articles")
        .property(Property::new("title", DataType::Text))
        .property(Property::new("views", DataType::Int))
}

#[tokio::test]
async fn create_get_exists_list_delete() {
    let client = common::client().await;
    let name = common::unique("Coll");
    let config = article(&name);

    let created = client.collections().create(&config).await.unwrap();
    assert_eq!(created.name, name);
    assert!(client.collections().exists(&name).await.unwrap());
    let read = client.collections().get(&name).await.unwrap();
    assert_eq!(read.name, name);
    assert_eq!(
        read.properties
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["title", "views"]
    );
    let all = client.collections().list().await.unwrap();
    assert!(all.iter().any(|c| c.name == name));

    client.collections().delete(&name).await.unwrap();
    assert!(!client.collections().exists(&name).await.unwrap());
    let err = client.collections().get(&name).await.unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { message } if message.contains(&name)),
        "{err:?}"
    );
    let err = client.collections().delete(&name).await.unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

#[tokio::test]
async fn creating_an_existing_collection_is_already_exists_with_the_server_message() {
    let client = common::client().await;
    let name = common::unique("Dup");
    client.collections().create(&article(&name)).await.unwrap();
    let err = client
        .collections()
        .create(&article(&name))
        .await
        .unwrap_err();
    match &err {
        Error::AlreadyExists { message } => assert!(message.contains(&name), "{message}"),
        other => panic!("expected AlreadyExists, got {other:?}"),
    }
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn created_config_reads_back_equal_after_server_defaults() {
    let client = common::client().await;
    let name = common::unique("RoundTrip");
    let config = article(&name);
    client.collections().create(&config).await.unwrap();
    let live = client.collections().get(&name).await.unwrap();
    let desired = config.with_server_defaults();
    assert_eq!(
        desired.normalized_for_compare(),
        live.normalized_for_compare(),
        "desired:\n{}\nlive:\n{}",
        serde_json::to_string_pretty(&desired).unwrap(),
        serde_json::to_string_pretty(&live).unwrap()
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn richer_config_with_named_vectors_reads_back_equal_after_server_defaults() {
    let client = common::client().await;
    let name = common::unique("Rich");
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "description": "every kind of setting",
        "properties": [
            {"name": "title", "dataType": ["text"], "tokenization": "lowercase"},
            {"name": "body", "dataType": ["text"], "indexFilterable": false},
            {"name": "tags", "dataType": ["text[]"], "tokenization": "field"},
            {"name": "views", "dataType": ["int"], "indexRangeFilters": true},
            {"name": "score", "dataType": ["number"]},
            {"name": "published", "dataType": ["date"]},
            {"name": "place", "dataType": ["geoCoordinates"]},
            {"name": "author", "dataType": ["object"], "nestedProperties": [
                {"name": "name", "dataType": ["text"]},
                {"name": "age", "dataType": ["int"]}
            ]}
        ],
        "vectorConfig": {
            "title_vec": {
                "vectorizer": {"text2vec-bigram": {"properties": ["title"]}},
                "vectorIndexType": "hnsw",
                "vectorIndexConfig": {"distance": "cosine", "efConstruction": 64}
            },
            "own": {
                "vectorizer": {"none": {}},
                "vectorIndexType": "flat"
            }
        },
        "invertedIndexConfig": {"bm25": {"b": 0.7, "k1": 1.1}, "indexTimestamps": true},
        "replicationConfig": {"factor": 1}
    }))
    .unwrap();
    client.collections().create(&config).await.unwrap();
    let live = client.collections().get(&name).await.unwrap();
    assert_eq!(
        config.with_server_defaults().normalized_for_compare(),
        live.normalized_for_compare(),
        "live:\n{}",
        serde_json::to_string_pretty(&live).unwrap()
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn update_keeps_everything_and_changes_what_was_asked() {
    let client = common::client().await;
    let name = common::unique("Upd");
    client.collections().create(&article(&name)).await.unwrap();
    let before = client.collections().get(&name).await.unwrap();

    let updated = client
        .collections()
        .update(&name, |c| c.description = Some("Changed".into()))
        .await
        .unwrap();
    assert_eq!(updated.description.as_deref(), Some("Changed"));
    let after = client.collections().get(&name).await.unwrap();
    assert_eq!(after.description.as_deref(), Some("Changed"));
    let mut expected = before.clone();
    expected.description = Some("Changed".into());
    assert_eq!(
        serde_json::to_value(expected.normalized_for_compare()).unwrap(),
        serde_json::to_value(after.normalized_for_compare()).unwrap()
    );

    // an immutable change is refused with the server's message
    let err = client
        .collections()
        .update(&name, |c| c.properties[0].data_type = DataType::Int)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Rejected { .. }), "{err:?}");

    let err = client
        .collections()
        .update(&name, |c| c.name = "Other".into())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let err = client
        .collections()
        .update(&common::unique("Missing"), |_| {})
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn add_property() {
    let client = common::client().await;
    let name = common::unique("AddProp");
    client.collections().create(&article(&name)).await.unwrap();
    let added = client
        .collections()
        .add_property(&name, &Property::new("summary", DataType::Text))
        .await
        .unwrap();
    assert_eq!(added.name, "summary");
    let live = client.collections().get(&name).await.unwrap();
    let summary = live
        .properties
        .iter()
        .find(|p| p.name == "summary")
        .expect("property added");
    assert_eq!(summary.data_type, DataType::Text);

    let err = client
        .collections()
        .add_property(&name, &Property::new("title", DataType::Text))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Rejected { .. } | Error::AlreadyExists { .. }),
        "{err:?}"
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn bad_names_fail_before_any_request() {
    // No server listens here: an InvalidInput proves nothing was sent.
    let client = ClientBuilder::custom("http://127.0.0.1:9", "http://127.0.0.1:9")
        .skip_init_checks(true)
        .connect_timeout(Duration::from_millis(200))
        .build()
        .await
        .unwrap();
    let err = client
        .collections()
        .create(&article("lowercase"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains("lowercase")),
        "{err:?}"
    );
    let bad_prop =
        CollectionConfig::new("Fine").property(Property::new("has space", DataType::Text));
    let err = client.collections().create(&bad_prop).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let err = client.collections().get("no-dashes").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let err = client
        .collections()
        .add_property("Fine", &Property::new("1x", DataType::Int))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
}
