//! Typed batches: `client.collection_of::<Article>().batch()` imports the user's own structs, adds references named by
//! typed field handles, and deletes by a `Filter<Article>`.

use std::fmt;
use std::marker::PhantomData;

use futures_util::{Stream, StreamExt};
use uuid::Uuid;

use super::delete::DeleteMany;
use super::item::{BatchItem, BatchReference, EncodedObject};
use super::{Batch, BatchMode, Import, Progress};
use crate::collection::{Collection, ConsistencyLevel};
use crate::data::Beacon;
use crate::error::Result;
use crate::filter::Filter;
use crate::transport::retry::RetryPolicy;
use crate::typed::{Field, MultiReference, WeaviateCollection};

/// Every derived collection struct is a batch item of its own collection: its id is the `id` field or
/// the one derived from its `key` fields (so a retried or repeated import overwrites rather than
/// duplicates), and it is encoded like [`WeaviateCollection::to_new_object`], with the same checks
/// (integers beyond 2^53, non-finite floats, declared vector dimensions) made before sending.
impl<T: WeaviateCollection> BatchItem for T {
    fn id(&self) -> Option<Uuid> {
        WeaviateCollection::id(self)
    }

    fn encode(self, id: Uuid) -> Result<EncodedObject> {
        EncodedObject::new(T::NAME, self.to_new_object()?, id)
    }
}

/// A typed object written to its batch's collection, which may be a copy of `T`'s under another name
/// (a typed handle made with [`Collection::typed`](crate::Collection::typed)).
struct InBatchCollection<T>(T);

impl<T: WeaviateCollection> BatchItem for InBatchCollection<T> {
    fn id(&self) -> Option<Uuid> {
        WeaviateCollection::id(&self.0)
    }

    fn encode(self, id: Uuid) -> Result<EncodedObject> {
        // An empty collection is the importer's: the batch's.
        EncodedObject::new(String::new(), self.0.to_new_object()?, id)
    }
}

/// Any batch item, boxed, so objects of several typed collections can share one import (an iterator
/// needs one item type).
///
/// ```
/// use weaviate_orm::WeaviateCollection;
/// use weaviate_orm::batch::{AnyItem, BatchItem};
///
/// #[derive(WeaviateCollection)]
/// struct Author { #[weaviate(key)] name: String }
/// #[derive(WeaviateCollection)]
/// struct Tag { #[weaviate(key)] label: String }
///
/// let items = vec![
///     AnyItem::new(Author { name: "Ada".into() }),
///     AnyItem::new(Tag { label: "rust".into() }),
/// ];
/// assert!(items.iter().all(|item| item.id().is_some()));
/// // client.importer().import(items).await?
/// ```
pub struct AnyItem {
    id: Option<Uuid>,
    encode: Box<dyn FnOnce(Uuid) -> Result<EncodedObject> + Send>,
}

impl AnyItem {
    /// Boxes `item`.
    pub fn new<B: BatchItem + Send + 'static>(item: B) -> AnyItem {
        AnyItem {
            id: item.id(),
            encode: Box::new(move |id| item.encode(id)),
        }
    }
}

impl fmt::Debug for AnyItem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AnyItem").field("id", &self.id).finish()
    }
}

impl BatchItem for AnyItem {
    fn id(&self) -> Option<Uuid> {
        self.id
    }

    fn encode(self, id: Uuid) -> Result<EncodedObject> {
        (self.encode)(id)
    }
}

