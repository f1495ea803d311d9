//! Vector index settings: index types, distances, HNSW / flat / dynamic parameters and quantization.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::macros::{setters, string_enum};

string_enum! {
    /// The kind of vector index (JSON `vectorIndexType`).
    pub enum VectorIndexType {
        /// `hnsw` (the server default): a graph index.
        Hnsw => "hnsw",
        /// `flat`: brute force, for small collections (e.g. many small tenants).
        Flat => "flat",
        /// `dynamic`: flat until `threshold` objects, then HNSW; needs `ASYNC_INDEXING` on the server.
        Dynamic => "dynamic",
        /// `hfresh`: a disk-based index (experimental).
        Hfresh => "hfresh",
        /// `none`: the server's marker of a named vector whose index was dropped.
        Dropped => "none",
    }
}

string_enum! {
    /// The distance metric of a vector index.
    pub enum Distance {
        /// Cosine distance (server default).
        Cosine => "cosine",
        /// Negative dot product.
        Dot => "dot",
        /// Squared Euclidean distance.
        L2Squared => "l2-squared",
        /// Hamming distance.
        Hamming => "hamming",
        /// Manhattan distance.
        Manhattan => "manhattan",
    }
}

string_enum! {
    /// How HNSW searches with a filter.
    pub enum FilterStrategy {
        /// Walk the graph and skip filtered-out nodes.
        Sweeping => "sweeping",
        /// ACORN (server default).
        Acorn => "acorn",
    }
}

string_enum! {
    /// The PQ encoder.
    pub enum PqEncoderType {
        /// k-means clustering (server default).
        Kmeans => "kmeans",
        /// Tile encoder.
        Tile => "tile",
    }
}

string_enum! {
    /// The assumed value distribution of the PQ tile encoder.
    pub enum PqEncoderDistribution {
        /// Log-normal (server default).
        LogNormal => "log-normal",
        /// Normal.
        Normal => "normal",
    }
}

string_enum! {
    /// How the vectors of a multi-vector are combined into a score.
    pub enum MultivectorAggregation {
        /// Sum of maximum similarities (late interaction, server default).
        MaxSim => "maxSim",
    }
}

