//! Changes Weaviate cannot make in place, against the real server: each is planned as a rebuild with
//! its reason, and apply refuses it (changing nothing) unless the rebuild is allowed for that
//! collection. Drift is reported and never touched.

mod common;

use weaviate_orm::migrate::{ChangeClass, Desired, Plan};
use weaviate_orm::schema::{CollectionConfig, DataType, Property};
use weaviate_orm::{Client, Error, WeaviateCollection};

async fn clean(client: &Client, name: &str) {
    if let Ok(Some(_)) = client.aliases().get(name).await {
        client.aliases().delete(name).await.unwrap();
    }
    for config in client.collections().list().await.unwrap() {
        if config.name == name || config.name.starts_with(&format!("{name}_v")) {
            client.collections().delete(&config.name).await.unwrap();
        }
    }
}

/// A client, with `T`'s collection created anew.
async fn fresh<T: WeaviateCollection>() -> Client {
    let client = common::client().await;
    clean(&client, T::NAME).await;
    client
        .collections()
        .create(&T::collection_config())
        .await
        .unwrap();
    client
}

/// Creates `V1`'s collection, then checks that `V2` plans a rebuild whose change says `what` and
/// `why`, that apply refuses it without the opt-in and leaves the server as it was.
async fn refused<V1: WeaviateCollection, V2: WeaviateCollection>(what: &str, why: &str) -> Plan {
    let client = fresh::<V1>().await;
    let before = client.collections().get(V1::NAME).await.unwrap();
    let m = client.migrator().collection::<V2>();
    let plan = m.plan().await.unwrap();
    let change = plan
        .changes
        .iter()
        .find(|c| c.what == what)
        .unwrap_or_else(|| panic!("no change `{what}` in\n{plan}"));
    assert_eq!(change.class, ChangeClass::Rebuild, "{plan}");
    assert!(change.reason.contains(why), "{plan}");
    let blocked = change
        .blocked
        .as_deref()
        .unwrap_or_else(|| panic!("{plan}"));
    assert!(blocked.contains("allow it for"), "{blocked}");
    let err = m.apply(&plan).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert!(err.to_string().contains(what), "{err}");
    assert_eq!(client.collections().get(V1::NAME).await.unwrap(), before);
    client.collections().delete(V1::NAME).await.unwrap();
    plan
}

macro_rules! case {
    ($test:ident, $name:literal, [$($a1:tt)*] { $($f1:tt)* }, [$($a2:tt)*] { $($f2:tt)* }, $what:expr, $why:expr) => {
        #[tokio::test]
        async fn $test() {
            #[derive(WeaviateCollection, Debug)]
            #[weaviate(name = $name, $($a1)*)]
            struct V1 { $($f1)* }
            #[derive(WeaviateCollection, Debug)]
            #[weaviate(name = $name, $($a2)*)]
            struct V2 { $($f2)* }
            refused::<V1, V2>($what, $why).await;
        }
    };
}

case!(data_type, "MigRfType", [] { title: String }, [] { title: i64 },
    "property `title`: data type text -> int", "data type cannot change");
case!(vectorizer, "MigRfVectorizer",
    [vector(name = "v", source = [title], vectorizer = text2vec_bigram)] { title: String },
    [vector(name = "v", source = [title], vectorizer = text2vec_transformers)] { title: String },
    "named vector `v`: vectorizer text2vec-bigram -> text2vec-transformers", "vectorizer of a vector cannot change");
case!(vectorizer_setting, "MigRfVecSetting",
    [vector(name = "v", source = [title], vectorizer = text2vec_bigram)] { title: String },
    [vector(name = "v", source = [title], vectorizer = text2vec_bigram(vectorize_class_name = false))] { title: String },
    "named vector `v`: text2vec-bigram settings vectorizeClassName true -> false", "vectorizer settings cannot change");
case!(distance, "MigRfDistance",
    [vector(name = "v", index = hnsw(distance = cosine))] { title: String },
    [vector(name = "v", index = hnsw(distance = dot))] { title: String },
    "named vector `v`: distance cosine -> dot", "distance metric");
case!(index_type, "MigRfIndexType",
    [vector(name = "v", index = hnsw)] { title: String },
    [vector(name = "v", index = flat)] { title: String },
    "named vector `v`: index type hnsw -> flat", "index type cannot change");
