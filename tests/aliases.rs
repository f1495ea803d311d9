//! Aliases against the real server: create, read, list, and a blue-green switch where reads, typed
//! searches and writes through the alias follow it to the new collection; and the errors. Then every
//! schema and tenant operation by an alias name: resolve, get, exists, update, add_property, index
//! writes, tenant create/update/activate/deactivate/offload/delete, and a delete by alias that is
//! refused and deletes nothing.

mod common;

use std::time::Duration;

use weaviate_orm::aliases::Alias;
use weaviate_orm::collections::{IndexChange, IndexTask, InvertedIndexKind, Resolved};
use weaviate_orm::schema::{DataType, MultiTenancyConfig, Property};
use weaviate_orm::tenants::{Tenant, TenantActivity};
use weaviate_orm::{Client, Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "AliasArticle")]
struct Article {
    #[weaviate(key)]
    slug: String,
    version: i64,
}

fn article(i: usize, version: i64) -> Article {
    Article {
        slug: format!("post-{i}"),
        version,
    }
}

#[tokio::test]
async fn an_alias_switches_readers_and_writers_to_a_rebuilt_collection() {
    let client = common::client().await;
    let (blue, green, alias) = (
        common::unique("AliasBlue"),
        common::unique("AliasGreen"),
        common::unique("AliasLive"),
    );
    for (name, version, count) in [(&blue, 1, 10), (&green, 2, 12)] {
        let mut config = Article::collection_config();
        config.name = name.clone();
        common::recreate(&client, &config).await;
        let report = client
            .collection(name)
            .typed::<Article>()
            .batch()
            .insert_many((0..count).map(|i| article(i, version)))
            .await
            .unwrap();
        assert!(report.is_success(), "{:?}", report.errors);
    }

    let aliases = client.aliases();
    let created = aliases.create(&alias, &blue).await.unwrap();
    assert_eq!(
        created,
        Alias {
            alias: alias.clone(),
            collection: blue.clone()
        }
    );
    assert_eq!(aliases.get(&alias).await.unwrap(), Some(created.clone()));
    assert_eq!(
        aliases.list_for(&blue).await.unwrap(),
        vec![created.clone()]
    );
    assert!(aliases.list_for(&green).await.unwrap().is_empty());
    assert!(aliases.list().await.unwrap().contains(&created));

    // Typed searches through the alias read the collection it points at.
    let live = client.collection(&alias).typed::<Article>().query();
    let hits = common::fetch_all(&live).await;
    assert_eq!(hits.len(), 10);
    assert!(hits.iter().all(|h| h.object.version == 1));

    // Switch: the same handle now reads the green collection.
    let moved = aliases.update(&alias, &green).await.unwrap();
    assert_eq!(moved.collection, green);
    let hits = common::fetch_all(&live).await;
    assert_eq!(hits.len(), 12);
    assert!(hits.iter().all(|h| h.object.version == 2));

    // Writes through the alias land in green too.
    let report = client
        .collection(&alias)
        .typed::<Article>()
        .batch()
        .insert_many([article(100, 2)])
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    let green_handle = client.collection(&green).typed::<Article>().query();
    assert_eq!(common::fetch_all(&green_handle).await.len(), 13);
    let blue_handle = client.collection(&blue).typed::<Article>().query();
    assert_eq!(common::fetch_all(&blue_handle).await.len(), 10);

    aliases.delete(&alias).await.unwrap();
    assert_eq!(aliases.get(&alias).await.unwrap(), None);
    client.collections().delete(&blue).await.unwrap();
    client.collections().delete(&green).await.unwrap();
}

