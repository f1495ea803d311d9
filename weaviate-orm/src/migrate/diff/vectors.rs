//! Differences of vectors: named vectors added or undeclared, vectorizers, index types, index
//! settings and quantizers; the legacy single vector the same way.

use serde_json::Value;

use super::rules::{QUANTIZERS, Rule, index_setting, quantizer_setting};
use super::walk::{mismatches, show};
use super::{Collection, Diff};
use crate::migrate::change::{JsonEdit, pointer_token};
use crate::schema::VectorIndexConfig;

pub(crate) fn diffs(c: &Collection<'_>) -> Vec<Diff> {
    let mut out = Vec::new();
    legacy(c, &mut out);
    named(c, &mut out);
    out
}

fn legacy(c: &Collection<'_>, out: &mut Vec<Diff>) {
    let desired_legacy = c.desired.get("vectorIndexType").is_some();
    let live_legacy = c.live.get("vectorIndexType").is_some();
    match (desired_legacy, live_legacy) {
        (false, false) => return,
        (true, false) => {
            out.push(Diff::rebuild(
                "the collection's single (legacy) vector is declared but the server has none",
                "a collection-level vector index cannot be added to a collection with named vectors",
            ));
            return;
        }
        (false, true) => {
            out.push(Diff::drift(
                "the server has a collection-level (legacy) vector that no struct declares",
                "undeclared vectors are reported and kept",
            ));
            return;
        }
        (true, true) => {}
    }
    // The vectorizer: left unset in the struct, it is whatever the server's default module is.
    let live_vectorizer = c.live["vectorizer"].as_str().unwrap_or("none").to_owned();
    if c.raw.vectorizer.is_some() {
        let want = c.desired["vectorizer"].as_str().unwrap_or("none");
        if want != live_vectorizer {
            out.push(Diff::rebuild(
                format!("vectorizer {live_vectorizer} -> {want}"),
                "the vectorizer of a vector cannot change (every stored vector came from it)",
            ));
            return;
        }
    }
    if live_vectorizer != "none" {
        let d = &c.desired["moduleConfig"][&live_vectorizer];
        let l = &c.live["moduleConfig"][&live_vectorizer];
        vectorizer_settings(&live_vectorizer, "the collection's vector", d, l, out);
    }
    let ty_d = c.desired["vectorIndexType"].as_str().unwrap_or_default();
    let ty_l = c.live["vectorIndexType"].as_str().unwrap_or_default();
    if ty_d != ty_l {
        out.push(Diff::rebuild(
            format!("vector index type {ty_l} -> {ty_d}"),
            "the vector index type cannot change",
        ));
        return;
    }
    index(
        "/vectorIndexConfig",
        "vector index",
        ty_l,
        &c.desired["vectorIndexConfig"],
        &c.live["vectorIndexConfig"],
        c.raw.vector_index_config.as_ref(),
        out,
    );
}

fn named(c: &Collection<'_>, out: &mut Vec<Diff>) {
    let empty = serde_json::Map::new();
    let desired = c
        .desired
        .get("vectorConfig")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let live = c
        .live
        .get("vectorConfig")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (name, d) in desired {
        let Some(l) = live.get(name) else {
            let raw = c.raw.vector_config.get(name);
            let config = raw
                .and_then(|r| serde_json::to_value(r).ok())
                .unwrap_or_else(|| d.clone());
            let vectorizer = d["vectorizer"]
                .as_object()
                .and_then(|m| m.keys().next().cloned())
                .unwrap_or_else(|| "none".to_owned());
            out.push(Diff::edit(
                format!("named vector `{name}` added ({vectorizer})"),
                "a named vector is added in place; objects stored before get it only when they are written again",
                vec![JsonEdit::set(
                    format!("/vectorConfig/{}", pointer_token(name)),
                    config,
                )],
            ));
            continue;
        };
        one_named(c, name, d, l, out);
    }
    for name in live.keys() {
        if !desired.contains_key(name) {
            out.push(if c.prune {
                Diff::rebuild(
                    format!("named vector `{name}` removed"),
                    "Weaviate cannot delete a vector in a class update; the rebuild leaves it out (pruning was asked for)",
                )
            } else {
                Diff::drift(
                    format!("named vector `{name}` is on the server but in no struct"),
                    "undeclared vectors are reported and kept (a rebuild carries them along)",
                )
            });
        }
    }
}

fn one_named(c: &Collection<'_>, name: &str, d: &Value, l: &Value, out: &mut Vec<Diff>) {
    let module = |v: &Value| {
        v["vectorizer"]
            .as_object()
            .and_then(|m| m.keys().next().cloned())
            .unwrap_or_else(|| "none".to_owned())
    };
    let (md, ml) = (module(d), module(l));
    if md != ml {
        out.push(Diff::rebuild(
            format!("named vector `{name}`: vectorizer {ml} -> {md}"),
            "the vectorizer of a vector cannot change (every stored vector came from it)",
        ));
        return;
    }
    vectorizer_settings(
        &md,
        &format!("named vector `{name}`"),
        &d["vectorizer"][&md],
        &l["vectorizer"][&ml],
        out,
    );
    let ty_d = d["vectorIndexType"].as_str().unwrap_or_default();
    let ty_l = l["vectorIndexType"].as_str().unwrap_or_default();
    if ty_d != ty_l {
        out.push(Diff::rebuild(
            format!("named vector `{name}`: index type {ty_l} -> {ty_d}"),
            "the vector index type cannot change",
        ));
        return;
    }
    let raw = c
        .raw
        .vector_config
        .get(name)
        .and_then(|v| v.vector_index_config.as_ref());
    index(
        &format!("/vectorConfig/{}/vectorIndexConfig", pointer_token(name)),
        &format!("named vector `{name}`"),
        ty_l,
        &d["vectorIndexConfig"],
        &l["vectorIndexConfig"],
        raw,
        out,
    );
}

