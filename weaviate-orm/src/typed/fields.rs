//! Typed handles on a collection's fields and vectors. The query and filter layer adds operators to
//! them according to the field's type.

use std::fmt;
use std::marker::PhantomData;

use crate::schema::DataType;

/// A handle on property `name` of collection `C`, whose Rust type is `T`.
///
/// The derive generates one per property: `Article::fields().title` is a `Field<Article, String>`.
/// A handle of collection `A` cannot be used in a query on collection `B`.
pub struct Field<C, T> {
    name: &'static str,
    _types: PhantomData<fn() -> (C, T)>,
}

impl<C, T> Field<C, T> {
    /// A handle on property `name` (the derive's job; public so handles can be made by hand).
    pub const fn new(name: &'static str) -> Self {
        Field {
            name,
            _types: PhantomData,
        }
    }

    /// The property's name in Weaviate.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl<C, T: super::PropertyValue> Field<C, T> {
    /// The property's Weaviate data type.
    pub fn data_type(&self) -> DataType {
        T::data_type()
    }
}

impl<C, T> Clone for Field<C, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C, T> Copy for Field<C, T> {}

impl<C, T> fmt::Debug for Field<C, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Field({})", self.name)
    }
}

/// A handle on named vector `name` of collection `C`.
pub struct VectorField<C> {
    name: &'static str,
    _collection: PhantomData<fn() -> C>,
}

impl<C> VectorField<C> {
    /// A handle on named vector `name`.
    pub const fn new(name: &'static str) -> Self {
        VectorField {
            name,
            _collection: PhantomData,
        }
    }

    /// The vector's name in Weaviate.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl<C> Clone for VectorField<C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for VectorField<C> {}

impl<C> fmt::Debug for VectorField<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "VectorField({})", self.name)
    }
}
