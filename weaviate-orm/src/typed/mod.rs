//! The typed layer's contract: what `#[derive(WeaviateCollection)]` and `#[derive(WeaviateObject)]`
//! implement, and what everything typed (queries, filters, batches, migrations) builds on.
//!
//! Everything the derive generates can be written by hand against these public traits; the methods
//! that take Weaviate's gRPC wire types are hidden (a proto refresh must not break anyone) and have
//! defaults that read through the JSON form, so a hand-written type implements the JSON methods.
//!
//! - [`PropertyValue`]: a Rust type that can be a Weaviate property (String, integers, floats, bool,
//!   dates, Uuid, [`GeoCoordinates`], [`PhoneNumber`], [`Blob`], nested objects, `Vec`s and `Option`s
//!   of those). It knows its [`DataType`](crate::schema::DataType), and encodes to / decodes from REST JSON and gRPC values.
//! - [`WeaviateObject`]: a struct of properties (the nested `object` type, and the property part of a
//!   collection).
//! - [`WeaviateCollection`]: a collection: name, config, id, vectors, and typed field handles.
//! - [`Field`] and [`VectorField`]: typed handles carrying a name and a kind (operators come with the
//!   query and filter layer).
//! - [`Reference`]: a cross-reference property to another collection.
//! - [`registry`]: every derived collection registers itself, so a migration tool can find all of them.
//!
//! ## How values travel (checked against Weaviate 1.39)
//! - Writes are REST JSON (or the same JSON as a `google.protobuf.Struct` in gRPC batches); reads
//!   are REST JSON or gRPC's typed values. Each [`PropertyValue`] handles both.
//! - A requested property an object lacks comes back over gRPC as a null value, and is left out
//!   over REST: both read as absent ([`PropertyValue::when_missing`]: `None` for options, an
//!   empty `Vec` for arrays, a decode error naming the property otherwise).
//! - Empty arrays are kept: `[]` is written, and read back as `[]` over REST and as an empty typed
//!   list over gRPC. Number and int arrays come over gRPC as packed little-endian float64s / int64s.
//! - Dates come back with the offset they were written with and their nanoseconds, re-formatted
//!   the Go way (trailing zeros of the fraction dropped).
//! - Blobs must be padded base64, and gRPC searches return them only when asked for by name.
//! - References are not properties over gRPC: they come apart, in the reply's `ref_props`
//!   (see [`Reference`]).
//!
//! ## For the derive
//! A `#[derive(WeaviateObject)]` struct becomes a nested `object` property by implementing
//! [`PropertyValue`] with `data_type() = DataType::Object`, `nested_properties()` from
//! [`WeaviateObject::nested_properties`], and the hidden helpers `__nested_to_json`,
//! `__nested_from_json` and `__nested_from_grpc` for the three conversions; `Vec<Struct>` is then
//! `object[]`. Fields are read with the hidden `__read_json` / `__read_grpc`, which apply
//! `when_missing` and name the property in errors.

mod fields;
pub mod markers;
mod reference;
pub mod registry;
mod scalars;
#[cfg(test)]
pub(crate) mod test_support;
mod types;
mod value;

pub use fields::{Field, VectorField};
pub(crate) use reference::beacons_from_json;
pub use reference::{MultiReference, Reference, ReferenceTarget};
pub use types::{Blob, GeoCoordinates, PhoneNumber};
pub use value::PropertyValue;
#[doc(hidden)]
pub use value::{
    __nested_from_grpc, __nested_from_json, __nested_to_json, __read_grpc, __read_json,
};

use serde_json::{Map, Value};
use uuid::Uuid;

use crate::data::{NewObject, Object, Vectors};
use crate::error::Result;
use crate::schema::{CollectionConfig, NestedProperty};
use crate::wire::v1 as pb;

/// A struct whose fields are Weaviate properties. Derive it with `#[derive(WeaviateObject)]` for a
/// nested `object` property type; `#[derive(WeaviateCollection)]` implements it for the collection's
/// own struct too.
pub trait WeaviateObject: Sized + Send + Sync + 'static {
    /// The properties, as nested properties (for the `object` data type).
    fn nested_properties() -> Vec<NestedProperty>;

    /// The property values as a JSON object (REST form), `None` options and skipped fields left out.
    /// Fails with [`crate::Error::InvalidInput`] for a value Weaviate cannot store exactly
    /// (e.g. an integer beyond 2^53, a non-finite float).
    fn to_properties(&self) -> Result<Map<String, Value>>;

    /// Reads the struct from REST JSON properties. A property the struct requires but the map lacks
    /// is a [`crate::Error::Decode`] naming the property; `Option` fields read `None`.
    fn from_json_properties(properties: &Map<String, Value>) -> Result<Self>;

    /// Reads the struct from gRPC search result properties and references (same rules as JSON).
    /// Nested objects have no references: pass `&[]`. Hidden: the wire types may change with
    /// Weaviate's proto files; the derive implements it, and a hand-written struct is read through
    /// the JSON form of the properties (without references) by default.
    #[doc(hidden)]
    fn from_grpc_properties(
        properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
    ) -> Result<Self> {
        let _ = references;
        Self::from_json_properties(&crate::encoding::grpc_values::properties_to_json(
            properties,
        )?)
    }
}

/// A Weaviate collection modelled by a Rust struct. Derive it with `#[derive(WeaviateCollection)]`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a Weaviate collection",
    label = "does not derive `WeaviateCollection`",
    note = "add `#[derive(WeaviateCollection)]` to `{Self}`: references and typed queries need a collection"
)]
pub trait WeaviateCollection: WeaviateObject {
    /// The collection's name in Weaviate.
    const NAME: &'static str;

