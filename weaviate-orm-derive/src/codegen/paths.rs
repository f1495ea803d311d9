//! Paths of the crates the generated code uses, in one place.
//!
//! The runtime's trait signatures mention `serde_json::Map`/`Value` and `uuid::Uuid`; the generated
//! code reaches them through `weaviate_orm`'s hidden re-exports, so a crate deriving the traits needs
//! no dependency on them.

use proc_macro2::TokenStream;
use quote::quote;

/// The `serde_json` crate.
pub(crate) fn serde_json() -> TokenStream {
    quote!(::weaviate_orm::__serde_json)
}

/// The `uuid` crate.
pub(crate) fn uuid() -> TokenStream {
    quote!(::weaviate_orm::__uuid)
}
