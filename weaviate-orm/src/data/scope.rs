//! What every single-object request shares: the object's path, scoped by tenant and consistency
//! level, and the write timeout.

use std::time::Duration;

use uuid::Uuid;

use super::NewObject;
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::transport::rest::Path;

impl Collection {
    /// `/v1/objects/{collection}/{id}`, scoped.
    pub(super) fn object_path(&self, id: Uuid) -> Path {
        self.scoped(Path::v1([
            "objects".to_owned(),
            self.name.clone(),
            id.to_string(),
        ]))
    }

    /// `path` with the handle's tenant and consistency level as query parameters.
    pub(super) fn scoped(&self, path: Path) -> Path {
        path.query_opt("tenant", self.tenant.clone())
            .query_opt("consistency_level", self.consistency.map(|c| c.as_rest()))
    }

    pub(super) fn write_timeout(&self) -> Option<Duration> {
        Some(self.client.timeouts().insert_timeout())
    }

    /// The object to send, checked before sending (names, vectors, numbers), with its id: its own or
    /// a random v4 one.
    pub(super) fn prepare(&self, object: Result<NewObject>) -> Result<(Uuid, NewObject)> {
        self.check()?;
        let object = object?;
        object.validate()?;
        Ok((object.id.unwrap_or_else(Uuid::new_v4), object))
    }

    /// The error of a missing object, naming it.
    pub(super) fn no_object(&self, id: Uuid) -> Error {
        Error::NotFound {
            message: format!("no object {id} in collection `{}`", self.name),
        }
    }
}
