//! Debugging reads: one object over REST as a chosen node has it, like the Python client's
//! `client.debug.get_object_over_rest`.
//!
//! [`Client::debug`] gives [`DebugTools`]; [`DebugTools::object`] reads one object by id with
//! `GET /v1/objects/{collection}/{id}?include=vector`, optionally with `node_name` (the replica of
//! that node), `consistency_level` and `tenant`. It awaits to `Option<`[`Object`]`>`: `None` when
//! the object is not there (HTTP 404), the object with its properties and vectors otherwise.
//!
//! What the server does with `node_name` (observed on Weaviate 1.39, and so in its source,
//! `Index.objectByID`): the name only counts when the object's shard has **more than one replica**.
//! Then the read goes to that node's replica: a node without a replica of the shard answers HTTP 500
//! `shard "…" does not exist locally` and an unknown node `cannot resolve node name: …` (both
//! [`Error::Server`] with the server's message). With a single replica the name is ignored: any
//! name, even an unknown one, reads the one replica, wherever it is.
//!
//! `node_name` and `consistency_level` exclude each other on the server (HTTP 400); asking for both
//! is [`Error::InvalidInput`] before anything is sent.
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
//! use weaviate_orm::ConsistencyLevel;
//!
//! // The copy of node2.
//! if let Some(object) = client.debug().object("Article", id).node("node2").await? {
//!     println!("node2 has {:?} and {:?}", object.properties, object.vectors);
//! }
//! // One tenant's object, read at consistency ALL.
//! let all = client
//!     .debug()
//!     .object("Order", id)
//!     .tenant("acme")
//!     .consistency(ConsistencyLevel::All)
//!     .await?;
//! # let _ = all; Ok(()) }
//! ```

use std::fmt;

use uuid::Uuid;

use crate::client::Client;
use crate::collection::ConsistencyLevel;
use crate::data::Object;
use crate::encoding::rest_object::ObjectReply;
use crate::error::{Error, Result};
use crate::names::{check_collection_name, check_tenant_name};
use crate::transport::rest::Path;

/// Debugging reads for one client. Get it with [`Client::debug`]; see the [module docs](self).
#[derive(Clone, Copy, Debug)]
pub struct DebugTools<'a> {
    client: &'a Client,
}

impl Client {
    /// Debugging reads: one object as a chosen node has it ([`DebugTools::object`]).
    pub fn debug(&self) -> DebugTools<'_> {
        DebugTools { client: self }
    }
}

impl DebugTools<'_> {
    /// A read of the object `id` of `collection` over REST, with its vectors. Choose the node, the
    /// tenant or the consistency level on the builder, then await it.
    pub fn object(&self, collection: impl Into<String>, id: Uuid) -> DebugObject {
        DebugObject {
            client: self.client.clone(),
            collection: collection.into(),
            id,
            node: None,
            tenant: None,
            consistency: None,
        }
    }
}

/// A pending debugging read of one object (`GET /v1/objects/{collection}/{id}`), returning
/// `Option<Object>`. Made by [`DebugTools::object`]; runs when awaited.
#[must_use = "a request does nothing until it is awaited"]
#[derive(Clone)]
pub struct DebugObject {
    client: Client,
    collection: String,
    id: Uuid,
    node: Option<String>,
    tenant: Option<String>,
    consistency: Option<ConsistencyLevel>,
}

impl fmt::Debug for DebugObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DebugObject")
            .field("collection", &self.collection)
            .field("id", &self.id)
            .field("node", &self.node)
            .field("tenant", &self.tenant)
            .field("consistency", &self.consistency)
            .finish()
    }
}

impl DebugObject {
    /// Read the replica of node `name` ([`Node::name`](crate::cluster::Node::name), e.g.
    /// `"node2"`); the server heeds it only for a shard with several replicas (see the
    /// [module docs](self)). Excludes [`consistency`](Self::consistency).
    pub fn node(mut self, name: impl Into<String>) -> Self {
        self.node = Some(name.into());
        self
    }

    /// The object of `tenant` (multi-tenant collections).
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// Read at consistency `level`. Excludes [`node`](Self::node).
    pub fn consistency(mut self, level: ConsistencyLevel) -> Self {
        self.consistency = Some(level);
        self
    }

    /// The request's path and query, checked.
    fn path(&self) -> Result<Path> {
        check_collection_name(&self.collection)?;
        if let Some(t) = &self.tenant {
            check_tenant_name(t)?;
        }
        if let Some(node) = &self.node {
            if node.is_empty() || node.contains('/') {
                return Err(Error::invalid(format!("`{node}` is not a node name")));
            }
            if self.consistency.is_some() {
                return Err(Error::invalid(
                    "a debug read takes a node name or a consistency level, not both \
                     (the server holds them mutually exclusive)",
                ));
            }
        }
        Ok(Path::v1([
            "objects".to_owned(),
            self.collection.clone(),
            self.id.to_string(),
        ])
        .query("include", "vector")
        .query_opt("node_name", self.node.clone())
        .query_opt("consistency_level", self.consistency.map(|c| c.as_rest()))
        .query_opt("tenant", self.tenant.clone()))
    }

    async fn run(self) -> Result<Option<Object>> {
        let path = self.path()?;
        match self.client.rest().get::<ObjectReply>(path).await {
            Ok(reply) => reply.into_object().map(Some),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

impl std::future::IntoFuture for DebugObject {
    type Output = Result<Option<Object>>;
    type IntoFuture =
        std::pin::Pin<Box<dyn std::future::Future<Output = Result<Option<Object>>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn debug_object_reply_decodes_with_named_vectors() {
        let reply: ObjectReply = serde_json::from_value(json!({
            "class": "Dbg", "creationTimeUnix": 1796162104831_i64,
            "id": "11111111-1111-4111-8111-111111111111",
            "lastUpdateTimeUnix": 1796162104831_i64, "properties": {"title": "hi"},
            "vectorWeights": null, "vectors": {"v": [0.1, 0.2]}
        }))
        .unwrap();
        let object = reply.into_object().unwrap();
        assert_eq!(
            object.id,
            Uuid::parse_str("11111111-1111-4111-8111-111111111111").unwrap()
        );
        assert_eq!(object.properties["title"], json!("hi"));
        assert!(object.vectors.get("v").is_some(), "{:?}", object.vectors);
    }

    #[tokio::test]
    async fn debug_object_refuses_bad_input_before_sending() {
        // Nothing listens there: an InvalidInput proves nothing was sent.
        let client = crate::ClientBuilder::custom("http://127.0.0.1:9", "http://127.0.0.1:9")
            .skip_init_checks(true)
            .build()
            .await
            .unwrap();
        let id = Uuid::new_v4();
        let invalid = |e: Result<Option<Object>>| matches!(e, Err(Error::InvalidInput { .. }));
        assert!(invalid(client.debug().object("", id).await));
        assert!(invalid(client.debug().object("A", id).node("").await));
        assert!(invalid(client.debug().object("A", id).node("a/b").await));
        assert!(invalid(client.debug().object("A", id).tenant("").await));
        assert!(invalid(
            client
                .debug()
                .object("A", id)
                .node("node1")
                .consistency(ConsistencyLevel::One)
                .await
        ));
        assert!(client.debug().object("A", id).node("node1").path().is_ok());
    }
}
