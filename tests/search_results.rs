//! What searches return, against the real server: projections (a subset of the struct's fields),
//! references expanded into the target's struct (typed) or JSON (untyped), multi-target references,
//! and decode errors naming the property and the object.

mod common;

use serde_json::json;
use uuid::Uuid;
use weaviate_orm::query::{Hit, MetadataQuery, Projection, QueryReference};
use weaviate_orm::typed::{MultiReference, PropertyValue, Reference, ReferenceTarget};
use weaviate_orm::{Client, Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "SearchResAuthor")]
struct Author {
    #[weaviate(id)]
    id: Uuid,
    name: String,
    born: Option<i64>,
    mentor: Reference<Author>,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "SearchResPublisher")]
struct Publisher {
    #[weaviate(id)]
    id: Uuid,
    name: String,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "SearchResBook",
    vector(name = "v", dimensions = 2, index = flat(distance = l2_squared)),
)]
struct Book {
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(rename = "headline")]
    title: String,
    pages: i64,
    author: Reference<Author>,
    editor: Option<Reference<Author>>,
    #[weaviate(targets(Author, Publisher))]
    credits: MultiReference,
    #[weaviate(vector = "v")]
    v: Vec<f32>,
}

weaviate_orm::projection! {
    /// What a book list shows.
    #[derive(Debug, Clone, PartialEq)]
    struct BookCard of Book {
        title: String,
        author: Reference<Author>,
    }
}

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x4e5e_0000_0000_4000_8000_0000_0000_0000 + n)
}

async fn insert<T: WeaviateCollection>(client: &Client, value: &T) {
    client
        .collection_of::<T>()
        .data()
        .insert(value)
        .await
        .unwrap();
}

fn ann() -> Author {
    Author {
        id: id(1),
        name: "Ann".into(),
        born: Some(1950),
        mentor: Reference::to([id(2)]),
    }
}

fn bob() -> Author {
    Author {
        id: id(2),
        name: "Bob".into(),
        born: None,
        mentor: Reference::none(),
    }
}

fn publisher() -> Publisher {
    Publisher {
        id: id(3),
        name: "Pub".into(),
    }
}

fn books() -> [Book; 2] {
    [
        Book {
            id: id(10),
            title: "Dune".into(),
            pages: 412,
            author: Reference::to([id(1)]),
            editor: Some(Reference::to([id(2)])),
            credits: MultiReference::to([
                ReferenceTarget::new(Author::NAME, id(1)),
                ReferenceTarget::new(Publisher::NAME, id(3)),
            ]),
            v: vec![1.0, 0.0],
        },
        Book {
            id: id(11),
            title: "Emma".into(),
            pages: 300,
            author: Reference::to([id(2)]),
            editor: None,
            credits: MultiReference::to([ReferenceTarget::new(Publisher::NAME, id(3))]),
            v: vec![2.0, 0.0],
        },
    ]
}

fn ids<T>(hits: &[Hit<T>]) -> Vec<Uuid> {
    hits.iter().map(|h| h.id).collect()
}

