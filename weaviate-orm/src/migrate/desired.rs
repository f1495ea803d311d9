//! The desired state: what the structs declare.

use serde::{Deserialize, Serialize};

use crate::schema::CollectionConfig;
use crate::typed::registry::{self, RegisteredCollection};
use crate::typed::{Renames, WeaviateCollection};

use super::change::PropertyCopy;

/// One collection as the application declares it: its config and its former names.
///
/// ```
/// use weaviate_orm::migrate::Desired;
/// use weaviate_orm::schema::{CollectionConfig, DataType, Property};
///
/// let d = Desired::new(CollectionConfig::new("Note").property(Property::new("body", DataType::Text)))
///     .renamed_from("Memo")
///     .property_renamed("text", "body");
/// assert_eq!(d.renamed_from.as_deref(), Some("Memo"));
/// assert_eq!(d.former_name_of("body"), Some("text"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Desired {
    /// The config the struct describes (before the server's defaults).
    pub config: CollectionConfig,
    /// The collection's former name: when it exists on the server and the new name does not, the
    /// migration rebuilds from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renamed_from: Option<String>,
    /// Properties whose values come from a property of another name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renamed_properties: Vec<PropertyCopy>,
    /// The Rust type declaring it, for messages (`my_app::Article`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rust_type: Option<String>,
}

impl Desired {
    /// A collection declared by a config built by hand.
    pub fn new(config: CollectionConfig) -> Self {
        Desired {
            config,
            renamed_from: None,
            renamed_properties: Vec::new(),
            rust_type: None,
        }
    }

    /// The collection a derived struct declares, with its `renamed_from` attributes.
    pub fn of<T: WeaviateCollection>() -> Self {
        Self::with_renames(
            T::collection_config(),
            T::RENAMES,
            Some(std::any::type_name::<T>().to_owned()),
        )
    }

    /// Every collection registered in this program by `#[derive(WeaviateCollection)]`, sorted by name.
    pub fn registered() -> Vec<Desired> {
        registry::collections()
            .into_iter()
            .map(Self::from_registered)
            .collect()
    }

    fn from_registered(r: &RegisteredCollection) -> Self {
        Self::with_renames((r.config)(), r.renames, Some(r.rust_type.to_owned()))
    }

    fn with_renames(config: CollectionConfig, renames: Renames, rust_type: Option<String>) -> Self {
        Desired {
            config,
            renamed_from: renames.collection.map(str::to_owned),
            renamed_properties: renames
                .properties
                .iter()
                .map(|r| PropertyCopy {
                    from: r.from.to_owned(),
                    to: r.to.to_owned(),
                })
                .collect(),
            rust_type,
        }
    }

    /// Declares the collection's former name.
    pub fn renamed_from(mut self, old: impl Into<String>) -> Self {
        self.renamed_from = Some(old.into());
        self
    }

    /// Declares that property `new` was called `old` on the server.
    pub fn property_renamed(mut self, old: impl Into<String>, new: impl Into<String>) -> Self {
        self.renamed_properties.push(PropertyCopy {
            from: old.into(),
            to: new.into(),
        });
        self
    }

    /// The collection's name as the server spells it (first letter uppercased).
    pub fn name(&self) -> String {
        super::normalize::class_name(&self.config.name)
    }

    /// The former name of property `property`, if it was renamed.
    pub fn former_name_of(&self, property: &str) -> Option<&str> {
        self.renamed_properties
            .iter()
            .find(|r| r.to == property)
            .map(|r| r.from.as_str())
    }
}
