//! What an aggregation returns: [`AggregateResult`] (ungrouped), the statistics of each kind
//! ([`IntMetrics`], [`NumberMetrics`], [`TextMetrics`], [`BooleanMetrics`], [`DateMetrics`],
//! [`ReferenceMetrics`]), and their decoding from the server's reply.
//!
//! A statistic is `Some` when it was asked for and the server computed it; the server computes
//! nothing but the count when no object has a value for the property.

use chrono::DateTime;

use super::kinds::AggregateDate;
use crate::error::{Error, Result};
use crate::wire::v1 as pb;
use pb::aggregate_reply::aggregations::aggregation::Aggregation as Reply;
use pb::aggregate_request::aggregation as req;

/// The result of an ungrouped aggregation: the number of matching objects (when asked for with
/// [`total_count`](super::Aggregation::total_count)) and the statistics asked for with
/// [`metrics`](super::Aggregation::metrics), in the shape of what was passed there.
///
/// ```no_run
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, views: i64 }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// let f = Article::fields();
/// let result = client.collection_of::<Article>().aggregate().over_all()
///     .filter(f.views.gt(10))
///     .metrics(f.views.metrics().mean())
///     .total_count()
///     .await?;
/// println!("{:?} popular articles, {:?} views on average", result.total_count, result.metrics.mean);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateResult<M> {
    /// The number of objects aggregated over, when asked for.
    pub total_count: Option<u64>,
    /// The statistics, in the shape of the [`MetricSet`](super::MetricSet) asked for.
    pub metrics: M,
}

/// Statistics of an integer property (`int`, `int[]`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IntMetrics {
    /// The number of values.
    pub count: Option<u64>,
    /// The sum of the values.
    pub sum: Option<i64>,
    /// The mean of the values.
    pub mean: Option<f64>,
    /// The median (the mean of the two middle values of an even count).
    pub median: Option<f64>,
    /// The most frequent value (the smallest of those that tie).
    pub mode: Option<i64>,
    /// The smallest value.
    pub minimum: Option<i64>,
    /// The largest value.
    pub maximum: Option<i64>,
}

/// Statistics of a number property (`number`, `number[]`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NumberMetrics {
    /// The number of values.
    pub count: Option<u64>,
    /// The sum of the values.
    pub sum: Option<f64>,
    /// The mean of the values.
    pub mean: Option<f64>,
    /// The median (the mean of the two middle values of an even count).
    pub median: Option<f64>,
    /// The most frequent value (the smallest of those that tie).
    pub mode: Option<f64>,
    /// The smallest value.
    pub minimum: Option<f64>,
    /// The largest value.
    pub maximum: Option<f64>,
}

/// One of the most frequent values of a text property.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TopOccurrence {
    /// The value (the whole text, not a token).
    pub value: String,
    /// How many times it occurs.
    pub count: u64,
}

/// Statistics of a text property (`text`, `text[]`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TextMetrics {
    /// The number of values.
    pub count: Option<u64>,
    /// The most frequent values, most frequent first; ties in byte order of the values.
    pub top_occurrences: Option<Vec<TopOccurrence>>,
}

/// Statistics of a boolean property (`boolean`, `boolean[]`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BooleanMetrics {
    /// The number of values.
    pub count: Option<u64>,
    /// How many are `true`.
    pub total_true: Option<u64>,
    /// How many are `false`.
    pub total_false: Option<u64>,
    /// The fraction that is `true`, 0 to 1 (0 when there are no values).
    pub percentage_true: Option<f64>,
    /// The fraction that is `false`, 0 to 1 (0 when there are no values).
    pub percentage_false: Option<f64>,
}

/// Statistics of a date property (`date`, `date[]`), dates as the field's type `D`.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMetrics<D> {
    /// The number of values.
    pub count: Option<u64>,
    /// The median date (the midpoint of the two middle dates of an even count).
    pub median: Option<D>,
    /// The most frequent date.
    pub mode: Option<D>,
    /// The earliest date.
    pub minimum: Option<D>,
    /// The latest date.
    pub maximum: Option<D>,
}

impl<D> Default for DateMetrics<D> {
    fn default() -> Self {
        DateMetrics {
            count: None,
            median: None,
            mode: None,
            minimum: None,
            maximum: None,
        }
    }
}

/// Statistics of a reference property.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReferenceMetrics {
    /// The beacons of the objects the references point to, each once, in no particular order.
    pub pointing_to: Option<Vec<String>>,
}

/// `value` when `asked`.
fn pick<T>(asked: bool, value: Option<T>) -> Option<T> {
    if asked { value } else { None }
}

pub(crate) fn count(property: &str, value: Option<i64>) -> Result<Option<u64>> {
    value
        .map(|v| {
            u64::try_from(v)
                .map_err(|_| Error::decode(format!("`{property}`: a negative count {v}")))
        })
        .transpose()
}

