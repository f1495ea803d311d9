//! Typed batches against the real server: `client.collection_of::<T>().batch()` imports the user's own structs from
//! iterators and streams with ids from their key fields, reports failures by input index with the
//! server's message, adds references named by typed fields, mixes typed collections in one import,
//! writes to tenants, and deletes by a typed filter with a dry run first.

mod common;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use futures_util::TryStreamExt;
use uuid::Uuid;
use weaviate_orm::batch::AnyItem;
use weaviate_orm::query::Hit;
use weaviate_orm::typed::Reference;
use weaviate_orm::{Client, Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "BatchTypedAuthor")]
struct Author {
    #[weaviate(key)]
    name: String,
    born: i64,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "BatchTypedArticle",
    vector(name = "v", dimensions = 3, index = flat(distance = l2_squared)),
)]
struct Article {
    #[weaviate(key)]
    slug: String,
    title: String,
    #[weaviate(index_range_filters)]
    views: i64,
    tags: Vec<String>,
    author: Reference<Author>,
    editor: Option<Reference<Author>>,
    #[weaviate(vector = "v")]
    v: Vec<f32>,
}

fn author(n: usize) -> Author {
    Author {
        name: format!("author {n}"),
        born: 1900 + n as i64,
    }
}

fn author_id(n: usize) -> Uuid {
    author(n).id().unwrap()
}

fn article(i: usize) -> Article {
    Article {
        slug: format!("post-{i}"),
        title: format!("Article number {i}"),
        views: i as i64,
        tags: (0..i % 3).map(|t| format!("tag{t}")).collect(),
        author: Reference::to([author_id(i % 10)]),
        editor: None,
        v: vec![i as f32, 1.0, -(i as f32)],
    }
}

/// Every stored article by id, with its vector.
async fn stored_articles(client: &Client) -> HashMap<Uuid, Article> {
    let hits: Vec<Hit<Article>> = client
        .collection_of::<Article>()
        .query()
        .fetch_objects()
        .include_vector()
        .stream(2_000)
        .try_collect()
        .await
        .unwrap();
    let count = hits.len();
    let by_id: HashMap<Uuid, Article> = hits.into_iter().map(|h| (h.id, h.object)).collect();
    assert_eq!(by_id.len(), count, "no id listed twice");
    by_id
}

#[tokio::test]
async fn typed_import_then_typed_delete_with_a_dry_run() {
    let client = common::client().await;
    common::recreate_derived::<Author>(&client).await;
    common::recreate_derived::<Article>(&client).await;

    let report = client
        .collection_of::<Author>()
        .batch()
        .insert_many((0..10).map(author))
        .await
        .unwrap();
    assert!(report.is_success(), "{report}: {:?}", report.errors);
    assert_eq!(report.succeeded(), 10);

    // 10,000 articles from a lazy iterator, with a progress hook.
    let progressed = Arc::new(AtomicUsize::new(0));
    let seen = progressed.clone();
    let report = client
        .collection_of::<Article>()
        .batch()
        .on_progress(move |p| {
            seen.store(p.succeeded, Ordering::Relaxed);
        })
        .insert_many((0..10_000).map(article))
        .await
        .unwrap();
    assert!(report.is_success(), "{report}: {:?}", report.errors);
    assert_eq!(report.succeeded(), 10_000);
    assert_eq!(progressed.load(Ordering::Relaxed), 10_000);

    // Count, ids (from the key field) and content, exactly.
    let stored = stored_articles(&client).await;
    assert_eq!(stored.len(), 10_000);
    for i in 0..10_000 {
        let expected = article(i);
        let id = expected.id().unwrap();
        assert_eq!(stored.get(&id), Some(&expected), "article {i} ({id})");
    }

    // The same objects again, from an async stream: deterministic ids make it an overwrite.
    let report = client
        .collection_of::<Article>()
        .batch()
        .insert_stream(futures_util::stream::iter((0..10_000).map(article)))
        .await
        .unwrap();
    assert!(report.is_success(), "{report}: {:?}", report.errors);
    assert_eq!(stored_articles(&client).await.len(), 10_000);

    // Delete by a typed filter: a dry run lists what would go, then the real delete.
    let a = Article::fields();
    let batch = client.collection_of::<Article>().batch();
    let preview = batch
        .delete_many(a.views.lt(1_000))
        .dry_run(true)
        .verbose(true)
        .await
        .unwrap();
    assert_eq!(
        (preview.matches, preview.deleted, preview.dry_run),
        (1_000, 0, true)
    );
    let mut listed: Vec<Uuid> = preview.objects.iter().map(|o| o.id).collect();
    listed.sort();
    let mut expected: Vec<Uuid> = (0..1_000).map(|i| article(i).id().unwrap()).collect();
    expected.sort();
    assert_eq!(listed, expected);
    assert_eq!(
        stored_articles(&client).await.len(),
        10_000,
        "a dry run deletes nothing"
    );

    let done = batch.delete_many(a.views.lt(1_000)).await.unwrap();
    assert_eq!((done.matches, done.deleted, done.failed), (1_000, 1_000, 0));

    // Through a reference path: the articles of author 3 (those left: views 1003, 1013, ...).
    let by_author_3 = a.author.path(|au| au.name.equal("author 3"));
    let preview = batch
        .delete_many(by_author_3.clone())
        .dry_run(true)
        .await
        .unwrap();
    assert_eq!(preview.matches, 900);
    let done = batch.delete_many(by_author_3).await.unwrap();
    assert_eq!(done.deleted, 900);

    let left = stored_articles(&client).await;
    let expected: Vec<usize> = (1_000..10_000).filter(|i| i % 10 != 3).collect();
    assert_eq!(left.len(), expected.len());
    for i in expected {
        assert!(left.contains_key(&article(i).id().unwrap()), "article {i}");
    }
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "BatchTypedReading", vector(name = "v", index = hnsw))]
struct Reading {
    #[weaviate(key)]
    sensor: String,
    value: i64,
    #[weaviate(vector = "v")]
    v: Vec<f32>,
}

