//! The one error type of the crate.
//!
//! Every fallible call returns [`Error`]. Its variants are the decisions a caller can make: retry
//! ([`Error::Connection`], [`Error::Timeout`], [`Error::Unavailable`]; [`Error::is_retryable`] says so),
//! fix credentials ([`Error::Unauthorized`], [`Error::Forbidden`]), handle absence or presence
//! ([`Error::NotFound`], [`Error::AlreadyExists`]), fix the request ([`Error::Rejected`],
//! [`Error::InvalidInput`]) or report a bug ([`Error::Server`], [`Error::Decode`]). The server's own
//! message is always kept; a refusal says which protocol gave it ([`Status`]), and a failure of the
//! client's own network stack keeps that error as its [`source`](std::error::Error::source).
//!
//! Which failures are worth another attempt is decided once, when the error is made from what the
//! transport saw (the transport's `classify` module); every retry in the crate asks
//! [`Error::is_retryable`].

use std::fmt;
use std::time::Duration;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The underlying cause of an [`Error`], as [`std::error::Error::source`] returns it (a reqwest,
/// hyper, tonic or I/O error; downcast it to inspect it).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Which of the two protocols a failure happened on.
///
/// ```
/// use weaviate_orm::Protocol;
///
/// assert_eq!(Protocol::Grpc.to_string(), "gRPC");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Protocol {
    /// The REST API (schema, admin, single objects).
    Http,
    /// The gRPC API (search, batch, aggregate, tenants).
    Grpc,
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Http => "HTTP",
            Protocol::Grpc => "gRPC",
        })
    }
}

/// A gRPC status code: the 17 codes of the gRPC specification, numbered as on the wire.
///
/// ```
/// use weaviate_orm::GrpcCode;
///
/// assert_eq!(GrpcCode::from_i32(14), GrpcCode::Unavailable);
/// assert_eq!(GrpcCode::InvalidArgument.as_i32(), 3);
/// assert_eq!(GrpcCode::PermissionDenied.to_string(), "PERMISSION_DENIED");
/// assert_eq!(GrpcCode::from_i32(99), GrpcCode::Unknown);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GrpcCode {
    /// 0: not an error.
    Ok,
    /// 1: the operation was cancelled.
    Cancelled,
    /// 2: an unknown error.
    Unknown,
    /// 3: the client sent an invalid argument.
    InvalidArgument,
    /// 4: the deadline expired before the operation finished.
    DeadlineExceeded,
    /// 5: something asked for was not found.
    NotFound,
    /// 6: something to create already exists.
    AlreadyExists,
    /// 7: the caller lacks permission.
    PermissionDenied,
    /// 8: a resource (memory, quota) is exhausted.
    ResourceExhausted,
    /// 9: the system is not in a state the operation needs.
    FailedPrecondition,
    /// 10: the operation was aborted (a concurrency conflict).
    Aborted,
    /// 11: the operation went past the valid range.
    OutOfRange,
    /// 12: the operation is not implemented or supported.
    Unimplemented,
    /// 13: an internal error.
    Internal,
    /// 14: the service is unavailable (usually transient).
    Unavailable,
    /// 15: unrecoverable data loss or corruption.
    DataLoss,
    /// 16: the request has no valid credentials.
    Unauthenticated,
}

impl GrpcCode {
    const ALL: [GrpcCode; 17] = [
        GrpcCode::Ok,
        GrpcCode::Cancelled,
        GrpcCode::Unknown,
        GrpcCode::InvalidArgument,
        GrpcCode::DeadlineExceeded,
        GrpcCode::NotFound,
        GrpcCode::AlreadyExists,
        GrpcCode::PermissionDenied,
        GrpcCode::ResourceExhausted,
        GrpcCode::FailedPrecondition,
        GrpcCode::Aborted,
        GrpcCode::OutOfRange,
        GrpcCode::Unimplemented,
        GrpcCode::Internal,
        GrpcCode::Unavailable,
        GrpcCode::DataLoss,
        GrpcCode::Unauthenticated,
    ];

    /// The code with wire number `code`; numbers outside the specification are [`GrpcCode::Unknown`].
    pub fn from_i32(code: i32) -> GrpcCode {
        usize::try_from(code)
            .ok()
            .and_then(|i| Self::ALL.get(i).copied())
            .unwrap_or(GrpcCode::Unknown)
    }

    /// The wire number of the code.
    pub const fn as_i32(self) -> i32 {
        self as i32
    }

