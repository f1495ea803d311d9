//! Fetching objects: listing with filter, sort, offset or cursor, and by id.

use uuid::Uuid;

use super::builder::{List, One, Operator, Search};
use super::handles::Sort;
use super::result::Hit;
use crate::data::Object;
use crate::error::Result;
use crate::filter::Untyped;
use crate::typed::WeaviateCollection;
use crate::wire::v1 as pb;

/// The fetch operator: objects without ranking. Built by
/// [`Query::fetch_objects`](super::Query::fetch_objects).
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
#[derive(Clone, Copy, Debug, Default)]
pub struct Fetch;

impl Operator for Fetch {
    fn __apply(&self, _request: &mut pb::SearchRequest) -> Result<()> {
        Ok(())
    }
}

impl<C, R> Search<C, Fetch, R, List> {
    /// Cursor: objects whose id comes after `id`, in id order. Use with [`limit`](Search::limit) to
    /// page through a whole collection (or use [`stream`](Search::stream)). Cannot be combined with
    /// offset, filter or sort.
    pub fn after(mut self, id: Uuid) -> Self {
        self.options.after = Some(id);
        self
    }

    /// Sort the objects (typed field handles, [`ObjectProperty`](super::ObjectProperty), or names in
    /// untyped queries). A second call replaces the first.
    pub fn sort(mut self, sort: Sort<C>) -> Self {
        self.options.sort = sort.to_proto();
        self
    }

    pub(crate) fn by_ids(mut self, ids: Vec<Uuid>) -> Self {
        self.options.ids = Some(ids);
        self
    }

    pub(crate) fn by_id(mut self, id: Uuid) -> Search<C, Fetch, R, One> {
        self.options.ids = Some(vec![id]);
        self.options.limit = Some(1);
        self.cast()
    }
}

impl Search<Untyped, Fetch, Object, List> {
    /// Runs the fetch and decodes every result into `T` (properties, reference ids, id and vectors).
    /// Unless [`return_properties`](Search::return_properties) was set, it asks for every property
    /// of `T` by name (blobs included, which "all properties" leaves out, also inside nested
    /// objects) and for the ids of its references. Prefer the typed query,
    /// `client.collection_of::<T>().query().fetch_objects()`, which also gives metadata.
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
        let search: Search<T, Fetch, Hit<T>, List> = self.retype();
        let hits = search.run_list().await?;
        Ok(hits.into_iter().map(Hit::into_object).collect())
    }
}
