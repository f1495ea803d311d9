//! Tokens of a vector index ([`crate::model::Index`]) in a `VectorConfig` or, legacy, a
//! `CollectionConfig`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Index, IndexKind as Kind};

/// `.hnsw(config)` / `.flat(config)` / `.dynamic(config)` for a `VectorConfig`.
pub(crate) fn vector_config_call(index: &Index) -> TokenStream {
    let config = &index.config;
    match index.kind {
        Kind::Hnsw => quote!(.hnsw(#config)),
        Kind::Flat => quote!(.flat(#config)),
        Kind::Dynamic => quote!(.dynamic(#config)),
    }
}

/// `.vector_index(type, config)` for the legacy index of a `CollectionConfig`.
pub(crate) fn legacy_call(index: &Index) -> TokenStream {
    let config = &index.config;
    let kind = match index.kind {
        Kind::Hnsw => quote!(Hnsw),
        Kind::Flat => quote!(Flat),
        Kind::Dynamic => quote!(Dynamic),
    };
    quote!(.vector_index(::weaviate_orm::schema::VectorIndexType::#kind, #config))
}
