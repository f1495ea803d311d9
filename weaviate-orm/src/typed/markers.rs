//! Marker traits that let the compiler check attribute rules against field types. The derive emits
//! calls such as `require_text::<FieldType>()` at the field's span, so a wrong attribute fails with a
//! message pointing at the field.

/// Types whose Weaviate type is `text` or `text[]` (tokenization, `index_searchable` and vector source
/// properties apply).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a text property",
    label = "not `String`, `Vec<String>` or an `Option` of them",
    note = "tokenization, `index_searchable` and the source properties of a text vectorizer apply to text properties only"
)]
pub trait TextProperty {}

/// Types whose Weaviate type is `int`, `number` or `date` (not arrays: the server refuses range
/// indexes on `int[]`, `number[]` and `date[]`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number or date property, so it takes no range index",
    label = "not an integer, float or date type (arrays take no range index)",
    note = "`index_range_filters` applies to int, number and date properties only"
)]
pub trait RangeProperty {}

/// Types that are cross-references to other collections.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a reference to a collection",
    label = "the target must derive `WeaviateCollection`",
    note = "use `Reference<T>` where `T: WeaviateCollection`, or `MultiReference` with `#[weaviate(targets(A, B))]`"
)]
pub trait ReferenceProperty {}

/// Types that can carry a vector of a named vector (`#[weaviate(vector = "name")]`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot carry a vector",
    label = "expected `Vec<f32>`, `Vec<Vec<f32>>` (multi-vector) or an `Option` of them"
)]
pub trait VectorValue {
    /// The vector as the engine's [`Vector`], `None` when absent.
    fn to_vector(&self) -> Option<crate::data::Vector>;
    /// Reads the vector back; `None` when the server sent none.
    fn from_vector(vector: Option<&crate::data::Vector>) -> crate::Result<Self>
    where
        Self: Sized;
}

/// Types that can be the `#[weaviate(id)]` field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the object id",
    label = "the id field must be `uuid::Uuid` or `Option<uuid::Uuid>`"
)]
pub trait IdValue {
    /// The id, `None` for an unset optional id.
    fn to_id(&self) -> Option<uuid::Uuid>;
    /// The id read from the server.
    fn from_id(id: uuid::Uuid) -> Self;
}

/// Types that can be a property of a nested object (`object` / `object[]`). Weaviate refuses
/// `geoCoordinates`, `phoneNumber` and references inside nested objects.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a property of a nested object",
    label = "not allowed inside an `object` property",
    note = "Weaviate does not allow geoCoordinates, phoneNumber or references inside nested objects; move the field to the collection's struct"
)]
pub trait NestedValue {}

/// Compile-time checks the derive calls; they do nothing at run time.
pub fn require_text<T: TextProperty + ?Sized>() {}
/// See [`require_text`].
pub fn require_range<T: RangeProperty + ?Sized>() {}
/// See [`require_text`].
pub fn require_reference<T: ReferenceProperty + ?Sized>() {}
/// See [`require_text`].
pub fn require_vector<T: VectorValue + ?Sized>() {}
/// See [`require_text`].
pub fn require_nested<T: NestedValue>() {}
/// See [`require_text`].
pub fn require_id<T: IdValue + ?Sized>() {}
/// See [`require_text`].
pub fn require_property<T: super::PropertyValue>() {}
/// See [`require_text`]; the target of a reference must be a collection.
pub fn require_collection<T: super::WeaviateCollection>() {}

use chrono::{DateTime, FixedOffset, Utc};

use super::{MultiReference, Reference, WeaviateCollection};
use crate::data::Vector;

macro_rules! nested_value {
    ($($t:ty),* $(,)?) => { $( impl NestedValue for $t {} )* };
}

nested_value!(
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
    uuid::Uuid,
    super::Blob,
);
impl<T: NestedValue> NestedValue for Vec<T> {}
impl<T: NestedValue> NestedValue for Option<T> {}

impl TextProperty for String {}
impl TextProperty for Vec<String> {}
impl TextProperty for Option<String> {}
impl TextProperty for Option<Vec<String>> {}

macro_rules! range_property {
    ($($t:ty),*) => {$(
        impl RangeProperty for $t {}
        impl RangeProperty for Option<$t> {}
    )*};
}

range_property!(
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
    DateTime<FixedOffset>
);

impl<T: WeaviateCollection> ReferenceProperty for Reference<T> {}
impl ReferenceProperty for MultiReference {}
impl<T: ReferenceProperty> ReferenceProperty for Option<T> {}

/// A single vector. An empty vector counts as no vector (it is not sent, and reads back when the
/// server sent none, e.g. because the query did not ask for vectors).
impl VectorValue for Vec<f32> {
    fn to_vector(&self) -> Option<Vector> {
        (!self.is_empty()).then(|| Vector::Single(self.clone()))
    }