#[tokio::test]
async fn alias_errors_keep_the_servers_message_and_bad_names_send_nothing() {
    let client = common::client().await;
    let (target, other, alias) = (
        common::unique("AliasTarget"),
        common::unique("AliasOther"),
        common::unique("AliasErr"),
    );
    for name in [&target, &other] {
        let mut config = Article::collection_config();
        config.name = name.clone();
        common::recreate(&client, &config).await;
    }
    let aliases = client.aliases();
    aliases.create(&alias, &target).await.unwrap();

    let err = aliases.create(&alias, &other).await.unwrap_err();
    assert!(
        matches!(&err, Error::AlreadyExists { message } if message.contains("already exists")),
        "{err:?}"
    );
    // An alias cannot take a collection's name.
    let err = aliases.create(&other, &target).await.unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");
    let err = aliases
        .create(&common::unique("AliasNew"), "NoSuchCollectionAtAll")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("NoSuchCollectionAtAll")),
        "{err:?}"
    );
    let ghost = common::unique("AliasGhost");
    for err in [
        aliases.update(&ghost, &target).await.unwrap_err(),
        aliases.delete(&ghost).await.unwrap_err(),
    ] {
        assert!(
            matches!(&err, Error::NotFound { message } if message.contains(&ghost)),
            "{err:?}"
        );
    }

    // Bad names are refused before any request (a client whose server is down says InvalidInput).
    let down = common::offline_client().await;
    for err in [
        down.aliases()
            .create("lowercase", &target)
            .await
            .unwrap_err(),
        down.aliases().update(&alias, "bad name").await.unwrap_err(),
        down.aliases().get("a/b").await.unwrap_err(),
    ] {
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    }

    aliases.delete(&alias).await.unwrap();
    client.collections().delete(&target).await.unwrap();
    client.collections().delete(&other).await.unwrap();
}

/// A fresh `Article` collection named `prefix...` with `count` objects, and an alias of it.
async fn aliased(client: &Client, prefix: &str, count: usize, mt: bool) -> (String, String) {
    let (target, alias) = (
        common::unique(prefix),
        common::unique(&format!("{prefix}Alias")),
    );
    let mut config = Article::collection_config();
    config.name = target.clone();
    if mt {
        config.multi_tenancy_config = Some(MultiTenancyConfig::enabled());
    }
    common::recreate(client, &config).await;
    if count > 0 {
        let report = client
            .collection(&target)
            .typed::<Article>()
            .batch()
            .insert_many((0..count).map(|i| article(i, 1)))
            .await
            .unwrap();
        assert!(report.is_success(), "{:?}", report.errors);
    }
    client.aliases().create(&alias, &target).await.unwrap();
    (target, alias)
}

#[tokio::test]
async fn schema_operations_work_through_an_alias() {
    let client = common::client().await;
    let (target, alias) = aliased(&client, "AliasSchema", 5, false).await;
    let collections = client.collections();

    assert_eq!(
        collections.resolve(&alias).await.unwrap(),
        Resolved {
            name: target.clone(),
            alias: Some(alias.clone())
        }
    );
    assert_eq!(
        collections.resolve(&target).await.unwrap(),
        Resolved {
            name: target.clone(),
            alias: None
        }
    );
    // Not checked for existence: a name that is nothing resolves to itself.
    assert_eq!(
        collections.resolve("AliasNothingHere").await.unwrap().alias,
        None
    );
    // A collection cannot take an alias's name (so a name is never both).
    let mut clash = Article::collection_config();
    clash.name = alias.clone();
    let err = collections.create(&clash).await.unwrap_err();
    assert!(
        matches!(&err, Error::AlreadyExists { message } if message.contains(&alias)),
        "{err:?}"
    );

    // get and exists answer for the collection the alias points at.
    assert_eq!(collections.get(&alias).await.unwrap().name, target);
    assert!(collections.exists(&alias).await.unwrap());

    // update: GET, modify, PUT, by alias.
    let stored = collections
        .update(&alias, |c| {
            c.description = Some("updated through an alias".into())
        })
        .await
        .unwrap();
    assert_eq!(stored.name, target);
    assert_eq!(
        collections
            .get(&target)
            .await
            .unwrap()
            .description
            .as_deref(),
        Some("updated through an alias")
    );
    let err = collections
        .update(&alias, |c| c.name = "AliasRenamed".into())
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains(&alias) && message.contains("renamed")),
        "{err:?}"
    );

    // add_property by alias.
    let added = collections
        .add_property(&alias, &Property::new("extra", DataType::Text))
        .await
        .unwrap();
    assert_eq!(added.name, "extra");
    let live = collections.get(&target).await.unwrap();
    assert!(live.properties.iter().any(|p| p.name == "extra"));

    // Index status and index writes by alias.
    let indexes = collections.indexes(&alias);
    assert_eq!(indexes.status().await.unwrap().collection, target);
    let task = indexes
        .upsert(
            "version",
            InvertedIndexKind::RangeFilters,
            &IndexChange::default(),
        )
        .await
        .unwrap();
    assert!(matches!(task, IndexTask::Started { .. }), "{task:?}");
    indexes
        .wait(
            "version",
            InvertedIndexKind::RangeFilters,
            Duration::from_secs(60),
            |_| {},
        )
        .await
        .unwrap();
    indexes
        .drop("version", InvertedIndexKind::RangeFilters)
        .await
        .unwrap();
    let report = collections.indexes(&target).status().await.unwrap();
    assert!(
        report
            .index("version", InvertedIndexKind::RangeFilters)
            .is_none()
    );

    client.aliases().delete(&alias).await.unwrap();
    collections.delete(&target).await.unwrap();
}

