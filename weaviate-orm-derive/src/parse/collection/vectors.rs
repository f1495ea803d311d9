//! `vector(name = "...", source = [...], vectorizer = ..., index = ..., dimensions = N)`: a named
//! vector and its source properties.

use crate::errors::Errors;
use crate::model::{NamedVector, Slot, Source};
use crate::parse::meta::{Expr, Item, Items};
use crate::parse::values::{Setting, setting, walk};
use crate::parse::{index, modules};
use crate::validate::names;

static VECTOR_KEYS: &[Setting] = &[
    setting("name", "name = \"title_vec\""),
    setting("source", "source = [title, body]"),
    setting(
        "vectorizer",
        "vectorizer = text2vec_openai(model = \"text-embedding-3-small\")",
    ),
    setting("index", "index = hnsw(distance = cosine)"),
    setting("dimensions", "dimensions = 1536"),
];

pub(super) fn named_vector(args: &Items, item: &Item, errors: &mut Errors) -> Option<NamedVector> {
    let mut name = None;
    let mut sources = Vec::new();
    let mut vectorizer = None;
    let mut vectorizer_given = false;
    let mut index = None;
    let mut dimensions = None;
    walk(
        &args.0,
        "named vector setting",
        VECTOR_KEYS,
        errors,
        |k, item, errors| match k.name {
            "name" => {
                name = item.value(k, errors).and_then(|v| v.string(k, errors));
                if let Some((n, span)) = &name {
                    if let Err(message) = names::check_vector_name(n) {
                        errors.at(*span, message);
                    }
                }
            }
            "source" => {
                if let Some(v) = item.value(k, errors) {
                    sources = source_list(v, k, errors);
                }
            }
            "vectorizer" => {
                vectorizer_given = true;
                vectorizer = item
                    .value(k, errors)
                    .and_then(|v| modules::parse(v, Slot::Vectorizer, errors));
            }
            "index" => index = item.value(k, errors).and_then(|v| index::parse(v, errors)),
            "dimensions" => {
                dimensions = item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 1, 65535, errors))
                    .and_then(|d| usize::try_from(d).ok());
            }
            _ => {}
        },
    );
    let Some((name, name_span)) = name else {
        errors.spanned(
            item,
            "a named vector needs a name: `vector(name = \"title_vec\", ...)`",
        );
        return None;
    };
    if let Some(v) = &vectorizer {
        if !sources.is_empty() && v.is_none() {
            errors.at(
                v.span,
                "source properties need a vectorizer; with `vectorizer = none` the application brings the vectors",
            );
        }
        if !sources.is_empty() && v.is_multi_modal() {
            errors.at(
                v.span,
                format!(
                    "`{}` names its sources in its own settings (e.g. `text_fields = [\"title\"]`, `image_fields = [\"image\"]`), not with `source = [...]`",
                    v.name
                ),
            );
        }
    } else if !sources.is_empty() && !vectorizer_given {
        errors.at(
            name_span,
            "source properties need a vectorizer: add `vectorizer = text2vec_...`",
        );
    }
    Some(NamedVector {
        name,
        name_span,
        sources,
        vectorizer,
        index,
        dimensions,
        span: item.name_span(),
    })
}

fn source_list(expr: &Expr, k: &Setting, errors: &mut Errors) -> Vec<Source> {
    let Expr::Array(array) = expr else {
        errors.spanned(expr, format!("expected a list of fields: `{}`", k.example));
        return Vec::new();
    };
    let mut out = Vec::new();
    for elem in &array.elems {
        match elem {
            Expr::Path(path) if path.get_ident().is_some() => {
                out.extend(path.get_ident().cloned().map(Source::Field));
            }
            Expr::Lit(syn::Lit::Str(s)) => out.push(Source::Property(s.value(), s.span())),
            other => errors.spanned(
                other,
                format!(
                    "expected a field of the struct (or a property name as a string): `{}`",
                    k.example
                ),
            ),
        }
    }
    if array.elems.is_empty() {
        errors.spanned(expr, "`source` needs at least one field");
    }
    out
}
