//! [`Patch<C>`]: a partial update of an object of collection `C`, built from `C`'s field handles,
//! and [`IntoPatch`]: what an update takes.

use std::fmt;
use std::marker::PhantomData;

use serde_json::{Map, Value};

use super::{NewObject, Vector};
use crate::error::Result;
use crate::filter::Untyped;
use crate::typed::{Field, PropertyValue, VectorField};

/// A partial update of an object of collection `C`: the properties and vectors to change, each
/// named by a field handle of `C` and given a value of that field's type (checked at compile
/// time). A property set to `None` (or a reference to no targets) is removed from the object.
///
/// ```
/// use weaviate_orm::prelude::*;
///
/// #[derive(WeaviateCollection)]
/// #[weaviate(vector(name = "body_vec", dimensions = 2))]
/// struct Article {
///     title: String,
///     summary: Option<String>,
///     views: i64,
/// }
///
/// let f = Article::fields();
/// let patch = Patch::new()
///     .set(f.title, "New title")
///     .set(f.views, 10)
///     .set(f.summary, None)
///     .vector(Article::vectors().body_vec, vec![0.5, 0.5]);
/// assert_eq!(patch.properties()["views"], 10);
/// assert!(patch.properties()["summary"].is_null());
/// ```
///
/// A value of another type, or a field of another collection, does not compile:
///
/// ```compile_fail
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, views: i64 }
/// let patch = Patch::new().set(Article::fields().views, "ten");
/// ```
pub struct Patch<C> {
    properties: Map<String, Value>,
    vectors: super::Vectors,
    error: Option<crate::Error>,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Default for Patch<C> {
    fn default() -> Self {
        Patch {
            properties: Map::new(),
            vectors: super::Vectors::default(),
            error: None,
            _collection: PhantomData,
        }
    }
}

impl<C> fmt::Debug for Patch<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Patch")
            .field("properties", &self.properties)
            .field("vectors", &self.vectors)
            .field("error", &self.error)
            .finish()
    }
}

impl<C> Patch<C> {
    /// An empty patch.
    ///
    /// ```
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String }
    /// let patch = Patch::<Article>::new();
    /// assert!(patch.properties().is_empty());
    /// ```
    pub fn new() -> Self {
        Patch::default()
    }

    /// Sets property `field` to `value`. A value Weaviate cannot store exactly (an integer beyond
    /// 2^53, a non-finite float) fails the update with [`Error::InvalidInput`](crate::Error::InvalidInput)
    /// before it is sent.
    ///
    /// ```
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String, tags: Vec<String> }
    /// let f = Article::fields();
    /// let patch = Patch::new().set(f.title, "Hello").set(f.tags, vec!["rust".to_string()]);
    /// assert_eq!(patch.properties()["tags"], serde_json::json!(["rust"]));
    /// ```
    pub fn set<T: PropertyValue>(mut self, field: Field<C, T>, value: impl Into<T>) -> Self {
        match value.into().to_json() {
            Ok(json) => {
                self.properties
                    .insert(field.name().to_owned(), json.unwrap_or(Value::Null));
            }
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    /// Sets named vector `field` (a single vector, or a multi-vector).
    ///
    /// ```
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # #[weaviate(vector(name = "title_vec", dimensions = 2))]
    /// # struct Article { title: String }
    /// let patch = Patch::<Article>::new().vector(Article::vectors().title_vec, vec![1.0, 0.0]);
    /// # let _ = patch;
    /// ```
    pub fn vector(mut self, field: VectorField<C>, vector: impl Into<Vector>) -> Self {
        self.vectors
            .named
            .insert(field.name().to_owned(), vector.into());
        self
    }

    /// The properties set so far, in Weaviate's JSON form (a removed property is `null`).
    ///
    /// ```
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { summary: Option<String> }
    /// let patch = Patch::new().set(Article::fields().summary, None);
    /// assert!(patch.properties()["summary"].is_null());
    /// ```
    pub fn properties(&self) -> &Map<String, Value> {
        &self.properties
    }

    fn into_new_object(self) -> Result<NewObject> {
        if let Some(e) = self.error {
            return Err(e);
        }
        let mut object = NewObject::from_map(self.properties);
        object.vectors = self.vectors;
        Ok(object)
    }
}

/// What an update of an object of collection `C` takes: a [`Patch<C>`], a
/// [projection](crate::projection!) of `C` (every field of it is written), or, for an untyped
/// handle, a [`NewObject`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a patch of collection `{C}`",
    label = "not a patch of `{C}`",
    note = "update a typed handle with `Patch::new().set({C}::fields().name, value)` or a projection of `{C}`; an untyped handle takes a `NewObject`"
)]
pub trait IntoPatch<C> {
    #[doc(hidden)]
    fn __into_patch(self) -> Result<NewObject>;
}

impl<C> IntoPatch<C> for Patch<C> {
    fn __into_patch(self) -> Result<NewObject> {
        self.into_new_object()
    }
}

impl IntoPatch<Untyped> for NewObject {
    fn __into_patch(self) -> Result<NewObject> {
        Ok(self)
    }
}
