//! Objects as the engine sees them: properties as JSON, vectors, id and metadata.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::error::{Error, Result};

/// Largest integer magnitude Weaviate stores exactly (ints are float64 on the server).
pub const MAX_SAFE_INTEGER: u64 = 1 << 53;

/// One vector of an object: a single embedding or a multi-vector (ColBERT-style list of embeddings).
#[derive(Clone, Debug, PartialEq)]
pub enum Vector {
    /// A single embedding.
    Single(Vec<f32>),
    /// Several embeddings of one dimension.
    Multi(Vec<Vec<f32>>),
}

impl From<Vec<f32>> for Vector {
    fn from(v: Vec<f32>) -> Self {
        Vector::Single(v)
    }
}

impl From<Vec<Vec<f32>>> for Vector {
    fn from(v: Vec<Vec<f32>>) -> Self {
        Vector::Multi(v)
    }
}

impl Vector {
    /// Checks that every value is finite and a multi-vector's rows share one non-zero dimension.
    pub(crate) fn validate(&self, name: &str) -> Result<()> {
        let bad = |i: usize| {
            Error::invalid(format!(
                "vector `{name}` has a non-finite value (NaN or infinity) at position {i}"
            ))
        };
        match self {
            Vector::Single(v) => match v.iter().position(|x| !x.is_finite()) {
                Some(i) => Err(bad(i)),
                None => Ok(()),
            },
            Vector::Multi(rows) => {
                let dim = rows.first().map_or(0, Vec::len);
                for (r, row) in rows.iter().enumerate() {
                    if row.len() != dim || dim == 0 {
                        return Err(Error::invalid(format!(
                            "multi-vector `{name}`: row {r} has {} values, expected {dim} (all rows need one non-zero dimension)",
                            row.len()
                        )));
                    }
                    if let Some(i) = row.iter().position(|x| !x.is_finite()) {
                        return Err(bad(r * dim + i));
                    }
                }
                if dim > usize::from(u16::MAX) {
                    return Err(Error::invalid(format!(
                        "multi-vector `{name}`: dimension {dim} exceeds 65535"
                    )));
                }
                Ok(())
            }
        }
    }
}

/// The vectors of an object: the collection's default (unnamed) vector and any named vectors.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vectors {
    /// The legacy single vector of a collection without named vectors.
    pub default: Option<Vec<f32>>,
    /// Named vectors by name.
    pub named: BTreeMap<String, Vector>,
}

impl Vectors {
    /// Whether there is no vector at all.
    ///
    /// ```
    /// use weaviate_orm::data::Vectors;
    ///
    /// assert!(Vectors::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.default.is_none() && self.named.is_empty()
    }

    /// A named vector, if present.
    ///
    /// ```
    /// use weaviate_orm::data::{NewObject, Vector};
    ///
    /// let obj = NewObject::default().named_vector("title_vec", vec![0.5, 0.5]);
    /// assert_eq!(obj.vectors.get("title_vec"), Some(&Vector::Single(vec![0.5, 0.5])));
    /// assert_eq!(obj.vectors.get("body_vec"), None);
    /// ```
    pub fn get(&self, name: &str) -> Option<&Vector> {
        self.named.get(name)
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if let Some(v) = &self.default {
            Vector::Single(v.clone()).validate("default")?;
        }
        for (name, v) in &self.named {
            v.validate(name)?;
        }
        Ok(())
    }
}

/// Metadata the server returns with an object. Fields are `None` when not requested or not applicable.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Metadata {
    /// When the object was created.
    pub creation_time: Option<DateTime<Utc>>,
    /// When the object was last updated.
    pub update_time: Option<DateTime<Utc>>,
    /// Vector distance to the query (vector searches).
    pub distance: Option<f32>,
    /// Certainty (cosine distance only).
    pub certainty: Option<f32>,
    /// Score (bm25, hybrid).
    pub score: Option<f32>,
    /// The server's explanation of the score.
    pub explain_score: Option<String>,
    /// Whether all replicas agreed on this object.
    pub is_consistent: Option<bool>,
    /// Score given by a reranker.
    pub rerank_score: Option<f64>,
}

/// An object read from Weaviate.
#[derive(Clone, Debug, PartialEq)]
pub struct Object {
    /// The object's id.
    pub id: Uuid,
    /// The collection it belongs to.
    pub collection: String,
    /// Its properties as JSON (dates and uuids as strings, geo as `{latitude, longitude}`,
    /// references as lists of `{"beacon": ...}`).
    pub properties: Map<String, Value>,
    /// Its vectors, when requested.
    pub vectors: Vectors,
    /// The tenant, in a multi-tenant collection.
    pub tenant: Option<String>,
    /// Metadata: times, distances, scores.
    pub metadata: Metadata,
}

/// An object to write: properties, an optional id (a random one is chosen otherwise) and vectors.
///
/// ```
/// use serde_json::json;
/// use weaviate_orm::data::NewObject;
///
/// let obj = NewObject::new(json!({"title": "Hello", "views": 3}))
///     .unwrap()
///     .named_vector("title_vec", vec![0.1, 0.2, 0.3]);
/// assert!(obj.validate().is_ok());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NewObject {
    /// The id; `None` lets the client choose a random (v4) one.
    pub id: Option<Uuid>,
    /// Properties as JSON.
    pub properties: Map<String, Value>,
    /// Vectors to store (omit to let the collection's vectorizer compute them).
    pub vectors: Vectors,
}

