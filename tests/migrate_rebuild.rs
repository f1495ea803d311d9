//! Blue/green rebuilds against the real server: a data-type change and a renamed property copied
//! exactly (properties, named vectors, references to another collection and to itself), readers
//! and writers through the name during the rebuild, multi-tenant collections with an inactive
//! tenant, the alias gap of a real collection, and two migrators racing for the same rebuild.

mod common;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::TryStreamExt;
use serde_json::{Value, json};
use uuid::Uuid;
use weaviate_orm::batch::BatchReference;
use weaviate_orm::data::{Beacon, NewObject, Object, Vector};
use weaviate_orm::migrate::{ChangeClass, Desired, Event, Migrator, Outcome, Plan};
use weaviate_orm::query::QueryReference;
use weaviate_orm::tenants::TenantActivity;
use weaviate_orm::{Client, Error, WeaviateCollection};

/// Deletes the named collections (their versions and aliases) left by an earlier run.
async fn clean(client: &Client, names: &[&str]) {
    for name in names {
        for a in client.aliases().list().await.unwrap() {
            if a.alias == *name {
                client.aliases().delete(&a.alias).await.unwrap();
            }
        }
        for config in client.collections().list().await.unwrap() {
            if config.name == *name || config.name.starts_with(&format!("{name}_v")) {
                client.collections().delete(&config.name).await.unwrap();
            }
        }
    }
}

fn names(client_classes: &[weaviate_orm::schema::CollectionConfig], prefix: &str) -> Vec<String> {
    let mut v: Vec<String> = client_classes
        .iter()
        .map(|c| c.name.clone())
        .filter(|n| n.starts_with(prefix))
        .collect();
    v.sort();
    v
}

async fn classes(client: &Client, prefix: &str) -> Vec<String> {
    names(&client.collections().list().await.unwrap(), prefix)
}

async fn alias_target(client: &Client, name: &str) -> Option<String> {
    client
        .aliases()
        .get(name)
        .await
        .unwrap()
        .map(|a| a.collection)
}

/// The notes a migrator reported, and whether it reported copy progress.
#[derive(Clone)]
struct Events {
    notes: Arc<Mutex<Vec<String>>>,
    copies: Arc<AtomicUsize>,
    started: Instant,
}

impl Default for Events {
    fn default() -> Self {
        Events {
            notes: Arc::default(),
            copies: Arc::default(),
            started: Instant::now(),
        }
    }
}

impl Events {
    fn watch(&self, m: Migrator) -> Migrator {
        let (notes, copies, started) = (self.notes.clone(), self.copies.clone(), self.started);
        m.progress(move |e: &Event<'_>| match e {
            Event::Note(n) => notes
                .lock()
                .unwrap()
                .push(format!("[{:>6.0?}] {n}", started.elapsed())),
            Event::Copy { .. } => {
                copies.fetch_add(1, Ordering::SeqCst);
            }
            _ => {}
        })
    }

    fn notes(&self) -> Vec<String> {
        self.notes.lock().unwrap().clone()
    }

    fn saw(&self, text: &str) -> bool {
        self.notes().iter().any(|n| n.contains(text))
    }
}

/// Every object of `collection` (of `tenant`), with properties, vectors and the given references.
async fn read_all(
    client: &Client,
    collection: &str,
    tenant: Option<&str>,
    references: &[QueryReference],
) -> BTreeMap<Uuid, Object> {
    let mut c = client.collection(collection);
    if let Some(t) = tenant {
        c = c.with_tenant(t);
    }
    let mut search = c.query().fetch_objects().include_vector();
    for r in references {
        search = search.return_references(r.clone());
    }
    search
        .stream(1000)
        .map_ok(|o| (o.id, o))
        .try_collect()
        .await
        .unwrap()
}

fn beacons(o: &Object, property: &str) -> Vec<String> {
    match o.properties.get(property) {
        Some(Value::Array(items)) => {
            let mut b: Vec<String> = items
                .iter()
                .filter_map(|i| i["beacon"].as_str().map(str::to_owned))
                .collect();
            b.sort();
            b
        }
        _ => Vec::new(),
    }
}

