//! Filters against the real server: every operator and combinator, with data chosen so that each
//! filter's result is known exactly.
//!
//! The filters run through the engine's untyped search (typed filters re-labelled by their wire form),
//! which asks only for ids.

mod common;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use serde_json::json;
use uuid::Uuid;
use weaviate_orm::data::NewObject;
use weaviate_orm::filter::{Filter, Untyped};
use weaviate_orm::schema::CollectionConfig;
use weaviate_orm::typed::{GeoCoordinates, MultiReference, Reference, ReferenceTarget};
use weaviate_orm::{Client, WeaviateCollection};

/// Runs filters through the engine's untyped search, asking only for ids.
struct Search(Client);

impl Search {
    async fn connect() -> Search {
        Search(common::client().await)
    }

    /// The ids of the objects of `collection` that `filter` matches, sorted.
    async fn try_ids<C>(
        &mut self,
        collection: &str,
        filter: Filter<C>,
    ) -> weaviate_orm::Result<Vec<Uuid>> {
        let objects = (self.0.collection(collection).query().fetch_objects())
            .filter(Filter::<Untyped>::from_wire(filter.into_wire()))
            .return_properties(Vec::<String>::new())
            .limit(100)
            .await?;
        let mut ids: Vec<Uuid> = objects.iter().map(|o| o.id).collect();
        ids.sort();
        Ok(ids)
    }

    /// Checks that `filter` matches exactly the objects `expected`.
    async fn expect<C>(&mut self, collection: &str, filter: Filter<C>, expected: &[Uuid]) {
        let shown = filter.to_string();
        let got = (self.try_ids(collection, filter).await)
            .unwrap_or_else(|e| panic!("{shown}: the server refused the filter: {e:?}"));
        let mut expected = expected.to_vec();
        expected.sort();
        assert_eq!(got, expected, "{shown}");
    }
}

/// Deletes the collection if it exists, then creates it.
async fn insert<T: WeaviateCollection>(client: &Client, values: &[T]) {
    for value in values {
        client
            .collection_of::<T>()
            .data()
            .insert(value)
            .await
            .unwrap();
    }
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

fn zoned(
    hours: i32,
    minutes: i32,
    y: i32,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(hours * 3600 + minutes * 60)
        .unwrap()
        .with_ymd_and_hms(y, mo, d, h, mi, 0)
        .unwrap()
}

// ---------------------------------------------------------------------------------------------
// Scalars, arrays, geo, null state, lengths, ids and timestamps on one collection.

#[derive(WeaviateCollection, Debug, Clone)]
#[weaviate(
    name = "FiltItem",
    inverted_index(index_null_state, index_property_length, index_timestamps)
)]
struct Item {
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(tokenization = word)]
    title: String,
    #[weaviate(tokenization = field)]
    slug: String,
    #[weaviate(index_range_filters)]
    views: i64,
    small: i32,
    score: f64,
    ratio: f32,
    published: bool,
    at: DateTime<FixedOffset>,
    day: DateTime<Utc>,
    #[weaviate(tokenization = field)]
    tags: Vec<String>,
    counts: Vec<i64>,
    weights: Vec<f64>,
    flags: Vec<bool>,
    days: Vec<DateTime<Utc>>,
    key: Uuid,
    keys: Vec<Uuid>,
    place: GeoCoordinates,
    subtitle: Option<String>,
    rank: Option<i64>,
}

const I1: Uuid = Uuid::from_u128(0xf1_0000_0000_4000_8000_0000_0000_0001);
const I2: Uuid = Uuid::from_u128(0xf1_0000_0000_4000_8000_0000_0000_0002);
const I3: Uuid = Uuid::from_u128(0xf1_0000_0000_4000_8000_0000_0000_0003);
const I4: Uuid = Uuid::from_u128(0xf1_0000_0000_4000_8000_0000_0000_0004);
const K1: Uuid = Uuid::from_u128(0xaa_0000_0000_4000_8000_0000_0000_0001);
const K2: Uuid = Uuid::from_u128(0xaa_0000_0000_4000_8000_0000_0000_0002);
const K3: Uuid = Uuid::from_u128(0xaa_0000_0000_4000_8000_0000_0000_0003);
const K4: Uuid = Uuid::from_u128(0xaa_0000_0000_4000_8000_0000_0000_0004);

