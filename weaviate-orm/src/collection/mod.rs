//! [`Collection<C>`]: the one handle on a collection, typed (`C` a struct deriving
//! [`WeaviateCollection`]) or untyped (`C` = [`Untyped`], a collection known by name).
//!
//! Everything done to a collection's data starts from it, in one shape:
//! `handle.<area>().<operation>(..).<options>(..).await`:
//!
//! | area | typed (`Collection<Article>`) | untyped (`Collection<Untyped>`) |
//! |---|---|---|
//! | [`query`](Collection::query) | [`Query<Article>`](crate::query::Query): results are `Hit<Article>` | [`Query<Untyped>`](crate::query::Query): results are [`Object`](crate::data::Object)s |
//! | [`data`](Collection::data) | [`Data<Article>`](crate::data::Data): insert an `Article`, get an `Option<Article>` | [`Data<Untyped>`](crate::data::Data): [`NewObject`](crate::data::NewObject) in, [`Object`](crate::data::Object) out |
//! | `batch` | [`TypedBatch<Article>`](crate::batch::TypedBatch) | [`Batch`](crate::batch::Batch) |
//! | [`aggregate`](Collection::aggregate) | [`Aggregate<Article>`](crate::aggregate::Aggregate): metrics from field handles, typed results | [`Aggregate<Untyped>`](crate::aggregate::Aggregate): metrics by property name |
//! | [`tenants`](Collection::tenants) | [`Tenants`](crate::tenants::Tenants) | the same |
//! | [`config`](Collection::config) | [`Config`]: get, update, add a property | the same |
//!
//! Scope ([`with_tenant`](Collection::with_tenant),
//! [`with_consistency_level`](Collection::with_consistency_level)) is set on the handle and applies
//! to everything made from it.

mod config;
mod consistency;
mod kind;

use std::fmt;
use std::marker::PhantomData;

pub use config::Config;
pub use consistency::ConsistencyLevel;
pub use kind::CollectionKind;

use crate::client::Client;
use crate::filter::Untyped;
use crate::typed::WeaviateCollection;

/// One collection, typed or untyped, with an optional tenant and consistency level applied to every
/// operation made from it. Making a handle sends no request.
///
/// Typed, for a struct deriving [`WeaviateCollection`]:
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::prelude::*;
///
/// #[derive(WeaviateCollection, Debug)]
/// struct Article {
///     #[weaviate(key)]
///     slug: String,
///     title: String,
///     #[weaviate(index_range_filters)]
///     views: i64,
/// }
///
/// let articles = client.collection_of::<Article>();
/// let id = articles
///     .data()
///     .insert(Article { slug: "hello".into(), title: "Hello".into(), views: 1 })
///     .await?;
/// let stored: Option<Article> = articles.data().get(id).await?;
/// let f = Article::fields();
/// let popular = articles.query().fetch_objects().filter(f.views.gt(100)).limit(10).await?;
/// # let _ = (stored, popular); Ok(()) }
/// ```
///
/// Untyped, by name:
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
pub struct Collection<C = Untyped> {
    pub(crate) client: Client,
    pub(crate) name: String,
    pub(crate) tenant: Option<String>,
    pub(crate) consistency: Option<ConsistencyLevel>,
    _kind: PhantomData<fn() -> C>,
}

impl<C> Clone for Collection<C> {
    fn clone(&self) -> Self {
        self.recast()
    }
}

impl<C> fmt::Debug for Collection<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Collection")
            .field("name", &self.name)
            .field("tenant", &self.tenant)
            .field("consistency", &self.consistency)
            .finish()
    }
}

impl Client {
    /// The untyped handle on the collection (or alias) `name`: objects are
    /// [`NewObject`](crate::data::NewObject)s in and [`Object`](crate::data::Object)s out, properties
    /// are named by strings. No request is made.
    pub fn collection(&self, name: impl Into<String>) -> Collection {
        Collection::new(self.clone(), name.into())
    }

    /// The typed handle on `T`'s collection (`T::NAME`): queries return `T`s, inserts take `T`s,
    /// filters, sort keys and patches are `T`'s field handles. No request is made.
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let hits = client.collection_of::<Article>().query().bm25("rust").limit(5).await?;
    /// # let _ = hits; Ok(()) }
    /// ```
    pub fn collection_of<T: WeaviateCollection>(&self) -> Collection<T> {
        Collection::new(self.clone(), T::NAME.to_owned())
    }
}

impl<C> Collection<C> {
    fn new(client: Client, name: String) -> Self {
        Collection {
            client,
            name,
            tenant: None,
            consistency: None,
            _kind: PhantomData,
        }
    }

    fn recast<D>(&self) -> Collection<D> {
        Collection {
            client: self.client.clone(),
            name: self.name.clone(),
            tenant: self.tenant.clone(),
            consistency: self.consistency,
            _kind: PhantomData,
        }
    }

    /// The collection's name (or the alias the handle was made with).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The tenant every operation applies to, if any.
    pub fn tenant(&self) -> Option<&str> {
        self.tenant.as_deref()
    }

    /// The consistency level of every read and write, if set (else the server's: `QUORUM`).
    pub fn consistency_level(&self) -> Option<ConsistencyLevel> {
        self.consistency
    }

    /// The same collection, scoped to a tenant (multi-tenant collections).
    pub fn with_tenant(&self, tenant: impl Into<String>) -> Self {
        Collection {
            tenant: Some(tenant.into()),
            ..self.clone()
        }
    }

    /// The same collection, with a consistency level for reads and writes.
    pub fn with_consistency_level(&self, level: ConsistencyLevel) -> Self {
        Collection {
            consistency: Some(level),
            ..self.clone()
        }
    }

    /// The client this handle uses.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// The untyped handle on the same collection, with the same tenant and consistency level.
    pub fn untyped(&self) -> Collection {
        self.recast()
    }

    /// A typed handle on this collection, whose objects have `T`'s shape under another name (a copy
    /// being rebuilt before an alias moves to it, a test's own collection), keeping the tenant and
    /// the consistency level.
    ///
    /// ```no_run
    /// # use weaviate_orm::prelude::*;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let copy = client.collection("Article_v2").typed::<Article>();
    /// let first = copy.query().fetch_objects().limit(1).await?;
    /// # let _ = first; Ok(()) }
    /// ```
    pub fn typed<T: WeaviateCollection>(&self) -> Collection<T> {
        self.recast()
    }

    pub(crate) fn check(&self) -> crate::Result<()> {
        crate::names::check_collection_name(&self.name)?;
        if let Some(t) = &self.tenant {
            crate::names::check_tenant_name(t)?;
        }
        Ok(())
    }
}
