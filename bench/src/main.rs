//! Imports the benchmark data set with weaviate-orm and prints one JSON line of results.
//!
//! ```text
//! weaviate-orm-bench --http URL --grpc URL --collection NAME --count N [--mode MODE]
//! MODE: default | fixed:SIZExCONCURRENCY | dynamic | server-side
//! ```
//!
//! The data set (same as `bench/python/import_bench.py`, object for object): object `i` has the id
//! `0xBE4C << 112 | i`, six properties (`title`, `body`, `category` text, `views` int, `score` number,
//! `published` boolean) and a 128-dimensional vector: vector `i % 4096` of a fixed pool with its first
//! value replaced by `(i % 100003) / 100003`. Objects are generated lazily, as the importer pulls them,
//! as `BenchArticle` structs (`#[derive(WeaviateCollection)]`) through `TypedBatch` (the typed
//! handle's `batch()`), the way an application imports its own types.

use std::time::{Duration, Instant};

use serde_json::json;
use uuid::Uuid;
use weaviate_orm::batch::BatchMode;
use weaviate_orm::{ClientBuilder, WeaviateCollection};

/// The benchmark's collection (the harness creates it with the schema under test; the struct only
/// needs the same property names).
#[derive(WeaviateCollection)]
struct BenchArticle {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    body: String,
    category: String,
    views: i64,
    score: f64,
    published: bool,
    #[weaviate(vector)]
    vector: Vec<f32>,
}

const DIM: usize = 128;
const POOL: usize = 4096;
const CATEGORIES: [&str; 5] = ["news", "sports", "tech", "science", "culture"];

fn pool() -> Vec<Vec<f32>> {
    (0..POOL as u64)
        .map(|j| {
            (0..DIM as u64)
                .map(|k| {
                    let x = ((j + 1) * (k + 3) * 2_654_435_761) % 65_536;
                    (x as f64 / 65_536.0 - 0.5) as f32
                })
                .collect()
        })
        .collect()
}

fn object(i: u64, pool: &[Vec<f32>]) -> BenchArticle {
    let mut vector = pool[(i % POOL as u64) as usize].clone();
    vector[0] = ((i % 100_003) as f64 / 100_003.0) as f32;
    BenchArticle {
        id: Uuid::from_u128((0xBE4C_u128 << 112) | u128::from(i)),
        title: format!("Article {i}"),
        body: format!(
            "This is the body text of article number {i}, written for the import benchmark."
        ),
        category: CATEGORIES[(i % 5) as usize].into(),
        views: ((i * 7919) % 1_000_000) as i64,
        score: (i % 1000) as f64 / 8.0,
        published: i % 3 == 0,
        vector,
    }
}

fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(usage.ru_utime) + tv(usage.ru_stime)
}

fn parse_mode(mode: &str) -> Result<BatchMode, String> {
    Ok(match mode {
        "default" => BatchMode::default(),
        "dynamic" => BatchMode::dynamic(),
        "server-side" => BatchMode::server_side(),
        m if m.starts_with("fixed:") => {
            let (size, concurrency) = m["fixed:".len()..]
                .split_once('x')
                .ok_or_else(|| format!("bad mode {m}: use fixed:SIZExCONCURRENCY"))?;
            BatchMode::fixed(
                size.parse().map_err(|e| format!("bad size in {m}: {e}"))?,
                concurrency
                    .parse()
                    .map_err(|e| format!("bad concurrency in {m}: {e}"))?,
            )
        }
        m => return Err(format!("unknown mode {m}")),
    })
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let (mut http, mut grpc, mut collection, mut count, mut mode) = (
        String::new(),
        String::new(),
        String::new(),
        100_000u64,
        "default".to_owned(),
    );
    let mut progress = false;
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .unwrap_or_else(|| panic!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--http" => http = value(),
            "--grpc" => grpc = value(),
            "--collection" => collection = value(),
            "--count" => count = value().parse().expect("--count N"),
            "--mode" => mode = value(),
            "--progress" => progress = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let mode = parse_mode(&mode).unwrap_or_else(|e| panic!("{e}"));
    let client = ClientBuilder::custom(&http, &grpc)
        .insert_timeout(Duration::from_secs(300))
        .build()
        .await
        .expect("connect");
    let pool = pool();
    let cpu0 = cpu_seconds();
    let t0 = Instant::now();
    let mut batch = client
        .collection(&collection)
        .typed::<BenchArticle>()
        .batch()
        .mode(mode);
    if progress {
        batch = batch.on_progress(|p| {
            eprintln!(
                "{} stored, {} failed, {:.0}/s, batch {} x {}",
                p.succeeded,
                p.failed,
                p.objects_per_second(),
                p.batch_size,
                p.concurrency
            )
        });
    }
    let report = batch
        .insert_many((0..count).map(|i| object(i, &pool)))
        .await
        .expect("import");
    let seconds = t0.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    for e in report.errors.iter().take(5) {
        eprintln!("failed: {} {}: {}", e.index, e.id, e.message);
    }
    println!(
        "{}",
        json!({
            "client": "weaviate-orm",
            "mode": report.mode.to_string(),
            "objects": count,
            "succeeded": report.succeeded(),
            "failed": report.failed(),
            "seconds": seconds,
            "objects_per_second": count as f64 / seconds,
            "import_cpu_seconds": cpu,
            "retried": report.retries.items,
        })
    );
}
