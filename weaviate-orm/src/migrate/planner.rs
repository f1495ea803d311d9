//! From desired and live state to a plan: which collections are created, changed in place, reindexed
//! or rebuilt (and so which reference targets move), and what is drift.

use std::collections::{BTreeMap, BTreeSet};

use super::change::{Change, ChangeClass, Operation, PropertyCopy, RebuildSpec};
use super::desired::Desired;
use super::diff::{Collection, Diff};
use super::live::LiveState;
use super::normalize::{class_name, desired_json, live_json, resolve_targets};
use super::options::MigrateOptions;
use super::plan::Plan;
use crate::schema::{CollectionConfig, DataType};

/// Where a declared collection stands on the server.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Neither the name nor a former name exists: created under `physical`.
    New { physical: String },
    /// Only the former name exists: rebuilt from it.
    Renamed { from: String, old_name: String },
    /// The name exists (a collection, or an alias of `physical`).
    Existing { physical: String },
}

/// Computes the plan. Pure: everything it needs is in `live`.
pub(crate) fn compute(desired: &[Desired], live: &LiveState, options: &MigrateOptions) -> Plan {
    let mut defaults = options.server_defaults.clone();
    defaults.node_count = live.node_count;

    let names: Vec<String> = desired.iter().map(Desired::name).collect();
    let states: Vec<State> = desired
        .iter()
        .zip(&names)
        .map(|(d, name)| state(d, name, live, options))
        .collect();

    // Which collections are rebuilt, and under which new physical name. A rebuild moves the
    // collection's physical name, so collections referencing it are compared with the new target
    // and rebuilt too when their reference data types would change.
    let mut into: BTreeMap<String, String> = BTreeMap::new();
    for ((d, name), st) in desired.iter().zip(&names).zip(&states) {
        match st {
            State::Renamed { .. } => {
                into.insert(name.clone(), new_physical(name, live, options));
            }
            State::Existing { physical } if options.force_rebuild.contains(name) => {
                into.insert(name.clone(), next_version(name, physical, live, &into));
            }
            _ => {}
        }
        let _ = d;
    }
    let mut diffs: BTreeMap<String, Vec<Diff>> = BTreeMap::new();
    loop {
        let targets = target_map(&names, &states, &into, live);
        let mut grew = false;
        diffs.clear();
        for ((d, name), st) in desired.iter().zip(&names).zip(&states) {
            let State::Existing { physical } = st else {
                continue;
            };
            let found = compare(d, physical, live, &targets, options, &defaults);
            if !into.contains_key(name) && found.iter().any(|f| f.class == ChangeClass::Rebuild) {
                into.insert(name.clone(), next_version(name, physical, live, &into));
                grew = true;
            }
            diffs.insert(name.clone(), found);
        }
        if !grew {
            break;
        }
    }
    let targets = target_map(&names, &states, &into, live);

    let mut changes = Vec::new();
    for ((d, name), st) in desired.iter().zip(&names).zip(&states) {
        match st {
            State::New { physical } => {
                let mut config = resolved(&d.config, &targets);
                config.name.clone_from(physical);
                let alias = (physical != name).then(|| name.clone());
                changes.push(Change::new(
                    ChangeClass::Create,
                    name,
                    match &alias {
                        Some(_) => {
                            format!("collection created as {physical} behind the alias {name}")
                        }
                        None => "collection created".to_owned(),
                    },
                    "no collection or alias of this name exists",
                    Operation::CreateCollection {
                        config: Box::new(config),
                        alias,
                    },
                ));
            }
            State::Renamed { from, old_name } => {
                let spec = spec(d, name, from, &into[name], live, &targets, options);
                let mut change = Change::new(
                    ChangeClass::Rebuild,
                    name,
                    format!("collection renamed from {old_name}"),
                    "Weaviate cannot rename a collection; the rebuild copies every object from the old one (kept until drop-old)",
                    Operation::Rebuild(Box::new(spec)),
                );
                change.blocked = rebuild_block(name, options, live, from);
                changes.push(change);
            }
            State::Existing { physical } => {
                let found = diffs.remove(name).unwrap_or_default();
                match into.get(name) {
                    Some(new) => {
                        let spec = spec(d, name, physical, new, live, &targets, options);
                        // A rebuild cannot do everything either (multi-tenancy switches).
                        let impossible = found
                            .iter()
                            .filter(|f| f.class == ChangeClass::Rebuild)
                            .find_map(|f| f.blocked.clone());
                        let mut list: Vec<Change> = found
                            .into_iter()
                            .map(|f| {
                                let operation = if f.class == ChangeClass::Drift {
                                    Operation::None
                                } else {
                                    Operation::Rebuild(Box::new(spec.clone()))
                                };
                                Change {
                                    class: f.class,
                                    collection: name.clone(),
                                    what: f.what,
                                    reason: f.reason,
                                    operation,
                                    blocked: None,
                                }
                            })
                            .collect();
                        if !list.iter().any(|c| c.class == ChangeClass::Rebuild) {
                            let reason = if options.force_rebuild.contains(name) {
                                "a rebuild was asked for"
                            } else {
                                "a reference target moves to a rebuilt collection, and reference data types cannot change in place"
                            };
                            list.push(Change::new(
                                ChangeClass::Rebuild,
                                name,
                                format!("collection rebuilt into {new}"),
                                reason,
                                Operation::Rebuild(Box::new(spec.clone())),
                            ));
                        }
                        for c in &mut list {
                            if c.class != ChangeClass::Drift {
                                c.blocked = impossible
                                    .clone()
                                    .or_else(|| rebuild_block(name, options, live, physical));
                            }
                        }
                        changes.extend(list);
                    }
                    None => changes.extend(found.into_iter().map(|f| Change {
                        class: f.class,
                        collection: name.clone(),
                        what: f.what,
                        reason: f.reason,
                        operation: f.operation,
                        blocked: f.blocked,
                    })),
                }
            }
        }
    }
    if options.report_undeclared {
        changes.extend(undeclared(desired, &names, &states, live));
    }
    // Stable order: by collection, then by class in apply order, then as found.
    changes.sort_by(|a, b| (a.collection.as_str(), a.class).cmp(&(b.collection.as_str(), b.class)));
    Plan {
        server_version: live.version.clone(),
        changes,
    }
}

