//! Quantizers of an index: `pq(...)`, `bq`, `sq(...)`, `rq(bits = 1)`, `none`, and the PQ encoder.
//! Which one fits which index is the server's rule (v1.39): HNSW takes `pq`, `bq`, `sq` and `rq`
//! (1, 4 or 8 bits); flat takes only `bq` and `rq` (1 or 8 bits).

use crate::errors::Errors;
use crate::model::IndexKind as Kind;
use crate::model::builder::{Arg, Builder, Setter};
use crate::parse::index::{flag_setter, int_setter};
use crate::parse::meta::{Expr, Items};
use crate::parse::values::{Setting, setting, walk};

static PQ_KEYS: &[Setting] = &[
    setting("segments", "segments = 8"),
    setting("centroids", "centroids = 256"),
    setting("training_limit", "training_limit = 100000"),
    setting("encoder", "encoder = tile(distribution = normal)"),
    setting("bit_compression", "bit_compression"),
];
static HNSW_BQ_KEYS: &[Setting] = &[];
static SQ_KEYS: &[Setting] = &[
    setting("training_limit", "training_limit = 100000"),
    setting("rescore_limit", "rescore_limit = 20"),
];
static HNSW_RQ_KEYS: &[Setting] = &[
    setting("bits", "bits = 8"),
    setting("rescore_limit", "rescore_limit = 20"),
];
static FLAT_BQ_KEYS: &[Setting] = &[
    setting("rescore_limit", "rescore_limit = 200"),
    setting("cache", "cache"),
];
static FLAT_RQ_KEYS: &[Setting] = &[
    setting("bits", "bits = 8"),
    setting("rescore_limit", "rescore_limit = 200"),
    setting("cache", "cache"),
];

/// `pq`, `pq(...)`, `bq`, `sq`, `rq(bits = 1)`, `none` for an index of `kind` (HNSW or flat).
pub(super) fn quantizer(expr: &Expr, kind: Kind, errors: &mut Errors) -> Option<Setter> {
    let (ident, items) = match expr {
        Expr::Path(path) => (path.get_ident(), None),
        Expr::Call(call) => (call.path.get_ident(), Some(&call.items)),
        _ => (None, None),
    };
    let valid: &[&str] = match kind {
        Kind::Flat => &["bq", "rq", "none"],
        _ => &["pq", "bq", "sq", "rq", "none"],
    };
    let Some(name) = ident.map(ToString::to_string) else {
        errors.spanned(
            expr,
            format!("expected a quantizer, {}", crate::errors::one_of(valid)),
        );
        return None;
    };
    if kind == Kind::Flat && (name == "pq" || name == "sq") {
        errors.spanned(
            expr,
            format!(
                "the flat index does not support `{name}` (Weaviate v1.39 rejects it); use `bq` or `rq`, or an `hnsw` index"
            ),
        );
        return None;
    }
    let keys = match (name.as_str(), kind) {
        ("pq", _) => PQ_KEYS,
        ("bq", Kind::Flat) => FLAT_BQ_KEYS,
        ("bq", _) => HNSW_BQ_KEYS,
        ("sq", _) => SQ_KEYS,
        ("rq", Kind::Flat) => FLAT_RQ_KEYS,
        ("rq", _) => HNSW_RQ_KEYS,
        ("none", _) => {
            if items.is_some() {
                errors.spanned(expr, "`none` takes no settings");
            }
            return Some(flag_setter("skip_default_quantization", true));
        }
        _ => {
            errors.spanned(expr, crate::errors::unknown("quantizer", &name, valid));
            return None;
        }
    };
    let mut calls = Vec::new();
    let empty = Items(Vec::new());
    let what = format!("`{name}` setting");
    walk(
        &items.unwrap_or(&empty).0,
        &what,
        keys,
        errors,
        |k, item, errors| {
            let call = match k.name {
                "segments" | "rescore_limit" | "training_limit" => item
                    .value(k, errors)
                    .and_then(|v| {
                        v.int(
                            k,
                            if k.name == "rescore_limit" { -1 } else { 0 },
                            i64::MAX,
                            errors,
                        )
                    })
                    .map(|v| int_setter(k.name, v)),
                "centroids" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 1, 65536, errors))
                    .map(|v| int_setter(k.name, v)),
                "bits" => item.value(k, errors).and_then(|v| {
                    let bits = v.int(k, 1, 8, errors)?;
                    let allowed: &[i64] = if kind == Kind::Flat {
                        &[1, 8]
                    } else {
                        &[1, 4, 8]
                    };
                    if allowed.contains(&bits) {
                        Some(int_setter("bits", bits))
                    } else {
                        errors.spanned(
                            v,
                            format!(
                                "`bits` of `rq` on {} must be {}",
                                if kind == Kind::Flat {
                                    "a flat index"
                                } else {
                                    "an hnsw index"
                                },
                                if kind == Kind::Flat {
                                    "1 or 8"
                                } else {
                                    "1, 4 or 8"
                                }
                            ),
                        );
                        None
                    }
                }),
                "cache" => item.flag(k, errors).map(|b| flag_setter("cache", b)),
                "bit_compression" => item
                    .flag(k, errors)
                    .map(|b| flag_setter("bit_compression", b)),
                "encoder" => item.value(k, errors).and_then(|v| encoder(k, v, errors)),
                _ => None,
            };
            calls.extend(call);
        },
    );
    let (setter, ty) = match name.as_str() {
        "pq" => ("pq", "PqConfig"),
        "bq" => ("bq", "BqConfig"),
        "sq" => ("sq", "SqConfig"),
        _ => ("rq", "RqConfig"),
    };
    Some(Setter::new(
        setter,
        Arg::builder(Builder::new(ty).with(calls)),
    ))
}

fn encoder(k: &Setting, expr: &Expr, errors: &mut Errors) -> Option<Setter> {
    let (ident, items) = match expr {
        Expr::Path(path) => (path.get_ident(), None),
        Expr::Call(call) => (call.path.get_ident(), Some(&call.items)),
        _ => (None, None),
    };
    let ty = match ident.map(ToString::to_string).as_deref() {
        Some("kmeans") => "Kmeans",
        Some("tile") => "Tile",
        _ => {
            errors.spanned(
                expr,
                format!("expected `encoder = kmeans` or `{}`", k.example),
            );
            return None;
        }
    };
    let mut calls = Vec::new();
    static KEYS: &[Setting] = &[setting("distribution", "distribution = log_normal")];
    if let Some(items) = items {
        walk(
            &items.0,
            "encoder setting",
            KEYS,
            errors,
            |k, item, errors| {
                let call = item
                    .value(k, errors)
                    .and_then(|v| {
                        v.choice(
                            k,
                            &[("log_normal", "LogNormal"), ("normal", "Normal")],
                            errors,
                        )
                    })
                    .map(|v| Setter::new("distribution", Arg::variant("PqEncoderDistribution", v)));
                calls.extend(call);
            },
        );
    }
    let encoder = Builder::call("PqEncoder", "new", vec![Arg::variant("PqEncoderType", ty)]);
    Some(Setter::new("encoder", Arg::builder(encoder.with(calls))))
}
