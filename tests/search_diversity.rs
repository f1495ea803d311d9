//! MMR diversity selection, boost, query profiles and the BM25 `and_cross` operator against the
//! real server, every order computed here from the inserted data with the server's documented
//! formulas (and written out by hand beside).
//!
//! Vectors are 2-d on a flat index with squared euclidean distance, so distances are exact.

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use uuid::Uuid;
use weaviate_orm::query::{
    Bm25Operator, Boost, DecayCurve, Hit, MetadataQuery, Mmr, NumericDecay, PropertyValue,
    TimeDecay, ValueModifier,
};
use weaviate_orm::schema::ShardingConfig;
use weaviate_orm::{Client, ConsistencyLevel, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "SearchDivDoc",
    vector(name = "v", dimensions = 2, index = flat(distance = l2_squared))
)]
struct Doc {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    topic: String,
    views: i64,
    price: f64,
    published: DateTime<Utc>,
    #[weaviate(vector = "v")]
    v: Vec<f32>,
}

weaviate_orm::projection! {
    /// Only the title: what a boost can read when the search returns less than the object.
    #[derive(Debug, Clone, PartialEq)]
    struct TitleOnly of Doc {
        title: String,
    }
}

fn id(n: usize) -> Uuid {
    Uuid::from_u128(0xd17e_0000_0000_4000_8000_0000_0000_0000 + n as u128)
}

fn ids<T>(hits: &[Hit<T>]) -> Vec<Uuid> {
    hits.iter().map(|h| h.id).collect()
}

fn expect(order: &[usize]) -> Vec<Uuid> {
    order.iter().map(|n| id(*n)).collect()
}

fn day(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 0, 0, 0).unwrap()
}

fn doc(n: usize, v: [f32; 2]) -> Doc {
    Doc {
        id: id(n),
        title: "a plain document".into(),
        topic: "go".into(),
        views: 0,
        price: 0.0,
        published: day(2025, 1, 1),
        v: v.to_vec(),
    }
}

/// A fresh collection of `docs` in this many shards.
async fn seeded(client: &Client, docs: Vec<Doc>, shards: i64) -> String {
    let name = common::unique("SearchDiv");
    let mut config = Doc::collection_config();
    config.name = name.clone();
    config.sharding_config = Some(ShardingConfig::desired_count(shards));
    client.collections().create(&config).await.unwrap();
    let report = client
        .collection(&name)
        .typed::<Doc>()
        .batch()
        .insert_many(docs)
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    name
}

