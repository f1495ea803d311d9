//! The streaming batch importer against the real server: volume, every mode, failures reported exactly,
//! several collections, bounded memory (backpressure), request splitting, references and delete-many.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use uuid::Uuid;
use weaviate_orm::Client;
use weaviate_orm::batch::{BatchErrorKind, BatchMode, BatchReference};
use weaviate_orm::data::{Beacon, NewObject};
use weaviate_orm::filter::{Filter, Untyped};
use weaviate_orm::schema::CollectionConfig;

/// A collection with a title, an int, a boolean and a flat-indexed default vector.
async fn create(client: &Client, prefix: &str) -> String {
    let name = common::unique(prefix);
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "vectorizer": "none",
        "vectorIndexType": "flat",
        "properties": [
            {"name": "title", "dataType": ["text"]},
            {"name": "n", "dataType": ["int"]},
            {"name": "even", "dataType": ["boolean"]}
        ]
    }))
    .unwrap();
    client.collections().create(&config).await.unwrap();
    name
}

fn id_of(i: usize) -> Uuid {
    Uuid::from_u128((0xBA7C_u128 << 112) | i as u128)
}

fn properties(i: usize) -> Value {
    json!({"title": format!("object {i}"), "n": i, "even": i % 2 == 0})
}

fn vector(i: usize) -> Vec<f32> {
    vec![i as f32, 1.0 / (i as f32 + 1.0), -0.5]
}

fn object(i: usize) -> NewObject {
    NewObject::new(properties(i))
        .unwrap()
        .id(id_of(i))
        .vector(vector(i))
}

/// Every object of `name`, by id: (properties, default vector).
async fn read_all(client: &Client, name: &str) -> HashMap<Uuid, (Value, Option<Vec<f32>>)> {
    let mut out = HashMap::new();
    let mut cursor = None;
    loop {
        let mut req = client
            .collection(name)
            .query()
            .fetch_objects()
            .limit(2000)
            .include_vector();
        if let Some(c) = cursor {
            req = req.after(c);
        }
        let page = req.await.unwrap();
        let Some(last) = page.last() else { break };
        cursor = Some(last.id);
        for o in page {
            let previous = out.insert(o.id, (Value::Object(o.properties), o.vectors.default));
            assert!(previous.is_none(), "object {} read twice", o.id);
        }
    }
    out
}

/// Checks that `name` holds exactly the objects `expected` (by index), with their content.
async fn assert_exactly(client: &Client, name: &str, expected: impl IntoIterator<Item = usize>) {
    let stored = read_all(client, name).await;
    let expected: Vec<usize> = expected.into_iter().collect();
    assert_eq!(stored.len(), expected.len(), "object count of {name}");
    for i in expected {
        let (props, vec) = stored
            .get(&id_of(i))
            .unwrap_or_else(|| panic!("object {i} is missing"));
        assert_eq!(props, &properties(i), "properties of object {i}");
        assert_eq!(
            vec.as_deref(),
            Some(vector(i).as_slice()),
            "vector of object {i}"
        );
    }
}

