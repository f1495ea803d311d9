//! A field's `#[weaviate(...)]`: its property settings, or the role it plays instead of being a
//! property (the id, a vector, skipped).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use crate::errors::Errors;
use crate::meta::{Expr, Item, Items};
use crate::values::{Setting, setting, walk};

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
    /// Code building the `TextAnalyzerConfig`.
    pub tokens: TokenStream,
    /// The stopword preset named, with its span.
    pub stopword_preset: Option<(String, Span)>,
}

/// The keys a field attribute takes.
pub(crate) static FIELD_KEYS: &[Setting] = &[
    setting("rename", "rename = \"headline\""),
    setting("renamed_from", "renamed_from = \"title\""),
    setting("description", "description = \"The headline\""),
    setting("tokenization", "tokenization = word"),
    setting("index_filterable", "index_filterable = false"),
    setting("index_searchable", "index_searchable = false"),
    setting("index_range_filters", "index_range_filters"),
    setting("skip_vectorization", "skip_vectorization"),
    setting("vectorize_property_name", "vectorize_property_name"),
    setting(
        "text_analyzer",
        "text_analyzer(ascii_fold, stopword_preset = en)",
    ),
    setting("data_type", "data_type = \"text\""),
    setting("targets", "targets(Author, Publisher)"),
    setting("skip", "skip"),
    setting("id", "id"),
    setting("vector", "vector = \"title_vec\""),
    setting("key", "key"),
];

const TOKENIZATIONS: &[(&str, &str)] = &[
    ("word", "Word"),
    ("lowercase", "Lowercase"),
    ("whitespace", "Whitespace"),
    ("field", "Field"),
    ("trigram", "Trigram"),
    ("gse", "Gse"),
    ("gse_ch", "GseCh"),
    ("kagome_ja", "KagomeJa"),
    ("kagome_kr", "KagomeKr"),
];

/// The data types `data_type = "..."` accepts, as Weaviate spells them, with their variant.
pub(crate) const DATA_TYPES: &[(&str, &str)] = &[
    ("text", "Text"),
    ("text[]", "TextArray"),
    ("int", "Int"),
    ("int[]", "IntArray"),
    ("number", "Number"),
    ("number[]", "NumberArray"),
    ("boolean", "Bool"),
    ("boolean[]", "BoolArray"),
    ("date", "Date"),
    ("date[]", "DateArray"),
    ("uuid", "Uuid"),
    ("uuid[]", "UuidArray"),
    ("geoCoordinates", "GeoCoordinates"),
    ("phoneNumber", "PhoneNumber"),
    ("blob", "Blob"),
    ("blobHash", "BlobHash"),
    ("object", "Object"),
    ("object[]", "ObjectArray"),
];

/// Reads a field's `#[weaviate(...)]` items.
pub(crate) fn parse(items: &[Item], errors: &mut Errors) -> FieldAttrs {
    let mut attrs = FieldAttrs::default();
    walk(
        items,
        "field attribute",
        FIELD_KEYS,
        errors,
        |k, item, errors| {
            let span = item.name_span();
            match k.name {
            "rename" => attrs.rename = item.value(k, errors).and_then(|v| v.string(k, errors)),
            "renamed_from" => {
                attrs.renamed_from = item.value(k, errors).and_then(|v| v.string(k, errors));
            }
            "description" => {
                attrs.description = item.value(k, errors).and_then(|v| v.string(k, errors)).map(|s| s.0);
            }
            "tokenization" => {
                attrs.tokenization = item
                    .value(k, errors)
                    .and_then(|v| v.choice(k, TOKENIZATIONS, errors))
                    .map(|v| (Ident::new(v, Span::call_site()), span));
            }
            "index_filterable" => attrs.index_filterable = item.flag(k, errors),
            "index_searchable" => attrs.index_searchable = item.flag(k, errors).map(|b| (b, span)),
            "index_range_filters" => {
                attrs.index_range_filters = item.flag(k, errors).map(|b| (b, span));
            }
            "skip_vectorization" => {
                attrs.skip_vectorization = item.flag(k, errors).map(|b| (b, span));
            }
            "vectorize_property_name" => {
                attrs.vectorize_property_name = item.flag(k, errors).map(|b| (b, span));
            }
            "text_analyzer" => {
                attrs.text_analyzer = item
                    .args(k, errors)
                    .map(|args| (text_analyzer(args, errors), span));
            }
            "data_type" => {
                attrs.data_type = item.value(k, errors).and_then(|v| {
                    let (name, lit_span) = v.string(k, errors)?;
                    match DATA_TYPES.iter().find(|(n, _)| *n == name) {
                        Some((_, variant)) => Some((Ident::new(variant, Span::call_site()), span)),
                        None => {
                            let names: Vec<&str> = DATA_TYPES.iter().map(|(n, _)| *n).collect();
                            errors.at(lit_span, crate::errors::unknown("data type", &name, &names));
                            None
                        }
                    }
                });
            }
            "targets" => {
                attrs.targets = item.args(k, errors).and_then(|args| targets(args, k, errors)).map(|t| (t, span));
            }
            "skip" => attrs.skip = item.flag(k, errors).filter(|on| *on).map(|_| span),
            "id" => attrs.id = item.flag(k, errors).filter(|on| *on).map(|_| span),
            "key" => attrs.key = item.flag(k, errors).filter(|on| *on).map(|_| span),
            "vector" => match item {
                Item::Bare(Expr::Path(_)) => attrs.vector = Some((None, span)),
                Item::Assign { value, .. } => {
                    attrs.vector = value.string(k, errors).map(|name| (Some(name), span));
                }
                other => errors.spanned(
                    other,
                    "expected `vector = \"name\"` (a named vector) or `vector` (the collection's single vector)",
                ),
            },
            _ => {}
        }
        },
    );
    check_text_analyzer(&attrs, errors);
    attrs
}

