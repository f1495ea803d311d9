//! [`Insert`]: one object in (`POST /v1/objects`), and [`Insertable`]: what a handle takes as an
//! object.

use reqwest::Method;
use uuid::Uuid;

use super::NewObject;
use crate::collection::Collection;
use crate::encoding::rest_object::{ObjectBody, ObjectReply};
use crate::error::{Error, Result};
use crate::filter::Untyped;
use crate::sealed::SealedFor;
use crate::transport::rest::Path;
use crate::typed::WeaviateCollection;

/// A whole object of collection `C`: a `T` (or `&T`) for the typed handle of `T`, a [`NewObject`]
/// for an untyped handle. Implemented by this crate only.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an object of collection `{C}`",
    label = "not a `{C}`",
    note = "a handle of a derived struct takes that struct (`client.collection_of::<{C}>()`); an untyped handle (`client.collection(name)`) takes a `NewObject`"
)]
pub trait Insertable<C>: SealedFor<C> {
    #[doc(hidden)]
    fn __into_new_object(self) -> Result<NewObject>;
}

impl Insertable<Untyped> for NewObject {
    fn __into_new_object(self) -> Result<NewObject> {
        Ok(self)
    }
}

impl Insertable<Untyped> for &NewObject {
    fn __into_new_object(self) -> Result<NewObject> {
        Ok(self.clone())
    }
}

impl<T: WeaviateCollection> Insertable<T> for T {
    fn __into_new_object(self) -> Result<NewObject> {
        self.to_new_object()
    }
}

impl<T: WeaviateCollection> Insertable<T> for &T {
    fn __into_new_object(self) -> Result<NewObject> {
        self.to_new_object()
    }
}

/// A pending insert of one object. Await it for the object's id.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Insert {
    collection: Collection,
    object: Result<NewObject>,
}

impl Insert {
    pub(super) fn new(collection: Collection, object: Result<NewObject>) -> Self {
        Insert { collection, object }
    }

    async fn run(self) -> Result<Uuid> {
        let c = &self.collection;
        let (id, object) = c.prepare(self.object)?;
        let body = ObjectBody::new(&c.name, &object, Some(id), c.tenant.as_deref());
        let path = c.scoped(Path::v1(["objects"]));
        let reply: ObjectReply = c
            .client
            .rest()
            .json(Method::POST, path, &body, c.write_timeout())
            .await
            .map_err(|e| match e {
                Error::Rejected { message, .. } if message.contains("already exists") => {
                    Error::AlreadyExists { message }
                }
                e => e,
            })?;
        Ok(reply.into_object()?.id)
    }
}

awaitable!(Insert => Uuid);
