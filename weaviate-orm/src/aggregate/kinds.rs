//! Which field types can be aggregated, and with which [`MetricKind`]: [`Aggregatable`], sealed,
//! with an `on_unimplemented` message naming what Weaviate refuses to aggregate.

use chrono::{DateTime, FixedOffset, Utc};

use super::metrics::{Boolean, Date, Int, MetricKind, Metrics, Number, Ref, Text};
use crate::sealed::SealedValue;
use crate::typed::{Field, MultiReference, PropertyValue, Reference, WeaviateCollection};

/// Field types that can be aggregated, and the kind of statistics they take: integers ([`Int`]),
/// floats ([`Number`]), text ([`Text`]), booleans ([`Boolean`]), dates ([`Date`]), arrays of those
/// (every element counts), references ([`Ref`]), and `Option`s of all of them (absent values do not
/// count).
///
/// Sealed; implemented by this crate only.
///
/// ```
/// use weaviate_orm::aggregate::{Aggregatable, Int};
/// fn kind<T: Aggregatable>() -> &'static str { std::any::type_name::<T::Kind>() }
/// assert_eq!(kind::<Option<Vec<i64>>>(), std::any::type_name::<Int>());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be aggregated",
    label = "this field's type has no aggregation metrics",
    note = "metrics apply to integer, number, text, boolean and date fields, arrays of them, references, and `Option`s of those",
    note = "Weaviate 1.39 aggregates no geo coordinates, phone numbers, blobs, uuids or nested objects"
)]
pub trait Aggregatable: SealedValue + PropertyValue {
    /// The kind of statistics the type takes.
    type Kind: MetricKind;
}

/// The date types of date statistics: `DateTime<Utc>` and `DateTime<FixedOffset>`.
///
/// Sealed; implemented by this crate only.
pub trait AggregateDate: SealedValue + Sized + Send + Sync + 'static {
    /// The date the server sent (RFC 3339), as this type.
    #[doc(hidden)]
    fn __from_fixed(date: DateTime<FixedOffset>) -> Self;
}

impl AggregateDate for DateTime<Utc> {
    fn __from_fixed(date: DateTime<FixedOffset>) -> Self {
        date.with_timezone(&Utc)
    }
}

impl AggregateDate for DateTime<FixedOffset> {
    fn __from_fixed(date: DateTime<FixedOffset>) -> Self {
        date
    }
}

/// A scalar type, its arrays and the `Option`s of both take the same kind.
macro_rules! aggregatable {
    ($kind:ty => $($t:ty),+ $(,)?) => {$(
        #[diagnostic::do_not_recommend]
        impl Aggregatable for $t {
            type Kind = $kind;
        }
        #[diagnostic::do_not_recommend]
        impl Aggregatable for Vec<$t> {
            type Kind = $kind;
        }
    )+};
}

aggregatable!(Int => i8, i16, i32, i64, u8, u16, u32);
aggregatable!(Number => f32, f64);
aggregatable!(Text => String);
aggregatable!(Boolean => bool);
aggregatable!(Date<DateTime<Utc>> => DateTime<Utc>);
aggregatable!(Date<DateTime<FixedOffset>> => DateTime<FixedOffset>);

#[diagnostic::do_not_recommend]
impl<T: WeaviateCollection> Aggregatable for Reference<T> {
    type Kind = Ref;
}

#[diagnostic::do_not_recommend]
impl Aggregatable for MultiReference {
    type Kind = Ref;
}

#[diagnostic::do_not_recommend]
impl<T: Aggregatable> Aggregatable for Option<T> {
    type Kind = T::Kind;
}

impl<C, T> Field<C, T> {
    /// The statistics of this property to compute in an
    /// [aggregation](crate::aggregate): a [`Metrics`] builder whose methods are the metrics of the
    /// field's type (`sum` for numbers, `top_occurrences` for text, ...); pass it (or a tuple of
    /// them) to [`metrics`](crate::aggregate::Aggregation::metrics).
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String, views: i64 }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let views = client.collection_of::<Article>().aggregate().over_all()
    ///     .metrics(Article::fields().views.metrics().sum().maximum())
    ///     .await?
    ///     .metrics;
    /// println!("{:?} views in all, at most {:?}", views.sum, views.maximum);
    /// # Ok(()) }
    /// ```
    pub fn metrics<K>(self) -> Metrics<C, K>
    where
        T: Aggregatable<Kind = K>,
        K: MetricKind,
    {
        Metrics::new(self.name())
    }
}