const BERLIN: GeoCoordinates = GeoCoordinates {
    latitude: 52.52,
    longitude: 13.405,
};
/// About 27 km from Berlin.
const POTSDAM: GeoCoordinates = GeoCoordinates {
    latitude: 52.3906,
    longitude: 13.0645,
};
/// About 880 km from Berlin.
const PARIS: GeoCoordinates = GeoCoordinates {
    latitude: 48.8566,
    longitude: 2.3522,
};
const NEW_YORK: GeoCoordinates = GeoCoordinates {
    latitude: 40.7128,
    longitude: -74.006,
};

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Four items. `at` as instants: I3 04:30Z < I1 08:00Z < I2 09:00Z (all 2024-01-01) < I4 (Feb 1),
/// although I1's local time (10:00+02:00) is later than I2's (09:00Z).
fn items() -> Vec<Item> {
    vec![
        Item {
            id: I1,
            title: "Rust in Action".into(),
            slug: "rust-in-action".into(),
            views: 100,
            small: -5,
            score: 1.5,
            ratio: 0.1,
            published: true,
            at: zoned(2, 0, 2024, 1, 1, 10, 0),
            day: utc(2024, 1, 1, 0, 0),
            tags: strings(&["rust", "db"]),
            counts: vec![1, 2, 3],
            weights: vec![0.5, 1.5],
            flags: vec![true],
            days: vec![utc(2020, 1, 1, 0, 0)],
            key: K1,
            keys: vec![K1, K2],
            place: BERLIN,
            subtitle: Some("first".into()),
            rank: Some(1),
        },
        Item {
            id: I2,
            title: "Go for Gophers".into(),
            slug: "go-for-gophers".into(),
            views: 250,
            small: 0,
            score: 2.5,
            ratio: 0.25,
            published: false,
            at: utc(2024, 1, 1, 9, 0).fixed_offset(),
            day: utc(2024, 6, 15, 0, 0),
            tags: strings(&["go"]),
            counts: vec![4],
            weights: vec![],
            flags: vec![false],
            days: vec![utc(2021, 6, 1, 0, 0), utc(2020, 1, 1, 0, 0)],
            key: K2,
            keys: vec![],
            place: POTSDAM,
            subtitle: None,
            rank: Some(2),
        },
        Item {
            id: I3,
            title: "Rust and Go".into(),
            slug: "rust-and-go".into(),
            views: 250,
            small: 7,
            score: -1.0,
            ratio: 1.0,
            published: true,
            at: zoned(-5, 0, 2023, 12, 31, 23, 30),
            day: utc(2023, 12, 31, 0, 0),
            tags: strings(&["rust", "go", "db"]),
            counts: vec![],
            weights: vec![2.0],
            flags: vec![true, false],
            days: vec![],
            key: K3,
            keys: vec![K3],
            place: PARIS,
            subtitle: Some("third".into()),
            rank: None,
        },
        Item {
            id: I4,
            title: "Databases".into(),
            slug: "databases".into(),
            views: 0,
            small: 7,
            score: 0.0,
            ratio: 0.5,
            published: false,
            at: utc(2024, 2, 1, 0, 0).fixed_offset(),
            day: utc(2024, 2, 1, 0, 0),
            tags: vec![],
            counts: vec![3, 5],
            weights: vec![1.5],
            flags: vec![],
            days: vec![utc(2024, 2, 1, 0, 0)],
            key: K4,
            keys: vec![K1],
            place: NEW_YORK,
            subtitle: None,
            rank: None,
        },
    ]
}

/// Creates collection `name` with [`Item`]'s schema and the four items: I1 and I2 first, I3 and I4
/// later, then I1 updated. (Each test has its own collection, as tests run in parallel; `Item`'s
/// field handles work on all of them.)
async fn seed_items(client: &Client, name: &str) {
    let mut config = Item::collection_config();
    config.name = name.into();
    common::recreate(client, &config).await;
    let items = items();
    let data = client.collection(name).data();
    let typed = client.collection(name).typed::<Item>().data();
    for (i, item) in items.iter().enumerate() {
        if i == 2 {
            tokio::time::sleep(std::time::Duration::from_millis(30)).await;
        }
        typed.insert(item).await.unwrap();
    }
    tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    // Same values: only the update time changes.
    data.update(I1, NewObject::new(json!({"views": 100})).unwrap())
        .await
        .unwrap();
}

