//! Sealed marker traits saying which filter operators a field type takes. A [`Field<C, T>`]'s
//! operator methods require `T` to implement the matching trait, so a misuse is a compile error
//! whose message names the operator family and the field's type.
//!
//! [`Field<C, T>`]: crate::typed::Field

use chrono::{DateTime, FixedOffset, Utc};
use uuid::Uuid;

use crate::typed::{GeoCoordinates, MultiReference, PropertyValue, Reference, WeaviateCollection};

pub(super) mod sealed {
    /// Seals the field-kind traits: only property types (`PropertyValue`) can implement them.
    pub trait Kind: crate::typed::PropertyValue {}
}

impl<T: PropertyValue> sealed::Kind for T {}

/// Field types that `equal` and `not_equal` apply to: text, integers, numbers, booleans, dates,
/// uuids, arrays of those (an array matches when one of its elements does), and `Option`s of them.
/// `Scalar` is the type the comparison takes (the element type of an array, the inner type of an
/// `Option`).
///
/// Sealed; implemented by this crate only.
///
/// ```
/// use weaviate_orm::filter::EqualFilter;
/// fn scalar<T: EqualFilter>() -> &'static str { std::any::type_name::<T::Scalar>() }
/// assert_eq!(scalar::<Option<Vec<i64>>>(), "i64");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with `equal` / `not_equal`",
    label = "this field's type takes no equality filter",
    note = "equality filters apply to text, integer, number, boolean, date and uuid fields, arrays of them, and `Option`s of those",
    note = "geo coordinates take `within_geo_range`; references take `path(...)` or `count()`; blobs, phone numbers and nested objects cannot be filtered"
)]
pub trait EqualFilter: sealed::Kind {
    /// The type of the values the field is compared with.
    type Scalar;
}

/// Field types that `gt`, `gte`, `lt` and `lte` apply to: integers, numbers and dates (not arrays),
/// and `Option`s of them.
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`gt`, `gte`, `lt` and `lte` need an integer, number or date field, not `{Self}`",
    label = "this field's type has no order to compare in",
    note = "range filters apply to integer, float and date fields (and `Option`s of them); use `equal`, `like` or `contains_*` for text"
)]
pub trait RangeFilter: sealed::Kind {
    /// The type of the values the field is compared with.
    type Scalar;
}

/// Field types that `like` applies to: text (`String`, `Vec<String>`, and `Option`s of them).
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`like` needs a text field, not `{Self}`",
    label = "`like` matches text patterns only",
    note = "`like` applies to `String` and `Vec<String>` fields (and `Option`s of them)"
)]
pub trait LikeFilter: sealed::Kind {}

/// Field types that `contains_any`, `contains_all` and `contains_none` apply to: arrays (`Vec<T>`
/// of text, integers, numbers, booleans, dates, uuids), text (matched by token, after the
/// property's tokenization), and `Option`s of them.
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`contains_any`, `contains_all` and `contains_none` need an array or text field, not `{Self}`",
    label = "this field holds a single value",
    note = "the `contains_*` filters apply to `Vec<T>` fields and to text (by token); compare a single value with `equal`"
)]
pub trait ContainsFilter: sealed::Kind {
    /// The type of the values the field's elements are compared with.
    type Scalar;
}

/// Field types that `within_geo_range` applies to: [`GeoCoordinates`] and `Option<GeoCoordinates>`.
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`within_geo_range` needs a `GeoCoordinates` field, not `{Self}`",
    label = "not a geo-coordinates field"
)]
pub trait GeoFilter: sealed::Kind {}

/// Field types that `is_none` and `is_some` apply to: `Option<T>` of a filterable type.
///
/// The collection must index null state (`#[weaviate(inverted_index(index_null_state))]`), or the
/// server refuses the filter.
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`is_none` and `is_some` need an `Option` field, not `{Self}`",
    label = "a required field always has a value",
    note = "make the field `Option<T>` if it may be absent; the collection also needs `inverted_index(index_null_state)`"
)]
pub trait NullFilter: sealed::Kind {}

/// Field types whose length `len()` filters on: text (characters) and arrays (elements), and
/// `Option`s of them.
///
/// The collection must index property lengths
/// (`#[weaviate(inverted_index(index_property_length))]`), or the server refuses the filter.
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`len` needs a text or array field, not `{Self}`",
    label = "this field's type has no length",
    note = "`len()` filters on the number of characters of text or elements of an array; the collection needs `inverted_index(index_property_length)`"
)]
pub trait LengthFilter: sealed::Kind {}

