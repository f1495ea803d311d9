//! The outcome of a batch import: counts, every object and reference that was not stored (and why), what
//! was retried, and progress snapshots while it runs.
//!
//! A report never grows with successes: stored objects are counted, not listed. Only failures are kept, each
//! with its position in the input, its id and the server's message.

use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

use uuid::Uuid;

use super::mode::BatchMode;
use crate::error::Error;

/// Why an object or reference of a batch was not stored.
///
/// ```
/// use weaviate_orm::batch::{BatchErrorKind, BatchReport};
///
/// fn worth_another_run(report: &BatchReport) -> usize {
///     report.errors.iter().filter(|e| e.kind == BatchErrorKind::Transient).count()
/// }
/// assert_eq!(worth_another_run(&BatchReport::default()), 0);
/// assert_eq!(BatchErrorKind::TooLarge.to_string(), "too large");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BatchErrorKind {
    /// The server refused it (validation, an unknown property or collection, credentials) or failed
    /// on it: sending it again unchanged will not help.
    Rejected,
    /// A transient failure (server unreachable, restarting or out of memory, connection lost) lasted
    /// longer than the retries, or the import stopped before it was sent: a later run may store it.
    Transient,
    /// It is larger on the wire than the server's gRPC message size limit allows; never sent.
    TooLarge,
    /// The client's own checks refused it before sending (encoding, names, non-finite vectors,
    /// integers beyond 2^53, no collection).
    Invalid,
}

impl BatchErrorKind {
    /// The kind of a failure described by `e`: retryable errors are transient (their retries were used
    /// up when they reach a report), input refused locally is invalid, anything else the server refused.
    pub(crate) fn of(e: &Error) -> BatchErrorKind {
        if e.is_retryable() {
            BatchErrorKind::Transient
        } else if matches!(e, Error::InvalidInput { .. }) {
            BatchErrorKind::Invalid
        } else {
            BatchErrorKind::Rejected
        }
    }

    fn label(self) -> &'static str {
        match self {
            BatchErrorKind::Rejected => "rejected",
            BatchErrorKind::Transient => "transient",
            BatchErrorKind::TooLarge => "too large",
            BatchErrorKind::Invalid => "invalid",
        }
    }
}

impl fmt::Display for BatchErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One object that was not stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchError {
    /// Its position in the input (0-based).
    pub index: usize,
    /// Its id (the given one, or the random one the importer chose).
    pub id: Uuid,
    /// What kind of failure it was.
    pub kind: BatchErrorKind,
    /// Why it was refused: the server's message verbatim, or the client's check that failed.
    pub message: String,
    /// How many times it was sent (0 when refused before sending; more than 1 when it was retried).
    pub attempts: u32,
}

/// One reference that was not added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceError {
    /// Its position in the reference input (0-based).
    pub index: usize,
    /// The id of the object the reference starts from.
    pub from_id: Uuid,
    /// The reference property.
    pub property: String,
    /// The id of the target object.
    pub to_id: Uuid,
    /// What kind of failure it was.
    pub kind: BatchErrorKind,
    /// The server's message, or the client's check that failed.
    pub message: String,
    /// How many times it was sent.
    pub attempts: u32,
}

/// What the importer retried after transient failures (server unavailable or restarting, connection
/// reset, out of memory, shutting down). Retries are safe: every object carries its id, so sending it
/// again is an idempotent upsert.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Retries {
    /// Requests (or stream messages) sent again.
    pub requests: u64,
    /// Objects and references sent again (one object retried twice counts twice).
    pub items: u64,
    /// Server-side batching streams re-opened after the server closed or lost one.
    pub reconnects: u64,
    /// The distinct transient errors seen, with how often each caused a retry (at most
    /// [`Retries::MAX_CAUSES`] distinct messages; later ones are counted under `"(other)"`).
    pub causes: BTreeMap<String, u64>,
}

impl Retries {
    /// Most distinct causes kept.
    pub const MAX_CAUSES: usize = 16;

