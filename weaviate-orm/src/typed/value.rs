//! [`PropertyValue`]: Rust types that can be Weaviate properties.

use serde_json::Value;

use crate::error::Result;
use crate::schema::{DataType, NestedProperty};
use crate::wire::v1 as pb;

/// A Rust type that can be stored as a Weaviate property.
///
/// Implemented for `String`, `i8`..`i64`, `u8`..`u32`, `f32`, `f64`, `bool`, `chrono::DateTime<Utc>`,
/// `chrono::DateTime<FixedOffset>`, `uuid::Uuid`, [`GeoCoordinates`](super::GeoCoordinates),
/// [`PhoneNumber`](super::PhoneNumber), [`Blob`](super::Blob), `Vec<T>` of those (arrays), `Option<T>`
/// (nullable), and structs deriving `WeaviateObject` (nested objects, and `Vec` of them).
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

    /// Reads the value from a gRPC search result value.
    fn from_grpc(value: &pb::Value) -> Result<Self>;

    /// The value to use when the server sent nothing for the property: `Some(None)` for options,
    /// `Some(vec![])` for arrays (Weaviate drops empty arrays), `None` (a decode error) otherwise.
    fn when_missing() -> Option<Self> {
        None
    }

    /// Reads property `name` from a gRPC result; `Ok(None)` when it is absent. References override
    /// this to read `references` (gRPC returns them apart from the other properties).
    fn read_grpc(
        properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
        name: &str,
    ) -> Result<Option<Self>> {
        let _ = references;
        properties.fields.get(name).map(Self::from_grpc).transpose()
    }

    /// Reads property `name` from REST JSON properties; `Ok(None)` when it is absent.
    fn read_json(properties: &serde_json::Map<String, Value>, name: &str) -> Result<Option<Self>> {
        properties.get(name).map(Self::from_json).transpose()
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
