//! Module settings: the vectorizer modules' defaults, and their numbers as the server reports them.

use serde_json::{Map, Number, Value};

use super::{ModuleDefault, ModuleDefaults};
use crate::schema::collection::{CollectionConfig, ModuleConfig};
use crate::schema::property::Property;

/// Module settings are stored as JSON and read back by Go as `float64`, so integral numbers come
/// back as integers: in the class's, the properties' and the named vectorizers' settings. (No
/// server function: this is `encoding/json` printing `1.0` as `1`.)
pub(super) fn normalize_numbers(c: &mut CollectionConfig) {
    if let Some(mc) = &mut c.module_config {
        normalize_module_config(mc);
    }
    for p in &mut c.properties {
        if let Some(mc) = &mut p.module_config {
            normalize_module_config(mc);
        }
    }
    for vc in c.vector_config.values_mut() {
        if let Some(v) = &mut vc.vectorizer {
            v.settings.values_mut().for_each(normalize_number);
        }
    }
}

/// Mirrors `usecases/modules/module_config_init_and_validate.go` `Provider.SetClassDefaults`: each
/// vectorizer's class defaults under the user's settings (the legacy vectorizer's
/// `moduleConfig.<module>`, a named vector's `vectorizer.<module>`), and its property defaults
/// under every property's `moduleConfig.<module>`.
pub(super) fn set_class_defaults(c: &mut CollectionConfig, modules: &ModuleDefaults) {
    if c.has_legacy_vector_index() || c.vector_config.is_empty() {
        let module = c.vectorizer.clone().unwrap_or_default();
        if module != "none" {
            if let Some(ModuleDefault {
                class: class_defaults,
                property: prop_defaults,
            }) = modules.get(&module)
            {
                merge_into(&mut c.module_config, &module, class_defaults);
                property_module_defaults(&mut c.properties, &module, prop_defaults);
            }
        }
    }

    let named: Vec<String> = c.vector_config.keys().cloned().collect();
    for name in named {
        let Some(vectorizer) = c
            .vector_config
            .get_mut(&name)
            .and_then(|vc| vc.vectorizer.as_mut())
        else {
            continue;
        };
        if vectorizer.module == "none" {
            continue;
        }
        let module = vectorizer.module.clone();
        if let Some(ModuleDefault {
            class: class_defaults,
            property: prop_defaults,
        }) = modules.get(&module)
        {
            let merged = merge(class_defaults, std::mem::take(&mut vectorizer.settings));
            vectorizer.settings = merged;
            property_module_defaults(&mut c.properties, &module, prop_defaults);
        }
    }
}

fn property_module_defaults(props: &mut [Property], module: &str, defaults: &Map<String, Value>) {
    for p in props {
        merge_into(&mut p.module_config, module, defaults);
    }
}

/// `defaults` under the settings `module_config` holds for `module` (kept absent when both are
/// empty).
fn merge_into(
    module_config: &mut Option<ModuleConfig>,
    module: &str,
    defaults: &Map<String, Value>,
) {
    let user = module_config
        .as_ref()
        .and_then(|mc| mc.get(module))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let merged = merge(defaults, user);
    if !merged.is_empty() {
        module_config
            .get_or_insert_with(Default::default)
            .insert(module.to_owned(), Value::Object(merged));
    }
}

fn merge(defaults: &Map<String, Value>, user: Map<String, Value>) -> Map<String, Value> {
    let mut merged = defaults.clone();
    merged.extend(user);
    merged
}

fn normalize_module_config(mc: &mut ModuleConfig) {
    mc.values_mut().for_each(normalize_number);
}

