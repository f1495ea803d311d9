//! Property types with no Rust standard equivalent: geo coordinates, phone numbers, blobs.

/// A point on Earth (`geoCoordinates`). Weaviate stores each coordinate as a 32-bit float.
#[derive(Clone, Copy, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct GeoCoordinates {
    /// Latitude in degrees, -90 to 90.
    pub latitude: f32,
    /// Longitude in degrees, -180 to 180.
    pub longitude: f32,
}

/// A phone number (`phoneNumber`). Write `input` (and `default_country` for national numbers); the
/// server parses it and fills in the other fields on read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PhoneNumber {
    /// The number as given, e.g. `+49 30 1234567` or `030 1234567`.
    pub input: String,
    /// ISO 3166-1 alpha-2 country for national numbers, e.g. `DE`.
    pub default_country: Option<String>,
    /// Parsed by the server: country calling code.
    pub country_code: Option<u64>,
    /// Parsed by the server: the national number.
    pub national: Option<u64>,
    /// Parsed by the server: international format.
    pub international_formatted: Option<String>,
    /// Parsed by the server: national format.
    pub national_formatted: Option<String>,
    /// Parsed by the server: whether the number is valid.
    pub valid: Option<bool>,
}

/// Binary data (`blob`), base64 on the wire.
#[derive(Clone, Debug, PartialEq, Eq, Default, Hash)]
pub struct Blob(pub Vec<u8>);

use base64::Engine as _;
use serde_json::{Map, Value};

use super::PropertyValue;
use super::value::{expected, grpc_kind, json_kind};
use crate::error::{Error, Result};
use crate::schema::DataType;
use crate::wire::v1 as pb;

use pb::value::Kind as K;

/// f32 through its shortest decimal form, so 52.52f32 is written (and read by REST) as 52.52.
fn f32_json(x: f32) -> Value {
    x.to_string()
        .parse::<f64>()
        .ok()
        .and_then(serde_json::Number::from_f64)
        .map_or(Value::Null, Value::Number)
}

fn f32_member(map: &Map<String, Value>, key: &str) -> Result<f32> {
    match map.get(key) {
        Some(Value::Number(n)) => Ok(n.as_f64().unwrap_or(f64::NAN) as f32),
        Some(other) => Err(Error::Decode {
            message: format!("`{key}`: expected a number, got {}", json_kind(other)),
        }),
        None => Err(Error::Decode {
            message: format!("geo coordinates without `{key}`"),
        }),
    }
}

/// `geoCoordinates`: JSON `{"latitude": .., "longitude": ..}`, gRPC `GeoValue` (float32s).
///
/// Weaviate keeps 32-bit floats (52.123456789 reads back as 52.123455) and does not check ranges
/// itself; this type refuses non-finite or out-of-range coordinates before sending.
///
/// ```
/// use serde_json::json;
/// use weaviate_orm::typed::{GeoCoordinates, PropertyValue};
///
/// let berlin = GeoCoordinates { latitude: 52.52, longitude: 13.405 };
/// let json = berlin.to_json()?.unwrap();
/// assert_eq!(json, json!({"latitude": 52.52, "longitude": 13.405}));
/// assert_eq!(GeoCoordinates::from_json(&json)?, berlin);
/// # Ok::<(), weaviate_orm::Error>(())
/// ```
impl PropertyValue for GeoCoordinates {
    fn data_type() -> DataType {
        DataType::GeoCoordinates
    }

    fn to_json(&self) -> Result<Option<Value>> {
        let Self {
            latitude,
            longitude,
        } = *self;
        if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
            return Err(Error::InvalidInput {
                message: format!(
                    "geo coordinates ({latitude}, {longitude}) are out of range: latitude must be within -90..=90, longitude within -180..=180"
                ),
            });
        }
        let mut map = Map::new();
        map.insert("latitude".into(), f32_json(latitude));
        map.insert("longitude".into(), f32_json(longitude));
        Ok(Some(Value::Object(map)))
    }

    fn from_json(value: &Value) -> Result<Self> {
        match value {
            Value::Object(map) => Ok(GeoCoordinates {
                latitude: f32_member(map, "latitude")?,
                longitude: f32_member(map, "longitude")?,
            }),
            other => Err(expected("geo coordinates (an object)", json_kind(other))),
        }
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        match &value.kind {
            Some(K::GeoValue(g)) => Ok(GeoCoordinates {
                latitude: g.latitude,
                longitude: g.longitude,
            }),
            _ => Err(expected("geo coordinates", grpc_kind(value))),
        }
    }
}

