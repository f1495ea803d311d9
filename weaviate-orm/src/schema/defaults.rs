//! The defaults Weaviate v1.39.0 fills in when it creates a collection, and comparison with the server.
//!
//! The logic mirrors the server's create path (`usecases/schema` `AddClass`: `setNewClassDefaults`,
//! `setClassDefaults`, the module providers' `SetClassDefaults`, property migrations, the inverted index
//! validator and `ParseClass` with the vector index and sharding parsers).

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};

use super::collection::{CollectionConfig, ModuleConfig};
use super::data_type::{DataType, Tokenization};
use super::inverted_index::{Bm25Config, StopwordConfig, StopwordPreset};
use super::property::{NestedProperty, Property};
use super::tenancy_replication::{DeletionStrategy, MultiTenancyConfig, ShardingConfig};
use super::vector_index::{
    BqConfig, Distance, FilterStrategy, MultivectorAggregation, MultivectorConfig, MuveraConfig,
    PqConfig, PqEncoder, PqEncoderDistribution, PqEncoderType, RqConfig, SqConfig,
    VectorIndexConfig, VectorIndexType,
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

        // AddClass: name normalization.
        c.name = uppercase_class_name(&c.name);
        for p in &mut c.properties {
            p.name = lowercase_first(&p.name);
        }

        // setNewClassDefaults: multi-tenancy.
        let mt = c
            .multi_tenancy_config
            .get_or_insert_with(MultiTenancyConfig::default);
        mt.enabled.get_or_insert(false);
        mt.auto_tenant_creation.get_or_insert(false);
        mt.auto_tenant_activation.get_or_insert(false);
        let multi_tenant = mt.is_enabled();

        // setClassDefaults: legacy vector, named vector index types.
        let has_named = !c.vector_config.is_empty();
        if !has_named || c.has_legacy_vector_index() {
            c.vectorizer
                .get_or_insert_with(|| sd.default_vectorizer.clone());
            c.vector_index_type
                .get_or_insert_with(|| sd.default_vector_index_type.clone());
            if let Some(distance) = &sd.default_distance {
                let vic = c.vector_index_config.get_or_insert_with(Default::default);
                vic.distance.get_or_insert_with(|| distance.clone());
            }
        }
        for vc in c.vector_config.values_mut() {
            vc.vector_index_type
                .get_or_insert_with(|| sd.default_vector_index_type.clone());
        }

        // setInvertedConfigDefaults
        let inv = c.inverted_index_config.get_or_insert_with(Default::default);
        if sd.using_block_max_wand {
            inv.using_block_max_wand = Some(true);
        }
        if inv.cleanup_interval_seconds.unwrap_or(0) == 0 {
            inv.cleanup_interval_seconds = Some(60);
        }
        inv.bm25.get_or_insert_with(|| Bm25Config::new(0.75, 1.2));
        inv.stopwords
            .get_or_insert_with(|| StopwordConfig::new(StopwordPreset::En));

        // setPropertyDefaults
        for p in &mut c.properties {
            property_defaults(p, sd);
        }

        // replication
        let rep = c.replication_config.get_or_insert_with(Default::default);
        if rep.factor.unwrap_or(0) < 1 {
            rep.factor = Some(sd.minimum_replication_factor);
        }
        rep.deletion_strategy
            .get_or_insert(DeletionStrategy::TimeBasedResolution);
        if let Some(forced) = &sd.forced_deletion_strategy {
            rep.deletion_strategy = Some(forced.clone());
        }
        rep.async_enabled = Some(rep.factor.unwrap_or(1) > 1 && !sd.async_replication_disabled);

        // modules' SetClassDefaults
        module_defaults(&mut c, &sd.modules);

        // migrateClassSettings (string -> text, indexInverted -> indexFilterable/indexSearchable)
        for p in &mut c.properties {
            migrate_property(p);
        }

        // validateProperty: an empty text analyzer counts as absent.
        for p in &mut c.properties {
            if p.text_analyzer.as_ref().is_some_and(|a| a.is_empty()) {
                p.text_analyzer = None;
            }
            drop_empty_nested_analyzers(&mut p.nested_properties);
        }

        // object TTL: a TTL on the object timestamps turns on their index.
        let mut needs_timestamps = false;
        if let Some(ttl) = &mut c.object_ttl_config {
            ttl.enabled.get_or_insert(false);
            ttl.filter_expired_objects.get_or_insert(false);
            ttl.default_ttl.get_or_insert(0);
            let delete_on = ttl.delete_on.get_or_insert_with(String::new);
            if ttl.enabled == Some(true) {
                *delete_on = delete_on.trim().to_owned();
                needs_timestamps =
                    delete_on == "_creationTimeUnix" || delete_on == "_lastUpdateTimeUnix";
            }
        }
        if needs_timestamps {
            c.inverted_index_config
                .get_or_insert_with(Default::default)
                .index_timestamps = Some(true);
        }

        // inverted index validation: stopword preset default, additions already in the preset dropped;
        // `false` flags are not reported.
        let inv = c.inverted_index_config.get_or_insert_with(Default::default);
        if let Some(sw) = &mut inv.stopwords {
            let preset = sw.preset.get_or_insert(StopwordPreset::En);
            let preset_words = match preset {
                StopwordPreset::En => ENGLISH_STOPWORDS,
                _ => &[],
            };
            if let Some(additions) = &mut sw.additions {
                if additions.iter().any(|a| preset_words.contains(&a.as_str())) {
                    additions.retain(|a| !preset_words.contains(&a.as_str()));
                    if additions.is_empty() {
                        sw.additions = None;
                    }
                }
            }
        }
        for flag in [
            &mut inv.index_timestamps,
            &mut inv.index_null_state,
            &mut inv.index_property_length,
            &mut inv.using_block_max_wand,
        ] {
            if *flag == Some(false) {
                *flag = None;
            }
        }
        if let Some(bm25) = &mut inv.bm25 {
            for v in [&mut bm25.b, &mut bm25.k1] {
                if *v == Some(0.0) {
                    *v = None;
                }
            }
        }

        // ParseClass: sharding
        if multi_tenant {
            let extra = c
                .sharding_config
                .take()
                .map(|s| s.extra)
                .unwrap_or_default();
            c.sharding_config = Some(ShardingConfig {
                virtual_per_physical: Some(0),
                desired_count: Some(0),
                actual_count: Some(0),
                desired_virtual_count: Some(0),
                actual_virtual_count: Some(0),
                key: Some(String::new()),
                strategy: Some(String::new()),
                function: Some(String::new()),
                extra,
            });
        } else {
            let s = c.sharding_config.get_or_insert_with(Default::default);
            let vpp = *s.virtual_per_physical.get_or_insert(128);
            let desired = *s.desired_count.get_or_insert(sd.node_count);
            s.desired_virtual_count = Some(desired * vpp);
            s.actual_count = Some(desired);
            s.actual_virtual_count = Some(desired * vpp);
            s.key.get_or_insert_with(|| "_id".to_owned());
            s.strategy.get_or_insert_with(|| "hash".to_owned());
            s.function.get_or_insert_with(|| "murmur3".to_owned());
        }

        // ParseClass: vector index configs
        let vectorless = !has_named && c.vector_index_type.is_none() && c.vectorizer.is_none();
        if !vectorless && (!has_named || c.vector_index_type.is_some()) {
            let ty = c
                .vector_index_type
                .clone()
                .unwrap_or_else(|| sd.default_vector_index_type.clone());
            let user = c.vector_index_config.take().unwrap_or_default();
            let mut parsed = index_defaults(&ty, user, sd);
            apply_default_quantization(&ty, &mut parsed, sd);
            c.vector_index_config = Some(parsed);
        }
        for vc in c.vector_config.values_mut() {
            let ty = vc
                .vector_index_type
                .clone()
                .unwrap_or_else(|| sd.default_vector_index_type.clone());
            if ty == VectorIndexType::Dropped {
                continue;
            }
            let user = vc.vector_index_config.take().unwrap_or_default();
            let mut parsed = index_defaults(&ty, user, sd);
            apply_default_quantization(&ty, &mut parsed, sd);
            vc.vector_index_config = Some(parsed);
        }

        // Module settings are stored as JSON and read back as float64: integral numbers come back as
        // integers.
        if let Some(mc) = &mut c.module_config {
            normalize_module_config(mc);
        }
        for p in &mut c.properties {
            if let Some(mc) = &mut p.module_config {
                normalize_module_config(mc);
            }
        }
        for vc in c.vector_config.values_mut() {
            if let Some(v) = &mut vc.vectorizer {
                v.settings.values_mut().for_each(normalize_number);
            }
        }

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

const ENGLISH_STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

pub(crate) fn uppercase_class_name(name: &str) -> String {
    match name.split_once(':') {
        Some((ns, class)) => format!("{ns}:{}", uppercase_first(class)),
        None => uppercase_first(name),
    }
}

// Weaviate changes the first byte only (ASCII case mapping).
fn uppercase_first(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out
}

pub(crate) fn lowercase_first(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_lowercase();
    }
    out
}

