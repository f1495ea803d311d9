//! The switch: the name moves to the new collection (an alias update), or, the first time, the old
//! collection of that name is deleted and the alias created in its place (the gap).

use super::Ctx;
use crate::error::{Error, Result};
use crate::migrate::apply::Event;

impl Ctx<'_> {
    /// Points the alias `spec.name` at `spec.into` (creating it for a renamed collection). Nothing
    /// to do when the new collection carries the name itself. Refuses when the alias was moved
    /// elsewhere during the copy.
    pub(super) async fn switch_alias(&self) -> Result<()> {
        let (name, from, into) = (&self.spec.name, &self.spec.from, &self.spec.into);
        if name == into {
            self.m.emit(&Event::Note(&format!(
                "{into} carries the name itself: nothing to switch (applications move to it by its name)"
            )));
            return Ok(());
        }
        let aliases = self.m.client().aliases();
        match aliases.get(name).await? {
            Some(a) if a.collection == *from => {
                aliases.update(name, into).await?;
            }
            Some(a) => {
                return Err(Error::Conflict {
                    message: format!(
                        "the alias {name} was moved to {} while {from} was copied into {into}; nothing was switched. {into} is left as it is: inspect it, or delete it and plan again",
                        a.collection
                    ),
                });
            }
            None => {
                aliases.create(name, into).await?;
            }
        }
        self.m.emit(&Event::Note(&format!(
            "switched: {name} -> {into} ({from} is kept until drop-old)"
        )));
        Ok(())
    }

    /// The gap: deletes the collection `spec.name` (the old one) and creates the alias in its place.
    pub(super) async fn switch_with_gap(&self) -> Result<()> {
        let (name, into) = (&self.spec.name, &self.spec.into);
        self.m.emit(&Event::Note(&format!(
            "deleting the collection {name} and creating the alias {name} -> {into}: until the alias exists the name resolves to nothing (requests through it fail)"
        )));
        let client = self.m.client();
        client.collections().delete(name).await?;
        client
            .aliases()
            .create(name, into)
            .await
            .map_err(|e| Error::Failed {
                operation: format!("rebuild of {name} (alias {name} -> {into})"),
                status: "FAILED".to_owned(),
                message: format!(
                    "the collection {name} was deleted after its objects were copied into {into}, but the alias could not be created: {e}. Every object is in {into}; create the alias {name} -> {into} to finish"
                ),
            })?;
        self.m
            .emit(&Event::Note(&format!("switched: {name} -> {into}")));
        Ok(())
    }
}
