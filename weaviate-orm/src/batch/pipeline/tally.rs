//! Counting a running import: [`Tally`] for progress, [`Outcome`] for what one request came to, and
//! [`Stop`] for why an import stops early.

use super::prepared::Kind;
use crate::batch::report::{BatchErrorKind, BatchReport, Retries};
use crate::error::Error;

/// Running counters of one import phase, for progress.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) read: usize,
    pub(crate) succeeded: usize,
    pub(crate) in_flight: usize,
    pub(crate) batch_size: usize,
    pub(crate) concurrency: usize,
}

/// Why an import stops before reading all its input: a transient failure outlasted its retries, or
/// the credentials were refused (nothing else can succeed then).
#[derive(Clone, Debug)]
pub(crate) struct Stop {
    pub(crate) message: String,
    /// The kind given to the items read but never sent.
    pub(crate) kind: BatchErrorKind,
}

impl Stop {
    /// The stop `e` causes, if any: retryable errors once their retries are used up, and refused
    /// credentials.
    pub(crate) fn caused_by(e: &Error) -> Option<Stop> {
        let stops =
            e.is_retryable() || matches!(e, Error::Unauthorized { .. } | Error::Forbidden { .. });
        stops.then(|| Stop::of(e))
    }

    /// The stop of a failure that ends the import whatever it is (a server-side stream refused).
    pub(crate) fn of(e: &Error) -> Stop {
        Stop {
            message: e.to_string(),
            kind: BatchErrorKind::of(e),
        }
    }

    /// A stop for a transient failure described by `message` (a lost stream that stayed lost).
    pub(crate) fn transient(message: String) -> Stop {
        Stop {
            message,
            kind: BatchErrorKind::Transient,
        }
    }
}

/// What one request (with its retries) came to.
pub(crate) struct Outcome<K: Kind> {
    /// Items the request started with.
    pub(crate) sent: usize,
    pub(crate) succeeded: usize,
    pub(crate) failures: Vec<K::Failure>,
    pub(crate) retries: Retries,
    /// Set when the import must stop.
    pub(crate) stop: Option<Stop>,
}

impl<K: Kind> Outcome<K> {
    pub(crate) fn new(sent: usize) -> Self {
        Outcome {
            sent,
            succeeded: 0,
            failures: Vec::new(),
            retries: Retries::default(),
            stop: None,
        }
    }

    /// Adds another outcome (of a part of the same request) to this one.
    pub(crate) fn merge(&mut self, other: Outcome<K>) {
        self.succeeded += other.succeeded;
        self.failures.extend(other.failures);
        self.retries.merge(other.retries);
        self.stop = self.stop.take().or(other.stop);
    }

    /// Moves the failures and retries into the report and the counts into `tally`; returns the stop.
    pub(crate) fn absorb(self, report: &mut BatchReport, tally: &mut Tally) -> Option<Stop> {
        tally.in_flight = tally.in_flight.saturating_sub(self.sent);
        tally.succeeded += self.succeeded;
        K::record(report, self.failures);
        report.retries.merge(self.retries);
        self.stop
    }
}
