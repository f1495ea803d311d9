//! Multi-tenancy, replication, sharding and object time-to-live.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::macros::string_enum;

/// Multi-tenancy settings (JSON `multiTenancyConfig`).
///
/// ```
/// use weaviate_orm::schema::MultiTenancyConfig;
/// let mt = MultiTenancyConfig::enabled().auto_tenant_creation(true);
/// assert_eq!(serde_json::to_value(&mt).unwrap(), serde_json::json!({"enabled": true, "autoTenantCreation": true}));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MultiTenancyConfig {
    /// Whether the collection is multi-tenant (server default: `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Create unknown tenants implicitly on write (server default: `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_tenant_creation: Option<bool>,
    /// Activate inactive tenants implicitly on access (server default: `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_tenant_activation: Option<bool>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl MultiTenancyConfig {
    /// Multi-tenancy turned on.
    pub fn enabled() -> Self {
        MultiTenancyConfig {
            enabled: Some(true),
            ..Default::default()
        }
    }

    /// Sets automatic tenant creation.
    pub fn auto_tenant_creation(mut self, on: bool) -> Self {
        self.auto_tenant_creation = Some(on);
        self
    }

    /// Sets automatic tenant activation.
    pub fn auto_tenant_activation(mut self, on: bool) -> Self {
        self.auto_tenant_activation = Some(on);
        self
    }

    /// Whether multi-tenancy is on.
    pub fn is_enabled(&self) -> bool {
        self.enabled.unwrap_or(false)
    }
}

string_enum! {
    /// How replicas resolve a conflict between a deletion and a write.
    pub enum DeletionStrategy {
        /// Leave conflicts unresolved.
        NoAutomatedResolution => "NoAutomatedResolution",
        /// The deletion wins.
        DeleteOnConflict => "DeleteOnConflict",
        /// The most recent change wins (server default).
        TimeBasedResolution => "TimeBasedResolution",
    }
}

/// Replication settings (JSON `replicationConfig`).
///
/// ```
/// use weaviate_orm::schema::{DeletionStrategy, ReplicationConfig};
/// let r = ReplicationConfig::factor(3).deletion_strategy(DeletionStrategy::DeleteOnConflict);
/// assert_eq!(r.factor, Some(3));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicationConfig {
    /// How many copies of each shard exist (server default: 1, or `REPLICATION_MINIMUM_FACTOR`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<i64>,
    /// Whether asynchronous replication runs. Since v1.39 the server derives this (true when
    /// `factor > 1` unless `ASYNC_REPLICATION_DISABLED`) and ignores the value sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub async_enabled: Option<bool>,
    /// Conflict resolution for deletions (server default: `TimeBasedResolution`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_strategy: Option<DeletionStrategy>,
    /// Tuning of asynchronous replication.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub async_config: Option<ReplicationAsyncConfig>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ReplicationConfig {
    /// Replication with a factor.
    pub fn factor(factor: i64) -> Self {
        ReplicationConfig {
            factor: Some(factor),
            ..Default::default()
        }
    }

    /// Sets the deletion strategy.
    pub fn deletion_strategy(mut self, strategy: DeletionStrategy) -> Self {
        self.deletion_strategy = Some(strategy);
        self
    }

    /// Sets the asynchronous replication tuning.
    pub fn async_config(mut self, config: ReplicationAsyncConfig) -> Self {
        self.async_config = Some(config);
        self
    }
}

/// Tuning of asynchronous replication (JSON `asyncConfig`); every field is optional and the server
/// does not fill unset ones in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplicationAsyncConfig {
    /// Maximum number of object keys in one diff batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff_batch_size: Option<i64>,
    /// Timeout in seconds for computing a diff against one node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diff_per_node_timeout: Option<i64>,
    /// Base frequency in milliseconds of diff calculations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<i64>,
    /// Frequency in milliseconds while propagation is active.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency_while_propagating: Option<i64>,
    /// Height of the hash tree used for diffing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hashtree_height: Option<i64>,
    /// Interval in seconds of status logging.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logging_frequency: Option<i64>,
    /// Timeout in seconds of the pre-propagation phase.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pre_propagation_timeout: Option<i64>,
    /// Objects per propagation batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propagation_batch_size: Option<i64>,
    /// Concurrent propagation workers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propagation_concurrency: Option<i64>,
    /// Delay in milliseconds before new changes are propagated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propagation_delay: Option<i64>,
    /// Maximum number of objects propagated in one run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propagation_limit: Option<i64>,
    /// Timeout in seconds for propagating one batch to a node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub propagation_timeout: Option<i64>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// Sharding of a single-tenant collection (JSON `shardingConfig`).
///
/// `desired_count` defaults to the number of nodes of the cluster, and the server derives
/// `actual_count`, `desired_virtual_count` and `actual_virtual_count` from it; those four are left out
/// of [`CollectionConfig::normalized_for_compare`](super::CollectionConfig::normalized_for_compare).
/// For a multi-tenant collection the server reports an all-zero config.
///
/// ```
/// use weaviate_orm::schema::ShardingConfig;
/// let s = ShardingConfig::desired_count(1);
/// assert_eq!(serde_json::to_value(&s).unwrap(), serde_json::json!({"desiredCount": 1}));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShardingConfig {
    /// Virtual shards per physical shard (server default: 128).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub virtual_per_physical: Option<i64>,
    /// Number of physical shards (server default: the number of nodes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_count: Option<i64>,
    /// Number of physical shards that exist (reported by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_count: Option<i64>,
    /// `desired_count * virtual_per_physical` (reported by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desired_virtual_count: Option<i64>,
    /// Number of virtual shards that exist (reported by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual_virtual_count: Option<i64>,
    /// The sharding key (only `_id` is supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The sharding strategy (only `hash` is supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strategy: Option<String>,
    /// The hash function (only `murmur3` is supported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ShardingConfig {
    /// Sharding with a number of physical shards.
    pub fn desired_count(count: i64) -> Self {
        ShardingConfig {
            desired_count: Some(count),
            ..Default::default()
        }
    }

    /// Sets the number of virtual shards per physical shard.
    pub fn virtual_per_physical(mut self, count: i64) -> Self {
        self.virtual_per_physical = Some(count);
        self
    }
}

/// Time-to-live of objects (JSON `objectTtlConfig`). Needs `OBJECTS_TTL_DELETE_SCHEDULE` on the server.
///
/// ```
/// use weaviate_orm::schema::ObjectTtlConfig;
/// let ttl = ObjectTtlConfig::delete_on("_creationTimeUnix", 3600);
/// assert_eq!(ttl.enabled, Some(true));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectTtlConfig {
    /// Whether expired objects are deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The base time: `_creationTimeUnix`, `_lastUpdateTimeUnix` or a `date` property.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_on: Option<String>,
    /// Seconds added to the base time.
    #[serde(
        default,
        rename = "defaultTtl",
        skip_serializing_if = "Option::is_none"
    )]
    pub default_ttl: Option<i64>,
    /// Hide expired objects not deleted yet from results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter_expired_objects: Option<bool>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ObjectTtlConfig {
    /// Objects expire `ttl_seconds` after the time in `delete_on`.
    pub fn delete_on(delete_on: impl Into<String>, ttl_seconds: i64) -> Self {
        ObjectTtlConfig {
            enabled: Some(true),
            delete_on: Some(delete_on.into()),
            default_ttl: Some(ttl_seconds),
            ..Default::default()
        }
    }

    /// Sets whether expired objects are hidden from results.
    pub fn filter_expired_objects(mut self, on: bool) -> Self {
        self.filter_expired_objects = Some(on);
        self
    }
}