    /// The code's name in the specification, e.g. `"UNAVAILABLE"`.
    pub const fn name(self) -> &'static str {
        match self {
            GrpcCode::Ok => "OK",
            GrpcCode::Cancelled => "CANCELLED",
            GrpcCode::Unknown => "UNKNOWN",
            GrpcCode::InvalidArgument => "INVALID_ARGUMENT",
            GrpcCode::DeadlineExceeded => "DEADLINE_EXCEEDED",
            GrpcCode::NotFound => "NOT_FOUND",
            GrpcCode::AlreadyExists => "ALREADY_EXISTS",
            GrpcCode::PermissionDenied => "PERMISSION_DENIED",
            GrpcCode::ResourceExhausted => "RESOURCE_EXHAUSTED",
            GrpcCode::FailedPrecondition => "FAILED_PRECONDITION",
            GrpcCode::Aborted => "ABORTED",
            GrpcCode::OutOfRange => "OUT_OF_RANGE",
            GrpcCode::Unimplemented => "UNIMPLEMENTED",
            GrpcCode::Internal => "INTERNAL",
            GrpcCode::Unavailable => "UNAVAILABLE",
            GrpcCode::DataLoss => "DATA_LOSS",
            GrpcCode::Unauthenticated => "UNAUTHENTICATED",
        }
    }
}

impl fmt::Display for GrpcCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The status a server answered with: an HTTP status code or a gRPC status code, so refusals of the
/// two protocols stay apart.
///
/// ```
/// use weaviate_orm::{GrpcCode, Protocol, Status};
///
/// let http = Status::Http(422);
/// let grpc = Status::Grpc(GrpcCode::InvalidArgument);
/// assert_eq!((http.protocol(), grpc.protocol()), (Protocol::Http, Protocol::Grpc));
/// assert_eq!(http.to_string(), "HTTP 422");
/// assert_eq!(grpc.to_string(), "gRPC INVALID_ARGUMENT");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// An HTTP status code of the REST API.
    Http(u16),
    /// A gRPC status code.
    Grpc(GrpcCode),
}

impl Status {
    /// The protocol of the answer.
    pub fn protocol(&self) -> Protocol {
        match self {
            Status::Http(_) => Protocol::Http,
            Status::Grpc(_) => Protocol::Grpc,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Http(code) => write!(f, "HTTP {code}"),
            Status::Grpc(code) => write!(f, "gRPC {code}"),
        }
    }
}