fn state(d: &Desired, name: &str, live: &LiveState, options: &MigrateOptions) -> State {
    if let Some(physical) = live.resolve(name) {
        return State::Existing {
            physical: physical.to_owned(),
        };
    }
    if let Some(old) = &d.renamed_from {
        let old_name = class_name(old);
        if let Some(from) = live.resolve(&old_name) {
            return State::Renamed {
                from: from.to_owned(),
                old_name,
            };
        }
    }
    State::New {
        physical: new_physical(name, live, options),
    }
}

/// The physical name of a collection created now: the name itself, or `Name_v1` behind an alias.
fn new_physical(name: &str, live: &LiveState, options: &MigrateOptions) -> String {
    if options.behind_alias {
        free_version(name, 1, live, &BTreeMap::new())
    } else {
        name.to_owned()
    }
}

/// The physical name for the next version of `name`, now stored in `physical`.
fn next_version(
    name: &str,
    physical: &str,
    live: &LiveState,
    taken: &BTreeMap<String, String>,
) -> String {
    let current = version_of(name, physical).unwrap_or(1);
    free_version(name, current + 1, live, taken)
}

fn free_version(
    name: &str,
    from: u32,
    live: &LiveState,
    taken: &BTreeMap<String, String>,
) -> String {
    let mut v = from;
    loop {
        let candidate = format!("{name}_v{v}");
        let used = live.classes.contains_key(&candidate)
            || live.aliases.contains_key(&candidate)
            || taken.values().any(|t| *t == candidate);
        if !used {
            return candidate;
        }
        v += 1;
    }
}

/// `k` when `physical` is `{name}_v{k}`.
pub(crate) fn version_of(name: &str, physical: &str) -> Option<u32> {
    physical
        .strip_prefix(name)?
        .strip_prefix("_v")?
        .parse()
        .ok()
}

