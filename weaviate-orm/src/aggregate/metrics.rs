//! The statistics asked for one property: [`Metrics<C, K>`], whose methods are those of its kind
//! `K` ([`Int`], [`Number`], [`Text`], [`Boolean`], [`Date`], [`Ref`]), and [`MetricSet`], what
//! [`metrics`](super::Aggregation::metrics) takes: one `Metrics`, or a tuple of them.

use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, FixedOffset, Utc};

use super::kinds::AggregateDate;
use super::results::{
    self, BooleanMetrics, DateMetrics, IntMetrics, NumberMetrics, ReferenceMetrics, TextMetrics,
};
use crate::error::{Error, Result};
use crate::sealed::{Sealed, SealedFor};
use crate::wire::v1 as pb;
use pb::aggregate_reply::aggregations::aggregation::Aggregation as Reply;
use pb::aggregate_request::{Aggregation as Request, aggregation as req};

/// A kind of property statistics: which metrics exist and what they decode into. Implemented by
/// this crate for [`Int`], [`Number`], [`Text`], [`Boolean`], [`Date`] and [`Ref`].
pub trait MetricKind: Sealed + Send + Sync + 'static {
    /// The flags of the wire request.
    #[doc(hidden)]
    type Request: Copy + fmt::Debug + Default + Send + Sync;
    /// The statistics the server returns for this kind ([`IntMetrics`], [`TextMetrics`], ...).
    type Output;
    /// The wire request; refuses flags the server cannot take.
    #[doc(hidden)]
    fn __request(property: &str, flags: &Self::Request) -> Result<Request>;
    /// Whether any metric is asked for.
    #[doc(hidden)]
    fn __any(flags: &Self::Request) -> bool;
    /// Decodes the server's statistics of the property (`None`: it sent none).
    #[doc(hidden)]
    fn __decode(
        property: &str,
        flags: &Self::Request,
        reply: Option<&Reply>,
    ) -> Result<Self::Output>;
}

/// Integer statistics (`int`, `int[]`): count, sum, mean, median, mode, minimum, maximum.
#[derive(Clone, Copy, Debug)]
pub struct Int;
/// Number statistics (`number`, `number[]`): count, sum, mean, median, mode, minimum, maximum.
#[derive(Clone, Copy, Debug)]
pub struct Number;
/// Text statistics (`text`, `text[]`): count and the most frequent values.
#[derive(Clone, Copy, Debug)]
pub struct Text;
/// Boolean statistics (`boolean`, `boolean[]`): count, totals and fractions of true and false.
#[derive(Clone, Copy, Debug)]
pub struct Boolean;
/// Date statistics (`date`, `date[]`): count, minimum, maximum, median and mode, as `D`
/// (`DateTime<Utc>` or `DateTime<FixedOffset>`, the field's type).
pub struct Date<D = DateTime<Utc>>(PhantomData<fn() -> D>);
/// Reference statistics: the objects the references point to.
#[derive(Clone, Copy, Debug)]
pub struct Ref;

impl<D> fmt::Debug for Date<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Date")
    }
}

/// The statistics asked for one property of collection `C`; its methods depend on the kind `K`
/// (chosen by the field's type), so only metrics that fit the property can be asked for.
///
/// ```no_run
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, views: i64, published: chrono::DateTime<chrono::Utc> }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// let f = Article::fields();
/// let stats = client.collection_of::<Article>().aggregate().over_all()
///     .metrics((
///         f.views.metrics().sum().mean().median(),
///         f.title.metrics().count().top_occurrences(3),
///         f.published.metrics().minimum().maximum(),
///     ))
///     .await?;
/// let (views, titles, published) = stats.metrics;
/// println!("{:?} {:?} {:?}", views.sum, titles.top_occurrences, published.maximum);
/// # Ok(()) }
/// ```
pub struct Metrics<C, K: MetricKind> {
    property: String,
    flags: K::Request,
    _types: PhantomData<fn() -> (C, K)>,
}

impl<C, K: MetricKind> Clone for Metrics<C, K> {
    fn clone(&self) -> Self {
        Metrics {
            property: self.property.clone(),
            flags: self.flags,
            _types: PhantomData,
        }
    }
}

impl<C, K: MetricKind> fmt::Debug for Metrics<C, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Metrics")
            .field("property", &self.property)
            .field("flags", &self.flags)
            .finish()
    }
}

impl<C, K: MetricKind> Metrics<C, K> {
    pub(crate) fn new(property: impl Into<String>) -> Self {
        Metrics {
            property: property.into(),
            flags: K::Request::default(),
            _types: PhantomData,
        }
    }

    /// The property's name.
    pub fn property(&self) -> &str {
        &self.property
    }

    fn set(mut self, f: impl FnOnce(&mut K::Request)) -> Self {
        f(&mut self.flags);
        self
    }
}

