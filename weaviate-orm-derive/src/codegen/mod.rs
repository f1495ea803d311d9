//! Code generation from the analysed [`Model`](crate::model::Model).

mod builder;
mod checks;
mod collection;
mod config;
mod handles;
mod helpers;
mod index;
mod json;
mod modules;
mod object;
mod paths;

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Model;

/// Everything `#[derive(WeaviateCollection)]` generates. The handle structs are items of the user's
/// module; the impls, helpers and checks sit in an anonymous `const` so their names stay private.
pub(crate) fn collection(model: &Model) -> TokenStream {
    let Some(collection) = &model.collection else {
        return TokenStream::new();
    };
    let handles = handles::handles(model, collection);
    let checks = checks::checks(model);
    let helper = helpers::items();
    let object = object::weaviate_object(model);
    let collection = collection::weaviate_collection(model, collection);
    quote! {
        #handles

        const _: () = {
            #helper
            #checks
            #object
            #collection
        };
    }
}

/// Everything `#[derive(WeaviateObject)]` generates.
pub(crate) fn object(model: &Model) -> TokenStream {
    let checks = checks::checks(model);
    let helper = helpers::items();
    let object = object::weaviate_object(model);
    let property_value = object::nested_property_value(model);
    quote! {
        const _: () = {
            #helper
            #checks
            #object
            #property_value
        };
    }
}

/// Only the compile-time checks of the field types, emitted beside the attribute errors of an input
/// that cannot be expanded, so that one build reports both kinds.
pub(crate) fn checks_only(model: &Model) -> TokenStream {
    let checks = checks::checks(model);
    quote! {
        const _: () = {
            #checks
        };
    }
}
