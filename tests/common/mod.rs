//! Shared harness of the integration tests: finds the real Weaviate server started by `scripts/test`.
#![allow(dead_code)]

use std::sync::atomic::{AtomicU32, Ordering};

use futures_util::TryStreamExt;
use weaviate_orm::query::{Hit, Query};
use weaviate_orm::schema::CollectionConfig;
use weaviate_orm::{Client, ClientBuilder, WeaviateCollection};

const HOW_TO: &str = "the integration tests need a real Weaviate server: run `scripts/test` (it installs and \
starts one), or start one with `scripts/weaviate start test` and export the variables that \
`scripts/weaviate env test` prints as WEAVIATE_TEST_URL and WEAVIATE_TEST_GRPC_URL";

fn var(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!("{name} is not set: {HOW_TO}"),
    }
}

/// REST URL of the anonymous test server.
pub fn http_url() -> String {
    var("WEAVIATE_TEST_URL")
}

/// gRPC URL of the anonymous test server.
pub fn grpc_url() -> String {
    var("WEAVIATE_TEST_GRPC_URL")
}

/// URL of the anonymous test server's model stand-in (`scripts/embedder.py`: the OpenAI, CLIP and
/// ImageBind APIs the server's modules call, recording the requests it gets).
pub fn standin_url() -> String {
    var("WEAVIATE_TEST_STANDIN_URL")
}

/// The requests the stand-in recorded whose JSON body contains `marker`, oldest first: each
/// `{"path": .., "headers": {..}, "body": {..}}`.
pub async fn standin_requests(marker: &str) -> Vec<serde_json::Value> {
    // reqwest is built without its `query` feature: the URL carries the parameter itself.
    let url = reqwest::Url::parse_with_params(
        &format!("{}/requests", standin_url()),
        &[("contains", marker)],
    )
    .expect("the stand-in URL is a URL");
    reqwest::Client::new()
        .get(url)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .unwrap_or_else(|e| panic!("cannot read the stand-in's requests: {e}"))
        .json()
        .await
        .expect("the stand-in answers a JSON list")
}

/// A builder pointed at the anonymous test server.
pub fn builder() -> ClientBuilder {
    ClientBuilder::custom(&http_url(), &grpc_url())
}

/// A connected client for the anonymous test server.
pub async fn client() -> Client {
    builder()
        .build()
        .await
        .unwrap_or_else(|e| panic!("cannot connect to the test server: {e}\n{HOW_TO}"))
}

/// A client of a server that is not there (nothing listens on port 9; no start-up checks): a call
/// that fails with anything but a connection error never sent a request.
pub async fn offline_client() -> Client {
    ClientBuilder::custom("http://127.0.0.1:9", "http://127.0.0.1:9")
        .skip_init_checks(true)
        .build()
        .await
        .unwrap()
}

const WAND_HOW_TO: &str = "the WAND tests need a Weaviate server that creates WAND (map-based) searchable \
indexes: run `scripts/test` (it starts one), or start one with `scripts/weaviate start wand --env \
USE_INVERTED_SEARCHABLE=false --env DEFAULT_QUANTIZATION=rq-8` and export the variables that `scripts/weaviate env wand` prints as \
WEAVIATE_TEST_WAND_URL and WEAVIATE_TEST_WAND_GRPC_URL";

/// A connected client for the server started with `USE_INVERTED_SEARCHABLE=false` (new collections
/// get WAND searchable indexes there) and `DEFAULT_QUANTIZATION=rq-8` (vector indexes without a
/// quantizer get RQ).
pub async fn wand_client() -> Client {
    let get = |name: &str| match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!("{name} is not set: {WAND_HOW_TO}"),
    };
    let (http, grpc) = (
        get("WEAVIATE_TEST_WAND_URL"),
        get("WEAVIATE_TEST_WAND_GRPC_URL"),
    );
    ClientBuilder::custom(&http, &grpc)
        .build()
        .await
        .unwrap_or_else(|e| {
            panic!("cannot connect to the WAND test server {http}: {e}\n{WAND_HOW_TO}")
        })
}

/// (REST URL, gRPC URL, API key) of the API-key test server.
pub fn auth_server() -> (String, String, String) {
    (
        var("WEAVIATE_TEST_AUTH_URL"),
        var("WEAVIATE_TEST_AUTH_GRPC_URL"),
        var("WEAVIATE_TEST_AUTH_KEY"),
    )
}