/// A family of metrics that some kinds have: its methods exist on every [`Metrics`] but compile
/// only for the kinds that have them, with a message naming the family and the kind.
macro_rules! family {
    (
        $(#[$doc:meta])*
        trait $family:ident { $($flag:ident),+ }
        message = $message:literal,
        note = $note:literal,
        for $($kind:ty),+ $(,)?
    ) => {
        $(#[$doc])*
        ///
        /// Sealed; implemented by this crate only.
        #[diagnostic::on_unimplemented(
            message = $message,
            label = "not a metric of this field's type",
            note = $note
        )]
        pub trait $family: MetricKind {
            $(
                #[doc(hidden)]
                fn $flag(flags: &mut Self::Request);
            )+
        }
        family!(@impls $family { $($flag),+ } $($kind),+);
    };
    (@impls $family:ident $flags:tt $($kind:ty),+) => {
        $(family!(@impl $family $flags $kind);)+
    };
    (@impl $family:ident { $($flag:ident),+ } $kind:ty) => {
        #[diagnostic::do_not_recommend]
        impl $family for $kind {
            $(
                fn $flag(flags: &mut Self::Request) {
                    flags.$flag = true;
                }
            )+
        }
    };
}

family! {
    /// Kinds with a count of values: all but references.
    trait Counted { count }
    message = "reference fields have no `count` metric (`{Self}` statistics)",
    note = "references take `pointing_to`; count the objects with `total_count()`",
    for Int, Number, Text, Boolean, Date<DateTime<Utc>>, Date<DateTime<FixedOffset>>
}

family! {
    /// Kinds with a sum and a mean: integers and numbers.
    trait Summed { sum, mean }
    message = "`sum` and `mean` are metrics of integer and number fields, not of `{Self}` statistics",
    note = "integer and number fields take count, sum, mean, median, mode, minimum, maximum; dates take count, median, mode, minimum, maximum",
    for Int, Number
}

family! {
    /// Kinds with an order: integers, numbers and dates.
    trait Ordered { median, mode, minimum, maximum }
    message = "`median`, `mode`, `minimum` and `maximum` are metrics of integer, number and date fields, not of `{Self}` statistics",
    note = "text fields take count and top_occurrences; boolean fields count, total_true, total_false, percentage_true, percentage_false",
    for Int, Number, Date<DateTime<Utc>>, Date<DateTime<FixedOffset>>
}

family! {
    /// Kinds with totals and fractions of true and false: booleans.
    trait Truth { total_true, total_false, percentage_true, percentage_false }
    message = "`total_true`, `total_false`, `percentage_true` and `percentage_false` are metrics of boolean fields, not of `{Self}` statistics",
    note = "each field type has its own metrics: see `Field::metrics` and the table in `weaviate_orm::aggregate`",
    for Boolean
}

family! {
    /// Kinds with pointing-to: references.
    trait Pointing { pointing_to }
    message = "`pointing_to` is a metric of reference fields, not of `{Self}` statistics",
    note = "each field type has its own metrics: see `Field::metrics` and the table in `weaviate_orm::aggregate`",
    for Ref
}

/// Kinds with top occurrences: text.
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`top_occurrences` is a metric of text fields, not of `{Self}` statistics",
    label = "not a metric of this field's type",
    note = "integer and number fields take `mode` for their most frequent value"
)]
pub trait Occurrences: MetricKind {
    #[doc(hidden)]
    fn top_occurrences(flags: &mut Self::Request, limit: u32);
}

#[diagnostic::do_not_recommend]
impl Occurrences for Text {
    fn top_occurrences(flags: &mut req::Text, limit: u32) {
        flags.top_occurences = true;
        flags.top_occurences_limit = Some(limit);
    }
}

/// The methods of the metrics, each for the kinds that have it.
impl<C, K: MetricKind> Metrics<C, K> {
    /// The `limit` most frequent values with their counts, most frequent first (ties: in byte
    /// order of the values); `limit` must be at least 1 (text).
    pub fn top_occurrences(self, limit: u32) -> Self
    where
        K: Occurrences,
    {
        self.set(|f| K::top_occurrences(f, limit))
    }

    /// The number of values (each element of an array counts; absent values do not). All kinds
    /// but references.
    pub fn count(self) -> Self
    where
        K: Counted,
    {
        self.set(K::count)
    }

    /// The sum of the values (integers and numbers).
    pub fn sum(self) -> Self
    where
        K: Summed,
    {
        self.set(K::sum)
    }

    /// The arithmetic mean of the values (integers and numbers).
    pub fn mean(self) -> Self
    where
        K: Summed,
    {
        self.set(K::mean)
    }

    /// The median: the middle value, or for an even count the mean of the two middle values
    /// (dates: their midpoint). Integers, numbers and dates.
    pub fn median(self) -> Self
    where
        K: Ordered,
    {
        self.set(K::median)
    }

