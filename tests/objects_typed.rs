//! The typed handle's single-object operations against the real server: insert a struct, get it
//! back (with metadata and vectors), exists, replace, partial updates from a `Patch` or a
//! projection, delete, validate, references through field handles, scoped by tenant and
//! consistency level; and the handle's `config()`.

mod common;

use uuid::Uuid;
use weaviate_orm::data::Vector;
use weaviate_orm::prelude::*;
use weaviate_orm::schema::{DataType, Property};
use weaviate_orm::tenants::Tenant;
use weaviate_orm::{Error, Untyped};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "TypedObjArticle", vector(name = "own", dimensions = 3))]
struct Article {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    summary: Option<String>,
    #[weaviate(index_range_filters)]
    views: i64,
    tags: Vec<String>,
    #[weaviate(vector = "own")]
    own: Vec<f32>,
}

weaviate_orm::projection! {
    /// What an editor changes.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Headline of Article {
        pub title: String,
        pub summary: Option<String>,
    }
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "TypedObjAuthor")]
struct Author {
    #[weaviate(key)]
    name: String,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "TypedObjTag")]
struct Tag {
    #[weaviate(key)]
    label: String,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "TypedObjBook")]
struct Book {
    #[weaviate(key)]
    title: String,
    author: Reference<Author>,
    #[weaviate(targets(Author, Tag))]
    mentions: MultiReference,
}

/// The config test's own collection (tests of one file run in parallel).
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "TypedObjLabel")]
struct Label {
    #[weaviate(key)]
    label: String,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "TypedObjNote", multi_tenancy)]
struct Note {
    #[weaviate(key)]
    slug: String,
    text: String,
}

fn article(title: &str) -> Article {
    Article {
        id: Uuid::new_v4(),
        title: title.into(),
        summary: Some(format!("about {title}")),
        views: 1,
        tags: vec!["rust".into()],
        own: vec![1.0, 0.0, 0.0],
    }
}

#[tokio::test]
async fn a_struct_is_inserted_read_replaced_patched_and_deleted() {
    let client = common::client().await;
    common::recreate_derived::<Article>(&client).await;
    let data = client.collection_of::<Article>().data();

    let first = article("first");
    let id = data.insert(&first).await.unwrap();
    assert_eq!(id, first.id, "the struct's id field is the object's id");
    assert!(data.exists(id).await.unwrap());

    // Read back: the struct (its vector fields are read only when asked for, as in queries),
    // with its vectors, then with its metadata too.
    let without_vectors = Article {
        own: vec![],
        ..first.clone()
    };
    assert_eq!(data.get(id).await.unwrap(), Some(without_vectors));
    assert_eq!(
        data.get(id).with_vectors().await.unwrap(),
        Some(first.clone())
    );
    let hit = data
        .get(id)
        .with_metadata()
        .with_vectors()
        .await
        .unwrap()
        .expect("stored");
    assert_eq!((hit.id, &hit.object), (id, &first));
    assert!(hit.metadata.creation_time.is_some() && hit.metadata.update_time.is_some());
    assert_eq!(
        hit.vectors.get("own"),
        Some(&Vector::Single(vec![1.0, 0.0, 0.0]))
    );

    // Inserting the same id again is refused as such.
    let err = data.insert(&first).await.unwrap_err();
    assert!(matches!(err, Error::AlreadyExists { .. }), "{err:?}");

    // Replace: the whole struct.
    let replaced = Article {
        title: "replaced".into(),
        summary: None,
        views: 7,
        tags: vec![],
        own: vec![0.0, 1.0, 0.0],
        ..first.clone()
    };
    data.replace(id, &replaced).await.unwrap();
    assert_eq!(
        data.get(id).with_vectors().await.unwrap(),
        Some(replaced.clone())
    );

    // A struct whose own id is another one is refused before sending.
    let err = data.replace(id, article("other id")).await.unwrap_err();
    assert!(
        matches!(&err, Error::InvalidInput { message } if message.contains(&id.to_string())),
        "{err:?}"
    );

    // A typed patch changes the fields it names and keeps the others; `None` removes a property.
    let f = Article::fields();
    data.update(
        id,
        Patch::new()
            .set(f.views, 42)
            .set(f.summary, "now with a summary".to_string()),
    )
    .await
    .unwrap();
    let patched = data.get(id).await.unwrap().expect("stored");
    assert_eq!(
        (
            patched.views,
            patched.summary.as_deref(),
            patched.title.as_str()
        ),
        (42, Some("now with a summary"), "replaced")
    );
    data.update(id, Patch::new().set(f.summary, None))
        .await
        .unwrap();
    let cleared = client
        .collection(Article::NAME)
        .data()
        .get(id)
        .await
        .unwrap()
        .expect("stored");
    assert!(
        !cleared.properties.contains_key("summary"),
        "a property patched to None is removed: {:?}",
        cleared.properties
    );
    assert_eq!(cleared.properties["views"], 42);

    // A patch of a vector.
    data.update(
        id,
        Patch::new().vector(Article::vectors().own, vec![0.0, 0.0, 1.0]),
    )
    .await
    .unwrap();
    let hit = data
        .get(id)
        .with_metadata()
        .with_vectors()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(hit.own, vec![0.0, 0.0, 1.0]);

    // A projection updates exactly its fields.
    data.update(
        id,
        Headline {
            title: "from a projection".into(),
            summary: Some("edited".into()),
        },
    )
    .await
    .unwrap();
    let edited = data.get(id).await.unwrap().unwrap();
    assert_eq!(
        (
            edited.title.as_str(),
            edited.summary.as_deref(),
            edited.views
        ),
        ("from a projection", Some("edited"), 42)
    );

    // A value Weaviate would round is refused before sending, and nothing changes.
    let err = data
        .update(id, Patch::new().set(f.views, i64::MAX))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert_eq!(data.get(id).await.unwrap().unwrap().views, 42);

    // Validate: the server checks a struct without storing it.
    let draft = article("draft");
    data.validate(&draft).await.unwrap();
    assert!(!data.exists(draft.id).await.unwrap());

    // Delete: true when it was there; then it reads None, and deletes false.
    assert!(data.delete(id).await.unwrap());
    assert_eq!(data.get(id).await.unwrap(), None);
    assert!(!data.delete(id).await.unwrap());
    let err = data
        .update(id, Patch::new().set(f.views, 1))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
    client.collections().delete(Article::NAME).await.unwrap();
}

