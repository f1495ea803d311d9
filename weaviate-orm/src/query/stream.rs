//! Walking a whole collection with the cursor, one page at a time.

use std::pin::Pin;

use futures_util::stream::{self, Stream, StreamExt, TryStreamExt};

use super::builder::{List, Search};
use super::fetch::Fetch;
use super::result::ResultShape;
use crate::error::{Error, Result};

/// A stream of search results (or the error that ended it).
pub type ResultStream<R> = Pin<Box<dyn Stream<Item = Result<R>> + Send>>;

impl<C: 'static, R: ResultShape<C>> Search<C, Fetch, R, List> {
    /// Every object of the collection (after [`after`](Search::after), when set), in id order, as a
    /// stream read `page_size` objects at a time with the cursor: memory stays bounded by one page,
    /// and each object comes exactly once even for collections larger than any limit. Properties,
    /// metadata, vectors, projections and expansions apply to each page. Cannot be combined with
    /// offset, filter or sort (the cursor does not allow them).
    ///
    /// ```no_run
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)]
    /// # struct Article { title: String }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use futures_util::TryStreamExt;
    /// use weaviate_orm::query::Hit;
    ///
    /// let mut articles = client.collection_of::<Article>().query().fetch_objects().stream(500).map_ok(Hit::into_object);
    /// while let Some(article) = articles.try_next().await? {
    ///     println!("{}", article.title);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn stream(self, page_size: u32) -> ResultStream<R> {
        let o = &self.options;
        let conflict = if o.offset.is_some() {
            Some("offset")
        } else if o.filter.is_some() || o.ids.is_some() {
            Some("a filter")
        } else if !o.sort.is_empty() {
            Some("sort")
        } else if page_size == 0 {
            Some("a page size of 0")
        } else {
            None
        };
        if let Some(c) = conflict {
            let e = Error::invalid(format!("a cursor stream cannot be combined with {c}"));
            return stream::once(async move { Err(e) }).boxed();
        }
        let start = self.options.after;
        let pages = stream::try_unfold(Some((self, start)), move |state| async move {
            let Some((mut search, after)) = state else {
                return Ok(None);
            };
            search.options.after = after;
            search.options.limit = Some(page_size);
            let page = search.run_list().await?;
            let full = page.len() >= page_size as usize;
            let next = match page.last() {
                Some(last) if full => {
                    let last = last.__id();
                    Some((search, Some(last)))
                }
                _ => None,
            };
            Ok(Some((page, next)))
        });
        pages
            .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }
}
