//! [`Search`]: the one builder behind every search, with the modifiers they share.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use uuid::Uuid;

use super::group_by::{self, GroupedResults};
use super::handles::{IntoProperty, VectorName};
use super::metadata::MetadataQuery;
use super::plan::{merge_references, split_references, target_properties_of};
use super::projection::Projection;
use super::references::QueryReference;
use super::result::{Hit, ResultShape, ShapeContext};
use crate::collection::{Collection, ConsistencyLevel};
use crate::data::Object;
use crate::error::{Error, Result};
use crate::filter::{Filter, Untyped};
use crate::sealed::{Sealed, SealedFor};
use crate::typed::{Field, Reference, WeaviateCollection};
use crate::wire::v1 as pb;

/// Output mode: a list of results (`Vec<R>`).
#[derive(Clone, Copy, Debug)]
pub struct List;

/// Output mode: results in groups ([`GroupedResults<R>`]), after [`Search::group_by`].
#[derive(Clone, Copy, Debug)]
pub struct Grouped;

/// Output mode: one result or none (`Option<R>`), from [`Query::fetch_object_by_id`](super::Query::fetch_object_by_id).
#[derive(Clone, Copy, Debug)]
pub struct One;

/// A search operator (fetch, near vector, near text, BM25, hybrid, ...). Implemented by this crate.
pub trait Operator: Sealed + Clone + fmt::Debug + Send + Sync + 'static {
    #[doc(hidden)]
    fn __apply(&self, request: &mut pb::SearchRequest) -> Result<()>;
}

/// Operators that rank their results (all but fetching): they take [`autocut`](Search::autocut) and
/// [`group_by`](Search::group_by).
pub trait Ranked: Operator {}

/// Output modes with several results: they take limit, offset, filter and rerank.
pub trait Listing: Sealed {}
impl Listing for List {}
impl Listing for Grouped {}

#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    pub(crate) limit: Option<u32>,
    pub(crate) offset: Option<u32>,
    pub(crate) autocut: Option<u32>,
    pub(crate) after: Option<Uuid>,
    pub(crate) sort: Vec<pb::SortBy>,
    pub(crate) filter: Option<pb::Filters>,
    pub(crate) ids: Option<Vec<Uuid>>,
    pub(crate) group_by: Option<pb::GroupBy>,
    pub(crate) rerank: Option<pb::Rerank>,
    pub(crate) metadata: MetadataQuery,
    pub(crate) vector: bool,
    pub(crate) vectors: Vec<String>,
    pub(crate) properties: Option<Vec<String>>,
    /// Untyped, crate-internal: exactly this properties request (nested objects, blobs).
    pub(crate) request: Option<pb::PropertiesRequest>,
    pub(crate) references: Vec<QueryReference>,
    pub(crate) expand: Vec<(String, pb::PropertiesRequest)>,
    /// Retrieval-augmented generation ([`Search::generate`](super::generative)).
    pub(crate) generative: Option<super::generative::GenerativeSpec>,
    /// MMR selection, boost, query profile (modifiers.rs).
    pub(crate) extras: super::modifiers::Extras,
}

/// A search on collection `C` with operator `S` (see the [module docs](super) for the operators),
/// returning results of type `R` in output mode `O` ([`List`], [`Grouped`] or [`One`]).
///
/// Build it from a [`Query`](super::Query), chain modifiers, and await it:
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, views: i64 }
/// # async fn run(client: weaviate_orm::Client, filter: weaviate_orm::filter::Filter<Article>) -> weaviate_orm::Result<()> {
/// use weaviate_orm::ConsistencyLevel;
/// use weaviate_orm::query::MetadataQuery;
///
/// let hits = client.collection_of::<Article>().query()
///     .bm25("rust")
///     .filter(filter)
///     .limit(10)
///     .offset(10)
///     .autocut(1)
///     .consistency_level(ConsistencyLevel::Quorum)
///     .return_metadata(MetadataQuery::default().score().creation_time())
///     .rerank(Article::fields().title)
///     .await?;
/// # let _ = hits; Ok(()) }
/// ```
#[must_use = "a search does nothing until it is awaited"]
pub struct Search<C, S, R, O = List> {
    pub(crate) collection: Collection,
    pub(crate) operator: S,
    pub(crate) options: Options,
    _types: Types<C, R, O>,
}

