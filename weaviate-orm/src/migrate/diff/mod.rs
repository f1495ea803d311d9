//! The comparison of one declared collection with its live counterpart: every difference, classified.
//!
//! Both sides are compared in Weaviate's JSON form after normalisation (the desired side filled with
//! the server's defaults, both sides without cluster-dependent and server-managed fields). Only what
//! the desired side says is compared: a key only the server has is its own business (a module's
//! defaults, bookkeeping fields of newer servers).

mod properties;
mod rules;
mod vectors;
pub(crate) mod walk;

use std::collections::BTreeMap;

use serde_json::Value;

use super::change::{ChangeClass, JsonEdit, Operation, PropertyCopy, pointer_token};
use crate::collections::{IndexStatusReport, InvertedIndexKind};
use crate::schema::CollectionConfig;

pub(crate) use properties::version_gate;
use rules::{Rule, class_setting};
use walk::{mismatches, show};

/// One difference before the plan decides which collections are rebuilt.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Diff {
    pub class: ChangeClass,
    pub what: String,
    pub reason: String,
    pub operation: Operation,
    pub blocked: Option<String>,
}

impl Diff {
    pub(crate) fn edit(what: impl Into<String>, reason: &str, edits: Vec<JsonEdit>) -> Diff {
        Diff {
            class: ChangeClass::InPlace,
            what: what.into(),
            reason: reason.to_owned(),
            operation: Operation::UpdateClass {
                collection: String::new(),
                edits,
            },
            blocked: None,
        }
    }

    pub(crate) fn rebuild(what: impl Into<String>, reason: &str) -> Diff {
        Diff {
            class: ChangeClass::Rebuild,
            what: what.into(),
            reason: reason.to_owned(),
            operation: Operation::None,
            blocked: None,
        }
    }

    pub(crate) fn drift(what: impl Into<String>, reason: &str) -> Diff {
        Diff {
            class: ChangeClass::Drift,
            what: what.into(),
            reason: reason.to_owned(),
            operation: Operation::None,
            blocked: None,
        }
    }
}

/// One declared collection next to its live counterpart, in comparable form.
pub(crate) struct Collection<'a> {
    /// The physical collection compared with.
    pub physical: &'a str,
    /// The declared config (reference targets resolved, named as `physical`).
    pub raw: &'a CollectionConfig,
    /// The declared config with the server's defaults, normalised, as JSON.
    pub desired: Value,
    /// The live config, normalised, as JSON.
    pub live: Value,
    /// Declared property renames.
    pub renamed: &'a [PropertyCopy],
    /// Whether undeclared properties and vectors are to be removed (by a rebuild).
    pub prune: bool,
    /// The server's version.
    pub version: &'a str,
    /// The per-property index state, when the server reports it.
    pub index_status: Option<&'a IndexStatusReport>,
    /// Shard name -> replicas of the physical collection.
    pub shard_replicas: Option<&'a BTreeMap<String, i64>>,
}

