//! Batch imports and deletes over gRPC.
//!
//! - [`Importer`] ([`Client::importer`](crate::Client::importer)) streams objects of any collections
//!   from an iterator or an async stream into Weaviate, in one of three [`BatchMode`]s: server-side
//!   batching over the `BatchStream` RPC (the default on Weaviate 1.36+), fixed-size `BatchObjects`
//!   requests with a chosen concurrency (the default on older servers, `fixed(1000, 2)`), or dynamic
//!   requests that follow the server's import queue. Requests stay under the server's gRPC message size
//!   limit; transient failures are retried with exponential backoff and jitter; a request the server has
//!   no memory for (its memory watch) is sent again in halves, and server-side messages shrink likewise;
//!   memory is bounded by the in-flight window, not the input.
//! - [`Batch`] ([`Collection::batch`]) is the same for one collection, plus [`Batch::delete_many`].
//! - [`TypedBatch`] (`batch()` of a typed [`Collection`]) takes and names the user's own
//!   structs: `insert_many` / `insert_stream` of `T`s, references made from `T`'s typed reference fields
//!   ([`Field::link`](crate::typed::Field::link)), and `delete_many` by a `Filter<T>`.
//! - Items are anything implementing [`BatchItem`]: every `#[derive(WeaviateCollection)]` struct,
//!   `(collection, NewObject)` pairs, a bare `NewObject` (the default collection), wire objects, and
//!   [`AnyItem`] (any of those, boxed, to mix typed collections in one import); each encodes itself to
//!   an [`EncodedObject`]. References are [`BatchReference`]s, added with `BatchReferences` after their
//!   source objects.
//! - The [`BatchReport`] names every object that was not stored (input index, id, a
//!   [`BatchErrorKind`]: rejected by the server, transient with its retries used up, too large, or
//!   invalid before sending; and the server's message), counts the stored ones, says which
//!   [`BatchMode`] ran and what was retried.
//!
//! ## How an import runs
//! The [`Importer`] resolves the mode and builds one context; a mode reads the input and groups items
//! into requests: client-side windows of `BatchObjects` / `BatchReferences` requests (fixed or
//! dynamic sizes; references always fixed), or one server-side `BatchStream`. Every unary request,
//! of objects or of references, goes through the same retry loop, which asks
//! [`Error::is_retryable`](crate::Error::is_retryable) about a failed call and the transport's one
//! classifier about the per-object messages of a reply.
//!
//! ## The default mode
//! [`BatchMode::Auto`]: server-side batching when the server has it (Weaviate 1.36+), else
//! `fixed(1000, 2)`. In our benchmark (BENCHMARKS.md at the repository root) every mode of this crate
//! reached the same rate within the noise, because on a local server the server's own work per object
//! is the limit (this client spends about 5 µs of CPU per object, the server 40-400 µs). So the default
//! is chosen for what happens off the happy path: with server-side batching the server sets the batch
//! size (about a second of its work per batch, so a slow vectorizer gets small batches rather than
//! timeouts), acknowledges what its workers have taken so the client sends only when one is free, hands
//! back what it has no memory for, and drains what it took before it shuts down; the importer resends
//! whatever has no result when a stream is lost. `fixed(1000, 2)`, the fastest client-side setting, is
//! the fallback, and `dynamic` follows the server's import queue where the server is shared.
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use serde_json::json;
//! use weaviate_orm::data::NewObject;
//!
//! let articles = client.collection("Article");
//! let objects = (0..100_000).map(|i| NewObject::new(json!({"title": format!("#{i}")})).unwrap());
//! let report = articles.batch().insert_many(objects).await?;
//! assert!(report.is_success(), "{report}: {:?}", report.errors);
//! # Ok(()) }
//! ```

mod delete;
mod import;
mod importer;
mod item;
mod mode;
mod modes;
mod pipeline;
mod report;
mod typed;

pub use delete::{DeleteMany, DeleteReport, DeletedObject, IntoFilters};
pub use import::Import;
pub use importer::Importer;
pub use item::{BatchItem, BatchReference, EncodedObject};
pub use mode::BatchMode;
pub use report::{
    Aborted, BatchError, BatchErrorKind, BatchReport, Progress, ReferenceError, Retries,
};
pub use typed::{AnyItem, TypedBatch};

use futures_util::Stream;

use crate::collection::Collection;
use crate::data::NewObject;
use crate::transport::retry::RetryPolicy;

/// Batch operations on one collection (and its tenant and consistency level). Get it with
/// [`Collection::batch`]; configure it like an [`Importer`].
#[derive(Clone, Debug)]
#[must_use = "a batch does nothing until one of its operations is awaited"]
pub struct Batch {
    collection: Collection,
    importer: Importer,
}

impl Collection {
    /// Batch operations on this collection.
    pub fn batch(&self) -> Batch {
        let mut importer = self.client.importer().collection(self.name.clone());
        if let Some(t) = &self.tenant {
            importer = importer.tenant(t.clone());
        }
        if let Some(c) = self.consistency {
            importer = importer.consistency_level(c);
        }
        Batch {
            collection: self.clone(),
            importer,
        }
    }
}

impl Batch {
    /// How objects are grouped into requests (see [`BatchMode`]).
    pub fn mode(mut self, mode: BatchMode) -> Self {
        self.importer = self.importer.mode(mode);
        self
    }

