//! The live state: what the server has (schema, aliases, shards, per-property index state).

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::client::Client;
use crate::error::Result;
use crate::schema::CollectionConfig;
use crate::transport::rest::Path;

use crate::collections::IndexStatusReport;

/// Everything a plan is computed from, read from the server in one go.
#[derive(Debug, Clone, Default)]
pub struct LiveState {
    /// The server's version (`GET /v1/meta`).
    pub version: String,
    /// Every collection by its own (physical) name.
    pub classes: BTreeMap<String, CollectionConfig>,
    /// Every alias: alias name -> collection.
    pub aliases: BTreeMap<String, String>,
    /// Nodes in the cluster.
    pub node_count: i64,
    /// Per collection: shard name -> replicas (from `GET /v1/nodes?output=verbose`).
    pub shard_replicas: BTreeMap<String, BTreeMap<String, i64>>,
    /// Per collection that a struct declares: the per-property index state (1.38+; empty before).
    pub indexes: BTreeMap<String, IndexStatusReport>,
}

#[derive(Deserialize)]
struct Schema {
    #[serde(default)]
    classes: Option<Vec<CollectionConfig>>,
}

#[derive(Deserialize)]
struct Nodes {
    #[serde(default)]
    nodes: Vec<Node>,
}

#[derive(Deserialize)]
struct Node {
    #[serde(default)]
    shards: Option<Vec<Shard>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Shard {
    #[serde(default)]
    class: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    number_of_replicas: Option<i64>,
}

/// The first version with `GET /v1/schema/{c}/indexes`.
pub(crate) const INDEX_STATUS_SINCE: &str = "1.38.0";

impl LiveState {
    /// Reads the live state; index states are read for `physical` collections only.
    pub(crate) async fn read(client: &Client) -> Result<LiveState> {
        let meta = client.meta().await?;
        let schema: Schema = client.rest().get(Path::v1(["schema"])).await?;
        let classes = schema
            .classes
            .unwrap_or_default()
            .into_iter()
            .map(|c| (c.name.clone(), c))
            .collect();
        let aliases = client
            .aliases()
            .list()
            .await?
            .into_iter()
            .map(|a| (a.alias, a.collection))
            .collect();
        let nodes: Nodes = client
            .rest()
            .get(Path::v1(["nodes"]).query("output", "verbose"))
            .await?;
        let mut shard_replicas: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
        for node in &nodes.nodes {
            for shard in node.shards.iter().flatten() {
                let replicas = shard.number_of_replicas.unwrap_or(1);
                let entry = shard_replicas
                    .entry(shard.class.clone())
                    .or_default()
                    .entry(shard.name.clone())
                    .or_insert(0);
                *entry = (*entry).max(replicas);
            }
        }
        Ok(LiveState {
            version: meta.version,
            classes,
            aliases,
            node_count: i64::try_from(nodes.nodes.len().max(1)).unwrap_or(1),
            shard_replicas,
            indexes: BTreeMap::new(),
        })
    }

    /// Reads the per-property index state of `collection` when the server has the endpoint.
    pub(crate) async fn read_indexes(&mut self, client: &Client, collection: &str) -> Result<()> {
        if !version_at_least(&self.version, INDEX_STATUS_SINCE) {
            return Ok(());
        }
        let report = client.collections().indexes(collection).status().await?;
        self.indexes.insert(collection.to_owned(), report);
        Ok(())
    }

    /// The physical collection behind `name`: the alias's target, or `name` when it is a collection.
    pub fn resolve(&self, name: &str) -> Option<&str> {
        if let Some(target) = self.aliases.get(name) {
            return Some(target.as_str());
        }
        self.classes.get(name).map(|c| c.name.as_str())
    }

    /// The aliases pointing at `collection`.
    pub fn aliases_of(&self, collection: &str) -> Vec<&str> {
        self.aliases
            .iter()
            .filter(|(_, target)| target.as_str() == collection)
            .map(|(alias, _)| alias.as_str())
            .collect()
    }
}

/// Whether `version` (`1.39.0`, `1.39.0-rc.1`, `v1.38.2`) is at least `min`.
pub(crate) fn version_at_least(version: &str, min: &str) -> bool {
    fn parts(v: &str) -> Vec<u64> {
        v.trim_start_matches('v')
            .split(['-', '+'])
            .next()
            .unwrap_or("")
            .split('.')
            .map(|p| p.parse().unwrap_or(0))
            .collect()
    }
    let (a, b) = (parts(version), parts(min));
    for i in 0..3 {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return x > y;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::version_at_least;

    #[test]
    fn versions_compare_numerically() {
        assert!(version_at_least("1.39.0", "1.38.0"));
        assert!(version_at_least("1.38.0", "1.38.0"));
        assert!(!version_at_least("1.37.9", "1.38.0"));
        assert!(version_at_least("1.100.0", "1.39.0"));
        assert!(version_at_least("v1.39.1-rc.2", "1.39.0"));
        assert!(!version_at_least("", "1.36.0"));
    }
}