#[tokio::test]
async fn text_number_boolean_and_uuid_operators() {
    let client = common::client().await;
    let n = Item::NAME;
    seed_items(&client, n).await;
    let mut s = Search::connect().await;
    let f = Item::fields();

    // text: `word` tokenization compares tokens (case-insensitively), `field` the whole value
    s.expect(n, f.title.equal("rust"), &[I1, I3]).await;
    s.expect(n, f.slug.equal("go-for-gophers"), &[I2]).await;
    s.expect(n, f.slug.not_equal("go-for-gophers"), &[I1, I3, I4])
        .await;
    s.expect(n, f.title.like("Gop*"), &[I2]).await;
    s.expect(n, f.slug.like("rust-*"), &[I1, I3]).await;
    s.expect(n, f.slug.like("?o-*"), &[I2]).await;
    s.expect(n, f.title.contains_any(["action", "databases"]), &[I1, I4])
        .await;
    s.expect(n, f.title.contains_all(["rust", "go"]), &[I3])
        .await;
    s.expect(n, f.title.contains_none(["rust"]), &[I2, I4])
        .await;

    // integers
    s.expect(n, f.views.equal(250), &[I2, I3]).await;
    s.expect(n, f.views.not_equal(250), &[I1, I4]).await;
    s.expect(n, f.views.gt(100), &[I2, I3]).await;
    s.expect(n, f.views.gte(100), &[I1, I2, I3]).await;
    s.expect(n, f.views.lt(100), &[I4]).await;
    s.expect(n, f.views.lte(100), &[I1, I4]).await;
    s.expect(n, f.small.gt(0), &[I3, I4]).await;
    s.expect(n, f.small.lt(0), &[I1]).await;

    // numbers (an integer value works on a number field)
    s.expect(n, f.score.gt(1), &[I1, I2]).await;
    s.expect(n, f.score.lte(0.0), &[I3, I4]).await;
    s.expect(n, f.score.equal(-1.0), &[I3]).await;
    s.expect(n, f.ratio.equal(0.1f32), &[I1]).await;
    s.expect(n, f.ratio.gte(0.5), &[I3, I4]).await;

    // booleans
    s.expect(n, f.published.equal(true), &[I1, I3]).await;
    s.expect(n, f.published.not_equal(true), &[I2, I4]).await;

    // uuids
    s.expect(n, f.key.equal(K2), &[I2]).await;
    s.expect(n, f.key.not_equal(K2), &[I1, I3, I4]).await;

    client.collections().delete(n).await.unwrap();
}

#[tokio::test]
async fn array_operators() {
    let client = common::client().await;
    common::recreate(&client, &ArrayItem::collection_config()).await;
    let values: Vec<ArrayItem> = items().into_iter().map(ArrayItem::from).collect();
    insert(&client, &values).await;
    let mut s = Search::connect().await;
    let f = ArrayItem::fields();
    let n = ArrayItem::NAME;

    // text[]: equal matches an element
    s.expect(n, f.tags.equal("db"), &[I1, I3]).await;
    s.expect(n, f.tags.contains_any(["go"]), &[I2, I3]).await;
    s.expect(n, f.tags.contains_all(["rust", "db"]), &[I1, I3])
        .await;
    s.expect(n, f.tags.contains_none(["rust"]), &[I2, I4]).await;
    s.expect(n, f.tags.like("r*"), &[I1, I3]).await;
    // int[]
    s.expect(n, f.counts.equal(4), &[I2]).await;
    s.expect(n, f.counts.contains_any([3]), &[I1, I4]).await;
    s.expect(n, f.counts.contains_all([1, 3]), &[I1]).await;
    s.expect(n, f.counts.contains_none([3, 4]), &[I3]).await;
    // number[]
    s.expect(n, f.weights.contains_any([1.5]), &[I1, I4]).await;
    s.expect(n, f.weights.contains_all([0.5, 1.5]), &[I1]).await;
    // boolean[]
    s.expect(n, f.flags.equal(true), &[I1, I3]).await;
    s.expect(n, f.flags.contains_any([false]), &[I2, I3]).await;
    s.expect(n, f.flags.contains_all([true, false]), &[I3])
        .await;
    // date[]
    let y2020 = utc(2020, 1, 1, 0, 0);
    s.expect(n, f.days.contains_any([y2020]), &[I1, I2]).await;
    s.expect(
        n,
        f.days.contains_all([utc(2021, 6, 1, 0, 0), y2020]),
        &[I2],
    )
    .await;
    s.expect(n, f.days.equal(utc(2024, 2, 1, 0, 0)), &[I4])
        .await;
    // uuid[]
    s.expect(n, f.keys.contains_any([K1]), &[I1, I4]).await;
    let both = vec![K1, K2];
    s.expect(n, f.keys.contains_all(&both), &[I1]).await;
    s.expect(n, f.keys.contains_none(both), &[I3, I2]).await;
    s.expect(n, f.keys.equal(K3), &[I3]).await;

    client.collections().delete(n).await.unwrap();
}