    /// How transient failures are retried (see [`Importer::retry`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.importer = self.importer.retry(policy);
        self
    }

    /// A progress hook (see [`Importer::on_progress`]).
    pub fn on_progress(mut self, hook: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.importer = self.importer.on_progress(hook);
        self
    }

    /// The same batch on another scope of the collection (tenant, consistency level), keeping the
    /// mode, retries and progress hook.
    pub(crate) fn rescope(self, scope: impl FnOnce(&Collection) -> Collection) -> Batch {
        let collection = scope(&self.collection);
        let mut importer = self.importer;
        if let Some(t) = &collection.tenant {
            importer = importer.tenant(t.clone());
        }
        if let Some(c) = collection.consistency {
            importer = importer.consistency_level(c);
        }
        Batch {
            collection,
            importer,
        }
    }

    /// The importer behind this batch, with the collection, tenant and consistency level set.
    pub fn importer(&self) -> &Importer {
        &self.importer
    }

    /// Inserts (upserts) the objects, streaming them in requests of the batch's mode, and reports, by
    /// input index, every object that was not stored and why. Objects refused before sending (e.g. a NaN
    /// in a vector) are in the report like those the server refused.
    ///
    /// Objects without an id get a random (v4) one before the first send; give objects ids when you need
    /// them afterwards (the report lists only failures). An existing id is overwritten, as in every
    /// Weaviate batch.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use serde_json::json;
    /// use uuid::Uuid;
    /// use weaviate_orm::data::NewObject;
    ///
    /// let objects = (0..100).map(|i| {
    ///     NewObject::new(json!({"title": format!("#{i}")})).unwrap().id(Uuid::new_v4())
    /// });
    /// let report = client.collection("Article").batch().insert_many(objects).await?;
    /// for failed in &report.errors {
    ///     eprintln!("object {} ({}, {}): {}", failed.index, failed.id, failed.kind, failed.message);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn insert_many<'a, I>(&self, objects: I) -> Import<'a>
    where
        I: IntoIterator<Item = NewObject> + Send + 'a,
        I::IntoIter: Send + 'a,
    {
        Import::new(self.clone(), move |batch| async move {
            batch.importer.import(objects).await
        })
    }

    /// [`insert_many`](Self::insert_many) from an async stream.
    pub fn insert_stream<'a, S>(&self, objects: S) -> Import<'a>
    where
        S: Stream<Item = NewObject> + Send + 'a,
    {
        Import::new(self.clone(), move |batch| async move {
            batch.importer.import_stream(objects).await
        })
    }

    /// Adds references from objects of this collection, in `BatchReferences` requests. Each
    /// reference's `from_collection` is set to this collection.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client, article: uuid::Uuid, author: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::batch::BatchReference;
    ///
    /// let refs = [BatchReference::new("Article", article, "writtenBy", author)];
    /// let report = client.collection("Article").batch().add_references(refs).await?;
    /// assert!(report.is_success(), "{:?}", report.reference_errors);
    /// # Ok(()) }
    /// ```
    pub fn add_references<'a, I>(&self, references: I) -> Import<'a>
    where
        I: IntoIterator<Item = BatchReference> + Send + 'a,
        I::IntoIter: Send + 'a,
    {
        Import::new(self.clone(), move |batch| async move {
            let name = batch.collection.name.clone();
            batch
                .importer
                .import_references(references.into_iter().map(move |mut r| {
                    r.from_collection.clone_from(&name);
                    r
                }))
                .await
        })
    }

    /// Deletes every object of the collection that matches `filter` (a [`Filter<Untyped>`](crate::filter::Filter)
    /// or a wire [`pb::Filters`](crate::wire::v1::Filters); typed batches take typed filters, see
    /// [`TypedBatch::delete_many`]). Await the returned [`DeleteMany`] after choosing
    /// [`dry_run`](DeleteMany::dry_run) and [`verbose`](DeleteMany::verbose).
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let drafts = client.collection("Article").batch();
    /// let filter = Filter::<Untyped>::property("status").equal("draft");
    /// let preview = drafts.delete_many(filter.clone()).dry_run(true).verbose(true).await?;
    /// println!("would delete {} objects", preview.matches);
    /// let done = drafts.delete_many(filter).await?;
    /// assert_eq!(done.deleted, preview.matches);
    /// # Ok(()) }
    /// ```
    pub fn delete_many(&self, filter: impl IntoFilters) -> DeleteMany {
        DeleteMany::new(self.collection.clone(), filter.into_filters())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::future::IntoFuture;

    fn assert_send<T: Send>(_: &T) {}

    /// Imports can be spawned: their futures are `Send` (never run, only type-checked).
    #[allow(dead_code)]
    fn import_futures_are_send(client: crate::Client) {
        let importer = client.importer();
        let items = vec![("A", NewObject::new(json!({})).unwrap())];
        assert_send(&importer.import(items.clone()));
        assert_send(&importer.import_stream(futures_util::stream::iter(items.clone())));
        assert_send(&importer.import_with_references(items, Vec::<BatchReference>::new()));
        let batch = client.collection("A").batch();
        assert_send(&batch.insert_many(Vec::<NewObject>::new()));
        assert_send(
            &batch
                .delete_many(
                    crate::filter::Filter::<crate::filter::Untyped>::id().equal(uuid::Uuid::nil()),
                )
                .into_future(),
        );
    }
}
