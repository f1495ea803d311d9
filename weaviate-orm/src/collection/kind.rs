//! What a [`Collection`](super::Collection) handle is over: a struct deriving
//! [`WeaviateCollection`] (typed) or [`Untyped`] (by name). Sealed: the two are all there is.

use crate::data::{Object, StoredObject};
use crate::filter::Untyped;
use crate::query::{Hit, ResultShape};
use crate::sealed;
use crate::typed::WeaviateCollection;

/// The kind of a collection handle: [`Untyped`], or any struct deriving [`WeaviateCollection`].
/// It decides what the handle's operations take and return. Implemented by this crate only.
pub trait CollectionKind: sealed::Sealed + Sized + Send + Sync + 'static {
    /// What each search result decodes into by default: [`Object`] or [`Hit<T>`].
    type Result: ResultShape<Self>;
    /// What a read by id returns: [`Object`] or `T`.
    type Stored: StoredObject<Self>;
}

impl CollectionKind for Untyped {
    type Result = Object;
    type Stored = Object;
}

impl<T: WeaviateCollection> CollectionKind for T {
    type Result = Hit<T>;
    type Stored = T;
}
