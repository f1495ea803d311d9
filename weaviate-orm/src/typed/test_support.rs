//! Hand-written implementations of the typed traits, as the derive would generate them, for the
//! unit tests of this module.

use serde_json::{Map, Value};
use uuid::Uuid;

use super::{
    __nested_from_grpc, __nested_from_json, __nested_to_json, __read_grpc, __read_json,
    PropertyValue, Reference, WeaviateCollection, WeaviateObject,
};
use crate::data::Vectors;
use crate::error::Result;
use crate::schema::{CollectionConfig, DataType, NestedProperty, Property};
use crate::typed::markers::VectorValue;
use crate::wire::v1 as pb;

fn put<T: PropertyValue>(map: &mut Map<String, Value>, name: &str, value: &T) -> Result<()> {
    if let Some(v) = value.to_json()? {
        map.insert(name.into(), v);
    }
    Ok(())
}

/// A nested object: `#[derive(WeaviateObject)] struct Point { x: i64, label: Option<String>, tags: Vec<String> }`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Point {
    pub x: i64,
    pub label: Option<String>,
    pub tags: Vec<String>,
}

impl WeaviateObject for Point {
    fn nested_properties() -> Vec<NestedProperty> {
        vec![
            NestedProperty::new("x", <i64>::data_type()),
            NestedProperty::new("label", <Option<String>>::data_type()),
            NestedProperty::new("tags", <Vec<String>>::data_type()),
        ]
    }

    fn to_properties(&self) -> Result<Map<String, Value>> {
        let mut map = Map::new();
        put(&mut map, "x", &self.x)?;
        put(&mut map, "label", &self.label)?;
        put(&mut map, "tags", &self.tags)?;
        Ok(map)
    }

    fn from_json_properties(properties: &Map<String, Value>) -> Result<Self> {
        Ok(Point {
            x: __read_json(properties, "x")?,
            label: __read_json(properties, "label")?,
            tags: __read_json(properties, "tags")?,
        })
    }

    fn from_grpc_properties(
        properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
    ) -> Result<Self> {
        Ok(Point {
            x: __read_grpc(properties, references, "x")?,
            label: __read_grpc(properties, references, "label")?,
            tags: __read_grpc(properties, references, "tags")?,
        })
    }
}

impl PropertyValue for Point {
    fn data_type() -> DataType {
        DataType::Object
    }

    fn nested_properties() -> Vec<NestedProperty> {
        <Point as WeaviateObject>::nested_properties()
    }

    fn to_json(&self) -> Result<Option<Value>> {
        __nested_to_json(self)
    }

    fn from_json(value: &Value) -> Result<Self> {
        __nested_from_json(value)
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        __nested_from_grpc(value)
    }
}

/// A collection: `struct Author { #[weaviate(id)] id: Uuid, name: String, #[weaviate(vector = "main")] main: Vec<f32>, mentor: Reference<Author> }`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Author {
    pub id: Uuid,
    pub name: String,
    pub main: Vec<f32>,
    pub mentor: Reference<Author>,
}

impl WeaviateObject for Author {
    fn nested_properties() -> Vec<NestedProperty> {
        vec![NestedProperty::new("name", String::data_type())]
    }

    fn to_properties(&self) -> Result<Map<String, Value>> {
        let mut map = Map::new();
        put(&mut map, "name", &self.name)?;
        put(&mut map, "mentor", &self.mentor)?;
        Ok(map)
    }

    fn from_json_properties(properties: &Map<String, Value>) -> Result<Self> {
        Ok(Author {
            id: Uuid::nil(),
            name: __read_json(properties, "name")?,
            main: Vec::new(),
            mentor: __read_json(properties, "mentor")?,
        })
    }

    fn from_grpc_properties(
        properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
    ) -> Result<Self> {
        Ok(Author {
            id: Uuid::nil(),
            name: __read_grpc(properties, references, "name")?,
            main: Vec::new(),
            mentor: __read_grpc(properties, references, "mentor")?,
        })
    }
}

impl WeaviateCollection for Author {
    const NAME: &'static str = "Author";
    const PROPERTY_NAMES: &'static [&'static str] = &["name", "mentor"];
    type Fields = ();

    fn collection_config() -> CollectionConfig {
        CollectionConfig::new(Self::NAME)
            .property(Property::new("name", String::data_type()))
            .property(Property::new("mentor", <Reference<Author>>::data_type()))
    }

    fn fields() -> Self::Fields {}

    fn id(&self) -> Option<Uuid> {
        Some(self.id)
    }

    fn vectors(&self) -> Vectors {
        let mut vectors = Vectors::default();
        if let Some(v) = self.main.to_vector() {
            vectors.named.insert("main".into(), v);
        }
        vectors
    }

    fn set_id_and_vectors(&mut self, id: Uuid, vectors: &Vectors) -> Result<()> {
        self.id = id;
        self.main = <Vec<f32>>::from_vector(vectors.get("main"))?;
        Ok(())
    }
}

/// A named vector as the server sends it in a reply's metadata.
pub(crate) fn grpc_vector(name: &str, v: &[f32]) -> pb::Vectors {
    pb::Vectors {
        name: name.into(),
        vector_bytes: v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        r#type: pb::vectors::VectorType::SingleFp32 as i32,
        ..Default::default()
    }
}
