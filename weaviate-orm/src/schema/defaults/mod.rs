//! The defaults Weaviate v1.39.0 fills in when it creates a collection, and comparison with the server.
//!
//! [`CollectionConfig::with_server_defaults_using`] runs the server's create path as named steps, in
//! the server's order; each step's doc comment names the Go function it follows (paths relative to
//! the Weaviate repository):
//!
//! 1. [`class::normalize_names`] — `usecases/schema/class.go` `AddClass`
//! 2. [`class::multi_tenancy`] — `setNewClassDefaults`
//! 3. [`class::vectors`] — `setClassDefaults`
//! 4. [`inverted::set_defaults`] — `setInvertedConfigDefaults`
//! 5. [`properties::set_defaults`] — `setPropertyDefaults`
//! 6. [`class::replication`] — `setNewClassDefaults` / `setClassDefaults`
//! 7. [`modules::set_class_defaults`] — `usecases/modules` `Provider.SetClassDefaults`
//! 8. [`properties::migrate`] — `migratePropertySettings`
//! 9. [`properties::drop_empty_text_analyzers`] — `validatePropertyProcessing`
//! 10. [`class::object_ttl`] — `adapters/repos/db/ttl` `ValidateObjectTTLConfig`
//! 11. [`inverted::validate`] — `adapters/repos/db/inverted` `ValidateConfig`
//! 12. [`class::sharding`] — `Parser.parseShardingConfig`
//! 13. [`vector_index::parse`] — `Parser.parseVectorIndexConfig` / `parseTargetVectorsIndexConfig`
//!     with each index type's `ParseAndValidateConfig`, and `enableQuantization`
//! 14. [`modules::normalize_numbers`] — module settings read back as JSON numbers

mod class;
mod inverted;
mod modules;
mod properties;
mod vector_index;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::collection::CollectionConfig;
use super::data_type::Tokenization;
use super::tenancy_replication::DeletionStrategy;
use super::vector_index::{Distance, FilterStrategy, VectorIndexType};

pub(crate) use weaviate_orm_names::{
    lowercase_first_letter as lowercase_first, uppercase_class_name,
};

/// Server settings that change the defaults of a new collection (environment variables of the Weaviate
/// process), plus the defaults of the vectorizer modules.
///
/// [`ServerDefaults::default`] is a stock v1.39.0 single-node server: no default vectorizer, HNSW,
/// replication factor 1, no default quantization.
///
/// ```
/// use weaviate_orm::schema::{CollectionConfig, ServerDefaults};
///
/// let three_nodes = ServerDefaults { node_count: 3, ..ServerDefaults::default() };
/// let live = CollectionConfig::new("Article").with_server_defaults_using(&three_nodes);
/// assert_eq!(live.sharding_config.unwrap().desired_count, Some(3));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ServerDefaults {
    /// Nodes in the cluster (or `DEFAULT_SHARDING_COUNT`): the default shard count.
    pub node_count: i64,
    /// `DEFAULT_VECTORIZER_MODULE` (default `none`).
    pub default_vectorizer: String,
    /// `DEFAULT_VECTOR_INDEX` (default `hnsw`).
    pub default_vector_index_type: VectorIndexType,
    /// `DEFAULT_VECTOR_DISTANCE_METRIC` (unset by default; applies to the legacy vector only).
    pub default_distance: Option<Distance>,
    /// `DEFAULT_QUANTIZATION` (`pq`, `sq`, `bq`, `rq-1`, `rq-4`, `rq-8`; unset by default).
    pub default_quantization: Option<String>,
    /// `DEFAULT_TOKENIZATION` (unset by default: `word`); applies to top-level text properties.
    pub default_tokenization: Option<Tokenization>,
    /// `HNSW_DEFAULT_FILTER_STRATEGY` (default `acorn`).
    pub hnsw_filter_strategy: FilterStrategy,
    /// `REPLICATION_MINIMUM_FACTOR` (default 1).
    pub minimum_replication_factor: i64,
    /// `REPLICATION_FORCE_DELETION_STRATEGY` (unset by default).
    pub forced_deletion_strategy: Option<DeletionStrategy>,
    /// `ASYNC_REPLICATION_DISABLED` (default false): the server reports `asyncEnabled` as
    /// `factor > 1 && !async_replication_disabled`.
    pub async_replication_disabled: bool,
    /// `USE_INVERTED_SEARCHABLE` (default true): new collections use BlockMax WAND.
    pub using_block_max_wand: bool,
    /// The defaults of vectorizer modules.
    pub modules: ModuleDefaults,
}

