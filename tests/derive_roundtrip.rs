//! `#[derive(WeaviateCollection)]` against the real server: the derived config is what the server
//! stores, and values of every data type read back equal over REST and gRPC.

mod common;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use uuid::Uuid;
use weaviate_orm::data::Vector;
use weaviate_orm::typed::{
    Blob, GeoCoordinates, MultiReference, PhoneNumber, Reference, ReferenceTarget,
};
use weaviate_orm::{Client, WeaviateCollection, WeaviateObject};

/// Authors are the reference targets. Each test run uses its own collection names through `name`.
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "RtAuthor")]
struct Author {
    #[weaviate(id)]
    id: Uuid,
    name: String,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "RtPublisher")]
struct Publisher {
    #[weaviate(id)]
    id: Uuid,
    name: String,
}

/// A nested object, with its own nested object.
#[derive(WeaviateObject, Debug, Clone, PartialEq)]
struct Address {
    street: String,
    number: Option<i64>,
    picture: Option<Blob>,
    tags: Vec<String>,
    inner: Option<Inner>,
}

#[derive(WeaviateObject, Debug, Clone, PartialEq)]
struct Inner {
    note: String,
    when: DateTime<Utc>,
}

/// Every data type the derive supports.
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "RtEverything",
    description = "every data type",
    inverted_index(index_null_state, index_property_length)
)]
struct Everything {
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(tokenization = lowercase)]
    text: String,
    #[weaviate(tokenization = field)]
    texts: Vec<String>,
    #[weaviate(index_range_filters)]
    int64: i64,
    int32: i32,
    small: u8,
    ints: Vec<i64>,
    #[weaviate(index_range_filters)]
    number: f64,
    single: f32,
    numbers: Vec<f64>,
    flag: bool,
    flags: Vec<bool>,
    #[weaviate(index_range_filters)]
    utc: DateTime<Utc>,
    offset: DateTime<FixedOffset>,
    dates: Vec<DateTime<Utc>>,
    uuid: Uuid,
    uuids: Vec<Uuid>,
    geo: GeoCoordinates,
    phone: PhoneNumber,
    blob: Blob,
    address: Address,
    addresses: Vec<Address>,
    empty_texts: Vec<String>,
    empty_ints: Vec<i64>,
    missing_text: Option<String>,
    missing_int: Option<i64>,
    missing_address: Option<Address>,
    present: Option<f64>,
    author: Reference<Author>,
    #[weaviate(targets(Author, Publisher))]
    credits: MultiReference,
    #[weaviate(rename = "renamedField")]
    renamed: String,
    #[weaviate(skip)]
    local_only: u64,
}

fn offset_date() -> DateTime<FixedOffset> {
    // +05:30 with nanoseconds
    FixedOffset::east_opt(5 * 3600 + 1800)
        .unwrap()
        .with_ymd_and_hms(2024, 2, 29, 23, 59, 58)
        .unwrap()
        + chrono::Duration::nanoseconds(123_456_789)
}

