//! The shards of a collection and their status (`/v1/schema/{collection}/shards`).

use reqwest::Method;
use serde::{Deserialize, Serialize};

use super::{Cluster, server_enum};
use crate::collection::Config;
use crate::error::{Error, Result};
use crate::names::{check_collection_name, check_tenant_name};
use crate::transport::rest::Path;

server_enum! {
    /// The status of a shard (also a node's vector indexing status).
    ShardStatus {
        /// Takes reads and writes.
        Ready = "READY",
        /// Takes reads only: writes are refused.
        ReadOnly = "READONLY",
        /// Building its vector index.
        Indexing = "INDEXING",
    }
}

/// A shard of a collection (`GET /v1/schema/{collection}/shards`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Shard {
    /// The shard's name.
    pub name: String,
    /// Its status.
    pub status: ShardStatus,
    /// Vectors waiting to be indexed.
    #[serde(default)]
    pub vector_queue_size: u64,
}

#[derive(Serialize, Deserialize)]
struct StatusBody {
    status: ShardStatus,
}

fn check_shard(shard: &str) -> Result<()> {
    if shard.is_empty() || shard.contains('/') {
        return Err(Error::invalid(format!("`{shard}` is not a shard name")));
    }
    Ok(())
}

impl Cluster<'_> {
    /// The shards of `collection` with their status, sorted by name. [`Error::NotFound`] when the
    /// collection does not exist.
    pub async fn shards(&self, collection: &str) -> Result<Vec<Shard>> {
        self.shards_of(collection, None).await
    }

    /// The shard of `tenant` in the multi-tenant `collection` (`GET
    /// /v1/schema/{collection}/shards?tenant=...`): one shard, named after the tenant. The server
    /// refuses ([`Error::Rejected`] with its message) an unknown tenant and a collection without
    /// multi-tenancy.
    pub async fn tenant_shards(&self, collection: &str, tenant: &str) -> Result<Vec<Shard>> {
        check_tenant_name(tenant)?;
        self.shards_of(collection, Some(tenant)).await
    }

    pub(crate) async fn shards_of(
        &self,
        collection: &str,
        tenant: Option<&str>,
    ) -> Result<Vec<Shard>> {
        check_collection_name(collection)?;
        let path = Path::v1(["schema", collection, "shards"]).query_opt("tenant", tenant);
        let mut shards: Vec<Shard> = self.client.rest().get(path).await?;
        shards.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(shards)
    }

    /// Sets one shard of `collection` to `status` ([`ShardStatus::Ready`] or
    /// [`ShardStatus::ReadOnly`]); returns the status the server set. The cluster applies the change
    /// on the node holding the shard: on another node's [`shards`](Self::shards), and for writes
    /// through it, the old status can last a moment (observed on Weaviate 1.39: well under a second).
    pub async fn set_shard_status(
        &self,
        collection: &str,
        shard: &str,
        status: ShardStatus,
    ) -> Result<ShardStatus> {
        check_collection_name(collection)?;
        check_shard(shard)?;
        let reply: StatusBody = self
            .client
            .rest()
            .json(
                Method::PUT,
                Path::v1(["schema", collection, "shards", shard]),
                &StatusBody { status },
                None,
            )
            .await?;
        Ok(reply.status)
    }

    /// Sets every shard of `collection` to `status`; returns the shards with the status the server
    /// set on each.
    pub async fn set_shards_status(
        &self,
        collection: &str,
        status: ShardStatus,
    ) -> Result<Vec<Shard>> {
        self.set_all_status(collection, None, status).await
    }

    async fn set_all_status(
        &self,
        collection: &str,
        tenant: Option<&str>,
        status: ShardStatus,
    ) -> Result<Vec<Shard>> {
        let mut shards = self.shards_of(collection, tenant).await?;
        for shard in &mut shards {
            shard.status = self
                .set_shard_status(collection, &shard.name, status.clone())
                .await?;
        }
        Ok(shards)
    }
}

/// The shards of a handle's collection: [`Cluster`]'s shard calls, scoped by the handle's tenant.
impl<C> Config<C> {
    /// The shards of the collection with their status, sorted by name; on a handle scoped to a
    /// tenant ([`Collection::with_tenant`](crate::Collection::with_tenant)) only that tenant's shard
    /// ([`Cluster::tenant_shards`]), else all ([`Cluster::shards`]).
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::cluster::ShardStatus;
    ///
    /// let acme = client.collection("Order").with_tenant("acme");
    /// let shards = acme.config().shards().await?;
    /// assert_eq!(shards[0].name, "acme");
    /// // Freeze the tenant's writes, then thaw them.
    /// acme.config().set_shards_status(ShardStatus::ReadOnly).await?;
    /// acme.config().set_shards_status(ShardStatus::Ready).await?;
    /// # Ok(()) }
    /// ```
    pub async fn shards(&self) -> Result<Vec<Shard>> {
        let c = self.collection();
        c.client
            .cluster()
            .shards_of(&c.name, c.tenant.as_deref())
            .await
    }

    /// Sets the shard `shard` to `status` ([`Cluster::set_shard_status`]); returns the status the
    /// server set.
    pub async fn set_shard_status(&self, shard: &str, status: ShardStatus) -> Result<ShardStatus> {
        let c = self.collection();
        c.client
            .cluster()
            .set_shard_status(&c.name, shard, status)
            .await
    }

    /// Sets every shard of [`shards`](Self::shards) (on a tenant handle: the tenant's) to `status`;
    /// returns them with the status the server set on each.
    pub async fn set_shards_status(&self, status: ShardStatus) -> Result<Vec<Shard>> {
        let c = self.collection();
        if let Some(t) = &c.tenant {
            check_tenant_name(t)?;
        }
        c.client
            .cluster()
            .set_all_status(&c.name, c.tenant.as_deref(), status)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn cluster_shards_decode_and_statuses_round_trip() {
        let shards: Vec<Shard> = serde_json::from_value(json!([
            {"name": "a", "status": "READONLY", "vectorQueueSize": 2},
            {"name": "b", "status": "LOADING"}
        ]))
        .unwrap();
        assert_eq!(shards[0].status, ShardStatus::ReadOnly);
        assert_eq!(shards[0].vector_queue_size, 2);
        assert_eq!(shards[1].status, ShardStatus::Other("LOADING".into()));
        let body = serde_json::to_value(StatusBody {
            status: ShardStatus::Ready,
        })
        .unwrap();
        assert_eq!(body, json!({"status": "READY"}));
        assert!(check_shard("a/b").is_err() && check_shard("").is_err());
    }
}
