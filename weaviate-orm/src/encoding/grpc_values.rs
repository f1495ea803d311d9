//! JSON properties to and from gRPC values.
//!
//! Writes go through `google.protobuf.Struct`, which the server reads exactly like REST JSON. Reads come
//! back as Weaviate's typed `Properties`, which are mapped to the JSON the REST API would return.

use prost_types::value::Kind;
use serde_json::{Map, Number, Value};

use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// JSON object to `google.protobuf.Struct`.
pub(crate) fn json_to_struct(map: &Map<String, Value>) -> prost_types::Struct {
    prost_types::Struct {
        fields: map
            .iter()
            .map(|(k, v)| (k.clone(), json_to_value(v)))
            .collect(),
    }
}

fn json_to_value(v: &Value) -> prost_types::Value {
    let kind = match v {
        Value::Null => Kind::NullValue(0),
        Value::Bool(b) => Kind::BoolValue(*b),
        Value::Number(n) => Kind::NumberValue(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => Kind::StringValue(s.clone()),
        Value::Array(items) => Kind::ListValue(prost_types::ListValue {
            values: items.iter().map(json_to_value).collect(),
        }),
        Value::Object(map) => Kind::StructValue(json_to_struct(map)),
    };
    prost_types::Value { kind: Some(kind) }
}

/// Typed gRPC properties to JSON.
pub(crate) fn properties_to_json(props: &pb::Properties) -> Result<Map<String, Value>> {
    props
        .fields
        .iter()
        .map(|(k, v)| Ok((k.clone(), value_to_json(v).map_err(|e| in_field(e, k))?)))
        .collect()
}

fn in_field(e: Error, field: &str) -> Error {
    match e {
        Error::Decode { message } => Error::decode(format!("property `{field}`: {message}")),
        other => other,
    }
}

fn float(x: f64) -> Value {
    Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// f32 through its shortest decimal form, so 52.52f32 reads as 52.52 (as REST returns it).
fn float32(x: f32) -> Value {
    x.to_string().parse::<f64>().map_or(Value::Null, float)
}

pub(crate) fn value_to_json(v: &pb::Value) -> Result<Value> {
    use pb::value::Kind as K;
    let Some(kind) = &v.kind else {
        return Ok(Value::Null);
    };
    Ok(match kind {
        K::NumberValue(x) => float(*x),
        K::BoolValue(b) => Value::Bool(*b),
        K::ObjectValue(p) => Value::Object(properties_to_json(p)?),
        K::ListValue(list) => list_to_json(list)?,
        K::DateValue(s) | K::UuidValue(s) | K::BlobValue(s) | K::TextValue(s) => {
            Value::String(s.clone())
        }
        K::IntValue(i) => Value::Number((*i).into()),
        K::GeoValue(g) => {
            let mut m = Map::new();
            m.insert("latitude".into(), float32(g.latitude));
            m.insert("longitude".into(), float32(g.longitude));
            Value::Object(m)
        }
        K::PhoneValue(p) => phone_to_json(p),
        K::NullValue(_) => Value::Null,
    })
}

fn list_to_json(list: &pb::ListValue) -> Result<Value> {
    use pb::list_value::Kind as L;
    let Some(kind) = &list.kind else {
        return Ok(Value::Array(Vec::new()));
    };
    let strings = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
    Ok(match kind {
        L::NumberValues(n) => Value::Array(
            le_chunks::<8>(&n.values, "number")?
                .map(|b| float(f64::from_le_bytes(b)))
                .collect(),
        ),
        L::IntValues(n) => Value::Array(
            le_chunks::<8>(&n.values, "int")?
                .map(|b| Value::Number(i64::from_le_bytes(b).into()))
                .collect(),
        ),
        L::BoolValues(b) => Value::Array(b.values.iter().map(|x| Value::Bool(*x)).collect()),
        L::ObjectValues(o) => Value::Array(
            o.values
                .iter()
                .map(|p| properties_to_json(p).map(Value::Object))
                .collect::<Result<_>>()?,
        ),
        L::DateValues(d) => strings(&d.values),
        L::UuidValues(u) => strings(&u.values),
        L::TextValues(t) => strings(&t.values),
    })
}

fn le_chunks<'a, const N: usize>(
    bytes: &'a [u8],
    what: &str,
) -> Result<impl Iterator<Item = [u8; N]> + 'a> {
    if bytes.len() % N != 0 {
        return Err(Error::decode(format!(
            "{what} array of {} bytes is not a whole number of {N}-byte values",
            bytes.len()
        )));
    }
    Ok(bytes.chunks_exact(N).map(|c| {
        let mut a = [0u8; N];
        a.copy_from_slice(c);
        a
    }))
}

