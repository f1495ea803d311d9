//! What can go wrong starting an embedded server.

use std::path::PathBuf;
use std::time::Duration;

/// Why an embedded Weaviate server could not be found, built, started or stopped; carried by
/// [`Error::Embedded`](crate::Error::Embedded).
///
/// ```no_run
/// # async fn run() {
/// use weaviate_orm::embedded::EmbeddedError;
/// use weaviate_orm::{Client, Error};
///
/// match Client::embedded().await {
///     Ok(client) => println!("running at {}", client.http_address()),
///     Err(Error::Embedded(EmbeddedError::BinaryNotFound { .. })) => eprintln!("install Go first"),
///     Err(e) => eprintln!("{e}"),
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EmbeddedError {
    /// No `weaviate-server` binary was found and none could be built (Go is missing, or building
    /// was turned off).
    #[error(
        "no weaviate-server {version} binary: looked for {}; {hint}",
        searched.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    )]
    BinaryNotFound {
        /// The version that was looked for, e.g. `v1.39.0`.
        version: String,
        /// Every place that was looked at, in order.
        searched: Vec<PathBuf>,
        /// How to get one.
        hint: String,
    },
    /// `go install` of the server failed.
    #[error(
        "building weaviate-server {version} failed: `{command}` {status} (its output is above, on stderr)"
    )]
    BuildFailed {
        /// The version being built.
        version: String,
        /// The command that ran.
        command: String,
        /// How it ended.
        status: String,
    },
    /// A port asked for (or needed by the server) is in use by another process.
    #[error(
        "port {port} ({purpose}) is already in use on 127.0.0.1: choose another one or stop what listens there"
    )]
    PortTaken {
        /// The port.
        port: u16,
        /// What it was for: `http`, `grpc`, `gossip`, ...
        purpose: String,
    },
    /// The server process ended before it was ready.
    #[error("weaviate-server exited during startup ({status}); last lines of {}:\n{log_tail}", log.display())]
    ExitedEarly {
        /// How it ended (exit status or signal).
        status: String,
        /// Its log file.
        log: PathBuf,
        /// The last lines of its log.
        log_tail: String,
    },
    /// The server did not answer `/v1/.well-known/ready` (or gRPC health) in time; it was stopped.
    #[error("weaviate-server was not ready after {after:?} (it was stopped); last lines of {}:\n{log_tail}", log.display())]
    NotReady {
        /// How long it was given.
        after: Duration,
        /// Its log file.
        log: PathBuf,
        /// The last lines of its log.
        log_tail: String,
    },
    /// A file system or process operation failed.
    #[error("{action}: {source}")]
    Io {
        /// What was being done, naming the path or program.
        action: String,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
}

impl EmbeddedError {
    pub(crate) fn io(action: impl Into<String>) -> impl FnOnce(std::io::Error) -> EmbeddedError {
        let action = action.into();
        move |source| EmbeddedError::Io { action, source }
    }
}
