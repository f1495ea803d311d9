//! The quickstart run twice against the real server: the first run creates the collections and
//! imports the data, the second plans no change and ends with the same counts.

mod common;

use std::process::Command;

fn run_quickstart() -> String {
    let out = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "quickstart"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("WEAVIATE_URL", common::http_url())
        .env("WEAVIATE_GRPC_URL", common::grpc_url())
        .env_remove("WEAVIATE_API_KEY")
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "quickstart failed: {}\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[tokio::test]
async fn the_quickstart_twice_plans_nothing_the_second_time() {
    let client = common::client().await;
    for name in ["QuickstartQuote", "QuickstartTopic"] {
        if client.collections().exists(name).await.unwrap() {
            client.collections().delete(name).await.unwrap();
        }
    }
    let first = run_quickstart();
    assert!(first.contains("2 changes (2 create)"), "{first}");
    assert!(
        first.contains("quotes imported: 336 of 336 objects stored, 0 failed"),
        "{first}"
    );
    assert!(
        first.contains("quickstart done: 6 topics, 336 quotes"),
        "{first}"
    );
    for section in ["near_text", "hybrid", "filter", "group_by"] {
        assert!(
            first.contains(&format!("\n{section} ")),
            "no {section} in {first}"
        );
    }
    let second = run_quickstart();
    assert!(
        second.contains("No changes: the server matches the structs"),
        "{second}"
    );
    assert!(
        second.contains("quickstart done: 6 topics, 336 quotes"),
        "{second}"
    );
}
