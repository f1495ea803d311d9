//! Latency of one typed near_vector search (limit 10) through weaviate-orm against the same
//! gRPC `SearchRequest` sent with a raw tonic client, on the same server, interleaved.
//!
//! ```text
//! search-bench --http URL --grpc URL [--count 10000] [--iterations 2000] [--rounds 5]
//!              [--warmup 300] [--keep] [--json FILE]
//! ```
//!
//! The collection `BenchSearchDoc` (4 properties, one 128-dimensional vector, HNSW) is created and
//! filled with `--count` objects; with `--keep` an existing one is reused and left for the next run.
//! Each round times `--iterations` searches of each path, interleaved (the order rotating every
//! iteration), with the same query vector:
//!
//! - `typed`: `client.collection_of::<SearchDoc>().query().near_vector(v).limit(10).await`: builds
//!   the request, calls Search through the client's channel, decodes ten `Hit<SearchDoc>`;
//! - `raw`: the same `SearchRequest` (built by hand from `weaviate_orm::wire` types, checked equal to
//!   the typed path's `to_request()` at start) through `weaviate_orm::wire`'s generated tonic client
//!   on its own channel; prost decodes the reply, nothing more;
//! - `request` (for the profile): the typed path's `to_request()` sent through the raw client, so
//!   `typed - request` is decoding into `Hit<SearchDoc>` and the client's transport, and
//!   `request - raw` is building the request;
//! - `build` (not a round-trip): `to_request()` alone.
//!
//! Prints one line per round and a summary (p50/p90/p99 per path, the ratio of p50s) and, with
//! `--json`, writes every latency.

use std::time::{Duration, Instant};

use serde_json::json;
use tonic::transport::Channel;
use uuid::Uuid;
use weaviate_orm::wire::v1 as pb;
use weaviate_orm::wire::v1::weaviate_client::WeaviateClient;
use weaviate_orm::{ClientBuilder, WeaviateCollection};

/// The searched collection.
#[derive(WeaviateCollection, Debug)]
#[weaviate(name = "BenchSearchDoc")]
struct SearchDoc {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    category: String,
    views: i64,
    score: f64,
    #[weaviate(vector)]
    vector: Vec<f32>,
}

const DIM: usize = 128;
const CATEGORIES: [&str; 5] = ["news", "sports", "tech", "science", "culture"];

/// A deterministic pseudo-random vector in [-0.5, 0.5).
fn vector(seed: u64) -> Vec<f32> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..DIM).map(|_| rng.f32() - 0.5).collect()
}

fn doc(i: u64) -> SearchDoc {
    SearchDoc {
        id: Uuid::from_u128((0x5EA2_u128 << 112) | u128::from(i)),
        title: format!("Document {i}"),
        category: CATEGORIES[(i % 5) as usize].into(),
        views: ((i * 7919) % 1_000_000) as i64,
        score: (i % 1000) as f64 / 8.0,
        vector: vector(i),
    }
}

