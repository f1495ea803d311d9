//! Vector searches against the real server: near_vector (single, named, several targets with every
//! combination, one vector per target, multi-vectors), near_object, distance thresholds, vectors
//! returned.
//!
//! Data: five documents with two 2-d named vectors `a` and `b` (flat index, squared euclidean
//! distance) and a multi-vector `colbert`. Relative to the query point q = (10, 10):
//!
//! | doc | a offset | d_a | b offset | d_b |
//! |---|---|---|---|---|
//! | 1 | (1, 0)  | 1   | (4, 13) | 185 |
//! | 2 | (2, 0)  | 4   | (2, 9)  | 85  |
//! | 3 | (4, 0)  | 16  | (2, 6)  | 40  |
//! | 4 | (8, 0)  | 64  | (2, 3)  | 13  |
//! | 5 | (13, 0) | 169 | (0, 6)  | 36  |
//!
//! so every combination of `a` and `b` gives its own order (see each test).

mod common;

use uuid::Uuid;
use weaviate_orm::query::{Hit, MetadataQuery, Query, Targets};
use weaviate_orm::{Client, Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "SearchVecDoc",
    vector(name = "a", dimensions = 2, index = flat(distance = l2_squared)),
    vector(name = "b", dimensions = 2, index = flat(distance = l2_squared)),
    vector(name = "colbert", index = hnsw(multi_vector)),
)]
struct Doc {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    rank: i64,
    #[weaviate(vector = "a")]
    a: Vec<f32>,
    #[weaviate(vector = "b")]
    b: Vec<f32>,
    #[weaviate(vector = "colbert")]
    colbert: Vec<Vec<f32>>,
}

const Q: [f32; 2] = [10.0, 10.0];

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x5ec7_0000_0000_4000_8000_0000_0000_0000 + n)
}

fn docs() -> Vec<Doc> {
    let a = [(1.0, 0.0), (2.0, 0.0), (4.0, 0.0), (8.0, 0.0), (13.0, 0.0)];
    let b = [(4.0, 13.0), (2.0, 9.0), (2.0, 6.0), (2.0, 3.0), (0.0, 6.0)];
    let colbert: [Vec<Vec<f32>>; 5] = [
        vec![vec![1.0, 0.0], vec![0.0, 1.0]],
        vec![vec![1.0, 0.0], vec![0.6, 0.8]],
        vec![vec![1.0, 0.0], vec![1.0, 0.0]],
        vec![vec![0.8, 0.6]],
        vec![vec![-1.0, 0.0]],
    ];
    (0..5)
        .map(|i| Doc {
            id: id(i as u128 + 1),
            title: format!("doc {}", i + 1),
            rank: i as i64 + 1,
            a: vec![Q[0] + a[i].0, Q[1] + a[i].1],
            b: vec![Q[0] + b[i].0, Q[1] + b[i].1],
            colbert: colbert[i].clone(),
        })
        .collect()
}

/// A fresh collection of `Doc`s under a unique name, and a typed query on it.
async fn seeded(client: &Client) -> (String, Query<Doc>) {
    let name = common::unique("SearchVec");
    let mut config = Doc::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    let report = client
        .collection(&name)
        .typed::<Doc>()
        .batch()
        .insert_many(docs())
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    let query = client.collection(&name).typed::<Doc>().query();
    (name, query)
}

fn ids<T>(hits: &[Hit<T>]) -> Vec<Uuid> {
    hits.iter().map(|h| h.id).collect()
}

fn expect(order: &[u128]) -> Vec<Uuid> {
    order.iter().map(|n| id(*n)).collect()
}

fn distances<T>(hits: &[Hit<T>]) -> Vec<f32> {
    hits.iter().map(|h| h.metadata.distance.unwrap()).collect()
}