#[tokio::test]
async fn failed_typed_objects_are_reported_by_index_and_the_rest_stored() {
    let client = common::client().await;
    common::recreate_derived::<Reading>(&client).await;
    let batch = client.collection_of::<Reading>().batch();
    let reading = |i: usize, dims: usize, value: i64| Reading {
        sensor: format!("s{i}"),
        value,
        v: (0..dims).map(|d| (i + d) as f32).collect(),
    };
    // The vector index learns its dimension (3) from the first objects.
    let report = batch
        .insert_many((0..10).map(|i| reading(i, 3, 1)))
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);

    // 200 more: every 20th from 7 has 2 dimensions (the server refuses it), every 20th from 13 an
    // integer JSON cannot carry exactly (refused before sending).
    let items = (100..300).map(|i| match i % 20 {
        7 => reading(i, 2, 1),
        13 => reading(i, 3, (1 << 53) + 1),
        _ => reading(i, 3, 1),
    });
    let report = batch.insert_many(items).await.unwrap();
    assert_eq!(report.succeeded(), 180, "{report}");
    assert_eq!(report.errors.len(), 20, "{:?}", report.errors);
    for e in &report.errors {
        let i = 100 + e.index;
        assert_eq!(
            e.id,
            reading(i, 3, 1).id().unwrap(),
            "the id of input {}",
            e.index
        );
        match i % 20 {
            7 => assert!(
                e.message.contains("length") || e.message.contains("dimension"),
                "the server's message for {i}: {}",
                e.message
            ),
            13 => assert!(
                e.message.contains("2^53"),
                "the client's message for {i}: {}",
                e.message
            ),
            _ => panic!("input {i} was valid but reported: {}", e.message),
        }
    }
    let stored = common::fetch_all(&client.collection_of::<Reading>().query()).await;
    assert_eq!(stored.len(), 190);
}

