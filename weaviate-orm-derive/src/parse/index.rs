//! Vector indexes: `index = hnsw(distance = cosine, quantizer = pq(segments = 8))`,
//! `flat(quantizer = bq)`, `dynamic(threshold = 10000, hnsw(...), flat(...))` (the quantizers are
//! read by quantizer.rs).
//!
//! The rules are the server's (Weaviate v1.39.0, `entities/vectorindex`): one quantizer at a time;
//! HNSW takes `pq`, `bq`, `sq` and `rq` (1, 4 or 8 bits); flat takes only `bq` and `rq` (1 or 8 bits);
//! a dynamic index sets quantizers per stage; multi-vectors need HNSW (not inside dynamic).

use crate::errors::Errors;
use crate::model::Index;
use crate::model::IndexKind as Kind;
use crate::model::builder::{Arg, Builder, Setter};
use crate::parse::meta::{Expr, Items};
use crate::parse::quantizer::quantizer;
use crate::parse::values::{Setting, setting, walk};

const INDEX_EXAMPLE: &str = "index = hnsw(distance = cosine)";

/// Reads `hnsw`, `hnsw(...)`, `flat(...)` or `dynamic(...)`.
pub(crate) fn parse(expr: &Expr, errors: &mut Errors) -> Option<Index> {
    let (ident, items) = match expr {
        Expr::Path(path) => (path.get_ident(), None),
        Expr::Call(call) => (call.path.get_ident(), Some(&call.items)),
        _ => (None, None),
    };
    let kinds = [
        ("hnsw", Kind::Hnsw),
        ("flat", Kind::Flat),
        ("dynamic", Kind::Dynamic),
    ];
    let kind = match ident {
        Some(ident) => kinds.iter().find(|(n, _)| ident == n).map(|(_, k)| *k),
        None => None,
    };
    let Some(kind) = kind else {
        let found = ident.map_or_else(|| expr.describe().to_owned(), |i| format!("`{i}`"));
        errors.spanned(
            expr,
            format!(
                "unknown vector index {found}\nexpected one of `hnsw(...)`, `flat(...)` or `dynamic(...)`, e.g. `{INDEX_EXAMPLE}`"
            ),
        );
        return None;
    };
    let empty = Items(Vec::new());
    let items = items.unwrap_or(&empty);
    Some(match kind {
        Kind::Hnsw => Index {
            kind,
            config: hnsw(items, false, errors),
        },
        Kind::Flat => Index {
            kind,
            config: flat(items, errors),
        },
        Kind::Dynamic => Index {
            kind,
            config: dynamic(items, errors),
        },
    })
}

const DISTANCES: &[(&str, &str)] = &[
    ("cosine", "Cosine"),
    ("dot", "Dot"),
    ("l2_squared", "L2Squared"),
    ("hamming", "Hamming"),
    ("manhattan", "Manhattan"),
];

fn distance(item_key: &Setting, expr: &Expr, errors: &mut Errors) -> Option<Setter> {
    let variant = expr.choice(item_key, DISTANCES, errors)?;
    Some(Setter::new("distance", Arg::variant("Distance", variant)))
}

pub(super) fn int_setter(name: &'static str, value: i64) -> Setter {
    Setter::new(name, Arg::Int(value))
}

pub(super) fn flag_setter(name: &'static str, value: bool) -> Setter {
    Setter::new(name, Arg::Bool(value))
}

static HNSW_KEYS: &[Setting] = &[
    setting("distance", "distance = cosine"),
    setting("ef", "ef = 64"),
    setting("ef_construction", "ef_construction = 128"),
    setting("max_connections", "max_connections = 32"),
    setting("dynamic_ef_min", "dynamic_ef_min = 100"),
    setting("dynamic_ef_max", "dynamic_ef_max = 500"),
    setting("dynamic_ef_factor", "dynamic_ef_factor = 8"),
    setting("flat_search_cutoff", "flat_search_cutoff = 40000"),
    setting(
        "vector_cache_max_objects",
        "vector_cache_max_objects = 1000000",
    ),
    setting("cleanup_interval_seconds", "cleanup_interval_seconds = 300"),
    setting("skip", "skip"),
    setting("filter_strategy", "filter_strategy = acorn"),
    setting("quantizer", "quantizer = pq(segments = 8)"),
    setting("multi_vector", "multi_vector(aggregation = max_sim)"),
];

