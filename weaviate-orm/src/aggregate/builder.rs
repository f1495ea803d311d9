//! [`Aggregation`]: the one builder behind every aggregation, awaited to run it.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use super::group_by::{self, AggregateGroup};
use super::metrics::MetricSet;
use super::results::{AggregateResult, count};
use super::search::{
    AggregateOperator, AggregateSearch, check_filter, check_references, check_search,
};
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::query::{
    Bm25, Hybrid, IntoProperty, NearMedia, NearObject, NearText, NearVector, hybrid_methods,
    keyword_operator_method, move_methods, target_methods, threshold_methods,
};
use crate::wire::v1 as pb;

/// Output mode: one result for all matching objects ([`AggregateResult`]).
#[derive(Clone, Copy, Debug)]
pub struct Whole;

/// Output mode: one result per value of a property (`Vec<`[`AggregateGroup`]`>`), after
/// [`Aggregation::group_by`].
#[derive(Clone, Copy, Debug)]
pub struct Groups;

#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    object_limit: Option<u32>,
    filter: Option<pb::Filters>,
    total_count: bool,
    group_by: Option<String>,
    limit: Option<u32>,
}

/// An aggregation on collection `C` over `S` ([`OverAll`](super::OverAll) or a search), computing
/// the metrics `M` ([`MetricSet`]), whole or in groups (`G`: [`Whole`] or [`Groups`]). Build it
/// from [`Aggregate`](super::Aggregate), chain options, and await it.
///
/// ```no_run
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # #[weaviate(vector(name = "title_vec", source = [title], vectorizer = text2vec_transformers))]
/// # struct Article { title: String, views: i64 }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// let f = Article::fields();
/// let stats = client.collection_of::<Article>().aggregate()
///     .near_text("rust")
///     .object_limit(10)
///     .filter(f.views.gt(10))
///     .metrics((f.views.metrics().sum().mean(), f.title.metrics().top_occurrences(3)))
///     .total_count()
///     .await?;
/// let (views, titles) = stats.metrics;
/// # let _ = (views, titles); Ok(()) }
/// ```
#[must_use = "an aggregation does nothing until it is awaited"]
pub struct Aggregation<C, S, M = (), G = Whole> {
    pub(crate) collection: Collection,
    pub(crate) operator: S,
    metrics: M,
    options: Options,
    _types: PhantomData<fn() -> (C, G)>,
}

impl<C, S: Clone, M: Clone, G> Clone for Aggregation<C, S, M, G> {
    fn clone(&self) -> Self {
        Aggregation {
            collection: self.collection.clone(),
            operator: self.operator.clone(),
            metrics: self.metrics.clone(),
            options: self.options.clone(),
            _types: PhantomData,
        }
    }
}

impl<C, S: fmt::Debug, M: fmt::Debug, G> fmt::Debug for Aggregation<C, S, M, G> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Aggregation")
            .field("collection", &self.collection.name)
            .field("tenant", &self.collection.tenant)
            .field("operator", &self.operator)
            .field("metrics", &self.metrics)
            .field("options", &self.options)
            .finish()
    }
}

impl<C, S> Aggregation<C, S> {
    pub(crate) fn new(collection: Collection, operator: S) -> Self {
        Aggregation {
            collection,
            operator,
            metrics: (),
            options: Options::default(),
            _types: PhantomData,
        }
    }
}

impl<C, S, M, G> Aggregation<C, S, M, G> {
    fn recast<N, H>(self, metrics: N) -> Aggregation<C, S, N, H> {
        let Aggregation {
            collection,
            operator,
            options,
            ..
        } = self;
        Aggregation {
            collection,
            operator,
            metrics,
            options,
            _types: PhantomData,
        }
    }

    /// The statistics to compute: one [`Metrics`](super::Metrics) builder
    /// (`Article::fields().views.metrics().sum()`) or a tuple of them; the result's `metrics` has
    /// the same shape. A second call replaces the first.
    pub fn metrics<N: MetricSet<C>>(self, metrics: N) -> Aggregation<C, S, N, G> {
        self.recast(metrics)
    }

    /// Only objects matching `filter`, a filter on this collection. A second call replaces the
    /// first.
    pub fn filter(mut self, filter: Filter<C>) -> Self {
        self.options.filter = Some(filter.into_wire());
        self
    }

    /// Aggregate in this tenant (multi-tenant collections).
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.collection = self.collection.with_tenant(tenant);
        self
    }
}

impl<C, S: AggregateSearch, M, G> Aggregation<C, S, M, G> {
    /// Aggregate over the `limit` best matches of the search (vector searches need this or a
    /// certainty / distance; keyword and hybrid searches need it).
    pub fn object_limit(mut self, limit: u32) -> Self {
        self.options.object_limit = Some(limit);
        self
    }
}

impl<C, S, M> Aggregation<C, S, M, Whole> {
    /// Also count the objects aggregated over ([`AggregateResult::total_count`]).
    pub fn total_count(mut self) -> Self {
        self.options.total_count = true;
        self
    }

