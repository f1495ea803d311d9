//! Objects in the REST API's JSON form (`/v1/objects`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::data::{Metadata, NewObject, Object, Vector, Vectors};
use crate::error::{Error, Result};

/// The body of POST/PUT/PATCH `/v1/objects`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ObjectBody<'a> {
    pub class: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    pub properties: &'a Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vector: Option<&'a Vec<f32>>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub vectors: BTreeMap<&'a str, VectorJson<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum VectorJson<'a> {
    Single(&'a Vec<f32>),
    Multi(&'a Vec<Vec<f32>>),
}

impl<'a> ObjectBody<'a> {
    pub(crate) fn new(
        collection: &'a str,
        object: &'a NewObject,
        id: Option<Uuid>,
        tenant: Option<&'a str>,
    ) -> Self {
        ObjectBody {
            class: collection,
            id,
            properties: &object.properties,
            vector: object.vectors.default.as_ref(),
            vectors: object
                .vectors
                .named
                .iter()
                .map(|(k, v)| {
                    let json = match v {
                        Vector::Single(v) => VectorJson::Single(v),
                        Vector::Multi(v) => VectorJson::Multi(v),
                    };
                    (k.as_str(), json)
                })
                .collect(),
            tenant,
        }
    }
}

/// An object as REST returns it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ObjectReply {
    class: Option<String>,
    id: Option<Uuid>,
    #[serde(default)]
    properties: Option<Map<String, Value>>,
    #[serde(default)]
    vector: Option<Vec<f32>>,
    #[serde(default)]
    vectors: Option<BTreeMap<String, Value>>,
    #[serde(default)]
    tenant: Option<String>,
    #[serde(default)]
    creation_time_unix: Option<i64>,
    #[serde(default)]
    last_update_time_unix: Option<i64>,
}

fn millis(ms: Option<i64>) -> Option<DateTime<Utc>> {
    ms.and_then(DateTime::from_timestamp_millis)
}

impl ObjectReply {
    pub(crate) fn into_object(self) -> Result<Object> {
        let id = self
            .id
            .ok_or_else(|| Error::decode("object without an id"))?;
        let mut vectors = Vectors {
            default: self.vector.filter(|v| !v.is_empty()),
            named: BTreeMap::new(),
        };
        for (name, value) in self.vectors.unwrap_or_default() {
            let vector = if value
                .as_array()
                .and_then(|a| a.first())
                .is_some_and(Value::is_array)
            {
                Vector::Multi(serde_json::from_value(value).map_err(|e| {
                    Error::decode(format!("object {id}: multi-vector `{name}`: {e}"))
                })?)
            } else {
                Vector::Single(
                    serde_json::from_value(value)
                        .map_err(|e| Error::decode(format!("object {id}: vector `{name}`: {e}")))?,
                )
            };
            vectors.named.insert(name, vector);
        }
        Ok(Object {
            id,
            collection: self.class.unwrap_or_default(),
            properties: self.properties.unwrap_or_default(),
            vectors,
            tenant: self.tenant.filter(|t| !t.is_empty()),
            metadata: Metadata {
                creation_time: millis(self.creation_time_unix),
                update_time: millis(self.last_update_time_unix),
                ..Metadata::default()
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn body_has_named_single_and_multi_vectors() {
        let obj = NewObject::new(json!({"t": "x"}))
            .unwrap()
            .named_vector("a", vec![1.0, 2.0])
            .named_vector("m", vec![vec![1.0], vec![2.0]]);
        let id = Uuid::nil();
        let body = serde_json::to_value(ObjectBody::new("A", &obj, Some(id), Some("t1"))).unwrap();
        assert_eq!(
            body,
            json!({"class": "A", "id": id, "properties": {"t": "x"}, "vectors": {"a": [1.0, 2.0], "m": [[1.0], [2.0]]}, "tenant": "t1"})
        );
    }

    #[test]
    fn reply_decodes_times_and_vectors() {
        let reply: ObjectReply = serde_json::from_value(json!({
            "class": "A", "id": "6f1c2d3e-0000-4000-8000-000000000001", "properties": {"t": "x"},
            "vectors": {"a": [0.5], "m": [[1.0, 2.0]]}, "creationTimeUnix": 1700000000123i64,
            "lastUpdateTimeUnix": 1700000000456i64
        }))
        .unwrap();
        let obj = reply.into_object().unwrap();
        assert_eq!(obj.vectors.get("a"), Some(&Vector::Single(vec![0.5])));
        assert_eq!(
            obj.vectors.get("m"),
            Some(&Vector::Multi(vec![vec![1.0, 2.0]]))
        );
        assert_eq!(
            obj.metadata.creation_time.unwrap().timestamp_millis(),
            1700000000123
        );
        assert!(obj.vectors.default.is_none());
    }
}
