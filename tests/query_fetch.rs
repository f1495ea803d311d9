//! Fetching objects over gRPC: limit, offset, cursor, returned properties, metadata and vectors.

mod common;

use std::collections::HashSet;

use serde_json::json;
use uuid::Uuid;
use weaviate_orm::data::{NewObject, Vector};
use weaviate_orm::query::MetadataQuery;
use weaviate_orm::schema::CollectionConfig;
use weaviate_orm::{Client, Error};

/// Ids in ascending order, so insertion order and id order agree.
fn id(i: usize) -> Uuid {
    Uuid::from_u128(0x1000_0000_0000_4000_8000_0000_0000_0000 + i as u128)
}

async fn seeded(client: &Client, n: usize) -> String {
    let name = common::unique("Fetch");
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "properties": [
            {"name": "title", "dataType": ["text"]},
            {"name": "rank", "dataType": ["int"]},
            {"name": "score", "dataType": ["number"]},
            {"name": "tags", "dataType": ["text[]"]},
            {"name": "flags", "dataType": ["boolean[]"]},
            {"name": "when", "dataType": ["date"]},
            {"name": "place", "dataType": ["geoCoordinates"]},
            {"name": "meta", "dataType": ["object"], "nestedProperties": [
                {"name": "source", "dataType": ["text"]}, {"name": "counts", "dataType": ["int[]"]}
            ]}
        ],
        "vectorConfig": {"own": {"vectorizer": {"none": {}}, "vectorIndexType": "flat"}}
    }))
    .unwrap();
    client.collections().create(&config).await.unwrap();
    let objects = (0..n).map(|i| {
        NewObject::new(json!({
            "title": format!("object {i}"), "rank": i, "score": i as f64 / 2.0, "tags": ["t", format!("n{i}")],
            "flags": [true, i % 2 == 0], "when": "2024-01-02T03:04:05.678Z",
            "place": {"latitude": 52.52, "longitude": 13.405},
            "meta": {"source": "seed", "counts": [i, i + 1]}
        }))
        .unwrap()
        .id(id(i))
        .named_vector("own", vec![i as f32, 1.0, 0.5])
    });
    let report = client
        .collection(&name)
        .batch()
        .insert_many(objects)
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    name
}