fn l2sq(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// MMR as the server documents it: the most relevant first, then each round the candidate with
/// the best `-balance * d(query) + (1 - balance) * min d(selected)`.
fn mmr_order(query: [f64; 2], points: &[[f64; 2]], limit: usize, balance: f64) -> Vec<usize> {
    let qd: Vec<f64> = points.iter().map(|p| l2sq(query, *p)).collect();
    let mut left: Vec<usize> = (0..points.len()).collect();
    left.sort_by(|a, b| qd[*a].total_cmp(&qd[*b]));
    let mut picked = vec![left.remove(0)];
    while picked.len() < limit && !left.is_empty() {
        let score = |i: usize| {
            let novelty = picked
                .iter()
                .map(|s| l2sq(points[*s], points[i]))
                .fold(f64::INFINITY, f64::min);
            -balance * qd[i] + (1.0 - balance) * novelty
        };
        let best = (0..left.len())
            .max_by(|a, b| score(left[*a]).total_cmp(&score(left[*b])))
            .unwrap();
        picked.push(left.remove(best));
    }
    picked
}

/// Three near-duplicates close to the query, one point off to the side, one behind it.
const MMR_POINTS: [[f32; 2]; 5] = [[1.0, 0.0], [1.1, 0.0], [1.2, 0.0], [0.0, 1.5], [-2.0, 0.0]];

#[tokio::test]
async fn mmr_diversifies_the_plain_order_as_documented() {
    let client = common::client().await;
    let docs = (0..5).map(|i| doc(i, MMR_POINTS[i])).collect();
    let name = seeded(&client, docs, 2).await;
    // A consistency-scoped handle.
    let q = client
        .collection(&name)
        .with_consistency_level(ConsistencyLevel::All)
        .typed::<Doc>()
        .query();
    let points: Vec<[f64; 2]> = MMR_POINTS
        .iter()
        .map(|p| [f64::from(p[0]), f64::from(p[1])])
        .collect();

    let plain = q.near_vector(vec![0.0, 0.0]).limit(3).await.unwrap();
    assert_eq!(ids(&plain), expect(&[0, 1, 2]));

    // Pool of 5, pick 3, balance 0.5: the side point and the one behind beat the duplicates.
    let diverse = q
        .near_vector(vec![0.0, 0.0])
        .target(Doc::vectors().v)
        .limit(5)
        .diversify(Mmr::new(3, 0.5))
        .return_metadata(MetadataQuery::default().distance())
        .await
        .unwrap();
    assert_eq!(mmr_order([0.0, 0.0], &points, 3, 0.5), [0, 4, 3]);
    assert_eq!(ids(&diverse), expect(&[0, 4, 3]));
    // The distances are still the query distances.
    let d: Vec<f32> = diverse
        .iter()
        .map(|h| h.metadata.distance.unwrap())
        .collect();
    assert_eq!(d, [1.0, 4.0, 2.25]);

    // Picking a fourth: the first duplicate, the best of what is left.
    assert_eq!(mmr_order([0.0, 0.0], &points, 4, 0.5), [0, 4, 3, 1]);
    let four = q
        .near_vector(vec![0.0, 0.0])
        .limit(5)
        .diversify(Mmr::new(4, 0.5))
        .await
        .unwrap();
    assert_eq!(ids(&four), expect(&[0, 4, 3, 1]));

    // Balance 1 is the plain order.
    let same = q
        .near_vector(vec![0.0, 0.0])
        .limit(5)
        .diversify(Mmr::new(3, 1.0))
        .await
        .unwrap();
    assert_eq!(ids(&same), expect(&[0, 1, 2]));

    // Near object from the point behind the query: plainly itself, the side point, the first
    // duplicate; leaning to diversity (0.3), a far duplicate comes second.
    let plain_object = q.near_object(id(4)).limit(3).await.unwrap();
    assert_eq!(ids(&plain_object), expect(&[4, 3, 0]));
    let from_object = q
        .near_object(id(4))
        .limit(5)
        .diversify(Mmr::new(3, 0.3))
        .await
        .unwrap();
    let mmr = mmr_order(points[4], &points, 3, 0.3);
    assert_eq!(mmr, [4, 2, 3]);
    assert_eq!(ids(&from_object), expect(&mmr));

    // An MMR limit above the search's limit is refused before sending.
    let err = q
        .near_vector(vec![0.0, 0.0])
        .limit(2)
        .diversify(Mmr::new(3, 0.5))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("MMR limit"), "{err}");
    client.collections().delete(&name).await.unwrap();
}

/// Four documents at squared distances 1, 4, 9, 16 from the origin, with properties chosen so
/// that every boost kind gives its own order.
fn boost_docs() -> Vec<Doc> {
    let topics = ["go", "go", "rust", "go"];
    let views = [10, 0, 40, 1000];
    let prices = [0.0, 100.0, 50.0, 95.0];
    let published = [
        day(2025, 12, 1),
        day(2025, 12, 31),
        day(2025, 12, 25),
        day(2026, 1, 1),
    ];
    (0..4)
        .map(|i| Doc {
            topic: topics[i].into(),
            views: views[i],
            price: prices[i],
            published: published[i],
            ..doc(i, [i as f32 + 1.0, 0.0])
        })
        .collect()
}

const BOOST_DISTANCES: [f64; 4] = [1.0, 4.0, 9.0, 16.0];

/// The server's blend: primary scores (minus the distance, or the BM25 score) min-max normalised
/// (all 1 when equal), `(1 - w) * primary + w * boost`, best first.
fn blended(primary: &[f64], boost: &[f64], weight: f64) -> Vec<usize> {
    let (min, max) = primary
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(*x), b.max(*x))
        });
    let score: Vec<f64> = (0..primary.len())
        .map(|i| {
            let p = if max > min {
                (primary[i] - min) / (max - min)
            } else {
                1.0
            };
            (1.0 - weight) * p + weight * boost[i]
        })
        .collect();
    let mut order: Vec<usize> = (0..primary.len()).collect();
    order.sort_by(|a, b| score[*b].total_cmp(&score[*a]));
    for w in order.windows(2) {
        assert!(score[w[0]] - score[w[1]] > 1e-3, "near tie in {score:?}");
    }
    order
}