#[tokio::test]
async fn fifty_thousand_objects_arrive_exactly_then_half_are_deleted() {
    let client = common::client().await;
    let name = create(&client, "Import").await;
    let progress_calls = Arc::new(AtomicUsize::new(0));
    let calls = progress_calls.clone();
    let report = client
        .collection(&name)
        .batch()
        .on_progress(move |p| {
            assert!(p.succeeded + p.failed <= p.read);
            calls.fetch_add(1, Ordering::Relaxed);
        })
        .insert_many((0..50_000).map(object))
        .await
        .unwrap();
    assert!(
        report.is_success(),
        "{report}: {:?}",
        &report.errors[..report.errors.len().min(5)]
    );
    assert_eq!(report.objects, 50_000);
    assert_eq!(report.succeeded(), 50_000);
    // The default on Weaviate 1.36+.
    assert_eq!(report.mode, BatchMode::ServerSide);
    assert!(report.to_string().ends_with("server-side)"), "{report}");
    assert!(report.objects_per_second() > 0.0);
    assert!(
        progress_calls.load(Ordering::Relaxed) >= 50,
        "a progress call per request"
    );
    assert_exactly(&client, &name, 0..50_000).await;

    // Delete the 25,000 odd ones: more than the server deletes per call (10,000), so in rounds.
    let batch = client.collection(&name).batch();
    let dry = batch
        .delete_many(Filter::<Untyped>::property("even").equal(false))
        .dry_run(true)
        .await
        .unwrap();
    assert_eq!((dry.matches, dry.deleted, dry.dry_run), (25_000, 0, true));
    let done = batch
        .delete_many(Filter::<Untyped>::property("even").equal(false))
        .await
        .unwrap();
    assert_eq!(
        (done.matches, done.deleted, done.failed),
        (25_000, 25_000, 0)
    );
    assert!(done.rounds >= 3, "{done:?}");
    assert_exactly(&client, &name, (0..50_000).step_by(2)).await;
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn every_mode_imports_exactly() {
    let client = common::client().await;
    for mode in [
        BatchMode::fixed(97, 3),
        BatchMode::dynamic(),
        BatchMode::server_side(),
    ] {
        let name = create(&client, "Mode").await;
        let report = client
            .collection(&name)
            .batch()
            .mode(mode)
            .insert_many((0..3_000).map(object))
            .await
            .unwrap();
        assert!(report.is_success(), "{mode}: {report} {:?}", report.errors);
        assert_eq!(report.succeeded(), 3_000, "{mode}");
        assert_eq!(report.mode, mode);
        assert_exactly(&client, &name, 0..3_000).await;
        client.collections().delete(&name).await.unwrap();
    }
}

/// 2,000 objects, every 50th invalid in one of five ways (two found by the client, three by the server).
fn mixed(i: usize) -> NewObject {
    if i % 50 != 7 {
        return object(i);
    }
    match (i / 50) % 5 {
        0 => NewObject::new(json!({"title": "bad int", "n": "not a number"})).unwrap(),
        1 => NewObject::new(json!({"title": "unknown", "nope": 1})).unwrap(),
        2 => NewObject::new(json!({"title": "too big", "n": 9_007_199_254_740_993u64})).unwrap(),
        3 => NewObject::new(json!({"title": "nan"}))
            .unwrap()
            .vector(vec![f32::NAN, 0.0, 0.0]),
        _ => NewObject::new(json!({"title": "wrong type", "even": "yes"})).unwrap(),
    }
    .id(id_of(i))
}

#[tokio::test]
async fn only_the_invalid_objects_are_reported_with_messages_and_the_rest_is_stored() {
    let client = common::client().await;
    for mode in [BatchMode::fixed(1000, 2), BatchMode::server_side()] {
        let name = create(&client, "Mixed").await;
        let report = client
            .collection(&name)
            .batch()
            .mode(mode)
            .insert_many((0..2_000).map(mixed))
            .await
            .unwrap();
        let invalid: Vec<usize> = (0..2_000).filter(|i| i % 50 == 7).collect();
        assert_eq!(
            report.errors.iter().map(|e| e.index).collect::<Vec<_>>(),
            invalid,
            "{mode}: {:?}",
            report.errors
        );
        assert_eq!(report.succeeded(), 2_000 - invalid.len(), "{mode}");
        assert!(report.aborted.is_none() && !report.is_success());
        for e in &report.errors {
            assert_eq!(e.id, id_of(e.index));
            let expected = match (e.index / 50) % 5 {
                0 => "n",
                1 => "nope",
                2 => "2^53",
                3 => "non-finite",
                _ => "even",
            };
            assert!(
                e.message.contains(expected),
                "{mode}: object {}: {:?} should mention {expected}",
                e.index,
                e.message
            );
            // Client-side refusals are never sent; the server's are not retried (not transient),
            // though in server-side mode a message with errors is sent again over BatchObjects
            // for exact per-object results.
            let local = matches!((e.index / 50) % 5, 2 | 3);
            let expected = match (local, mode) {
                (true, _) => 0,
                (false, BatchMode::ServerSide) => 2,
                (false, _) => 1,
            };
            assert_eq!(e.attempts, expected, "{mode}: {e:?}");
            let kind = if local {
                BatchErrorKind::Invalid
            } else {
                BatchErrorKind::Rejected
            };
            assert_eq!(e.kind, kind, "{mode}: {e:?}");
        }
        assert!(
            report
                .to_string()
                .contains("40 failed (16 invalid, 24 rejected)"),
            "{mode}: {report}"
        );
        let valid = (0..2_000).filter(|i| i % 50 != 7);
        assert_exactly(&client, &name, valid).await;
        client.collections().delete(&name).await.unwrap();
    }
}

/// Weaviate 1.39's server-side batching fans objects of a collection with a vectorizer out to 10
/// sub-batches and attributes their per-object errors by completion order, so its results can name the
/// wrong objects; the importer must still report exactly the failed ones.
#[tokio::test]
async fn errors_in_a_vectorized_collection_are_attributed_exactly() {
    let client = common::client().await;
    let name = common::unique("Vectorized");
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "vectorizer": "text2vec-bigram",
        "vectorIndexType": "flat",
        "properties": [
            {"name": "title", "dataType": ["text"]},
            {"name": "n", "dataType": ["int"]},
            {"name": "even", "dataType": ["boolean"]}
        ]
    }))
    .unwrap();
    client.collections().create(&config).await.unwrap();
    let item = |i: usize| {
        let props = if i % 37 == 5 {
            json!({"title": format!("bad {i}"), "n": "not a number"})
        } else {
            properties(i)
        };
        NewObject::new(props).unwrap().id(id_of(i))
    };
    for mode in [BatchMode::server_side(), BatchMode::fixed(250, 2)] {
        let report = client
            .collection(&name)
            .batch()
            .mode(mode)
            .insert_many((0..2_000).map(item))
            .await
            .unwrap();
        let invalid: Vec<usize> = (0..2_000).filter(|i| i % 37 == 5).collect();
        assert_eq!(
            report.errors.iter().map(|e| e.index).collect::<Vec<_>>(),
            invalid,
            "{mode}: {report}"
        );
        assert!(report.errors.iter().all(|e| e.message.contains('n')));
        let stored = read_all(&client, &name).await;
        assert_eq!(stored.len(), 2_000 - invalid.len(), "{mode}");
        for i in (0..2_000).filter(|i| i % 37 != 5) {
            assert_eq!(stored[&id_of(i)].0, properties(i), "{mode}: object {i}");
        }
    }
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn objects_of_several_collections_in_one_import() {
    let client = common::client().await;
    let a = create(&client, "MultiA").await;
    let b = create(&client, "MultiB").await;
    let missing = common::unique("NoSuch");
    let items = (0..1_500).map(|i| {
        let collection = match i % 3 {
            0 => a.as_str(),
            1 => b.as_str(),
            _ if i == 2 => missing.as_str(),
            _ => a.as_str(),
        };
        (collection, object(i))
    });
    let report = client.importer().import(items).await.unwrap();
    assert_eq!(
        report.errors.iter().map(|e| e.index).collect::<Vec<_>>(),
        [2]
    );
    assert!(
        report.errors[0].message.contains(&missing),
        "{:?}",
        report.errors
    );
    assert_eq!(report.errors[0].kind, BatchErrorKind::Rejected);
    assert_exactly(&client, &a, (0..1_500).filter(|i| i % 3 != 1 && *i != 2)).await;
    assert_exactly(&client, &b, (0..1_500).filter(|i| i % 3 == 1)).await;
    // A bare object needs a default collection.
    let report = client.importer().import([object(0)]).await.unwrap();
    assert!(
        report.errors[0].message.contains("collection"),
        "{report:?}"
    );
    assert_eq!(report.errors[0].kind, BatchErrorKind::Invalid);
    client.collections().delete(&a).await.unwrap();
    client.collections().delete(&b).await.unwrap();
}

