//! Aggregations against the real server: every metric of every kind (int, number, text, boolean,
//! date; scalars, arrays and options), over all objects and over near_vector, near_object, bm25,
//! hybrid and near_text searches, with and without filters, grouped, in a tenant, untyped, and the
//! refusals.
//!
//! Every expectation is computed here, in plain Rust, from the objects inserted: the statistics
//! follow Weaviate 1.39's definitions (`adapters/repos/db/aggregator`): the median of an even
//! count is the mean of the two middle values (dates: the midpoint), the mode of numbers is the
//! smallest of the most frequent values (of dates: any of them), the top occurrences are the most
//! frequent values with ties in byte order, percentages are fractions of 1, arrays count each
//! element and absent options count nothing.
//!
//! Data: twelve items, `v = (i, 0)`, so a near-vector search from the origin ranks them by `i`.

mod common;

use std::collections::HashMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use uuid::Uuid;
use weaviate_orm::aggregate::{
    AnyMetrics, BooleanMetrics, DateMetrics, GroupValue, IntMetrics, NumberMetrics, TextMetrics,
    TopOccurrence, UntypedMetrics,
};
use weaviate_orm::filter::Filter;
use weaviate_orm::schema::MultiTenancyConfig;
use weaviate_orm::typed::Reference;
use weaviate_orm::{Client, Collection, Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "AggItem",
    vector(name = "v", dimensions = 2, index = flat(distance = l2_squared))
)]
struct Item {
    #[weaviate(tokenization = word)]
    title: String,
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(tokenization = field)]
    topic: String,
    views: i64,
    score: f64,
    done: bool,
    published: DateTime<Utc>,
    rating: Option<i64>,
    #[weaviate(tokenization = field)]
    tags: Vec<String>,
    counts: Vec<i64>,
    weights: Vec<f64>,
    flags: Vec<bool>,
    dates: Vec<DateTime<Utc>>,
    #[weaviate(tokenization = field)]
    note: Option<String>,
    #[weaviate(vector = "v")]
    v: Vec<f32>,
}

const N: usize = 12;
const VIEWS: [i64; N] = [5, 3, 8, 3, 10, 1, 8, 2, 7, 3, 8, 4];
const DAYS: [i64; N] = [0, 3, 3, 7, 1, 9, 3, 12, 5, 2, 7, 20];

fn id(i: usize) -> Uuid {
    Uuid::from_u128(0xa66e_0000_0000_4000_8000_0000_0000_0000 + i as u128)
}

fn day(d: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap() + Duration::days(d)
}

fn item(i: usize) -> Item {
    let n = i as i64;
    Item {
        id: id(i),
        title: ["alpha one", "beta two", "alpha three", "gamma four"][i % 4].into(),
        topic: if i < 5 {
            "db"
        } else if i < 9 {
            "ml"
        } else {
            "web"
        }
        .into(),
        views: VIEWS[i],
        score: VIEWS[i] as f64 * 1.5 + n as f64 * 0.25,
        done: i % 3 != 1,
        published: day(DAYS[i]),
        rating: (i % 4 != 3).then_some(n % 5),
        tags: match i % 3 {
            0 => vec!["red".into(), "blue".into()],
            1 => vec!["red".into()],
            _ => vec![],
        },
        counts: if i % 2 == 0 { vec![n, n * 2] } else { vec![1] },
        weights: vec![n as f64 / 2.0],
        flags: vec![i % 2 == 0, i % 5 == 0],
        dates: vec![day(n), day(n % 4)],
        note: if i % 2 == 0 {
            Some("even".into())
        } else if i % 3 == 0 {
            Some("three".into())
        } else {
            None
        },
        v: vec![n as f32, 0.0],
    }
}

fn items() -> Vec<Item> {
    (0..N).map(item).collect()
}

async fn create(client: &Client, config: weaviate_orm::schema::CollectionConfig) -> String {
    client.collections().create(&config).await.unwrap();
    config.name
}

/// A fresh collection of the twelve items, and a typed handle on it.
async fn seeded(client: &Client) -> Collection<Item> {
    let mut config = Item::collection_config();
    config.name = common::unique("Agg");
    let name = create(client, config).await;
    let handle = client.collection(&name).typed::<Item>();
    let report = handle.batch().insert_many(items()).await.unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    handle
}

