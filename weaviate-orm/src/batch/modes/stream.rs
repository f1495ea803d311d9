//! Server-side batching over the `BatchStream` RPC (Weaviate 1.36+).
//!
//! The wire protocol as Weaviate 1.39 implements it (`adapters/handlers/grpc/v1/batch/stream.go`):
//! the client opens the stream with `Start`; the server answers `Started`, then for every `Data` message
//! it reads, hands the objects to one of its import workers (one per CPU; the hand-over waits for a free
//! worker) and answers `Acks` with their uuids. Each worker's outcome comes back as `Results` (successes
//! and errors by uuid). Every 5 seconds `Backoff` carries the batch size the server wants per message. On
//! memory pressure the server answers `OutOfMemory` with the uuids it did not take and closes the stream;
//! when it shuts down it sends `ShuttingDown`, finishes what it took, sends the results and closes the
//! stream once the client half-closes. The client ends with `Stop` and a half-close.
//!
//! The client here sends a message of the server's batch size whenever fewer than that many objects
//! are unacknowledged, so exactly one message waits for a worker and the workers never starve. It keeps
//! every sent object until its result arrives; when the stream is lost (server killed, restarted, shut
//! down, out of memory) it opens a new one and sends again whatever has no result yet (idempotent upserts,
//! since every object carries its id). After `OutOfMemory` it halves its messages for the rest of the
//! import, and waits its own backoff rather than the server's `wait_time` (300 s in 1.39).
//!
//! Weaviate 1.39 can attribute a message's per-object results to the wrong objects
//! (`adapters/handlers/grpc/v1/batch/worker.go`, `sendObjects`): error indices are taken per collection
//! but successes are listed by position in the whole message, and for collections with a vectorizer
//! the 10-way fan-out offsets error indices by the order in which the sub-batches finish. So that no
//! failed object is ever counted as stored, the importer
//! - puts objects of one collection only in each message (objects of other collections keep their place
//!   in the queue for the next message);
//! - does not trust the results of a message that has any error: it sends that message's objects again
//!   over the unary `BatchObjects` RPC, whose per-object results are exact (an idempotent upsert of the
//!   objects already stored), and reports what that call says;
//! - resends the objects of a message whose results arrived without them (one worker answers for one
//!   whole message at once).

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::pin::{Pin, pin};
use std::time::{Duration, Instant};

use futures_util::stream::{FusedStream, FuturesUnordered};
use futures_util::{Stream, StreamExt};
use tokio::sync::mpsc;
use uuid::Uuid;

use crate::batch::item::BatchItem;
use crate::batch::pipeline::context::Ctx;
use crate::batch::pipeline::prepared::{Objects, Prepared};
use crate::batch::pipeline::retry::send;
use crate::batch::pipeline::tally::{Outcome, Stop, Tally};
use crate::batch::report::{Aborted, BatchErrorKind, BatchReport};
use crate::wire::v1 as pb;
use pb::batch_stream_reply::Message as Reply;
use pb::batch_stream_request::Message as Request;

/// Objects per message until the server says otherwise. The server's first `Backoff` comes after 5 s;
/// its estimate starts at 200 and grows by about 25 per finished message to its maximum of 1000 whenever a
/// message takes its workers under a second, so normal imports converge to 1000. Starting there keeps
/// short imports as fast as long ones; a server whose workers are slow lowers it with its first `Backoff`.
const START_BATCH_SIZE: usize = 1000;
/// Bounds on the server's batch size (it keeps it within 100..=1000 itself).
const MIN_BATCH_SIZE: usize = 10;
const MAX_BATCH_SIZE: usize = 10_000;
/// A stream input that goes quiet this long sends the objects it has gathered so far.
const LINGER: Duration = Duration::from_millis(50);
/// Bytes a `Data` message adds around its objects.
const DATA_OVERHEAD: usize = 16;
/// Most messages' worth of objects waiting for results (the server holds about one per import worker
/// plus one waiting; this only guards memory against a server that acknowledges but never answers).
const MAX_PENDING_MESSAGES: usize = 16;

