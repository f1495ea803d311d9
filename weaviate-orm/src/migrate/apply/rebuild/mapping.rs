//! What goes where: the old collection's properties, references and vectors mapped onto the new
//! collection's config (renames applied, values converted to changed data types, reference beacons
//! retargeted). Pure: everything here is decided from the two configs and the spec.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::batch::BatchReference;
use crate::data::{Beacon, NewObject, Object};
use crate::error::{Error, Result};
use crate::migrate::change::RebuildSpec;
use crate::migrate::normalize::property_name;
use crate::query::{QueryReference, properties_of};
use crate::schema::{CollectionConfig, DataType, Vectorizer};
use crate::typed::beacons_from_json;
use crate::wire::v1 as pb;

/// One non-reference property: read as `from`, written as `to`, converted to `data_type`.
#[derive(Debug, Clone, PartialEq)]
struct PropertyMap {
    from: String,
    to: String,
    data_type: DataType,
}

/// One reference property: read as `from` (with the old targets), written as `to`.
#[derive(Debug, Clone, PartialEq)]
struct ReferenceMap {
    from: String,
    to: String,
    /// The targets of the property in the old collection.
    old_targets: Vec<String>,
    /// Whether the new property has several targets (then every reference names its collection).
    multi_target: bool,
}

/// How the objects of `spec.from` become objects of `spec.into`.
#[derive(Debug, Clone)]
pub(super) struct Mapping {
    properties: Vec<PropertyMap>,
    references: Vec<ReferenceMap>,
    /// Named vectors whose values are copied.
    vectors: BTreeSet<String>,
    /// Whether the legacy (unnamed) vector is copied.
    legacy_vector: bool,
    /// Old physical target -> new physical target.
    retarget: BTreeMap<String, String>,
    /// What is not carried over, in words (for a note).
    pub(super) left_out: Vec<String>,
    /// The request reading every copied non-reference property of the old collection.
    pub(super) request: pb::PropertiesRequest,
}

impl Mapping {
    /// Maps `source` (the live config of `spec.from`) onto `spec.config`. Refuses (before anything is
    /// created) what no copy can do: a property turning from a reference into a value or back.
    pub(super) fn new(source: &CollectionConfig, spec: &RebuildSpec) -> Result<Mapping> {
        let target = &spec.config;
        let mut properties = Vec::new();
        let mut references = Vec::new();
        let mut left_out = Vec::new();
        for p in &source.properties {
            let to = spec
                .renamed
                .iter()
                .find(|r| property_name(&r.from) == property_name(&p.name))
                .map_or(p.name.as_str(), |r| r.to.as_str());
            let Some(t) = target
                .properties
                .iter()
                .find(|t| property_name(&t.name) == property_name(to))
            else {
                left_out.push(format!("property `{}`", p.name));
                continue;
            };
            match (&p.data_type, &t.data_type) {
                (DataType::Reference(old_targets), DataType::Reference(new_targets)) => {
                    references.push(ReferenceMap {
                        from: p.name.clone(),
                        to: property_name(&t.name),
                        old_targets: old_targets.clone(),
                        multi_target: new_targets.len() > 1,
                    });
                }
                (DataType::Reference(_), _) | (_, DataType::Reference(_)) => {
                    return Err(Error::invalid(format!(
                        "rebuilding {} refused, nothing was changed: property `{}` of {} would turn from {} into {}, and a copy cannot convert between references and values",
                        spec.name,
                        p.name,
                        spec.from,
                        p.data_type.to_strings().join(", "),
                        t.data_type.to_strings().join(", "),
                    )));
                }
                (_, new_type) => properties.push(PropertyMap {
                    from: p.name.clone(),
                    to: property_name(&t.name),
                    data_type: new_type.clone(),
                }),
            }
        }
        let mut vectors = BTreeSet::new();
        for (name, old) in &source.vector_config {
            match target.vector_config.get(name) {
                Some(new) if !recomputed(old.vectorizer.as_ref(), new.vectorizer.as_ref()) => {
                    vectors.insert(name.clone());
                }
                Some(_) => left_out.push(format!(
                    "vector `{name}` (its vectorizer changed: the new collection computes it)"
                )),
                None => left_out.push(format!("vector `{name}`")),
            }
        }
        let legacy_vector = has_legacy_vector(source)
            && has_legacy_vector(target)
            && !recomputed(
                legacy_vectorizer(source).as_ref(),
                legacy_vectorizer(target).as_ref(),
            );
        let names: Vec<String> = properties.iter().map(|p| p.from.clone()).collect();
        let request = properties_of(source, &names)?;
        Ok(Mapping {
            properties,
            references,
            vectors,
            legacy_vector,
            retarget: spec.retarget.iter().cloned().collect(),
            left_out,
            request,
        })
    }

