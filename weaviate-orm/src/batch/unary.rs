//! Client-side batching over the unary `BatchObjects` and `BatchReferences` RPCs: fixed-size or dynamic
//! requests, a bounded window of them in flight, retries of transient failures.

use std::future::Future;
use std::pin::{Pin, pin};

use std::time::{Duration, Instant};

use futures_util::stream::{FusedStream, FuturesUnordered};
use futures_util::{Stream, StreamExt};

use super::dynamic::{Dynamic, NodeBatchStats};
use super::importer::{BatchMode, Ctx, Prepared, Tally, add_retries, framed_len};
use super::item::{BatchItem, BatchReference};
use super::report::{Aborted, BatchError, BatchReport, ReferenceError, Retries};
use crate::error::Error;
use crate::transport::classify::{is_memory_pressure, is_transient_message};
use prost::Message;

use crate::error::Result;
use crate::wire::v1 as pb;

/// A stream input that goes quiet this long sends the objects it has gathered so far.
const LINGER: Duration = Duration::from_millis(50);

/// Request sizing: fixed, or steered by the server's import queue.
enum Tuning {
    Fixed { size: usize, concurrency: usize },
    Dynamic(Dynamic),
}

impl Tuning {
    fn size(&self) -> usize {
        match self {
            Tuning::Fixed { size, .. } => *size,
            Tuning::Dynamic(d) => d.size(),
        }
    }

    fn concurrency(&self) -> usize {
        match self {
            Tuning::Fixed { concurrency, .. } => *concurrency,
            Tuning::Dynamic(d) => d.concurrency(),
        }
    }
}

/// Objects gathered for the next request.
#[derive(Default)]
struct Chunk {
    items: Vec<Prepared>,
    bytes: usize,
    /// An object that did not fit under the byte limit; it opens the next chunk.
    overflow: Option<Prepared>,
    /// When the first object arrived.
    since: Option<Instant>,
}

impl Chunk {
    fn push(&mut self, p: Prepared, max_bytes: usize) {
        if !self.items.is_empty() && self.bytes + p.size > max_bytes {
            self.overflow = Some(p);
            return;
        }
        if self.items.is_empty() {
            self.since = Some(Instant::now());
        }
        self.bytes += p.size;
        self.items.push(p);
    }

    fn is_full(&self, size: usize) -> bool {
        self.items.len() >= size || self.overflow.is_some()
    }

    fn take(&mut self, max_bytes: usize) -> Vec<Prepared> {
        let items = std::mem::take(&mut self.items);
        self.bytes = 0;
        self.since = None;
        if let Some(p) = self.overflow.take() {
            self.push(p, max_bytes);
        }
        items
    }
}

/// What one request (with its retries) came to.
#[derive(Default)]
pub(crate) struct Outcome {
    pub(crate) sent: usize,
    pub(crate) succeeded: usize,
    pub(crate) errors: Vec<BatchError>,
    pub(crate) retries: Retries,
    /// Set when the import must stop: retries used up on a transient failure, or credentials refused.
    pub(crate) fatal: Option<String>,
}

type StatsPoll = Pin<Box<dyn Future<Output = Result<NodeBatchStats>> + Send>>;