/// The arrays of [`Item`], in a collection of their own (tests run in parallel).
#[derive(WeaviateCollection, Debug, Clone)]
#[weaviate(name = "FiltArrays")]
struct ArrayItem {
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(tokenization = field)]
    tags: Vec<String>,
    counts: Vec<i64>,
    weights: Vec<f64>,
    flags: Vec<bool>,
    days: Vec<DateTime<Utc>>,
    keys: Vec<Uuid>,
}

impl From<Item> for ArrayItem {
    fn from(i: Item) -> Self {
        ArrayItem {
            id: i.id,
            tags: i.tags,
            counts: i.counts,
            weights: i.weights,
            flags: i.flags,
            days: i.days,
            keys: i.keys,
        }
    }
}

#[tokio::test]
async fn dates_geo_null_length_id_and_timestamps() {
    let client = common::client().await;
    let n = "FiltItemTimes";
    seed_items(&client, n).await;
    let items = items();
    let data = client.collection(n).data();
    let mut s = Search::connect().await;
    let f = Item::fields();

    // dates, compared as instants whatever the offset they were written or asked with
    let i1_at = utc(2024, 1, 1, 8, 0);
    s.expect(n, f.at.gt(utc(2024, 1, 1, 8, 30)), &[I2, I4])
        .await;
    s.expect(n, f.at.lt(zoned(2, 0, 2024, 1, 1, 10, 0)), &[I3])
        .await;
    s.expect(n, f.at.equal(i1_at), &[I1]).await;
    s.expect(n, f.at.not_equal(i1_at), &[I2, I3, I4]).await;
    s.expect(n, f.at.lte(zoned(-5, 0, 2023, 12, 31, 23, 30)), &[I3])
        .await;
    s.expect(n, f.at.gte(zoned(5, 30, 2024, 1, 1, 14, 30)), &[I2, I4])
        .await;
    s.expect(n, f.day.gte(utc(2024, 1, 1, 0, 0)), &[I1, I2, I4])
        .await;
    s.expect(n, f.day.equal(utc(2023, 12, 31, 0, 0)), &[I3])
        .await;

    // geo
    s.expect(n, f.place.within_geo_range(BERLIN, 10_000.0), &[I1])
        .await;
    s.expect(n, f.place.within_geo_range(BERLIN, 30_000.0), &[I1, I2])
        .await;
    s.expect(
        n,
        f.place.within_geo_range(BERLIN, 1_000_000.0),
        &[I1, I2, I3],
    )
    .await;
    s.expect(n, f.place.within_geo_range(NEW_YORK, 1_000.0), &[I4])
        .await;

    // null state
    s.expect(n, f.subtitle.is_none(), &[I2, I4]).await;
    s.expect(n, f.subtitle.is_some(), &[I1, I3]).await;
    s.expect(n, f.rank.is_none(), &[I3, I4]).await;
    s.expect(n, f.rank.is_some(), &[I1, I2]).await;
    s.expect(n, f.rank.gt(1), &[I2]).await;
    s.expect(n, f.subtitle.equal("third"), &[I3]).await;

    // property length: titles have 14, 14, 11 and 9 characters; tags 2, 1, 3 and 0 elements
    s.expect(n, f.title.len().gt(10), &[I1, I2, I3]).await;
    s.expect(n, f.title.len().equal(9), &[I4]).await;
    s.expect(n, f.title.len().lt(12), &[I3, I4]).await;
    s.expect(n, f.title.len().not_equal(14), &[I3, I4]).await;
    s.expect(n, f.tags.len().equal(0), &[I4]).await;
    s.expect(n, f.tags.len().gte(2), &[I1, I3]).await;
    s.expect(n, f.counts.len().lte(1), &[I2, I3]).await;

    // ids
    let id = || Filter::<Item>::id();
    s.expect(n, id().equal(I2), &[I2]).await;
    s.expect(n, id().not_equal(I2), &[I1, I3, I4]).await;
    s.expect(n, id().contains_any([I1, I4]), &[I1, I4]).await;
    s.expect(n, id().contains_none([I1]), &[I2, I3, I4]).await;

    // creation and update times, read back from the server (milliseconds)
    let mut created = Vec::new();
    let mut updated = Vec::new();
    for item in &items {
        let object = data.get(item.id).await.unwrap().expect("stored");
        created.push((item.id, object.metadata.creation_time.unwrap()));
        updated.push((item.id, object.metadata.update_time.unwrap()));
    }
    let matching = |times: &[(Uuid, DateTime<Utc>)], keep: &dyn Fn(DateTime<Utc>) -> bool| {
        times
            .iter()
            .filter(|(_, t)| keep(*t))
            .map(|(id, _)| *id)
            .collect::<Vec<_>>()
    };
    let second = created[1].1;
    assert!(
        created[2].1 > second,
        "I3 was created after I2: {created:?}"
    );
    let creation = || Filter::<Item>::creation_time();
    s.expect(n, creation().gt(second), &[I3, I4]).await;
    s.expect(n, creation().lte(second), &[I1, I2]).await;
    s.expect(
        n,
        creation().equal(second),
        &matching(&created, &|t| t == second),
    )
    .await;
    s.expect(
        n,
        creation().not_equal(second),
        &matching(&created, &|t| t != second),
    )
    .await;
    s.expect(
        n,
        creation().gte(created[2].1),
        &matching(&created, &|t| t >= created[2].1),
    )
    .await;
    // a date with an offset names the same instant
    let second_in_india = second.with_timezone(&FixedOffset::east_opt(5 * 3600 + 1800).unwrap());
    s.expect(
        n,
        creation().lt(second_in_india),
        &matching(&created, &|t| t < second),
    )
    .await;
    // bounds far from now (timestamps are compared as 13-digit text on the server)
    let (y2000, y2300) = (utc(2000, 1, 1, 0, 0), utc(2300, 1, 1, 0, 0));
    s.expect(n, creation().gt(y2000), &[I1, I2, I3, I4]).await;
    s.expect(n, creation().lte(y2000), &[]).await;
    s.expect(n, creation().lt(y2300), &[I1, I2, I3, I4]).await;
    s.expect(n, creation().gte(y2300), &[]).await;
    let last_insert = updated[1..].iter().map(|(_, t)| *t).max().unwrap();
    assert!(
        updated[0].1 > last_insert,
        "I1 was updated last: {updated:?}"
    );
    let update = || Filter::<Item>::update_time();
    s.expect(n, update().gt(last_insert), &[I1]).await;
    s.expect(n, update().lte(last_insert), &[I2, I3, I4]).await;
    s.expect(
        n,
        update().gte(created[0].1) & update().lt(updated[0].1),
        &[I2, I3, I4],
    )
    .await;

    client.collections().delete(n).await.unwrap();
}

