//! [`Get`]: one object by id (`GET /v1/objects/{collection}/{id}`), read as an [`Object`] or as the
//! typed handle's struct.

use std::fmt;
use std::marker::PhantomData;

use uuid::Uuid;

use super::Object;
use crate::collection::Collection;
use crate::encoding::rest_object::ObjectReply;
use crate::error::{Error, Result};
use crate::filter::Untyped;
use crate::query::Hit;
use crate::sealed::SealedFor;
use crate::typed::WeaviateCollection;

/// What a read by id of collection `C` returns: [`Object`] (untyped), `T`, or [`Hit<T>`] (the
/// struct with its id, metadata and vectors). Implemented by this crate only.
pub trait StoredObject<C>: SealedFor<C> + Sized + Send + 'static {
    #[doc(hidden)]
    fn __from_object(object: Object) -> Result<Self>;
}

impl StoredObject<Untyped> for Object {
    fn __from_object(object: Object) -> Result<Self> {
        Ok(object)
    }
}

impl<T: WeaviateCollection> StoredObject<T> for T {
    fn __from_object(object: Object) -> Result<Self> {
        T::from_object(&object)
    }
}

impl<T: WeaviateCollection> StoredObject<T> for Hit<T> {
    fn __from_object(object: Object) -> Result<Self> {
        Ok(Hit {
            id: object.id,
            object: T::from_object(&object)?,
            metadata: object.metadata,
            vectors: object.vectors,
        })
    }
}

/// A pending read of one object by id, returning `Option<R>`. Await it directly, or ask for more
/// first.
#[must_use = "a request does nothing until it is awaited"]
pub struct Get<C, R> {
    collection: Collection,
    id: Uuid,
    vectors: bool,
    _types: PhantomData<fn() -> (C, R)>,
}

impl<C, R> Clone for Get<C, R> {
    fn clone(&self) -> Self {
        Get {
            collection: self.collection.clone(),
            id: self.id,
            vectors: self.vectors,
            _types: PhantomData,
        }
    }
}

impl<C, R> fmt::Debug for Get<C, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Get")
            .field("collection", &self.collection)
            .field("id", &self.id)
            .field("vectors", &self.vectors)
            .finish()
    }
}

impl<C, R> Get<C, R> {
    pub(super) fn new(collection: Collection, id: Uuid) -> Self {
        Get {
            collection,
            id,
            vectors: false,
            _types: PhantomData,
        }
    }

    /// Also read the object's vectors (into the struct's vector fields, the [`Object`]'s or the
    /// [`Hit`]'s vectors).
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let object = client.collection("Article").data().get(id).with_vectors().await?;
    /// if let Some(object) = object {
    ///     println!("{:?}", object.vectors.get("title_vec"));
    /// }
    /// # Ok(()) }
    /// ```
    pub fn with_vectors(mut self) -> Self {
        self.vectors = true;
        self
    }
}

impl<T: WeaviateCollection> Get<T, T> {
    /// Return a [`Hit<T>`]: the struct with its id, its metadata (creation and update time) and its
    /// vectors (when asked for with [`with_vectors`](Get::with_vectors)).
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String }
    /// # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let hit = client.collection_of::<Article>().data().get(id).with_metadata().await?;
    /// if let Some(hit) = hit {
    ///     println!("{} created {:?}", hit.title, hit.metadata.creation_time);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn with_metadata(self) -> Get<T, Hit<T>> {
        Get {
            collection: self.collection,
            id: self.id,
            vectors: self.vectors,
            _types: PhantomData,
        }
    }
}

impl<C: 'static, R: StoredObject<C>> Get<C, R> {
    async fn run(self) -> Result<Option<R>> {
        let c = &self.collection;
        c.check()?;
        let mut path = c.object_path(self.id);
        if self.vectors {
            path = path.query("include", "vector");
        }
        let reply: ObjectReply = match c.client.rest().get(path).await {
            Ok(reply) => reply,
            Err(Error::NotFound { message }) => {
                // A missing collection is an error, not a missing object.
                return if c.client.collections().exists(&c.name).await? {
                    Ok(None)
                } else {
                    Err(Error::NotFound { message })
                };
            }
            Err(e) => return Err(e),
        };
        R::__from_object(reply.into_object()?).map(Some)
    }
}

impl<C: 'static, R: StoredObject<C>> std::future::IntoFuture for Get<C, R> {
    type Output = Result<Option<R>>;
    type IntoFuture =
        std::pin::Pin<Box<dyn std::future::Future<Output = Result<Option<R>>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