fn sample(author: &Author, publisher: &Publisher) -> Everything {
    let inner = Inner {
        note: "deep".into(),
        when: Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap()
            + chrono::Duration::milliseconds(5),
    };
    Everything {
        id: Uuid::new_v4(),
        text: "Hello World".into(),
        texts: vec!["a".into(), "b c".into()],
        int64: (1 << 53) - 1,
        int32: -7,
        small: 255,
        ints: vec![1, -2, 3],
        number: 3.25,
        single: 0.1,
        numbers: vec![0.5, -1.5, 1e10],
        flag: true,
        flags: vec![true, false],
        utc: Utc.with_ymd_and_hms(2023, 12, 31, 10, 0, 0).unwrap()
            + chrono::Duration::microseconds(1),
        offset: offset_date(),
        dates: vec![Utc.with_ymd_and_hms(1999, 1, 1, 0, 0, 0).unwrap()],
        uuid: Uuid::new_v4(),
        uuids: vec![Uuid::new_v4(), Uuid::nil()],
        geo: GeoCoordinates {
            latitude: 52.52,
            longitude: 13.405,
        },
        phone: PhoneNumber {
            input: "030 1234567".into(),
            default_country: Some("DE".into()),
            ..PhoneNumber::default()
        },
        blob: Blob(vec![0, 1, 2, 254, 255]),
        address: Address {
            street: "Main".into(),
            number: Some(5),
            picture: Some(Blob(vec![9, 8, 7])),
            tags: vec!["x".into()],
            inner: Some(inner.clone()),
        },
        addresses: vec![
            Address {
                street: "A".into(),
                number: None,
                picture: None,
                tags: vec![],
                inner: None,
            },
            Address {
                street: "B".into(),
                number: Some(2),
                picture: None,
                tags: vec!["y".into(), "z".into()],
                inner: Some(inner),
            },
        ],
        empty_texts: vec![],
        empty_ints: vec![],
        missing_text: None,
        missing_int: None,
        missing_address: None,
        present: Some(-0.25),
        author: Reference::to([author.id]),
        credits: MultiReference::to([
            ReferenceTarget::new(Author::NAME, author.id),
            ReferenceTarget::new(Publisher::NAME, publisher.id),
        ]),
        renamed: "renamed".into(),
        local_only: 0,
    }
}

/// The phone number as the server returns it: its parsed fields filled in.
fn as_server_returns(mut value: Everything) -> Everything {
    value.phone = PhoneNumber {
        input: "030 1234567".into(),
        default_country: Some("DE".into()),
        country_code: Some(49),
        national: Some(301234567),
        international_formatted: Some("+49 30 1234567".into()),
        national_formatted: Some("030 1234567".into()),
        valid: Some(true),
    };
    value
}

async fn create<T: WeaviateCollection>(client: &Client) {
    let config = T::collection_config();
    if client.collections().exists(&config.name).await.unwrap() {
        client.collections().delete(&config.name).await.unwrap();
    }
    client.collections().create(&config).await.unwrap();
    let live = client.collections().get(&config.name).await.unwrap();
    common::assert_matches_server(std::any::type_name::<T>(), &config, &live);
    // An unchanged struct plans no change.
    let plan = client.migrator().collection::<T>().plan().await.unwrap();
    assert!(
        plan.is_empty(),
        "{} right after creation:\n{plan}",
        config.name
    );
}

#[tokio::test]
async fn every_data_type_round_trips_through_rest_and_grpc() {
    let client = common::client().await;
    create::<Author>(&client).await;
    create::<Publisher>(&client).await;
    create::<Everything>(&client).await;

    let author = Author {
        id: Uuid::new_v4(),
        name: "Ann".into(),
    };
    let publisher = Publisher {
        id: Uuid::new_v4(),
        name: "Pub".into(),
    };
    client
        .collection_of::<Author>()
        .data()
        .insert(&author)
        .await
        .unwrap();
    client
        .collection_of::<Publisher>()
        .data()
        .insert(&publisher)
        .await
        .unwrap();

    let value = sample(&author, &publisher);
    let everything = client.collection(Everything::NAME);
    let id = everything
        .typed::<Everything>()
        .data()
        .insert(&value)
        .await
        .unwrap();
    assert_eq!(id, value.id);
    let expected = as_server_returns(value.clone());

    // REST get-by-id
    let object = everything.data().get(id).await.unwrap().expect("stored");
    let from_rest = Everything::from_object(&object).unwrap();
    assert_eq!(from_rest, expected, "REST:\n{:#?}", object.properties);
    let typed = everything
        .typed::<Everything>()
        .data()
        .get(id)
        .await
        .unwrap();
    assert_eq!(typed, Some(expected.clone()), "typed REST get");

    // gRPC search
    let from_grpc: Vec<Everything> = everything.query().fetch_objects().typed().await.unwrap();
    assert_eq!(from_grpc.len(), 1);
    assert_eq!(from_grpc[0], expected);

    // the offset and sub-second precision survive, not only the instant
    assert_eq!(from_grpc[0].offset.offset(), value.offset.offset());
    assert_eq!(from_rest.offset.timestamp_subsec_nanos(), 123_456_789);

    for name in [Everything::NAME, Author::NAME, Publisher::NAME] {
        client.collections().delete(name).await.unwrap();
    }
}