fn opt_string(map: &Map<String, Value>, key: &str) -> Result<Option<String>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(Error::Decode {
            message: format!("`{key}`: expected a string, got {}", json_kind(other)),
        }),
    }
}

fn opt_u64(map: &Map<String, Value>, key: &str) -> Result<Option<u64>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_u64().map(Some).ok_or_else(|| Error::Decode {
            message: format!("`{key}`: expected a non-negative integer, got {n}"),
        }),
        Some(other) => Err(Error::Decode {
            message: format!("`{key}`: expected an integer, got {}", json_kind(other)),
        }),
    }
}

/// `phoneNumber`: written as `{"input", "defaultCountry"}`; the server parses it and returns the
/// full object (`countryCode`, `national`, `internationalFormatted`, `nationalFormatted`, `valid`).
///
/// Verified on Weaviate 1.39: a national number (`030 1234567`) without `defaultCountry` is refused
/// ("invalid or missing defaultCountry"), as is input that is not a number. Over gRPC, unset parts
/// come as empty strings and zeros; they read as `None`. A written value therefore reads back with
/// the parsed fields filled in.
///
/// ```
/// use serde_json::json;
/// use weaviate_orm::typed::{PhoneNumber, PropertyValue};
///
/// let phone = PhoneNumber { input: "030 1234567".into(), default_country: Some("DE".into()), ..Default::default() };
/// assert_eq!(phone.to_json()?, Some(json!({"input": "030 1234567", "defaultCountry": "DE"})));
/// let read = PhoneNumber::from_json(&json!({
///     "input": "030 1234567", "defaultCountry": "DE", "countryCode": 49, "national": 301234567,
///     "internationalFormatted": "+49 30 1234567", "nationalFormatted": "030 1234567", "valid": true
/// }))?;
/// assert_eq!(read.country_code, Some(49));
/// # Ok::<(), weaviate_orm::Error>(())
/// ```
impl PropertyValue for PhoneNumber {
    fn data_type() -> DataType {
        DataType::PhoneNumber
    }

    fn to_json(&self) -> Result<Option<Value>> {
        if self.input.trim().is_empty() {
            return Err(Error::InvalidInput {
                message: "phone number with an empty `input`".into(),
            });
        }
        let mut map = Map::new();
        map.insert("input".into(), Value::String(self.input.clone()));
        if let Some(country) = self.default_country.as_ref().filter(|c| !c.is_empty()) {
            map.insert("defaultCountry".into(), Value::String(country.clone()));
        }
        Ok(Some(Value::Object(map)))
    }

    fn from_json(value: &Value) -> Result<Self> {
        let Value::Object(map) = value else {
            return Err(expected("a phone number (an object)", json_kind(value)));
        };
        let valid = match map.get("valid") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                return Err(Error::Decode {
                    message: format!("`valid`: expected a boolean, got {}", json_kind(other)),
                });
            }
        };
        Ok(PhoneNumber {
            input: opt_string(map, "input")?.ok_or_else(|| Error::Decode {
                message: "phone number without `input`".into(),
            })?,
            default_country: opt_string(map, "defaultCountry")?,
            country_code: opt_u64(map, "countryCode")?,
            national: opt_u64(map, "national")?,
            international_formatted: opt_string(map, "internationalFormatted")?,
            national_formatted: opt_string(map, "nationalFormatted")?,
            valid,
        })
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        let Some(K::PhoneValue(p)) = &value.kind else {
            return Err(expected("a phone number", grpc_kind(value)));
        };
        let text = |s: &String| Some(s.clone()).filter(|s| !s.is_empty());
        let number = |n: u64| Some(n).filter(|n| *n != 0);
        Ok(PhoneNumber {
            input: p.input.clone(),
            default_country: text(&p.default_country),
            country_code: number(p.country_code),
            national: number(p.national),
            international_formatted: text(&p.international_formatted),
            national_formatted: text(&p.national_formatted),
            valid: Some(p.valid),
        })
    }
}

