//! Both sides in comparable form: the desired config filled with the server's defaults and reference
//! targets resolved to physical collections, both without cluster-dependent or server-managed fields.

use serde_json::Value;

use crate::schema::{
    CollectionConfig, DataType, ServerDefaults, lowercase_first, uppercase_class_name,
};

/// A collection name as the server spells it (first letter uppercased).
pub(crate) fn class_name(name: &str) -> String {
    uppercase_class_name(name)
}

/// A property name as the server spells it (first letter lowercased).
pub(crate) fn property_name(name: &str) -> String {
    lowercase_first(name)
}

/// Rewrites the targets of every reference property with `target` (a collection name to the physical
/// collection that name stands for).
pub(crate) fn resolve_targets(config: &mut CollectionConfig, target: impl Fn(&str) -> String) {
    for p in &mut config.properties {
        if let DataType::Reference(targets) = &mut p.data_type {
            for t in targets.iter_mut() {
                *t = target(&class_name(t));
            }
        }
    }
}

/// The declared config as the server would store it, in comparable JSON.
///
/// The shard count follows the number of nodes unless the struct sets it; when it does, it is
/// compared.
pub(crate) fn desired_json(raw: &CollectionConfig, defaults: &ServerDefaults) -> Value {
    let filled = raw
        .with_server_defaults_using(defaults)
        .normalized_for_compare();
    let mut json = serde_json::to_value(filled).unwrap_or(Value::Null);
    if let Some(count) = raw.sharding_config.as_ref().and_then(|s| s.desired_count) {
        json["shardingConfig"]["desiredCount"] = Value::from(count);
    }
    json
}

/// The live config in comparable JSON (with its shard count, compared only when a struct sets one).
pub(crate) fn live_json(live: &CollectionConfig) -> Value {
    let mut json = serde_json::to_value(live.normalized_for_compare()).unwrap_or(Value::Null);
    if let Some(count) = live.sharding_config.as_ref().and_then(|s| s.desired_count) {
        json["shardingConfig"]["desiredCount"] = Value::from(count);
    }
    json
}