/// How one stream ended.
enum End {
    /// Everything was sent and answered; the stream was closed normally.
    Done,
    /// The stream was lost (closed by the server, reset, silent); resend what has no result.
    Lost(String),
    /// A failure that will not heal.
    Fatal(Stop),
}

/// An object sent on the current stream and waiting for its result.
struct Sent {
    object: Prepared<Objects>,
    /// The `Data` message it went in.
    message: u64,
}

/// State that outlives one stream.
struct State {
    /// Objects to send, in order; objects to resend go to the front.
    queue: VecDeque<Prepared<Objects>>,
    /// Objects sent on the current stream, waiting for their result, by id.
    pending: HashMap<Uuid, Sent>,
    /// The ids of each sent message whose results have not come yet.
    messages: HashMap<u64, Vec<Uuid>>,
    next_message: u64,
    /// Objects being sent again over `BatchObjects` (see the module docs).
    verifying: usize,
    batch_size: usize,
    /// The largest batch size from now on: lowered when the server had no memory for a message.
    max_batch_size: usize,
    input_done: bool,
    tally: Tally,
}

type Verification<'a> = Pin<Box<dyn Future<Output = Outcome<Objects>> + Send + 'a>>;

impl State {
    /// Takes every object of the current stream that has no result yet.
    fn take_pending(&mut self) -> Vec<Prepared<Objects>> {
        self.messages.clear();
        let mut lost: Vec<Prepared<Objects>> =
            self.pending.drain().map(|(_, s)| s.object).collect();
        lost.sort_by_key(|p| p.index);
        lost
    }

    /// Takes the objects of `message` that are still waiting for a result.
    fn take_message(&mut self, message: u64) -> Vec<Prepared<Objects>> {
        let mut out = Vec::new();
        for id in self.messages.remove(&message).unwrap_or_default() {
            if self.pending.get(&id).is_some_and(|s| s.message == message) {
                out.extend(self.pending.remove(&id).map(|s| s.object));
            }
        }
        out
    }

    fn update_in_flight(&mut self) {
        self.tally.in_flight = self.pending.len() + self.verifying;
    }
}

/// Takes in the outcome of objects sent again over `BatchObjects`; returns its stop, if any.
fn absorb_outcome(
    state: &mut State,
    report: &mut BatchReport,
    outcome: Outcome<Objects>,
) -> Option<Stop> {
    state.verifying -= outcome.sent;
    let stop = outcome.absorb(report, &mut state.tally);
    state.update_in_flight();
    stop
}

pub(crate) async fn run<S>(ctx: &Ctx, input: S, report: &mut BatchReport)
where
    S: Stream + FusedStream,
    S::Item: BatchItem,
{
    let mut input = pin!(input);
    let mut state = State {
        queue: VecDeque::new(),
        pending: HashMap::new(),
        messages: HashMap::new(),
        next_message: 0,
        verifying: 0,
        batch_size: START_BATCH_SIZE,
        max_batch_size: MAX_BATCH_SIZE,
        input_done: false,
        tally: Tally::default(),
    };
    let mut verifications: FuturesUnordered<Verification<'_>> = FuturesUnordered::new();
    let max_attempts = ctx.retry.attempts();
    // Consecutive streams lost (or not opened) without any result in between.
    let mut failures: u32 = 0;
    let mut aborted: Option<Stop> = None;
    loop {
        if state.input_done && state.queue.is_empty() && state.pending.is_empty() {
            break;
        }
        if failures > 0 {
            tokio::time::sleep(ctx.retry.backoff(failures)).await;
        }
        let (end, progressed) =
            one_stream(ctx, &mut input, &mut state, &mut verifications, report).await;
        if progressed {
            failures = 0;
        }
        match end {
            End::Done => break,
            End::Lost(message) => {
                failures += 1;
                report.retries.cause(&message);
                report.retries.reconnects += 1;
                // Everything sent on the lost stream without a result goes again, first.
                let lost = state.take_pending();
                if !lost.is_empty() {
                    report.retries.requests += 1;
                }
                for p in lost.into_iter().rev() {
                    if p.attempts >= max_attempts {
                        report
                            .errors
                            .push(p.fail(BatchErrorKind::Transient, message.clone()));
                    } else {
                        report.retries.items += 1;
                        state.queue.push_front(p);
                    }
                }
                if failures >= max_attempts {
                    aborted = Some(Stop::transient(message));
                    break;
                }
                tracing::debug!(failures, error = %message, "batch stream lost; reconnecting");
            }
            End::Fatal(stop) => {
                aborted = Some(stop);
                break;
            }
        }
    }
    // A verification's own stop is not acted on: the objects it names are in the report already.
    while let Some(outcome) = verifications.next().await {
        let _ = absorb_outcome(&mut state, report, outcome);
    }
    if let Some(stop) = aborted {
        let pending = state.take_pending();
        for p in pending.into_iter().chain(state.queue.drain(..)) {
            report.errors.push(p.fail(stop.kind, stop.message.clone()));
        }
        report.aborted = Some(Aborted {
            message: stop.message,
            unread_from: state.tally.read,
        });
    }
    report.objects += state.tally.read;
    state.update_in_flight();
    ctx.progress(report, &state.tally);
}

