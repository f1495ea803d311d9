//! One difference between a struct and the server: its class, what differs, why, and the exact server
//! operation that resolves it.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::collections::InvertedIndexKind;
use crate::schema::{CollectionConfig, Property, Tokenization};

/// How a difference can be resolved, in the order `apply` runs them.
///
/// ```
/// use weaviate_orm::migrate::ChangeClass;
/// assert!(ChangeClass::InPlace < ChangeClass::Reindex);
/// assert_eq!(ChangeClass::Rebuild.to_string(), "rebuild");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeClass {
    /// A collection that does not exist yet is created.
    Create,
    /// One GET-modify-PUT of the class, or a POST of a property: immediate, no data touched.
    InPlace,
    /// An inverted index is built, changed or dropped by a task on the server (possibly long).
    Reindex,
    /// Impossible in place: a new collection is built from the struct and every object copied into it
    /// (blue/green, behind an alias). Needs an explicit opt-in per collection.
    Rebuild,
    /// On the server but declared by no struct: reported, never deleted.
    Drift,
}

impl ChangeClass {
    /// The word used in plans: `create`, `in place`, `reindex`, `rebuild`, `drift`.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeClass::Create => "create",
            ChangeClass::InPlace => "in place",
            ChangeClass::Reindex => "reindex",
            ChangeClass::Rebuild => "rebuild",
            ChangeClass::Drift => "drift",
        }
    }
}

impl fmt::Display for ChangeClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One edit of a class's JSON inside a GET-modify-PUT: set the value at a JSON pointer (creating
/// objects on the way), or remove it. Fields the crate does not model are untouched because the edits
/// are applied to the JSON the server returned, not to a re-serialized model.
///
/// ```
/// use serde_json::json;
/// use weaviate_orm::migrate::JsonEdit;
///
/// let mut class = json!({"class": "Article", "invertedIndexConfig": {"bm25": {"b": 0.75, "k1": 1.2}}, "x": 1});
/// JsonEdit::set("/invertedIndexConfig/bm25/b", json!(0.5)).apply(&mut class).unwrap();
/// JsonEdit::remove("/x").apply(&mut class).unwrap();
/// assert_eq!(class, json!({"class": "Article", "invertedIndexConfig": {"bm25": {"b": 0.5, "k1": 1.2}}}));
///
/// // Properties are addressed by name.
/// let mut class = json!({"properties": [{"name": "a"}, {"name": "title", "dataType": ["text"]}]});
/// JsonEdit::set("/properties/title/description", json!("The headline")).apply(&mut class).unwrap();
/// assert_eq!(class["properties"][1]["description"], "The headline");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JsonEdit {
    /// An RFC 6901 JSON pointer into the class object, e.g. `/vectorConfig/title/vectorIndexConfig/ef`.
    pub pointer: String,
    /// The new value; `None` removes the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

impl JsonEdit {
    /// Sets `pointer` to `value`.
    pub fn set(pointer: impl Into<String>, value: Value) -> Self {
        JsonEdit {
            pointer: pointer.into(),
            value: Some(value),
        }
    }

    /// Removes `pointer`.
    pub fn remove(pointer: impl Into<String>) -> Self {
        JsonEdit {
            pointer: pointer.into(),
            value: None,
        }
    }

    /// Applies the edit to a class's JSON. In arrays of named objects (`properties`,
    /// `nestedProperties`) a token selects the element by its `name`. Fails with
    /// [`Error::Conflict`](crate::Error::Conflict) when the class is not shaped as the plan expected.
    pub fn apply(&self, target: &mut Value) -> crate::Result<()> {
        let tokens: Vec<String> = self
            .pointer
            .split('/')
            .skip(1)
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect();
        let Some((last, parents)) = tokens.split_last() else {
            return Err(crate::Error::invalid(format!(
                "JSON pointer `{}` names no field",
                self.pointer
            )));
        };
        let mut node = target;
        for token in parents {
            node = match node {
                // Arrays of named objects (properties, nested properties) are addressed by name.
                Value::Array(items) => items
                    .iter_mut()
                    .find(|item| item.get("name").and_then(Value::as_str) == Some(token))
                    .ok_or_else(|| not_an_object(&self.pointer, token))?,
                Value::Object(map) => {
                    let next = map
                        .entry(token.clone())
                        .or_insert_with(|| Value::Object(Default::default()));
                    if next.is_null() {
                        *next = Value::Object(Default::default());
                    }
                    next
                }
                _ => return Err(not_an_object(&self.pointer, token)),
            };
        }
        let Value::Object(map) = node else {
            return Err(not_an_object(&self.pointer, last));
        };
        match &self.value {
            Some(value) => {
                map.insert(last.clone(), value.clone());
            }
            None => {
                map.remove(last);
            }
        }
        Ok(())
    }

    /// The pointer in dotted form for people: `vectorConfig.title.vectorIndexConfig.ef`.
    pub fn path(&self) -> String {
        self.pointer
            .trim_start_matches('/')
            .replace('/', ".")
            .replace("~1", "/")
            .replace("~0", "~")
    }
}

fn not_an_object(pointer: &str, token: &str) -> crate::Error {
    crate::Error::Conflict {
        message: format!(
            "the live class has no object where the plan edits `{pointer}` (at `{token}`); plan again"
        ),
    }
}

