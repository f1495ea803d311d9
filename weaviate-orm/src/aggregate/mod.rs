//! Aggregations over gRPC (Weaviate's `Aggregate` call): counts and per-property statistics of the
//! objects of a collection, all of them or the matches of a search, filtered, whole or grouped by a
//! property's values.
//!
//! Typed, from a typed handle: the metrics are asked for per field, with only the methods that fit
//! the field's type (a `sum` of a text field or a `top_occurrences` of a number does not compile),
//! and the result has the shape of what was asked:
//!
//! ```no_run
//! # use weaviate_orm::prelude::*;
//! # #[derive(WeaviateCollection)]
//! # #[weaviate(vector(name = "title_vec", source = [title], vectorizer = text2vec_transformers))]
//! # struct Article { title: String, views: i64, tags: Vec<String> }
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! let articles = client.collection_of::<Article>();
//! let f = Article::fields();
//! let stats = articles.aggregate().near_text("rust").object_limit(10)
//!     .filter(f.views.gt(10))
//!     .metrics((f.views.metrics().sum().mean(), f.title.metrics().top_occurrences(3)))
//!     .total_count()
//!     .await?;
//! let (views, titles) = stats.metrics; // IntMetrics, TextMetrics
//! println!("{:?} matches: {:?} views, mean {:?}", stats.total_count, views.sum, views.mean);
//!
//! let per_tag = articles.aggregate().over_all()
//!     .group_by(f.tags)
//!     .limit(5)
//!     .metrics(f.views.metrics().maximum())
//!     .await?;
//! for g in &per_tag {
//!     println!("{:?}: {} articles, at most {:?} views", g.value, g.count, g.metrics.maximum);
//! }
//! # let _ = titles; Ok(()) }
//! ```
//!
//! Untyped, by name: `client.collection(name).aggregate()`, with [`UntypedMetrics`] (a kind chosen
//! at run time, results as [`AnyMetrics`]).
//!
//! ## What runs
//! | method of [`Aggregate`] | aggregates over |
//! |---|---|
//! | [`over_all`](Aggregate::over_all) | every object (or those matching the filter) |
//! | [`near_vector`](Aggregate::near_vector), [`near_object`](Aggregate::near_object), [`near_text`](Aggregate::near_text) | the matches of a vector search: the [`object_limit`](Aggregation::object_limit) best, or those within a certainty / distance; one [`target`](Aggregation::target) vector |
//! | [`bm25`](Aggregate::bm25) | the `object_limit` best keyword matches (sent as a hybrid search with alpha 0; the server searches every text property) |
//! | [`hybrid`](Aggregate::hybrid) | the `object_limit` best hybrid matches |
//!
//! ## Metrics
//! `Field::metrics()` gives the [`Metrics`] builder of the field's kind ([`Aggregatable`]):
//!
//! | field type | kind | metrics | result |
//! |---|---|---|---|
//! | `i8`..`i64`, `u8`..`u32` | [`Int`] | count, sum, mean, median, mode, minimum, maximum | [`IntMetrics`] |
//! | `f32`, `f64` | [`Number`] | the same | [`NumberMetrics`] |
//! | `String` | [`Text`] | count, top occurrences | [`TextMetrics`] |
//! | `bool` | [`Boolean`] | count, total and percentage true / false | [`BooleanMetrics`] |
//! | `DateTime<Utc>`, `DateTime<FixedOffset>` | [`Date`] | count, median, mode, minimum, maximum | [`DateMetrics`] |
//! | `Reference<T>`, `MultiReference` | [`Ref`] | pointing to (filtered or searched aggregations only) | [`ReferenceMetrics`] |
//!
//! `Vec`s of these count every element, `Option`s count present values only. Geo coordinates,
//! phone numbers, blobs, uuids and nested objects cannot be aggregated (Weaviate 1.39 refuses them),
//! so they have no `metrics()`.
//!
//! Bad input (a search without an object limit, two target vectors, a property asked twice, a
//! builder with no metric, and what Weaviate 1.39 would answer wrongly: a filter on a bm25 or
//! hybrid search, whose keyword part it runs unfiltered; `pointing_to` over all objects, which it
//! leaves out; a distance of 2 or more, which it reads as a negative certainty) is an [`Error::InvalidInput`](crate::Error::InvalidInput) before
//! anything is sent; the server's refusals keep its message. The handle's tenant is sent; the
//! `Aggregate` call takes no consistency level.

mod builder;
mod group_by;
mod kinds;
mod metrics;
mod results;
mod search;
#[cfg(test)]
mod tests;
mod untyped;

use std::marker::PhantomData;

use uuid::Uuid;