    /// Whether the collection has reference properties to copy.
    pub(super) fn has_references(&self) -> bool {
        !self.references.is_empty()
    }

    /// What a read of the references asks for: each reference property's target ids, one request
    /// per old target collection of a multi-target property.
    pub(super) fn reference_requests(&self) -> Vec<QueryReference> {
        let mut out = Vec::new();
        for r in &self.references {
            if r.old_targets.len() > 1 {
                for t in &r.old_targets {
                    out.push(QueryReference::new(&r.from).target_collection(t).ids_only());
                }
            } else {
                out.push(QueryReference::new(&r.from).ids_only());
            }
        }
        out
    }

    /// The object as written to the new collection: same id, renamed and converted properties,
    /// the vectors that are copied. References are added separately ([`Mapping::references`]).
    pub(super) fn object(&self, o: &Object) -> std::result::Result<NewObject, String> {
        let mut properties = Map::new();
        for p in &self.properties {
            let Some(value) = o.properties.get(&p.from) else {
                continue;
            };
            if value.is_null() {
                continue;
            }
            let value = convert(value, &p.data_type).map_err(|e| {
                format!(
                    "property `{}` cannot be copied into `{}`: {e}",
                    p.from, p.to
                )
            })?;
            properties.insert(p.to.clone(), value);
        }
        let mut object = NewObject::from_map(properties).id(o.id);
        if self.legacy_vector {
            object.vectors.default.clone_from(&o.vectors.default);
        }
        for (name, v) in &o.vectors.named {
            if self.vectors.contains(name) {
                object.vectors.named.insert(name.clone(), v.clone());
            }
        }
        Ok(object)
    }

    /// The references of `o` (read with [`Mapping::reference_requests`]) as references of the new
    /// collection `into`, beacons to moved collections rewritten.
    pub(super) fn references(
        &self,
        o: &Object,
        into: &str,
        tenant: Option<&str>,
    ) -> std::result::Result<Vec<BatchReference>, String> {
        let mut out = Vec::new();
        for r in &self.references {
            let Some(value) = o.properties.get(&r.from) else {
                continue;
            };
            let targets =
                beacons_from_json(value).map_err(|e| format!("reference `{}`: {e}", r.from))?;
            for (collection, id) in targets {
                let collection = match (collection, r.old_targets.as_slice()) {
                    (Some(c), _) => c,
                    (None, [only]) => only.clone(),
                    (None, _) => {
                        return Err(format!(
                            "reference `{}` to {id} names no collection, and the property has several targets",
                            r.from
                        ));
                    }
                };
                let collection = self
                    .retarget
                    .get(&collection)
                    .cloned()
                    .unwrap_or(collection);
                let to = Beacon {
                    id,
                    collection: r.multi_target.then_some(collection),
                };
                let mut reference = BatchReference::new(into, o.id, &r.to, to);
                if let Some(t) = tenant {
                    reference = reference.tenant(t);
                }
                out.push(reference);
            }
        }
        Ok(out)
    }
}

/// Whether the new collection computes a vector itself instead of taking the copied values: its
/// vectorizer is a module, and another module or other settings than the old one (only the settings
/// the new side names are compared, as in planning).
fn recomputed(old: Option<&Vectorizer>, new: Option<&Vectorizer>) -> bool {
    match (old, new) {
        (_, None) => false,
        (_, Some(n)) if n.is_self_provided() => false,
        (None, Some(_)) => true,
        (Some(o), Some(n)) => {
            o.module != n.module || n.settings.iter().any(|(k, v)| o.settings.get(k) != Some(v))
        }
    }
}

/// Whether a collection has the legacy (unnamed) vector: it has no named vectors, or it configures
/// the legacy index besides them.
fn has_legacy_vector(c: &CollectionConfig) -> bool {
    c.vector_config.is_empty() || c.vector_index_config.is_some() || c.vector_index_type.is_some()
}

fn legacy_vectorizer(c: &CollectionConfig) -> Option<Vectorizer> {
    let module = c.vectorizer.clone()?;
    let settings = c
        .module_config
        .as_ref()
        .and_then(|m| m.get(&module))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    Some(Vectorizer { module, settings })
}

/// The element type of an array type.
fn element(t: &DataType) -> Option<DataType> {
    Some(match t {
        DataType::TextArray => DataType::Text,
        DataType::IntArray => DataType::Int,
        DataType::NumberArray => DataType::Number,
        DataType::BoolArray => DataType::Bool,
        DataType::DateArray => DataType::Date,
        DataType::UuidArray => DataType::Uuid,
        DataType::ObjectArray => DataType::Object,
        _ => return None,
    })
}