    /// Whether nothing was retried.
    pub fn is_empty(&self) -> bool {
        self.requests == 0 && self.items == 0 && self.reconnects == 0
    }

    pub(crate) fn cause(&mut self, message: &str) {
        self.cause_n(message, 1);
    }

    fn cause_n(&mut self, message: &str, n: u64) {
        let key = if self.causes.len() < Self::MAX_CAUSES || self.causes.contains_key(message) {
            message.to_owned()
        } else {
            "(other)".to_owned()
        };
        *self.causes.entry(key).or_default() += n;
    }

    pub(crate) fn merge(&mut self, other: Retries) {
        self.requests += other.requests;
        self.items += other.items;
        self.reconnects += other.reconnects;
        for (cause, n) in other.causes {
            self.cause_n(&cause, n);
        }
    }
}

/// Why an import stopped before reading all its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aborted {
    /// The error that stopped it (retries exhausted while the server stayed unreachable, or credentials
    /// refused).
    pub message: String,
    /// Input items from this index on were never read (neither stored nor in `errors`); every item before
    /// it is either stored or listed in `errors`. Resume the import from here.
    pub unread_from: usize,
}

/// The outcome of a batch import.
///
/// Every object read from the input is either stored or listed in [`errors`](Self::errors) with its index,
/// id and the server's message; a failed object is never counted as stored. Stored objects are only
/// counted, so the report stays small however much is imported.
///
/// ```
/// use weaviate_orm::batch::BatchReport;
///
/// let report = BatchReport::default();
/// assert!(report.is_success());
/// assert_eq!(report.succeeded(), 0);
/// println!("{report}"); // one-line summary: counts, rate, retries
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BatchReport {
    /// Objects read from the input.
    pub objects: usize,
    /// The objects that were not stored, by input index.
    pub errors: Vec<BatchError>,
    /// References read from the reference input.
    pub references: usize,
    /// The references that were not added, by input index.
    pub reference_errors: Vec<ReferenceError>,
    /// Time the import took.
    pub elapsed: Duration,
    /// What was sent again after transient failures.
    pub retries: Retries,
    /// Set when the import stopped early; see [`Aborted`].
    pub aborted: Option<Aborted>,
    /// The mode that ran: [`BatchMode::Auto`] resolved to what the server supports (never `Auto`,
    /// except in a report of nothing). Its `Display` is e.g. `fixed(1000x2)`, `dynamic` or
    /// `server-side`.
    pub mode: BatchMode,
}

impl BatchReport {
    /// Number of objects stored.
    pub fn succeeded(&self) -> usize {
        self.objects - self.errors.len()
    }

    /// Number of objects not stored.
    pub fn failed(&self) -> usize {
        self.errors.len()
    }

    /// Number of references added.
    pub fn references_succeeded(&self) -> usize {
        self.references - self.reference_errors.len()
    }

    /// Whether every object and reference of the input was stored.
    pub fn is_success(&self) -> bool {
        self.errors.is_empty() && self.reference_errors.is_empty() && self.aborted.is_none()
    }

    /// Objects stored per second.
    pub fn objects_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.succeeded() as f64 / secs
        } else {
            0.0
        }
    }

    pub(crate) fn sort(&mut self) {
        self.errors.sort_by_key(|e| e.index);
        self.reference_errors.sort_by_key(|e| e.index);
    }
}

