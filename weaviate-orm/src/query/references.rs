//! References in untyped searches: which reference properties to follow, and their targets as JSON.
//! (Typed searches expand references into the target's struct: [`Search::expand`](super::Search::expand).)

use serde_json::{Map, Value};

use super::decode::result_id;
use super::metadata::MetadataQuery;
use crate::encoding::grpc_values;
use crate::error::{Error, Result};
use crate::names::{check_collection_name, check_property_name};
use crate::wire::v1 as pb;

/// A reference property to return with each object of an untyped search, with the targets' ids
/// and (by default) all their non-blob properties.
///
/// The property then reads, in [`Object::properties`](crate::data::Object::properties), as REST
/// does: a list of `{"beacon": "weaviate://localhost/<Collection>/<id>"}`, each with a
/// `"properties"` object when the targets' properties were asked for (so
/// `T::from_object(&object)` still reads the reference ids).
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::QueryReference;
///
/// let books = client
///     .collection("Book")
///     .query()
///     .fetch_objects()
///     .return_references(QueryReference::new("author").properties(["name"]))
///     // a reference to several collections: one per target collection
///     .return_references(QueryReference::new("credits").target_collection("Author").ids_only())
///     .return_references(QueryReference::new("credits").target_collection("Publisher").ids_only())
///     .await?;
/// println!("{}", books[0].properties["author"][0]["properties"]["name"]);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct QueryReference {
    property: String,
    target_collection: Option<String>,
    properties: Option<Vec<String>>,
    metadata: MetadataQuery,
}

impl QueryReference {
    /// Follow reference property `property`.
    pub fn new(property: impl Into<String>) -> Self {
        QueryReference {
            property: property.into(),
            target_collection: None,
            properties: None,
            metadata: MetadataQuery::default(),
        }
    }

    /// Return only these properties of the targets.
    pub fn properties<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.properties = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Return only the targets' ids (beacons).
    pub fn ids_only(mut self) -> Self {
        self.properties = Some(Vec::new());
        self
    }

    /// The target collection: required for a reference property with several target collections
    /// (give one `QueryReference` per target collection).
    pub fn target_collection(mut self, collection: impl Into<String>) -> Self {
        self.target_collection = Some(collection.into());
        self
    }

    /// Metadata of the targets to ask for (the server computes it; it is not returned in the JSON).
    pub fn return_metadata(mut self, metadata: MetadataQuery) -> Self {
        self.metadata = metadata;
        self
    }

    pub(crate) fn to_proto(&self) -> Result<pb::RefPropertiesRequest> {
        check_property_name(&self.property)?;
        if let Some(c) = &self.target_collection {
            check_collection_name(c)?;
        }
        let properties = match &self.properties {
            None => pb::PropertiesRequest {
                return_all_nonref_properties: true,
                ..Default::default()
            },
            Some(names) => {
                for n in names {
                    check_property_name(n)?;
                }
                pb::PropertiesRequest {
                    non_ref_properties: names.clone(),
                    ..Default::default()
                }
            }
        };
        Ok(pb::RefPropertiesRequest {
            reference_property: self.property.clone(),
            properties: Some(properties),
            metadata: Some(self.metadata.to_proto(false, &[])),
            target_collection: self.target_collection.clone().unwrap_or_default(),
        })
    }
}

/// Adds the references of a result to its JSON properties (REST form: beacons, plus the targets'
/// properties when they were returned).
pub(crate) fn references_to_json(
    references: &[pb::RefPropertiesResult],
    properties: &mut Map<String, Value>,
) -> Result<()> {
    for r in references {
        let entry = properties
            .entry(r.prop_name.clone())
            .or_insert_with(|| Value::Array(Vec::new()));
        let Value::Array(items) = entry else {
            return Err(Error::decode(format!(
                "reference `{}` came as a property too",
                r.prop_name
            )));
        };
        for (i, target) in r.properties.iter().enumerate() {
            let meta = target.metadata.as_ref().ok_or_else(|| {
                Error::decode(format!("`{}`: reference {i} has no metadata", r.prop_name))
            })?;
            let id = result_id(meta)
                .map_err(|e| Error::decode(format!("`{}`: reference {i}: {e}", r.prop_name)))?;
            let mut item = Map::new();
            let beacon = if target.target_collection.is_empty() {
                format!("weaviate://localhost/{id}")
            } else {
                format!("weaviate://localhost/{}/{id}", target.target_collection)
            };
            item.insert("beacon".into(), Value::String(beacon));
            if let Some(props) = &target.non_ref_props {
                let mut json = grpc_values::properties_to_json(props)?;
                references_to_json(&target.ref_props, &mut json)?;
                item.insert("properties".into(), Value::Object(json));
            }
            items.push(Value::Object(item));
        }
    }
    Ok(())
}
