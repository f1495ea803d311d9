//! Dynamic batching: request size and concurrency steered by the server's import queue.
//!
//! Weaviate 1.39 reports, per node, `batchStats.queueLength` (objects waiting in the import queue; absent
//! with async indexing) and `batchStats.ratePerSecond` (objects the import workers store per second) in
//! `GET /v1/nodes` (the minimal output already has them; `output=verbose` adds per-shard detail the
//! importer does not need and costs a scan of every shard).

use std::time::{Duration, Instant};

use serde::Deserialize;

use crate::client::Client;
use crate::error::Result;
use crate::transport::rest::Path;

/// Smallest and largest request of dynamic batching, and the most requests in flight.
const MIN_SIZE: usize = 50;
const MAX_SIZE: usize = 1000;
const MAX_CONCURRENCY: usize = 8;
const START_SIZE: usize = 200;
const START_CONCURRENCY: usize = 2;

/// The import queue of the cluster, summed over nodes.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct NodeBatchStats {
    /// Objects waiting; `None` when the server indexes asynchronously (it does not report a queue then).
    pub(crate) queue_length: Option<i64>,
    /// Objects stored per second.
    pub(crate) rate_per_second: i64,
}

#[derive(Deserialize)]
struct Nodes {
    #[serde(default)]
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Node {
    #[serde(default)]
    batch_stats: Option<Stats>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stats {
    #[serde(default)]
    queue_length: Option<i64>,
    #[serde(default)]
    rate_per_second: i64,
}

impl NodeBatchStats {
    /// Reads `GET /v1/nodes` (minimal output) within 2 s.
    pub(crate) async fn fetch(client: &Client) -> Result<NodeBatchStats> {
        let nodes: Nodes = client
            .rest()
            .get_within(Path::v1(["nodes"]), Duration::from_secs(2))
            .await?;
        Ok(Self::from_nodes(nodes))
    }

    fn from_nodes(nodes: Nodes) -> NodeBatchStats {
        let mut out = NodeBatchStats::default();
        let mut any_queue = false;
        let mut queue = 0;
        for stats in nodes.nodes.into_iter().filter_map(|n| n.batch_stats) {
            out.rate_per_second += stats.rate_per_second;
            if let Some(q) = stats.queue_length {
                any_queue = true;
                queue += q;
            }
        }
        out.queue_length = any_queue.then_some(queue);
        out
    }
}

/// The controller of dynamic batching.
#[derive(Debug)]
pub(crate) struct Dynamic {
    size: usize,
    concurrency: usize,
    /// Whether input was still waiting when the last request finished (more concurrency can help).
    backlog: bool,
    last_scale_up: Instant,
}

impl Dynamic {
    pub(crate) fn new() -> Self {
        Dynamic {
            size: START_SIZE,
            concurrency: START_CONCURRENCY,
            backlog: true,
            last_scale_up: Instant::now(),
        }
    }

    pub(crate) fn size(&self) -> usize {
        self.size
    }

    pub(crate) fn concurrency(&self) -> usize {
        self.concurrency
    }

    pub(crate) fn backlog(&mut self, waiting: bool) {
        self.backlog = waiting;
    }

    /// Adapts to the latest stats: grows while the server's queue stays short (under a second of work),
    /// holds while it holds one to three seconds, shrinks beyond.
    pub(crate) fn update(&mut self, stats: &NodeBatchStats) {
        let Some(queue) = stats.queue_length else {
            // Async indexing: the server only queues, so large requests and a few in flight.
            self.size = MAX_SIZE;
            self.concurrency = 4;
            return;
        };
        let rate = stats.rate_per_second.max(1) as f64;
        let seconds_queued = queue as f64 / rate;
        if queue == 0 || seconds_queued < 1.0 {
            if self.size < MAX_SIZE {
                self.size = (self.size * 3 / 2).min(MAX_SIZE);
            } else if self.backlog
                && self.concurrency < MAX_CONCURRENCY
                && self.last_scale_up.elapsed() >= Duration::from_secs(2)
            {
                self.concurrency += 1;
                self.last_scale_up = Instant::now();
            }
        } else if seconds_queued > 10.0 {
            self.concurrency = 1;
            self.size = (self.size / 2).max(MIN_SIZE);
        } else if seconds_queued > 3.0 {
            if self.concurrency > 1 {
                self.concurrency -= 1;
            } else {
                self.size = (self.size * 2 / 3).max(MIN_SIZE);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(queue: Option<i64>, rate: i64) -> NodeBatchStats {
        NodeBatchStats {
            queue_length: queue,
            rate_per_second: rate,
        }
    }

    #[test]
    fn parses_the_nodes_reply_of_1_39() {
        let json = r#"{"nodes":[{"batchStats":{"queueLength":12,"ratePerSecond":3000},"name":"node1","status":"HEALTHY"},
            {"batchStats":{"queueLength":3,"ratePerSecond":1000},"name":"node2"}]}"#;
        let nodes: Nodes = serde_json::from_str(json).unwrap();
        assert_eq!(NodeBatchStats::from_nodes(nodes), stats(Some(15), 4000));
        let json = r#"{"nodes":[{"batchStats":{"ratePerSecond":0},"name":"node1"}]}"#;
        let nodes: Nodes = serde_json::from_str(json).unwrap();
        assert_eq!(NodeBatchStats::from_nodes(nodes), stats(None, 0));
    }

    #[test]
    fn grows_while_the_queue_is_empty_then_adds_concurrency() {
        let mut d = Dynamic::new();
        for _ in 0..10 {
            d.update(&stats(Some(0), 5000));
        }
        assert_eq!(d.size(), MAX_SIZE);
        d.last_scale_up = Instant::now() - Duration::from_secs(5);
        d.update(&stats(Some(0), 5000));
        assert_eq!(d.concurrency(), START_CONCURRENCY + 1);
    }

    #[test]
    fn shrinks_when_the_queue_holds_seconds_of_work() {
        let mut d = Dynamic::new();
        d.update(&stats(Some(20_000), 5000));
        assert_eq!(d.concurrency(), START_CONCURRENCY - 1);
        d.update(&stats(Some(20_000), 5000));
        assert!(d.size() < START_SIZE);
        d.update(&stats(Some(100_000), 5000));
        assert_eq!(d.concurrency(), 1);
        assert!(d.size() >= MIN_SIZE);
        d.update(&stats(None, 0));
        assert_eq!(d.size(), MAX_SIZE);
    }
}