/// Two named vectors: one computed by text2vec-bigram from chosen properties, one brought by the user.
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "RtVectors",
    vector(name = "title_vec", source = [title], vectorizer = text2vec_bigram, index = hnsw(distance = cosine)),
    vector(name = "own", dimensions = 4, index = flat),
)]
struct WithVectors {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    body: String,
    #[weaviate(vector = "own")]
    own: Vec<f32>,
}

#[tokio::test]
async fn two_named_vectors_one_vectorized_one_brought() {
    let client = common::client().await;
    create::<WithVectors>(&client).await;

    let config = WithVectors::collection_config();
    let live = client.collections().get(WithVectors::NAME).await.unwrap();
    let title_vec = live.vector_config["title_vec"]
        .vectorizer
        .as_ref()
        .expect("a vectorizer");
    assert_eq!(title_vec.module, "text2vec-bigram");
    assert_eq!(
        title_vec.settings.get("properties"),
        Some(&serde_json::json!(["title"]))
    );
    let own = live.vector_config["own"]
        .vectorizer
        .as_ref()
        .expect("the `none` vectorizer");
    assert!(own.is_self_provided());
    assert_eq!(config.vector_config.len(), 2);

    let value = WithVectors {
        id: Uuid::new_v4(),
        title: "vector search with rust".into(),
        body: "not vectorized".into(),
        own: vec![0.25, 0.5, 0.75, 1.0],
    };
    let data = client.collection_of::<WithVectors>().data();
    data.insert(&value).await.unwrap();

    // REST, with vectors
    let hit = data
        .get(value.id)
        .with_metadata()
        .with_vectors()
        .await
        .unwrap()
        .expect("stored");
    let Some(Vector::Single(title)) = hit.vectors.get("title_vec") else {
        panic!("no title_vec: {:?}", hit.vectors)
    };
    assert_eq!(title.len(), 676, "text2vec-bigram makes 676-dim vectors");
    assert!(title.iter().any(|x| *x != 0.0));
    assert_eq!((hit.id, &hit.object), (value.id, &value));
    assert!(hit.metadata.creation_time.is_some());

    // gRPC, with vectors
    let read: Vec<WithVectors> = client
        .collection(WithVectors::NAME)
        .query()
        .fetch_objects()
        .include_vectors(["title_vec", "own"])
        .typed()
        .await
        .unwrap();
    assert_eq!(read, vec![value.clone()]);
    let raw = client
        .collection(WithVectors::NAME)
        .query()
        .fetch_objects()
        .include_vectors(["title_vec", "own"])
        .await
        .unwrap();
    assert_eq!(
        raw[0].vectors.get("title_vec"),
        Some(&Vector::Single(title.clone()))
    );
    assert_eq!(
        raw[0].vectors.get("own"),
        Some(&Vector::Single(value.own.clone()))
    );

    // a vector of the wrong dimension is refused before sending
    let wrong = WithVectors {
        id: Uuid::new_v4(),
        own: vec![1.0; 3],
        ..value
    };
    let refused = data.insert(&wrong).await;
    assert!(
        matches!(refused, Err(weaviate_orm::Error::InvalidInput { .. })),
        "{refused:?}"
    );
    assert!(!data.exists(wrong.id).await.unwrap(), "nothing was stored");
    client
        .collections()
        .delete(WithVectors::NAME)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_required_field_missing_on_the_server_is_a_decode_error_naming_field_and_object() {
    let client = common::client().await;
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "RtMissing")]
    struct Loose {
        title: Option<String>,
    }
    #[derive(WeaviateCollection, Debug)]
    #[weaviate(name = "RtMissing")]
    struct Strict {
        title: String,
    }
    create::<Loose>(&client).await;
    let id = client
        .collection_of::<Loose>()
        .data()
        .insert(Loose { title: None })
        .await
        .unwrap();
    let err = client
        .collection(Strict::NAME)
        .query()
        .fetch_objects()
        .typed::<Strict>()
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, weaviate_orm::Error::Decode { .. }), "{err:?}");
    assert!(
        message.contains("title") && message.contains(&id.to_string()),
        "{message}"
    );
    let object = client
        .collection(Strict::NAME)
        .data()
        .get(id)
        .await
        .unwrap()
        .expect("stored");
    let err = Strict::from_object(&object).unwrap_err();
    assert!(
        err.to_string().contains("title") && err.to_string().contains(&id.to_string()),
        "{err}"
    );
    client.collections().delete(Loose::NAME).await.unwrap();
}