// ---- expectations, computed from the data ----

fn median(sorted: &[f64]) -> f64 {
    let n = sorted.len();
    if n % 2 == 1 {
        sorted[n / 2]
    } else {
        (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
    }
}

/// The most frequent values (all that tie), smallest first.
fn modes<T: PartialOrd + Clone>(values: &[T]) -> Vec<T> {
    let mut counted: Vec<(T, usize)> = Vec::new();
    for v in values {
        match counted.iter_mut().find(|(x, _)| x == v) {
            Some((_, c)) => *c += 1,
            None => counted.push((v.clone(), 1)),
        }
    }
    let most = counted.iter().map(|(_, c)| *c).max().unwrap_or(0);
    let mut out: Vec<T> = counted
        .into_iter()
        .filter(|(_, c)| *c == most)
        .map(|(v, _)| v)
        .collect();
    out.sort_by(|a, b| a.partial_cmp(b).unwrap());
    out
}

fn expect_ints(values: &[i64]) -> IntMetrics {
    if values.is_empty() {
        return IntMetrics {
            count: Some(0),
            ..Default::default()
        };
    }
    let mut sorted: Vec<f64> = values.iter().map(|v| *v as f64).collect();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let sum: i64 = values.iter().sum();
    IntMetrics {
        count: Some(values.len() as u64),
        sum: Some(sum),
        mean: Some(sum as f64 / values.len() as f64),
        median: Some(median(&sorted)),
        mode: Some(modes(values)[0]),
        minimum: values.iter().min().copied(),
        maximum: values.iter().max().copied(),
    }
}

fn expect_numbers(values: &[f64]) -> NumberMetrics {
    if values.is_empty() {
        return NumberMetrics {
            count: Some(0),
            ..Default::default()
        };
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let sum: f64 = values.iter().sum();
    NumberMetrics {
        count: Some(values.len() as u64),
        sum: Some(sum),
        mean: Some(sum / values.len() as f64),
        median: Some(median(&sorted)),
        mode: Some(modes(values)[0]),
        minimum: sorted.first().copied(),
        maximum: sorted.last().copied(),
    }
}

fn expect_texts(values: &[String], limit: usize) -> TextMetrics {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    let mut top: Vec<TopOccurrence> = counts
        .into_iter()
        .map(|(value, count)| TopOccurrence {
            value: value.to_owned(),
            count,
        })
        .collect();
    top.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value)));
    top.truncate(limit);
    TextMetrics {
        count: Some(values.len() as u64),
        top_occurrences: Some(top),
    }
}

fn expect_bools(values: &[bool]) -> BooleanMetrics {
    let t = values.iter().filter(|b| **b).count() as u64;
    let n = values.len() as u64;
    let fraction = |k: u64| if n == 0 { 0.0 } else { k as f64 / n as f64 };
    BooleanMetrics {
        count: Some(n),
        total_true: Some(t),
        total_false: Some(n - t),
        percentage_true: Some(fraction(t)),
        percentage_false: Some(fraction(n - t)),
    }
}

/// The date statistics, and every date the mode may be (the server picks any of those that tie).
fn expect_dates(values: &[DateTime<Utc>]) -> (DateMetrics<DateTime<Utc>>, Vec<DateTime<Utc>>) {
    if values.is_empty() {
        let none = DateMetrics {
            count: Some(0),
            ..Default::default()
        };
        return (none, Vec::new());
    }
    let mut sorted = values.to_vec();
    sorted.sort();
    let n = sorted.len();
    let median = if n % 2 == 1 {
        sorted[n / 2]
    } else {
        let (a, b) = (sorted[n / 2 - 1], sorted[n / 2]);
        a + Duration::nanoseconds((b - a).num_nanoseconds().unwrap() / 2)
    };
    let candidates = modes(values);
    let metrics = DateMetrics {
        count: Some(n as u64),
        median: Some(median),
        mode: None,
        minimum: sorted.first().copied(),
        maximum: sorted.last().copied(),
    };
    (metrics, candidates)
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs())),
        (None, None) => true,
        _ => false,
    }
}

