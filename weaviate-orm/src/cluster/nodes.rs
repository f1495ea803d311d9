//! Nodes (`GET /v1/nodes`) and raft statistics (`GET /v1/cluster/statistics`).

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::{Cluster, ShardStatus, null_as_empty, server_enum};
use crate::error::Result;
use crate::names::check_collection_name;
use crate::transport::rest::Path;

server_enum! {
    /// How a node is, as the cluster sees it.
    NodeStatus {
        /// Up and serving.
        Healthy = "HEALTHY",
        /// Up but failing.
        Unhealthy = "UNHEALTHY",
        /// Not reachable.
        Unavailable = "UNAVAILABLE",
        /// Did not answer in time.
        Timeout = "TIMEOUT",
    }
}

/// A node of the cluster (`GET /v1/nodes`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Node {
    /// The node's name, e.g. `node1` (the name replication operations take).
    pub name: String,
    /// Its status.
    pub status: NodeStatus,
    /// Its Weaviate version.
    #[serde(default)]
    pub version: String,
    /// The git commit of its build, when the server reports it.
    #[serde(default)]
    pub git_hash: Option<String>,
    /// Shard and object counts (verbose output only).
    #[serde(default)]
    pub stats: Option<NodeStats>,
    /// Its batch queue.
    #[serde(default)]
    pub batch_stats: Option<BatchStats>,
    /// Its shards (verbose output only; empty in minimal output).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub shards: Vec<ShardInfo>,
    /// `ReadWrite`, `ReadOnly`, `WriteOnly` or `ScaleOut`, when reported.
    #[serde(default)]
    pub operational_mode: Option<String>,
}

/// Counts of a node (verbose output).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NodeStats {
    /// How many shards it holds.
    #[serde(default)]
    pub shard_count: u64,
    /// How many objects it holds, over all its shards.
    #[serde(default)]
    pub object_count: u64,
}

/// The batch queue of a node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct BatchStats {
    /// Objects waiting.
    #[serde(default)]
    pub queue_length: f64,
    /// Objects per second.
    #[serde(default)]
    pub rate_per_second: f64,
}

/// One shard (replica) held by a node (verbose output).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ShardInfo {
    /// The shard's name.
    pub name: String,
    /// The collection it belongs to.
    #[serde(rename = "class")]
    pub collection: String,
    /// The objects of this replica.
    #[serde(default)]
    pub object_count: u64,
    /// Whether its vector index is ready, indexing or read-only.
    #[serde(default = "ready")]
    pub vector_indexing_status: ShardStatus,
    /// Whether its vectors are compressed.
    #[serde(default)]
    pub compressed: bool,
    /// Vectors waiting to be indexed.
    #[serde(default)]
    pub vector_queue_length: u64,
    /// Whether the shard is loaded (lazy loading leaves it unloaded until used).
    #[serde(default)]
    pub loaded: bool,
    /// How many replicas of the shard exist, when reported.
    #[serde(default)]
    pub number_of_replicas: Option<u32>,
    /// The collection's replication factor, when reported.
    #[serde(default)]
    pub replication_factor: Option<u32>,
    /// The state of async replication with each other replica, as the server reports it.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub async_replication_status: Vec<Value>,
}

fn ready() -> ShardStatus {
    ShardStatus::Ready
}

#[derive(Deserialize)]
struct NodeList {
    #[serde(default, deserialize_with = "null_as_empty")]
    nodes: Vec<Node>,
}

/// The raft statistics of the cluster (`GET /v1/cluster/statistics`).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ClusterStatistics {
    /// One entry per node.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub statistics: Vec<NodeStatistics>,
    /// Whether every node agrees on the leader and the applied index.
    #[serde(default)]
    pub synchronized: bool,
}

impl ClusterStatistics {
    /// The leader's id, when every node that names one names the same.
    pub fn leader(&self) -> Option<&str> {
        let mut named = self
            .statistics
            .iter()
            .filter_map(|s| s.leader_id.as_deref());
        let first = named.next()?;
        named.all(|l| l == first).then_some(first)
    }

