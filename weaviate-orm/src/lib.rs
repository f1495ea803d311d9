//! # weaviate-orm
//!
//! Model your Weaviate data as plain Rust structs. This crate holds the runtime: a [`Client`] that speaks
//! gRPC (data) and REST (schema and admin) to Weaviate, an untyped engine that works for any collection by
//! name, and the schema model ([`schema::CollectionConfig`]) shared by the derive, the engine and migrations.
#![deny(missing_docs)]

pub mod schema;
pub mod wire;
