//! Two migrators applying the same plan at once, against the real server: the schema ends right,
//! and the one that lost says so (its changes are reported as done by someone else, or it stops with
//! a conflict before changing anything).

mod common;

use weaviate_orm::migrate::{ApplyReport, Outcome};
use weaviate_orm::{Client, Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug)]
#[weaviate(name = "MigConcA")]
struct A {
    title: String,
}

#[derive(WeaviateCollection, Debug)]
#[weaviate(name = "MigConcB", inverted_index(bm25(b = 0.6)))]
struct B {
    title: String,
    #[weaviate(index_range_filters)]
    n: i64,
}

async fn clean(client: &Client) {
    for name in ["MigConcA", "MigConcB"] {
        if client.collections().exists(name).await.unwrap() {
            client.collections().delete(name).await.unwrap();
        }
    }
}

fn lost(report: &ApplyReport) -> bool {
    report
        .applied
        .iter()
        .any(|a| matches!(a.outcome, Outcome::AlreadyDone { .. }))
}

#[tokio::test]
async fn two_concurrent_applies_end_correct_and_the_loser_says_so() {
    let client = common::client().await;
    for round in 0..5 {
        clean(&client).await;
        let m1 = client.migrator().collection::<A>().collection::<B>();
        let m2 = m1.clone();
        let plan = m1.plan().await.unwrap();
        assert_eq!(plan.changes.len(), 2, "{plan}");
        let (r1, r2) = tokio::join!(m1.apply(&plan), m2.apply(&plan));
        let outcomes: Vec<Result<ApplyReport, Error>> = vec![r1, r2];
        let mut lost_or_conflict = 0;
        for r in &outcomes {
            match r {
                Ok(report) => {
                    assert!(report.after.is_empty(), "round {round}: {}", report.after);
                    if lost(report) {
                        lost_or_conflict += 1;
                    }
                }
                Err(Error::Conflict { message }) => {
                    assert!(message.contains("another migrator"), "{message}");
                    lost_or_conflict += 1;
                }
                Err(e) => panic!("round {round}: {e}"),
            }
        }
        assert!(
            lost_or_conflict >= 1,
            "round {round}: nobody lost: {outcomes:?}"
        );
        assert!(
            outcomes
                .iter()
                .any(|r| matches!(r, Ok(rep) if !rep.was_already_applied()))
        );
        let again = m1.plan().await.unwrap();
        assert!(again.is_empty(), "round {round}: {again}");
        assert!(
            B::collection_config()
                .matches_server(&client.collections().get("MigConcB").await.unwrap())
        );
    }
    clean(&client).await;
}
