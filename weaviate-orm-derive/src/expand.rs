//! The two derives as functions over `proc_macro2::TokenStream`, callable from tests.

use proc_macro2::TokenStream;

use crate::codegen;
use crate::errors::Errors;
use crate::model::{self, Derive};

/// `#[derive(WeaviateCollection)]`.
pub(crate) fn derive_collection(input: TokenStream) -> TokenStream {
    expand(input, Derive::Collection)
}

/// `#[derive(WeaviateObject)]`.
pub(crate) fn derive_object(input: TokenStream) -> TokenStream {
    expand(input, Derive::Object)
}

/// Parses, analyses and generates. On any error, the output is every error found (as
/// `compile_error!`s) and the type checks of the fields (which do not depend on the rest being
/// right), but no impls, so the compiler adds no follow-up errors about half-generated code.
fn expand(input: TokenStream, derive: Derive) -> TokenStream {
    let input: syn::DeriveInput = match syn::parse2(input) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let Some(model) = model::analyze(&input, derive, &mut errors) else {
        return errors.into_compile_errors();
    };
    let output = match derive {
        Derive::Collection => codegen::collection(&model, &mut errors),
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
