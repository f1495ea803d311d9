//! [`PropertyValue`]: Rust types that can be Weaviate properties.

use serde_json::Value;

use super::WeaviateObject;
use crate::error::Result;
use crate::schema::{DataType, NestedProperty};
use crate::wire::v1 as pb;

/// A Rust type that can be stored as a Weaviate property.
///
/// Implemented for `String`, `i8`..`i64`, `u8`..`u32`, `f32`, `f64`, `bool`, `chrono::DateTime<Utc>`,
/// `chrono::DateTime<FixedOffset>`, `uuid::Uuid`, [`GeoCoordinates`](super::GeoCoordinates),
/// [`PhoneNumber`](super::PhoneNumber), [`Blob`](super::Blob), `Vec<T>` of those (arrays), `Option<T>`
/// (nullable), and structs deriving `WeaviateObject` (nested objects, and `Vec` of them).
///
/// Writing refuses what Weaviate cannot store exactly ([`crate::Error::InvalidInput`]); reading
/// refuses what does not fit the Rust type ([`crate::Error::Decode`], naming the value), never
/// panicking.
///
/// ```
/// use chrono::{DateTime, FixedOffset, Utc};
/// use serde_json::json;
/// use weaviate_orm::schema::DataType;
/// use weaviate_orm::typed::PropertyValue;
///
/// assert_eq!(<Vec<String>>::data_type(), DataType::TextArray);
/// assert_eq!(<Option<u32>>::data_type(), DataType::Int);
///
/// // Integers beyond ±2^53 would be rounded by Weaviate: refused before sending.
/// assert_eq!((1i64 << 53).to_json()?, Some(json!(9007199254740992i64)));
/// assert!((1i64 << 53 | 1).to_json().is_err());
/// // A value that does not fit the field's type is a decode error.
/// assert!(u8::from_json(&json!(300)).is_err());
///
/// // `None` leaves the property out; null or absent reads `None`.
/// assert_eq!(None::<String>.to_json()?, None);
/// assert_eq!(<Option<String>>::from_json(&json!(null))?, None);
///
/// // Dates keep their offset and sub-second precision.
/// let date = DateTime::parse_from_rfc3339("2024-03-01T12:34:56.123456789+05:30").unwrap();
/// assert_eq!(date.to_json()?, Some(json!("2024-03-01T12:34:56.123456789+05:30")));
/// let utc = <DateTime<Utc>>::from_json(&json!("2024-03-01T12:34:56.123456789+05:30"))?;
/// assert_eq!(utc, date);
/// # let _: DateTime<FixedOffset> = date;
/// # Ok::<(), weaviate_orm::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a Weaviate property",
    label = "unsupported property type",
    note = "supported: String, i8..i64, u8..u32, f32, f64, bool, chrono::DateTime<Utc | FixedOffset>, uuid::Uuid, GeoCoordinates, PhoneNumber, Blob, a struct deriving WeaviateObject, Vec<_> and Option<_> of those, Reference<T> / MultiReference for cross-references",
    note = "mark the field `#[weaviate(skip)]` to keep it out of Weaviate"
)]
pub trait PropertyValue: Sized + Send + Sync {
    /// The Weaviate data type of this Rust type (an `Option<T>` has the type of `T`).
    fn data_type() -> DataType;

    /// Nested properties, for object types (empty for the others).
    fn nested_properties() -> Vec<NestedProperty> {
        Vec::new()
    }

    /// The value as REST JSON. `None` means "leave the property out" (a `None` option).
    /// Fails with [`crate::Error::InvalidInput`] when Weaviate cannot store the value exactly.
    fn to_json(&self) -> Result<Option<Value>>;

    /// Reads the value from REST JSON.
    fn from_json(value: &Value) -> Result<Self>;

    /// Reads the value from a gRPC search result value. Hidden: the wire types may change with
    /// Weaviate's proto files, so a hand-written type implements the JSON methods only and is read
    /// through the JSON form REST would return (the built-in types and the derive decode gRPC
    /// values directly).
    #[doc(hidden)]
    fn from_grpc(value: &pb::Value) -> Result<Self> {
        Self::from_json(&crate::encoding::grpc_values::value_to_json(value)?)
    }

