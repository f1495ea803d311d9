//! Connecting: start-up checks, health, meta, auth, unreachable servers, and the Send/Sync contract.

mod common;

use std::net::TcpListener;
use std::time::{Duration, Instant};

use weaviate_orm::{Client, ClientBuilder, Error, Protocol};

/// A loopback port with nothing listening on it.
fn dead_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[tokio::test]
async fn ready_live_meta_and_grpc_health() {
    let client = common::client().await;
    assert!(client.is_ready().await.unwrap());
    assert!(client.is_live().await.unwrap());
    assert!(client.grpc_health().await.unwrap());
    let meta = client.meta().await.unwrap();
    assert!(meta.version.starts_with("1."), "{meta:?}");
    for module in [
        "text2vec-bigram",
        "generative-dummy",
        "reranker-dummy",
        "backup-filesystem",
    ] {
        assert!(
            meta.modules.contains_key(module),
            "module {module} missing: {:?}",
            meta.modules.keys()
        );
    }
    assert!(meta.grpc_max_message_size.unwrap() > 1_000_000);
    assert_eq!(client.cached_meta(), Some(&meta));
    assert_eq!(
        client.http_address(),
        common::http_url().trim_end_matches('/')
    );
}

/// Whether the chain of `err`'s sources holds the I/O error of a refused connection: the cause the
/// network stack saw is kept, not only its text.
fn caused_by_a_refused_connection(err: &Error) -> bool {
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        if s.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::ConnectionRefused)
        {
            return true;
        }
        source = s.source();
    }
    false
}

#[tokio::test]
async fn a_down_http_server_is_a_connection_error_naming_the_address() {
    let port = dead_port();
    let started = Instant::now();
    let err = ClientBuilder::custom(&format!("http://127.0.0.1:{port}"), &common::grpc_url())
        .connect_timeout(Duration::from_secs(2))
        .build()
        .await
        .unwrap_err();
    match &err {
        Error::Connection {
            protocol, address, ..
        } => {
            assert_eq!(*protocol, Protocol::Http);
            assert_eq!(address, &format!("http://127.0.0.1:{port}"));
        }
        other => panic!("expected a connection error, got {other:?}"),
    }
    assert!(err.to_string().contains(&port.to_string()));
    assert!(err.is_retryable());
    assert!(caused_by_a_refused_connection(&err), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_down_grpc_server_is_a_connection_error_naming_the_address() {
    let port = dead_port();
    let started = Instant::now();
    let err = ClientBuilder::custom(&common::http_url(), &format!("http://127.0.0.1:{port}"))
        .connect_timeout(Duration::from_secs(2))
        .build()
        .await
        .unwrap_err();
    match &err {
        Error::Connection {
            protocol, address, ..
        } => {
            assert_eq!(*protocol, Protocol::Grpc);
            assert!(address.contains(&format!("127.0.0.1:{port}")), "{address}");
        }
        other => panic!("expected a connection error, got {other:?}"),
    }
    assert!(caused_by_a_refused_connection(&err), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_server_that_never_answers_fails_within_the_connect_timeout() {
    // Accepts TCP connections but never replies.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let _keep = std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(4) {
            held.push(stream);
        }
        std::thread::sleep(Duration::from_secs(10));
    });
    let started = Instant::now();
    let err = ClientBuilder::custom(&format!("http://127.0.0.1:{port}"), &common::grpc_url())
        .connect_timeout(Duration::from_secs(1))
        .build()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Connection { protocol: Protocol::Http, address, .. } if address.ends_with(&port.to_string())),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn skip_init_checks_builds_without_a_server_and_fails_on_first_use() {
    let port = dead_port();
    let client = ClientBuilder::custom(
        &format!("http://127.0.0.1:{port}"),
        &format!("http://127.0.0.1:{port}"),
    )
    .skip_init_checks(true)
    .connect_timeout(Duration::from_secs(1))
    .build()
    .await
    .expect("no request is made");
    assert!(client.cached_meta().is_none());
    let err = client.is_ready().await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Connection {
                protocol: Protocol::Http,
                ..
            }
        ),
        "{err:?}"
    );
    let err = client
        .collection("Article")
        .query()
        .fetch_objects()
        .limit(1)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Connection { protocol: Protocol::Grpc, address, .. } if address.contains(&port.to_string())),
        "{err:?}"
    );
}

#[tokio::test]
async fn api_key_auth_accepts_the_right_key_and_refuses_others() {
    let (http, grpc, key) = common::auth_server();
    let client = ClientBuilder::custom(&http, &grpc)
        .api_key(key.as_str())
        .build()
        .await
        .unwrap();
    assert!(client.grpc_health().await.unwrap());
    client
        .collections()
        .list()
        .await
        .expect("the right key lists collections");
    client
        .collection("Nothing")
        .query()
        .fetch_objects()
        .limit(1)
        .await
        .expect_err("no such collection, but the call is authenticated");
    assert!(!format!("{client:?}").contains(&key));

    let err = ClientBuilder::custom(&http, &grpc)
        .api_key("wrong-key")
        .build()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");

    let err = ClientBuilder::custom(&http, &grpc)
        .build()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "no key: {err:?}");

    // gRPC with a wrong key, past the (skipped) start-up checks.
    let client = ClientBuilder::custom(&http, &grpc)
        .api_key("wrong-key")
        .skip_init_checks(true)
        .build()
        .await
        .unwrap();
    let err = client
        .collection("Article")
        .query()
        .fetch_objects()
        .limit(1)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    let err = client.collections().list().await.unwrap_err();
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
}

#[tokio::test]
async fn extra_headers_are_accepted_and_never_printed() {
    let client = common::builder()
        .header("X-OpenAI-Api-Key", "sk-not-a-real-key")
        .build()
        .await
        .unwrap();
    assert!(client.is_ready().await.unwrap());
    assert!(!format!("{client:?}").contains("sk-not-a-real-key"));
}

fn assert_send<T: Send>(_: &T) {}
fn assert_send_sync<T: Send + Sync + 'static>() {}
fn assert_clone<T: Clone>() {}

#[tokio::test]
async fn client_is_send_sync_clone_and_futures_are_send() {
    assert_send_sync::<Client>();
    assert_clone::<Client>();
    assert_send_sync::<Error>();
    let client = common::client().await;
    let collection = client.collection("Article");
    assert_send(&client.is_ready());
    assert_send(&client.meta());
    assert_send(&client.grpc_health());
    assert_send(&ClientBuilder::local().build());
    assert_send(&client.collections().list());
    assert_send(&client.collections().get("Article"));
    assert_send(&client.collections().update("Article", |_| {}));
    assert_send(&collection.data().exists(uuid::Uuid::nil()));
    assert_send(&std::future::IntoFuture::into_future(
        collection.data().get(uuid::Uuid::nil()),
    ));
    assert_send(&std::future::IntoFuture::into_future(
        collection.query().fetch_objects(),
    ));
    assert_send(&collection.batch().insert_many(Vec::new()));
    // a clone shares the connection and works from another task
    let clone = client.clone();
    let ready = tokio::spawn(async move { clone.is_ready().await })
        .await
        .unwrap();
    assert!(ready.unwrap());
}