fn is_deprecated_string(dt: &DataType) -> bool {
    matches!(dt, DataType::Other(v) if v.len() == 1 && (v[0] == "string" || v[0] == "string[]"))
}

fn property_defaults(p: &mut Property, sd: &ServerDefaults) {
    if p.data_type.is_text() {
        p.tokenization.get_or_insert_with(|| {
            sd.default_tokenization
                .clone()
                .unwrap_or(Tokenization::Word)
        });
    } else if is_deprecated_string(&p.data_type) {
        p.tokenization.get_or_insert(Tokenization::Word);
    }

    let only_inverted = p.index_inverted.is_some()
        && p.index_filterable.is_none()
        && p.index_searchable.is_none()
        && p.index_range_filters.is_none();
    if !only_inverted {
        p.index_filterable.get_or_insert(true);
        let text_like = p.data_type.is_text() || is_deprecated_string(&p.data_type);
        p.index_searchable.get_or_insert(text_like);
        p.index_range_filters.get_or_insert(false);
    }
    nested_defaults(&mut p.nested_properties);
}

fn nested_defaults(props: &mut [NestedProperty]) {
    for np in props {
        let primitive = np.data_type.primitive_name().is_some() && !np.data_type.is_nested();
        if primitive && np.data_type.is_text() {
            np.tokenization.get_or_insert(Tokenization::Word);
        }
        let blob = matches!(np.data_type, DataType::Blob | DataType::BlobHash);
        np.index_filterable.get_or_insert(!blob);
        np.index_searchable.get_or_insert(np.data_type.is_text());
        np.index_range_filters.get_or_insert(false);
        if np.data_type.is_nested() {
            nested_defaults(&mut np.nested_properties);
        }
    }
}

