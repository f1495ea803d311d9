//! Derive macros of `weaviate-orm`. Use them through the `weaviate-orm` crate, which re-exports them.
//!
//! This crate is a thin shim: parsing and code generation live in plain functions over
//! `proc_macro2::TokenStream` so that tests can call them directly.
#![deny(missing_docs)]

use proc_macro::TokenStream;

/// Derives `weaviate_orm::typed::WeaviateCollection` (and `WeaviateObject`) for a struct.
#[proc_macro_derive(WeaviateCollection, attributes(weaviate))]
pub fn derive_weaviate_collection(input: TokenStream) -> TokenStream {
    let _ = input;
    TokenStream::new()
}

/// Derives `weaviate_orm::typed::WeaviateObject` for a struct used as a nested object property.
#[proc_macro_derive(WeaviateObject, attributes(weaviate))]
pub fn derive_weaviate_object(input: TokenStream) -> TokenStream {
    let _ = input;
    TokenStream::new()
}