#[tokio::test]
async fn memory_is_bounded_by_the_window_not_the_input() {
    let client = common::client().await;
    for (mode, window) in [
        // size x (concurrency + 1), plus one object that did not fit
        (BatchMode::fixed(100, 2), 301),
        // at most 2 server batch sizes queued plus what waits for results (a few messages)
        (BatchMode::server_side(), 10_000),
    ] {
        let name = create(&client, "Window").await;
        let pulled = Arc::new(AtomicUsize::new(0));
        let worst = Arc::new(AtomicUsize::new(0));
        let (p, w) = (pulled.clone(), worst.clone());
        let items = (0..20_000).map(move |i| {
            p.fetch_add(1, Ordering::SeqCst);
            object(i)
        });
        let report = client
            .collection(&name)
            .batch()
            .mode(mode)
            .on_progress(move |progress| {
                let outstanding = progress.read - progress.succeeded - progress.failed;
                w.fetch_max(outstanding, Ordering::SeqCst);
            })
            .insert_many(items)
            .await
            .unwrap();
        assert!(report.is_success(), "{mode}: {report}");
        assert_eq!(pulled.load(Ordering::SeqCst), 20_000);
        let worst = worst.load(Ordering::SeqCst);
        assert!(
            worst <= window,
            "{mode}: {worst} objects were read and not yet answered (window {window})"
        );
        client.collections().delete(&name).await.unwrap();
    }
}

