//! Which failures of a batch are worth another attempt, and which end the import.
//!
//! Batches are always retried as idempotent upserts (every object carries its id), so anything that may
//! heal by itself is retried: the server unreachable, restarting or shutting down, a reset connection, a
//! timeout, memory pressure. Validation failures will not heal and are reported at once.

use crate::error::Error;

/// Messages (lowercase fragments) of failures that heal by themselves: Weaviate's transient errors
/// (`entities/errors/transient.go`), its shutdown and replication messages, and network failures.
const TRANSIENT_FRAGMENTS: &[&str] = &[
    "not enough memory",
    "out of memory",
    "shutting down",
    "shutdown",
    "connection refused",
    "connection reset",
    "broken pipe",
    "transport is closing",
    "the client connection is closing",
    "context canceled",
    "context deadline exceeded",
    "node not ready",
    "not ready",
    "no space left on device",
    "read-only",
    "readonly",
    "resource exhausted",
    "temporarily unavailable",
    "try again",
];

/// Whether a server message (a whole call's or one object's) describes a transient failure.
pub(crate) fn is_transient_message(message: &str) -> bool {
    let lower = message.to_ascii_lowercase();
    TRANSIENT_FRAGMENTS.iter().any(|f| lower.contains(f))
}

/// Whether a failed call should be tried again.
pub(crate) fn is_transient(e: &Error) -> bool {
    match e {
        Error::Connection { .. } | Error::Timeout { .. } => true,
        Error::Server { status, message } => {
            matches!(status, 502..=504) || is_transient_message(message)
        }
        Error::Grpc { code, message } => {
            matches!(
                code,
                tonic::Code::Unavailable
                    | tonic::Code::ResourceExhausted
                    | tonic::Code::Aborted
                    | tonic::Code::Cancelled
            ) || is_transient_message(message)
        }
        _ => false,
    }
}

/// Whether a failure says the server has no memory for the request (Weaviate's memory watch refuses a
/// batch whose estimated size would take its heap past the limit): a smaller request may fit.
pub(crate) fn is_memory_pressure(e: &Error) -> bool {
    let message = match e {
        Error::Server { message, .. } | Error::Grpc { message, .. } => message,
        _ => return false,
    };
    let lower = message.to_ascii_lowercase();
    lower.contains("not enough memory") || lower.contains("out of memory")
}

/// Whether a failure ends the whole import (nothing else can succeed): credentials refused. Transient
/// failures end it too once their retries are used up.
pub(crate) fn is_fatal(e: &Error) -> bool {
    matches!(e, Error::Unauthorized { .. } | Error::Forbidden { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        assert!(is_transient(&Error::Connection {
            protocol: crate::Protocol::Grpc,
            address: "x".into(),
            message: "refused".into()
        }));
        assert!(is_transient(&Error::Grpc {
            code: tonic::Code::Unavailable,
            message: "server shutting down".into()
        }));
        assert!(is_transient(&Error::Grpc {
            code: tonic::Code::Unknown,
            message: "cannot process batch: not enough memory".into()
        }));
        assert!(!is_transient(&Error::Grpc {
            code: tonic::Code::Unknown,
            message: "invalid text property".into()
        }));
        assert!(!is_transient(&Error::Rejected {
            status: 3,
            message: "bad vector".into()
        }));
        assert!(is_transient_message(
            "cannot process batch: Not Enough Memory"
        ));
        assert!(!is_transient_message(
            "invalid integer property 'n' on class 'A': requires an integer"
        ));
        let memory = Error::Grpc {
            code: tonic::Code::Unknown,
            message: "cannot process batch: not enough memory".into(),
        };
        assert!(is_memory_pressure(&memory));
        assert!(!is_memory_pressure(&Error::Grpc {
            code: tonic::Code::Unavailable,
            message: "connection reset".into()
        }));
        assert!(is_fatal(&Error::Unauthorized {
            message: "key".into()
        }));
    }
}