/// Writes ` (2 rejected, 1 too large)` for failures of several kinds, nothing for none.
fn write_kinds(
    f: &mut fmt::Formatter<'_>,
    kinds: impl Iterator<Item = BatchErrorKind>,
) -> fmt::Result {
    let mut counts: Vec<(BatchErrorKind, usize)> = Vec::new();
    for kind in kinds {
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts.sort_by_key(|(k, _)| k.label());
    for (i, (kind, n)) in counts.iter().enumerate() {
        let open = if i == 0 { " (" } else { ", " };
        write!(f, "{open}{n} {kind}")?;
    }
    if counts.is_empty() {
        Ok(())
    } else {
        f.write_str(")")
    }
}

impl fmt::Display for BatchReport {
    /// One line: `48 of 50 objects stored, 2 failed (1 rejected, 1 too large) in 1.20s (40 objects/s,
    /// server-side)`, then references, retries and an abort when there are any.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} of {} objects stored, {} failed",
            self.succeeded(),
            self.objects,
            self.failed()
        )?;
        write_kinds(f, self.errors.iter().map(|e| e.kind))?;
        if self.references > 0 {
            write!(
                f,
                "; {} of {} references added, {} failed",
                self.references_succeeded(),
                self.references,
                self.reference_errors.len()
            )?;
            write_kinds(f, self.reference_errors.iter().map(|e| e.kind))?;
        }
        write!(
            f,
            " in {:.2?} ({:.0} objects/s, {})",
            self.elapsed,
            self.objects_per_second(),
            self.mode
        )?;
        if !self.retries.is_empty() {
            write!(
                f,
                "; retried {} requests ({} items, {} reconnects)",
                self.retries.requests, self.retries.items, self.retries.reconnects
            )?;
        }
        if let Some(a) = &self.aborted {
            write!(f, "; ABORTED at input {}: {}", a.unread_from, a.message)?;
        }
        Ok(())
    }
}

/// A snapshot of a running import, given to the progress hook
/// ([`Importer::on_progress`](super::Importer::on_progress)) after every completed request.
#[derive(Clone, Debug, Default, PartialEq)]
#[non_exhaustive]
pub struct Progress {
    /// Items read from the input so far.
    pub read: usize,
    /// Items stored so far.
    pub succeeded: usize,
    /// Items that failed so far.
    pub failed: usize,
    /// Items sent and not yet answered.
    pub in_flight: usize,
    /// Items sent again so far.
    pub retried: u64,
    /// Time since the import started.
    pub elapsed: Duration,
    /// Current objects per request (or per stream message).
    pub batch_size: usize,
    /// Current requests in flight allowed.
    pub concurrency: usize,
}

impl Progress {
    /// Items stored per second so far.
    pub fn objects_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.succeeded as f64 / secs
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_come_from_errors_not_ids() {
        let report = BatchReport {
            objects: 5,
            errors: vec![
                BatchError {
                    index: 1,
                    id: Uuid::from_u128(1),
                    kind: BatchErrorKind::Rejected,
                    message: "x".into(),
                    attempts: 1,
                },
                BatchError {
                    index: 4,
                    id: Uuid::from_u128(4),
                    kind: BatchErrorKind::TooLarge,
                    message: "y".into(),
                    attempts: 1,
                },
            ],
            elapsed: Duration::from_secs(1),
            ..BatchReport::default()
        };
        assert_eq!(report.succeeded(), 3);
        assert_eq!(report.failed(), 2);
        assert!(!report.is_success());
        assert_eq!(report.objects_per_second(), 3.0);
        let mut report = report;
        report.mode = BatchMode::fixed(10, 2);
        let line = report.to_string();
        assert!(
            line.starts_with("3 of 5 objects stored, 2 failed (1 rejected, 1 too large) in "),
            "{line}"
        );
        assert!(line.ends_with("(3 objects/s, fixed(10x2))"), "{line}");
    }

    #[test]
    fn an_aborted_import_is_not_a_success() {
        let report = BatchReport {
            aborted: Some(Aborted {
                message: "down".into(),
                unread_from: 7,
            }),
            ..BatchReport::default()
        };
        assert!(!report.is_success());
        assert!(report.to_string().contains("ABORTED at input 7"));
    }

    #[test]
    fn retry_causes_are_bounded() {
        let mut r = Retries::default();
        for i in 0..40 {
            r.cause(&format!("cause {i}"));
        }
        r.cause("cause 0");
        assert_eq!(r.causes.len(), Retries::MAX_CAUSES + 1);
        assert_eq!(r.causes["cause 0"], 2);
        assert_eq!(r.causes["(other)"], 40 - Retries::MAX_CAUSES as u64);
        let mut total = Retries::default();
        total.merge(r.clone());
        total.merge(r);
        assert_eq!(total.causes["cause 0"], 4);
    }
}