#[tokio::test]
async fn combinators() {
    let client = common::client().await;
    let n = "FiltItemCombo";
    seed_items(&client, n).await;
    let mut s = Search::connect().await;
    let f = Item::fields();

    let popular = || f.views.gt(100); // I2, I3
    let published = || f.published.equal(true); // I1, I3
    s.expect(n, popular() & published(), &[I3]).await;
    s.expect(n, popular().and(published()), &[I3]).await;
    s.expect(n, popular() | published(), &[I1, I2, I3]).await;
    s.expect(n, popular().or(published()), &[I1, I2, I3]).await;
    s.expect(n, !published(), &[I2, I4]).await;
    s.expect(n, published().not(), &[I2, I4]).await;
    s.expect(n, !!published(), &[I1, I3]).await;
    // NOT over OR: neither tagged go nor without subtitle
    s.expect(
        n,
        !(f.tags.contains_any(["go"]) | f.subtitle.is_none()),
        &[I1],
    )
    .await;
    // nested AND in OR
    s.expect(
        n,
        (f.views.equal(250) & !published()) | f.key.equal(K4),
        &[I2, I4],
    )
    .await;
    // three-way AND, flattened
    let three = popular() & published() & f.title.like("rust");
    assert_eq!(three.as_wire().filters.len(), 3);
    s.expect(n, three, &[I3]).await;
    let all = Filter::all([f.views.gte(100), f.score.gt(0), f.rank.is_some()]).unwrap();
    s.expect(n, all, &[I1, I2]).await;
    let any = Filter::any([f.key.equal(K1), f.key.equal(K4)]).unwrap();
    s.expect(n, any, &[I1, I4]).await;
    let mut built = f.views.lt(1000);
    built &= !f.slug.like("go*");
    built |= f.small.equal(0);
    s.expect(n, built, &[I1, I2, I3, I4]).await;
    s.expect(n, f.small.equal(0) & !f.small.equal(0), &[]).await;

    client.collections().delete(n).await.unwrap();
}