#[tokio::test]
async fn requests_stay_under_the_message_size_and_oversized_objects_are_reported() {
    let client = common::client().await;
    assert!(client.grpc_max_message_size() > 1_000_000);
    let name = create(&client, "Split").await;
    let big = |i: usize| {
        NewObject::new(json!({"title": "x".repeat(if i == 5 { 100_000 } else { 10_000 }), "n": i}))
            .unwrap()
            .id(id_of(i))
    };
    let requests = Arc::new(Mutex::new(Vec::new()));
    let seen = requests.clone();
    let report = client
        .importer()
        .collection(&name)
        .mode(BatchMode::fixed(1000, 1))
        .max_message_size(64 * 1024)
        .on_progress(move |p| seen.lock().unwrap().push(p.succeeded + p.failed))
        .import((0..40).map(big))
        .await
        .unwrap();
    assert_eq!(
        report.errors.iter().map(|e| e.index).collect::<Vec<_>>(),
        [5]
    );
    assert!(
        report.errors[0].message.contains("bytes"),
        "{:?}",
        report.errors
    );
    assert_eq!(report.errors[0].kind, BatchErrorKind::TooLarge);
    assert_eq!(report.succeeded(), 39);
    // 10 kB objects under a 64 kB limit: at most 6 per request, so at least 7 requests.
    assert!(
        requests.lock().unwrap().len() >= 7,
        "{:?}",
        requests.lock().unwrap()
    );
    assert_eq!(read_all(&client, &name).await.len(), 39);
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn an_async_stream_input_is_imported_as_it_trickles_in() {
    let client = common::client().await;
    let name = create(&client, "Trickle").await;
    let items = || {
        futures_util::stream::unfold(0usize, |i| async move {
            if i == 30 {
                return None;
            }
            if i % 10 == 0 {
                tokio::time::sleep(Duration::from_millis(120)).await;
            }
            Some((object(i), i + 1))
        })
    };
    for mode in [BatchMode::fixed(1000, 2), BatchMode::server_side()] {
        let report = client
            .collection(&name)
            .batch()
            .mode(mode)
            .insert_stream(items())
            .await
            .unwrap();
        assert!(report.is_success(), "{mode}: {report}");
        assert_eq!(report.succeeded(), 30);
    }
    assert_exactly(&client, &name, 0..30).await;
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn references_are_added_after_their_objects_and_failures_named() {
    let client = common::client().await;
    let author = common::unique("BAuthor");
    let book = common::unique("BBook");
    let config: CollectionConfig = serde_json::from_value(
        json!({"class": author, "properties": [{"name": "name", "dataType": ["text"]}]}),
    )
    .unwrap();
    client.collections().create(&config).await.unwrap();
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": book,
        "properties": [{"name": "title", "dataType": ["text"]}, {"name": "writtenBy", "dataType": [author]}]
    }))
    .unwrap();
    client.collections().create(&config).await.unwrap();

    let author_id = |i: usize| Uuid::from_u128(0xA0_0000 + i as u128);
    let book_id = |i: usize| Uuid::from_u128(0xB0_0000 + i as u128);
    let objects = (0..10)
        .map(|i| {
            (
                author.clone(),
                NewObject::new(json!({"name": format!("author {i}")}))
                    .unwrap()
                    .id(author_id(i)),
            )
        })
        .chain((0..300).map(|i| {
            (
                book.clone(),
                NewObject::new(json!({"title": format!("book {i}")}))
                    .unwrap()
                    .id(book_id(i)),
            )
        }));
    // Book i was written by authors i % 10 and (i + 1) % 10; reference 17 names a missing property.
    let references: Vec<BatchReference> = (0..300)
        .flat_map(|i| {
            [
                BatchReference::new(
                    &book,
                    book_id(i),
                    "writtenBy",
                    Beacon::new(&author, author_id(i % 10)),
                ),
                BatchReference::new(&book, book_id(i), "writtenBy", author_id((i + 1) % 10)),
            ]
        })
        .enumerate()
        .map(|(n, r)| {
            if n == 17 {
                BatchReference {
                    property: "noSuchProperty".into(),
                    ..r
                }
            } else {
                r
            }
        })
        .collect();
    let report = client
        .importer()
        .mode(BatchMode::fixed(64, 2))
        .import_with_references(objects, references)
        .await
        .unwrap();
    assert_eq!(report.succeeded(), 310, "{report}");
    assert_eq!(report.references, 600);
    assert_eq!(
        report
            .reference_errors
            .iter()
            .map(|e| e.index)
            .collect::<Vec<_>>(),
        [17],
        "{:?}",
        report.reference_errors
    );
    let failed = &report.reference_errors[0];
    assert_eq!(
        (failed.from_id, failed.property.as_str()),
        (book_id(8), "noSuchProperty")
    );
    assert!(failed.message.contains("noSuchProperty"), "{failed:?}");
    assert_eq!(failed.kind, BatchErrorKind::Rejected);
    assert_eq!(report.references_succeeded(), 599);

    for i in [0, 8, 299] {
        let stored = client
            .collection(&book)
            .data()
            .get(book_id(i))
            .await
            .unwrap()
            .expect("stored");
        let beacons: BTreeSet<String> = stored.properties["writtenBy"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["beacon"].as_str().unwrap().to_owned())
            .collect();
        // Reference 17 is book 8's second one (to author 9).
        let mut expected = BTreeSet::new();
        expected.insert(format!(
            "weaviate://localhost/{author}/{}",
            author_id(i % 10)
        ));
        if i != 8 {
            expected.insert(format!(
                "weaviate://localhost/{author}/{}",
                author_id((i + 1) % 10)
            ));
        }
        assert_eq!(beacons.len(), expected.len(), "book {i}: {beacons:?}");
        for b in &expected {
            let id = b.rsplit('/').next().unwrap();
            assert!(
                beacons.iter().any(|got| got.ends_with(id)),
                "book {i}: {beacons:?}"
            );
        }
    }
    // References from the collection handle take its name.
    let report = client
        .collection(&book)
        .batch()
        .add_references([BatchReference::new(
            "",
            book_id(0),
            "writtenBy",
            author_id(5),
        )])
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.reference_errors);
    client.collections().delete(&book).await.unwrap();
    client.collections().delete(&author).await.unwrap();
}

