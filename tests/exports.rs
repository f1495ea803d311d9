//! Collection exports against the real server (`EXPORT_ENABLED=true`, the `filesystem` backend
//! writing to the instance's `exports` directory): an export of a chosen collection, waited for,
//! whose Parquet files read back as the very objects inserted; one file per tenant of a
//! multi-tenant collection; cancelling; and the refusals (the server's messages kept, bad input
//! refused before any request).
//!
//! The files are read from the path the server reports, so the test server runs on this machine
//! (as scripts/test starts it).

mod common;

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;

use weaviate_orm::backups::BackupBackend;
use weaviate_orm::exports::{ExportFile, ExportStatus, ShardExportStatus};
use weaviate_orm::schema::MultiTenancyConfig;
use weaviate_orm::tenants::{Tenant, TenantActivity};
use weaviate_orm::{Client, Error, Status, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "ExportArticle", vector(name = "body", index = flat))]
struct Article {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    views: i64,
    score: f64,
    published: DateTime<Utc>,
    tags: Vec<String>,
    rating: Option<i64>,
    #[weaviate(vector = "body")]
    body: Vec<f32>,
}

fn article(i: usize) -> Article {
    Article {
        id: Uuid::from_u128(0xe4e0_0000_0000_4000_8000_0000_0000_0000 + i as u128),
        title: format!("article {i}"),
        views: (i * 7 % 100) as i64,
        score: i as f64 / 8.0,
        published: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
            + chrono::Duration::hours(i as i64),
        tags: (0..i % 3).map(|t| format!("tag{t}")).collect(),
        rating: (i % 2 == 0).then_some(i as i64 % 5),
        body: vec![i as f32, 0.5, -(i as f32) / 3.0],
    }
}

/// The server runs one export at a time (another meanwhile is refused): the tests take turns.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn export_id(tag: &str) -> String {
    common::unique(tag).to_lowercase()
}

async fn collection_with(client: &Client, prefix: &str, config_tenants: bool) -> String {
    let mut config = Article::collection_config();
    config.name = common::unique(prefix);
    if config_tenants {
        config.multi_tenancy_config = Some(MultiTenancyConfig::enabled());
    }
    common::recreate(client, &config).await;
    config.name
}

async fn insert(client: &Client, name: &str, tenant: Option<&str>, articles: Vec<Article>) {
    let handle = client.collection(name).typed::<Article>();
    let handle = match tenant {
        Some(tenant) => handle.with_tenant(tenant),
        None => handle,
    };
    let report = handle.batch().insert_many(articles).await.unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
}

/// Every object of `collection` in the export directory, by id, with the tenant of its file.
fn read_back(path: &str, collection: &str) -> BTreeMap<Uuid, (Option<String>, Article)> {
    let files = ExportFile::in_directory(path, collection).unwrap();
    assert!(!files.is_empty(), "no files of {collection} in {path}");
    let mut objects = BTreeMap::new();
    for file in files {
        assert_eq!(file.collection(), Some(collection));
        let tenant = file.tenant().map(str::to_owned);
        let count = file.len();
        let mut read = 0;
        for object in file.decode::<Article>() {
            let object = object.unwrap();
            read += 1;
            assert!(
                objects
                    .insert(object.id, (tenant.clone(), object))
                    .is_none(),
                "an object is in two files"
            );
        }
        assert_eq!(read, count, "a file's row count is its objects");
    }
    objects
}