/// Integral floats become integers (Go stores module settings as float64 and prints `1.0` as `1`).
fn normalize_number(v: &mut Value) {
    match v {
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                if f.fract() == 0.0 && f.abs() < 9.007_199_254_740_992e15 {
                    // Exact for |f| < 2^53.
                    #[allow(clippy::cast_possible_truncation)]
                    let i = f as i64;
                    *n = Number::from(i);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(normalize_number),
        Value::Object(map) => map.values_mut().for_each(normalize_number),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::schema::{DataType, VectorConfig, Vectorizer};

    fn module_settings(c: &CollectionConfig, module: &str) -> Option<Value> {
        c.module_config
            .as_ref()
            .and_then(|mc| mc.get(module))
            .cloned()
    }

    fn property_settings(c: &CollectionConfig, module: &str) -> Option<Value> {
        c.properties[0]
            .module_config
            .as_ref()
            .and_then(|mc| mc.get(module))
            .cloned()
    }

    #[test]
    fn the_legacy_vectorizer_gets_its_defaults_under_the_users_settings() {
        let modules = ModuleDefaults::builtin();
        // (vectorizer, user settings, expected class settings, expected property settings)
        let cases = [
            (
                "text2vec-bigram",
                None,
                Some(json!({"vectorizeClassName": true})),
                Some(json!({"skip": false, "vectorizePropertyName": true})),
            ),
            (
                "text2vec-transformers",
                Some(json!({"vectorizeClassName": false})),
                Some(json!({"poolingStrategy": "masked_mean", "vectorizeClassName": false})),
                Some(json!({"skip": false, "vectorizePropertyName": false})),
            ),
            (
                "ref2vec-centroid",
                None,
                Some(json!({"method": "mean"})),
                None,
            ),
            ("text2vec-unknown", None, None, None),
            ("none", None, None, None),
        ];
        for (module, user, class, property) in cases {
            let mut c = CollectionConfig::new("A")
                .vectorizer(module)
                .property(Property::new("t", DataType::Text));
            if let Some(user) = user {
                c = c.module_config(module, user);
            }
            set_class_defaults(&mut c, &modules);
            assert_eq!(module_settings(&c, module), class, "{module}");
            assert_eq!(property_settings(&c, module), property, "{module}");
        }
    }

    #[test]
    fn named_vectorizers_get_their_defaults_and_their_properties_too() {
        let mut c = CollectionConfig::new("A")
            .property(
                Property::new("t", DataType::Text).skip_vectorization("text2vec-bigram", true),
            )
            .vector("v", VectorConfig::new(Vectorizer::new("text2vec-bigram")))
            .vector("none", VectorConfig::self_provided());
        set_class_defaults(&mut c, &ModuleDefaults::builtin());
        let v = c.vector_config["v"].vectorizer.as_ref().unwrap();
        assert_eq!(v.settings.get("vectorizeClassName"), Some(&json!(true)));
        assert_eq!(
            property_settings(&c, "text2vec-bigram"),
            Some(json!({"skip": true, "vectorizePropertyName": true}))
        );
        assert_eq!(c.module_config, None, "no legacy vectorizer");
    }

    #[test]
    fn integral_numbers_come_back_as_integers() {
        // (setting, as the server reports it)
        let cases = [
            (json!(1.0), json!(1)),
            (json!(1.5), json!(1.5)),
            (json!(-3.0), json!(-3)),
            (json!(1e300), json!(1e300)),
            (json!([2.0, {"x": 4.0}]), json!([2, {"x": 4}])),
            (json!("1.0"), json!("1.0")),
        ];
        for (given, reported) in cases {
            let mut c = CollectionConfig::new("A")
                .module_config("m", json!({"n": given.clone()}))
                .property(
                    Property::new("t", DataType::Text)
                        .module_config("m", json!({"n": given.clone()})),
                )
                .vector(
                    "v",
                    VectorConfig::new(Vectorizer::new("m").setting("n", given.clone())),
                );
            normalize_numbers(&mut c);
            assert_eq!(
                module_settings(&c, "m"),
                Some(json!({"n": reported.clone()})),
                "{given}"
            );
            assert_eq!(
                property_settings(&c, "m"),
                Some(json!({"n": reported.clone()})),
                "{given}"
            );
            let v = c.vector_config["v"].vectorizer.as_ref().unwrap();
            assert_eq!(v.settings.get("n"), Some(&reported), "{given}");
        }
    }
}