#[tokio::test]
async fn a_missing_collection_is_an_error_not_a_missing_object() {
    let client = common::client().await;
    let name = common::unique("TypedObjNone");
    let err = client
        .collection(&name)
        .typed::<Article>()
        .data()
        .get(Uuid::new_v4())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err:?}");
}

#[tokio::test]
async fn references_are_added_replaced_and_deleted_through_field_handles() {
    let client = common::client().await;
    for config in [
        Book::collection_config().name,
        Author::collection_config().name,
        Tag::collection_config().name,
    ] {
        let _ = client.collections().delete(&config).await;
    }
    common::recreate_derived::<Author>(&client).await;
    common::recreate_derived::<Tag>(&client).await;
    common::recreate_derived::<Book>(&client).await;
    let authors = client.collection_of::<Author>().data();
    let ada = authors.insert(Author { name: "Ada".into() }).await.unwrap();
    let grace = authors
        .insert(Author {
            name: "Grace".into(),
        })
        .await
        .unwrap();
    let rust = client
        .collection_of::<Tag>()
        .data()
        .insert(Tag {
            label: "rust".into(),
        })
        .await
        .unwrap();

    let books = client.collection_of::<Book>().data();
    let book = Book {
        title: "Notes".into(),
        author: Reference::none(),
        mentions: MultiReference::default(),
    };
    let id = books.insert(&book).await.unwrap();
    let f = Book::fields();

    books.reference_add(id, f.author, ada).await.unwrap();
    books.reference_add(id, f.author, grace).await.unwrap();
    let stored = books.get(id).await.unwrap().unwrap();
    assert_eq!(stored.author.ids, vec![ada, grace]);

    books.reference_delete(id, f.author, ada).await.unwrap();
    assert_eq!(
        books.get(id).await.unwrap().unwrap().author.ids,
        vec![grace]
    );

    books.reference_replace(id, f.author, [ada]).await.unwrap();
    assert_eq!(books.get(id).await.unwrap().unwrap().author.ids, vec![ada]);
    books
        .reference_replace(id, f.author, Vec::<Uuid>::new())
        .await
        .unwrap();
    assert!(books.get(id).await.unwrap().unwrap().author.ids.is_empty());

    // A multi-target reference takes targets that name their collection.
    books
        .reference_add(id, f.mentions, ReferenceTarget::new(Author::NAME, ada))
        .await
        .unwrap();
    books
        .reference_add(id, f.mentions, ReferenceTarget::new(Tag::NAME, rust))
        .await
        .unwrap();
    let mentions = books.get(id).await.unwrap().unwrap().mentions.targets;
    assert_eq!(
        mentions,
        vec![
            ReferenceTarget::new(Author::NAME, ada),
            ReferenceTarget::new(Tag::NAME, rust)
        ]
    );
    // A target outside the property's collections: the server's refusal, kept.
    let err = books
        .reference_add(
            id,
            f.mentions,
            ReferenceTarget::new(Book::NAME, Uuid::new_v4()),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Rejected { message, .. } | Error::NotFound { message } if !message.is_empty()),
        "{err:?}"
    );
    for name in [Book::NAME, Author::NAME, Tag::NAME] {
        client.collections().delete(name).await.unwrap();
    }
}

