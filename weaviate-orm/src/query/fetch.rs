//! `fetch_objects`: list objects with paging or a cursor.

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use uuid::Uuid;

use super::MetadataQuery;
use super::{decode, typed};
use crate::collection::Collection;
use crate::data::Object;
use crate::error::{Error, Result};
use crate::names::check_property_name;
use crate::typed::WeaviateCollection;
use crate::wire::v1 as pb;

/// Lists objects of a collection. Await it to get the objects.
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::MetadataQuery;
///
/// let articles = client.collection("Article");
/// let first = articles.query().fetch_objects().limit(100).return_properties(["title"]).await?;
/// // next page by cursor
/// if let Some(last) = first.last() {
///     let next = articles
///         .query()
///         .fetch_objects()
///         .after(last.id)
///         .limit(100)
///         .return_metadata(MetadataQuery::default().creation_time())
///         .await?;
/// #   let _ = next;
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
#[must_use = "a query does nothing until it is awaited"]
pub struct FetchObjects {
    collection: Collection,
    limit: Option<u32>,
    offset: Option<u32>,
    after: Option<Uuid>,
    properties: Option<Vec<String>>,
    metadata: MetadataQuery,
    vector: bool,
    vectors: Vec<String>,
}

impl FetchObjects {
    pub(crate) fn new(collection: Collection) -> Self {
        FetchObjects {
            collection,
            limit: None,
            offset: None,
            after: None,
            properties: None,
            metadata: MetadataQuery::default(),
            vector: false,
            vectors: Vec::new(),
        }
    }

    /// At most this many objects (the server's default limit applies otherwise).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Skip this many objects first. Cannot be combined with [`after`](Self::after).
    pub fn offset(mut self, offset: u32) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Cursor: objects whose id comes after `id`. Use with [`limit`](Self::limit) to page through a
    /// whole collection.
    pub fn after(mut self, id: Uuid) -> Self {
        self.after = Some(id);
        self
    }

    /// Return only these properties (all non-reference properties by default; an empty list returns
    /// none).
    pub fn return_properties<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.properties = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Metadata to return besides the id.
    pub fn return_metadata(mut self, metadata: MetadataQuery) -> Self {
        self.metadata = metadata;
        self
    }

    /// Return the default (unnamed) vector.
    pub fn include_vector(mut self) -> Self {
        self.vector = true;
        self
    }

    /// Return these named vectors.
    pub fn include_vectors<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.vectors.extend(names.into_iter().map(Into::into));
        self
    }

    pub(crate) fn to_request(&self) -> Result<pb::SearchRequest> {
        self.collection.check()?;
        if self.after.is_some() && self.offset.is_some() {
            return Err(Error::invalid(
                "`after` (cursor) and `offset` cannot be combined",
            ));
        }
        let properties = match &self.properties {
            None => pb::PropertiesRequest {
                return_all_nonref_properties: true,
                ..Default::default()
            },
            Some(names) => {
                for n in names {
                    check_property_name(n)?;
                }
                pb::PropertiesRequest {
                    non_ref_properties: names.clone(),
                    ..Default::default()
                }
            }
        };
        #[allow(deprecated)]
        let request = pb::SearchRequest {
            collection: self.collection.name.clone(),
            tenant: self.collection.tenant.clone().unwrap_or_default(),
            consistency_level: self.collection.consistency.map(|c| c.as_grpc()),
            properties: Some(properties),
            metadata: Some(self.metadata.to_proto(self.vector, &self.vectors)),
            limit: self.limit.unwrap_or(0),
            offset: self.offset.unwrap_or(0),
            after: self.after.map(|a| a.to_string()).unwrap_or_default(),
            uses_123_api: true,
            uses_125_api: true,
            uses_127_api: true,
            ..Default::default()
        };
        Ok(request)
    }

    /// Runs the fetch and decodes every result straight from the gRPC reply into `T` (properties,
    /// reference ids, id and vectors). Unless [`return_properties`](Self::return_properties) was set,
    /// it asks for every property of `T` by name (blobs included, which "all properties" leaves out,
    /// also inside nested objects) and for the ids of its references.
    ///
    /// ```no_run
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let articles: Vec<Article> = client.collection(Article::NAME).query().fetch_objects().limit(10).typed().await?;
    /// # Ok(()) }
    /// ```
    pub async fn typed<T: WeaviateCollection>(self) -> Result<Vec<T>> {
        let explicit = self.properties.is_some();
        let mut request = self.to_request()?;
        let plan = typed::Plan::of::<T>();
        if !explicit {
            request.properties = Some(plan.properties());
        }
        let client = &self.collection.client;
        let timeout = client.timeouts().query_timeout();
        let mut reply = client.grpc().search(request.clone(), timeout).await?;
        if !explicit {
            for extra in plan.extra_reference_requests(&request) {
                let more = client.grpc().search(extra, timeout).await?;
                typed::merge_references(&mut reply, &more)?;
            }
        }
        reply.results.iter().map(decode::typed::<T>).collect()
    }

    async fn run(self) -> Result<Vec<Object>> {
        let request = self.to_request()?;
        let client = &self.collection.client;
        let reply = client
            .grpc()
            .search(request, client.timeouts().query_timeout())
            .await?;
        let tenant = self.collection.tenant.as_deref();
        reply
            .results
            .iter()
            .map(|r| decode::object(r, &self.collection.name, tenant))
            .collect()
    }
}

impl IntoFuture for FetchObjects {
    type Output = Result<Vec<Object>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