/// Declared name -> the physical collection it stands for after this plan.
fn target_map(
    names: &[String],
    states: &[State],
    into: &BTreeMap<String, String>,
    live: &LiveState,
) -> BTreeMap<String, String> {
    let mut map: BTreeMap<String, String> = live
        .aliases
        .iter()
        .map(|(a, c)| (a.clone(), c.clone()))
        .collect();
    for (name, st) in names.iter().zip(states) {
        let physical = match (into.get(name), st) {
            (Some(new), _) => new.clone(),
            (None, State::New { physical }) | (None, State::Existing { physical }) => {
                physical.clone()
            }
            (None, State::Renamed { from, .. }) => from.clone(),
        };
        map.insert(name.clone(), physical);
    }
    map
}

fn resolved(config: &CollectionConfig, targets: &BTreeMap<String, String>) -> CollectionConfig {
    let mut c = config.clone();
    resolve_targets(&mut c, |t| {
        targets.get(t).cloned().unwrap_or_else(|| t.to_owned())
    });
    c
}

fn compare(
    d: &Desired,
    physical: &str,
    live: &LiveState,
    targets: &BTreeMap<String, String>,
    options: &MigrateOptions,
    defaults: &crate::schema::ServerDefaults,
) -> Vec<Diff> {
    let Some(live_config) = live.classes.get(physical) else {
        return Vec::new();
    };
    let mut raw = resolved(&d.config, targets);
    raw.name = physical.to_owned();
    let name = d.name();
    let c = Collection {
        physical,
        raw: &raw,
        desired: desired_json(&raw, defaults),
        live: live_json(live_config),
        renamed: &d.renamed_properties,
        prune: options.prune.contains(&name),
        version: &live.version,
        index_status: live.indexes.get(physical),
        shard_replicas: live.shard_replicas.get(physical),
    };
    c.diffs()
}

/// The rebuild of `name` from `from` into `into`.
fn spec(
    d: &Desired,
    name: &str,
    from: &str,
    into: &str,
    live: &LiveState,
    targets: &BTreeMap<String, String>,
    options: &MigrateOptions,
) -> RebuildSpec {
    let mut config = resolved(&d.config, targets);
    config.name = into.to_owned();
    let old = live.classes.get(from);
    let prune = options.prune.contains(name);
    let mut renamed = Vec::new();
    if let Some(old) = old {
        let declared: BTreeSet<String> = config
            .properties
            .iter()
            .map(|p| crate::migrate::normalize::property_name(&p.name))
            .collect();
        for r in &d.renamed_properties {
            if old.find_property(&r.from).is_some() && old.find_property(&r.to).is_none() {
                renamed.push(PropertyCopy {
                    from: r.from.clone(),
                    to: r.to.clone(),
                });
            }
        }
        if !prune {
            // Undeclared properties and vectors travel with the data unless pruning was asked for.
            for p in &old.properties {
                let is_source = renamed.iter().any(|r| r.from == p.name);
                if !declared.contains(&p.name) && !is_source {
                    let mut p = p.clone();
                    if let DataType::Reference(ts) = &mut p.data_type {
                        for t in ts.iter_mut() {
                            if let Some(new) = moved(t, from, into, live, targets) {
                                *t = new;
                            }
                        }
                    }
                    config.properties.push(p);
                }
            }
            for (vname, vc) in &old.vector_config {
                config
                    .vector_config
                    .entry(vname.clone())
                    .or_insert_with(|| vc.clone());
            }
        }
    }
    // Beacons to a collection that moves are rewritten to its new physical name.
    let mut retarget = Vec::new();
    let old_targets: BTreeSet<String> = old
        .map(|o| {
            o.properties
                .iter()
                .filter_map(|p| match &p.data_type {
                    DataType::Reference(ts) => Some(ts.clone()),
                    _ => None,
                })
                .flatten()
                .collect()
        })
        .unwrap_or_default();
    for t in old_targets {
        if let Some(new) = moved(&t, from, into, live, targets) {
            retarget.push((t, new));
        }
    }
    RebuildSpec {
        name: name.to_owned(),
        from: from.to_owned(),
        into: into.to_owned(),
        config,
        renamed,
        retarget,
        alias_gap: from == name,
    }
}

