//! Single objects and references over REST: insert, get, exists, replace, update, delete, validate, and
//! adding, replacing and deleting references.

mod object;

pub use object::{MAX_SAFE_INTEGER, Metadata, NewObject, Object, Vector, Vectors};

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::collection::Collection;
use crate::encoding::rest_object::{ObjectBody, ObjectReply};
use crate::error::{Error, Result};
use crate::names::{check_collection_name, check_property_name};
use crate::transport::rest::Path;

/// Object operations on one collection. Get it with [`Collection::data`].
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use serde_json::json;
/// use weaviate_orm::data::NewObject;
///
/// let data = client.collection("Article").data();
/// let id = data.insert(NewObject::new(json!({"title": "Hello"}))?.vector(vec![0.1, 0.2])).await?;
/// let obj = data.get(id).with_vectors().await?;
/// data.update(id, NewObject::new(json!({"title": "Hello again"}))?).await?;
/// data.delete(id).await?;
/// # let _ = obj; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Data {
    collection: Collection,
}

impl Collection {
    /// Object operations on this collection.
    pub fn data(&self) -> Data {
        Data {
            collection: self.clone(),
        }
    }
}

/// A reference target: an object id, optionally with its collection (required for multi-target
/// reference properties).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefTarget {
    /// The target object's id.
    pub id: Uuid,
    /// The target's collection; `None` lets the server resolve it.
    pub collection: Option<String>,
}

impl RefTarget {
    /// A target in `collection`.
    pub fn new(collection: impl Into<String>, id: Uuid) -> Self {
        RefTarget {
            id,
            collection: Some(collection.into()),
        }
    }