#[tokio::test]
async fn each_boost_kind_reorders_exactly_as_its_formula_says() {
    let client = common::client().await;
    let docs = boost_docs();
    // One shard: BM25 statistics are per shard, and the BM25 case needs equal scores.
    let name = seeded(&client, docs.clone(), 1).await;
    let q = client.collection(&name).typed::<Doc>().query();
    let f = Doc::fields();
    let primary: Vec<f64> = BOOST_DISTANCES.iter().map(|d| -d).collect();
    let near = || q.near_vector(vec![0.0, 0.0]).limit(4);

    let plain = near().await.unwrap();
    assert_eq!(ids(&plain), expect(&[0, 1, 2, 3]));

    // Filter: 1 for the rust document, 0 for the others; weight 0.5.
    let filter_scores: Vec<f64> = docs
        .iter()
        .map(|d| if d.topic == "rust" { 1.0 } else { 0.0 })
        .collect();
    assert_eq!(blended(&primary, &filter_scores, 0.5), [2, 0, 1, 3]);
    let hits = near()
        .boost(Boost::new().condition(f.topic.equal("rust")))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 0, 1, 3]));

    // Numeric decay (exponential, the default): 0.5 ^ (|price - 100| / 10).
    let numeric: Vec<f64> = docs
        .iter()
        .map(|d| 0.5f64.powf((d.price - 100.0).abs() / 10.0))
        .collect();
    assert_eq!(blended(&primary, &numeric, 0.5), [1, 0, 3, 2]);
    let hits = near()
        .boost(Boost::new().condition(NumericDecay::new(f.price, 100.0, 10.0)))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 0, 3, 2]));

    // Time decay (gauss) around 2026-01-01 with a scale of one day: exp(-ln 2 * days^2); weight 0.6.
    let origin = day(2026, 1, 1);
    let time: Vec<f64> = docs
        .iter()
        .map(|d| {
            let days = (d.published - origin).num_seconds().abs() as f64 / 86_400.0;
            (-(2f64.ln()) * days * days).exp()
        })
        .collect();
    assert_eq!(blended(&primary, &time, 0.6), [1, 3, 0, 2]);
    let hits = near()
        .boost(
            Boost::new()
                .condition(
                    TimeDecay::new(f.published, Duration::from_secs(86_400))
                        .origin(origin)
                        .curve(DecayCurve::Gauss),
                )
                .weight(0.6),
        )
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 3, 0, 2]));

    // Property value with sqrt, min-max normalised over the results.
    let roots: Vec<f64> = docs.iter().map(|d| (d.views as f64).sqrt()).collect();
    let (low, high) = roots
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(*x), b.max(*x))
        });
    let value: Vec<f64> = roots.iter().map(|r| (r - low) / (high - low)).collect();
    assert_eq!(blended(&primary, &value, 0.5), [0, 3, 1, 2]);
    let hits = near()
        .boost(Boost::new().condition(PropertyValue::new(f.views).modifier(ValueModifier::Sqrt)))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[0, 3, 1, 2]));
    // Also when the search returns a projection without `views`: the server scores on the
    // returned properties, and the search asks for `views` too.
    let titles = near()
        .boost(Boost::new().condition(PropertyValue::new(f.views).modifier(ValueModifier::Sqrt)))
        .returning::<TitleOnly>()
        .await
        .unwrap();
    assert_eq!(ids(&titles), expect(&[0, 3, 1, 2]));

    // A negative condition weight demotes: the rust document drops to the end. Weighted mean of
    // one condition: -1 * match / |-1|.
    let demoted: Vec<f64> = filter_scores.iter().map(|s| -s).collect();
    assert_eq!(blended(&primary, &demoted, 0.5), [0, 1, 3, 2]);
    let hits = near()
        .boost(Boost::new().condition_weighted(f.topic.equal("rust"), -1.0))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[0, 1, 3, 2]));

    // BM25 with equal scores (identical titles): the boost alone orders, here by views.
    let equal = [1.0; 4];
    assert_eq!(blended(&equal, &value, 0.5), [3, 2, 0, 1]);
    let hits = q
        .bm25("plain document")
        .property(f.title)
        .boost(Boost::new().condition(PropertyValue::new(f.views).modifier(ValueModifier::Sqrt)))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[3, 2, 0, 1]));

    // Hybrid with alpha 1 (vector only): the fused scores keep the distances' order; a filter
    // boost of weight 0.9 puts the rust document (at least 0.9) above every other (at most 0.1).
    let hybrid_plain = q
        .hybrid("plain document")
        .vector(vec![0.0, 0.0])
        .alpha(1.0)
        .target(Doc::vectors().v)
        .limit(4)
        .await
        .unwrap();
    assert_eq!(ids(&hybrid_plain), expect(&[0, 1, 2, 3]));
    let hybrid = q
        .hybrid("plain document")
        .vector(vec![0.0, 0.0])
        .alpha(1.0)
        .target(Doc::vectors().v)
        .limit(4)
        .boost(Boost::new().condition(f.topic.equal("rust")).weight(0.9))
        .await
        .unwrap();
    assert_eq!(ids(&hybrid), expect(&[2, 0, 1, 3]));
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn the_query_profile_comes_back_with_the_collections_shards() {
    let client = common::client().await;
    let name = seeded(&client, boost_docs(), 2).await;
    let q = client.collection(&name).typed::<Doc>().query();

    let profiled = q
        .near_vector(vec![0.0, 0.0])
        .limit(2)
        .profiled()
        .await
        .unwrap();
    assert_eq!(ids(&profiled.results), expect(&[0, 1]));
    let profile = profiled.profile.expect("a profile");
    let shards: serde_json::Value =
        reqwest::get(format!("{}/v1/schema/{name}/shards", common::http_url()))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
    let expected: BTreeSet<String> = shards
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(expected.len(), 2, "{shards}");
    let got: BTreeSet<String> = profile.shards.iter().map(|s| s.name.clone()).collect();
    assert_eq!(got, expected);
    for shard in &profile.shards {
        assert_eq!(shard.id, format!("{}_{}", name.to_lowercase(), shard.name));
        assert!(!shard.node.is_empty());
        let vector = &shard.searches["vector"];
        assert!(vector.total_took().is_some(), "{shard:?}");
    }

    let keyword = q.bm25("plain").limit(4).profiled().await.unwrap();
    assert_eq!(keyword.results.len(), 4);
    let profile = keyword.profile.expect("a profile");
    assert!(
        profile
            .shards
            .iter()
            .all(|s| s.searches.contains_key("keyword")),
        "{profile:?}"
    );

    // Without results the server has nowhere to put the profile.
    let none = q.bm25("absent").profiled().await.unwrap();
    assert!(none.results.is_empty());
    assert_eq!(none.profile, None);
    client.collections().delete(&name).await.unwrap();
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "SearchDivNote", multi_tenancy)]
struct Note {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    body: String,
}

