//! The one retry loop of batch requests, for objects and references alike ([`send`]).
//!
//! Batches are retried as idempotent upserts (every object carries its id, a reference added twice is
//! stored once), so every failure [`Error::is_retryable`] calls transient is retried, and per-item
//! errors of a reply whose message says the failure heals by itself
//! ([`is_transient_message`]). A request the server has no memory for is sent again in halves.

use std::time::Duration;

use super::context::Ctx;
use super::prepared::{Kind, Prepared};
use super::tally::{Outcome, Stop};
use crate::batch::report::BatchErrorKind;
use crate::error::Error;
use crate::transport::classify::{is_memory_pressure, is_transient_message};
use crate::transport::retry::RetryPolicy;

/// The retry policy of batches unless set: 12 attempts, waits from about 250 ms doubling up to 15 s,
/// so an import rides out a server restart of a minute or more.
pub(crate) fn default_batch_retry() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(12)
        .initial_backoff(Duration::from_millis(250))
        .max_backoff(Duration::from_secs(15))
}

/// Sends one request of `items`, retrying transient failures per the context's policy: the whole
/// request when the call failed, only the items the server failed transiently otherwise. Items that
/// still fail are in the outcome with their kind; a failure that ends the import is its `stop`.
pub(crate) async fn send<K: Kind>(ctx: &Ctx, mut items: Vec<Prepared<K>>) -> Outcome<K> {
    let mut out = Outcome::new(items.len());
    let max_attempts = ctx.retry.attempts();
    let mut attempt: u32 = 1;
    loop {
        for p in &mut items {
            p.attempts += 1;
        }
        let wires = items.iter().map(|p| p.wire.clone()).collect();
        let again = match K::call(ctx, wires, attempt == 1).await {
            Ok(errors) => {
                let retry = attempt < max_attempts;
                let again = sort_reply(&mut out, items, errors, retry);
                if again.is_empty() {
                    return out;
                }
                again
            }
            Err(e) if items.len() > 1 && is_memory_pressure(&e) => {
                // The server has no memory for this much at once: send two halves (each with its own
                // retries, halving again if need be) after the backoff.
                out.retries.cause(&e.to_string());
                out.retries.requests += 1;
                out.retries.items += items.len() as u64;
                tokio::time::sleep(ctx.retry.backoff(attempt)).await;
                let second = items.split_off(items.len() / 2);
                let first = Box::pin(send(ctx, items)).await;
                let second = match &first.stop {
                    // The import stops: the second half is reported, not sent.
                    Some(stop) => not_sent(second, stop),
                    None => Box::pin(send(ctx, second)).await,
                };
                out.merge(first);
                out.merge(second);
                return out;
            }
            Err(e) if attempt < max_attempts && e.is_retryable() => {
                out.retries.cause(&e.to_string());
                items
            }
            Err(e) => {
                fail_all(&mut out, items, &e);
                return out;
            }
        };
        out.retries.requests += 1;
        out.retries.items += again.len() as u64;
        tracing::debug!(
            attempt,
            items = again.len(),
            "retrying a batch after a transient failure"
        );
        tokio::time::sleep(ctx.retry.backoff(attempt)).await;
        attempt += 1;
        items = again;
    }
}

/// Counts the items of a reply without an error, records the failed ones, and returns those whose
/// error is transient when `retry` allows another attempt.
fn sort_reply<K: Kind>(
    out: &mut Outcome<K>,
    items: Vec<Prepared<K>>,
    errors: Vec<(i32, String)>,
    retry: bool,
) -> Vec<Prepared<K>> {
    let mut failed: Vec<Option<String>> = vec![None; items.len()];
    for (index, error) in errors {
        match usize::try_from(index).ok().and_then(|i| failed.get_mut(i)) {
            Some(slot) => *slot = Some(error),
            None => tracing::warn!(
                index,
                "a batch reply names an item that was not sent; ignored"
            ),
        }
    }
    let mut again = Vec::new();
    for (p, error) in items.into_iter().zip(failed) {
        match error {
            None => out.succeeded += 1,
            Some(m) if is_transient_message(&m) => {
                if retry {
                    out.retries.cause(&m);
                    again.push(p);
                } else {
                    out.failures.push(p.fail(BatchErrorKind::Transient, m));
                }
            }
            Some(m) => out.failures.push(p.fail(BatchErrorKind::Rejected, m)),
        }
    }
    again
}