/// Runs the objects of `input` through `BatchObjects` requests.
pub(crate) async fn run_objects<S>(ctx: &Ctx, mode: BatchMode, input: S, report: &mut BatchReport)
where
    S: Stream + FusedStream,
    S::Item: BatchItem,
{
    let mut tuning = match mode {
        BatchMode::Fixed { size, concurrency } => Tuning::Fixed { size, concurrency },
        _ => Tuning::Dynamic(Dynamic::new()),
    };
    let mut input = pin!(input);
    let mut input_done = false;
    let mut chunk = Chunk::default();
    let mut in_flight = FuturesUnordered::new();
    let mut tally = Tally::default();
    let mut stats_poll: Option<StatsPoll> = None;
    let mut next_poll = tokio::time::Instant::now();
    let mut aborted: Option<String> = None;
    // Set when a stream input went quiet with objects gathered.
    let mut lingered = false;

    loop {
        let size = tuning.size();
        let concurrency = tuning.concurrency();
        tally.batch_size = size;
        tally.concurrency = concurrency;
        let ready = !chunk.items.is_empty()
            && (chunk.is_full(size) || input_done || lingered || aborted.is_some());
        if ready && aborted.is_none() && in_flight.len() < concurrency {
            let items = chunk.take(ctx.max_bytes);
            lingered = false;
            tally.in_flight += items.len();
            in_flight.push(send_objects(ctx, items));
            continue;
        }
        if aborted.is_some() && !chunk.items.is_empty() {
            // Read but never sent: report them with the reason.
            let message = aborted.clone().unwrap_or_default();
            for p in chunk.take(ctx.max_bytes) {
                report.errors.push(p.fail(format!("not sent: {message}")));
            }
            continue;
        }
        let want_input = !input_done && aborted.is_none() && !chunk.is_full(size);
        let dynamic = matches!(tuning, Tuning::Dynamic(_));
        if !want_input && in_flight.is_empty() && chunk.items.is_empty() {
            break;
        }
        tokio::select! {
            biased;
            Some(outcome) = in_flight.next(), if !in_flight.is_empty() => {
                tally.in_flight -= outcome.sent;
                tally.succeeded += outcome.succeeded;
                report.errors.extend(outcome.errors);
                add_retries(report, outcome.retries);
                if let Some(fatal) = outcome.fatal {
                    aborted.get_or_insert(fatal);
                }
                if let Tuning::Dynamic(d) = &mut tuning {
                    d.backlog(!input_done);
                }
                ctx.progress(report, &tally);
            }
            stats = async { stats_poll.as_mut().expect("polled only when set").await }, if stats_poll.is_some() => {
                stats_poll = None;
                next_poll = tokio::time::Instant::now() + Duration::from_secs(1);
                if let (Tuning::Dynamic(d), Ok(stats)) = (&mut tuning, stats) {
                    d.update(&stats);
                }
            }
            _ = tokio::time::sleep_until(next_poll), if dynamic && stats_poll.is_none() && !input_done => {
                let client = ctx.client.clone();
                stats_poll = Some(Box::pin(async move { NodeBatchStats::fetch(&client).await }));
            }
            item = input.next(), if want_input => match item {
                Some(item) => {
                    let index = tally.read;
                    tally.read += 1;
                    match ctx.prepare(index, item) {
                        Ok(p) => chunk.push(p, ctx.max_bytes),
                        Err(e) => report.errors.push(e),
                    }
                }
                None => input_done = true,
            },
            _ = linger(chunk.since), if want_input && !lingered && !chunk.items.is_empty() => lingered = true,
        }
    }
    report.objects += tally.read;
    if let Some(message) = aborted {
        report.aborted = Some(Aborted {
            message,
            unread_from: tally.read,
        });
    }
}

async fn linger(since: Option<Instant>) {
    let deadline = since.map_or_else(Instant::now, |t| t + LINGER);
    tokio::time::sleep_until(deadline.into()).await;
}

