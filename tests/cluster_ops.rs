//! Cluster operations (`client.cluster()`) against the real 3-node test cluster (`scripts/test` starts
//! it with `REPLICA_MOVEMENT_ENABLED=true`; see tests/common for the variables).
//!
//! - Nodes, minimal and verbose: three healthy nodes; the verbose view of a collection this test
//!   filled shows its three shards, one per node, with exact object counts.
//! - Raft statistics: three voters, one leader that every node names, synchronized.
//! - Shard status: READONLY refuses a write with the server's message; READY takes it again.
//! - A MOVE of a shard to a node that lacks it keeps every object readable at consistency ONE while
//!   it runs; afterwards the sharding state has the shard on the target and not on the source.
//! - A COPY cancelled or deleted, operations listed by collection, an unknown shard refused.
//!
//! - Debug reads of one object per node (`client.debug().object(..).node(..)`): with one replica the
//!   server ignores the node name; with two, the node without a copy answers 500 "does not exist
//!   locally"; with three, every node has it, by name and at consistency ONE.
//! - Scaling (`scale_plan`, `apply_scale`): RF 1 -> 2 copies one replica per shard, every object
//!   readable at ALL; 2 -> 1 removes one per shard, with no operation to wait for.
//! - A tenant's shard (named after the tenant) READONLY and READY again through the tenant handle.
//! - force_delete (dry run and real), wait timing out while the copy goes on, delete_all.
//!
//! Every test uses its own collections, so they run in parallel with each other and with
//! tests/cluster.rs; the one that calls `delete_all` takes the `REPLICATIONS` lock for itself.

mod common;

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::json;
use uuid::Uuid;
use weaviate_orm::cluster::{
    ForceDelete, NodeStatus, ReplicationFilter, ReplicationState, ReplicationType, ShardStatus,
};
use weaviate_orm::data::{NewObject, Vector};
use weaviate_orm::schema::CollectionConfig;
use weaviate_orm::{Client, Collection, ConsistencyLevel, Error};

/// Tests that start replication operations hold this for reading; the `delete_all` test, which
/// deletes every operation of the cluster, holds it for writing, so it never deletes another
/// test's operation under way.
static REPLICATIONS: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// How long counts and operations may take to settle on a slow machine.
const SETTLE: Duration = Duration::from_secs(120);

/// Creates `name` with `shards` shards and replication factor `factor` through `client`, and fills
/// it with `n` objects; returns their ids.
async fn filled(client: &Client, name: &str, shards: u32, factor: u32, n: usize) -> BTreeSet<Uuid> {
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "properties": [{"name": "n", "dataType": ["int"]}, {"name": "title", "dataType": ["text"]}],
        "vectorConfig": {"v": {"vectorizer": {"none": {}}, "vectorIndexType": "flat"}},
        "shardingConfig": {"desiredCount": shards},
        "replicationConfig": {"factor": factor}
    }))
    .unwrap();
    common::recreate(client, &config).await;
    let ids: Vec<Uuid> = (0..n).map(|_| Uuid::new_v4()).collect();
    let objects = ids.iter().enumerate().map(|(i, id)| {
        NewObject::new(json!({"n": i, "title": format!("object {i} {}", "x".repeat(300))}))
            .unwrap()
            .id(*id)
    });
    let collection = client
        .collection(name)
        .with_consistency_level(ConsistencyLevel::All);
    common::import(&collection, objects.collect::<Vec<_>>()).await;
    ids.into_iter().collect()
}

