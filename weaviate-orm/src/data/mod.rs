//! Single objects and their references, over REST: insert, get, exists, replace, update (a patch),
//! delete, validate, and adding, replacing and deleting references.
//!
//! [`Data<C>`] is typed for a struct deriving [`WeaviateCollection`](crate::WeaviateCollection)
//! (`client.collection_of::<Article>().data()`): it takes and returns `Article`s, patches are built
//! from `Article`'s field handles or projections, references are named by `Article`'s reference
//! fields. It is untyped over [`Untyped`] (`client.collection("Article").data()`): it takes
//! [`NewObject`]s and returns [`Object`]s. Every operation is a builder that runs when awaited.
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use weaviate_orm::prelude::*;
//!
//! #[derive(WeaviateCollection, Debug, PartialEq)]
//! struct Article {
//!     #[weaviate(id)]
//!     id: uuid::Uuid,
//!     title: String,
//!     views: i64,
//! }
//!
//! let data = client.collection_of::<Article>().data();
//! let id = data.insert(Article { id: uuid::Uuid::new_v4(), title: "Hello".into(), views: 0 }).await?;
//! let f = Article::fields();
//! data.update(id, Patch::new().set(f.views, 1)).await?;
//! let article: Option<Article> = data.get(id).await?;
//! assert_eq!(article.map(|a| a.views), Some(1));
//! assert!(data.delete(id).await?);
//! # Ok(()) }
//! ```

/// Implements `IntoFuture` for a data builder by boxing its `run(self)`.
macro_rules! awaitable {
    ($builder:ty => $output:ty) => {
        impl ::std::future::IntoFuture for $builder {
            type Output = $crate::error::Result<$output>;
            type IntoFuture = ::std::pin::Pin<
                Box<dyn ::std::future::Future<Output = $crate::error::Result<$output>> + Send>,
            >;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.run())
            }
        }
    };
}

mod delete;
mod exists;
mod get;
mod insert;
mod object;
mod patch;
mod references;
mod scope;
mod validate;
mod write;

pub use delete::Delete;
pub use exists::Exists;
pub use get::{Get, StoredObject};
pub use insert::{Insert, Insertable};
pub use object::{MAX_SAFE_INTEGER, Metadata, NewObject, Object, Vector, Vectors};
pub use patch::{IntoPatch, Patch};
pub use references::{Beacon, ReferenceField, ReferenceWrite};
pub use validate::Validate;
pub use write::{Replace, Update};

use std::fmt;

use uuid::Uuid;

use crate::collection::{Collection, CollectionKind};
use crate::filter::Untyped;

/// Object operations on one collection, typed (`Data<Article>`) or untyped (`Data<Untyped>`). Get it
/// with [`Collection::data`]; see the [module docs](self).
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use serde_json::json;
/// use weaviate_orm::data::NewObject;
///
/// let data = client.collection("Article").data();
/// let id = data.insert(NewObject::new(json!({"title": "Hello"}))?.vector(vec![0.1, 0.2])).await?;
/// let obj = data.get(id).with_vectors().await?;
/// data.update(id, NewObject::new(json!({"title": "Hello again"}))?).await?;
/// data.delete(id).await?;
/// # let _ = obj; Ok(()) }
/// ```
pub struct Data<C = Untyped> {
    collection: Collection<C>,
}

impl<C> Clone for Data<C> {
    fn clone(&self) -> Self {
        Data {
            collection: self.collection.clone(),
        }
    }
}

impl<C> fmt::Debug for Data<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Data").field(&self.collection).finish()
    }
}

impl<C> Collection<C> {
    /// Object operations on this collection (see [`Data`]).
    pub fn data(&self) -> Data<C> {
        Data {
            collection: self.clone(),
        }
    }
}

impl<C: CollectionKind> Data<C> {
    fn scope(&self) -> Collection {
        self.collection.untyped()
    }

    /// Inserts an object (a `T` for a typed handle, a [`NewObject`] for an untyped one); returns its
    /// id: the object's own (a `T`'s id or key field, a `NewObject`'s id), or a random v4 id. An
    /// existing id gives [`Error::AlreadyExists`](crate::Error::AlreadyExists).
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { #[weaviate(key)] slug: String, title: String }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let article = Article { slug: "hello".into(), title: "Hello".into() };
    /// let id = client.collection_of::<Article>().data().insert(&article).await?;
    /// assert_eq!(Some(id), article.id()); // the id derived from the key
    /// # Ok(()) }
    /// ```
    pub fn insert(&self, object: impl Insertable<C>) -> Insert {
        Insert::new(self.scope(), object.__into_new_object())
    }

    /// Reads one object by id: `Some(T)` (typed) or `Some(Object)` (untyped), `None` when there is
    /// none. Vectors are read only when asked for with [`with_vectors`](Get::with_vectors) (a
    /// struct's vector fields stay empty otherwise, as in queries); a typed read gives the metadata
    /// (creation and update time) and the vectors as a [`Hit`](crate::query::Hit) with
    /// [`with_metadata`](Get::with_metadata).
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String }
    /// # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let data = client.collection_of::<Article>().data();
    /// let article: Option<Article> = data.get(id).await?;
    /// let hit: Option<Hit<Article>> = data.get(id).with_metadata().with_vectors().await?;
    /// # let _ = (article, hit); Ok(()) }
    /// ```
    pub fn get(&self, id: Uuid) -> Get<C, C::Stored> {
        Get::new(self.scope(), id)
    }

