//! Module settings as JSON: read from `key = value` attributes (or validated JSON text) at compile
//! time ([`crate::codegen`] emits code that builds the same `serde_json::Value` at run time).

use serde_json::{Map, Number, Value};
use syn::Lit;
use syn::ext::IdentExt;

use crate::errors::Errors;
use crate::parse::meta::{Expr, Item, Items, Key};

/// Reads `key = value` settings (and `key(...)` nested objects) into a JSON object. Identifier keys
/// in snake_case become camelCase (`vectorize_class_name` -> `vectorizeClassName`, `base_url` ->
/// `baseURL`); string keys are kept verbatim.
pub(crate) fn settings<'a>(
    items: impl IntoIterator<Item = &'a Item>,
    errors: &mut Errors,
) -> Map<String, Value> {
    let mut map = Map::new();
    for item in items {
        let (key, value) = match item {
            Item::Assign { key, value, .. } => {
                let name = match key {
                    Key::Ident(ident) => setting_key(&ident.unraw().to_string()),
                    Key::Str(lit) => lit.value(),
                };
                (name, expr_value(value, errors))
            }
            Item::Bare(Expr::Call(call)) if call.path.get_ident().is_some() => {
                let name = call
                    .path
                    .get_ident()
                    .map(|i| setting_key(&i.unraw().to_string()))
                    .unwrap_or_default();
                (name, Some(Value::Object(settings(&call.items.0, errors))))
            }
            other => {
                errors.spanned(
                    other,
                    "expected a module setting `key = value`, e.g. `model = \"text-embedding-3-small\"`",
                );
                continue;
            }
        };
        if map.contains_key(&key) {
            errors.spanned(item, format!("setting `{key}` is given twice"));
            continue;
        }
        if let Some(value) = value {
            map.insert(key, value);
        }
    }
    map
}

/// Nested settings of a call's items, for `name(...)` objects.
pub(crate) fn nested(items: &Items, errors: &mut Errors) -> Map<String, Value> {
    settings(&items.0, errors)
}

/// The JSON key for an identifier key.
pub(crate) fn setting_key(ident: &str) -> String {
    if ident == "base_url" {
        return "baseURL".to_owned();
    }
    weaviate_orm_names::camel_case(ident)
}

fn expr_value(expr: &Expr, errors: &mut Errors) -> Option<Value> {
    let number = |text: String, negative: bool| -> Option<Value> {
        let text = if negative { format!("-{text}") } else { text };
        serde_json::from_str::<Number>(&text)
            .ok()
            .map(Value::Number)
    };
    let value = match expr {
        Expr::Lit(Lit::Str(s)) => Some(Value::String(s.value())),
        Expr::Lit(Lit::Bool(b)) => Some(Value::Bool(b.value)),
        Expr::Lit(Lit::Int(i)) => number(i.base10_digits().to_owned(), false),
        Expr::Lit(Lit::Float(f)) => number(f.base10_digits().to_owned(), false),
        Expr::Neg(_, Lit::Int(i)) => number(i.base10_digits().to_owned(), true),
        Expr::Neg(_, Lit::Float(f)) => number(f.base10_digits().to_owned(), true),
        Expr::Array(array) => {
            let values: Vec<Option<Value>> =
                array.elems.iter().map(|e| expr_value(e, errors)).collect();
            return values
                .into_iter()
                .collect::<Option<Vec<_>>>()
                .map(Value::Array);
        }
        _ => None,
    };
    if value.is_none() {
        errors.spanned(
            expr,
            format!(
                "a module setting takes a string, number, boolean or list, found {}",
                expr.describe()
            ),
        );
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream;
    use quote::quote;
    use serde_json::json;

    fn read(tokens: TokenStream) -> (Value, bool) {
        let items: Items = syn::parse2(tokens).expect("parses");
        let mut errors = Errors::default();
        let map = settings(&items.0, &mut errors);
        (Value::Object(map), errors.is_empty())
    }

    #[test]
    fn keys_become_camel_case_and_values_json() {
        let (value, ok) = read(quote! {
            model = "m", dimensions = 256, vectorize_class_name = false, base_url = "http://x",
            "exact_Key" = 1.5, temperature = -0.5, stop = ["a", "b"], nested(top_k = 3)
        });
        assert!(ok);
        assert_eq!(
            value,
            json!({
                "model": "m", "dimensions": 256, "vectorizeClassName": false, "baseURL": "http://x",
                "exact_Key": 1.5, "temperature": -0.5, "stop": ["a", "b"], "nested": {"topK": 3}
            })
        );
    }

    #[test]
    fn bad_settings_are_errors() {
        assert!(!read(quote!(model = gpt)).1);
        assert!(!read(quote!(model = "a", model = "b")).1);
        assert!(!read(quote!("just a string")).1);
    }
}