/// A value read from the old property, in the form of the new property's data type. Only
/// conversions that lose nothing are made: a single value into a list of one, a list of one into a
/// single value, numbers and booleans into text, text that is a number or boolean into one, an
/// integral number into an int. Anything else is passed as it is and the server judges it.
pub(super) fn convert(value: &Value, to: &DataType) -> std::result::Result<Value, String> {
    match (element(to), value) {
        (Some(el), Value::Array(items)) => items
            .iter()
            .map(|v| scalar(v, &el))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map(Value::Array),
        (Some(el), v) => Ok(Value::Array(vec![scalar(v, &el)?])),
        (None, Value::Array(items)) if !matches!(to, DataType::Other(_)) => {
            match items.as_slice() {
                [] => Ok(Value::Null),
                [one] => scalar(one, to),
                _ => Err(format!(
                    "a list of {} values does not fit a single `{}`",
                    items.len(),
                    to.to_strings().join(", ")
                )),
            }
        }
        (None, v) => scalar(v, to),
    }
}

fn scalar(value: &Value, to: &DataType) -> std::result::Result<Value, String> {
    let refuse = || format!("{} is not a `{}`", short(value), to.to_strings().join(", "));
    Ok(match (to, value) {
        (DataType::Text, Value::Number(n)) => Value::String(n.to_string()),
        (DataType::Text, Value::Bool(b)) => Value::String(b.to_string()),
        (DataType::Int, Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
            (Some(_), _) => value.clone(),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                // Integral and within ±2^53, so the cast is exact.
                Value::from(f as i64)
            }
            _ => return Err(refuse()),
        },
        (DataType::Int, Value::String(s)) => {
            Value::from(s.trim().parse::<i64>().map_err(|_| refuse())?)
        }
        (DataType::Number, Value::String(s)) => s
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(refuse)?,
        (DataType::Bool, Value::String(s)) => match s.trim() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(refuse()),
        },
        _ => value.clone(),
    })
}