/// Escapes one JSON pointer token (`~` and `/`).
pub(crate) fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A property whose values a rebuild copies from a former name (`#[weaviate(renamed_from = "old")]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PropertyCopy {
    /// The property in the old collection.
    pub from: String,
    /// The property in the new collection.
    pub to: String,
}

/// A blue/green rebuild of one collection: the new physical collection built from the struct, the
/// objects copied into it, then the name switched over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RebuildSpec {
    /// The name applications use (the struct's collection name): an alias after the rebuild.
    pub name: String,
    /// The physical collection the data is copied from.
    pub from: String,
    /// The physical collection created from the struct (`Name_v2`, `Name_v3`, ...).
    pub into: String,
    /// The config `into` is created with (the struct's, with reference targets resolved to physical
    /// collections and undeclared properties and vectors carried along unless pruned).
    pub config: CollectionConfig,
    /// Values copied from a property of another name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renamed: Vec<PropertyCopy>,
    /// Reference properties whose targets move to a rebuilt collection: beacons are rewritten from the
    /// old physical name to the new one (`(old, new)` pairs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retarget: Vec<(String, String)>,
    /// `name` is a real collection today, so it is deleted after the copy is verified and the alias
    /// created after it: for that moment the name resolves to nothing.
    pub alias_gap: bool,
}

/// The exact server operation a change resolves to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Operation {
    /// `POST /v1/schema` (and `POST /v1/aliases` when created behind an alias).
    CreateCollection {
        /// The config sent, under its physical name.
        config: Box<CollectionConfig>,
        /// The alias created for it (the struct's name), when the physical name differs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alias: Option<String>,
    },
    /// One `GET` then `PUT /v1/schema/{collection}` with these edits (all in-place changes of one
    /// collection go into the same PUT).
    UpdateClass {
        /// The physical collection.
        collection: String,
        /// The edits of this change.
        edits: Vec<JsonEdit>,
    },
    /// `POST /v1/schema/{collection}/properties`.
    AddProperty {
        /// The physical collection.
        collection: String,
        /// The property, as sent.
        property: Box<Property>,
    },
    /// `DELETE /v1/schema/{collection}/properties/{property}/index/{index}` (Weaviate 1.36+).
    DropIndex {
        /// The physical collection.
        collection: String,
        /// The property.
        property: String,
        /// The index dropped.
        index: InvertedIndexKind,
    },
    /// `PUT /v1/schema/{collection}/properties/{property}/index/{index}` (Weaviate 1.39+): a task
    /// the migration waits for.
    UpsertIndex {
        /// The physical collection.
        collection: String,
        /// The property.
        property: String,
        /// The index built or changed.
        index: InvertedIndexKind,
        /// The target tokenization, when it changes (or when a searchable index is created).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        tokenization: Option<Tokenization>,
        /// The target BM25 algorithm (`blockmax`), when it changes.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        algorithm: Option<String>,
    },
    /// A blue/green rebuild (several changes of one collection share it).
    Rebuild(Box<RebuildSpec>),
    /// Nothing is done (drift is reported only).
    None,
}

impl Operation {
    /// The operation in one line for people.
    pub fn summary(&self) -> String {
        match self {
            Operation::CreateCollection { config, alias } => match alias {
                Some(alias) => format!(
                    "POST /v1/schema {} + POST /v1/aliases {alias} -> {}",
                    config.name, config.name
                ),
                None => format!("POST /v1/schema {}", config.name),
            },
            Operation::UpdateClass { collection, edits } => {
                let paths: Vec<String> = edits.iter().map(JsonEdit::path).collect();
                format!("PUT /v1/schema/{collection} ({})", paths.join(", "))
            }
            Operation::AddProperty {
                collection,
                property,
            } => {
                format!("POST /v1/schema/{collection}/properties {}", property.name)
            }
            Operation::DropIndex {
                collection,
                property,
                index,
            } => format!("DELETE /v1/schema/{collection}/properties/{property}/index/{index}"),
            Operation::UpsertIndex {
                collection,
                property,
                index,
                tokenization,
                algorithm,
            } => {
                let mut body = Vec::new();
                if let Some(t) = tokenization {
                    body.push(format!("tokenization {t}"));
                }
                if let Some(a) = algorithm {
                    body.push(format!("algorithm {a}"));
                }
                let body = if body.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", body.join(", "))
                };
                format!(
                    "PUT /v1/schema/{collection}/properties/{property}/index/{index}{body}, then wait for the task"
                )
            }
            Operation::Rebuild(spec) => {
                if spec.alias_gap {
                    format!(
                        "rebuild: create {}, copy from {}, verify, delete {} and alias {} -> {} (a gap)",
                        spec.into, spec.from, spec.from, spec.name, spec.into
                    )
                } else {
                    format!(
                        "rebuild: create {}, copy from {}, verify, alias {} -> {}",
                        spec.into, spec.from, spec.name, spec.into
                    )
                }
            }
            Operation::None => "none (reported only)".to_owned(),
        }
    }
}

/// One difference between what the structs declare and what the server has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// How it is resolved.
    pub class: ChangeClass,
    /// The collection, by the name applications use.
    pub collection: String,
    /// What differs, e.g. `property title: tokenization word -> field`.
    pub what: String,
    /// Why it is of its class, in words.
    pub reason: String,
    /// What `apply` sends.
    pub operation: Operation,
    /// Why `apply` refuses this change as configured (an opt-in flag it needs, a server version it
    /// needs); `None` when it will run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blocked: Option<String>,
}

impl Change {
    pub(crate) fn new(
        class: ChangeClass,
        collection: &str,
        what: impl Into<String>,
        reason: impl Into<String>,
        operation: Operation,
    ) -> Self {
        Change {
            class,
            collection: collection.to_owned(),
            what: what.into(),
            reason: reason.into(),
            operation,
            blocked: None,
        }
    }
}
