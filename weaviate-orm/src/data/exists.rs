//! [`Exists`]: whether an object is there (`HEAD /v1/objects/{collection}/{id}`).

use uuid::Uuid;

use crate::collection::Collection;
use crate::error::Result;

/// A pending check that an object exists. Await it for a `bool`.
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Exists {
    collection: Collection,
    id: Uuid,
}

impl Exists {
    pub(super) fn new(collection: Collection, id: Uuid) -> Self {
        Exists { collection, id }
    }

    async fn run(self) -> Result<bool> {
        let c = &self.collection;
        c.check()?;
        c.client.rest().exists(c.object_path(self.id)).await
    }
}

awaitable!(Exists => bool);
