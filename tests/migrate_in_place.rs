//! Migrations against the real server: creating collections, an unchanged struct planning nothing,
//! and every in-place change (plan says it, apply does it, the next plan is empty).

mod common;

use weaviate_orm::migrate::{ChangeClass, Migrator, Operation, Plan};
use weaviate_orm::schema::CollectionConfig;
use weaviate_orm::{Client, WeaviateCollection};

/// Deletes the named collections (and aliases of the same name) left by an earlier run.
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

/// The classes and "what" lines of a plan, for assertions with readable failures.
fn lines(plan: &Plan) -> Vec<(ChangeClass, String)> {
    plan.changes
        .iter()
        .map(|c| (c.class, c.what.clone()))
        .collect()
}

/// Applies a plan and checks that the next plan is empty.
async fn apply_and_converge(m: &Migrator, plan: &Plan) {
    let report = m
        .apply(plan)
        .await
        .unwrap_or_else(|e| panic!("{e}\nplan:\n{plan}"));
    assert!(report.after.is_empty(), "after apply:\n{}", report.after);
    let again = m.plan().await.unwrap();
    assert!(again.is_empty(), "plan after apply:\n{again}");
}

async fn live(client: &Client, name: &str) -> CollectionConfig {
    client.collections().get(name).await.unwrap()
}

mod created {
    use uuid::Uuid;
    use weaviate_orm::WeaviateCollection;
    use weaviate_orm::typed::Reference;

    /// A target of references.
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigCreateAuthor")]
    pub struct Author {
        pub name: String,
    }

    /// Nearly every collection setting.
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(
        name = "MigCreateBook",
        description = "books",
        vector(name = "title_vec", source = [title], vectorizer = text2vec_bigram,
               index = hnsw(distance = cosine, ef = 64, quantizer = pq(segments = 0))),
        vector(name = "own", dimensions = 4, index = flat(quantizer = bq(cache))),
        generative = generative_dummy,
        reranker = reranker_dummy,
        inverted_index(bm25(b = 0.7, k1 = 1.1), stopwords(preset = en, additions = ["foo"]), index_timestamps),
        replication(factor = 1, deletion_strategy = delete_on_conflict),
    )]
    pub struct Book {
        #[weaviate(id)]
        pub id: Uuid,
        #[weaviate(tokenization = field)]
        pub title: String,
        #[weaviate(index_range_filters)]
        pub pages: i64,
        pub tags: Vec<String>,
        pub author: Reference<Author>,
        #[weaviate(vector = "own")]
        pub own: Option<Vec<f32>>,
    }

    /// Multi-tenant, legacy vector.
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigCreateNote", multi_tenancy(auto_tenant_creation), vectorizer = text2vec_bigram)]
    pub struct Note {
        pub body: String,
    }
}

#[tokio::test]
async fn new_collections_are_created_then_plan_nothing() {
    let client = common::client().await;
    clean(
        &client,
        &["MigCreateAuthor", "MigCreateBook", "MigCreateNote"],
    )
    .await;
    let m = client
        .migrator()
        .collection::<created::Author>()
        .collection::<created::Book>()
        .collection::<created::Note>();
    let plan = m.plan().await.unwrap();
    assert_eq!(
        lines(&plan),
        vec![
            (ChangeClass::Create, "collection created".to_owned()),
            (ChangeClass::Create, "collection created".to_owned()),
            (ChangeClass::Create, "collection created".to_owned()),
        ],
        "{plan}"
    );
    apply_and_converge(&m, &plan).await;
    assert!(
        created::Book::collection_config().matches_server(&live(&client, "MigCreateBook").await)
    );
}

#[tokio::test]
async fn new_collections_behind_an_alias() {
    let client = common::client().await;
    clean(&client, &["MigCreateAuthor2"]).await;
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigCreateAuthor2")]
    struct Author2 {
        name: String,
    }
    let m = client.migrator().collection::<Author2>().behind_alias(true);
    let plan = m.plan().await.unwrap();
    assert_eq!(plan.changes.len(), 1, "{plan}");
    let Operation::CreateCollection { config, alias } = &plan.changes[0].operation else {
        panic!("{plan}")
    };
    assert_eq!(config.name, "MigCreateAuthor2_v1");
    assert_eq!(alias.as_deref(), Some("MigCreateAuthor2"));
    apply_and_converge(&m, &plan).await;
    let a = client
        .aliases()
        .get("MigCreateAuthor2")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.collection, "MigCreateAuthor2_v1");
}

/// Two versions of one collection; `v1` is created, `v2` is the changed struct.
macro_rules! versions {
    ($name:literal, [$($v1:tt)*], [$($v2:tt)*], $($body:tt)*) => {
        pub mod v1 {
            use weaviate_orm::WeaviateCollection;
            #[derive(WeaviateCollection, Debug)]
            #[weaviate(name = $name, $($v1)*)]
            pub struct C { $($body)* }
        }
        pub mod v2 {
            use weaviate_orm::WeaviateCollection;
            #[derive(WeaviateCollection, Debug)]
            #[weaviate(name = $name, $($v2)*)]
            pub struct C { $($body)* }
        }
    };
}

