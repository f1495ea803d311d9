//! Reindex changes against the real server: dropping and building a property's inverted indexes,
//! changing its tokenization, moving a WAND searchable index to BlockMax. Apply follows each task to
//! its end (with progress events), the data then behaves as the new index implies, and the next plan
//! is empty.

mod common;

use std::sync::{Arc, Mutex};

use serde_json::json;
use weaviate_orm::collections::InvertedIndexKind;
use weaviate_orm::data::NewObject;
use weaviate_orm::filter::{Filter, Untyped};
use weaviate_orm::migrate::{ChangeClass, Event, Plan};
use weaviate_orm::{Client, WeaviateCollection};

macro_rules! versions {
    ($name:literal, { $($v1:tt)* }, { $($v2:tt)* }) => {
        pub mod v1 {
            use weaviate_orm::WeaviateCollection;
            #[derive(WeaviateCollection, Debug)]
            #[weaviate(name = $name)]
            pub struct C { $($v1)* }
        }
        pub mod v2 {
            use weaviate_orm::WeaviateCollection;
            #[derive(WeaviateCollection, Debug)]
            #[weaviate(name = $name)]
            pub struct C { $($v2)* }
        }
    };
}

mod docs {
    versions!("MigReindex", {
        pub code: String,
        pub body: String,
        pub views: i64,
        #[weaviate(index_searchable = false)]
        pub note: String,
    }, {
        #[weaviate(tokenization = field)]
        pub code: String,
        #[weaviate(index_filterable = false)]
        pub body: String,
        #[weaviate(index_range_filters)]
        pub views: i64,
        pub note: String,
    });
}

async fn fresh(client: &Client, name: &str) {
    if client.collections().exists(name).await.unwrap() {
        client.collections().delete(name).await.unwrap();
    }
}

fn what(plan: &Plan) -> Vec<(ChangeClass, String)> {
    plan.changes
        .iter()
        .map(|c| (c.class, c.what.clone()))
        .collect()
}

/// (property, index, status) of every reindex event.
type Seen = Arc<Mutex<Vec<(String, InvertedIndexKind, String)>>>;

/// Records every reindex event apply reports.
fn recorder() -> (Seen, impl Fn(&Event<'_>) + Send + Sync) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    (seen, move |e: &Event<'_>| {
        if let Event::Reindex {
            property,
            index,
            status,
            ..
        } = e
        {
            sink.lock()
                .unwrap()
                .push((property.to_string(), *index, status.to_string()));
        }
    })
}

