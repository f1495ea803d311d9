//! Searches over gRPC, typed or untyped.
//!
//! A [`Query`] is the entry point on one collection. It is typed when the collection is a struct
//! deriving [`WeaviateCollection`](crate::WeaviateCollection): results decode into that struct (or into a [projection](Projection)
//! of it), and every property, vector, filter and sort key is a handle of that collection, checked at
//! compile time. It is untyped when the collection is known only at run time
//! (`client.collection(name).query()`): results are [`Object`]s, and properties are named by strings.
//!
//! Every search is a builder that runs when awaited:
//!
//! ```no_run
//! # use weaviate_orm::WeaviateCollection;
//! # #[derive(WeaviateCollection, Debug)]
//! # #[weaviate(vector(name = "title_vec", source = [title], vectorizer = text2vec_bigram))]
//! # struct Article { title: String, views: i64 }
//! # async fn run(client: weaviate_orm::Client, popular: weaviate_orm::filter::Filter<Article>) -> weaviate_orm::Result<()> {
//! use weaviate_orm::query::MetadataQuery;
//!
//! let hits = client.collection_of::<Article>().query()
//!     .near_text("vector databases")
//!     .filter(popular)
//!     .limit(10)
//!     .return_metadata(MetadataQuery::default().distance())
//!     .await?;
//! for hit in &hits {
//!     println!("{} {:?}: {}", hit.id, hit.metadata.distance, hit.object.title);
//! }
//! # Ok(()) }
//! ```
//!
//! ## Searches
//! | method of [`Query`] | Weaviate search |
//! |---|---|
//! | [`fetch_objects`](Query::fetch_objects) | list objects (filter, sort, offset, cursor); [`stream`](Search::stream) walks a whole collection |
//! | [`fetch_object_by_id`](Query::fetch_object_by_id), [`fetch_objects_by_ids`](Query::fetch_objects_by_ids) | objects by id |
//! | [`near_vector`](Query::near_vector), [`near_vector_per_target`](Query::near_vector_per_target) | vector search with query vectors (single, multi-vector, one per target vector) |
//! | [`near_object`](Query::near_object) | vector search from a stored object's vector |
//! | [`near_text`](Query::near_text) | vector search from text, vectorized by the collection's vectorizer (move to / away) |
//! | [`bm25`](Query::bm25) | keyword search (properties with boosts, AND / OR / AND_CROSS operator) |
//! | [`hybrid`](Query::hybrid) | keyword and vector search fused (alpha, fusion, sub-searches, max vector distance) |
//! | [`near_image`](Query::near_image), [`near_media`](Query::near_media) | vector search from an image, audio, video, depth, thermal or IMU [`Media`] (bytes, a file, base64), vectorized by a multi-modal module |
//! | any of these, then [`generate`](Search::generate) | generative search (RAG): a prompt per object, a grouped task, a provider with its options ([`generative`]) |
//!
//! Any of them can also generate text from its results with the server's generative module
//! ([`generate`](Search::generate), see [`generative`]): a prompt per object, checked against the
//! struct's properties at compile time with [`prompt!`](crate::prompt!), and/or a task over all
//! results, with typed options for every provider.
//!
//! Modifiers common to all: [`limit`](Search::limit), [`offset`](Search::offset),
//! [`filter`](Search::filter), [`rerank`](Search::rerank), [`tenant`](Search::tenant),
//! [`consistency_level`](Search::consistency_level), [`return_metadata`](Search::return_metadata),
//! [`include_vectors`](Search::include_vectors). Ranked searches add [`autocut`](Search::autocut),
//! [`group_by`](Search::group_by) and target vectors; listing adds [`after`](Search::after) and
//! [`sort`](Search::sort).
//!
//! Newer modifiers, each refused with [`Unsupported`](crate::Error::Unsupported) before sending to an
//! older server:
//!
//! | modifier | what it does | since |
//! |---|---|---|
//! | [`diversify`](Search::diversify) ([`Mmr`]) | maximal marginal relevance over near vector / object / text and hybrid results | 1.39 |
//! | [`boost`](Search::boost) ([`Boost`]) | re-score ranked results by filters, time and numeric decays, property values | 1.39 |
//! | [`profiled`](Search::profiled) | the per-shard [`QueryProfile`] with the results | 1.37 |
//! | [`Bm25Operator::AndCross`] | BM25 (and hybrid's keyword part): every token in any searched property | 1.39 |
//!
//! ## Results
//! - Typed queries return `Vec<`[`Hit<T>`]`>`: the id, the decoded `T`, the [`Metadata`](crate::data::Metadata)
//!   asked for and the vectors asked for. [`Search::returning`] decodes a [projection](Projection)
//!   (a struct holding a subset of `T`'s fields) instead; [`Search::expand`] fills a reference's
//!   [`objects`](crate::typed::Reference::objects) with the target structs.
//! - Untyped queries return `Vec<`[`Object`]`>`.
//! - [`group_by`](Search::group_by) returns [`GroupedResults`]; `fetch_object_by_id` returns an `Option`.
//! - After [`generate`](Search::generate): [`GenerativeResults`](generative::GenerativeResults)
//!   (each result a [`Generated<R>`](generative::Generated) with its text, and the grouped text),
//!   [`GenerativeGroupedResults`](generative::GenerativeGroupedResults) with `group_by`, or an
//!   `Option<Generated<R>>` by id.
//! - A required field missing from a reply is a [`Decode`](crate::Error::Decode) error naming the
//!   property and the object id; `Option` fields read `None`.

