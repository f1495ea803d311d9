//! Filters: typed, checked at compile time against the collection and the field's type.
//!
//! A [`Filter<C>`] belongs to collection `C` (a type deriving `WeaviateCollection`), so a filter built
//! for one collection cannot be passed to a query on another. [`Untyped`] is the collection marker of
//! filters built by property name, for collections known only at run time.

use std::fmt;
use std::marker::PhantomData;

use crate::wire::v1 as pb;

/// The collection marker of filters built by property name (no compile-time checks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Untyped;

/// A filter on objects of collection `C`.
pub struct Filter<C> {
    wire: pb::Filters,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Filter<C> {
    /// Wraps a wire filter. Prefer the typed builders; this is the escape hatch for what they do not
    /// cover yet.
    pub fn from_wire(wire: pb::Filters) -> Self {
        Filter {
            wire,
            _collection: PhantomData,
        }
    }

    /// The wire form sent to the server.
    pub fn as_wire(&self) -> &pb::Filters {
        &self.wire
    }

    /// The wire form sent to the server.
    pub fn into_wire(self) -> pb::Filters {
        self.wire
    }
}

impl<C> Clone for Filter<C> {
    fn clone(&self) -> Self {
        Filter::from_wire(self.wire.clone())
    }
}

impl<C> fmt::Debug for Filter<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Filter").field(&self.wire).finish()
    }
}

impl<C> PartialEq for Filter<C> {
    fn eq(&self, other: &Self) -> bool {
        self.wire == other.wire
    }
}
