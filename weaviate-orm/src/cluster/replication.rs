//! Replica movement (Weaviate 1.32+): `/v1/replication/replicate...` and
//! `/v1/replication/sharding-state`.

use std::collections::BTreeMap;
use std::time::Duration;

use reqwest::Method;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{null_as_empty, server_enum};
use crate::client::Client;
use crate::error::{Error, Result, Status};
use crate::names::check_collection_name;
use crate::transport::poll::Poll;
use crate::transport::rest::Path;
use crate::version::Version;

const SINCE: Version = Version::new(1, 32, 0);
const FEATURE: &str = "replica movement";

server_enum! {
    /// Whether an operation keeps the source replica.
    ReplicationType {
        /// Adds a replica on the target node; the source keeps its own.
        Copy = "COPY",
        /// Adds a replica on the target node, then removes the source's.
        Move = "MOVE",
    }
}

server_enum! {
    /// Where a replication operation is.
    ReplicationState {
        /// Accepted, not started.
        Registered = "REGISTERED",
        /// Copying the shard's files to the target.
        Hydrating = "HYDRATING",
        /// Catching up with the writes made meanwhile.
        Finalizing = "FINALIZING",
        /// Adding the target replica to the sharding state.
        Integrating = "INTEGRATING",
        /// A move removing the source replica.
        Dehydrating = "DEHYDRATING",
        /// Done.
        Ready = "READY",
        /// Cancelled.
        Cancelled = "CANCELLED" | "CANCELED",
    }
}

impl ReplicationState {
    /// Whether the operation has ended (ready or cancelled).
    pub fn is_finished(&self) -> bool {
        matches!(self, ReplicationState::Ready | ReplicationState::Cancelled)
    }
}

/// An error an operation met (it may have retried past it).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReplicationError {
    /// The server's message.
    #[serde(default)]
    pub message: String,
    /// When, in milliseconds since the Unix epoch.
    #[serde(default)]
    pub when_errored_unix_ms: Option<i64>,
}

/// A state of an operation, with when it was entered and the errors met in it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReplicationStatus {
    /// The state.
    pub state: ReplicationState,
    /// When it was entered, in milliseconds since the Unix epoch.
    #[serde(default)]
    pub when_started_unix_ms: Option<i64>,
    /// Errors met in this state.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub errors: Vec<ReplicationError>,
}

/// A replication operation (`GET /v1/replication/replicate/{id}`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ReplicationOperation {
    /// Its id.
    pub id: Uuid,
    /// The collection.
    pub collection: String,
    /// The shard.
    pub shard: String,
    /// The node the replica comes from.
    pub source_node: String,
    /// The node it goes to.
    pub target_node: String,
    /// Copy or move.
    #[serde(rename = "type")]
    pub kind: ReplicationType,
    /// Where it is now.
    pub status: ReplicationStatus,
    /// The states it went through before, oldest first (only when asked for the history).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub status_history: Vec<ReplicationStatus>,
    /// Whether it is past the point where it can be cancelled.
    #[serde(default)]
    pub uncancelable: bool,
    /// Whether a cancel is pending.
    #[serde(default)]
    pub scheduled_for_cancel: bool,
    /// Whether a delete is pending.
    #[serde(default)]
    pub scheduled_for_delete: bool,
    /// When it started, in milliseconds since the Unix epoch.
    #[serde(default)]
    pub when_started_unix_ms: Option<i64>,
}

impl ReplicationOperation {
    /// The operation's state now.
    pub fn state(&self) -> &ReplicationState {
        &self.status.state
    }

    /// Every error message of its history and current state, oldest first.
    pub fn error_messages(&self) -> Vec<&str> {
        self.status_history
            .iter()
            .chain([&self.status])
            .flat_map(|s| s.errors.iter().map(|e| e.message.as_str()))
            .collect()
    }
}