impl NewObject {
    /// An object with these properties; `properties` must be a JSON object.
    ///
    /// ```
    /// use serde_json::json;
    /// use weaviate_orm::data::NewObject;
    ///
    /// let obj = NewObject::new(json!({"title": "Hello"}))?;
    /// assert_eq!(obj.properties["title"], "Hello");
    /// assert!(NewObject::new(json!(["not", "an", "object"])).is_err());
    /// # Ok::<(), weaviate_orm::Error>(())
    /// ```
    pub fn new(properties: Value) -> Result<Self> {
        match properties {
            Value::Object(map) => Ok(NewObject {
                properties: map,
                ..NewObject::default()
            }),
            other => Err(Error::invalid(format!(
                "object properties must be a JSON object, got {}",
                json_kind(&other)
            ))),
        }
    }

    /// An object with these properties, as a map.
    ///
    /// ```
    /// use serde_json::{Map, json};
    /// use weaviate_orm::data::NewObject;
    ///
    /// let mut properties = Map::new();
    /// properties.insert("views".into(), json!(3));
    /// assert_eq!(NewObject::from_map(properties).properties["views"], 3);
    /// ```
    pub fn from_map(properties: Map<String, Value>) -> Self {
        NewObject {
            properties,
            ..NewObject::default()
        }
    }

    /// Sets the id.
    ///
    /// ```
    /// use weaviate_orm::data::NewObject;
    ///
    /// let id = uuid::Uuid::new_v4();
    /// assert_eq!(NewObject::default().id(id).id, Some(id));
    /// ```
    pub fn id(mut self, id: Uuid) -> Self {
        self.id = Some(id);
        self
    }

    /// Sets the default (unnamed) vector.
    ///
    /// ```
    /// use weaviate_orm::data::NewObject;
    ///
    /// let obj = NewObject::default().vector(vec![0.1, 0.2]);
    /// assert_eq!(obj.vectors.default, Some(vec![0.1, 0.2]));
    /// ```
    pub fn vector(mut self, vector: Vec<f32>) -> Self {
        self.vectors.default = Some(vector);
        self
    }

    /// Sets a named vector (single or multi).
    ///
    /// ```
    /// use weaviate_orm::data::{NewObject, Vector};
    ///
    /// let obj = NewObject::default().named_vector("colbert", vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
    /// assert!(matches!(obj.vectors.get("colbert"), Some(Vector::Multi(rows)) if rows.len() == 2));
    /// ```
    pub fn named_vector(mut self, name: impl Into<String>, vector: impl Into<Vector>) -> Self {
        self.vectors.named.insert(name.into(), vector.into());
        self
    }

    /// Checks what can be checked before sending: finite vector values, integers within ±2^53.
    ///
    /// ```
    /// use serde_json::json;
    /// use weaviate_orm::data::NewObject;
    ///
    /// assert!(NewObject::new(json!({"views": 3}))?.validate().is_ok());
    /// assert!(NewObject::new(json!({"views": 9_007_199_254_740_993u64}))?.validate().is_err());
    /// assert!(NewObject::default().vector(vec![f32::NAN]).validate().is_err());
    /// # Ok::<(), weaviate_orm::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        self.vectors.validate()?;
        for (name, value) in &self.properties {
            check_numbers(value, name)?;
        }
        Ok(())
    }
}

/// Rejects integers Weaviate would silently round (beyond ±2^53).
pub(crate) fn check_numbers(value: &Value, path: &str) -> Result<()> {
    match value {
        Value::Number(n) => {
            let too_big = match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => i.unsigned_abs() > MAX_SAFE_INTEGER,
                (None, Some(u)) => u > MAX_SAFE_INTEGER,
                _ => false,
            };
            if too_big {
                return Err(Error::invalid(format!(
                    "property `{path}`: integer {n} is beyond ±2^53 and would lose precision in Weaviate (store it as text)"
                )));
            }
            Ok(())
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .try_for_each(|(i, v)| check_numbers(v, &format!("{path}[{i}]"))),
        Value::Object(map) => map
            .iter()
            .try_for_each(|(k, v)| check_numbers(v, &format!("{path}.{k}"))),
        _ => Ok(()),
    }
}

pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn non_finite_vectors_are_rejected_before_sending() {
        let obj = NewObject::default().vector(vec![0.1, f32::NAN]);
        let err = obj.validate().unwrap_err();
        assert!(err.to_string().contains("position 1"), "{err}");
        let obj =
            NewObject::default().named_vector("m", vec![vec![1.0, 2.0], vec![f32::INFINITY, 0.0]]);
        assert!(obj.validate().unwrap_err().to_string().contains("`m`"));
    }

    #[test]
    fn ragged_multi_vectors_are_rejected() {
        let obj = NewObject::default().named_vector("m", vec![vec![1.0, 2.0], vec![1.0]]);
        assert!(obj.validate().unwrap_err().to_string().contains("row 1"));
    }

    #[test]
    fn integers_beyond_2_pow_53_are_rejected_with_their_path() {
        let ok =
            NewObject::new(json!({"n": 9007199254740992i64, "m": -9007199254740992i64})).unwrap();
        assert!(ok.validate().is_ok());
        let bad = NewObject::new(json!({"nested": {"list": [1, 9007199254740993u64]}})).unwrap();
        let err = bad.validate().unwrap_err();
        assert!(err.to_string().contains("nested.list[1]"), "{err}");
        let bad = NewObject::new(json!({"n": -9007199254740993i64})).unwrap();
        assert!(bad.validate().is_err());
    }

    #[test]
    fn properties_must_be_an_object() {
        let err = NewObject::new(json!([1, 2])).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }));
        assert!(err.to_string().contains("an array"));
    }
}