/// Collection-level attributes and every index/quantizer shape, as the server stores them.
#[derive(WeaviateCollection, Debug)]
#[weaviate(
    name = "RtConfigured",
    description = "collection attributes",
    generative = generative_dummy,
    reranker = reranker_dummy,
    inverted_index(
        bm25(b = 0.7, k1 = 1.1),
        stopwords(preset = en, additions = ["foo"], removals = ["the"]),
        index_timestamps,
        index_null_state,
        index_property_length,
        cleanup_interval_seconds = 120,
    ),
    replication(factor = 1, deletion_strategy = time_based_resolution),
    sharding(desired_count = 1, virtual_per_physical = 64),
    vector(name = "pq", dimensions = 8, index = hnsw(distance = dot, ef = 64, ef_construction = 64, max_connections = 16, quantizer = pq(segments = 4, training_limit = 100000))),
    vector(name = "bq", index = flat(distance = cosine, quantizer = bq(cache))),
    vector(name = "sq", index = hnsw(quantizer = sq(rescore_limit = 20))),
    vector(name = "rq", index = hnsw(filter_strategy = sweeping, quantizer = rq(bits = 8))),
    // (a `dynamic` index needs ASYNC_INDEXING on the server, which the test server leaves off so that
    // searches see objects right after they are written)
    vector(name = "multi", index = hnsw(multi_vector(aggregation = max_sim))),
    vector(name = "text", source = [title], vectorizer = text2vec_bigram, index = hnsw(distance = cosine)),
)]
struct Configured {
    #[weaviate(tokenization = word, description = "the title", skip_vectorization)]
    title: String,
    #[weaviate(tokenization = field, index_searchable = false)]
    code: String,
    #[weaviate(index_filterable = false, index_range_filters)]
    views: i64,
}

#[derive(WeaviateCollection, Debug)]
#[weaviate(
    name = "RtTenants",
    multi_tenancy(auto_tenant_creation, auto_tenant_activation)
)]
struct Tenanted {
    title: String,
}

#[tokio::test]
async fn collection_attributes_and_every_index_shape_match_the_server() {
    let client = common::client().await;
    // `create` asserts `matches_server` for each
    create::<Configured>(&client).await;
    create::<Tenanted>(&client).await;
    let live = client.collections().get(Configured::NAME).await.unwrap();
    assert_eq!(live.vector_config.len(), 6);
    assert_eq!(
        live.generative_module().map(|(m, _)| m),
        Some("generative-dummy")
    );
    assert_eq!(
        live.reranker_module().map(|(m, _)| m),
        Some("reranker-dummy")
    );
    assert!(
        client
            .collections()
            .get(Tenanted::NAME)
            .await
            .unwrap()
            .is_multi_tenant()
    );
    client.collections().delete(Configured::NAME).await.unwrap();
    client.collections().delete(Tenanted::NAME).await.unwrap();
}