/// Creates `T`'s collection afresh with a migrator (behind an alias or not), fills it with
/// `objects` through its name, and returns that migrator.
async fn fresh<T: WeaviateCollection>(
    client: &Client,
    behind_alias: bool,
    objects: impl IntoIterator<Item = NewObject, IntoIter: Send> + Send,
) -> Migrator {
    clean(client, &[T::NAME]).await;
    let base = client
        .migrator()
        .collection::<T>()
        .behind_alias(behind_alias);
    base.apply(&base.plan().await.unwrap()).await.unwrap();
    let report = client
        .collection(T::NAME)
        .batch()
        .insert_many(objects)
        .await
        .unwrap();
    assert!(report.is_success(), "{report}");
    base
}

/// A migrator that rebuilds `T`'s collection although nothing changed.
fn forced<T: WeaviateCollection>(client: &Client, behind_alias: bool) -> Migrator {
    client
        .migrator()
        .collection::<T>()
        .behind_alias(behind_alias)
        .allow_rebuild(T::NAME)
        .force_rebuild(T::NAME)
}

fn id(kind: u128, i: usize) -> Uuid {
    Uuid::from_u128((kind << 64) | i as u128)
}

mod books {
    //! Two versions of a collection: v2 renames `headline` to `title` and makes `rating` a number.

    /// The book collection with its headline field and rating type.
    macro_rules! book {
        ($headline:ident, $rating:ty) => {
            use uuid::Uuid;
            use weaviate_orm::WeaviateCollection;
            use weaviate_orm::typed::{MultiReference, Reference};

            #[derive(WeaviateCollection, Debug)]
            #[weaviate(
                                        name = "MigRbBook",
                                        vector(name = "own", dimensions = 4, index = flat),
                                        vector(name = "alt", dimensions = 3)
                                    )]
            pub struct Book {
                #[weaviate(id)]
                pub id: Uuid,
                pub $headline: String,
                pub rating: $rating,
                pub tags: Vec<String>,
                pub author: Reference<Author>,
                pub sequel: Option<Reference<Book>>,
                #[weaviate(targets(Author, Book))]
                pub mentions: MultiReference,
                #[weaviate(vector = "own")]
                pub own: Vec<f32>,
                #[weaviate(vector = "alt")]
                pub alt: Vec<f32>,
            }
        };
    }

    pub mod v1 {
        #[derive(weaviate_orm::WeaviateCollection, Debug)]
        #[weaviate(name = "MigRbAuthor")]
        pub struct Author {
            pub name: String,
        }

        book!(headline, i64);
    }

    pub mod v2 {
        pub use super::v1::Author;

        book!(title, f64);
    }
}

const BOOKS: usize = 2_000;
const AUTHORS: usize = 50;

fn book_vectors(i: usize) -> (Vec<f32>, Vec<f32>) {
    let f = i as f32;
    (
        vec![f, f / 7.0, -f / 3.0, 0.1 + f / 1000.0],
        vec![1.0 / (f + 1.0), f.sqrt(), 0.5],
    )
}

fn book_references() -> Vec<QueryReference> {
    vec![
        QueryReference::new("author").ids_only(),
        QueryReference::new("sequel").ids_only(),
    ]
}

fn mention_references(book: &str, author: &str) -> Vec<QueryReference> {
    vec![
        QueryReference::new("mentions")
            .target_collection(author)
            .ids_only(),
        QueryReference::new("mentions")
            .target_collection(book)
            .ids_only(),
    ]
}

