//! Derive macros of `weaviate-orm`. Use them through the `weaviate-orm` crate, which re-exports them.
//!
//! This crate is a thin shim: parsing and code generation live in plain functions over
//! `proc_macro2::TokenStream` so that tests can call them directly.
#![deny(missing_docs)]