fn numbers_as_f64(v: &serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) => json!(n.as_f64().unwrap()),
        Value::Array(a) => Value::Array(a.iter().map(numbers_as_f64).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), numbers_as_f64(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn ids(objects: &[weaviate_orm::data::Object]) -> Vec<Uuid> {
    objects.iter().map(|o| o.id).collect()
}

#[tokio::test]
async fn limit_offset_and_cursor() {
    let client = common::client().await;
    let name = seeded(&client, 25).await;
    let q = client.collection(&name);

    let first = q.query().fetch_objects().limit(10).await.unwrap();
    assert_eq!(ids(&first), (0..10).map(id).collect::<Vec<_>>());
    let page = q.query().fetch_objects().offset(5).limit(5).await.unwrap();
    assert_eq!(ids(&page), (5..10).map(id).collect::<Vec<_>>());
    let after = q
        .query()
        .fetch_objects()
        .after(id(9))
        .limit(10)
        .await
        .unwrap();
    assert_eq!(ids(&after), (10..20).map(id).collect::<Vec<_>>());

    // a cursor walk returns every object exactly once
    let mut seen = Vec::new();
    let mut cursor: Option<Uuid> = None;
    loop {
        let mut req = q.query().fetch_objects().limit(7);
        if let Some(c) = cursor {
            req = req.after(c);
        }
        let page = req.await.unwrap();
        if page.is_empty() {
            break;
        }
        cursor = page.last().map(|o| o.id);
        seen.extend(ids(&page));
    }
    assert_eq!(seen, (0..25).map(id).collect::<Vec<_>>());
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 25);

    let err = q
        .query()
        .fetch_objects()
        .after(id(1))
        .offset(1)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn properties_of_every_kind_decode_like_rest() {
    let client = common::client().await;
    let name = seeded(&client, 3).await;
    let q = client.collection(&name);
    let objects = q.query().fetch_objects().await.unwrap();
    assert_eq!(objects.len(), 3);
    for o in &objects {
        let rest = q.data().get(o.id).await.unwrap().expect("stored");
        // REST prints whole floats as integers (`0` for 0.0): compare numbers by value.
        assert_eq!(
            numbers_as_f64(&serde_json::Value::Object(o.properties.clone())),
            numbers_as_f64(&serde_json::Value::Object(rest.properties)),
            "gRPC and REST disagree on {}",
            o.id
        );
    }
    assert_eq!(
        serde_json::Value::Object(objects[2].properties.clone()),
        json!({
            "title": "object 2", "rank": 2, "score": 1.0, "tags": ["t", "n2"], "flags": [true, true],
            "when": "2024-01-02T03:04:05.678Z", "place": {"latitude": 52.52, "longitude": 13.405},
            "meta": {"source": "seed", "counts": [2, 3]}
        })
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn returned_properties_metadata_and_vectors() {
    let client = common::client().await;
    let name = seeded(&client, 3).await;
    let q = client.collection(&name);

    let only_title = q
        .query()
        .fetch_objects()
        .return_properties(["title"])
        .await
        .unwrap();
    assert!(
        only_title
            .iter()
            .all(|o| o.properties.keys().collect::<Vec<_>>() == ["title"])
    );
    assert!(
        only_title
            .iter()
            .all(|o| o.vectors.is_empty() && o.metadata.creation_time.is_none())
    );

    let none = q
        .query()
        .fetch_objects()
        .return_properties(Vec::<String>::new())
        .await
        .unwrap();
    assert!(none.iter().all(|o| o.properties.is_empty()));

    let with_meta = q
        .query()
        .fetch_objects()
        .return_metadata(MetadataQuery::default().creation_time().update_time())
        .include_vectors(["own"])
        .await
        .unwrap();
    for (i, o) in with_meta.iter().enumerate() {
        let created = o.metadata.creation_time.expect("creation time requested");
        assert!(o.metadata.update_time.expect("update time requested") >= created);
        assert_eq!(
            o.vectors.get("own"),
            Some(&Vector::Single(vec![i as f32, 1.0, 0.5]))
        );
    }
    let err = q
        .query()
        .fetch_objects()
        .return_properties(["not valid"])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn fetching_a_missing_collection_keeps_the_server_message() {
    let client = common::client().await;
    let missing = common::unique("Nope");
    let err = client
        .collection(&missing)
        .query()
        .fetch_objects()
        .await
        .unwrap_err();
    assert!(err.to_string().contains(&missing), "{err:?}");
}

#[tokio::test]
async fn replies_larger_than_tonics_4_mib_default_decode() {
    // The client raises its gRPC limits to the server's max message size read from /v1/meta.
    let client = common::client().await;
    assert!(client.cached_meta().unwrap().grpc_max_message_size.unwrap() > 8 << 20);
    let name = common::unique("Big");
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "properties": [{"name": "n", "dataType": ["int"]}],
        "vectorConfig": {"own": {"vectorizer": {"none": {}}, "vectorIndexType": "flat"}}
    }))
    .unwrap();
    client.collections().create(&config).await.unwrap();
    let dims = 1024;
    let objects = (0..1300).map(|i| {
        NewObject::new(json!({"n": i}))
            .unwrap()
            .named_vector("own", vec![i as f32; dims])
    });
    let report = client
        .collection(&name)
        .batch()
        .insert_many(objects)
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors.first());
    let all = client
        .collection(&name)
        .query()
        .fetch_objects()
        .limit(2000)
        .include_vectors(["own"])
        .await
        .unwrap();
    assert_eq!(all.len(), 1300);
    let bytes: usize = all
        .iter()
        .map(|o| match o.vectors.get("own") {
            Some(Vector::Single(v)) => v.len() * 4,
            _ => 0,
        })
        .sum();
    assert!(bytes > 5 << 20, "reply carried only {bytes} vector bytes");
    client.collections().delete(&name).await.unwrap();
}