/// Batch operations on the collection of `T`, taking and naming `T`s. Get it with
/// [`Collection::batch`](crate::Collection) on a typed handle; the modes, retries and progress hook are those of [`Batch`].
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::WeaviateCollection;
/// use weaviate_orm::typed::Reference;
///
/// #[derive(WeaviateCollection)]
/// struct Author {
///     #[weaviate(key)]
///     name: String,
/// }
///
/// #[derive(WeaviateCollection)]
/// struct Article {
///     #[weaviate(key)]
///     slug: String,
///     #[weaviate(index_range_filters)]
///     views: i64,
///     author: Reference<Author>,
/// }
///
/// let ada = Author { name: "Ada".into() };
/// let ada_id = ada.id().unwrap(); // from the key field
/// client.collection_of::<Author>().batch().insert_many([ada]).await?;
///
/// let articles = (0..10_000).map(|i| Article {
///     slug: format!("post-{i}"),
///     views: i,
///     author: Reference::to([ada_id]),
/// });
/// let report = client.collection_of::<Article>().batch().insert_many(articles).await?;
/// assert!(report.is_success(), "{report}: {:?}", report.errors);
///
/// let a = Article::fields();
/// let unread = client.collection_of::<Article>().batch().delete_many(a.views.lt(10)).dry_run(true).await?;
/// println!("would delete {} articles", unread.matches);
/// # Ok(()) }
/// ```
#[must_use = "a batch does nothing until one of its operations is awaited"]
pub struct TypedBatch<T> {
    batch: Batch,
    _collection: PhantomData<fn() -> T>,
}

impl<T> Clone for TypedBatch<T> {
    fn clone(&self) -> Self {
        TypedBatch {
            batch: self.batch.clone(),
            _collection: PhantomData,
        }
    }
}

impl<T> fmt::Debug for TypedBatch<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TypedBatch").field(&self.batch).finish()
    }
}

impl<T: WeaviateCollection> Collection<T> {
    /// Typed batch operations on this collection (see [`TypedBatch`]).
    pub fn batch(&self) -> TypedBatch<T> {
        TypedBatch::from_collection(&self.untyped())
    }
}

impl<T: WeaviateCollection> TypedBatch<T> {
    /// Typed batch operations on `collection`, which holds `T`s under another name (a copy being
    /// rebuilt before an alias moves to it, a test's private collection), with its tenant and
    /// consistency level.
    pub(crate) fn from_collection(collection: &Collection) -> Self {
        TypedBatch {
            batch: collection.batch(),
            _collection: PhantomData,
        }
    }

    fn map(self, f: impl FnOnce(Batch) -> Batch) -> Self {
        TypedBatch {
            batch: f(self.batch),
            _collection: PhantomData,
        }
    }

    /// The same batch for `tenant` of a multi-tenant collection.
    pub fn tenant(self, tenant: impl Into<String>) -> Self {
        let tenant = tenant.into();
        self.map(|b| b.rescope(|c| c.with_tenant(tenant)))
    }

    /// The same batch with a consistency level for its writes.
    pub fn consistency_level(self, level: ConsistencyLevel) -> Self {
        self.map(|b| b.rescope(|c| c.with_consistency_level(level)))
    }

    /// How objects are grouped into requests (see [`BatchMode`]).
    pub fn mode(self, mode: BatchMode) -> Self {
        self.map(|b| b.mode(mode))
    }

    /// How transient failures are retried (see [`Importer::retry`](super::Importer::retry)).
    pub fn retry(self, policy: RetryPolicy) -> Self {
        self.map(|b| b.retry(policy))
    }

    /// A progress hook (see [`Importer::on_progress`](super::Importer::on_progress)).
    pub fn on_progress(self, hook: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.map(|b| b.on_progress(hook))
    }

    /// The untyped batch behind this one.
    pub fn untyped(&self) -> &Batch {
        &self.batch
    }

    /// Inserts (upserts) the objects, streaming them in requests of the batch's mode, pulling them from
    /// the iterator only as capacity frees up. The report names every object that was not stored by
    /// its input index and id, with the server's message. Objects whose struct gives no id (no `id`
    /// or `key` field) get random ones.
    pub fn insert_many<'a, I>(&self, objects: I) -> Import<'a>
    where
        I: IntoIterator<Item = T> + Send + 'a,
        I::IntoIter: Send + 'a,
    {
        Import::new(self.batch.clone(), move |batch| async move {
            let objects = objects.into_iter().map(InBatchCollection);
            batch.importer().import(objects).await
        })
    }