async fn count(client: &Client, name: &str, filter: Filter<Untyped>) -> usize {
    client
        .collection(name)
        .query()
        .fetch_objects()
        .filter(filter)
        .limit(10_000)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn inverted_indexes_are_dropped_built_and_retokenized_by_tasks() {
    let client = common::client().await;
    fresh(&client, "MigReindex").await;
    let first = client.migrator().collection::<docs::v1::C>();
    first.apply(&first.plan().await.unwrap()).await.unwrap();
    let objects = (0..500).map(|i| {
        NewObject::new(json!({
            "code": format!("Code-{}", i % 50),
            "body": format!("body number {i}"),
            "views": i,
            "note": format!("note {i}"),
        }))
        .unwrap()
    });
    common::import(&client.collection("MigReindex"), objects).await;
    // Word tokenization: "code" is a token of every object's code.
    let token = Filter::<Untyped>::property("code").equal("code");
    assert_eq!(count(&client, "MigReindex", token.clone()).await, 500);

    let (seen, progress) = recorder();
    let m = client
        .migrator()
        .collection::<docs::v2::C>()
        .progress(progress);
    let plan = m.plan().await.unwrap();
    assert_eq!(
        what(&plan),
        vec![
            (
                ChangeClass::Reindex,
                "property `body`: filterable index dropped".to_owned()
            ),
            (
                ChangeClass::Reindex,
                "property `code`: tokenization word -> field".to_owned()
            ),
            (
                ChangeClass::Reindex,
                "property `note`: searchable (BM25) index built (word)".to_owned()
            ),
            (
                ChangeClass::Reindex,
                "property `views`: range index built".to_owned()
            ),
        ],
        "{plan}"
    );
    let report = m
        .apply(&plan)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{plan}"));
    assert!(report.after.is_empty(), "{}", report.after);
    assert!(m.plan().await.unwrap().is_empty());

    // Each task was followed to its end: the last event of every index is `ready`.
    let seen = seen.lock().unwrap().clone();
    for (property, index) in [
        ("code", InvertedIndexKind::Searchable),
        ("note", InvertedIndexKind::Searchable),
        ("views", InvertedIndexKind::RangeFilters),
    ] {
        let last = seen
            .iter()
            .rev()
            .find(|(p, i, _)| p == property && *i == index)
            .unwrap_or_else(|| panic!("no progress for {property} {index}: {seen:?}"));
        assert_eq!(last.2, "ready", "{seen:?}");
    }

    // The data behaves as the new indexes say.
    // Field tokenization: only the whole value matches.
    assert_eq!(count(&client, "MigReindex", token).await, 0);
    let whole = Filter::<Untyped>::property("code").equal("Code-7");
    assert_eq!(count(&client, "MigReindex", whole).await, 10);
    let range = Filter::<Untyped>::property("views").gte(490i64);
    assert_eq!(count(&client, "MigReindex", range).await, 10);
    let live = client.collections().get("MigReindex").await.unwrap();
    assert_eq!(
        live.find_property("body").unwrap().index_filterable,
        Some(false)
    );
    let status = client
        .collections()
        .indexes("MigReindex")
        .status()
        .await
        .unwrap();
    assert!(
        status
            .index("body", InvertedIndexKind::Filterable)
            .is_none(),
        "{status:?}"
    );
    let hits = client
        .collection("MigReindex")
        .query()
        .bm25("note")
        .limit(1000)
        .await
        .unwrap();
    assert_eq!(
        hits.len(),
        500,
        "the new searchable index covers every stored object"
    );
    client.collections().delete("MigReindex").await.unwrap();
}

mod wand {
    versions!("MigWand", { pub title: String }, { pub title: String });
}

#[tokio::test]
async fn a_wand_searchable_index_moves_to_blockmax() {
    let client = common::wand_client().await;
    fresh(&client, "MigWand").await;
    client
        .collections()
        .create(&wand::v1::C::collection_config())
        .await
        .unwrap();
    common::import(
        &client.collection("MigWand"),
        (0..200).map(|i| NewObject::new(json!({"title": format!("title {i} words")})).unwrap()),
    )
    .await;
    let m = client
        .migrator()
        .collection::<wand::v2::C>()
        .server_defaults(weaviate_orm::schema::ServerDefaults {
            using_block_max_wand: true,
            ..Default::default()
        });
    let plan = m.plan().await.unwrap();
    assert_eq!(
        what(&plan),
        vec![(
            ChangeClass::Reindex,
            "property `title`: searchable index moved from WAND to BlockMax WAND".to_owned()
        )],
        "{plan}"
    );
    let report = m.apply(&plan).await.unwrap();
    assert!(report.after.is_empty(), "{}", report.after);
    let status = client
        .collections()
        .indexes("MigWand")
        .status()
        .await
        .unwrap();
    let searchable = status
        .index("title", InvertedIndexKind::Searchable)
        .unwrap();
    assert_eq!(searchable.algorithm.as_deref(), Some("blockmax"));
    let hits = client
        .collection("MigWand")
        .query()
        .bm25("words")
        .limit(500)
        .await
        .unwrap();
    assert_eq!(hits.len(), 200);
    client.collections().delete("MigWand").await.unwrap();
}

mod big {
    versions!("MigReindexCancel", { pub body: String }, {
        #[weaviate(tokenization = whitespace)]
        pub body: String
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_reindex_task_can_be_cancelled_and_the_index_keeps_its_configuration() {
    let client = common::client().await;
    fresh(&client, "MigReindexCancel").await;
    let first = client.migrator().collection::<big::v1::C>();
    first.apply(&first.plan().await.unwrap()).await.unwrap();
    // Enough text that re-tokenizing it takes the server seconds.
    let words: Vec<String> = (0..30).map(|w| format!("w{w}")).collect();
    common::import(
        &client.collection("MigReindexCancel"),
        (0..20_000)
            .map(|i| NewObject::new(json!({"body": format!("{} {i}", words.join(" "))})).unwrap()),
    )
    .await;
    let m = client.migrator().collection::<big::v2::C>();
    let plan = m.plan().await.unwrap();
    assert_eq!(plan.count(ChangeClass::Reindex), 1, "{plan}");
    let applying = tokio::spawn({
        let (m, plan) = (m.clone(), plan.clone());
        async move { m.apply(&plan).await }
    });
    // Wait until the server runs the task, then cancel it.
    let indexes = client.collections().indexes("MigReindexCancel");
    let started = std::time::Instant::now();
    loop {
        let status = indexes.status().await.unwrap();
        if status
            .index("body", InvertedIndexKind::Searchable)
            .is_some_and(|s| s.task_id.is_some() && s.status.is_in_flight())
        {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "no task started: {status:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let cancelled = m.cancel_reindexes(&plan).await.unwrap();
    assert_eq!(cancelled.len(), 1, "{cancelled:?}");
    let err = applying.await.unwrap().unwrap_err();
    assert!(
        matches!(&err, weaviate_orm::Error::Failed { status, .. } if status == "cancelled"),
        "{err:?}"
    );
    // The index keeps its configuration, and the change is still to do.
    let live = client.collections().get("MigReindexCancel").await.unwrap();
    assert_eq!(
        live.find_property("body").unwrap().tokenization,
        Some(weaviate_orm::schema::Tokenization::Word)
    );
    assert_eq!(m.plan().await.unwrap().count(ChangeClass::Reindex), 1);
    // Cancelling again finds nothing to cancel.
    assert!(m.cancel_reindexes(&plan).await.unwrap().is_empty());
    client
        .collections()
        .delete("MigReindexCancel")
        .await
        .unwrap();
}