    /// How many nodes are raft voters.
    pub fn voters(&self) -> usize {
        self.statistics.iter().filter(|s| s.is_voter).count()
    }

    /// The nodes whose raft state is `Leader`.
    pub fn leaders(&self) -> impl Iterator<Item = &NodeStatistics> {
        self.statistics.iter().filter(|s| {
            s.raft
                .as_ref()
                .is_some_and(|r| r.state.eq_ignore_ascii_case("leader"))
        })
    }
}

/// The raft view of one node.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NodeStatistics {
    /// The node's name.
    pub name: String,
    /// Its status.
    pub status: NodeStatus,
    /// Whether it has bootstrapped raft.
    #[serde(default)]
    pub bootstrapped: bool,
    /// Whether its database is loaded.
    #[serde(default)]
    pub db_loaded: bool,
    /// Whether it votes.
    #[serde(default)]
    pub is_voter: bool,
    /// The leader it follows.
    #[serde(default, deserialize_with = "string_or_none")]
    pub leader_id: Option<String>,
    /// The leader's raft address.
    #[serde(default, deserialize_with = "string_or_none")]
    pub leader_address: Option<String>,
    /// Whether its raft store is open.
    #[serde(default)]
    pub open: bool,
    /// Whether it is ready.
    #[serde(default)]
    pub ready: bool,
    /// The log index it has applied.
    #[serde(default)]
    pub last_applied_index: Option<u64>,
    /// The log index applied at start-up.
    #[serde(default)]
    pub initial_last_applied_index: Option<u64>,
    /// The raft library's own statistics.
    #[serde(default)]
    pub raft: Option<RaftStatistics>,
}

/// The raft library's statistics of a node (values as the server sends them: strings).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct RaftStatistics {
    /// `Leader`, `Follower` or `Candidate`.
    #[serde(default)]
    pub state: String,
    /// The current term.
    #[serde(default)]
    pub term: String,
    /// The applied log index.
    #[serde(default)]
    pub applied_index: String,
    /// The committed log index.
    #[serde(default)]
    pub commit_index: String,
    /// The last log index.
    #[serde(default)]
    pub last_log_index: String,
    /// Time since the last contact with the leader (`0` on the leader).
    #[serde(default)]
    pub last_contact: String,
    /// How many peers it knows.
    #[serde(default)]
    pub num_peers: String,
    /// The cluster membership it knows.
    #[serde(default, deserialize_with = "peers")]
    pub latest_configuration: Vec<RaftPeer>,
}

/// A member of the raft configuration.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RaftPeer {
    /// The node's id (its name).
    pub id: String,
    /// Its raft address.
    #[serde(default)]
    pub address: String,
    /// 0: voter, 1: non-voter, 2: staging (hashicorp/raft's `Suffrage`).
    #[serde(default)]
    pub suffrage: i64,
}

fn string_or_none<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) if !s.is_empty() => Some(s),
        _ => None,
    })
}

/// The configuration is a list of peers; anything else (the spec calls it an object) is none.
fn peers<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<RaftPeer>, D::Error> {
    Ok(match Value::deserialize(d)? {
        v @ Value::Array(_) => serde_json::from_value(v).unwrap_or_default(),
        _ => Vec::new(),
    })
}