/// The type parameters a search carries without holding values of them.
type Types<C, R, O> = PhantomData<fn() -> (C, R, O)>;

impl<C, S: Clone, R, O> Clone for Search<C, S, R, O> {
    fn clone(&self) -> Self {
        Search {
            collection: self.collection.clone(),
            operator: self.operator.clone(),
            options: self.options.clone(),
            _types: PhantomData,
        }
    }
}

impl<C, S: fmt::Debug, R, O> fmt::Debug for Search<C, S, R, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Search")
            .field("collection", &self.collection.name)
            .field("tenant", &self.collection.tenant)
            .field("operator", &self.operator)
            .field("options", &self.options)
            .finish()
    }
}

impl<C, S, R, O> Search<C, S, R, O> {
    pub(crate) fn new(collection: Collection, operator: S) -> Self {
        Search {
            collection,
            operator,
            options: Options::default(),
            _types: PhantomData,
        }
    }

    pub(crate) fn cast<R2, O2>(self) -> Search<C, S, R2, O2> {
        Search {
            collection: self.collection,
            operator: self.operator,
            options: self.options,
            _types: PhantomData,
        }
    }

    pub(crate) fn retype<C2, R2>(self) -> Search<C2, S, R2, O> {
        Search {
            collection: self.collection,
            operator: self.operator,
            options: self.options,
            _types: PhantomData,
        }
    }

    /// Search in this tenant (multi-tenant collections).
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.collection = self.collection.with_tenant(tenant);
        self
    }

    /// Read with this consistency level.
    pub fn consistency_level(mut self, level: ConsistencyLevel) -> Self {
        self.collection = self.collection.with_consistency_level(level);
        self
    }

    /// Metadata to return with each result besides the id (distance, certainty, score, explain
    /// score, creation and update time, consistency).
    pub fn return_metadata(mut self, metadata: MetadataQuery) -> Self {
        self.options.metadata = metadata;
        self
    }

    /// Return the object's vector: the unnamed vector of a collection without named vectors, or all
    /// named vectors.
    pub fn include_vector(mut self) -> Self {
        self.options.vector = true;
        self
    }

    /// Return these named vectors (`Article::vectors().title_vec`, or names in untyped queries).
    pub fn include_vectors<I, V>(mut self, vectors: I) -> Self
    where
        I: IntoIterator<Item = V>,
        V: VectorName<C>,
    {
        self.options
            .vectors
            .extend(vectors.into_iter().map(VectorName::vector_name));
        self
    }

    pub(crate) fn context(&self) -> ShapeContext {
        ShapeContext {
            collection: self.collection.name.clone(),
            tenant: self.collection.tenant.clone(),
            properties: self.options.properties.clone(),
            request: self.options.request.clone(),
            references: self.options.references.clone(),
            expand: self.options.expand.clone(),
        }
    }
}

impl<C, S, R, O: Listing> Search<C, S, R, O> {
    /// At most this many results (the server's default limit applies otherwise; with
    /// [`group_by`](Search::group_by), the number of objects searched before grouping).
    pub fn limit(mut self, limit: u32) -> Self {
        self.options.limit = Some(limit);
        self
    }

    /// Skip this many results first.
    pub fn offset(mut self, offset: u32) -> Self {
        self.options.offset = Some(offset);
        self
    }

    /// Only objects matching `filter`, a filter on this collection (typed queries take the
    /// collection's `Filter<T>`, untyped ones `Filter<Untyped>`). A second call replaces the first.
    pub fn filter(mut self, filter: Filter<C>) -> Self {
        self.options.filter = Some(filter.into_wire());
        self
    }

