//! Named vectors and vectorizers.

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::vector_index::{VectorIndexConfig, VectorIndexType};

/// The vectorizer of a named vector: a module name and its settings.
///
/// In JSON it is an object with the module as its single key: `{"text2vec-openai": {"model": "..."}}`,
/// or `{"none": {}}` when the application brings its own vectors.
///
/// ```
/// use weaviate_orm::schema::Vectorizer;
///
/// let v = Vectorizer::new("text2vec-openai").setting("model", "text-embedding-3-small");
/// assert_eq!(
///     serde_json::to_value(&v).unwrap(),
///     serde_json::json!({"text2vec-openai": {"model": "text-embedding-3-small"}})
/// );
/// assert!(Vectorizer::none().is_self_provided());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Vectorizer {
    /// The module name (`"none"` for vectors brought by the application).
    pub module: String,
    /// The module's settings (e.g. `model`, `vectorizeClassName`, `properties`).
    pub settings: Map<String, Value>,
}

impl Vectorizer {
    /// The module name Weaviate uses for "no vectorizer".
    pub const NONE: &'static str = "none";

    /// A vectorizer module with no settings.
    pub fn new(module: impl Into<String>) -> Self {
        Vectorizer {
            module: module.into(),
            settings: Map::new(),
        }
    }

    /// No vectorizer: the application provides the vectors.
    pub fn none() -> Self {
        Self::new(Self::NONE)
    }

    /// Adds one setting.
    pub fn setting(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
        self.settings.insert(key.into(), value.into());
        self
    }

    /// Restricts vectorization to some properties (the `properties` setting of text vectorizers).
    pub fn source_properties<I, S>(self, properties: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let list: Vec<Value> = properties
            .into_iter()
            .map(|p| Value::String(p.into()))
            .collect();
        self.setting("properties", Value::Array(list))
    }

    /// Whether this is `none` (vectors brought by the application).
    pub fn is_self_provided(&self) -> bool {
        self.module == Self::NONE
    }
}

impl Serialize for Vectorizer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(&self.module, &self.settings)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for Vectorizer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct VectorizerVisitor;

        impl<'de> Visitor<'de> for VectorizerVisitor {
            type Value = Vectorizer;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object with a single vectorizer module as key")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Vectorizer, A::Error> {
                let Some((module, settings)) =
                    map.next_entry::<String, Option<Map<String, Value>>>()?
                else {
                    return Err(de::Error::custom("vectorizer object is empty"));
                };
                if map.next_key::<String>()?.is_some() {
                    return Err(de::Error::custom(
                        "vectorizer object has more than one module",
                    ));
                }
                Ok(Vectorizer {
                    module,
                    settings: settings.unwrap_or_default(),
                })
            }
        }

        deserializer.deserialize_map(VectorizerVisitor)
    }
}

/// A named vector (a value of the class's `vectorConfig` map): its vectorizer and its vector index.
///
/// ```
/// use weaviate_orm::schema::{Distance, VectorConfig, VectorIndexConfig, Vectorizer};
///
/// let byo = VectorConfig::new(Vectorizer::none())
///     .hnsw(VectorIndexConfig::new().distance(Distance::Dot));
/// let json = serde_json::to_value(&byo).unwrap();
/// assert_eq!(json["vectorIndexType"], "hnsw");
/// assert_eq!(json["vectorIndexConfig"]["distance"], "dot");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VectorConfig {
    /// The vectorizer (always present in configs the server accepts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vectorizer: Option<Vectorizer>,
    /// The vector index type (server default: `hnsw`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_index_type: Option<VectorIndexType>,
    /// The vector index settings (the server reports all of them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vector_index_config: Option<VectorIndexConfig>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl VectorConfig {
    /// A named vector with a vectorizer and the server's default index.
    pub fn new(vectorizer: Vectorizer) -> Self {
        VectorConfig {
            vectorizer: Some(vectorizer),
            vector_index_type: None,
            vector_index_config: None,
            extra: Map::new(),
        }
    }

    /// A named vector whose vectors the application provides (`{"none": {}}`).
    pub fn self_provided() -> Self {
        Self::new(Vectorizer::none())
    }

    /// Sets the index type and its settings.
    pub fn index(mut self, index_type: VectorIndexType, config: VectorIndexConfig) -> Self {
        self.vector_index_type = Some(index_type);
        self.vector_index_config = Some(config);
        self
    }

    /// Uses an HNSW index with these settings.
    pub fn hnsw(self, config: VectorIndexConfig) -> Self {
        self.index(VectorIndexType::Hnsw, config)
    }

    /// Uses a flat index with these settings.
    pub fn flat(self, config: VectorIndexConfig) -> Self {
        self.index(VectorIndexType::Flat, config)
    }

    /// Uses a dynamic index with these settings.
    pub fn dynamic(self, config: VectorIndexConfig) -> Self {
        self.index(VectorIndexType::Dynamic, config)
    }
}
