//! Search modifiers against the real server: sort (typed keys, several keys), filter, limit,
//! offset, cursor, autocut, group by, rerank (reranker-dummy: the score is the text's length),
//! fetch by id and ids, tenant, consistency level, metadata.
//!
//! Data: six items, vector `v` at squared distances 1, 4, 9, 400, 441, 484 from Q:
//!
//! | item | name (length) | category | price | d |
//! |---|---|---|---|---|
//! | 1 | aa (2)        | x | 30 | 1   |
//! | 2 | bbbbbb (6)    | y | 10 | 4   |
//! | 3 | cccc (4)      | x | 30 | 9   |
//! | 4 | ddddddddd (9) | y | 20 | 400 |
//! | 5 | eee (3)       | x | 10 | 441 |
//! | 6 | ffffffff (8)  | y | 30 | 484 |

mod common;

use chrono::Utc;
use uuid::Uuid;
use weaviate_orm::filter::{Filter, Untyped};
use weaviate_orm::query::{Hit, MetadataQuery, ObjectProperty, Query, Sort};
use weaviate_orm::{Client, ConsistencyLevel, Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "SearchModItem",
    reranker = reranker_dummy,
    vector(name = "v", dimensions = 2, index = flat(distance = l2_squared)),
)]
struct Item {
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(tokenization = field)]
    name: String,
    #[weaviate(tokenization = field)]
    category: String,
    #[weaviate(index_range_filters)]
    price: i64,
    #[weaviate(vector = "v")]
    v: Vec<f32>,
}

const Q: [f32; 2] = [10.0, 10.0];

const ITEMS: [(&str, &str, i64, f32); 6] = [
    ("aa", "x", 30, 1.0),
    ("bbbbbb", "y", 10, 2.0),
    ("cccc", "x", 30, 3.0),
    ("ddddddddd", "y", 20, 20.0),
    ("eee", "x", 10, 21.0),
    ("ffffffff", "y", 30, 22.0),
];

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x30d1_0000_0000_4000_8000_0000_0000_0000 + n)
}

fn expect(order: &[u128]) -> Vec<Uuid> {
    order.iter().map(|n| id(*n)).collect()
}

fn ids<T>(hits: &[Hit<T>]) -> Vec<Uuid> {
    hits.iter().map(|h| h.id).collect()
}

/// The items as read without vectors.
fn stored(n: usize) -> Item {
    Item {
        v: Vec::new(),
        ..items()[n - 1].clone()
    }
}

fn items() -> Vec<Item> {
    ITEMS
        .iter()
        .enumerate()
        .map(|(i, (name, category, price, x))| Item {
            id: id(i as u128 + 1),
            name: (*name).into(),
            category: (*category).into(),
            price: *price,
            v: vec![Q[0] + x, Q[1]],
        })
        .collect()
}

async fn seeded(client: &Client) -> (String, Query<Item>) {
    let name = common::unique("SearchMod");
    let mut config = Item::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    let report = client
        .collection(&name)
        .typed::<Item>()
        .batch()
        .insert_many(items())
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    (
        name.clone(),
        client.collection(&name).typed::<Item>().query(),
    )
}

