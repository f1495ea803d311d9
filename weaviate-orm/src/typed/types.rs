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