/// A collection name no other test uses: `prefix` + process id + counter.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}{}x{}x{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        fastrand_suffix()
    )
}

fn fastrand_suffix() -> u32 {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    t % 100_000
}

/// Drops the collection `config.name` if it exists (left by an earlier run), then creates it.
pub async fn recreate(client: &Client, config: &CollectionConfig) {
    if client.collections().exists(&config.name).await.unwrap() {
        client.collections().delete(&config.name).await.unwrap();
    }
    client.collections().create(config).await.unwrap();
}

/// [`recreate`] with `T`'s derived configuration.
pub async fn recreate_derived<T: WeaviateCollection>(client: &Client) {
    recreate(client, &T::collection_config()).await;
}

/// Imports untyped objects through `collection` (its tenant included) and checks that every one
/// arrived.
pub async fn import(
    collection: &weaviate_orm::Collection,
    objects: impl IntoIterator<Item = weaviate_orm::data::NewObject, IntoIter: Send> + Send,
) {
    let report = collection.batch().insert_many(objects).await.unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
}

/// Asserts that `desired` (the config of `what`, e.g. a derived struct) is what the server made of it,
/// `live`; the failure shows both, normalized for the comparison.
pub fn assert_matches_server(what: &str, desired: &CollectionConfig, live: &CollectionConfig) {
    assert!(
        desired.matches_server(live),
        "{what}: the config of {} differs from the server's.\ndesired (with server defaults):\n{}\nlive:\n{}",
        live.name,
        serde_json::to_string_pretty(&desired.with_server_defaults().normalized_for_compare())
            .unwrap_or_default(),
        serde_json::to_string_pretty(&live.normalized_for_compare()).unwrap_or_default()
    );
}

/// Every object of a typed query's collection, through the cursor stream.
pub async fn fetch_all<T: WeaviateCollection>(query: &Query<T>) -> Vec<Hit<T>> {
    query
        .fetch_objects()
        .stream(1_000)
        .try_collect()
        .await
        .unwrap()
}

// ---------------------------------------------------------------------------
// The 3-node cluster of `scripts/test` (tests/cluster.rs).

const CLUSTER_HOW_TO: &str = "the cluster tests need a real 3-node Weaviate cluster: run \
`scripts/test` (it starts one), or start one with `scripts/weaviate start-cluster cluster` and export \
its nodes' URLs, comma-separated in node order, as WEAVIATE_TEST_CLUSTER_URLS and \
WEAVIATE_TEST_CLUSTER_GRPC_URLS, and WEAVIATE_TEST_CLUSTER_NAME=cluster";

fn cluster_var(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!("{name} is not set: {CLUSTER_HOW_TO}"),
    }
}

/// (REST URL, gRPC URL) of every node of the test cluster, in node order.
pub fn cluster_nodes() -> Vec<(String, String)> {
    let split = |v: String| -> Vec<String> { v.split(',').map(|s| s.trim().to_owned()).collect() };
    let http = split(cluster_var("WEAVIATE_TEST_CLUSTER_URLS"));
    let grpc = split(cluster_var("WEAVIATE_TEST_CLUSTER_GRPC_URLS"));
    assert_eq!(
        http.len(),
        grpc.len(),
        "WEAVIATE_TEST_CLUSTER_URLS and WEAVIATE_TEST_CLUSTER_GRPC_URLS name different numbers of nodes"
    );
    http.into_iter().zip(grpc).collect()
}

/// The cluster's instance name prefix for `scripts/weaviate`: node `i` (1-based) is instance
/// `<prefix>-<i>`.
pub fn cluster_name() -> String {
    cluster_var("WEAVIATE_TEST_CLUSTER_NAME")
}

/// A connected client for node `index` (0-based) of the test cluster.
pub async fn cluster_client(index: usize) -> Client {
    let nodes = cluster_nodes();
    let (http, grpc) = nodes
        .get(index)
        .unwrap_or_else(|| panic!("the test cluster has no node #{}", index + 1));
    ClientBuilder::custom(http, grpc)
        .build()
        .await
        .unwrap_or_else(|e| panic!("cannot connect to cluster node {http}: {e}\n{CLUSTER_HOW_TO}"))
}