/// Everything that can go wrong talking to Weaviate.
///
/// ```
/// use weaviate_orm::Error;
///
/// fn describe(err: &Error) -> &'static str {
///     match err {
///         Error::NotFound { .. } => "nothing there",
///         e if e.is_retryable() => "try again later",
///         _ => "give up",
///     }
/// }
/// let err = Error::NotFound { message: "no object with id 1".into() };
/// assert_eq!(describe(&err), "nothing there");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server could not be reached at `address` (refused, reset, DNS, TLS...).
    #[error("cannot connect to Weaviate over {protocol} at {address}: {message}")]
    Connection {
        /// The protocol that failed.
        protocol: Protocol,
        /// The address that was tried, e.g. `http://127.0.0.1:8080`.
        address: String,
        /// What the network stack said (the whole chain of causes, joined).
        message: String,
        /// The network stack's own error (reqwest, hyper, tonic, I/O), when there is one.
        #[source]
        source: Option<BoxError>,
    },
    /// The operation did not finish within its configured timeout.
    #[error("{operation} timed out after {after:?}")]
    Timeout {
        /// What was being done, e.g. `"GET /v1/schema"` or `"Search"`.
        operation: String,
        /// The timeout that elapsed.
        after: Duration,
        /// The timeout error of the network stack (reqwest, tonic), when it reported one.
        #[source]
        source: Option<BoxError>,
    },
    /// The server refused the credentials (HTTP 401, gRPC UNAUTHENTICATED).
    #[error("unauthorized: {message}")]
    Unauthorized {
        /// The server's message.
        message: String,
    },
    /// The credentials are valid but lack permission (HTTP 403, gRPC PERMISSION_DENIED).
    #[error("forbidden: {message}")]
    Forbidden {
        /// The server's message.
        message: String,
    },
    /// The collection, object, tenant or other resource does not exist.
    #[error("not found: {message}")]
    NotFound {
        /// What was looked for, with the server's message when it sent one.
        message: String,
    },
    /// The resource to create already exists.
    #[error("already exists: {message}")]
    AlreadyExists {
        /// The server's message.
        message: String,
    },
    /// The server understood the request and refused it (validation: HTTP 400/422, gRPC
    /// INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE). Sending it again will not help.
    #[error("rejected by the server ({status}): {message}")]
    Rejected {
        /// The HTTP or gRPC status of the refusal.
        status: Status,
        /// The server's message, verbatim.
        message: String,
    },
    /// The server could not take the request now: unavailable, overloaded, out of memory, shutting
    /// down (HTTP 502/503/504, gRPC UNAVAILABLE, RESOURCE_EXHAUSTED, ABORTED, or a server message
    /// saying so). The same request may succeed later.
    #[error("the server is unavailable ({status}): {message}")]
    Unavailable {
        /// The HTTP or gRPC status of the answer.
        status: Status,
        /// The server's message, verbatim.
        message: String,
    },
    /// The server failed while handling the request (HTTP 5xx, gRPC INTERNAL, UNKNOWN...), or answered
    /// with a status none of the other variants describes.
    #[error("server error ({status}): {message}")]
    Server {
        /// The HTTP or gRPC status of the answer.
        status: Status,
        /// The server's message, verbatim.
        message: String,
    },
    /// A long-running operation the server accepted (a backup, a restore) ended in failure or was
    /// cancelled.
    #[error("{operation} ended {status}: {message}")]
    Failed {
        /// What ran, e.g. "backup `nightly` on filesystem".
        operation: String,
        /// How it ended, as the server says (`FAILED`, `CANCELED`).
        status: String,
        /// The server's message, verbatim (empty when it gave none).
        message: String,
    },
    /// A reply could not be understood (malformed JSON or protobuf, missing field, wrong type).
    #[error("cannot decode the server's reply: {message}")]
    Decode {
        /// What was wrong, naming the field or object where possible.
        message: String,
    },
    /// The server runs a version without this feature; nothing was sent for it.
    #[error("{feature} needs Weaviate {since} or newer; the server runs {server}")]
    Unsupported {
        /// What was asked for, e.g. "changing an inverted index in place".
        feature: String,
        /// The first server version that has it, e.g. `1.39.0`.
        since: String,
        /// The server's version.
        server: String,
    },
    /// Someone else changed the same thing at the same time (e.g. another migrator applied a plan
    /// first); nothing of this operation was half done. Read the state again and decide.
    #[error("conflict: {message}")]
    Conflict {
        /// What changed under the operation.
        message: String,
    },
    /// The input was refused before anything was sent.
    #[error("invalid input: {message}")]
    InvalidInput {
        /// What is wrong and how to fix it.
        message: String,
    },
    /// An embedded server (see [`crate::embedded`]) could not be found, built, started or stopped.
    #[error("embedded Weaviate: {0}")]
    Embedded(crate::embedded::EmbeddedError),
}

impl Error {
    /// Whether trying the same request again later may succeed: the server could not be reached
    /// ([`Error::Connection`]), did not answer in time ([`Error::Timeout`]) or could not take the
    /// request now ([`Error::Unavailable`]). The decision is made once, when the error is made from what
    /// the transport saw; every retry of the crate (idempotent calls, batches, deletes) asks this.
    ///
    /// ```
    /// use weaviate_orm::{Error, Status};
    ///
    /// let busy = Error::Unavailable { status: Status::Http(503), message: "restarting".into() };
    /// assert!(busy.is_retryable());
    /// let refused = Error::Rejected { status: Status::Http(422), message: "no such property".into() };
    /// assert!(!refused.is_retryable());
    /// ```
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            Error::Connection { .. } | Error::Timeout { .. } | Error::Unavailable { .. }
        )
    }

    /// The status the server answered with, for the variants made from an answer that carries one.
    ///
    /// ```
    /// use weaviate_orm::{Error, GrpcCode, Status};
    ///
    /// let e = Error::Server { status: Status::Grpc(GrpcCode::Internal), message: "boom".into() };
    /// assert_eq!(e.status(), Some(Status::Grpc(GrpcCode::Internal)));
    /// ```
    pub fn status(&self) -> Option<Status> {
        match self {
            Error::Rejected { status, .. }
            | Error::Unavailable { status, .. }
            | Error::Server { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Error::InvalidInput {
            message: message.into(),
        }
    }

    pub(crate) fn decode(message: impl Into<String>) -> Self {
        Error::Decode {
            message: message.into(),
        }
    }
}

/// An error and its sources, joined, so "connection refused" is not hidden behind "error sending
/// request".
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !message.contains(&text) {
            message.push_str(": ");
            message.push_str(&text);
        }
        source = s.source();
    }
    message
}