/// Runs one stream until it is done or lost. Also says whether any result arrived on it.
async fn one_stream<'a, S>(
    ctx: &'a Ctx,
    input: &mut Pin<&mut S>,
    state: &mut State,
    verifications: &mut FuturesUnordered<Verification<'a>>,
    report: &mut BatchReport,
) -> (End, bool)
where
    S: Stream + FusedStream,
    S::Item: BatchItem,
{
    let (tx, rx) = mpsc::channel::<pb::BatchStreamRequest>(4);
    let start = pb::BatchStreamRequest {
        message: Some(Request::Start(pb::batch_stream_request::Start {
            consistency_level: ctx.consistency,
        })),
    };
    if tx.try_send(start).is_err() {
        return (
            End::Fatal(Stop::transient("cannot queue the Start message".into())),
            false,
        );
    }
    let requests = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|message| (message, rx))
    });
    let mut replies = match ctx.grpc.batch_stream(requests, ctx.timeout).await {
        Ok(replies) => replies,
        Err(e) if e.is_retryable() => return (End::Lost(e.to_string()), false),
        Err(e) => return (End::Fatal(Stop::of(&e)), false),
    };
    let mut tx = Some(tx);
    let mut started = false;
    // Stop sending: the server is shutting down or out of memory, or everything was sent.
    let mut closing = false;
    let mut stopped = false;
    let mut unacked: usize = 0;
    let mut outgoing: Option<pb::BatchStreamRequest> = None;
    let mut lingered = false;
    let mut progressed = false;
    let mut last_heard = Instant::now();
    let mut gathering_since: Option<Instant> = None;

    loop {
        let size = state.batch_size;
        state.tally.batch_size = size;
        state.tally.concurrency = 1;
        // Compose the next message when the server has taken (acknowledged) the previous ones.
        if started
            && !closing
            && outgoing.is_none()
            && unacked < size
            && state.pending.len() < MAX_PENDING_MESSAGES * size
        {
            let enough = state.queue.len() >= size || state.input_done || lingered;
            if enough && !state.queue.is_empty() {
                let message = compose(ctx, state, size);
                if let Some((message, n)) = message {
                    unacked += n;
                    state.update_in_flight();
                    outgoing = Some(message);
                    lingered = false;
                    gathering_since = None;
                }
            }
        }
        // Everything sent and answered: stop and half-close.
        if started
            && !stopped
            && state.input_done
            && state.queue.is_empty()
            && state.pending.is_empty()
            && outgoing.is_none()
        {
            if let Some(tx) = tx.take() {
                let stop = pb::BatchStreamRequest {
                    message: Some(Request::Stop(pb::batch_stream_request::Stop {})),
                };
                let _ = tx.send(stop).await;
            }
            stopped = true;
            closing = true;
        }
        let want_input = !state.input_done && !closing && state.queue.len() < 2 * size;
        let silent_deadline = (last_heard + ctx.timeout).into();
        // Set by a handler that wants the sending side closed (it cannot touch `tx` while the send
        // branch borrows it).
        let mut half_close = false;
        tokio::select! {
            biased;
            reply = replies.message() => {
                last_heard = Instant::now();
                match reply {
                    Ok(Some(reply)) => {
                        let Some(reply) = reply.message else { continue };
                        match reply {
                            Reply::Started(_) => started = true,
                            Reply::Backoff(b) => {
                                if b.batch_size > 0 {
                                    state.batch_size = (b.batch_size as usize)
                                        .clamp(MIN_BATCH_SIZE, state.max_batch_size);
                                }
                            }
                            Reply::Acks(acks) => unacked = unacked.saturating_sub(acks.uuids.len()),
                            Reply::Results(results) => {
                                progressed |= !results.successes.is_empty() || !results.errors.is_empty();
                                let verify = absorb_results(state, report, results);
                                if !verify.is_empty() {
                                    state.verifying += verify.len();
                                    verifications.push(Box::pin(send(ctx, verify)));
                                }
                                state.update_in_flight();
                                ctx.progress(report, &state.tally);
                            }
                            Reply::OutOfMemory(oom) => {
                                // Not taken: send them again on a new stream, after the server recovers.
                                let message = format!(
                                    "the server is out of memory (it asks to wait up to {} s)",
                                    oom.wait_time
                                );
                                report.retries.cause(&message);
                                closing = true;
                                half_close = true;
                                // Smaller messages may fit: half the size, and never more than that for the
                                // rest of the import (the server's `Backoff` does not know about memory).
                                state.max_batch_size = (state.batch_size / 2).max(MIN_BATCH_SIZE);
                                state.batch_size = state.max_batch_size;
                                tracing::warn!(objects = oom.uuids.len(), "{message}");
                            }
                            Reply::ShuttingDown(_) => {
                                // The server finishes what it took once we half-close; the rest goes to a
                                // new stream.
                                closing = true;
                                half_close = true;
                                report.retries.cause("the server is shutting down");
                            }
                        }
                    }
                    Ok(None) => {
                        return if stopped && state.pending.is_empty() {
                            (End::Done, progressed)
                        } else {
                            (End::Lost("the server closed the batch stream".into()), progressed)
                        };
                    }
                    Err(status) => {
                        let e = ctx.grpc.stream_error(status);
                        return if e.is_retryable() {
                            (End::Lost(e.to_string()), progressed)
                        } else {
                            (End::Fatal(Stop::of(&e)), progressed)
                        };
                    }
                }
            }
            Some(outcome) = verifications.next(), if !verifications.is_empty() => {
                let _ = absorb_outcome(state, report, outcome);
                ctx.progress(report, &state.tally);
            }
            permit = async { tx.as_ref().expect("checked").reserve().await }, if outgoing.is_some() && tx.is_some() => {
                match permit {
                    Ok(permit) => permit.send(outgoing.take().expect("checked")),
                    Err(_) => return (End::Lost("the batch stream closed while sending".into()), progressed),
                }
            }
            item = input.next(), if want_input => match item {
                Some(item) => {
                    let index = state.tally.read;
                    state.tally.read += 1;
                    match ctx.prepare_object(index, item) {
                        Ok(p) => {
                            gathering_since.get_or_insert_with(Instant::now);
                            state.queue.push_back(p);
                        }
                        Err(e) => report.errors.push(e),
                    }
                }
                None => state.input_done = true,
            },
            _ = linger(gathering_since), if want_input && !lingered && !state.queue.is_empty() => lingered = true,
            _ = tokio::time::sleep_until(silent_deadline), if !started || !state.pending.is_empty() => {
                return (
                    End::Lost(format!(
                        "no word from the server for {:?} while {} objects wait for their results",
                        ctx.timeout,
                        state.pending.len()
                    )),
                    progressed,
                );
            }
        }
        if half_close {
            tx = None;
        }
    }
}