fn assert_ints(what: &str, got: &IntMetrics, values: &[i64]) {
    let want = expect_ints(values);
    let exact = (got.count, got.sum, got.mode, got.minimum, got.maximum);
    let want_exact = (want.count, want.sum, want.mode, want.minimum, want.maximum);
    assert_eq!(
        exact, want_exact,
        "{what}: {got:?} vs {want:?} from {values:?}"
    );
    assert!(
        close(got.mean, want.mean) && close(got.median, want.median),
        "{what}: {got:?} vs {want:?} from {values:?}"
    );
}

fn assert_numbers(what: &str, got: &NumberMetrics, values: &[f64]) {
    let want = expect_numbers(values);
    assert_eq!(got.count, want.count, "{what}: {got:?} vs {want:?}");
    for (name, g, w) in [
        ("sum", got.sum, want.sum),
        ("mean", got.mean, want.mean),
        ("median", got.median, want.median),
        ("mode", got.mode, want.mode),
        ("minimum", got.minimum, want.minimum),
        ("maximum", got.maximum, want.maximum),
    ] {
        assert!(close(g, w), "{what}.{name}: {g:?} vs {w:?} from {values:?}");
    }
}

fn assert_dates(what: &str, got: &DateMetrics<DateTime<Utc>>, values: &[DateTime<Utc>]) {
    let (want, modes) = expect_dates(values);
    let without_mode = DateMetrics {
        mode: None,
        ..got.clone()
    };
    assert_eq!(without_mode, want, "{what} from {values:?}");
    match got.mode {
        Some(m) => assert!(modes.contains(&m), "{what}: mode {m} not among {modes:?}"),
        None => assert!(values.is_empty(), "{what}: no mode"),
    }
}

type All = (
    IntMetrics,
    NumberMetrics,
    TextMetrics,
    BooleanMetrics,
    DateMetrics<DateTime<Utc>>,
    IntMetrics,
    TextMetrics,
    IntMetrics,
    NumberMetrics,
    BooleanMetrics,
    DateMetrics<DateTime<Utc>>,
    TextMetrics,
);

/// Every metric of every field.
macro_rules! all_metrics {
    () => {{
        let f = Item::fields();
        (
            f.views.metrics().all(),
            f.score.metrics().all(),
            f.title.metrics().all(3),
            f.done.metrics().all(),
            f.published.metrics().all(),
            f.rating.metrics().all(),
            f.tags.metrics().all(5),
            f.counts.metrics().all(),
            f.weights.metrics().all(),
            f.flags.metrics().all(),
            f.dates.metrics().all(),
            f.note.metrics().all(2),
        )
    }};
}

/// Runs `aggregation` with every metric and the total count, and checks both against the
/// statistics of `expected` (a `Vec<Item>`, computed from the data).
macro_rules! check_aggregation {
    ($what:expr, $aggregation:expr, $expected:expr) => {{
        let result = $aggregation
            .metrics(all_metrics!())
            .total_count()
            .await
            .unwrap();
        let expected: Vec<Item> = $expected;
        assert_eq!(result.total_count, Some(expected.len() as u64), "{}", $what);
        check_all($what, &result.metrics, &refs(&expected));
    }};
}