/// HNSW settings; `in_dynamic` forbids multi-vectors.
fn hnsw(items: &Items, in_dynamic: bool, errors: &mut Errors) -> Builder {
    let mut calls = Vec::new();
    walk(
        &items.0,
        "hnsw index setting",
        HNSW_KEYS,
        errors,
        |k, item, errors| {
            let call = match k.name {
                "distance" => item.value(k, errors).and_then(|v| distance(k, v, errors)),
                "ef" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, -1, i64::MAX, errors))
                    .map(|v| int_setter("ef", v)),
                "ef_construction" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 4, i64::MAX, errors))
                    .map(|v| int_setter(k.name, v)),
                "max_connections" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 4, 2047, errors))
                    .map(|v| int_setter(k.name, v)),
                "dynamic_ef_min"
                | "dynamic_ef_max"
                | "dynamic_ef_factor"
                | "flat_search_cutoff"
                | "vector_cache_max_objects"
                | "cleanup_interval_seconds" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 0, i64::MAX, errors))
                    .map(|v| int_setter(k.name, v)),
                "skip" => item.flag(k, errors).map(|b| flag_setter("skip", b)),
                "filter_strategy" => item
                    .value(k, errors)
                    .and_then(|v| {
                        v.choice(k, &[("sweeping", "Sweeping"), ("acorn", "Acorn")], errors)
                    })
                    .map(|v| Setter::new("filter_strategy", Arg::variant("FilterStrategy", v))),
                "quantizer" => item
                    .value(k, errors)
                    .and_then(|v| quantizer(v, Kind::Hnsw, errors)),
                "multi_vector" => {
                    if in_dynamic {
                        errors.spanned(
                        item,
                        "multi-vectors are not supported by the dynamic index (Weaviate rejects them); use `index = hnsw(multi_vector)`",
                    );
                        None
                    } else {
                        item.flag_or_args(k, errors)
                            .map(|args| multivector(args, errors))
                    }
                }
                _ => None,
            };
            calls.extend(call);
        },
    );
    Builder::new("VectorIndexConfig").with(calls)
}

static FLAT_KEYS: &[Setting] = &[
    setting("distance", "distance = cosine"),
    setting(
        "vector_cache_max_objects",
        "vector_cache_max_objects = 1000000",
    ),
    setting("quantizer", "quantizer = bq(rescore_limit = 200, cache)"),
    setting("multi_vector", "multi_vector"),
];

fn flat(items: &Items, errors: &mut Errors) -> Builder {
    let mut calls = Vec::new();
    walk(
        &items.0,
        "flat index setting",
        FLAT_KEYS,
        errors,
        |k, item, errors| {
            let call = match k.name {
                "distance" => item.value(k, errors).and_then(|v| distance(k, v, errors)),
                "vector_cache_max_objects" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 0, i64::MAX, errors))
                    .map(|v| int_setter(k.name, v)),
                "quantizer" => item
                    .value(k, errors)
                    .and_then(|v| quantizer(v, Kind::Flat, errors)),
                "multi_vector" => {
                    errors.spanned(
                        item,
                        "multi-vectors need an HNSW index: `index = hnsw(multi_vector)`",
                    );
                    None
                }
                _ => None,
            };
            calls.extend(call);
        },
    );
    Builder::new("VectorIndexConfig").with(calls)
}

static DYNAMIC_KEYS: &[Setting] = &[
    setting("distance", "distance = cosine"),
    setting("threshold", "threshold = 10000"),
    setting("hnsw", "hnsw(ef = 64)"),
    setting("flat", "flat(quantizer = bq)"),
    setting("quantizer", "hnsw(quantizer = pq)"),
];

fn dynamic(items: &Items, errors: &mut Errors) -> Builder {
    let mut calls = Vec::new();
    walk(
        &items.0,
        "dynamic index setting",
        DYNAMIC_KEYS,
        errors,
        |k, item, errors| {
            let call = match k.name {
                "distance" => item.value(k, errors).and_then(|v| distance(k, v, errors)),
                "threshold" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 0, i64::MAX, errors))
                    .map(|v| int_setter(k.name, v)),
                "hnsw" => item.flag_or_args(k, errors).map(|args| {
                    let empty = Items(Vec::new());
                    let config = hnsw(args.unwrap_or(&empty), true, errors);
                    Setter::new("hnsw", Arg::builder(config))
                }),
                "flat" => item.flag_or_args(k, errors).map(|args| {
                    let empty = Items(Vec::new());
                    let config = flat(args.unwrap_or(&empty), errors);
                    Setter::new("flat", Arg::builder(config))
                }),
                "quantizer" => {
                    errors.spanned(
                    item,
                    "a dynamic index has no quantizer of its own: set one per stage, e.g. `dynamic(hnsw(quantizer = pq), flat(quantizer = bq))`",
                );
                    None
                }
                _ => None,
            };
            calls.extend(call);
        },
    );
    Builder::new("VectorIndexConfig").with(calls)
}

