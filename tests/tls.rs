//! TLS: the API-key test server behind a loopback TLS-terminating proxy (`scripts/tls_proxy.py`)
//! whose certificate a private CA signed. Trusting the CA, REST (https) and gRPC (TLS, h2) work;
//! without it, the certificate is refused on either protocol with a clear error.

mod common;

use weaviate_orm::{ClientBuilder, Error, Protocol};

fn key() -> String {
    common::auth_server().2
}

#[tokio::test]
async fn trusting_the_private_ca_both_protocols_work_over_tls() {
    let (http, grpc, ca) = common::tls_server();
    assert!(http.starts_with("https://") && grpc.starts_with("https://"));
    let client = ClientBuilder::custom(&http, &grpc)
        .api_key(key().as_str())
        .ca_certificate_file(&ca)
        .build()
        .await
        .expect("the start-up checks pass over TLS: REST meta and the gRPC health check");
    assert!(client.grpc_health().await.unwrap());

    let name = common::unique("Tls");
    common::one_object_round_trip(&client, &name).await;
    client.collections().delete(&name).await.unwrap();

    // The CA as PEM bytes works the same.
    let pem = std::fs::read(&ca).unwrap();
    let client = ClientBuilder::custom(&http, &grpc)
        .api_key(key().as_str())
        .ca_certificate_pem(pem)
        .build()
        .await
        .unwrap();
    client.collections().list().await.unwrap();
}

/// `err` is a connection error on `protocol` that names the certificate as the reason.
fn assert_certificate_refused(err: &Error, protocol: Protocol) {
    let shown = format!("{err:#}  {err:?}").to_ascii_lowercase();
    let names_it = shown.contains("certificate") || shown.contains("unknownissuer");
    assert!(
        matches!(err, Error::Connection { protocol: p, .. } if *p == protocol) && names_it,
        "{shown}"
    );
}

#[tokio::test]
async fn an_untrusted_certificate_is_refused_on_rest_and_grpc() {
    let (http, grpc, _) = common::tls_server();
    let err = ClientBuilder::custom(&http, &grpc)
        .api_key(key().as_str())
        .build()
        .await
        .unwrap_err();
    assert_certificate_refused(&err, Protocol::Http);

    // gRPC on its own (past the skipped start-up checks).
    let client = ClientBuilder::custom(&http, &grpc)
        .api_key(key().as_str())
        .skip_init_checks(true)
        .build()
        .await
        .unwrap();
    let err = client
        .collection("Anything")
        .query()
        .fetch_objects()
        .limit(1)
        .await
        .unwrap_err();
    assert_certificate_refused(&err, Protocol::Grpc);
}

#[tokio::test]
async fn a_bad_ca_is_refused_before_any_request() {
    let err = ClientBuilder::custom("https://127.0.0.1:9", "https://127.0.0.1:9")
        .ca_certificate_pem("not a certificate")
        .build()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains("PEM")),
        "{err:?}"
    );
    let err = ClientBuilder::custom("https://127.0.0.1:9", "https://127.0.0.1:9")
        .ca_certificate_file("/nonexistent/ca.pem")
        .build()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains("/nonexistent/ca.pem")),
        "{err:?}"
    );
}