/// Checks every statistic of `got` against the statistics of `objects`.
fn check_all(what: &str, got: &All, objects: &[&Item]) {
    let (views, score, title, done, published, rating, tags, counts, weights, flags, dates, note) =
        got;
    let col = |f: &dyn Fn(&Item) -> Vec<i64>| objects.iter().flat_map(|o| f(o)).collect::<Vec<_>>();
    assert_ints(&format!("{what} views"), views, &col(&|o| vec![o.views]));
    assert_ints(
        &format!("{what} rating"),
        rating,
        &col(&|o| o.rating.into_iter().collect()),
    );
    assert_ints(
        &format!("{what} counts"),
        counts,
        &col(&|o| o.counts.clone()),
    );
    let nums =
        |f: &dyn Fn(&Item) -> Vec<f64>| objects.iter().flat_map(|o| f(o)).collect::<Vec<_>>();
    assert_numbers(&format!("{what} score"), score, &nums(&|o| vec![o.score]));
    assert_numbers(
        &format!("{what} weights"),
        weights,
        &nums(&|o| o.weights.clone()),
    );
    let texts =
        |f: &dyn Fn(&Item) -> Vec<String>| objects.iter().flat_map(|o| f(o)).collect::<Vec<_>>();
    assert_eq!(
        title,
        &expect_texts(&texts(&|o| vec![o.title.clone()]), 3),
        "{what} title"
    );
    assert_eq!(
        tags,
        &expect_texts(&texts(&|o| o.tags.clone()), 5),
        "{what} tags"
    );
    assert_eq!(
        note,
        &expect_texts(&texts(&|o| o.note.clone().into_iter().collect()), 2),
        "{what} note"
    );
    let bools =
        |f: &dyn Fn(&Item) -> Vec<bool>| objects.iter().flat_map(|o| f(o)).collect::<Vec<_>>();
    assert_eq!(
        done,
        &expect_bools(&bools(&|o| vec![o.done])),
        "{what} done"
    );
    assert_eq!(
        flags,
        &expect_bools(&bools(&|o| o.flags.clone())),
        "{what} flags"
    );
    let ds = |f: &dyn Fn(&Item) -> Vec<DateTime<Utc>>| {
        objects.iter().flat_map(|o| f(o)).collect::<Vec<_>>()
    };
    assert_dates(
        &format!("{what} published"),
        published,
        &ds(&|o| vec![o.published]),
    );
    assert_dates(&format!("{what} dates"), dates, &ds(&|o| o.dates.clone()));
}

/// The items matching `keep`, ranked by their vector's distance to the origin (that is, by `i`),
/// the first `limit`.
fn nearest(keep: impl Fn(&Item) -> bool, limit: usize) -> Vec<Item> {
    items()
        .into_iter()
        .filter(|o| keep(o))
        .take(limit)
        .collect()
}

fn refs(objects: &[Item]) -> Vec<&Item> {
    objects.iter().collect()
}

fn popular() -> Filter<Item> {
    Item::fields().views.gt(3)
}

#[tokio::test]
async fn every_metric_over_all_objects_with_and_without_a_filter() {
    let client = common::client().await;
    let articles = seeded(&client).await;

    check_aggregation!("over all", articles.aggregate().over_all(), items());

    check_aggregation!(
        "over all, views > 3",
        articles.aggregate().over_all().filter(popular()),
        items().into_iter().filter(|o| o.views > 3).collect()
    );

    // one builder, not a tuple; only what was asked comes back; no total count unless asked
    let f = Item::fields();
    let one = articles
        .aggregate()
        .over_all()
        .metrics(f.views.metrics().sum().maximum())
        .await
        .unwrap();
    assert_eq!(one.total_count, None);
    assert_eq!(
        one.metrics,
        IntMetrics {
            sum: Some(VIEWS.iter().sum()),
            maximum: VIEWS.iter().max().copied(),
            ..Default::default()
        }
    );

    // a filter that matches nothing: counts of zero, nothing else
    let none = articles
        .aggregate()
        .over_all()
        .filter(f.views.gt(1000))
        .metrics((f.views.metrics().all(), f.title.metrics().all(3)))
        .total_count()
        .await
        .unwrap();
    assert_eq!(none.total_count, Some(0));
    assert_eq!(none.metrics.0.sum, None);
    assert_eq!(none.metrics.1.top_occurrences, Some(vec![]));
}

#[tokio::test]
async fn every_metric_over_vector_searches() {
    let client = common::client().await;
    let articles = seeded(&client).await;
    let f = Item::fields();

    check_aggregation!(
        "near_vector limit 5",
        articles
            .aggregate()
            .near_vector(vec![0.0, 0.0])
            .target(Item::vectors().v)
            .object_limit(5),
        nearest(|_| true, 5)
    );

    check_aggregation!(
        "near_vector limit 5, done",
        articles
            .aggregate()
            .near_vector(vec![0.0, 0.0])
            .object_limit(5)
            .filter(f.done.equal(true)),
        nearest(|o| o.done, 5)
    );

    // a distance instead of a limit (the server reads it as a certainty, 1 - d/2, so it must be
    // below 2): squared distances i² <= 1.5 keep items 0 and 1
    check_aggregation!(
        "near_vector distance 1.5",
        articles
            .aggregate()
            .near_vector(vec![0.0, 0.0])
            .distance(1.5),
        nearest(|o| (o.v[0] * o.v[0]) <= 1.5, N)
    );

    // from item 0's vector: item 0 itself, then 1, 2
    check_aggregation!(
        "near_object limit 3",
        articles.aggregate().near_object(id(0)).object_limit(3),
        nearest(|_| true, 3)
    );
}

