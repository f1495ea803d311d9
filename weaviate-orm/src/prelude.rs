//! What the typed path names, in one import: `use weaviate_orm::prelude::*;`.
//!
//! ```no_run
//! use weaviate_orm::prelude::*;
//!
//! #[derive(WeaviateCollection, Debug)]
//! struct Article {
//!     title: String,
//!     #[weaviate(index_range_filters)]
//!     views: i64,
//! }
//!
//! # async fn run() -> weaviate_orm::Result<()> {
//! let client = Client::from_env().await?;
//! let articles = client.collection_of::<Article>();
//! let f = Article::fields();
//! let hits: Vec<Hit<Article>> = articles
//!     .query()
//!     .bm25("rust")
//!     .filter(f.views.gt(10))
//!     .return_metadata(MetadataQuery::default().score())
//!     .await?;
//! # let _ = hits; Ok(()) }
//! ```
//!
//! It brings the derives and their traits ([`WeaviateCollection`], [`WeaviateObject`]), the
//! [`Client`] and its [`Collection`] handle, [`ConsistencyLevel`], [`Filter`], [`Hit`], the
//! aggregation results ([`AggregateResult`], [`AggregateGroup`], [`GroupValue`]),
//! [`MetadataQuery`], [`Patch`], the reference types ([`Reference`], [`MultiReference`],
//! [`ReferenceTarget`]), the [`projection!`](crate::projection!) and [`prompt!`](crate::prompt!)
//! macros, [`Generate`] and the value types
//! ([`GeoCoordinates`], [`PhoneNumber`], [`Blob`]). `Result` and `Error` are left out so they do
//! not shadow the standard library's; name them as `weaviate_orm::Result`.

pub use crate::aggregate::{AggregateGroup, AggregateResult, GroupValue};
pub use crate::client::Client;
pub use crate::collection::{Collection, ConsistencyLevel};
pub use crate::data::Patch;
pub use crate::filter::{Filter, Untyped};
pub use crate::projection;
pub use crate::prompt;
pub use crate::query::generative::Generate;
pub use crate::query::{Hit, MetadataQuery};
pub use crate::typed::{
    Blob, GeoCoordinates, MultiReference, PhoneNumber, Reference, ReferenceTarget,
    WeaviateCollection, WeaviateObject,
};
pub use weaviate_orm_derive::{WeaviateCollection, WeaviateObject};