/// Records every item of a failed call, and stops the import when the failure says so.
fn fail_all<K: Kind>(out: &mut Outcome<K>, items: Vec<Prepared<K>>, e: &Error) {
    let kind = BatchErrorKind::of(e);
    let message = e.to_string();
    out.failures
        .extend(items.into_iter().map(|p| p.fail(kind, message.clone())));
    out.stop = out.stop.take().or_else(|| Stop::caused_by(e));
}

/// The outcome of items never sent because the import stopped.
pub(crate) fn not_sent<K: Kind>(items: Vec<Prepared<K>>, stop: &Stop) -> Outcome<K> {
    let mut out = Outcome::new(items.len());
    out.failures = items
        .into_iter()
        .map(|p| p.fail(stop.kind, format!("not sent: {}", stop.message)))
        .collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::pipeline::prepared::Objects;
    use crate::error::{GrpcCode, Status};
    use crate::wire::v1 as pb;
    use uuid::Uuid;

    fn items(n: usize) -> Vec<Prepared<Objects>> {
        (0..n)
            .map(|i| Prepared::new(i, Uuid::from_u128(i as u128), pb::BatchObject::default()))
            .collect()
    }

    #[test]
    fn a_reply_sorts_items_into_stored_refused_and_sent_again() {
        let errors = vec![
            (1, "invalid text property 'n'".to_owned()),
            (2, "cannot process batch: not enough memory".to_owned()),
            (9, "an index that was not sent".to_owned()),
        ];
        let mut out = Outcome::<Objects>::new(3);
        let again = sort_reply(&mut out, items(3), errors.clone(), true);
        assert_eq!(out.succeeded, 1);
        assert_eq!(again.iter().map(|p| p.index).collect::<Vec<_>>(), [2]);
        assert_eq!(out.failures.len(), 1);
        assert_eq!(
            (out.failures[0].index, out.failures[0].kind),
            (1, BatchErrorKind::Rejected)
        );
        // On the last attempt a transient failure is reported as such.
        let mut out = Outcome::<Objects>::new(3);
        let again = sort_reply(&mut out, items(3), errors, false);
        assert!(again.is_empty());
        let kinds: Vec<_> = out.failures.iter().map(|f| (f.index, f.kind)).collect();
        assert_eq!(
            kinds,
            [
                (1, BatchErrorKind::Rejected),
                (2, BatchErrorKind::Transient)
            ]
        );
    }

    #[test]
    fn a_failed_call_fails_every_item_and_stops_the_import_when_nothing_else_can_succeed() {
        let unavailable = Error::Unavailable {
            status: Status::Grpc(GrpcCode::Unavailable),
            message: "down".into(),
        };
        let refused = Error::Rejected {
            status: Status::Grpc(GrpcCode::InvalidArgument),
            message: "bad".into(),
        };
        let key = Error::Unauthorized {
            message: "key".into(),
        };
        for (e, kind, stops) in [
            (unavailable, BatchErrorKind::Transient, true),
            (refused, BatchErrorKind::Rejected, false),
            (key, BatchErrorKind::Rejected, true),
        ] {
            let mut out = Outcome::<Objects>::new(2);
            fail_all(&mut out, items(2), &e);
            assert!(out.failures.iter().all(|f| f.kind == kind), "{e:?}");
            assert_eq!(out.stop.is_some(), stops, "{e:?}");
        }
        let stop = Stop::transient("gone".into());
        let out = not_sent(items(2), &stop);
        assert!(
            out.failures
                .iter()
                .all(|f| f.kind == BatchErrorKind::Transient
                    && f.message == "not sent: gone"
                    && f.attempts == 0)
        );
    }
}