#[tokio::test]
async fn an_export_writes_every_object_and_reads_back_as_the_struct() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let client = common::client().await;
    let name = collection_with(&client, "ExportKept", false).await;
    let other = collection_with(&client, "ExportOther", false).await;
    let before = Utc::now() - chrono::Duration::seconds(5);
    let inserted: Vec<Article> = (0..1200).map(article).collect();
    insert(&client, &name, None, inserted.clone()).await;
    insert(&client, &other, None, (5000..5010).map(article).collect()).await;
    let after = Utc::now() + chrono::Duration::seconds(5);

    let id = export_id("ex");
    let exports = client.exports();
    let done = exports
        .create(&id, BackupBackend::Filesystem)
        .include([name.as_str()])
        .wait()
        .await
        .unwrap();
    assert_eq!(done.status, ExportStatus::Success);
    assert_eq!(done.id, id);
    assert_eq!(done.collections, std::slice::from_ref(&name));
    assert_eq!(done.objects_exported(), 1200);
    assert_eq!(done.objects_exported_of(&name), 1200);
    assert_eq!(done.objects_exported_of(&other), 0);
    assert!(done.took().is_some() && done.completed_at.is_some());
    let shards = &done.shards[&name];
    assert!(!shards.is_empty());
    assert!(
        shards
            .values()
            .all(|s| s.status == ShardExportStatus::Success),
        "{shards:?}"
    );
    let path = done
        .path
        .clone()
        .expect("the server names the export's path");
    assert!(path.ends_with(&id), "{path}");

    let status = exports
        .status(&id, BackupBackend::Filesystem)
        .await
        .unwrap();
    assert_eq!(status.status, ExportStatus::Success);
    assert_eq!(status.objects_exported(), 1200);

    // The files hold exactly the inserted objects: properties, ids and named vectors.
    let read = read_back(&path, &name);
    let expected: BTreeMap<Uuid, (Option<String>, Article)> =
        inserted.into_iter().map(|a| (a.id, (None, a))).collect();
    assert_eq!(read.len(), expected.len());
    for (id, (tenant, object)) in &expected {
        assert_eq!(
            read.get(id),
            Some(&(tenant.clone(), object.clone())),
            "{id}"
        );
    }
    assert!(ExportFile::in_directory(&path, &other).unwrap().is_empty());

    // The raw rows: the properties as stored, and the times of the insert.
    let file = ExportFile::in_directory(&path, &name).unwrap().remove(0);
    for object in file.objects() {
        let object = object.unwrap();
        let title = object.properties["title"].as_str().unwrap();
        let i: usize = title.trim_start_matches("article ").parse().unwrap();
        assert_eq!(object.id, article(i).id);
        assert!(object.vectors.default.is_none());
        assert!(
            before <= object.created && object.created <= after,
            "{object:?}"
        );
        assert_eq!(object.created, object.updated);
    }

    // The id is taken now; an ended export cannot be cancelled. The server says why.
    let err = exports
        .create(&id, BackupBackend::Filesystem)
        .include([name.as_str()])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::AlreadyExists { message } if message.contains(&id)),
        "{err:?}"
    );
    let err = exports
        .cancel(&id, BackupBackend::Filesystem)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { status: Status::Http(409), message }
            if message.contains("already finished")),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_multi_tenant_export_writes_each_tenant_cold_ones_too() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let client = common::client().await;
    let name = collection_with(&client, "ExportTenants", true).await;
    let handle = client.collection(&name).typed::<Article>();
    handle
        .tenants()
        .create(["north", "south", "cold"])
        .await
        .unwrap();
    let mut expected = BTreeMap::new();
    for (t, tenant) in ["north", "south", "cold"].into_iter().enumerate() {
        let articles: Vec<Article> = (t * 100..t * 100 + 40 + t).map(article).collect();
        insert(&client, &name, Some(tenant), articles.clone()).await;
        expected.extend(
            articles
                .into_iter()
                .map(|a| (a.id, (Some(tenant.to_owned()), a))),
        );
    }
    handle
        .tenants()
        .update([Tenant::new("cold").activity(TenantActivity::Inactive)])
        .await
        .unwrap();

    let done = client
        .exports()
        .create(export_id("ext"), BackupBackend::Filesystem)
        .include([name.as_str()])
        .wait_timeout(Duration::from_secs(120))
        .await
        .unwrap();
    // A tenant's shard is named after it; an inactive (cold) tenant is read from disk.
    let shards: BTreeMap<&str, u64> = done.shards[&name]
        .iter()
        .map(|(shard, progress)| (shard.as_str(), progress.objects_exported))
        .collect();
    assert_eq!(
        shards,
        BTreeMap::from([("cold", 42), ("north", 40), ("south", 41)])
    );
    let read = read_back(done.path.as_deref().unwrap(), &name);
    assert_eq!(read, expected);
}

