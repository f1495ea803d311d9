//! What can be imported: [`BatchItem`]s (objects of any collection), encoded to [`EncodedObject`]s,
//! and [`BatchReference`]s.

use uuid::Uuid;

use crate::data::{Beacon, NewObject};
use crate::encoding::{grpc_values, vectors};
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// Something the importer can write as one object: it names its id (or lets the importer choose a random
/// one) and encodes itself for the request.
///
/// Implemented for `(collection, NewObject)` pairs (objects of several collections can share one import),
/// for a bare [`NewObject`] (it goes to the importer's default collection, see
/// [`Importer::collection`](super::Importer::collection)), for [`AnyItem`](super::AnyItem), for a
/// ready-made wire [`pb::BatchObject`], and for every `#[derive(WeaviateCollection)]` struct (a blanket
/// implementation over [`WeaviateCollection`](crate::WeaviateCollection)). Implement it for your own
/// types with [`EncodedObject::new`].
///
/// ```
/// use serde_json::json;
/// use uuid::Uuid;
/// use weaviate_orm::batch::BatchItem;
/// use weaviate_orm::data::NewObject;
///
/// let id = Uuid::from_u128(7);
/// let item = ("Article", NewObject::new(json!({"title": "Hi"})).unwrap().id(id));
/// assert_eq!(item.id(), Some(id));
/// let encoded = item.encode(id).unwrap();
/// assert_eq!(encoded.collection(), "Article");
/// assert_eq!(encoded.id(), Some(id));
/// ```
pub trait BatchItem {
    /// The object's id, if it has one. Objects without an id get a random (v4) id before the first send,
    /// so retries are idempotent upserts and the report can name every object.
    fn id(&self) -> Option<Uuid>;

    /// Encodes the object with `id` as its id. An error is reported for this object (with its index,
    /// id and [`BatchErrorKind::Invalid`](super::BatchErrorKind::Invalid)) and the object is not sent;
    /// the rest of the import goes on.
    fn encode(self, id: Uuid) -> Result<EncodedObject>;
}

/// An object encoded for a batch request, as [`BatchItem::encode`] returns it: its collection (empty for
/// the importer's default), tenant, id, properties and vectors in their wire form.
///
/// ```
/// use serde_json::json;
/// use uuid::Uuid;
/// use weaviate_orm::batch::{BatchItem, EncodedObject};
/// use weaviate_orm::data::NewObject;
///
/// /// A line of a CSV file, imported as an `Article`.
/// struct Row { id: u128, title: String }
///
/// impl BatchItem for Row {
///     fn id(&self) -> Option<Uuid> {
///         Some(Uuid::from_u128(self.id))
///     }
///     fn encode(self, id: Uuid) -> weaviate_orm::Result<EncodedObject> {
///         EncodedObject::new("Article", NewObject::new(json!({"title": self.title}))?, id)
///     }
/// }
///
/// let row = Row { id: 1, title: "Hello".into() };
/// let encoded = row.encode(Uuid::from_u128(1)).unwrap();
/// assert_eq!(encoded.collection(), "Article");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct EncodedObject {
    pub(crate) wire: pb::BatchObject,
}

impl EncodedObject {
    /// Encodes `object` for `collection` (empty: the importer's default collection) with id `id`,
    /// after the checks that can be made locally (names, non-finite vectors, integers beyond 2^53).
    /// The object's own tenant is kept; without one the importer's default tenant is used.
    pub fn new(collection: impl Into<String>, object: NewObject, id: Uuid) -> Result<Self> {
        new_object_to_wire(object, collection.into(), id).map(|wire| EncodedObject { wire })
    }

    /// The collection the object goes to (empty: the importer's default collection).
    pub fn collection(&self) -> &str {
        &self.wire.collection
    }

    /// The object's id.
    pub fn id(&self) -> Option<Uuid> {
        Uuid::parse_str(&self.wire.uuid).ok()
    }
}

/// Encodes an untyped object after checking what can be checked locally.
pub(crate) fn new_object_to_wire(
    object: NewObject,
    collection: String,
    id: Uuid,
) -> Result<pb::BatchObject> {
    object.validate()?;
    Ok(pb::BatchObject {
        uuid: id.to_string(),
        properties: Some(pb::batch_object::Properties {
            non_ref_properties: Some(grpc_values::json_to_struct(&object.properties)),
            ..Default::default()
        }),
        collection,
        vector_bytes: object
            .vectors
            .default
            .as_deref()
            .map(vectors::f32_bytes)
            .unwrap_or_default(),
        vectors: vectors::to_proto(&object.vectors.named),
        ..Default::default()
    })
}

impl BatchItem for NewObject {
    fn id(&self) -> Option<Uuid> {
        self.id
    }

    fn encode(self, id: Uuid) -> Result<EncodedObject> {
        EncodedObject::new(String::new(), self, id)
    }
}

impl<C: AsRef<str>> BatchItem for (C, NewObject) {
    fn id(&self) -> Option<Uuid> {
        self.1.id
    }