#[tokio::test]
async fn tenant_and_consistency_scoped_handles_read_and_write_their_own_objects() {
    let client = common::client().await;
    common::recreate_derived::<Note>(&client).await;
    let notes = client.collection_of::<Note>();
    notes
        .tenants()
        .create([Tenant::new("alice"), Tenant::new("bob")])
        .await
        .unwrap();
    let alice = notes
        .with_tenant("alice")
        .with_consistency_level(ConsistencyLevel::All);
    let bob = notes
        .with_tenant("bob")
        .with_consistency_level(ConsistencyLevel::One);
    assert_eq!(
        (alice.tenant(), alice.consistency_level()),
        (Some("alice"), Some(ConsistencyLevel::All))
    );

    let note = Note {
        slug: "hello".into(),
        text: "for alice".into(),
    };
    let id = alice.data().insert(&note).await.unwrap();
    assert_eq!(Some(id), note.id(), "the key-derived id");
    assert_eq!(alice.data().get(id).await.unwrap(), Some(note.clone()));
    assert!(alice.data().exists(id).await.unwrap());
    // Another tenant has its own objects.
    assert_eq!(bob.data().get(id).await.unwrap(), None);
    assert!(!bob.data().exists(id).await.unwrap());
    assert!(!bob.data().delete(id).await.unwrap());

    // Without a tenant, the server refuses, and its message is kept.
    let err = notes.data().get(id).await.unwrap_err();
    assert!(
        err.to_string().contains("tenant"),
        "the server's message names the tenant: {err}"
    );

    let f = Note::fields();
    alice
        .data()
        .update(id, Patch::new().set(f.text, "patched"))
        .await
        .unwrap();
    let replaced = Note {
        text: "replaced".into(),
        ..note.clone()
    };
    bob.data().insert(&note).await.unwrap();
    alice.data().replace(id, &replaced).await.unwrap();
    assert_eq!(alice.data().get(id).await.unwrap(), Some(replaced));
    assert_eq!(
        bob.data().get(id).await.unwrap(),
        Some(note.clone()),
        "bob's copy is untouched"
    );

    // Queries and batches of a scoped handle stay in its tenant.
    let found = bob.query().fetch_objects().await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].text, "for alice");
    let report = bob
        .batch()
        .insert_many([Note {
            slug: "second".into(),
            text: "bob's".into(),
        }])
        .await
        .unwrap();
    assert!(report.is_success(), "{report}");
    assert_eq!(bob.query().fetch_objects().await.unwrap().len(), 2);
    assert_eq!(alice.query().fetch_objects().await.unwrap().len(), 1);

    assert!(alice.data().delete(id).await.unwrap());
    assert_eq!(alice.data().get(id).await.unwrap(), None);
    client.collections().delete(Note::NAME).await.unwrap();
}

#[tokio::test]
async fn the_handle_reads_and_changes_its_config() {
    let client = common::client().await;
    common::recreate_derived::<Label>(&client).await;
    let labels = client.collection_of::<Label>();
    let config = labels.config();
    assert!(config.exists().await.unwrap());
    assert_eq!(config.get().await.unwrap().name, Label::NAME);
    config
        .update(|c| c.description = Some("labels".into()))
        .await
        .unwrap();
    assert_eq!(
        config.get().await.unwrap().description.as_deref(),
        Some("labels")
    );
    config
        .add_property(&Property::new("color", DataType::Text))
        .await
        .unwrap();
    let live = config.get().await.unwrap();
    assert!(live.properties.iter().any(|p| p.name == "color"));
    // The untyped handle of the same collection sees the same.
    let untyped: weaviate_orm::Collection<Untyped> = labels.untyped();
    assert_eq!(untyped.config().get().await.unwrap(), live);
    client.collections().delete(Label::NAME).await.unwrap();
    assert!(!config.exists().await.unwrap());
}