#[tokio::test]
async fn every_metric_over_keyword_and_hybrid_searches() {
    let client = common::client().await;
    let articles = seeded(&client).await;
    let f = Item::fields();
    let has_alpha = |o: &Item| o.title.split(' ').any(|w| w == "alpha");

    check_aggregation!(
        "bm25 alpha",
        articles.aggregate().bm25("alpha").object_limit(50),
        items().into_iter().filter(has_alpha).collect()
    );

    // Weaviate 1.39 runs the keyword part of an aggregation without the filter (found here:
    // a filtered bm25 counted every "alpha" item); refused before sending
    let e = articles
        .aggregate()
        .bm25("alpha")
        .object_limit(50)
        .filter(f.topic.equal("ml"))
        .total_count()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput { .. }), "{e}");

    // hybrid, vector only (alpha 1): the nearest four
    check_aggregation!(
        "hybrid alpha 1",
        articles
            .aggregate()
            .hybrid("alpha")
            .alpha(1.0)
            .vector(vec![0.0, 0.0])
            .target(Item::vectors().v)
            .object_limit(4),
        nearest(|_| true, 4)
    );

    // hybrid, vector only, filtered: the nearest three "ml" items
    check_aggregation!(
        "hybrid alpha 1, ml",
        articles
            .aggregate()
            .hybrid("alpha")
            .alpha(1.0)
            .vector(vec![0.0, 0.0])
            .object_limit(3)
            .filter(f.topic.equal("ml")),
        nearest(|o| o.topic == "ml", 3)
    );

    // hybrid, fused: the keyword matches and the vector matches (here: all twelve)
    check_aggregation!(
        "hybrid alpha 0.5",
        articles
            .aggregate()
            .hybrid("alpha")
            .alpha(0.5)
            .vector(vec![0.0, 0.0])
            .object_limit(N as u32),
        items()
    );
    let e = articles
        .aggregate()
        .hybrid("alpha")
        .alpha(0.5)
        .vector(vec![0.0, 0.0])
        .object_limit(N as u32)
        .filter(f.topic.equal("ml"))
        .total_count()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput { .. }), "{e}");
}

/// The groups' values and sizes, and each group's statistics against its own objects.
fn check_groups(
    what: &str,
    groups: &[weaviate_orm::aggregate::AggregateGroup<All>],
    objects: &[Item],
    limit: usize,
) {
    let mut by_topic: Vec<(String, Vec<&Item>)> = Vec::new();
    for o in objects {
        match by_topic.iter_mut().find(|(t, _)| *t == o.topic) {
            Some((_, v)) => v.push(o),
            None => by_topic.push((o.topic.clone(), vec![o])),
        }
    }
    // largest first; the server orders groups of the same size as it likes, so both sides are
    // compared in (size, value) order, and a limit is only used where it cuts between sizes
    by_topic.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    by_topic.truncate(limit);
    let mut groups: Vec<_> = groups.iter().collect();
    groups.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(a.value.as_text().cmp(&b.value.as_text()))
    });
    let got: Vec<(Option<&str>, u64)> = groups
        .iter()
        .map(|g| (g.value.as_text(), g.count))
        .collect();
    let want: Vec<(Option<&str>, u64)> = by_topic
        .iter()
        .map(|(t, v)| (Some(t.as_str()), v.len() as u64))
        .collect();
    assert_eq!(got, want, "{what}: groups");
    for (g, (topic, members)) in groups.iter().zip(&by_topic) {
        assert_eq!(g.path, ["topic"], "{what}");
        check_all(&format!("{what}, group {topic}"), &g.metrics, members);
    }
}