/// Standard base64 that reads padded and unpadded input (the server only accepts padded input,
/// and that is what is written).
const BASE64_READ: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

fn blob_from_str(s: &str) -> Result<Blob> {
    BASE64_READ.decode(s).map(Blob).map_err(|e| Error::Decode {
        message: format!("blob is not valid base64: {e}"),
    })
}

/// `blob`: standard base64 with padding on the wire (Weaviate 1.39 refuses unpadded, empty or
/// non-base64 input, so an empty blob is refused before sending). Note that gRPC searches return blobs only when asked for by name:
/// "all properties" leaves them out.
///
/// ```
/// use serde_json::json;
/// use weaviate_orm::typed::{Blob, PropertyValue};
///
/// let blob = Blob(b"hello".to_vec());
/// assert_eq!(blob.to_json()?, Some(json!("aGVsbG8=")));
/// assert_eq!(Blob::from_json(&json!("aGVsbG8="))?, blob);
/// # Ok::<(), weaviate_orm::Error>(())
/// ```
impl PropertyValue for Blob {
    fn data_type() -> DataType {
        DataType::Blob
    }

    fn to_json(&self) -> Result<Option<Value>> {
        if self.0.is_empty() {
            return Err(Error::InvalidInput {
                message: "an empty blob cannot be stored (Weaviate refuses an empty base64 string); use `Option<Blob>` and `None`".into(),
            });
        }
        Ok(Some(Value::String(
            base64::engine::general_purpose::STANDARD.encode(&self.0),
        )))
    }

    fn from_json(value: &Value) -> Result<Self> {
        match value {
            Value::String(s) => blob_from_str(s),
            other => Err(expected("a base64 string", json_kind(other))),
        }
    }