    /// The names of the collection's properties in Weaviate, in declaration order (data and
    /// reference properties; not the id or vectors). Generative prompts check their `{name}`
    /// placeholders against it, at compile time with [`prompt!`](crate::prompt!).
    const PROPERTY_NAMES: &'static [&'static str];

    /// The typed field handles (`Article::fields().title`).
    type Fields: 'static;

    /// Former names of the collection and of its properties (`#[weaviate(renamed_from = "...")]`),
    /// so a migration copies data from the old name instead of planning "removed + added".
    const RENAMES: Renames = Renames::NONE;

    /// The full collection configuration the struct describes.
    fn collection_config() -> CollectionConfig;

    /// The typed field handles.
    fn fields() -> Self::Fields;

    /// The object's id: the `#[weaviate(id)]` field, or a UUID v5 derived from the `#[weaviate(key)]`
    /// fields (see [`deterministic_id`]), or `None` to let the client choose one.
    fn id(&self) -> Option<Uuid>;

    /// The vectors the struct carries (fields marked `#[weaviate(vector = "name")]`).
    fn vectors(&self) -> Vectors;

    /// Sets the id and vectors read from the server (for structs with an id field or vector fields).
    fn set_id_and_vectors(&mut self, id: Uuid, vectors: &Vectors) -> Result<()>;

    /// The object to write (REST form: properties, id and vectors).
    fn to_new_object(&self) -> Result<NewObject> {
        let mut object = NewObject::from_map(self.to_properties()?);
        object.id = self.id();
        object.vectors = self.vectors();
        Ok(object)
    }

    /// Reads the struct from an object read over REST (or decoded by the engine).
    fn from_object(object: &Object) -> Result<Self> {
        let mut value =
            Self::from_json_properties(&object.properties).map_err(|e| in_object(e, object.id))?;
        value.set_id_and_vectors(object.id, &object.vectors)?;
        Ok(value)
    }
}

/// Former names of a collection and its properties, declared with `#[weaviate(renamed_from = "old")]`
/// on the struct or on a field. Migrations read them: a renamed property becomes a planned rebuild that
/// copies the old property's values into the new one, a renamed collection a rebuild from the old one.
///
/// ```
/// use weaviate_orm::typed::{PropertyRename, Renames};
///
/// const R: Renames = Renames {
///     collection: Some("Post"),
///     properties: &[PropertyRename { from: "headline", to: "title" }],
/// };
/// assert_eq!(R.former_name_of("title"), Some("headline"));
/// assert_eq!(Renames::NONE.former_name_of("title"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Renames {
    /// The collection's former name.
    pub collection: Option<&'static str>,
    /// Renamed top-level properties.
    pub properties: &'static [PropertyRename],
}

impl Renames {
    /// Nothing renamed.
    pub const NONE: Renames = Renames {
        collection: None,
        properties: &[],
    };

    /// The former name of the property now called `property`, if it was renamed.
    pub fn former_name_of(&self, property: &str) -> Option<&'static str> {
        self.properties
            .iter()
            .find(|r| r.to == property)
            .map(|r| r.from)
    }

    /// Whether nothing is renamed.
    pub fn is_empty(&self) -> bool {
        self.collection.is_none() && self.properties.is_empty()
    }
}

/// One renamed property: its values are copied from `from` into `to` by a migration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PropertyRename {
    /// The former property name (as on the server).
    pub from: &'static str,
    /// The property name now.
    pub to: &'static str,
}

/// Adds the object id to a decode error's message.
pub(crate) fn in_object(e: crate::Error, id: Uuid) -> crate::Error {
    match e {
        crate::Error::Decode { message } => crate::Error::Decode {
            message: format!("object {id}: {message}"),
        },
        e => e,
    }
}

/// The collection name whose namespace a derived struct's key-derived ids use: the collection's
/// former name when it was renamed (`#[weaviate(renamed_from = "...")]`), so that the objects a
/// migration copied keep matching the ids the struct computes; its own name otherwise.
///
/// ```
/// use weaviate_orm::WeaviateCollection;
/// use weaviate_orm::typed::key_namespace;
///
/// #[derive(WeaviateCollection)]
/// #[weaviate(renamed_from = "Post")]
/// struct Article {
///     #[weaviate(key)]
///     slug: String,
/// }
/// assert_eq!(key_namespace::<Article>(), "Post");
/// ```
pub fn key_namespace<T: WeaviateCollection>() -> &'static str {
    T::RENAMES.collection.unwrap_or(T::NAME)
}

/// The id derived from key values: UUID v5 in a namespace of the collection name, over the key
/// values' JSON joined by `\u{1f}`. The same keys always give the same id, so retried inserts are
/// idempotent.
///
/// ```
/// use serde_json::json;
/// use weaviate_orm::typed::deterministic_id;
///
/// let a = deterministic_id("Article", &[json!("my-slug")]);
/// assert_eq!(a, deterministic_id("Article", &[json!("my-slug")]));
/// assert_ne!(a, deterministic_id("Page", &[json!("my-slug")]));
/// ```
pub fn deterministic_id(collection: &str, keys: &[Value]) -> Uuid {
    let namespace = Uuid::new_v5(
        &Uuid::NAMESPACE_OID,
        format!("weaviate-orm:{collection}").as_bytes(),
    );
    let joined = keys
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join("\u{1f}");
    Uuid::new_v5(&namespace, joined.as_bytes())
}