mod bm25 {
    versions!("MigBm25",
        [inverted_index(bm25(b = 0.75, k1 = 1.2), stopwords(preset = en))],
        [description = "now described", inverted_index(bm25(b = 0.5, k1 = 1.5), stopwords(preset = none, additions = ["x"]), stopword_presets(fr = ["le"]), cleanup_interval_seconds = 30)],
        pub title: String,
    );
}

#[tokio::test]
async fn collection_settings_change_in_place() {
    let client = common::client().await;
    clean(&client, &["MigBm25"]).await;
    let first = client.migrator().collection::<bm25::v1::C>();
    apply_and_converge(&first, &first.plan().await.unwrap()).await;

    let m = client.migrator().collection::<bm25::v2::C>();
    let plan = m.plan().await.unwrap();
    let found = lines(&plan);
    for want in [
        "description (none) -> now described",
        "invertedIndexConfig.bm25.b 0.75 -> 0.5",
        "invertedIndexConfig.bm25.k1 1.2 -> 1.5",
        "invertedIndexConfig.cleanupIntervalSeconds 60 -> 30",
        "invertedIndexConfig.stopwords.preset en -> none",
    ] {
        assert!(
            found
                .iter()
                .any(|(c, w)| *c == ChangeClass::InPlace && w == want),
            "missing `{want}` in\n{plan}"
        );
    }
    assert!(
        plan.changes.iter().all(|c| c.class == ChangeClass::InPlace),
        "{plan}"
    );
    apply_and_converge(&m, &plan).await;
    let l = live(&client, "MigBm25").await;
    let inv = l.inverted_index_config.unwrap();
    assert_eq!(inv.bm25.unwrap().b, Some(0.5));
    assert_eq!(l.description.as_deref(), Some("now described"));
}

mod everything {
    versions!("MigInPlace",
        [
            vector(name = "v", index = hnsw(ef = -1)),
            vector(name = "f", index = flat),
            generative = generative_dummy,
            reranker = reranker_dummy,
            multi_tenancy(auto_tenant_creation = false),
            replication(factor = 1, deletion_strategy = no_automated_resolution),
        ],
        [
            vector(name = "v", index = hnsw(ef = 48, dynamic_ef_min = 50, dynamic_ef_max = 400, dynamic_ef_factor = 4,
                flat_search_cutoff = 20000, filter_strategy = sweeping, vector_cache_max_objects = 5000,
                quantizer = rq(bits = 8))),
            vector(name = "f", index = flat(vector_cache_max_objects = 7000)),
            vector(name = "added", source = [title], vectorizer = text2vec_bigram),
            generative = generative_openai(model = "gpt-4o-mini"),
            reranker = reranker_cohere,
            multi_tenancy(auto_tenant_creation, auto_tenant_activation),
            replication(factor = 1, deletion_strategy = time_based_resolution),
            object_ttl(delete_on = "published", ttl_seconds = 86400),
        ],
        pub title: String,
        #[weaviate(index_range_filters)]
        pub published: Option<chrono::DateTime<chrono::Utc>>,
    );
}

mod props {
    use weaviate_orm::{WeaviateCollection, WeaviateObject};

    /// This test's own reference target (tests of one file run in parallel).
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigPropsAuthor")]
    pub struct Author {
        pub name: String,
    }

    /// A nested object.
    #[derive(WeaviateObject, Debug)]
    pub struct Address {
        pub street: String,
    }

    pub mod v1 {
        use weaviate_orm::WeaviateCollection;
        #[derive(WeaviateCollection, Debug)]
        #[weaviate(name = "MigProps")]
        pub struct C {
            pub title: String,
            pub address: Option<super::Address>,
        }
    }

    /// The nested object, now described.
    #[derive(WeaviateObject, Debug)]
    pub struct Address2 {
        #[weaviate(description = "the street")]
        pub street: String,
    }

    pub mod v2 {
        use weaviate_orm::WeaviateCollection;
        use weaviate_orm::typed::Reference;
        #[derive(WeaviateCollection, Debug)]
        #[weaviate(name = "MigProps")]
        pub struct C {
            #[weaviate(description = "the headline")]
            pub title: String,
            pub address: Option<super::Address2>,
            pub added: Option<i64>,
            pub author: Reference<super::Author>,
        }
    }
}

