//! Property index management against the real server: dropping a filterable index (filters on the
//! property are then refused), creating a range index and waiting for it, changing a text
//! property's tokenization (word -> field) and seeing keyword search follow, cancelling a reindex,
//! conflicts and bad requests with the server's words, tenants on a multi-tenant collection (and a
//! task that fails at an inactive tenant), and, on the server started with
//! `USE_INVERTED_SEARCHABLE=false`, moving a WAND searchable index to BlockMax WAND.

mod common;

use std::time::{Duration, Instant};

use serde_json::json;
use weaviate_orm::collections::{
    IndexChange, IndexState, IndexStatus, IndexTask, InvertedIndexKind,
};
use weaviate_orm::data::NewObject;
use weaviate_orm::filter::{Filter, Untyped, UntypedField};
use weaviate_orm::schema::{CollectionConfig, DataType, Property, Tokenization};
use weaviate_orm::tenants::{Tenant, TenantActivity};
use weaviate_orm::{Client, Error};

use InvertedIndexKind::{Filterable, RangeFilters, Searchable};

const WAIT: Duration = Duration::from_secs(120);

/// `title` (text, word), `views` (int), `tag` (text, field).
fn config(name: &str) -> CollectionConfig {
    CollectionConfig::new(name)
        .property(Property::new("title", DataType::Text).tokenization(Tokenization::Word))
        .property(Property::new("views", DataType::Int))
        .property(Property::new("tag", DataType::Text).tokenization(Tokenization::Field))
}

/// Half the titles are "Hello World number {i}", half "hello-world {i}"; views = i.
fn title(i: usize) -> String {
    if i % 2 == 1 {
        format!("Hello World number {i}")
    } else {
        format!("hello-world {i}")
    }
}

async fn collection_with_objects(client: &Client, prefix: &str, count: usize) -> String {
    let name = common::unique(prefix);
    common::recreate(client, &config(&name)).await;
    let objects = (0..count).map(|i| {
        NewObject::new(json!({"title": title(i), "views": i, "tag": format!("t{}", i % 5)}))
            .unwrap()
    });
    common::import(&client.collection(&name), objects).await;
    name
}

fn views_prop() -> UntypedField {
    prop("views")
}

fn prop(name: &str) -> UntypedField {
    Filter::<Untyped>::property(name)
}

/// How many objects match (the server must accept the filter).
async fn hits(client: &Client, name: &str, filter: Filter<Untyped>) -> usize {
    count(client, name, filter).await.unwrap()
}

async fn count(
    client: &Client,
    name: &str,
    filter: Filter<Untyped>,
) -> weaviate_orm::Result<usize> {
    let found = client
        .collection(name)
        .query()
        .fetch_objects()
        .filter(filter)
        .limit(10_000)
        .await?;
    Ok(found.len())
}

async fn bm25_titles(client: &Client, name: &str, query: &str) -> Vec<String> {
    let hits = client
        .collection(name)
        .query()
        .bm25(query)
        .property("title")
        .limit(10_000)
        .await
        .unwrap();
    let mut titles: Vec<String> = hits
        .iter()
        .map(|o| o.properties["title"].as_str().unwrap().to_owned())
        .collect();
    titles.sort();
    titles
}

/// Waits for the index and returns the statuses seen on the way (the last one is ready).
async fn wait_seen(
    client: &Client,
    name: &str,
    property: &str,
    kind: InvertedIndexKind,
) -> Vec<IndexStatus> {
    let mut seen = Vec::new();
    client
        .collections()
        .indexes(name)
        .wait(property, kind, WAIT, |s| seen.push(s.clone()))
        .await
        .unwrap_or_else(|e| panic!("waiting for {name}.{property} {kind}: {e:?}"));
    seen
}

fn started(task: IndexTask) -> String {
    match task {
        IndexTask::Started { task_id } => task_id,
        other => panic!("expected a started task, got {other:?}"),
    }
}

