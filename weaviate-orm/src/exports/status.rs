//! What the server says about an export: its state, its collections and the progress of each shard.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use crate::schema::{null_as_default, string_enum};

string_enum! {
    /// The file format of an export. Weaviate 1.39 writes Parquet only.
    #[non_exhaustive]
    pub enum ExportFormat {
        /// Apache Parquet, Zstd-compressed: one file per shard (and key range) of each collection.
        Parquet => "parquet",
    }
}

#[allow(clippy::derivable_impls)] // the enum comes from a macro that derives no Default
impl Default for ExportFormat {
    fn default() -> Self {
        ExportFormat::Parquet
    }
}

string_enum! {
    /// Where an export is.
    #[non_exhaustive]
    pub enum ExportStatus {
        /// Accepted; the nodes are taking their snapshots.
        Started => "STARTED",
        /// Writing files (reported while it runs, never stored).
        Transferring => "TRANSFERRING",
        /// Every shard is written.
        Success => "SUCCESS",
        /// A node or shard failed (see [`Export::error`] and [`ShardExport::error`]).
        Failed => "FAILED",
        /// Cancelled with [`Exports::cancel`](super::Exports::cancel).
        Canceled => "CANCELED",
    }
}

impl ExportStatus {
    /// Whether the export has ended (succeeded, failed or was cancelled).
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            ExportStatus::Success | ExportStatus::Failed | ExportStatus::Canceled
        )
    }
}

string_enum! {
    /// Where the export of one shard is.
    #[non_exhaustive]
    pub enum ShardExportStatus {
        /// Being written.
        Transferring => "TRANSFERRING",
        /// Written.
        Success => "SUCCESS",
        /// Failed (see [`ShardExport::error`]).
        Failed => "FAILED",
        /// Not exported, e.g. an offloaded tenant (see [`ShardExport::skip_reason`]).
        Skipped => "SKIPPED",
    }
}

/// The progress of one shard of an export.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ShardExport {
    /// Where it is.
    pub status: ShardExportStatus,
    /// Objects written so far (updated by the server every few seconds while it runs).
    #[serde(default)]
    pub objects_exported: u64,
    /// Why it failed.
    #[serde(default)]
    pub error: Option<String>,
    /// Why it was skipped.
    #[serde(default)]
    pub skip_reason: Option<String>,
}

/// An export as the server reports it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    /// The export's id.
    pub id: String,
    /// The backend it is written to.
    #[serde(default)]
    pub backend: Option<String>,
    /// Where the backend keeps its files (a directory for `filesystem`, a key prefix otherwise).
    #[serde(default)]
    pub path: Option<String>,
    /// Where it is.
    pub status: ExportStatus,
    /// The collections it exports.
    #[serde(default, rename = "classes", deserialize_with = "null_as_default")]
    pub collections: Vec<String>,
    /// Per collection, per shard (a tenant's shard is named after the tenant): its progress.
    #[serde(default, rename = "shardStatus", deserialize_with = "null_as_default")]
    pub shards: BTreeMap<String, BTreeMap<String, ShardExport>>,
    /// Why it failed.
    #[serde(default)]
    pub error: Option<String>,
    /// When it started.
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    /// When it ended.
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
    #[serde(default, rename = "tookInMs")]
    took_ms: Option<u64>,
}

impl Export {
    /// How long it took, once it has ended.
    pub fn took(&self) -> Option<Duration> {
        self.took_ms.map(Duration::from_millis)
    }

    /// The objects written so far, over every shard.
    pub fn objects_exported(&self) -> u64 {
        self.shards
            .values()
            .flat_map(BTreeMap::values)
            .map(|shard| shard.objects_exported)
            .sum()
    }

    /// The objects written so far of one collection.
    pub fn objects_exported_of(&self, collection: &str) -> u64 {
        self.shards
            .get(collection)
            .map(|shards| shards.values().map(|s| s.objects_exported).sum())
            .unwrap_or(0)
    }

    /// The errors of the export and of its shards, `collection/shard: message`.
    pub fn errors(&self) -> Vec<String> {
        let shard_errors = self.shards.iter().flat_map(|(collection, shards)| {
            shards.iter().filter_map(move |(shard, progress)| {
                progress
                    .error
                    .as_ref()
                    .map(|message| format!("{collection}/{shard}: {message}"))
            })
        });
        self.error.iter().cloned().chain(shard_errors).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn exports_decode_with_their_shards_and_times() {
        let done: Export = serde_json::from_value(json!({
            "backend": "filesystem", "classes": ["Ex"], "id": "ex1",
            "path": "/tmp/dev/exports/ex1", "status": "SUCCESS", "tookInMs": 19,
            "startedAt": "2026-12-01T21:50:31.979Z", "completedAt": "2026-12-01T21:50:31.999Z",
            "shardStatus": {"Ex": {"s1": {"objectsExported": 3, "status": "SUCCESS"},
                                   "s2": {"objectsExported": 4, "status": "FAILED", "error": "disk"}},
                            "Mt": {"cold": {"status": "SKIPPED", "skipReason": "tenant is COLD"}}}
        }))
        .unwrap();
        assert_eq!(done.status, ExportStatus::Success);
        assert!(done.status.is_finished());
        assert_eq!(done.took(), Some(Duration::from_millis(19)));
        assert_eq!(done.objects_exported(), 7);
        assert_eq!(done.objects_exported_of("Ex"), 7);
        assert_eq!(done.objects_exported_of("Nope"), 0);
        assert_eq!(done.errors(), ["Ex/s2: disk"]);
        let cold = &done.shards["Mt"]["cold"];
        assert_eq!(cold.status, ShardExportStatus::Skipped);
        assert_eq!(cold.skip_reason.as_deref(), Some("tenant is COLD"));

        let started: Export = serde_json::from_value(json!({
            "id": "ex2", "status": "STARTED", "classes": null, "shardStatus": null
        }))
        .unwrap();
        assert!(!started.status.is_finished());
        assert!(started.collections.is_empty() && started.shards.is_empty());
        let later: Export = serde_json::from_value(json!({"id": "x", "status": "PAUSED"})).unwrap();
        assert_eq!(later.status, ExportStatus::Other("PAUSED".into()));
    }
}