impl Collection<'_> {
    /// Every difference, in a stable order: collection settings, modules, vectors, properties.
    pub(crate) fn diffs(&self) -> Vec<Diff> {
        let mut out = Vec::new();
        self.settings(&mut out);
        self.modules(&mut out);
        out.extend(vectors::diffs(self));
        out.extend(properties::diffs(self));
        for d in &mut out {
            if let Operation::UpdateClass { collection, .. } = &mut d.operation {
                *collection = self.physical.to_owned();
            }
        }
        out
    }

    /// Blocks an index step the server's version cannot run.
    pub(crate) fn gate(&self, mut diff: Diff) -> Diff {
        if diff.blocked.is_none() {
            diff.blocked = version_gate(self.version, &diff.operation);
        }
        diff
    }

    /// Whether the server reports the searchable index of `property` on the legacy WAND format.
    pub(crate) fn wand_searchable(&self, property: &str) -> bool {
        self.index_status.is_some_and(|r| {
            r.properties.iter().any(|p| {
                p.name == property
                    && p.indexes.iter().any(|i| {
                        i.kind == InvertedIndexKind::Searchable
                            && i.algorithm.as_deref() == Some("wand")
                    })
            })
        })
    }

    /// Whether the struct's collection uses BlockMax WAND (every collection this crate creates does,
    /// on servers that default to it).
    pub(crate) fn blockmax_desired(&self) -> bool {
        self.desired["invertedIndexConfig"]["usingBlockMaxWAND"].as_bool() == Some(true)
    }

    fn settings(&self, out: &mut Vec<Diff>) {
        const ELSEWHERE: [&str; 7] = [
            "class",
            "properties",
            "vectorConfig",
            "vectorizer",
            "vectorIndexType",
            "vectorIndexConfig",
            "moduleConfig",
        ];
        let mut desired = self.desired.clone();
        if let Value::Object(map) = &mut desired {
            map.retain(|k, _| !ELSEWHERE.contains(&k.as_str()));
        }
        for m in mismatches(&desired, &self.live) {
            let what = format!(
                "{} {} -> {}",
                m.dotted(),
                show(m.live.as_ref()),
                show(Some(&m.desired))
            );
            match class_setting(&m.path) {
                Rule::Ignore => {}
                Rule::Rebuild(reason) => {
                    let mut diff = Diff::rebuild(what, reason);
                    if m.dotted() == "multiTenancyConfig.enabled" {
                        diff.blocked = Some(
                            "a rebuild cannot move objects between a multi-tenant and a single-tenant collection either; export and re-import them"
                                .to_owned(),
                        );
                    }
                    out.push(diff);
                }
                Rule::InPlace => {
                    let mut diff = Diff::edit(
                        what,
                        reason_in_place(&m.path),
                        vec![JsonEdit::set(m.pointer(""), m.desired.clone())],
                    );
                    if m.dotted() == "replicationConfig.factor" {
                        diff.blocked = self.replication_block(&m.desired, m.live.as_ref());
                    }
                    out.push(diff);
                }
            }
        }
    }

    /// A higher replication factor needs every shard to have that many replicas already.
    fn replication_block(&self, want: &Value, have: Option<&Value>) -> Option<String> {
        let (want, have) = (want.as_i64()?, have.and_then(Value::as_i64).unwrap_or(1));
        if want <= have {
            return None;
        }
        let shards = self.shard_replicas?;
        let short: Vec<String> = shards
            .iter()
            .filter(|(_, replicas)| **replicas < want)
            .map(|(shard, replicas)| format!("{shard} has {replicas}"))
            .collect();
        (!short.is_empty()).then(|| {
            format!(
                "raising the replication factor to {want} needs {want} replicas of every shard first ({}); replicate the shards, then apply",
                short.join(", ")
            )
        })
    }

    fn modules(&self, out: &mut Vec<Diff>) {
        let empty = serde_json::Map::new();
        let d = self.desired["moduleConfig"].as_object().unwrap_or(&empty);
        let l = self.live["moduleConfig"].as_object().unwrap_or(&empty);
        let vectorizer = self.live["vectorizer"].as_str().unwrap_or("none");
        for prefix in ["generative-", "reranker-"] {
            self.swappable_module(prefix, d, l, out);
        }
        for (module, settings) in d {
            if module.starts_with("generative-")
                || module.starts_with("reranker-")
                || module == vectorizer
            {
                continue;
            }
            let pointer = format!("/moduleConfig/{}", pointer_token(module));
            match l.get(module) {
                None => out.push(Diff::edit(
                    format!("module {module} added"),
                    "modules are added to a collection in place",
                    vec![JsonEdit::set(pointer, settings.clone())],
                )),
                Some(live) => {
                    let found = mismatches(settings, live);
                    if !found.is_empty() {
                        out.push(Diff::rebuild(
                            format!("module {module}: settings {}", describe(&found)),
                            "only generative and reranker module settings can change in place",
                        ));
                    }
                }
            }
        }
    }

    fn swappable_module(
        &self,
        prefix: &str,
        d: &serde_json::Map<String, Value>,
        l: &serde_json::Map<String, Value>,
        out: &mut Vec<Diff>,
    ) {
        let find = |m: &serde_json::Map<String, Value>| {
            m.iter()
                .find(|(k, _)| k.starts_with(prefix))
                .map(|(k, v)| (k.clone(), v.clone()))
        };
        let kind = prefix.trim_end_matches('-');
        let set = |module: &str, v: &Value| {
            JsonEdit::set(
                format!("/moduleConfig/{}", pointer_token(module)),
                v.clone(),
            )
        };
        match (find(d), find(l)) {
            (None, None) => {}
            (None, Some((live, _))) => out.push(Diff::drift(
                format!("{kind} module {live} is on the server but in no struct"),
                "Weaviate cannot remove a module from a collection; it is kept",
            )),
            (Some((want, settings)), None) => out.push(Diff::edit(
                format!("{kind} module {want} added"),
                "generative and reranker modules are added in place",
                vec![set(&want, &settings)],
            )),
            (Some((want, settings)), Some((live, _))) if want != live => {
                out.push(Diff::edit(
                    format!("{kind} module {live} -> {want}"),
                    "generative and reranker modules are swapped in place",
                    vec![
                        set(&want, &settings),
                        JsonEdit::remove(format!("/moduleConfig/{}", pointer_token(&live))),
                    ],
                ));
            }
            (Some((want, settings)), Some((_, live_settings))) => {
                let found = mismatches(&settings, &live_settings);
                if !found.is_empty() {
                    out.push(Diff::edit(
                        format!("{kind} module {want}: settings {}", describe(&found)),
                        "generative and reranker settings change in place",
                        vec![set(&want, &settings)],
                    ));
                }
            }
        }
    }
}

fn describe(found: &[walk::Mismatch]) -> String {
    found
        .iter()
        .map(|m| {
            format!(
                "{} {} -> {}",
                m.dotted(),
                show(m.live.as_ref()),
                show(Some(&m.desired))
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn reason_in_place(path: &[String]) -> &'static str {
    match path.first().map(String::as_str) {
        Some("description") => "descriptions change in place",
        Some("invertedIndexConfig") => {
            "BM25, stopword and cleanup settings change in place (they apply to searches from now on)"
        }
        Some("replicationConfig") => "replication settings change in place",
        Some("multiTenancyConfig") => "tenant auto-creation and auto-activation change in place",
        Some("objectTtlConfig") => "object time-to-live changes in place",
        _ => "the server takes this setting in a class update",
    }
}
