//! The migration command line against the real server: `weaviate_orm::cli::run_with` over the
//! structs registered in this test binary (only the `Cli*` ones below: `client.migrator()` sees every
//! struct of the binary, so these tests have a file of their own), and the standalone binary's
//! `doctor` and `schema`.
//!
//! Output is compared with the snapshots in `tests/snapshots/cli/*.txt` after masking what changes
//! from server to server (version, URLs, module list); `WEAVIATE_ORM_BLESS=1` rewrites them.
//! Needs the server `scripts/test` starts (WEAVIATE_TEST_URL, WEAVIATE_TEST_GRPC_URL, and the
//! WEAVIATE_TEST_AUTH_* API-key server for one doctor test).

use std::path::PathBuf;
use std::process::ExitCode;

use weaviate_orm::cli::{Status, run_standalone_with, run_with};
use weaviate_orm::migrate::{ApplyReport, ChangeClass, Outcome, Plan};
use weaviate_orm::schema::{CollectionConfig, DataType, Property};
use weaviate_orm::{Client, ClientBuilder, WeaviateCollection};

mod structs {
    use weaviate_orm::WeaviateCollection;
    use weaviate_orm::typed::Reference;

    /// An author.
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "CliAuthor")]
    pub struct CliAuthor {
        pub name: String,
    }

    /// An article, written by an author.
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "CliArticle", description = "articles")]
    pub struct CliArticle {
        #[weaviate(tokenization = word)]
        pub title: String,
        #[weaviate(index_range_filters)]
        pub views: i64,
        pub author: Reference<CliAuthor>,
    }

    /// A note; the tests create it by hand with another description and a stray property.
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "CliNote", description = "notes")]
    pub struct CliNote {
        pub body: String,
    }
}

const HOW_TO: &str = "the CLI tests need a real Weaviate server: run `scripts/test` (it installs and starts \
one), or start one with `scripts/weaviate start test` and export the variables that `scripts/weaviate env test` \
prints as WEAVIATE_TEST_URL and WEAVIATE_TEST_GRPC_URL";

fn var(name: &str) -> String {
    match std::env::var(name) {
        Ok(v) if !v.is_empty() => v,
        _ => panic!("{name} is not set: {HOW_TO}"),
    }
}

fn urls() -> (String, String) {
    (var("WEAVIATE_TEST_URL"), var("WEAVIATE_TEST_GRPC_URL"))
}

async fn client() -> Client {
    let (http, grpc) = urls();
    ClientBuilder::custom(&http, &grpc)
        .build()
        .await
        .unwrap_or_else(|e| panic!("cannot connect to the test server: {e}\n{HOW_TO}"))
}

/// Deletes the named collections, their rebuilt copies and aliases of the same name.
async fn clean(client: &Client, names: &[&str]) {
    for name in names {
        if let Ok(Some(_)) = client.aliases().get(name).await {
            client.aliases().delete(name).await.unwrap();
        }
        for config in client.collections().list().await.unwrap() {
            if config.name == *name || config.name.starts_with(&format!("{name}_v")) {
                client.collections().delete(&config.name).await.unwrap();
            }
        }
    }
}

/// One run of the command line.
#[derive(Debug)]
struct Run {
    code: ExitCode,
    out: String,
    err: String,
}

impl Run {
    /// The run as a snapshot: exit code, stdout, stderr, with volatile parts masked.
    fn text(&self, version: &str) -> String {
        mask(
            &format!(
                "exit: {}\n--- stdout\n{}--- stderr\n{}",
                code_of(self.code),
                self.out,
                self.err
            ),
            version,
        )
    }

    fn assert_code(&self, code: u8) -> &Self {
        assert_eq!(
            self.code,
            ExitCode::from(code),
            "exit code\n--- stdout\n{}--- stderr\n{}",
            self.out,
            self.err
        );
        self
    }
}

/// The number of an ExitCode this crate produces (0, 1 or 2).
fn code_of(code: ExitCode) -> u8 {
    (0..=2u8)
        .find(|c| ExitCode::from(*c) == code)
        .unwrap_or(u8::MAX)
}