    /// [`insert_many`](Self::insert_many) from an async stream.
    pub fn insert_stream<'a, S>(&self, objects: S) -> Import<'a>
    where
        S: Stream<Item = T> + Send + 'a,
    {
        Import::new(self.batch.clone(), move |batch| async move {
            batch
                .importer()
                .import_stream(objects.map(InBatchCollection))
                .await
        })
    }

    /// Inserts the objects, then adds the references (after every object was sent), with one report.
    pub fn insert_with_references<'a, I, R>(&self, objects: I, references: R) -> Import<'a>
    where
        I: IntoIterator<Item = T> + Send + 'a,
        I::IntoIter: Send + 'a,
        R: IntoIterator<Item = BatchReference> + Send + 'a,
        R::IntoIter: Send + 'a,
    {
        Import::new(self.batch.clone(), move |batch| async move {
            let objects = objects.into_iter().map(InBatchCollection);
            batch
                .importer()
                .import_with_references(objects, references)
                .await
        })
    }

    /// Adds references from objects of this collection in `BatchReferences` requests; make them with
    /// [`Field::link`] on a reference field of `T`.
    pub fn add_references<'a, I>(&self, references: I) -> Import<'a>
    where
        I: IntoIterator<Item = BatchReference> + Send + 'a,
        I::IntoIter: Send + 'a,
    {
        self.batch.add_references(references)
    }

    /// Deletes every object of the collection that `filter` matches (`BatchDelete`). Choose
    /// [`dry_run`](DeleteMany::dry_run) and [`verbose`](DeleteMany::verbose), then await it.
    pub fn delete_many(&self, filter: Filter<T>) -> DeleteMany {
        self.batch.delete_many(filter.untyped())
    }
}

impl<C: WeaviateCollection, R: WeaviateCollection> Field<C, crate::typed::Reference<R>> {
    /// A reference to add in a batch: from object `from` of `C`, through this property, to object `to`
    /// of `R` (the server takes the target collection from the property).
    ///
    /// ```
    /// use uuid::Uuid;
    /// use weaviate_orm::WeaviateCollection;
    /// use weaviate_orm::typed::Reference;
    ///
    /// #[derive(WeaviateCollection)]
    /// struct Author { name: String }
    /// #[derive(WeaviateCollection)]
    /// struct Article { title: String, author: Reference<Author> }
    ///
    /// let link = Article::fields().author.link(Uuid::from_u128(1), Uuid::from_u128(2));
    /// assert_eq!((link.from_collection.as_str(), link.property.as_str()), ("Article", "author"));
    /// assert_eq!((link.from_id, link.to.id), (Uuid::from_u128(1), Uuid::from_u128(2)));
    /// ```
    pub fn link(&self, from: Uuid, to: Uuid) -> BatchReference {
        BatchReference::new(C::NAME, from, self.name(), to)
    }
}

impl<C: WeaviateCollection> Field<C, MultiReference> {
    /// A reference to add in a batch: from object `from` of `C`, through this multi-target property,
    /// to object `to` of collection `R` (which the server checks is one of the property's targets).
    pub fn link_to<R: WeaviateCollection>(&self, from: Uuid, to: Uuid) -> BatchReference {
        BatchReference::new(C::NAME, from, self.name(), Beacon::new(R::NAME, to))
    }
}

impl<C: WeaviateCollection, R: WeaviateCollection> Field<C, Option<crate::typed::Reference<R>>> {
    /// A reference to add in a batch through this optional reference property (see
    /// [`Field::link`](Field#method.link)).
    pub fn link(&self, from: Uuid, to: Uuid) -> BatchReference {
        BatchReference::new(C::NAME, from, self.name(), to)
    }
}
