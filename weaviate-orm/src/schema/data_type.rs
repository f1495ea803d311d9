//! Property data types and text tokenization.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::macros::string_enum;

/// The data type of a property: Weaviate's `dataType` array.
///
/// Primitive and nested types are a one-element array (`["text"]`, `["int[]"]`, `["object[]"]`);
/// a cross-reference lists its target collections (`["Author"]`, `["Author", "Publisher"]`).
///
/// ```
/// use weaviate_orm::schema::DataType;
///
/// assert_eq!(serde_json::to_value(DataType::BoolArray).unwrap(), serde_json::json!(["boolean[]"]));
/// let dt: DataType = serde_json::from_value(serde_json::json!(["Author", "Publisher"])).unwrap();
/// assert_eq!(dt, DataType::Reference(vec!["Author".into(), "Publisher".into()]));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DataType {
    /// `text`: a string, tokenized for keyword search.
    Text,
    /// `text[]`
    TextArray,
    /// `int`: a 64-bit integer.
    Int,
    /// `int[]`
    IntArray,
    /// `number`: a 64-bit float.
    Number,
    /// `number[]`
    NumberArray,
    /// `boolean`
    Bool,
    /// `boolean[]`
    BoolArray,
    /// `date`: an RFC 3339 timestamp.
    Date,
    /// `date[]`
    DateArray,
    /// `uuid`
    Uuid,
    /// `uuid[]`
    UuidArray,
    /// `geoCoordinates`: a latitude / longitude pair.
    GeoCoordinates,
    /// `phoneNumber`
    PhoneNumber,
    /// `blob`: base64-encoded binary data.
    Blob,
    /// `blobHash`: base64-encoded data of which only a SHA-256 hash is stored.
    BlobHash,
    /// `object`: a nested object, described by the property's nested properties.
    Object,
    /// `object[]`
    ObjectArray,
    /// A cross-reference to objects of the listed collections.
    Reference(Vec<String>),
    /// A data type this crate does not know (or a deprecated one such as `string`), kept verbatim.
    Other(Vec<String>),
}

const PRIMITIVES: &[(DataType, &str)] = &[
    (DataType::Text, "text"),
    (DataType::TextArray, "text[]"),
    (DataType::Int, "int"),
    (DataType::IntArray, "int[]"),
    (DataType::Number, "number"),
    (DataType::NumberArray, "number[]"),
    (DataType::Bool, "boolean"),
    (DataType::BoolArray, "boolean[]"),
    (DataType::Date, "date"),
    (DataType::DateArray, "date[]"),
    (DataType::Uuid, "uuid"),
    (DataType::UuidArray, "uuid[]"),
    (DataType::GeoCoordinates, "geoCoordinates"),
    (DataType::PhoneNumber, "phoneNumber"),
    (DataType::Blob, "blob"),
    (DataType::BlobHash, "blobHash"),
    (DataType::Object, "object"),
    (DataType::ObjectArray, "object[]"),
];

impl DataType {
    /// A cross-reference to one collection.
    ///
    /// ```
    /// use weaviate_orm::schema::DataType;
    /// assert_eq!(DataType::reference("Author"), DataType::Reference(vec!["Author".into()]));
    /// ```
    pub fn reference(target: impl Into<String>) -> Self {
        DataType::Reference(vec![target.into()])
    }

    /// A cross-reference to several collections.
    pub fn references<I, S>(targets: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        DataType::Reference(targets.into_iter().map(Into::into).collect())
    }

    /// Parses a `dataType` array as the server sends it.
    pub fn from_strings<S: AsRef<str>>(values: &[S]) -> Self {
        if let [single] = values {
            let single = single.as_ref();
            if let Some((dt, _)) = PRIMITIVES.iter().find(|(_, name)| *name == single) {
                return dt.clone();
            }
        }
        let is_class_name = |s: &str| s.chars().next().is_some_and(|c| c.is_uppercase());
        if !values.is_empty() && values.iter().all(|v| is_class_name(v.as_ref())) {
            DataType::Reference(values.iter().map(|v| v.as_ref().to_owned()).collect())
        } else {
            DataType::Other(values.iter().map(|v| v.as_ref().to_owned()).collect())
        }
    }

    /// The `dataType` array of this type.
    pub fn to_strings(&self) -> Vec<String> {
        match self {
            DataType::Reference(targets) | DataType::Other(targets) => targets.clone(),
            primitive => vec![primitive.primitive_name().unwrap_or_default().to_owned()],
        }
    }

    /// The name of a primitive or nested type (`"text"`, `"int[]"`, `"object"`), `None` for references
    /// and unknown types.
    pub fn primitive_name(&self) -> Option<&'static str> {
        PRIMITIVES
            .iter()
            .find(|(dt, _)| dt == self)
            .map(|(_, name)| *name)
    }

    /// Whether this is `text` or `text[]` (the types that take a tokenization and a searchable index).
    pub fn is_text(&self) -> bool {
        matches!(self, DataType::Text | DataType::TextArray)
    }

    /// Whether this is a cross-reference.
    pub fn is_reference(&self) -> bool {
        matches!(self, DataType::Reference(_))
    }

    /// Whether this is `object` or `object[]`.
    pub fn is_nested(&self) -> bool {
        matches!(self, DataType::Object | DataType::ObjectArray)
    }

    /// Whether this is an array type (`text[]`, `int[]`, ..., `object[]`).
    pub fn is_array(&self) -> bool {
        self.primitive_name().is_some_and(|n| n.ends_with("[]"))
    }
}

impl Serialize for DataType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_strings().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for DataType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let values = Vec::<String>::deserialize(deserializer)?;
        Ok(DataType::from_strings(&values))
    }
}

string_enum! {
    /// How a `text` / `text[]` property is split into tokens for the inverted index.
    pub enum Tokenization {
        /// `word` (default): split on non-alphanumeric characters, lowercase.
        Word => "word",
        /// `lowercase`: split on whitespace, lowercase.
        Lowercase => "lowercase",
        /// `whitespace`: split on whitespace, case-sensitive.
        Whitespace => "whitespace",
        /// `field`: the whole trimmed value is one token.
        Field => "field",
        /// `trigram`: rolling three-character sequences.
        Trigram => "trigram",
        /// `gse`: the gse tokenizer (Chinese / Japanese); needs `ENABLE_TOKENIZER_GSE` on the server.
        Gse => "gse",
        /// `gse_ch`: the gse tokenizer with a Chinese dictionary; needs `ENABLE_TOKENIZER_GSE_CH`.
        GseCh => "gse_ch",
        /// `kagome_ja`: the Kagome tokenizer with a Japanese dictionary; needs `ENABLE_TOKENIZER_KAGOME_JA`.
        KagomeJa => "kagome_ja",
        /// `kagome_kr`: the Kagome tokenizer with a Korean dictionary; needs `ENABLE_TOKENIZER_KAGOME_KR`.
        KagomeKr => "kagome_kr",
    }
}