case!(ef_construction, "MigRfEfc",
    [vector(name = "v", index = hnsw)] { title: String },
    [vector(name = "v", index = hnsw(ef_construction = 64))] { title: String },
    "named vector `v`: efConstruction 128 -> 64", "efConstruction");
case!(max_connections, "MigRfMaxConn",
    [vector(name = "v", index = hnsw)] { title: String },
    [vector(name = "v", index = hnsw(max_connections = 16))] { title: String },
    "named vector `v`: maxConnections 32 -> 16", "maxConnections");
case!(quantizer_switch, "MigRfQSwitch",
    [vector(name = "v", index = hnsw(quantizer = pq))] { title: String },
    [vector(name = "v", index = hnsw(quantizer = sq))] { title: String },
    "named vector `v`: quantizer pq -> sq", "cannot be switched");
case!(quantizer_disabled, "MigRfQOff",
    [vector(name = "v", index = hnsw(quantizer = rq))] { title: String },
    [vector(name = "v", index = hnsw(quantizer = none))] { title: String },
    "named vector `v`: quantizer rq disabled", "cannot be uncompressed");
case!(quantizer_on_flat, "MigRfQFlat",
    [vector(name = "v", index = flat)] { title: String },
    [vector(name = "v", index = flat(quantizer = bq))] { title: String },
    "named vector `v`: quantizer bq on a flat index", "only on an HNSW index");
case!(shard_count, "MigRfShards",
    [sharding(desired_count = 1)] { title: String },
    [sharding(desired_count = 2)] { title: String },
    "shardingConfig.desiredCount 1 -> 2", "no re-sharding");
case!(timestamps, "MigRfTimestamps",
    [] { title: String },
    [inverted_index(index_timestamps)] { title: String },
    "invertedIndexConfig.indexTimestamps (none) -> true", "only when a collection is created");
case!(null_state, "MigRfNullState",
    [] { title: String },
    [inverted_index(index_null_state)] { title: String },
    "invertedIndexConfig.indexNullState (none) -> true", "only when a collection is created");
case!(property_length, "MigRfLength",
    [] { title: String },
    [inverted_index(index_property_length)] { title: String },
    "invertedIndexConfig.indexPropertyLength (none) -> true", "only when a collection is created");