/// Sends one request of objects, retrying transient failures (the whole request, or only the objects
/// the server failed transiently) per the retry policy.
pub(crate) async fn send_objects(ctx: &Ctx, mut items: Vec<Prepared>) -> Outcome {
    let mut out = Outcome {
        sent: items.len(),
        ..Outcome::default()
    };
    let max_attempts = ctx.retry.attempts();
    let mut attempt: u32 = 1;
    loop {
        for p in &mut items {
            p.attempts += 1;
        }
        let request = pb::BatchObjectsRequest {
            objects: items.iter().map(|p| p.object.clone()).collect(),
            consistency_level: ctx.consistency,
        };
        // The first attempt moves the request (no copy); retries, rare, go through the transport's
        // generic call.
        let sent = if attempt == 1 {
            ctx.grpc.batch_objects_owned(request, ctx.timeout).await
        } else {
            ctx.grpc.batch_objects(request, ctx.timeout).await
        };
        let retry_items = match sent {
            Ok(reply) => {
                let mut failed: Vec<Option<String>> = vec![None; items.len()];
                for e in reply.errors {
                    match usize::try_from(e.index)
                        .ok()
                        .and_then(|i| failed.get_mut(i))
                    {
                        Some(slot) => *slot = Some(e.error),
                        None => tracing::warn!(
                            index = e.index,
                            "BatchObjects reply names an object that was not sent; ignored"
                        ),
                    }
                }
                let mut again = Vec::new();
                for (p, error) in items.into_iter().zip(failed) {
                    match error {
                        None => out.succeeded += 1,
                        Some(m) if attempt < max_attempts && is_transient_message(&m) => {
                            out.retries.cause(&m);
                            again.push(p);
                        }
                        Some(m) => out.errors.push(p.fail(m)),
                    }
                }
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
                let first = Box::pin(send_objects(ctx, items)).await;
                let second = match &first.fatal {
                    // The import stops: the second half is reported, not sent.
                    Some(message) => Outcome {
                        errors: second
                            .into_iter()
                            .map(|p| p.fail(message.clone()))
                            .collect(),
                        ..Outcome::default()
                    },
                    None => Box::pin(send_objects(ctx, second)).await,
                };
                for half in [first, second] {
                    out.succeeded += half.succeeded;
                    out.errors.extend(half.errors);
                    out.retries.merge(half.retries);
                    out.fatal = out.fatal.or(half.fatal);
                }
                return out;
            }
            Err(e) if attempt < max_attempts && e.is_retryable() => {
                out.retries.cause(&e.to_string());
                items
            }
            Err(e) => {
                let message = e.to_string();
                if e.is_retryable() || is_fatal(&e) {
                    out.fatal = Some(message.clone());
                }
                out.errors
                    .extend(items.into_iter().map(|p| p.fail(message.clone())));
                return out;
            }
        };
        out.retries.requests += 1;
        out.retries.items += retry_items.len() as u64;
        tracing::debug!(
            attempt,
            objects = retry_items.len(),
            "retrying a batch after a transient failure"
        );
        tokio::time::sleep(ctx.retry.backoff(attempt)).await;
        attempt += 1;
        items = retry_items;
    }
}

/// A reference ready to send.
struct PreparedRef {
    index: usize,
    size: usize,
    reference: BatchReference,
    wire: pb::BatchReference,
    attempts: u32,
}

impl PreparedRef {
    fn fail(self, message: impl Into<String>) -> ReferenceError {
        ReferenceError {
            index: self.index,
            from_id: self.reference.from_id,
            property: self.reference.property,
            to_id: self.reference.to.id,
            message: message.into(),
            attempts: self.attempts,
        }
    }
}

#[derive(Default)]
struct RefOutcome {
    sent: usize,
    succeeded: usize,
    errors: Vec<ReferenceError>,
    retries: Retries,
    fatal: Option<String>,
}