pub use builder::{Aggregation, Groups, Whole};
pub use group_by::{AggregateGroup, GroupValue};
pub use kinds::{Aggregatable, AggregateDate};
pub use metrics::{
    Boolean, Counted, Date, Int, MetricKind, MetricSet, Metrics, Number, Occurrences, Ordered,
    Pointing, Ref, Summed, Text, Truth,
};
pub use results::{
    AggregateResult, BooleanMetrics, DateMetrics, IntMetrics, NumberMetrics, ReferenceMetrics,
    TextMetrics, TopOccurrence,
};
pub use search::{AggregateOperator, AggregateSearch, OverAll};
pub use untyped::{AnyMetrics, PropertyMetrics, UntypedMetrics};

use crate::collection::{Collection, CollectionKind};
use crate::data::Vector;
use crate::filter::Untyped;
use crate::query::{Bm25, Hybrid, Media, MediaKind, NearMedia, NearObject, NearText, NearVector};

/// Aggregations on one collection: typed (`Aggregate<Article>`, from a typed handle's
/// [`aggregate`](Collection::aggregate)) or untyped (`Aggregate<Untyped>`).
///
/// ```no_run
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, views: i64 }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// let count = client.collection_of::<Article>().aggregate().over_all().total_count().await?;
/// let by_name = client.collection("Article").aggregate().bm25("rust").object_limit(20)
///     .total_count()
///     .await?;
/// # let _ = (count, by_name); Ok(()) }
/// ```
pub struct Aggregate<C = Untyped> {
    collection: Collection,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Clone for Aggregate<C> {
    fn clone(&self) -> Self {
        Aggregate {
            collection: self.collection.clone(),
            _collection: PhantomData,
        }
    }
}

impl<C> std::fmt::Debug for Aggregate<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Aggregate")
            .field("collection", &self.collection.name)
            .field("tenant", &self.collection.tenant)
            .finish()
    }
}

impl<C: CollectionKind> Collection<C> {
    /// Aggregations on this collection (counts and statistics), with the handle's tenant.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let n = client.collection("Article").with_tenant("acme").aggregate().over_all()
    ///     .total_count()
    ///     .await?
    ///     .total_count;
    /// # let _ = n; Ok(()) }
    /// ```
    pub fn aggregate(&self) -> Aggregate<C> {
        Aggregate {
            collection: self.untyped(),
            _collection: PhantomData,
        }
    }
}

impl<C: CollectionKind> Aggregate<C> {
    fn over<S>(&self, operator: S) -> Aggregation<C, S> {
        Aggregation::new(self.collection.clone(), operator)
    }

    /// The collection's name.
    pub fn collection_name(&self) -> &str {
        &self.collection.name
    }

    /// Over every object of the collection (or those matching the filter).
    pub fn over_all(&self) -> Aggregation<C, OverAll> {
        self.over(OverAll)
    }

    /// Over the matches of a vector search with this query vector; give an
    /// [`object_limit`](Aggregation::object_limit) or a certainty / distance.
    pub fn near_vector(&self, vector: impl Into<Vector>) -> Aggregation<C, NearVector> {
        self.over(NearVector::one(vector.into()))
    }

    /// Over the matches of a vector search from a stored object's vector.
    pub fn near_object(&self, id: Uuid) -> Aggregation<C, NearObject> {
        self.over(NearObject::new(id))
    }

    /// Over the matches of a vector search from text, vectorized by the collection's vectorizer.
    pub fn near_text(&self, text: impl Into<String>) -> Aggregation<C, NearText> {
        self.over(NearText::new(vec![text.into()]))
    }

    /// Over the matches of a vector search from several concepts (their vectors averaged).
    pub fn near_text_concepts<I, S>(&self, concepts: I) -> Aggregation<C, NearText>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.over(NearText::new(
            concepts.into_iter().map(Into::into).collect(),
        ))
    }

    /// Over the matches of a vector search from an image, vectorized by the collection's
    /// multi-modal module (multi2vec-clip, -bind, ...); give an
    /// [`object_limit`](Aggregation::object_limit) or a certainty / distance.
    pub fn near_image(&self, image: impl Into<Media>) -> Aggregation<C, NearMedia> {
        self.over(NearMedia::new(MediaKind::Image, image.into()))
    }

    /// Over the matches of a vector search from media of `kind` (audio, video, depth, thermal,
    /// IMU or an image), vectorized by the collection's multi-modal module.
    pub fn near_media(
        &self,
        kind: MediaKind,
        media: impl Into<Media>,
    ) -> Aggregation<C, NearMedia> {
        self.over(NearMedia::new(kind, media.into()))
    }

    /// Over the best keyword (BM25) matches of `query`, in every text property; give an
    /// [`object_limit`](Aggregation::object_limit).
    pub fn bm25(&self, query: impl Into<String>) -> Aggregation<C, Bm25> {
        self.over(Bm25::new(query.into()))
    }

    /// Over the best hybrid matches of `query`; give an
    /// [`object_limit`](Aggregation::object_limit).
    pub fn hybrid(&self, query: impl Into<String>) -> Aggregation<C, Hybrid> {
        self.over(Hybrid::new(query.into()))
    }
}