#[tokio::test]
async fn every_in_place_change_is_planned_applied_and_converges() {
    let client = common::client().await;
    clean(&client, &["MigInPlace"]).await;
    let first = client.migrator().collection::<everything::v1::C>();
    apply_and_converge(&first, &first.plan().await.unwrap()).await;

    let m = client.migrator().collection::<everything::v2::C>();
    let plan = m.plan().await.unwrap();
    let found = lines(&plan);
    for want in [
        "named vector `v`: ef -1 -> 48",
        "named vector `v`: dynamicEfMin 100 -> 50",
        "named vector `v`: dynamicEfMax 500 -> 400",
        "named vector `v`: dynamicEfFactor 8 -> 4",
        "named vector `v`: flatSearchCutoff 40000 -> 20000",
        "named vector `v`: filterStrategy acorn -> sweeping",
        "named vector `v`: vectorCacheMaxObjects 1000000000000 -> 5000",
        "named vector `v`: quantizer rq enabled",
        "named vector `f`: vectorCacheMaxObjects 1000000000000 -> 7000",
        "named vector `added` added (text2vec-bigram)",
        "generative module generative-dummy -> generative-openai",
        "reranker module reranker-dummy -> reranker-cohere",
        "multiTenancyConfig.autoTenantActivation false -> true",
        "multiTenancyConfig.autoTenantCreation false -> true",
        "replicationConfig.deletionStrategy NoAutomatedResolution -> TimeBasedResolution",
    ] {
        assert!(
            found
                .iter()
                .any(|(c, w)| *c == ChangeClass::InPlace && w == want),
            "missing in-place `{want}` in\n{plan}"
        );
    }
    assert!(
        found
            .iter()
            .any(|(c, w)| *c == ChangeClass::InPlace && w.starts_with("objectTtlConfig")),
        "{plan}"
    );
    assert!(
        plan.changes.iter().all(|c| c.class == ChangeClass::InPlace),
        "{plan}"
    );
    apply_and_converge(&m, &plan).await;
    let l = live(&client, "MigInPlace").await;
    assert_eq!(
        l.generative_module().map(|(m, _)| m),
        Some("generative-openai")
    );
    assert_eq!(l.reranker_module().map(|(m, _)| m), Some("reranker-cohere"));
    let v = l.vector_config["v"].vector_index_config.as_ref().unwrap();
    assert_eq!(v.ef, Some(48));
    assert_eq!(v.rq.as_ref().unwrap().enabled, Some(true));
    assert!(l.vector_config.contains_key("added"));
    assert_eq!(
        l.multi_tenancy_config.unwrap().auto_tenant_activation,
        Some(true)
    );
}

#[tokio::test]
async fn properties_are_added_and_described_in_place() {
    let client = common::client().await;
    clean(&client, &["MigProps", "MigPropsAuthor"]).await;
    let first = client
        .migrator()
        .collection::<props::v1::C>()
        .collection::<props::Author>();
    apply_and_converge(&first, &first.plan().await.unwrap()).await;

    let m = client
        .migrator()
        .collection::<props::v2::C>()
        .collection::<props::Author>();
    let plan = m.plan().await.unwrap();
    assert_eq!(
        lines(&plan),
        vec![
            (
                ChangeClass::InPlace,
                "property `added` added (int)".to_owned()
            ),
            (
                ChangeClass::InPlace,
                "property `address`: nested street.description (none) -> the street".to_owned()
            ),
            (
                ChangeClass::InPlace,
                "reference property `author` added (MigPropsAuthor)".to_owned()
            ),
            (
                ChangeClass::InPlace,
                "property `title`: description (none) -> the headline".to_owned()
            ),
        ],
        "{plan}"
    );
    apply_and_converge(&m, &plan).await;
    let l = live(&client, "MigProps").await;
    assert_eq!(
        l.find_property("title").unwrap().description.as_deref(),
        Some("the headline")
    );
    assert!(l.find_property("author").unwrap().data_type.is_reference());
}

#[tokio::test]
async fn replication_async_config_changes_in_place() {
    use weaviate_orm::schema::{DataType, Property, ReplicationAsyncConfig, ReplicationConfig};
    let client = common::client().await;
    clean(&client, &["MigAsyncCfg"]).await;
    let base =
        CollectionConfig::new("MigAsyncCfg").property(Property::new("title", DataType::Text));
    let first = client.migrator().config(base.clone());
    apply_and_converge(&first, &first.plan().await.unwrap()).await;
    let tuned = base.replication_config(ReplicationConfig::factor(1).async_config(
        ReplicationAsyncConfig {
            propagation_batch_size: Some(77),
            ..Default::default()
        },
    ));
    let m = client.migrator().config(tuned);
    let plan = m.plan().await.unwrap();
    assert_eq!(plan.changes.len(), 1, "{plan}");
    assert_eq!(plan.changes[0].class, ChangeClass::InPlace, "{plan}");
    assert!(
        plan.changes[0]
            .what
            .starts_with("replicationConfig.asyncConfig"),
        "{plan}"
    );
    apply_and_converge(&m, &plan).await;
    let live = live(&client, "MigAsyncCfg").await;
    assert_eq!(
        live.replication_config
            .unwrap()
            .async_config
            .unwrap()
            .propagation_batch_size,
        Some(77)
    );
}