    /// Whether an object with this id exists.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let there = client.collection("Article").data().exists(id).await?;
    /// # let _ = there; Ok(()) }
    /// ```
    pub fn exists(&self, id: Uuid) -> Exists {
        Exists::new(self.scope(), id)
    }

    /// Replaces object `id` entirely (PUT): properties not given are removed, vectors not given are
    /// recomputed by the vectorizer, if any. A missing object gives
    /// [`Error::NotFound`](crate::Error::NotFound); an object whose own id is another gives
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) before sending.
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String, views: i64 }
    /// # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let data = client.collection_of::<Article>().data();
    /// data.replace(id, Article { title: "Rewritten".into(), views: 0 }).await?;
    /// # Ok(()) }
    /// ```
    pub fn replace(&self, id: Uuid, object: impl Insertable<C>) -> Replace {
        Replace::new(self.scope(), id, object.__into_new_object())
    }

    /// Updates object `id` in part (PATCH): the properties and vectors of the patch replace the
    /// stored ones, the others are kept; a property set to `None` is removed. A typed handle takes a
    /// [`Patch`] of its fields or a [projection](crate::projection!) of its struct, an untyped one a
    /// [`NewObject`]. A missing object gives [`Error::NotFound`](crate::Error::NotFound).
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String, summary: Option<String>, views: i64 }
    /// # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let f = Article::fields();
    /// client
    ///     .collection_of::<Article>()
    ///     .data()
    ///     .update(id, Patch::new().set(f.views, 10).set(f.summary, None))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn update(&self, id: Uuid, patch: impl IntoPatch<C>) -> Update {
        Update::new(self.scope(), id, patch.__into_patch())
    }

    /// Deletes object `id`: `true` when it was there, `false` when there was none.
    ///
    /// Weaviate itself answers a delete of a missing object with success, so the client asks first
    /// (`HEAD`); an object deleted by someone else between the two requests counts as deleted.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let deleted = client.collection("Article").data().delete(id).await?;
    /// # let _ = deleted; Ok(()) }
    /// ```
    pub fn delete(&self, id: Uuid) -> Delete {
        Delete::new(self.scope(), id)
    }

    /// Asks the server whether an object would be accepted, without storing it: the server's
    /// reason comes back as [`Error::Rejected`](crate::Error::Rejected) when it would not.
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let data = client.collection_of::<Article>().data();
    /// data.validate(Article { title: "Draft".into() }).await?;
    /// # Ok(()) }
    /// ```
    pub fn validate(&self, object: impl Insertable<C>) -> Validate {
        Validate::new(self.scope(), object.__into_new_object())
    }

    /// Adds a reference from object `from`, through reference property `field` (a reference field
    /// handle of `C`, or a property name for an untyped handle), to `to`.
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Author { name: String }
    /// # #[derive(WeaviateCollection)]
    /// # struct Book { title: String, author: Reference<Author> }
    /// # async fn run(client: weaviate_orm::Client, book: uuid::Uuid, ada: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let books = client.collection_of::<Book>().data();
    /// books.reference_add(book, Book::fields().author, ada).await?;
    /// # Ok(()) }
    /// ```
    pub fn reference_add<F: ReferenceField<C>>(
        &self,
        from: Uuid,
        field: F,
        to: impl Into<F::Target>,
    ) -> ReferenceWrite {
        ReferenceWrite::add(self.scope(), from, field, to.into())
    }

    /// Replaces every reference of `field` on object `from` with `to` (an empty list clears them).
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client, book: uuid::Uuid, a: uuid::Uuid, b: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let books = client.collection("Book").data();
    /// books.reference_replace(book, "authors", [a, b]).await?;
    /// # Ok(()) }
    /// ```
    pub fn reference_replace<F, I>(&self, from: Uuid, field: F, to: I) -> ReferenceWrite
    where
        F: ReferenceField<C>,
        I: IntoIterator,
        I::Item: Into<F::Target>,
    {
        ReferenceWrite::replace(self.scope(), from, field, to.into_iter().map(Into::into))
    }

    /// Deletes one reference of `field` on object `from` (to `to`).
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Author { name: String }
    /// # #[derive(WeaviateCollection)]
    /// # struct Book { title: String, author: Reference<Author> }
    /// # async fn run(client: weaviate_orm::Client, book: uuid::Uuid, ada: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// client.collection_of::<Book>().data().reference_delete(book, Book::fields().author, ada).await?;
    /// # Ok(()) }
    /// ```
    pub fn reference_delete<F: ReferenceField<C>>(
        &self,
        from: Uuid,
        field: F,
        to: impl Into<F::Target>,
    ) -> ReferenceWrite {
        ReferenceWrite::delete(self.scope(), from, field, to.into())
    }
}
