//! Every kind of field takes its metrics, and the results have the types named here.
#![deny(warnings)]

use chrono::{DateTime, FixedOffset, Utc};
use weaviate_orm::WeaviateCollection;
use weaviate_orm::aggregate::{
    AggregateGroup, AggregateResult, BooleanMetrics, DateMetrics, IntMetrics, NumberMetrics,
    ReferenceMetrics, TextMetrics,
};
use weaviate_orm::typed::{MultiReference, Reference};

#[derive(WeaviateCollection)]
struct Writer {
    pen_name: String,
    born: Option<i64>,
}

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    tags: Vec<String>,
    views: i64,
    likes: Option<u32>,
    counts: Vec<i16>,
    score: f64,
    weights: Option<Vec<f32>>,
    done: bool,
    flags: Vec<bool>,
    published: DateTime<Utc>,
    edited: Option<DateTime<FixedOffset>>,
    author: Reference<Writer>,
    #[weaviate(targets(Writer))]
    credits: MultiReference,
}

type Stats = (
    IntMetrics,
    IntMetrics,
    IntMetrics,
    NumberMetrics,
    NumberMetrics,
    TextMetrics,
    TextMetrics,
    BooleanMetrics,
    BooleanMetrics,
    DateMetrics<DateTime<Utc>>,
    DateMetrics<DateTime<FixedOffset>>,
    ReferenceMetrics,
);

#[allow(dead_code)]
async fn aggregations(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    let f = Article::fields();
    let articles = client.collection_of::<Article>();
    let all: AggregateResult<Stats> = articles
        .aggregate()
        .over_all()
        .filter(f.views.gt(1))
        .metrics((
            f.views.metrics().all(),
            f.likes.metrics().sum(),
            f.counts.metrics().median(),
            f.score.metrics().mean(),
            f.weights.metrics().mode(),
            f.title.metrics().top_occurrences(3),
            f.tags.metrics().count(),
            f.done.metrics().percentage_true(),
            f.flags.metrics().total_false(),
            f.published.metrics().minimum(),
            f.edited.metrics().maximum(),
            f.author.metrics().pointing_to(),
        ))
        .total_count()
        .await?;
    let _: Option<i64> = all.metrics.0.sum;
    let _: Option<f64> = all.metrics.0.mean;
    let _: Option<DateTime<FixedOffset>> = all.metrics.10.maximum;
    let credits: ReferenceMetrics = articles
        .aggregate()
        .near_vector(vec![1.0, 0.0])
        .object_limit(5)
        .metrics(f.credits.metrics().pointing_to())
        .await?
        .metrics;
    let groups: Vec<AggregateGroup<IntMetrics>> = articles
        .aggregate()
        .bm25("rust")
        .object_limit(10)
        .group_by(f.title)
        .limit(3)
        .metrics(f.views.metrics().sum())
        .await?;
    let _ = (credits, groups);
    Ok(())
}

fn main() {}
