//! Differences of properties: added, renamed, undeclared, changed settings and inverted indexes.

use serde_json::Value;

use super::walk::{mismatches, show};
use super::{Collection, Diff};
use crate::collections::InvertedIndexKind;
use crate::migrate::change::{ChangeClass, JsonEdit, Operation, pointer_token};
use crate::schema::{Property, Tokenization};

const INDEX_KEYS: [&str; 4] = [
    "tokenization",
    "indexFilterable",
    "indexSearchable",
    "indexRangeFilters",
];

pub(crate) fn diffs(c: &Collection<'_>) -> Vec<Diff> {
    let mut out = Vec::new();
    let desired = props(&c.desired);
    let live = props(&c.live);
    for d in &desired {
        let name = d["name"].as_str().unwrap_or_default();
        match live.iter().find(|l| l["name"].as_str() == Some(name)) {
            Some(l) => changed(c, name, d, l, &mut out),
            None => added(c, name, &live, &mut out),
        }
    }
    for l in &live {
        let name = l["name"].as_str().unwrap_or_default();
        let declared = desired.iter().any(|d| d["name"].as_str() == Some(name));
        let rename_source = c.renamed.iter().any(|r| {
            r.from == name
                && desired
                    .iter()
                    .any(|d| d["name"].as_str() == Some(r.to.as_str()))
                && !live
                    .iter()
                    .any(|x| x["name"].as_str() == Some(r.to.as_str()))
        });
        if declared || rename_source {
            continue;
        }
        out.push(undeclared(c, name));
    }
    out
}