impl Cluster<'_> {
    /// Every node with its status and version (minimal output: no shards).
    pub async fn nodes(&self) -> Result<Vec<Node>> {
        self.node_list(Path::v1(["nodes"]).query("output", "minimal"))
            .await
    }

    /// Every node with its shards of every collection, counts and indexing status.
    pub async fn nodes_verbose(&self) -> Result<Vec<Node>> {
        self.node_list(Path::v1(["nodes"]).query("output", "verbose"))
            .await
    }

    /// Every node with its shards of `collection` only (verbose output).
    pub async fn nodes_of(&self, collection: &str) -> Result<Vec<Node>> {
        check_collection_name(collection)?;
        self.node_list(Path::v1(["nodes", collection]).query("output", "verbose"))
            .await
    }

    async fn node_list(&self, path: Path) -> Result<Vec<Node>> {
        let reply: NodeList = self.client.rest().get(path).await?;
        let mut nodes = reply.nodes;
        nodes.sort_by(|a, b| a.name.cmp(&b.name));
        for node in &mut nodes {
            node.shards
                .sort_by(|a, b| (&a.collection, &a.name).cmp(&(&b.collection, &b.name)));
        }
        Ok(nodes)
    }

    /// The raft statistics of every node: leader, voters, whether they are in sync.
    pub async fn statistics(&self) -> Result<ClusterStatistics> {
        let mut stats: ClusterStatistics = self
            .client
            .rest()
            .get(Path::v1(["cluster", "statistics"]))
            .await?;
        stats.statistics.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cluster_nodes_decode_minimal_and_verbose() {
        let minimal: NodeList = serde_json::from_value(json!({"nodes": [
            {"batchStats": {"queueLength": 0, "ratePerSecond": 0}, "name": "node1",
             "operationalMode": "ReadWrite", "shards": null, "status": "HEALTHY", "version": "1.39.0"}
        ]}))
        .unwrap();
        let n = &minimal.nodes[0];
        assert_eq!(
            (n.name.as_str(), &n.status),
            ("node1", &NodeStatus::Healthy)
        );
        assert!(n.shards.is_empty() && n.stats.is_none());
        let verbose: NodeList = serde_json::from_value(json!({"nodes": [
            {"name": "node2", "status": "UNHEALTHY", "version": "1.39.0", "gitHash": "abc",
             "stats": {"objectCount": 7, "shardCount": 1},
             "shards": [{"asyncReplicationStatus": [], "class": "A", "compressed": false,
                "loaded": true, "name": "s1", "numberOfReplicas": 2, "objectCount": 7,
                "replicationFactor": 2, "vectorIndexingStatus": "INDEXING", "vectorQueueLength": 3}]}
        ]}))
        .unwrap();
        let n = &verbose.nodes[0];
        assert_eq!(n.status, NodeStatus::Unhealthy);
        assert_eq!(n.git_hash.as_deref(), Some("abc"));
        assert_eq!(n.stats.unwrap().object_count, 7);
        let s = &n.shards[0];
        assert_eq!((s.collection.as_str(), s.object_count), ("A", 7));
        assert_eq!(s.vector_indexing_status, ShardStatus::Indexing);
        assert_eq!((s.number_of_replicas, s.vector_queue_length), (Some(2), 3));
    }

    #[test]
    fn cluster_statistics_name_the_leader_and_voters() {
        let peer = json!([{"address": "a:1", "id": "node1", "suffrage": 0}]);
        let stats: ClusterStatistics = serde_json::from_value(json!({"synchronized": true, "statistics": [
            {"name": "node1", "status": "HEALTHY", "isVoter": true, "leaderId": "node1",
             "leaderAddress": "a:1", "ready": true, "open": true, "bootstrapped": true, "dbLoaded": true,
             "raft": {"state": "Leader", "term": "2", "appliedIndex": "9", "latestConfiguration": peer}},
            {"name": "node2", "status": "HEALTHY", "isVoter": true, "leaderId": "node1",
             "candidates": {}, "raft": {"state": "Follower", "latestConfiguration": {}}},
            {"name": "node3", "status": "HEALTHY", "isVoter": false, "leaderId": {}}
        ]}))
        .unwrap();
        assert!(stats.synchronized);
        assert_eq!(stats.leader(), Some("node1"));
        assert_eq!(stats.voters(), 2);
        let leaders: Vec<_> = stats.leaders().map(|s| s.name.as_str()).collect();
        assert_eq!(leaders, ["node1"]);
        let raft = stats.statistics[0].raft.as_ref().unwrap();
        assert_eq!(raft.latest_configuration[0].id, "node1");
        assert!(
            stats.statistics[1]
                .raft
                .as_ref()
                .unwrap()
                .latest_configuration
                .is_empty()
        );
        assert_eq!(stats.statistics[2].leader_id, None);
    }
}
