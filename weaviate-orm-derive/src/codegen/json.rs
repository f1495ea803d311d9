//! Code that builds module settings (`serde_json` values known at compile time) at run time.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{Map, Value};

use crate::codegen::paths;

/// Code building `value` as a `serde_json::Value`.
pub(crate) fn value_tokens(value: &Value) -> TokenStream {
    let json = paths::serde_json();
    match value {
        Value::Null => quote!(#json::Value::Null),
        Value::Bool(b) => quote!(#json::Value::Bool(#b)),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                quote!(#json::Value::from(#i))
            } else if let Some(u) = n.as_u64() {
                quote!(#json::Value::from(#u))
            } else {
                let f = n.as_f64().unwrap_or_default();
                quote!(#json::Value::from(#f))
            }
        }
        Value::String(s) => quote!(#json::Value::String(::std::string::String::from(#s))),
        Value::Array(items) => {
            let items = items.iter().map(value_tokens);
            quote!(#json::Value::Array(::std::vec![#(#items),*]))
        }
        Value::Object(map) => {
            let map = map_tokens(map);
            quote!(#json::Value::Object(#map))
        }
    }
}

/// Code building `map` as a `serde_json::Map<String, Value>`.
pub(crate) fn map_tokens(map: &Map<String, Value>) -> TokenStream {
    let json = paths::serde_json();
    if map.is_empty() {
        return quote!(#json::Map::new());
    }
    let keys = map.keys();
    let values = map.values().map(value_tokens);
    quote!({
        let mut map = #json::Map::new();
        #( map.insert(::std::string::String::from(#keys), #values); )*
        map
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn emitted_code_mentions_every_value() {
        let tokens = value_tokens(&json!({"a": [1, -2, 1.5, "s", true, null]})).to_string();
        for part in ["1i64", "- 2i64", "1.5f64", "\"s\"", "true", "Null"] {
            assert!(tokens.contains(part), "{part} in {tokens}");
        }
    }
}
