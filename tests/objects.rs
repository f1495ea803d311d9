//! Single-object operations and references over REST against the real server.

mod common;

use serde_json::json;
use uuid::Uuid;
use weaviate_orm::data::{Beacon, NewObject, Vector};
use weaviate_orm::schema::CollectionConfig;
use weaviate_orm::{Client, Error};

/// A collection with two named vectors: `own` (brought by the user, 3 dims) and `multi` (multi-vector).
async fn create(client: &Client, prefix: &str) -> String {
    let name = common::unique(prefix);
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "properties": [
            {"name": "title", "dataType": ["text"]},
            {"name": "views", "dataType": ["int"]},
            {"name": "tags", "dataType": ["text[]"]},
            {"name": "published", "dataType": ["date"]}
        ],
        "vectorConfig": {
            "own": {"vectorizer": {"none": {}}, "vectorIndexType": "hnsw"},
            "multi": {"vectorizer": {"none": {}}, "vectorIndexType": "hnsw",
                      "vectorIndexConfig": {"multivector": {"enabled": true}}}
        }
    }))
    .unwrap();
    client.collections().create(&config).await.unwrap();
    name
}

#[tokio::test]
async fn insert_get_exists_replace_update_delete() {
    let client = common::client().await;
    let name = create(&client, "Obj").await;
    let data = client.collection(&name).data();

    let id = Uuid::new_v4();
    let obj = NewObject::new(json!({
        "title": "Hello", "views": 3, "tags": ["a", "b"], "published": "2024-05-01T10:00:00.123Z"
    }))
    .unwrap()
    .id(id)
    .named_vector("own", vec![0.1, 0.2, 0.3])
    .named_vector("multi", vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
    assert_eq!(data.insert(obj.clone()).await.unwrap(), id);
    assert!(data.exists(id).await.unwrap());
    assert!(!data.exists(Uuid::new_v4()).await.unwrap());

    let got = data
        .get(id)
        .with_vectors()
        .await
        .unwrap()
        .expect("the object exists");
    assert_eq!(got.id, id);
    assert_eq!(got.collection, name);
    assert_eq!(
        serde_json::Value::Object(got.properties.clone()),
        json!({"title": "Hello", "views": 3, "tags": ["a", "b"], "published": "2024-05-01T10:00:00.123Z"})
    );
    assert_eq!(
        got.vectors.get("own"),
        Some(&Vector::Single(vec![0.1, 0.2, 0.3]))
    );
    assert_eq!(
        got.vectors.get("multi"),
        Some(&Vector::Multi(vec![vec![1.0, 0.0], vec![0.0, 1.0]]))
    );
    assert!(got.metadata.creation_time.is_some());
    let without = data.get(id).await.unwrap().expect("the object exists");
    assert!(without.vectors.is_empty());

    // inserting the same id again
    let err = data.insert(obj).await.unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");

    // PATCH keeps other properties
    data.update(id, NewObject::new(json!({"views": 4})).unwrap())
        .await
        .unwrap();
    let got = data.get(id).await.unwrap().expect("the object exists");
    assert_eq!(got.properties["views"], json!(4));
    assert_eq!(got.properties["title"], json!("Hello"));

    // PUT replaces everything
    data.replace(
        id,
        NewObject::new(json!({"title": "Replaced"}))
            .unwrap()
            .named_vector("own", vec![1.0, 0.0, 0.0]),
    )
    .await
    .unwrap();
    let got = data
        .get(id)
        .with_vectors()
        .await
        .unwrap()
        .expect("the object exists");
    assert_eq!(
        serde_json::Value::Object(got.properties),
        json!({"title": "Replaced"})
    );
    assert_eq!(
        got.vectors.get("own"),
        Some(&Vector::Single(vec![1.0, 0.0, 0.0]))
    );

    assert!(data.delete(id).await.unwrap(), "it was there");
    assert!(!data.exists(id).await.unwrap());
    assert!(data.get(id).await.unwrap().is_none());
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn a_missing_object_reads_none_deletes_false_and_cannot_change() {
    let client = common::client().await;
    let name = create(&client, "Missing").await;
    let data = client.collection(&name).data();
    let missing = Uuid::new_v4();
    assert!(!data.delete(missing).await.unwrap(), "nothing to delete");
    assert!(data.get(missing).await.unwrap().is_none());
    let err = data
        .update(missing, NewObject::new(json!({"views": 1})).unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn validate_and_server_rejections_keep_the_server_message() {
    let client = common::client().await;
    let name = create(&client, "Valid").await;
    let data = client.collection(&name).data();
    data.validate(NewObject::new(json!({"title": "fine", "views": 1})).unwrap())
        .await
        .unwrap();
    let bad = NewObject::new(json!({"views": "not a number"})).unwrap();
    let err = data.validate(&bad).await.unwrap_err();
    match &err {
        Error::Rejected {
            status: weaviate_orm::Status::Http(422),
            message,
        } => assert!(message.contains("views"), "{message}"),
        other => panic!("expected Rejected, got {other:?}"),
    }
    let err = data.insert(bad).await.unwrap_err();
    assert!(matches!(err, Error::Rejected { .. }), "{err:?}");
    // nothing stored
    assert!(
        client
            .collection(&name)
            .query()
            .fetch_objects()
            .await
            .unwrap()
            .is_empty()
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn bad_values_fail_before_sending() {
    let client = common::client().await;
    let name = create(&client, "BadVal").await;
    let data = client.collection(&name).data();
    let nan = NewObject::new(json!({"title": "x"}))
        .unwrap()
        .named_vector("own", vec![f32::NAN, 0.0, 0.0]);
    let err = data.insert(nan).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let huge = NewObject::new(json!({"views": 9007199254740993u64})).unwrap();
    let err = data.insert(huge).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains("views")),
        "{err:?}"
    );
    assert!(
        client
            .collection(&name)
            .query()
            .fetch_objects()
            .await
            .unwrap()
            .is_empty()
    );
    let err = client
        .collection("bad name")
        .data()
        .exists(Uuid::nil())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn references_add_replace_delete() {
    let client = common::client().await;
    let author = common::unique("Author");
    let book = common::unique("Book");
    let author_cfg: CollectionConfig = serde_json::from_value(
        json!({"class": author, "properties": [{"name": "name", "dataType": ["text"]}]}),
    )
    .unwrap();
    client.collections().create(&author_cfg).await.unwrap();
    let book_cfg: CollectionConfig = serde_json::from_value(json!({
        "class": book,
        "properties": [{"name": "title", "dataType": ["text"]}, {"name": "writtenBy", "dataType": [author]}]
    }))
    .unwrap();
    client.collections().create(&book_cfg).await.unwrap();

    let authors = client.collection(&author).data();
    let a1 = authors
        .insert(NewObject::new(json!({"name": "Ann"})).unwrap())
        .await
        .unwrap();
    let a2 = authors
        .insert(NewObject::new(json!({"name": "Bob"})).unwrap())
        .await
        .unwrap();
    let books = client.collection(&book).data();
    let b = books
        .insert(NewObject::new(json!({"title": "Rust"})).unwrap())
        .await
        .unwrap();

    let beacons = |obj: &weaviate_orm::data::Object| -> Vec<String> {
        let mut v: Vec<String> = obj
            .properties
            .get("writtenBy")
            .and_then(|v| v.as_array())
            .map_or(vec![], |refs| {
                refs.iter()
                    .map(|r| r["beacon"].as_str().unwrap().to_owned())
                    .collect()
            });
        v.sort();
        v
    };
    let beacon = |id: Uuid| format!("weaviate://localhost/{author}/{id}");

    books
        .reference_add(b, "writtenBy", Beacon::new(&author, a1))
        .await
        .unwrap();
    books
        .reference_add(b, "writtenBy", Beacon::new(&author, a2))
        .await
        .unwrap();
    let mut both = vec![beacon(a1), beacon(a2)];
    both.sort();
    assert_eq!(beacons(&books.get(b).await.unwrap().unwrap()), both);

    books
        .reference_delete(b, "writtenBy", Beacon::new(&author, a1))
        .await
        .unwrap();
    assert_eq!(
        beacons(&books.get(b).await.unwrap().unwrap()),
        vec![beacon(a2)]
    );

    books
        .reference_replace(b, "writtenBy", [Beacon::new(&author, a1)])
        .await
        .unwrap();
    assert_eq!(
        beacons(&books.get(b).await.unwrap().unwrap()),
        vec![beacon(a1)]
    );

    books
        .reference_replace(b, "writtenBy", Vec::<Beacon>::new())
        .await
        .unwrap();
    assert!(beacons(&books.get(b).await.unwrap().unwrap()).is_empty());

    let err = books
        .reference_add(b, "noSuchProp", Beacon::new(&author, a1))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Rejected { .. } | Error::NotFound { .. }),
        "{err:?}"
    );
    client.collections().delete(&book).await.unwrap();
    client.collections().delete(&author).await.unwrap();
}

#[tokio::test]
async fn default_vector_of_a_collection_without_named_vectors() {
    let client = common::client().await;
    let name = common::unique("Legacy");
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name, "vectorizer": "none", "properties": [{"name": "title", "dataType": ["text"]}]
    }))
    .unwrap();
    client.collections().create(&config).await.unwrap();
    let data = client.collection(&name).data();
    let id = data
        .insert(
            NewObject::new(json!({"title": "x"}))
                .unwrap()
                .vector(vec![0.5, 0.25]),
        )
        .await
        .unwrap();
    let got = data
        .get(id)
        .with_vectors()
        .await
        .unwrap()
        .expect("the object exists");
    let vector = got
        .vectors
        .default
        .clone()
        .or_else(|| match got.vectors.get("default") {
            Some(Vector::Single(v)) => Some(v.clone()),
            _ => None,
        })
        .expect("the default vector reads back");
    assert_eq!(vector, vec![0.5, 0.25]);
    client.collections().delete(&name).await.unwrap();
}
