#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// The proc-macro crate is a thin shim: parsing, checks and code generation are plain functions over
// `proc_macro2::TokenStream` in the modules below, so that unit and snapshot tests can call them.
mod codegen;
mod collection_attrs;
mod errors;
mod expand;
mod field_attrs;
mod index;
mod json;
mod meta;
mod model;
mod modules;
mod names;
mod paths;
mod values;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

#[doc = include_str!("../docs/collection.md")]
#[proc_macro_derive(WeaviateCollection, attributes(weaviate))]
pub fn derive_weaviate_collection(input: TokenStream) -> TokenStream {
    expand::derive_collection(input.into()).into()
}

#[doc = include_str!("../docs/object.md")]
#[proc_macro_derive(WeaviateObject, attributes(weaviate))]
pub fn derive_weaviate_object(input: TokenStream) -> TokenStream {
    expand::derive_object(input.into()).into()
}
