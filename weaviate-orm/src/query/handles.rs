//! What names a property or a vector in a query: typed handles of collection `C`
//! ([`Field<C, T>`], [`VectorField<C>`]), or strings for untyped queries.
//!
//! Each trait is implemented for the handles of one collection only, so a handle of collection `A`
//! passed to a query on collection `B` does not compile; strings are accepted by untyped queries
//! ([`Untyped`]) only.

use std::marker::PhantomData;

use crate::filter::Untyped;
use crate::sealed::SealedFor;
use crate::typed::markers::TextProperty;
use crate::typed::{Field, VectorField};
use crate::wire::v1 as pb;

/// A property of collection `C` (sort keys, group by, rerank).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a property of collection `{C}`",
    label = "not a property handle of `{C}`",
    note = "use a field handle of the queried collection (`{C}::fields().name`); strings name properties in untyped queries only"
)]
pub trait IntoProperty<C>: SealedFor<C> {
    /// The property's name in Weaviate.
    fn property_name(self) -> String;
}

impl<C, T> IntoProperty<C> for Field<C, T> {
    fn property_name(self) -> String {
        self.name().to_owned()
    }
}

impl IntoProperty<Untyped> for &str {
    fn property_name(self) -> String {
        self.to_owned()
    }
}

impl IntoProperty<Untyped> for String {
    fn property_name(self) -> String {
        self
    }
}

impl IntoProperty<Untyped> for &String {
    fn property_name(self) -> String {
        self.clone()
    }
}

/// Properties every object has, usable as sort keys in any query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ObjectProperty {
    /// The object id (`_id`).
    Id,
    /// The creation time (`_creationTimeUnix`).
    CreationTime,
    /// The last update time (`_lastUpdateTimeUnix`).
    UpdateTime,
}

impl<C> IntoProperty<C> for ObjectProperty {
    fn property_name(self) -> String {
        match self {
            ObjectProperty::Id => "_id",
            ObjectProperty::CreationTime => "_creationTimeUnix",
            ObjectProperty::UpdateTime => "_lastUpdateTimeUnix",
        }
        .to_owned()
    }
}

/// A text property of collection `C`, searched by keyword (BM25 and the keyword part of hybrid).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a text property of collection `{C}`",
    label = "not a text property handle of `{C}`",
    note = "keyword search reads text properties (`String`, `Vec<String>` or an `Option` of them) of the queried collection; strings name properties in untyped queries only"
)]
pub trait IntoSearchProperty<C>: SealedFor<C> {
    /// The property's name in Weaviate.
    fn search_property_name(self) -> String;
}

impl<C, T: TextProperty> IntoSearchProperty<C> for Field<C, T> {
    fn search_property_name(self) -> String {
        self.name().to_owned()
    }
}

impl IntoSearchProperty<Untyped> for &str {
    fn search_property_name(self) -> String {
        self.to_owned()
    }
}

impl IntoSearchProperty<Untyped> for String {
    fn search_property_name(self) -> String {
        self
    }
}

impl IntoSearchProperty<Untyped> for &String {
    fn search_property_name(self) -> String {
        self.clone()
    }
}

/// A named vector of collection `C` (target vectors, returned vectors).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a named vector of collection `{C}`",
    label = "not a vector handle of `{C}`",
    note = "use a vector handle of the queried collection (`{C}::vectors().name`); strings name vectors in untyped queries only"
)]
pub trait VectorName<C>: SealedFor<C> {
    /// The vector's name in Weaviate.
    fn vector_name(self) -> String;
}

impl<C> VectorName<C> for VectorField<C> {
    fn vector_name(self) -> String {
        self.name().to_owned()
    }
}

impl VectorName<Untyped> for &str {
    fn vector_name(self) -> String {
        self.to_owned()
    }
}

impl VectorName<Untyped> for String {
    fn vector_name(self) -> String {
        self
    }
}

impl VectorName<Untyped> for &String {
    fn vector_name(self) -> String {
        self.clone()
    }
}

/// Ascending or descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortDirection {
    /// Smallest first.
    Ascending,
    /// Largest first.
    Descending,
}

/// Sort keys of a listing of collection `C`, applied in order (later keys break ties).
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, views: i64 }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::{ObjectProperty, Sort};
///
/// let f = Article::fields();
/// let popular = client.collection_of::<Article>().query()
///     .fetch_objects()
///     .sort(Sort::desc(f.views).then_asc(f.title).then_desc(ObjectProperty::CreationTime))
///     .await?;
/// // untyped: by name
/// let same = client.collection("Article").query().fetch_objects().sort(Sort::desc("views")).await?;
/// # let _ = (popular, same); Ok(()) }
/// ```
pub struct Sort<C> {
    keys: Vec<(String, SortDirection)>,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Sort<C> {
    /// Sort by `property`, in `direction`.
    pub fn by(property: impl IntoProperty<C>, direction: SortDirection) -> Self {
        Sort {
            keys: vec![(property.property_name(), direction)],
            _collection: PhantomData,
        }
    }

    /// Sort by `property`, smallest first.
    pub fn asc(property: impl IntoProperty<C>) -> Self {
        Sort::by(property, SortDirection::Ascending)
    }

    /// Sort by `property`, largest first.
    pub fn desc(property: impl IntoProperty<C>) -> Self {
        Sort::by(property, SortDirection::Descending)
    }

    /// Then by `property`, in `direction`.
    pub fn then(mut self, property: impl IntoProperty<C>, direction: SortDirection) -> Self {
        self.keys.push((property.property_name(), direction));
        self
    }

    /// Then by `property`, smallest first.
    pub fn then_asc(self, property: impl IntoProperty<C>) -> Self {
        self.then(property, SortDirection::Ascending)
    }

    /// Then by `property`, largest first.
    pub fn then_desc(self, property: impl IntoProperty<C>) -> Self {
        self.then(property, SortDirection::Descending)
    }

    /// The keys as (property, direction), in order.
    pub fn keys(&self) -> impl Iterator<Item = (&str, SortDirection)> {
        self.keys.iter().map(|(p, d)| (p.as_str(), *d))
    }

    pub(crate) fn to_proto(&self) -> Vec<pb::SortBy> {
        self.keys
            .iter()
            .map(|(p, d)| pb::SortBy {
                ascending: *d == SortDirection::Ascending,
                path: vec![p.clone()],
            })
            .collect()
    }
}

impl<C> Clone for Sort<C> {
    fn clone(&self) -> Self {
        Sort {
            keys: self.keys.clone(),
            _collection: PhantomData,
        }
    }
}

impl<C> std::fmt::Debug for Sort<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Sort").field(&self.keys).finish()
    }
}
