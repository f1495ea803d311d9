//! [`Validate`]: would the server take this object (`POST /v1/objects/validate`)?

use reqwest::Method;

use super::NewObject;
use crate::collection::Collection;
use crate::encoding::rest_object::ObjectBody;
use crate::error::Result;
use crate::transport::rest::Path;

/// A pending validation of one object: the server checks it against the schema and stores
/// nothing. Await it: `Ok(())`, or [`Error::Rejected`](crate::Error::Rejected) with the server's
/// reason.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct Validate {
    collection: Collection,
    object: Result<NewObject>,
}

impl Validate {
    pub(super) fn new(collection: Collection, object: Result<NewObject>) -> Self {
        Validate { collection, object }
    }

    async fn run(self) -> Result<()> {
        let c = &self.collection;
        let (id, object) = c.prepare(self.object)?;
        let body = ObjectBody::new(&c.name, &object, Some(id), c.tenant.as_deref());
        c.client
            .rest()
            .call(
                Method::POST,
                Path::v1(["objects", "validate"]),
                Some(&body),
                None,
            )
            .await
    }
}

awaitable!(Validate => ());
