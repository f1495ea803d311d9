//! Expansion snapshots (insta + prettyplease) of representative structs, and tests of the whole
//! expansion that need no compiler.

mod expand;
mod rules;

use proc_macro2::TokenStream;

/// The expansion of `#[derive(WeaviateCollection)]` on `input`, pretty-printed.
pub(crate) fn collection(input: TokenStream) -> String {
    pretty(crate::derive_collection(input))
}

/// The expansion of `#[derive(WeaviateObject)]` on `input`, pretty-printed.
pub(crate) fn object(input: TokenStream) -> String {
    pretty(crate::derive_object(input))
}

fn pretty(tokens: TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(e) => panic!("the expansion is not valid Rust ({e}):\n{tokens}"),
    }
}

/// The error messages of an expansion that failed (empty when it did not).
pub(crate) fn errors(input: TokenStream, derive: crate::model::Derive) -> Vec<String> {
    let output = match derive {
        crate::model::Derive::Collection => crate::derive_collection(input),
        crate::model::Derive::Object => crate::derive_object(input),
    };
    let file: syn::File = syn::parse2(output).expect("compile errors are valid items");
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "compile_error") =>
            {
                syn::parse2::<syn::LitStr>(m.mac.tokens.clone())
                    .ok()
                    .map(|l| l.value())
            }
            _ => None,
        })
        .collect()
}
