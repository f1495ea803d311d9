//! Registration of every derived collection, so a migration tool can find them all without a list.

use crate::schema::CollectionConfig;
use crate::typed::Renames;

/// One registered collection. The derive submits one per `#[derive(WeaviateCollection)]` struct.
#[derive(Debug)]
pub struct RegisteredCollection {
    /// The collection's name.
    pub name: &'static str,
    /// The Rust type's path, for messages (`my_app::Article`).
    pub rust_type: &'static str,
    /// Builds the collection's config.
    pub config: fn() -> CollectionConfig,
    /// Former names of the collection and its properties.
    pub renames: Renames,
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

#[cfg(test)]
mod tests {
    use super::*;

    inventory::submit! {
        RegisteredCollection {
            name: "ZzRegistryProbe",
            rust_type: "tests::ZzRegistryProbe",
            config: || CollectionConfig::new("ZzRegistryProbe"),
            renames: Renames::NONE,
        }
    }

    inventory::submit! {
        RegisteredCollection {
            name: "AaRegistryProbe",
            rust_type: "tests::AaRegistryProbe",
            config: || CollectionConfig::new("AaRegistryProbe"),
            renames: Renames::NONE,
        }
    }

    #[test]
    fn submitted_collections_are_found_sorted_by_name() {
        let all = collections();
        let names: Vec<_> = all.iter().map(|c| c.name).collect();
        let a = names.iter().position(|n| *n == "AaRegistryProbe").unwrap();
        let z = names.iter().position(|n| *n == "ZzRegistryProbe").unwrap();
        assert!(a < z, "{names:?}");
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert_eq!((all[z].config)().name, "ZzRegistryProbe");
    }
}