/// Adds references with `BatchReferences` requests: the mode's size and concurrency (dynamic and
/// server-side modes use 1000 x 2), byte limit and retries as for objects.
pub(crate) async fn run_references<I>(
    ctx: &Ctx,
    mode: BatchMode,
    references: I,
    report: &mut BatchReport,
) where
    I: IntoIterator<Item = BatchReference>,
{
    let (size, concurrency) = match mode {
        BatchMode::Fixed { size, concurrency } => (size, concurrency),
        _ => (1000, 2),
    };
    let mut input = references.into_iter().enumerate();
    let mut input_done = false;
    let mut carry: Option<PreparedRef> = None;
    let mut in_flight = FuturesUnordered::new();
    let mut tally = Tally {
        batch_size: size,
        concurrency,
        ..Tally::default()
    };
    let mut aborted: Option<String> = None;
    let mut read = 0;
    loop {
        if aborted.is_none() && in_flight.len() < concurrency && (!input_done || carry.is_some()) {
            let mut chunk: Vec<PreparedRef> = Vec::with_capacity(size.min(4096));
            let mut bytes = 0;
            while chunk.len() < size {
                let next = match carry.take() {
                    Some(r) => r,
                    None => {
                        let Some((index, reference)) = input.next() else {
                            input_done = true;
                            break;
                        };
                        read = index + 1;
                        tally.read = read;
                        match reference.to_wire(ctx.tenant.as_deref()) {
                            Ok(wire) => PreparedRef {
                                index,
                                size: framed_len(wire.encoded_len()),
                                reference,
                                wire,
                                attempts: 0,
                            },
                            Err(e) => {
                                report.reference_errors.push(ReferenceError {
                                    index,
                                    from_id: reference.from_id,
                                    property: reference.property,
                                    to_id: reference.to.id,
                                    message: e.to_string(),
                                    attempts: 0,
                                });
                                continue;
                            }
                        }
                    }
                };
                if !chunk.is_empty() && bytes + next.size > ctx.max_bytes {
                    carry = Some(next);
                    break;
                }
                bytes += next.size;
                chunk.push(next);
            }
            if !chunk.is_empty() {
                tally.in_flight += chunk.len();
                in_flight.push(send_references(ctx, chunk));
            }
            continue;
        }
        let Some(outcome) = in_flight.next().await else {
            break;
        };
        tally.in_flight -= outcome.sent;
        tally.succeeded += outcome.succeeded;
        report.reference_errors.extend(outcome.errors);
        add_retries(report, outcome.retries);
        if let Some(fatal) = outcome.fatal {
            aborted.get_or_insert(fatal);
        }
        ctx.progress(report, &tally);
    }
    report.references += read;
    if let Some(message) = aborted {
        report.aborted.get_or_insert(Aborted {
            message: format!("references: {message}"),
            unread_from: read,
        });
    }
}

async fn send_references(ctx: &Ctx, mut items: Vec<PreparedRef>) -> RefOutcome {
    let mut out = RefOutcome {
        sent: items.len(),
        ..RefOutcome::default()
    };
    let max_attempts = ctx.retry.attempts();
    let mut attempt: u32 = 1;
    loop {
        for r in &mut items {
            r.attempts = attempt;
        }
        let request = pb::BatchReferencesRequest {
            references: items.iter().map(|r| r.wire.clone()).collect(),
            consistency_level: ctx.consistency,
        };
        let again = match ctx.grpc.batch_references(request, ctx.timeout).await {
            Ok(reply) => {
                let mut failed: Vec<Option<String>> = vec![None; items.len()];
                for e in reply.errors {
                    if let Some(slot) = usize::try_from(e.index)
                        .ok()
                        .and_then(|i| failed.get_mut(i))
                    {
                        *slot = Some(e.error);
                    }
                }
                let mut again = Vec::new();
                for (r, error) in items.into_iter().zip(failed) {
                    match error {
                        None => out.succeeded += 1,
                        Some(m) if attempt < max_attempts && is_transient_message(&m) => {
                            out.retries.cause(&m);
                            again.push(r);
                        }
                        Some(m) => out.errors.push(r.fail(m)),
                    }
                }
                if again.is_empty() {
                    return out;
                }
                again
            }
            Err(e) if attempt < max_attempts && e.is_retryable() => {
                out.retries.cause(&e.to_string());
                items
            }
            Err(e) => {
                let message = e.to_string();
                if e.is_retryable() || is_fatal(&e) {
                    out.fatal = Some(message.clone());
                }
                out.errors
                    .extend(items.into_iter().map(|r| r.fail(message.clone())));
                return out;
            }
        };
        out.retries.requests += 1;
        out.retries.items += again.len() as u64;
        tokio::time::sleep(ctx.retry.backoff(attempt)).await;
        attempt += 1;
        items = again;
    }
}

/// Whether a failure ends the whole import (nothing else can succeed): credentials refused. Transient
/// failures end it too once their retries are used up.
fn is_fatal(e: &Error) -> bool {
    matches!(e, Error::Unauthorized { .. } | Error::Forbidden { .. })
}
