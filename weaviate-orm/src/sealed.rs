//! The crate's sealing traits: public traits that only this crate implements have one of these as
//! a supertrait, so methods can be added to them without breaking anyone.

/// Implemented by this crate only.
pub trait Sealed {}

/// Implemented by this crate only, per collection kind `C` (a derived struct or `Untyped`).
pub trait SealedFor<C> {}

use crate::data::{NewObject, Object};
use crate::filter::Untyped;
use crate::query::ObjectProperty;
use crate::query::{
    Bm25, Fetch, Grouped, Hit, Hybrid, List, NearObject, NearText, NearVector, One,
};
use crate::typed::{Field, VectorField, WeaviateCollection};

// Collection kinds.
impl Sealed for Untyped {}
impl<T: WeaviateCollection> Sealed for T {}

// Search operators and output modes.
impl Sealed for Fetch {}
impl Sealed for NearVector {}
impl Sealed for NearObject {}
impl Sealed for NearText {}
impl Sealed for Bm25 {}
impl Sealed for Hybrid {}
impl Sealed for List {}
impl Sealed for Grouped {}
impl Sealed for One {}

// What operations of a handle of collection `C` take and return.
impl SealedFor<Untyped> for NewObject {}
impl SealedFor<Untyped> for &NewObject {}
impl<T: WeaviateCollection> SealedFor<T> for T {}
impl<T: WeaviateCollection> SealedFor<T> for &T {}
impl SealedFor<Untyped> for Object {}
impl<C, P> SealedFor<C> for Hit<P> {}

// What names a property or vector of collection `C`.
impl<C, T> SealedFor<C> for Field<C, T> {}
impl<C> SealedFor<C> for VectorField<C> {}
impl<C> SealedFor<C> for ObjectProperty {}
impl SealedFor<Untyped> for &str {}
impl SealedFor<Untyped> for String {}
impl SealedFor<Untyped> for &String {}

// What a generative prompt of collection `C` is made from.
impl<C> SealedFor<C> for crate::query::generative::Prompt<C> {}