    /// The most frequent value (numbers: the smallest of those that tie; dates: any of them).
    /// Integers, numbers and dates.
    pub fn mode(self) -> Self
    where
        K: Ordered,
    {
        self.set(K::mode)
    }

    /// The smallest value (dates: the earliest). Integers, numbers and dates.
    pub fn minimum(self) -> Self
    where
        K: Ordered,
    {
        self.set(K::minimum)
    }

    /// The largest value (dates: the latest). Integers, numbers and dates.
    pub fn maximum(self) -> Self
    where
        K: Ordered,
    {
        self.set(K::maximum)
    }

    /// How many values are `true` (booleans).
    pub fn total_true(self) -> Self
    where
        K: Truth,
    {
        self.set(K::total_true)
    }

    /// How many values are `false` (booleans).
    pub fn total_false(self) -> Self
    where
        K: Truth,
    {
        self.set(K::total_false)
    }

    /// The fraction of values that are `true`, 0 to 1 (booleans).
    pub fn percentage_true(self) -> Self
    where
        K: Truth,
    {
        self.set(K::percentage_true)
    }

    /// The fraction of values that are `false`, 0 to 1 (booleans).
    pub fn percentage_false(self) -> Self
    where
        K: Truth,
    {
        self.set(K::percentage_false)
    }

    /// The beacons (`weaviate://localhost/<Collection>/<id>`) of the objects the references point
    /// to, each once, in no particular order (references). Weaviate computes it only for a
    /// filtered or searched aggregation: over all objects without a filter it is refused.
    pub fn pointing_to(self) -> Self
    where
        K: Pointing,
    {
        self.set(K::pointing_to)
    }
}

impl<C, K: Counted + Summed + Ordered> Metrics<C, K> {
    /// Every metric of integers and numbers.
    pub fn all(self) -> Self {
        self.count()
            .sum()
            .mean()
            .median()
            .mode()
            .minimum()
            .maximum()
    }
}

impl<C> Metrics<C, Text> {
    /// The count and the `limit` most frequent values.
    pub fn all(self, limit: u32) -> Self {
        self.count().top_occurrences(limit)
    }
}

impl<C> Metrics<C, Boolean> {
    /// Every metric of booleans.
    pub fn all(self) -> Self {
        self.count()
            .total_true()
            .total_false()
            .percentage_true()
            .percentage_false()
    }
}

impl<C, D: AggregateDate> Metrics<C, Date<D>>
where
    Date<D>: Counted + Ordered,
{
    /// Every metric of dates.
    pub fn all(self) -> Self {
        self.count().median().mode().minimum().maximum()
    }
}

/// A [`MetricKind`] impl: its wire flags, its output, the oneof variant, whether any flag is set,
/// and its decoder in `results`.
macro_rules! kind {
    (
        [$($generics:tt)*] $kind:ty,
        $flags:ty => $out:ty,
        $variant:ident,
        |$f:ident| $any:expr,
        $decode:path $(,)?
    ) => {
        impl<$($generics)*> MetricKind for $kind {
            type Request = $flags;
            type Output = $out;

            fn __request(property: &str, flags: &$flags) -> Result<Request> {
                check(property, &req::Aggregation::$variant(*flags))?;
                Ok(Request {
                    property: property.to_owned(),
                    aggregation: Some(req::Aggregation::$variant(*flags)),
                })
            }

            fn __any($f: &$flags) -> bool {
                $any
            }

            fn __decode(property: &str, flags: &$flags, reply: Option<&Reply>) -> Result<$out> {
                $decode(property, flags, reply)
            }
        }
    };
}

/// Refuses flags the server cannot take.
fn check(property: &str, request: &req::Aggregation) -> Result<()> {
    // Without a limit the server drops the request for top occurrences: always send one.
    if let req::Aggregation::Text(t) = request {
        if t.top_occurences && t.top_occurences_limit.unwrap_or(0) == 0 {
            return Err(Error::invalid(format!(
                "`{property}`: top_occurrences needs a limit of at least 1"
            )));
        }
    }
    Ok(())
}

kind!([] Int, req::Integer => IntMetrics, Int,
    |f| f.count || f.sum || f.mean || f.median || f.mode || f.minimum || f.maximum,
    results::int);
kind!([] Number, req::Number => NumberMetrics, Number,
    |f| f.count || f.sum || f.mean || f.median || f.mode || f.minimum || f.maximum,
    results::number);
kind!([] Text, req::Text => TextMetrics, Text, |f| f.count || f.top_occurences, results::text);
kind!([] Boolean, req::Boolean => BooleanMetrics, Boolean,
    |f| f.count || f.total_true || f.total_false || f.percentage_true || f.percentage_false,
    results::boolean);
