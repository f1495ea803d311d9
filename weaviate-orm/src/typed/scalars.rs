//! [`PropertyValue`] for the scalar Rust types: text, integers, floats, booleans, dates and UUIDs.
//!
//! Wire facts, checked against Weaviate 1.39 (REST and gRPC):
//! - `int` values come back over gRPC as `IntValue`, `number` as `NumberValue`; the server stores
//!   ints as float64, so integers beyond ±2^53 are refused before sending.
//! - `date`: the server parses the RFC 3339 string and returns it re-formatted the Go way
//!   (`RFC3339Nano`), over REST and gRPC alike: the offset as written is kept (`+05:30`, `-00:00`
//!   becomes `Z`), trailing zeros of the fraction are dropped (`.100Z` reads `.1Z`), nanoseconds are
//!   kept, digits beyond nanoseconds are cut. Lower-case `t`/`z` are refused. A written date
//!   therefore reads back as the same instant (and, for `DateTime<FixedOffset>`, the same offset).
//! - `uuid` comes back hyphenated, as a `UuidValue` over gRPC.
//! - A requested property the object lacks comes back over gRPC as a `NullValue` (REST leaves it
//!   out); see [`PropertyValue::read_grpc`].

use chrono::{DateTime, Datelike, FixedOffset, SecondsFormat, Utc};
use serde_json::{Number, Value};
use uuid::Uuid;

use super::PropertyValue;
use super::value::{expected, grpc_kind, json_kind};
use crate::data::MAX_SAFE_INTEGER;
use crate::error::{Error, Result};
use crate::schema::DataType;
use crate::wire::v1 as pb;

use pb::value::Kind as K;

impl PropertyValue for String {
    fn data_type() -> DataType {
        DataType::Text
    }

    fn to_json(&self) -> Result<Option<Value>> {
        Ok(Some(Value::String(self.clone())))
    }

    fn from_json(value: &Value) -> Result<Self> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(expected("a string", json_kind(other))),
        }
    }

    /// Reads any string-carrying value (text, and also date, uuid or blob strings as sent).
    fn from_grpc(value: &pb::Value) -> Result<Self> {
        match &value.kind {
            Some(K::TextValue(s) | K::DateValue(s) | K::UuidValue(s) | K::BlobValue(s)) => {
                Ok(s.clone())
            }
            _ => Err(expected("a text", grpc_kind(value))),
        }
    }
}

/// An `i64` Weaviate can store exactly (within ±2^53) as JSON.
fn int_to_json(value: i64) -> Result<Option<Value>> {
    if value.unsigned_abs() > MAX_SAFE_INTEGER {
        return Err(Error::InvalidInput {
            message: format!(
                "integer {value} is beyond ±2^53 and would lose precision in Weaviate (store it as text)"
            ),
        });
    }
    Ok(Some(Value::Number(value.into())))
}

/// An integer from JSON. Integral floats (`5.0`, `1e3`) are accepted.
fn int_from_json(value: &Value, ty: &str) -> Result<i64> {
    let Value::Number(n) = value else {
        return Err(expected("an integer", json_kind(value)));
    };
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    if n.is_u64() {
        return Err(out_of_range(n, ty));
    }
    match n.as_f64() {
        Some(x) if x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER as f64 => Ok(x as i64),
        _ => Err(Error::Decode {
            message: format!("expected an integer, got {n}"),
        }),
    }
}

/// An integer from gRPC (`IntValue`; an integral `NumberValue` is accepted too).
fn int_from_grpc(value: &pb::Value) -> Result<i64> {
    match &value.kind {
        Some(K::IntValue(i)) => Ok(*i),
        Some(K::NumberValue(x)) if x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER as f64 => {
            Ok(*x as i64)
        }
        Some(K::NumberValue(x)) => Err(Error::Decode {
            message: format!("expected an integer, got {x}"),
        }),
        _ => Err(expected("an integer", grpc_kind(value))),
    }
}

fn out_of_range(value: impl std::fmt::Display, ty: &str) -> Error {
    Error::Decode {
        message: format!("value {value} is out of range for {ty}"),
    }
}

/// Narrows a decoded `i64` to the field's type.
fn narrow<T: TryFrom<i64>>(value: i64, ty: &str) -> Result<T> {
    T::try_from(value).map_err(|_| out_of_range(value, ty))
}