#[tokio::test]
async fn a_dropped_filterable_index_refuses_filters_and_a_range_index_serves_them() {
    let client = common::client().await;
    let name = collection_with_objects(&client, "IdxRange", 300).await;
    let indexes = client.collections().indexes(&name);

    let report = indexes.status().await.unwrap();
    assert_eq!(report.collection, name);
    let views = report.property("views").unwrap();
    assert_eq!(views.data_type, "int");
    let kinds: Vec<_> = views.indexes.iter().map(|i| (i.kind, &i.status)).collect();
    assert_eq!(kinds, [(Filterable, &IndexState::Ready)]);
    let title = report.index("title", Searchable).unwrap();
    assert_eq!(title.tokenization, Some(Tokenization::Word));
    assert_eq!(title.algorithm.as_deref(), Some("blockmax"));
    assert_eq!(title.task_id, None);
    assert_eq!(hits(&client, &name, views_prop().equal(3i64)).await, 1);

    // Drop: synchronous, idempotent, and filters on the property are refused from then on.
    indexes.drop("views", Filterable).await.unwrap();
    indexes.drop("views", Filterable).await.unwrap();
    let report = indexes.status().await.unwrap();
    assert!(report.property("views").unwrap().indexes.is_empty());
    let err = count(&client, &name, views_prop().equal(3i64))
        .await
        .unwrap_err();
    // Weaviate 1.39 sends this refusal as gRPC UNKNOWN; the message is the server's.
    assert!(
        err.to_string()
            .contains("Filtering by property 'views' requires inverted index"),
        "{err:?}"
    );
    let live = client.collections().get(&name).await.unwrap();
    let views = live.properties.iter().find(|p| p.name == "views").unwrap();
    assert_eq!(views.index_filterable, Some(false));

    // A range index, built on the server and waited for.
    let task = indexes
        .upsert("views", RangeFilters, &IndexChange::default())
        .await
        .unwrap();
    let task_id = started(task);
    assert!(task_id.contains("enable-rangeable"), "{task_id}");
    let seen = wait_seen(&client, &name, "views", RangeFilters).await;
    assert_eq!(seen.last().map(|s| &s.status), Some(&IndexState::Ready));
    assert!(
        seen.iter().all(|s| s.kind == RangeFilters
            && (s.status.is_in_flight() || s.status == IndexState::Ready)),
        "{seen:?}"
    );
    assert_eq!(hits(&client, &name, views_prop().gt(290i64)).await, 9);
    assert_eq!(
        hits(
            &client,
            &name,
            views_prop().gte(100i64) & views_prop().lt(110i64)
        )
        .await,
        10
    );
    // Nothing to do twice; nothing to cancel; a rebuild is a new task.
    let again = indexes
        .upsert("views", RangeFilters, &IndexChange::default())
        .await
        .unwrap();
    assert_eq!(again, IndexTask::NoOp);
    assert_eq!(
        indexes.cancel("views", RangeFilters).await.unwrap(),
        IndexTask::NoOp
    );
    let rebuilt = started(indexes.rebuild("views", RangeFilters, &[]).await.unwrap());
    assert!(rebuilt.contains("repair-rangeable"), "{rebuilt}");
    wait_seen(&client, &name, "views", RangeFilters).await;
    assert_eq!(hits(&client, &name, views_prop().gt(290i64)).await, 9);
    // The filterable index comes back the same way.
    started(
        indexes
            .upsert("views", Filterable, &IndexChange::default())
            .await
            .unwrap(),
    );
    wait_seen(&client, &name, "views", Filterable).await;
    assert_eq!(hits(&client, &name, views_prop().equal(3i64)).await, 1);
    // Waiting for an index that is not there.
    indexes.drop("tag", Filterable).await.unwrap();
    let err = indexes
        .wait("tag", Filterable, WAIT, |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { message } if message.contains("no filterable index")),
        "{err:?}"
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn a_tokenization_change_from_word_to_field_changes_keyword_results() {
    let client = common::client().await;
    let name = collection_with_objects(&client, "IdxTok", 300).await;
    let indexes = client.collections().indexes(&name);
    let like = |pattern: &str| prop("title").like(pattern);

    // Word: "Hello World number 1" and "hello-world 2" both have the token "hello".
    assert_eq!(bm25_titles(&client, &name, "hello").await.len(), 300);
    assert_eq!(hits(&client, &name, like("hello*")).await, 300);
    assert_eq!(
        hits(&client, &name, prop("title").equal("number")).await,
        150
    );

    let change = IndexChange {
        tokenization: Some(Tokenization::Field),
        ..Default::default()
    };
    let task_id = started(indexes.upsert("title", Searchable, &change).await.unwrap());
    assert!(task_id.contains("change-tokenization"), "{task_id}");
    let t0 = Instant::now();
    let seen = wait_seen(&client, &name, "title", Searchable).await;
    eprintln!(
        "word -> field of 300 objects: {:?}, {} polls: {:?}",
        t0.elapsed(),
        seen.len(),
        seen.iter()
            .map(|s| (&s.status, s.progress))
            .collect::<Vec<_>>()
    );
    for s in &seen[..seen.len() - 1] {
        assert_eq!(s.task_id.as_deref(), Some(task_id.as_str()), "{s:?}");
        assert_eq!(s.target_tokenization, Some(Tokenization::Field), "{s:?}");
    }
    // Both text indexes of the property moved, and so did the schema.
    let report = indexes.status().await.unwrap();
    for kind in [Filterable, Searchable] {
        let index = report.index("title", kind).unwrap();
        assert_eq!(
            (&index.status, &index.tokenization, &index.task_id),
            (&IndexState::Ready, &Some(Tokenization::Field), &None),
            "{kind}"
        );
    }
    let live = client.collections().get(&name).await.unwrap();
    let title_prop = live.properties.iter().find(|p| p.name == "title").unwrap();
    assert_eq!(title_prop.tokenization, Some(Tokenization::Field));

    // Field: the whole value is one token, case kept.
    assert!(bm25_titles(&client, &name, "hello").await.is_empty());
    assert_eq!(
        bm25_titles(&client, &name, "Hello World number 7").await,
        ["Hello World number 7"]
    );
    assert_eq!(hits(&client, &name, like("hello*")).await, 150);
    assert_eq!(hits(&client, &name, like("Hello World*")).await, 150);
    assert_eq!(hits(&client, &name, prop("title").equal("number")).await, 0);
    assert_eq!(
        indexes.upsert("title", Searchable, &change).await.unwrap(),
        IndexTask::NoOp
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn bad_requests_are_rejected_with_the_servers_words() {
    let client = common::client().await;
    let name = collection_with_objects(&client, "IdxBad", 10).await;
    let indexes = client.collections().indexes(&name);
    let change = |tokenization: Option<Tokenization>, algorithm: Option<&str>, tenants: &[&str]| {
        IndexChange {
            tokenization,
            algorithm: algorithm.map(str::to_owned),
            tenants: tenants.iter().map(|t| (*t).to_owned()).collect(),
        }
    };
    let word = change(Some(Tokenization::Word), None, &[]);
    let rejected = |err: Error, words: &str| match &err {
        Error::Rejected {
            status: weaviate_orm::Status::Http(400),
            message,
        } if message.contains(words) => {}
        other => panic!("expected Rejected with {words:?}, got {other:?}"),
    };
    let refusals = [
        (
            "views",
            Searchable,
            word.clone(),
            "property \"views\" is not a text type",
        ),
        (
            "title",
            RangeFilters,
            change(None, None, &[]),
            "is not a numeric type",
        ),
        (
            "views",
            RangeFilters,
            word.clone(),
            "the rangeFilters index takes no configuration fields",
        ),
        (
            "title",
            Searchable,
            change(None, Some("wand"), &[]),
            "algorithm \"wand\" is deprecated",
        ),
        (
            "title",
            Searchable,
            change(Some(Tokenization::Field), Some("blockmax"), &[]),
            "at most one configuration change per request",
        ),
        (
            "views",
            RangeFilters,
            change(None, None, &["alice"]),
            "tenants parameter is only valid for multi-tenant collections",
        ),
    ];
    for (property, kind, change, words) in refusals {
        rejected(
            indexes.upsert(property, kind, &change).await.unwrap_err(),
            words,
        );
    }
    rejected(
        indexes.rebuild("views", Searchable, &[]).await.unwrap_err(),
        "property \"views\" has no searchable index",
    );

    // Unknown properties and collections are NotFound, on every endpoint.
    let not_found = |err: Error, words: &str| match &err {
        Error::NotFound { message } if message.contains(words) => {}
        other => panic!("expected NotFound with {words:?}, got {other:?}"),
    };
    not_found(
        indexes.upsert("nope", Searchable, &word).await.unwrap_err(),
        "property \"nope\" not found",
    );
    not_found(
        indexes.drop("nope", Filterable).await.unwrap_err(),
        "property name nope: not found",
    );
    not_found(
        indexes.cancel("nope", Filterable).await.unwrap_err(),
        "nope",
    );
    let ghost = client.collections().indexes("IdxNoSuchCollection");
    not_found(ghost.status().await.unwrap_err(), "IdxNoSuchCollection");
    not_found(
        ghost.drop("views", Filterable).await.unwrap_err(),
        "IdxNoSuchCollection",
    );
    not_found(
        ghost.rebuild("views", Filterable, &[]).await.unwrap_err(),
        "IdxNoSuchCollection",
    );
    let err = ghost
        .wait("views", Filterable, WAIT, |_| {})
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

/// Long text, so that a reindex takes seconds.
async fn big_collection(client: &Client, count: usize) -> String {
    let name = common::unique("IdxBig");
    let config = CollectionConfig::new(&name)
        .property(Property::new("body", DataType::Text).tokenization(Tokenization::Word));
    common::recreate(client, &config).await;
    let words = [
        "alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta",
    ];
    let objects = (0..count).map(|i| {
        let body: Vec<String> = (0..30)
            .map(|w| format!("{}{}", words[(i + w) % words.len()], (i * 7 + w * 13) % 50))
            .collect();
        NewObject::new(json!({"body": body.join(" ")})).unwrap()
    });
    common::import(&client.collection(&name), objects).await;
    name
}

#[tokio::test]
async fn a_running_reindex_conflicts_with_other_changes_and_can_be_cancelled() {
    let client = common::client().await;
    let name = big_collection(&client, 10_000).await;
    let indexes = client.collections().indexes(&name);
    let to = |t: Tokenization| IndexChange {
        tokenization: Some(t),
        ..Default::default()
    };

    let task_id = started(
        indexes
            .upsert("body", Searchable, &to(Tokenization::Whitespace))
            .await
            .unwrap(),
    );
    // The same request joins the running task; another change, or a drop, conflicts.
    assert_eq!(
        started(
            indexes
                .upsert("body", Searchable, &to(Tokenization::Whitespace))
                .await
                .unwrap()
        ),
        task_id
    );
    let err = indexes
        .upsert("body", Searchable, &to(Tokenization::Lowercase))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Conflict { message } if message.contains(&task_id) && message.contains("different target")),
        "{err:?}"
    );
    let err = indexes.drop("body", Filterable).await.unwrap_err();
    assert!(
        matches!(&err, Error::Conflict { message } if message.contains("is in flight")),
        "{err:?}"
    );
    // Waiting shorter than the task: a timeout, the task goes on.
    let err = indexes
        .wait("body", Searchable, Duration::from_millis(1), |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Timeout { operation, .. } if operation.contains("body")),
        "{err:?}"
    );

    assert_eq!(
        indexes.cancel("body", Searchable).await.unwrap(),
        IndexTask::Cancelled {
            task_id: task_id.clone()
        }
    );
    let err = indexes
        .wait("body", Searchable, WAIT, |_| {})
        .await
        .unwrap_err();
    match &err {
        Error::Failed {
            operation, status, ..
        } => {
            assert!(operation.contains(&task_id), "{operation}");
            assert_eq!(status, "cancelled");
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    // The index kept its tokenization; both of the property's indexes say so.
    let report = indexes.status().await.unwrap();
    for kind in [Filterable, Searchable] {
        let index = report.index("body", kind).unwrap();
        assert_eq!(index.status, IndexState::Cancelled, "{kind}");
        assert_eq!(index.tokenization, Some(Tokenization::Word), "{kind}");
        assert_eq!(
            index.target_tokenization,
            Some(Tokenization::Whitespace),
            "{kind}"
        );
    }
    assert_eq!(
        indexes.cancel("body", Searchable).await.unwrap(),
        IndexTask::NoOp
    );

    // Run again to the end, and time it.
    let t0 = Instant::now();
    started(
        indexes
            .upsert("body", Searchable, &to(Tokenization::Whitespace))
            .await
            .unwrap(),
    );
    let seen = wait_seen(&client, &name, "body", Searchable).await;
    eprintln!(
        "word -> whitespace of 10,000 objects of 30 words: {:?}, {} polls, progress {:?}",
        t0.elapsed(),
        seen.len(),
        seen.iter().map(|s| s.progress).collect::<Vec<_>>()
    );
    let report = indexes.status().await.unwrap();
    assert_eq!(
        report.index("body", Searchable).unwrap().tokenization,
        Some(Tokenization::Whitespace)
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn tenants_narrow_format_only_work_and_a_failed_task_carries_the_servers_words() {
    let client = common::client().await;
    let name = common::unique("IdxTenants");
    let mut config = config(&name);
    config.multi_tenancy_config = Some(weaviate_orm::schema::MultiTenancyConfig::enabled());
    common::recreate(&client, &config).await;
    let collection = client.collection(&name);
    collection
        .tenants()
        .create([
            Tenant::new("ta"),
            Tenant::new("tb"),
            Tenant::new("tc").activity(TenantActivity::Inactive),
        ])
        .await
        .unwrap();
    for tenant in ["ta", "tb"] {
        let objects =
            (0..100).map(|i| NewObject::new(json!({"title": title(i), "views": i})).unwrap());
        common::import(&collection.with_tenant(tenant), objects).await;
    }
    let indexes = client.collections().indexes(&name);

    // A range index for one tenant: format-only, accepted.
    let ta = IndexChange {
        tenants: vec!["ta".into()],
        ..Default::default()
    };
    started(indexes.upsert("views", RangeFilters, &ta).await.unwrap());
    wait_seen(&client, &name, "views", RangeFilters).await;
    let found = collection
        .with_tenant("ta")
        .query()
        .fetch_objects()
        .filter(views_prop().gt(89i64))
        .limit(1000)
        .await
        .unwrap();
    assert_eq!(found.len(), 10);

    // A tokenization change must cover every tenant; unknown tenants are refused.
    let err = indexes
        .upsert(
            "title",
            Searchable,
            &IndexChange {
                tokenization: Some(Tokenization::Field),
                tenants: vec!["ta".into()],
                ..Default::default()
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("cannot be used with semantic migrations")),
        "{err:?}"
    );
    let err = indexes
        .rebuild("views", RangeFilters, &["zz".into()])
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("tenant \"zz\" does not exist")),
        "{err:?}"
    );

    // A rebuild over all tenants fails at the inactive one, and says so.
    let task_id = started(indexes.rebuild("views", RangeFilters, &[]).await.unwrap());
    let err = indexes
        .wait("views", RangeFilters, WAIT, |_| {})
        .await
        .unwrap_err();
    match &err {
        Error::Failed {
            operation,
            status,
            message,
        } => {
            assert!(operation.contains(&task_id), "{operation}");
            assert_eq!(status, "failed");
            assert!(message.contains("shard \"tc\" not found"), "{message}");
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    // With the tenant active, the same rebuild succeeds.
    collection.tenants().activate(["tc"]).await.unwrap();
    started(indexes.rebuild("views", RangeFilters, &[]).await.unwrap());
    wait_seen(&client, &name, "views", RangeFilters).await;
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn a_wand_searchable_index_moves_to_blockmax() {
    let client = common::wand_client().await;
    let name = collection_with_objects(&client, "IdxWand", 300).await;
    let indexes = client.collections().indexes(&name);
    let report = indexes.status().await.unwrap();
    for property in ["title", "tag"] {
        assert_eq!(
            report
                .index(property, Searchable)
                .unwrap()
                .algorithm
                .as_deref(),
            Some("wand"),
            "{property}"
        );
    }
    let before = bm25_titles(&client, &name, "number").await;
    assert_eq!(before.len(), 150);

    let err = indexes.rebuild("title", Searchable, &[]).await.unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("cannot rebuild a WAND searchable index")),
        "{err:?}"
    );
    let blockmax = IndexChange {
        algorithm: Some("blockmax".into()),
        ..Default::default()
    };
    let task_id = started(
        indexes
            .upsert("title", Searchable, &blockmax)
            .await
            .unwrap(),
    );
    assert!(task_id.contains("change-algorithm"), "{task_id}");
    let seen = wait_seen(&client, &name, "title", Searchable).await;
    for s in &seen[..seen.len() - 1] {
        assert_eq!(s.target_algorithm.as_deref(), Some("blockmax"), "{s:?}");
    }
    let report = indexes.status().await.unwrap();
    assert_eq!(
        report
            .index("title", Searchable)
            .unwrap()
            .algorithm
            .as_deref(),
        Some("blockmax")
    );
    // Only that property moved.
    assert_eq!(
        report
            .index("tag", Searchable)
            .unwrap()
            .algorithm
            .as_deref(),
        Some("wand")
    );
    assert_eq!(bm25_titles(&client, &name, "number").await, before);
    assert_eq!(
        indexes
            .upsert("title", Searchable, &blockmax)
            .await
            .unwrap(),
        IndexTask::NoOp
    );
    // A BlockMax index can be rebuilt.
    started(indexes.rebuild("title", Searchable, &[]).await.unwrap());
    wait_seen(&client, &name, "title", Searchable).await;
    assert_eq!(bm25_titles(&client, &name, "number").await, before);
    client.collections().delete(&name).await.unwrap();
}