fn short(value: &Value) -> String {
    let s = value.to_string();
    if s.chars().count() > 40 {
        format!("{}...", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use uuid::Uuid;

    use super::*;
    use crate::data::{Vector, Vectors};
    use crate::migrate::change::PropertyCopy;
    use crate::schema::{Property, VectorConfig};

    fn spec(config: CollectionConfig) -> RebuildSpec {
        RebuildSpec {
            name: "Book".into(),
            from: "Book_v1".into(),
            into: "Book_v2".into(),
            config,
            renamed: vec![PropertyCopy {
                from: "headline".into(),
                to: "title".into(),
            }],
            retarget: vec![("Book_v1".into(), "Book_v2".into())],
            alias_gap: false,
        }
    }

    fn old() -> CollectionConfig {
        CollectionConfig::new("Book_v1")
            .property(Property::new("headline", DataType::Text))
            .property(Property::new("pages", DataType::Int))
            .property(Property::new("dropped", DataType::Text))
            .property(Property::new("sequel", DataType::reference("Book_v1")))
            .property(Property::new(
                "credits",
                DataType::references(["Author", "Book_v1"]),
            ))
            .vector("own", VectorConfig::self_provided())
            .vector(
                "text",
                VectorConfig::new(
                    Vectorizer::new("text2vec-bigram").source_properties(["headline"]),
                ),
            )
    }

    fn new() -> CollectionConfig {
        CollectionConfig::new("Book_v2")
            .property(Property::new("title", DataType::Text))
            .property(Property::new("pages", DataType::Number))
            .property(Property::new("sequel", DataType::reference("Book_v2")))
            .property(Property::new(
                "credits",
                DataType::references(["Author", "Book_v2"]),
            ))
            .vector("own", VectorConfig::self_provided())
            .vector(
                "text",
                VectorConfig::new(Vectorizer::new("text2vec-bigram").source_properties(["title"])),
            )
    }

    fn object() -> Object {
        let id = Uuid::from_u128(1);
        let mut vectors = Vectors::default();
        vectors
            .named
            .insert("own".into(), Vector::Single(vec![1.0, 2.0]));
        vectors
            .named
            .insert("text".into(), Vector::Single(vec![3.0]));
        Object {
            id,
            collection: "Book_v1".into(),
            properties: json!({
                "headline": "Dune",
                "pages": 412,
                "dropped": "x",
                "sequel": [{"beacon": format!("weaviate://localhost/Book_v1/{}", Uuid::from_u128(2))}],
                "credits": [
                    {"beacon": format!("weaviate://localhost/Author/{}", Uuid::from_u128(3)), "properties": {}},
                    {"beacon": format!("weaviate://localhost/Book_v1/{}", Uuid::from_u128(4))},
                ],
            })
            .as_object()
            .cloned()
            .unwrap_or_default(),
            vectors,
            tenant: None,
            metadata: Default::default(),
        }
    }

    #[test]
    fn properties_are_renamed_converted_and_left_out_as_the_spec_says() {
        let m = Mapping::new(&old(), &spec(new())).unwrap();
        let o = m.object(&object()).unwrap();
        assert_eq!(o.id, Some(Uuid::from_u128(1)));
        assert_eq!(
            Value::Object(o.properties),
            json!({"title": "Dune", "pages": 412})
        );
        // The vectorizer's source properties changed: the new collection computes `text`.
        assert_eq!(o.vectors.named.keys().collect::<Vec<_>>(), ["own"]);
        assert!(o.vectors.default.is_none());
        assert!(
            m.left_out.iter().any(|l| l.contains("dropped")),
            "{:?}",
            m.left_out
        );
        assert!(m.left_out.iter().any(|l| l.contains("vector `text`")));
        assert_eq!(m.request.non_ref_properties, ["headline", "pages"]);
    }

    #[test]
    fn references_are_retargeted_and_name_their_collection_only_when_multi_target() {
        let m = Mapping::new(&old(), &spec(new())).unwrap();
        let refs = m.references(&object(), "Book_v2", Some("t1")).unwrap();
        assert_eq!(refs.len(), 3);
        assert_eq!(refs[0].property, "sequel");
        assert_eq!(refs[0].to, Beacon::from(Uuid::from_u128(2)));
        assert_eq!(refs[0].from_collection, "Book_v2");
        assert_eq!(refs[0].tenant.as_deref(), Some("t1"));
        assert_eq!(refs[1].to, Beacon::new("Author", Uuid::from_u128(3)));
        assert_eq!(refs[2].to, Beacon::new("Book_v2", Uuid::from_u128(4)));
        let requests = m.reference_requests();
        assert_eq!(
            requests.len(),
            3,
            "one per target of the multi-target property"
        );
    }

    #[test]
    fn a_reference_turning_into_a_value_is_refused() {
        let mut config = new();
        config.properties[2].data_type = DataType::Text;
        let e = Mapping::new(&old(), &spec(config)).unwrap_err();
        assert!(matches!(e, Error::InvalidInput { .. }));
        assert!(e.to_string().contains("`sequel`"), "{e}");
    }

    #[test]
    fn the_legacy_vector_travels_when_both_sides_have_it() {
        let old = CollectionConfig::new("A").property(Property::new("x", DataType::Text));
        let mut spec =
            spec(CollectionConfig::new("B").property(Property::new("x", DataType::Text)));
        spec.renamed.clear();
        let m = Mapping::new(&old, &spec).unwrap();
        let mut o = object();
        o.vectors.default = Some(vec![0.5]);
        assert_eq!(m.object(&o).unwrap().vectors.default, Some(vec![0.5]));
        assert!(m.object(&o).unwrap().vectors.named.is_empty());
    }

    #[test]
    fn values_convert_only_without_loss() {
        assert_eq!(convert(&json!("a"), &DataType::TextArray), Ok(json!(["a"])));
        assert_eq!(
            convert(&json!([1, 2]), &DataType::TextArray),
            Ok(json!(["1", "2"]))
        );
        assert_eq!(convert(&json!(["7"]), &DataType::Int), Ok(json!(7)));
        assert_eq!(convert(&json!(7.0), &DataType::Int), Ok(json!(7)));
        assert!(convert(&json!(7.5), &DataType::Int).is_err());
        assert!(convert(&json!([1, 2]), &DataType::Int).is_err());
        assert_eq!(convert(&json!("2.5"), &DataType::Number), Ok(json!(2.5)));
        assert_eq!(convert(&json!(true), &DataType::Text), Ok(json!("true")));
        assert_eq!(convert(&json!("false"), &DataType::Bool), Ok(json!(false)));
        assert_eq!(
            convert(&json!({"a": 1}), &DataType::ObjectArray),
            Ok(json!([{"a": 1}]))
        );
        assert_eq!(convert(&json!(3), &DataType::Number), Ok(json!(3)));
        let e = convert(&json!("many words"), &DataType::Int).unwrap_err();
        assert!(e.contains("\"many words\" is not a `int`"), "{e}");
    }

    #[test]
    fn vectors_are_recomputed_only_when_the_new_module_or_its_named_settings_differ() {
        let a = Vectorizer::new("m").setting("model", "x").setting("k", 1);
        assert!(!recomputed(
            Some(&a),
            Some(&Vectorizer::new("m").setting("model", "x"))
        ));
        assert!(recomputed(
            Some(&a),
            Some(&Vectorizer::new("m").setting("model", "y"))
        ));
        assert!(recomputed(Some(&a), Some(&Vectorizer::new("n"))));
        assert!(!recomputed(Some(&a), Some(&Vectorizer::none())));
        assert!(recomputed(None, Some(&Vectorizer::new("m"))));
        assert!(!recomputed(Some(&a), None));
    }
}