/// The struct's vectorizer settings must all be on the server; settings only the server has are
/// its module's defaults.
fn vectorizer_settings(module: &str, label: &str, d: &Value, l: &Value, out: &mut Vec<Diff>) {
    let found = mismatches(d, l);
    if found.is_empty() {
        return;
    }
    let what: Vec<String> = found
        .iter()
        .map(|m| {
            format!(
                "{} {} -> {}",
                m.dotted(),
                show(m.live.as_ref()),
                show(Some(&m.desired))
            )
        })
        .collect();
    out.push(Diff::rebuild(
        format!("{label}: {module} settings {}", what.join(", ")),
        "vectorizer settings cannot change (every stored vector came from them)",
    ));
}

#[allow(clippy::too_many_arguments)]
fn index(
    pointer: &str,
    label: &str,
    ty: &str,
    d: &Value,
    l: &Value,
    raw: Option<&VectorIndexConfig>,
    out: &mut Vec<Diff>,
) {
    for m in mismatches(d, l) {
        let key = m.path.first().map(String::as_str).unwrap_or_default();
        if QUANTIZERS.contains(&key) || (ty == "dynamic" && (key == "hnsw" || key == "flat")) {
            continue;
        }
        let what = format!(
            "{label}: {} {} -> {}",
            m.dotted(),
            show(m.live.as_ref()),
            show(Some(&m.desired))
        );
        match index_setting(ty, key) {
            Rule::Ignore => {}
            Rule::InPlace => out.push(Diff::edit(
                what,
                "a search-time setting of the index changes in place",
                vec![JsonEdit::set(m.pointer(pointer), m.desired.clone())],
            )),
            Rule::Rebuild(reason) => out.push(Diff::rebuild(what, reason)),
        }
    }
    if ty == "dynamic" {
        for (sub, sub_ty) in [("hnsw", "hnsw"), ("flat", "flat")] {
            let raw_sub = raw.and_then(|r| match sub {
                "hnsw" => r.hnsw.as_deref(),
                _ => r.flat.as_deref(),
            });
            index(
                &format!("{pointer}/{sub}"),
                &format!("{label} ({sub} stage)"),
                sub_ty,
                &d[sub],
                &l[sub],
                raw_sub,
                out,
            );
        }
        return;
    }
    quantizer(pointer, label, ty, d, l, raw, out);
}

fn active(v: &Value) -> Option<&'static str> {
    QUANTIZERS
        .into_iter()
        .find(|q| v[*q]["enabled"].as_bool() == Some(true))
}

/// Whether the struct leaves the quantizer to the server (`DEFAULT_QUANTIZATION` may add one).
fn unspecified(raw: Option<&VectorIndexConfig>) -> bool {
    let Some(r) = raw else {
        return true;
    };
    r.skip_default_quantization != Some(true)
        && r.pq.as_ref().and_then(|q| q.enabled) != Some(true)
        && r.bq.as_ref().and_then(|q| q.enabled) != Some(true)
        && r.sq.as_ref().and_then(|q| q.enabled) != Some(true)
        && r.rq.as_ref().and_then(|q| q.enabled) != Some(true)
}

fn quantizer(
    pointer: &str,
    label: &str,
    ty: &str,
    d: &Value,
    l: &Value,
    raw: Option<&VectorIndexConfig>,
    out: &mut Vec<Diff>,
) {
    let tracked = l["trackDefaultQuantization"].as_bool() == Some(true);
    let (want, have) = (active(d), active(l));
    if tracked && unspecified(raw) {
        // The server's DEFAULT_QUANTIZATION chose the quantizer; the struct does not care.
        return;
    }
    match (want, have) {
        (None, None) => {}
        (Some(q), None) if ty == "hnsw" => out.push(Diff::edit(
            format!("{label}: quantizer {q} enabled"),
            "HNSW indexes are compressed in place (the server trains the quantizer on the stored vectors)",
            vec![JsonEdit::set(format!("{pointer}/{q}"), d[q].clone())],
        )),
        (Some(q), None) => out.push(Diff::rebuild(
            format!("{label}: quantizer {q} on a {ty} index"),
            "a quantizer can be enabled in place only on an HNSW index",
        )),
        (None, Some(q)) => out.push(Diff::rebuild(
            format!("{label}: quantizer {q} disabled"),
            "a compressed index cannot be uncompressed; the server would accept it and disagree with itself",
        )),
        (Some(a), Some(b)) if a != b => out.push(Diff::rebuild(
            format!("{label}: quantizer {b} -> {a}"),
            "a quantizer cannot be switched; the server would accept some switches and the index would then disagree with the schema",
        )),
        (Some(q), Some(_)) => {
            for m in mismatches(&d[q], &l[q]) {
                let key = m.path.first().map(String::as_str).unwrap_or_default();
                // `segments: 0` asks the server to choose; it records what it chose.
                if q == "pq" && key == "segments" && m.desired.as_i64() == Some(0) {
                    continue;
                }
                let what = format!(
                    "{label}: {q}.{} {} -> {}",
                    m.dotted(),
                    show(m.live.as_ref()),
                    show(Some(&m.desired))
                );
                match quantizer_setting(key) {
                    Rule::Ignore => {}
                    Rule::InPlace => out.push(Diff::edit(
                        what,
                        "a search-time setting of the quantizer changes in place",
                        vec![JsonEdit::set(
                            m.pointer(&format!("{pointer}/{q}")),
                            m.desired.clone(),
                        )],
                    )),
                    Rule::Rebuild(reason) => out.push(Diff::rebuild(what, reason)),
                }
            }
        }
    }
}
