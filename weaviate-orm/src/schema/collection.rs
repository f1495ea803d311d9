//! The collection (Weaviate "class") config.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::inverted_index::InvertedIndexConfig;
use super::macros::null_as_default;
use super::property::Property;
use super::tenancy_replication::{
    MultiTenancyConfig, ObjectTtlConfig, ReplicationConfig, ShardingConfig,
};
use super::vector::VectorConfig;
use super::vector_index::{VectorIndexConfig, VectorIndexType};

/// Per-module settings keyed by module name, as in a class's or a property's `moduleConfig`
/// (e.g. `{"generative-openai": {"model": "gpt-4o"}, "reranker-cohere": {}}`).
pub type ModuleConfig = BTreeMap<String, Value>;

/// A collection: one class object of Weaviate's REST schema.
///
/// Serializes to the JSON of `POST /v1/schema` and deserializes from `GET /v1/schema/{name}`; fields
/// that are not set are left out, and fields this crate does not model are kept in `extra`.
///
/// ```
/// use weaviate_orm::schema::{
///     CollectionConfig, DataType, InvertedIndexConfig, MultiTenancyConfig, Property, ReplicationConfig,
///     VectorConfig, VectorIndexConfig, Vectorizer,
/// };
///
/// let config = CollectionConfig::new("Article")
///     .description("News articles")
///     .property(Property::new("title", DataType::Text))
///     .property(Property::new("published", DataType::Date).index_range_filters(true))
///     .vector("title_vec", VectorConfig::new(Vectorizer::new("text2vec-openai").source_properties(["title"])))
///     .vector("image", VectorConfig::self_provided().flat(VectorIndexConfig::new()))
///     .generative("generative-openai", serde_json::json!({"model": "gpt-4o"}))
///     .inverted_index_config(InvertedIndexConfig::new().index_timestamps(true))
///     .multi_tenancy_config(MultiTenancyConfig::enabled())
///     .replication_config(ReplicationConfig::factor(1));
/// assert_eq!(config.vector_config.len(), 2);
/// assert_eq!(serde_json::to_value(&config).unwrap()["class"], "Article");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CollectionConfig {
    /// The collection name (JSON `class`); the server uppercases its first letter.
    #[serde(rename = "class", default)]
    pub name: String,
    /// A description for humans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The properties, in order.
    #[serde(default, deserialize_with = "null_as_default")]
    pub properties: Vec<Property>,
    /// Named vectors, keyed by name (JSON `vectorConfig`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub vector_config: BTreeMap<String, VectorConfig>,
    /// Legacy single vector: the vectorizer module (`"none"` for vectors brought by the application).
    /// Its settings live in `module_config` under the module's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vectorizer: Option<String>,
    /// Legacy single vector: the index type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_index_type: Option<VectorIndexType>,
    /// Legacy single vector: the index settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_index_config: Option<VectorIndexConfig>,
    /// Module settings of the collection: the legacy vectorizer's settings and the generative and
    /// reranker modules (`{"generative-openai": {...}}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module_config: Option<ModuleConfig>,
    /// The inverted index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inverted_index_config: Option<InvertedIndexConfig>,
    /// Multi-tenancy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_tenancy_config: Option<MultiTenancyConfig>,
    /// Replication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replication_config: Option<ReplicationConfig>,
    /// Sharding (single-tenant collections).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sharding_config: Option<ShardingConfig>,
    /// Time-to-live of objects (JSON `objectTtlConfig`).
    #[serde(
        default,
        rename = "objectTtlConfig",
        skip_serializing_if = "Option::is_none"
    )]
    pub object_ttl_config: Option<ObjectTtlConfig>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl CollectionConfig {
    /// A collection with a name and nothing else (every setting left to the server's defaults).
    ///
    /// ```
    /// use weaviate_orm::schema::CollectionConfig;
    /// let c = CollectionConfig::new("Article");
    /// assert_eq!(serde_json::to_value(&c).unwrap(), serde_json::json!({"class": "Article", "properties": []}));
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        CollectionConfig {
            name: name.into(),
            description: None,
            properties: Vec::new(),
            vector_config: BTreeMap::new(),
            vectorizer: None,
            vector_index_type: None,
            vector_index_config: None,
            module_config: None,
            inverted_index_config: None,
            multi_tenancy_config: None,
            replication_config: None,
            sharding_config: None,
            object_ttl_config: None,
            extra: Map::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Appends a property.
    pub fn property(mut self, property: Property) -> Self {
        self.properties.push(property);
        self
    }

    /// Appends several properties.
    pub fn properties(mut self, properties: impl IntoIterator<Item = Property>) -> Self {
        self.properties.extend(properties);
        self
    }

    /// Adds (or replaces) a named vector.
    pub fn vector(mut self, name: impl Into<String>, config: VectorConfig) -> Self {
        self.vector_config.insert(name.into(), config);
        self
    }

    /// Legacy single vector: sets the vectorizer module (`"none"` for application-provided vectors).
    pub fn vectorizer(mut self, module: impl Into<String>) -> Self {
        self.vectorizer = Some(module.into());
        self
    }

    /// Legacy single vector: sets the index type and its settings.
    pub fn vector_index(mut self, index_type: VectorIndexType, config: VectorIndexConfig) -> Self {
        self.vector_index_type = Some(index_type);
        self.vector_index_config = Some(config);
        self
    }

    /// Sets the settings of one module in the collection's `moduleConfig` (replacing what was there).
    pub fn module_config(mut self, module: impl Into<String>, settings: Value) -> Self {
        self.module_config
            .get_or_insert_with(Default::default)
            .insert(module.into(), settings);
        self
    }

    /// Configures the generative (RAG) module, e.g. `generative("generative-openai", json!({"model": "gpt-4o"}))`.
    /// Any other generative module configured before is removed.
    pub fn generative(mut self, module: impl Into<String>, settings: Value) -> Self {
        if let Some(config) = &mut self.module_config {
            config.retain(|name, _| !name.starts_with("generative-"));
        }
        self.module_config(module, settings)
    }

    /// Configures the reranker module, e.g. `reranker("reranker-cohere", json!({}))`.
    /// Any other reranker module configured before is removed.
    pub fn reranker(mut self, module: impl Into<String>, settings: Value) -> Self {
        if let Some(config) = &mut self.module_config {
            config.retain(|name, _| !name.starts_with("reranker-"));
        }
        self.module_config(module, settings)
    }

    /// The configured generative module and its settings, if any.
    pub fn generative_module(&self) -> Option<(&str, &Value)> {
        self.module_with_prefix("generative-")
    }

    /// The configured reranker module and its settings, if any.
    pub fn reranker_module(&self) -> Option<(&str, &Value)> {
        self.module_with_prefix("reranker-")
    }

    fn module_with_prefix(&self, prefix: &str) -> Option<(&str, &Value)> {
        self.module_config
            .as_ref()?
            .iter()
            .find(|(name, _)| name.starts_with(prefix))
            .map(|(name, settings)| (name.as_str(), settings))
    }

    /// Sets the inverted index config.
    pub fn inverted_index_config(mut self, config: InvertedIndexConfig) -> Self {
        self.inverted_index_config = Some(config);
        self
    }

    /// Sets the multi-tenancy config.
    pub fn multi_tenancy_config(mut self, config: MultiTenancyConfig) -> Self {
        self.multi_tenancy_config = Some(config);
        self
    }

    /// Sets the replication config.
    pub fn replication_config(mut self, config: ReplicationConfig) -> Self {
        self.replication_config = Some(config);
        self
    }

    /// Sets the sharding config (not allowed together with multi-tenancy).
    pub fn sharding_config(mut self, config: ShardingConfig) -> Self {
        self.sharding_config = Some(config);
        self
    }

    /// Sets the object time-to-live config.
    pub fn object_ttl_config(mut self, config: ObjectTtlConfig) -> Self {
        self.object_ttl_config = Some(config);
        self
    }

    /// The property with this name, if any.
    pub fn find_property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// Whether the collection is multi-tenant.
    pub fn is_multi_tenant(&self) -> bool {
        self.multi_tenancy_config
            .as_ref()
            .is_some_and(MultiTenancyConfig::is_enabled)
    }

    /// Whether the collection uses the legacy single-vector fields (`vectorizer`, `vectorIndexType`,
    /// `vectorIndexConfig`) — Weaviate's own test of the same name.
    pub fn has_legacy_vector_index(&self) -> bool {
        self.vectorizer.is_some()
            || self.vector_index_type.is_some()
            || self.vector_index_config.is_some()
    }
}