// ---------------------------------------------------------------------------------------------
// References: paths into the target's fields, multi-target paths, counts.

#[derive(WeaviateCollection, Debug, Clone)]
#[weaviate(name = "FiltPublisher")]
struct Publisher {
    #[weaviate(id)]
    id: Uuid,
    name: String,
    city: String,
}

#[derive(WeaviateCollection, Debug, Clone)]
#[weaviate(name = "FiltAuthor")]
struct Author {
    #[weaviate(id)]
    id: Uuid,
    name: String,
    #[weaviate(index_range_filters)]
    age: i64,
    publisher: Reference<Publisher>,
}

#[derive(WeaviateCollection, Debug, Clone)]
#[weaviate(name = "FiltBook", inverted_index(index_property_length))]
struct Book {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    author: Reference<Author>,
    #[weaviate(targets(Author, Publisher))]
    credits: MultiReference,
    editor: Option<Reference<Author>>,
}

const P1: Uuid = Uuid::from_u128(0xb0_0000_0000_4000_8000_0000_0000_0001);
const P2: Uuid = Uuid::from_u128(0xb0_0000_0000_4000_8000_0000_0000_0002);
const A1: Uuid = Uuid::from_u128(0xa0_0000_0000_4000_8000_0000_0000_0001);
const A2: Uuid = Uuid::from_u128(0xa0_0000_0000_4000_8000_0000_0000_0002);
const A3: Uuid = Uuid::from_u128(0xa0_0000_0000_4000_8000_0000_0000_0003);
const B1: Uuid = Uuid::from_u128(0xb1_0000_0000_4000_8000_0000_0000_0001);
const B2: Uuid = Uuid::from_u128(0xb1_0000_0000_4000_8000_0000_0000_0002);
const B3: Uuid = Uuid::from_u128(0xb1_0000_0000_4000_8000_0000_0000_0003);
const B4: Uuid = Uuid::from_u128(0xb1_0000_0000_4000_8000_0000_0000_0004);

/// Publishers Orbit (Berlin) and Nova (Paris); authors Ann (30, Orbit), Bob (45, Nova) and Cid
/// (60, no publisher); books One (Ann; credits Ann and Orbit; edited by Cid), Two (Bob; credits
/// Nova), Three (Ann and Bob; credits Cid; edited by Ann), Four (no author, no credits).
async fn seed_library(client: &Client) {
    for config in [
        Book::collection_config(),
        Author::collection_config(),
        Publisher::collection_config(),
    ] {
        if client.collections().exists(&config.name).await.unwrap() {
            client.collections().delete(&config.name).await.unwrap();
        }
    }
    for config in [
        Publisher::collection_config(),
        Author::collection_config(),
        Book::collection_config(),
    ] {
        client.collections().create(&config).await.unwrap();
    }
    let publisher = |id, name: &str, city: &str| Publisher {
        id,
        name: name.into(),
        city: city.into(),
    };
    insert(
        client,
        &[
            publisher(P1, "Orbit", "Berlin"),
            publisher(P2, "Nova", "Paris"),
        ],
    )
    .await;
    let author = |id, name: &str, age, publisher: &[Uuid]| Author {
        id,
        name: name.into(),
        age,
        publisher: Reference::to(publisher.iter().copied()),
    };
    insert(
        client,
        &[
            author(A1, "Ann", 30, &[P1]),
            author(A2, "Bob", 45, &[P2]),
            author(A3, "Cid", 60, &[]),
        ],
    )
    .await;
    let as_author = |id| ReferenceTarget::new(Author::NAME, id);
    let as_publisher = |id| ReferenceTarget::new(Publisher::NAME, id);
    let book =
        |id, title: &str, authors: &[Uuid], credits: Vec<ReferenceTarget>, editor: Option<Uuid>| {
            Book {
                id,
                title: title.into(),
                author: Reference::to(authors.iter().copied()),
                credits: MultiReference::to(credits),
                editor: editor.map(|e| Reference::to([e])),
            }
        };
    insert(
        client,
        &[
            book(
                B1,
                "One",
                &[A1],
                vec![as_author(A1), as_publisher(P1)],
                Some(A3),
            ),
            book(B2, "Two", &[A2], vec![as_publisher(P2)], None),
            book(B3, "Three", &[A1, A2], vec![as_author(A3)], Some(A1)),
            book(B4, "Four", &[], vec![], None),
        ],
    )
    .await;
}