#[tokio::test]
async fn a_data_type_change_rebuilds_behind_the_alias_and_copies_everything_exactly() {
    use books::{v1, v2};
    let client = common::client().await;
    clean(&client, &["MigRbBook", "MigRbAuthor"]).await;

    let first = client
        .migrator()
        .collection::<v1::Author>()
        .collection::<v1::Book>()
        .behind_alias(true);
    first.apply(&first.plan().await.unwrap()).await.unwrap();
    assert_eq!(
        alias_target(&client, "MigRbBook").await.as_deref(),
        Some("MigRbBook_v1")
    );

    // Authors, then books through the name, with references to authors, to the next book, and
    // multi-target mentions of both.
    let authors = (0..AUTHORS).map(|i| {
        NewObject::new(json!({"name": format!("author {i}")}))
            .unwrap()
            .id(id(1, i))
    });
    let report = client
        .collection("MigRbAuthor")
        .batch()
        .insert_many(authors)
        .await
        .unwrap();
    assert!(report.is_success(), "{report}");
    let books = (0..BOOKS).map(|i| {
        let (own, alt) = book_vectors(i);
        NewObject::new(json!({
            "headline": format!("book {i}"),
            "rating": i as i64 * 3 - 1000,
            "tags": [format!("t{}", i % 5), "all"],
        }))
        .unwrap()
        .id(id(2, i))
        .named_vector("own", own)
        .named_vector("alt", alt)
    });
    let mut refs = Vec::new();
    for i in 0..BOOKS {
        refs.push(BatchReference::new(
            "MigRbBook",
            id(2, i),
            "author",
            id(1, i % AUTHORS),
        ));
        if i % 3 == 0 {
            refs.push(BatchReference::new(
                "MigRbBook",
                id(2, i),
                "sequel",
                id(2, (i + 1) % BOOKS),
            ));
        }
        if i % 4 == 0 {
            refs.push(BatchReference::new(
                "MigRbBook",
                id(2, i),
                "mentions",
                Beacon::new("MigRbAuthor_v1", id(1, (i + 7) % AUTHORS)),
            ));
            refs.push(BatchReference::new(
                "MigRbBook",
                id(2, i),
                "mentions",
                Beacon::new("MigRbBook_v1", id(2, (i + 11) % BOOKS)),
            ));
        }
    }
    let report = client
        .importer()
        .collection("MigRbBook")
        .import_with_references(books, refs)
        .await
        .unwrap();
    assert!(
        report.is_success(),
        "{report}: {:?} {:?}",
        report.errors.first(),
        report.reference_errors.first()
    );

    let before = read_all(&client, "MigRbBook_v1", None, &book_references()).await;
    assert_eq!(before.len(), BOOKS);

    // The changed struct: the plan says rebuild, and apply refuses without the opt-in.
    let changed = || {
        client
            .migrator()
            .collection::<v2::Author>()
            .desired(Desired::of::<v2::Book>().property_renamed("headline", "title"))
            .behind_alias(true)
    };
    let plan = changed().plan().await.unwrap();
    let rebuilds: Vec<_> = plan
        .changes
        .iter()
        .filter(|c| c.class == ChangeClass::Rebuild)
        .collect();
    assert!(!rebuilds.is_empty(), "{plan}");
    assert!(
        rebuilds
            .iter()
            .all(|c| c.collection == "MigRbBook" && c.blocked.is_some()),
        "{plan}"
    );
    assert!(
        rebuilds.iter().any(|c| c.what.contains("rating"))
            && rebuilds.iter().any(|c| c.what.contains("headline")),
        "{plan}"
    );
    // (Other tests of this file create their own collections meanwhile: only ours are compared.)
    let ours = || async {
        (
            classes(&client, "MigRbBook").await,
            classes(&client, "MigRbAuthor").await,
        )
    };
    let schema_before = ours().await;
    let err = changed().apply(&plan).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
    assert!(err.to_string().contains("allow_rebuild"), "{err}");
    assert_eq!(ours().await, schema_before);
    assert_eq!(
        alias_target(&client, "MigRbBook").await.as_deref(),
        Some("MigRbBook_v1")
    );

    // With the opt-in.
    let events = Events::default();
    let m = events.watch(changed().allow_rebuild("MigRbBook"));
    let plan = m.plan().await.unwrap();
    assert!(plan.blocked().next().is_none(), "{plan}");
    let started = Instant::now();
    let report = m
        .apply(&plan)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{:#?}", events.notes()));
    let took = started.elapsed();
    eprintln!(
        "rebuild of {BOOKS} books took {took:?}; notes:\n  {}",
        events.notes().join("\n  ")
    );
    assert!(report.after.is_in_sync(), "{}", report.after);
    assert!(events.copies.load(Ordering::SeqCst) > 0);
    assert!(
        events.saw("switched: MigRbBook -> MigRbBook_v2"),
        "{:#?}",
        events.notes()
    );

    assert_eq!(
        alias_target(&client, "MigRbBook").await.as_deref(),
        Some("MigRbBook_v2")
    );
    let live = client.collections().get("MigRbBook_v2").await.unwrap();
    assert!(live.find_property("title").is_some() && live.find_property("headline").is_none());

    // Every object, property, vector and reference, read through the name.
    let mut references = book_references();
    references.extend(mention_references("MigRbBook_v2", "MigRbAuthor_v1"));
    let after = read_all(&client, "MigRbBook", None, &references).await;
    assert_eq!(after.len(), BOOKS);
    for i in 0..BOOKS {
        let o = &after[&id(2, i)];
        let p = &o.properties;
        assert_eq!(p["title"], json!(format!("book {i}")), "{o:?}");
        assert!(!p.contains_key("headline"));
        assert_eq!(
            p["rating"].as_f64(),
            Some((i as i64 * 3 - 1000) as f64),
            "{o:?}"
        );
        assert_eq!(p["tags"], json!([format!("t{}", i % 5), "all"]));
        let (own, alt) = book_vectors(i);
        assert_eq!(
            o.vectors.named.get("own"),
            Some(&Vector::Single(own)),
            "{i}"
        );
        assert_eq!(
            o.vectors.named.get("alt"),
            Some(&Vector::Single(alt)),
            "{i}"
        );
        assert_eq!(
            beacons(o, "author"),
            [format!(
                "weaviate://localhost/MigRbAuthor_v1/{}",
                id(1, i % AUTHORS)
            )]
        );
        let sequel: Vec<String> = if i % 3 == 0 {
            vec![format!(
                "weaviate://localhost/MigRbBook_v2/{}",
                id(2, (i + 1) % BOOKS)
            )]
        } else {
            Vec::new()
        };
        assert_eq!(
            beacons(o, "sequel"),
            sequel,
            "self-references point into the new collection"
        );
        let mut mentions: Vec<String> = if i % 4 == 0 {
            vec![
                format!(
                    "weaviate://localhost/MigRbAuthor_v1/{}",
                    id(1, (i + 7) % AUTHORS)
                ),
                format!(
                    "weaviate://localhost/MigRbBook_v2/{}",
                    id(2, (i + 11) % BOOKS)
                ),
            ]
        } else {
            Vec::new()
        };
        mentions.sort();
        assert_eq!(beacons(o, "mentions"), mentions, "{i}");
    }

    // The old collection is kept, whole; the next plan has nothing left but its drift.
    assert_eq!(
        read_all(&client, "MigRbBook_v1", None, &[]).await.len(),
        BOOKS
    );
    let next = changed().report_undeclared(true).plan().await.unwrap();
    assert!(next.is_in_sync(), "{next}");
    let old_drift: Vec<_> = next
        .changes
        .iter()
        .filter(|c| {
            c.collection.starts_with("MigRbBook") || c.collection.starts_with("MigRbAuthor")
        })
        .collect();
    assert_eq!(old_drift.len(), 1, "{next}");
    assert_eq!(old_drift[0].collection, "MigRbBook_v1");
    assert!(
        old_drift[0].what.contains("old collection of MigRbBook"),
        "{next}"
    );

    let old = changed().old_collections().await.unwrap();
    assert_eq!(old, ["MigRbBook_v1"]);
    assert_eq!(
        changed().drop_old("MigRbBook").await.unwrap(),
        ["MigRbBook_v1"]
    );
    assert!(!client.collections().exists("MigRbBook_v1").await.unwrap());
    assert!(changed().old_collections().await.unwrap().is_empty());
    let last = changed().plan().await.unwrap();
    assert!(last.is_empty(), "{last}");
}

mod live {
    use weaviate_orm::WeaviateCollection;

    use weaviate_orm::typed::Reference;

    /// The collection rebuilt under load (forced: nothing in the struct changes).
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigRbLive", vector(name = "own", dimensions = 4, index = flat))]
    pub struct Item {
        pub n: i64,
        pub label: String,
        pub next: Option<Reference<Item>>,
        #[weaviate(vector = "own")]
        pub own: Vec<f32>,
    }
}

/// An item; `next` (a self-reference) points at an even original, which is never deleted.
fn item(n: i64, label: &str, next: Option<Uuid>) -> NewObject {
    let mut p = json!({"n": n, "label": label});
    if let Some(next) = next {
        p["next"] = json!([{"beacon": format!("weaviate://localhost/{next}")}]);
    }
    NewObject::new(p)
        .unwrap()
        .named_vector("own", vec![n as f32, 1.0, 2.0, 3.0])
}

fn even_original(k: usize, items: usize) -> Uuid {
    id(3, (k * 2) % items)
}

/// Objects of a collection through its name, counted with the cursor.
async fn count(client: &Client, name: &str) -> weaviate_orm::Result<usize> {
    let ids: Vec<Object> = client
        .collection(name)
        .query()
        .fetch_objects()
        .return_properties(Vec::<String>::new())
        .stream(1000)
        .try_collect()
        .await?;
    Ok(ids.len())
}

#[tokio::test]
async fn readers_and_writers_through_the_name_during_a_rebuild() {
    const ITEMS: usize = 2_000;
    const MAX_DELETES: usize = 100;
    let client = common::client().await;
    let base = fresh::<live::Item>(&client, true, []).await;
    let objects = (0..ITEMS).map(|i| item(i as i64, "original", None).id(id(3, i)));
    let refs = (0..ITEMS)
        .map(|i| BatchReference::new("MigRbLive", id(3, i), "next", even_original(i + 1, ITEMS)));
    let report = client
        .importer()
        .collection("MigRbLive")
        .import_with_references(objects, refs)
        .await
        .unwrap();
    assert!(report.is_success(), "{report}");

    // The model of what the writer leaves behind: id -> (n, next) (None: deleted).
    let mut model: BTreeMap<Uuid, Option<(i64, Uuid)>> = (0..ITEMS)
        .map(|i| (id(3, i), Some((i as i64, even_original(i + 1, ITEMS)))))
        .collect();
    let copying = Arc::new(AtomicBool::new(false));
    let switched = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicBool::new(false));

    // Reader: reads through the name until the rebuild is over.
    let reader = {
        let (client, done) = (client.clone(), done.clone());
        tokio::spawn(async move {
            let mut rounds = 0;
            while !done.load(Ordering::SeqCst) {
                let page = client
                    .collection("MigRbLive")
                    .query()
                    .fetch_objects()
                    .limit(100)
                    .await
                    .unwrap_or_else(|e| panic!("read {rounds} failed: {e}"));
                assert_eq!(page.len(), 100, "read {rounds}");
                let n = count(&client, "MigRbLive")
                    .await
                    .unwrap_or_else(|e| panic!("count {rounds} failed: {e}"));
                assert!(n >= ITEMS - MAX_DELETES, "count {rounds}: {n}");
                rounds += 1;
            }
            rounds
        })
    };

    // Writer: from the first copied page until the switch, inserts, updates and deletes through
    // the name, one request at a time.
    let writer = {
        let (client, copying, switched) = (client.clone(), copying.clone(), switched.clone());
        tokio::spawn(async move {
            while !copying.load(Ordering::SeqCst) {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            let data = client.collection("MigRbLive").data();
            let mut ops = Vec::new();
            let mut deleted = std::collections::BTreeSet::new();
            let (mut deletes, mut step) = (0, 0usize);
            while !switched.load(Ordering::SeqCst) {
                let k = step;
                step += 1;
                match k % 3 {
                    0 => {
                        let (new, next) = (id(4, k), even_original(k, ITEMS));
                        let n = 100_000 + k as i64;
                        data.insert(item(n, "inserted", Some(next)).id(new))
                            .await
                            .unwrap();
                        ops.push((new, Some((n, next))));
                    }
                    1 => {
                        let target = id(3, (k * 7) % ITEMS);
                        if deleted.contains(&target) {
                            continue;
                        }
                        let (n, next) = (200_000 + k as i64, even_original(k * 3, ITEMS));
                        data.replace(target, item(n, "updated", Some(next)))
                            .await
                            .unwrap();
                        ops.push((target, Some((n, next))));
                    }
                    _ if deletes < MAX_DELETES => {
                        // Only odd originals (never a reference target), never twice.
                        let target = id(3, ((k * 13) % (ITEMS / 2)) * 2 + 1);
                        if deleted.contains(&target) {
                            continue;
                        }
                        data.delete(target).await.unwrap();
                        deleted.insert(target);
                        ops.push((target, None));
                        deletes += 1;
                    }
                    _ => {}
                }
            }
            ops
        })
    };

    let events = Events::default();
    let m = {
        let (notes, copies, started) =
            (events.notes.clone(), events.copies.clone(), events.started);
        let (copying, switched) = (copying.clone(), switched.clone());
        forced::<live::Item>(&client, true).progress(move |e: &Event<'_>| match e {
            Event::Copy { .. } => {
                copies.fetch_add(1, Ordering::SeqCst);
                copying.store(true, Ordering::SeqCst);
            }
            Event::Note(n) => {
                if n.starts_with("switched") {
                    switched.store(true, Ordering::SeqCst);
                }
                notes
                    .lock()
                    .unwrap()
                    .push(format!("[{:>6.0?}] {n}", started.elapsed()));
            }
            _ => {}
        })
    };
    let plan = m.plan().await.unwrap();
    let started = Instant::now();
    let result = m.apply(&plan).await;
    let took = started.elapsed();
    // Stop the writer even when the rebuild failed early, then the reader.
    copying.store(true, Ordering::SeqCst);
    switched.store(true, Ordering::SeqCst);
    let ops = writer.await.unwrap();
    done.store(true, Ordering::SeqCst);
    let rounds = reader.await.unwrap();
    result.unwrap_or_else(|e| panic!("{e}\n{:#?}", events.notes()));
    assert!(base.plan().await.unwrap().is_in_sync());
    eprintln!(
        "rebuild under load took {took:?}: {} writes, {rounds} reader rounds; notes:\n  {}",
        ops.len(),
        events.notes().join("\n  ")
    );
    assert!(!ops.is_empty(), "the writer wrote nothing during the copy");
    assert!(rounds > 0);

    for (target, value) in ops {
        model.insert(target, value);
    }
    assert_eq!(
        alias_target(&client, "MigRbLive").await.as_deref(),
        Some("MigRbLive_v2")
    );
    let got = read_all(
        &client,
        "MigRbLive_v2",
        None,
        &[QueryReference::new("next").ids_only()],
    )
    .await;
    let want: BTreeMap<Uuid, (i64, Uuid)> = model
        .iter()
        .filter_map(|(k, v)| v.map(|v| (*k, v)))
        .collect();
    let got_n: BTreeMap<Uuid, (i64, Uuid)> = got
        .iter()
        .map(|(k, o)| {
            let next = beacons(o, "next");
            assert_eq!(next.len(), 1, "{o:?}");
            let (collection, next) = next[0]
                .trim_start_matches("weaviate://localhost/")
                .split_once('/')
                .unwrap();
            assert_eq!(
                collection, "MigRbLive_v2",
                "self-references point into the new collection"
            );
            (
                *k,
                (
                    o.properties["n"].as_i64().unwrap_or(i64::MIN),
                    next.parse().unwrap(),
                ),
            )
        })
        .collect();
    let missing: Vec<_> = want.keys().filter(|k| !got_n.contains_key(k)).collect();
    let extra: Vec<_> = got_n.keys().filter(|k| !want.contains_key(k)).collect();
    let wrong: Vec<_> = want
        .iter()
        .filter(|(k, v)| got_n.get(k).is_some_and(|g| g != *v))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && wrong.is_empty(),
        "missing {missing:?}, extra {extra:?}, wrong {wrong:?}"
    );
    for (k, o) in &got {
        let n = want[k].0;
        assert_eq!(
            o.vectors.named.get("own"),
            Some(&Vector::Single(vec![n as f32, 1.0, 2.0, 3.0]))
        );
    }
}

