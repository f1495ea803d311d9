//! Aliases against the real server: create, read, list, and a blue-green switch where reads, typed
//! searches and writes through the alias follow it to the new collection; and the errors.

mod common;

use weaviate_orm::aliases::Alias;
use weaviate_orm::batch::TypedBatch;
use weaviate_orm::query::Query;
use weaviate_orm::{Error, WeaviateCollection};

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
        let report = TypedBatch::<Article>::from_collection(&client.collection(name))
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
    let live = Query::<Article>::from_collection(&client.collection(&alias));
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
    let report = TypedBatch::<Article>::from_collection(&client.collection(&alias))
        .insert_many([article(100, 2)])
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    let green_handle = Query::<Article>::from_collection(&client.collection(&green));
    assert_eq!(common::fetch_all(&green_handle).await.len(), 13);
    let blue_handle = Query::<Article>::from_collection(&client.collection(&blue));
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
