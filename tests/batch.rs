//! Plain batch inserts over gRPC BatchObjects against the real server.

mod common;

use std::collections::HashMap;

use serde_json::json;
use uuid::Uuid;
use weaviate_orm::Client;
use weaviate_orm::batch::BatchErrorKind;
use weaviate_orm::data::NewObject;
use weaviate_orm::schema::CollectionConfig;

async fn create(client: &Client) -> String {
    let name = common::unique("Batch");
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "properties": [{"name": "title", "dataType": ["text"]}, {"name": "n", "dataType": ["int"]}],
        "vectorConfig": {"own": {"vectorizer": {"none": {}}, "vectorIndexType": "flat"}}
    }))
    .unwrap();
    client.collections().create(&config).await.unwrap();
    name
}

async fn all(client: &Client, name: &str) -> HashMap<Uuid, serde_json::Value> {
    let mut out = HashMap::new();
    let mut cursor = None;
    loop {
        let mut req = client.collection(name).query().fetch_objects().limit(1000);
        if let Some(c) = cursor {
            req = req.after(c);
        }
        let page = req.await.unwrap();
        let Some(last) = page.last() else { break };
        cursor = Some(last.id);
        for o in page {
            out.insert(o.id, serde_json::Value::Object(o.properties));
        }
    }
    out
}

#[tokio::test]
async fn a_thousand_objects_arrive_exactly() {
    let client = common::client().await;
    let name = create(&client).await;
    let ids: Vec<Uuid> = (0..1000).map(|_| Uuid::new_v4()).collect();
    let objects: Vec<NewObject> = (0..1000)
        .map(|i| {
            NewObject::new(json!({"title": format!("t{i}"), "n": i}))
                .unwrap()
                .id(ids[i])
                .named_vector("own", vec![i as f32, 0.0])
        })
        .collect();
    let report = client
        .collection(&name)
        .batch()
        .insert_many(objects)
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    assert_eq!(report.succeeded(), 1000);
    let stored = all(&client, &name).await;
    assert_eq!(stored.len(), 1000);
    for (i, id) in ids.iter().enumerate() {
        assert_eq!(stored[id], json!({"title": format!("t{i}"), "n": i}));
    }
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn invalid_objects_are_reported_by_index_and_the_rest_is_stored() {
    let client = common::client().await;
    let name = create(&client).await;
    let ids: Vec<Uuid> = (0..10).map(|_| Uuid::new_v4()).collect();
    let objects = (0..10).map(|i| {
        let object = match i {
            3 => NewObject::new(json!({"title": "bad", "n": "not an int"})).unwrap(),
            5 => NewObject::new(json!({"title": "nan"}))
                .unwrap()
                .named_vector("own", vec![f32::NAN, 0.0]),
            7 => NewObject::new(json!({"title": "unknown", "nope": 1})).unwrap(),
            _ => NewObject::new(json!({"title": format!("ok{i}"), "n": i})).unwrap(),
        };
        object.id(ids[i])
    });
    let report = client
        .collection(&name)
        .batch()
        .insert_many(objects)
        .await
        .unwrap();
    assert_eq!(
        report.errors.iter().map(|e| e.index).collect::<Vec<_>>(),
        [3, 5, 7]
    );
    for e in &report.errors {
        assert_eq!(e.id, ids[e.index]);
        assert!(!e.message.is_empty());
    }
    assert!(
        report.errors[0].message.contains('n'),
        "{}",
        report.errors[0].message
    );
    assert!(
        report.errors[1].message.contains("non-finite"),
        "{}",
        report.errors[1].message
    );
    assert!(
        report.errors[2].message.contains("nope"),
        "{}",
        report.errors[2].message
    );
    // The server refused 3 and 7; the client refused 5 (a NaN) before sending.
    let kinds: Vec<BatchErrorKind> = report.errors.iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            BatchErrorKind::Rejected,
            BatchErrorKind::Invalid,
            BatchErrorKind::Rejected
        ]
    );
    assert!(
        report
            .to_string()
            .starts_with("7 of 10 objects stored, 3 failed (1 invalid, 2 rejected) in "),
        "{report}"
    );
    assert_eq!(report.succeeded(), 7);
    let stored = all(&client, &name).await;
    let failed: Vec<usize> = report.errors.iter().map(|e| e.index).collect();
    let mut expected: Vec<Uuid> = (0..10)
        .filter(|i| !failed.contains(i))
        .map(|i| ids[i])
        .collect();
    let mut got: Vec<Uuid> = stored.keys().copied().collect();
    expected.sort();
    got.sort();
    assert_eq!(got, expected);
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn a_batch_to_a_missing_collection_reports_every_object() {
    let client = common::client().await;
    let missing = common::unique("NoBatch");
    let objects = (0..3).map(|i| NewObject::new(json!({"n": i})).unwrap());
    match client
        .collection(&missing)
        .batch()
        .insert_many(objects)
        .await
    {
        Ok(report) => {
            assert_eq!(report.failed(), 3);
            assert!(
                report
                    .errors
                    .iter()
                    .all(|e| e.message.contains(&missing) && e.kind == BatchErrorKind::Rejected),
                "{:?}",
                report.errors
            );
        }
        Err(e) => assert!(e.to_string().contains(&missing), "{e:?}"),
    }
}