/// A phone number in the shape REST returns it.
fn phone_to_json(p: &pb::PhoneNumber) -> Value {
    let mut m = Map::new();
    m.insert("input".into(), Value::String(p.input.clone()));
    if !p.default_country.is_empty() {
        m.insert(
            "defaultCountry".into(),
            Value::String(p.default_country.clone()),
        );
    }
    if p.country_code != 0 {
        m.insert("countryCode".into(), Value::Number(p.country_code.into()));
    }
    if !p.international_formatted.is_empty() {
        m.insert(
            "internationalFormatted".into(),
            Value::String(p.international_formatted.clone()),
        );
    }
    if p.national != 0 {
        m.insert("national".into(), Value::Number(p.national.into()));
    }
    if !p.national_formatted.is_empty() {
        m.insert(
            "nationalFormatted".into(),
            Value::String(p.national_formatted.clone()),
        );
    }
    m.insert("valid".into(), Value::Bool(p.valid));
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_maps_to_struct_values() {
        let s = json_to_struct(
            json!({"a": 1, "b": [true, "x"], "c": {"d": null}})
                .as_object()
                .unwrap(),
        );
        assert_eq!(s.fields["a"].kind, Some(Kind::NumberValue(1.0)));
        match &s.fields["b"].kind {
            Some(Kind::ListValue(l)) => assert_eq!(l.values.len(), 2),
            other => panic!("{other:?}"),
        }
        match &s.fields["c"].kind {
            Some(Kind::StructValue(inner)) => {
                assert_eq!(inner.fields["d"].kind, Some(Kind::NullValue(0)))
            }
            other => panic!("{other:?}"),
        }
    }

    fn val(kind: pb::value::Kind) -> pb::Value {
        pb::Value { kind: Some(kind) }
    }

    #[test]
    fn typed_values_map_to_rest_json() {
        use pb::value::Kind as K;
        let mut props = pb::Properties::default();
        props.fields.insert("n".into(), val(K::IntValue(-3)));
        props.fields.insert(
            "geo".into(),
            val(K::GeoValue(pb::GeoCoordinate {
                latitude: 52.52,
                longitude: 13.405,
            })),
        );
        let ints: Vec<u8> = [1i64, -2].iter().flat_map(|i| i.to_le_bytes()).collect();
        props.fields.insert(
            "ints".into(),
            val(K::ListValue(pb::ListValue {
                kind: Some(pb::list_value::Kind::IntValues(pb::IntValues {
                    values: ints,
                })),
            })),
        );
        let nums: Vec<u8> = [0.5f64].iter().flat_map(|i| i.to_le_bytes()).collect();
        props.fields.insert(
            "nums".into(),
            val(K::ListValue(pb::ListValue {
                kind: Some(pb::list_value::Kind::NumberValues(pb::NumberValues {
                    values: nums,
                })),
            })),
        );
        props.fields.insert("none".into(), val(K::NullValue(0)));
        let json = properties_to_json(&props).unwrap();
        assert_eq!(
            Value::Object(json),
            json!({"n": -3, "geo": {"latitude": 52.52, "longitude": 13.405}, "ints": [1, -2], "nums": [0.5], "none": null})
        );
    }

    #[test]
    fn malformed_arrays_are_decode_errors_naming_the_field() {
        let mut props = pb::Properties::default();
        props.fields.insert(
            "bad".into(),
            val(pb::value::Kind::ListValue(pb::ListValue {
                kind: Some(pb::list_value::Kind::IntValues(pb::IntValues {
                    values: vec![1, 2, 3],
                })),
            })),
        );
        let err = properties_to_json(&props).unwrap_err();
        assert!(
            matches!(&err, Error::Decode { message } if message.contains("`bad`")),
            "{err:?}"
        );
    }
}
