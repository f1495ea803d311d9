//! A field's `#[weaviate(...)]`: its property settings, or the role it plays instead of being a
//! property (the id, a vector, skipped).

use proc_macro2::Span;
use syn::Ident;

use crate::errors::Errors;
use crate::model::builder::{Arg, Builder, Setter};
use crate::model::{FieldAttrs, TextAnalyzer};
use crate::parse::meta::{Expr, Item, Items};
use crate::parse::values::{Setting, setting, walk};

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

pub(crate) const TOKENIZATIONS: &[(&str, &str)] = &[
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
    attrs
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
                Setter::new("ascii_fold", Arg::Bool(b))
            }),
            "ascii_fold_ignore" => {
                ignore_span = Some(item.name_span());
                let value = item.value(k, errors);
                value.and_then(|v| v.strings(k, errors)).and_then(|chars| {
                    if let Some(bad) = chars.iter().find(|c| c.chars().count() != 1) {
                        errors.spanned(value, format!("each `ascii_fold_ignore` entry must be a single character, got {bad:?}"));
                        return None;
                    }
                    Some(Setter::new("ascii_fold_ignore", Arg::strs(chars)))
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
                let preset = Builder::call("StopwordPreset", "from", vec![Arg::Str(name.clone())]);
                let call = Setter::new("stopword_preset", Arg::builder(preset));
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
        config: Builder::new("TextAnalyzerConfig").with(calls),
        stopword_preset,
    }
}