fn mask(text: &str, version: &str) -> String {
    let (http, grpc) = urls();
    let mut text = text
        .replace(http.trim_end_matches('/'), "<URL>")
        .replace(grpc.trim_end_matches('/'), "<GRPC_URL>");
    if !version.is_empty() {
        text = text.replace(version, "<VERSION>");
    }
    text.lines()
        .map(|line| match line.find("modules  ") {
            Some(at) if line.starts_with("ok") => format!("{}modules  <MODULES>", &line[..at]),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + if text.ends_with('\n') { "\n" } else { "" }
}

/// Compares `actual` with `tests/snapshots/cli/NAME.txt` (`WEAVIATE_ORM_BLESS=1` writes it).
fn snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots/cli")
        .join(format!("{name}.txt"));
    if std::env::var("WEAVIATE_ORM_BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the snapshot {}: {e}; WEAVIATE_ORM_BLESS=1 writes it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "the output differs from the snapshot {} (WEAVIATE_ORM_BLESS=1 rewrites it)\n--- expected\n{expected}--- actual\n{actual}",
        path.display()
    );
}

/// Runs the application's command line (`migrate ARGS`) against the test server.
async fn migrate(args: &[&str]) -> Run {
    let (http, grpc) = urls();
    let mut all = vec!["migrate", "--url", &http, "--grpc-url", &grpc, "--api-key="];
    all.extend_from_slice(args);
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_with(all, &mut out, &mut err).await;
    Run {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

/// Runs the standalone `weaviate-orm ARGS` (no server flags added).
async fn standalone(args: &[&str]) -> Run {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_standalone_with(
        std::iter::once("weaviate-orm").chain(args.iter().copied()),
        &mut out,
        &mut err,
    )
    .await;
    Run {
        code,
        out: String::from_utf8(out).unwrap(),
        err: String::from_utf8(err).unwrap(),
    }
}

const PAIR: [&str; 4] = ["-c", "CliAuthor", "-c", "CliArticle"];

fn with<'a>(args: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    args.iter().chain(more).copied().collect()
}

#[tokio::test]
async fn plan_apply_status_from_a_fresh_server() {
    let client = client().await;
    let version = client.meta().await.unwrap().version;
    clean(&client, &["CliAuthor", "CliArticle"]).await;

    // plan: the two creates, exit 0, nothing changed.
    let run = migrate(&with(&["plan"], &PAIR)).await;
    run.assert_code(0);
    snapshot("plan_fresh", &run.text(&version));
    // No command is plan.
    let default = migrate(&PAIR).await;
    assert_eq!(default.out, run.out);
    // Colour only when asked (run_with has no terminal).
    let colored = migrate(&with(&["plan", "--color", "always"], &PAIR)).await;
    assert!(colored.out.contains("\x1b[32mcreate"), "{}", colored.out);
    assert!(!run.out.contains('\x1b'));

    // --json: the plan, as weaviate_orm::migrate::Plan.
    let run = migrate(&with(&["plan", "--json"], &PAIR)).await;
    run.assert_code(0);
    let plan: Plan = serde_json::from_str(&run.out).unwrap();
    assert_eq!(plan.server_version, version);
    assert_eq!(plan.count(ChangeClass::Create), 2, "{plan}");
    snapshot("plan_fresh_json", &run.text(&version));
    // Without --collection every struct of the binary is planned (and the rest is drift).
    let run = migrate(&["--json", "plan"]).await;
    run.assert_code(0);
    let all: Plan = serde_json::from_str(&run.out).unwrap();
    for name in ["CliAuthor", "CliArticle"] {
        assert!(
            all.changes
                .iter()
                .any(|c| c.collection == name && c.class == ChangeClass::Create),
            "{all}"
        );
    }

    // apply without --yes and without a terminal: refused, exit 2, nothing created.
    let run = migrate(&with(&["apply"], &PAIR)).await;
    run.assert_code(2);
    snapshot("apply_refused", &run.text(&version));
    assert!(!client.collections().exists("CliArticle").await.unwrap());

    // apply --yes: progress lines on stderr, the plan and the summary on stdout.
    let run = migrate(&with(&["apply", "--yes"], &PAIR)).await;
    run.assert_code(0);
    snapshot("apply_yes", &run.text(&version));
    assert!(
        structs::CliArticle::collection_config()
            .matches_server(&client.collections().get("CliArticle").await.unwrap())
    );

    // status --check: in sync, exit 0; --json: a Status.
    let run = migrate(&with(&["status", "--check"], &PAIR)).await;
    run.assert_code(0);
    snapshot("status_in_sync", &run.text(&version));
    let run = migrate(&with(&["status", "--json"], &PAIR)).await;
    run.assert_code(0);
    let status: Status = serde_json::from_str(&run.out).unwrap();
    assert!(status.in_sync && status.pending == 0 && status.plan.is_empty());

    // apply again: nothing to do, no question asked (no --yes needed); --json: an ApplyReport.
    let run = migrate(&with(&["apply"], &PAIR)).await;
    run.assert_code(0);
    snapshot("apply_nothing", &run.text(&version));
    let run = migrate(&with(&["apply", "--json"], &PAIR)).await;
    run.assert_code(0);
    let report: ApplyReport = serde_json::from_str(&run.out).unwrap();
    assert!(
        report.applied.is_empty() && report.after.is_empty(),
        "{run:?}"
    );

    // rebuild a real collection: the plan needs --allow-alias-gap, so apply refuses, nothing asked.
    let run = migrate(&with(&["rebuild", "CliArticle"], &PAIR)).await;
    run.assert_code(1);
    assert!(
        run.err.contains("apply refused, nothing was changed"),
        "{}",
        run.err
    );
    // With the opt-in, the rebuild would run: without a terminal and --yes it is not asked for.
    let run = migrate(&with(
        &["rebuild", "CliArticle", "--allow-alias-gap", "CliArticle"],
        &PAIR,
    ))
    .await;
    run.assert_code(2);
    assert!(run.err.contains("pass --yes"), "{}", run.err);
    assert!(
        run.out.contains("rebuild   CliArticle"),
        "the plan is shown first: {}",
        run.out
    );
    assert!(client.collections().exists("CliArticle").await.unwrap());
    assert_eq!(client.aliases().get("CliArticle").await.unwrap(), None);
}

#[tokio::test]
async fn a_collection_made_by_hand_is_out_of_sync_until_applied() {
    let client = client().await;
    let version = client.meta().await.unwrap().version;
    clean(&client, &["CliNote"]).await;
    client
        .collections()
        .create(
            &CollectionConfig::new("CliNote")
                .description("old notes")
                .property(Property::new("body", DataType::Text))
                .property(Property::new("stray", DataType::Text)),
        )
        .await
        .unwrap();
    let note = ["-c", "CliNote"];

    // A pending in-place change (the description) and drift (the stray property): exit 1.
    let run = migrate(&with(&["status", "--check"], &note)).await;
    run.assert_code(1);
    snapshot("status_out_of_sync", &run.text(&version));
    let run = migrate(&with(&["status", "--json", "--check"], &note)).await;
    run.assert_code(1);
    let status: Status = serde_json::from_str(&run.out).unwrap();
    assert_eq!(
        (status.in_sync, status.pending, status.drift),
        (false, 1, 1)
    );
    // Without --check status only tells.
    migrate(&with(&["status"], &note)).await.assert_code(0);

    // apply without --yes and without a terminal: refused with exit 2, never skipped silently.
    let run = migrate(&with(&["apply"], &note)).await;
    run.assert_code(2);
    snapshot("apply_no_terminal", &run.text(&version));
    let live = client.collections().get("CliNote").await.unwrap();
    assert_eq!(live.description.as_deref(), Some("old notes"));

    // apply --yes --json: the ApplyReport; the drift stays (reported, never deleted).
    let run = migrate(&with(&["apply", "--yes", "--json"], &note)).await;
    run.assert_code(0);
    let report: ApplyReport = serde_json::from_str(&run.out).unwrap();
    let outcomes: Vec<(ChangeClass, &Outcome)> = report
        .applied
        .iter()
        .map(|a| (a.change.class, &a.outcome))
        .collect();
    assert_eq!(
        outcomes,
        [
            (ChangeClass::InPlace, &Outcome::Done),
            (ChangeClass::Drift, &Outcome::Reported)
        ]
    );
    assert_eq!(
        report.after.pending().count(),
        0,
        "after apply:\n{}",
        report.after
    );
    let live = client.collections().get("CliNote").await.unwrap();
    assert_eq!(live.description.as_deref(), Some("notes"));

    // Drift alone: in sync for --check, a difference for --check --strict.
    let run = migrate(&with(&["status", "--check"], &note)).await;
    run.assert_code(0);
    snapshot("status_drift", &run.text(&version));
    migrate(&with(&["status", "--check", "--strict"], &note))
        .await
        .assert_code(1);

    // The standalone binary shows the live schema.
    let (http, grpc) = urls();
    let server = ["--url", http.as_str(), "--grpc-url", grpc.as_str()];
    let run = standalone(&with(&["schema"], &server)).await;
    run.assert_code(0);
    let row = run
        .out
        .lines()
        .find(|l| l.starts_with("CliNote "))
        .unwrap_or_else(|| panic!("no CliNote row:\n{}", run.out));
    assert_eq!(
        row.split_whitespace().collect::<Vec<_>>(),
        ["CliNote", "2", "unnamed", "no", "1", "-"]
    );
    assert!(run.out.contains("COLLECTION  "), "{}", run.out);
    let run = standalone(&with(&["schema", "--json"], &server)).await;
    run.assert_code(0);
    let schema: serde_json::Value = serde_json::from_str(&run.out).unwrap();
    assert!(
        schema["classes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["class"] == "CliNote" && c["description"] == "notes"),
        "{schema}"
    );
}

#[tokio::test]
async fn export_prints_the_structs_as_weaviate_json() {
    // Needs no server: the URL points nowhere.
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_with(
        [
            "migrate",
            "--url",
            "http://127.0.0.1:9",
            "export",
            "-c",
            "CliArticle",
            "-c",
            "cliAuthor",
        ],
        &mut out,
        &mut err,
    )
    .await;
    assert_eq!(code, ExitCode::SUCCESS, "{}", String::from_utf8_lossy(&err));
    #[derive(serde::Deserialize)]
    struct Classes {
        classes: Vec<CollectionConfig>,
    }
    let doc: Classes = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        doc.classes,
        [
            structs::CliArticle::collection_config(),
            structs::CliAuthor::collection_config()
        ]
    );
    // Every struct of the binary, sorted by name; --json changes nothing (it is JSON already).
    let (mut all, mut err) = (Vec::new(), Vec::new());
    let code = run_with(["migrate", "export", "--json"], &mut all, &mut err).await;
    assert_eq!(code, ExitCode::SUCCESS);
    let doc: Classes = serde_json::from_slice(&all).unwrap();
    let names: Vec<&str> = doc.classes.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["CliArticle", "CliAuthor", "CliNote"]);
}

#[tokio::test]
async fn unknown_collections_are_usage_errors() {
    for args in [
        &["export", "-c", "Nope"][..],
        &["plan", "--allow-rebuild", "Nope"],
        &["rebuild", "Nope"],
        &["drop-old", "Nope"],
    ] {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_with(
            std::iter::once("migrate")
                .chain(["--url", "http://127.0.0.1:9"])
                .chain(args.iter().copied()),
            &mut out,
            &mut err,
        )
        .await;
        let err = String::from_utf8(err).unwrap();
        assert_eq!(code, ExitCode::from(2), "{args:?}: {err}");
        assert_eq!(
            err,
            "error: no struct declares a collection `Nope`; the declared collections are: CliArticle, CliAuthor, CliNote\n",
            "{args:?}"
        );
    }
}

#[tokio::test]
async fn doctor_passes_against_the_server_and_fails_against_a_dead_address() {
    let client = client().await;
    let version = client.meta().await.unwrap().version;
    let (http, grpc) = urls();
    let run = standalone(&["doctor", "--url", &http, "--grpc-url", &grpc, "--api-key="]).await;
    run.assert_code(0);
    snapshot("doctor_ok", &run.text(&version));

    // Nothing listens on port 9.
    const DEAD: [&str; 5] = [
        "doctor",
        "--url",
        "http://127.0.0.1:9",
        "--grpc-url",
        "http://127.0.0.1:9",
    ];
    let run = standalone(&DEAD).await;
    run.assert_code(1);
    let failed: Vec<&str> = run
        .out
        .lines()
        .filter(|l| l.starts_with("FAIL"))
        .map(|l| l.split_whitespace().nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        failed,
        ["REST", "gRPC", "auth", "version", "modules"],
        "{}",
        run.out
    );
    assert!(
        run.out
            .contains("cannot connect to Weaviate over HTTP at http://127.0.0.1:9"),
        "{}",
        run.out
    );
    assert_eq!(
        run.err,
        "error: 5 of 5 checks failed: REST, gRPC, auth, version, modules\n"
    );
    // --json: the same checks, for tools.
    let run = standalone(&with(&DEAD, &["--json"])).await;
    run.assert_code(1);
    let doc: serde_json::Value = serde_json::from_str(&run.out).unwrap();
    assert_eq!(doc["ok"], false);
    assert_eq!(doc["checks"][0]["check"], "REST");
    assert_eq!(doc["checks"][0]["ok"], false);
}

#[tokio::test]
async fn doctor_checks_the_api_key() {
    let (http, grpc, key) = (
        var("WEAVIATE_TEST_AUTH_URL"),
        var("WEAVIATE_TEST_AUTH_GRPC_URL"),
        var("WEAVIATE_TEST_AUTH_KEY"),
    );
    let server = [
        "doctor",
        "--url",
        http.as_str(),
        "--grpc-url",
        grpc.as_str(),
    ];
    let run = standalone(&with(&server, &["--api-key", &key])).await;
    run.assert_code(0);
    assert!(
        run.out.contains("ok    auth     API key accepted (user "),
        "{}",
        run.out
    );

    let run = standalone(&with(&server, &["--api-key", "wrong"])).await;
    run.assert_code(1);
    assert!(
        run.out.contains("FAIL  auth     the API key was refused: "),
        "{}",
        run.out
    );
    let run = standalone(&with(&server, &["--api-key="])).await;
    run.assert_code(1);
    assert!(
        run.out.contains("FAIL  auth     anonymous access refused"),
        "{}",
        run.out
    );
    assert!(
        run.err
            .starts_with("error: 3 of 5 checks failed: auth, version, modules"),
        "{}",
        run.err
    );
}