mod tenanted {
    use weaviate_orm::WeaviateCollection;

    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigRbTenant", multi_tenancy, vector(name = "own", dimensions = 2, index = flat))]
    pub struct Note {
        pub body: String,
        #[weaviate(vector = "own")]
        pub own: Vec<f32>,
    }
}

async fn statuses(client: &Client, collection: &str) -> BTreeMap<String, TenantActivity> {
    client
        .collection(collection)
        .tenants()
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|t| (t.name, t.activity))
        .collect()
}

#[tokio::test]
async fn multi_tenant_collections_are_copied_tenant_by_tenant_with_their_statuses() {
    let client = common::client().await;
    let base = fresh::<tenanted::Note>(&client, true, []).await;
    let tenants = [("alpha", 30), ("beta", 20), ("gamma", 10)];
    // Tenant endpoints do not resolve aliases (Weaviate 1.39): the physical name.
    client
        .collection("MigRbTenant_v1")
        .tenants()
        .create(tenants.iter().map(|(t, _)| *t))
        .await
        .unwrap();
    for (k, (t, n)) in tenants.iter().enumerate() {
        let objects = (0..*n).map(|i| {
            NewObject::new(json!({"body": format!("{t} {i}")}))
                .unwrap()
                .id(id(5 + k as u128, i))
                .named_vector("own", vec![k as f32, i as f32])
        });
        let report = client
            .collection("MigRbTenant")
            .with_tenant(*t)
            .batch()
            .insert_many(objects)
            .await
            .unwrap();
        assert!(report.is_success(), "{report}");
    }
    client
        .collection("MigRbTenant_v1")
        .tenants()
        .deactivate(["gamma"])
        .await
        .unwrap();
    let before = statuses(&client, "MigRbTenant_v1").await;
    assert_eq!(before["gamma"], TenantActivity::Inactive);

    let events = Events::default();
    let m = events.watch(forced::<tenanted::Note>(&client, true));
    m.apply(&m.plan().await.unwrap())
        .await
        .unwrap_or_else(|e| panic!("{e}\n{:#?}", events.notes()));
    assert!(base.plan().await.unwrap().is_in_sync());
    assert!(
        events.saw("activating 1 inactive tenant"),
        "{:#?}",
        events.notes()
    );
    assert_eq!(
        alias_target(&client, "MigRbTenant").await.as_deref(),
        Some("MigRbTenant_v2")
    );
    assert_eq!(
        statuses(&client, "MigRbTenant_v2").await,
        before,
        "statuses preserved"
    );
    assert_eq!(
        statuses(&client, "MigRbTenant_v1").await,
        before,
        "the old one is as it was"
    );

    client
        .collection("MigRbTenant_v2")
        .tenants()
        .activate(["gamma"])
        .await
        .unwrap();
    for (k, (t, n)) in tenants.iter().enumerate() {
        let got = read_all(&client, "MigRbTenant", Some(t), &[]).await;
        assert_eq!(got.len(), *n, "tenant {t}");
        for i in 0..*n {
            let o = &got[&id(5 + k as u128, i)];
            assert_eq!(o.properties["body"], json!(format!("{t} {i}")));
            assert_eq!(
                o.vectors.named.get("own"),
                Some(&Vector::Single(vec![k as f32, i as f32]))
            );
        }
    }
}

