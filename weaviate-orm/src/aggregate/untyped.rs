//! Metrics of untyped aggregations: properties by name, their kind chosen at run time
//! ([`UntypedMetrics`]), results as [`AnyMetrics`].

use chrono::{DateTime, Utc};

use super::metrics::{Boolean, Date, Int, MetricSet, Metrics, Number, Ref, Text};
use super::results::{
    BooleanMetrics, DateMetrics, IntMetrics, NumberMetrics, ReferenceMetrics, TextMetrics,
};
use crate::error::{Error, Result};
use crate::filter::Untyped;
use crate::schema::DataType;
use crate::wire::v1 as pb;

/// The metrics of one property of an untyped aggregation, of the kind that fits its data type.
/// A `Vec` of them is a [`MetricSet`] whose output is a `Vec` of [`PropertyMetrics`], in the same
/// order. (A single builder, or a tuple, made by [`UntypedMetrics::int`] and its siblings works
/// too, with typed results.)
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::aggregate::UntypedMetrics;
/// use weaviate_orm::schema::DataType;
///
/// let stats = client.collection("Article").aggregate().over_all()
///     .metrics(vec![
///         UntypedMetrics::int("views").sum().mean().into(),
///         UntypedMetrics::for_data_type("title", &DataType::Text, 3)?,
///     ])
///     .await?;
/// for p in &stats.metrics {
///     println!("{}: {:?}", p.property, p.metrics);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub enum UntypedMetrics {
    /// Integer statistics.
    Int(Metrics<Untyped, Int>),
    /// Number statistics.
    Number(Metrics<Untyped, Number>),
    /// Text statistics.
    Text(Metrics<Untyped, Text>),
    /// Boolean statistics.
    Boolean(Metrics<Untyped, Boolean>),
    /// Date statistics.
    Date(Metrics<Untyped, Date>),
    /// Reference statistics.
    Reference(Metrics<Untyped, Ref>),
}

/// The statistics of one property of an untyped aggregation.
#[derive(Clone, Debug, PartialEq)]
pub enum AnyMetrics {
    /// Of an integer property.
    Int(IntMetrics),
    /// Of a number property.
    Number(NumberMetrics),
    /// Of a text property.
    Text(TextMetrics),
    /// Of a boolean property.
    Boolean(BooleanMetrics),
    /// Of a date property.
    Date(DateMetrics<DateTime<Utc>>),
    /// Of a reference property.
    Reference(ReferenceMetrics),
}

/// A property's name and its statistics.
#[derive(Clone, Debug, PartialEq)]
pub struct PropertyMetrics {
    /// The property.
    pub property: String,
    /// Its statistics.
    pub metrics: AnyMetrics,
}

impl UntypedMetrics {
    /// Integer statistics of `property` (`int`, `int[]`).
    pub fn int(property: impl Into<String>) -> Metrics<Untyped, Int> {
        Metrics::new(property)
    }

    /// Number statistics of `property` (`number`, `number[]`).
    pub fn number(property: impl Into<String>) -> Metrics<Untyped, Number> {
        Metrics::new(property)
    }

    /// Text statistics of `property` (`text`, `text[]`).
    pub fn text(property: impl Into<String>) -> Metrics<Untyped, Text> {
        Metrics::new(property)
    }

    /// Boolean statistics of `property` (`boolean`, `boolean[]`).
    pub fn boolean(property: impl Into<String>) -> Metrics<Untyped, Boolean> {
        Metrics::new(property)
    }

    /// Date statistics of `property` (`date`, `date[]`).
    pub fn date(property: impl Into<String>) -> Metrics<Untyped, Date> {
        Metrics::new(property)
    }

    /// Reference statistics of `property`.
    pub fn reference(property: impl Into<String>) -> Metrics<Untyped, Ref> {
        Metrics::new(property)
    }

    /// Every metric of the kind that fits `data_type` (text: the `top_occurrences` most frequent
    /// values); [`Error::InvalidInput`] for the types Weaviate does not aggregate (geo coordinates,
    /// phone numbers, blobs, uuids, nested objects).
    pub fn for_data_type(
        property: impl Into<String>,
        data_type: &DataType,
        top_occurrences: u32,
    ) -> Result<UntypedMetrics> {
        let property = property.into();
        Ok(match data_type {
            DataType::Int | DataType::IntArray => Self::int(property).all().into(),
            DataType::Number | DataType::NumberArray => Self::number(property).all().into(),
            DataType::Text | DataType::TextArray => {
                Self::text(property).all(top_occurrences).into()
            }
            DataType::Bool | DataType::BoolArray => Self::boolean(property).all().into(),
            DataType::Date | DataType::DateArray => Self::date(property).all().into(),
            DataType::Reference(_) => Self::reference(property).pointing_to().into(),
            other => {
                return Err(Error::invalid(format!(
                    "`{property}`: Weaviate does not aggregate properties of type {other:?}"
                )));
            }
        })
    }

    fn requests(&self, out: &mut Vec<pb::aggregate_request::Aggregation>) -> Result<()> {
        match self {
            UntypedMetrics::Int(m) => MetricSet::<Untyped>::__requests(m, out),
            UntypedMetrics::Number(m) => MetricSet::<Untyped>::__requests(m, out),
            UntypedMetrics::Text(m) => MetricSet::<Untyped>::__requests(m, out),
            UntypedMetrics::Boolean(m) => MetricSet::<Untyped>::__requests(m, out),
            UntypedMetrics::Date(m) => MetricSet::<Untyped>::__requests(m, out),
            UntypedMetrics::Reference(m) => MetricSet::<Untyped>::__requests(m, out),
        }
    }

    fn decode(&self, reply: Option<&pb::aggregate_reply::Aggregations>) -> Result<PropertyMetrics> {
        let (property, metrics) = match self {
            UntypedMetrics::Int(m) => (m.property(), AnyMetrics::Int(m.__decode(reply)?)),
            UntypedMetrics::Number(m) => (m.property(), AnyMetrics::Number(m.__decode(reply)?)),
            UntypedMetrics::Text(m) => (m.property(), AnyMetrics::Text(m.__decode(reply)?)),
            UntypedMetrics::Boolean(m) => (m.property(), AnyMetrics::Boolean(m.__decode(reply)?)),
            UntypedMetrics::Date(m) => (m.property(), AnyMetrics::Date(m.__decode(reply)?)),
            UntypedMetrics::Reference(m) => {
                (m.property(), AnyMetrics::Reference(m.__decode(reply)?))
            }
        };
        Ok(PropertyMetrics {
            property: property.to_owned(),
            metrics,
        })
    }
}

macro_rules! from_builders {
    ($($variant:ident($kind:ty)),+) => {$(
        impl From<Metrics<Untyped, $kind>> for UntypedMetrics {
            fn from(m: Metrics<Untyped, $kind>) -> Self {
                UntypedMetrics::$variant(m)
            }
        }
    )+};
}

from_builders!(
    Int(Int),
    Number(Number),
    Text(Text),
    Boolean(Boolean),
    Date(Date),
    Reference(Ref)
);

impl MetricSet<Untyped> for Vec<UntypedMetrics> {
    type Output = Vec<PropertyMetrics>;

    fn __requests(&self, out: &mut Vec<pb::aggregate_request::Aggregation>) -> Result<()> {
        self.iter().try_for_each(|m| m.requests(out))
    }

    fn __decode(
        &self,
        reply: Option<&pb::aggregate_reply::Aggregations>,
    ) -> Result<Vec<PropertyMetrics>> {
        self.iter().map(|m| m.decode(reply)).collect()
    }
}
