//! Migrations: the structs are the schema.
//!
//! A [`Migrator`] compares the collections the application declares (every
//! `#[derive(WeaviateCollection)]` struct in the program, or an explicit list) with what the server
//! has, and turns every difference into one [`Change`] of a [`ChangeClass`]:
//!
//! - **create**: a collection that does not exist (optionally behind an alias from the start);
//! - **in place**: one GET-modify-PUT of the class (descriptions, BM25, stopwords, replication,
//!   tenant auto-creation, TTL, generative and reranker modules, search-time vector index settings,
//!   a quantizer on HNSW, a named vector) or a POST of a property;
//! - **reindex**: a property's inverted index dropped, built or changed by a task on the server
//!   (tokenization, BlockMax), waited for with progress;
//! - **rebuild**: what Weaviate cannot change (data types, renames, vectorizers, distance, index
//!   types, graph parameters, quantizer switches, sharding, timestamp indexes, module settings):
//!   a new collection built from the struct, every object copied, then the name switched by an
//!   alias (blue/green). Refused unless allowed for that collection;
//! - **drift**: what the server has and no struct declares: reported, never deleted.
//!
//! Both sides are normalised with the server's defaults, so an unchanged struct plans no change.
//! The [`Plan`] is a value: print it (`Display`, one line per change), serialize it (serde), review
//! it, then [`apply`](Migrator::apply) it. Apply refuses a plan the server has moved away from
//! (another migrator was faster) and is idempotent: apply, then plan again, gives an empty plan.
//!
//! ```no_run
//! use weaviate_orm::{Client, WeaviateCollection};
//!
//! #[derive(WeaviateCollection)]
//! struct Article {
//!     #[weaviate(tokenization = word)]
//!     title: String,
//!     #[weaviate(index_range_filters)]
//!     views: i64,
//! }
//!
//! # async fn run() -> weaviate_orm::Result<()> {
//! let client = Client::from_env().await?;
//! let migrator = client.migrator().collection::<Article>();
//! let plan = migrator.plan().await?;
//! print!("{plan}");
//! migrator.apply(&plan).await?;
//! assert!(migrator.plan().await?.is_in_sync());
//! # Ok(()) }
//! ```

mod apply;
mod change;
mod desired;
mod diff;
mod live;
mod normalize;
mod old;
mod options;
mod plan;
mod planner;
#[cfg(test)]
mod snapshots;

use std::sync::Arc;
use std::time::Duration;

pub use apply::{Applied, ApplyReport, Event, Outcome, Progress};
pub use change::{Change, ChangeClass, JsonEdit, Operation, PropertyCopy, RebuildSpec};
pub use desired::Desired;
pub use live::LiveState;
pub use options::{MigrateOptions, Scope};
pub use plan::Plan;

use crate::client::Client;
use crate::error::Result;
use crate::schema::{CollectionConfig, ServerDefaults};
use crate::typed::WeaviateCollection;

impl Client {
    /// A migrator over every collection registered in this program by `#[derive(WeaviateCollection)]`
    /// (narrow it with [`Migrator::collection`] or [`Migrator::desired`]).
    pub fn migrator(&self) -> Migrator {
        Migrator {
            client: self.clone(),
            desired: None,
            options: MigrateOptions::default(),
            progress: None,
        }
    }
}

/// Plans and applies migrations; see the [module docs](self).
#[derive(Clone)]
pub struct Migrator {
    client: Client,
    desired: Option<Vec<Desired>>,
    options: MigrateOptions,
    progress: Option<Arc<dyn Progress>>,
}

impl std::fmt::Debug for Migrator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Migrator")
            .field("desired", &self.desired.as_ref().map(Vec::len))
            .field("options", &self.options)
            .finish()
    }
}

impl Migrator {
    /// Limits the migration to explicitly listed collections and adds the one `T` declares
    /// (with its `renamed_from` attributes). Collections not listed are not reported as drift.
    pub fn collection<T: WeaviateCollection>(self) -> Self {
        self.desired(Desired::of::<T>())
    }

    /// Limits the migration to explicitly listed collections and adds one.
    pub fn desired(mut self, desired: Desired) -> Self {
        let list = self.desired.get_or_insert_with(Vec::new);
        list.retain(|d| d.name() != desired.name());
        list.push(desired);
        self.options.report_undeclared = false;
        self
    }

    /// Limits the migration to explicitly listed collections and adds one built by hand.
    pub fn config(self, config: CollectionConfig) -> Self {
        self.desired(Desired::new(config))
    }

    /// Allows rebuilding `collection` (copying every object into a new collection).
    pub fn allow_rebuild(mut self, collection: &str) -> Self {
        self.options.allow_rebuild.add(collection);
        self
    }

    /// Allows rebuilding every collection.
    pub fn allow_rebuild_all(mut self) -> Self {
        self.options.allow_rebuild = Scope::All;
        self
    }

    /// Allows the first rebuild of `collection`, a real collection today, to delete it after the
    /// verified copy so that an alias can take its name (a moment where the name resolves to nothing).
    pub fn allow_alias_gap(mut self, collection: &str) -> Self {
        self.options.allow_alias_gap.add(collection);
        self
    }

