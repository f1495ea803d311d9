//! What a migration may do: opt-ins per collection, and how new collections are created.

use std::collections::BTreeSet;
use std::time::Duration;

use crate::schema::ServerDefaults;

use super::normalize::class_name;

/// A set of collections an opt-in applies to: none, all, or the named ones.
///
/// ```
/// use weaviate_orm::migrate::Scope;
///
/// let mut s = Scope::default();
/// assert!(!s.contains("Article"));
/// s.add("article");
/// assert!(s.contains("Article"));
/// assert!(Scope::All.contains("Anything"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    /// No collection.
    #[default]
    None,
    /// Every collection.
    All,
    /// These collections (by the name applications use).
    Only(BTreeSet<String>),
}

impl Scope {
    /// Whether `collection` is in the set.
    pub fn contains(&self, collection: &str) -> bool {
        match self {
            Scope::None => false,
            Scope::All => true,
            Scope::Only(names) => names.contains(&class_name(collection)),
        }
    }

    /// Adds one collection.
    pub fn add(&mut self, collection: &str) {
        match self {
            Scope::All => {}
            Scope::None => *self = Scope::Only(BTreeSet::from([class_name(collection)])),
            Scope::Only(names) => {
                names.insert(class_name(collection));
            }
        }
    }
}

/// The settings of a migration (see the setters of [`Migrator`](super::Migrator)).
#[derive(Debug, Clone)]
pub struct MigrateOptions {
    /// Collections that may be rebuilt (copied into a new collection, blue/green).
    pub allow_rebuild: Scope,
    /// Collections that are real collections today and may, for their first rebuild, be deleted
    /// after the copy is verified so that an alias can take their name (the name resolves to nothing
    /// for a moment).
    pub allow_alias_gap: Scope,
    /// Collections whose undeclared properties and vectors are removed (by a rebuild; their values
    /// are lost). Destructive; never the default.
    pub prune: Scope,
    /// Collections to rebuild even when nothing requires it.
    pub force_rebuild: Scope,
    /// Create new collections behind an alias from the start (physical `Name_v1`, alias `Name`), so
    /// that later rebuilds switch the name without a gap.
    pub behind_alias: bool,
    /// Report collections on the server that no struct declares (on by default when the desired
    /// collections are the registered ones).
    pub report_undeclared: bool,
    /// How the server fills in defaults (its `DEFAULT_*` settings); the node count is read from the
    /// server.
    pub server_defaults: ServerDefaults,
    /// How long a reindex task may run before apply stops waiting for it.
    pub reindex_timeout: Duration,
}

impl Default for MigrateOptions {
    fn default() -> Self {
        MigrateOptions {
            allow_rebuild: Scope::None,
            allow_alias_gap: Scope::None,
            prune: Scope::None,
            force_rebuild: Scope::None,
            behind_alias: false,
            report_undeclared: true,
            server_defaults: ServerDefaults::default(),
            reindex_timeout: Duration::from_secs(6 * 3600),
        }
    }
}
