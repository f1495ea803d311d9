//! The collection schema model.
//!
//! One model serves the derive macro, the engine (create / read / update collections over REST),
//! migrations (diff the desired schema against the live one) and code generation. Its JSON form **is**
//! Weaviate's REST schema JSON: a [`CollectionConfig`] serializes to, and deserializes from, a class object
//! of `GET /v1/schema` / `GET /v1/schema/{name}` / `POST /v1/schema`, and it round-trips:
//!
//! * every optional field that is unset is left out of the JSON (no `null`s the server would reject);
//! * every struct keeps the JSON fields it does not model in an `extra` map, and every enum that comes from
//!   the server has an `Other(String)` variant, so that a class read from a newer server can be modified
//!   and `PUT` back without losing anything.
//!
//! ```
//! use weaviate_orm::schema::{CollectionConfig, DataType, Property, Tokenization, VectorConfig, Vectorizer};
//!
//! let article = CollectionConfig::new("Article")
//!     .description("A news article")
//!     .property(Property::new("title", DataType::Text).tokenization(Tokenization::Word))
//!     .property(Property::new("wordCount", DataType::Int).index_range_filters(true))
//!     .property(Property::new("author", DataType::reference("Author")))
//!     .vector("default", VectorConfig::new(Vectorizer::none()));
//!
//! let json = serde_json::to_value(&article).unwrap();
//! assert_eq!(json["class"], "Article");
//! assert_eq!(json["properties"][0]["dataType"], serde_json::json!(["text"]));
//! assert_eq!(json["vectorConfig"]["default"]["vectorizer"], serde_json::json!({"none": {}}));
//! ```
//!
//! # Comparing with the server
//!
//! Weaviate fills in defaults when it creates a class (tokenization, index flags, the whole vector index
//! config, BM25 parameters, replication, sharding, module settings, ...). [`CollectionConfig::with_server_defaults`]
//! applies the same defaults as Weaviate v1.39.0 does, so that a desired config can be compared with what
//! the server reports. A few values depend on the cluster rather than on the config (the shard counts in
//! `shardingConfig`); [`CollectionConfig::normalized_for_compare`] removes them, and
//! [`CollectionConfig::matches_server`] does both steps:
//!
//! ```
//! use weaviate_orm::schema::{CollectionConfig, DataType, Property};
//!
//! let desired = CollectionConfig::new("Article").property(Property::new("title", DataType::Text));
//! let filled = desired.with_server_defaults();
//! assert_eq!(filled.properties[0].index_searchable, Some(true));
//! assert!(desired.matches_server(&filled));
//! ```

mod macros;
pub(crate) use macros::{null_as_default, string_enum};

mod collection;
mod data_type;
mod defaults;
mod inverted_index;
mod property;
mod tenancy_replication;
mod vector;
mod vector_index;

pub use collection::{CollectionConfig, ModuleConfig};
pub use data_type::{DataType, Tokenization};
pub use defaults::{ModuleDefault, ModuleDefaults, ServerDefaults};
pub(crate) use defaults::{lowercase_first, uppercase_class_name};
pub use inverted_index::{
    Bm25Config, InvertedIndexConfig, StopwordConfig, StopwordPreset, TokenizerUserDict,
    TokenizerUserDictReplacement,
};
pub use property::{NestedProperty, Property, TextAnalyzerConfig};
pub use tenancy_replication::{
    DeletionStrategy, MultiTenancyConfig, ObjectTtlConfig, ReplicationAsyncConfig,
    ReplicationConfig, ShardingConfig,
};
pub use vector::{VectorConfig, Vectorizer};
pub use vector_index::{
    BqConfig, Distance, FilterStrategy, MultivectorAggregation, MultivectorConfig, MuveraConfig,
    PqConfig, PqEncoder, PqEncoderDistribution, PqEncoderType, RqConfig, SqConfig,
    VectorIndexConfig, VectorIndexType,
};

#[cfg(test)]
mod tests;