/// Single-target reference fields, [`Reference<T>`] (and `Option<Reference<T>>`), that `path`
/// follows into `T`'s own fields.
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`path` follows a single-target reference, and `{Self}` is not a `Reference<T>`",
    label = "not a `Reference<T>` field",
    note = "for a `MultiReference` field name the target collection: `path_in::<Target>(|t| ...)`; for other fields compare the value directly"
)]
pub trait SingleReferenceFilter: sealed::Kind {
    /// The collection the reference points to.
    type Target: WeaviateCollection;
}

/// Multi-target reference fields, [`MultiReference`] (and `Option<MultiReference>`), that
/// `path_in::<T>` follows into one target collection `T`.
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`path_in` follows a multi-target reference, and `{Self}` is not a `MultiReference`",
    label = "not a `MultiReference` field",
    note = "for a `Reference<T>` field use `path(|t| ...)`, which knows its target"
)]
pub trait MultiReferenceFilter: sealed::Kind {}

/// Reference fields ([`Reference<T>`], [`MultiReference`], `Option`s of them) whose number of
/// targets `count()` filters on.
///
/// Sealed; implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`count` needs a reference field, not `{Self}`",
    label = "not a reference field",
    note = "`count()` filters on the number of targets of a `Reference<T>` or `MultiReference`; for text and arrays use `len()`"
)]
pub trait CountFilter: sealed::Kind {}

/// Scalars: equality, `Vec`s of them (contains, length), `Option`s of both.
macro_rules! scalar_kinds {
    ($($t:ty),+ $(,)?) => {$(
        #[diagnostic::do_not_recommend]
        impl EqualFilter for $t {
            type Scalar = $t;
        }
        #[diagnostic::do_not_recommend]
        impl EqualFilter for Vec<$t> {
            type Scalar = $t;
        }
        #[diagnostic::do_not_recommend]
        impl ContainsFilter for Vec<$t> {
            type Scalar = $t;
        }
        #[diagnostic::do_not_recommend]
        impl LengthFilter for Vec<$t> {}
        #[diagnostic::do_not_recommend]
        impl LengthFilter for Option<Vec<$t>> {}
    )+};
}

scalar_kinds!(
    String,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    f32,
    f64,
    bool,
    DateTime<Utc>,
    DateTime<FixedOffset>,
    Uuid,
);

#[diagnostic::do_not_recommend]
impl<T: EqualFilter> EqualFilter for Option<T> {
    type Scalar = T::Scalar;
}
#[diagnostic::do_not_recommend]
impl<T: ContainsFilter> ContainsFilter for Option<T> {
    type Scalar = T::Scalar;
}
#[diagnostic::do_not_recommend]
impl<T: RangeFilter> RangeFilter for Option<T> {
    type Scalar = T::Scalar;
}
#[diagnostic::do_not_recommend]
impl<T: LikeFilter> LikeFilter for Option<T> {}

macro_rules! range_kinds {
    ($($t:ty),+ $(,)?) => {$(
        #[diagnostic::do_not_recommend]
        impl RangeFilter for $t {
            type Scalar = $t;
        }
    )+};
}

range_kinds!(
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    f32,
    f64,
    DateTime<Utc>,
    DateTime<FixedOffset>,
);

#[diagnostic::do_not_recommend]
impl LikeFilter for String {}
#[diagnostic::do_not_recommend]
impl LikeFilter for Vec<String> {}
#[diagnostic::do_not_recommend]
impl ContainsFilter for String {
    type Scalar = String;
}
#[diagnostic::do_not_recommend]
impl LengthFilter for String {}
#[diagnostic::do_not_recommend]
impl LengthFilter for Option<String> {}

#[diagnostic::do_not_recommend]
impl GeoFilter for GeoCoordinates {}
#[diagnostic::do_not_recommend]
impl GeoFilter for Option<GeoCoordinates> {}

#[diagnostic::do_not_recommend]
impl<T: EqualFilter> NullFilter for Option<T> {}
#[diagnostic::do_not_recommend]
impl NullFilter for Option<GeoCoordinates> {}

#[diagnostic::do_not_recommend]
impl<T: WeaviateCollection> SingleReferenceFilter for Reference<T> {
    type Target = T;
}
#[diagnostic::do_not_recommend]
impl<T: WeaviateCollection> SingleReferenceFilter for Option<Reference<T>> {
    type Target = T;
}

#[diagnostic::do_not_recommend]
impl MultiReferenceFilter for MultiReference {}
#[diagnostic::do_not_recommend]
impl MultiReferenceFilter for Option<MultiReference> {}

#[diagnostic::do_not_recommend]
impl<T: WeaviateCollection> CountFilter for Reference<T> {}
#[diagnostic::do_not_recommend]
impl<T: WeaviateCollection> CountFilter for Option<Reference<T>> {}
#[diagnostic::do_not_recommend]
impl CountFilter for MultiReference {}
#[diagnostic::do_not_recommend]
impl CountFilter for Option<MultiReference> {}
