//! The last check before code is written: the config the derive builds from the generated attributes,
//! filled in with the server's defaults, must equal the live config. Whatever the attributes cannot
//! say shows up here as a difference, named by its JSON path.

use serde_json::Value;

use crate::schema::{CollectionConfig, ServerDefaults};

/// `Ok` when `desired` (what the generated struct's `collection_config()` returns) matches `live`.
pub(crate) fn check(
    desired: &CollectionConfig,
    live: &CollectionConfig,
    sd: &ServerDefaults,
) -> Result<(), String> {
    if desired.matches_server_using(live, sd) {
        return Ok(());
    }
    let generated = serde_json::to_value(
        desired
            .with_server_defaults_using(sd)
            .normalized_for_compare(),
    )
    .map_err(|e| e.to_string())?;
    let server = serde_json::to_value(live.normalized_for_compare()).map_err(|e| e.to_string())?;
    let mut differences = Vec::new();
    diff(&generated, &server, String::new(), &mut differences);
    if differences.is_empty() {
        // Equal as JSON but not as values: a float that prints the same.
        differences.push("(a value that differs below the JSON precision)".into());
    }
    let shown: Vec<String> = differences.iter().take(3).cloned().collect();
    let more = differences.len().saturating_sub(shown.len());
    let server_setting = differences.iter().any(|d| {
        [
            "trackDefaultQuantization`",
            "asyncEnabled`",
            "usingBlockMaxWAND`",
        ]
        .iter()
        .any(|key| d.contains(key))
    });
    Err(format!(
        "the derive cannot express {}{}{}",
        shown.join("; "),
        if more > 0 {
            format!(
                " (and {more} more difference{})",
                if more == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        },
        if server_setting {
            " (the server's own settings decide this: DEFAULT_QUANTIZATION, ASYNC_REPLICATION_DISABLED, USE_INVERTED_SEARCHABLE; pass them in GenerateOptions::server_defaults)"
        } else {
            ""
        }
    ))
}

/// The differences of `generated` and `server` below `path`, as sentences.
fn diff(generated: &Value, server: &Value, path: String, out: &mut Vec<String>) {
    match (generated, server) {
        (Value::Object(g), Value::Object(s)) => {
            let keys: std::collections::BTreeSet<&String> = g.keys().chain(s.keys()).collect();
            for key in keys {
                let sub = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                match (g.get(key), s.get(key)) {
                    (Some(a), Some(b)) => diff(a, b, sub, out),
                    (a, b) => out.push(sentence(&sub, a, b)),
                }
            }
        }
        (Value::Array(g), Value::Array(s)) if named(g) && named(s) => {
            let name = |v: &Value| v.get("name").and_then(Value::as_str).map(str::to_owned);
            let mut names: Vec<String> = g.iter().chain(s).filter_map(name).collect();
            names.sort();
            names.dedup();
            for n in names {
                let find = |list: &[Value]| {
                    list.iter()
                        .find(|v| name(v).as_deref() == Some(&n))
                        .cloned()
                };
                let sub = format!("{path}[{n}]");
                match (find(g), find(s)) {
                    (Some(a), Some(b)) => diff(&a, &b, sub, out),
                    (a, b) => out.push(sentence(&sub, a.as_ref(), b.as_ref())),
                }
            }
        }
        (a, b) if a != b => out.push(sentence(&path, Some(a), Some(b))),
        _ => {}
    }
}

fn named(list: &[Value]) -> bool {
    list.iter()
        .all(|v| v.get("name").is_some_and(Value::is_string))
}

fn sentence(path: &str, generated: Option<&Value>, server: Option<&Value>) -> String {
    let show = |v: Option<&Value>| v.map_or_else(|| "absent".to_owned(), Value::to_string);
    format!(
        "`{path}`: the server has {}, the generated code would give {}",
        show(server),
        show(generated)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{DataType, Property};

    #[test]
    fn differences_are_named_by_path() {
        let live = CollectionConfig::new("A")
            .property(Property::new("title", DataType::Text).disable_duplicated_references(true))
            .with_server_defaults();
        let desired = CollectionConfig::new("A").property(Property::new("title", DataType::Text));
        let e = check(&desired, &live, &ServerDefaults::default()).unwrap_err();
        assert!(
            e.contains("`properties[title].disableDuplicatedReferences`: the server has true, the generated code would give absent"),
            "{e}"
        );
        assert!(
            check(
                &desired,
                &desired.with_server_defaults(),
                &ServerDefaults::default()
            )
            .is_ok()
        );
    }
}
