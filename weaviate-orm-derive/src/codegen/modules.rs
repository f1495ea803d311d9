//! Tokens of a module ([`crate::model::Module`]): its settings and, for vectorizers, the
//! `Vectorizer` value.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use crate::codegen::json;
use crate::model::Module;

/// The settings as code building a `serde_json::Value` object.
pub(crate) fn settings(module: &Module) -> TokenStream {
    json::value_tokens(&Value::Object(module.settings.clone()))
}

/// `Vectorizer::new(name).setting(k, v)...` (without source properties).
pub(crate) fn vectorizer(module: &Module) -> TokenStream {
    let name = &module.name;
    let settings = module.settings.iter().map(|(k, v)| {
        let v = json::value_tokens(v);
        quote!(.setting(#k, #v))
    });
    if module.is_none() {
        quote!(::weaviate_orm::schema::Vectorizer::none())
    } else {
        quote!(::weaviate_orm::schema::Vectorizer::new(#name) #(#settings)*)
    }
}