macro_rules! int_property {
    ($($t:ty),*) => {$(
        /// An `int` property. Decoding a value outside the type's range is a decode error.
        impl PropertyValue for $t {
            fn data_type() -> DataType {
                DataType::Int
            }

            fn to_json(&self) -> Result<Option<Value>> {
                int_to_json(i64::from(*self))
            }

            fn from_json(value: &Value) -> Result<Self> {
                narrow(int_from_json(value, stringify!($t))?, stringify!($t))
            }

            fn from_grpc(value: &pb::Value) -> Result<Self> {
                narrow(int_from_grpc(value)?, stringify!($t))
            }
        }
    )*};
}

int_property!(i8, i16, i32, i64, u8, u16, u32);

fn float_to_json(value: f64) -> Result<Option<Value>> {
    Number::from_f64(value)
        .map(|n| Some(Value::Number(n)))
        .ok_or_else(|| Error::InvalidInput {
            message: format!("number {value} is not finite: Weaviate cannot store NaN or infinity"),
        })
}

fn float_from_json(value: &Value) -> Result<f64> {
    match value {
        Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| expected("a number", "an unreadable number")),
        other => Err(expected("a number", json_kind(other))),
    }
}

/// A float from gRPC (`NumberValue`; an `IntValue` is accepted too).
fn float_from_grpc(value: &pb::Value) -> Result<f64> {
    match &value.kind {
        Some(K::NumberValue(x)) => Ok(*x),
        Some(K::IntValue(i)) => Ok(*i as f64),
        _ => Err(expected("a number", grpc_kind(value))),
    }
}

/// A `number` property (a float64 in Weaviate). NaN and infinities are refused.
impl PropertyValue for f64 {
    fn data_type() -> DataType {
        DataType::Number
    }

    fn to_json(&self) -> Result<Option<Value>> {
        float_to_json(*self)
    }

    fn from_json(value: &Value) -> Result<Self> {
        float_from_json(value)
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        float_from_grpc(value)
    }
}

/// Narrows a float64 to `f32`; a finite value beyond `f32`'s range is a decode error.
fn to_f32(x: f64) -> Result<f32> {
    let narrow = x as f32;
    if x.is_finite() && !narrow.is_finite() {
        return Err(out_of_range(x, "f32"));
    }
    Ok(narrow)
}

/// A `number` property written through `f32`'s shortest decimal form (`0.1f32` is sent as `0.1`,
/// not `0.10000000149011612`), so it reads back as the same `f32`.
impl PropertyValue for f32 {
    fn data_type() -> DataType {
        DataType::Number
    }

    fn to_json(&self) -> Result<Option<Value>> {
        if !self.is_finite() {
            return float_to_json(f64::from(*self));
        }
        float_to_json(self.to_string().parse().unwrap_or(f64::from(*self)))
    }

    fn from_json(value: &Value) -> Result<Self> {
        to_f32(float_from_json(value)?)
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        to_f32(float_from_grpc(value)?)
    }
}

/// A `boolean` property.
impl PropertyValue for bool {
    fn data_type() -> DataType {
        DataType::Bool
    }

    fn to_json(&self) -> Result<Option<Value>> {
        Ok(Some(Value::Bool(*self)))
    }

    fn from_json(value: &Value) -> Result<Self> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(expected("a boolean", json_kind(other))),
        }
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        match &value.kind {
            Some(K::BoolValue(b)) => Ok(*b),
            _ => Err(expected("a boolean", grpc_kind(value))),
        }
    }
}

/// A date as RFC 3339 with as many fraction digits as needed (0, 3, 6 or 9), `Z` for UTC.
fn date_to_json(date: &DateTime<FixedOffset>) -> Result<Option<Value>> {
    if !(0..=9999).contains(&date.year()) {
        return Err(Error::InvalidInput {
            message: format!(
                "date {date} has a year outside 0000..9999, which RFC 3339 cannot express"
            ),
        });
    }
    Ok(Some(Value::String(
        date.to_rfc3339_opts(SecondsFormat::AutoSi, true),
    )))
}

fn parse_date(s: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).map_err(|e| Error::Decode {
        message: format!("`{s}` is not an RFC 3339 date: {e}"),
    })
}

fn date_from_json(value: &Value) -> Result<DateTime<FixedOffset>> {
    match value {
        Value::String(s) => parse_date(s),
        other => Err(expected("a date string", json_kind(other))),
    }
}

/// A date from gRPC (`DateValue`; a `TextValue` is accepted too).
fn date_from_grpc(value: &pb::Value) -> Result<DateTime<FixedOffset>> {
    match &value.kind {
        Some(K::DateValue(s) | K::TextValue(s)) => parse_date(s),
        _ => Err(expected("a date", grpc_kind(value))),
    }
}

