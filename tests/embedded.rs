//! The embedded server against the real binary: `Client::embedded()` starts one (the binary of
//! `scripts/weaviate install`, or built with Go), REST and gRPC work, near_text works through the
//! in-process embedding service, and dropping the last client stops the process and removes its
//! temporary dir. Needs no running server, only the binary (or Go).

use std::path::Path;
use std::time::Duration;

use serde_json::json;
use weaviate_orm::data::NewObject;
use weaviate_orm::embedded::{EmbeddedError, EmbeddedOptions};
use weaviate_orm::schema::{CollectionConfig, DataType, Property};
use weaviate_orm::{Client, Error, WeaviateCollection};

/// A note vectorized by text2vec-transformers, which the embedded server backs with its own
/// embedding service.
#[derive(WeaviateCollection, Debug)]
#[weaviate(
    name = "EmbeddedNote",
    vector(name = "text_vec", source = [text],
           vectorizer = text2vec_transformers(vectorize_class_name = false)),
)]
struct Note {
    #[weaviate(key)]
    text: String,
}

fn process_gone(pid: u32) -> bool {
    !Path::new(&format!("/proc/{pid}")).exists()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_embedded_server_serves_rest_and_grpc_and_stops_with_its_last_client() {
    let client = Client::embedded().await.expect("embedded server starts");
    let server = client.embedded_server().expect("an embedded client");
    let (pid, dir, http) = (
        server.pid(),
        server.dir().to_owned(),
        server.http_url().to_owned(),
    );
    assert!(
        server.is_temporary() && dir.join("data").is_dir(),
        "{dir:?}"
    );
    assert_eq!(client.meta().await.unwrap().version, "1.39.0");

    // REST: create a collection, insert and read an object.
    let config =
        CollectionConfig::new("EmbeddedPlain").property(Property::new("title", DataType::Text));
    client.collections().create(&config).await.unwrap();
    let plain = client.collection("EmbeddedPlain");
    let id = plain
        .data()
        .insert(NewObject::new(json!({"title": "hello embedded"})).unwrap())
        .await
        .unwrap();
    let got = plain
        .data()
        .get(id)
        .await
        .unwrap()
        .expect("the object is stored");
    assert_eq!(got.properties["title"], "hello embedded");
    // gRPC: the same object through Search.
    let found = plain.query().fetch_objects().limit(10).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, id);
    assert_eq!(found[0].properties["title"], "hello embedded");

    // The scripts' modules, near_text through the embedding service.
    let modules = &client.meta().await.unwrap().modules;
    for module in [
        "text2vec-bigram",
        "text2vec-transformers",
        "backup-filesystem",
        "generative-dummy",
    ] {
        assert!(
            modules.contains_key(module),
            "{module} missing: {modules:?}"
        );
    }
    let migrator = client.migrator().collection::<Note>();
    migrator
        .apply(&migrator.plan().await.unwrap())
        .await
        .unwrap();
    let notes =
        ["the cat sat on the mat", "stock markets fell sharply"].map(|t| Note { text: t.into() });
    let note_handle = client.collection_of::<Note>();
    let report = note_handle.batch().insert_many(notes).await.unwrap();
    assert!(report.is_success(), "{report}");
    let near = note_handle
        .query()
        .near_text("a cat on a mat")
        .limit(1)
        .await
        .unwrap();
    assert_eq!(near[0].text, "the cat sat on the mat");

    // A clone keeps it alive (a collection handle or a migrator holds one too); the last drop
    // stops it and removes the temporary dir.
    drop((plain, migrator, note_handle));
    let clone = client.clone();
    drop(client);
    assert!(clone.is_ready().await.unwrap());
    drop(clone);
    assert!(process_gone(pid), "weaviate-server {pid} still runs");
    assert!(!dir.exists(), "{dir:?} still exists");
    let refused = reqwest::get(format!("{http}/v1/.well-known/ready")).await;
    assert!(refused.is_err(), "{refused:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_stops_it_now_and_a_data_dir_given_is_kept() {
    let dir =
        std::env::temp_dir().join(format!("weaviate-orm-embedded-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let server = EmbeddedOptions::new()
        .data_dir(&dir)
        .embedding_service(false)
        .stop_timeout(Duration::from_secs(20))
        .start()
        .await
        .expect("embedded server starts");
    let client = server.connect().await.unwrap();
    let pid = server.pid();
    let modules = client.meta().await.unwrap().modules;
    assert!(
        !modules.contains_key("text2vec-transformers"),
        "{modules:?}"
    );
    server.shutdown().await.unwrap();
    assert!(!server.is_running() && process_gone(pid));
    assert!(matches!(client.meta().await, Err(Error::Connection { .. })));
    server.shutdown().await.unwrap(); // idempotent
    assert!(dir.join("data").is_dir() && dir.join("weaviate.log").is_file());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test]
async fn startup_failures_are_typed() {
    // A binary that is not there.
    let err = EmbeddedOptions::new()
        .binary("/nonexistent/weaviate-server")
        .start()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Embedded(EmbeddedError::BinaryNotFound { .. })),
        "{err}"
    );
    assert!(
        err.to_string().contains("/nonexistent/weaviate-server"),
        "{err}"
    );

    // A port in use.
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = EmbeddedOptions::new()
        .http_port(port)
        .start()
        .await
        .unwrap_err();
    match &err {
        Error::Embedded(EmbeddedError::PortTaken { port: p, purpose }) => {
            assert_eq!((*p, purpose.as_str()), (port, "http"));
        }
        other => panic!("{other}"),
    }

    // A "server" that exits at once: the error has its status and log, the temporary dir goes.
    let err = EmbeddedOptions::new()
        .binary("/bin/false")
        .embedding_service(false)
        .start()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Embedded(EmbeddedError::ExitedEarly { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("exit status: 1"), "{err}");
}
