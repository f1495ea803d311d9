//! What a typed search asks for, derived from `T`'s schema: every property by name (nested objects
//! with their sub-properties, so blobs come back too) and the ids of every reference.
//!
//! Weaviate 1.39 answers only the first of several requests on the same multi-target reference
//! property (it repeats that target's result for the others), so the other target collections are
//! fetched by extra searches and merged into the reply by object id.

use std::collections::HashMap;

use uuid::Uuid;

use super::decode::result_id;
use crate::error::{Error, Result};
use crate::schema::{DataType, NestedProperty};
use crate::typed::WeaviateCollection;
use crate::wire::v1 as pb;

pub(crate) struct Plan {
    primitive: Vec<String>,
    objects: Vec<pb::ObjectPropertiesRequest>,
    /// (property, target collections) of every reference; one target means "let the server resolve".
    references: Vec<(String, Vec<String>)>,
}

fn reference_request(property: &str, target: &str) -> pb::RefPropertiesRequest {
    pb::RefPropertiesRequest {
        reference_property: property.to_owned(),
        properties: Some(pb::PropertiesRequest::default()),
        metadata: Some(pb::MetadataRequest {
            uuid: true,
            ..Default::default()
        }),
        target_collection: target.to_owned(),
    }
}

fn object_request(name: &str, nested: &[NestedProperty]) -> pb::ObjectPropertiesRequest {
    let mut request = pb::ObjectPropertiesRequest {
        prop_name: name.to_owned(),
        ..Default::default()
    };
    for p in nested {
        if p.data_type.is_nested() {
            request
                .object_properties
                .push(object_request(&p.name, &p.nested_properties));
        } else {
            request.primitive_properties.push(p.name.clone());
        }
    }
    request
}

impl Plan {
    pub(crate) fn of<T: WeaviateCollection>() -> Self {
        let config = T::collection_config();
        let mut plan = Plan {
            primitive: Vec::new(),
            objects: Vec::new(),
            references: Vec::new(),
        };
        for p in &config.properties {
            match &p.data_type {
                DataType::Reference(targets) => {
                    let targets = if targets.len() > 1 {
                        targets.clone()
                    } else {
                        vec![String::new()]
                    };
                    plan.references.push((p.name.clone(), targets));
                }
                t if t.is_nested() => plan
                    .objects
                    .push(object_request(&p.name, &p.nested_properties)),
                _ => plan.primitive.push(p.name.clone()),
            }
        }
        plan
    }

    /// The properties of the main search: all properties, and each reference's first target.
    pub(crate) fn properties(&self) -> pb::PropertiesRequest {
        pb::PropertiesRequest {
            non_ref_properties: self.primitive.clone(),
            object_properties: self.objects.clone(),
            ref_properties: self
                .references
                .iter()
                .map(|(name, targets)| reference_request(name, &targets[0]))
                .collect(),
            ..Default::default()
        }
    }

    /// One more search per further target collection of a multi-target reference: the same search,
    /// asking only for that reference.
    pub(crate) fn extra_reference_requests(
        &self,
        main: &pb::SearchRequest,
    ) -> Vec<pb::SearchRequest> {
        let mut out = Vec::new();
        for (name, targets) in &self.references {
            for target in targets.iter().skip(1) {
                let mut request = main.clone();
                request.properties = Some(pb::PropertiesRequest {
                    ref_properties: vec![reference_request(name, target)],
                    ..Default::default()
                });
                request.metadata = Some(pb::MetadataRequest {
                    uuid: true,
                    ..Default::default()
                });
                out.push(request);
            }
        }
        out
    }
}

/// Adds the reference targets of `more` (a search for one reference) to the matching objects of
/// `reply`.
pub(crate) fn merge_references(reply: &mut pb::SearchReply, more: &pb::SearchReply) -> Result<()> {
    let mut extra: HashMap<Uuid, &[pb::RefPropertiesResult]> = HashMap::new();
    for r in &more.results {
        let meta = r
            .metadata
            .as_ref()
            .ok_or_else(|| Error::decode("search result without metadata"))?;
        let refs = r
            .properties
            .as_ref()
            .map_or(&[][..], |p| p.ref_props.as_slice());
        extra.insert(result_id(meta)?, refs);
    }
    for r in &mut reply.results {
        let Some(meta) = r.metadata.as_ref() else {
            continue;
        };
        let Some(refs) = extra.get(&result_id(meta)?) else {
            continue;
        };
        let props = r.properties.get_or_insert_with(Default::default);
        for add in refs.iter() {
            match props
                .ref_props
                .iter_mut()
                .find(|p| p.prop_name == add.prop_name)
            {
                Some(existing) => existing.properties.extend(add.properties.iter().cloned()),
                None => props.ref_props.push(add.clone()),
            }
        }
    }
    Ok(())
}
