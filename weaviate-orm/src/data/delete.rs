//! [`Delete`]: one object out (`DELETE /v1/objects/{collection}/{id}`).

use reqwest::Method;
use uuid::Uuid;

use super::exists::Exists;
use crate::collection::Collection;
use crate::error::Result;

/// A pending delete of one object. Await it: `true` when the object was there.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Delete {
    collection: Collection,
    id: Uuid,
}

impl Delete {
    pub(super) fn new(collection: Collection, id: Uuid) -> Self {
        Delete { collection, id }
    }

    async fn run(self) -> Result<bool> {
        // The server answers a delete of a missing object with success: ask first.
        if !Exists::new(self.collection.clone(), self.id).await? {
            return Ok(false);
        }
        let c = &self.collection;
        c.client
            .rest()
            .call::<()>(
                Method::DELETE,
                c.object_path(self.id),
                None,
                c.write_timeout(),
            )
            .await?;
        Ok(true)
    }
}

awaitable!(Delete => bool);