/// Which operations [`Replications::list`] returns: all by default, or those of a collection, shard
/// or target node.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ReplicationFilter {
    /// Only operations of this collection.
    pub collection: Option<String>,
    /// Only operations of this shard (with [`collection`](Self::collection)).
    pub shard: Option<String>,
    /// Only operations to this node.
    pub target_node: Option<String>,
    /// With each operation's state history.
    pub include_history: bool,
}

impl ReplicationFilter {
    /// Every operation.
    pub fn all() -> Self {
        Self::default()
    }

    /// Only operations of `collection`.
    pub fn collection(mut self, collection: impl Into<String>) -> Self {
        self.collection = Some(collection.into());
        self
    }

    /// Only operations of `shard`.
    pub fn shard(mut self, shard: impl Into<String>) -> Self {
        self.shard = Some(shard.into());
        self
    }

    /// Only operations to `node`.
    pub fn target_node(mut self, node: impl Into<String>) -> Self {
        self.target_node = Some(node.into());
        self
    }

    /// With each operation's state history.
    pub fn with_history(mut self) -> Self {
        self.include_history = true;
        self
    }
}

/// Which operations [`Replications::force_delete`] removes from the cluster's records, without any
/// clean-up: by id, or by collection (and shard, and node). For operations stuck beyond repair.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ForceDelete {
    /// This operation only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// The operations of this collection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    /// ... and this shard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shard: Option<String>,
    /// ... to this node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub node: Option<String>,
    /// Only say what would be deleted.
    pub dry_run: bool,
}

impl ForceDelete {
    /// The operation `id`.
    pub fn operation(id: Uuid) -> Self {
        ForceDelete {
            id: Some(id),
            ..Self::default()
        }
    }

    /// The operations of `collection`.
    pub fn collection(collection: impl Into<String>) -> Self {
        ForceDelete {
            collection: Some(collection.into()),
            ..Self::default()
        }
    }

    /// Only those of `shard`.
    pub fn shard(mut self, shard: impl Into<String>) -> Self {
        self.shard = Some(shard.into());
        self
    }

    /// Only those to `node`.
    pub fn node(mut self, node: impl Into<String>) -> Self {
        self.node = Some(node.into());
        self
    }

    /// Only say what would be deleted.
    pub fn dry_run(mut self) -> Self {
        self.dry_run = true;
        self
    }
}

/// What [`Replications::force_delete`] removed (or would remove, in a dry run).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ForceDeleted {
    /// The operations. Weaviate 1.39 lists them in a dry run; a real force delete answers an empty
    /// list (by id: that id, when it was already gone).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub deleted: Vec<Uuid>,
    /// Whether it was a dry run.
    #[serde(default)]
    pub dry_run: bool,
}

/// Which nodes hold each shard of a collection (`GET /v1/replication/sharding-state`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShardingState {
    /// The collection.
    pub collection: String,
    /// Its shards, sorted by name.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub shards: Vec<ShardReplicas>,
}

impl ShardingState {
    /// The nodes holding `shard`, or `None` when the collection has no such shard.
    pub fn replicas_of(&self, shard: &str) -> Option<&[String]> {
        self.shards
            .iter()
            .find(|s| s.shard == shard)
            .map(|s| s.replicas.as_slice())
    }
}

/// A shard and the nodes holding a replica of it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ShardReplicas {
    /// The shard.
    pub shard: String,
    /// The nodes, sorted by name.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub replicas: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ShardingStateReply {
    sharding_state: ShardingState,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReplicateBody<'b> {
    collection: &'b str,
    shard: &'b str,
    source_node: &'b str,
    target_node: &'b str,
    #[serde(rename = "type")]
    kind: &'b ReplicationType,
}

#[derive(Deserialize)]
struct ReplicateReply {
    id: Uuid,
}

