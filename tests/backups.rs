//! Backups against the real server's `backup-filesystem` module: a backup of chosen collections,
//! waited for; its status and listing; a restore after the collection was deleted, with every object
//! back; and the errors (server messages kept, bad input refused before any request).

mod common;

use std::collections::HashMap;

use futures_util::TryStreamExt;

use weaviate_orm::backups::{BackupBackend, BackupStatus};
use weaviate_orm::{Client, Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "BackupNote", vector_index = flat)]
struct Note {
    #[weaviate(key)]
    n: i64,
    text: String,
    #[weaviate(vector)]
    v: Vec<f32>,
}

fn note(i: usize) -> Note {
    Note {
        n: i as i64,
        text: format!("note {i}"),
        v: vec![i as f32, 1.0],
    }
}

/// The server runs one backup or restore at a time and refuses another meanwhile ("already in
/// progress"): the tests of this file take turns.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// A backup id no other run uses (ids are lowercase).
fn backup_id(tag: &str) -> String {
    common::unique(tag).to_lowercase()
}

async fn filled(client: &Client, prefix: &str, count: usize) -> String {
    let mut config = Note::collection_config();
    config.name = common::unique(prefix);
    common::recreate(client, &config).await;
    let report = client
        .collection(&config.name)
        .typed::<Note>()
        .batch()
        .insert_many((0..count).map(note))
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    config.name
}

async fn stored(client: &Client, name: &str) -> HashMap<i64, Note> {
    let q = client.collection(name).typed::<Note>().query();
    let hits: Vec<_> = (q.fetch_objects().include_vector().stream(500))
        .try_collect()
        .await
        .unwrap();
    hits.into_iter().map(|h| (h.object.n, h.object)).collect()
}

#[tokio::test]
async fn a_backup_restores_a_deleted_collection_exactly() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let client = common::client().await;
    let kept = filled(&client, "BackupKept", 300).await;
    let other = filled(&client, "BackupOther", 5).await;
    let id = backup_id("bk");
    let backups = client.backups();

    let done = backups
        .create(&id, BackupBackend::Filesystem)
        .include([kept.as_str()])
        .wait()
        .await
        .unwrap();
    assert_eq!(done.status, BackupStatus::Success);
    assert_eq!(done.id, id);
    assert_eq!(done.collections, vec![kept.clone()]);
    assert!(
        done.path.as_deref().is_some_and(|p| p.ends_with(&id)),
        "{done:?}"
    );

    let status = backups
        .status(&id, BackupBackend::Filesystem)
        .await
        .unwrap();
    assert_eq!(status.status, BackupStatus::Success);
    assert!(status.completed_at.is_some());
    let listed = backups.list(BackupBackend::Filesystem).await.unwrap();
    let mine = listed
        .iter()
        .find(|b| b.id == id)
        .expect("the backup is listed");
    assert_eq!(mine.collections, vec![kept.clone()]);

    // A backup that has ended cannot be cancelled; the server says why.
    let err = backups
        .cancel(&id, BackupBackend::Filesystem)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("already succeeded"), "{err:?}");

    // Restoring over an existing collection fails, with the server's reason.
    let err = backups
        .restore(&id, BackupBackend::Filesystem)
        .include([kept.as_str()])
        .wait()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Failed { status, message, .. }
            if status == "FAILED" && message.contains(&kept) && message.contains("already exists")),
        "{err:?}"
    );

    let before = stored(&client, &kept).await;
    assert_eq!(before.len(), 300);
    client.collections().delete(&kept).await.unwrap();
    let restored = backups
        .restore(&id, BackupBackend::Filesystem)
        .include([kept.as_str()])
        .wait()
        .await
        .unwrap();
    assert_eq!(restored.status, BackupStatus::Success);
    let after = stored(&client, &kept).await;
    assert_eq!(after, before, "every object, property and vector is back");
    for i in 0..300 {
        assert_eq!(after.get(&(i as i64)), Some(&note(i)));
    }
    // The collection left out of the backup was not touched.
    assert_eq!(stored(&client, &other).await.len(), 5);

    let restore = backups
        .restore_status(&id, BackupBackend::Filesystem)
        .await
        .unwrap();
    assert_eq!(restore.status, BackupStatus::Success);
    client.collections().delete(&kept).await.unwrap();
    client.collections().delete(&other).await.unwrap();
}