#[tokio::test]
async fn references_by_typed_fields_and_mixed_collections_in_one_import() {
    #[derive(WeaviateCollection, Debug, Clone, PartialEq)]
    #[weaviate(name = "BatchTypedWriter")]
    struct Writer {
        #[weaviate(key)]
        name: String,
    }

    #[derive(WeaviateCollection, Debug, Clone, PartialEq)]
    #[weaviate(name = "BatchTypedBook")]
    struct Book {
        #[weaviate(key)]
        title: String,
        author: Reference<Writer>,
        editor: Option<Reference<Writer>>,
    }

    let client = common::client().await;
    common::recreate_derived::<Writer>(&client).await;
    common::recreate_derived::<Book>(&client).await;
    let writer = |n: usize| Writer {
        name: format!("w{n}"),
    };
    let book = |i: usize| Book {
        title: format!("b{i}"),
        author: Reference::to([writer(i % 3).id().unwrap()]),
        editor: None,
    };

    // Writers and books in one import, boxed as `AnyItem`s.
    let items = (0..3)
        .map(|n| AnyItem::new(writer(n)))
        .chain((0..30).map(|i| AnyItem::new(book(i))));
    let report = client.importer().import(items).await.unwrap();
    assert!(report.is_success(), "{report}: {:?}", report.errors);
    assert_eq!(report.succeeded(), 33);

    // Editors added by typed field handles, in BatchReferences requests.
    let b = Book::fields();
    let links = (0..30).map(|i| {
        b.editor
            .link(book(i).id().unwrap(), writer(2).id().unwrap())
    });
    let report = client
        .collection_of::<Book>()
        .batch()
        .add_references(links)
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.reference_errors);

    let books = common::fetch_all(&client.collection_of::<Book>().query()).await;
    assert_eq!(books.len(), 30);
    for hit in &books {
        let i: usize = hit.object.title[1..].parse().unwrap();
        let expected = Book {
            editor: Some(Reference::to([writer(2).id().unwrap()])),
            ..book(i)
        };
        assert_eq!(hit.object, expected);
        assert_eq!(hit.id, book(i).id().unwrap());
    }
    let writers = common::fetch_all(&client.collection_of::<Writer>().query()).await;
    assert_eq!(writers.len(), 3);
}

#[tokio::test]
async fn typed_batches_write_to_tenants_and_renamed_copies() {
    #[derive(WeaviateCollection, Debug, Clone, PartialEq)]
    #[weaviate(name = "BatchTypedNote", multi_tenancy(auto_tenant_creation))]
    struct Note {
        #[weaviate(key)]
        text: String,
    }

    let client = common::client().await;
    common::recreate_derived::<Note>(&client).await;
    let note = |i: usize| Note {
        text: format!("note {i}"),
    };
    for (tenant, n) in [("alice", 5), ("bob", 8)] {
        let report = client
            .collection_of::<Note>()
            .batch()
            .tenant(tenant)
            .insert_many((0..n).map(note))
            .await
            .unwrap();
        assert!(report.is_success(), "{tenant}: {:?}", report.errors);
    }
    for (tenant, n) in [("alice", 5), ("bob", 8)] {
        let notes = common::fetch_all(&client.collection_of::<Note>().query().tenant(tenant)).await;
        assert_eq!(notes.len(), n, "{tenant}");
    }
    // Without a tenant, a multi-tenant collection refuses every object, with the server's message.
    let report = client
        .collection_of::<Note>()
        .batch()
        .insert_many((0..2).map(note))
        .await
        .unwrap();
    assert_eq!(report.errors.len(), 2);
    assert!(
        report.errors[0].message.contains("tenant"),
        "{}",
        report.errors[0].message
    );

    // A copy of the collection under another name (as a blue-green rebuild writes it).
    let copy_name = common::unique("BatchTypedNoteCopy");
    let mut config = Note::collection_config();
    config.name = copy_name.clone();
    client.collections().create(&config).await.unwrap();
    let copy = client.collection(&copy_name).with_tenant("carol");
    let report = copy
        .typed::<Note>()
        .batch()
        .insert_many((0..4).map(note))
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    let notes = common::fetch_all(&copy.typed::<Note>().query()).await;
    let mut texts: Vec<String> = notes.into_iter().map(|h| h.object.text).collect();
    texts.sort();
    assert_eq!(texts, ["note 0", "note 1", "note 2", "note 3"]);
    client.collections().delete(&copy_name).await.unwrap();
    // The original is untouched by the copy's import: it has no tenant `carol` at all.
    let original = client
        .collection(Note::NAME)
        .with_tenant("carol")
        .data()
        .exists(note(0).id().unwrap())
        .await;
    assert!(
        matches!(
            original,
            Err(Error::Rejected {
                status: weaviate_orm::Status::Http(422),
                ..
            })
        ),
        "{original:?}"
    );
}