fn props(v: &Value) -> Vec<Value> {
    v.get("properties")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn added(c: &Collection<'_>, name: &str, live: &[Value], out: &mut Vec<Diff>) {
    if let Some(old) = c
        .renamed
        .iter()
        .find(|r| r.to == name)
        .map(|r| r.from.as_str())
    {
        if live.iter().any(|l| l["name"].as_str() == Some(old)) {
            out.push(Diff::rebuild(
                format!("property `{old}` renamed to `{name}`"),
                "Weaviate cannot rename a property; the rebuild copies its values into the new name",
            ));
            return;
        }
    }
    let Some(property) = c.raw.find_property(name).cloned().or_else(|| {
        c.raw
            .properties
            .iter()
            .find(|p| crate::migrate::normalize::property_name(&p.name) == name)
            .cloned()
    }) else {
        return;
    };
    let property = Property {
        name: name.to_owned(),
        ..property
    };
    let kind = if property.data_type.is_reference() {
        "reference property"
    } else {
        "property"
    };
    out.push(Diff {
        class: ChangeClass::InPlace,
        what: format!(
            "{kind} `{name}` added ({})",
            property.data_type.to_strings().join(", ")
        ),
        reason: "a new property is added in place; existing objects have no value for it"
            .to_owned(),
        operation: Operation::AddProperty {
            collection: c.physical.to_owned(),
            property: Box::new(property),
        },
        blocked: None,
    });
}

fn undeclared(c: &Collection<'_>, name: &str) -> Diff {
    if c.prune {
        return Diff::rebuild(
            format!("property `{name}` removed"),
            "Weaviate cannot delete a property; the rebuild leaves it out and its values are lost (pruning was asked for)",
        );
    }
    Diff::drift(
        format!("property `{name}` is on the server but in no struct"),
        "undeclared properties are reported and kept (a rebuild carries them along); prune them explicitly to remove them",
    )
}

fn changed(c: &Collection<'_>, name: &str, d: &Value, l: &Value, out: &mut Vec<Diff>) {
    let mut index_change = false;
    for m in mismatches(d, l) {
        let key = m.path.first().map(String::as_str).unwrap_or_default();
        let last = m.path.last().map(String::as_str).unwrap_or_default();
        match key {
            "name" => {}
            "dataType" => out.push(data_type_change(name, d, l)),
            "description" => out.push(Diff::edit(
                format!(
                    "property `{name}`: description {} -> {}",
                    show(m.live.as_ref()),
                    show(Some(&m.desired))
                ),
                "descriptions change in place",
                vec![JsonEdit::set(
                    format!("/properties/{}/description", pointer_token(name)),
                    m.desired.clone(),
                )],
            )),
            k if INDEX_KEYS.contains(&k) => index_change = true,
            "nestedProperties" if last == "description" => out.push(Diff::edit(
                format!(
                    "property `{name}`: nested {} {} -> {}",
                    nested_path(&m.path),
                    show(m.live.as_ref()),
                    show(Some(&m.desired))
                ),
                "descriptions change in place",
                vec![JsonEdit::set(
                    m.pointer(&format!("/properties/{}", pointer_token(name))),
                    m.desired.clone(),
                )],
            )),
            "nestedProperties" => out.push(Diff::rebuild(
                format!(
                    "property `{name}`: nested {} {} -> {}",
                    nested_path(&m.path),
                    show(m.live.as_ref()),
                    show(Some(&m.desired))
                ),
                "Weaviate's REST API cannot change the nested properties of an object property",
            )),
            // Settings for a module new to this property (a vectorizer added with a named vector)
            // are taken in a class update.
            "moduleConfig" if m.live.is_none() && m.path.len() <= 2 => out.push(Diff::edit(
                format!(
                    "property `{name}`: {} (none) -> {}",
                    m.dotted(),
                    show(Some(&m.desired))
                ),
                "settings of a module new to the property are added in place",
                vec![JsonEdit::set(
                    m.pointer(&format!("/properties/{}", pointer_token(name))),
                    m.desired.clone(),
                )],
            )),
            "moduleConfig" => out.push(Diff::rebuild(
                format!(
                    "property `{name}`: {} {} -> {}",
                    m.dotted(),
                    show(m.live.as_ref()),
                    show(Some(&m.desired))
                ),
                "a property's module settings cannot change (they shape its vectors)",
            )),
            "textAnalyzer" => out.push(Diff::rebuild(
                format!(
                    "property `{name}`: {} {} -> {}",
                    m.dotted(),
                    show(m.live.as_ref()),
                    show(Some(&m.desired))
                ),
                "a property's text analyzer is fixed when the property is created",
            )),
            _ => out.push(Diff::rebuild(
                format!(
                    "property `{name}`: {} {} -> {}",
                    m.dotted(),
                    show(m.live.as_ref()),
                    show(Some(&m.desired))
                ),
                "Weaviate cannot change this property setting in place",
            )),
        }
    }
    let same_type = d.get("dataType") == l.get("dataType");
    if same_type && (index_change || c.wand_searchable(name)) {
        reindex(c, name, d, l, out);
    }
}

/// A path inside nested properties without the `nestedProperties` steps: `street.description`.
fn nested_path(path: &[String]) -> String {
    path.iter()
        .filter(|t| *t != "nestedProperties")
        .cloned()
        .collect::<Vec<_>>()
        .join(".")
}

fn data_type_change(name: &str, d: &Value, l: &Value) -> Diff {
    let list = |v: &Value| {
        v.get("dataType")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    Diff::rebuild(
        format!("property `{name}`: data type {} -> {}", list(l), list(d)),
        "a property's data type cannot change (for references: its target collections)",
    )
}

struct Indexes {
    tokenization: Option<Tokenization>,
    filterable: bool,
    searchable: bool,
    range: bool,
}

fn indexes(v: &Value) -> Indexes {
    let flag = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
    Indexes {
        tokenization: v
            .get("tokenization")
            .and_then(Value::as_str)
            .map(Tokenization::from),
        filterable: flag("indexFilterable"),
        searchable: flag("indexSearchable"),
        range: flag("indexRangeFilters"),
    }
}

/// The index steps of one property, one server call each: drops, then a tokenization change, then
/// new indexes, then a move to BlockMax.
fn reindex(c: &Collection<'_>, name: &str, d: &Value, l: &Value, out: &mut Vec<Diff>) {
    let want = indexes(d);
    let have = indexes(l);
    let mut rebuild = None;
    let mut step = |what: String, reason: &str, operation: Operation| {
        out.push(c.gate(Diff {
            class: ChangeClass::Reindex,
            what,
            reason: reason.to_owned(),
            operation,
            blocked: None,
        }));
    };
    let drop = |index| Operation::DropIndex {
        collection: c.physical.to_owned(),
        property: name.to_owned(),
        index,
    };
    let upsert = |index, tokenization: Option<Tokenization>, algorithm: Option<&str>| {
        Operation::UpsertIndex {
            collection: c.physical.to_owned(),
            property: name.to_owned(),
            index,
            tokenization,
            algorithm: algorithm.map(str::to_owned),
        }
    };
    let dropped = "the server drops the index and frees its space; filters or searches that need it are refused afterwards";
    if have.searchable && !want.searchable {
        step(
            format!("property `{name}`: searchable (BM25) index dropped"),
            dropped,
            drop(InvertedIndexKind::Searchable),
        );
    }
    if have.filterable && !want.filterable {
        step(
            format!("property `{name}`: filterable index dropped"),
            dropped,
            drop(InvertedIndexKind::Filterable),
        );
    }
    if have.range && !want.range {
        step(
            format!("property `{name}`: range index dropped"),
            dropped,
            drop(InvertedIndexKind::RangeFilters),
        );
    }
    if want.tokenization != have.tokenization {
        let from = have
            .tokenization
            .as_ref()
            .map_or("(none)".to_owned(), ToString::to_string);
        let to = want
            .tokenization
            .as_ref()
            .map_or("(none)".to_owned(), ToString::to_string);
        let what = format!("property `{name}`: tokenization {from} -> {to}");
        let reason =
            "the server re-tokenizes every stored value into new index buckets and swaps them in";
        let kept_searchable = have.searchable && want.searchable;
        let kept_filterable = have.filterable && want.filterable;
        if kept_searchable {
            step(
                what,
                reason,
                upsert(
                    InvertedIndexKind::Searchable,
                    want.tokenization.clone(),
                    None,
                ),
            );
        } else if kept_filterable {
            step(
                what,
                reason,
                upsert(
                    InvertedIndexKind::Filterable,
                    want.tokenization.clone(),
                    None,
                ),
            );
        } else if !(want.searchable || want.filterable) {
            rebuild = Some(Diff::rebuild(
                what,
                "the tokenization of a property without an inverted index can only be set by a rebuild",
            ));
        }
    }
    if !have.searchable && want.searchable {
        step(
            format!(
                "property `{name}`: searchable (BM25) index built ({})",
                want.tokenization
                    .as_ref()
                    .map_or("word".to_owned(), ToString::to_string)
            ),
            "the server indexes every stored value",
            upsert(
                InvertedIndexKind::Searchable,
                want.tokenization.clone(),
                None,
            ),
        );
    }
    if !have.filterable && want.filterable {
        step(
            format!("property `{name}`: filterable index built"),
            "the server indexes every stored value",
            upsert(InvertedIndexKind::Filterable, None, None),
        );
    }
    if !have.range && want.range {
        step(
            format!("property `{name}`: range index built"),
            "the server indexes every stored value",
            upsert(InvertedIndexKind::RangeFilters, None, None),
        );
    }
    if have.searchable && want.searchable && c.wand_searchable(name) && c.blockmax_desired() {
        step(
            format!("property `{name}`: searchable index moved from WAND to BlockMax WAND"),
            "the server rebuilds the BM25 index in the BlockMax format",
            upsert(InvertedIndexKind::Searchable, None, Some("blockmax")),
        );
    }
    out.extend(rebuild);
}

/// Blocks an index step the server cannot run (the engine's own version gate, asked at plan time).
pub(crate) fn version_gate(version: &str, operation: &Operation) -> Option<String> {
    use crate::collections::indexes::{CHANGE_SINCE, DROP_SINCE};
    let (since, feature) = match operation {
        Operation::DropIndex { .. } => (DROP_SINCE, "dropping a property's inverted index"),
        Operation::UpsertIndex { .. } => (
            CHANGE_SINCE,
            "building or changing a property's inverted index in place",
        ),
        _ => return None,
    };
    crate::version::check_supported(feature, since, version)
        .err()
        .map(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_steps_need_their_server_versions() {
        let drop = Operation::DropIndex {
            collection: "A".into(),
            property: "p".into(),
            index: InvertedIndexKind::Filterable,
        };
        assert_eq!(version_gate("1.36.0", &drop), None);
        assert_eq!(
            version_gate("1.35.2", &drop).unwrap(),
            "dropping a property's inverted index needs Weaviate 1.36.0 or newer; the server runs 1.35.2"
        );
        let upsert = Operation::UpsertIndex {
            collection: "A".into(),
            property: "p".into(),
            index: InvertedIndexKind::RangeFilters,
            tokenization: None,
            algorithm: None,
        };
        assert!(version_gate("1.38.9", &upsert).unwrap().contains("1.39.0"));
        assert_eq!(version_gate("1.39.0", &upsert), None);
    }
}
