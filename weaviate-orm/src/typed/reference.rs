//! Cross-references: properties that point at objects of other collections.

use std::marker::PhantomData;

use uuid::Uuid;

/// A reference property to objects of collection `T` (`dataType: ["T"]`). Holds the target ids; the
/// query layer can also expand the targets into `T` values.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference<T> {
    /// Target object ids, in the server's order.
    pub ids: Vec<Uuid>,
    /// The targets themselves, when a query asked to expand them.
    pub objects: Option<Vec<T>>,
    _target: PhantomData<fn() -> T>,
}

impl<T> Default for Reference<T> {
    fn default() -> Self {
        Reference {
            ids: Vec::new(),
            objects: None,
            _target: PhantomData,
        }
    }
}

impl<T> Reference<T> {
    /// A reference to these targets.
    pub fn to<I: IntoIterator<Item = Uuid>>(ids: I) -> Self {
        Reference {
            ids: ids.into_iter().collect(),
            ..Reference::default()
        }
    }

    /// No targets.
    pub fn none() -> Self {
        Reference::default()
    }
}

/// One target of a [`MultiReference`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReferenceTarget {
    /// The target's collection.
    pub collection: String,
    /// The target's id.
    pub id: Uuid,
}

/// A reference property whose targets may be in several collections (`dataType: ["A", "B"]`),
/// declared with `#[weaviate(targets(A, B))]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiReference {
    /// The targets, in the server's order.
    pub targets: Vec<ReferenceTarget>,
}