#[tokio::test]
async fn near_vector_on_one_named_vector_with_distances_and_thresholds() {
    let client = common::client().await;
    let (name, q) = seeded(&client).await;
    let v = Doc::vectors();
    let dist = MetadataQuery::default().distance();

    let hits = q
        .near_vector(Q.to_vec())
        .target(v.a)
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 2, 3, 4, 5]));
    assert_eq!(distances(&hits), [1.0, 4.0, 16.0, 64.0, 169.0]);

    let hits = q
        .near_vector(Q.to_vec())
        .target(v.b)
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[4, 5, 3, 2, 1]));
    assert_eq!(distances(&hits), [13.0, 36.0, 40.0, 85.0, 185.0]);

    // distance threshold, limit, offset
    let hits = q
        .near_vector(Q.to_vec())
        .target(v.a)
        .distance(20.0)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 2, 3]));
    let hits = q
        .near_vector(Q.to_vec())
        .target(v.a)
        .limit(2)
        .offset(1)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 3]));

    // without a target on a collection with several vectors, the server refuses
    let err = q.near_vector(Q.to_vec()).await.unwrap_err();
    assert!(err.to_string().contains("target"), "{err}");
    // certainty and distance together are refused before sending
    let err = q
        .near_vector(Q.to_vec())
        .target(v.a)
        .certainty(0.5)
        .distance(1.0)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    // so is a NaN in the query vector
    let err = q
        .near_vector(vec![f32::NAN, 1.0])
        .target(v.a)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn several_target_vectors_combine_by_sum_minimum_average_and_weights() {
    let client = common::client().await;
    let (name, q) = seeded(&client).await;
    let v = Doc::vectors();
    let dist = MetadataQuery::default().distance();

    // one query vector for both targets
    let sum = q
        .near_vector(Q.to_vec())
        .targets(Targets::sum([v.a, v.b]))
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&sum), expect(&[3, 4, 2, 1, 5]));
    assert_eq!(distances(&sum), [56.0, 77.0, 89.0, 186.0, 205.0]);

    let min = q
        .near_vector(Q.to_vec())
        .targets(Targets::minimum([v.a, v.b]))
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&min), expect(&[1, 2, 4, 3, 5]));
    assert_eq!(distances(&min), [1.0, 4.0, 13.0, 16.0, 36.0]);

    let average = q
        .near_vector(Q.to_vec())
        .targets(Targets::average([v.a, v.b]))
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&average), expect(&[3, 4, 2, 1, 5]));
    assert_eq!(distances(&average), [28.0, 38.5, 44.5, 93.0, 102.5]);

    let manual = q
        .near_vector(Q.to_vec())
        .targets(Targets::manual_weights([(v.a, 1.0), (v.b, 3.0)]))
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&manual), expect(&[4, 3, 2, 5, 1]));
    assert_eq!(distances(&manual), [103.0, 136.0, 259.0, 277.0, 556.0]);

    // relative score: distances normalised per target to 0..1, then 0.2 * a + 0.8 * b:
    // 1: 0.2 + 0.8 = 1.0 .. 4: 0.075, 3: 0.143, 5: 0.307, 2: 0.338
    let relative = q
        .near_vector(Q.to_vec())
        .targets(Targets::relative_score([(v.a, 0.2), (v.b, 0.8)]))
        .await
        .unwrap();
    assert_eq!(ids(&relative), expect(&[4, 3, 5, 2, 1]));

    // the default combination is the minimum
    let default = q
        .near_vector(Q.to_vec())
        .targets(Targets::new([v.a, v.b]))
        .await
        .unwrap();
    assert_eq!(ids(&default), ids(&min));
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn one_query_vector_per_target() {
    let client = common::client().await;
    let (name, q) = seeded(&client).await;
    let v = Doc::vectors();
    let dist = MetadataQuery::default().distance();

    // a's query at doc 5's a-vector, b's query at q: sum = (a offset - 13)^2 + d_b
    // 1: 144 + 185 = 329, 2: 121 + 85 = 206, 3: 81 + 40 = 121, 4: 25 + 13 = 38, 5: 0 + 36 = 36
    let hits = q
        .near_vector_per_target([(v.a, vec![23.0, 10.0]), (v.b, Q.to_vec())])
        .targets(Targets::sum([v.a, v.b]))
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[5, 4, 3, 2, 1]));
    assert_eq!(distances(&hits), [36.0, 38.0, 121.0, 206.0, 329.0]);

    // weights are matched to their targets whatever the order they are given in
    let hits = q
        .near_vector_per_target([(v.b, Q.to_vec()), (v.a, Q.to_vec())])
        .targets(Targets::manual_weights([(v.a, 1.0), (v.b, 3.0)]))
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[4, 3, 2, 5, 1]));
    assert_eq!(distances(&hits)[0], 103.0);

    // two query vectors for `a` (q and doc 5's point) and one for `b`, summed:
    // a: d_a + (x - 13)^2, so 1: 1 + 144 + 185, 2: 4 + 121 + 85, 3: 16 + 81 + 40, 4: 64 + 25 + 13, 5: 169 + 0 + 36
    let hits = q
        .near_vector_per_target([
            (v.a, Q.to_vec()),
            (v.a, vec![23.0, 10.0]),
            (v.b, Q.to_vec()),
        ])
        .targets(Targets::sum([v.a, v.b]))
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[4, 3, 5, 2, 1]));
    assert_eq!(distances(&hits), [102.0, 137.0, 205.0, 210.0, 330.0]);

    // a target without a query vector is refused before sending
    let err = q
        .near_vector_per_target([(v.a, Q.to_vec())])
        .targets(Targets::sum([v.a, v.b]))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn multi_vector_search() {
    let client = common::client().await;
    let (name, q) = seeded(&client).await;
    // late interaction: for each query row, the best dot product with a document row, summed
    // 1: 1 + 1 = 2, 2: 1 + 0.8 = 1.8, 4: 0.8 + 0.6 = 1.4, 3: 1 + 0 = 1, 5: 0 + 0 = 0 (max(-1, ...))
    let hits = q
        .near_vector(vec![vec![1.0, 0.0], vec![0.0, 1.0]])
        .target(Doc::vectors().colbert)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 2, 4, 3, 5]));
    // a single vector on a multi-vector index is refused by the server
    let err = q
        .near_vector(vec![1.0, 0.0])
        .target(Doc::vectors().colbert)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("multi"), "{err}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn near_object_and_returned_vectors() {
    let client = common::client().await;
    let (name, q) = seeded(&client).await;
    let v = Doc::vectors();

    // from doc 3's `a` (offset 4): 3: 0, 2: 4, 1: 9, 4: 16, 5: 81
    let hits = q
        .near_object(id(3))
        .target(v.a)
        .return_metadata(MetadataQuery::default().distance())
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[3, 2, 1, 4, 5]));
    assert_eq!(distances(&hits), [0.0, 4.0, 9.0, 16.0, 81.0]);
    // from doc 3's `b` (offset (2, 6)): 3: 0, 5: 4, 4: 9, 2: 9 .. tie, so only the first two
    let hits = q.near_object(id(3)).target(v.b).limit(2).await.unwrap();
    assert_eq!(ids(&hits), expect(&[3, 5]));

    // vectors come back when asked for: in the struct's fields and in the hit
    let hits = q
        .near_object(id(2))
        .target(v.a)
        .limit(1)
        .include_vectors([v.a, v.b, v.colbert])
        .await
        .unwrap();
    let expected = docs()[1].clone();
    assert_eq!(hits[0].object, expected);
    assert_eq!(
        hits[0].vectors.get("colbert"),
        Some(&weaviate_orm::data::Vector::Multi(expected.colbert.clone()))
    );
    // not asked for: empty
    let hits = q.near_object(id(2)).target(v.a).limit(1).await.unwrap();
    assert!(hits[0].a.is_empty() && hits[0].vectors.is_empty());
    // all of them with include_vector()
    let hits = q
        .near_object(id(2))
        .target(v.a)
        .limit(1)
        .include_vector()
        .await
        .unwrap();
    assert_eq!(hits[0].object, expected);

    // an unknown object: the server's words
    let err = q.near_object(id(99)).target(v.a).await.unwrap_err();
    assert!(err.to_string().contains("not found"), "{err}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn untyped_vector_searches_name_their_targets() {
    let client = common::client().await;
    let (name, _) = seeded(&client).await;
    let hits = client
        .collection(&name)
        .query()
        .near_vector(Q.to_vec())
        .targets(Targets::sum(["a", "b"]))
        .include_vectors(["a"])
        .await
        .unwrap();
    let got: Vec<Uuid> = hits.iter().map(|o| o.id).collect();
    assert_eq!(got, expect(&[3, 4, 2, 1, 5]));
    assert_eq!(hits[0].properties["title"], "doc 3");
    assert!(hits[0].vectors.get("a").is_some() && hits[0].vectors.get("b").is_none());
    let typed: Vec<Doc> = hits.iter().map(|o| Doc::from_object(o).unwrap()).collect();
    assert_eq!(typed[0].rank, 3);
    // the typed query on the same collection, by extension trait (default name) is another collection
    assert_eq!(
        client.collection_of::<Doc>().query().collection_name(),
        "SearchVecDoc"
    );
    client.collections().delete(&name).await.unwrap();
}
