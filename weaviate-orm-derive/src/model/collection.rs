//! A collection's settings, as parsed from the struct's `#[weaviate(...)]`.

use proc_macro2::Span;
use syn::Ident;

use crate::model::builder::Setter;
use crate::model::index::Index;
use crate::model::module::Module;

/// How Rust field names become property names when a field has no `rename`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RenameAll {
    /// Kept as written (`word_count`).
    Verbatim,
    /// camelCase (`wordCount`), Weaviate's own convention.
    CamelCase,
}

/// The collection-level settings.
pub(crate) struct CollectionAttrs {
    pub name: Option<(String, Span)>,
    /// `renamed_from = "..."`: the collection's former name, with the span of the string.
    pub renamed_from: Option<(String, Span)>,
    pub description: Option<String>,
    pub rename_all: RenameAll,
    /// Legacy single vector: the collection's vectorizer.
    pub vectorizer: Option<Module>,
    /// Legacy single vector: the collection's index.
    pub vector_index: Option<Index>,
    pub generative: Option<Module>,
    pub reranker: Option<Module>,
    /// `.inverted_index_config(...)`, `.multi_tenancy_config(...)` and the other settings calls.
    pub config_calls: Vec<Setter>,
    pub multi_tenancy: Option<Span>,
    pub sharding: Option<Span>,
    pub vectors: Vec<NamedVector>,
    /// The names of `inverted_index(stopword_presets(...))`.
    pub stopword_presets: Vec<String>,
}

/// A named vector: `vector(name = "...", source = [...], vectorizer = ..., index = ..., dimensions = N)`.
pub(crate) struct NamedVector {
    pub name: String,
    pub name_span: Span,
    /// The source properties as written: Rust field names or property-name strings.
    pub sources: Vec<Source>,
    pub vectorizer: Option<Module>,
    pub index: Option<Index>,
    pub dimensions: Option<usize>,
    pub span: Span,
}

/// One source property of a named vector.
pub(crate) enum Source {
    /// A Rust field name: `source = [title]`.
    Field(Ident),
    /// A property name: `source = ["title"]`.
    Property(String, Span),
}

/// How the handle `T::vectors().<name>` names a named vector's field.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum HandleField {
    /// An identifier as written.
    Plain,
    /// A keyword, written as a raw identifier (`r#type`).
    Raw,
}

impl NamedVector {
    /// The field of the vector's handle; `None` when the name cannot be a Rust field: not a valid
    /// vector name (reported where the vector is declared), or `self`, `Self`, `super`, `crate`, `_`.
    pub(crate) fn handle_field(&self) -> Option<HandleField> {
        let name = self.name.as_str();
        if weaviate_orm_names::vector_name(name).is_err()
            || matches!(name, "self" | "Self" | "super" | "crate" | "_")
        {
            return None;
        }
        if syn::parse_str::<Ident>(name).is_ok() {
            Some(HandleField::Plain)
        } else {
            Some(HandleField::Raw)
        }
    }
}
