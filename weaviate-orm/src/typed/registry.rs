//! Registration of every derived collection, so a migration tool can find them all without a list.

use crate::schema::CollectionConfig;

/// One registered collection. The derive submits one per `#[derive(WeaviateCollection)]` struct.
#[derive(Debug)]
pub struct RegisteredCollection {
    /// The collection's name.
    pub name: &'static str,
    /// The Rust type's path, for messages (`my_app::Article`).
    pub rust_type: &'static str,
    /// Builds the collection's config.
    pub config: fn() -> CollectionConfig,
}

inventory::collect!(RegisteredCollection);

/// Every collection registered in the running program, sorted by name.
pub fn collections() -> Vec<&'static RegisteredCollection> {
    let mut all: Vec<_> = inventory::iter::<RegisteredCollection>
        .into_iter()
        .collect();
    all.sort_by_key(|c| c.name);
    all
}

#[doc(hidden)]
pub use inventory as __inventory;