mod gap {
    use weaviate_orm::WeaviateCollection;

    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigRbGap")]
    pub struct Entry {
        pub text: String,
        pub n: i64,
    }
}

#[tokio::test]
async fn a_real_collection_is_rebuilt_into_an_alias_only_with_the_gap_allowed() {
    const ENTRIES: usize = 300;
    let client = common::client().await;
    let objects = (0..ENTRIES).map(|i| {
        NewObject::new(json!({"text": format!("entry {i}"), "n": i}))
            .unwrap()
            .id(id(9, i))
    });
    let base = fresh::<gap::Entry>(&client, false, objects).await;
    let rebuild = || forced::<gap::Entry>(&client, false);
    let plan = rebuild().plan().await.unwrap();
    assert!(
        plan.blocked().any(|c| c
            .blocked
            .as_deref()
            .unwrap_or("")
            .contains("allow_alias_gap")),
        "{plan}"
    );
    let err = rebuild().apply(&plan).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err}");
    assert_eq!(classes(&client, "MigRbGap").await, ["MigRbGap"]);

    let events = Events::default();
    let m = events.watch(rebuild().allow_alias_gap("MigRbGap"));
    let plan = m.plan().await.unwrap();
    m.apply(&plan)
        .await
        .unwrap_or_else(|e| panic!("{e}\n{:#?}", events.notes()));
    assert!(base.plan().await.unwrap().is_in_sync());
    assert!(
        events.saw("resolves to nothing"),
        "the gap is told: {:#?}",
        events.notes()
    );
    assert_eq!(classes(&client, "MigRbGap").await, ["MigRbGap_v2"]);
    assert_eq!(
        alias_target(&client, "MigRbGap").await.as_deref(),
        Some("MigRbGap_v2")
    );
    let got = read_all(&client, "MigRbGap", None, &[]).await;
    assert_eq!(got.len(), ENTRIES);
    for i in 0..ENTRIES {
        let p = &got[&id(9, i)].properties;
        assert_eq!(
            (p["text"].clone(), p["n"].clone()),
            (json!(format!("entry {i}")), json!(i))
        );
    }
}

