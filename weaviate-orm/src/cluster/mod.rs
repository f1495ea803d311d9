//! Cluster operations: the nodes and what they hold, the raft statistics, the shards of a collection
//! and their status, and replica movement (copying or moving a shard replica between nodes).
//!
//! Everything hangs off [`Client::cluster`]:
//!
//! - [`Cluster::nodes`], [`Cluster::nodes_verbose`], [`Cluster::nodes_of`]: every node with its status
//!   and version; the verbose forms add each node's shards, object counts and vector indexing status.
//! - [`Cluster::statistics`]: the raft view of every node (leader, voters, whether they agree).
//! - [`Cluster::shards`], [`Cluster::set_shard_status`], [`Cluster::set_shards_status`]: a
//!   collection's shards, READY or READONLY; [`Cluster::tenant_shards`]: the shard of one tenant
//!   (named after it). A handle has the same calls, scoped by its tenant:
//!   [`Config::shards`](crate::Config::shards), [`Config::set_shard_status`](crate::Config::set_shard_status),
//!   [`Config::set_shards_status`](crate::Config::set_shards_status).
//! - [`Cluster::replications`]: start a [`ReplicationType::Copy`] or [`ReplicationType::Move`] of a
//!   shard replica, follow it ([`Replications::get`], [`Replications::wait`]), list, cancel and delete
//!   operations ([`Replications::delete_all`], [`Replications::force_delete`] for stuck ones), and read
//!   the sharding state (which node holds which shard).
//! - [`Replications::scale_plan`] and [`Replications::apply_scale`]: change the number of replicas of
//!   every shard of a collection. The [`ScalePlan`] says, per shard, which nodes get a replica (and
//!   from which node it is copied) and which lose one; applying it starts one COPY operation per
//!   added replica (wait for each) and removes replicas at once.
//!
//! One object as a given node has it (a replica's own copy) is read with
//! [`Client::debug`](crate::Client::debug) (see [`debug`](crate::debug)).
//!
//! On the wire (Weaviate 1.39, REST): `GET /v1/nodes[/{collection}]?output=minimal|verbose`,
//! `GET /v1/cluster/statistics`, `GET /v1/schema/{collection}/shards`,
//! `GET /v1/schema/{collection}/shards?tenant=...`, `PUT /v1/schema/{collection}/shards/{shard}`,
//! `/v1/replication/replicate...`, `GET`/`POST /v1/replication/scale` and
//! `GET /v1/replication/sharding-state`. Replica movement needs Weaviate 1.32 or newer
//! ([`Error::Unsupported`](crate::Error::Unsupported), nothing sent, on an older server) and a server
//! started with `REPLICA_MOVEMENT_ENABLED=true` (else the server answers 501, an
//! [`Error::Server`](crate::Error::Server) with its message).
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use std::time::Duration;
//! use weaviate_orm::cluster::{NodeStatus, ReplicationType, ShardStatus};
//!
//! let cluster = client.cluster();
//! for node in cluster.nodes_of("Article").await? {
//!     assert_eq!(node.status, NodeStatus::Healthy);
//!     for shard in &node.shards {
//!         println!("{}: {} holds {} objects", node.name, shard.name, shard.object_count);
//!     }
//! }
//! let stats = cluster.statistics().await?;
//! println!("leader {:?}, {} voters", stats.leader(), stats.voters());
//!
//! // Freeze a collection's writes, then thaw them.
//! cluster.set_shards_status("Article", ShardStatus::ReadOnly).await?;
//! cluster.set_shards_status("Article", ShardStatus::Ready).await?;
//!
//! // Move one shard replica from node1 to node3 and wait for it.
//! let shard = &cluster.shards("Article").await?[0].name;
//! let replications = cluster.replications();
//! let id = replications
//!     .replicate("Article", shard, "node1", "node3", ReplicationType::Move)
//!     .await?;
//! let done = replications.wait(id, Duration::from_secs(300)).await?;
//! println!("{} is now on {}", done.shard, done.target_node);
//!
//! // Two replicas of every shard: plan, look, apply, wait.
//! let plan = replications.scale_plan("Article", 2).await?;
//! for (shard, action) in &plan.shards {
//!     println!("{shard}: add {:?}, remove {:?}", action.add_nodes, action.remove_nodes);
//! }
//! let applied = replications.apply_scale(&plan).await?;
//! for id in applied.operation_ids {
//!     replications.wait(id, Duration::from_secs(300)).await?;
//! }
//! # Ok(()) }
//! ```

mod nodes;
mod replication;
mod shards;

pub use nodes::{
    BatchStats, ClusterStatistics, Node, NodeStatistics, NodeStats, NodeStatus, RaftPeer,
    RaftStatistics, ShardInfo,
};
pub use replication::{
    ForceDelete, ForceDeleted, ReplicationError, ReplicationFilter, ReplicationOperation,
    ReplicationState, ReplicationStatus, ReplicationType, Replications, ScaleApplied, ScalePlan,
    ShardReplicas, ShardScaleAction, ShardingState,
};
pub use shards::{Shard, ShardStatus};

use crate::client::Client;

/// Cluster operations for one client. Get it with [`Client::cluster`]; see the [module docs](self).
#[derive(Clone, Copy, Debug)]
pub struct Cluster<'a> {
    client: &'a Client,
}

impl Client {
    /// Cluster operations: nodes, raft statistics, shards and replica movement.
    pub fn cluster(&self) -> Cluster<'_> {
        Cluster { client: self }
    }
}

impl<'a> Cluster<'a> {
    /// Replica movement: copy and move shard replicas between nodes (Weaviate 1.32+).
    pub fn replications(&self) -> Replications<'a> {
        Replications::new(self.client)
    }
}

/// `Option<Vec<T>>` as `Vec<T>`: the server sends `null` for an empty list.
fn null_as_empty<'de, D, T>(deserializer: D) -> std::result::Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    use serde::Deserialize;
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

/// A server enum as a Rust enum with an `Other(String)` fallback: `from_name`, `as_str`, `Display`
/// and `Deserialize` by name.
macro_rules! server_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal $(| $alias:literal)*,)* }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this client does not know yet, as the server named it.
            Other(String),
        }

        impl $name {
            fn from_name(name: &str) -> $name {
                match name {
                    $($wire $(| $alias)* => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// The value as the server names it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $wire,)*
                    $name::Other(s) => s,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> std::result::Result<Self, D::Error> {
                Ok($name::from_name(&<String as serde::Deserialize>::deserialize(deserializer)?))
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(
                &self,
                serializer: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}
use server_enum;