    fn from_vector(vector: Option<&Vector>) -> crate::Result<Self> {
        match vector {
            Some(Vector::Single(v)) => Ok(v.clone()),
            None => Ok(Vec::new()),
            Some(Vector::Multi(_)) => Err(crate::Error::Decode {
                message:
                    "expected a single vector, got a multi-vector (make the field `Vec<Vec<f32>>`)"
                        .into(),
            }),
        }
    }
}

/// A multi-vector (one embedding per row). An empty one counts as no vector, as for `Vec<f32>`.
impl VectorValue for Vec<Vec<f32>> {
    fn to_vector(&self) -> Option<Vector> {
        (!self.is_empty()).then(|| Vector::Multi(self.clone()))
    }

    fn from_vector(vector: Option<&Vector>) -> crate::Result<Self> {
        match vector {
            Some(Vector::Multi(v)) => Ok(v.clone()),
            None => Ok(Vec::new()),
            Some(Vector::Single(_)) => Err(crate::Error::Decode {
                message: "expected a multi-vector, got a single vector (make the field `Vec<f32>`)"
                    .into(),
            }),
        }
    }
}

/// An optional vector: `None` when absent (an empty vector also reads and writes as absent).
impl<T: VectorValue> VectorValue for Option<T> {
    fn to_vector(&self) -> Option<Vector> {
        self.as_ref().and_then(T::to_vector)
    }

    fn from_vector(vector: Option<&Vector>) -> crate::Result<Self> {
        vector.map(|v| T::from_vector(Some(v))).transpose()
    }
}

impl IdValue for uuid::Uuid {
    fn to_id(&self) -> Option<uuid::Uuid> {
        Some(*self)
    }

    fn from_id(id: uuid::Uuid) -> Self {
        id
    }
}

impl IdValue for Option<uuid::Uuid> {
    fn to_id(&self) -> Option<uuid::Uuid> {
        *self
    }

    fn from_id(id: uuid::Uuid) -> Self {
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_checks_accept_the_documented_types() {
        require_text::<String>();
        require_text::<Option<Vec<String>>>();
        require_range::<u32>();
        require_range::<Option<DateTime<Utc>>>();
        require_range::<Option<DateTime<FixedOffset>>>();
        require_reference::<MultiReference>();
        require_reference::<Option<MultiReference>>();
        require_vector::<Vec<f32>>();
        require_vector::<Option<Vec<Vec<f32>>>>();
        require_id::<uuid::Uuid>();
        require_id::<Option<uuid::Uuid>>();
        require_property::<Vec<Option<String>>>();
    }

    #[test]
    fn vectors_convert_both_ways() {
        let v = vec![0.5f32, 1.0];
        assert_eq!(v.to_vector(), Some(Vector::Single(v.clone())));
        assert_eq!(Vec::<f32>::new().to_vector(), None);
        assert_eq!(
            Vec::<f32>::from_vector(Some(&Vector::Single(v.clone()))).unwrap(),
            v
        );
        assert!(Vec::<f32>::from_vector(None).unwrap().is_empty());
        assert!(matches!(
            Vec::<f32>::from_vector(Some(&Vector::Multi(vec![v.clone()]))),
            Err(crate::Error::Decode { .. })
        ));
        let m = vec![vec![1.0f32, 2.0], vec![3.0, 4.0]];
        assert_eq!(m.to_vector(), Some(Vector::Multi(m.clone())));
        assert_eq!(
            Vec::<Vec<f32>>::from_vector(Some(&Vector::Multi(m.clone()))).unwrap(),
            m
        );
        assert!(Vec::<Vec<f32>>::from_vector(Some(&Vector::Single(v.clone()))).is_err());
        assert_eq!(Option::<Vec<f32>>::from_vector(None).unwrap(), None);
        assert_eq!(
            Option::<Vec<f32>>::from_vector(Some(&Vector::Single(v.clone()))).unwrap(),
            Some(v.clone())
        );
        assert_eq!(Some(v.clone()).to_vector(), Some(Vector::Single(v)));
        assert_eq!(Option::<Vec<f32>>::None.to_vector(), None);
    }

    #[test]
    fn ids_convert_both_ways() {
        let id = uuid::Uuid::from_u128(7);
        assert_eq!(id.to_id(), Some(id));
        assert_eq!(uuid::Uuid::from_id(id), id);
        assert_eq!(Option::<uuid::Uuid>::None.to_id(), None);
        assert_eq!(Option::<uuid::Uuid>::from_id(id), Some(id));
    }
}
