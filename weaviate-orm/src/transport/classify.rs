//! The one place where what the transport saw becomes an [`Error`], and so where it is decided which
//! failures are worth another attempt ([`Error::is_retryable`] reads that decision off the variant).
//!
//! - HTTP answers: by status (401, 403, 404, 409/422 "already exists", other 4xx refused, 502-504
//!   unavailable, other 5xx server errors), the server's message kept.
//! - gRPC statuses: by code; a status tonic made from its own transport failure is a connection error
//!   with the address; tonic's own deadline is a timeout.
//! - reqwest failures: timeout, undecodable body, or connection error (its error kept as the source).
//! - Server messages: Weaviate sends some transient gRPC failures (memory pressure, shutdown) as plain
//!   text with an UNKNOWN or INTERNAL status, and a batch reply carries only text per object; the
//!   fragments of [`TRANSIENT_FRAGMENTS`] recognise them, here and nowhere else. (REST answers are
//!   classified by status alone: a 500 naming a lost replica is the server's refusal, not a retry.)

use std::time::Duration;

use crate::error::{BoxError, Error, GrpcCode, Protocol, Status, error_chain};

/// Message fragments (lowercase) of failures that heal by themselves: Weaviate's transient errors
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

/// Fragments of the transient failures that say the server has no memory for the request (Weaviate's
/// memory watch refuses a batch whose estimated size would take its heap past the limit).
const MEMORY_FRAGMENTS: &[&str] = &["not enough memory", "out of memory"];

fn contains_any(message: &str, fragments: &[&str]) -> bool {
    let lower = message.to_ascii_lowercase();
    fragments.iter().any(|f| lower.contains(f))
}

/// Whether a server message (a whole call's, or one object's or reference's in a batch reply)
/// describes a failure that heals by itself.
pub(crate) fn is_transient_message(message: &str) -> bool {
    contains_any(message, TRANSIENT_FRAGMENTS)
}

/// Whether a failure says the server has no memory for the request: a smaller request may fit.
pub(crate) fn is_memory_pressure(e: &Error) -> bool {
    matches!(e, Error::Unavailable { message, .. } if contains_any(message, MEMORY_FRAGMENTS))
}

/// The crate's code for a tonic code.
pub(crate) fn grpc_code(code: tonic::Code) -> GrpcCode {
    GrpcCode::from_i32(code as i32)
}

impl Error {
    /// Maps an HTTP error status and its body to an error, keeping the server's message.
    ///
    /// Weaviate's error bodies look like `{"error":[{"message":"..."}]}`; other shapes are kept as text.
    pub(crate) fn from_http(code: u16, body: &str) -> Self {
        let mut message = server_message(body);
        if message.is_empty() {
            // HEAD answers, and some others, carry no body.
            message = format!("the server answered HTTP {code} without a message");
        }
        let status = Status::Http(code);
        match code {
            401 => Error::Unauthorized { message },
            403 => Error::Forbidden { message },
            404 => Error::NotFound { message },
            409 => Error::AlreadyExists { message },
            422 if message.contains("already exists") => Error::AlreadyExists { message },
            400..=499 => Error::Rejected { status, message },
            502..=504 => Error::Unavailable { status, message },
            _ => Error::Server { status, message },
        }
    }

    /// Maps a gRPC status to an error, keeping the server's message. `address` names the endpoint for
    /// connection failures.
    pub(crate) fn from_grpc(status: tonic::Status, address: &str) -> Self {
        use GrpcCode as C;
        let code = grpc_code(status.code());
        let message = status.message().to_owned();
        // tonic's own deadline (the `grpc-timeout` the client set) ends the call as CANCELLED.
        let local_deadline = code == C::Cancelled && message == "Timeout expired";
        if code == C::DeadlineExceeded || local_deadline {
            return Error::Timeout {
                operation: format!("gRPC call to {address}"),
                after: Duration::ZERO,
                source: Some(Box::new(status)),
            };
        }
        if is_transport_failure(&status) {
            return Error::Connection {
                protocol: Protocol::Grpc,
                address: address.to_owned(),
                message: error_chain(&status),
                source: Some(Box::new(status) as BoxError),
            };
        }
        let status = Status::Grpc(code);
        match code {
            C::Unauthenticated => Error::Unauthorized { message },
            C::PermissionDenied => Error::Forbidden { message },
            // Weaviate 1.39 returns a refused API key from its handlers as UNKNOWN with the text
            // "extract auth: unauthorized: invalid api key", and some RBAC refusals likewise.
            C::Unknown if message.contains("extract auth") || message.contains("unauthorized:") => {
                Error::Unauthorized { message }
            }
            C::Unknown if message.contains("forbidden action") => Error::Forbidden { message },
            C::NotFound => Error::NotFound { message },
            C::AlreadyExists => Error::AlreadyExists { message },
            C::InvalidArgument | C::FailedPrecondition | C::OutOfRange => {
                Error::Rejected { status, message }
            }
            // CANCELLED from the server: its context was cancelled (a restart, a lost peer).
            C::Unavailable | C::ResourceExhausted | C::Aborted | C::Cancelled => {
                Error::Unavailable { status, message }
            }
            C::Unknown | C::Internal if is_transient_message(&message) => {
                Error::Unavailable { status, message }
            }
            _ => Error::Server { status, message },
        }
    }

