//! OIDC logins against a real Weaviate whose identity provider is the loopback issuer of
//! `scripts/oidc_issuer.py` (tokens valid for 4 seconds): the three flows, refresh before expiry
//! and after a refusal, one refresh for many concurrent requests, and the refusals.

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;
use weaviate_orm::{Client, ClientBuilder, Error, Oidc};

/// The issuer's log is shared: the tests of this file run one at a time so each can count the
/// token requests it caused.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Longer than the issuer's token lifetime (4 s).
const PAST_EXPIRY: Duration = Duration::from_millis(4500);

fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs_f64()
}

/// The token requests the issuer answered since `since` (UNIX seconds).
async fn token_requests(issuer: &str, since: f64) -> Vec<Value> {
    let all: Vec<Value> = reqwest::get(format!("{issuer}/requests"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    all.into_iter()
        .filter(|r| r["at"].as_f64().unwrap() >= since)
        .collect()
}

fn grants(requests: &[Value]) -> Vec<(String, u64)> {
    requests
        .iter()
        .map(|r| {
            (
                r["grant_type"].as_str().unwrap().to_owned(),
                r["status"].as_u64().unwrap(),
            )
        })
        .collect()
}

async fn works_after_expiry(client: &Client, name: &str) {
    tokio::time::sleep(PAST_EXPIRY).await;
    let found = client
        .collection(name)
        .query()
        .fetch_objects()
        .limit(5)
        .await
        .expect("gRPC after the first token expired");
    assert_eq!(found.len(), 1);
    tokio::time::sleep(PAST_EXPIRY).await;
    assert!(
        client
            .collections()
            .exists(name)
            .await
            .expect("REST after the second token expired"),
        "{name}"
    );
    client.collections().delete(name).await.unwrap();
}

/// Logs in with `oidc`, uses the client, and again after two token lifetimes: the issuer saw one
/// `login` grant (nothing more while the token was fresh), then one refresh per expiry, all for
/// `subject`. Returns the token requests.
async fn log_in_and_outlive_two_tokens(
    s: &common::OidcServer,
    oidc: Oidc,
    login: &str,
    subject: &str,
    secret: &str,
) -> Vec<Value> {
    let t0 = now();
    let client = ClientBuilder::custom(&s.http, &s.grpc)
        .auth(oidc)
        .build()
        .await
        .unwrap();
    assert!(!format!("{client:?}").contains(secret));
    let name = common::unique("Oidc");
    common::one_object_round_trip(&client, &name).await;
    assert_eq!(
        grants(&token_requests(&s.issuer, t0).await),
        [(login.to_owned(), 200)],
        "one login, no refresh while the token is fresh"
    );
    works_after_expiry(&client, &name).await;
    let requests = token_requests(&s.issuer, t0).await;
    let refresh = ("refresh_token".to_owned(), 200);
    assert_eq!(
        grants(&requests),
        [(login.to_owned(), 200), refresh.clone(), refresh],
        "{requests:?}"
    );
    assert!(
        requests.iter().all(|r| r["subject"] == subject),
        "{requests:?}"
    );
    requests
}

#[tokio::test]
async fn client_credentials_log_in_and_refresh_before_expiry() {
    let _one = SERIAL.lock().await;
    let s = common::oidc_server();
    let oidc = Oidc::client_credentials(&s.client_id, s.client_secret.as_str());
    let requests = log_in_and_outlive_two_tokens(
        &s,
        oidc,
        "client_credentials",
        &s.client_id,
        &s.client_secret,
    )
    .await;
    assert!(
        requests
            .iter()
            .all(|r| r["client_id"] == s.client_id.as_str())
    );
}

#[tokio::test]
async fn password_login_refreshes_with_the_refresh_token() {
    let _one = SERIAL.lock().await;
    let s = common::oidc_server();
    let oidc = Oidc::password(&s.username, s.password.as_str());
    let requests =
        log_in_and_outlive_two_tokens(&s, oidc, "password", &s.username, &s.password).await;
    // Password and refresh grants name Weaviate's client id, as the server checks the audience.
    assert!(
        requests.iter().all(|r| r["client_id"] == "weaviate"),
        "{requests:?}"
    );
}

/// Gets a refresh token from the issuer directly, as an application would after its own login.
async fn refresh_token_of(s: &common::OidcServer) -> String {
    let body: Value = reqwest::Client::new()
        .post(format!("{}/token", s.issuer))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=password&client_id=weaviate&username={}&password={}",
            s.username, s.password
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    body["refresh_token"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_refused_token_is_refreshed_and_the_request_sent_again() {
    let _one = SERIAL.lock().await;
    let s = common::oidc_server();
    let refresh = refresh_token_of(&s).await;
    let t0 = now();
    // A token the server refuses, said to be valid for an hour: only the refusal refreshes it.
    let client = ClientBuilder::custom(&s.http, &s.grpc)
        .auth(Oidc::bearer_with_refresh(
            "not-a-valid-token",
            refresh.as_str(),
            Some(Duration::from_secs(3600)),
        ))
        .skip_init_checks(true)
        .build()
        .await
        .unwrap();
    client
        .collections()
        .list()
        .await
        .expect("the REST call succeeds after the refresh");
    assert_eq!(
        grants(&token_requests(&s.issuer, t0).await),
        [("refresh_token".to_owned(), 200)]
    );

    // The same over gRPC.
    let client = ClientBuilder::custom(&s.http, &s.grpc)
        .auth(Oidc::bearer_with_refresh(
            "not-a-valid-token",
            refresh_token_of(&s).await.as_str(),
            Some(Duration::from_secs(3600)),
        ))
        .skip_init_checks(true)
        .build()
        .await
        .unwrap();
    let t1 = now();
    let err = client
        .collection("OidcNoSuchCollection")
        .query()
        .fetch_objects()
        .limit(1)
        .await
        .unwrap_err();
    assert!(
        !matches!(err, Error::Unauthorized { .. }),
        "authenticated after the refresh; only the collection is missing: {err:?}"
    );
    assert_eq!(
        grants(&token_requests(&s.issuer, t1).await),
        [("refresh_token".to_owned(), 200)]
    );
}

#[tokio::test]
async fn concurrent_requests_share_one_refresh() {
    let _one = SERIAL.lock().await;
    let s = common::oidc_server();
    let client = ClientBuilder::custom(&s.http, &s.grpc)
        .auth(Oidc::client_credentials(
            &s.client_id,
            s.client_secret.as_str(),
        ))
        .build()
        .await
        .unwrap();
    tokio::time::sleep(PAST_EXPIRY).await;
    let t0 = now();
    let calls = (0..16).map(|i| {
        let client = client.clone();
        async move {
            if i % 2 == 0 {
                client.collections().list().await.map(|_| ())
            } else {
                client.collections().exists("OidcNone").await.map(|_| ())
            }
        }
    });
    for result in futures_util::future::join_all(calls).await {
        result.expect("every concurrent call succeeds");
    }
    assert_eq!(
        grants(&token_requests(&s.issuer, t0).await),
        [("refresh_token".to_owned(), 200)],
        "one refresh for sixteen requests"
    );
}

#[tokio::test]
async fn refusals_are_unauthorized_with_the_providers_reason() {
    let _one = SERIAL.lock().await;
    let s = common::oidc_server();
    let err = ClientBuilder::custom(&s.http, &s.grpc)
        .auth(Oidc::client_credentials(&s.client_id, "wrong-secret"))
        .build()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Unauthorized { message } if message.contains("invalid_client") && message.contains("client_credentials")),
        "{err:?}"
    );
    assert!(!err.to_string().contains("wrong-secret"), "{err}");

    let err = ClientBuilder::custom(&s.http, &s.grpc)
        .auth(Oidc::password(&s.username, "wrong-password"))
        .build()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Unauthorized { message } if message.contains("invalid_grant")),
        "{err:?}"
    );

    // A refused token whose refresh token is refused too: the call fails, it does not loop.
    let client = ClientBuilder::custom(&s.http, &s.grpc)
        .auth(Oidc::bearer_with_refresh(
            "not-a-valid-token",
            "not-a-refresh-token",
            Some(Duration::from_secs(3600)),
        ))
        .skip_init_checks(true)
        .build()
        .await
        .unwrap();
    let err = client.collections().list().await.unwrap_err();
    assert!(
        matches!(&err, Error::Unauthorized { message } if message.contains("invalid_grant")),
        "{err:?}"
    );

    // Without credentials the server refuses, with its own message.
    let err = ClientBuilder::custom(&s.http, &s.grpc)
        .build()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Unauthorized { message } if message.contains("OIDC")),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_server_without_oidc_is_named_before_any_login() {
    let err = common::builder()
        .auth(Oidc::client_credentials("svc", "secret"))
        .build()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains("does not use OIDC")),
        "{err:?}"
    );
}
