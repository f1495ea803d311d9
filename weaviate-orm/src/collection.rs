//! A handle on one collection by name: the entry point of the untyped engine's data, query and batch
//! operations.

use crate::client::Client;
use crate::wire::v1 as pb;

/// How many replicas must answer a read or acknowledge a write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConsistencyLevel {
    /// One replica.
    One,
    /// A majority of replicas.
    Quorum,
    /// Every replica.
    All,
}

impl ConsistencyLevel {
    pub(crate) fn as_rest(self) -> &'static str {
        match self {
            ConsistencyLevel::One => "ONE",
            ConsistencyLevel::Quorum => "QUORUM",
            ConsistencyLevel::All => "ALL",
        }
    }

    pub(crate) fn as_grpc(self) -> i32 {
        (match self {
            ConsistencyLevel::One => pb::ConsistencyLevel::One,
            ConsistencyLevel::Quorum => pb::ConsistencyLevel::Quorum,
            ConsistencyLevel::All => pb::ConsistencyLevel::All,
        }) as i32
    }
}

/// One collection, by name, with an optional tenant and consistency level applied to every operation.
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use serde_json::json;
/// use weaviate_orm::data::NewObject;
///
/// let articles = client.collection("Article");
/// let id = articles.data().insert(NewObject::new(json!({"title": "Hello"}))?).await?;
/// let page = articles.query().fetch_objects().limit(10).await?;
/// # let _ = (id, page); Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Collection {
    pub(crate) client: Client,
    pub(crate) name: String,
    pub(crate) tenant: Option<String>,
    pub(crate) consistency: Option<ConsistencyLevel>,
}

impl Client {
    /// A handle on the collection `name`. No request is made.
    pub fn collection(&self, name: impl Into<String>) -> Collection {
        Collection {
            client: self.clone(),
            name: name.into(),
            tenant: None,
            consistency: None,
        }
    }
}

impl Collection {
    /// The collection's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The tenant every operation applies to, if any.
    pub fn tenant(&self) -> Option<&str> {
        self.tenant.as_deref()
    }

    /// The same collection, scoped to a tenant (multi-tenant collections).
    pub fn with_tenant(&self, tenant: impl Into<String>) -> Collection {
        Collection {
            tenant: Some(tenant.into()),
            ..self.clone()
        }
    }

    /// The same collection, with a consistency level for reads and writes.
    pub fn with_consistency_level(&self, level: ConsistencyLevel) -> Collection {
        Collection {
            consistency: Some(level),
            ..self.clone()
        }
    }

    /// The client this handle uses.
    pub fn client(&self) -> &Client {
        &self.client
    }

    pub(crate) fn check(&self) -> crate::Result<()> {
        crate::names::check_collection_name(&self.name)?;
        if let Some(t) = &self.tenant {
            crate::names::check_tenant_name(t)?;
        }
        Ok(())
    }
}