    /// Rerank the results with the collection's reranker module, on the text of `property` (and the
    /// search's own query).
    pub fn rerank(mut self, property: impl IntoProperty<C>) -> Self {
        self.options.rerank = Some(pb::Rerank {
            property: property.property_name(),
            query: None,
        });
        self
    }

    /// Rerank the results with the collection's reranker module, on the text of `property`, against
    /// `query`.
    pub fn rerank_with_query(
        mut self,
        property: impl IntoProperty<C>,
        query: impl Into<String>,
    ) -> Self {
        self.options.rerank = Some(pb::Rerank {
            property: property.property_name(),
            query: Some(query.into()),
        });
        self
    }
}

impl<C, S: Ranked, R> Search<C, S, R, List> {
    /// Cut the results after this many jumps in distance or score (1: at the first jump).
    pub fn autocut(mut self, jumps: u32) -> Self {
        self.options.autocut = Some(jumps);
        self
    }

    /// Group the results by the value of `property`: at most `number_of_groups` groups of at most
    /// `objects_per_group` objects each, best groups first. Awaiting then gives
    /// [`GroupedResults`].
    ///
    /// ```no_run
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)]
    /// # #[weaviate(vectorizer = text2vec_bigram)]
    /// # struct Article { title: String, topic: String }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    ///
    /// let grouped = client.collection_of::<Article>().query()
    ///     .near_text("databases")
    ///     .limit(100)
    ///     .group_by(Article::fields().topic, 3, 2)
    ///     .await?;
    /// for group in &grouped.groups {
    ///     println!("{}: {} objects", group.name, group.objects.len());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn group_by(
        mut self,
        property: impl IntoProperty<C>,
        number_of_groups: u32,
        objects_per_group: u32,
    ) -> Search<C, S, R, Grouped> {
        self.options.group_by = Some(pb::GroupBy {
            path: vec![property.property_name()],
            number_of_groups: number_of_groups.min(i32::MAX as u32) as i32,
            objects_per_group: objects_per_group.min(i32::MAX as u32) as i32,
        });
        self.cast()
    }
}

impl<S, O> Search<Untyped, S, Object, O> {
    /// Return only these properties (all non-blob, non-reference properties by default; an empty
    /// list returns none).
    pub fn return_properties<I, P>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: Into<String>,
    {
        self.options.properties = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Return this reference property with each object (call once per reference, and per target
    /// collection of a multi-target reference).
    pub fn return_references(mut self, reference: QueryReference) -> Self {
        self.options.references.push(reference);
        self
    }

    /// Ask for exactly these properties (built by [`properties_of`](super::properties_of): nested
    /// objects with their sub-properties, blobs), instead of names or "all non-blob properties".
    pub(crate) fn properties_request(mut self, request: pb::PropertiesRequest) -> Self {
        self.options.request = Some(request);
        self
    }
}

/// A reference property of collection `C` that a typed search can expand into its targets'
/// struct: `Field<C, Reference<U>>` or `Field<C, Option<Reference<U>>>`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a single-target reference of collection `{C}`",
    label = "not a `Reference<_>` field handle of `{C}`",
    note = "expand a `Reference<T>` field of the queried collection (`{C}::fields().author`); multi-target references cannot be expanded"
)]
pub trait ExpandableReference<C>: SealedFor<C> {
    /// The property's name and what to ask of its targets.
    #[doc(hidden)]
    fn expansion(self) -> (String, pb::PropertiesRequest);
}

impl<C, U: WeaviateCollection> ExpandableReference<C> for Field<C, Reference<U>> {
    fn expansion(self) -> (String, pb::PropertiesRequest) {
        (self.name().to_owned(), target_properties_of::<U>())
    }
}

impl<C, U: WeaviateCollection> ExpandableReference<C> for Field<C, Option<Reference<U>>> {
    fn expansion(self) -> (String, pb::PropertiesRequest) {
        (self.name().to_owned(), target_properties_of::<U>())
    }
}

impl<C: WeaviateCollection, S, R, O> Search<C, S, R, O> {
    /// Decode results into projection `P` (a struct with a subset of `C`'s fields, see
    /// [`projection!`](crate::projection!)) instead of `C`; only `P`'s properties are fetched.
    pub fn returning<P: Projection<C>>(self) -> Search<C, S, Hit<P>, O> {
        self.cast()
    }

