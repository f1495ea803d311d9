//! [`Replace`] (PUT) and [`Update`] (PATCH) of one object: the same request but for its method.

use reqwest::Method;
use uuid::Uuid;

use super::NewObject;
use crate::collection::Collection;
use crate::encoding::rest_object::ObjectBody;
use crate::error::{Error, Result};

/// A pending replace of one object (PUT): properties not given are removed. Await it.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Replace(Write);

/// A pending partial update of one object (PATCH): the given properties and vectors replace the
/// stored ones, a property set to null is removed, the others are kept. Await it.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Update(Write);

#[derive(Debug)]
struct Write {
    collection: Collection,
    method: Method,
    id: Uuid,
    object: Result<NewObject>,
}

impl Replace {
    pub(super) fn new(collection: Collection, id: Uuid, object: Result<NewObject>) -> Self {
        Replace(Write {
            collection,
            method: Method::PUT,
            id,
            object,
        })
    }

    async fn run(self) -> Result<()> {
        self.0.run().await
    }
}

impl Update {
    pub(super) fn new(collection: Collection, id: Uuid, object: Result<NewObject>) -> Self {
        Update(Write {
            collection,
            method: Method::PATCH,
            id,
            object,
        })
    }

    async fn run(self) -> Result<()> {
        self.0.run().await
    }
}

impl Write {
    async fn run(self) -> Result<()> {
        let c = &self.collection;
        c.check()?;
        let object = self.object?;
        if let Some(own) = object.id.filter(|own| *own != self.id) {
            return Err(Error::invalid(format!(
                "the object's own id {own} is not {}, the id to write in `{}`",
                self.id, c.name
            )));
        }
        object.validate()?;
        let body = ObjectBody::new(&c.name, &object, Some(self.id), c.tenant.as_deref());
        c.client
            .rest()
            .call(
                self.method,
                c.object_path(self.id),
                Some(&body),
                c.write_timeout(),
            )
            .await
            .map_err(|e| match e {
                Error::NotFound { .. } => c.no_object(self.id),
                e => e,
            })
    }
}

awaitable!(Replace => ());
awaitable!(Update => ());
