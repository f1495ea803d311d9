//! Transport: how requests reach the server. REST ([`rest`]) for schema, admin and single objects; gRPC
//! ([`grpc`]) for search, batch, aggregate and tenants. Both share the retry policy of [`retry`].
//!
//! Nothing above this layer sees reqwest or tonic types, except through [`crate::Error`]: [`classify`]
//! turns what the transport saw into an error, and so decides once which failures are retryable.

pub(crate) mod classify;
pub(crate) mod grpc;
pub(crate) mod poll;
pub(crate) mod rest;
pub mod retry;
