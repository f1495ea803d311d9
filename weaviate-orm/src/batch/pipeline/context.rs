//! [`Ctx`]: what every part of one import shares.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::tally::Tally;
use crate::batch::mode::BatchMode;
use crate::batch::report::{BatchReport, Progress};
use crate::client::Client;
use crate::transport::grpc::Grpc;
use crate::transport::retry::RetryPolicy;

/// The progress hook of an import.
pub(crate) type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync>;

/// What every part of one import shares.
pub(crate) struct Ctx {
    /// The mode that runs (never `Auto`).
    pub(crate) mode: BatchMode,
    pub(crate) client: Client,
    pub(crate) grpc: Grpc,
    /// The collection of objects that name none.
    pub(crate) collection: Option<String>,
    /// The tenant of objects and references that name none.
    pub(crate) tenant: Option<String>,
    pub(crate) consistency: Option<i32>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    /// Largest request body the importer builds.
    pub(crate) max_bytes: usize,
    pub(crate) progress: Option<ProgressFn>,
    pub(crate) started: Instant,
}

impl Ctx {
    /// Calls the progress hook, if any.
    pub(crate) fn progress(&self, report: &BatchReport, tally: &Tally) {
        if let Some(hook) = &self.progress {
            hook(&Progress {
                read: tally.read,
                succeeded: tally.succeeded,
                failed: report.errors.len() + report.reference_errors.len(),
                in_flight: tally.in_flight,
                retried: report.retries.items,
                elapsed: self.started.elapsed(),
                batch_size: tally.batch_size,
                concurrency: tally.concurrency,
            });
        }
    }
}