mod race {
    use weaviate_orm::WeaviateCollection;

    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "MigRbRace")]
    pub struct Entry {
        pub n: i64,
    }
}

#[tokio::test]
async fn two_migrators_racing_for_one_rebuild_one_wins_the_other_conflicts() {
    const ENTRIES: usize = 500;
    let client = common::client().await;
    let objects = (0..ENTRIES).map(|i| NewObject::new(json!({"n": i})).unwrap().id(id(10, i)));
    let base = fresh::<race::Entry>(&client, true, objects).await;
    let (a, b) = (
        forced::<race::Entry>(&client, true),
        forced::<race::Entry>(&client, true),
    );
    let plan: Plan = a.plan().await.unwrap();
    let (ra, rb) = tokio::join!(a.apply(&plan), b.apply(&plan));
    let (won, lost) = match (ra, rb) {
        (Ok(r), Err(e)) | (Err(e), Ok(r)) => (r, e),
        (ra, rb) => panic!("expected one success and one conflict, got {ra:?} and {rb:?}"),
    };
    assert!(matches!(lost, Error::Conflict { .. }), "{lost}");
    eprintln!("the loser said: {lost}");
    assert!(
        won.applied.iter().all(|a| a.outcome == Outcome::Done),
        "{won:?}"
    );
    assert_eq!(
        classes(&client, "MigRbRace").await,
        ["MigRbRace_v1", "MigRbRace_v2"]
    );
    assert_eq!(
        alias_target(&client, "MigRbRace").await.as_deref(),
        Some("MigRbRace_v2")
    );
    let got = read_all(&client, "MigRbRace", None, &[]).await;
    assert_eq!(got.len(), ENTRIES);
    for i in 0..ENTRIES {
        assert_eq!(got[&id(10, i)].properties["n"], json!(i));
    }
    assert!(base.plan().await.unwrap().is_in_sync());
}