#[tokio::test]
async fn and_cross_matches_every_token_across_the_searched_properties() {
    let client = common::client().await;
    let name = common::unique("SearchDivNote");
    let mut config = Note::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    let collection = client.collection(&name);
    collection.tenants().create(["t1", "t2"]).await.unwrap();
    let note = |n: usize, title: &str, body: &str| Note {
        id: id(n),
        title: title.into(),
        body: body.into(),
    };
    // A tenant-scoped handle.
    let t1 = collection.with_tenant("t1").typed::<Note>();
    let notes = [
        note(1, "rust tokio", "rust tokio"),
        note(2, "rust", "tokio"),
        note(3, "rust", "python"),
        note(4, "go", "tokio"),
    ];
    let report = t1.batch().insert_many(notes.to_vec()).await.unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    // The other tenant has a full match that t1's searches must not see.
    let t2 = collection.with_tenant("t2").typed::<Note>();
    let report = t2
        .batch()
        .insert_many([note(9, "rust tokio", "rust tokio")])
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);

    let f = Note::fields();
    let q = t1.query();
    let search = |op: Bm25Operator| {
        q.bm25("rust tokio")
            .properties([f.title, f.body])
            .operator(op)
            .return_metadata(MetadataQuery::default().score())
    };
    let set = |hits: &[Hit<Note>]| hits.iter().map(|h| h.id).collect::<BTreeSet<_>>();

    // By the data: OR matches every note with either token; AND needs one property with both
    // (note 1 only); AND_CROSS needs both tokens anywhere (notes 1 and 2).
    let or = search(Bm25Operator::or()).await.unwrap();
    assert_eq!(set(&or), expect(&[1, 2, 3, 4]).into_iter().collect());
    assert_eq!(or[0].id, id(1));
    let and = search(Bm25Operator::And).await.unwrap();
    assert_eq!(ids(&and), expect(&[1]));
    let cross = search(Bm25Operator::AndCross).await.unwrap();
    // Note 1 has each token twice, so it scores above note 2.
    assert_eq!(ids(&cross), expect(&[1, 2]));
    assert!(cross[0].metadata.score > cross[1].metadata.score);

    // The other tenant sees only its own note.
    let other = t2
        .query()
        .bm25("rust tokio")
        .properties([f.title, f.body])
        .operator(Bm25Operator::AndCross)
        .await
        .unwrap();
    assert_eq!(ids(&other), expect(&[9]));

    // The tenant's shard is the one profiled.
    let profiled = search(Bm25Operator::AndCross).profiled().await.unwrap();
    assert_eq!(ids(&profiled.results), expect(&[1, 2]));
    let shards: Vec<String> = profiled
        .profile
        .unwrap()
        .shards
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(shards, ["t1"]);
    client.collections().delete(&name).await.unwrap();
}