#[tokio::test]
async fn backup_errors_keep_the_servers_message_and_bad_input_sends_nothing() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let client = common::client().await;
    let name = filled(&client, "BackupErr", 2).await;
    let backups = client.backups();
    let id = backup_id("bkerr");
    backups
        .create(&id, BackupBackend::Filesystem)
        .include([name.as_str()])
        .wait()
        .await
        .unwrap();

    let err = backups
        .create(&id, BackupBackend::Filesystem)
        .include([name.as_str()])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::AlreadyExists { message } if message.contains(&id)),
        "{err:?}"
    );
    let err = backups
        .create(backup_id("bkmissing"), BackupBackend::Filesystem)
        .include(["NoSuchCollection"])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("NoSuchCollection")),
        "{err:?}"
    );
    let err = backups
        .create(backup_id("bks3"), BackupBackend::S3)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("s3")),
        "{err:?}"
    );
    let err = backups
        .status("no-such-backup", BackupBackend::Filesystem)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");

    let down = common::offline_client().await;
    let offline = down.backups();
    for err in [
        offline
            .create("Upper", BackupBackend::Filesystem)
            .await
            .unwrap_err(),
        offline
            .create("ok", BackupBackend::Filesystem)
            .include(["A"])
            .exclude(["B"])
            .await
            .unwrap_err(),
        offline
            .restore("ok", BackupBackend::Filesystem)
            .include(["not a name"])
            .await
            .unwrap_err(),
        offline
            .status("ok", BackupBackend::Other("../etc".into()))
            .await
            .unwrap_err(),
    ] {
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    }
    client.collections().delete(&name).await.unwrap();
}

/// A collection of `count` notes and a finished backup `tag...` of it: (collection, backup id).
async fn backed_up(client: &Client, prefix: &str, count: usize, tag: &str) -> (String, String) {
    let name = filled(client, prefix, count).await;
    let id = backup_id(tag);
    client
        .backups()
        .create(&id, BackupBackend::Filesystem)
        .include([name.as_str()])
        .wait()
        .await
        .unwrap();
    (name, id)
}

#[tokio::test]
async fn an_incremental_backup_restores_its_base_and_its_changes() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let client = common::client().await;
    let (name, base) = backed_up(&client, "BackupIncr", 200, "base").await;
    let backups = client.backups();

    // Changes after the base: 100 new objects and one replaced.
    let notes = client.collection(&name).typed::<Note>();
    let report = notes
        .batch()
        .insert_many((200..300).map(note))
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    let before = stored(&client, &name).await;
    assert_eq!(before.len(), 300);

    let incremental = backup_id("incr");
    let done = backups
        .create(&incremental, BackupBackend::Filesystem)
        .include([name.as_str()])
        .incremental_from(&base)
        .wait()
        .await
        .unwrap();
    assert_eq!(done.status, BackupStatus::Success);

    client.collections().delete(&name).await.unwrap();
    backups
        .restore(&incremental, BackupBackend::Filesystem)
        .include([name.as_str()])
        .wait()
        .await
        .unwrap();
    assert_eq!(
        stored(&client, &name).await,
        before,
        "the base's objects and the later ones are back"
    );

    // An incremental base that does not exist: the server's refusal, kept.
    let err = backups
        .create(backup_id("orphan"), BackupBackend::Filesystem)
        .include([name.as_str()])
        .incremental_from("no-such-base-backup")
        .wait()
        .await
        .unwrap_err();
    assert!(err.to_string().contains("no-such-base-backup"), "{err:?}");
    // Its own base, or a bad base id: refused before sending.
    let err = backups
        .create("same", BackupBackend::Filesystem)
        .incremental_from("same")
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn a_running_restore_is_cancelled() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let client = common::client().await;
    let (name, id) = backed_up(&client, "BackupCancel", 2000, "cancel").await;
    let backups = client.backups();
    client.collections().delete(&name).await.unwrap();

    // Started and cancelled at once: the restore ends CANCELED (or, on a very fast machine, has
    // already succeeded, which the server reports as the reason it cannot cancel).
    backups
        .restore(&id, BackupBackend::Filesystem)
        .include([name.as_str()])
        .await
        .unwrap();
    match backups.cancel_restore(&id, BackupBackend::Filesystem).await {
        Ok(()) => {
            let mut status = BackupStatus::Started;
            for _ in 0..100 {
                status = backups
                    .restore_status(&id, BackupBackend::Filesystem)
                    .await
                    .unwrap()
                    .status;
                if status.is_finished() {
                    break;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            assert_eq!(status, BackupStatus::Canceled);
        }
        Err(e) => {
            assert!(e.to_string().contains("already"), "{e:?}");
            // The restore won the race: it is complete.
            let done = backups
                .restore_status(&id, BackupBackend::Filesystem)
                .await
                .unwrap();
            assert_eq!(done.status, BackupStatus::Success, "{done:?}");
            assert_eq!(stored(&client, &name).await.len(), 2000);
        }
    }
    let _ = client.collections().delete(&name).await;
}
