//! TEMPORARY stand-ins for two APIs written on parallel branches, so the commands that call them
//! compile and are tested for everything around the call. Each says how it goes away.

use crate::error::{Error, Result};
use crate::migrate::Migrator;
use crate::schema::CollectionConfig;

/// Stand-in for `weaviate_orm::generate` (the `generate` branch):
/// `rust_source(collections: &[CollectionConfig], options: &GenerateOptions) -> Result<String>`.
///
/// To switch: in `cli/server.rs` replace `use super::shims::generate::{GenerateOptions, rust_source};`
/// with `use crate::generate::{GenerateOptions, rust_source};` and delete this module.
/// (`GenerateOptions::default()` is what the command passes.)
pub(crate) mod generate {
    use super::*;

    /// Stand-in for `crate::generate::GenerateOptions`.
    #[derive(Debug, Default)]
    pub(crate) struct GenerateOptions {}

    /// Stand-in for `crate::generate::rust_source`: always an error.
    pub(crate) fn rust_source(
        collections: &[CollectionConfig],
        options: &GenerateOptions,
    ) -> Result<String> {
        let _ = (collections, options);
        Err(Error::invalid(
            "generate is not built yet: this build of weaviate-orm has no code generator (weaviate_orm::generate)",
        ))
    }
}

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