/// How to bring a collection's shards to a replication factor (`GET /v1/replication/scale`): per
/// shard, the nodes to add (each with the node its data comes from) and the nodes to remove. Made
/// by [`Replications::scale_plan`], applied by [`Replications::apply_scale`]; it can be edited in
/// between.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScalePlan {
    /// The plan's id (the server makes a new one per plan).
    pub plan_id: Uuid,
    /// The collection.
    pub collection: String,
    /// The shards that change, by name; a shard already at the factor is not listed.
    #[serde(rename = "shardScaleActions", default)]
    pub shards: BTreeMap<String, ShardScaleAction>,
}

impl ScalePlan {
    /// The changes of `shard`, if it changes.
    pub fn shard(&self, shard: &str) -> Option<&ShardScaleAction> {
        self.shards.get(shard)
    }
}

/// What a [`ScalePlan`] does to one shard.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ShardScaleAction {
    /// The nodes that get a replica, each with its source: the node the data is copied from (moved,
    /// when the source is also in [`remove_nodes`](Self::remove_nodes)), or `None` for an empty
    /// replica.
    #[serde(default, deserialize_with = "sources")]
    pub add_nodes: BTreeMap<String, Option<String>>,
    /// The nodes whose replica is removed, sorted.
    #[serde(default, deserialize_with = "sorted_nodes")]
    pub remove_nodes: Vec<String>,
}

/// The server sends (and reads) a missing source as `""` or `null`.
fn sources<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<BTreeMap<String, Option<String>>, D::Error> {
    let map = Option::<BTreeMap<String, Option<String>>>::deserialize(deserializer)?;
    Ok(map
        .unwrap_or_default()
        .into_iter()
        .map(|(node, source)| (node, source.filter(|s| !s.is_empty())))
        .collect())
}

fn sorted_nodes<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<String>, D::Error> {
    let mut nodes: Vec<String> = null_as_empty(deserializer)?;
    nodes.sort();
    Ok(nodes)
}

/// What [`Replications::apply_scale`] started (`POST /v1/replication/scale`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ScaleApplied {
    /// The plan applied.
    pub plan_id: Uuid,
    /// The collection.
    pub collection: String,
    /// The replication operations started, one per added replica with a source: follow them with
    /// [`Replications::wait`]. Removed replicas and empty new ones take effect at once and have none.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub operation_ids: Vec<Uuid>,
}

/// Replica movement for one client. Get it with
/// [`Cluster::replications`](super::Cluster::replications); see the [module docs](super).
#[derive(Clone, Copy, Debug)]
pub struct Replications<'a> {
    client: &'a Client,
}

fn check_node(what: &str, node: &str) -> Result<()> {
    if node.is_empty() || node.contains('/') {
        return Err(Error::invalid(format!(
            "`{node}` is not a {what} node name"
        )));
    }
    Ok(())
}

/// A missing operation names its id; the server's 409 (not cancellable or deletable in its state) is
/// a refusal, not an existing resource.
fn missing(id: Uuid) -> impl FnOnce(Error) -> Error {
    move |e| match e {
        Error::NotFound { .. } => Error::NotFound {
            message: format!("replication operation {id} does not exist"),
        },
        Error::AlreadyExists { message } => Error::Rejected {
            status: Status::Http(409),
            message,
        },
        e => e,
    }
}

impl<'a> Replications<'a> {
    pub(super) fn new(client: &'a Client) -> Self {
        Replications { client }
    }

    /// Starts copying or moving the replica of `shard` of `collection` on `source_node` to
    /// `target_node` (node names as [`Node::name`](super::Node::name)); returns the operation's id.
    /// The server refuses ([`Error::Rejected`] with its message) an unknown shard or node, a target
    /// that already holds the shard, or a shard with an operation under way.
    pub async fn replicate(
        &self,
        collection: &str,
        shard: &str,
        source_node: &str,
        target_node: &str,
        kind: ReplicationType,
    ) -> Result<Uuid> {
        check_collection_name(collection)?;
        if shard.is_empty() {
            return Err(Error::invalid("a replication needs a shard name"));
        }
        check_node("source", source_node)?;
        check_node("target", target_node)?;
        self.client.require_version(FEATURE, SINCE).await?;
        let body = ReplicateBody {
            collection,
            shard,
            source_node,
            target_node,
            kind: &kind,
        };
        let reply: ReplicateReply = self
            .client
            .rest()
            .json(
                Method::POST,
                Path::v1(["replication", "replicate"]),
                &body,
                None,
            )
            .await?;
        Ok(reply.id)
    }

