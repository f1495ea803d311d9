//! Rust source for existing collections: `#[derive(WeaviateCollection)]` structs written from the live
//! schema, so that a team with a running Weaviate can adopt the crate by generating its structs
//! instead of typing them.
//!
//! [`rust_source`] takes collection configs as the server reports them (`GET /v1/schema`,
//! [`CollectionsClient::list`](crate::collections::CollectionsClient::list)) and returns one Rust file: the
//! `use` lines, one struct per collection (sorted by name) and one `#[derive(WeaviateObject)]` struct
//! per nested object, with the descriptions as doc comments. Each struct's
//! [`collection_config()`](crate::WeaviateCollection::collection_config), filled in with the
//! server's defaults, equals the live config: the generator checks exactly that before it returns
//! ([`CollectionConfig::matches_server_using`]), so a migration planned from the generated structs
//! against the same server is empty.
//!
//! ```
//! use weaviate_orm::generate::{GenerateOptions, rust_source};
//! use weaviate_orm::schema::{CollectionConfig, DataType, Property, Tokenization};
//!
//! // What the server reports for a collection someone created (here filled in as the server does).
//! let live = CollectionConfig::new("Article")
//!     .description("News articles")
//!     .property(Property::new("title", DataType::Text).tokenization(Tokenization::Field))
//!     .property(Property::new("wordCount", DataType::Int).index_range_filters(true))
//!     .with_server_defaults();
//!
//! let source = rust_source(&[live], &GenerateOptions::default())?;
//! assert!(source.contains("#[derive(Debug, WeaviateCollection)]"));
//! assert!(source.contains("#[weaviate(rename_all = \"camelCase\")]\npub struct Article {"));
//! assert!(source.contains("    #[weaviate(tokenization = field)]\n    pub title: Option<String>,"));
//! assert!(source.contains("    #[weaviate(index_range_filters)]\n    pub word_count: Option<i64>,"));
//! # Ok::<(), weaviate_orm::Error>(())
//! ```
//!
//! Against a server (the whole schema into one file):
//!
//! ```no_run
//! # async fn run() -> weaviate_orm::Result<()> {
//! use weaviate_orm::Client;
//! use weaviate_orm::generate::{GenerateOptions, rust_source};
//!
//! let client = Client::from_env().await?;
//! let collections = client.collections().list().await?;
//! let source = rust_source(&collections, &GenerateOptions::default())?;
//! std::fs::write("src/collections.rs", source).expect("writable");
//! # Ok(()) }
//! ```
//!
//! # What is written
//!
//! - **Names.** A struct is named after its collection in CamelCase (`Gen_article` → `GenArticle`,
//!   with `name = "Gen_article"`); a name that would clash with another struct, with the derive's
//!   `<Name>Fields` / `<Name>Vectors` handles, with an import or the prelude gets a `Collection`
//!   suffix (nested objects: `<Struct><Property>`, else an `Object` suffix). Fields are snake_case;
//!   `rename_all = "camelCase"` is used when it needs fewer `rename`s than names as written, and every
//!   other property gets `rename = "..."`. Keywords become raw identifiers (`r#type`).
//! - **Types.** `text` → `String`, `int` → `i64`, `number` → `f64`, `boolean` → `bool`,
//!   `date` → `chrono::DateTime<FixedOffset>` (keeps the offset written), `uuid` → `Uuid`,
//!   `geoCoordinates` → [`GeoCoordinates`](crate::typed::GeoCoordinates), `phoneNumber` →
//!   [`PhoneNumber`](crate::typed::PhoneNumber), `blob` → [`Blob`](crate::typed::Blob) (`blobHash`:
//!   `Blob` with `data_type = "blobHash"`), `object` → a nested struct, `T[]` → `Vec<T>`, a reference
//!   to one collection → [`Reference<T>`](crate::typed::Reference), to several →
//!   [`MultiReference`](crate::typed::MultiReference) with `targets(A, B)`. The generated file needs
//!   `chrono` / `uuid` in the crate's dependencies when it uses dates / ids.
//! - **Absent values.** Every Weaviate property is nullable, so scalar and object fields are
//!   `Option<T>` ([`GenerateOptions::optional_scalars`], on by default); arrays are `Vec<T>` (an
//!   absent array reads as empty) and references `Reference<T>` / `MultiReference` (absent reads as
//!   none). With `optional_scalars` off, reading an object that lacks a property fails with
//!   [`Error::Decode`] naming it.
//! - **Attributes.** Only settings that differ from what the server fills in by itself
//!   ([`CollectionConfig::with_server_defaults_using`] with [`GenerateOptions::server_defaults`]):
//!   tokenization, index flags, text analyzer, per-vectorizer property settings
//!   (`skip_vectorization`, `vectorize_property_name`), named vectors with their vectorizers (the
//!   derive's `module(key = value)` syntax, or `module("name", json = ...)` for settings that syntax
//!   cannot hold), sources, index types and every non-default index and quantizer setting
//!   (`quantizer = none` for `skipDefaultQuantization`), multi-vectors, the legacy vectorizer and
//!   index, generative and reranker modules, the inverted index, multi-tenancy, replication,
//!   sharding and object time-to-live.
//! - **References.** Every reference target must be among the inputs (pass the whole schema, or
//!   the referenced collections too); a missing one is [`Error::InvalidInput`] naming it.
//!
//! # What is refused
//!
//! A setting the derive cannot declare is [`Error::InvalidInput`] naming the collection, the
//! setting and why, never code that silently differs: a collection with both a collection-level
//! vector and named vectors, `hfresh` indexes and dropped vector indexes, several quantizers at
//! once, a property whose `skip` / `vectorizePropertyName` differ between the collection's
//! vectorizers (the derive sets them for all at once), `replicationConfig.asyncConfig`, tokenizer
//! user dictionaries, `disableDuplicatedReferences`, names the derive refuses, values outside the
//! derive's ranges, and any field of the config the crate does not model. Every collection that
//! cannot be generated is reported in the one error, each with the first thing that stops it.
//!
//! The output is deterministic (collections by name, properties in the server's order, settings in
//! a fixed order) and formatted as `rustfmt` formats it.