    /// The value to use when the server sent nothing for the property: `Some(None)` for options,
    /// `Some(vec![])` for arrays (Weaviate drops empty arrays), `None` (a decode error) otherwise.
    fn when_missing() -> Option<Self> {
        None
    }

    /// Reads property `name` from a gRPC result; `Ok(None)` when it is absent or null (the server
    /// sends a requested property the object lacks as a null value). References override this to
    /// read `references` (gRPC returns them apart from the other properties). Hidden, like
    /// `from_grpc`.
    #[doc(hidden)]
    fn read_grpc(
        properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
        name: &str,
    ) -> Result<Option<Self>> {
        let _ = references;
        properties
            .fields
            .get(name)
            .filter(|v| !is_grpc_null(v))
            .map(Self::from_grpc)
            .transpose()
    }

    /// Reads property `name` from REST JSON properties; `Ok(None)` when it is absent or null.
    fn read_json(properties: &serde_json::Map<String, Value>, name: &str) -> Result<Option<Self>> {
        properties
            .get(name)
            .filter(|v| !v.is_null())
            .map(Self::from_json)
            .transpose()
    }

    /// Reads one element of an `object[]` list. The default wraps the element in a
    /// [`pb::Value`] and calls [`from_grpc`](PropertyValue::from_grpc); a nested struct may override it
    /// with `T::from_grpc_properties(properties, &[])` to save the copy.
    #[doc(hidden)]
    fn __from_grpc_object(properties: &pb::Properties) -> Result<Self> {
        Self::from_grpc(&pb::Value {
            kind: Some(pb::value::Kind::ObjectValue(properties.clone())),
        })
    }
}

/// Reads a required-or-defaulted property from gRPC: absent gives [`PropertyValue::when_missing`] or a
/// decode error naming the property; a wrong value gives a decode error naming the property.
#[doc(hidden)]
pub fn __read_grpc<T: PropertyValue>(
    properties: &pb::Properties,
    references: &[pb::RefPropertiesResult],
    name: &str,
) -> Result<T> {
    let read = T::read_grpc(properties, references, name).map_err(|e| in_property(e, name))?;
    read.or_else(T::when_missing).ok_or_else(|| missing(name))
}

/// Like [`__read_grpc`], from REST JSON.
#[doc(hidden)]
pub fn __read_json<T: PropertyValue>(
    properties: &serde_json::Map<String, Value>,
    name: &str,
) -> Result<T> {
    let read = T::read_json(properties, name).map_err(|e| in_property(e, name))?;
    read.or_else(T::when_missing).ok_or_else(|| missing(name))
}

/// Reads a nested struct (data type `object`) from a gRPC value: an `ObjectValue` whose
/// properties go to [`WeaviateObject::from_grpc_properties`] (nested objects carry no references).
/// The derive's `PropertyValue::from_grpc` for a `#[derive(WeaviateObject)]` struct calls this.
#[doc(hidden)]
pub fn __nested_from_grpc<T: WeaviateObject>(value: &pb::Value) -> Result<T> {
    match &value.kind {
        Some(pb::value::Kind::ObjectValue(properties)) => T::from_grpc_properties(properties, &[]),
        _ => Err(expected("an object", grpc_kind(value))),
    }
}

/// Reads a nested struct (data type `object`) from REST JSON: an object whose members go to
/// [`WeaviateObject::from_json_properties`]. The derive's `PropertyValue::from_json` calls this.
#[doc(hidden)]
pub fn __nested_from_json<T: WeaviateObject>(value: &Value) -> Result<T> {
    match value {
        Value::Object(properties) => T::from_json_properties(properties),
        other => Err(expected("an object", json_kind(other))),
    }
}

/// A nested struct as REST JSON: `Some` of its [`WeaviateObject::to_properties`] object. The
/// derive's `PropertyValue::to_json` calls this.
#[doc(hidden)]
pub fn __nested_to_json<T: WeaviateObject>(value: &T) -> Result<Option<Value>> {
    value.to_properties().map(|p| Some(Value::Object(p)))
}