    /// Reads a `BlobValue` (a `TextValue` is accepted too).
    fn from_grpc(value: &pb::Value) -> Result<Self> {
        match &value.kind {
            Some(K::BlobValue(s) | K::TextValue(s)) => blob_from_str(s),
            _ => Err(expected("a blob", grpc_kind(value))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn val(kind: K) -> pb::Value {
        pb::Value { kind: Some(kind) }
    }

    fn is_decode<T: std::fmt::Debug>(r: Result<T>) -> bool {
        matches!(r, Err(Error::Decode { .. }))
    }

    #[test]
    fn geo_round_trips_json_and_grpc() {
        let g = GeoCoordinates {
            latitude: 52.52,
            longitude: 13.405,
        };
        assert_eq!(GeoCoordinates::data_type(), DataType::GeoCoordinates);
        let j = g.to_json().unwrap().unwrap();
        assert_eq!(j, json!({"latitude": 52.52, "longitude": 13.405}));
        assert_eq!(GeoCoordinates::from_json(&j).unwrap(), g);
        let grpc = val(K::GeoValue(pb::GeoCoordinate {
            longitude: 13.405,
            latitude: 52.52,
        }));
        assert_eq!(GeoCoordinates::from_grpc(&grpc).unwrap(), g);
        assert_eq!(
            GeoCoordinates::from_json(&json!({"latitude": 52.123456789, "longitude": 0})).unwrap(),
            GeoCoordinates {
                latitude: 52.123455,
                longitude: 0.0
            }
        );
    }

    #[test]
    fn geo_refuses_bad_input_and_malformed_replies() {
        let bad = |latitude, longitude| {
            matches!(
                GeoCoordinates {
                    latitude,
                    longitude
                }
                .to_json(),
                Err(Error::InvalidInput { .. })
            )
        };
        assert!(bad(f32::NAN, 0.0));
        assert!(bad(0.0, f32::INFINITY));
        assert!(bad(90.5, 0.0));
        assert!(bad(0.0, -180.5));
        assert!(!bad(-90.0, 180.0));
        assert!(is_decode(GeoCoordinates::from_json(
            &json!({"latitude": 1})
        )));
        assert!(is_decode(GeoCoordinates::from_json(
            &json!({"latitude": "1", "longitude": 2})
        )));
        assert!(is_decode(GeoCoordinates::from_json(&json!([1, 2]))));
        assert!(is_decode(GeoCoordinates::from_grpc(&val(K::NumberValue(
            1.0
        )))));
    }

    #[test]
    fn phone_writes_input_and_country_and_reads_the_full_object() {
        let p = PhoneNumber {
            input: "030 1234567".into(),
            default_country: Some("DE".into()),
            country_code: Some(49),
            ..Default::default()
        };
        assert_eq!(PhoneNumber::data_type(), DataType::PhoneNumber);
        assert_eq!(
            p.to_json().unwrap(),
            Some(json!({"input": "030 1234567", "defaultCountry": "DE"}))
        );
        let intl = PhoneNumber {
            input: "+1 202-555-0143".into(),
            ..Default::default()
        };
        assert_eq!(
            intl.to_json().unwrap(),
            Some(json!({"input": "+1 202-555-0143"}))
        );
        assert!(matches!(
            PhoneNumber::default().to_json(),
            Err(Error::InvalidInput { .. })
        ));
        // As Weaviate 1.39 returns it over REST.
        let rest = json!({"countryCode": 49, "defaultCountry": "DE", "input": "030 1234567",
            "internationalFormatted": "+49 30 1234567", "national": 301234567,
            "nationalFormatted": "030 1234567", "valid": true});
        let full = PhoneNumber {
            input: "030 1234567".into(),
            default_country: Some("DE".into()),
            country_code: Some(49),
            national: Some(301234567),
            international_formatted: Some("+49 30 1234567".into()),
            national_formatted: Some("030 1234567".into()),
            valid: Some(true),
        };
        assert_eq!(PhoneNumber::from_json(&rest).unwrap(), full);
        // And over gRPC.
        let grpc = val(K::PhoneValue(pb::PhoneNumber {
            country_code: 49,
            default_country: "DE".into(),
            input: "030 1234567".into(),
            international_formatted: "+49 30 1234567".into(),
            national: 301234567,
            national_formatted: "030 1234567".into(),
            valid: true,
        }));
        assert_eq!(PhoneNumber::from_grpc(&grpc).unwrap(), full);
        let grpc = val(K::PhoneValue(pb::PhoneNumber {
            input: "+1 202-555-0143".into(),
            ..Default::default()
        }));
        let read = PhoneNumber::from_grpc(&grpc).unwrap();
        assert_eq!(read.default_country, None);
        assert_eq!(read.country_code, None);
    }

    #[test]
    fn malformed_phones_are_decode_errors() {
        assert!(is_decode(PhoneNumber::from_json(&json!({"valid": true}))));
        assert!(is_decode(PhoneNumber::from_json(&json!({"input": 5}))));
        assert!(is_decode(PhoneNumber::from_json(
            &json!({"input": "1", "countryCode": -1})
        )));
        assert!(is_decode(PhoneNumber::from_json(
            &json!({"input": "1", "valid": "yes"})
        )));
        assert!(is_decode(PhoneNumber::from_json(&json!("+1 202"))));
        assert!(is_decode(PhoneNumber::from_grpc(&val(K::TextValue(
            "+1".into()
        )))));
    }

    #[test]
    fn blob_is_padded_standard_base64() {
        let b = Blob(vec![0, 1, 2, 0xfb, 0xff]);
        assert_eq!(Blob::data_type(), DataType::Blob);
        let j = b.to_json().unwrap().unwrap();
        assert_eq!(j, json!("AAEC+/8="));
        assert_eq!(Blob::from_json(&j).unwrap(), b);
        assert_eq!(Blob::from_json(&json!("AAEC+/8")).unwrap(), b);
        assert_eq!(
            Blob::from_grpc(&val(K::BlobValue("AAEC".into()))).unwrap(),
            Blob(vec![0, 1, 2])
        );
        assert!(matches!(
            Blob::default().to_json(),
            Err(Error::InvalidInput { .. })
        ));
        assert_eq!(Blob::from_json(&json!("")).unwrap(), Blob::default());
        assert!(is_decode(Blob::from_json(&json!("not base64!!"))));
        assert!(is_decode(Blob::from_json(&json!([1, 2]))));
        assert!(is_decode(Blob::from_grpc(&val(K::IntValue(1)))));
    }
}
