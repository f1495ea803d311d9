//! What a typed search asks for, derived from the collection's schema: the properties of the
//! projection by name (nested objects with their sub-properties, so blobs come back too) and the ids
//! of its references (or, for expanded references, the targets' properties).
//!
//! The plan of a (collection, projection) pair and the expansion of a reference target are computed
//! once per type and kept for the process ([`typed_plan`], [`target_properties_of`]): a search does
//! not rebuild the collection's configuration.
//!
//! Weaviate 1.39 answers only the first of several requests on the same multi-target reference
//! property (it repeats that target's result for the others), so the builder sends the further
//! targets in extra searches and merges them into the reply by object id ([`split_references`],
//! [`merge_references`]).

use std::any::TypeId;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};

use uuid::Uuid;

use super::decode::result_id;
use super::projection::Projection;
use crate::error::{Error, Result};
use crate::schema::{CollectionConfig, DataType, NestedProperty};
use crate::typed::WeaviateCollection;
use crate::wire::v1 as pb;

/// A plan with its request for the plain case (no expanded references), ready to clone.
pub(crate) struct TypedPlan {
    pub(crate) plan: Plan,
    pub(crate) request: pb::PropertiesRequest,
}

type Cache<K, V> = OnceLock<RwLock<HashMap<K, Arc<V>>>>;

/// The value of `key` in `cache`, made by `make` the first time (an error is not kept).
fn cached<K, V>(
    cache: &'static Cache<K, V>,
    key: K,
    make: impl FnOnce() -> Result<V>,
) -> Result<Arc<V>>
where
    K: std::hash::Hash + Eq,
{
    let map = cache.get_or_init(Default::default);
    if let Some(found) = map.read().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Arc::clone(found));
    }
    let made = Arc::new(make()?);
    let mut map = map.write().unwrap_or_else(|e| e.into_inner());
    Ok(Arc::clone(map.entry(key).or_insert(made)))
}

/// The plan of projection `P` of collection `C`, computed once per pair.
pub(crate) fn typed_plan<C: WeaviateCollection, P: Projection<C>>() -> Result<Arc<TypedPlan>> {
    static PLANS: Cache<(TypeId, TypeId), TypedPlan> = OnceLock::new();
    cached(&PLANS, (TypeId::of::<C>(), TypeId::of::<P>()), || {
        let plan = Plan::subset(&C::collection_config(), &P::property_names())?;
        let request = plan.properties(&[])?;
        Ok(TypedPlan { plan, request })
    })
}

/// What to ask of the targets of an expanded reference to `U`, computed once per type.
pub(crate) fn target_properties_of<U: WeaviateCollection>() -> pb::PropertiesRequest {
    static TARGETS: Cache<TypeId, pb::PropertiesRequest> = OnceLock::new();
    cached(&TARGETS, TypeId::of::<U>(), || {
        Ok(Plan::target_properties(&U::collection_config()))
    })
    .map(|r| (*r).clone())
    .unwrap_or_default()
}

pub(crate) struct Plan {
    primitive: Vec<String>,
    objects: Vec<pb::ObjectPropertiesRequest>,
    /// (property, target collections) of every reference; one empty target means "let the server
    /// resolve" (single-target references).
    references: Vec<(String, Vec<String>)>,
}

fn reference_request(
    property: &str,
    target: &str,
    properties: Option<pb::PropertiesRequest>,
) -> pb::RefPropertiesRequest {
    pb::RefPropertiesRequest {
        reference_property: property.to_owned(),
        properties: Some(properties.unwrap_or_default()),
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
    /// The properties `names` of `config` (all of them must exist).
    pub(crate) fn subset(config: &CollectionConfig, names: &[String]) -> Result<Self> {
        let mut plan = Plan {
            primitive: Vec::new(),
            objects: Vec::new(),
            references: Vec::new(),
        };
        for name in names {
            let p = config
                .properties
                .iter()
                .find(|p| &p.name == name)
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "`{name}` is not a property of collection `{}`",
                        config.name
                    ))
                })?;
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
        Ok(plan)
    }

    /// What to ask of the targets of an expanded reference to `config`'s collection: all their
    /// properties, and the ids of their single-target references.
    pub(crate) fn target_properties(config: &CollectionConfig) -> pb::PropertiesRequest {
        let names: Vec<String> = config.properties.iter().map(|p| p.name.clone()).collect();
        let Ok(mut plan) = Plan::subset(config, &names) else {
            return pb::PropertiesRequest::default();
        };
        plan.references.retain(|(_, targets)| targets.len() == 1);
        pb::PropertiesRequest {
            non_ref_properties: plan.primitive,
            object_properties: plan.objects,
            ref_properties: plan
                .references
                .iter()
                .map(|(name, targets)| reference_request(name, &targets[0], None))
                .collect(),
            ..Default::default()
        }
    }

    /// The properties request: every property, and each reference's targets (one entry per target
    /// collection of a multi-target reference; `expand` gives what to ask of expanded targets).
    pub(crate) fn properties(
        &self,
        expand: &[(String, pb::PropertiesRequest)],
    ) -> Result<pb::PropertiesRequest> {
        for (name, _) in expand {
            match self.references.iter().find(|(n, _)| n == name) {
                None => {
                    return Err(Error::invalid(format!(
                        "cannot expand `{name}`: the query does not read that reference"
                    )));
                }
                Some((_, targets)) if targets.len() > 1 => {
                    return Err(Error::invalid(format!(
                        "cannot expand `{name}`: it is a multi-target reference"
                    )));
                }
                Some(_) => {}
            }
        }
        let mut refs = Vec::new();
        for (name, targets) in &self.references {
            let expansion = expand
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, p)| p.clone());
            for target in targets {
                refs.push(reference_request(name, target, expansion.clone()));
            }
        }
        Ok(pb::PropertiesRequest {
            non_ref_properties: self.primitive.clone(),
            object_properties: self.objects.clone(),
            ref_properties: refs,
            ..Default::default()
        })
    }
}