/// The settings of a vector index (JSON `vectorIndexConfig`).
///
/// Which fields apply depends on the index type, which Weaviate keeps beside this object
/// (`vectorIndexType`): HNSW uses `distance`, `ef`, `ef_construction`, `max_connections`,
/// `dynamic_ef_*`, `flat_search_cutoff`, `vector_cache_max_objects`, `cleanup_interval_seconds`, `skip`,
/// `filter_strategy`, `multivector` and `pq` / `bq` / `sq` / `rq`; flat uses `distance`,
/// `vector_cache_max_objects` and `bq` / `rq` (with `cache` and `rescore_limit`); dynamic uses
/// `distance`, `threshold` and nested `hnsw` and `flat` configs; hfresh uses `max_posting_size_kb`,
/// `replicas`, `search_probe`, `distance` and `rq`. The server reports every field of its index type.
///
/// ```
/// use weaviate_orm::schema::{Distance, PqConfig, VectorIndexConfig};
///
/// let hnsw = VectorIndexConfig::new()
///     .distance(Distance::Dot)
///     .ef_construction(256)
///     .max_connections(64)
///     .pq(PqConfig::new().segments(32));
/// assert_eq!(serde_json::to_value(&hnsw).unwrap()["pq"], serde_json::json!({"enabled": true, "segments": 32}));
///
/// let dynamic = VectorIndexConfig::new()
///     .threshold(5_000)
///     .hnsw(VectorIndexConfig::new().ef(64))
///     .flat(VectorIndexConfig::new().distance(Distance::Cosine));
/// assert_eq!(dynamic.hnsw.unwrap().ef, Some(64));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VectorIndexConfig {
    /// Distance metric (server default: cosine).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distance: Option<Distance>,
    /// HNSW: size of the search candidate list, -1 for dynamic ef (server default: -1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ef: Option<i64>,
    /// HNSW: candidate list size while building (server default: 128).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ef_construction: Option<i64>,
    /// HNSW: maximum connections per node (server default: 32).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_connections: Option<i64>,
    /// HNSW: lower bound of dynamic ef (server default: 100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_ef_min: Option<i64>,
    /// HNSW: upper bound of dynamic ef (server default: 500).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_ef_max: Option<i64>,
    /// HNSW: dynamic ef = limit * factor (server default: 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dynamic_ef_factor: Option<i64>,
    /// HNSW: below this many filter matches, search flat (server default: 40000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat_search_cutoff: Option<i64>,
    /// HNSW / flat: vectors kept in memory (server default: 1e12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_cache_max_objects: Option<i64>,
    /// HNSW: interval of tombstone clean-up in seconds (server default: 300).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cleanup_interval_seconds: Option<i64>,
    /// HNSW: skip indexing entirely (server default: false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip: Option<bool>,
    /// HNSW: filtered-search strategy (server default: acorn).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_strategy: Option<FilterStrategy>,
    /// Product quantization (HNSW; flat reports a disabled one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pq: Option<PqConfig>,
    /// Binary quantization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bq: Option<BqConfig>,
    /// Scalar quantization (HNSW; flat reports a disabled one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sq: Option<SqConfig>,
    /// Rotational quantization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rq: Option<RqConfig>,
    /// HNSW: multi-vector (late interaction) settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multivector: Option<MultivectorConfig>,
    /// Do not apply the server's `DEFAULT_QUANTIZATION` to this index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skip_default_quantization: Option<bool>,
    /// Set by the server when it applied `DEFAULT_QUANTIZATION`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track_default_quantization: Option<bool>,
    /// Dynamic: number of objects at which the flat index becomes HNSW (server default: 10000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<i64>,
    /// Dynamic: the HNSW stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hnsw: Option<Box<VectorIndexConfig>>,
    /// Dynamic: the flat stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flat: Option<Box<VectorIndexConfig>>,
    /// HFresh: maximum posting size in KB (server default: 48).
    #[serde(
        default,
        rename = "maxPostingSizeKB",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_posting_size_kb: Option<i64>,
    /// HFresh: replicas per vector (server default: 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicas: Option<i64>,
    /// HFresh: postings probed per search (server default: 256).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_probe: Option<i64>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl VectorIndexConfig {
    /// An empty config (everything left to the server's defaults).
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// Sets the distance metric.
        distance: Distance,
        /// Sets HNSW `ef`.
        ef: i64,
        /// Sets HNSW `efConstruction`.
        ef_construction: i64,
        /// Sets HNSW `maxConnections`.
        max_connections: i64,
        /// Sets HNSW `dynamicEfMin`.
        dynamic_ef_min: i64,
        /// Sets HNSW `dynamicEfMax`.
        dynamic_ef_max: i64,
        /// Sets HNSW `dynamicEfFactor`.
        dynamic_ef_factor: i64,
        /// Sets HNSW `flatSearchCutoff`.
        flat_search_cutoff: i64,
        /// Sets `vectorCacheMaxObjects`.
        vector_cache_max_objects: i64,
        /// Sets HNSW `cleanupIntervalSeconds`.
        cleanup_interval_seconds: i64,
        /// Sets HNSW `skip`.
        skip: bool,
        /// Sets HNSW `filterStrategy`.
        filter_strategy: FilterStrategy,
        /// Sets product quantization.
        pq: PqConfig,
        /// Sets binary quantization.
        bq: BqConfig,
        /// Sets scalar quantization.
        sq: SqConfig,
        /// Sets rotational quantization.
        rq: RqConfig,
        /// Sets multi-vector settings.
        multivector: MultivectorConfig,
        /// Sets `skipDefaultQuantization`.
        skip_default_quantization: bool,
        /// Sets the dynamic index threshold.
        threshold: i64,
        /// Sets the HNSW stage of a dynamic index.
        hnsw: VectorIndexConfig,
        /// Sets the flat stage of a dynamic index.
        flat: VectorIndexConfig,
        /// Sets HFresh `maxPostingSizeKB`.
        max_posting_size_kb: i64,
        /// Sets HFresh `replicas`.
        replicas: i64,
        /// Sets HFresh `searchProbe`.
        search_probe: i64,
    }
}

/// Product quantization (JSON `pq`).
///
/// HNSW uses `enabled`, `bit_compression`, `segments`, `centroids`, `training_limit` and `encoder`;
/// flat reports `enabled`, `rescore_limit` and `cache`.
///
/// ```
/// use weaviate_orm::schema::{PqConfig, PqEncoder, PqEncoderType};
/// let pq = PqConfig::new().segments(64).centroids(256).encoder(PqEncoder::new(PqEncoderType::Kmeans));
/// assert_eq!(pq.enabled, Some(true));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PqConfig {
    /// Whether PQ is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// HNSW: deprecated bit compression (server default: false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bit_compression: Option<bool>,
    /// HNSW: number of segments, 0 to let the server pick (server default: 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segments: Option<i64>,
    /// HNSW: centroids per segment (server default: 256).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub centroids: Option<i64>,
    /// HNSW: vectors used for training (server default: 100000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_limit: Option<i64>,
    /// HNSW: the encoder (server default: kmeans, log-normal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoder: Option<PqEncoder>,
    /// Flat: candidates rescored with full vectors (server default: -1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescore_limit: Option<i64>,
    /// Flat: keep compressed vectors in memory (server default: false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<bool>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PqConfig {
    /// PQ turned on, everything else left to the server's defaults.
    pub fn new() -> Self {
        PqConfig {
            enabled: Some(true),
            ..Default::default()
        }
    }

    setters! {
        /// Sets whether PQ is on.
        enabled: bool,
        /// Sets bit compression.
        bit_compression: bool,
        /// Sets the number of segments.
        segments: i64,
        /// Sets the centroids per segment.
        centroids: i64,
        /// Sets the training limit.
        training_limit: i64,
        /// Sets the encoder.
        encoder: PqEncoder,
        /// Sets the rescore limit (flat).
        rescore_limit: i64,
        /// Sets the cache flag (flat).
        cache: bool,
    }
}

