//! Aggregations grouped by a property's values ([`Aggregation::group_by`](super::Aggregation::group_by)):
//! one [`AggregateGroup`] per value, with the value as the server returns it ([`GroupValue`]).

use super::metrics::MetricSet;
use super::results::count;
use crate::error::{Error, Result};
use crate::wire::v1 as pb;
use pb::aggregate_reply::group::grouped_by::Value;

/// The value shared by the objects of a group, as the server returns it. Numbers are read from the
/// stored objects, so an `int` property's groups come as [`Number`](GroupValue::Number) (1.39);
/// an array property is grouped by each of its elements; a reference property's groups are the
/// beacons of its targets, as [`Text`](GroupValue::Text).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GroupValue {
    /// A text (or a reference's beacon).
    Text(String),
    /// An integer.
    Int(i64),
    /// A number.
    Number(f64),
    /// A boolean.
    Boolean(bool),
    /// Texts.
    Texts(Vec<String>),
    /// Integers.
    Ints(Vec<i64>),
    /// Numbers.
    Numbers(Vec<f64>),
    /// Booleans.
    Booleans(Vec<bool>),
    /// Geo coordinates.
    Geo {
        /// Latitude.
        latitude: f32,
        /// Longitude.
        longitude: f32,
    },
    /// The server sent no value.
    None,
}

impl GroupValue {
    /// The value as text, for [`Text`](GroupValue::Text).
    pub fn as_text(&self) -> Option<&str> {
        match self {
            GroupValue::Text(t) => Some(t),
            _ => None,
        }
    }

    /// The value as a float, for [`Int`](GroupValue::Int) and [`Number`](GroupValue::Number).
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            GroupValue::Int(i) => Some(*i as f64),
            GroupValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The value as a boolean, for [`Boolean`](GroupValue::Boolean).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            GroupValue::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    fn from_wire(value: Option<&Value>) -> Self {
        match value {
            None => GroupValue::None,
            Some(Value::Text(t)) => GroupValue::Text(t.clone()),
            Some(Value::Int(i)) => GroupValue::Int(*i),
            Some(Value::Number(n)) => GroupValue::Number(*n),
            Some(Value::Boolean(b)) => GroupValue::Boolean(*b),
            Some(Value::Texts(a)) => GroupValue::Texts(a.values.clone()),
            Some(Value::Ints(a)) => GroupValue::Ints(a.values.clone()),
            Some(Value::Numbers(a)) => GroupValue::Numbers(a.values.clone()),
            Some(Value::Booleans(a)) => GroupValue::Booleans(a.values.clone()),
            Some(Value::Geo(g)) => GroupValue::Geo {
                latitude: g.latitude,
                longitude: g.longitude,
            },
        }
    }
}

/// One group of a grouped aggregation: the grouped-by value, how many objects have it, and the
/// statistics of those objects.
///
/// ```no_run
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # struct Article { topic: String, views: i64 }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// let f = Article::fields();
/// let groups = client.collection_of::<Article>().aggregate().over_all()
///     .group_by(f.topic)
///     .limit(10)
///     .metrics(f.views.metrics().sum())
///     .await?;
/// for g in &groups {
///     println!("{:?}: {} articles, {:?} views", g.value.as_text(), g.count, g.metrics.sum);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct AggregateGroup<M> {
    /// The grouped-by property's path, as the server returns it.
    pub path: Vec<String>,
    /// The value the group's objects share.
    pub value: GroupValue,
    /// How many objects the group holds.
    pub count: u64,
    /// The group's statistics, in the shape of the [`MetricSet`] asked for.
    pub metrics: M,
}

/// The groups of a reply, largest first (the server's order; groups of the same size in no
/// particular order).
pub(crate) fn decode<C, M: MetricSet<C>>(
    metrics: &M,
    reply: pb::AggregateReply,
) -> Result<Vec<AggregateGroup<M::Output>>> {
    use pb::aggregate_reply::Result as R;
    let groups = match reply.result {
        None => return Ok(Vec::new()),
        Some(R::GroupedResults(g)) => g.groups,
        Some(R::SingleResult(_)) => {
            return Err(Error::decode(
                "a grouped aggregation was answered with a single result",
            ));
        }
    };
    groups
        .into_iter()
        .map(|g| {
            let (path, value) = match &g.grouped_by {
                Some(b) => (b.path.clone(), GroupValue::from_wire(b.value.as_ref())),
                None => (Vec::new(), GroupValue::None),
            };
            Ok(AggregateGroup {
                path,
                value,
                count: count("the group", g.objects_count)?.unwrap_or(0),
                metrics: metrics.__decode(g.aggregations.as_ref())?,
            })
        })
        .collect()
}