/// The request for properties `names` of `config`, exactly: nested objects with every
/// sub-property (so blobs come back, which "all properties" leaves out) and, for references, the
/// targets' ids (one entry per target collection of a multi-target reference).
pub(crate) fn properties_of(
    config: &CollectionConfig,
    names: &[String],
) -> Result<pb::PropertiesRequest> {
    Plan::subset(config, names)?.properties(&[])
}

/// Keeps the first request of each reference property in `properties` and returns the others,
/// each as the properties request of one extra search.
pub(crate) fn split_references(
    properties: &mut pb::PropertiesRequest,
) -> Vec<pb::PropertiesRequest> {
    let mut seen: Vec<String> = Vec::new();
    let mut keep = Vec::new();
    let mut extra = Vec::new();
    for r in properties.ref_properties.drain(..) {
        if seen.contains(&r.reference_property) {
            extra.push(pb::PropertiesRequest {
                ref_properties: vec![r],
                ..Default::default()
            });
        } else {
            seen.push(r.reference_property.clone());
            keep.push(r);
        }
    }
    properties.ref_properties = keep;
    extra
}

fn results_mut(reply: &mut pb::SearchReply) -> impl Iterator<Item = &mut pb::SearchResult> {
    let flat = reply.results.iter_mut();
    let grouped = reply
        .group_by_results
        .iter_mut()
        .flat_map(|g| g.objects.iter_mut());
    flat.chain(grouped)
}

fn results(reply: &pb::SearchReply) -> impl Iterator<Item = &pb::SearchResult> {
    let grouped = reply.group_by_results.iter().flat_map(|g| g.objects.iter());
    reply.results.iter().chain(grouped)
}

/// Adds the reference targets of `more` (a search for one reference) to the matching objects of
/// `reply`.
pub(crate) fn merge_references(reply: &mut pb::SearchReply, more: &pb::SearchReply) -> Result<()> {
    let mut extra: HashMap<Uuid, &[pb::RefPropertiesResult]> = HashMap::new();
    for r in results(more) {
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
    for r in results_mut(reply) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Property;

    fn config() -> CollectionConfig {
        CollectionConfig::new("Book")
            .property(Property::new("title", DataType::Text))
            .property(Property::new("author", DataType::reference("Author")))
            .property(Property::new(
                "credits",
                DataType::Reference(vec!["Author".into(), "Publisher".into()]),
            ))
    }

    #[test]
    fn subsets_ask_for_their_properties_and_expand_references() {
        let c = config();
        let plan = Plan::subset(&c, &["title".into(), "author".into()]).unwrap();
        let expansion = pb::PropertiesRequest {
            non_ref_properties: vec!["name".into()],
            ..Default::default()
        };
        let p = plan
            .properties(&[("author".into(), expansion.clone())])
            .unwrap();
        assert_eq!(p.non_ref_properties, ["title"]);
        assert_eq!(p.ref_properties.len(), 1);
        assert_eq!(p.ref_properties[0].properties, Some(expansion.clone()));
        assert!(Plan::subset(&c, &["nope".into()]).is_err());
        assert!(plan.properties(&[("title".into(), expansion)]).is_err());
    }

    #[test]
    fn a_typed_plan_is_computed_once_per_type() {
        use crate::typed::test_support::Author;
        let first = typed_plan::<Author, Author>().unwrap();
        let again = typed_plan::<Author, Author>().unwrap();
        assert!(Arc::ptr_eq(&first, &again), "the same plan, not a new one");
        let names: Vec<String> = Author::collection_config()
            .properties
            .into_iter()
            .map(|p| p.name)
            .collect();
        let fresh = Plan::subset(&Author::collection_config(), &names)
            .unwrap()
            .properties(&[])
            .unwrap();
        assert_eq!(first.request, fresh);
        assert_eq!(
            target_properties_of::<Author>(),
            Plan::target_properties(&Author::collection_config())
        );
    }

    #[test]
    fn further_targets_of_a_reference_become_extra_searches() {
        let c = config();
        let names: Vec<String> = c.properties.iter().map(|p| p.name.clone()).collect();
        let mut p = Plan::subset(&c, &names).unwrap().properties(&[]).unwrap();
        assert_eq!(p.ref_properties.len(), 3);
        let extra = split_references(&mut p);
        assert_eq!(p.ref_properties.len(), 2);
        assert_eq!(extra.len(), 1);
        assert_eq!(extra[0].ref_properties[0].target_collection, "Publisher");
    }
}