    /// Maps a failed reqwest call of `operation` to `address`.
    pub(crate) fn from_reqwest(
        e: reqwest::Error,
        operation: &str,
        address: &str,
        timeout: Duration,
    ) -> Self {
        if e.is_timeout() {
            Error::Timeout {
                operation: format!("{operation} on {address}"),
                after: timeout,
                source: Some(Box::new(e)),
            }
        } else if e.is_decode() || e.is_body() && !e.is_request() {
            Error::decode(format!("{operation}: {}", error_chain(&e)))
        } else {
            Error::Connection {
                protocol: Protocol::Http,
                address: address.to_owned(),
                message: error_chain(&e),
                source: Some(Box::new(e)),
            }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    const ADDR: &str = "http://127.0.0.1:50051";

    fn grpc(status: tonic::Status) -> Error {
        Error::from_grpc(status, ADDR)
    }

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
            Error::Rejected { status: Status::Http(422), message } if message == "invalid property"
        ));
        assert!(matches!(
            Error::from_http(400, body),
            Error::Rejected {
                status: Status::Http(400),
                ..
            }
        ));
        assert!(matches!(
            Error::from_http(500, body),
            Error::Server {
                status: Status::Http(500),
                ..
            }
        ));
        assert!(matches!(
            Error::from_http(503, body),
            Error::Unavailable {
                status: Status::Http(503),
                ..
            }
        ));
    }

    #[test]
    fn rbac_refusals_keep_the_servers_message_on_both_protocols() {
        // Weaviate 1.39 with RBAC: a role without create_data, over REST and gRPC.
        let denied = "rbac: authorization, forbidden action: user 'reader' has insufficient \
                      permissions to create_data [[Domain: data, Collection: Article, Tenant: *, Object: *]]";
        let body = serde_json::json!({"error": [{"message": denied}]}).to_string();
        assert!(
            matches!(Error::from_http(403, &body), Error::Forbidden { message } if message == denied)
        );
        assert!(
            matches!(grpc(tonic::Status::permission_denied(denied)), Error::Forbidden { message } if message == denied)
        );
        // A deactivated user, a rotated (so invalid) key: 401 with a `{code, message}` body.
        for refused in [
            "unauthorized: invalid api key: user deactivated",
            "unauthorized: invalid api key",
        ] {
            let body = serde_json::json!({"code": 401, "message": refused}).to_string();
            assert!(
                matches!(Error::from_http(401, &body), Error::Unauthorized { message } if message == refused)
            );
            assert!(
                matches!(grpc(tonic::Status::unauthenticated(refused)), Error::Unauthorized { message } if message == refused)
            );
        }
        assert!(!Error::from_http(403, &body).is_retryable());
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
        let e = grpc(tonic::Status::unauthenticated("no key"));
        assert!(matches!(e, Error::Unauthorized { message } if message == "no key"));
        let e = grpc(tonic::Status::permission_denied("rbac"));
        assert!(matches!(e, Error::Forbidden { .. }));
        let e = grpc(tonic::Status::unknown(
            "extract auth: unauthorized: invalid api key",
        ));
        assert!(
            matches!(e, Error::Unauthorized { message } if message.contains("invalid api key"))
        );
        let e = grpc(tonic::Status::unknown(
            "authorization, forbidden action: user 'x' has insufficient permissions",
        ));
        assert!(matches!(e, Error::Forbidden { .. }));
        let e = grpc(tonic::Status::unknown("something else"));
        assert!(matches!(
            e,
            Error::Server {
                status: Status::Grpc(GrpcCode::Unknown),
                ..
            }
        ));
        let e = grpc(tonic::Status::invalid_argument("bad vector"));
        assert!(
            matches!(&e, Error::Rejected { status: Status::Grpc(GrpcCode::InvalidArgument), message } if message == "bad vector")
        );
        assert_eq!(
            e.to_string(),
            "rejected by the server (gRPC INVALID_ARGUMENT): bad vector"
        );
        let e = grpc(tonic::Status::not_found("no class"));
        assert!(matches!(e, Error::NotFound { .. }));
        let e = grpc(tonic::Status::cancelled("Timeout expired"));
        assert!(matches!(e, Error::Timeout { .. }));
        let e = grpc(tonic::Status::deadline_exceeded("slow"));
        assert!(matches!(e, Error::Timeout { .. }));
        assert!(e.source().is_some_and(|s| s.is::<tonic::Status>()));
    }

    #[test]
    fn transport_failures_are_connection_errors_keeping_their_cause() {
        let e = grpc(tonic::Status::from_error(Box::new(std::io::Error::other(
            "reset",
        ))));
        assert!(
            matches!(&e, Error::Connection { protocol: Protocol::Grpc, address, .. } if address == ADDR),
            "{e:?}"
        );
        let status = e
            .source()
            .and_then(|s| s.downcast_ref::<tonic::Status>())
            .expect("the tonic status is the source");
        let io = status
            .source()
            .and_then(|s| s.downcast_ref::<std::io::Error>())
            .expect("and the I/O error its source");
        assert_eq!(io.to_string(), "reset");
        assert!(e.is_retryable());
    }

    #[test]
    fn one_classification_of_what_may_heal() {
        for status in [
            tonic::Status::unavailable("server shutting down"),
            tonic::Status::resource_exhausted("quota"),
            tonic::Status::aborted("conflict"),
            tonic::Status::cancelled("context canceled"),
            tonic::Status::unknown("cannot process batch: not enough memory"),
            tonic::Status::internal("the node is shutting down"),
        ] {
            let e = grpc(status);
            assert!(matches!(e, Error::Unavailable { .. }), "{e:?}");
            assert!(e.is_retryable());
        }
        for status in [
            tonic::Status::internal("boom"),
            tonic::Status::unknown("invalid text property"),
            tonic::Status::invalid_argument("not enough memory in your vector"),
            tonic::Status::unimplemented("no such RPC"),
        ] {
            assert!(!grpc(status).is_retryable());
        }
        for code in [502, 503, 504] {
            assert!(Error::from_http(code, "").is_retryable());
        }
        assert!(!Error::from_http(500, "panic").is_retryable());
        assert!(!Error::from_http(500, "connection refused by a replica").is_retryable());
        assert!(!Error::from_http(422, "try again").is_retryable());
        assert!(!Error::invalid("x").is_retryable());
        let conn = Error::Connection {
            protocol: Protocol::Http,
            address: "x".into(),
            message: "refused".into(),
            source: None,
        };
        assert!(conn.is_retryable());
        assert!(conn.to_string().contains("HTTP at x"));
    }

    #[test]
    fn transient_messages_and_memory_pressure() {
        assert!(is_transient_message(
            "cannot process batch: Not Enough Memory"
        ));
        assert!(is_transient_message("shard is read-only"));
        assert!(!is_transient_message(
            "invalid integer property 'n' on class 'A': requires an integer"
        ));
        let memory = grpc(tonic::Status::unknown(
            "cannot process batch: not enough memory",
        ));
        assert!(is_memory_pressure(&memory));
        assert!(!is_memory_pressure(&grpc(tonic::Status::unavailable(
            "connection reset"
        ))));
    }

    #[test]
    fn every_tonic_code_has_its_crate_code() {
        for n in 0..17 {
            let code = tonic::Code::from_i32(n);
            assert_eq!(grpc_code(code).as_i32(), n);
            assert_eq!(
                grpc_code(code).name(),
                format!("{:?}", tonic::Status::new(code, "").code())
                    .chars()
                    .fold(String::new(), |mut s, c| {
                        if c.is_uppercase() && !s.is_empty() {
                            s.push('_');
                        }
                        s.push(c.to_ascii_uppercase());
                        s
                    })
            );
        }
    }
}
