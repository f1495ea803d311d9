//! A field's settings, as parsed from its `#[weaviate(...)]`.

use proc_macro2::Span;
use syn::Ident;

use crate::model::builder::Builder;

/// The settings of one field, each with the span of its key (for errors and spanned checks).
#[derive(Default)]
pub(crate) struct FieldAttrs {
    pub rename: Option<(String, Span)>,
    /// `renamed_from = "..."`: the property's former name, with the span of the string.
    pub renamed_from: Option<(String, Span)>,
    pub description: Option<String>,
    /// The `Tokenization` variant.
    pub tokenization: Option<(Ident, Span)>,
    pub index_filterable: Option<bool>,
    pub index_searchable: Option<(bool, Span)>,
    pub index_range_filters: Option<(bool, Span)>,
    pub skip_vectorization: Option<(bool, Span)>,
    pub vectorize_property_name: Option<(bool, Span)>,
    /// `text_analyzer(...)`, with the span of the key.
    pub text_analyzer: Option<(TextAnalyzer, Span)>,
    /// The `DataType` variant of a `data_type = "..."` override.
    pub data_type: Option<(Ident, Span)>,
    /// `targets(A, B)` of a `MultiReference`.
    pub targets: Option<(Vec<syn::Path>, Span)>,
    pub skip: Option<Span>,
    pub id: Option<Span>,
    /// `vector = "name"` (`Some(name)`) or `vector` (the collection's single, unnamed vector).
    pub vector: Option<(Option<(String, Span)>, Span)>,
    pub key: Option<Span>,
}

impl FieldAttrs {
    /// The property settings given (by name and span), to report them on a field that is no property.
    pub(crate) fn property_settings(&self) -> Vec<(&'static str, Span)> {
        let mut out = Vec::new();
        let mut add = |name, span: Option<Span>| out.extend(span.map(|s| (name, s)));
        add("rename", self.rename.as_ref().map(|r| r.1));
        add("tokenization", self.tokenization.as_ref().map(|t| t.1));
        add("index_searchable", self.index_searchable.map(|t| t.1));
        add("index_range_filters", self.index_range_filters.map(|t| t.1));
        add("skip_vectorization", self.skip_vectorization.map(|t| t.1));
        add(
            "vectorize_property_name",
            self.vectorize_property_name.map(|t| t.1),
        );
        add("text_analyzer", self.text_analyzer.as_ref().map(|t| t.1));
        add("data_type", self.data_type.as_ref().map(|t| t.1));
        add("targets", self.targets.as_ref().map(|t| t.1));
        add("key", self.key);
        out
    }
}

/// A field's `text_analyzer(...)`.
pub(crate) struct TextAnalyzer {
    /// The `TextAnalyzerConfig`.
    pub config: Builder,
    /// The stopword preset named, with its span.
    pub stopword_preset: Option<(String, Span)>,
}