    /// Expand reference `field`: its targets are decoded into their struct and put in
    /// [`Reference::objects`] (their own references read with ids only, multi-target ones empty).
    ///
    /// ```no_run
    /// # use weaviate_orm::WeaviateCollection;
    /// # use weaviate_orm::typed::Reference;
    /// # #[derive(WeaviateCollection)]
    /// # struct Author { name: String }
    /// # #[derive(WeaviateCollection)]
    /// # struct Book { title: String, author: Reference<Author> }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    ///
    /// let books = client.collection_of::<Book>().query().fetch_objects().expand(Book::fields().author).await?;
    /// let authors: &Vec<Author> = books[0].author.objects.as_ref().unwrap();
    /// # let _ = authors; Ok(()) }
    /// ```
    pub fn expand(mut self, field: impl ExpandableReference<C>) -> Self {
        let (name, request) = field.expansion();
        self.options.expand.retain(|(n, _)| *n != name);
        self.options.expand.push((name, request));
        self
    }
}

fn id_filter(ids: &[Uuid]) -> pb::Filters {
    let target = Some(pb::FilterTarget {
        target: Some(pb::filter_target::Target::Property("_id".into())),
    });
    if let [id] = ids {
        return pb::Filters {
            operator: pb::filters::Operator::Equal as i32,
            test_value: Some(pb::filters::TestValue::ValueText(id.to_string())),
            target,
            ..Default::default()
        };
    }
    pb::Filters {
        operator: pb::filters::Operator::ContainsAny as i32,
        test_value: Some(pb::filters::TestValue::ValueTextArray(pb::TextArray {
            values: ids.iter().map(Uuid::to_string).collect(),
        })),
        target,
        ..Default::default()
    }
}

fn and(a: pb::Filters, b: pb::Filters) -> pb::Filters {
    pb::Filters {
        operator: pb::filters::Operator::And as i32,
        filters: vec![a, b],
        ..Default::default()
    }
}

/// A built search: the main request and the extra searches for further reference targets.
pub(crate) struct Built {
    pub(crate) request: pb::SearchRequest,
    pub(crate) extra: Vec<pb::SearchRequest>,
    pub(crate) context: ShapeContext,
}

impl<C, S: Operator, R: ResultShape<C>, O> Search<C, S, R, O> {
    pub(crate) fn build(&self) -> Result<Built> {
        self.collection.check()?;
        let o = &self.options;
        if o.after.is_some() {
            let mut conflicts = Vec::new();
            if o.offset.is_some() {
                conflicts.push("offset");
            }
            if o.filter.is_some() || o.ids.is_some() {
                conflicts.push("a filter");
            }
            if !o.sort.is_empty() {
                conflicts.push("sort");
            }
            if !conflicts.is_empty() {
                return Err(Error::invalid(format!(
                    "`after` (cursor) cannot be combined with {}",
                    conflicts.join(", ")
                )));
            }
        }
        if let Some(g) = &o.group_by {
            if g.number_of_groups < 1 || g.objects_per_group < 1 {
                return Err(Error::invalid(
                    "group_by needs at least one group and one object per group",
                ));
            }
        }
        let context = self.context();
        let mut properties = R::__properties(&context)?;
        let extra_properties = split_references(&mut properties);
        let filters = match (o.filter.clone(), o.ids.as_deref()) {
            (f, None) => f,
            (None, Some(ids)) => Some(id_filter(ids)),
            (Some(f), Some(ids)) => Some(and(id_filter(ids), f)),
        };
        let limit = match (o.limit, &o.ids) {
            (Some(l), _) => l,
            (None, Some(ids)) => u32::try_from(ids.len()).unwrap_or(u32::MAX),
            (None, None) => 0,
        };
        #[allow(deprecated)]
        let mut request = pb::SearchRequest {
            collection: self.collection.name.clone(),
            tenant: self.collection.tenant.clone().unwrap_or_default(),
            consistency_level: self.collection.consistency.map(|c| c.as_grpc()),
            properties: Some(properties),
            metadata: Some(o.metadata.to_proto(o.vector, &o.vectors)),
            group_by: o.group_by.clone(),
            limit,
            offset: o.offset.unwrap_or(0),
            autocut: o.autocut.unwrap_or(0),
            after: o.after.map(|a| a.to_string()).unwrap_or_default(),
            sort_by: o.sort.clone(),
            filters,
            rerank: o.rerank.clone(),
            uses_123_api: true,
            uses_125_api: true,
            uses_127_api: true,
            ..Default::default()
        };
        self.operator.__apply(&mut request)?;
        request.generative = o.generative.as_ref().map(|g| g.to_proto()).transpose()?;
        o.extras.apply(&mut request)?;
        let extra = extra_properties
            .into_iter()
            .map(|p| {
                let mut r = request.clone();
                r.properties = Some(p);
                r.metadata = Some(pb::MetadataRequest {
                    uuid: true,
                    ..Default::default()
                });
                r.rerank = None;
                r.generative = None;
                r
            })
            .collect();
        Ok(Built {
            request,
            extra,
            context,
        })
    }

