//! Cross-references: properties that point at objects of other collections.
//!
//! Wire facts, checked against Weaviate 1.39:
//! - REST writes and reads a reference as a list of `{"beacon": "weaviate://localhost/<Collection>/<uuid>"}`
//!   (reads add an `href`). A beacon without collection (`weaviate://localhost/<uuid>`) is accepted;
//!   for a single-target property the server fills in the collection, for a multi-target one it
//!   keeps the beacon as written. gRPC batch writes take the same beacons.
//! - gRPC searches never return references among the properties (asking for one as a plain property
//!   fails with "invalid type: models.MultipleRef"); they come in `ref_props`, one
//!   `RefPropertiesResult` per asked-for property, each target a `PropertiesResult` with
//!   `target_collection`, `metadata.id` (when the uuid was asked for) and `non_ref_props` (when
//!   properties were asked for: `None` for an empty list of properties, but every property for a
//!   missing `PropertiesRequest`). An object without the reference has no `RefPropertiesResult` for
//!   it; one with an empty reference has one without targets.

use std::marker::PhantomData;

use serde_json::{Map, Value};
use uuid::Uuid;

use super::value::{expected, grpc_kind, is_grpc_null, json_kind};
use super::{PropertyValue, WeaviateCollection};
use crate::error::{Error, Result};
use crate::schema::DataType;
use crate::wire::v1 as pb;

/// A reference property to objects of collection `T` (`dataType: ["T"]`). Holds the target ids; the
/// query layer can also expand the targets into `T` values.
///
/// Written as a list of beacons naming `T`'s collection. A reference without targets is left out
/// when writing (so that writing back a struct read without its references, which reads as no
/// targets, cannot erase them); clear references with a full replace or the reference API.
///
/// ```
/// use serde_json::json;
/// use uuid::Uuid;
/// use weaviate_orm::typed::{PropertyValue, Reference};
/// # use weaviate_orm::typed::WeaviateCollection;
/// # fn demo<Author: WeaviateCollection>() -> weaviate_orm::Result<()> {
/// let id = Uuid::nil();
/// let author = Reference::<Author>::to([id]);
/// let beacon = format!("weaviate://localhost/{}/{id}", Author::NAME);
/// assert_eq!(author.to_json()?, Some(json!([{"beacon": beacon}])));
/// assert_eq!(Reference::<Author>::from_json(&json!([{"beacon": beacon}]))?.ids, vec![id]);
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Reference<T> {
    /// Target object ids, in the server's order.
    pub ids: Vec<Uuid>,
    /// The targets themselves, when a query asked to expand them.
    pub objects: Option<Vec<T>>,
    _target: PhantomData<fn() -> T>,
}

impl<T> Default for Reference<T> {
    fn default() -> Self {
        Reference {
            ids: Vec::new(),
            objects: None,
            _target: PhantomData,
        }
    }
}

impl<T> Reference<T> {
    /// A reference to these targets.
    pub fn to<I: IntoIterator<Item = Uuid>>(ids: I) -> Self {
        Reference {
            ids: ids.into_iter().collect(),
            ..Reference::default()
        }
    }

    /// No targets.
    pub fn none() -> Self {
        Reference::default()
    }
}

/// One target of a [`MultiReference`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ReferenceTarget {
    /// The target's collection.
    pub collection: String,
    /// The target's id.
    pub id: Uuid,
}

/// A reference property whose targets may be in several collections (`dataType: ["A", "B"]`),
/// declared with `#[weaviate(targets(A, B))]`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiReference {
    /// The targets, in the server's order.
    pub targets: Vec<ReferenceTarget>,
}