fn drop_empty_nested_analyzers(props: &mut [NestedProperty]) {
    for np in props {
        if np.text_analyzer.as_ref().is_some_and(|a| a.is_empty()) {
            np.text_analyzer = None;
        }
        drop_empty_nested_analyzers(&mut np.nested_properties);
    }
}

fn migrate_property(p: &mut Property) {
    if let DataType::Other(v) = &p.data_type {
        if v.len() == 1 && (v[0] == "string" || v[0] == "string[]") {
            p.data_type = if v[0] == "string" {
                DataType::Text
            } else {
                DataType::TextArray
            };
            if p.tokenization == Some(Tokenization::Word) {
                p.tokenization = Some(Tokenization::Whitespace);
            }
        }
    }
    if let Some(inverted) = p.index_inverted {
        if p.index_filterable.is_none()
            && p.index_searchable.is_none()
            && p.index_range_filters.is_none()
        {
            p.index_filterable = Some(inverted);
            p.index_searchable = Some(p.data_type.is_text() && inverted);
            p.index_range_filters = Some(false);
        }
    }
    p.index_inverted = None;
}

/// The module providers' `SetClassDefaults`: vectorizer settings and per-property settings.
fn module_defaults(c: &mut CollectionConfig, modules: &ModuleDefaults) {
    if c.has_legacy_vector_index() || c.vector_config.is_empty() {
        let module = c.vectorizer.clone().unwrap_or_default();
        if module != "none" {
            if let Some(ModuleDefault {
                class: class_defaults,
                property: prop_defaults,
            }) = modules.get(&module)
            {
                let user = c
                    .module_config
                    .as_ref()
                    .and_then(|mc| mc.get(&module))
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                let merged = merge(class_defaults, user);
                if !merged.is_empty() {
                    c.module_config
                        .get_or_insert_with(Default::default)
                        .insert(module.clone(), Value::Object(merged));
                }
                property_module_defaults(&mut c.properties, &module, prop_defaults);
            }
        }
    }

    let named: Vec<String> = c.vector_config.keys().cloned().collect();
    for name in named {
        let Some(vectorizer) = c
            .vector_config
            .get_mut(&name)
            .and_then(|vc| vc.vectorizer.as_mut())
        else {
            continue;
        };
        if vectorizer.module == "none" {
            continue;
        }
        let module = vectorizer.module.clone();
        if let Some(ModuleDefault {
            class: class_defaults,
            property: prop_defaults,
        }) = modules.get(&module)
        {
            let merged = merge(class_defaults, std::mem::take(&mut vectorizer.settings));
            vectorizer.settings = merged;
            property_module_defaults(&mut c.properties, &module, prop_defaults);
        }
    }
}

