//! The struct's own `#[weaviate(...)]`: the collection's name, description, modules, indexes,
//! multi-tenancy, replication, sharding and named vectors.

use crate::errors::Errors;
use crate::model::builder::{Arg, Builder, Setter};
use crate::model::{CollectionAttrs, NamedVector, RenameAll, Slot, Source};
use crate::parse::index;
use crate::parse::meta::{Expr, Item, Items};
use crate::parse::modules;
use crate::parse::values::{Setting, setting, walk};
use crate::validate::names;

/// The `vector(...)` key (read apart from the others, since it repeats).
const VECTOR_KEY: Setting = setting(
    "vector",
    "vector(name = \"title_vec\", source = [title], vectorizer = text2vec_openai)",
);

/// The keys the collection attribute takes.
pub(crate) static COLLECTION_KEYS: &[Setting] = &[
    setting("name", "name = \"Article\""),
    setting("renamed_from", "renamed_from = \"Post\""),
    setting("description", "description = \"News articles\""),
    setting("rename_all", "rename_all = \"camelCase\""),
    VECTOR_KEY,
    setting(
        "vectorizer",
        "vectorizer = text2vec_openai(model = \"text-embedding-3-small\")",
    ),
    setting("vector_index", "vector_index = hnsw(distance = cosine)"),
    setting(
        "generative",
        "generative = generative_openai(model = \"gpt-4o\")",
    ),
    setting("reranker", "reranker = reranker_cohere"),
    setting(
        "inverted_index",
        "inverted_index(bm25(b = 0.75, k1 = 1.2), index_timestamps)",
    ),
    setting("multi_tenancy", "multi_tenancy(auto_tenant_creation)"),
    setting("replication", "replication(factor = 3)"),
    setting("sharding", "sharding(desired_count = 2)"),
    setting(
        "object_ttl",
        "object_ttl(delete_on = creation_time, ttl_seconds = 86400)",
    ),
];

/// Reads the struct's `#[weaviate(...)]` items (`vector` may repeat; the others may not).
pub(crate) fn parse(items: &[Item], errors: &mut Errors) -> CollectionAttrs {
    let mut attrs = CollectionAttrs {
        name: None,
        renamed_from: None,
        description: None,
        rename_all: RenameAll::Verbatim,
        vectorizer: None,
        vector_index: None,
        generative: None,
        reranker: None,
        config_calls: Vec::new(),
        multi_tenancy: None,
        sharding: None,
        vectors: Vec::new(),
        stopword_presets: Vec::new(),
    };
    // `vector(...)` repeats: read those apart, then walk the rest (which rejects repeats).
    let (vectors, rest): (Vec<&Item>, Vec<&Item>) = items
        .iter()
        .partition(|i| i.name().as_deref() == Some("vector"));
    for item in vectors {
        if let Some(args) = item.args(&VECTOR_KEY, errors) {
            attrs.vectors.extend(named_vector(args, item, errors));
        }
    }
    walk(
        rest,
        "collection attribute",
        COLLECTION_KEYS,
        errors,
        |k, item, errors| match k.name {
            "name" => attrs.name = item.value(k, errors).and_then(|v| v.string(k, errors)),
            "renamed_from" => {
                attrs.renamed_from = item.value(k, errors).and_then(|v| v.string(k, errors));
            }
            "description" => {
                attrs.description = item
                    .value(k, errors)
                    .and_then(|v| v.string(k, errors))
                    .map(|s| s.0);
            }
            "rename_all" => {
                if let Some(v) = item.value(k, errors) {
                    let choices = [
                        ("camelCase", RenameAll::CamelCase),
                        ("none", RenameAll::Verbatim),
                    ];
                    if let Some(r) = v.choice(k, &choices, errors) {
                        attrs.rename_all = r;
                    }
                }
            }
            "vectorizer" => {
                attrs.vectorizer = item
                    .value(k, errors)
                    .and_then(|v| modules::parse(v, Slot::Vectorizer, errors));
            }
            "vector_index" => {
                attrs.vector_index = item.value(k, errors).and_then(|v| index::parse(v, errors));
            }
            "generative" => {
                attrs.generative = item
                    .value(k, errors)
                    .and_then(|v| modules::parse(v, Slot::Generative, errors));
            }
            "reranker" => {
                attrs.reranker = item
                    .value(k, errors)
                    .and_then(|v| modules::parse(v, Slot::Reranker, errors));
            }
            "inverted_index" => {
                if let Some(args) = item.args(k, errors) {
                    let (call, presets) = inverted_index(args, errors);
                    attrs.config_calls.push(call);
                    attrs.stopword_presets = presets;
                }
            }
            "multi_tenancy" => {
                if let Some(args) = item.flag_or_args(k, errors) {
                    let (call, enabled) = multi_tenancy(args, errors);
                    if enabled {
                        attrs.multi_tenancy = Some(item.name_span());
                    }
                    attrs.config_calls.push(call);
                }
            }
            "replication" => {
                if let Some(args) = item.args(k, errors) {
                    attrs.config_calls.push(replication(args, errors));
                }
            }
            "sharding" => {
                if let Some(args) = item.args(k, errors) {
                    attrs.sharding = Some(item.name_span());
                    attrs.config_calls.push(sharding(args, errors));
                }
            }
            "object_ttl" => {
                if let Some(args) = item.args(k, errors) {
                    attrs.config_calls.extend(object_ttl(args, item, errors));
                }
            }
            _ => {}
        },
    );
    attrs
}

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