#[tokio::test]
async fn deleting_by_alias_is_refused_and_deletes_nothing() {
    let client = common::client().await;
    let (target, alias) = aliased(&client, "AliasDel", 7, false).await;
    let collections = client.collections();

    let err = collections.delete(&alias).await.unwrap_err();
    match &err {
        Error::InvalidInput { message } => {
            assert!(message.contains(&alias), "{message}");
            assert!(message.contains(&target), "{message}");
            assert!(message.contains("aliases().delete"), "{message}");
            assert!(message.contains("collections().delete"), "{message}");
        }
        other => panic!("expected InvalidInput, got {other:?}"),
    }
    // Nothing went: the collection with all its objects, and the alias.
    assert!(collections.exists(&target).await.unwrap());
    let live = client.collection(&target).typed::<Article>().query();
    assert_eq!(common::fetch_all(&live).await.len(), 7);
    assert_eq!(
        client
            .aliases()
            .get(&alias)
            .await
            .unwrap()
            .map(|a| a.collection),
        Some(target.clone())
    );

    // The collection goes by its own name; its alias is left pointing at nothing.
    collections.delete(&target).await.unwrap();
    assert!(!collections.exists(&alias).await.unwrap());
    let err = collections.get(&alias).await.unwrap_err();
    assert!(
        matches!(&err, Error::NotFound { message } if message.contains(&alias) && message.contains(&target)),
        "{err:?}"
    );
    assert_eq!(
        collections.resolve(&alias).await.unwrap(),
        Resolved {
            name: target.clone(),
            alias: Some(alias.clone())
        }
    );
    client.aliases().delete(&alias).await.unwrap();
}

#[tokio::test]
async fn tenant_writes_work_through_an_alias() {
    let client = common::client().await;
    let (target, alias) = aliased(&client, "AliasTenants", 0, true).await;
    let by_alias = client.collection(&alias).tenants();
    let by_name = client.collection(&target).tenants();

    by_alias.create(["ta", "tb", "tc"]).await.unwrap();
    assert_eq!(
        by_name.list().await.unwrap(),
        [Tenant::new("ta"), Tenant::new("tb"), Tenant::new("tc")]
    );
    // Reads through the alias are the server's own.
    assert_eq!(by_alias.list().await.unwrap().len(), 3);
    assert!(by_alias.exists("tb").await.unwrap());
    assert_eq!(by_alias.get("tc").await.unwrap(), Some(Tenant::new("tc")));

    by_alias.deactivate(["tb"]).await.unwrap();
    assert_eq!(
        by_name.get("tb").await.unwrap(),
        Some(Tenant::new("tb").activity(TenantActivity::Inactive))
    );
    by_alias.activate(["tb"]).await.unwrap();
    assert_eq!(by_name.get("tb").await.unwrap(), Some(Tenant::new("tb")));
    by_alias
        .update([Tenant::new("tc").activity(TenantActivity::Inactive)])
        .await
        .unwrap();
    assert_eq!(
        by_name.get("tc").await.unwrap().map(|t| t.activity),
        Some(TenantActivity::Inactive)
    );
    // Offloading reaches the collection: the server refuses it for want of a module, not for
    // want of a class.
    let err = by_alias.offload(["ta"]).await.unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } if message.contains("offload-s3")),
        "{err:?}"
    );
    // Data in a tenant through the alias.
    let report = client
        .collection(&alias)
        .with_tenant("ta")
        .typed::<Article>()
        .batch()
        .insert_many((0..3).map(|i| article(i, 1)))
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    let in_ta = client
        .collection(&target)
        .with_tenant("ta")
        .typed::<Article>()
        .query();
    assert_eq!(common::fetch_all(&in_ta).await.len(), 3);

    by_alias.delete(["tc"]).await.unwrap();
    assert_eq!(
        by_name.list().await.unwrap(),
        [Tenant::new("ta"), Tenant::new("tb")]
    );

    client.aliases().delete(&alias).await.unwrap();
    client.collections().delete(&target).await.unwrap();
}