#[tokio::test]
async fn reference_paths_and_counts() {
    let client = common::client().await;
    seed_library(&client).await;
    let mut s = Search::connect().await;
    let b = Book::fields();
    let n = Book::NAME;

    // single-target paths into the target's typed fields
    s.expect(n, b.author.path(|a| a.name.equal("Ann")), &[B1, B3])
        .await;
    s.expect(n, b.author.path(|a| a.age.gt(40)), &[B2, B3])
        .await;
    s.expect(
        n,
        b.author.path(|a| a.age.lt(40) | a.name.like("B*")),
        &[B1, B2, B3],
    )
    .await;
    s.expect(n, b.author.path(|_| Filter::id().equal(A2)), &[B2, B3])
        .await;
    s.expect(n, b.editor.path(|a| a.age.gte(60)), &[B1]).await;
    // two hops
    s.expect(
        n,
        b.author
            .path(|a| a.publisher.path(|p| p.city.equal("Paris"))),
        &[B2, B3],
    )
    .await;
    // negation of a path: no author named Ann
    s.expect(n, !b.author.path(|a| a.name.equal("Ann")), &[B2, B4])
        .await;
    // combined with the book's own fields
    s.expect(
        n,
        b.author.path(|a| a.name.equal("Bob")) & b.title.len().gt(3),
        &[B3],
    )
    .await;

    // multi-target paths name the target collection
    s.expect(
        n,
        b.credits.path_in::<Publisher>(|p| p.name.equal("Nova")),
        &[B2],
    )
    .await;
    s.expect(n, b.credits.path_in::<Author>(|a| a.name.like("C*")), &[B3])
        .await;
    s.expect(
        n,
        b.credits.path_in::<Author>(|a| a.age.lt(50))
            | b.credits.path_in::<Publisher>(|p| p.city.equal("Paris")),
        &[B1, B2],
    )
    .await;

    // reference counts
    s.expect(n, b.author.count().equal(0), &[B4]).await;
    s.expect(n, b.author.count().equal(1), &[B1, B2]).await;
    s.expect(n, b.author.count().gte(2), &[B3]).await;
    s.expect(n, b.author.count().not_equal(1), &[B3, B4]).await;
    s.expect(n, b.author.count().lt(2), &[B1, B2, B4]).await;
    s.expect(n, b.author.count().lte(1), &[B1, B2, B4]).await;
    s.expect(n, b.author.count().gt(0), &[B1, B2, B3]).await;
    s.expect(n, b.credits.count().equal(2), &[B1]).await;
    s.expect(n, b.editor.count().equal(1), &[B1, B3]).await;
    s.expect(
        Author::NAME,
        Author::fields().publisher.count().equal(0),
        &[A3],
    )
    .await;
    // a count behind a path: books with an author who has a publisher
    s.expect(
        n,
        b.author.path(|a| a.publisher.count().gt(0)),
        &[B1, B2, B3],
    )
    .await;

    // the same by name
    let p = Filter::<Untyped>::property;
    s.expect(n, p("author").path(p("name").equal("Bob")), &[B2, B3])
        .await;
    s.expect(
        n,
        p("credits").path_in(Publisher::NAME, p("city").equal("Berlin")),
        &[B1],
    )
    .await;
    s.expect(n, p("author").count().equal(2), &[B3]).await;

    for name in [Book::NAME, Author::NAME, Publisher::NAME] {
        client.collections().delete(name).await.unwrap();
    }
}

// ---------------------------------------------------------------------------------------------
// Collections known only at run time.