fn vector_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// The request the typed path sends, written by hand: near_vector with one single-f32 query vector,
/// limit 10, the struct's four properties, the id, bytes vectors (uses_127_api; the older flags are
/// deprecated in the proto, and the library sets them all).
#[allow(deprecated)]
fn raw_request(v: &[f32]) -> pb::SearchRequest {
    pb::SearchRequest {
        collection: SearchDoc::NAME.into(),
        limit: 10,
        uses_123_api: true,
        uses_125_api: true,
        uses_127_api: true,
        metadata: Some(pb::MetadataRequest {
            uuid: true,
            ..Default::default()
        }),
        properties: Some(pb::PropertiesRequest {
            non_ref_properties: ["title", "category", "views", "score"]
                .map(String::from)
                .to_vec(),
            ..Default::default()
        }),
        near_vector: Some(pb::NearVector {
            vectors: vec![pb::Vectors {
                name: String::new(),
                vector_bytes: vector_bytes(v),
                r#type: pb::vectors::VectorType::SingleFp32 as i32,
                ..Default::default()
            }],
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// One typed search, timed in microseconds: build, call, decode into `Hit<SearchDoc>`.
async fn typed_once(client: &weaviate_orm::Client, v: Vec<f32>) -> f64 {
    let t = Instant::now();
    let hits = client
        .collection_of::<SearchDoc>()
        .query()
        .near_vector(v)
        .limit(10)
        .await
        .expect("typed search");
    let micros = t.elapsed().as_secs_f64() * 1e6;
    assert_eq!(hits.len(), 10);
    std::hint::black_box(hits);
    micros
}

/// The same search through the raw tonic client, timed in microseconds: build the request by hand,
/// call, prost decodes the reply.
async fn raw_once(raw: &mut WeaviateClient<Channel>, v: &[f32]) -> f64 {
    let t = Instant::now();
    let reply = raw
        .search(raw_request(v))
        .await
        .expect("raw search")
        .into_inner();
    let micros = t.elapsed().as_secs_f64() * 1e6;
    assert_eq!(reply.results.len(), 10);
    std::hint::black_box(reply);
    micros
}

/// The typed path's request (`to_request()`) sent through the raw client, timed in microseconds:
/// the typed path without its decoding and transport, for the profile.
async fn request_once(
    client: &weaviate_orm::Client,
    raw: &mut WeaviateClient<Channel>,
    v: &[f32],
) -> f64 {
    let t = Instant::now();
    let request = client
        .collection_of::<SearchDoc>()
        .query()
        .near_vector(v.to_vec())
        .limit(10)
        .to_request()
        .expect("to_request");
    let reply = raw.search(request).await.expect("raw search").into_inner();
    let micros = t.elapsed().as_secs_f64() * 1e6;
    assert_eq!(reply.results.len(), 10);
    std::hint::black_box(reply);
    micros
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = (p / 100.0 * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn summary(samples: &[f64]) -> (f64, f64, f64) {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    (
        percentile(&s, 50.0),
        percentile(&s, 90.0),
        percentile(&s, 99.0),
    )
}

/// Prints one table row (p50/p90/p99 of typed and raw, their p50 ratio, the request and build
/// p50s); returns the ratio.
fn row(label: &str, typed: &[f64], raw: &[f64], request: &[f64], build: &[f64]) -> f64 {
    let (t50, t90, t99) = summary(typed);
    let (r50, r90, r99) = summary(raw);
    let (q50, _, _) = summary(request);
    let (b50, _, _) = summary(build);
    println!(
        "{label:>5} {t50:>9.0}µ {t90:>9.0}µ {t99:>9.0}µ {r50:>9.0}µ {r90:>9.0}µ {r99:>9.0}µ {:>7.3}x {q50:>10.0}µ {b50:>8.1}µ",
        t50 / r50
    );
    t50 / r50
}

struct Args {
    http: String,
    grpc: String,
    count: u64,
    iterations: usize,
    rounds: usize,
    warmup: usize,
    keep: bool,
    json: Option<String>,
}

fn parse_args() -> Args {
    let mut a = Args {
        http: String::new(),
        grpc: String::new(),
        count: 10_000,
        iterations: 2_000,
        rounds: 5,
        warmup: 300,
        keep: false,
        json: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| panic!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--http" => a.http = value(),
            "--grpc" => a.grpc = value(),
            "--count" => a.count = value().parse().expect("--count N"),
            "--iterations" => a.iterations = value().parse().expect("--iterations N"),
            "--rounds" => a.rounds = value().parse().expect("--rounds N"),
            "--warmup" => a.warmup = value().parse().expect("--warmup N"),
            "--keep" => a.keep = true,
            "--json" => a.json = Some(value()),
            other => panic!("unknown argument {other}"),
        }
    }
    assert!(
        !a.http.is_empty() && !a.grpc.is_empty(),
        "--http URL and --grpc URL are required"
    );
    a
}

#[tokio::main]
async fn main() {
    let args = parse_args();
    let client = ClientBuilder::custom(&args.http, &args.grpc)
        .insert_timeout(Duration::from_secs(300))
        .build()
        .await
        .expect("connect");

    // The data: created and imported, unless --keep left it from an earlier run.
    let collections = client.collections();
    let exists = collections.exists(SearchDoc::NAME).await.expect("exists");
    if !(args.keep && exists) {
        if exists {
            collections.delete(SearchDoc::NAME).await.expect("delete");
        }
        collections
            .create(&SearchDoc::collection_config())
            .await
            .expect("create");
        let t0 = Instant::now();
        let report = client
            .collection_of::<SearchDoc>()
            .batch()
            .insert_many((0..args.count).map(doc))
            .await
            .expect("import");
        assert!(report.is_success(), "{report}");
        eprintln!(
            "search-bench: imported {} objects in {:.1}s",
            args.count,
            t0.elapsed().as_secs_f64()
        );
    }

    // The raw path: its own channel, the generated client, the same request.
    let channel = tonic::transport::Endpoint::from_shared(args.grpc.clone())
        .expect("grpc url")
        .connect()
        .await
        .expect("raw channel");
    let mut raw = WeaviateClient::new(channel).max_decoding_message_size(usize::MAX);

    let queries: Vec<Vec<f32>> = (0..256).map(|q| vector(1_000_000 + q)).collect();
    // Same request, field for field.
    let typed_request = client
        .collection_of::<SearchDoc>()
        .query()
        .near_vector(queries[0].clone())
        .limit(10)
        .to_request()
        .expect("to_request");
    let hand = raw_request(&queries[0]);
    if typed_request != hand {
        eprintln!("typed: {typed_request:#?}\nraw:   {hand:#?}");
        panic!("the hand-built request differs from the typed path's to_request()");
    }

    // Both paths find the same objects.
    let typed_ids: Vec<Uuid> = client
        .collection_of::<SearchDoc>()
        .query()
        .near_vector(queries[1].clone())
        .limit(10)
        .await
        .expect("typed")
        .iter()
        .map(|h| h.id)
        .collect();
    let raw_ids: Vec<String> = raw
        .search(raw_request(&queries[1]))
        .await
        .expect("raw")
        .into_inner()
        .results
        .iter()
        .map(|r| {
            r.metadata
                .as_ref()
                .map(|m| m.id.clone())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        typed_ids.iter().map(Uuid::to_string).collect::<Vec<_>>(),
        raw_ids
    );

    eprintln!("search-bench: warming up ({} of each)", args.warmup);
    for i in 0..args.warmup {
        let v = &queries[i % queries.len()];
        typed_once(&client, v.clone()).await;
        raw_once(&mut raw, v).await;
        request_once(&client, &mut raw, v).await;
    }

    let (mut all_typed, mut all_raw, mut all_built, mut all_build) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut round_ratios = Vec::new();
    println!(
        "{:>5} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>8} {:>11} {:>9}",
        "round",
        "typed p50",
        "p90",
        "p99",
        "raw p50",
        "p90",
        "p99",
        "ratio",
        "request p50",
        "build p50"
    );
    for round in 0..args.rounds {
        let n = args.iterations;
        let (mut typed, mut rawt, mut built, mut build) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for i in 0..n {
            let v = &queries[(round * n + i) % queries.len()];
            // The three round-trips in a rotating order, so none is always first or last.
            for k in 0..3 {
                match (i + k) % 3 {
                    0 => typed.push(typed_once(&client, v.clone()).await),
                    1 => rawt.push(raw_once(&mut raw, v).await),
                    _ => built.push(request_once(&client, &mut raw, v).await),
                }
            }
            let t = Instant::now();
            let request = client
                .collection_of::<SearchDoc>()
                .query()
                .near_vector(v.clone())
                .limit(10)
                .to_request()
                .expect("to_request");
            build.push(t.elapsed().as_secs_f64() * 1e6);
            std::hint::black_box(request);
        }
        round_ratios.push(row(&(round + 1).to_string(), &typed, &rawt, &built, &build));
        all_typed.extend(typed);
        all_raw.extend(rawt);
        all_built.extend(built);
        all_build.extend(build);
    }
    row("all", &all_typed, &all_raw, &all_built, &all_build);
    let (t50, t90, t99) = summary(&all_typed);
    let (r50, r90, r99) = summary(&all_raw);
    let (q50, q90, q99) = summary(&all_built);
    let (b50, b90, b99) = summary(&all_build);
    let mut ratios = round_ratios.clone();
    ratios.sort_by(f64::total_cmp);
    let median_round_ratio = percentile(&ratios, 50.0);
    println!(
        "typed/raw p50 ratio: {:.3}x over all {} searches of each path; median of the {} rounds' ratios {:.3}x",
        t50 / r50,
        all_typed.len(),
        args.rounds,
        median_round_ratio,
    );
    println!(
        "typed - raw p50 = {:.0}µs: building the request {:.1}µs (to_request alone), request - raw p50 = {:.0}µs, typed - request p50 (decoding into Hit<T>, the client's transport) = {:.0}µs",
        t50 - r50,
        b50,
        q50 - r50,
        t50 - q50
    );
    if let Some(path) = &args.json {
        let out = json!({
            "count": args.count,
            "iterations": args.iterations,
            "rounds": args.rounds,
            "typed": {"p50": t50, "p90": t90, "p99": t99, "micros": all_typed},
            "raw": {"p50": r50, "p90": r90, "p99": r99, "micros": all_raw},
            "request": {"p50": q50, "p90": q90, "p99": q99, "micros": all_built},
            "build": {"p50": b50, "p90": b90, "p99": b99},
            "ratio_p50": t50 / r50,
            "round_ratios": round_ratios,
        });
        std::fs::write(path, out.to_string()).expect("write --json");
        eprintln!("search-bench: latencies in {path}");
    }
    if !args.keep {
        collections.delete(SearchDoc::NAME).await.expect("delete");
    }
}
