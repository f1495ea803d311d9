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
    use crate::schema::{DataType, Property, ShardingConfig};

    fn live_with(configs: &[CollectionConfig]) -> LiveState {
        let mut live = LiveState {
            version: "1.39.0".into(),
            node_count: 1,
            ..LiveState::default()
        };
        for c in configs {
            let stored = c.with_server_defaults();
            live.classes.insert(stored.name.clone(), stored);
        }
        live
    }

    fn whats(plan: &Plan) -> Vec<(ChangeClass, &str)> {
        plan.changes
            .iter()
            .map(|c| (c.class, c.what.as_str()))
            .collect()
    }

    #[test]
    fn an_explicit_shard_count_is_compared() {
        let v1 = CollectionConfig::new("A")
            .property(Property::new("t", DataType::Text))
            .sharding_config(ShardingConfig::desired_count(1));
        let v2 = v1.clone().sharding_config(ShardingConfig::desired_count(2));
        let live = live_with(&[v1]);
        let plan = compute(&[Desired::new(v2)], &live, &MigrateOptions::default());
        assert_eq!(
            whats(&plan),
            vec![(ChangeClass::Rebuild, "shardingConfig.desiredCount 1 -> 2")],
            "{plan}"
        );
    }

    fn allow_all() -> MigrateOptions {
        MigrateOptions {
            allow_rebuild: super::super::Scope::All,
            allow_alias_gap: super::super::Scope::All,
            ..MigrateOptions::default()
        }
    }

    fn spec_of<'a>(plan: &'a Plan, name: &str) -> &'a RebuildSpec {
        plan.changes
            .iter()
            .find_map(|c| match &c.operation {
                Operation::Rebuild(s) if s.name == name => Some(&**s),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no rebuild of {name} in\n{plan}"))
    }

    #[test]
    fn collections_referencing_a_rebuilt_one_are_rebuilt_with_the_new_target() {
        let book_v1 = CollectionConfig::new("Book_v1")
            .property(Property::new("title", DataType::Text))
            .property(Property::new("related", DataType::reference("Book_v1")));
        let review = CollectionConfig::new("Review")
            .property(Property::new("book", DataType::reference("Book_v1")));
        let mut live = live_with(&[book_v1, review]);
        live.aliases.insert("Book".into(), "Book_v1".into());

        let book = CollectionConfig::new("Book")
            .property(Property::new("title", DataType::Int))
            .property(Property::new("related", DataType::reference("Book")));
        let review = CollectionConfig::new("Review")
            .property(Property::new("book", DataType::reference("Book")));
        let desired = [Desired::new(book), Desired::new(review)];

        // Unchanged structs: references through the alias match the physical target.
        let unchanged = [
            Desired::new(
                CollectionConfig::new("Book")
                    .property(Property::new("title", DataType::Text))
                    .property(Property::new("related", DataType::reference("Book"))),
            ),
            desired[1].clone(),
        ];
        let plan = compute(&unchanged, &live, &MigrateOptions::default());
        assert!(plan.is_empty(), "{plan}");

        let plan = compute(&desired, &live, &allow_all());
        let book = spec_of(&plan, "Book");
        assert_eq!(
            (book.from.as_str(), book.into.as_str()),
            ("Book_v1", "Book_v2")
        );
        assert!(!book.alias_gap);
        assert_eq!(
            book.retarget,
            vec![("Book_v1".to_owned(), "Book_v2".to_owned())]
        );
        assert_eq!(
            book.config.find_property("related").unwrap().data_type,
            DataType::reference("Book_v2")
        );
        let review = spec_of(&plan, "Review");
        assert_eq!(review.into, "Review_v2");
        assert!(review.alias_gap, "Review is a real collection");
        assert_eq!(
            review.retarget,
            vec![("Book_v1".to_owned(), "Book_v2".to_owned())]
        );
        assert!(
            whats(&plan).contains(&(
                ChangeClass::Rebuild,
                "property `book`: data type Book_v1 -> Book_v2"
            )),
            "{plan}"
        );
        assert!(plan.blocked().next().is_none(), "{plan}");
        // Without the opt-in, both are refused, each naming its collection.
        let plan = compute(&desired, &live, &MigrateOptions::default());
        let blocked: Vec<_> = plan.blocked().map(|c| c.collection.as_str()).collect();
        assert!(
            blocked.contains(&"Book") && blocked.contains(&"Review"),
            "{plan}"
        );
    }

    #[test]
    fn versions_skip_names_in_use() {
        let mut live = live_with(&[CollectionConfig::new("A_v3"), CollectionConfig::new("A_v4")]);
        live.aliases.insert("A".into(), "A_v3".into());
        let mut opts = allow_all();
        opts.force_rebuild.add("A");
        let plan = compute(&[Desired::new(CollectionConfig::new("A"))], &live, &opts);
        assert_eq!(spec_of(&plan, "A").into, "A_v5");
        assert_eq!(version_of("A", "A_v12"), Some(12));
        assert_eq!(version_of("A", "AB_v1"), None);
    }

    #[test]
    fn a_renamed_collection_is_rebuilt_from_its_old_name() {
        let live =
            live_with(
                &[CollectionConfig::new("Post").property(Property::new("t", DataType::Text))],
            );
        let d = Desired::new(
            CollectionConfig::new("Article").property(Property::new("t", DataType::Text)),
        )
        .renamed_from("Post");
        let plan = compute(std::slice::from_ref(&d), &live, &allow_all());
        assert_eq!(
            whats(&plan),
            vec![(ChangeClass::Rebuild, "collection renamed from Post")]
        );
        let spec = spec_of(&plan, "Article");
        assert_eq!(
            (spec.from.as_str(), spec.into.as_str(), spec.alias_gap),
            ("Post", "Article", false)
        );
        let mut behind = allow_all();
        behind.behind_alias = true;
        let plan = compute(&[d], &live, &behind);
        assert_eq!(spec_of(&plan, "Article").into, "Article_v1");
    }

    #[test]
    fn undeclared_collections_and_old_versions_are_drift() {
        let mut live = live_with(&[
            CollectionConfig::new("A_v1"),
            CollectionConfig::new("A_v2"),
            CollectionConfig::new("Other"),
        ]);
        live.aliases.insert("A".into(), "A_v2".into());
        let plan = compute(
            &[Desired::new(CollectionConfig::new("A"))],
            &live,
            &MigrateOptions::default(),
        );
        assert_eq!(
            plan.changes
                .iter()
                .map(|c| (c.class, c.collection.as_str(), c.what.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (
                    ChangeClass::Drift,
                    "A_v1",
                    "old collection of A, kept after a rebuild"
                ),
                (
                    ChangeClass::Drift,
                    "Other",
                    "collection is on the server but in no struct"
                ),
            ],
            "{plan}"
        );
        assert!(plan.is_in_sync());
    }

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