fn property_module_defaults(props: &mut [Property], module: &str, defaults: &Map<String, Value>) {
    for p in props {
        let user = p
            .module_config
            .as_ref()
            .and_then(|mc| mc.get(module))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let merged = merge(defaults, user);
        if !merged.is_empty() {
            p.module_config
                .get_or_insert_with(Default::default)
                .insert(module.to_owned(), Value::Object(merged));
        }
    }
}

fn merge(defaults: &Map<String, Value>, user: Map<String, Value>) -> Map<String, Value> {
    let mut merged = defaults.clone();
    merged.extend(user);
    merged
}

fn normalize_module_config(mc: &mut ModuleConfig) {
    mc.values_mut().for_each(normalize_number);
}

/// Integral floats become integers (Go stores module settings as float64 and prints `1.0` as `1`).
fn normalize_number(v: &mut Value) {
    match v {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
                    // Exact for |f| < 2^53.
                    #[allow(clippy::cast_possible_truncation)]
                    let i = f as i64;
                    *n = Number::from(i);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_number),
        Value::Object(map) => map.values_mut().for_each(normalize_number),
        _ => {}
    }
}

/// `ParseAndValidateConfig` of the index type: the server keeps only the fields of its index type and
/// fills every one of them.
fn index_defaults(
    ty: &VectorIndexType,
    user: VectorIndexConfig,
    sd: &ServerDefaults,
) -> VectorIndexConfig {
    match ty {
        VectorIndexType::Hnsw => hnsw_defaults(user, sd),
        VectorIndexType::Flat => flat_defaults(user),
        VectorIndexType::Dynamic => VectorIndexConfig {
            distance: Some(user.distance.unwrap_or(Distance::Cosine)),
            threshold: Some(user.threshold.unwrap_or(10_000)),
            hnsw: Some(Box::new(hnsw_defaults(
                user.hnsw.map(|b| *b).unwrap_or_default(),
                sd,
            ))),
            flat: Some(Box::new(flat_defaults(
                user.flat.map(|b| *b).unwrap_or_default(),
            ))),
            extra: user.extra,
            ..Default::default()
        },
        VectorIndexType::Hfresh => {
            let rq_user = user.rq.unwrap_or_default();
            VectorIndexConfig {
                max_posting_size_kb: Some(user.max_posting_size_kb.unwrap_or(48)),
                replicas: Some(user.replicas.unwrap_or(4)),
                search_probe: Some(user.search_probe.unwrap_or(256)),
                distance: Some(user.distance.unwrap_or(Distance::Cosine)),
                rq: Some(RqConfig {
                    enabled: Some(true),
                    bits: Some(1),
                    rescore_limit: Some(rq_user.rescore_limit.filter(|v| *v >= 0).unwrap_or(350)),
                    cache: None,
                    extra: rq_user.extra,
                }),
                extra: user.extra,
                ..Default::default()
            }
        }
        VectorIndexType::Dropped | VectorIndexType::Other(_) => user,
    }
}

