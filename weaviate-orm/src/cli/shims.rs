//! TEMPORARY stand-in for an API written on a parallel branch, so the command that calls it
//! compiles and is tested for everything around the call. It says how it goes away.

use crate::error::{Error, Result};
use crate::migrate::Migrator;

/// Stand-in for `Migrator::old_collections(&self) -> Result<Vec<String>>` and
/// `Migrator::drop_old(&self, name: &str) -> Result<Vec<String>>` (the rebuild branch), both async.
///
/// Inherent methods take precedence over trait methods, so once `Migrator` has its own
/// `old_collections` and `drop_old`, the calls in `cli/migrations.rs` reach them with no change and
/// this trait is unused: delete it and its `use`.
pub(crate) trait OldCollections {
    /// The old physical collections rebuilds left behind.
    async fn old_collections(&self) -> Result<Vec<String>>;
    /// Deletes the old physical collections of `name`; returns the deleted names.
    async fn drop_old(&self, name: &str) -> Result<Vec<String>>;
}

fn not_built() -> Error {
    Error::invalid(
        "drop-old is not built yet: this build of weaviate-orm cannot list or delete the old collections of a rebuild (Migrator::old_collections / drop_old)",
    )
}

impl OldCollections for Migrator {
    async fn old_collections(&self) -> Result<Vec<String>> {
        Err(not_built())
    }

    async fn drop_old(&self, name: &str) -> Result<Vec<String>> {
        let _ = name;
        Err(not_built())
    }
}