    /// The operation `id` now, without its history. [`Error::NotFound`] when there is none.
    pub async fn get(&self, id: Uuid) -> Result<ReplicationOperation> {
        self.get_path(id, false).await
    }

    /// The operation `id` with the states it went through.
    pub async fn get_with_history(&self, id: Uuid) -> Result<ReplicationOperation> {
        self.get_path(id, true).await
    }

    async fn get_path(&self, id: Uuid, history: bool) -> Result<ReplicationOperation> {
        self.client.require_version(FEATURE, SINCE).await?;
        let path = Path::v1(["replication", "replicate", &id.to_string()])
            .query("includeHistory", history.to_string());
        self.client.rest().get(path).await.map_err(missing(id))
    }

    /// The operations `filter` selects, sorted by collection, shard and id.
    pub async fn list(&self, filter: &ReplicationFilter) -> Result<Vec<ReplicationOperation>> {
        if let Some(c) = &filter.collection {
            check_collection_name(c)?;
        }
        if filter.shard.is_some() && filter.collection.is_none() {
            return Err(Error::invalid(
                "listing replication operations by shard needs the collection too",
            ));
        }
        self.client.require_version(FEATURE, SINCE).await?;
        let path = Path::v1(["replication", "replicate", "list"])
            .query_opt("collection", filter.collection.clone())
            .query_opt("shard", filter.shard.clone())
            .query_opt("targetNode", filter.target_node.clone())
            .query("includeHistory", filter.include_history.to_string());
        let listed: Option<Vec<ReplicationOperation>> = self.client.rest().get(path).await?;
        let mut ops = listed.unwrap_or_default();
        ops.sort_by(|a, b| (&a.collection, &a.shard, a.id).cmp(&(&b.collection, &b.shard, b.id)));
        Ok(ops)
    }

    /// Cancels the operation `id`: it stops, undoes what it did, and stays listed as CANCELLED.
    /// An operation past cancelling (a move removing its source, or READY) is refused
    /// ([`Error::Rejected`], HTTP 409, with the server's message).
    pub async fn cancel(&self, id: Uuid) -> Result<()> {
        self.client.require_version(FEATURE, SINCE).await?;
        self.client
            .rest()
            .call::<()>(
                Method::POST,
                Path::v1(["replication", "replicate", &id.to_string(), "cancel"]),
                None,
                None,
            )
            .await
            .map_err(missing(id))
    }

    /// Deletes the operation `id`: cancels it if it runs, and removes it from the list.
    pub async fn delete(&self, id: Uuid) -> Result<()> {
        self.client.require_version(FEATURE, SINCE).await?;
        self.client
            .rest()
            .call::<()>(
                Method::DELETE,
                Path::v1(["replication", "replicate", &id.to_string()]),
                None,
                None,
            )
            .await
            .map_err(missing(id))
    }

    /// Deletes every operation of the cluster (as [`delete`](Self::delete) does one).
    pub async fn delete_all(&self) -> Result<()> {
        self.client.require_version(FEATURE, SINCE).await?;
        self.client
            .rest()
            .call::<()>(
                Method::DELETE,
                Path::v1(["replication", "replicate"]),
                None,
                None,
            )
            .await
    }

