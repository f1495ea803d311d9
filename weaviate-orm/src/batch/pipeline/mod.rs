//! What every batch mode shares: one import's [`context::Ctx`], items made ready to send
//! ([`prepared`]), the counters of a running phase ([`tally`]) and the one retry loop of objects and
//! references ([`retry`]).
//!
//! An import flows through it in one direction: the importer builds the context; a mode
//! ([`super::modes`]) reads the input, prepares each item (its id, wire form and size, or its error),
//! groups prepared items into requests and hands each request to [`retry::send`], which retries
//! transient failures and returns an [`tally::Outcome`] that the mode adds to the report. Nothing here
//! knows a mode.

pub(crate) mod context;
pub(crate) mod prepared;
pub(crate) mod retry;
pub(crate) mod tally;