fn hnsw_defaults(user: VectorIndexConfig, sd: &ServerDefaults) -> VectorIndexConfig {
    let pq = user.pq.unwrap_or_default();
    let encoder = pq.encoder.unwrap_or_default();
    let bq = user.bq.unwrap_or_default();
    let sq = user.sq.unwrap_or_default();
    let rq_given = user.rq.is_some();
    let rq = user.rq.unwrap_or_default();
    let rq_bits = rq.bits.unwrap_or(8);
    let rq_rescore = match rq.rescore_limit {
        Some(v) => v,
        None if rq_given && rq_bits == 1 => 512,
        None => 20,
    };
    let mv = user.multivector.unwrap_or_default();
    let muvera = mv.muvera.unwrap_or_default();
    VectorIndexConfig {
        distance: Some(user.distance.unwrap_or(Distance::Cosine)),
        ef: Some(user.ef.unwrap_or(-1)),
        ef_construction: Some(user.ef_construction.unwrap_or(128)),
        max_connections: Some(user.max_connections.unwrap_or(32)),
        dynamic_ef_min: Some(user.dynamic_ef_min.unwrap_or(100)),
        dynamic_ef_max: Some(user.dynamic_ef_max.unwrap_or(500)),
        dynamic_ef_factor: Some(user.dynamic_ef_factor.unwrap_or(8)),
        flat_search_cutoff: Some(user.flat_search_cutoff.unwrap_or(40_000)),
        vector_cache_max_objects: Some(user.vector_cache_max_objects.unwrap_or(1_000_000_000_000)),
        cleanup_interval_seconds: Some(user.cleanup_interval_seconds.unwrap_or(300)),
        skip: Some(user.skip.unwrap_or(false)),
        filter_strategy: Some(
            user.filter_strategy
                .unwrap_or_else(|| sd.hnsw_filter_strategy.clone()),
        ),
        pq: Some(PqConfig {
            enabled: Some(pq.enabled.unwrap_or(false)),
            bit_compression: Some(pq.bit_compression.unwrap_or(false)),
            segments: Some(pq.segments.unwrap_or(0)),
            centroids: Some(pq.centroids.unwrap_or(256)),
            training_limit: Some(pq.training_limit.unwrap_or(100_000)),
            encoder: Some(PqEncoder {
                encoder_type: Some(encoder.encoder_type.unwrap_or(PqEncoderType::Kmeans)),
                distribution: Some(
                    encoder
                        .distribution
                        .unwrap_or(PqEncoderDistribution::LogNormal),
                ),
                extra: encoder.extra,
            }),
            rescore_limit: None,
            cache: None,
            extra: pq.extra,
        }),
        bq: Some(BqConfig {
            enabled: Some(bq.enabled.unwrap_or(false)),
            rescore_limit: None,
            cache: None,
            extra: bq.extra,
        }),
        sq: Some(SqConfig {
            enabled: Some(sq.enabled.unwrap_or(false)),
            training_limit: Some(sq.training_limit.unwrap_or(100_000)),
            rescore_limit: Some(sq.rescore_limit.unwrap_or(20)),
            cache: None,
            extra: sq.extra,
        }),
        rq: Some(RqConfig {
            enabled: Some(rq.enabled.unwrap_or(false)),
            bits: Some(rq_bits),
            rescore_limit: Some(rq_rescore),
            cache: None,
            extra: rq.extra,
        }),
        multivector: Some(MultivectorConfig {
            enabled: Some(mv.enabled.unwrap_or(false)),
            muvera: Some(MuveraConfig {
                enabled: Some(muvera.enabled.unwrap_or(false)),
                ksim: Some(muvera.ksim.unwrap_or(4)),
                dprojections: Some(muvera.dprojections.unwrap_or(16)),
                repetitions: Some(muvera.repetitions.unwrap_or(10)),
                extra: muvera.extra,
            }),
            aggregation: Some(mv.aggregation.unwrap_or(MultivectorAggregation::MaxSim)),
            extra: mv.extra,
        }),
        skip_default_quantization: Some(user.skip_default_quantization.unwrap_or(false)),
        track_default_quantization: Some(user.track_default_quantization.unwrap_or(false)),
        extra: user.extra,
        ..Default::default()
    }
}