/// Reads `collection` (at consistency ALL) until it returns exactly `ids`, within [`SETTLE`]. While
/// a scale change spreads, the nodes may briefly disagree on the shards' replica counts: the server
/// then refuses the read ("inconsistent consistency levels"), which is waited out too.
async fn read_all_when_settled(collection: &Collection, ids: &BTreeSet<Uuid>, when: &str) {
    let since = Instant::now();
    loop {
        let read = collection.query().fetch_objects().limit(10_000).await;
        let found: Option<BTreeSet<Uuid>> = match read {
            Ok(hits) => Some(hits.into_iter().map(|hit| hit.id).collect()),
            Err(Error::Server { message, .. })
                if message.contains("inconsistent consistency levels") =>
            {
                None
            }
            Err(other) => panic!("reading {} {when} failed: {other}", collection.name()),
        };
        if found.as_ref() == Some(ids) {
            return;
        }
        assert!(
            since.elapsed() < SETTLE,
            "{when}: {:?} of {} objects at ALL",
            found.map(|f| f.len()),
            ids.len()
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The ids of every object `collection` returns in one read.
async fn read_ids(collection: &Collection) -> BTreeSet<Uuid> {
    collection
        .query()
        .fetch_objects()
        .limit(10_000)
        .await
        .unwrap_or_else(|e| panic!("reading {} failed: {e}", collection.name()))
        .into_iter()
        .map(|hit| hit.id)
        .collect()
}

#[tokio::test]
async fn nodes_show_three_healthy_nodes_and_the_shards_of_a_filled_collection() {
    let client = common::cluster_client(0).await;
    let cluster = client.cluster();
    let name = common::unique("OpsNodes");
    let ids = filled(&client, &name, 3, 1, 300).await;

    let minimal = cluster.nodes().await.unwrap();
    assert_eq!(minimal.len(), 3, "{minimal:?}");
    for node in &minimal {
        assert_eq!(node.status, NodeStatus::Healthy, "{node:?}");
        assert_eq!(node.version, client.meta().await.unwrap().version);
        assert!(
            node.shards.is_empty(),
            "minimal output lists no shards: {node:?}"
        );
    }
    let names: Vec<&str> = minimal.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(names, ["node1", "node2", "node3"]);

    // The counts of GET /v1/nodes are those of flushed segments: the cluster of scripts/test flushes
    // a memtable after 1s (PERSISTENCE_FLUSH_IDLE_MEMTABLES_AFTER=1), but never one whose WAL is at
    // most PERSISTENCE_MAX_REUSE_WAL_SIZE (4 KiB): the objects are large enough (~300 bytes, ~100
    // per shard) for every shard to pass that. Wait until the counts add up, then check them.
    let since = Instant::now();
    let nodes = loop {
        let nodes = cluster.nodes_of(&name).await.unwrap();
        let counted: u64 = nodes
            .iter()
            .flat_map(|n| &n.shards)
            .map(|s| s.object_count)
            .sum();
        if counted == ids.len() as u64 {
            break nodes;
        }
        assert!(
            since.elapsed() < SETTLE,
            "counts never reached {}: {nodes:?}",
            ids.len()
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
    };
    assert_eq!(nodes.len(), 3);
    let mut shard_names = BTreeSet::new();
    for node in &nodes {
        assert_eq!(node.status, NodeStatus::Healthy);
        assert_eq!(node.shards.len(), 1, "one shard per node: {node:?}");
        let shard = &node.shards[0];
        assert_eq!(shard.collection, name);
        assert_eq!(shard.vector_indexing_status, ShardStatus::Ready);
        assert_eq!(shard.replication_factor, Some(1));
        assert_eq!(node.stats.unwrap().shard_count, 1);
        shard_names.insert(shard.name.clone());
    }
    let listed: BTreeSet<String> = cluster
        .shards(&name)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(listed, shard_names);

    // Every object, read at ONE, through every node.
    for i in 0..3 {
        let node = common::cluster_client(i).await;
        let c = node
            .collection(&name)
            .with_consistency_level(ConsistencyLevel::One);
        assert_eq!(read_ids(&c).await, ids, "through node {}", i + 1);
    }

    // The verbose list of every collection has this one's shards too.
    let verbose = cluster.nodes_verbose().await.unwrap();
    let ours = verbose
        .iter()
        .flat_map(|n| &n.shards)
        .filter(|s| s.collection == name)
        .count();
    assert_eq!(ours, 3);
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn statistics_show_three_voters_and_one_leader() {
    let client = common::cluster_client(1).await;
    // The other tests write to the schema meanwhile: the nodes' applied indexes (and so
    // `synchronized`) differ for a moment after each change. Wait for a synchronized view.
    let since = Instant::now();
    let stats = loop {
        let stats = client.cluster().statistics().await.unwrap();
        if stats.synchronized {
            break stats;
        }
        assert!(since.elapsed() < SETTLE, "never synchronized: {stats:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(stats.statistics.len(), 3, "{stats:?}");
    assert_eq!(stats.voters(), 3);
    let leader = stats.leader().expect("every node names the same leader");
    let leaders: Vec<&str> = stats.leaders().map(|s| s.name.as_str()).collect();
    assert_eq!(leaders, [leader], "exactly one node is in the Leader state");
    for node in &stats.statistics {
        assert_eq!(node.status, NodeStatus::Healthy);
        assert!(node.ready && node.open && node.db_loaded, "{node:?}");
        let raft = node.raft.as_ref().expect("raft statistics");
        assert_eq!(raft.latest_configuration.len(), 3, "{raft:?}");
    }
}

/// Waits until every shard of `name` shows `status`: the cluster applies a status change on the node
/// holding the shard, a moment after the request returns.
async fn wait_for_status(client: &Client, name: &str, status: ShardStatus) {
    let since = Instant::now();
    loop {
        let shards = client.cluster().shards(name).await.unwrap();
        if shards.iter().all(|s| s.status == status) {
            return;
        }
        assert!(
            since.elapsed() < SETTLE,
            "the shards never became {status}: {shards:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_readonly_shard_refuses_writes_until_it_is_ready_again() {
    let client = common::cluster_client(0).await;
    let cluster = client.cluster();
    let name = common::unique("OpsReadonly");
    filled(&client, &name, 1, 1, 3).await;
    let shard = cluster.shards(&name).await.unwrap().remove(0);
    assert_eq!(shard.status, ShardStatus::Ready);

    let set = cluster
        .set_shard_status(&name, &shard.name, ShardStatus::ReadOnly)
        .await
        .unwrap();
    assert_eq!(set, ShardStatus::ReadOnly);
    wait_for_status(&client, &name, ShardStatus::ReadOnly).await;
    let collection = client.collection(&name);
    let refused = collection
        .data()
        .insert(NewObject::new(json!({"n": 100, "title": "refused"})).unwrap())
        .await
        .expect_err("a write to a READONLY shard is refused");
    assert!(
        refused.to_string().contains("read-only"),
        "the server's message is kept: {refused}"
    );

    let shards = cluster
        .set_shards_status(&name, ShardStatus::Ready)
        .await
        .unwrap();
    assert!(
        shards.iter().all(|s| s.status == ShardStatus::Ready),
        "{shards:?}"
    );
    wait_for_status(&client, &name, ShardStatus::Ready).await;
    let id = collection
        .data()
        .insert(NewObject::new(json!({"n": 101, "title": "taken"})).unwrap())
        .await
        .unwrap();
    let found = collection.query().fetch_object_by_id(id).await.unwrap();
    assert_eq!(
        found.map(|h| h.properties["title"].clone()),
        Some(json!("taken"))
    );
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn a_shard_move_keeps_every_object_readable_at_consistency_one() {
    let _shared = REPLICATIONS.read().await;
    let client = common::cluster_client(0).await;
    let name = common::unique("OpsMove");
    let ids = filled(&client, &name, 3, 1, 600).await;
    let replications = client.cluster().replications();
    let before = replications.sharding_state(&name, None).await.unwrap();
    assert_eq!(before.shards.len(), 3, "{before:?}");
    let moved = before
        .shards
        .iter()
        .find(|s| s.replicas == ["node1"])
        .expect("node1 holds one shard")
        .shard
        .clone();

    let id = replications
        .replicate(&name, &moved, "node1", "node2", ReplicationType::Move)
        .await
        .unwrap();
    let listed = replications
        .list(&ReplicationFilter::all().collection(&name))
        .await
        .unwrap();
    assert_eq!(listed.iter().map(|o| o.id).collect::<Vec<_>>(), [id]);
    assert_eq!(listed[0].kind, ReplicationType::Move);
    assert_eq!(
        (
            listed[0].source_node.as_str(),
            listed[0].target_node.as_str()
        ),
        ("node1", "node2")
    );

    let one = client
        .collection(&name)
        .with_consistency_level(ConsistencyLevel::One);
    let since = Instant::now();
    let mut reads = 0;
    let mut states = Vec::new();
    loop {
        let op = replications.get(id).await.unwrap();
        if states.last() != Some(op.state()) {
            states.push(op.state().clone());
        }
        match op.state() {
            ReplicationState::Ready => break,
            ReplicationState::Cancelled => panic!("the move was cancelled: {op:?}"),
            _ => {}
        }
        assert!(since.elapsed() < SETTLE, "the move did not end: {op:?}");
        let found = read_ids(&one).await;
        reads += 1;
        assert_eq!(
            found.len(),
            ids.len(),
            "read #{reads} at ONE during the move (state {}) missed objects",
            op.state()
        );
        assert_eq!(found, ids);
    }
    assert!(reads >= 1, "the move was observed running: {states:?}");
    eprintln!("{reads} full reads at ONE while the move went through {states:?}");
    assert_eq!(read_ids(&one).await, ids, "after the move");

    let done = replications.wait(id, SETTLE).await.unwrap();
    assert_eq!(done.state(), &ReplicationState::Ready);
    let history: Vec<&ReplicationState> = done.status_history.iter().map(|s| &s.state).collect();
    assert!(
        history.contains(&&ReplicationState::Hydrating)
            && history.contains(&&ReplicationState::Dehydrating),
        "a move hydrates the target and dehydrates the source: {history:?}"
    );
    let after = replications
        .sharding_state(&name, Some(&moved))
        .await
        .unwrap();
    assert_eq!(
        after.replicas_of(&moved),
        Some(&["node2".to_owned()][..]),
        "{after:?}"
    );
    let nodes = client.cluster().nodes_of(&name).await.unwrap();
    let holders: Vec<&str> = nodes
        .iter()
        .filter(|n| n.shards.iter().any(|s| s.name == moved))
        .map(|n| n.name.as_str())
        .collect();
    assert_eq!(holders, ["node2"]);
    // A finished operation cannot be cancelled; the server says why.
    match replications.cancel(id).await {
        Err(Error::Rejected { status, message }) => {
            assert_eq!(status, weaviate_orm::Status::Http(409));
            assert!(message.contains("cancel"), "{message}");
        }
        other => panic!("cancelling a READY operation: {other:?}"),
    }
    replications.delete(id).await.unwrap();
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn a_copy_is_cancelled_or_deleted_and_unknown_shards_are_refused() {
    let _shared = REPLICATIONS.read().await;
    let client = common::cluster_client(0).await;
    let name = common::unique("OpsCopy");
    let ids = filled(&client, &name, 1, 1, 400).await;
    let replications = client.cluster().replications();
    let state = replications.sharding_state(&name, None).await.unwrap();
    let shard = state.shards[0].shard.clone();
    let source = state.shards[0].replicas[0].clone();
    let target = ["node1", "node2", "node3"]
        .into_iter()
        .find(|n| *n != source)
        .unwrap();

    match replications
        .replicate(&name, "NoSuchShard", &source, target, ReplicationType::Copy)
        .await
    {
        Err(Error::Rejected { message, .. }) => {
            assert!(message.contains("shard not found"), "{message}")
        }
        other => panic!("an unknown shard: {other:?}"),
    }

    let id = replications
        .replicate(&name, &shard, &source, target, ReplicationType::Copy)
        .await
        .unwrap();
    let listed = replications
        .list(&ReplicationFilter::all().collection(&name).with_history())
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].id, &listed[0].kind),
        (id, &ReplicationType::Copy)
    );
    let other = common::unique("OpsCopyOther");
    assert!(
        replications
            .list(&ReplicationFilter::all().collection(&other))
            .await
            .unwrap()
            .is_empty()
    );

    match replications.cancel(id).await {
        Ok(()) => {
            eprintln!("the copy was cancelled while it ran");
            // Cancelled before it finished: waiting ends in Error::Failed, CANCELLED, and the copy
            // is undone (the shard stays on its source only).
            match replications.wait(id, SETTLE).await {
                Err(Error::Failed { status, .. }) => assert_eq!(status, "CANCELLED"),
                other => panic!("waiting for a cancelled copy: {other:?}"),
            }
            let op = replications.get(id).await.unwrap();
            assert_eq!(op.state(), &ReplicationState::Cancelled);
            let after = replications
                .sharding_state(&name, Some(&shard))
                .await
                .unwrap();
            assert_eq!(after.replicas_of(&shard), Some(&[source.clone()][..]));
        }
        Err(Error::Rejected { message, .. }) => {
            // Finished first: the copy is READY and both nodes hold the shard.
            eprintln!("the copy finished before the cancel");
            assert!(message.contains("cancel"), "{message}");
            assert_eq!(
                replications.get(id).await.unwrap().state(),
                &ReplicationState::Ready
            );
            let after = replications
                .sharding_state(&name, Some(&shard))
                .await
                .unwrap();
            let mut both = [source.clone(), target.to_owned()];
            both.sort();
            assert_eq!(after.replicas_of(&shard), Some(&both[..]));
        }
        Err(e) => panic!("cancel: {e}"),
    }
    assert_eq!(
        read_ids(
            &client
                .collection(&name)
                .with_consistency_level(ConsistencyLevel::One)
        )
        .await,
        ids
    );

    // Deleting removes the operation from the records (the server may take a moment).
    replications.delete(id).await.unwrap();
    let since = Instant::now();
    loop {
        match replications.get(id).await {
            Err(Error::NotFound { message }) => {
                assert!(message.contains(&id.to_string()), "{message}");
                break;
            }
            Ok(op) => assert!(since.elapsed() < SETTLE, "never deleted: {op:?}"),
            Err(e) => panic!("get after delete: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(
        replications
            .list(&ReplicationFilter::all().collection(&name))
            .await
            .unwrap()
            .is_empty()
    );
    client.collections().delete(&name).await.unwrap();
}

const NODES: [&str; 3] = ["node1", "node2", "node3"];

/// Inserts one object with a named vector `v` into `name` at consistency ALL; returns its id.
async fn insert_probe(client: &Client, name: &str) -> Uuid {
    let id = Uuid::new_v4();
    client
        .collection(name)
        .with_consistency_level(ConsistencyLevel::All)
        .data()
        .insert(
            NewObject::new(json!({"n": 7, "title": "probe"}))
                .unwrap()
                .id(id)
                .named_vector("v", vec![0.25, 0.5, 0.75]),
        )
        .await
        .unwrap();
    id
}

fn assert_probe(object: &weaviate_orm::data::Object, id: Uuid, through: &str) {
    assert_eq!(object.id, id, "{through}");
    assert_eq!(object.properties["title"], json!("probe"), "{through}");
    assert_eq!(object.properties["n"], json!(7), "{through}");
    assert_eq!(
        object.vectors.get("v"),
        Some(&Vector::Single(vec![0.25, 0.5, 0.75])),
        "{through}: the vector comes back (include=vector)"
    );
}

#[tokio::test]
async fn debug_object_reads_follow_node_name_only_for_replicated_shards() {
    let client = common::cluster_client(0).await;
    let debug = client.debug();

    // One shard, one replica: the server ignores node_name (Index.objectByID asks the replicator
    // only for a shard with several replicas), so every node name -- even an unknown one -- reads
    // the one replica, through whichever node holds it.
    let single = common::unique("OpsDebugOne");
    filled(&client, &single, 1, 1, 0).await;
    let id = insert_probe(&client, &single).await;
    let state = client
        .cluster()
        .replications()
        .sharding_state(&single, None)
        .await
        .unwrap();
    assert_eq!(state.shards[0].replicas.len(), 1, "{state:?}");
    for node in NODES.into_iter().chain(["node9"]) {
        let object = debug
            .object(&single, id)
            .node(node)
            .await
            .unwrap_or_else(|e| panic!("node_name={node} on a single replica: {e}"))
            .unwrap_or_else(|| panic!("node_name={node}: no object"));
        assert_probe(&object, id, node);
    }
    assert!(
        debug
            .object(&single, Uuid::new_v4())
            .node("node1")
            .await
            .unwrap()
            .is_none(),
        "a missing object is None"
    );

    // One shard on two of the three nodes: node_name picks the replica. The holders return the
    // object; the third node has no copy, and the server says so (HTTP 500, its message kept);
    // an unknown node cannot be resolved.
    let two = common::unique("OpsDebugTwo");
    filled(&client, &two, 1, 2, 0).await;
    let id = insert_probe(&client, &two).await;
    let state = client
        .cluster()
        .replications()
        .sharding_state(&two, None)
        .await
        .unwrap();
    let holders = state.shards[0].replicas.clone();
    assert_eq!(holders.len(), 2, "{state:?}");
    for node in NODES {
        let read = debug.object(&two, id).node(node).await;
        if holders.iter().any(|h| h == node) {
            assert_probe(&read.unwrap().expect("a holder has the object"), id, node);
        } else {
            match read {
                Err(Error::Server { status, message }) => {
                    assert_eq!(status, weaviate_orm::Status::Http(500));
                    assert!(
                        message.contains("does not exist locally")
                            && message.contains(&state.shards[0].shard),
                        "{message}"
                    );
                }
                other => panic!("node_name={node}, not a holder: {other:?}"),
            }
        }
    }
    match debug.object(&two, id).node("node9").await {
        Err(Error::Server { message, .. }) => {
            assert!(
                message.contains("cannot resolve node name: node9"),
                "{message}"
            )
        }
        other => panic!("an unknown node: {other:?}"),
    }
    // node_name and consistency_level exclude each other: refused before sending.
    assert!(matches!(
        debug
            .object(&two, id)
            .node("node1")
            .consistency(ConsistencyLevel::One)
            .await,
        Err(Error::InvalidInput { .. })
    ));
    for name in [&single, &two] {
        client.collections().delete(name).await.unwrap();
    }
}

#[tokio::test]
async fn debug_object_reads_every_replica_of_a_factor_three_collection() {
    let client = common::cluster_client(0).await;
    let name = common::unique("OpsDebugThree");
    filled(&client, &name, 1, 3, 0).await;
    let id = insert_probe(&client, &name).await;
    for (i, node) in NODES.into_iter().enumerate() {
        // Each node's own replica, by name...
        let object = client.debug().object(&name, id).node(node).await.unwrap();
        assert_probe(&object.expect("every node holds it"), id, node);
        // ... and through each node at consistency ONE.
        let through = common::cluster_client(i).await;
        let object = through
            .debug()
            .object(&name, id)
            .consistency(ConsistencyLevel::One)
            .await
            .unwrap();
        assert_probe(
            &object.expect("read at ONE"),
            id,
            &format!("ONE via {node}"),
        );
    }
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn scaling_to_factor_two_adds_a_replica_per_shard_and_back_to_one_removes_it() {
    let _shared = REPLICATIONS.read().await;
    let client = common::cluster_client(0).await;
    let name = common::unique("OpsScale");
    let ids = filled(&client, &name, 3, 1, 300).await;
    let replications = client.cluster().replications();
    let before = replications.sharding_state(&name, None).await.unwrap();

    assert!(matches!(
        replications.scale_plan(&name, 0).await,
        Err(Error::InvalidInput { .. })
    ));
    match replications.scale_plan(&name, 5).await {
        Err(Error::Server { message, .. }) => {
            assert!(message.contains("not enough storage replicas"), "{message}")
        }
        other => panic!("a factor above the node count: {other:?}"),
    }

    let up = replications.scale_plan(&name, 2).await.unwrap();
    assert_eq!(up.collection, name);
    assert_eq!(up.shards.len(), 3, "{up:?}");
    for shard in &before.shards {
        let action = up.shard(&shard.shard).expect("every shard changes");
        assert!(action.remove_nodes.is_empty(), "{action:?}");
        assert_eq!(action.add_nodes.len(), 1, "one node added: {action:?}");
        let (target, source) = action.add_nodes.iter().next().unwrap();
        assert!(!shard.replicas.contains(target), "{target} is new");
        assert_eq!(
            source.as_deref(),
            Some(shard.replicas[0].as_str()),
            "copied from the holder"
        );
    }

    let applied = replications.apply_scale(&up).await.unwrap();
    assert_eq!((applied.plan_id, &applied.collection), (up.plan_id, &name));
    assert_eq!(applied.operation_ids.len(), 3, "{applied:?}");
    let up_ops = applied.operation_ids.clone();
    for id in &applied.operation_ids {
        let done = replications.wait(*id, SETTLE).await.unwrap();
        assert_eq!(done.kind, ReplicationType::Copy, "{done:?}");
    }
    let after = replications.sharding_state(&name, None).await.unwrap();
    for shard in &after.shards {
        assert_eq!(shard.replicas.len(), 2, "{after:?}");
    }
    let all = client
        .collection(&name)
        .with_consistency_level(ConsistencyLevel::All);
    read_all_when_settled(&all, &ids, "after scaling up").await;
    for id in ids.iter().take(20) {
        let object = all.data().get(*id).await.unwrap();
        assert!(object.is_some(), "{id} at ALL");
    }

    let down = replications.scale_plan(&name, 1).await.unwrap();
    assert_eq!(down.shards.len(), 3, "{down:?}");
    for (shard, action) in &down.shards {
        assert!(action.add_nodes.is_empty(), "{action:?}");
        assert_eq!(action.remove_nodes.len(), 1, "one node removed: {action:?}");
        let holders = after.replicas_of(shard).unwrap();
        assert!(holders.contains(&action.remove_nodes[0]));
    }
    let applied = replications.apply_scale(&down).await.unwrap();
    // Removing a replica is a sharding-state change of its own, no operation to follow.
    assert!(applied.operation_ids.is_empty(), "{applied:?}");
    let since = Instant::now();
    loop {
        let state = replications.sharding_state(&name, None).await.unwrap();
        if state.shards.iter().all(|s| s.replicas.len() == 1) {
            for s in &state.shards {
                let removed = &down.shard(&s.shard).unwrap().remove_nodes[0];
                assert!(!s.replicas.contains(removed), "{state:?}");
            }
            break;
        }
        assert!(
            since.elapsed() < SETTLE,
            "never back to one replica: {state:?}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    read_all_when_settled(&all, &ids, "after scaling down").await;
    for id in &up_ops {
        replications.delete(*id).await.unwrap();
    }
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn a_tenants_shard_is_named_after_it_and_readonly_refuses_its_writes() {
    let client = common::cluster_client(0).await;
    let name = common::unique("OpsTenantShards");
    let config: CollectionConfig = serde_json::from_value(json!({
        "class": name,
        "properties": [{"name": "title", "dataType": ["text"]}],
        "vectorConfig": {"v": {"vectorizer": {"none": {}}, "vectorIndexType": "flat"}},
        "multiTenancyConfig": {"enabled": true}
    }))
    .unwrap();
    common::recreate(&client, &config).await;
    client
        .collection(&name)
        .tenants()
        .create(["acme", "globex"])
        .await
        .unwrap();

    // The node asked may apply the new tenants a moment after the leader answered.
    let since = Instant::now();
    let mut names: Vec<String> = Vec::new();
    while names.len() < 2 && since.elapsed() < SETTLE {
        let all = client.collection(&name).config().shards().await.unwrap();
        names = all.into_iter().map(|s| s.name).collect();
        names.sort();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(names, ["acme", "globex"]);
    let acme = client.collection(&name).with_tenant("acme");
    let shards = acme.config().shards().await.unwrap();
    assert_eq!(shards.len(), 1, "{shards:?}");
    assert_eq!(
        (shards[0].name.as_str(), &shards[0].status),
        ("acme", &ShardStatus::Ready)
    );
    assert_eq!(
        client.cluster().tenant_shards(&name, "acme").await.unwrap(),
        shards
    );
    assert!(matches!(
        client.cluster().tenant_shards(&name, "").await,
        Err(Error::InvalidInput { .. })
    ));

    let set = acme
        .config()
        .set_shards_status(ShardStatus::ReadOnly)
        .await
        .unwrap();
    assert_eq!(set.len(), 1);
    assert_eq!(set[0].status, ShardStatus::ReadOnly);
    let since = Instant::now();
    let refused = loop {
        match acme
            .data()
            .insert(NewObject::new(json!({"title": "refused"})).unwrap())
            .await
        {
            Err(e) => break e,
            Ok(_) => assert!(since.elapsed() < SETTLE, "never READONLY"),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        refused.to_string().contains("read-only"),
        "the server's message is kept: {refused}"
    );
    // The other tenant's shard keeps taking writes.
    client
        .collection(&name)
        .with_tenant("globex")
        .data()
        .insert(NewObject::new(json!({"title": "globex"})).unwrap())
        .await
        .unwrap();
    assert_eq!(
        acme.config().shards().await.unwrap()[0].status,
        ShardStatus::ReadOnly
    );

    let ready = acme
        .config()
        .set_shard_status("acme", ShardStatus::Ready)
        .await
        .unwrap();
    assert_eq!(ready, ShardStatus::Ready);
    let since = Instant::now();
    let id = loop {
        match acme
            .data()
            .insert(NewObject::new(json!({"title": "taken"})).unwrap())
            .await
        {
            Ok(id) => break id,
            Err(e) => assert!(since.elapsed() < SETTLE, "never READY again: {e}"),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(acme.data().get(id).await.unwrap().is_some());
    client.collections().delete(&name).await.unwrap();
}

/// Starts a COPY of the single shard of `name` to a node that lacks it; returns (operation, shard).
async fn start_copy(client: &Client, name: &str) -> (Uuid, String) {
    let replications = client.cluster().replications();
    let state = replications.sharding_state(name, None).await.unwrap();
    let shard = state.shards[0].shard.clone();
    let source = state.shards[0].replicas[0].clone();
    let target = NODES.into_iter().find(|n| *n != source).unwrap();
    let id = replications
        .replicate(name, &shard, &source, target, ReplicationType::Copy)
        .await
        .unwrap();
    (id, shard)
}

#[tokio::test]
async fn force_delete_dry_run_lists_and_a_real_one_deletes_a_collections_operations() {
    let _shared = REPLICATIONS.read().await;
    let client = common::cluster_client(0).await;
    let name = common::unique("OpsForce");
    filled(&client, &name, 1, 1, 50).await;
    let replications = client.cluster().replications();
    let (id, _) = start_copy(&client, &name).await;
    replications.wait(id, SETTLE).await.unwrap();

    let dry = replications
        .force_delete(&ForceDelete::collection(&name).dry_run())
        .await
        .unwrap();
    assert!(dry.dry_run);
    assert_eq!(dry.deleted, [id]);
    let listed = replications
        .list(&ReplicationFilter::all().collection(&name))
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|o| o.id).collect::<Vec<_>>(),
        [id],
        "a dry run deletes nothing"
    );

    let real = replications
        .force_delete(&ForceDelete::collection(&name))
        .await
        .unwrap();
    // Weaviate 1.39 names the operations in a dry run only: a real one answers an empty list.
    assert!(!real.dry_run);
    assert!(real.deleted.is_empty(), "{real:?}");
    assert!(
        replications
            .list(&ReplicationFilter::all().collection(&name))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        replications.get(id).await,
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        replications.force_delete(&ForceDelete::default()).await,
        Err(Error::InvalidInput { .. })
    ));
    client.collections().delete(&name).await.unwrap();
}

/// `delete_all` removes every operation of the cluster, so it runs in this one test after the
/// others' operations and `wait`'s timeout (the copy it waits for is deleted with the rest).
#[tokio::test]
async fn wait_times_out_while_the_operation_goes_on_and_delete_all_empties_the_list() {
    let _alone = REPLICATIONS.write().await;
    let client = common::cluster_client(0).await;
    let name = common::unique("OpsWaitAll");
    // Large enough that the copy outlasts a 1 ms wait.
    filled(&client, &name, 1, 1, 400).await;
    let replications = client.cluster().replications();
    let (id, _) = start_copy(&client, &name).await;

    match replications.wait(id, Duration::from_millis(1)).await {
        Err(Error::Timeout {
            operation, after, ..
        }) => {
            assert_eq!(after, Duration::from_millis(1));
            assert!(operation.contains(&id.to_string()), "{operation}");
        }
        other => panic!("a 1 ms wait: {other:?}"),
    }
    // The operation went on: it is still there, and finishes.
    let done = replications.wait(id, SETTLE).await.unwrap();
    assert_eq!(done.state(), &ReplicationState::Ready);

    let second = common::unique("OpsWaitAllB");
    filled(&client, &second, 1, 1, 10).await;
    let (other, _) = start_copy(&client, &second).await;
    let listed: BTreeSet<Uuid> = replications
        .list(&ReplicationFilter::all())
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    assert!(
        listed.contains(&id) && listed.contains(&other),
        "{listed:?}"
    );

    replications.delete_all().await.unwrap();
    let since = Instant::now();
    loop {
        let left = replications.list(&ReplicationFilter::all()).await.unwrap();
        if left.is_empty() {
            break;
        }
        assert!(since.elapsed() < SETTLE, "delete_all left {left:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    for n in [&name, &second] {
        client.collections().delete(n).await.unwrap();
    }
}
