//! [`Operand`]: the Rust values a filter compares a field with, and their wire encoding.
//!
//! Wire facts (Weaviate 1.39, `adapters/handlers/grpc/v1/filters.go`): the server takes the value's
//! type from the schema, not from the value: text and uuid values go as `value_text`, dates as
//! `value_text` in RFC 3339 (the offset is kept, the instant is compared), ints as `value_int`,
//! numbers as `value_number`, booleans as `value_boolean`; the `contains_*` operators take the
//! matching array (`value_text_array` for text, dates and uuids).

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use uuid::Uuid;

use super::Untyped;
use crate::wire::v1 as pb;

use pb::filters::TestValue;

pub(super) mod sealed {
    /// Seals [`Operand`](super::Operand): only the value types this crate lists.
    pub trait Value {}
}

/// A Rust value a filter can compare a field of scalar type `S` with.
///
/// A field's filter values have the field's own type: an `i64` field takes `i64`, a `String` field
/// `&str` or `String`, a date field `DateTime<Utc>` or `DateTime<FixedOffset>`, a `Uuid` field
/// `Uuid`; an `Option<T>` or `Vec<T>` field takes what `T` takes. Number fields (`f64`, `f32`) also
/// take `i32` and `i64`. References to these values work too (`&i64`, `&String`, `&&str`), so a
/// slice can be passed to the `contains_*` operators by reference.
///
/// Filters built by property name ([`Untyped`]) take any of these values.
///
/// This trait is sealed.
///
/// ```
/// use weaviate_orm::filter::{Filter, Untyped};
/// use weaviate_orm::wire::v1::filters::TestValue;
///
/// let f = Filter::<Untyped>::property("views").gt(100i64);
/// assert_eq!(f.as_wire().test_value, Some(TestValue::ValueInt(100)));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be compared with this field, whose values are `{S}`",
    label = "expected `{S}`",
    note = "a filter value has the field's type: text takes `&str` or `String`, integers the field's integer type, numbers `f64`/`f32` (or `i32`/`i64`), dates `chrono::DateTime<Utc | FixedOffset>`, uuids `uuid::Uuid`, booleans `bool`; an `Option<T>` or `Vec<T>` field takes what `T` takes"
)]
pub trait Operand<S>: sealed::Value {
    /// The value as a single filter value.
    #[doc(hidden)]
    fn __value(self) -> TestValue;

    /// Several values as one array filter value (for `contains_*`).
    #[doc(hidden)]
    fn __values(values: Vec<Self>) -> TestValue
    where
        Self: Sized;
}

/// Text (and dates and uuids, which travel as text).
fn text(values: Vec<String>) -> TestValue {
    TestValue::ValueTextArray(pb::TextArray { values })
}

fn ints(values: Vec<i64>) -> TestValue {
    TestValue::ValueIntArray(pb::IntArray { values })
}

fn numbers(values: Vec<f64>) -> TestValue {
    TestValue::ValueNumberArray(pb::NumberArray { values })
}

fn bools(values: Vec<bool>) -> TestValue {
    TestValue::ValueBooleanArray(pb::BooleanArray { values })
}