#[tokio::test]
async fn every_metric_per_group() {
    let client = common::client().await;
    let articles = seeded(&client).await;
    let f = Item::fields();

    // topics: db x5, ml x4, web x3 (sizes differ, so the order is fixed)
    let groups = articles
        .aggregate()
        .over_all()
        .group_by(f.topic)
        .metrics(all_metrics!())
        .await
        .unwrap();
    check_groups("group_by topic", &groups, &items(), 10);

    let groups = articles
        .aggregate()
        .over_all()
        .group_by(f.topic)
        .limit(2)
        .metrics(all_metrics!())
        .await
        .unwrap();
    check_groups("group_by topic limit 2", &groups, &items(), 2);

    let groups = articles
        .aggregate()
        .over_all()
        .filter(f.done.equal(true))
        .group_by(f.topic)
        .metrics(all_metrics!())
        .await
        .unwrap();
    let done: Vec<Item> = items().into_iter().filter(|o| o.done).collect();
    check_groups("group_by topic, done", &groups, &done, 10);

    // over a search: the nearest seven are db x5, ml x2
    let groups = articles
        .aggregate()
        .near_vector(vec![0.0, 0.0])
        .object_limit(7)
        .group_by(f.topic)
        .metrics(all_metrics!())
        .await
        .unwrap();
    check_groups(
        "near_vector limit 7, group_by topic",
        &groups,
        &nearest(|_| true, 7),
        10,
    );

    // by an integer: one group per value (groups of the same size in any order: sorted here)
    let groups = articles
        .aggregate()
        .over_all()
        .group_by(f.views)
        .metrics(f.score.metrics().count())
        .await
        .unwrap();
    let mut got: Vec<(i64, u64, Option<u64>)> = groups
        .iter()
        .map(|g| {
            let v = g.value.as_f64().unwrap_or_else(|| panic!("{:?}", g.value));
            (v as i64, g.count, g.metrics.count)
        })
        .collect();
    got.sort();
    let mut want: Vec<(i64, u64, Option<u64>)> = Vec::new();
    for v in VIEWS {
        if !want.iter().any(|(x, _, _)| *x == v) {
            let n = VIEWS.iter().filter(|x| **x == v).count() as u64;
            want.push((v, n, Some(n)));
        }
    }
    want.sort();
    assert_eq!(got, want);
    // Weaviate reads the grouped-by values from the stored objects, where integers are numbers
    assert!(
        groups
            .iter()
            .all(|g| matches!(g.value, GroupValue::Number(_))),
        "{groups:?}"
    );

    // by an array: each element is a group (red: i % 3 in {0, 1}, blue: i % 3 == 0)
    let groups = articles
        .aggregate()
        .over_all()
        .group_by(f.tags)
        .metrics(f.views.metrics().sum())
        .await
        .unwrap();
    let got: Vec<_> = groups
        .iter()
        .map(|g| (g.value.clone(), g.count, g.metrics.sum))
        .collect();
    let sum_where =
        |keep: &dyn Fn(usize) -> bool| (0..N).filter(|i| keep(*i)).map(|i| VIEWS[i]).sum::<i64>();
    assert_eq!(
        got,
        [
            (
                GroupValue::Text("red".into()),
                8,
                Some(sum_where(&|i| i % 3 != 2))
            ),
            (
                GroupValue::Text("blue".into()),
                4,
                Some(sum_where(&|i| i % 3 == 0))
            ),
        ]
    );
}