/// Parses a beacon: `weaviate://<host>/<Collection>/<uuid>` or `weaviate://<host>/<uuid>`.
/// Returns the collection (when named) and the id.
fn parse_beacon(beacon: &str) -> Result<(Option<String>, Uuid)> {
    let bad = |why: &str| Error::Decode {
        message: format!("`{beacon}` is not a beacon ({why})"),
    };
    let rest = beacon
        .strip_prefix("weaviate://")
        .ok_or_else(|| bad("expected `weaviate://`"))?;
    let parts: Vec<&str> = rest.split('/').collect();
    let (collection, id) = match parts.as_slice() {
        [_host, id] => (None, *id),
        [_host, collection, id] if !collection.is_empty() => (Some((*collection).to_owned()), *id),
        _ => return Err(bad("expected `weaviate://localhost/<Collection>/<uuid>`")),
    };
    let id = Uuid::parse_str(id).map_err(|_| bad("the id is not a UUID"))?;
    Ok((collection, id))
}

/// Reads a REST reference list: beacons (any `href` is ignored); `null` is no targets.
pub(crate) fn beacons_from_json(value: &Value) -> Result<Vec<(Option<String>, Uuid)>> {
    let items = match value {
        Value::Array(items) => items,
        Value::Null => return Ok(Vec::new()),
        other => return Err(expected("a list of beacons", json_kind(other))),
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let beacon =
                item.get("beacon")
                    .and_then(Value::as_str)
                    .ok_or_else(|| Error::Decode {
                        message: format!(
                            "reference {i}: expected an object with a `beacon` string, got {}",
                            json_kind(item)
                        ),
                    })?;
            parse_beacon(beacon).map_err(|e| match e {
                Error::Decode { message } => Error::Decode {
                    message: format!("reference {i}: {message}"),
                },
                e => e,
            })
        })
        .collect()
}

fn beacon(collection: &str, id: Uuid) -> Value {
    let mut map = Map::new();
    map.insert(
        "beacon".into(),
        Value::String(format!("weaviate://localhost/{collection}/{id}")),
    );
    Value::Object(map)
}

/// The targets of property `name` in a gRPC result, `None` when the reply has no entry for it.
fn grpc_targets<'a>(
    references: &'a [pb::RefPropertiesResult],
    name: &str,
) -> Option<&'a [pb::PropertiesResult]> {
    references
        .iter()
        .find(|r| r.prop_name == name)
        .map(|r| r.properties.as_slice())
}

/// A reference target's id, from its metadata (raw bytes when present, else the string).
fn target_id(target: &pb::PropertiesResult, i: usize) -> Result<Uuid> {
    let meta = target.metadata.as_ref().ok_or_else(|| Error::Decode {
        message: format!("reference {i} has no metadata (ask for the target's uuid)"),
    })?;
    if meta.id_as_bytes.len() == 16 {
        return Uuid::from_slice(&meta.id_as_bytes).map_err(|e| Error::Decode {
            message: format!("reference {i}: id bytes: {e}"),
        });
    }
    Uuid::parse_str(&meta.id).map_err(|_| Error::Decode {
        message: format!("reference {i}: `{}` is not a UUID", meta.id),
    })
}

/// Decodes an expanded reference target, with its id and vectors.
fn expand<T: WeaviateCollection>(target: &pb::PropertiesResult, id: Uuid) -> Result<T> {
    let empty = pb::Properties::default();
    let properties = target.non_ref_props.as_ref().unwrap_or(&empty);
    let mut object = T::from_grpc_properties(properties, &target.ref_props)?;
    let vectors = match &target.metadata {
        Some(meta) => crate::encoding::vectors::from_result(meta)?,
        None => Default::default(),
    };
    object.set_id_and_vectors(id, &vectors)?;
    Ok(object)
}

/// Refuses a reference sent as a plain gRPC property value (the server never does this).
fn not_a_value<T: Default>(value: &pb::Value) -> Result<T> {
    if is_grpc_null(value) {
        return Ok(T::default());
    }
    Err(Error::Decode {
        message: format!(
            "expected a reference, got {} (gRPC returns references apart from the properties)",
            grpc_kind(value)
        ),
    })
}