fn mismatch(property: &str, expected: &str, got: &Reply) -> Error {
    let got = match got {
        Reply::Int(_) => "int",
        Reply::Number(_) => "number",
        Reply::Text(_) => "text",
        Reply::Boolean(_) => "boolean",
        Reply::Date(_) => "date",
        Reply::Reference(_) => "reference",
    };
    Error::decode(format!(
        "`{property}` was aggregated as {got}, but {expected} statistics were asked for: the \
         property's data type on the server is not the field's"
    ))
}

/// The statistics of the expected variant, or `None` when the server sent none.
macro_rules! expect_variant {
    ($property:expr, $reply:expr, $variant:ident, $name:literal) => {
        match $reply {
            None => None,
            Some(Reply::$variant(r)) => Some(r),
            Some(other) => return Err(mismatch($property, $name, other)),
        }
    };
}

/// The decoding of integer and number statistics (the same fields, other types).
macro_rules! numeric_decoder {
    ($name:ident, $asked:ty, $variant:ident, $kind:literal, $out:ident) => {
        pub(crate) fn $name(property: &str, asked: &$asked, reply: Option<&Reply>) -> Result<$out> {
            let Some(r) = expect_variant!(property, reply, $variant, $kind) else {
                return Ok($out::default());
            };
            Ok($out {
                count: pick(asked.count, count(property, r.count)?),
                sum: pick(asked.sum, r.sum),
                mean: pick(asked.mean, r.mean),
                median: pick(asked.median, r.median),
                mode: pick(asked.mode, r.mode),
                minimum: pick(asked.minimum, r.minimum),
                maximum: pick(asked.maximum, r.maximum),
            })
        }
    };
}

numeric_decoder!(int, req::Integer, Int, "int", IntMetrics);
numeric_decoder!(number, req::Number, Number, "number", NumberMetrics);

pub(crate) fn text(
    property: &str,
    asked: &req::Text,
    reply: Option<&Reply>,
) -> Result<TextMetrics> {
    let empty = asked.top_occurences.then(Vec::new);
    let Some(r) = expect_variant!(property, reply, Text, "text") else {
        return Ok(TextMetrics {
            count: None,
            top_occurrences: empty,
        });
    };
    let top = match &r.top_occurences {
        None => empty,
        Some(t) => pick(
            asked.top_occurences,
            Some(
                t.items
                    .iter()
                    .map(|i| {
                        Ok(TopOccurrence {
                            value: i.value.clone(),
                            count: count(property, Some(i.occurs))?.unwrap_or(0),
                        })
                    })
                    .collect::<Result<Vec<_>>>()?,
            ),
        ),
    };
    Ok(TextMetrics {
        count: pick(asked.count, count(property, r.count)?),
        top_occurrences: top,
    })
}

pub(crate) fn boolean(
    property: &str,
    asked: &req::Boolean,
    reply: Option<&Reply>,
) -> Result<BooleanMetrics> {
    let Some(r) = expect_variant!(property, reply, Boolean, "boolean") else {
        return Ok(BooleanMetrics::default());
    };
    Ok(BooleanMetrics {
        count: pick(asked.count, count(property, r.count)?),
        total_true: pick(asked.total_true, count(property, r.total_true)?),
        total_false: pick(asked.total_false, count(property, r.total_false)?),
        percentage_true: pick(asked.percentage_true, r.percentage_true),
        percentage_false: pick(asked.percentage_false, r.percentage_false),
    })
}

fn parse_date<D: AggregateDate>(property: &str, value: Option<&String>) -> Result<Option<D>> {
    value
        .map(|s| {
            DateTime::parse_from_rfc3339(s)
                .map(D::__from_fixed)
                .map_err(|e| Error::decode(format!("`{property}`: the date `{s}`: {e}")))
        })
        .transpose()
}

pub(crate) fn date<D: AggregateDate>(
    property: &str,
    asked: &req::Date,
    reply: Option<&Reply>,
) -> Result<DateMetrics<D>> {
    let Some(r) = expect_variant!(property, reply, Date, "date") else {
        return Ok(DateMetrics::default());
    };
    Ok(DateMetrics {
        count: pick(asked.count, count(property, r.count)?),
        median: pick(asked.median, parse_date(property, r.median.as_ref())?),
        mode: pick(asked.mode, parse_date(property, r.mode.as_ref())?),
        minimum: pick(asked.minimum, parse_date(property, r.minimum.as_ref())?),
        maximum: pick(asked.maximum, parse_date(property, r.maximum.as_ref())?),
    })
}

pub(crate) fn reference(
    property: &str,
    asked: &req::Reference,
    reply: Option<&Reply>,
) -> Result<ReferenceMetrics> {
    let r = expect_variant!(property, reply, Reference, "reference");
    Ok(ReferenceMetrics {
        pointing_to: asked
            .pointing_to
            .then(|| r.map(|r| r.pointing_to.clone()).unwrap_or_default()),
    })
}