    fn beacon(&self) -> Result<Value> {
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

impl From<Uuid> for RefTarget {
    fn from(id: Uuid) -> Self {
        RefTarget {
            id,
            collection: None,
        }
    }
}

impl Data {
    fn object_path(&self, id: Uuid) -> Path {
        self.scoped(Path::v1([
            "objects".to_owned(),
            self.collection.name.clone(),
            id.to_string(),
        ]))
    }

    fn scoped(&self, path: Path) -> Path {
        path.query_opt("tenant", self.collection.tenant.clone())
            .query_opt(
                "consistency_level",
                self.collection.consistency.map(|c| c.as_rest()),
            )
    }

    fn write_timeout(&self) -> Option<std::time::Duration> {
        Some(self.collection.client.timeouts().insert_timeout())
    }

    /// Inserts an object; returns its id (the given one, or a random v4 id).
    /// An existing id gives [`Error::AlreadyExists`].
    pub async fn insert(&self, object: NewObject) -> Result<Uuid> {
        self.collection.check()?;
        object.validate()?;
        let id = object.id.unwrap_or_else(Uuid::new_v4);
        let body = ObjectBody::new(
            &self.collection.name,
            &object,
            Some(id),
            self.collection.tenant.as_deref(),
        );
        let path = self.scoped(Path::v1(["objects"]));
        let reply: ObjectReply = self
            .collection
            .client
            .rest()
            .json(Method::POST, path, &body, self.write_timeout())
            .await
            .map_err(|e| match e {
                Error::Rejected { message, .. } if message.contains("already exists") => {
                    Error::AlreadyExists { message }
                }
                e => e,
            })?;
        Ok(reply.into_object()?.id)
    }

    /// Starts reading one object by id; await it, or ask for vectors first with
    /// [`GetById::with_vectors`]. A missing object gives [`Error::NotFound`].
    pub fn get(&self, id: Uuid) -> GetById {
        GetById {
            data: self.clone(),
            id,
            vectors: false,
        }
    }

    /// Whether an object with this id exists.
    pub async fn exists(&self, id: Uuid) -> Result<bool> {
        self.collection.check()?;
        self.collection
            .client
            .rest()
            .exists(self.object_path(id))
            .await
    }

    /// Replaces an object entirely (PUT): properties not given are removed. Vectors not given are
    /// recomputed by the vectorizer, if any. A missing object gives [`Error::NotFound`].
    pub async fn replace(&self, id: Uuid, object: NewObject) -> Result<()> {
        self.write(Method::PUT, id, &object).await
    }

    /// Updates some properties (PATCH): the given properties and vectors replace the stored ones,
    /// others are kept. A missing object gives [`Error::NotFound`].
    pub async fn update(&self, id: Uuid, object: NewObject) -> Result<()> {
        self.write(Method::PATCH, id, &object).await
    }

    async fn write(&self, method: Method, id: Uuid, object: &NewObject) -> Result<()> {
        self.collection.check()?;
        object.validate()?;
        let body = ObjectBody::new(
            &self.collection.name,
            object,
            Some(id),
            self.collection.tenant.as_deref(),
        );
        self.collection
            .client
            .rest()
            .call(
                method,
                self.object_path(id),
                Some(&body),
                self.write_timeout(),
            )
            .await
    }

    /// Deletes an object. A missing object gives [`Error::NotFound`].
    ///
    /// Weaviate itself answers a delete of a missing object with success, so the client asks first
    /// (`HEAD`); an object deleted by someone else between the two requests counts as deleted.
    pub async fn delete(&self, id: Uuid) -> Result<()> {
        if !self.exists(id).await? {
            return Err(Error::NotFound {
                message: format!("no object {id} in collection `{}`", self.collection.name),
            });
        }
        self.collection
            .client
            .rest()
            .call::<()>(
                Method::DELETE,
                self.object_path(id),
                None,
                self.write_timeout(),
            )
            .await
    }

    /// Asks the server whether an object would be accepted, without storing it. Returns
    /// [`Error::Rejected`] with the server's reason when it would not.
    pub async fn validate(&self, object: &NewObject) -> Result<()> {
        self.collection.check()?;
        object.validate()?;
        let id = object.id.unwrap_or_else(Uuid::new_v4);
        let body = ObjectBody::new(
            &self.collection.name,
            object,
            Some(id),
            self.collection.tenant.as_deref(),
        );
        self.collection
            .client
            .rest()
            .call(
                Method::POST,
                Path::v1(["objects", "validate"]),
                Some(&body),
                None,
            )
            .await
    }

    fn reference_path(&self, from: Uuid, property: &str) -> Result<Path> {
        self.collection.check()?;
        check_property_name(property)?;
        Ok(self.scoped(Path::v1([
            "objects".to_owned(),
            self.collection.name.clone(),
            from.to_string(),
            "references".to_owned(),
            property.to_owned(),
        ])))
    }

    /// Adds a reference from object `from`'s reference property `property` to `to`.
    pub async fn reference_add(
        &self,
        from: Uuid,
        property: &str,
        to: impl Into<RefTarget>,
    ) -> Result<()> {
        let path = self.reference_path(from, property)?;
        let beacon = to.into().beacon()?;
        self.collection
            .client
            .rest()
            .call(Method::POST, path, Some(&beacon), self.write_timeout())
            .await
    }

    /// Replaces all references of `property` on object `from` with `to` (an empty list clears them).
    pub async fn reference_replace<I, T>(&self, from: Uuid, property: &str, to: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: Into<RefTarget>,
    {
        let path = self.reference_path(from, property)?;
        let beacons = to
            .into_iter()
            .map(|t| t.into().beacon())
            .collect::<Result<Vec<_>>>()?;
        self.collection
            .client
            .rest()
            .call(Method::PUT, path, Some(&beacons), self.write_timeout())
            .await
    }

    /// Deletes one reference from object `from`'s property `property`.
    pub async fn reference_delete(
        &self,
        from: Uuid,
        property: &str,
        to: impl Into<RefTarget>,
    ) -> Result<()> {
        let path = self.reference_path(from, property)?;
        let beacon = to.into().beacon()?;
        self.collection
            .client
            .rest()
            .call(Method::DELETE, path, Some(&beacon), self.write_timeout())
            .await
    }
}

/// A pending read of one object by id. Await it directly.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetById {
    data: Data,
    id: Uuid,
    vectors: bool,
}

impl GetById {
    /// Also return the object's vectors.
    pub fn with_vectors(mut self) -> Self {
        self.vectors = true;
        self
    }

    async fn run(self) -> Result<Object> {
        self.data.collection.check()?;
        let mut path = self.data.object_path(self.id);
        if self.vectors {
            path = path.query("include", "vector");
        }
        let reply: ObjectReply =
            self.data
                .collection
                .client
                .rest()
                .get(path)
                .await
                .map_err(|e| match e {
                    Error::NotFound { .. } => Error::NotFound {
                        message: format!(
                            "no object {} in collection `{}`",
                            self.id, self.data.collection.name
                        ),
                    },
                    e => e,
                })?;
        reply.into_object()
    }
}

impl std::future::IntoFuture for GetById {
    type Output = Result<Object>;
    type IntoFuture = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Object>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}
