//! Class-level steps of the create path: names, multi-tenancy, the vector settings, replication,
//! object TTL and sharding.

use super::{ServerDefaults, lowercase_first, uppercase_class_name};
use crate::schema::collection::CollectionConfig;
use crate::schema::tenancy_replication::{DeletionStrategy, MultiTenancyConfig, ShardingConfig};

/// Mirrors `usecases/schema/class.go` `AddClass`: `schema.UppercaseClassName` on the class name,
/// `schema.LowercaseAllPropertyNames` on its properties.
pub(super) fn normalize_names(c: &mut CollectionConfig) {
    c.name = uppercase_class_name(&c.name);
    for p in &mut c.properties {
        p.name = lowercase_first(&p.name);
    }
}

/// Mirrors `usecases/schema/class.go` `setNewClassDefaults`: a missing multi-tenancy config is
/// the zero config (every flag false). Returns whether multi-tenancy is on.
pub(super) fn multi_tenancy(c: &mut CollectionConfig) -> bool {
    let mt = c
        .multi_tenancy_config
        .get_or_insert_with(MultiTenancyConfig::default);
    mt.enabled.get_or_insert(false);
    mt.auto_tenant_creation.get_or_insert(false);
    mt.auto_tenant_activation.get_or_insert(false);
    mt.is_enabled()
}

/// Mirrors `usecases/schema/class.go` `setClassDefaults` (its vector part): the legacy vector gets
/// `DEFAULT_VECTORIZER_MODULE`, `DEFAULT_VECTOR_INDEX` and `DEFAULT_VECTOR_DISTANCE_METRIC` when
/// there are no named vectors or a legacy index is configured; named vectors get the index type.
pub(super) fn vectors(c: &mut CollectionConfig, sd: &ServerDefaults) {
    let has_named = !c.vector_config.is_empty();
    if !has_named || c.has_legacy_vector_index() {
        c.vectorizer
            .get_or_insert_with(|| sd.default_vectorizer.clone());
        c.vector_index_type
            .get_or_insert_with(|| sd.default_vector_index_type.clone());
        if let Some(distance) = &sd.default_distance {
            let vic = c.vector_index_config.get_or_insert_with(Default::default);
            vic.distance.get_or_insert_with(|| distance.clone());
        }
    }
    for vc in c.vector_config.values_mut() {
        vc.vector_index_type
            .get_or_insert_with(|| sd.default_vector_index_type.clone());
    }
}

/// Mirrors `usecases/schema/class.go` `setClassDefaults` and `setNewClassDefaults` (their
/// replication part): a factor below 1 becomes `REPLICATION_MINIMUM_FACTOR`, the deletion strategy
/// defaults to `TimeBasedResolution` (or `REPLICATION_FORCE_DELETION_STRATEGY`); `asyncEnabled` is
/// what `adapters/handlers/rest/restcompat/wrappers.go` reports (`factor > 1` and not disabled).
pub(super) fn replication(c: &mut CollectionConfig, sd: &ServerDefaults) {
    let rep = c.replication_config.get_or_insert_with(Default::default);
    if rep.factor.unwrap_or(0) < 1 {
        rep.factor = Some(sd.minimum_replication_factor);
    }
    rep.deletion_strategy
        .get_or_insert(DeletionStrategy::TimeBasedResolution);
    if let Some(forced) = &sd.forced_deletion_strategy {
        rep.deletion_strategy = Some(forced.clone());
    }
    rep.async_enabled = Some(rep.factor.unwrap_or(1) > 1 && !sd.async_replication_disabled);
}

/// Mirrors `adapters/repos/db/ttl/config.go` `ValidateObjectTTLConfig` with
/// `validateClassInvariants`: unset TTL fields are their zero values, `deleteOn` is trimmed, and
/// an enabled TTL on an object timestamp turns on `indexTimestamps`.
pub(super) fn object_ttl(c: &mut CollectionConfig) {
    let mut needs_timestamps = false;
    if let Some(ttl) = &mut c.object_ttl_config {
        ttl.enabled.get_or_insert(false);
        ttl.filter_expired_objects.get_or_insert(false);
        ttl.default_ttl.get_or_insert(0);
        let delete_on = ttl.delete_on.get_or_insert_with(String::new);
        if ttl.enabled == Some(true) {
            *delete_on = delete_on.trim().to_owned();
            needs_timestamps =
                delete_on == "_creationTimeUnix" || delete_on == "_lastUpdateTimeUnix";
        }
    }
    if needs_timestamps {
        c.inverted_index_config
            .get_or_insert_with(Default::default)
            .index_timestamps = Some(true);
    }
}

