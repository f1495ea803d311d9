//! `inverted_index(bm25(...), stopwords(...), stopword_presets(...), index_timestamps, ...)`.

use crate::errors::Errors;
use crate::model::builder::{Arg, Builder, Setter};
use crate::parse::meta::{Item, Items};
use crate::parse::values::{Setting, setting, walk};

static INVERTED_KEYS: &[Setting] = &[
    setting("bm25", "bm25(b = 0.75, k1 = 1.2)"),
    setting(
        "stopwords",
        "stopwords(preset = en, additions = [\"a\"], removals = [\"the\"])",
    ),
    setting(
        "stopword_presets",
        "stopword_presets(fr = [\"le\", \"la\"])",
    ),
    setting("index_timestamps", "index_timestamps"),
    setting("index_null_state", "index_null_state"),
    setting("index_property_length", "index_property_length"),
    setting("cleanup_interval_seconds", "cleanup_interval_seconds = 60"),
];

/// The call and the names of the user-defined stopword presets.
pub(super) fn inverted_index(args: &Items, errors: &mut Errors) -> (Setter, Vec<String>) {
    let mut calls = Vec::new();
    let mut names = Vec::new();
    walk(
        &args.0,
        "inverted_index setting",
        INVERTED_KEYS,
        errors,
        |k, item, errors| {
            let call = match k.name {
                "bm25" => item.args(k, errors).map(|args| vec![bm25(args, errors)]),
                "stopwords" => item
                    .args(k, errors)
                    .map(|args| vec![stopwords(args, errors)]),
                "stopword_presets" => item.args(k, errors).map(|args| {
                    let mut presets = Vec::new();
                    for preset in &args.0 {
                        match preset {
                            Item::Assign { key, value, .. } => {
                                let name = key.name();
                                names.push(name.clone());
                                let example = Setting {
                                    name: "stopword_presets",
                                    example: k.example,
                                };
                                if let Some(words) = value.strings(&example, errors) {
                                    presets.push(Setter {
                                        method: "stopword_preset",
                                        args: vec![Arg::Str(name), Arg::strs(words)],
                                    });
                                }
                            }
                            other => errors.spanned(other, format!("expected `{}`", k.example)),
                        }
                    }
                    presets
                }),
                "index_timestamps" | "index_null_state" | "index_property_length" => item
                    .flag(k, errors)
                    .map(|b| vec![Setter::new(k.name, Arg::Bool(b))]),
                "cleanup_interval_seconds" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 1, i64::MAX, errors))
                    .map(|v| vec![Setter::new(k.name, Arg::Int(v))]),
                _ => None,
            };
            calls.extend(call);
        },
    );
    let config = Builder::new("InvertedIndexConfig").with(calls.into_iter().flatten().collect());
    (
        Setter::new("inverted_index_config", Arg::builder(config)),
        names,
    )
}

static BM25_KEYS: &[Setting] = &[setting("b", "b = 0.75"), setting("k1", "k1 = 1.2")];

fn bm25(args: &Items, errors: &mut Errors) -> Setter {
    let mut b = Arg::None;
    let mut k1 = Arg::None;
    walk(
        &args.0,
        "bm25 setting",
        BM25_KEYS,
        errors,
        |k, item, errors| {
            if let Some(v) = item.value(k, errors).and_then(|v| v.number(k, errors)) {
                if k.name == "b" && !(0.0..=1.0).contains(&v) {
                    errors.spanned(item, "`b` must be between 0 and 1");
                } else if v < 0.0 {
                    errors.spanned(item, format!("`{}` cannot be negative", k.name));
                }
                let v = Arg::some(Arg::Float(v));
                if k.name == "b" { b = v } else { k1 = v }
            }
        },
    );
    let config = Builder::fields("Bm25Config", vec![("b", b), ("k1", k1)]);
    Setter::new("bm25", Arg::builder(config))
}

static STOPWORD_KEYS: &[Setting] = &[
    setting("preset", "preset = en"),
    setting("additions", "additions = [\"foo\"]"),
    setting("removals", "removals = [\"the\"]"),
];

fn stopwords(args: &Items, errors: &mut Errors) -> Setter {
    let mut calls = Vec::new();
    let mut base = Builder::call("StopwordConfig", "default", Vec::new());
    walk(
        &args.0,
        "stopwords setting",
        STOPWORD_KEYS,
        errors,
        |k, item, errors| match k.name {
            "preset" => {
                let preset = item
                    .value(k, errors)
                    .and_then(|v| v.choice(k, &[("en", "En"), ("none", "None")], errors));
                if let Some(p) = preset {
                    let preset = Arg::variant("StopwordPreset", p);
                    base = Builder::call("StopwordConfig", "new", vec![preset]);
                }
            }
            _ => {
                if let Some(words) = item.value(k, errors).and_then(|v| v.strings(k, errors)) {
                    calls.push(Setter::new(k.name, Arg::strs(words)));
                }
            }
        },
    );
    Setter::new("stopwords", Arg::builder(base.with(calls)))
}