/// A single-target reference (`dataType: [T::NAME]`).
///
/// Reads from REST JSON (beacons, with or without collection) or, over gRPC, from the reply's
/// reference properties: the target ids, and the targets themselves decoded into `objects` when the
/// query asked for their properties.
impl<T: WeaviateCollection> PropertyValue for Reference<T> {
    fn data_type() -> DataType {
        DataType::reference(T::NAME)
    }

    fn to_json(&self) -> Result<Option<Value>> {
        if self.ids.is_empty() {
            return Ok(None);
        }
        Ok(Some(Value::Array(
            self.ids.iter().map(|id| beacon(T::NAME, *id)).collect(),
        )))
    }

    fn from_json(value: &Value) -> Result<Self> {
        let ids: Vec<Uuid> = beacons_from_json(value)?
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        Ok(Reference::to(ids))
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        not_a_value(value)
    }

    fn when_missing() -> Option<Self> {
        Some(Reference::none())
    }

    fn read_grpc(
        _properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
        name: &str,
    ) -> Result<Option<Self>> {
        let Some(targets) = grpc_targets(references, name) else {
            return Ok(None);
        };
        let ids = (targets.iter().enumerate())
            .map(|(i, t)| target_id(t, i))
            .collect::<Result<Vec<_>>>()?;
        // Targets are expanded when the query asked for their properties.
        let expanded = targets.iter().any(|t| t.non_ref_props.is_some());
        let objects = if expanded {
            let objects = (targets.iter().zip(&ids).enumerate())
                .map(|(i, (target, id))| {
                    expand::<T>(target, *id).map_err(|e| match e {
                        Error::Decode { message } => Error::Decode {
                            message: format!("reference {i} ({id}): {message}"),
                        },
                        e => e,
                    })
                })
                .collect::<Result<Vec<T>>>()?;
            Some(objects)
        } else {
            None
        };
        Ok(Some(Reference {
            ids,
            objects,
            _target: PhantomData,
        }))
    }
}

impl MultiReference {
    /// A reference to these targets.
    pub fn to<I: IntoIterator<Item = ReferenceTarget>>(targets: I) -> Self {
        MultiReference {
            targets: targets.into_iter().collect(),
        }
    }
}

impl ReferenceTarget {
    /// A target: object `id` of `collection`.
    pub fn new(collection: impl Into<String>, id: Uuid) -> Self {
        ReferenceTarget {
            collection: collection.into(),
            id,
        }
    }
}

/// A reference whose targets may be in several collections.
///
/// [`PropertyValue::data_type`] cannot know the target collections, so it returns
/// `DataType::Reference(vec![])`: the derive sets the property's data type from
/// `#[weaviate(targets(A, B))]`. Every target must name its collection when writing. Read from REST,
/// a beacon written without collection reads with an empty `collection`; over gRPC the server names
/// each target's collection.
///
/// ```
/// use serde_json::json;
/// use uuid::Uuid;
/// use weaviate_orm::typed::{MultiReference, PropertyValue, ReferenceTarget};
///
/// let refs = MultiReference::to([ReferenceTarget::new("Author", Uuid::nil())]);
/// assert_eq!(
///     refs.to_json()?,
///     Some(json!([{"beacon": "weaviate://localhost/Author/00000000-0000-0000-0000-000000000000"}]))
/// );
/// # Ok::<(), weaviate_orm::Error>(())
/// ```
impl PropertyValue for MultiReference {
    fn data_type() -> DataType {
        DataType::Reference(Vec::new())
    }

