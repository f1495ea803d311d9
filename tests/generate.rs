//! Adopting the crate on an existing Weaviate: collections created by others, the raw REST JSON
//! bodies of `tests/fixtures/generate/*.json` (POSTed in file name order) and the official Python
//! client (`tests/fixtures/generate/python_collections.py`, run with `WEAVIATE_TEST_PYTHON`, which
//! `scripts/test` points at a venv with weaviate-client 4.23.1), are read back from the server and
//! turned into Rust by `weaviate_orm::generate::rust_source`.
//!
//! The result must equal the committed `tests/generated/from_server.rs` (the test fails with the
//! first differing line; `WEAVIATE_ORM_BLESS=1` rewrites the file), and that same file is compiled
//! into this test: every struct in it must declare its live collection exactly.

mod common;

#[path = "generated/from_server.rs"]
mod generated;

use std::path::{Path, PathBuf};
use std::process::Command;

use weaviate_orm::Client;
use weaviate_orm::generate::{GenerateOptions, rust_source};
use weaviate_orm::schema::CollectionConfig;
use weaviate_orm::typed::registry;

/// The collections `python_collections.py` creates.
const PYTHON_COLLECTIONS: &[&str] = &["GenPyArticle", "GenPyAuthor", "GenPyTenant", "GenPyTopic"];

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The REST fixtures, in file name order (reference targets first), with their collection names.
fn rest_fixtures() -> Vec<(String, String)> {
    let dir = here().join("fixtures").join("generate");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let body = std::fs::read_to_string(path).expect("a fixture");
            let json: serde_json::Value =
                serde_json::from_str(&body).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let name = json["class"].as_str().expect("a class name").to_owned();
            (name, body)
        })
        .collect()
}

/// POSTs a raw class body to `/v1/schema`, as any other client would.
async fn post_raw(body: &str) {
    let response = reqwest::Client::new()
        .post(format!("{}/v1/schema", common::http_url()))
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await
        .expect("POST /v1/schema");
    let status = response.status();
    let text = response.text().await.unwrap_or_default();
    assert!(status.is_success(), "POST /v1/schema: {status}: {text}");
}

async fn delete_if_there(client: &Client, name: &str) {
    if client.collections().exists(name).await.unwrap() {
        client.collections().delete(name).await.unwrap();
    }
}

/// The Python of a venv with weaviate-client 4.23.1.
fn python() -> String {
    match std::env::var("WEAVIATE_TEST_PYTHON") {
        Ok(p) if !p.is_empty() => p,
        _ => panic!(
            "WEAVIATE_TEST_PYTHON is not set: it names a Python with weaviate-client==4.23.1 installed; \
             `scripts/test` creates one (in $WEAVIATE_ORM_CACHE/venv-py-client-4.23.1) and sets it, or run \
             `python3 -m venv VENV && VENV/bin/pip install weaviate-client==4.23.1` and export \
             WEAVIATE_TEST_PYTHON=VENV/bin/python"
        ),
    }
}

/// Creates every collection of this test from scratch: the REST fixtures, then the Python ones.
async fn create_collections(client: &Client) -> Vec<String> {
    let python = python();
    let fixtures = rest_fixtures();
    // Referencing collections first: they were created last.
    for (name, _) in fixtures.iter().rev() {
        delete_if_there(client, name).await;
    }
    for (_, body) in &fixtures {
        post_raw(body).await;
    }
    let script = here()
        .join("fixtures")
        .join("generate")
        .join("python_collections.py");
    let output = Command::new(python)
        .arg(&script)
        .arg(common::http_url())
        .arg(common::grpc_url())
        .output()
        .expect("the Python of WEAVIATE_TEST_PYTHON runs");
    assert!(
        output.status.success(),
        "{} failed ({}):\n{}",
        script.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let mut names: Vec<String> = fixtures.into_iter().map(|(name, _)| name).collect();
    names.extend(PYTHON_COLLECTIONS.iter().map(|s| (*s).to_owned()));
    names.sort();
    names
}

/// Compares `source` with the committed file, or rewrites it under `WEAVIATE_ORM_BLESS=1`.
fn compare_with_committed(path: &Path, source: &str) {
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    if std::env::var_os("WEAVIATE_ORM_BLESS").is_some() {
        if committed != source {
            std::fs::write(path, source).expect("write the generated file");
            panic!(
                "{} rewritten; run the test again (without WEAVIATE_ORM_BLESS) to compile and check it",
                path.display()
            );
        }
        return;
    }
    if committed != source {
        panic!(
            "{} is not what the generator writes for the live schema; rerun with WEAVIATE_ORM_BLESS=1 to \
             rewrite it, and review the diff.\n--- committed\n+++ generated\n{}",
            path.display(),
            line_diff(&committed, source)
        );
    }
}

/// The lines of `old` and `new` that differ (`-` / `+`), with two lines of context, from a longest
/// common subsequence of lines.
fn line_diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let near_change = |k: usize| {
        ops[k.saturating_sub(2)..(k + 3).min(ops.len())]
            .iter()
            .any(|(op, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut last = None;
    for (k, (op, line)) in ops.iter().enumerate().filter(|(k, _)| near_change(*k)) {
        if last.is_some_and(|l: usize| l + 1 != k) {
            out.push_str("...\n");
        }
        out.push_str(&format!("{op}{line}\n"));
        last = Some(k);
    }
    out
}

/// The one comparison of a generated struct's config with its live collection. (When migrations
/// land, this asserts that the migration plan from the struct to the server is empty.)
fn assert_declares(rust_type: &str, desired: &CollectionConfig, live: &CollectionConfig) {
    common::assert_matches_server(rust_type, desired, live);
}

#[tokio::test]
async fn generated_structs_declare_collections_created_by_others() {
    let client = common::client().await;
    let names = create_collections(&client).await;

    let live: Vec<CollectionConfig> = client
        .collections()
        .list()
        .await
        .unwrap()
        .into_iter()
        .filter(|c| names.contains(&c.name))
        .collect();
    let mut found: Vec<&str> = live.iter().map(|c| c.name.as_str()).collect();
    found.sort();
    assert_eq!(found, names, "every created collection is on the server");

    let source = rust_source(&live, &GenerateOptions::default())
        .unwrap_or_else(|e| panic!("generation failed: {e}"));
    compare_with_committed(&here().join("generated").join("from_server.rs"), &source);

    let registered = registry::collections();
    let mut declared: Vec<&str> = registered.iter().map(|c| c.name).collect();
    declared.sort();
    assert_eq!(declared, names, "one generated struct per collection");
    for collection in registered {
        let live = live
            .iter()
            .find(|l| l.name == collection.name)
            .expect("a live collection");
        assert_declares(collection.rust_type, &(collection.config)(), live);
    }
    // Generate, derive, plan: the plan of the generated structs (every struct of this test binary)
    // is empty.
    let plan = client
        .migrator()
        .report_undeclared(false)
        .plan()
        .await
        .unwrap();
    assert!(
        plan.is_empty(),
        "the generated structs plan changes:\n{plan}"
    );

    for name in names.iter().rev() {
        delete_if_there(&client, name).await;
    }
}