async fn linger(since: Option<Instant>) {
    let deadline = since.map_or_else(Instant::now, |t| t + LINGER);
    tokio::time::sleep_until(deadline.into()).await;
}

/// Takes up to `size` objects of one collection (that of the first sendable object) from the queue into
/// a `Data` message, in queue order; objects of other collections keep their place. Fewer when the byte
/// limit is reached. An object whose id is still waiting for a result stays queued: objects with one id
/// are sent one after the other, so the last one in the input wins. The taken objects become pending.
fn compose(ctx: &Ctx, state: &mut State, size: usize) -> Option<(pb::BatchStreamRequest, usize)> {
    let mut values: Vec<pb::BatchObject> = Vec::with_capacity(size.min(state.queue.len()));
    let mut ids = Vec::with_capacity(values.capacity());
    let mut bytes = DATA_OVERHEAD;
    let message = state.next_message;
    let mut kept = VecDeque::with_capacity(state.queue.len());
    while let Some(mut p) = state.queue.pop_front() {
        let same_collection = values
            .first()
            .is_none_or(|first| first.collection == p.wire.collection);
        let fits = values.is_empty() || bytes + p.size <= ctx.max_bytes;
        if !same_collection || !fits || state.pending.contains_key(&p.id()) {
            kept.push_back(p);
            continue;
        }
        bytes += p.size;
        p.attempts += 1;
        values.push(p.wire.clone());
        ids.push(p.id());
        state.pending.insert(p.id(), Sent { object: p, message });
        if values.len() >= size {
            break;
        }
    }
    kept.append(&mut state.queue);
    state.queue = kept;
    if values.is_empty() {
        return None;
    }
    state.next_message += 1;
    state.messages.insert(message, ids);
    let n = values.len();
    let request = pb::BatchStreamRequest {
        message: Some(Request::Data(pb::batch_stream_request::Data {
            objects: Some(pb::batch_stream_request::data::Objects { values }),
            references: None,
        })),
    };
    Some((request, n))
}

