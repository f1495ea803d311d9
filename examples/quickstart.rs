//! Quickstart: define the collections as structs, migrate the server to them, import a small real
//! data set, and query it typed.
//!
//! Run it with `scripts/quickstart` (starts a local Weaviate when WEAVIATE_URL is not set, and keeps
//! its data between runs), or against your own server:
//! `WEAVIATE_URL=http://host:8080 WEAVIATE_GRPC_URL=http://host:50051 cargo run --example quickstart`.
//! Run it twice: the second run plans no change and re-imports the same objects (their ids come from
//! their keys), so the counts stay the same.
//!
//! The data: 336 quotations from the BSD fortune(6) files (see examples/data/README.md).

use serde::Deserialize;
use weaviate_orm::typed::{Reference, deterministic_id};
use weaviate_orm::{Client, Error, WeaviateCollection};

/// 1. The collections are structs; their fields are the properties.
///
/// A topic of quotations (the fortune file they come from).
#[derive(WeaviateCollection, Debug, Clone)]
#[weaviate(name = "QuickstartTopic", description = "Topics of the quotations")]
struct Topic {
    #[weaviate(key, tokenization = field)]
    name: String,
}

/// A quotation, vectorized from its text, referencing its topic.
#[derive(WeaviateCollection, Debug, Clone)]
#[weaviate(
    name = "QuickstartQuote",
    description = "Quotations from the BSD fortune files",
    vector(name = "text_vec", source = [text],
           vectorizer = text2vec_transformers(vectorize_class_name = false)),
)]
struct Quote {
    #[weaviate(key)]
    text: String,
    #[weaviate(tokenization = field)]
    author: String,
    #[weaviate(tokenization = field)]
    topic_name: String,
    #[weaviate(index_range_filters)]
    length: i64,
    topic: Reference<Topic>,
}

#[derive(Deserialize)]
struct Line {
    topic: String,
    text: String,
    author: String,
}

const DATA: &str = include_str!("data/quotes.jsonl");

/// Your server when `WEAVIATE_URL` is set, else an embedded one: `cargo run --example quickstart`
/// alone starts a local `weaviate-server` with a temporary data dir for this run and stops it when
/// the client is dropped (see `weaviate_orm::embedded`).
async fn connect() -> Result<Client, Error> {
    if std::env::var_os("WEAVIATE_URL").is_some() {
        return Client::from_env().await;
    }
    eprintln!("WEAVIATE_URL is not set: starting an embedded Weaviate (weaviate_orm::embedded)");
    Client::embedded().await
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = connect().await?;
    let meta = client.meta().await?;
    println!(
        "connected to Weaviate {} at {}",
        meta.version,
        client.http_address()
    );

    // 2. Migrate: plan what the server lacks, then apply exactly that plan. The second run plans
    //    nothing.
    let migrator = client
        .migrator()
        .collection::<Topic>()
        .collection::<Quote>();
    let plan = migrator.plan().await?;
    print!("{plan}");
    if !plan.is_in_sync() {
        let report = migrator.apply(&plan).await?;
        println!("applied {} changes", report.applied.len());
    }

    // One typed handle per collection: data, batch, query, tenants, config.
    let (topics, quotes) = (
        client.collection_of::<Topic>(),
        client.collection_of::<Quote>(),
    );

    // 3. Import with the streaming importer; ids come from the `key` fields, so re-imports overwrite.
    let lines: Vec<Line> = DATA
        .lines()
        .map(|l| {
            serde_json::from_str(l).map_err(|e| Error::InvalidInput {
                message: e.to_string(),
            })
        })
        .collect::<Result<_, _>>()?;
    let mut names: Vec<String> = lines.iter().map(|l| l.topic.clone()).collect();
    names.sort();
    names.dedup();
    let report = topics
        .batch()
        .insert_many(names.iter().map(|name| Topic { name: name.clone() }))
        .await?;
    println!("topics imported: {report}");
    let new_quotes = lines.into_iter().map(|l| Quote {
        length: l.text.chars().count() as i64,
        topic: Reference::to([deterministic_id(Topic::NAME, &[serde_json::json!(l.topic)])]),
        topic_name: l.topic,
        text: l.text,
        author: l.author,
    });
    let report = quotes.batch().insert_many(new_quotes).await?;
    println!("quotes imported: {report}");
    for failed in &report.errors {
        println!("  quote #{} was refused: {}", failed.index, failed.message);
    }

    // 4. Query, typed.
    let near = quotes
        .query()
        .near_text("computers and programming")
        .limit(3)
        .await?;
    println!("\nnear_text \"computers and programming\":");
    for hit in &near {
        println!("  {} -- {}", hit.text, hit.author);
    }

    let hybrid = quotes
        .query()
        .hybrid("truth and knowledge")
        .alpha(0.5)
        .limit(3)
        .await?;
    println!("\nhybrid \"truth and knowledge\":");
    for hit in &hybrid {
        println!("  {} -- {}", hit.text, hit.author);
    }

    let f = Quote::fields();
    let short_law = quotes
        .query()
        .fetch_objects()
        .filter(f.topic_name.equal("law") & f.length.lt(60))
        .limit(100)
        .await?;
    println!(
        "\nfilter topic_name = law and length < 60: {} quotes",
        short_law.len()
    );
    for hit in short_law.iter().take(3) {
        println!("  {} -- {}", hit.text, hit.author);
    }

    let grouped = quotes
        .query()
        .near_text("beauty")
        .limit(60)
        .group_by(f.topic_name, 6, 1)
        .await?;
    println!("\ngroup_by topic_name (near_text \"beauty\"):");
    for group in &grouped.groups {
        if let Some(best) = group.objects.first() {
            println!("  {}: {}", group.name, best.text);
        }
    }

    let all_topics = topics.query().fetch_objects().limit(100).await?;
    let count = futures_count(quotes.query().fetch_objects().stream(500)).await?;
    println!(
        "\nquickstart done: {} topics, {count} quotes",
        all_topics.len()
    );
    Ok(())
}

/// Counts the objects of a cursor stream.
async fn futures_count<S, T>(stream: S) -> Result<usize, Error>
where
    S: futures_util::Stream<Item = Result<T, Error>>,
{
    use futures_util::TryStreamExt;
    stream.try_fold(0, |n, _| async move { Ok(n + 1) }).await
}