#[tokio::test]
async fn sort_filter_limit_offset_and_cursor() {
    let client = common::client().await;
    let (name, q) = seeded(&client).await;
    let f = Item::fields();

    let hits = q
        .fetch_objects()
        .sort(Sort::desc(f.price).then_asc(f.name))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 3, 6, 4, 2, 5]));
    assert_eq!(hits[0].object, stored(1));
    let hits = q
        .fetch_objects()
        .sort(Sort::asc(f.price).then_desc(f.name))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[5, 2, 4, 6, 3, 1]));
    let hits = q
        .fetch_objects()
        .sort(Sort::desc(f.price).then_asc(f.name))
        .offset(2)
        .limit(3)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[6, 4, 2]));
    let hits = q
        .fetch_objects()
        .sort(Sort::desc(ObjectProperty::Id))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[6, 5, 4, 3, 2, 1]));

    // filter with sort
    let hits = q
        .fetch_objects()
        .filter(f.price.gte(20))
        .sort(Sort::asc(f.name))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 3, 4, 6]));
    // filter on a vector search
    let hits = q
        .near_vector(Q.to_vec())
        .filter(f.category.equal("y"))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 4, 6]));

    // cursor
    let hits = q.fetch_objects().after(id(2)).limit(2).await.unwrap();
    assert_eq!(ids(&hits), expect(&[3, 4]));
    let err = q
        .fetch_objects()
        .after(id(2))
        .filter(f.price.gte(20))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    let err = q
        .fetch_objects()
        .after(id(2))
        .sort(Sort::asc(f.name))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");

    // sorting a search is refused by the server: the builder offers no `sort` there (compile
    // time), and the untyped listing keeps the server's words for an unknown property
    let err = client
        .collection(&name)
        .query()
        .fetch_objects()
        .sort(Sort::asc("nope"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("nope"), "{err}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn autocut_group_by_and_rerank() {
    let client = common::client().await;
    let (name, q) = seeded(&client).await;
    let f = Item::fields();

    // autocut: the first jump in distance is after 9
    let hits = q.near_vector(Q.to_vec()).autocut(1).await.unwrap();
    assert_eq!(ids(&hits), expect(&[1, 2, 3]));
    let hits = q.near_vector(Q.to_vec()).autocut(2).await.unwrap();
    assert_eq!(hits.len(), 6);

    // group by category: x (1, 3, 5) is nearest, then y (2, 4, 6)
    let grouped = q
        .near_vector(Q.to_vec())
        .limit(6)
        .group_by(f.category, 2, 2)
        .return_metadata(MetadataQuery::default().distance())
        .await
        .unwrap();
    let names: Vec<&str> = grouped.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["x", "y"]);
    let x = grouped.group("x").unwrap();
    assert_eq!(ids(&x.objects), expect(&[1, 3]));
    assert_eq!((x.min_distance, x.max_distance), (1.0, 9.0));
    assert_eq!(x.objects[1].metadata.distance, Some(9.0));
    let y = grouped.group("y").unwrap();
    assert_eq!(ids(&y.objects), expect(&[2, 4]));
    assert_eq!((y.min_distance, y.max_distance), (4.0, 400.0));
    assert_eq!(y.number_of_objects, 2);
    assert_eq!(grouped.objects().count(), 4);
    assert_eq!(y.objects[1].object, stored(4));
    let one = q
        .near_vector(Q.to_vec())
        .limit(6)
        .group_by(f.category, 1, 3)
        .await
        .unwrap();
    assert_eq!(one.groups.len(), 1);
    assert_eq!(ids(&one.groups[0].objects), expect(&[1, 3, 5]));

    // rerank: the dummy reranker scores by text length: 9, 8, 6, 4, 3, 2
    let hits = q
        .near_vector(Q.to_vec())
        .limit(6)
        .rerank(f.name)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[4, 6, 2, 3, 5, 1]));
    let scores: Vec<f64> = hits
        .iter()
        .map(|h| h.metadata.rerank_score.unwrap())
        .collect();
    assert_eq!(scores, [9.0, 8.0, 6.0, 4.0, 3.0, 2.0]);
    // only the found objects are reranked
    let hits = q
        .near_vector(Q.to_vec())
        .limit(3)
        .rerank_with_query(f.name, "anything")
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 3, 1]));
    let hits = q
        .fetch_objects()
        .filter(f.category.equal("x"))
        .rerank_with_query(f.name, "anything")
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[3, 5, 1]));
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn by_id_by_ids_metadata_and_consistency() {
    let client = common::client().await;
    let (name, q) = seeded(&client).await;
    let f = Item::fields();

    let found = q.fetch_object_by_id(id(3)).await.unwrap().unwrap();
    assert_eq!(found.id, id(3));
    assert_eq!(found.name, "cccc");
    assert!(q.fetch_object_by_id(id(99)).await.unwrap().is_none());
    let found = q
        .fetch_object_by_id(id(4))
        .include_vectors([Item::vectors().v])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.object, items()[3]);

    // in the order of the ids given, missing ones left out
    for order in [[5u128, 1, 99, 3], [1, 3, 5, 99], [3, 99, 5, 1]] {
        let hits = q
            .fetch_objects_by_ids(order.iter().map(|n| id(*n)))
            .await
            .unwrap();
        let present: Vec<u128> = order.iter().copied().filter(|n| *n != 99).collect();
        assert_eq!(ids(&hits), expect(&present));
    }
    let hits = q
        .fetch_objects_by_ids([6, 5, 4, 3, 2, 1].map(id))
        .filter(f.price.equal(30))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[6, 3, 1]));
    let hits = q
        .fetch_objects_by_ids((1..=6).map(id))
        .limit(2)
        .await
        .unwrap();
    assert_eq!(hits.len(), 2);
    assert!(q.fetch_objects_by_ids(Vec::new()).await.unwrap().is_empty());

    // metadata on request only
    let before = Utc::now() - chrono::Duration::minutes(5);
    let hits = q
        .fetch_objects()
        .limit(1)
        .return_metadata(
            MetadataQuery::default()
                .creation_time()
                .update_time()
                .is_consistent(),
        )
        .consistency_level(ConsistencyLevel::All)
        .await
        .unwrap();
    let m = &hits[0].metadata;
    assert!(m.creation_time.unwrap() > before && m.creation_time.unwrap() <= Utc::now());
    assert_eq!(m.update_time, m.creation_time);
    // a single node with one replica does not report consistency
    assert!(matches!(m.is_consistent, None | Some(true)), "{m:?}");
    assert_eq!((m.distance, m.score, m.certainty), (None, None, None));
    let hits = q.fetch_objects().limit(1).await.unwrap();
    assert_eq!(hits[0].metadata, Default::default());
    for level in [ConsistencyLevel::One, ConsistencyLevel::Quorum] {
        let hits = q
            .consistency_level(level)
            .near_vector(Q.to_vec())
            .limit(2)
            .await
            .unwrap();
        assert_eq!(ids(&hits), expect(&[1, 2]));
    }
    let request = q
        .fetch_objects()
        .consistency_level(ConsistencyLevel::Quorum)
        .return_metadata(MetadataQuery::default().is_consistent())
        .to_request()
        .unwrap();
    assert!(request.metadata.unwrap().is_consistent);
    assert_eq!(
        request.consistency_level,
        Some(weaviate_orm::wire::v1::ConsistencyLevel::Quorum as i32)
    );
    client.collections().delete(&name).await.unwrap();
}