    /// Removes the operations `which` selects from the cluster's records at once, without cancelling
    /// or cleaning up: for operations stuck beyond repair. Try [`delete`](Self::delete) first.
    pub async fn force_delete(&self, which: &ForceDelete) -> Result<ForceDeleted> {
        if which.id.is_none() && which.collection.is_none() {
            return Err(Error::invalid(
                "a force delete needs an operation id or a collection",
            ));
        }
        if let Some(c) = &which.collection {
            check_collection_name(c)?;
        }
        self.client.require_version(FEATURE, SINCE).await?;
        self.client
            .rest()
            .json(
                Method::POST,
                Path::v1(["replication", "replicate", "force-delete"]),
                which,
                None,
            )
            .await
    }

    /// The plan that brings every shard of `collection` to `factor` replicas (`factor` at least 1):
    /// nothing changes until it is [applied](Self::apply_scale). Shards below the factor get new
    /// replicas copied from one that holds the shard; shards above it lose replicas.
    /// A factor above the number of nodes, and (Weaviate 1.39) an unknown collection, are refused
    /// with the server's message ([`Error::Server`], HTTP 500: `not enough storage replicas`,
    /// `class not found`).
    pub async fn scale_plan(&self, collection: &str, factor: u32) -> Result<ScalePlan> {
        check_collection_name(collection)?;
        if factor == 0 {
            return Err(Error::invalid("a replication factor is at least 1"));
        }
        self.client.require_version(FEATURE, SINCE).await?;
        let path = Path::v1(["replication", "scale"])
            .query("collection", collection)
            .query("replicationFactor", factor.to_string());
        self.client.rest().get(path).await.map_err(|e| match e {
            Error::NotFound { .. } => Error::NotFound {
                message: format!("collection `{collection}` does not exist"),
            },
            e => e,
        })
    }

    /// Applies `plan`: removes the replicas it removes and starts a replication operation per
    /// replica it adds with a source (wait for them with [`wait`](Self::wait)). The server refuses
    /// ([`Error::Server`] with its message) while an operation of the collection is under way, and
    /// a plan whose node is both added and removed or is its own source.
    pub async fn apply_scale(&self, plan: &ScalePlan) -> Result<ScaleApplied> {
        check_scale_plan(plan)?;
        self.client.require_version(FEATURE, SINCE).await?;
        self.client
            .rest()
            .json(Method::POST, Path::v1(["replication", "scale"]), plan, None)
            .await
            .map_err(|e| match e {
                Error::NotFound { .. } => Error::NotFound {
                    message: format!("collection `{}` does not exist", plan.collection),
                },
                e => e,
            })
    }

    /// Which nodes hold each shard of `collection` (only `shard`, when given).
    pub async fn sharding_state(
        &self,
        collection: &str,
        shard: Option<&str>,
    ) -> Result<ShardingState> {
        check_collection_name(collection)?;
        self.client.require_version(FEATURE, SINCE).await?;
        let path = Path::v1(["replication", "sharding-state"])
            .query("collection", collection)
            .query_opt("shard", shard);
        let reply: ShardingStateReply = self.client.rest().get(path).await?;
        let mut state = reply.sharding_state;
        state.shards.sort_by(|a, b| a.shard.cmp(&b.shard));
        for s in &mut state.shards {
            s.replicas.sort();
        }
        Ok(state)
    }

    /// Polls the operation `id` until it is READY and returns it (with its history);
    /// [`Error::Failed`] with the errors it met when it ends CANCELLED, [`Error::Timeout`] (the
    /// operation goes on) after `timeout`.
    pub async fn wait(&self, id: Uuid, timeout: Duration) -> Result<ReplicationOperation> {
        self.wait_with(id, timeout, |_| {}).await
    }

