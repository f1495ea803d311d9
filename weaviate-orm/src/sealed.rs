//! The crate's sealing traits: public traits that only this crate implements have one of these as
//! a supertrait, so methods can be added to them without breaking anyone.

/// Implemented by this crate only.
pub trait Sealed {}

/// Implemented by this crate only, per collection kind `C` (a derived struct or `Untyped`).
pub trait SealedFor<C> {}

/// Implemented by this crate only, for property value types (what can be aggregated, date types).
pub trait SealedValue {}

use chrono::{DateTime, FixedOffset, Utc};

use crate::aggregate::{self, Metrics, OverAll, UntypedMetrics};
use crate::data::{NewObject, Object};
use crate::filter::Untyped;
use crate::query::ObjectProperty;
use crate::query::{
    Bm25, Fetch, Grouped, Hit, Hybrid, List, NearObject, NearText, NearVector, One,
};
use crate::typed::{Field, MultiReference, Reference, VectorField, WeaviateCollection};

// Collection kinds.
impl Sealed for Untyped {}
impl<T: WeaviateCollection> Sealed for T {}

// Search operators and output modes.
impl Sealed for Fetch {}
impl Sealed for NearVector {}
impl Sealed for NearObject {}
impl Sealed for NearText {}
impl Sealed for Bm25 {}
impl Sealed for Hybrid {}
impl Sealed for List {}
impl Sealed for Grouped {}
impl Sealed for One {}

// What operations of a handle of collection `C` take and return.
impl SealedFor<Untyped> for NewObject {}
impl SealedFor<Untyped> for &NewObject {}
impl<T: WeaviateCollection> SealedFor<T> for T {}
impl<T: WeaviateCollection> SealedFor<T> for &T {}
impl SealedFor<Untyped> for Object {}
impl<C, P> SealedFor<C> for Hit<P> {}

// What names a property or vector of collection `C`.
impl<C, T> SealedFor<C> for Field<C, T> {}
impl<C> SealedFor<C> for VectorField<C> {}
impl<C> SealedFor<C> for ObjectProperty {}
impl SealedFor<Untyped> for &str {}
impl SealedFor<Untyped> for String {}
impl SealedFor<Untyped> for &String {}

// What a generative prompt of collection `C` is made from.
impl<C> SealedFor<C> for crate::query::generative::Prompt<C> {}

// Aggregations: what they run over, the kinds of metrics, the metric sets of collection `C`.
impl Sealed for OverAll {}
impl Sealed for aggregate::Int {}
impl Sealed for aggregate::Number {}
impl Sealed for aggregate::Text {}
impl Sealed for aggregate::Boolean {}
impl<D> Sealed for aggregate::Date<D> {}
impl Sealed for aggregate::Ref {}
impl<C, K: aggregate::MetricKind> SealedFor<C> for Metrics<C, K> {}
impl<C> SealedFor<C> for () {}
impl SealedFor<Untyped> for Vec<UntypedMetrics> {}

// Tuples of metric sets: beside `MetricSet`'s own tuple impls (aggregate/metrics.rs).

// Property value types that can be aggregated (scalars, their arrays, options, references).
macro_rules! sealed_values {
    ($($t:ty),+) => {$(
        impl SealedValue for $t {}
        impl SealedValue for Vec<$t> {}
    )+};
}

#[rustfmt::skip]
sealed_values!(i8, i16, i32, i64, u8, u16, u32, f32, f64, String, bool, DateTime<Utc>, DateTime<FixedOffset>);
impl<T> SealedValue for Option<T> {}
impl<T> SealedValue for Reference<T> {}
impl SealedValue for MultiReference {}
