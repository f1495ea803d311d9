//! `object_ttl(delete_on = ..., ttl_seconds = N, filter_expired_objects)`.

use crate::errors::Errors;
use crate::model::builder::{Arg, Builder, Setter};
use crate::parse::meta::{Expr, Item, Items};
use crate::parse::values::{Setting, setting, walk};

static TTL_KEYS: &[Setting] = &[
    setting("delete_on", "delete_on = creation_time"),
    setting("ttl_seconds", "ttl_seconds = 86400"),
    setting("filter_expired_objects", "filter_expired_objects"),
];

pub(super) fn object_ttl(args: &Items, item: &Item, errors: &mut Errors) -> Option<Setter> {
    let mut delete_on = None;
    let mut ttl = None;
    let mut filter = Vec::new();
    let mut given = Vec::new();
    walk(
        &args.0,
        "object_ttl setting",
        TTL_KEYS,
        errors,
        |k, item, errors| {
            given.push(k.name);
            match k.name {
                "delete_on" => {
                    delete_on = item.value(k, errors).and_then(|v| match v {
                        Expr::Lit(syn::Lit::Str(s)) => Some(s.value()),
                        other => other
                            .choice(
                                k,
                                &[
                                    ("creation_time", "_creationTimeUnix"),
                                    ("update_time", "_lastUpdateTimeUnix"),
                                ],
                                errors,
                            )
                            .map(str::to_owned),
                    });
                }
                "ttl_seconds" => {
                    ttl = item
                        .value(k, errors)
                        .and_then(|v| v.int(k, 1, i64::MAX, errors))
                }
                _ => filter.extend(
                    item.flag(k, errors)
                        .map(|b| Setter::new("filter_expired_objects", Arg::Bool(b))),
                ),
            }
        },
    );
    for required in ["delete_on", "ttl_seconds"] {
        if !given.contains(&required) {
            errors.spanned(
                item,
                format!("`object_ttl` needs `{required}`: `object_ttl(delete_on = creation_time, ttl_seconds = 86400)`"),
            );
        }
    }
    let (on, ttl) = (delete_on?, ttl?);
    let config = Builder::call(
        "ObjectTtlConfig",
        "delete_on",
        vec![Arg::Str(on), Arg::Int(ttl)],
    );
    Some(Setter::new(
        "object_ttl_config",
        Arg::builder(config.with(filter)),
    ))
}