fn missing(name: &str) -> crate::Error {
    crate::Error::Decode {
        message: format!(
            "required property `{name}` is missing (make the field an `Option` if it may be absent)"
        ),
    }
}

fn in_property(e: crate::Error, name: &str) -> crate::Error {
    match e {
        crate::Error::Decode { message } => crate::Error::Decode {
            message: format!("property `{name}`: {message}"),
        },
        e => e,
    }
}

/// Whether a gRPC value is null (or carries no kind at all).
pub(super) fn is_grpc_null(value: &pb::Value) -> bool {
    matches!(value.kind, None | Some(pb::value::Kind::NullValue(_)))
}

/// What a gRPC value holds, for error messages.
pub(super) fn grpc_kind(value: &pb::Value) -> &'static str {
    use pb::value::Kind as K;
    match &value.kind {
        None | Some(K::NullValue(_)) => "null",
        Some(K::NumberValue(_)) => "a number",
        Some(K::BoolValue(_)) => "a boolean",
        Some(K::ObjectValue(_)) => "an object",
        Some(K::ListValue(_)) => "a list",
        Some(K::DateValue(_)) => "a date",
        Some(K::UuidValue(_)) => "a uuid",
        Some(K::IntValue(_)) => "an integer",
        Some(K::GeoValue(_)) => "geo coordinates",
        Some(K::BlobValue(_)) => "a blob",
        Some(K::PhoneValue(_)) => "a phone number",
        Some(K::TextValue(_)) => "a text",
    }
}

/// What a JSON value holds, for error messages.
pub(super) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A decode error "expected X, got Y".
pub(super) fn expected(what: &str, got: &str) -> crate::Error {
    crate::Error::Decode {
        message: format!("expected {what}, got {got}"),
    }
}

/// Adds "element `i`" to a decode or input error.
fn in_element(e: crate::Error, i: usize) -> crate::Error {
    match e {
        crate::Error::Decode { message } => crate::Error::Decode {
            message: format!("element {i}: {message}"),
        },
        crate::Error::InvalidInput { message } => crate::Error::InvalidInput {
            message: format!("element {i}: {message}"),
        },
        e => e,
    }
}

/// The array data type whose elements have data type `element` (`text` → `text[]`,
/// `object` → `object[]`). Weaviate has no arrays of the other types (nor arrays of arrays); those
/// map to an [`DataType::Other`] the server refuses when the collection is created.
fn array_of(element: DataType) -> DataType {
    match element {
        DataType::Text => DataType::TextArray,
        DataType::Int => DataType::IntArray,
        DataType::Number => DataType::NumberArray,
        DataType::Bool => DataType::BoolArray,
        DataType::Date => DataType::DateArray,
        DataType::Uuid => DataType::UuidArray,
        DataType::Object => DataType::ObjectArray,
        other => DataType::Other(
            other
                .to_strings()
                .into_iter()
                .map(|s| format!("{s}[]"))
                .collect(),
        ),
    }
}

/// `Option<T>`: a nullable property of `T`'s data type.
///
/// `None` is left out when writing; an absent or null value reads `None`.
impl<T: PropertyValue> PropertyValue for Option<T> {
    fn data_type() -> DataType {
        T::data_type()
    }

    fn nested_properties() -> Vec<NestedProperty> {
        T::nested_properties()
    }

    fn to_json(&self) -> Result<Option<Value>> {
        match self {
            Some(v) => v.to_json(),
            None => Ok(None),
        }
    }

    fn from_json(value: &Value) -> Result<Self> {
        if value.is_null() {
            Ok(None)
        } else {
            T::from_json(value).map(Some)
        }
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        if is_grpc_null(value) {
            Ok(None)
        } else {
            T::from_grpc(value).map(Some)
        }
    }

    fn when_missing() -> Option<Self> {
        Some(None)
    }

    // Delegates so that `Option<Reference<T>>` reads the references.
    fn read_grpc(
        properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
        name: &str,
    ) -> Result<Option<Self>> {
        Ok(T::read_grpc(properties, references, name)?.map(Some))
    }

