//! The one error type of the crate.
//!
//! Every fallible call returns [`Error`]. Its variants are the decisions a caller can make: retry
//! ([`Error::Connection`], [`Error::Timeout`], [`Error::is_retryable`]), fix credentials
//! ([`Error::Unauthorized`], [`Error::Forbidden`]), handle absence or presence ([`Error::NotFound`],
//! [`Error::AlreadyExists`]), fix the request ([`Error::Rejected`], [`Error::InvalidInput`]) or report a bug
//! ([`Error::Decode`]). The server's own message is always kept.

use std::fmt;
use std::time::Duration;

/// Result alias used throughout the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Which of the two protocols a failure happened on.
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
        /// What the network stack said.
        message: String,
    },
    /// The operation did not finish within its configured timeout.
    #[error("{operation} timed out after {after:?}")]
    Timeout {
        /// What was being done, e.g. `"GET /v1/schema"` or `"Search"`.
        operation: String,
        /// The timeout that elapsed.
        after: Duration,
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
    /// The server understood the request and refused it (validation, HTTP 400/422, gRPC INVALID_ARGUMENT).
    #[error("rejected by the server (status {status}): {message}")]
    Rejected {
        /// HTTP status code, or the gRPC code as its number.
        status: u16,
        /// The server's message, verbatim.
        message: String,
    },
    /// The server failed while handling the request (HTTP 5xx).
    #[error("server error (HTTP {status}): {message}")]
    Server {
        /// HTTP status code.
        status: u16,
        /// The server's message, verbatim.
        message: String,
    },
    /// A gRPC call failed with a status that none of the variants above describes.
    #[error("gRPC {code:?}: {message}")]
    Grpc {
        /// The gRPC status code.
        code: tonic::Code,
        /// The status message, verbatim.
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
}

impl Error {
    /// Whether trying the same request again later may succeed: the server could not be reached, was
    /// unavailable or overloaded, or the request timed out.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Connection { .. } | Error::Timeout { .. } => true,
            Error::Server { status, .. } => matches!(status, 502..=504),
            Error::Grpc { code, .. } => matches!(
                code,
                tonic::Code::Unavailable | tonic::Code::ResourceExhausted | tonic::Code::Aborted
            ),
            _ => false,
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

    /// Maps an HTTP error status and its body to an error, keeping the server's message.
    ///
    /// Weaviate's error bodies look like `{"error":[{"message":"..."}]}`; other shapes are kept as text.
    pub(crate) fn from_http(status: u16, body: &str) -> Self {
        let mut message = server_message(body);
        if message.is_empty() {
            // HEAD answers, and some others, carry no body.
            message = format!("the server answered HTTP {status} without a message");
        }
        match status {
            401 => Error::Unauthorized { message },
            403 => Error::Forbidden { message },
            404 => Error::NotFound { message },
            409 => Error::AlreadyExists { message },
            422 if message.contains("already exists") => Error::AlreadyExists { message },
            400..=499 => Error::Rejected { status, message },
            _ => Error::Server { status, message },
        }
    }

    /// Maps a gRPC status to an error, keeping the server's message. `address` names the endpoint for
    /// connection failures.
    pub(crate) fn from_grpc(status: &tonic::Status, address: &str) -> Self {
        use tonic::Code;
        let message = status.message().to_owned();
        // tonic's own deadline (the `grpc-timeout` the client set) ends the call as CANCELLED.
        let local_deadline = status.code() == Code::Cancelled && message == "Timeout expired";
        if status.code() == Code::DeadlineExceeded || local_deadline {
            return Error::Timeout {
                operation: format!("gRPC call to {address}"),
                after: Duration::ZERO,
            };
        }
        if is_transport_failure(status) {
            return Error::Connection {
                protocol: Protocol::Grpc,
                address: address.to_owned(),
                message: error_chain(status),
            };
        }
        match status.code() {
            Code::Unauthenticated => Error::Unauthorized { message },
            Code::PermissionDenied => Error::Forbidden { message },
            // Weaviate 1.39 returns a refused API key from its handlers as UNKNOWN with the text
            // "extract auth: unauthorized: invalid api key", and some RBAC refusals likewise.
            Code::Unknown
                if message.contains("extract auth") || message.contains("unauthorized:") =>
            {
                Error::Unauthorized { message }
            }
            Code::Unknown if message.contains("forbidden action") => Error::Forbidden { message },
            Code::NotFound => Error::NotFound { message },
            Code::AlreadyExists => Error::AlreadyExists { message },
            Code::InvalidArgument | Code::FailedPrecondition | Code::OutOfRange => {
                Error::Rejected {
                    status: status.code() as u16,
                    message,
                }
            }
            code => Error::Grpc { code, message },
        }
    }
}

/// Extracts the human message from a Weaviate REST error body.
fn server_message(body: &str) -> String {
    #[derive(serde::Deserialize)]
    struct Item {
        message: String,
    }
    #[derive(serde::Deserialize)]
    struct Body {
        error: Vec<Item>,
    }
    #[derive(serde::Deserialize)]
    struct Single {
        message: String,
    }
    if let Ok(parsed) = serde_json::from_str::<Body>(body) {
        let messages: Vec<String> = parsed.error.into_iter().map(|i| i.message).collect();
        if !messages.is_empty() {
            return messages.join("; ");
        }
    }
    if let Ok(parsed) = serde_json::from_str::<Single>(body) {
        return parsed.message;
    }
    body.trim().to_owned()
}

/// True when a status was made by the client's own transport (the connection could not be made, was
/// closed or reset) rather than sent by the server. Statuses from the server carry no error source;
/// those tonic builds from a transport or HTTP/2 failure do.
fn is_transport_failure(status: &tonic::Status) -> bool {
    use std::error::Error as _;
    matches!(
        status.code(),
        tonic::Code::Unavailable
            | tonic::Code::Cancelled
            | tonic::Code::Unknown
            | tonic::Code::Internal
    ) && status.source().is_some()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weaviate_error_body_message_is_kept() {
        let body = r#"{"error":[{"message":"class name \"Article\" already exists"}]}"#;
        match Error::from_http(422, body) {
            Error::AlreadyExists { message } => {
                assert_eq!(message, "class name \"Article\" already exists")
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn http_statuses_map_to_actionable_variants() {
        let body = r#"{"error":[{"message":"m"}]}"#;
        assert!(
            matches!(Error::from_http(401, body), Error::Unauthorized { message } if message == "m")
        );
        assert!(
            matches!(Error::from_http(403, body), Error::Forbidden { message } if message == "m")
        );
        assert!(
            matches!(Error::from_http(404, ""), Error::NotFound { message } if message.contains("404"))
        );
        assert!(matches!(
            Error::from_http(409, body),
            Error::AlreadyExists { .. }
        ));
        assert!(matches!(
            Error::from_http(422, r#"{"error":[{"message":"invalid property"}]}"#),
            Error::Rejected { status: 422, message } if message == "invalid property"
        ));
        assert!(matches!(
            Error::from_http(400, body),
            Error::Rejected { status: 400, .. }
        ));
        assert!(matches!(
            Error::from_http(500, body),
            Error::Server { status: 500, .. }
        ));
    }

    #[test]
    fn several_messages_are_joined_and_plain_bodies_kept() {
        let body = r#"{"error":[{"message":"a"},{"message":"b"}]}"#;
        assert!(
            matches!(Error::from_http(422, body), Error::Rejected { message, .. } if message == "a; b")
        );
        assert!(
            matches!(Error::from_http(500, " oops \n"), Error::Server { message, .. } if message == "oops")
        );
        assert!(
            matches!(Error::from_http(400, r#"{"code":601,"message":"bad"}"#), Error::Rejected { message, .. } if message == "bad")
        );
    }

    #[test]
    fn grpc_codes_map_to_actionable_variants() {
        let addr = "http://127.0.0.1:50051";
        let e = Error::from_grpc(&tonic::Status::unauthenticated("no key"), addr);
        assert!(matches!(e, Error::Unauthorized { message } if message == "no key"));
        let e = Error::from_grpc(&tonic::Status::permission_denied("rbac"), addr);
        assert!(matches!(e, Error::Forbidden { .. }));
        let e = Error::from_grpc(
            &tonic::Status::unknown("extract auth: unauthorized: invalid api key"),
            addr,
        );
        assert!(
            matches!(e, Error::Unauthorized { message } if message.contains("invalid api key"))
        );
        let e = Error::from_grpc(
            &tonic::Status::unknown(
                "authorization, forbidden action: user 'x' has insufficient permissions",
            ),
            addr,
        );
        assert!(matches!(e, Error::Forbidden { .. }));
        let e = Error::from_grpc(&tonic::Status::unknown("something else"), addr);
        assert!(matches!(
            e,
            Error::Grpc {
                code: tonic::Code::Unknown,
                ..
            }
        ));
        let e = Error::from_grpc(&tonic::Status::invalid_argument("bad vector"), addr);
        assert!(matches!(e, Error::Rejected { status: 3, message } if message == "bad vector"));
        let e = Error::from_grpc(&tonic::Status::not_found("no class"), addr);
        assert!(matches!(e, Error::NotFound { .. }));
        let e = Error::from_grpc(&tonic::Status::cancelled("Timeout expired"), addr);
        assert!(matches!(e, Error::Timeout { .. }));
        let e = Error::from_grpc(&tonic::Status::deadline_exceeded("slow"), addr);
        assert!(matches!(e, Error::Timeout { .. }));
        let e = Error::from_grpc(
            &tonic::Status::from_error(Box::new(std::io::Error::other("reset"))),
            addr,
        );
        assert!(
            matches!(&e, Error::Connection { protocol: Protocol::Grpc, address, .. } if address == addr),
            "{e:?}"
        );
        let e = Error::from_grpc(&tonic::Status::unavailable("server shutting down"), addr);
        assert!(matches!(
            e,
            Error::Grpc {
                code: tonic::Code::Unavailable,
                ..
            }
        ));
        assert!(e.is_retryable());
        let e = Error::from_grpc(&tonic::Status::internal("boom"), addr);
        assert!(!e.is_retryable());
    }

    #[test]
    fn retryable_classification() {
        let conn = Error::Connection {
            protocol: Protocol::Http,
            address: "x".into(),
            message: "refused".into(),
        };
        assert!(conn.is_retryable());
        assert!(conn.to_string().contains("HTTP at x"));
        assert!(Error::from_http(503, "").is_retryable());
        assert!(!Error::from_http(422, "").is_retryable());
        assert!(!Error::invalid("x").is_retryable());
    }
}