    /// Runs the search (and the extra searches for further reference targets) and returns the
    /// merged reply.
    pub(crate) async fn execute(&self) -> Result<(pb::SearchReply, ShapeContext)> {
        let built = self.build()?;
        if matches!(&self.options.ids, Some(ids) if ids.is_empty()) {
            return Ok((pb::SearchReply::default(), built.context));
        }
        let client = &self.collection.client;
        super::modifiers::check_versions(client, &built.request).await?;
        let timeout = client.timeouts().query_timeout();
        let mut reply = client.grpc().search(built.request, timeout).await?;
        for extra in built.extra {
            let more = client.grpc().search(extra, timeout).await?;
            merge_references(&mut reply, &more)?;
        }
        Ok((reply, built.context))
    }

    pub(crate) async fn run_list(&self) -> Result<Vec<R>> {
        let (reply, context) = self.execute().await?;
        self.decode_list(&reply, &context)
    }

    /// The results of `reply`, in the order of the ids when searching by ids.
    pub(crate) fn decode_list(
        &self,
        reply: &pb::SearchReply,
        context: &ShapeContext,
    ) -> Result<Vec<R>> {
        let mut results = reply
            .results
            .iter()
            .map(|r| R::__decode(r, context))
            .collect::<Result<Vec<R>>>()?;
        if let Some(ids) = &self.options.ids {
            // By ids: in the order the ids were given (the server's order is its own).
            results.sort_by_key(|r| {
                let id = r.__id();
                ids.iter().position(|i| *i == id).unwrap_or(usize::MAX)
            });
        }
        Ok(results)
    }

    /// The request this search sends (for inspection and tests; the extra searches for further
    /// targets of multi-target references are not included).
    pub fn to_request(&self) -> Result<pb::SearchRequest> {
        self.build().map(|b| b.request)
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

impl<C: 'static, S: Operator, R: ResultShape<C>> IntoFuture for Search<C, S, R, List> {
    type Output = Result<Vec<R>>;
    type IntoFuture = BoxFuture<Vec<R>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run_list().await })
    }
}

impl<C: 'static, S: Operator, R: ResultShape<C>> IntoFuture for Search<C, S, R, Grouped> {
    type Output = Result<GroupedResults<R>>;
    type IntoFuture = BoxFuture<GroupedResults<R>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let (reply, context) = self.execute().await?;
            group_by::decode::<C, R>(&reply, &context)
        })
    }
}

impl<C: 'static, S: Operator, R: ResultShape<C>> IntoFuture for Search<C, S, R, One> {
    type Output = Result<Option<R>>;
    type IntoFuture = BoxFuture<Option<R>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let mut found = self.run_list().await?;
            Ok(if found.is_empty() {
                None
            } else {
                Some(found.swap_remove(0))
            })
        })
    }
}