    /// Removes the undeclared properties and vectors of `collection` (by a rebuild; their values are
    /// lost). Destructive.
    pub fn prune(mut self, collection: &str) -> Self {
        self.options.prune.add(collection);
        self
    }

    /// Rebuilds `collection` even when nothing requires it (for example to move it behind an alias).
    pub fn force_rebuild(mut self, collection: &str) -> Self {
        self.options.force_rebuild.add(collection);
        self
    }

    /// Creates new collections behind an alias (physical `Name_v1`, alias `Name`), so later rebuilds
    /// switch the name without a gap.
    pub fn behind_alias(mut self, on: bool) -> Self {
        self.options.behind_alias = on;
        self
    }

    /// Whether collections no struct declares are reported as drift.
    pub fn report_undeclared(mut self, on: bool) -> Self {
        self.options.report_undeclared = on;
        self
    }

    /// How the server fills in defaults, for servers started with `DEFAULT_*` settings.
    pub fn server_defaults(mut self, defaults: ServerDefaults) -> Self {
        self.options.server_defaults = defaults;
        self
    }

    /// How long apply waits for one reindex task (default 6 hours).
    pub fn reindex_timeout(mut self, timeout: Duration) -> Self {
        self.options.reindex_timeout = timeout;
        self
    }

    /// Receives progress events while apply runs (steps, reindex progress, copied objects).
    pub fn progress(mut self, progress: impl Progress + 'static) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }

    /// The options as set.
    pub fn options(&self) -> &MigrateOptions {
        &self.options
    }

    /// The declared collections. Two registered structs declaring one collection are an
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) naming both.
    pub fn declared(&self) -> Result<Vec<Desired>> {
        let list = self.desired.clone().unwrap_or_else(Desired::registered);
        for (i, a) in list.iter().enumerate() {
            if let Some(b) = list[i + 1..].iter().find(|b| b.name() == a.name()) {
                return Err(crate::Error::invalid(format!(
                    "two structs declare the collection {}: {} and {}; give one of them another `#[weaviate(name = ...)]`",
                    a.name(),
                    a.rust_type.as_deref().unwrap_or("(a config)"),
                    b.rust_type.as_deref().unwrap_or("(a config)"),
                )));
            }
        }
        Ok(list)
    }

    /// Reads the live state and computes the plan. Sends only reads.
    pub async fn plan(&self) -> Result<Plan> {
        let desired = self.declared()?;
        let live = self.live(&desired).await?;
        Ok(planner::compute(&desired, &live, &self.options))
    }

    /// Computes the plan from a live state read before (for tools and tests).
    pub fn plan_against(&self, live: &LiveState) -> Result<Plan> {
        Ok(planner::compute(&self.declared()?, live, &self.options))
    }

    /// Reads what a plan is computed from.
    pub async fn live(&self, desired: &[Desired]) -> Result<LiveState> {
        let mut live = LiveState::read(&self.client).await?;
        for d in desired {
            if let Some(physical) = live.resolve(&d.name()).map(str::to_owned) {
                live.read_indexes(&self.client, &physical).await?;
            }
        }
        Ok(live)
    }

    /// Carries out `plan` exactly: re-plans first and refuses with [`Error::Conflict`](crate::Error::Conflict)
    /// when the server changed since (unless the change is that someone else already applied it),
    /// refuses with [`Error::InvalidInput`](crate::Error::InvalidInput) when a change is blocked
    /// (an opt-in missing), then runs in-place steps, reindex tasks and rebuilds in that order.
    pub async fn apply(&self, plan: &Plan) -> Result<ApplyReport> {
        apply::run(self, plan).await
    }

    /// Cancels the server's reindex tasks of `plan` that are still running (idempotent: a task that
    /// ended, or never started, is left alone) and returns the ids of the tasks cancelled.
    ///
    /// Apply waits for each reindex task; dropping its future (a Ctrl-C) stops the waiting, not the
    /// task on the server. Call this to stop them too; the indexes keep their previous configuration
    /// and the next plan shows the changes again.
    ///
    /// ```no_run
    /// # async fn run(migrator: weaviate_orm::migrate::Migrator) -> weaviate_orm::Result<()> {
    /// let plan = migrator.plan().await?;
    /// tokio::select! {
    ///     done = migrator.apply(&plan) => { done?; }
    ///     _ = tokio::time::sleep(std::time::Duration::from_secs(3600)) => {
    ///         let cancelled = migrator.cancel_reindexes(&plan).await?;
    ///         eprintln!("gave up; cancelled {cancelled:?}");
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn cancel_reindexes(&self, plan: &Plan) -> Result<Vec<String>> {
        let mut cancelled = Vec::new();
        for c in plan.pending() {
            if let Operation::UpsertIndex {
                collection,
                property,
                index,
                ..
            } = &c.operation
            {
                let task = self
                    .client
                    .collections()
                    .indexes(collection)
                    .cancel(property, *index)
                    .await?;
                if let crate::collections::IndexTask::Cancelled { task_id } = task {
                    cancelled.push(task_id);
                }
            }
        }
        Ok(cancelled)
    }

    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    pub(crate) fn emit(&self, event: &Event<'_>) {
        if let Some(p) = &self.progress {
            p.event(event);
        }
    }
}