kind!([D: AggregateDate] Date<D>, req::Date => DateMetrics<D>, Date,
    |f| f.count || f.median || f.mode || f.minimum || f.maximum,
    results::date);
kind!([] Ref, req::Reference => ReferenceMetrics, Reference, |f| f.pointing_to, results::reference);

/// What [`metrics`](super::Aggregation::metrics) takes for an aggregation of collection `C`: one
/// [`Metrics`] (its output is its kind's statistics, e.g. [`IntMetrics`]), a tuple of up to 12 of
/// them (the output is the tuple of their outputs, in order), `()` for none, or for untyped
/// aggregations a `Vec` of [`UntypedMetrics`](super::UntypedMetrics).
///
/// ```no_run
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, views: i64 }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::aggregate::{IntMetrics, TextMetrics};
///
/// let f = Article::fields();
/// let one: IntMetrics = client.collection_of::<Article>().aggregate().over_all()
///     .metrics(f.views.metrics().sum())
///     .await?
///     .metrics;
/// let (views, titles): (IntMetrics, TextMetrics) = client.collection_of::<Article>().aggregate()
///     .over_all()
///     .metrics((f.views.metrics().mean(), f.title.metrics().top_occurrences(5)))
///     .await?
///     .metrics;
/// # let _ = (one, views, titles); Ok(()) }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a set of metrics of collection `{C}`",
    label = "not metrics of `{C}`'s properties",
    note = "pass `{C}::fields().<field>.metrics()...`, or a tuple of them; metrics of another collection's fields do not apply"
)]
pub trait MetricSet<C>: SealedFor<C> {
    /// The statistics the set decodes into.
    type Output;
    /// Adds the set's wire requests to `out`.
    #[doc(hidden)]
    fn __requests(&self, out: &mut Vec<Request>) -> Result<()>;
    /// Decodes the set's statistics from one result (of the whole aggregation or of one group).
    #[doc(hidden)]
    fn __decode(&self, reply: Option<&pb::aggregate_reply::Aggregations>) -> Result<Self::Output>;
}

/// The statistics of `property` in a reply, if the server sent any.
pub(crate) fn find<'a>(
    reply: Option<&'a pb::aggregate_reply::Aggregations>,
    property: &str,
) -> Option<&'a Reply> {
    reply?
        .aggregations
        .iter()
        .find(|a| a.property == property)
        .and_then(|a| a.aggregation.as_ref())
}

impl<C, K: MetricKind> MetricSet<C> for Metrics<C, K> {
    type Output = K::Output;

    fn __requests(&self, out: &mut Vec<Request>) -> Result<()> {
        if self.property.is_empty() {
            return Err(Error::invalid("an aggregated property name is empty"));
        }
        if !K::__any(&self.flags) {
            return Err(Error::invalid(format!(
                "no metric is asked for `{}`: call at least one metric method (or `all`)",
                self.property
            )));
        }
        out.push(K::__request(&self.property, &self.flags)?);
        Ok(())
    }

    fn __decode(&self, reply: Option<&pb::aggregate_reply::Aggregations>) -> Result<K::Output> {
        K::__decode(&self.property, &self.flags, find(reply, &self.property))
    }
}

impl<C> MetricSet<C> for () {
    type Output = ();

    fn __requests(&self, _: &mut Vec<Request>) -> Result<()> {
        Ok(())
    }

    fn __decode(&self, _: Option<&pb::aggregate_reply::Aggregations>) -> Result<()> {
        Ok(())
    }
}

macro_rules! tuple_sets {
    ($($name:ident)+) => {
        impl<C, $($name: SealedFor<C>),+> SealedFor<C> for ($($name,)+) {}

        #[allow(non_snake_case)]
        impl<C, $($name: MetricSet<C>),+> MetricSet<C> for ($($name,)+) {
            type Output = ($($name::Output,)+);

            fn __requests(&self, out: &mut Vec<Request>) -> Result<()> {
                let ($($name,)+) = self;
                $($name.__requests(out)?;)+
                Ok(())
            }

            fn __decode(
                &self,
                reply: Option<&pb::aggregate_reply::Aggregations>,
            ) -> Result<Self::Output> {
                let ($($name,)+) = self;
                Ok(($($name.__decode(reply)?,)+))
            }
        }
    };
}

/// Tuples of 1 to 12 sets, by one invocation per arity.
macro_rules! all_tuple_sets {
    ($first:ident $($rest:ident)*) => {
        all_tuple_sets!(@ [$first] $($rest)*);
    };
    (@ [$($done:ident)+]) => {
        tuple_sets!($($done)+);
    };
    (@ [$($done:ident)+] $next:ident $($rest:ident)*) => {
        tuple_sets!($($done)+);
        all_tuple_sets!(@ [$($done)+ $next] $($rest)*);
    };
}

all_tuple_sets!(A B D E F G H I J K L N);