#[tokio::test]
async fn untyped_filters_by_property_name() {
    let client = common::client().await;
    let name = common::unique("FiltLoose");
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "invertedIndexConfig": {"indexNullState": true, "indexPropertyLength": true, "indexTimestamps": true},
        "properties": [
            {"name": "title", "dataType": ["text"], "tokenization": "field"},
            {"name": "views", "dataType": ["int"]},
            {"name": "score", "dataType": ["number"]},
            {"name": "done", "dataType": ["boolean"]},
            {"name": "at", "dataType": ["date"]},
            {"name": "tags", "dataType": ["text[]"]},
            {"name": "ref", "dataType": ["uuid"]},
            {"name": "place", "dataType": ["geoCoordinates"]},
            {"name": "note", "dataType": ["text"]}
        ]
    }))
    .unwrap();
    common::recreate(&client, &config).await;
    let data = client.collection(&name).data();
    let objects = [
        (
            I1,
            json!({"title": "alpha", "views": 5, "score": 0.5, "done": true, "at": "2024-01-01T10:00:00+02:00",
                    "tags": ["x", "y"], "ref": K1.to_string(), "place": {"latitude": 52.52, "longitude": 13.405},
                    "note": "n"}),
        ),
        (
            I2,
            json!({"title": "beta", "views": 150, "score": 1.5, "done": false, "at": "2024-01-01T09:00:00Z",
                    "tags": ["y"], "ref": K2.to_string(), "place": {"latitude": 48.8566, "longitude": 2.3522}}),
        ),
        (
            I3,
            json!({"title": "gamma ray", "views": 300, "score": 2.5, "done": true, "at": "2025-01-01T00:00:00Z",
                    "tags": [], "ref": K3.to_string(), "place": {"latitude": 40.7128, "longitude": -74.006}}),
        ),
    ];
    for (id, properties) in objects {
        data.insert(NewObject::new(properties).unwrap().id(id))
            .await
            .unwrap();
    }
    let mut s = Search::connect().await;
    let p = Filter::<Untyped>::property;

    s.expect(&name, p("views").gt(100i64), &[I2, I3]).await;
    s.expect(&name, p("views").lte(150), &[I1, I2]).await;
    s.expect(&name, p("views").not_equal(150), &[I1, I3]).await;
    s.expect(&name, p("score").gte(1.5), &[I2, I3]).await;
    s.expect(&name, p("score").lt(1), &[I1]).await;
    s.expect(&name, p("title").equal("beta"), &[I2]).await;
    s.expect(&name, p("title").like("*a"), &[I1, I2]).await;
    s.expect(&name, p("done").equal(true), &[I1, I3]).await;
    s.expect(&name, p("at").gt(utc(2024, 1, 1, 8, 30)), &[I2, I3])
        .await;
    s.expect(&name, p("at").equal(zoned(1, 0, 2024, 1, 1, 9, 0)), &[I1])
        .await;
    s.expect(&name, p("tags").contains_any(["y"]), &[I1, I2])
        .await;
    s.expect(&name, p("tags").contains_all(["x", "y"]), &[I1])
        .await;
    s.expect(&name, p("tags").contains_none(["x"]), &[I2, I3])
        .await;
    s.expect(&name, p("ref").equal(K3), &[I3]).await;
    s.expect(&name, p("place").within_geo_range(PARIS, 1_000.0), &[I2])
        .await;
    s.expect(&name, p("note").is_none(), &[I2, I3]).await;
    s.expect(&name, p("note").is_some(), &[I1]).await;
    s.expect(&name, p("title").len().gt(5), &[I3]).await;
    s.expect(&name, p("tags").len().equal(0), &[I3]).await;
    s.expect(
        &name,
        Filter::<Untyped>::id().equal(I2) | p("views").equal(5),
        &[I1, I2],
    )
    .await;
    s.expect(
        &name,
        Filter::<Untyped>::creation_time().gt(utc(2000, 1, 1, 0, 0)),
        &[I1, I2, I3],
    )
    .await;
    // a typed filter, erased
    s.expect(&name, Item::fields().views.gte(150).untyped(), &[I2, I3])
        .await;

    client.collections().delete(&name).await.unwrap();
}

/// Null and length filters need their indexes: without them the server refuses the filter, and says
/// why.
#[tokio::test]
async fn null_and_length_filters_need_their_indexes() {
    let client = common::client().await;
    let name = common::unique("FiltNoIndex");
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "properties": [{"name": "note", "dataType": ["text"]}]
    }))
    .unwrap();
    common::recreate(&client, &config).await;
    (client.collection(&name).data())
        .insert(NewObject::new(json!({"note": "x"})).unwrap())
        .await
        .unwrap();
    let mut s = Search::connect().await;
    let p = Filter::<Untyped>::property;

    let err = s.try_ids(&name, p("note").is_none()).await.unwrap_err();
    assert!(err.to_string().to_lowercase().contains("null"), "{err:?}");
    let err = s.try_ids(&name, p("note").len().gt(0)).await.unwrap_err();
    assert!(err.to_string().to_lowercase().contains("length"), "{err:?}");
    let err = s
        .try_ids(&name, Filter::<Untyped>::creation_time().gt(Utc::now()))
        .await
        .unwrap_err();
    assert!(
        err.to_string().to_lowercase().contains("timestamp"),
        "{err:?}"
    );

    client.collections().delete(&name).await.unwrap();
}
