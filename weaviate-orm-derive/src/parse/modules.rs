//! Weaviate modules named in attributes: vectorizers, generative and reranker modules.
//!
//! Known modules are written as identifiers (`text2vec_openai` for `text2vec-openai`), with their
//! settings as arguments: `text2vec_openai(model = "text-embedding-3-small", dimensions = 256)`. A
//! module this crate does not know yet is written `module("my-module", json = r#"{"a": 1}"#)`.

use serde_json::{Map, Value};
use syn::Lit;

use crate::errors::{Errors, unknown};
use crate::model::{Module, Slot};
use crate::parse::json;
use crate::parse::meta::{Expr, Item};

use weaviate_orm_names::modules::{ModuleNameProblem, custom_module_name};

/// What `slot` is called in messages.
fn what(slot: Slot) -> &'static str {
    match slot {
        Slot::Vectorizer => "vectorizer",
        Slot::Generative => "generative module",
        Slot::Reranker => "reranker module",
    }
}

/// An attribute that sets a module in `slot`.
fn example(slot: Slot) -> &'static str {
    match slot {
        Slot::Vectorizer => "vectorizer = text2vec_openai(model = \"text-embedding-3-small\")",
        Slot::Generative => "generative = generative_openai(model = \"gpt-4o\")",
        Slot::Reranker => "reranker = reranker_cohere(model = \"rerank-v3.5\")",
    }
}

/// The identifier users write for a module name: `text2vec-openai` -> `text2vec_openai`.
fn ident_of(name: &str) -> String {
    name.replace('-', "_")
}

/// Reads a module from `expr` for `slot`.
pub(crate) fn parse(expr: &Expr, slot: Slot, errors: &mut Errors) -> Option<Module> {
    let (ident, items) = match expr {
        Expr::Path(path) => (path.get_ident(), None),
        Expr::Call(call) => (call.path.get_ident(), Some(&call.items)),
        _ => (None, None),
    };
    let Some(ident) = ident else {
        errors.spanned(
            expr,
            format!(
                "expected a {} such as `{}`, found {}",
                what(slot),
                example(slot),
                expr.describe()
            ),
        );
        return None;
    };
    let written = ident.to_string();
    let span = ident.span();
    if written == "module" {
        return parse_custom(
            expr,
            items.map(|i| i.0.as_slice()).unwrap_or(&[]),
            slot,
            errors,
        );
    }
    if written == "none" && slot == Slot::Vectorizer {
        if items.is_some() {
            errors.spanned(expr, "`none` takes no settings");
        }
        return Some(Module {
            name: "none".to_owned(),
            settings: Map::new(),
            span,
        });
    }
    let Some(name) = slot.known().iter().find(|n| ident_of(n) == written) else {
        let mut choices: Vec<String> = slot.known().iter().map(|n| ident_of(n)).collect();
        if slot == Slot::Vectorizer {
            choices.insert(0, "none".to_owned());
        }
        choices.push("module(\"name\", ...)".to_owned());
        let choices: Vec<&str> = choices.iter().map(String::as_str).collect();
        errors.at(span, unknown(what(slot), &written, &choices));
        return None;
    };
    let settings = items.map(|i| json::nested(i, errors)).unwrap_or_default();
    Some(Module {
        name: (*name).to_owned(),
        settings,
        span,
    })
}

