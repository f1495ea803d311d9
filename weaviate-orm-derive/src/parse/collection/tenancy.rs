//! How a collection is spread: `multi_tenancy(...)`, `replication(...)` and `sharding(...)`.

use crate::errors::Errors;
use crate::model::builder::{Arg, Builder, Setter};
use crate::parse::meta::Items;
use crate::parse::values::{Setting, setting, walk};

static MT_KEYS: &[Setting] = &[
    setting("enabled", "enabled = true"),
    setting("auto_tenant_creation", "auto_tenant_creation"),
    setting("auto_tenant_activation", "auto_tenant_activation"),
];

/// The call and whether multi-tenancy is on.
pub(super) fn multi_tenancy(args: Option<&Items>, errors: &mut Errors) -> (Setter, bool) {
    let mut enabled = true;
    let mut calls = Vec::new();
    if let Some(args) = args {
        walk(
            &args.0,
            "multi_tenancy setting",
            MT_KEYS,
            errors,
            |k, item, errors| {
                if let Some(b) = item.flag(k, errors) {
                    match k.name {
                        "enabled" => enabled = b,
                        name => calls.push(Setter::new(name, Arg::Bool(b))),
                    }
                }
            },
        );
    }
    let config = Builder::fields(
        "MultiTenancyConfig",
        vec![("enabled", Arg::some(Arg::Bool(enabled)))],
    );
    (
        Setter::new("multi_tenancy_config", Arg::builder(config.with(calls))),
        enabled,
    )
}

static REPLICATION_KEYS: &[Setting] = &[
    setting("factor", "factor = 3"),
    setting("async_enabled", "async_enabled"),
    setting(
        "deletion_strategy",
        "deletion_strategy = time_based_resolution",
    ),
];

pub(super) fn replication(args: &Items, errors: &mut Errors) -> Setter {
    let mut fields = Vec::new();
    walk(
        &args.0,
        "replication setting",
        REPLICATION_KEYS,
        errors,
        |k, item, errors| {
            let field = match k.name {
                "factor" => item
                    .value(k, errors)
                    .and_then(|v| v.int(k, 1, i64::MAX, errors))
                    .map(|v| ("factor", Arg::some(Arg::Int(v)))),
                "async_enabled" => item
                    .flag(k, errors)
                    .map(|b| ("async_enabled", Arg::some(Arg::Bool(b)))),
                _ => item
                    .value(k, errors)
                    .and_then(|v| {
                        v.choice(
                            k,
                            &[
                                ("no_automated_resolution", "NoAutomatedResolution"),
                                ("delete_on_conflict", "DeleteOnConflict"),
                                ("time_based_resolution", "TimeBasedResolution"),
                            ],
                            errors,
                        )
                    })
                    .map(|v| {
                        (
                            "deletion_strategy",
                            Arg::some(Arg::variant("DeletionStrategy", v)),
                        )
                    }),
            };
            fields.extend(field);
        },
    );
    let config = Builder::fields("ReplicationConfig", fields);
    Setter::new("replication_config", Arg::builder(config))
}

static SHARDING_KEYS: &[Setting] = &[
    setting("desired_count", "desired_count = 2"),
    setting("virtual_per_physical", "virtual_per_physical = 128"),
];

pub(super) fn sharding(args: &Items, errors: &mut Errors) -> Setter {
    let mut fields = Vec::new();
    walk(
        &args.0,
        "sharding setting",
        SHARDING_KEYS,
        errors,
        |k, item, errors| {
            if let Some(v) = item
                .value(k, errors)
                .and_then(|v| v.int(k, 1, i64::MAX, errors))
            {
                fields.push((k.name, Arg::some(Arg::Int(v))));
            }
        },
    );
    let config = Builder::fields("ShardingConfig", fields);
    Setter::new("sharding_config", Arg::builder(config))
}