mod boost;
mod builder;
mod decode;
mod diversity;
mod fetch;
pub mod generative;
mod group_by;
mod handles;
mod hybrid;
mod keyword;
mod media;
mod metadata;
mod modifiers;
mod near_media;
mod near_object;
mod near_text;
mod near_vector;
mod plan;
mod profile;
mod projection;
mod references;
mod result;
mod stream;
mod targets;
#[cfg(test)]
pub(crate) mod tests;

use std::marker::PhantomData;

use uuid::Uuid;

pub use boost::{
    Boost, BoostCondition, DateProperty, DateValue, DecayCurve, NumberProperty, NumberValue,
    NumericDecay, PropertyValue, TimeDecay, ValueModifier,
};
pub use builder::{ExpandableReference, Grouped, List, Listing, One, Operator, Ranked, Search};
pub use diversity::{Diversifiable, Mmr};
pub use fetch::Fetch;
pub use group_by::{Group, GroupedResults};
pub use handles::{
    IntoProperty, IntoSearchProperty, ObjectProperty, Sort, SortDirection, VectorName,
};
pub use hybrid::{Fusion, Hybrid, HybridVector};
pub use keyword::{Bm25, Bm25Operator};
pub use media::{Media, MediaKind};
pub use metadata::MetadataQuery;
pub use near_media::NearMedia;
pub use near_object::NearObject;
pub use near_text::{Move, NearText};
pub use near_vector::NearVector;
pub use profile::{Profiled, QueryProfile, SearchProfile, ShardProfile};
pub use projection::Projection;
pub use references::QueryReference;
pub use result::{Hit, ResultShape};
pub use stream::ResultStream;
pub use targets::{Combination, Targets};

pub(crate) use hybrid::hybrid_methods;
pub(crate) use keyword::keyword_operator_method;
pub(crate) use near_text::move_methods;
pub(crate) use plan::properties_of;
pub(crate) use targets::{target_methods, threshold_methods};

#[doc(hidden)]
pub use projection::__read_projection_field;
#[doc(hidden)]
pub use result::ShapeContext;

use crate::collection::{Collection, CollectionKind, ConsistencyLevel};
use crate::data::{Object, Vector};
use crate::filter::Untyped;

/// The untyped fetch builder: `client.collection(name).query().fetch_objects()`.
pub type FetchObjects<C = Untyped, R = Object> = Search<C, Fetch, R, List>;

/// Searches on one collection: typed (`Query<Article>`, from a typed handle's
/// [`query`](Collection::query)) or untyped (`Query<Untyped>`, from an untyped handle's).
///
/// ```no_run
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// let typed = client.collection_of::<Article>().query().bm25("rust").limit(5).await?; // Vec<Hit<Article>>
/// let untyped = client.collection("Article").query().bm25("rust").limit(5).await?; // Vec<Object>
/// # let _ = (typed, untyped); Ok(()) }
/// ```
pub struct Query<C = Untyped> {
    pub(crate) collection: Collection,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Clone for Query<C> {
    fn clone(&self) -> Self {
        Query {
            collection: self.collection.clone(),
            _collection: PhantomData,
        }
    }
}

impl<C> std::fmt::Debug for Query<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Query")
            .field("collection", &self.collection.name)
            .field("tenant", &self.collection.tenant)
            .finish()
    }
}

impl<C: CollectionKind> Collection<C> {
    /// Searches on this collection: typed results (`Hit<T>`) for a typed handle, [`Object`]s for an
    /// untyped one.
    pub fn query(&self) -> Query<C> {
        Query::on(self.untyped())
    }
}

impl<C: CollectionKind> Query<C> {
    fn on(collection: Collection) -> Self {
        Query {
            collection,
            _collection: PhantomData,
        }
    }

    /// The collection's name.
    pub fn collection_name(&self) -> &str {
        &self.collection.name
    }

    /// The same searches, scoped to a tenant (multi-tenant collections).
    pub fn tenant(&self, tenant: impl Into<String>) -> Self {
        Query::on(self.collection.with_tenant(tenant))
    }