#[tokio::test]
async fn a_running_export_can_be_cancelled() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let client = common::client().await;
    let name = collection_with(&client, "ExportCancel", false).await;
    insert(&client, &name, None, (0..3000).map(article).collect()).await;
    let exports = client.exports();
    let id = export_id("exc");
    let started = exports
        .create(&id, BackupBackend::Filesystem)
        .include([name.as_str()])
        .await
        .unwrap();
    assert_eq!(started.status, ExportStatus::Started);
    assert_eq!(started.collections, std::slice::from_ref(&name));
    match exports.cancel(&id, BackupBackend::Filesystem).await {
        Ok(()) => {
            let mut now = exports
                .status(&id, BackupBackend::Filesystem)
                .await
                .unwrap();
            for _ in 0..100 {
                if now.status.is_finished() {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
                now = exports
                    .status(&id, BackupBackend::Filesystem)
                    .await
                    .unwrap();
            }
            assert_eq!(now.status, ExportStatus::Canceled, "{now:?}");
            assert_eq!(now.errors(), ["export was canceled"]);
        }
        // The export was faster than the cancel: it says so, and the export is complete.
        Err(Error::Rejected { message, .. }) if message.contains("already finished") => {
            let now = exports
                .status(&id, BackupBackend::Filesystem)
                .await
                .unwrap();
            assert_eq!(now.status, ExportStatus::Success);
            assert_eq!(now.objects_exported(), 3000);
        }
        Err(other) => panic!("cancel failed: {other:?}"),
    }

    // Cancelled while a caller waits for it: the wait ends with the cancellation. Right after a
    // cancel the server may still hold its one export slot for a moment (a Conflict): try again.
    let id = export_id("excw");
    let waiting = async {
        for _ in 0..100 {
            let waited = exports
                .create(&id, BackupBackend::Filesystem)
                .include([name.as_str()])
                .wait()
                .await;
            match waited {
                Err(Error::Conflict { message }) if message.contains("already in progress") => {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                other => return other,
            }
        }
        panic!("the export slot stayed busy for 10 s");
    };
    let cancel = async {
        for _ in 0..2000 {
            match exports.status(&id, BackupBackend::Filesystem).await {
                Ok(_) => return exports.cancel(&id, BackupBackend::Filesystem).await,
                Err(Error::NotFound { .. }) => tokio::time::sleep(Duration::from_millis(5)).await,
                Err(other) => panic!("{other:?}"),
            }
        }
        panic!("export {id} never started");
    };
    let (waited, cancelled) = tokio::join!(waiting, cancel);
    match cancelled {
        Ok(()) => assert!(
            matches!(&waited, Err(Error::Failed { status, message, .. })
                if status == "CANCELED" && message == "export was canceled"),
            "{waited:?}"
        ),
        Err(Error::Rejected { message, .. }) if message.contains("already finished") => {
            assert_eq!(waited.unwrap().objects_exported(), 3000);
        }
        Err(other) => panic!("cancel failed: {other:?}"),
    }
    wait_until_free(&client, &name).await;
}

/// Waits until the server takes a new export again after a cancel (it frees its one export slot
/// a moment later), so the next test does not meet a Conflict.
async fn wait_until_free(client: &Client, name: &str) {
    for _ in 0..100 {
        let probe = client
            .exports()
            .create(export_id("free"), BackupBackend::Filesystem)
            .include([name])
            .wait()
            .await;
        match probe {
            Err(Error::Conflict { .. }) => tokio::time::sleep(Duration::from_millis(100)).await,
            Ok(done) => return assert_eq!(done.status, ExportStatus::Success),
            Err(other) => panic!("{other:?}"),
        }
    }
    panic!("the export slot stayed busy for 10 s");
}

#[tokio::test]
async fn refusals_keep_the_servers_message_and_bad_input_sends_nothing() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let client = common::client().await;
    let exports = client.exports();
    let err = exports
        .create("both", BackupBackend::Filesystem)
        .include(["A"])
        .exclude(["B"])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    for bad in ["Upper", "with space", ""] {
        let err = exports
            .create(bad, BackupBackend::Filesystem)
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{bad}: {err:?}");
    }
    let err = exports
        .create("x", BackupBackend::Filesystem)
        .include(["not a name"])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");

    // No such export; no collection to export; a backend the server does not have.
    let err = exports
        .status(&export_id("never"), BackupBackend::Filesystem)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { message } if message.contains("export not found")),
        "{err:?}"
    );
    let missing = common::unique("ExportMissing");
    let err = exports
        .create(export_id("none"), BackupBackend::Filesystem)
        .include([missing.as_str()])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { status: Status::Http(422), message }
            if message.contains("no exportable classes")),
        "{err:?}"
    );
    let err = exports
        .create(export_id("s3"), BackupBackend::S3)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("EXPORT_DEFAULT_BUCKET")),
        "{err:?}"
    );
}
