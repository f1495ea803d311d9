//! [`Import`]: a pending batch operation of a [`Batch`] or [`TypedBatch`](super::TypedBatch)
//! (insert many, insert a stream, insert with references, add references), run when awaited, with
//! the batch's options still open.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use super::{Batch, BatchMode, BatchReport, Progress};
use crate::error::Result;
use crate::transport::retry::RetryPolicy;

type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
type Run<'a> = Box<dyn FnOnce(Batch) -> BoxFuture<'a, Result<BatchReport>> + Send + 'a>;

/// A pending import: await it for the [`BatchReport`]. The options of the batch can still be set
/// for this import alone.
///
/// ```no_run
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # struct Article { #[weaviate(key)] slug: String }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::batch::BatchMode;
///
/// let articles = (0..10_000).map(|i| Article { slug: format!("a{i}") });
/// let report = client
///     .collection_of::<Article>()
///     .batch()
///     .insert_many(articles)
///     .mode(BatchMode::fixed(500, 4))
///     .on_progress(|p| eprintln!("{p:?}"))
///     .await?;
/// assert!(report.is_success(), "{report}");
/// # Ok(()) }
/// ```
#[must_use = "an import does nothing until it is awaited"]
pub struct Import<'a> {
    batch: Batch,
    run: Run<'a>,
}

impl fmt::Debug for Import<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Import")
            .field("batch", &self.batch)
            .finish()
    }
}

impl<'a> Import<'a> {
    pub(super) fn new<F, Fut>(batch: Batch, run: F) -> Self
    where
        F: FnOnce(Batch) -> Fut + Send + 'a,
        Fut: Future<Output = Result<BatchReport>> + Send + 'a,
    {
        Import {
            batch,
            run: Box::new(move |batch| Box::pin(run(batch))),
        }
    }

    /// How objects are grouped into requests, for this import (see [`BatchMode`]).
    pub fn mode(mut self, mode: BatchMode) -> Self {
        self.batch = self.batch.mode(mode);
        self
    }

    /// How transient failures are retried, for this import (see
    /// [`Importer::retry`](super::Importer::retry)).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.batch = self.batch.retry(policy);
        self
    }

    /// A progress hook for this import (see [`Importer::on_progress`](super::Importer::on_progress)).
    pub fn on_progress(mut self, hook: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.batch = self.batch.on_progress(hook);
        self
    }
}

impl<'a> IntoFuture for Import<'a> {
    type Output = Result<BatchReport>;
    type IntoFuture = BoxFuture<'a, Result<BatchReport>>;

    fn into_future(self) -> Self::IntoFuture {
        (self.run)(self.batch)
    }
}