/// One test, because the reference targets need the collections' real names.
#[tokio::test]
async fn references_expand_into_the_targets_struct_and_projections_read_a_subset() {
    let client = common::client().await;
    common::recreate_derived::<Author>(&client).await;
    common::recreate_derived::<Publisher>(&client).await;
    common::recreate_derived::<Book>(&client).await;
    for a in [bob(), ann()] {
        insert(&client, &a).await;
    }
    insert(&client, &publisher()).await;
    for b in books() {
        insert(&client, &b).await;
    }
    let f = Book::fields();

    // without expansion: ids only, every target collection of the multi-target reference
    let hits = client
        .collection_of::<Book>()
        .query()
        .fetch_objects()
        .await
        .unwrap();
    assert_eq!(ids(&hits), [id(10), id(11)]);
    let stored = |mut b: Book| {
        b.v = Vec::new();
        b
    };
    let [dune, emma] = books();
    assert_eq!(hits[0].object, stored(dune.clone()));
    assert_eq!(hits[1].object, stored(emma.clone()));
    assert!(hits[0].author.objects.is_none());

    // expanded: the targets decode into `Author`, with their own references' ids
    let hits = client
        .collection_of::<Book>()
        .query()
        .fetch_objects()
        .expand(f.author)
        .expand(f.editor)
        .await
        .unwrap();
    let dune_author = hits[0].author.objects.as_ref().unwrap();
    assert_eq!(dune_author, &vec![ann()]);
    assert_eq!(
        hits[0].editor.as_ref().unwrap().objects.as_ref().unwrap(),
        &vec![bob()]
    );
    assert_eq!(hits[1].author.objects.as_ref().unwrap(), &vec![bob()]);
    assert_eq!(hits[1].editor, None);
    assert_eq!(hits[0].credits, dune.credits);
    assert_eq!(hits[0].title, "Dune");

    // expansion on a vector search, with the vector asked for
    let hits = client
        .collection_of::<Book>()
        .query()
        .near_vector(vec![2.0, 0.0])
        .expand(f.author)
        .include_vectors([Book::vectors().v])
        .return_metadata(MetadataQuery::default().distance())
        .await
        .unwrap();
    assert_eq!(ids(&hits), [id(11), id(10)]);
    assert_eq!(hits[0].author.objects.as_ref().unwrap()[0].name, "Bob");
    assert_eq!(hits[0].v, emma.v);
    assert_eq!(hits[1].metadata.distance, Some(1.0));

    // a projection asks only for its properties (by their Weaviate names)
    let search = client
        .collection_of::<Book>()
        .query()
        .fetch_objects()
        .returning::<BookCard>()
        .expand(f.author);
    let request = search.to_request().unwrap();
    let properties = request.properties.unwrap();
    assert_eq!(properties.non_ref_properties, ["headline"]);
    assert_eq!(properties.ref_properties.len(), 1);
    let cards = search.await.unwrap();
    let mut author = Reference::to([id(1)]);
    author.objects = Some(vec![ann()]);
    assert_eq!(
        cards[0].object,
        BookCard {
            title: "Dune".into(),
            author,
        }
    );
    assert_eq!(cards[1].id, id(11));
    assert_eq!(
        <BookCard as Projection<Book>>::property_names(),
        ["headline", "author"]
    );

    // untyped: references as REST-like JSON, with the targets' properties when asked for
    let objects = client
        .collection(Book::NAME)
        .query()
        .fetch_objects()
        .return_properties(["headline"])
        .return_references(QueryReference::new("author").properties(["name"]))
        .return_references(
            QueryReference::new("credits")
                .target_collection(Author::NAME)
                .ids_only(),
        )
        .return_references(QueryReference::new("credits").target_collection(Publisher::NAME))
        .await
        .unwrap();
    let beacon = |c: &str, n: u128| format!("weaviate://localhost/{c}/{}", id(n));
    assert_eq!(
        objects[0].properties["author"],
        json!([{"beacon": beacon(Author::NAME, 1), "properties": {"name": "Ann"}}])
    );
    assert_eq!(
        objects[0].properties["credits"],
        json!([
            {"beacon": beacon(Author::NAME, 1)},
            {"beacon": beacon(Publisher::NAME, 3), "properties": {"name": "Pub"}}
        ])
    );
    assert_eq!(
        objects[1].properties["credits"],
        json!([{"beacon": beacon(Publisher::NAME, 3), "properties": {"name": "Pub"}}])
    );
    // which reads as a typed reference (ids)
    let author = Reference::<Author>::from_json(&objects[0].properties["author"]).unwrap();
    assert_eq!(author.ids, [id(1)]);

    // a multi-target reference cannot be expanded: a compile error (see the UI tests); an
    // unknown reference in an untyped search is the server's error
    let err = client
        .collection(Book::NAME)
        .query()
        .fetch_objects()
        .return_references(QueryReference::new("nope"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");

    for name in [Book::NAME, Author::NAME, Publisher::NAME] {
        client.collections().delete(name).await.unwrap();
    }
}

#[derive(WeaviateCollection, Debug, PartialEq)]
#[weaviate(name = "SearchResLoose")]
struct Loose {
    #[weaviate(id)]
    id: Uuid,
    title: Option<String>,
    count: Option<i64>,
    tags: Vec<String>,
}

#[derive(WeaviateCollection, Debug)]
#[weaviate(name = "SearchResStrict")]
struct Strict {
    title: String,
    count: i64,
}

weaviate_orm::projection! {
    #[derive(Debug)]
    struct CountOnly of Strict {
        count: i64,
    }
}

#[tokio::test]
async fn missing_required_fields_are_decode_errors_naming_property_and_object() {
    let client = common::client().await;
    let name = common::unique("SearchResMissing");
    let mut config = Loose::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    let loose = Loose {
        id: id(20),
        title: Some("has a title".into()),
        count: None,
        tags: vec![],
    };
    client
        .collection(&name)
        .typed::<Loose>()
        .data()
        .insert(&loose)
        .await
        .unwrap();

    // Option fields read None, arrays read empty
    let hits = client
        .collection(&name)
        .typed::<Loose>()
        .query()
        .fetch_objects()
        .await
        .unwrap();
    assert_eq!(hits[0].object, loose);

    // `Strict` requires `count`, which the object lacks
    let strict = client.collection(&name).typed::<Strict>().query();
    let err = strict.fetch_objects().await.unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(
        message.contains("count") && message.contains(&id(20).to_string()),
        "{message}"
    );
    // the same through a projection and through a ranked search
    let err = strict
        .fetch_objects()
        .returning::<CountOnly>()
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Decode { message } if message.contains("count") && message.contains(&id(20).to_string())),
        "{err:?}"
    );
    let err = strict.bm25("title").await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    // and by id
    let err = strict.fetch_object_by_id(id(20)).await.unwrap_err();
    assert!(err.to_string().contains("count"), "{err}");
    client.collections().delete(&name).await.unwrap();
}