    fn read_json(properties: &serde_json::Map<String, Value>, name: &str) -> Result<Option<Self>> {
        Ok(T::read_json(properties, name)?.map(Some))
    }

    fn __from_grpc_object(properties: &pb::Properties) -> Result<Self> {
        T::__from_grpc_object(properties).map(Some)
    }
}

/// `Vec<T>`: an array property (`text[]`, `int[]`, `number[]`, `boolean[]`, `date[]`, `uuid[]`, and
/// `object[]` for nested structs).
///
/// An empty vector is written as `[]`, which Weaviate 1.39 keeps; an absent or null value reads as
/// an empty vector (objects written without the property, or before it was added to the schema).
/// Elements cannot be null: a `None` element of a `Vec<Option<T>>` is refused.
impl<T: PropertyValue> PropertyValue for Vec<T> {
    fn data_type() -> DataType {
        array_of(T::data_type())
    }

    fn nested_properties() -> Vec<NestedProperty> {
        T::nested_properties()
    }

    fn to_json(&self) -> Result<Option<Value>> {
        let items = self
            .iter()
            .enumerate()
            .map(|(i, item)| match item.to_json() {
                Ok(Some(v)) => Ok(v),
                Ok(None) => Err(crate::Error::InvalidInput {
                    message: format!(
                        "element {i} is None: Weaviate arrays cannot hold null elements"
                    ),
                }),
                Err(e) => Err(in_element(e, i)),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(Value::Array(items)))
    }

    fn from_json(value: &Value) -> Result<Self> {
        match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| T::from_json(v).map_err(|e| in_element(e, i)))
                .collect(),
            Value::Null => Ok(Vec::new()),
            other => Err(expected("an array", json_kind(other))),
        }
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        match &value.kind {
            Some(pb::value::Kind::ListValue(list)) => list_from_grpc(list),
            None | Some(pb::value::Kind::NullValue(_)) => Ok(Vec::new()),
            _ => Err(expected("a list", grpc_kind(value))),
        }
    }

    fn when_missing() -> Option<Self> {
        Some(Vec::new())
    }
}

/// Decodes a typed gRPC list element by element through `T::from_grpc`. Number and int arrays are
/// packed little-endian 8-byte float64s / int64s.
fn list_from_grpc<T: PropertyValue>(list: &pb::ListValue) -> Result<Vec<T>> {
    use pb::list_value::Kind as L;
    use pb::value::Kind as K;
    let one = |i: usize, kind: K| {
        T::from_grpc(&pb::Value { kind: Some(kind) }).map_err(|e| in_element(e, i))
    };
    let Some(kind) = &list.kind else {
        return Ok(Vec::new());
    };
    match kind {
        L::TextValues(v) => (v.values.iter().enumerate())
            .map(|(i, s)| one(i, K::TextValue(s.clone())))
            .collect(),
        L::DateValues(v) => (v.values.iter().enumerate())
            .map(|(i, s)| one(i, K::DateValue(s.clone())))
            .collect(),
        L::UuidValues(v) => (v.values.iter().enumerate())
            .map(|(i, s)| one(i, K::UuidValue(s.clone())))
            .collect(),
        L::BoolValues(v) => (v.values.iter().enumerate())
            .map(|(i, b)| one(i, K::BoolValue(*b)))
            .collect(),
        L::IntValues(v) => (le_words(&v.values, "int")?.enumerate())
            .map(|(i, w)| one(i, K::IntValue(i64::from_le_bytes(w))))
            .collect(),
        L::NumberValues(v) => (le_words(&v.values, "number")?.enumerate())
            .map(|(i, w)| one(i, K::NumberValue(f64::from_le_bytes(w))))
            .collect(),
        L::ObjectValues(v) => (v.values.iter().enumerate())
            .map(|(i, p)| T::__from_grpc_object(p).map_err(|e| in_element(e, i)))
            .collect(),
    }
}