/// A `date` property in UTC. Written as RFC 3339 with sub-second precision kept (`Z` offset);
/// a date stored with another offset reads as the same instant in UTC.
impl PropertyValue for DateTime<Utc> {
    fn data_type() -> DataType {
        DataType::Date
    }

    fn to_json(&self) -> Result<Option<Value>> {
        date_to_json(&self.fixed_offset())
    }

    fn from_json(value: &Value) -> Result<Self> {
        date_from_json(value).map(|d| d.to_utc())
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        date_from_grpc(value).map(|d| d.to_utc())
    }
}

/// A `date` property with its offset. Weaviate keeps the offset as written, so the value reads back
/// with the same instant and offset.
impl PropertyValue for DateTime<FixedOffset> {
    fn data_type() -> DataType {
        DataType::Date
    }

    fn to_json(&self) -> Result<Option<Value>> {
        date_to_json(self)
    }

    fn from_json(value: &Value) -> Result<Self> {
        date_from_json(value)
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        date_from_grpc(value)
    }
}

fn parse_uuid(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| Error::Decode {
        message: format!("`{s}` is not a UUID: {e}"),
    })
}

/// A `uuid` property, written hyphenated.
impl PropertyValue for Uuid {
    fn data_type() -> DataType {
        DataType::Uuid
    }

    fn to_json(&self) -> Result<Option<Value>> {
        Ok(Some(Value::String(self.hyphenated().to_string())))
    }

    fn from_json(value: &Value) -> Result<Self> {
        match value {
            Value::String(s) => parse_uuid(s),
            other => Err(expected("a UUID string", json_kind(other))),
        }
    }

