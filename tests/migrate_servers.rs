//! Migrations on servers that fill in more than a stock single node: a server that quantizes vector
//! indexes by default (`DEFAULT_QUANTIZATION=rq-8`) and a 3-node cluster (shard counts, replication
//! factors, `asyncEnabled` computed by the server). Unchanged structs plan nothing there either, and
//! replication changes are planned with the cluster's real shard state.

mod common;

use weaviate_orm::migrate::{ChangeClass, Operation};
use weaviate_orm::{Client, WeaviateCollection};

async fn fresh(client: &Client, name: &str) {
    if client.collections().exists(name).await.unwrap() {
        client.collections().delete(name).await.unwrap();
    }
}

#[derive(WeaviateCollection, Debug)]
#[weaviate(
    name = "MigDefaultQ",
    vector(name = "left_to_server", index = hnsw),
    vector(name = "explicit_pq", index = hnsw(quantizer = pq)),
    vector(name = "explicit_none", index = hnsw(quantizer = none)),
    vector(name = "flat_default", index = flat),
)]
struct DefaultQ {
    title: String,
}

#[tokio::test]
async fn a_quantizer_the_server_adds_by_default_is_not_a_difference() {
    // This server runs with DEFAULT_QUANTIZATION=rq-8 (and USE_INVERTED_SEARCHABLE=false, which the
    // migrator is told, so that it does not move the new WAND indexes to BlockMax). The quantizer is
    // not told: the server's trackDefaultQuantization says which quantizer it chose itself.
    let client = common::wand_client().await;
    fresh(&client, DefaultQ::NAME).await;
    let m = client.migrator().collection::<DefaultQ>().server_defaults(
        weaviate_orm::schema::ServerDefaults {
            using_block_max_wand: false,
            ..Default::default()
        },
    );
    let plan = m.plan().await.unwrap();
    assert_eq!(plan.count(ChangeClass::Create), 1, "{plan}");
    let report = m.apply(&plan).await.unwrap();
    assert!(report.after.is_empty(), "{}", report.after);
    // The server did quantize what the struct left to it, and tracks that it did.
    let live = client.collections().get(DefaultQ::NAME).await.unwrap();
    let index = |name: &str| {
        live.vector_config[name]
            .vector_index_config
            .clone()
            .unwrap()
    };
    let server_chose = index("left_to_server");
    assert_eq!(server_chose.rq.unwrap().enabled, Some(true));
    assert_eq!(server_chose.track_default_quantization, Some(true));
    assert_eq!(index("explicit_pq").pq.unwrap().enabled, Some(true));
    assert_eq!(index("explicit_none").rq.unwrap().enabled, Some(false));
    assert!(m.plan().await.unwrap().is_empty());
    client.collections().delete(DefaultQ::NAME).await.unwrap();
}

#[derive(WeaviateCollection, Debug)]
#[weaviate(name = "MigClusterRf3", replication(factor = 3))]
struct Rf3 {
    title: String,
}

mod factor {
    pub mod one {
        use weaviate_orm::WeaviateCollection;
        #[derive(WeaviateCollection, Debug)]
        #[weaviate(name = "MigClusterRf", replication(factor = 1))]
        pub struct C {
            pub title: String,
        }
    }
    pub mod three {
        use weaviate_orm::WeaviateCollection;
        #[derive(WeaviateCollection, Debug)]
        #[weaviate(name = "MigClusterRf", replication(factor = 3))]
        pub struct C {
            pub title: String,
        }
    }
    pub mod two {
        use weaviate_orm::WeaviateCollection;
        #[derive(WeaviateCollection, Debug)]
        #[weaviate(name = "MigClusterRf", replication(factor = 2))]
        pub struct C {
            pub title: String,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_a_cluster_unchanged_structs_plan_nothing_and_replication_is_checked() {
    let client = common::cluster_client(0).await;
    // Three shards over three nodes, asyncEnabled computed by the server for factor 3.
    fresh(&client, Rf3::NAME).await;
    let m = client.migrator().collection::<Rf3>();
    m.apply(&m.plan().await.unwrap()).await.unwrap();
    let live = client.collections().get(Rf3::NAME).await.unwrap();
    assert_eq!(live.sharding_config.unwrap().desired_count, Some(3));
    assert_eq!(live.replication_config.unwrap().async_enabled, Some(true));
    let again = m.plan().await.unwrap();
    assert!(again.is_empty(), "{again}");

    // Factor 3 -> 2 is in place.
    fresh(&client, "MigClusterRf").await;
    let three = client.migrator().collection::<factor::three::C>();
    three.apply(&three.plan().await.unwrap()).await.unwrap();
    let two = client.migrator().collection::<factor::two::C>();
    let plan = two.plan().await.unwrap();
    assert_eq!(plan.changes.len(), 1, "{plan}");
    assert_eq!(plan.changes[0].class, ChangeClass::InPlace);
    assert_eq!(plan.changes[0].what, "replicationConfig.factor 3 -> 2");
    assert!(plan.changes[0].blocked.is_none(), "{plan}");
    let report = two.apply(&plan).await.unwrap();
    assert!(report.after.is_empty(), "{}", report.after);

    // Factor 1 -> 3 needs three replicas of every shard first: planned, refused with the reason.
    fresh(&client, "MigClusterRf").await;
    let one = client.migrator().collection::<factor::one::C>();
    one.apply(&one.plan().await.unwrap()).await.unwrap();
    let plan = three.plan().await.unwrap();
    assert_eq!(plan.changes.len(), 1, "{plan}");
    let change = &plan.changes[0];
    assert_eq!(change.what, "replicationConfig.factor 1 -> 3");
    assert!(matches!(change.operation, Operation::UpdateClass { .. }));
    let blocked = change
        .blocked
        .as_deref()
        .unwrap_or_else(|| panic!("{plan}"));
    assert!(
        blocked.contains("needs 3 replicas of every shard"),
        "{blocked}"
    );
    let err = three.apply(&plan).await.unwrap_err();
    assert!(err.to_string().contains("replicate the shards"), "{err}");
    assert_eq!(
        client
            .collections()
            .get("MigClusterRf")
            .await
            .unwrap()
            .replication_config
            .unwrap()
            .factor,
        Some(1)
    );
    fresh(&client, "MigClusterRf").await;
    fresh(&client, Rf3::NAME).await;
}