/// A date as RFC 3339 with as many fraction digits as needed, `Z` for UTC, else its offset.
pub(super) fn date_text(date: &DateTime<FixedOffset>) -> String {
    date.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// An `f32` through its shortest decimal form, as [`PropertyValue`](crate::typed::PropertyValue)
/// writes it (`0.1f32` is `0.1`, not `0.10000000149011612`), so equality matches what was stored.
fn f32_number(x: f32) -> f64 {
    if !x.is_finite() {
        return f64::from(x);
    }
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// Implements `Operand<$scalar>` for each `$value`, converting with `$one` into `$kind`'s wire form.
macro_rules! operand {
    ($scalar:ty: $($value:ty),+ => |$x:ident| $one:expr, $single:ident, $array:ident) => {$(
        #[diagnostic::do_not_recommend]
        impl Operand<$scalar> for $value {
            fn __value(self) -> TestValue {
                let $x = self;
                TestValue::$single($one)
            }

            fn __values(values: Vec<Self>) -> TestValue {
                $array(values.into_iter().map(|$x| $one).collect())
            }
        }
    )+};
}

/// Marks value types as sealed.
macro_rules! sealed_values {
    ($($value:ty),+ $(,)?) => {$( impl sealed::Value for $value {} )+};
}

sealed_values!(
    &str,
    &&str,
    String,
    &String,
    bool,
    &bool,
    f64,
    &f64,
    f32,
    &f32,
    DateTime<Utc>,
    &DateTime<Utc>,
    DateTime<FixedOffset>,
    &DateTime<FixedOffset>,
    Uuid,
    &Uuid,
);

/// Integer operands: each integer field type takes its own type (so literals infer it), and the
/// untyped builder takes all of them.
macro_rules! int_operands {
    ($($int:ty),+) => {$(
        sealed_values!($int, &$int);
        operand!($int: $int, &$int => |x| i64::from(*std::borrow::Borrow::<$int>::borrow(&x)), ValueInt, ints);
        operand!(Untyped: $int, &$int => |x| i64::from(*std::borrow::Borrow::<$int>::borrow(&x)), ValueInt, ints);
    )+};
}

int_operands!(i8, i16, i32, i64, u8, u16, u32);

/// Text operands, for text fields and the untyped builder.
macro_rules! text_operands {
    ($($scalar:ty),+) => {$(
        operand!($scalar: &str, String, &String => |x| String::from(AsRef::<str>::as_ref(&x)), ValueText, text);
        operand!($scalar: &&str => |x| (*x).to_owned(), ValueText, text);
    )+};
}

text_operands!(String, Untyped);

/// Number operands: floats (and `i32` / `i64`, which number fields accept).
macro_rules! number_operands {
    ($($scalar:ty),+) => {$(
        operand!($scalar: f64 => |x| x, ValueNumber, numbers);
        operand!($scalar: &f64 => |x| *x, ValueNumber, numbers);
        operand!($scalar: f32 => |x| f32_number(x), ValueNumber, numbers);
        operand!($scalar: &f32 => |x| f32_number(*x), ValueNumber, numbers);
    )+};
}

number_operands!(f64, f32, Untyped);
operand!(f64: i64, i32 => |x| x as f64, ValueNumber, numbers);
operand!(f32: i64, i32 => |x| x as f64, ValueNumber, numbers);

/// Boolean operands.
macro_rules! bool_operands {
    ($($scalar:ty),+) => {$(
        operand!($scalar: bool => |x| x, ValueBoolean, bools);
        operand!($scalar: &bool => |x| *x, ValueBoolean, bools);
    )+};
}

bool_operands!(bool, Untyped);

/// Date operands: both kinds of `DateTime`, for both kinds of date field.
macro_rules! date_operands {
    ($($scalar:ty),+) => {$(
        operand!($scalar: DateTime<Utc>, &DateTime<Utc> => |x| date_text(&x.fixed_offset()), ValueText, text);
        operand!($scalar: DateTime<FixedOffset>, &DateTime<FixedOffset> => |x| date_text(&x), ValueText, text);
    )+};
}

date_operands!(DateTime<Utc>, DateTime<FixedOffset>, Untyped);

/// Uuid operands (hyphenated text on the wire).
macro_rules! uuid_operands {
    ($($scalar:ty),+) => {$(
        operand!($scalar: Uuid, &Uuid => |x| x.hyphenated().to_string(), ValueText, text);
    )+};
}

uuid_operands!(Uuid, Untyped);

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn one<S, V: Operand<S>>(v: V) -> TestValue {
        v.__value()
    }

    fn many<S, V: Operand<S>>(v: Vec<V>) -> TestValue {
        V::__values(v)
    }

    #[test]
    fn scalars_encode_to_their_wire_kind() {
        assert_eq!(one::<String, _>("a"), TestValue::ValueText("a".into()));
        assert_eq!(
            one::<String, _>(&String::from("b")),
            TestValue::ValueText("b".into())
        );
        assert_eq!(one::<i64, _>(5i64), TestValue::ValueInt(5));
        assert_eq!(one::<u8, _>(&255u8), TestValue::ValueInt(255));
        assert_eq!(one::<f64, _>(2.5f64), TestValue::ValueNumber(2.5));
        assert_eq!(one::<f64, _>(3i64), TestValue::ValueNumber(3.0));
        assert_eq!(one::<f32, _>(0.1f32), TestValue::ValueNumber(0.1));
        assert_eq!(one::<bool, _>(true), TestValue::ValueBoolean(true));
        assert_eq!(
            one::<Uuid, _>(Uuid::from_u128(1)),
            TestValue::ValueText("00000000-0000-0000-0000-000000000001".into())
        );
    }

    #[test]
    fn dates_are_rfc3339_text_keeping_the_offset() {
        let utc = Utc.with_ymd_and_hms(2024, 3, 1, 12, 0, 0).unwrap();
        assert_eq!(
            one::<DateTime<Utc>, _>(utc),
            TestValue::ValueText("2024-03-01T12:00:00Z".into())
        );
        let offset = FixedOffset::east_opt(5 * 3600 + 1800)
            .unwrap()
            .with_ymd_and_hms(2024, 3, 1, 17, 30, 0)
            .unwrap()
            + chrono::Duration::milliseconds(250);
        assert_eq!(
            one::<DateTime<Utc>, _>(offset),
            TestValue::ValueText("2024-03-01T17:30:00.250+05:30".into())
        );
        assert_eq!(
            one::<Untyped, _>(&offset),
            TestValue::ValueText("2024-03-01T17:30:00.250+05:30".into())
        );
    }

    #[test]
    fn arrays_encode_to_the_matching_array_kind() {
        assert_eq!(
            many::<String, _>(vec!["a", "b"]),
            TestValue::ValueTextArray(pb::TextArray {
                values: vec!["a".into(), "b".into()]
            })
        );
        assert_eq!(
            many::<i32, _>(vec![1i32, 2]),
            TestValue::ValueIntArray(pb::IntArray { values: vec![1, 2] })
        );
        assert_eq!(
            many::<f64, _>(Vec::<i64>::new()),
            TestValue::ValueNumberArray(pb::NumberArray { values: vec![] })
        );
        assert_eq!(
            many::<bool, _>(vec![&true]),
            TestValue::ValueBooleanArray(pb::BooleanArray { values: vec![true] })
        );
        assert_eq!(
            many::<Uuid, _>(vec![Uuid::nil()]),
            TestValue::ValueTextArray(pb::TextArray {
                values: vec![Uuid::nil().to_string()]
            })
        );
    }
}