/// Splits packed bytes into 8-byte words.
fn le_words<'a>(bytes: &'a [u8], what: &str) -> Result<impl Iterator<Item = [u8; 8]> + 'a> {
    if bytes.len() % 8 != 0 {
        return Err(crate::Error::Decode {
            message: format!(
                "{what} array of {} bytes is not a whole number of 8-byte values",
                bytes.len()
            ),
        });
    }
    Ok(bytes.chunks_exact(8).map(|c| {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        word
    }))
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset, Utc};
    use serde_json::json;
    use uuid::Uuid;

    use super::*;
    use crate::typed::test_support::Point;
    use pb::list_value::Kind as L;
    use pb::value::Kind as K;

    fn val(kind: K) -> pb::Value {
        pb::Value { kind: Some(kind) }
    }

    fn list(kind: L) -> pb::Value {
        val(K::ListValue(pb::ListValue { kind: Some(kind) }))
    }

    fn decode_message<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Err(crate::Error::Decode { message }) => message,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[test]
    fn array_data_types_follow_the_element() {
        assert_eq!(<Vec<String>>::data_type(), DataType::TextArray);
        assert_eq!(<Vec<u8>>::data_type(), DataType::IntArray);
        assert_eq!(<Vec<i64>>::data_type(), DataType::IntArray);
        assert_eq!(<Vec<f32>>::data_type(), DataType::NumberArray);
        assert_eq!(<Vec<bool>>::data_type(), DataType::BoolArray);
        assert_eq!(<Vec<DateTime<Utc>>>::data_type(), DataType::DateArray);
        assert_eq!(<Vec<Uuid>>::data_type(), DataType::UuidArray);
        assert_eq!(<Vec<Point>>::data_type(), DataType::ObjectArray);
        assert_eq!(<Option<Vec<Point>>>::data_type(), DataType::ObjectArray);
        assert_eq!(<Option<Point>>::data_type(), DataType::Object);
        assert_eq!(<Vec<Point>>::nested_properties().len(), 3);
        assert_eq!(<Option<Point>>::nested_properties().len(), 3);
        // Weaviate has no such arrays: the server refuses the collection.
        assert_eq!(
            <Vec<Vec<i64>>>::data_type(),
            DataType::Other(vec!["int[][]".into()])
        );
    }

    #[test]
    fn arrays_round_trip_json() {
        let texts = vec!["a".to_owned(), "b".to_owned()];
        assert_eq!(texts.to_json().unwrap(), Some(json!(["a", "b"])));
        assert_eq!(<Vec<String>>::from_json(&json!(["a", "b"])).unwrap(), texts);
        let ints = vec![1i64, -2, 1 << 53];
        assert_eq!(
            <Vec<i64>>::from_json(&ints.to_json().unwrap().unwrap()).unwrap(),
            ints
        );
        let nums = vec![0.5f64, 1e300];
        assert_eq!(
            <Vec<f64>>::from_json(&nums.to_json().unwrap().unwrap()).unwrap(),
            nums
        );
        let flags = vec![true, false];
        assert_eq!(
            <Vec<bool>>::from_json(&flags.to_json().unwrap().unwrap()).unwrap(),
            flags
        );
        let ids = vec![Uuid::from_u128(1), Uuid::from_u128(2)];
        let j = ids.to_json().unwrap().unwrap();
        assert_eq!(
            j,
            json!([
                "00000000-0000-0000-0000-000000000001",
                "00000000-0000-0000-0000-000000000002"
            ])
        );
        assert_eq!(<Vec<Uuid>>::from_json(&j).unwrap(), ids);
        let dates: Vec<DateTime<FixedOffset>> = vec![
            DateTime::parse_from_rfc3339("2024-03-01T12:34:56.123456789+05:30").unwrap(),
            DateTime::parse_from_rfc3339("2024-03-01T00:00:00Z").unwrap(),
        ];
        let j = dates.to_json().unwrap().unwrap();
        assert_eq!(
            j,
            json!([
                "2024-03-01T12:34:56.123456789+05:30",
                "2024-03-01T00:00:00Z"
            ])
        );
        assert_eq!(<Vec<DateTime<FixedOffset>>>::from_json(&j).unwrap(), dates);
    }

    #[test]
    fn empty_null_and_absent_arrays_read_empty() {
        assert_eq!(Vec::<String>::new().to_json().unwrap(), Some(json!([])));
        assert!(<Vec<i64>>::from_json(&json!([])).unwrap().is_empty());
        assert!(<Vec<i64>>::from_json(&Value::Null).unwrap().is_empty());
        assert!(
            <Vec<i64>>::from_grpc(&val(K::NullValue(0)))
                .unwrap()
                .is_empty()
        );
        assert!(
            <Vec<i64>>::from_grpc(&val(K::ListValue(pb::ListValue { kind: None })))
                .unwrap()
                .is_empty()
        );
        // As Weaviate 1.39 returns an empty `int[]` over gRPC.
        assert!(
            <Vec<i64>>::from_grpc(&list(L::IntValues(pb::IntValues { values: vec![] })))
                .unwrap()
                .is_empty()
        );
        let mut props = pb::Properties::default();
        props.fields.insert("n".into(), val(K::NullValue(0)));
        assert!(
            __read_grpc::<Vec<Uuid>>(&props, &[], "n")
                .unwrap()
                .is_empty()
        );
        assert!(
            __read_grpc::<Vec<Uuid>>(&props, &[], "absent")
                .unwrap()
                .is_empty()
        );
        let map = json!({"n": null}).as_object().unwrap().clone();
        assert!(__read_json::<Vec<bool>>(&map, "n").unwrap().is_empty());
        assert!(__read_json::<Vec<bool>>(&map, "absent").unwrap().is_empty());
        assert_eq!(__read_json::<Option<Vec<bool>>>(&map, "n").unwrap(), None);
        assert_eq!(
            __read_grpc::<Option<Vec<bool>>>(&props, &[], "n").unwrap(),
            None
        );
    }

    #[test]
    fn typed_grpc_lists_decode() {
        let ints: Vec<u8> = [1i64, -2, 1 << 53]
            .iter()
            .flat_map(|i| i.to_le_bytes())
            .collect();
        assert_eq!(
            <Vec<i64>>::from_grpc(&list(L::IntValues(pb::IntValues { values: ints }))).unwrap(),
            vec![1, -2, 1 << 53]
        );
        let nums: Vec<u8> = [0.5f64, 1e300]
            .iter()
            .flat_map(|i| i.to_le_bytes())
            .collect();
        assert_eq!(
            <Vec<f64>>::from_grpc(&list(L::NumberValues(pb::NumberValues { values: nums })))
                .unwrap(),
            vec![0.5, 1e300]
        );
        assert_eq!(
            <Vec<bool>>::from_grpc(&list(L::BoolValues(pb::BoolValues {
                values: vec![true, false]
            })))
            .unwrap(),
            vec![true, false]
        );
        assert_eq!(
            <Vec<String>>::from_grpc(&list(L::TextValues(pb::TextValues {
                values: vec!["a".into()]
            })))
            .unwrap(),
            vec!["a".to_owned()]
        );
        assert_eq!(
            <Vec<Uuid>>::from_grpc(&list(L::UuidValues(pb::UuidValues {
                values: vec!["00000000-0000-0000-0000-000000000001".into()]
            })))
            .unwrap(),
            vec![Uuid::from_u128(1)]
        );
        let dates = <Vec<DateTime<Utc>>>::from_grpc(&list(L::DateValues(pb::DateValues {
            values: vec!["2024-03-01T12:34:56.123456789+05:30".into()],
        })))
        .unwrap();
        assert_eq!(dates[0].to_rfc3339(), "2024-03-01T07:04:56.123456789+00:00");
    }

    #[test]
    fn malformed_arrays_are_decode_errors_naming_the_element() {
        let m = decode_message(<Vec<u8>>::from_json(&json!([1, 300])));
        assert!(m.contains("element 1") && m.contains("300"), "{m}");
        let ints: Vec<u8> = [1i64, 300].iter().flat_map(|i| i.to_le_bytes()).collect();
        let m = decode_message(<Vec<u8>>::from_grpc(&list(L::IntValues(pb::IntValues {
            values: ints,
        }))));
        assert!(m.contains("element 1") && m.contains("300"), "{m}");
        let m = decode_message(<Vec<i64>>::from_grpc(&list(L::IntValues(pb::IntValues {
            values: vec![1, 2, 3],
        }))));
        assert!(m.contains("3 bytes"), "{m}");
        assert!(
            <Vec<f64>>::from_grpc(&list(L::NumberValues(pb::NumberValues {
                values: vec![0; 9]
            })))
            .is_err()
        );
        let m = decode_message(<Vec<i64>>::from_grpc(&list(L::TextValues(
            pb::TextValues {
                values: vec!["x".into()],
            },
        ))));
        assert!(m.contains("element 0") && m.contains("a text"), "{m}");
        assert!(decode_message(<Vec<i64>>::from_json(&json!({"a": 1}))).contains("an object"));
        assert!(decode_message(<Vec<i64>>::from_grpc(&val(K::IntValue(1)))).contains("a list"));
        let m = decode_message(<Vec<Uuid>>::from_json(&json!(["x"])));
        assert!(m.contains("element 0"), "{m}");
    }

    #[test]
    fn arrays_refuse_bad_elements_on_write() {
        let e = vec![1i64, (1 << 53) + 1].to_json().unwrap_err();
        assert!(
            matches!(&e, crate::Error::InvalidInput { message } if message.contains("element 1")),
            "{e:?}"
        );
        let e = vec![Some(1i64), None].to_json().unwrap_err();
        assert!(
            matches!(&e, crate::Error::InvalidInput { message } if message.contains("element 1")),
            "{e:?}"
        );
        assert!(vec![f64::NAN].to_json().is_err());
    }

    #[test]
    fn options_are_left_out_and_read_none_from_null_or_absent() {
        assert_eq!(Option::<i32>::None.to_json().unwrap(), None);
        assert_eq!(Some(5i32).to_json().unwrap(), Some(json!(5)));
        assert!(matches!(
            Some(f64::NAN).to_json(),
            Err(crate::Error::InvalidInput { .. })
        ));
        assert_eq!(<Option<i32>>::from_json(&Value::Null).unwrap(), None);
        assert_eq!(<Option<i32>>::from_json(&json!(5)).unwrap(), Some(5));
        assert_eq!(
            <Option<String>>::from_grpc(&val(K::NullValue(0))).unwrap(),
            None
        );
        assert_eq!(
            <Option<String>>::from_grpc(&pb::Value { kind: None }).unwrap(),
            None
        );
        assert_eq!(
            <Option<String>>::from_grpc(&val(K::TextValue("x".into()))).unwrap(),
            Some("x".into())
        );
        assert!(<Option<u8>>::from_json(&json!(300)).is_err());
        let mut props = pb::Properties::default();
        props.fields.insert("n".into(), val(K::NullValue(0)));
        props
            .fields
            .insert("s".into(), val(K::TextValue("x".into())));
        assert_eq!(
            __read_grpc::<Option<String>>(&props, &[], "n").unwrap(),
            None
        );
        assert_eq!(
            __read_grpc::<Option<String>>(&props, &[], "absent").unwrap(),
            None
        );
        assert_eq!(
            __read_grpc::<Option<String>>(&props, &[], "s").unwrap(),
            Some("x".into())
        );
        let map = json!({"n": null, "s": "x"}).as_object().unwrap().clone();
        assert_eq!(__read_json::<Option<String>>(&map, "n").unwrap(), None);
        assert_eq!(__read_json::<Option<String>>(&map, "absent").unwrap(), None);
        assert_eq!(
            __read_json::<Option<String>>(&map, "s").unwrap(),
            Some("x".into())
        );
        let m = decode_message(__read_json::<Option<i64>>(&map, "s"));
        assert!(m.contains("property `s`"), "{m}");
    }

    fn point() -> Point {
        Point {
            x: 3,
            label: None,
            tags: vec!["a".into()],
        }
    }

    fn point_props(x: i64, tags: &[&str]) -> pb::Properties {
        let mut p = pb::Properties::default();
        p.fields.insert("x".into(), val(K::IntValue(x)));
        p.fields.insert(
            "tags".into(),
            list(L::TextValues(pb::TextValues {
                values: tags.iter().map(|s| s.to_string()).collect(),
            })),
        );
        p
    }

    #[test]
    fn nested_objects_round_trip_through_the_helpers() {
        let j = point().to_json().unwrap().unwrap();
        assert_eq!(j, json!({"x": 3, "tags": ["a"]}));
        assert_eq!(Point::from_json(&j).unwrap(), point());
        // Absent nested properties are absent over gRPC too (not null).
        let grpc = val(K::ObjectValue(point_props(3, &["a"])));
        assert_eq!(Point::from_grpc(&grpc).unwrap(), point());
        assert_eq!(
            <Option<Point>>::from_grpc(&val(K::NullValue(0))).unwrap(),
            None
        );
        let m = decode_message(Point::from_json(&json!([1])));
        assert!(m.contains("expected an object"), "{m}");
        let m = decode_message(Point::from_grpc(&val(K::TextValue("x".into()))));
        assert!(m.contains("expected an object"), "{m}");
        let m = decode_message(Point::from_json(&json!({"tags": []})));
        assert!(m.contains("`x`") && m.contains("missing"), "{m}");
    }

    #[test]
    fn object_arrays_round_trip() {
        let points = vec![
            point(),
            Point {
                x: 4,
                label: Some("l".into()),
                tags: vec![],
            },
        ];
        let j = points.to_json().unwrap().unwrap();
        assert_eq!(
            j,
            json!([{"x": 3, "tags": ["a"]}, {"x": 4, "label": "l", "tags": []}])
        );
        assert_eq!(<Vec<Point>>::from_json(&j).unwrap(), points);
        let grpc = list(L::ObjectValues(pb::ObjectValues {
            values: vec![point_props(3, &["a"]), point_props(4, &[])],
        }));
        let read = <Vec<Point>>::from_grpc(&grpc).unwrap();
        assert_eq!(read[0], point());
        assert_eq!(read[1].x, 4);
        assert!(
            <Vec<Point>>::from_grpc(&list(L::ObjectValues(pb::ObjectValues { values: vec![] })))
                .unwrap()
                .is_empty()
        );
        let mut bad = point_props(3, &[]);
        bad.fields.insert("x".into(), val(K::TextValue("3".into())));
        let m = decode_message(<Vec<Point>>::from_grpc(&list(L::ObjectValues(
            pb::ObjectValues {
                values: vec![point_props(1, &[]), bad],
            },
        ))));
        assert!(m.contains("element 1") && m.contains("property `x`"), "{m}");
        let e = vec![Point {
            x: 1 << 60,
            label: None,
            tags: vec![],
        }]
        .to_json()
        .unwrap_err();
        assert!(matches!(e, crate::Error::InvalidInput { .. }));
    }

    /// A type written by hand against the JSON methods only.
    #[derive(Debug, PartialEq)]
    struct Celsius(f64);

    impl PropertyValue for Celsius {
        fn data_type() -> DataType {
            DataType::Number
        }

        fn to_json(&self) -> Result<Option<Value>> {
            Ok(Some(json!(self.0)))
        }

        fn from_json(value: &Value) -> Result<Self> {
            f64::from_json(value).map(Celsius)
        }
    }

    #[test]
    fn a_hand_written_value_reads_grpc_through_its_json_form() {
        assert_eq!(
            Celsius::from_grpc(&val(K::NumberValue(21.5))).unwrap(),
            Celsius(21.5)
        );
        let mut props = pb::Properties::default();
        props.fields.insert("t".into(), val(K::NumberValue(-3.0)));
        assert_eq!(
            __read_grpc::<Celsius>(&props, &[], "t").unwrap(),
            Celsius(-3.0)
        );
        assert!(__read_grpc::<Celsius>(&props, &[], "missing").is_err());
    }
}
