//! Fault tolerance of the batch importer against a real server that the test kills and restarts in the
//! middle of an import: every object ends up stored exactly once, and the report says what was retried.
//! The objects are typed, with ids derived from a key field, so a resent object overwrites itself.
//!
//! A second test gives its server little memory (`GOMEMLIMIT`), so that Weaviate's memory watch refuses
//! large batches: the importer sends smaller ones until they fit, and nothing is lost.
//!
//! The tests run their own servers (`scripts/weaviate start fault-<pid>-<tag>`); the first kills it with
//! `scripts/weaviate kill` and restarts it on the same ports and data with
//! `scripts/weaviate start --keep-data`; it stops and deletes it at the end, also on failure.

mod common;

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tokio::sync::oneshot;
use uuid::Uuid;
use weaviate_orm::batch::BatchMode;
use weaviate_orm::{Client, ClientBuilder, WeaviateCollection};

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/weaviate")
}

/// Runs `scripts/weaviate ARGS`, returning its stdout; panics with its stderr on failure.
fn weaviate(args: &[&str]) -> String {
    let out = Command::new(script())
        .args(args)
        .env("NO_PROXY", "127.0.0.1,localhost")
        .output()
        .expect("run scripts/weaviate");
    assert!(
        out.status.success(),
        "scripts/weaviate {args:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A private server, stopped (and its data deleted) when dropped.
struct Server {
    name: String,
    http: String,
    grpc: String,
}

impl Server {
    /// Starts server `fault-<pid>-<tag>` with `scripts/weaviate start` options `extra`.
    fn start(tag: &str, extra: &[&str]) -> Server {
        let name = format!("fault-{}-{tag}", std::process::id());
        let mut args = vec!["start", &name];
        args.extend_from_slice(extra);
        let exports = weaviate(&args);
        let var = |key: &str| {
            exports
                .lines()
                .find_map(|l| l.strip_prefix(&format!("export {key}=")))
                .unwrap_or_else(|| panic!("no {key} in {exports}"))
                .trim_matches('\'')
                .to_owned()
        };
        Server {
            http: var("WEAVIATE_URL"),
            grpc: var("WEAVIATE_GRPC_URL"),
            name,
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new(script()).args(["stop", &self.name]).output();
    }
}

/// The imported objects: their id is derived from `n`.
#[derive(WeaviateCollection)]
#[weaviate(name = "FaultItem", vector_index = flat)]
struct Item {
    #[weaviate(key)]
    n: i64,
    title: String,
    #[weaviate(vector)]
    v: Vec<f32>,
}

fn object(i: usize) -> Item {
    Item {
        n: i as i64,
        title: format!("object {i}"),
        v: vec![i as f32, 1.0],
    }
}

async fn ids_of(client: &Client, name: &str) -> Vec<Uuid> {
    let mut ids = Vec::new();
    let mut cursor = None;
    loop {
        let mut req = client.collection(name).query().fetch_objects().limit(5000);
        if let Some(c) = cursor {
            req = req.after(c);
        }
        let page = req.await.unwrap();
        let Some(last) = page.last() else { break };
        cursor = Some(last.id);
        ids.extend(page.iter().map(|o| o.id));
    }
    ids
}

/// Imports `count` objects in `mode`; once `kill_after` are stored, kills the server (SIGKILL, or
/// SIGTERM when `graceful`), waits a moment and restarts it. Checks the outcome.
async fn import_through_a_restart(
    server: &Server,
    client: &Client,
    mode: BatchMode,
    graceful: bool,
) {
    const COUNT: usize = 30_000;
    const KILL_AFTER: usize = 5_000;
    let what = format!("{mode} ({})", if graceful { "SIGTERM" } else { "SIGKILL" });
    let name = common::unique("Fault");
    let mut config = Item::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();

    let (signal, fired) = oneshot::channel::<usize>();
    let signal = Mutex::new(Some(signal));
    let instance = server.name.clone();
    let chaos = tokio::spawn(async move {
        let stored_before = fired
            .await
            .expect("the import never reached the kill point");
        let kill = if graceful {
            vec!["kill", "--term", &instance]
        } else {
            vec!["kill", &instance]
        };
        let kill: Vec<String> = kill.into_iter().map(str::to_owned).collect();
        let killed_at = Instant::now();
        tokio::task::spawn_blocking(move || {
            weaviate(&kill.iter().map(String::as_str).collect::<Vec<_>>())
        })
        .await
        .unwrap();
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let restart = instance.clone();
        tokio::task::spawn_blocking(move || weaviate(&["start", &restart, "--keep-data"]))
            .await
            .unwrap();
        (stored_before, killed_at.elapsed())
    });

    let report = client
        .collection(&name)
        .typed::<Item>()
        .batch()
        .mode(mode)
        .on_progress(move |p| {
            if p.succeeded >= KILL_AFTER {
                if let Some(s) = signal.lock().unwrap().take() {
                    let _ = s.send(p.succeeded);
                }
            }
        })
        .insert_many((0..COUNT).map(object))
        .await
        .unwrap();
    let (stored_before, down_for) = chaos.await.unwrap();
    eprintln!("{what}: killed after {stored_before} stored, back after {down_for:?}: {report}");
    eprintln!("{what}: retries {:?}", report.retries);

    assert!(
        report.is_success(),
        "{what}: {report}: {:?}",
        &report.errors[..report.errors.len().min(5)]
    );
    assert_eq!(report.succeeded(), COUNT, "{what}");
    assert!(
        stored_before < COUNT,
        "{what}: the kill came after the import"
    );
    assert!(
        !report.retries.is_empty() && !report.retries.causes.is_empty(),
        "{what}: the report should say what was retried: {:?}",
        report.retries
    );
    if graceful {
        // A graceful shutdown drains: the stream ends after every result was sent, so nothing needs
        // sending again; the importer reconnects and goes on.
        assert!(
            report.retries.reconnects > 0,
            "{what}: {:?}",
            report.retries
        );
        assert!(
            report
                .retries
                .causes
                .keys()
                .any(|c| c.contains("shutting down")),
            "{what}: {:?}",
            report.retries
        );
    } else {
        // Killed: whatever was in flight had no answer and was sent again.
        assert!(
            report.retries.requests > 0 && report.retries.items > 0,
            "{what}: {:?}",
            report.retries
        );
    }
    let ids = ids_of(client, &name).await;
    assert_eq!(ids.len(), COUNT, "{what}: object count after the restart");
    let unique: HashSet<Uuid> = ids.into_iter().collect();
    let expected: HashSet<Uuid> = (0..COUNT).map(|i| object(i).id().unwrap()).collect();
    assert_eq!(unique, expected, "{what}: ids after the restart");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_survive_the_server_being_killed_and_restarted() {
    let server = Server::start("kill", &[]);
    let client = ClientBuilder::custom(&server.http, &server.grpc)
        .build()
        .await
        .expect("connect to the fault-test server");
    import_through_a_restart(&server, &client, BatchMode::fixed(1000, 2), false).await;
    import_through_a_restart(&server, &client, BatchMode::server_side(), false).await;
    import_through_a_restart(&server, &client, BatchMode::server_side(), true).await;
}

/// Objects with a wide vector (128 KiB), so a full request is ~100 MB to Weaviate's memory estimate.
#[derive(WeaviateCollection)]
#[weaviate(name = "FaultWide", vector_index = flat)]
struct Wide {
    #[weaviate(key)]
    n: i64,
    #[weaviate(vector)]
    v: Vec<f32>,
}

const WIDE_DIMENSIONS: usize = 32 * 1024;

fn wide(i: usize) -> Wide {
    let mut v = vec![0.5; WIDE_DIMENSIONS];
    v[0] = i as f32;
    Wide { n: i as i64, v }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_shrink_their_requests_when_the_server_has_no_memory_for_them() {
    // Weaviate refuses a batch when its live heap plus the batch's estimated size (its vectors' bytes)
    // would pass 97% of GOMEMLIMIT: with 100 MiB, a request near the 100 MB gRPC message limit never
    // fits, whatever the server's own heap.
    let server = Server::start(
        "memory",
        &[
            "--env",
            "GOMEMLIMIT=100MiB",
            "--env",
            "PERSISTENCE_MEMTABLES_MAX_SIZE_MB=16",
        ],
    );
    let client = ClientBuilder::custom(&server.http, &server.grpc)
        .build()
        .await
        .expect("connect to the memory-test server");
    const COUNT: usize = 1_200;
    for mode in [BatchMode::fixed(1000, 1), BatchMode::server_side()] {
        let name = common::unique("FaultWide");
        let mut config = Wide::collection_config();
        config.name = name.clone();
        client.collections().create(&config).await.unwrap();
        let report = client
            .collection(&name)
            .typed::<Wide>()
            .batch()
            .mode(mode)
            .insert_many((0..COUNT).map(wide))
            .await
            .unwrap();
        eprintln!("{mode}: {report}; retries {:?}", report.retries);
        assert!(
            report.is_success(),
            "{mode}: {report}: {:?}",
            &report.errors[..report.errors.len().min(3)]
        );
        assert_eq!(report.succeeded(), COUNT, "{mode}");
        assert!(
            report.retries.causes.keys().any(|c| c.contains("memory")),
            "{mode}: the server should have refused a request for memory: {:?}",
            report.retries
        );
        let ids: HashSet<Uuid> = ids_of(&client, &name).await.into_iter().collect();
        let expected: HashSet<Uuid> = (0..COUNT).map(|i| wide(i).id().unwrap()).collect();
        assert_eq!(ids, expected, "{mode}: every object stored once");
        client.collections().delete(&name).await.unwrap();
    }
}
