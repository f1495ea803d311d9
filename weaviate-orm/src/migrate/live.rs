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

impl LiveState {
    /// Reads the live state; index states are read for `physical` collections only.
    pub(crate) async fn read(client: &Client) -> Result<LiveState> {
        let meta = client.meta().await?;
        let classes = client
            .collections()
            .list()
            .await?
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
        if !crate::version::at_least(&self.version, crate::collections::indexes::STATUS_SINCE) {
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