/// A multi-tenant collection.
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "SearchModNote", multi_tenancy(auto_tenant_creation))]
struct Note {
    #[weaviate(id)]
    id: Uuid,
    text: String,
}

#[tokio::test]
async fn tenants() {
    let client = common::client().await;
    let name = common::unique("SearchTenant");
    let mut config = Note::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    for (tenant, n) in [("t1", 1u128), ("t2", 2), ("t2", 3)] {
        let note = Note {
            id: id(n),
            text: format!("note {n}"),
        };
        let report = client
            .collection(&name)
            .typed::<Note>()
            .with_tenant(tenant)
            .batch()
            .insert_many([note])
            .await
            .unwrap();
        assert!(report.is_success(), "{:?}", report.errors);
    }
    let q = client.collection(&name).typed::<Note>().query();
    let t1 = q.tenant("t1").fetch_objects().await.unwrap();
    assert_eq!(ids(&t1), expect(&[1]));
    let t2 = q.fetch_objects().tenant("t2").await.unwrap();
    assert_eq!(ids(&t2), expect(&[2, 3]));
    assert_eq!(t2[1].text, "note 3");
    let untyped = client
        .collection(&name)
        .with_tenant("t2")
        .query()
        .fetch_object_by_id(id(2))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(untyped.tenant.as_deref(), Some("t2"));
    // no tenant on a multi-tenant collection: the server's words
    let err = q.fetch_objects().await.unwrap_err();
    assert!(err.to_string().contains("tenant"), "{err}");
    // a bad tenant name is refused before sending
    let err = q.fetch_objects().tenant("a/b").await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn untyped_queries_take_names() {
    let client = common::client().await;
    let (name, _) = seeded(&client).await;
    let q = client.collection(&name).query();
    let hits = q
        .fetch_objects()
        .sort(Sort::desc("price").then_asc("name"))
        .return_properties(["name"])
        .await
        .unwrap();
    let got: Vec<Uuid> = hits.iter().map(|o| o.id).collect();
    assert_eq!(got, expect(&[1, 3, 6, 4, 2, 5]));
    assert_eq!(
        serde_json::Value::Object(hits[0].properties.clone()),
        serde_json::json!({"name": "aa"})
    );
    let grouped = q
        .near_vector(Q.to_vec())
        .limit(6)
        .group_by("category", 2, 1)
        .rerank("name")
        .await
        .unwrap();
    let firsts: Vec<Uuid> = grouped.groups.iter().map(|g| g.objects[0].id).collect();
    assert_eq!(firsts.len(), 2);
    let hits = q
        .bm25("cccc")
        .property("name")
        .filter(Filter::<Untyped>::property("price").gte(20))
        .await
        .unwrap();
    assert_eq!(hits.iter().map(|o| o.id).collect::<Vec<_>>(), expect(&[3]));
    client.collections().delete(&name).await.unwrap();
}