/// The encoder of [`PqConfig`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PqEncoder {
    /// The encoder type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub encoder_type: Option<PqEncoderType>,
    /// The distribution (tile encoder).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<PqEncoderDistribution>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PqEncoder {
    /// An encoder of a type.
    pub fn new(encoder_type: PqEncoderType) -> Self {
        PqEncoder {
            encoder_type: Some(encoder_type),
            ..Default::default()
        }
    }

    /// Sets the distribution.
    pub fn distribution(mut self, distribution: PqEncoderDistribution) -> Self {
        self.distribution = Some(distribution);
        self
    }
}

/// Binary quantization (JSON `bq`). HNSW uses `enabled`; flat also `rescore_limit` and `cache`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BqConfig {
    /// Whether BQ is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Flat: candidates rescored with full vectors (server default: -1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescore_limit: Option<i64>,
    /// Flat: keep compressed vectors in memory (server default: false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<bool>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl BqConfig {
    /// BQ turned on.
    ///
    /// ```
    /// use weaviate_orm::schema::BqConfig;
    /// assert_eq!(serde_json::to_value(BqConfig::new()).unwrap(), serde_json::json!({"enabled": true}));
    /// ```
    pub fn new() -> Self {
        BqConfig {
            enabled: Some(true),
            ..Default::default()
        }
    }

    setters! {
        /// Sets whether BQ is on.
        enabled: bool,
        /// Sets the rescore limit (flat).
        rescore_limit: i64,
        /// Sets the cache flag (flat).
        cache: bool,
    }
}

/// Scalar quantization (JSON `sq`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SqConfig {
    /// Whether SQ is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// HNSW: vectors used for training (server default: 100000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_limit: Option<i64>,
    /// Candidates rescored with full vectors (server default: 20 for HNSW, -1 for flat).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescore_limit: Option<i64>,
    /// Flat: keep compressed vectors in memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<bool>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl SqConfig {
    /// SQ turned on.
    pub fn new() -> Self {
        SqConfig {
            enabled: Some(true),
            ..Default::default()
        }
    }

    setters! {
        /// Sets whether SQ is on.
        enabled: bool,
        /// Sets the training limit.
        training_limit: i64,
        /// Sets the rescore limit.
        rescore_limit: i64,
        /// Sets the cache flag (flat).
        cache: bool,
    }
}

/// Rotational quantization (JSON `rq`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RqConfig {
    /// Whether RQ is on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Bits per dimension: 8, 4 (HNSW) or 1 (server default: 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bits: Option<i64>,
    /// Candidates rescored with full vectors (server default: 20 for HNSW, 512 for 1-bit HNSW, -1 for
    /// flat).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rescore_limit: Option<i64>,
    /// Flat: keep compressed vectors in memory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<bool>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl RqConfig {
    /// RQ turned on.
    ///
    /// ```
    /// use weaviate_orm::schema::RqConfig;
    /// let rq = RqConfig::new().bits(1);
    /// assert_eq!(serde_json::to_value(rq).unwrap(), serde_json::json!({"enabled": true, "bits": 1}));
    /// ```
    pub fn new() -> Self {
        RqConfig {
            enabled: Some(true),
            ..Default::default()
        }
    }

    setters! {
        /// Sets whether RQ is on.
        enabled: bool,
        /// Sets the bits per dimension.
        bits: i64,
        /// Sets the rescore limit.
        rescore_limit: i64,
        /// Sets the cache flag (flat).
        cache: bool,
    }
}

/// Multi-vector settings of an HNSW index (JSON `multivector`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MultivectorConfig {
    /// Whether the index holds multi-vectors (server default: false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// MUVERA encoding of multi-vectors into single vectors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub muvera: Option<MuveraConfig>,
    /// How vector similarities are aggregated (server default: maxSim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aggregation: Option<MultivectorAggregation>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl MultivectorConfig {
    /// Multi-vectors turned on.
    pub fn new() -> Self {
        MultivectorConfig {
            enabled: Some(true),
            ..Default::default()
        }
    }

    setters! {
        /// Sets whether multi-vectors are on.
        enabled: bool,
        /// Sets MUVERA.
        muvera: MuveraConfig,
        /// Sets the aggregation.
        aggregation: MultivectorAggregation,
    }
}

/// MUVERA settings (JSON `muvera`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MuveraConfig {
    /// Whether MUVERA is on (server default: false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Number of SimHash bits (server default: 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ksim: Option<i64>,
    /// Projection dimensions (server default: 16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dprojections: Option<i64>,
    /// Repetitions (server default: 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repetitions: Option<i64>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl MuveraConfig {
    /// MUVERA turned on.
    pub fn new() -> Self {
        MuveraConfig {
            enabled: Some(true),
            ..Default::default()
        }
    }

    setters! {
        /// Sets whether MUVERA is on.
        enabled: bool,
        /// Sets `ksim`.
        ksim: i64,
        /// Sets `dprojections`.
        dprojections: i64,
        /// Sets `repetitions`.
        repetitions: i64,
    }
}