/// Takes in one `Results` message (one worker's outcome of one whole `Data` message). Without errors:
/// counts the successes and resends the message's objects the results left out. With errors: returns
/// every object of the message, to be sent again over `BatchObjects` for exact per-object results (see
/// the module docs).
fn absorb_results(
    state: &mut State,
    report: &mut BatchReport,
    results: pb::batch_stream_reply::Results,
) -> Vec<Prepared<Objects>> {
    use pb::batch_stream_reply::results::{error, success};
    let error_ids = results.errors.iter().filter_map(|e| match &e.detail {
        Some(error::Detail::Uuid(u)) => Uuid::parse_str(u).ok(),
        _ => None,
    });
    let success_ids = results.successes.iter().filter_map(|s| match &s.detail {
        Some(success::Detail::Uuid(u)) => Uuid::parse_str(u).ok(),
        _ => None,
    });
    let mut touched: Vec<u64> = Vec::new();
    for id in error_ids.clone().chain(success_ids.clone()) {
        if let Some(sent) = state.pending.get(&id) {
            if !touched.contains(&sent.message) {
                touched.push(sent.message);
            }
        }
    }
    if error_ids.clone().next().is_some() {
        let verify: Vec<Prepared<Objects>> = touched
            .into_iter()
            .flat_map(|m| state.take_message(m))
            .collect();
        if !verify.is_empty() {
            report.retries.requests += 1;
            report.retries.items += verify.len() as u64;
            report.retries.cause(VERIFY_CAUSE);
            if let Some(e) = results.errors.first() {
                tracing::debug!(error = %e.error, objects = verify.len(), "server-side batch with errors: re-sending over BatchObjects");
            }
        }
        return verify;
    }
    for id in success_ids {
        if state.pending.remove(&id).is_some() {
            state.tally.succeeded += 1;
        }
    }
    let mut missing: Vec<Prepared<Objects>> = touched
        .into_iter()
        .flat_map(|m| state.take_message(m))
        .collect();
    if !missing.is_empty() {
        report.retries.requests += 1;
        report.retries.items += missing.len() as u64;
        report
            .retries
            .cause("the server's results left these objects out");
        missing.sort_by_key(|p| std::cmp::Reverse(p.index));
        for p in missing {
            state.queue.push_front(p);
        }
    }
    Vec::new()
}

/// Why objects of a server-side message with errors are sent again.
const VERIFY_CAUSE: &str = "a server-side batch had errors: its objects were sent again over BatchObjects for exact per-object results";
