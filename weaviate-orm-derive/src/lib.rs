#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

// The proc-macro crate is a thin shim over plain functions of `proc_macro2::TokenStream` that unit
// and snapshot tests call: `parse` reads the input into typed parts, `validate` makes them the
// `model` and checks its rules, `codegen` alone emits tokens.
mod codegen;
mod errors;
mod model;
mod parse;
mod validate;

#[cfg(test)]
mod tests;

use proc_macro::TokenStream;

use crate::errors::Errors;
use crate::model::Derive;

#[doc = include_str!("../docs/collection.md")]
#[proc_macro_derive(WeaviateCollection, attributes(weaviate))]
pub fn derive_weaviate_collection(input: TokenStream) -> TokenStream {
    derive_collection(input.into()).into()
}

#[doc = include_str!("../docs/object.md")]
#[proc_macro_derive(WeaviateObject, attributes(weaviate))]
pub fn derive_weaviate_object(input: TokenStream) -> TokenStream {
    derive_object(input.into()).into()
}

/// `#[derive(WeaviateCollection)]`.
pub(crate) fn derive_collection(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    expand(input, Derive::Collection)
}

/// `#[derive(WeaviateObject)]`.
pub(crate) fn derive_object(input: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
    expand(input, Derive::Object)
}

/// Parses, validates and generates. On any error, the output is every error found (as
/// `compile_error!`s) and the type checks of the fields (which do not depend on the rest being
/// right), but no impls, so the compiler adds no follow-up errors about half-generated code.
fn expand(input: proc_macro2::TokenStream, derive: Derive) -> proc_macro2::TokenStream {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let Some(parsed) = parse::input(&input, derive, &mut errors) else {
        return errors.into_compile_errors();
    };
    let model = validate::model(parsed, derive, &mut errors);
    let output = match derive {
        Derive::Collection => codegen::collection(&model),
        Derive::Object => codegen::object(&model),
    };
    if errors.is_empty() {
        return output;
    }
    let mut failed = errors.into_compile_errors();
    if input.generics.params.is_empty() {
        failed.extend(codegen::checks_only(&model));
    }
    failed
}