/// Weaviate's rules for `textAnalyzer` (v1.39.0, `validatePropertyProcessing`).
fn check_text_analyzer(attrs: &FieldAttrs, errors: &mut Errors) {
    let Some((analyzer, span)) = &attrs.text_analyzer else {
        return;
    };
    if let Some((tokenization, tokenization_span)) = &attrs.tokenization {
        let name = TOKENIZATIONS
            .iter()
            .find(|(_, variant)| tokenization == variant)
            .map_or("", |(name, _)| *name);
        if !["word", "lowercase", "whitespace", "field", "trigram"].contains(&name) {
            errors.at(
                *tokenization_span,
                format!("`text_analyzer` does not work with tokenization `{name}` (only with `word`, `lowercase`, `whitespace`, `field` and `trigram`)"),
            );
        } else if let Some((_, preset_span)) =
            analyzer.stopword_preset.as_ref().filter(|_| name != "word")
        {
            errors.at(
                *preset_span,
                format!(
                    "a `stopword_preset` needs tokenization `word`, and this field has `{name}`"
                ),
            );
        }
    }
    if attrs.index_searchable.is_some_and(|s| !s.0) && attrs.index_filterable == Some(false) {
        errors.at(
            *span,
            "`text_analyzer` needs an inverted index: this field has neither a searchable nor a filterable one",
        );
    }
}

fn targets(args: &Items, k: &Setting, errors: &mut Errors) -> Option<Vec<syn::Path>> {
    let mut out = Vec::new();
    for item in &args.0 {
        match item {
            Item::Bare(Expr::Path(path)) => out.push(path.clone()),
            other => errors.spanned(
                other,
                format!("expected a collection type: `{}`", k.example),
            ),
        }
    }
    if out.is_empty() {
        errors.spanned(
            args,
            format!("`targets` needs at least one collection: `{}`", k.example),
        );
        return None;
    }
    Some(out)
}

static ANALYZER_KEYS: &[Setting] = &[
    setting("ascii_fold", "ascii_fold"),
    setting("ascii_fold_ignore", "ascii_fold_ignore = [\"é\"]"),
    setting("stopword_preset", "stopword_preset = en"),
];

fn text_analyzer(args: &Items, errors: &mut Errors) -> TextAnalyzer {
    let mut calls = Vec::new();
    let mut ascii_fold = false;
    let mut ignore_span = None;
    let mut stopword_preset = None;
    walk(
        &args.0,
        "text_analyzer setting",
        ANALYZER_KEYS,
        errors,
        |k, item, errors| {
            let call = match k.name {
            "ascii_fold" => item.flag(k, errors).map(|b| {
                ascii_fold = b;
                quote!(.ascii_fold(#b))
            }),
            "ascii_fold_ignore" => {
                ignore_span = Some(item.name_span());
                let value = item.value(k, errors);
                value.and_then(|v| v.strings(k, errors)).and_then(|chars| {
                    if let Some(bad) = chars.iter().find(|c| c.chars().count() != 1) {
                        errors.spanned(value, format!("each `ascii_fold_ignore` entry must be a single character, got {bad:?}"));
                        return None;
                    }
                    Some(quote!(.ascii_fold_ignore([#(#chars),*])))
                })
            }
            _ => item.value(k, errors).and_then(|v| {
                let (name, span) = match v {
                    Expr::Lit(syn::Lit::Str(s)) => (s.value(), s.span()),
                    Expr::Path(p) if p.get_ident().is_some() => {
                        let ident = p.get_ident()?;
                        (ident.to_string(), ident.span())
                    }
                    other => {
                        errors.spanned(other, "expected `stopword_preset = en`, `none` or the name of a preset of `inverted_index(stopword_presets(...))`");
                        return None;
                    }
                };
                let call = quote!(.stopword_preset(::weaviate_orm::schema::StopwordPreset::from(#name)));
                stopword_preset = Some((name, span));
                Some(call)
            }),
        };
            calls.extend(call);
        },
    );
    if let (Some(span), false) = (ignore_span, ascii_fold) {
        errors.at(span, "`ascii_fold_ignore` needs `ascii_fold`");
    }
    TextAnalyzer {
        tokens: quote!(::weaviate_orm::schema::TextAnalyzerConfig::new() #(#calls)*),
        stopword_preset,
    }
}