#[tokio::test]
async fn a_tenant_scoped_handle_aggregates_its_tenant() {
    let client = common::client().await;
    let mut config = Item::collection_config();
    config.name = common::unique("AggTenant");
    config.multi_tenancy_config = Some(MultiTenancyConfig::enabled());
    let name = create(&client, config).await;
    let handle = client.collection(&name).typed::<Item>();
    handle.tenants().create(["north", "south"]).await.unwrap();
    let (north, south): (Vec<Item>, Vec<Item>) = items().into_iter().partition(|o| o.views >= 5);
    for (tenant, objects) in [("north", &north), ("south", &south)] {
        let report = handle
            .with_tenant(tenant)
            .batch()
            .insert_many(objects.clone())
            .await
            .unwrap();
        assert!(report.is_success(), "{:?}", report.errors);
    }
    for (tenant, objects) in [("north", &north), ("south", &south)] {
        let result = handle
            .with_tenant(tenant)
            .aggregate()
            .over_all()
            .metrics(all_metrics!())
            .total_count()
            .await
            .unwrap();
        assert_eq!(result.total_count, Some(objects.len() as u64), "{tenant}");
        check_all(tenant, &result.metrics, &refs(objects));
    }
    // without a tenant the server refuses, with its message
    let e = handle
        .aggregate()
        .over_all()
        .total_count()
        .await
        .unwrap_err();
    assert!(
        e.to_string().to_lowercase().contains("tenant"),
        "the server's message is kept: {e}"
    );
}

#[tokio::test]
async fn untyped_metrics_by_name_and_run_time_type() {
    let client = common::client().await;
    let articles = seeded(&client).await;
    let untyped = client.collection(articles.name());
    let config = Item::collection_config();
    let metrics: Vec<UntypedMetrics> = ["views", "score", "title", "done", "published", "counts"]
        .iter()
        .map(|name| {
            let p = config.properties.iter().find(|p| p.name == *name).unwrap();
            UntypedMetrics::for_data_type(*name, &p.data_type, 3).unwrap()
        })
        .collect();
    let result = untyped
        .aggregate()
        .over_all()
        .filter(Filter::property("views").gt(3))
        .metrics(metrics)
        .total_count()
        .await
        .unwrap();
    let kept: Vec<Item> = items().into_iter().filter(|o| o.views > 3).collect();
    assert_eq!(result.total_count, Some(kept.len() as u64));
    let names: Vec<_> = result.metrics.iter().map(|p| p.property.as_str()).collect();
    assert_eq!(
        names,
        ["views", "score", "title", "done", "published", "counts"]
    );
    fn col<T>(kept: &[Item], f: impl Fn(&Item) -> Vec<T>) -> Vec<T> {
        kept.iter().flat_map(f).collect()
    }
    for p in &result.metrics {
        let what = format!("untyped {}", p.property);
        match (p.property.as_str(), &p.metrics) {
            ("views", AnyMetrics::Int(m)) => assert_ints(&what, m, &col(&kept, |o| vec![o.views])),
            ("counts", AnyMetrics::Int(m)) => {
                assert_ints(&what, m, &col(&kept, |o| o.counts.clone()))
            }
            ("score", AnyMetrics::Number(m)) => {
                assert_numbers(&what, m, &col(&kept, |o| vec![o.score]))
            }
            ("title", AnyMetrics::Text(m)) => assert_eq!(
                m,
                &expect_texts(&col(&kept, |o| vec![o.title.clone()]), 3),
                "{what}"
            ),
            ("done", AnyMetrics::Boolean(m)) => {
                assert_eq!(m, &expect_bools(&col(&kept, |o| vec![o.done])), "{what}")
            }
            ("published", AnyMetrics::Date(m)) => {
                assert_dates(&what, m, &col(&kept, |o| vec![o.published]))
            }
            other => panic!("{other:?}"),
        }
    }

    // a kind that does not fit the property's type on the server is a decode error, not wrong data
    let e = untyped
        .aggregate()
        .over_all()
        .metrics(UntypedMetrics::int("title").sum())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e}");

    // the server's refusal of an unknown property keeps its message
    let e = untyped
        .aggregate()
        .over_all()
        .metrics(UntypedMetrics::int("nosuchproperty").sum())
        .await
        .unwrap_err();
    assert!(e.to_string().contains("nosuchproperty"), "{e}");
}

/// near_text needs a vectorizer that takes nearText: text2vec-transformers on the local embedder.
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "AggPhrase",
    vector(name = "text_vec", source = [title], vectorizer = text2vec_transformers(vectorize_class_name = false))
)]
struct Phrase {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    words: i64,
}