mod refused {
    pub mod v1 {
        use weaviate_orm::WeaviateCollection;

        #[derive(WeaviateCollection, Debug)]
        #[weaviate(name = "MigRbRefused")]
        pub struct Entry {
            pub code: String,
        }
    }

    pub mod v2 {
        use uuid::Uuid;
        use weaviate_orm::WeaviateCollection;

        /// `code` becomes a uuid: the texts that are not one cannot be copied.
        #[derive(WeaviateCollection, Debug)]
        #[weaviate(name = "MigRbRefused")]
        pub struct Entry {
            pub code: Uuid,
        }
    }
}

#[tokio::test]
async fn an_object_the_new_collection_refuses_fails_the_rebuild_before_the_switch() {
    let client = common::client().await;
    let objects = (0..40).map(|i| {
        let code = if i % 10 == 3 {
            format!("not a uuid {i}")
        } else {
            id(11, i).to_string()
        };
        NewObject::new(json!({"code": code})).unwrap().id(id(12, i))
    });
    fresh::<refused::v1::Entry>(&client, true, objects).await;
    let m = client
        .migrator()
        .collection::<refused::v2::Entry>()
        .behind_alias(true)
        .allow_rebuild("MigRbRefused");
    let err = m.apply(&m.plan().await.unwrap()).await.unwrap_err();
    eprintln!("{err}");
    let Error::Failed { message, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        message.contains("4 objects of MigRbRefused_v1 were not copied into MigRbRefused_v2"),
        "{message}"
    );
    assert!(
        message.contains(&id(12, 3).to_string()),
        "the refused objects are named: {message}"
    );
    assert!(
        message.contains("MigRbRefused_v2 is left as it is"),
        "{message}"
    );
    // Nothing switched, the old collection untouched, the new one left for inspection.
    assert_eq!(
        alias_target(&client, "MigRbRefused").await.as_deref(),
        Some("MigRbRefused_v1")
    );
    assert_eq!(
        read_all(&client, "MigRbRefused_v1", None, &[]).await.len(),
        40
    );
    assert_eq!(
        classes(&client, "MigRbRefused").await,
        ["MigRbRefused_v1", "MigRbRefused_v2"]
    );
}