    /// Compute the statistics per value of `property` (a field of this collection): awaiting gives
    /// one [`AggregateGroup`] per value, largest group first (at most 100, or the
    /// [`limit`](Aggregation::limit)).
    pub fn group_by(mut self, property: impl IntoProperty<C>) -> Aggregation<C, S, M, Groups> {
        self.options.group_by = Some(property.property_name());
        Aggregation {
            collection: self.collection,
            operator: self.operator,
            metrics: self.metrics,
            options: self.options,
            _types: PhantomData,
        }
    }
}

impl<C, S, M> Aggregation<C, S, M, Groups> {
    /// At most this many groups (the server's default: 100).
    pub fn limit(mut self, limit: u32) -> Self {
        self.options.limit = Some(limit);
        self
    }
}

target_methods!(impl<C, M, G> Aggregation<C, NearVector, M, G>);
threshold_methods!(impl<C, M, G> Aggregation<C, NearVector, M, G>);
target_methods!(impl<C, M, G> Aggregation<C, NearObject, M, G>);
threshold_methods!(impl<C, M, G> Aggregation<C, NearObject, M, G>);
target_methods!(impl<C, M, G> Aggregation<C, NearText, M, G>);
threshold_methods!(impl<C, M, G> Aggregation<C, NearText, M, G>);
move_methods!(impl<C, M, G> Aggregation<C, NearText, M, G>);
target_methods!(impl<C, M, G> Aggregation<C, NearMedia, M, G>);
threshold_methods!(impl<C, M, G> Aggregation<C, NearMedia, M, G>);
keyword_operator_method!(impl<C, M, G> Aggregation<C, Bm25, M, G>);
keyword_operator_method!(impl<C, M, G> Aggregation<C, Hybrid, M, G>);
target_methods!(impl<C, M, G> Aggregation<C, Hybrid, M, G>);
hybrid_methods!(impl<C, M, G> Aggregation<C, Hybrid, M, G>);

impl<C, S: AggregateOperator, M: MetricSet<C>, G> Aggregation<C, S, M, G> {
    /// The request this aggregation sends (for inspection and tests); bad input is an
    /// [`Error::InvalidInput`] here, before anything is sent.
    pub fn to_request(&self) -> Result<pb::AggregateRequest> {
        self.collection.check()?;
        let o = &self.options;
        if o.object_limit == Some(0) {
            return Err(Error::invalid("object_limit must be at least 1"));
        }
        if o.limit == Some(0) {
            return Err(Error::invalid("the group limit must be at least 1"));
        }
        if o.group_by.as_deref() == Some("") {
            return Err(Error::invalid("the group_by property name is empty"));
        }
        let search = self.operator.__search()?;
        if let Some(s) = &search {
            check_search(s, o.object_limit)?;
        }
        check_filter(search.as_ref(), o.filter.is_some())?;
        let mut aggregations = Vec::new();
        self.metrics.__requests(&mut aggregations)?;
        check_references(&aggregations, search.as_ref(), o.filter.is_some())?;
        for (i, a) in aggregations.iter().enumerate() {
            if aggregations[..i].iter().any(|b| b.property == a.property) {
                return Err(Error::invalid(format!(
                    "`{}` is aggregated twice: ask for all of its metrics in one `metrics()` builder",
                    a.property
                )));
            }
        }
        Ok(pb::AggregateRequest {
            collection: self.collection.name.clone(),
            tenant: self.collection.tenant.clone().unwrap_or_default(),
            objects_count: o.total_count || o.group_by.is_some(),
            aggregations,
            object_limit: o.object_limit,
            group_by: o.group_by.as_ref().map(|p| pb::aggregate_request::GroupBy {
                collection: self.collection.name.clone(),
                property: p.clone(),
            }),
            limit: o.limit,
            filters: o.filter.clone(),
            search,
        })
    }

    async fn execute(&self) -> Result<pb::AggregateReply> {
        let request = self.to_request()?;
        let client = &self.collection.client;
        client
            .grpc()
            .aggregate(request, client.timeouts().query_timeout())
            .await
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

impl<C: 'static, S, M> IntoFuture for Aggregation<C, S, M, Whole>
where
    S: AggregateOperator,
    M: MetricSet<C> + Send + Sync + 'static,
{
    type Output = Result<AggregateResult<M::Output>>;
    type IntoFuture = BoxFuture<AggregateResult<M::Output>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            use pb::aggregate_reply::Result as R;
            let reply = self.execute().await?;
            let single = match reply.result {
                None => pb::aggregate_reply::Single::default(),
                Some(R::SingleResult(s)) => s,
                Some(R::GroupedResults(_)) => {
                    return Err(Error::decode(
                        "an ungrouped aggregation was answered with groups",
                    ));
                }
            };
            Ok(AggregateResult {
                total_count: if self.options.total_count {
                    count("the total count", single.objects_count)?
                } else {
                    None
                },
                metrics: self.metrics.__decode(single.aggregations.as_ref())?,
            })
        })
    }
}

impl<C: 'static, S, M> IntoFuture for Aggregation<C, S, M, Groups>
where
    S: AggregateOperator,
    M: MetricSet<C> + Send + Sync + 'static,
{
    type Output = Result<Vec<AggregateGroup<M::Output>>>;
    type IntoFuture = BoxFuture<Vec<AggregateGroup<M::Output>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let reply = self.execute().await?;
            group_by::decode(&self.metrics, reply)
        })
    }
}