impl Default for ServerDefaults {
    fn default() -> Self {
        ServerDefaults {
            node_count: 1,
            default_vectorizer: "none".to_owned(),
            default_vector_index_type: VectorIndexType::Hnsw,
            default_distance: None,
            default_quantization: None,
            default_tokenization: None,
            hnsw_filter_strategy: FilterStrategy::Acorn,
            minimum_replication_factor: 1,
            forced_deletion_strategy: None,
            async_replication_disabled: false,
            using_block_max_wand: true,
            modules: ModuleDefaults::builtin(),
        }
    }
}

/// The settings a vectorizer module adds to a new collection: to its own settings (the class's
/// `moduleConfig.<module>` or a named vector's `vectorizer.<module>`) and to every property's
/// `moduleConfig.<module>`.
///
/// Weaviate asks each module; this crate only knows the modules listed in [`ModuleDefaults::builtin`]
/// (verified against a v1.39.0 server). Add others with [`ModuleDefaults::module`]; for a module that is
/// not listed no defaults are added.
///
/// ```
/// use weaviate_orm::schema::ModuleDefaults;
/// use serde_json::json;
///
/// let modules = ModuleDefaults::builtin().module(
///     "text2vec-my-module",
///     json!({"vectorizeClassName": true}),
///     json!({"skip": false, "vectorizePropertyName": false}),
/// );
/// assert!(modules.get("text2vec-my-module").is_some());
/// assert!(modules.get("text2vec-transformers").is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModuleDefaults {
    modules: BTreeMap<String, ModuleDefault>,
}

/// The defaults of one module (see [`ModuleDefaults`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ModuleDefault {
    /// Added to the module's own settings (class `moduleConfig.<module>` or a named vector's
    /// `vectorizer.<module>`).
    pub class: Map<String, Value>,
    /// Added to every property's `moduleConfig.<module>`.
    pub property: Map<String, Value>,
}

impl ModuleDefaults {
    /// No module defaults.
    pub fn empty() -> Self {
        Self::default()
    }

    /// The modules whose defaults this crate knows: `text2vec-bigram`, `text2vec-transformers`,
    /// `ref2vec-centroid`, `generative-dummy` and `reranker-dummy`.
    pub fn builtin() -> Self {
        Self::empty()
            .module(
                "text2vec-bigram",
                serde_json::json!({"vectorizeClassName": true}),
                serde_json::json!({"skip": false, "vectorizePropertyName": true}),
            )
            .module(
                "text2vec-transformers",
                serde_json::json!({"poolingStrategy": "masked_mean", "vectorizeClassName": true}),
                serde_json::json!({"skip": false, "vectorizePropertyName": false}),
            )
            .module(
                "ref2vec-centroid",
                serde_json::json!({"method": "mean"}),
                Value::Null,
            )
            .module("generative-dummy", Value::Null, Value::Null)
            .module("reranker-dummy", Value::Null, Value::Null)
    }