/// Mirrors `usecases/schema/parser.go` `Parser.parseShardingConfig` with
/// `usecases/sharding/config` `ParseConfig` / `Config.setDefaults`: a multi-tenant class has the
/// zero sharding config; otherwise 128 virtual shards per physical one, one shard per node, key
/// `_id`, strategy `hash`, function `murmur3`.
pub(super) fn sharding(c: &mut CollectionConfig, multi_tenant: bool, sd: &ServerDefaults) {
    if multi_tenant {
        let extra = c
            .sharding_config
            .take()
            .map(|s| s.extra)
            .unwrap_or_default();
        c.sharding_config = Some(ShardingConfig {
            virtual_per_physical: Some(0),
            desired_count: Some(0),
            actual_count: Some(0),
            desired_virtual_count: Some(0),
            actual_virtual_count: Some(0),
            key: Some(String::new()),
            strategy: Some(String::new()),
            function: Some(String::new()),
            extra,
        });
    } else {
        let s = c.sharding_config.get_or_insert_with(Default::default);
        let vpp = *s.virtual_per_physical.get_or_insert(128);
        let desired = *s.desired_count.get_or_insert(sd.node_count);
        s.desired_virtual_count = Some(desired * vpp);
        s.actual_count = Some(desired);
        s.actual_virtual_count = Some(desired * vpp);
        s.key.get_or_insert_with(|| "_id".to_owned());
        s.strategy.get_or_insert_with(|| "hash".to_owned());
        s.function.get_or_insert_with(|| "murmur3".to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{
        DataType, Distance, Property, ReplicationConfig, VectorConfig, VectorIndexConfig,
        VectorIndexType,
    };

    fn sd() -> ServerDefaults {
        ServerDefaults::default()
    }

    #[test]
    fn names_are_cased_as_the_server_stores_them() {
        for (class, property, want_class, want_property) in [
            ("article", "Title", "Article", "title"),
            ("Article", "title", "Article", "title"),
            ("ns:article", "URL", "ns:Article", "uRL"),
            ("_x", "_Y", "_x", "_Y"),
        ] {
            let mut c =
                CollectionConfig::new(class).property(Property::new(property, DataType::Text));
            normalize_names(&mut c);
            assert_eq!(
                (c.name.as_str(), c.properties[0].name.as_str()),
                (want_class, want_property)
            );
        }
    }

    #[test]
    fn multi_tenancy_defaults_to_every_flag_off() {
        for (given, want_enabled, want) in [
            (None, false, (false, false, false)),
            (
                Some(MultiTenancyConfig::enabled()),
                true,
                (true, false, false),
            ),
            (
                Some(MultiTenancyConfig::enabled().auto_tenant_creation(true)),
                true,
                (true, true, false),
            ),
        ] {
            let mut c = CollectionConfig::new("A");
            c.multi_tenancy_config = given;
            assert_eq!(multi_tenancy(&mut c), want_enabled);
            let mt = c.multi_tenancy_config.unwrap();
            assert_eq!(
                (
                    mt.enabled.unwrap(),
                    mt.auto_tenant_creation.unwrap(),
                    mt.auto_tenant_activation.unwrap()
                ),
                want
            );
        }
    }

    #[test]
    fn the_legacy_vector_gets_the_server_defaults_unless_named_vectors_replace_it() {
        let cosine = ServerDefaults {
            default_distance: Some(Distance::Dot),
            default_vectorizer: "text2vec-bigram".into(),
            ..sd()
        };
        // (config, expected vectorizer, expected legacy index type, expected distance)
        let cases = [
            (
                CollectionConfig::new("A"),
                Some("text2vec-bigram"),
                Some(VectorIndexType::Hnsw),
                Some(Distance::Dot),
            ),
            (
                CollectionConfig::new("A").vector("v", VectorConfig::self_provided()),
                None,
                None,
                None,
            ),
            (
                CollectionConfig::new("A")
                    .vector("v", VectorConfig::self_provided())
                    .vector_index(VectorIndexType::Flat, VectorIndexConfig::new()),
                Some("text2vec-bigram"),
                Some(VectorIndexType::Flat),
                Some(Distance::Dot),
            ),
        ];
        for (mut c, vectorizer, index_type, distance) in cases {
            vectors(&mut c, &cosine);
            assert_eq!(c.vectorizer.as_deref(), vectorizer);
            assert_eq!(c.vector_index_type, index_type);
            assert_eq!(c.vector_index_config.and_then(|v| v.distance), distance);
            for vc in c.vector_config.values() {
                assert_eq!(vc.vector_index_type, Some(VectorIndexType::Hnsw));
            }
        }
    }

    #[test]
    fn replication_defaults_follow_the_factor() {
        let forced = ServerDefaults {
            forced_deletion_strategy: Some(DeletionStrategy::DeleteOnConflict),
            ..sd()
        };
        let no_async = ServerDefaults {
            async_replication_disabled: true,
            ..sd()
        };
        let minimum_two = ServerDefaults {
            minimum_replication_factor: 2,
            ..sd()
        };
        // (given, server, factor, deletion strategy, asyncEnabled)
        let cases = [
            (None, sd(), 1, DeletionStrategy::TimeBasedResolution, false),
            (
                Some(ReplicationConfig::factor(0)),
                minimum_two,
                2,
                DeletionStrategy::TimeBasedResolution,
                true,
            ),
            (
                Some(ReplicationConfig::factor(3)),
                sd(),
                3,
                DeletionStrategy::TimeBasedResolution,
                true,
            ),
            (
                Some(ReplicationConfig::factor(3)),
                no_async,
                3,
                DeletionStrategy::TimeBasedResolution,
                false,
            ),
            (
                Some(
                    ReplicationConfig::factor(1)
                        .deletion_strategy(DeletionStrategy::NoAutomatedResolution),
                ),
                sd(),
                1,
                DeletionStrategy::NoAutomatedResolution,
                false,
            ),
            (None, forced, 1, DeletionStrategy::DeleteOnConflict, false),
        ];
        for (given, server, factor, strategy, async_enabled) in cases {
            let mut c = CollectionConfig::new("A");
            c.replication_config = given;
            replication(&mut c, &server);
            let r = c.replication_config.unwrap();
            assert_eq!(r.factor, Some(factor));
            assert_eq!(r.deletion_strategy, Some(strategy));
            assert_eq!(r.async_enabled, Some(async_enabled));
        }
    }

    #[test]
    fn an_enabled_ttl_on_a_timestamp_indexes_timestamps() {
        use crate::schema::ObjectTtlConfig;
        // (ttl, expected deleteOn, expected indexTimestamps)
        let cases = [
            (None, None, None),
            (
                Some(ObjectTtlConfig::delete_on(" _creationTimeUnix ", 60)),
                Some("_creationTimeUnix"),
                Some(true),
            ),
            (
                Some(ObjectTtlConfig::delete_on("_lastUpdateTimeUnix", 60)),
                Some("_lastUpdateTimeUnix"),
                Some(true),
            ),
            (
                Some(ObjectTtlConfig::delete_on("published", 60)),
                Some("published"),
                None,
            ),
            (
                Some(ObjectTtlConfig {
                    enabled: Some(false),
                    ..ObjectTtlConfig::delete_on(" _creationTimeUnix", 1)
                }),
                Some(" _creationTimeUnix"),
                None,
            ),
            (Some(ObjectTtlConfig::default()), Some(""), None),
        ];
        for (ttl, delete_on, timestamps) in cases {
            let mut c = CollectionConfig::new("A");
            c.object_ttl_config = ttl;
            object_ttl(&mut c);
            let t = c.object_ttl_config.as_ref();
            assert_eq!(t.and_then(|t| t.delete_on.as_deref()), delete_on);
            if let Some(t) = t {
                assert!(
                    t.enabled.is_some()
                        && t.filter_expired_objects.is_some()
                        && t.default_ttl.is_some()
                );
            }
            assert_eq!(
                c.inverted_index_config.and_then(|i| i.index_timestamps),
                timestamps
            );
        }
    }

    #[test]
    fn sharding_follows_the_node_count_or_is_zero_for_tenants() {
        let three = ServerDefaults {
            node_count: 3,
            ..sd()
        };
        // (given, multi-tenant, server, desired, virtual per physical, desired virtual, key)
        let cases = [
            (None, false, sd(), 1, 128, 128, "_id"),
            (None, false, three.clone(), 3, 128, 384, "_id"),
            (
                Some(ShardingConfig::desired_count(2).virtual_per_physical(64)),
                false,
                three.clone(),
                2,
                64,
                128,
                "_id",
            ),
            (
                Some(ShardingConfig::desired_count(2)),
                true,
                three,
                0,
                0,
                0,
                "",
            ),
        ];
        for (given, mt, server, desired, vpp, virtual_count, key) in cases {
            let mut c = CollectionConfig::new("A");
            c.sharding_config = given;
            sharding(&mut c, mt, &server);
            let s = c.sharding_config.unwrap();
            assert_eq!(s.desired_count, Some(desired));
            assert_eq!(s.actual_count, Some(desired));
            assert_eq!(s.virtual_per_physical, Some(vpp));
            assert_eq!(s.desired_virtual_count, Some(virtual_count));
            assert_eq!(s.actual_virtual_count, Some(virtual_count));
            assert_eq!(s.key.as_deref(), Some(key));
            let (strategy, function) = if mt { ("", "") } else { ("hash", "murmur3") };
            assert_eq!(
                (s.strategy.as_deref(), s.function.as_deref()),
                (Some(strategy), Some(function))
            );
        }
    }
}