/// `module("name")`, `module("name", json = "{...}")`, `module("name", key = value, ...)`.
fn parse_custom(expr: &Expr, items: &[Item], slot: Slot, errors: &mut Errors) -> Option<Module> {
    let Some(Item::Bare(Expr::Lit(Lit::Str(name_lit)))) = items.first() else {
        errors.spanned(
            expr,
            "expected `module(\"module-name\")` or `module(\"module-name\", json = r#\"{...}\"#)`",
        );
        return None;
    };
    let name = name_lit.value();
    let verdict = custom_module_name(&name, slot);
    if verdict == Err(ModuleNameProblem::BadCharacters) {
        errors.at(
            name_lit.span(),
            format!("`{name}` is not a module name: use lowercase letters, digits and `-`"),
        );
    } else if verdict == Err(ModuleNameProblem::WrongKind) {
        let rule = match slot {
            Slot::Generative => "a generative module's name starts with `generative-`",
            Slot::Reranker => "a reranker module's name starts with `reranker-`",
            Slot::Vectorizer => "generative and reranker modules are not vectorizers",
        };
        errors.at(
            name_lit.span(),
            format!("`{name}` cannot be a {}: {rule}", what(slot)),
        );
    }
    let mut settings = Map::new();
    let mut rest = Vec::new();
    for item in &items[1..] {
        match item {
            Item::Assign {
                key: crate::parse::meta::Key::Ident(k),
                value,
                ..
            } if k == "json" => match value {
                Expr::Lit(Lit::Str(text)) => match serde_json::from_str::<Value>(&text.value()) {
                    Ok(Value::Object(map)) => settings.extend(map),
                    Ok(_) => errors.at(text.span(), "the module's `json` must be a JSON object"),
                    Err(e) => errors.at(text.span(), format!("invalid JSON in `json`: {e}")),
                },
                other => errors.spanned(other, "expected `json = r#\"{...}\"#`"),
            },
            other => rest.push(other),
        }
    }
    for (key, value) in json::settings(rest, errors) {
        if settings.insert(key.clone(), value).is_some() {
            errors.at(
                name_lit.span(),
                format!("setting `{key}` is given both in `json` and as `{key} = ...`"),
            );
        }
    }
    Some(Module {
        name,
        settings,
        span: name_lit.span(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::TokenStream;
    use quote::quote;

    fn module(tokens: TokenStream, slot: Slot) -> Result<Module, String> {
        let expr: Expr = syn::parse2(tokens).expect("parses");
        let mut errors = Errors::default();
        let module = parse(&expr, slot, &mut errors);
        match errors.combined() {
            Some(e) => Err(crate::errors::messages(e)),
            None => Ok(module.expect("a module when there is no error")),
        }
    }

    #[test]
    fn known_modules_map_to_weaviate_names() {
        let m = module(
            quote!(text2vec_openai(model = "m", dimensions = 256)),
            Slot::Vectorizer,
        )
        .expect("valid");
        assert_eq!(m.name, "text2vec-openai");
        assert_eq!(
            Value::Object(m.settings),
            serde_json::json!({"model": "m", "dimensions": 256})
        );
        assert!(
            module(quote!(none), Slot::Vectorizer)
                .expect("valid")
                .is_none()
        );
        assert_eq!(
            module(quote!(generative_dummy), Slot::Generative)
                .expect("valid")
                .name,
            "generative-dummy"
        );
    }

    #[test]
    fn unknown_modules_list_the_known_ones() {
        let e = module(quote!(text2vec_openia), Slot::Vectorizer)
            .err()
            .expect("error");
        assert!(e.contains("did you mean `text2vec_openai`"), "{e}");
        assert!(e.contains("`text2vec_bigram`"), "{e}");
        let e = module(quote!(text2vec_openai), Slot::Generative)
            .err()
            .expect("error");
        assert!(e.contains("generative_openai"), "{e}");
    }

    #[test]
    fn custom_modules_take_validated_json() {
        let m = module(
            quote!(module("my-module", json = r#"{"a": 1}"#, b = true)),
            Slot::Vectorizer,
        )
        .expect("valid");
        assert_eq!(
            Value::Object(m.settings),
            serde_json::json!({"a": 1, "b": true})
        );
        let e = module(
            quote!(module("my-module", json = "{oops")),
            Slot::Vectorizer,
        )
        .err()
        .expect("error");
        assert!(e.contains("invalid JSON"), "{e}");
        assert!(module(quote!(module("my-gen")), Slot::Generative).is_err());
        assert!(module(quote!(module("Bad Name")), Slot::Vectorizer).is_err());
    }
}