    /// Adds (or replaces) the defaults of a module: its own settings and each property's settings
    /// (JSON objects; `null` for none).
    pub fn module(
        mut self,
        name: impl Into<String>,
        class_defaults: Value,
        property_defaults: Value,
    ) -> Self {
        let as_map = |v: Value| match v {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        let defaults = ModuleDefault {
            class: as_map(class_defaults),
            property: as_map(property_defaults),
        };
        self.modules.insert(name.into(), defaults);
        self
    }

    /// The defaults of a module.
    pub fn get(&self, name: &str) -> Option<&ModuleDefault> {
        self.modules.get(name)
    }
}

/// Keys the server keeps on properties for its own bookkeeping; ignored by comparisons.
const INTERNAL_PROPERTY_FIELDS: &[&str] = &["bucketGeneration", "searchableBlockmax"];

impl CollectionConfig {
    /// This config with every unset field filled in as a stock Weaviate v1.39.0 single-node server
    /// fills it when it creates the collection ([`ServerDefaults::default`]), so that
    /// `desired.with_server_defaults()` equals what `GET /v1/schema/{name}` returns after the desired
    /// config was created — up to the cluster-dependent shard counts, see
    /// [`normalized_for_compare`](Self::normalized_for_compare).
    ///
    /// This includes the server's normalizations: the first letter of the collection name is
    /// uppercased and that of property names lowercased, deprecated `string` / `indexInverted` are
    /// migrated, an empty text analyzer is dropped, and vector index configs keep only the fields of
    /// their index type.
    ///
    /// ```
    /// use weaviate_orm::schema::{CollectionConfig, DataType, Property, Tokenization, VectorIndexType};
    ///
    /// let live = CollectionConfig::new("article")
    ///     .property(Property::new("Title", DataType::Text))
    ///     .with_server_defaults();
    /// assert_eq!(live.name, "Article");
    /// assert_eq!(live.properties[0].name, "title");
    /// assert_eq!(live.properties[0].tokenization, Some(Tokenization::Word));
    /// assert_eq!(live.vectorizer.as_deref(), Some("none"));
    /// assert_eq!(live.vector_index_type, Some(VectorIndexType::Hnsw));
    /// assert_eq!(live.vector_index_config.unwrap().ef_construction, Some(128));
    /// ```
    pub fn with_server_defaults(&self) -> CollectionConfig {
        self.with_server_defaults_using(&ServerDefaults::default())
    }

    /// [`with_server_defaults`](Self::with_server_defaults) for a server configured differently.
    pub fn with_server_defaults_using(&self, defaults: &ServerDefaults) -> CollectionConfig {
        let mut c = self.clone();
        let sd = defaults;
        class::normalize_names(&mut c);
        let multi_tenant = class::multi_tenancy(&mut c);
        // Whether named vectors were declared, before any step adds to the config.
        let has_named = !c.vector_config.is_empty();
        class::vectors(&mut c, sd);
        inverted::set_defaults(&mut c, sd);
        for p in &mut c.properties {
            properties::set_defaults(p, sd);
        }
        class::replication(&mut c, sd);
        modules::set_class_defaults(&mut c, &sd.modules);
        for p in &mut c.properties {
            properties::migrate(p);
        }
        for p in &mut c.properties {
            properties::drop_empty_text_analyzers(p);
        }
        class::object_ttl(&mut c);
        inverted::validate(&mut c);
        class::sharding(&mut c, multi_tenant, sd);
        vector_index::parse(&mut c, has_named, sd);
        modules::normalize_numbers(&mut c);
        c
    }

    /// This config in a form for comparing a desired config with a live one:
    ///
    /// * without the values that depend on the cluster rather than on the config: the sharding counts
    ///   (`desiredCount`, `actualCount`, `desiredVirtualCount`, `actualVirtualCount`, which follow the
    ///   number of nodes) and the server-internal property fields `bucketGeneration` and
    ///   `searchableBlockmax` (set by index migrations);
    /// * with the properties sorted by name: the server keeps the creation order, but every class
    ///   update (`PUT /v1/schema/{name}`) sorts them by name, so their order carries no meaning.
    pub fn normalized_for_compare(&self) -> CollectionConfig {
        let mut c = self.clone();
        c.properties.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(s) = &mut c.sharding_config {
            s.desired_count = None;
            s.actual_count = None;
            s.desired_virtual_count = None;
            s.actual_virtual_count = None;
        }
        for p in &mut c.properties {
            for key in INTERNAL_PROPERTY_FIELDS {
                p.extra.remove(*key);
            }
        }
        c
    }

    /// Whether the live config `live` (as read from a stock v1.39.0 server) is what the server makes of
    /// this desired config: `self.with_server_defaults().normalized_for_compare() ==
    /// live.normalized_for_compare()`.
    pub fn matches_server(&self, live: &CollectionConfig) -> bool {
        self.matches_server_using(live, &ServerDefaults::default())
    }

    /// [`matches_server`](Self::matches_server) for a server configured differently.
    pub fn matches_server_using(&self, live: &CollectionConfig, defaults: &ServerDefaults) -> bool {
        self.with_server_defaults_using(defaults)
            .normalized_for_compare()
            == live.normalized_for_compare()
    }
}
