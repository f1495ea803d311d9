//! Modules (vectorizers, generative and reranker modules) and their settings in the derive's syntax:
//! `text2vec_openai(model = "m", vectorize_class_name = false)`, or
//! `module("name", json = r#"{...}"#)` when a module or a setting has no `key = value` form.

use serde_json::{Map, Value};

use super::attr::{Expr, Item, Key};
use super::names::{camel_case, is_identifier, is_keyword, snake_case};

#[cfg(test)]
use weaviate_orm_names::modules::{GENERATIVE, RERANKERS, VECTORIZERS};

/// Where a module is used.
pub(crate) use weaviate_orm_names::modules::ModuleKind as Slot;

/// Every module written as an identifier.
#[cfg(test)]
pub(crate) fn known_modules() -> impl Iterator<Item = &'static str> {
    VECTORIZERS
        .iter()
        .chain(GENERATIVE)
        .chain(RERANKERS)
        .copied()
}

/// Whether the derive treats `module` as `ref2vec-*` (sources are references).
pub(crate) fn is_ref2vec(module: &str) -> bool {
    module.starts_with("ref2vec-")
}

/// Whether the derive treats `module` as multi-modal (sources in its own settings, no `source`).
pub(crate) fn is_multi_modal(module: &str) -> bool {
    module.starts_with("multi2") || module.starts_with("img2vec-")
}

/// The module as a value of `vectorizer = `, `generative = ` or `reranker = `, with `settings`.
pub(crate) fn module_expr(
    name: &str,
    settings: &Map<String, Value>,
    slot: Slot,
) -> Result<Expr, String> {
    let known = slot.known().contains(&name);
    let items = settings_items(settings);
    if known {
        let ident = name.replace('-', "_");
        if let Some(items) = items {
            return Ok(if items.is_empty() {
                Expr::Path(ident)
            } else {
                Expr::Call(ident, items)
            });
        }
    }
    check_custom_name(name, slot)?;
    let mut call = vec![Item::Bare(Expr::Str(name.to_owned()))];
    match items {
        Some(items) => call.extend(items),
        None => {
            let json = serde_json::to_string(&Value::Object(settings.clone()))
                .map_err(|e| format!("settings of module `{name}`: {e}"))?;
            call.push(Item::assign("json", Expr::RawStr(json)));
        }
    }
    Ok(Expr::Call("module".to_owned(), call))
}

/// The derive's rules for `module("name")`.
fn check_custom_name(name: &str, slot: Slot) -> Result<(), String> {
    weaviate_orm_names::modules::custom_module_name(name, slot).map_err(|_| {
        format!(
            "module `{name}`: the derive names modules with lowercase letters, digits and `-` (generative modules starting with `generative-`, rerankers with `reranker-`)"
        )
    })
}

/// The settings as `key = value` items, or `None` when one of them has no such form (a `null`, a
/// list holding objects, a nested object under a key that is no identifier).
fn settings_items(settings: &Map<String, Value>) -> Option<Vec<Item>> {
    settings.iter().map(|(k, v)| setting_item(k, v)).collect()
}

fn setting_item(key: &str, value: &Value) -> Option<Item> {
    match value {
        Value::Object(map) => {
            let ident = ident_for_key(key)?;
            Some(Item::Bare(Expr::Call(ident, settings_items(map)?)))
        }
        other => {
            let key = match ident_for_key(key) {
                Some(ident) => Key::Ident(ident),
                None => Key::Str(key.to_owned()),
            };
            Some(Item::Assign(key, value_expr(other)?))
        }
    }
}

/// The identifier the derive turns back into `key` (`vectorize_class_name` for
/// `vectorizeClassName`, `base_url` for `baseURL`), if there is one.
pub(crate) fn ident_for_key(key: &str) -> Option<String> {
    let snake = if key == "baseURL" {
        "base_url".to_owned()
    } else {
        snake_case(key)
    };
    let back = if snake == "base_url" {
        "baseURL".to_owned()
    } else {
        camel_case(&snake)
    };
    (back == key && is_identifier(&snake) && !is_keyword(&snake)).then_some(snake)
}

/// A scalar or a list of scalars.
fn value_expr(value: &Value) -> Option<Expr> {
    match value {
        Value::String(s) => Some(Expr::Str(s.clone())),
        Value::Bool(b) => Some(Expr::Bool(*b)),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(Expr::Int(i))
            } else if let Some(u) = n.as_u64() {
                Some(Expr::UInt(u))
            } else {
                n.as_f64().filter(|f| f.is_finite()).map(Expr::Float)
            }
        }
        Value::Array(values) => values
            .iter()
            .map(value_expr)
            .collect::<Option<_>>()
            .map(Expr::Array),
        Value::Null | Value::Object(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn known_modules_take_key_value_settings() {
        let e = module_expr(
            "text2vec-openai",
            &map(json!({"model": "m", "vectorizeClassName": false, "baseURL": "u", "K1": 1.5, "nested": {"topK": 3}})),
            Slot::Vectorizer,
        )
        .unwrap();
        assert_eq!(
            e.one_line(),
            r#"text2vec_openai("K1" = 1.5, base_url = "u", model = "m", nested(top_k = 3), vectorize_class_name = false)"#
        );
        assert_eq!(
            module_expr("generative-dummy", &Map::new(), Slot::Generative)
                .unwrap()
                .one_line(),
            "generative_dummy"
        );
    }

    #[test]
    fn other_modules_and_settings_fall_back_to_module_json() {
        assert_eq!(
            module_expr("text2vec-new", &map(json!({"a": 1})), Slot::Vectorizer)
                .unwrap()
                .one_line(),
            r#"module("text2vec-new", a = 1)"#
        );
        assert_eq!(
            module_expr(
                "text2vec-openai",
                &map(json!({"a": null, "b": [{"c": 1}]})),
                Slot::Vectorizer
            )
            .unwrap()
            .one_line(),
            r##"module("text2vec-openai", json = r#"{"a":null,"b":[{"c":1}]}"#)"##
        );
        assert!(module_expr("my-gen", &Map::new(), Slot::Generative).is_err());
        assert!(module_expr("Bad Name", &Map::new(), Slot::Vectorizer).is_err());
    }
}
