//! [`BatchMode`]: how the importer groups objects into requests.

use std::fmt;

/// How the importer groups objects into requests.
///
/// ```
/// use weaviate_orm::batch::BatchMode;
///
/// let fixed = BatchMode::fixed(500, 4); // 500 objects per request, 4 requests in flight
/// assert_eq!(fixed, BatchMode::Fixed { size: 500, concurrency: 4 });
/// assert_eq!(BatchMode::default(), BatchMode::Auto);
/// let _ = (BatchMode::dynamic(), BatchMode::server_side());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum BatchMode {
    /// The default: [`ServerSide`](Self::ServerSide) when the server supports it (Weaviate 1.36+),
    /// else `fixed(1000, 2)`. The report's `mode` says which one ran.
    Auto,
    /// `BatchObjects` requests of `size` objects (fewer when the server's gRPC message size limit is
    /// reached), `concurrency` of them in flight.
    Fixed {
        /// Objects per request.
        size: usize,
        /// Requests in flight.
        concurrency: usize,
    },
    /// `BatchObjects` requests whose size and concurrency follow the server's import queue
    /// (`batchStats` of `GET /v1/nodes`, polled every second): they grow while the queue is empty and
    /// shrink when it holds more than a couple of seconds of work.
    Dynamic,
    /// Server-side batching over the `BatchStream` RPC (Weaviate 1.36+): one long-lived stream, the
    /// server sets the batch size and acknowledges what it has queued, the client sends more as
    /// acknowledgements come back.
    ServerSide,
}

impl BatchMode {
    /// Fixed-size requests (both values at least 1).
    pub fn fixed(size: usize, concurrency: usize) -> Self {
        BatchMode::Fixed {
            size: size.max(1),
            concurrency: concurrency.max(1),
        }
    }

    /// Requests adapted to the server's import queue.
    pub const fn dynamic() -> Self {
        BatchMode::Dynamic
    }

    /// Server-side batching over `BatchStream`.
    pub const fn server_side() -> Self {
        BatchMode::ServerSide
    }
}

impl Default for BatchMode {
    /// [`BatchMode::Auto`]: server-side batching where the server has it, because the server paces it.
    /// It was as fast as the best client-side setting in every configuration we measured (BENCHMARKS.md:
    /// on a local server the server's own work bounds every mode), and it stays right where fixed
    /// sizes go wrong: the server picks a batch size worth about a second of its work (a slow
    /// vectorizer gets small batches instead of timeouts), lets the client send only when a worker is
    /// free (no queue builds up in the server), refuses what it has no memory for, and drains before
    /// it shuts down. On older servers `fixed(1000, 2)`, the fastest client-side setting measured.
    fn default() -> Self {
        BatchMode::Auto
    }
}

impl fmt::Display for BatchMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchMode::Auto => f.write_str("auto"),
            BatchMode::Fixed { size, concurrency } => write!(f, "fixed({size}x{concurrency})"),
            BatchMode::Dynamic => f.write_str("dynamic"),
            BatchMode::ServerSide => f.write_str("server-side"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_display_as_in_reports() {
        assert_eq!(BatchMode::default().to_string(), "auto");
        assert_eq!(BatchMode::fixed(0, 0).to_string(), "fixed(1x1)");
        assert_eq!(BatchMode::server_side().to_string(), "server-side");
    }
}