    /// [`wait`](Self::wait), calling `on_change` with the operation each time its state changes
    /// (first with the state it is in now): the progress of a long copy.
    pub async fn wait_with(
        &self,
        id: Uuid,
        timeout: Duration,
        mut on_change: impl FnMut(&ReplicationOperation) + Send,
    ) -> Result<ReplicationOperation> {
        let mut poll = Poll::new(Some(timeout));
        let mut last: Option<ReplicationState> = None;
        loop {
            let now = self.get_with_history(id).await?;
            if last.as_ref() != Some(now.state()) {
                on_change(&now);
                last = Some(now.state().clone());
            }
            match now.state() {
                ReplicationState::Ready => return Ok(now),
                ReplicationState::Cancelled => {
                    return Err(Error::Failed {
                        operation: describe(&now),
                        status: now.state().to_string(),
                        message: now.error_messages().join("; "),
                    });
                }
                _ => {}
            }
            poll.pause(|| format!("{} (now {})", describe(&now), now.state()))
                .await?;
        }
    }
}

/// A plan's mistakes the server would refuse, before sending.
fn check_scale_plan(plan: &ScalePlan) -> Result<()> {
    check_collection_name(&plan.collection)?;
    if plan.plan_id.is_nil() {
        return Err(Error::invalid("a scale plan needs a plan id"));
    }
    for (shard, action) in &plan.shards {
        if shard.is_empty() {
            return Err(Error::invalid(
                "a scale plan names a shard with an empty name",
            ));
        }
        for node in &action.remove_nodes {
            check_node("removed", node)?;
        }
        for (node, source) in &action.add_nodes {
            check_node("added", node)?;
            if let Some(source) = source {
                check_node("source", source)?;
                if source == node {
                    return Err(Error::invalid(format!(
                        "node `{node}` of shard `{shard}` cannot be added from itself"
                    )));
                }
            }
            if action.remove_nodes.contains(node) {
                return Err(Error::invalid(format!(
                    "node `{node}` of shard `{shard}` cannot be both added and removed"
                )));
            }
        }
    }
    Ok(())
}

