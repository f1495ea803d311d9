//! Client-side batching over the unary `BatchObjects` and `BatchReferences` RPCs: requests of a fixed
//! or a dynamic size, a bounded window of them in flight, each sent through the pipeline's retry loop.
//! Objects and references share the window ([`run`]); references always use fixed sizes.

use std::future::Future;
use std::pin::{Pin, pin};
use std::time::{Duration, Instant};

use futures_util::stream::{FusedStream, FuturesUnordered};
use futures_util::{Stream, StreamExt};

use super::dynamic::{Dynamic, NodeBatchStats};
use crate::batch::mode::BatchMode;
use crate::batch::pipeline::context::Ctx;
use crate::batch::pipeline::prepared::{Kind, Prepared};
use crate::batch::pipeline::retry::{not_sent, send};
use crate::batch::pipeline::tally::{Stop, Tally};
use crate::batch::report::{Aborted, BatchReport};
use crate::error::Result;

/// A stream input that goes quiet this long sends the items it has gathered so far.
const LINGER: Duration = Duration::from_millis(50);

/// Request sizing: fixed, or steered by the server's import queue.
pub(crate) enum Tuning {
    Fixed { size: usize, concurrency: usize },
    Dynamic(Dynamic),
}

impl Tuning {
    /// The sizing of objects in `mode` (the server-side mode has none: it never gets here).
    pub(crate) fn objects(mode: BatchMode) -> Tuning {
        match mode {
            BatchMode::Fixed { size, concurrency } => Tuning::Fixed { size, concurrency },
            _ => Tuning::Dynamic(Dynamic::new()),
        }
    }

    /// The sizing of references in `mode`: its size and concurrency when fixed, else 1000 x 2.
    pub(crate) fn references(mode: BatchMode) -> Tuning {
        match mode {
            BatchMode::Fixed { size, concurrency } => Tuning::Fixed { size, concurrency },
            _ => Tuning::Fixed {
                size: 1000,
                concurrency: 2,
            },
        }
    }

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

/// Items gathered for the next request.
struct Chunk<K: Kind> {
    items: Vec<Prepared<K>>,
    bytes: usize,
    /// An item that did not fit under the byte limit; it opens the next chunk.
    overflow: Option<Prepared<K>>,
    /// When the first item arrived.
    since: Option<Instant>,
}

impl<K: Kind> Chunk<K> {
    fn new() -> Self {
        Chunk {
            items: Vec::new(),
            bytes: 0,
            overflow: None,
            since: None,
        }
    }

    fn push(&mut self, p: Prepared<K>, max_bytes: usize) {
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

    fn take(&mut self, max_bytes: usize) -> Vec<Prepared<K>> {
        let items = std::mem::take(&mut self.items);
        self.bytes = 0;
        self.since = None;
        if let Some(p) = self.overflow.take() {
            self.push(p, max_bytes);
        }
        items
    }
}

type StatsPoll = Pin<Box<dyn Future<Output = Result<NodeBatchStats>> + Send>>;

/// Runs the items of `input` through requests of `K`: `prepare` makes each ready to send (or is its
/// error), full chunks go out while fewer than the tuning's concurrency are in flight, and every
/// outcome goes into the report. A stop (retries used up, credentials refused) ends reading; items
/// read but not sent are reported with its reason.
pub(crate) async fn run<K, S, P>(
    ctx: &Ctx,
    mut tuning: Tuning,
    input: S,
    prepare: P,
    report: &mut BatchReport,
) -> Option<Stop>
where
    K: Kind,
    S: Stream + FusedStream,
    P: Fn(usize, S::Item) -> std::result::Result<Prepared<K>, K::Failure>,
{
    let mut input = pin!(input);
    let mut input_done = false;
    let mut chunk = Chunk::<K>::new();
    let mut in_flight = FuturesUnordered::new();
    let mut tally = Tally::default();
    let mut stats_poll: Option<StatsPoll> = None;
    let mut next_poll = tokio::time::Instant::now();
    let mut stop: Option<Stop> = None;
    // Set when a stream input went quiet with items gathered.
    let mut lingered = false;

    loop {
        let size = tuning.size();
        let concurrency = tuning.concurrency();
        tally.batch_size = size;
        tally.concurrency = concurrency;
        let ready = !chunk.items.is_empty()
            && (chunk.is_full(size) || input_done || lingered || stop.is_some());
        if ready && stop.is_none() && in_flight.len() < concurrency {
            let items = chunk.take(ctx.max_bytes);
            lingered = false;
            tally.in_flight += items.len();
            in_flight.push(send(ctx, items));
            continue;
        }
        if let Some(s) = &stop {
            if !chunk.items.is_empty() {
                // Read but never sent: report them with the reason.
                let items = chunk.take(ctx.max_bytes);
                K::record(report, not_sent(items, s).failures);
                continue;
            }
        }
        let want_input = !input_done && stop.is_none() && !chunk.is_full(size);
        let dynamic = matches!(tuning, Tuning::Dynamic(_));
        if !want_input && in_flight.is_empty() && chunk.items.is_empty() {
            break;
        }
        tokio::select! {
            biased;
            Some(outcome) = in_flight.next(), if !in_flight.is_empty() => {
                if let Some(s) = outcome.absorb(report, &mut tally) {
                    stop.get_or_insert(s);
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
                    match prepare(index, item) {
                        Ok(p) => chunk.push(p, ctx.max_bytes),
                        Err(e) => K::record(report, vec![e]),
                    }
                }
                None => input_done = true,
            },
            _ = linger(chunk.since), if want_input && !lingered && !chunk.items.is_empty() => lingered = true,
        }
    }
    K::count(report, tally.read);
    if let Some(s) = &stop {
        report.aborted.get_or_insert(Aborted {
            message: s.message.clone(),
            unread_from: tally.read,
        });
    }
    stop
}

async fn linger(since: Option<Instant>) {
    let deadline = since.map_or_else(Instant::now, |t| t + LINGER);
    tokio::time::sleep_until(deadline.into()).await;
}