    /// The same searches, with a consistency level.
    pub fn consistency_level(&self, level: ConsistencyLevel) -> Self {
        Query::on(self.collection.with_consistency_level(level))
    }

    fn search<S>(&self, operator: S) -> Search<C, S, C::Result, List> {
        Search::new(self.collection.clone(), operator)
    }

    /// Lists objects without ranking (in id order unless sorted), with filter, sort, limit, offset
    /// or cursor.
    pub fn fetch_objects(&self) -> Search<C, Fetch, C::Result, List> {
        self.search(Fetch)
    }

    /// The object with this id, or `None`.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let found = client.collection("Article").query().fetch_object_by_id(id).await?;
    /// # let _ = found; Ok(()) }
    /// ```
    pub fn fetch_object_by_id(&self, id: Uuid) -> Search<C, Fetch, C::Result, One> {
        Search::new(self.collection.clone(), Fetch).by_id(id)
    }

    /// The objects with these ids (those that exist), in the order of `ids`. The limit defaults to
    /// the number of ids; a smaller [`limit`](Search::limit) or an [`offset`](Search::offset) applies
    /// in the server's order, before the results are put in the order of `ids`.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client, a: uuid::Uuid, b: uuid::Uuid) -> weaviate_orm::Result<()> {
    /// let both = client.collection("Article").query().fetch_objects_by_ids([a, b]).await?;
    /// # let _ = both; Ok(()) }
    /// ```
    pub fn fetch_objects_by_ids<I: IntoIterator<Item = Uuid>>(
        &self,
        ids: I,
    ) -> Search<C, Fetch, C::Result, List> {
        self.search(Fetch).by_ids(ids.into_iter().collect())
    }

    /// Vector search with a query vector: a single vector (`Vec<f32>`) or a multi-vector
    /// (`Vec<Vec<f32>>`, for multi-vector indexes). With several target vectors the same vector is
    /// used for each.
    pub fn near_vector(&self, vector: impl Into<Vector>) -> Search<C, NearVector, C::Result, List> {
        self.search(NearVector::one(vector.into()))
    }

    /// Vector search with one query vector per target vector (a target may be given several
    /// times, for several query vectors). Combine the targets with
    /// [`targets`](Search::targets); the default is the server's (minimum).
    ///
    /// ```no_run
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)]
    /// # #[weaviate(vector(name = "a", dimensions = 2), vector(name = "b", dimensions = 2))]
    /// # struct Doc { title: String }
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::query::Targets;
    ///
    /// let v = Doc::vectors();
    /// let hits = client.collection_of::<Doc>().query()
    ///     .near_vector_per_target([(v.a, vec![1.0, 0.0]), (v.b, vec![0.0, 1.0])])
    ///     .targets(Targets::manual_weights([(v.a, 1.0), (v.b, 2.0)]))
    ///     .await?;
    /// # let _ = hits; Ok(()) }
    /// ```
    pub fn near_vector_per_target<I, N, V>(
        &self,
        vectors: I,
    ) -> Search<C, NearVector, C::Result, List>
    where
        I: IntoIterator<Item = (N, V)>,
        N: VectorName<C>,
        V: Into<Vector>,
    {
        self.search(NearVector::per_target(
            vectors
                .into_iter()
                .map(|(n, v)| (n.vector_name(), v.into()))
                .collect(),
        ))
    }

    /// Vector search from the vector(s) of a stored object of this collection.
    pub fn near_object(&self, id: Uuid) -> Search<C, NearObject, C::Result, List> {
        self.search(NearObject::new(id))
    }

    /// Vector search from text, vectorized by the collection's vectorizer. The vectorizer module
    /// must take `nearText` searches: Weaviate 1.39's `text2vec-bigram` does not (the server
    /// answers "could not vectorize input .. with search-type nearText"), though hybrid search
    /// vectorizes its query with it.
    pub fn near_text(&self, text: impl Into<String>) -> Search<C, NearText, C::Result, List> {
        self.search(NearText::new(vec![text.into()]))
    }

    /// Vector search from several concepts (their vectors are averaged).
    pub fn near_text_concepts<I, S>(&self, concepts: I) -> Search<C, NearText, C::Result, List>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.search(NearText::new(
            concepts.into_iter().map(Into::into).collect(),
        ))
    }

    /// Keyword (BM25) search.
    pub fn bm25(&self, query: impl Into<String>) -> Search<C, Bm25, C::Result, List> {
        self.search(Bm25::new(query.into()))
    }

    /// Hybrid search: BM25 and vector search fused. The vector part vectorizes `query` unless
    /// given a [`vector`](Search::vector) or a [`vector_search`](Search::vector_search).
    pub fn hybrid(&self, query: impl Into<String>) -> Search<C, Hybrid, C::Result, List> {
        self.search(Hybrid::new(query.into()))
    }
}