/// Where the physical collection `t` moves in this plan: `into` for the rebuilt collection itself,
/// else the new physical collection of a declared collection now stored in `t`.
fn moved(
    t: &str,
    from: &str,
    into: &str,
    live: &LiveState,
    targets: &BTreeMap<String, String>,
) -> Option<String> {
    if t == from {
        return Some(into.to_owned());
    }
    targets
        .iter()
        .find(|(n, p)| live.resolve(n) == Some(t) && p.as_str() != t)
        .map(|(_, p)| p.clone())
}

/// Why apply refuses a rebuild change as configured.
fn rebuild_block(
    name: &str,
    options: &MigrateOptions,
    live: &LiveState,
    from: &str,
) -> Option<String> {
    if !options.allow_rebuild.contains(name) {
        return Some(format!(
            "rebuilding copies every object into a new collection; allow it for {name} (allow_rebuild / --allow-rebuild {name})"
        ));
    }
    if from == name && live.classes.contains_key(name) && !options.allow_alias_gap.contains(name) {
        return Some(format!(
            "{name} is a collection, not an alias: after the copy it is deleted and the alias {name} created, and for that moment the name resolves to nothing; allow the gap for {name} (allow_alias_gap / --allow-alias-gap {name})"
        ));
    }
    None
}

/// Collections on the server that no struct declares: reported only. Old versions kept after a
/// rebuild are named as such.
fn undeclared(
    desired: &[Desired],
    names: &[String],
    states: &[State],
    live: &LiveState,
) -> Vec<Change> {
    let mut covered: BTreeSet<&str> = BTreeSet::new();
    for st in states {
        match st {
            State::Existing { physical } => {
                covered.insert(physical);
            }
            State::Renamed { from, .. } => {
                covered.insert(from);
            }
            State::New { .. } => {}
        }
    }
    let mut out = Vec::new();
    for class in live.classes.keys() {
        if covered.contains(class.as_str()) {
            continue;
        }
        let old_of = names
            .iter()
            .find(|n| version_of(n, class).is_some())
            .or_else(|| {
                desired
                    .iter()
                    .zip(names)
                    .find(|(d, _)| {
                        d.renamed_from.as_deref().map(class_name).as_deref() == Some(class.as_str())
                    })
                    .map(|(_, n)| n)
            });
        let aliases = live.aliases_of(class);
        let change = match old_of {
            Some(name) if aliases.is_empty() => Change::new(
                ChangeClass::Drift,
                class,
                format!("old collection of {name}, kept after a rebuild"),
                "rebuilds keep the old collection until it is dropped explicitly (drop-old)",
                Operation::None,
            ),
            _ => Change::new(
                ChangeClass::Drift,
                class,
                if aliases.is_empty() {
                    "collection is on the server but in no struct".to_owned()
                } else {
                    format!(
                        "collection (alias {}) is on the server but in no struct",
                        aliases.join(", ")
                    )
                },
                "undeclared collections are reported and never deleted",
                Operation::None,
            ),
        };
        out.push(change);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Property;

    #[test]
    fn undeclared_references_carried_by_a_rebuild_follow_their_moved_target() {
        let old = CollectionConfig::new("Book_v1")
            .property(Property::new("title", DataType::Text))
            .property(Property::new("sequel", DataType::reference("Book_v1")));
        let live = LiveState {
            version: "1.39.0".into(),
            classes: [("Book_v1".to_owned(), old)].into(),
            aliases: [("Book".to_owned(), "Book_v1".to_owned())].into(),
            node_count: 1,
            ..LiveState::default()
        };
        let desired = Desired::new(
            CollectionConfig::new("Book").property(Property::new("title", DataType::Int)),
        );
        let plan = compute(&[desired], &live, &MigrateOptions::default());
        let spec = plan
            .changes
            .iter()
            .find_map(|c| match &c.operation {
                Operation::Rebuild(s) => Some(s),
                _ => None,
            })
            .expect("a rebuild");
        assert_eq!(spec.into, "Book_v2");
        let sequel = spec.config.find_property("sequel").expect("carried along");
        assert_eq!(sequel.data_type, DataType::reference("Book_v2"));
        assert_eq!(
            spec.retarget,
            [("Book_v1".to_owned(), "Book_v2".to_owned())]
        );
    }
}