#[tokio::test]
async fn over_a_near_text_search() {
    const PHRASES: [&str; 5] = [
        "my cat naps",
        "cats chase mice all day",
        "a cat and a dog",
        "stock market report",
        "catalog of garden tools",
    ];
    let client = common::client().await;
    let mut config = Phrase::collection_config();
    config.name = common::unique("AggPhrase");
    let name = create(&client, config).await;
    let phrases: Vec<Phrase> = PHRASES
        .iter()
        .enumerate()
        .map(|(i, t)| Phrase {
            id: Uuid::from_u128(0xa66f_0000_0000_4000_8000_0000_0000_0000 + i as u128),
            title: (*t).into(),
            words: t.split(' ').count() as i64,
        })
        .collect();
    let handle = client.collection(&name).typed::<Phrase>();
    let report = handle.batch().insert_many(phrases.clone()).await.unwrap();
    assert!(report.is_success(), "{:?}", report.errors);

    // which objects the search matches is the search's; their statistics are computed here
    let hits = handle.query().near_text("cats").limit(3).await.unwrap();
    let matched: Vec<&Phrase> = hits
        .iter()
        .map(|h| phrases.iter().find(|p| p.id == h.id).unwrap())
        .collect();
    let f = Phrase::fields();
    let result = handle
        .aggregate()
        .near_text("cats")
        .object_limit(3)
        .metrics((f.words.metrics().all(), f.title.metrics().all(5)))
        .total_count()
        .await
        .unwrap();
    assert_eq!(result.total_count, Some(3));
    assert_ints(
        "near_text words",
        &result.metrics.0,
        &matched.iter().map(|p| p.words).collect::<Vec<_>>(),
    );
    assert_eq!(
        result.metrics.1,
        expect_texts(
            &matched.iter().map(|p| p.title.clone()).collect::<Vec<_>>(),
            5
        )
    );
}

/// The target of `Review::about`; its collection keeps this fixed name (a reference names its
/// target collection), made fresh by the one test that uses it.
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "AggTarget")]
struct Target {
    #[weaviate(id)]
    id: Uuid,
    label: String,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "AggReview")]
struct Review {
    #[weaviate(id)]
    id: Uuid,
    stars: i64,
    about: Reference<Target>,
}

#[tokio::test]
async fn references_point_to_their_targets() {
    let client = common::client().await;
    common::recreate_derived::<Target>(&client).await;
    let targets: Vec<Target> = (0..3)
        .map(|i| Target {
            id: Uuid::from_u128(0xa670_0000_0000_4000_8000_0000_0000_0000 + i),
            label: format!("t{i}"),
        })
        .collect();
    let report = client
        .collection_of::<Target>()
        .batch()
        .insert_many(targets.clone())
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);

    let mut config = Review::collection_config();
    config.name = common::unique("AggReview");
    let name = create(&client, config).await;
    let reviews = client.collection(&name).typed::<Review>();
    // reviews 0..6 point to target i % 2: targets 0 and 1, never 2
    for i in 0..6u128 {
        let review = Review {
            id: Uuid::from_u128(0xa671_0000_0000_4000_8000_0000_0000_0000 + i),
            stars: i as i64,
            about: Reference::to([targets[(i % 2) as usize].id]),
        };
        reviews.data().insert(review).await.unwrap();
    }
    let f = Review::fields();
    // Weaviate 1.39 computes pointing_to only for filtered (or searched) aggregations: over all
    // objects it answers nothing, so that is refused before sending
    let e = reviews
        .aggregate()
        .over_all()
        .metrics(f.about.metrics().pointing_to())
        .await
        .unwrap_err();
    assert!(matches!(e, Error::InvalidInput { .. }), "{e}");
    let result = reviews
        .aggregate()
        .over_all()
        .filter(f.stars.gte(0))
        .metrics((f.about.metrics().pointing_to(), f.stars.metrics().sum()))
        .total_count()
        .await
        .unwrap();
    assert_eq!(result.total_count, Some(6));
    assert_eq!(result.metrics.1.sum, Some((0..6).sum()));
    let mut pointing = result.metrics.0.pointing_to.expect("asked for");
    pointing.sort();
    let mut want: Vec<String> = targets[..2]
        .iter()
        .map(|t| format!("weaviate://localhost/{}/{}", Target::NAME, t.id))
        .collect();
    want.sort();
    assert_eq!(pointing, want);
}