    /// Reads a `UuidValue` (a `TextValue` is accepted too).
    fn from_grpc(value: &pb::Value) -> Result<Self> {
        match &value.kind {
            Some(K::UuidValue(s) | K::TextValue(s)) => parse_uuid(s),
            _ => Err(expected("a uuid", grpc_kind(value))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typed::__read_grpc;
    use serde_json::json;

    fn val(kind: K) -> pb::Value {
        pb::Value { kind: Some(kind) }
    }

    fn decode_message<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Err(Error::Decode { message }) => message,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    fn invalid_message<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Err(Error::InvalidInput { message }) => message,
            other => panic!("expected an invalid-input error, got {other:?}"),
        }
    }

    #[test]
    fn text_round_trips_json_and_grpc() {
        let s = "héllo \"world\"".to_owned();
        assert_eq!(String::data_type(), DataType::Text);
        let j = s.to_json().unwrap().unwrap();
        assert_eq!(String::from_json(&j).unwrap(), s);
        assert_eq!(String::from_grpc(&val(K::TextValue(s.clone()))).unwrap(), s);
        assert!(decode_message(String::from_json(&json!(1))).contains("got a number"));
        assert!(decode_message(String::from_grpc(&val(K::IntValue(1)))).contains("an integer"));
        assert!(decode_message(String::from_grpc(&pb::Value { kind: None })).contains("null"));
    }

    #[test]
    fn i64_beyond_2_pow_53_is_invalid_input() {
        let max = 1i64 << 53;
        assert_eq!(max.to_json().unwrap(), Some(json!(9007199254740992i64)));
        assert_eq!((-max).to_json().unwrap(), Some(json!(-9007199254740992i64)));
        assert!(invalid_message((max + 1).to_json()).contains("2^53"));
        assert!(invalid_message((-max - 1).to_json()).contains("9007199254740993"));
        assert!(i64::MIN.to_json().is_err());
        assert_eq!(i64::from_json(&json!(max)).unwrap(), max);
        assert_eq!(
            i64::from_grpc(&val(K::IntValue(i64::MAX))).unwrap(),
            i64::MAX
        );
    }

    #[test]
    fn every_integer_type_round_trips_its_extremes() {
        fn check<T: PropertyValue + PartialEq + std::fmt::Debug + Copy>(v: T) {
            assert_eq!(T::data_type(), DataType::Int);
            let j = v.to_json().unwrap().unwrap();
            assert_eq!(T::from_json(&j).unwrap(), v);
            let n = j.as_i64().unwrap();
            assert_eq!(T::from_grpc(&val(K::IntValue(n))).unwrap(), v);
        }
        check(i8::MIN);
        check(i8::MAX);
        check(i16::MIN);
        check(i16::MAX);
        check(i32::MIN);
        check(i32::MAX);
        check(u8::MAX);
        check(u16::MAX);
        check(u32::MAX);
        check(0u32);
        check(-(1i64 << 53));
        assert_eq!(u32::MAX.to_json().unwrap(), Some(json!(4294967295u32)));
    }

    #[test]
    fn out_of_range_integers_are_decode_errors_naming_the_value() {
        let m = decode_message(u8::from_json(&json!(300)));
        assert!(m.contains("300") && m.contains("u8"), "{m}");
        let m = decode_message(u8::from_grpc(&val(K::IntValue(300))));
        assert!(m.contains("300") && m.contains("u8"), "{m}");
        let m = decode_message(u32::from_json(&json!(-1)));
        assert!(m.contains("-1") && m.contains("u32"), "{m}");
        let m = decode_message(i8::from_grpc(&val(K::IntValue(-129))));
        assert!(m.contains("-129"), "{m}");
        let m = decode_message(i64::from_json(&json!(u64::MAX)));
        assert!(
            m.contains("18446744073709551615") && m.contains("i64"),
            "{m}"
        );
    }

    #[test]
    fn integers_accept_integral_floats_only() {
        assert_eq!(i32::from_json(&json!(5.0)).unwrap(), 5);
        assert_eq!(i32::from_grpc(&val(K::NumberValue(7.0))).unwrap(), 7);
        assert!(decode_message(i32::from_json(&json!(1.5))).contains("1.5"));
        assert!(decode_message(i32::from_grpc(&val(K::NumberValue(1.5)))).contains("1.5"));
        assert!(decode_message(i32::from_json(&json!("5"))).contains("a string"));
        assert!(decode_message(i32::from_grpc(&val(K::TextValue("5".into())))).contains("a text"));
    }

    #[test]
    fn floats_round_trip_and_refuse_non_finite() {
        assert_eq!(f64::data_type(), DataType::Number);
        assert_eq!(f32::data_type(), DataType::Number);
        assert_eq!(1.5f64.to_json().unwrap(), Some(json!(1.5)));
        assert!(invalid_message(f64::NAN.to_json()).contains("NaN"));
        assert!(f64::INFINITY.to_json().is_err());
        assert!(f32::NEG_INFINITY.to_json().is_err());
        assert!(matches!(
            f32::NAN.to_json(),
            Err(Error::InvalidInput { .. })
        ));
        assert_eq!(f64::from_json(&json!(3)).unwrap(), 3.0);
        assert_eq!(f64::from_grpc(&val(K::NumberValue(0.25))).unwrap(), 0.25);
        assert_eq!(f64::from_grpc(&val(K::IntValue(4))).unwrap(), 4.0);
        assert!(decode_message(f64::from_json(&json!(true))).contains("a boolean"));
        assert!(decode_message(f64::from_grpc(&val(K::BoolValue(true)))).contains("boolean"));
    }

    #[test]
    fn f32_is_written_through_its_shortest_decimal() {
        assert_eq!(0.1f32.to_json().unwrap(), Some(json!(0.1)));
        assert_eq!(f32::from_json(&json!(0.1)).unwrap(), 0.1f32);
        assert_eq!(f32::from_grpc(&val(K::NumberValue(0.1))).unwrap(), 0.1f32);
        assert_eq!(
            f32::MAX
                .to_json()
                .unwrap()
                .map(|v| f32::from_json(&v).unwrap()),
            Some(f32::MAX)
        );
        let m = decode_message(f32::from_json(&json!(1e300)));
        assert!(m.contains("f32"), "{m}");
    }

    #[test]
    fn booleans_round_trip() {
        assert_eq!(bool::data_type(), DataType::Bool);
        assert_eq!(true.to_json().unwrap(), Some(json!(true)));
        assert!(!bool::from_json(&json!(false)).unwrap());
        assert!(bool::from_grpc(&val(K::BoolValue(true))).unwrap());
        assert!(decode_message(bool::from_json(&json!("true"))).contains("a string"));
        assert!(bool::from_grpc(&val(K::IntValue(1))).is_err());
    }

    #[test]
    fn dates_with_offset_and_nanoseconds_round_trip_as_instants() {
        let written = DateTime::parse_from_rfc3339("2024-03-01T12:34:56.123456789+05:30").unwrap();
        assert_eq!(<DateTime<FixedOffset>>::data_type(), DataType::Date);
        let j = written.to_json().unwrap().unwrap();
        assert_eq!(j, json!("2024-03-01T12:34:56.123456789+05:30"));
        // What Weaviate 1.39 returns for it, over REST and gRPC alike.
        let back = <DateTime<FixedOffset>>::from_json(&j).unwrap();
        assert_eq!(back, written);
        assert_eq!(back.offset(), written.offset());
        let back = <DateTime<FixedOffset>>::from_grpc(&val(K::DateValue(
            "2024-03-01T12:34:56.123456789+05:30".into(),
        )))
        .unwrap();
        assert_eq!(back, written);
        let utc = <DateTime<Utc>>::from_json(&j).unwrap();
        assert_eq!(utc, written);
        assert_eq!(utc.to_rfc3339(), "2024-03-01T07:04:56.123456789+00:00");
        assert_eq!(
            utc.to_json().unwrap(),
            Some(json!("2024-03-01T07:04:56.123456789Z"))
        );
    }

    #[test]
    fn dates_keep_sub_second_precision_and_read_go_formats() {
        let ms = DateTime::parse_from_rfc3339("2024-03-01T12:34:56.100Z")
            .unwrap()
            .to_utc();
        assert_eq!(
            ms.to_json().unwrap(),
            Some(json!("2024-03-01T12:34:56.100Z"))
        );
        // The server trims trailing zeros: `.100Z` comes back as `.1Z`.
        assert_eq!(
            <DateTime<Utc>>::from_json(&json!("2024-03-01T12:34:56.1Z")).unwrap(),
            ms
        );
        let whole =
            <DateTime<Utc>>::from_grpc(&val(K::DateValue("2024-03-01T00:00:00Z".into()))).unwrap();
        assert_eq!(
            whole.to_json().unwrap(),
            Some(json!("2024-03-01T00:00:00Z"))
        );
        let us = DateTime::parse_from_rfc3339("2024-03-01T00:00:00.000001-08:00").unwrap();
        assert_eq!(
            us.to_json().unwrap(),
            Some(json!("2024-03-01T00:00:00.000001-08:00"))
        );
    }

    #[test]
    fn malformed_dates_are_decode_errors_and_far_years_invalid_input() {
        let m = decode_message(<DateTime<Utc>>::from_json(&json!("yesterday")));
        assert!(m.contains("yesterday"), "{m}");
        assert!(<DateTime<Utc>>::from_json(&json!(1700000000)).is_err());
        assert!(<DateTime<FixedOffset>>::from_grpc(&val(K::IntValue(1))).is_err());
        assert!(<DateTime<Utc>>::from_grpc(&val(K::DateValue(String::new()))).is_err());
        let far = DateTime::parse_from_rfc3339("9999-12-31T23:59:59Z")
            .unwrap()
            .to_utc()
            + chrono::Duration::days(1);
        assert!(invalid_message(far.to_json()).contains("year"));
    }

    #[test]
    fn uuids_round_trip() {
        let id = Uuid::from_u128(0x2222_2222_2222_2222_2222_2222_2222_2222);
        assert_eq!(Uuid::data_type(), DataType::Uuid);
        let j = id.to_json().unwrap().unwrap();
        assert_eq!(j, json!("22222222-2222-2222-2222-222222222222"));
        assert_eq!(Uuid::from_json(&j).unwrap(), id);
        assert_eq!(
            Uuid::from_grpc(&val(K::UuidValue(
                "22222222-2222-2222-2222-222222222222".into()
            )))
            .unwrap(),
            id
        );
        let m = decode_message(Uuid::from_json(&json!("not-a-uuid")));
        assert!(m.contains("not-a-uuid"), "{m}");
        assert!(Uuid::from_grpc(&val(K::BoolValue(true))).is_err());
    }

    #[test]
    fn null_and_absent_scalars_are_missing_required_properties() {
        let mut props = pb::Properties::default();
        props.fields.insert("t".into(), val(K::NullValue(0)));
        let m = decode_message(__read_grpc::<String>(&props, &[], "t"));
        assert!(m.contains("`t`") && m.contains("missing"), "{m}");
        let m = decode_message(__read_grpc::<i64>(&props, &[], "absent"));
        assert!(m.contains("`absent`"), "{m}");
        props
            .fields
            .insert("n".into(), val(K::TextValue("x".into())));
        let m = decode_message(__read_grpc::<i64>(&props, &[], "n"));
        assert!(m.contains("property `n`") && m.contains("a text"), "{m}");
    }
}
