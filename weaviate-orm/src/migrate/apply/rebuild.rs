//! Blue/green rebuilds: a new collection from the struct, every object copied, the name switched.

use super::Outcome;
use crate::error::{Error, Result};
use crate::migrate::Migrator;
use crate::migrate::change::RebuildSpec;

pub(super) async fn run(_m: &Migrator, spec: &RebuildSpec) -> Result<Outcome> {
    Err(Error::invalid(format!(
        "rebuilding {} is not available in this build yet",
        spec.name
    )))
}
