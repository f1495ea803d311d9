//! A Weaviate module named in an attribute (vectorizer, generative, reranker) and its settings.

use proc_macro2::Span;
use serde_json::{Map, Value};

/// Where a module is used.
pub(crate) use weaviate_orm_names::modules::ModuleKind as Slot;

/// A module and its settings.
pub(crate) struct Module {
    /// Weaviate's name of the module (`text2vec-openai`), `none` for "no vectorizer".
    pub name: String,
    /// Its settings.
    pub settings: Map<String, Value>,
    /// Where it was named.
    pub span: Span,
}

impl Module {
    /// Whether this is `none`: vectors brought by the application.
    pub(crate) fn is_none(&self) -> bool {
        self.name == "none"
    }

    /// Whether the module is a `text2vec-*`-like module that vectorizes text properties, so its
    /// source properties must be text.
    pub(crate) fn vectorizes_text(&self) -> bool {
        self.name.starts_with("text2vec-") || self.name.starts_with("text2multivec-")
    }

    /// Whether the module is `ref2vec-centroid`, whose sources are reference properties.
    pub(crate) fn is_ref2vec(&self) -> bool {
        self.name.starts_with("ref2vec-")
    }

    /// Whether the module is a multi-modal one, which names its sources in its own settings
    /// (`textFields`, `imageFields`, ...).
    pub(crate) fn is_multi_modal(&self) -> bool {
        self.name.starts_with("multi2") || self.name.starts_with("img2vec-")
    }
}