mod attr;
mod collection;
mod index;
mod model;
mod modules;
mod names;
mod properties;
mod render;
mod verify;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::schema::{CollectionConfig, ServerDefaults};

use model::Uses;
use names::{Scope, upper_camel_case};
use properties::Ctx;

/// How [`rust_source`] writes the code.
///
/// ```
/// use weaviate_orm::generate::GenerateOptions;
///
/// let options = GenerateOptions {
///     header: Some("Generated from production; do not edit.".into()),
///     extra_derives: vec!["Clone".into(), "PartialEq".into()],
///     ..GenerateOptions::default()
/// };
/// assert!(options.derive_debug && options.optional_scalars && options.id_field);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct GenerateOptions {
    /// A comment for the top of the file (each line as `// ...`); `None` for none. Default: a line
    /// saying the file was generated.
    pub header: Option<String>,
    /// Derive `Debug` for every struct (default `true`).
    pub derive_debug: bool,
    /// More derives for every struct, e.g. `Clone`, `PartialEq` (default none).
    pub extra_derives: Vec<String>,
    /// Scalar and nested-object fields as `Option<T>` (default `true`: Weaviate properties are
    /// nullable); `false` writes `T`.
    pub optional_scalars: bool,
    /// An `#[weaviate(id)] id: Option<Uuid>` field in every collection struct (default `true`).
    pub id_field: bool,
    /// A field per vector (`#[weaviate(vector = "name")] name: Option<Vec<f32>>`, or
    /// `Option<Vec<Vec<f32>>>` for multi-vectors; `#[weaviate(vector)]` for the legacy vector) in
    /// every collection struct (default `false`).
    pub vector_fields: bool,
    /// The server's settings that change its defaults; attributes are written for what differs from
    /// them. Default: a stock v1.39.0 server ([`ServerDefaults::default`]).
    pub server_defaults: ServerDefaults,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        GenerateOptions {
            header: Some(
                "Generated by weaviate_orm::generate::rust_source from a live Weaviate schema."
                    .into(),
            ),
            derive_debug: true,
            extra_derives: Vec::new(),
            optional_scalars: true,
            id_field: true,
            vector_fields: false,
            server_defaults: ServerDefaults::default(),
        }
    }
}

/// One Rust file with a `#[derive(WeaviateCollection)]` struct for each of `collections` (live configs
/// as `GET /v1/schema` reports them) whose `collection_config()` matches the live config.
///
/// Fails with [`Error::InvalidInput`] listing every collection that cannot be generated, with the
/// setting and the reason (see the [module docs](self)).
///
/// ```
/// use weaviate_orm::generate::{GenerateOptions, rust_source};
/// use weaviate_orm::schema::{CollectionConfig, DataType, Property};
///
/// let author = CollectionConfig::new("Author").property(Property::new("name", DataType::Text));
/// let book = CollectionConfig::new("Book").property(Property::new("author", DataType::reference("Author")));
/// let live = [book.with_server_defaults(), author.with_server_defaults()];
/// let source = rust_source(&live, &GenerateOptions::default())?;
/// assert!(source.contains("pub author: Reference<Author>,"));
///
/// // Without the target:
/// let err = rust_source(&live[..1], &GenerateOptions::default()).unwrap_err();
/// assert!(err.to_string().contains("`Author`"), "{err}");
/// # Ok::<(), weaviate_orm::Error>(())
/// ```
pub fn rust_source(collections: &[CollectionConfig], options: &GenerateOptions) -> Result<String> {
    for derive in &options.extra_derives {
        let ok = !derive.is_empty()
            && derive
                .split("::")
                .all(|part| names::is_identifier(part) && !names::is_keyword(part));
        if !ok {
            return Err(Error::InvalidInput {
                message: format!("extra derive `{derive}` is not a path"),
            });
        }
    }
    let mut sorted: Vec<&CollectionConfig> = collections.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    if let Some(w) = sorted.windows(2).find(|w| w[0].name == w[1].name) {
        return Err(Error::InvalidInput {
            message: format!("collection `{}` is given twice", w[0].name),
        });
    }
    let mut types = Scope::types();
    let structs: BTreeMap<String, String> = sorted
        .iter()
        .map(|c| {
            let ident = types.type_name(&upper_camel_case(&c.name), "Collection");
            (c.name.clone(), ident)
        })
        .collect();
    let mut uses = Uses::default();
    let mut all = Vec::new();
    let mut errors = Vec::new();
    for live in sorted {
        let mut ctx = Ctx {
            options,
            structs: &structs,
            types: &mut types,
            uses: &mut uses,
        };
        let planned = collection::plan(live, &mut ctx).and_then(|(structs, desired)| {
            verify::check(&desired, live, &options.server_defaults).map(|()| structs)
        });
        match planned {
            Ok(structs) => all.extend(structs),
            Err(e) => errors.push(format!("collection `{}`: {e}", live.name)),
        }
    }
    if !errors.is_empty() {
        return Err(Error::InvalidInput {
            message: errors.join("; "),
        });
    }
    Ok(render::file(&all, &uses, options))
}