    fn encode(self, id: Uuid) -> Result<EncodedObject> {
        let (collection, object) = self;
        let collection = collection.as_ref();
        if collection.is_empty() {
            return Err(Error::invalid("the object's collection name is empty"));
        }
        EncodedObject::new(collection, object, id)
    }
}

impl BatchItem for pb::BatchObject {
    fn id(&self) -> Option<Uuid> {
        Uuid::parse_str(&self.uuid).ok()
    }

    fn encode(mut self, id: Uuid) -> Result<EncodedObject> {
        if !self.uuid.is_empty() && Uuid::parse_str(&self.uuid).is_err() {
            return Err(Error::invalid(format!(
                "`{}` is not a valid uuid",
                self.uuid
            )));
        }
        self.uuid = id.to_string();
        Ok(EncodedObject { wire: self })
    }
}

/// A reference to add in a batch: from an object's reference property to another object.
///
/// ```
/// use uuid::Uuid;
/// use weaviate_orm::batch::BatchReference;
/// use weaviate_orm::data::Beacon;
///
/// let (article, author) = (Uuid::from_u128(1), Uuid::from_u128(2));
/// let single = BatchReference::new("Article", article, "writtenBy", author);
/// let multi = BatchReference::new("Article", article, "mentions", Beacon::new("Author", author));
/// assert_eq!(single.to.id, author);
/// assert_eq!(multi.to.collection.as_deref(), Some("Author"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchReference {
    /// The collection of the object the reference starts from.
    pub from_collection: String,
    /// The id of that object.
    pub from_id: Uuid,
    /// Its reference property.
    pub property: String,
    /// The target; name its collection for multi-target reference properties.
    pub to: Beacon,
    /// The tenant of the source object (multi-tenant collections); `None` uses the importer's tenant.
    pub tenant: Option<String>,
}

impl BatchReference {
    /// A reference from `from_collection`/`from_id`'s property `property` to `to`.
    pub fn new(
        from_collection: impl Into<String>,
        from_id: Uuid,
        property: impl Into<String>,
        to: impl Into<Beacon>,
    ) -> Self {
        BatchReference {
            from_collection: from_collection.into(),
            from_id,
            property: property.into(),
            to: to.into(),
            tenant: None,
        }
    }

    /// Sets the tenant.
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    pub(crate) fn to_wire(&self, default_tenant: Option<&str>) -> Result<pb::BatchReference> {
        crate::names::check_collection_name(&self.from_collection)?;
        if let Some(c) = &self.to.collection {
            crate::names::check_collection_name(c)?;
        }
        if self.property.is_empty() {
            return Err(Error::invalid("the reference property name is empty"));
        }
        Ok(pb::BatchReference {
            name: self.property.clone(),
            from_collection: self.from_collection.clone(),
            from_uuid: self.from_id.to_string(),
            to_collection: self.to.collection.clone(),
            to_uuid: self.to.id.to_string(),
            tenant: self
                .tenant
                .as_deref()
                .or(default_tenant)
                .unwrap_or_default()
                .to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn pairs_encode_collection_id_properties_and_vectors() {
        let id = Uuid::from_u128(42);
        let object = NewObject::new(json!({"title": "t", "n": 3}))
            .unwrap()
            .vector(vec![1.0, 2.0])
            .named_vector("v", vec![0.5]);
        let wire = ("Article".to_owned(), object).encode(id).unwrap().wire;
        assert_eq!(wire.collection, "Article");
        assert_eq!(wire.uuid, id.to_string());
        assert_eq!(wire.vector_bytes.len(), 8);
        assert_eq!(wire.vectors.len(), 1);
        let props = wire.properties.unwrap().non_ref_properties.unwrap();
        assert_eq!(props.fields.len(), 2);
    }

    #[test]
    fn invalid_objects_fail_to_encode() {
        let nan = NewObject::default().vector(vec![f32::NAN]);
        assert!(("A", nan).encode(Uuid::nil()).is_err());
        assert!(("", NewObject::default()).encode(Uuid::nil()).is_err());
        let bad = pb::BatchObject {
            uuid: "nope".into(),
            ..Default::default()
        };
        assert_eq!(bad.id(), None);
        assert!(bad.encode(Uuid::nil()).is_err());
    }

    #[test]
    fn references_take_the_default_tenant() {
        let r = BatchReference::new("A", Uuid::from_u128(1), "p", Uuid::from_u128(2));
        let wire = r.to_wire(Some("t1")).unwrap();
        assert_eq!(wire.tenant, "t1");
        assert_eq!(wire.to_collection, None);
        let wire = r.clone().tenant("t2").to_wire(Some("t1")).unwrap();
        assert_eq!(wire.tenant, "t2");
        assert!(
            BatchReference::new("bad name", Uuid::nil(), "p", Uuid::nil())
                .to_wire(None)
                .is_err()
        );
    }
}
