//! # weaviate-orm
//!
//! Model your Weaviate data as plain Rust structs. This crate holds the runtime: a [`Client`] that speaks
//! gRPC (data) and REST (schema and admin) to Weaviate, an untyped engine that works for any collection by
//! name, the schema model ([`schema::CollectionConfig`]) shared by the derive, the engine and migrations,
//! and the typed layer the derive macros build on ([`typed`]).
//!
//! ## Structs as collections
//!
//! ```no_run
//! # async fn run() -> weaviate_orm::Result<()> {
//! use weaviate_orm::prelude::*;
//!
//! /// A news article.
//! #[derive(WeaviateCollection, Debug)]
//! #[weaviate(vector(name = "title_vec", source = [title], vectorizer = text2vec_bigram))]
//! struct Article {
//!     #[weaviate(id)]
//!     id: uuid::Uuid,
//!     #[weaviate(tokenization = word)]
//!     title: String,
//!     #[weaviate(index_range_filters)]
//!     views: i64,
//! }
//!
//! let client = Client::from_env().await?;
//! // The structs are the schema: plan what the server lacks, apply exactly that.
//! let migrator = client.migrator().collection::<Article>();
//! migrator.apply(&migrator.plan().await?).await?;
//!
//! // One typed handle per collection: data, batch, query, tenants, config.
//! let articles = client.collection_of::<Article>();
//! let id = articles.data().insert(Article { id: uuid::Uuid::new_v4(), title: "Hello".into(), views: 3 }).await?;
//! let stored: Option<Article> = articles.data().get(id).await?;
//!
//! // Many at once: streamed, every failed object reported by input index with the server's message.
//! let more = (0..1_000).map(|i| Article { id: uuid::Uuid::new_v4(), title: format!("#{i}"), views: i });
//! let report = articles.batch().insert_many(more).await?;
//! assert!(report.is_success(), "{report}: {:?}", report.errors);
//!
//! // Typed searches and filters, checked at compile time.
//! let f = Article::fields();
//! let popular = articles.query().fetch_objects().filter(f.views.gt(100)).limit(10).await?;
//! # let _ = (stored, popular); Ok(()) }
//! ```
//!
//! Every attribute of `#[weaviate(...)]` is documented, with examples, on the
//! [`WeaviateCollection`](derive@WeaviateCollection) derive; nested object types use
//! [`WeaviateObject`](derive@WeaviateObject).
//!
//! ## The untyped engine
//!
//! ```no_run
//! # async fn run() -> weaviate_orm::Result<()> {
//! use serde_json::json;
//! use weaviate_orm::Client;
//! use weaviate_orm::data::NewObject;
//! use weaviate_orm::schema::{CollectionConfig, DataType, Property};
//!
//! let client = Client::from_env().await?;
//! let config = CollectionConfig::new("Note").property(Property::new("title", DataType::Text));
//! client.collections().create(&config).await?;
//! let notes = client.collection("Note");
//! notes.data().insert(NewObject::new(json!({"title": "Hello"}))?).await?;
//! let found = notes.query().fetch_objects().limit(10).await?;
//! assert_eq!(found.len(), 1);
//! # Ok(()) }
//! ```
//!
//! ## Layers
//! - [`Client`]: connection, auth, timeouts, retries (transport over REST and gRPC).
//! - The handle: [`Collection<C>`], typed ([`Client::collection_of`]) or untyped
//!   ([`Client::collection`]), with [`data`](Collection::data), [`query`](Collection::query),
//!   `batch`, [`aggregate`](Collection::aggregate) (counts and statistics, [`aggregate`]),
//!   [`tenants`](Collection::tenants) and [`config`](Collection::config), scoped by
//!   [`with_tenant`](Collection::with_tenant) and
//!   [`with_consistency_level`](Collection::with_consistency_level); [`prelude`] imports what the
//!   typed path names; [`filter::Filter`] for typed filters.
//! - The engine's schema calls by collection name: [`Client::collections`].
//! - [`typed`]: the traits the derives implement, field handles, property value types, references.
//! - [`schema`]: the collection configuration model, in Weaviate's own JSON form.
//! - [`generate`]: Rust source (derived structs) for collections that exist on a server.
//! - [`embedded`]: a real Weaviate server started and stopped by the program ([`Client::embedded`]).
//! - [`wire`]: the generated protobuf types of Weaviate's gRPC API.
//! - [`rbac`]: roles and typed permissions ([`Client::roles`]); [`users`]: database users, OIDC
//!   users and groups, the current user ([`Client::users`], [`Client::groups`]).
//! - [`migrate`]: plan and apply schema migrations from the structs; `cli` (feature `cli`): the
//!   same from the command line, in an application's own three-line binary.
#![deny(missing_docs)]

pub mod aggregate;
pub mod aliases;
pub mod backups;
pub mod batch;
#[cfg(feature = "cli")]
pub mod cli;
mod client;
pub mod cluster;
mod collection;
pub mod collections;
pub mod data;
pub mod debug;
pub mod embedded;
mod encoding;
mod error;
pub mod exports;
pub mod filter;
pub mod generate;
pub mod migrate;
pub mod names;
pub mod prelude;
pub mod query;
pub mod rbac;
pub mod schema;
mod sealed;
pub mod tenants;
pub mod tokenize;
mod transport;
pub mod typed;
pub mod users;
mod version;
pub mod wire;

pub use client::auth::{Auth, Secret};
pub use client::builder::{ClientBuilder, Timeouts};
pub use client::oidc::Oidc;
pub use client::{Client, Meta};
pub use collection::{Collection, CollectionKind, Config, ConsistencyLevel};
pub use error::{BoxError, Error, GrpcCode, Protocol, Result, Status};
pub use filter::Untyped;
pub use transport::retry::RetryPolicy;
pub use typed::{WeaviateCollection, WeaviateObject};
/// Derive macros: `#[derive(WeaviateCollection)]` and `#[derive(WeaviateObject)]`.
pub use weaviate_orm_derive::{WeaviateCollection, WeaviateObject};

// Crates the derive's generated code names; users need not depend on them.
#[doc(hidden)]
pub use serde_json as __serde_json;
#[doc(hidden)]
pub use uuid as __uuid;

/// The repository README's Rust examples, compiled as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeExamples;

/// The crate README's examples, compiled as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct CrateReadmeExamples;
