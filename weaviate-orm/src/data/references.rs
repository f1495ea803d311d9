//! References of one object (`/v1/objects/{collection}/{id}/references/{property}`): add, replace,
//! delete, through a typed reference field ([`ReferenceField`]) or a property name.

use std::fmt;

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::collection::Collection;
use crate::error::Result;
use crate::filter::Untyped;
use crate::names::{check_collection_name, check_property_name};
use crate::sealed::SealedFor;
use crate::transport::rest::Path;
use crate::typed::{Field, MultiReference, Reference, ReferenceTarget, WeaviateCollection};

/// A reference target as Weaviate writes it (a beacon): an object id, optionally with its
/// collection (required for multi-target reference properties; the server resolves it for
/// single-target ones).
///
/// ```
/// use uuid::Uuid;
/// use weaviate_orm::data::Beacon;
///
/// let any = Beacon::from(Uuid::nil());
/// let named = Beacon::new("Author", Uuid::nil());
/// assert_eq!((any.collection, named.collection.as_deref()), (None, Some("Author")));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Beacon {
    /// The target object's id.
    pub id: Uuid,
    /// The target's collection; `None` lets the server resolve it.
    pub collection: Option<String>,
}

impl Beacon {
    /// A target in `collection`.
    ///
    /// ```
    /// use weaviate_orm::data::Beacon;
    ///
    /// let b = Beacon::new("Author", uuid::Uuid::nil());
    /// assert_eq!(b.collection.as_deref(), Some("Author"));
    /// ```
    pub fn new(collection: impl Into<String>, id: Uuid) -> Self {
        Beacon {
            id,
            collection: Some(collection.into()),
        }
    }

    pub(crate) fn to_json(&self) -> Result<Value> {
        let beacon = match &self.collection {
            Some(c) => {
                check_collection_name(c)?;
                format!("weaviate://localhost/{c}/{}", self.id)
            }
            None => format!("weaviate://localhost/{}", self.id),
        };
        Ok(json!({ "beacon": beacon }))
    }
}

impl From<Uuid> for Beacon {
    fn from(id: Uuid) -> Self {
        Beacon {
            id,
            collection: None,
        }
    }
}

impl From<ReferenceTarget> for Beacon {
    fn from(target: ReferenceTarget) -> Self {
        Beacon::new(target.collection, target.id)
    }
}

/// A reference property of collection `C`, and what its targets are: a `Reference<U>` field handle
/// (targets are ids of `U`), a `MultiReference` one (targets are [`ReferenceTarget`]s, naming
/// their collection), or, for an untyped handle, a property name (targets are [`Beacon`]s or ids).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a reference property of collection `{C}`",
    label = "not a reference field handle of `{C}`",
    note = "name a `Reference<_>` or `MultiReference` field of `{C}` (`{C}::fields().author`); strings name properties of untyped handles only"
)]
pub trait ReferenceField<C>: SealedFor<C> {
    /// What a target is given as.
    type Target;

    #[doc(hidden)]
    fn __property(&self) -> String;

    #[doc(hidden)]
    fn __beacon(target: Self::Target) -> Beacon;
}

impl<C, U: WeaviateCollection> ReferenceField<C> for Field<C, Reference<U>> {
    type Target = Uuid;

    fn __property(&self) -> String {
        self.name().to_owned()
    }

    fn __beacon(target: Uuid) -> Beacon {
        // The server names the target collection of a single-target property itself (also when
        // `U`'s name is an alias of a rebuilt collection).
        Beacon::from(target)
    }
}

impl<C, U: WeaviateCollection> ReferenceField<C> for Field<C, Option<Reference<U>>> {
    type Target = Uuid;

    fn __property(&self) -> String {
        self.name().to_owned()
    }

    fn __beacon(target: Uuid) -> Beacon {
        // The server names the target collection of a single-target property itself (also when
        // `U`'s name is an alias of a rebuilt collection).
        Beacon::from(target)
    }
}

impl<C> ReferenceField<C> for Field<C, MultiReference> {
    type Target = ReferenceTarget;

    fn __property(&self) -> String {
        self.name().to_owned()
    }

    fn __beacon(target: ReferenceTarget) -> Beacon {
        target.into()
    }
}

impl ReferenceField<Untyped> for &str {
    type Target = Beacon;

    fn __property(&self) -> String {
        (*self).to_owned()
    }

    fn __beacon(target: Beacon) -> Beacon {
        target
    }
}

impl ReferenceField<Untyped> for String {
    type Target = Beacon;

    fn __property(&self) -> String {
        self.clone()
    }

    fn __beacon(target: Beacon) -> Beacon {
        target
    }
}

/// A pending change of one object's references: an add, a replace of all, or a delete. Await it.
#[must_use = "a request does nothing until it is awaited"]
pub struct ReferenceWrite {
    collection: Collection,
    method: Method,
    from: Uuid,
    property: String,
    /// One beacon (add, delete) or a list (replace).
    targets: Targets,
}

enum Targets {
    One(Beacon),
    All(Vec<Beacon>),
}

impl fmt::Debug for ReferenceWrite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let targets: Vec<&Beacon> = match &self.targets {
            Targets::One(b) => vec![b],
            Targets::All(all) => all.iter().collect(),
        };
        f.debug_struct("ReferenceWrite")
            .field("collection", &self.collection)
            .field("method", &self.method)
            .field("from", &self.from)
            .field("property", &self.property)
            .field("targets", &targets)
            .finish()
    }
}

impl ReferenceWrite {
    fn new<C, F: ReferenceField<C>>(
        collection: Collection,
        method: Method,
        from: Uuid,
        field: F,
        targets: Targets,
    ) -> Self {
        ReferenceWrite {
            collection,
            method,
            from,
            property: field.__property(),
            targets,
        }
    }

    fn one<C, F: ReferenceField<C>>(
        collection: Collection,
        method: Method,
        (from, field, to): (Uuid, F, F::Target),
    ) -> Self {
        let target = Targets::One(F::__beacon(to));
        Self::new(collection, method, from, field, target)
    }

    pub(super) fn add<C, F: ReferenceField<C>>(
        collection: Collection,
        from: Uuid,
        field: F,
        to: F::Target,
    ) -> Self {
        Self::one(collection, Method::POST, (from, field, to))
    }

    pub(super) fn replace<C, F: ReferenceField<C>>(
        collection: Collection,
        from: Uuid,
        field: F,
        to: impl Iterator<Item = F::Target>,
    ) -> Self {
        let targets = Targets::All(to.map(F::__beacon).collect());
        Self::new(collection, Method::PUT, from, field, targets)
    }

    pub(super) fn delete<C, F: ReferenceField<C>>(
        collection: Collection,
        from: Uuid,
        field: F,
        to: F::Target,
    ) -> Self {
        Self::one(collection, Method::DELETE, (from, field, to))
    }

    async fn run(self) -> Result<()> {
        let c = &self.collection;
        c.check()?;
        check_property_name(&self.property)?;
        let path = c.scoped(Path::v1([
            "objects".to_owned(),
            c.name.clone(),
            self.from.to_string(),
            "references".to_owned(),
            self.property.clone(),
        ]));
        let body = match &self.targets {
            Targets::One(b) => b.to_json()?,
            Targets::All(all) => {
                Value::Array(all.iter().map(Beacon::to_json).collect::<Result<_>>()?)
            }
        };
        c.client
            .rest()
            .call(self.method.clone(), path, Some(&body), c.write_timeout())
            .await
    }
}

awaitable!(ReferenceWrite => ());