fn named_vector(args: &Items, item: &Item, errors: &mut Errors) -> Option<NamedVector> {
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
fn inverted_index(args: &Items, errors: &mut Errors) -> (Setter, Vec<String>) {
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

static MT_KEYS: &[Setting] = &[
    setting("enabled", "enabled = true"),
    setting("auto_tenant_creation", "auto_tenant_creation"),
    setting("auto_tenant_activation", "auto_tenant_activation"),
];

/// The call and whether multi-tenancy is on.
fn multi_tenancy(args: Option<&Items>, errors: &mut Errors) -> (Setter, bool) {
    let mut enabled = true;
    let mut calls = Vec::new();
    if let Some(args) = args {
        walk(
            &args.0,
            "multi_tenancy setting",
            MT_KEYS,
            errors,
            |k, item, errors| {
                if let Some(b) = item.flag(k, errors) {
                    match k.name {
                        "enabled" => enabled = b,
                        name => calls.push(Setter::new(name, Arg::Bool(b))),
                    }
                }
            },
        );
    }
    let config = Builder::fields(
        "MultiTenancyConfig",
        vec![("enabled", Arg::some(Arg::Bool(enabled)))],
    );
    (
        Setter::new("multi_tenancy_config", Arg::builder(config.with(calls))),
        enabled,
    )
}

static REPLICATION_KEYS: &[Setting] = &[
    setting("factor", "factor = 3"),
    setting("async_enabled", "async_enabled"),
    setting(
        "deletion_strategy",
        "deletion_strategy = time_based_resolution",
    ),
];

fn replication(args: &Items, errors: &mut Errors) -> Setter {
    let mut fields = Vec::new();
    walk(
        &args.0,
        "replication setting",
        REPLICATION_KEYS,
        errors,
        |k, item, errors| {
            let field = match k.name {
                "factor" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 1, i64::MAX, errors))
                    .map(|v| ("factor", Arg::some(Arg::Int(v)))),
                "async_enabled" => item
                    .flag(k, errors)
                    .map(|b| ("async_enabled", Arg::some(Arg::Bool(b)))),
                _ => item
                    .value(k, errors)
                    .and_then(|v| {
                        v.choice(
                            k,
                            &[
                                ("no_automated_resolution", "NoAutomatedResolution"),
                                ("delete_on_conflict", "DeleteOnConflict"),
                                ("time_based_resolution", "TimeBasedResolution"),
                            ],
                            errors,
                        )
                    })
                    .map(|v| {
                        (
                            "deletion_strategy",
                            Arg::some(Arg::variant("DeletionStrategy", v)),
                        )
                    }),
            };
            fields.extend(field);
        },
    );
    let config = Builder::fields("ReplicationConfig", fields);
    Setter::new("replication_config", Arg::builder(config))
}

static SHARDING_KEYS: &[Setting] = &[
    setting("desired_count", "desired_count = 2"),
    setting("virtual_per_physical", "virtual_per_physical = 128"),
];

fn sharding(args: &Items, errors: &mut Errors) -> Setter {
    let mut fields = Vec::new();
    walk(
        &args.0,
        "sharding setting",
        SHARDING_KEYS,
        errors,
        |k, item, errors| {
            if let Some(v) = item
                .value(k, errors)
                .and_then(|v| v.int(k, 1, i64::MAX, errors))
            {
                fields.push((k.name, Arg::some(Arg::Int(v))));
            }
        },
    );
    let config = Builder::fields("ShardingConfig", fields);
    Setter::new("sharding_config", Arg::builder(config))
}

static TTL_KEYS: &[Setting] = &[
    setting("delete_on", "delete_on = creation_time"),
    setting("ttl_seconds", "ttl_seconds = 86400"),
    setting("filter_expired_objects", "filter_expired_objects"),
];

fn object_ttl(args: &Items, item: &Item, errors: &mut Errors) -> Option<Setter> {
    let mut delete_on = None;
    let mut ttl = None;
    let mut filter = Vec::new();
    let mut given = Vec::new();
    walk(
        &args.0,
        "object_ttl setting",
        TTL_KEYS,
        errors,
        |k, item, errors| {
            given.push(k.name);
            match k.name {
                "delete_on" => {
                    delete_on = item.value(k, errors).and_then(|v| match v {
                        Expr::Lit(syn::Lit::Str(s)) => Some(s.value()),
                        other => other
                            .choice(
                                k,
                                &[
                                    ("creation_time", "_creationTimeUnix"),
                                    ("update_time", "_lastUpdateTimeUnix"),
                                ],
                                errors,
                            )
                            .map(str::to_owned),
                    });
                }
                "ttl_seconds" => {
                    ttl = item
                        .value(k, errors)
                        .and_then(|v| v.int(k, 1, i64::MAX, errors))
                }
                _ => filter.extend(
                    item.flag(k, errors)
                        .map(|b| Setter::new("filter_expired_objects", Arg::Bool(b))),
                ),
            }
        },
    );
    for required in ["delete_on", "ttl_seconds"] {
        if !given.contains(&required) {
            errors.spanned(
                item,
                format!("`object_ttl` needs `{required}`: `object_ttl(delete_on = creation_time, ttl_seconds = 86400)`"),
            );
        }
    }
    let (on, ttl) = (delete_on?, ttl?);
    let config = Builder::call(
        "ObjectTtlConfig",
        "delete_on",
        vec![Arg::Str(on), Arg::Int(ttl)],
    );
    Some(Setter::new(
        "object_ttl_config",
        Arg::builder(config.with(filter)),
    ))
}