static MULTIVECTOR_KEYS: &[Setting] = &[
    setting("aggregation", "aggregation = max_sim"),
    setting(
        "muvera",
        "muvera(ksim = 4, dprojections = 16, repetitions = 10)",
    ),
];
static MUVERA_KEYS: &[Setting] = &[
    setting("ksim", "ksim = 4"),
    setting("dprojections", "dprojections = 16"),
    setting("repetitions", "repetitions = 10"),
];

fn multivector(items: Option<&Items>, errors: &mut Errors) -> Setter {
    let mut calls = Vec::new();
    if let Some(items) = items {
        walk(
            &items.0,
            "multi_vector setting",
            MULTIVECTOR_KEYS,
            errors,
            |k, item, errors| {
                let call = match k.name {
                    "aggregation" => item
                        .value(k, errors)
                        .and_then(|v| v.choice(k, &[("max_sim", ())], errors))
                        .map(|()| {
                            Setter::new(
                                "aggregation",
                                Arg::variant("MultivectorAggregation", "MaxSim"),
                            )
                        }),
                    "muvera" => item.flag_or_args(k, errors).map(|args| {
                        let mut muvera = Vec::new();
                        if let Some(args) = args {
                            walk(
                                &args.0,
                                "muvera setting",
                                MUVERA_KEYS,
                                errors,
                                |k, item, errors| {
                                    let max = if k.name == "ksim" { 10 } else { i64::MAX };
                                    muvera.extend(
                                        item.value(k, errors)
                                            .and_then(|v| v.int(k, 1, max, errors))
                                            .map(|v| int_setter(k.name, v)),
                                    );
                                },
                            );
                        }
                        Setter::new(
                            "muvera",
                            Arg::builder(Builder::new("MuveraConfig").with(muvera)),
                        )
                    }),
                    _ => None,
                };
                calls.extend(call);
            },
        );
    }
    Setter::new(
        "multivector",
        Arg::builder(Builder::new("MultivectorConfig").with(calls)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream;
    use quote::{ToTokens, quote};

    fn index(tokens: TokenStream) -> Result<Index, String> {
        let expr: Expr = syn::parse2(tokens).expect("parses");
        let mut errors = Errors::default();
        let index = parse(&expr, &mut errors);
        match errors.combined() {
            Some(e) => Err(crate::errors::messages(e)),
            None => Ok(index.expect("an index when there is no error")),
        }
    }

    #[test]
    fn hnsw_with_everything() {
        let i = index(quote!(hnsw(
            distance = dot,
            ef = -1,
            ef_construction = 128,
            max_connections = 32,
            quantizer = pq(segments = 8, encoder = tile(distribution = normal)),
            multi_vector(aggregation = max_sim, muvera(ksim = 4))
        )))
        .expect("valid");
        assert_eq!(i.kind, Kind::Hnsw);
        let code = i.config.to_token_stream().to_string();
        for part in [
            "Distance :: Dot",
            "ef (- 1i64)",
            "segments (8i64)",
            "Tile",
            "Normal",
            "ksim (4i64)",
        ] {
            assert!(
                code.replace("-1i64", "- 1i64").contains(part),
                "{part} in {code}"
            );
        }
    }

    #[test]
    fn quantizers_must_fit_the_index() {
        let e = index(quote!(flat(quantizer = pq))).err().expect("error");
        assert!(e.contains("flat index does not support `pq`"), "{e}");
        let e = index(quote!(flat(quantizer = rq(bits = 4))))
            .err()
            .expect("error");
        assert!(e.contains("1 or 8"), "{e}");
        assert!(index(quote!(hnsw(quantizer = rq(bits = 4)))).is_ok());
        let e = index(quote!(dynamic(quantizer = bq))).err().expect("error");
        assert!(e.contains("per stage"), "{e}");
        let e = index(quote!(dynamic(hnsw(multi_vector))))
            .err()
            .expect("error");
        assert!(e.contains("dynamic"), "{e}");
        assert!(
            index(quote!(dynamic(
                threshold = 10,
                hnsw(quantizer = pq),
                flat(quantizer = bq(cache))
            )))
            .is_ok()
        );
    }

    #[test]
    fn every_error_is_reported() {
        let e = index(quote!(hnsw(
            max_connections = 3,
            distanse = cosine,
            ef = "x"
        )))
        .err()
        .expect("error");
        assert!(e.contains("from 4 to 2047"), "{e}");
        assert!(e.contains("did you mean `distance`"), "{e}");
        assert!(e.contains("expected an integer"), "{e}");
    }
}