    fn to_json(&self) -> Result<Option<Value>> {
        if self.targets.is_empty() {
            return Ok(None);
        }
        let beacons = (self.targets.iter().enumerate())
            .map(|(i, t)| {
                crate::names::check_collection_name(&t.collection).map_err(|e| match e {
                    Error::InvalidInput { message } => Error::InvalidInput {
                        message: format!(
                            "reference target {i} ({}): a multi-target reference needs the target's collection: {message}",
                            t.id
                        ),
                    },
                    e => e,
                })?;
                Ok(beacon(&t.collection, t.id))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(Value::Array(beacons)))
    }

    fn from_json(value: &Value) -> Result<Self> {
        let targets = beacons_from_json(value)?
            .into_iter()
            .map(|(collection, id)| ReferenceTarget {
                collection: collection.unwrap_or_default(),
                id,
            })
            .collect();
        Ok(MultiReference { targets })
    }

    fn from_grpc(value: &pb::Value) -> Result<Self> {
        not_a_value(value)
    }

    fn when_missing() -> Option<Self> {
        Some(MultiReference::default())
    }

    fn read_grpc(
        _properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
        name: &str,
    ) -> Result<Option<Self>> {
        // A multi-target reference is asked for once per target collection, so its targets come in
        // one result entry per collection: gather all of them (grouped by collection).
        let mut entries = references.iter().filter(|r| r.prop_name == name).peekable();
        if entries.peek().is_none() {
            return Ok(None);
        }
        let targets = (entries.flat_map(|r| r.properties.iter()).enumerate())
            .map(|(i, t)| {
                Ok(ReferenceTarget {
                    collection: t.target_collection.clone(),
                    id: target_id(t, i)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(MultiReference { targets }))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::typed::markers::require_reference;
    use crate::typed::test_support::{Author, grpc_vector};
    use crate::typed::{__read_grpc, __read_json};

    const A1: &str = "aaaaaaaa-0000-0000-0000-000000000001";
    const A2: &str = "aaaaaaaa-0000-0000-0000-000000000002";

    fn id(s: &str) -> Uuid {
        Uuid::parse_str(s).unwrap()
    }

    fn decode_message<T: std::fmt::Debug>(r: Result<T>) -> String {
        match r {
            Err(Error::Decode { message }) => message,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    fn target(
        collection: &str,
        uuid: &str,
        name: Option<&str>,
        by_bytes: bool,
    ) -> pb::PropertiesResult {
        let id = Uuid::parse_str(uuid).unwrap();
        pb::PropertiesResult {
            target_collection: collection.into(),
            metadata: Some(pb::MetadataResult {
                id: if by_bytes { String::new() } else { uuid.into() },
                id_as_bytes: if by_bytes {
                    id.as_bytes().to_vec()
                } else {
                    vec![]
                },
                vectors: vec![grpc_vector("main", &[0.5, 1.0])],
                ..Default::default()
            }),
            non_ref_props: name.map(|n| pb::Properties {
                fields: [(
                    "name".to_owned(),
                    pb::Value {
                        kind: Some(pb::value::Kind::TextValue(n.into())),
                    },
                )]
                .into(),
            }),
            ..Default::default()
        }
    }

    fn refs(name: &str, targets: Vec<pb::PropertiesResult>) -> Vec<pb::RefPropertiesResult> {
        vec![pb::RefPropertiesResult {
            properties: targets,
            prop_name: name.into(),
        }]
    }

    #[test]
    fn reference_data_type_and_markers() {
        assert_eq!(
            <Reference<Author>>::data_type(),
            DataType::reference("Author")
        );
        assert_eq!(MultiReference::data_type(), DataType::Reference(vec![]));
        require_reference::<Reference<Author>>();
        require_reference::<Option<Reference<Author>>>();
    }

    #[test]
    fn references_write_beacons_with_the_collection() {
        let r = Reference::<Author>::to([id(A1), id(A2)]);
        assert_eq!(
            r.to_json().unwrap(),
            Some(json!([
                {"beacon": format!("weaviate://localhost/Author/{A1}")},
                {"beacon": format!("weaviate://localhost/Author/{A2}")}
            ]))
        );
        assert_eq!(Reference::<Author>::none().to_json().unwrap(), None);
    }

    #[test]
    fn references_read_rest_beacons_with_or_without_collection() {
        // As Weaviate 1.39 returns them (with `href`), and as written without collection.
        let j = json!([
            {"beacon": format!("weaviate://localhost/Author/{A1}"), "href": format!("/v1/objects/Author/{A1}")},
            {"beacon": format!("weaviate://localhost/{A2}")}
        ]);
        let r = Reference::<Author>::from_json(&j).unwrap();
        assert_eq!(r.ids, vec![id(A1), id(A2)]);
        assert_eq!(r.objects, None);
        let m = MultiReference::from_json(&j).unwrap();
        assert_eq!(
            m.targets,
            vec![
                ReferenceTarget::new("Author", id(A1)),
                ReferenceTarget::new("", id(A2))
            ]
        );
        assert!(
            Reference::<Author>::from_json(&json!([]))
                .unwrap()
                .ids
                .is_empty()
        );
        assert!(
            Reference::<Author>::from_json(&Value::Null)
                .unwrap()
                .ids
                .is_empty()
        );
        let map = json!({"other": 1}).as_object().unwrap().clone();
        assert!(
            __read_json::<Reference<Author>>(&map, "mentor")
                .unwrap()
                .ids
                .is_empty()
        );
        assert!(
            __read_json::<MultiReference>(&map, "multi")
                .unwrap()
                .targets
                .is_empty()
        );
        assert_eq!(
            __read_json::<Option<Reference<Author>>>(&map, "mentor").unwrap(),
            None
        );
    }

    #[test]
    fn malformed_beacons_are_decode_errors() {
        for bad in [
            json!("weaviate://localhost/Author/x"),
            json!([{"beacon": "http://localhost/Author/aaaaaaaa-0000-0000-0000-000000000001"}]),
            json!([{"beacon": "weaviate://localhost/Author/not-a-uuid"}]),
            json!([{"beacon": "weaviate://localhost/a/b/c"}]),
            json!([{"beacon": "weaviate://localhost"}]),
            json!([{"href": "/v1/objects/x"}]),
            json!([{"beacon": 5}]),
            json!([1]),
        ] {
            let m = decode_message(Reference::<Author>::from_json(&bad));
            assert!(!m.is_empty());
            assert!(MultiReference::from_json(&bad).is_err());
        }
        let m = decode_message(Reference::<Author>::from_json(&json!([
            {"beacon": format!("weaviate://localhost/Author/{A1}")},
            {"beacon": "weaviate://localhost/Author/zzz"}
        ])));
        assert!(m.contains("reference 1") && m.contains("zzz"), "{m}");
    }

    #[test]
    fn references_read_grpc_ids_and_expanded_targets() {
        let references = refs(
            "mentor",
            vec![
                target("Author", A1, Some("Ann"), true),
                target("Author", A2, Some("Bob"), false),
            ],
        );
        let props = pb::Properties::default();
        let r: Reference<Author> = __read_grpc(&props, &references, "mentor").unwrap();
        assert_eq!(r.ids, vec![id(A1), id(A2)]);
        let objects = r.objects.unwrap();
        assert_eq!(objects[0].name, "Ann");
        assert_eq!(objects[0].id, id(A1));
        assert_eq!(objects[0].main, vec![0.5, 1.0]);
        assert_eq!(objects[1].name, "Bob");
        assert!(objects[1].mentor.ids.is_empty());
        // Ids only: no properties asked for the targets.
        let references = refs("mentor", vec![target("Author", A1, None, false)]);
        let r: Reference<Author> = __read_grpc(&props, &references, "mentor").unwrap();
        assert_eq!((r.ids, r.objects), (vec![id(A1)], None));
    }

    #[test]
    fn missing_or_empty_grpc_references_read_no_targets() {
        let props = pb::Properties::default();
        let r: Reference<Author> = __read_grpc(&props, &[], "mentor").unwrap();
        assert_eq!(r, Reference::none());
        let r: Reference<Author> = __read_grpc(&props, &refs("mentor", vec![]), "mentor").unwrap();
        assert_eq!(r, Reference::none());
        let r: Reference<Author> = __read_grpc(&props, &refs("other", vec![]), "mentor").unwrap();
        assert_eq!(r, Reference::none());
        let r: Option<Reference<Author>> = __read_grpc(&props, &[], "mentor").unwrap();
        assert_eq!(r, None);
        let r: Option<Reference<Author>> = __read_grpc(
            &props,
            &refs("mentor", vec![target("Author", A1, None, true)]),
            "mentor",
        )
        .unwrap();
        assert_eq!(r.unwrap().ids, vec![id(A1)]);
        let m: MultiReference = __read_grpc(&props, &[], "multi").unwrap();
        assert!(m.targets.is_empty());
    }

    #[test]
    fn nested_expanded_references_and_bad_targets() {
        let mut inner = target("Author", A1, Some("Ann"), true);
        inner.ref_props = refs("mentor", vec![target("Author", A2, Some("Bob"), true)]);
        let props = pb::Properties::default();
        let r: Reference<Author> =
            __read_grpc(&props, &refs("mentor", vec![inner]), "mentor").unwrap();
        let ann = &r.objects.as_ref().unwrap()[0];
        assert_eq!(ann.mentor.ids, vec![id(A2)]);
        assert_eq!(ann.mentor.objects.as_ref().unwrap()[0].name, "Bob");

        let mut no_meta = target("Author", A1, None, true);
        no_meta.metadata = None;
        let m = decode_message(__read_grpc::<Reference<Author>>(
            &props,
            &refs("mentor", vec![no_meta]),
            "mentor",
        ));
        assert!(m.contains("`mentor`") && m.contains("metadata"), "{m}");
        let mut bad_id = target("Author", A1, None, false);
        bad_id.metadata.as_mut().unwrap().id = "nope".into();
        let m = decode_message(__read_grpc::<MultiReference>(
            &props,
            &refs("mentor", vec![bad_id]),
            "mentor",
        ));
        assert!(m.contains("nope"), "{m}");
        // A target lacking a required property of `Author`.
        let mut nameless = target("Author", A1, Some("x"), true);
        nameless.non_ref_props = Some(pb::Properties::default());
        let m = decode_message(__read_grpc::<Reference<Author>>(
            &props,
            &refs("mentor", vec![nameless]),
            "mentor",
        ));
        assert!(m.contains("reference 0") && m.contains("`name`"), "{m}");
    }

    #[test]
    fn references_are_not_plain_grpc_values() {
        let v = pb::Value {
            kind: Some(pb::value::Kind::TextValue("x".into())),
        };
        assert!(decode_message(Reference::<Author>::from_grpc(&v)).contains("reference"));
        assert!(MultiReference::from_grpc(&v).is_err());
        let null = pb::Value {
            kind: Some(pb::value::Kind::NullValue(0)),
        };
        assert!(MultiReference::from_grpc(&null).unwrap().targets.is_empty());
    }

    #[test]
    fn multi_references_need_the_collection_to_write() {
        let m = MultiReference::to([
            ReferenceTarget::new("Author", id(A1)),
            ReferenceTarget::new("Book", id(A2)),
        ]);
        assert_eq!(
            m.to_json().unwrap(),
            Some(json!([
                {"beacon": format!("weaviate://localhost/Author/{A1}")},
                {"beacon": format!("weaviate://localhost/Book/{A2}")}
            ]))
        );
        assert_eq!(MultiReference::default().to_json().unwrap(), None);
        for bad in ["", "author", "Au/thor"] {
            let e = MultiReference::to([ReferenceTarget::new(bad, id(A1))])
                .to_json()
                .unwrap_err();
            assert!(
                matches!(&e, Error::InvalidInput { message } if message.contains("target 0")),
                "{e:?}"
            );
        }
    }

    #[test]
    fn multi_references_read_grpc_collections() {
        let references = refs(
            "multi",
            vec![
                target("Author", A1, None, true),
                target("Probe", A2, Some("x"), false),
            ],
        );
        let m: MultiReference =
            __read_grpc(&pb::Properties::default(), &references, "multi").unwrap();
        assert_eq!(
            m.targets,
            vec![
                ReferenceTarget::new("Author", id(A1)),
                ReferenceTarget::new("Probe", id(A2))
            ]
        );
    }
}
