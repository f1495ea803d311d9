//! Deleting every object of a collection that matches a filter (`BatchDelete`), with dry runs and
//! per-object results.

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::filter::{Filter, Untyped};
use crate::wire::v1 as pb;

/// What [`Batch::delete_many`](super::Batch::delete_many) takes as its filter: a
/// [`Filter<Untyped>`] built by property name, or a wire [`pb::Filters`]. (A typed batch,
/// [`TypedBatch::delete_many`](super::TypedBatch::delete_many), takes its own collection's
/// `Filter<T>`.)
///
/// ```
/// use weaviate_orm::batch::IntoFilters;
/// use weaviate_orm::filter::{Filter, Untyped};
///
/// let drafts = Filter::<Untyped>::property("status").equal("draft")
///     & Filter::property("views").lt(10);
/// let filter = drafts.into_filters().unwrap();
/// assert_eq!(filter.as_wire().filters.len(), 2);
/// ```
pub trait IntoFilters {
    /// The filter, or why it cannot be built.
    fn into_filters(self) -> Result<Filter<Untyped>>;
}

impl IntoFilters for pb::Filters {
    fn into_filters(self) -> Result<Filter<Untyped>> {
        Ok(Filter::from_wire(self))
    }
}

impl IntoFilters for Filter<Untyped> {
    fn into_filters(self) -> Result<Filter<Untyped>> {
        Ok(self)
    }
}

/// What one matched object came to in a verbose delete.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeletedObject {
    /// The object's id.
    pub id: Uuid,
    /// Whether it was deleted (in a dry run: whether it would have been).
    pub successful: bool,
    /// Why it was not deleted.
    pub error: Option<String>,
}

/// The outcome of [`Batch::delete_many`](super::Batch::delete_many).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeleteReport {
    /// Objects the filter matched (before anything was deleted).
    pub matches: u64,
    /// Objects deleted (zero in a dry run).
    pub deleted: u64,
    /// Objects that could not be deleted.
    pub failed: u64,
    /// Whether this was a dry run (nothing deleted).
    pub dry_run: bool,
    /// Per-object results, when [`verbose`](DeleteMany::verbose) was asked for.
    pub objects: Vec<DeletedObject>,
    /// `BatchDelete` calls made: the server deletes at most `QUERY_MAXIMUM_RESULTS` objects per call
    /// (10,000 by default), so larger deletes take several.
    pub rounds: u32,
    /// Time it took.
    pub elapsed: Duration,
}

/// A pending delete; configure it, then `.await` it.
#[derive(Debug)]
#[must_use = "a delete does nothing until awaited"]
pub struct DeleteMany {
    collection: Collection,
    filters: Result<pb::Filters>,
    dry_run: bool,
    verbose: bool,
}

impl DeleteMany {
    pub(crate) fn new(collection: Collection, filter: Result<Filter<Untyped>>) -> Self {
        DeleteMany {
            collection,
            filters: filter.map(Filter::into_wire),
            dry_run: false,
            verbose: false,
        }
    }

    /// Only count (and with `verbose`, list) the matches; delete nothing.
    pub fn dry_run(mut self, dry_run: bool) -> Self {
        self.dry_run = dry_run;
        self
    }

    /// List every matched object with its outcome in [`DeleteReport::objects`].
    pub fn verbose(mut self, verbose: bool) -> Self {
        self.verbose = verbose;
        self
    }

    async fn run(self) -> Result<DeleteReport> {
        let started = Instant::now();
        self.collection.check()?;
        let filters = self.filters?;
        let client = &self.collection.client;
        let timeout = client.timeouts().insert_timeout();
        let retry = super::pipeline::retry::default_batch_retry();
        let mut report = DeleteReport {
            dry_run: self.dry_run,
            ..DeleteReport::default()
        };
        loop {
            let request = pb::BatchDeleteRequest {
                collection: self.collection.name.clone(),
                filters: Some(filters.clone()),
                verbose: self.verbose,
                dry_run: self.dry_run,
                consistency_level: self.collection.consistency.map(|c| c.as_grpc()),
                tenant: self.collection.tenant.clone(),
            };
            let reply = retry
                .run(Error::is_retryable, || {
                    client.grpc().batch_delete(request.clone(), timeout)
                })
                .await?;
            report.rounds += 1;
            if report.rounds == 1 {
                report.matches = u64::try_from(reply.matches).unwrap_or(0);
            }
            let successful = u64::try_from(reply.successful).unwrap_or(0);
            let failed = u64::try_from(reply.failed).unwrap_or(0);
            report.failed = failed;
            for o in reply.objects {
                let id = Uuid::from_slice(&o.uuid).map_err(|_| {
                    Error::decode(format!(
                        "BatchDelete reply: an object id of {} bytes",
                        o.uuid.len()
                    ))
                })?;
                report.objects.push(DeletedObject {
                    id,
                    successful: o.successful,
                    error: o.error.filter(|e| !e.is_empty()),
                });
            }
            if self.dry_run {
                break;
            }
            report.deleted += successful;
            let matched = u64::try_from(reply.matches).unwrap_or(0);
            // More matched than this call handled: the server's per-call limit; go on while it progresses.
            if successful == 0 || matched <= successful + failed {
                break;
            }
        }
        report.elapsed = started.elapsed();
        Ok(report)
    }
}

impl IntoFuture for DeleteMany {
    type Output = Result<DeleteReport>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
