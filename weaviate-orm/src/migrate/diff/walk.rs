//! The generic comparison of two JSON values: every place where the desired value says something the
//! live value does not. Keys only the live side has are the server's business (fields it fills or
//! manages itself) and are not differences.

use serde_json::Value;

/// One place where desired and live disagree.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mismatch {
    /// JSON path tokens from the compared root (array elements of named objects by their name).
    pub path: Vec<String>,
    /// The desired value there.
    pub desired: Value,
    /// The live value there (`None`: the live side has no such key or element).
    pub live: Option<Value>,
}

impl Mismatch {
    /// The path as a JSON pointer below `prefix` (`/vectorConfig/a`).
    pub fn pointer(&self, prefix: &str) -> String {
        let mut out = prefix.to_owned();
        for token in &self.path {
            out.push('/');
            out.push_str(&super::super::change::pointer_token(token));
        }
        out
    }

    /// The path in dotted form.
    pub fn dotted(&self) -> String {
        self.path.join(".")
    }
}

/// Every mismatch of `desired` against `live`, in a stable order (object keys sorted).
pub(crate) fn mismatches(desired: &Value, live: &Value) -> Vec<Mismatch> {
    let mut out = Vec::new();
    walk(desired, live, &mut Vec::new(), &mut out);
    out
}

fn walk(desired: &Value, live: &Value, path: &mut Vec<String>, out: &mut Vec<Mismatch>) {
    match (desired, live) {
        (Value::Object(d), Value::Object(l)) => {
            let mut keys: Vec<&String> = d.keys().collect();
            keys.sort();
            for key in keys {
                let dv = &d[key];
                path.push(key.clone());
                match l.get(key) {
                    Some(lv) => walk(dv, lv, path, out),
                    None if is_empty(dv) => {}
                    None => out.push(Mismatch {
                        path: path.clone(),
                        desired: dv.clone(),
                        live: None,
                    }),
                }
                path.pop();
            }
        }
        (Value::Array(d), Value::Array(l)) if named_objects(d) && named_objects(l) => {
            for item in d {
                let name = item["name"].as_str().unwrap_or_default();
                path.push(name.to_owned());
                match l.iter().find(|x| x["name"].as_str() == Some(name)) {
                    Some(lv) => walk(item, lv, path, out),
                    None => out.push(Mismatch {
                        path: path.clone(),
                        desired: item.clone(),
                        live: None,
                    }),
                }
                path.pop();
            }
        }
        _ if json_eq(desired, live) => {}
        (Value::Null, _) => {}
        _ => out.push(Mismatch {
            path: path.clone(),
            desired: desired.clone(),
            live: Some(live.clone()),
        }),
    }
}

/// `null`, `{}` and `[]` on the desired side say nothing a missing live key contradicts.
fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Object(m) => m.values().all(is_empty),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn named_objects(items: &[Value]) -> bool {
    !items.is_empty()
        && items
            .iter()
            .all(|i| i.get("name").is_some_and(Value::is_string))
}

/// Equality with numbers compared by value (`1` equals `1.0`; Go reads module settings as float64).
pub(crate) fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(x), Some(y)) => x == y,
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_eq(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}

/// Short display of a JSON value for plans (strings without quotes, long values cut).
pub(crate) fn show(v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "(none)".to_owned();
    };
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.chars().count() > 80 {
        let cut: String = s.chars().take(77).collect();
        format!("{cut}...")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn only_what_desired_says_is_compared() {
        let desired = json!({"a": 1, "b": {"c": true, "d": null}, "e": []});
        let live = json!({"a": 1.0, "b": {"c": false, "x": 3}, "z": "server only"});
        let found = mismatches(&desired, &live);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].dotted(), "b.c");
        assert_eq!(found[0].live, Some(json!(false)));
    }

    #[test]
    fn named_arrays_match_by_name() {
        let desired = json!({"properties": [{"name": "b", "x": 1}, {"name": "a", "x": 2}]});
        let live =
            json!({"properties": [{"name": "a", "x": 2}, {"name": "b", "x": 5}, {"name": "c"}]});
        let found = mismatches(&desired, &live);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer(""), "/properties/b/x");
        let desired = json!({"properties": [{"name": "new"}]});
        let found = mismatches(&desired, &live);
        assert_eq!(found[0].dotted(), "properties.new");
        assert_eq!(found[0].live, None);
    }

    #[test]
    fn plain_arrays_compare_whole() {
        let found = mismatches(&json!({"s": ["a", "b"]}), &json!({"s": ["b", "a"]}));
        assert_eq!(found.len(), 1);
        assert_eq!(show(Some(&found[0].desired)), "[\"a\",\"b\"]");
    }
}