case!(property_module_config, "MigRfPropModule",
    [vector(name = "v", source = [title, body], vectorizer = text2vec_bigram)] { title: String, body: String },
    [vector(name = "v", source = [title, body], vectorizer = text2vec_bigram)] { title: String, #[weaviate(skip_vectorization)] body: String },
    "property `body`: moduleConfig.text2vec-bigram.skip false -> true", "module settings cannot change");
case!(legacy_vectorizer, "MigRfLegacy",
    [vectorizer = text2vec_bigram] { title: String },
    [vectorizer = text2vec_transformers] { title: String },
    "vectorizer text2vec-bigram -> text2vec-transformers", "vectorizer of a vector cannot change");

#[tokio::test]
async fn multi_tenancy_switch_is_refused_even_with_the_rebuild_allowed() {
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigRfTenancy")]
    struct V1 {
        title: String,
    }
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigRfTenancy", multi_tenancy)]
    struct V2 {
        title: String,
    }
    let client = fresh::<V1>().await;
    let m = client
        .migrator()
        .collection::<V2>()
        .allow_rebuild(V2::NAME)
        .allow_alias_gap(V2::NAME);
    let plan = m.plan().await.unwrap();
    let change = plan
        .changes
        .iter()
        .find(|c| c.what == "multiTenancyConfig.enabled false -> true")
        .unwrap_or_else(|| panic!("{plan}"));
    assert_eq!(change.class, ChangeClass::Rebuild);
    assert!(
        change.blocked.as_deref().unwrap().contains("multi-tenant"),
        "{plan}"
    );
    let err = m.apply(&plan).await.unwrap_err();
    assert!(err.to_string().contains("multi-tenant"), "{err}");
    assert!(
        !client
            .collections()
            .get(V1::NAME)
            .await
            .unwrap()
            .is_multi_tenant()
    );
}

#[tokio::test]
async fn renamed_property_plans_a_rebuild_that_copies_it() {
    let client = common::client().await;
    clean(&client, "MigRfRename").await;
    let old =
        CollectionConfig::new("MigRfRename").property(Property::new("headline", DataType::Text));
    client.collections().create(&old).await.unwrap();
    let new = Desired::new(
        CollectionConfig::new("MigRfRename").property(Property::new("title", DataType::Text)),
    )
    .property_renamed("headline", "title");
    let plan = client.migrator().desired(new).plan().await.unwrap();
    let lines: Vec<_> = plan
        .changes
        .iter()
        .map(|c| (c.class, c.what.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![(
            ChangeClass::Rebuild,
            "property `headline` renamed to `title`"
        )],
        "{plan}"
    );
    let weaviate_orm::migrate::Operation::Rebuild(spec) = &plan.changes[0].operation else {
        panic!("{plan}")
    };
    assert_eq!(spec.from, "MigRfRename");
    assert_eq!(spec.into, "MigRfRename_v2");
    assert!(spec.alias_gap);
    assert_eq!(spec.renamed.len(), 1);
    assert!(spec.config.find_property("headline").is_none());
}

#[tokio::test]
async fn drift_is_reported_and_never_touched() {
    let client = common::client().await;
    clean(&client, "MigDrift").await;
    clean(&client, "MigDriftOther").await;
    let live = CollectionConfig::new("MigDrift")
        .property(Property::new("title", DataType::Text))
        .property(Property::new("extra", DataType::Int))
        .vector("kept", weaviate_orm::schema::VectorConfig::self_provided())
        .vector("v", weaviate_orm::schema::VectorConfig::self_provided())
        .generative("generative-dummy", serde_json::json!({}));
    client.collections().create(&live).await.unwrap();
    client
        .collections()
        .create(&CollectionConfig::new("MigDriftOther"))
        .await
        .unwrap();
    let declared = CollectionConfig::new("MigDrift")
        .property(Property::new("title", DataType::Text))
        .vector("v", weaviate_orm::schema::VectorConfig::self_provided());
    let m = client.migrator().config(declared).report_undeclared(true);
    let before = client.collections().get("MigDrift").await.unwrap();
    let plan = m.plan().await.unwrap();
    let mine: Vec<_> = plan
        .changes
        .iter()
        .filter(|c| c.collection.starts_with("MigDrift"))
        .map(|c| (c.class, c.collection.as_str(), c.what.as_str()))
        .collect();
    assert_eq!(
        mine,
        vec![
            (
                ChangeClass::Drift,
                "MigDrift",
                "generative module generative-dummy is on the server but in no struct"
            ),
            (
                ChangeClass::Drift,
                "MigDrift",
                "named vector `kept` is on the server but in no struct"
            ),
            (
                ChangeClass::Drift,
                "MigDrift",
                "property `extra` is on the server but in no struct"
            ),
            (
                ChangeClass::Drift,
                "MigDriftOther",
                "collection is on the server but in no struct"
            ),
        ],
        "{plan}"
    );
    assert!(plan.is_in_sync(), "drift alone is in sync: {plan}");
    let report = m.apply(&plan).await.unwrap();
    assert!(
        report.was_already_applied()
            || report
                .applied
                .iter()
                .all(|a| a.change.class == ChangeClass::Drift)
    );
    assert_eq!(client.collections().get("MigDrift").await.unwrap(), before);
    assert!(client.collections().exists("MigDriftOther").await.unwrap());
}

mod renamed {
    pub mod before {
        use weaviate_orm::WeaviateCollection;
        /// A collection under its old name, with a property under its old name.
        #[derive(WeaviateCollection, Debug)]
        #[weaviate(name = "MigRfOldName")]
        pub struct C {
            #[weaviate(key)]
            pub slug: String,
            pub headline: String,
        }
    }
    pub mod after {
        use weaviate_orm::WeaviateCollection;
        /// The same collection renamed, its property renamed, both declared with `renamed_from`.
        #[derive(WeaviateCollection, Debug)]
        #[weaviate(name = "MigRfNewName", renamed_from = "MigRfOldName")]
        pub struct C {
            #[weaviate(key)]
            pub slug: String,
            #[weaviate(renamed_from = "headline")]
            pub title: String,
        }
    }
}

#[tokio::test]
async fn renamed_from_attributes_rebuild_into_the_new_names_and_keep_key_ids() {
    use renamed::{after, before};
    let client = common::client().await;
    clean(&client, "MigRfOldName").await;
    clean(&client, "MigRfNewName").await;
    let old = client.migrator().collection::<before::C>();
    old.apply(&old.plan().await.unwrap()).await.unwrap();
    let items = |n: usize| {
        (0..n).map(|i| before::C {
            slug: format!("s{i}"),
            headline: format!("headline {i}"),
        })
    };
    let report = client
        .collection_of::<before::C>()
        .batch()
        .insert_many(items(50))
        .await
        .unwrap();
    assert!(report.is_success(), "{report}");

    let m = client.migrator().collection::<after::C>();
    let plan = m.plan().await.unwrap();
    let lines: Vec<_> = plan
        .changes
        .iter()
        .map(|c| (c.class, c.what.as_str()))
        .collect();
    assert_eq!(
        lines,
        vec![(ChangeClass::Rebuild, "collection renamed from MigRfOldName")],
        "{plan}"
    );
    let err = m.apply(&plan).await.unwrap_err();
    assert!(
        err.to_string().contains("--allow-rebuild MigRfNewName"),
        "{err}"
    );
    let m = m.allow_rebuild("MigRfNewName");
    let plan = m.plan().await.unwrap();
    let report = m
        .apply(&plan)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{plan}"));
    assert!(report.after.is_in_sync(), "{}", report.after);
    let moved = client
        .collection_of::<after::C>()
        .query()
        .fetch_objects()
        .limit(100)
        .await
        .unwrap();
    assert_eq!(moved.len(), 50);
    assert!(
        moved.iter().all(|h| h.title.starts_with("headline ")),
        "values copied into the new name"
    );
    // Key-derived ids use the former name while `renamed_from` is set: re-importing through the
    // renamed struct overwrites the copied objects instead of duplicating them.
    let again = (0..50).map(|i| after::C {
        slug: format!("s{i}"),
        title: format!("title {i}"),
    });
    let report = client
        .collection_of::<after::C>()
        .batch()
        .insert_many(again)
        .await
        .unwrap();
    assert!(report.is_success(), "{report}");
    let all = client
        .collection_of::<after::C>()
        .query()
        .fetch_objects()
        .limit(100)
        .await
        .unwrap();
    assert_eq!(all.len(), 50);
    assert!(all.iter().all(|h| h.title.starts_with("title ")));
    // The old collection is kept until drop-old.
    assert!(client.collections().exists("MigRfOldName").await.unwrap());
    assert_eq!(
        m.drop_old("MigRfNewName").await.unwrap(),
        vec!["MigRfOldName".to_owned()]
    );
    assert!(!client.collections().exists("MigRfOldName").await.unwrap());
}

#[tokio::test]
async fn undeclared_properties_are_removed_only_when_pruned() {
    let client = common::client().await;
    clean(&client, "MigRfPrune").await;
    let live = CollectionConfig::new("MigRfPrune")
        .property(Property::new("title", DataType::Text))
        .property(Property::new("old", DataType::Text));
    client.collections().create(&live).await.unwrap();
    client
        .collection("MigRfPrune")
        .data()
        .insert(
            weaviate_orm::data::NewObject::new(serde_json::json!({"title": "t", "old": "o"}))
                .unwrap(),
        )
        .await
        .unwrap();
    let declared =
        CollectionConfig::new("MigRfPrune").property(Property::new("title", DataType::Text));
    let plan = client
        .migrator()
        .config(declared.clone())
        .plan()
        .await
        .unwrap();
    assert_eq!(plan.changes.len(), 1, "{plan}");
    assert_eq!(plan.changes[0].class, ChangeClass::Drift);
    let m = client.migrator().config(declared).prune("MigRfPrune");
    let plan = m.plan().await.unwrap();
    let change = &plan.changes[0];
    assert_eq!(
        (change.class, change.what.as_str()),
        (ChangeClass::Rebuild, "property `old` removed"),
        "{plan}"
    );
    assert!(change.reason.contains("values are lost"), "{plan}");
    assert!(
        change.blocked.is_some(),
        "pruning still needs the rebuild allowed: {plan}"
    );
    let m = m.allow_rebuild("MigRfPrune").allow_alias_gap("MigRfPrune");
    let report = m.apply(&m.plan().await.unwrap()).await.unwrap();
    assert!(report.after.is_in_sync(), "{}", report.after);
    let now = client.collections().get("MigRfPrune").await.unwrap();
    assert!(now.find_property("old").is_none());
    let objects = client
        .collection("MigRfPrune")
        .query()
        .fetch_objects()
        .await
        .unwrap();
    assert_eq!(objects.len(), 1);
    assert_eq!(objects[0].properties["title"], "t");
}
