//! Timeouts and retries against the real server, through a loopback proxy that misbehaves on purpose.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tokio::net::{TcpListener, TcpStream};
use weaviate_orm::{ClientBuilder, Error, RetryPolicy};

fn target(url: &str) -> SocketAddr {
    url.trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .expect("host:port")
}

/// A TCP proxy to `upstream` that closes the first `drop_first` connections at once and forwards the
/// rest. Returns its address and the number of connections it has accepted.
async fn flaky_proxy(upstream: SocketAddr, drop_first: usize) -> (SocketAddr, Arc<AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let counter = accepted.clone();
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = listener.accept().await {
            let n = counter.fetch_add(1, Ordering::SeqCst);
            if n < drop_first {
                drop(inbound);
                continue;
            }
            tokio::spawn(async move {
                if let Ok(mut outbound) = TcpStream::connect(upstream).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    (addr, accepted)
}

#[tokio::test]
async fn idempotent_searches_are_retried_until_the_server_answers() {
    let (proxy, accepted) = flaky_proxy(target(&common::grpc_url()), 2).await;
    let client = ClientBuilder::custom(&common::http_url(), &format!("http://{proxy}"))
        .skip_init_checks(true)
        .retry(
            RetryPolicy::default()
                .max_attempts(5)
                .initial_backoff(Duration::from_millis(50)),
        )
        .build()
        .await
        .unwrap();
    let missing = common::unique("Retry");
    // The collection does not exist: reaching the server at all gives its own message.
    let err = client
        .collection(&missing)
        .query()
        .fetch_objects()
        .await
        .unwrap_err();
    assert!(
        err.to_string().contains(&missing),
        "the search never reached the server: {err:?}"
    );
    assert!(
        accepted.load(Ordering::SeqCst) >= 3,
        "dropped connections were not retried"
    );
}

#[tokio::test]
async fn retries_give_up_after_the_policy_attempts_with_a_connection_error() {
    let (proxy, accepted) = flaky_proxy(target(&common::grpc_url()), usize::MAX).await;
    let client = ClientBuilder::custom(&common::http_url(), &format!("http://{proxy}"))
        .skip_init_checks(true)
        .retry(
            RetryPolicy::default()
                .max_attempts(3)
                .initial_backoff(Duration::from_millis(20)),
        )
        .build()
        .await
        .unwrap();
    let err = client
        .collection("Anything")
        .query()
        .fetch_objects()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Connection { address, .. } if address.contains(&proxy.port().to_string())),
        "{err:?}"
    );
    let tries = accepted.load(Ordering::SeqCst);
    assert!(
        (3..=6).contains(&tries),
        "{tries} connections for 3 attempts"
    );

    // With retries off, one attempt only.
    let (proxy, accepted) = flaky_proxy(target(&common::grpc_url()), usize::MAX).await;
    let client = ClientBuilder::custom(&common::http_url(), &format!("http://{proxy}"))
        .skip_init_checks(true)
        .retry(RetryPolicy::never())
        .build()
        .await
        .unwrap();
    client
        .collection("Anything")
        .query()
        .fetch_objects()
        .await
        .unwrap_err();
    assert!(accepted.load(Ordering::SeqCst) <= 2);
}

#[tokio::test]
async fn a_reply_slower_than_the_query_timeout_is_a_timeout_error() {
    // Accepts connections and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((s, _)) = listener.accept().await {
            held.push(s);
        }
    });
    let client = ClientBuilder::custom(&format!("http://{addr}"), &format!("http://{addr}"))
        .skip_init_checks(true)
        .query_timeout(Duration::from_millis(400))
        .retry(RetryPolicy::never())
        .build()
        .await
        .unwrap();
    let started = Instant::now();
    let err = client.meta().await.unwrap_err();
    assert!(
        matches!(&err, Error::Timeout { after, .. } if *after == Duration::from_millis(400)),
        "{err:?}"
    );
    assert!(err.is_retryable());
    // reqwest's own timeout error is kept as the cause.
    assert!(std::error::Error::source(&err).is_some(), "{err:?}");
    let err = client
        .collection("Anything")
        .query()
        .fetch_objects()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
}