fn describe(op: &ReplicationOperation) -> String {
    format!(
        "replication {} ({} of {}/{} from {} to {})",
        op.id,
        op.kind.as_str().to_lowercase(),
        op.collection,
        op.shard,
        op.source_node,
        op.target_node
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cluster_replication_operations_decode_with_history() {
        let op: ReplicationOperation = serde_json::from_value(json!({
            "collection": "A", "id": "985f978b-83d8-4db6-b613-e70c08020cea", "shard": "s1",
            "sourceNode": "node1", "targetNode": "node2", "type": "MOVE", "uncancelable": true,
            "status": {"errors": [], "state": "READY"},
            "statusHistory": [{"errors": [], "state": "REGISTERED"},
                {"errors": [{"message": "boom", "whenErroredUnixMs": 5}], "state": "HYDRATING",
                 "whenStartedUnixMs": 1796153229667_i64},
                {"errors": null, "state": "DEHYDRATING"}]
        }))
        .unwrap();
        assert_eq!(op.kind, ReplicationType::Move);
        assert_eq!(op.state(), &ReplicationState::Ready);
        assert!(op.state().is_finished() && op.uncancelable);
        assert_eq!(op.status_history[1].state, ReplicationState::Hydrating);
        assert_eq!(op.error_messages(), ["boom"]);
        let listed: Vec<ReplicationOperation> = serde_json::from_value(json!([{
            "collection": "A", "id": "985f978b-83d8-4db6-b613-e70c08020cea", "shard": "s1",
            "sourceNode": "node1", "targetNode": "node2", "type": "COPY",
            "status": {"state": "CANCELLED"}, "statusHistory": null
        }]))
        .unwrap();
        assert_eq!(listed[0].state(), &ReplicationState::Cancelled);
        assert!(listed[0].status_history.is_empty());
    }

    #[test]
    fn cluster_replication_requests_encode_as_the_server_expects() {
        let body = ReplicateBody {
            collection: "A",
            shard: "s1",
            source_node: "node1",
            target_node: "node2",
            kind: &ReplicationType::Copy,
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"collection": "A", "shard": "s1", "sourceNode": "node1",
                   "targetNode": "node2", "type": "COPY"})
        );
        let fd = ForceDelete::collection("A").shard("s1").dry_run();
        assert_eq!(
            serde_json::to_value(&fd).unwrap(),
            json!({"collection": "A", "shard": "s1", "dryRun": true})
        );
        let state: ShardingStateReply = serde_json::from_value(json!({"shardingState": {
            "collection": "A", "shards": [{"replicas": ["node3"], "shard": "x"}]}}))
        .unwrap();
        assert_eq!(
            state.sharding_state.replicas_of("x"),
            Some(&["node3".to_owned()][..])
        );
        assert_eq!(state.sharding_state.replicas_of("y"), None);
    }

    #[test]
    fn cluster_scale_plans_decode_encode_and_are_checked() {
        let plan: ScalePlan = serde_json::from_value(json!({
            "planId": "985f978b-83d8-4db6-b613-e70c08020cea", "collection": "A",
            "shardScaleActions": {
                "s1": {"addNodes": {"node2": "node1"}, "removeNodes": []},
                "s2": {"addNodes": {"node3": ""}, "removeNodes": null},
                "s3": {"addNodes": {}, "removeNodes": ["node3", "node1"]}
            }
        }))
        .unwrap();
        assert_eq!(plan.shards.len(), 3);
        assert_eq!(
            plan.shard("s1").unwrap().add_nodes["node2"].as_deref(),
            Some("node1")
        );
        assert_eq!(plan.shard("s2").unwrap().add_nodes["node3"], None);
        assert_eq!(plan.shard("s3").unwrap().remove_nodes, ["node1", "node3"]);
        assert!(plan.shard("s4").is_none());
        check_scale_plan(&plan).unwrap();
        let sent = serde_json::to_value(&plan).unwrap();
        assert_eq!(
            sent["shardScaleActions"]["s2"]["addNodes"],
            json!({"node3": null})
        );
        assert_eq!(
            sent["shardScaleActions"]["s1"]["addNodes"],
            json!({"node2": "node1"})
        );
        assert_eq!(
            sent["planId"],
            json!("985f978b-83d8-4db6-b613-e70c08020cea")
        );

        let mut own_source = plan.clone();
        own_source
            .shards
            .get_mut("s1")
            .unwrap()
            .add_nodes
            .insert("node1".into(), Some("node1".into()));
        assert!(matches!(
            check_scale_plan(&own_source),
            Err(Error::InvalidInput { .. })
        ));
        let mut both = plan.clone();
        both.shards
            .get_mut("s3")
            .unwrap()
            .add_nodes
            .insert("node1".into(), None);
        assert!(matches!(
            check_scale_plan(&both),
            Err(Error::InvalidInput { .. })
        ));
        let mut nameless = plan.clone();
        nameless.collection.clear();
        assert!(matches!(
            check_scale_plan(&nameless),
            Err(Error::InvalidInput { .. })
        ));

        let applied: ScaleApplied = serde_json::from_value(json!({
            "planId": "985f978b-83d8-4db6-b613-e70c08020cea", "collection": "A",
            "operationIds": ["985f978b-83d8-4db6-b613-e70c08020ceb"]}))
        .unwrap();
        assert_eq!(applied.operation_ids.len(), 1);
        let none: ScaleApplied = serde_json::from_value(json!({
            "planId": "985f978b-83d8-4db6-b613-e70c08020cea", "collection": "A",
            "operationIds": null}))
        .unwrap();
        assert!(none.operation_ids.is_empty());
    }

    #[tokio::test]
    async fn cluster_scale_plan_refuses_bad_input_before_sending() {
        let client = crate::ClientBuilder::custom("http://127.0.0.1:9", "http://127.0.0.1:9")
            .skip_init_checks(true)
            .build()
            .await
            .unwrap();
        let r = client.cluster().replications();
        assert!(matches!(
            r.scale_plan("A", 0).await,
            Err(Error::InvalidInput { .. })
        ));
        assert!(matches!(
            r.scale_plan("", 2).await,
            Err(Error::InvalidInput { .. })
        ));
    }
}