fn flat_defaults(user: VectorIndexConfig) -> VectorIndexConfig {
    fn compression(
        enabled: Option<bool>,
        rescore: Option<i64>,
        cache: Option<bool>,
    ) -> (Option<bool>, Option<i64>, Option<bool>) {
        (
            Some(enabled.unwrap_or(false)),
            Some(rescore.unwrap_or(-1)),
            Some(cache.unwrap_or(false)),
        )
    }
    let pq = user.pq.unwrap_or_default();
    let bq = user.bq.unwrap_or_default();
    let sq = user.sq.unwrap_or_default();
    let rq = user.rq.unwrap_or_default();
    let (pq_e, pq_r, pq_c) = compression(pq.enabled, pq.rescore_limit, pq.cache);
    let (bq_e, bq_r, bq_c) = compression(bq.enabled, bq.rescore_limit, bq.cache);
    let (sq_e, sq_r, sq_c) = compression(sq.enabled, sq.rescore_limit, sq.cache);
    let (rq_e, rq_r, rq_c) = compression(rq.enabled, rq.rescore_limit, rq.cache);
    VectorIndexConfig {
        distance: Some(user.distance.unwrap_or(Distance::Cosine)),
        vector_cache_max_objects: Some(user.vector_cache_max_objects.unwrap_or(1_000_000_000_000)),
        pq: Some(PqConfig {
            enabled: pq_e,
            rescore_limit: pq_r,
            cache: pq_c,
            extra: pq.extra,
            ..Default::default()
        }),
        bq: Some(BqConfig {
            enabled: bq_e,
            rescore_limit: bq_r,
            cache: bq_c,
            extra: bq.extra,
        }),
        sq: Some(SqConfig {
            enabled: sq_e,
            rescore_limit: sq_r,
            cache: sq_c,
            extra: sq.extra,
            ..Default::default()
        }),
        rq: Some(RqConfig {
            enabled: rq_e,
            // `bits` is omitted by the server when 0.
            bits: Some(rq.bits.unwrap_or(8)).filter(|b| *b != 0),
            rescore_limit: rq_r,
            cache: rq_c,
            extra: rq.extra,
        }),
        skip_default_quantization: Some(user.skip_default_quantization.unwrap_or(false)),
        track_default_quantization: Some(user.track_default_quantization.unwrap_or(false)),
        extra: user.extra,
        ..Default::default()
    }
}

/// `enableQuantization`: the server's `DEFAULT_QUANTIZATION` for indexes without a quantizer.
fn apply_default_quantization(
    ty: &VectorIndexType,
    cfg: &mut VectorIndexConfig,
    sd: &ServerDefaults,
) {
    let Some(compression) = sd.default_quantization.as_deref().filter(|c| !c.is_empty()) else {
        return;
    };
    match ty {
        VectorIndexType::Hnsw => hnsw_default_quantization(cfg, compression),
        VectorIndexType::Flat => flat_default_quantization(cfg, compression),
        VectorIndexType::Dynamic => {
            if let Some(h) = &mut cfg.hnsw {
                hnsw_default_quantization(h, compression);
            }
            if let Some(f) = &mut cfg.flat {
                flat_default_quantization(f, compression);
            }
        }
        _ => {}
    }
}

fn enabled<T>(q: &Option<T>, get: impl Fn(&T) -> Option<bool>) -> bool {
    q.as_ref().and_then(get).unwrap_or(false)
}

fn hnsw_default_quantization(cfg: &mut VectorIndexConfig, compression: &str) {
    cfg.track_default_quantization = Some(false);
    if enabled(&cfg.pq, |q| q.enabled)
        || enabled(&cfg.sq, |q| q.enabled)
        || enabled(&cfg.rq, |q| q.enabled)
        || enabled(&cfg.bq, |q| q.enabled)
        || cfg.skip_default_quantization == Some(true)
    {
        return;
    }
    match compression {
        "none" => return,
        "pq" => cfg.pq.get_or_insert_with(Default::default).enabled = Some(true),
        "sq" => cfg.sq.get_or_insert_with(Default::default).enabled = Some(true),
        "bq" => cfg.bq.get_or_insert_with(Default::default).enabled = Some(true),
        "rq-1" | "rq-4" | "rq-8" => {
            let rq = cfg.rq.get_or_insert_with(Default::default);
            rq.enabled = Some(true);
            rq.bits = Some(i64::from(compression.as_bytes()[3] - b'0'));
            rq.rescore_limit = Some(if compression == "rq-1" { 512 } else { 20 });
        }
        _ => return,
    }
    cfg.track_default_quantization = Some(true);
}

fn flat_default_quantization(cfg: &mut VectorIndexConfig, compression: &str) {
    cfg.track_default_quantization = Some(false);
    if enabled(&cfg.rq, |q| q.enabled)
        || enabled(&cfg.bq, |q| q.enabled)
        || cfg.skip_default_quantization == Some(true)
    {
        return;
    }
    match compression {
        "rq-1" | "rq-8" => {
            let rq = cfg.rq.get_or_insert_with(Default::default);
            rq.enabled = Some(true);
            rq.bits = Some(i64::from(compression.as_bytes()[3] - b'0'));
            rq.rescore_limit = Some(-1);
            rq.cache = Some(false);
        }
        "bq" => {
            let bq = cfg.bq.get_or_insert_with(Default::default);
            bq.enabled = Some(true);
            bq.rescore_limit = Some(-1);
            bq.cache = Some(false);
        }
        _ => return,
    }
    cfg.track_default_quantization = Some(true);
}
