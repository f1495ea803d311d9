//! Which settings Weaviate 1.39 can change in place, and which only a rebuild can change.
//!
//! Read off the server's update validation (`usecases/schema` `ParseClassUpdate`,
//! `validateImmutableFields`, the vector index types' `ValidateUserConfigUpdate`, the inverted
//! index's `ValidateUserConfigUpdate`).

/// What a differing setting needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rule {
    /// One GET-modify-PUT of the class.
    InPlace,
    /// Only a rebuild; the reason in words.
    Rebuild(&'static str),
    /// Managed by the server itself; never a difference.
    Ignore,
}

/// The rule for a setting of the class (top-level key and the rest of the path), for keys that have no
/// dedicated handling (properties, vectors, modules).
pub(crate) fn class_setting(path: &[String]) -> Rule {
    let key = path.first().map(String::as_str).unwrap_or_default();
    let sub = path.get(1).map(String::as_str).unwrap_or_default();
    match (key, sub) {
        ("class", _) => Rule::Ignore,
        ("description", _) => Rule::InPlace,
        (
            "invertedIndexConfig",
            "bm25" | "stopwords" | "stopwordPresets" | "cleanupIntervalSeconds",
        ) => Rule::InPlace,
        ("invertedIndexConfig", "tokenizerUserDict") => Rule::InPlace,
        ("invertedIndexConfig", "indexTimestamps" | "indexNullState" | "indexPropertyLength") => {
            Rule::Rebuild(
                "Weaviate builds the timestamp, null-state and length indexes only when a collection is created",
            )
        }
        // Moving to BlockMax WAND is a reindex of each searchable property (handled with the
        // per-property index state); the flag itself follows.
        ("invertedIndexConfig", "usingBlockMaxWAND") => Rule::Ignore,
        ("invertedIndexConfig", _) => Rule::InPlace,
        ("multiTenancyConfig", "enabled") => {
            Rule::Rebuild("multi-tenancy cannot be switched on or off for an existing collection")
        }
        ("multiTenancyConfig", _) => Rule::InPlace,
        ("replicationConfig", "asyncEnabled") => Rule::Ignore,
        ("replicationConfig", _) => Rule::InPlace,
        ("shardingConfig", _) => {
            Rule::Rebuild("the sharding of an existing collection cannot change (no re-sharding)")
        }
        ("objectTtlConfig", _) => Rule::InPlace,
        ("vectorIndexType", _) => Rule::Rebuild("the vector index type cannot change"),
        // Fields the crate does not model: the server decides; try in place.
        _ => Rule::InPlace,
    }
}

/// The rule for a setting inside a vector index config (`vectorIndexConfig` or a named vector's),
/// outside the quantizers (which are compared as a whole, see `vectors.rs`).
pub(crate) fn index_setting(index_type: &str, key: &str) -> Rule {
    match (index_type, key) {
        (_, "skipDefaultQuantization" | "trackDefaultQuantization") => Rule::Ignore,
        (_, "distance") => Rule::Rebuild("the distance metric of a vector index cannot change"),
        ("hnsw", "efConstruction") => {
            Rule::Rebuild("efConstruction shapes the HNSW graph when it is built and cannot change")
        }
        ("hnsw", "maxConnections") => {
            Rule::Rebuild("maxConnections shapes the HNSW graph when it is built and cannot change")
        }
        ("hnsw", "cleanupIntervalSeconds") => {
            Rule::Rebuild("Weaviate does not change the HNSW cleanup interval of an existing index")
        }
        ("hnsw", "multivector") => {
            Rule::Rebuild("multi-vector settings of an existing index cannot change")
        }
        (
            "hnsw",
            "ef"
            | "dynamicEfMin"
            | "dynamicEfMax"
            | "dynamicEfFactor"
            | "flatSearchCutoff"
            | "filterStrategy"
            | "vectorCacheMaxObjects",
        ) => Rule::InPlace,
        ("hnsw", "skip") => Rule::Rebuild("whether a vector is indexed at all cannot change"),
        ("flat", "vectorCacheMaxObjects") => Rule::InPlace,
        ("dynamic", "threshold") => {
            Rule::Rebuild("the dynamic index's switch-over threshold cannot change")
        }
        _ => Rule::Rebuild("Weaviate cannot change this vector index setting in place"),
    }
}

/// The quantizer keys of a vector index config.
pub(crate) const QUANTIZERS: [&str; 4] = ["pq", "bq", "sq", "rq"];

/// The rule for a setting of an enabled quantizer whose kind does not change.
pub(crate) fn quantizer_setting(key: &str) -> Rule {
    match key {
        "rescoreLimit" => Rule::InPlace,
        "cache" => Rule::InPlace,
        _ => Rule::Rebuild(
            "a quantizer's settings are fixed when it is trained; only a new index can use others",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(s: &str) -> Vec<String> {
        s.split('.').map(str::to_owned).collect()
    }

    #[test]
    fn class_settings_follow_the_servers_update_rules() {
        assert_eq!(
            class_setting(&path("invertedIndexConfig.bm25.b")),
            Rule::InPlace
        );
        assert!(matches!(
            class_setting(&path("invertedIndexConfig.indexTimestamps")),
            Rule::Rebuild(_)
        ));
        assert!(matches!(
            class_setting(&path("multiTenancyConfig.enabled")),
            Rule::Rebuild(_)
        ));
        assert_eq!(
            class_setting(&path("multiTenancyConfig.autoTenantCreation")),
            Rule::InPlace
        );
        assert_eq!(
            class_setting(&path("replicationConfig.asyncEnabled")),
            Rule::Ignore
        );
        assert!(matches!(
            class_setting(&path("shardingConfig.virtualPerPhysical")),
            Rule::Rebuild(_)
        ));
    }

    #[test]
    fn index_settings_follow_the_index_types_rules() {
        assert_eq!(index_setting("hnsw", "ef"), Rule::InPlace);
        assert!(matches!(
            index_setting("hnsw", "efConstruction"),
            Rule::Rebuild(_)
        ));
        assert!(matches!(
            index_setting("flat", "distance"),
            Rule::Rebuild(_)
        ));
        assert_eq!(
            index_setting("flat", "trackDefaultQuantization"),
            Rule::Ignore
        );
        assert_eq!(quantizer_setting("rescoreLimit"), Rule::InPlace);
        assert!(matches!(quantizer_setting("segments"), Rule::Rebuild(_)));
    }
}