#[tokio::test]
async fn delete_many_by_ids_dry_run_and_verbose_then_for_real() {
    let client = common::client().await;
    let name = create(&client, "Delete").await;
    let report = client
        .collection(&name)
        .batch()
        .insert_many((0..300).map(object))
        .await
        .unwrap();
    assert!(report.is_success());
    let batch = client.collection(&name).batch();
    let doomed: Vec<Uuid> = (0..300).step_by(3).map(id_of).collect();
    let dry = batch
        .delete_many(Filter::<Untyped>::id().contains_any(doomed.clone()))
        .dry_run(true)
        .verbose(true)
        .await
        .unwrap();
    assert_eq!((dry.matches, dry.deleted, dry.failed), (100, 0, 0));
    assert!(dry.dry_run);
    let mut listed: Vec<Uuid> = dry.objects.iter().map(|o| o.id).collect();
    listed.sort();
    let mut expected = doomed.clone();
    expected.sort();
    assert_eq!(listed, expected);
    assert!(
        dry.objects
            .iter()
            .all(|o| o.successful && o.error.is_none())
    );
    assert_eq!(
        read_all(&client, &name).await.len(),
        300,
        "a dry run deletes nothing"
    );

    let done = batch
        .delete_many(
            Filter::<Untyped>::id().contains_any(doomed) & Filter::property("even").equal(true),
        )
        .verbose(true)
        .await
        .unwrap();
    // Every third id, and even: every sixth object.
    assert_eq!((done.matches, done.deleted, done.failed), (50, 50, 0));
    assert_eq!(done.objects.len(), 50);
    assert_exactly(
        &client,
        &name,
        (0..300).filter(|i| !(i % 3 == 0 && i % 2 == 0)),
    )
    .await;

    let single = batch
        .delete_many(Filter::<Untyped>::id().equal(id_of(1)))
        .await
        .unwrap();
    assert_eq!(single.deleted, 1);
    // A filter the server refuses keeps the server's message.
    let bad = batch
        .delete_many(Filter::<Untyped>::property("no_such_property").equal(1))
        .await
        .unwrap_err();
    assert!(
        bad.to_string().contains("no_such_property"),
        "the server's message: {bad}"
    );
    client.collections().delete(&name).await.unwrap();
}
