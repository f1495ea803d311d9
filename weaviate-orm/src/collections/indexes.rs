//! The inverted indexes of a collection's properties, changed in place on the running server: drop
//! one (Weaviate 1.36+), read their status (1.38+), create or migrate one, rebuild it, cancel a
//! reindex (1.39+).
//!
//! Every call first compares the server's version with the one that has the endpoint and returns
//! [`Error::Unsupported`] without sending anything to an older server. Writes take an alias too
//! (it is resolved first, because the server does not resolve aliases on these endpoints).
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use std::time::Duration;
//! use weaviate_orm::collections::{IndexChange, IndexTask, InvertedIndexKind};
//! use weaviate_orm::schema::Tokenization;
//!
//! let indexes = client.collections().indexes("Article");
//! let change = IndexChange { tokenization: Some(Tokenization::Field), ..Default::default() };
//! if let IndexTask::Started { task_id } =
//!     indexes.upsert("title", InvertedIndexKind::Searchable, &change).await?
//! {
//!     println!("reindexing in task {task_id}");
//!     indexes
//!         .wait("title", InvertedIndexKind::Searchable, Duration::from_secs(600), |s| {
//!             println!("{}: {:.0}%", s.status, 100.0 * s.progress.unwrap_or(0.0))
//!         })
//!         .await?;
//! }
//! # Ok(()) }
//! ```
//!
//! ## What the server does (Weaviate 1.39.0, observed on a local single-node server)
//!
//! - **Endpoints.** `GET /v1/schema/{c}/indexes` (resolves aliases);
//!   `PUT|DELETE /v1/schema/{c}/properties/{p}/index/{kind}`, `POST .../{kind}/rebuild`,
//!   `POST .../{kind}/cancel` (none of them resolve aliases: an alias is "collection not found").
//! - **Drop** is synchronous: the answer (200, no body) comes when the schema flag is off, and
//!   dropping an index that is not there is also 200. Filtering on a property without its
//!   filterable index is refused by searches with "Filtering by property 'views' requires inverted
//!   index. Is `indexFilterable` option of property 'views' enabled? Set it to `true` or leave
//!   empty". A drop while a reindex of the property is in flight is refused (HTTP 422, "reindex task
//!   ... is in flight on C.p (status=STARTED); schema mutations on this property are blocked ..."),
//!   here [`Error::Conflict`]. An unknown collection or property is HTTP 422 (`class "C": not
//!   found`, `property name p: not found`), here [`Error::NotFound`].
//! - **Upsert** diffs the body against the live index. When nothing changes it answers 200
//!   `{"status":"NO_OP"}` ([`IndexTask::NoOp`]); otherwise 202 `{"status":"STARTED","taskId":
//!   "C:change-tokenization:title:6ac3"}` ([`IndexTask::Started`]). Repeating a request while its
//!   task runs joins that task (202 with the same id); a different change of the same index while a
//!   task runs is HTTP 409 ([`Error::Conflict`]: "reindex task ... is already migrating searchable
//!   property "title" to a different target; wait for it to finish or cancel it ..."). Validation
//!   failures are HTTP 400 with a hint ([`Error::Rejected`]): `property "views" is not a text type`,
//!   `property "title" is not a numeric type (int, number, date)`, `the rangeFilters index takes no
//!   configuration fields; send an empty body {}`, `algorithm "wand" is deprecated; only "blockmax"
//!   is accepted as a target`. A tokenization change of the searchable index rewrites the
//!   filterable index too (both report the same task).
//! - **Task lifecycle** as [`status`](PropertyIndexes::status) shows it: `pending` (0%), `indexing`
//!   with a progress that grows per shard, `indexing` at 100% while the new buckets are swapped in,
//!   then `ready` without a task id and with the new configuration. The server omits a progress of
//!   0, and reports progress in coarse steps (e.g. 5%, then 100%). A failed or cancelled task stays
//!   on the index's entry (`failed` / `cancelled` with its task id and last progress) until another
//!   task on that index ends; the schema keeps the previous configuration. The status has no
//!   failure message: the task's own record in `GET /v1/tasks` has it (e.g. `unit tc__node1
//!   failed: shard "tc" not found`), and [`wait`](PropertyIndexes::wait) puts it in
//!   [`Error::Failed`]. A cancelled task has no message.
//! - **Timings** (2 cores, shared with other builds): for 300 small objects a range index takes
//!   ~50 ms on the server, a tokenization change 0.3-0.8 s until `wait` returns; a tokenization
//!   change of 10,000 objects of 30 words takes ~5 s, of 20,000 ~8 s.
//! - **Cancel** answers 202 `{"status":"CANCELLED","taskId":...}` ([`IndexTask::Cancelled`]) or,
//!   with nothing in flight (also: the task ended first), 202 `{"status":"NO_OP"}`. Cancelling
//!   either index of a coupled tokenization change cancels the task (both indexes).
//! - **Tenants** ([`IndexChange::tenants`], the `rebuild` list) are sent as `?tenants=a,b` and are
//!   only accepted on a multi-tenant collection ("tenants parameter is only valid for multi-tenant
//!   collections") for format-only work: creating a range index, or any rebuild. Tokenization and
//!   algorithm changes, and creating a filterable or searchable index, must cover all tenants
//!   ("tenants parameter cannot be used with semantic migrations; all tenants must be targeted");
//!   an unknown tenant is refused (`tenant "zz" does not exist`). Creating a range index for one
//!   tenant builds that tenant's bucket and turns the schema flag on for the whole collection. A
//!   task over all tenants while one is inactive fails at that tenant (`unit tc__node1 failed:
//!   shard "tc" not found`; the other tenants' units may be done or still running when it does);
//!   with the tenant activated, the same task succeeds.
//! - **WAND to BlockMax.** New collections use BlockMax WAND; a per-collection
//!   `usingBlockMaxWAND: false` is overridden at creation. Only a server started with
//!   `USE_INVERTED_SEARCHABLE=false` creates WAND (map-based) searchable indexes; `{"algorithm":
//!   "blockmax"}` migrates one (a rebuild of a WAND index is refused: "cannot rebuild a WAND
//!   searchable index — WAND is deprecated; PUT {"algorithm":"blockmax"} to migrate first").

use std::fmt;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use super::CollectionsClient;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::names::{check_collection_name, check_property_name, check_tenant_name};
use crate::schema::{Tokenization, null_as_default, string_enum};
use crate::transport::rest::Path;
use crate::version::Version;

/// The first version that drops a property's inverted index.
pub(crate) const DROP_SINCE: Version = Version::new(1, 36, 0);
/// The first version that reports the state of property indexes.
pub(crate) const STATUS_SINCE: Version = Version::new(1, 38, 0);
/// The first version that builds, changes, rebuilds or cancels a property's inverted index.
pub(crate) const CHANGE_SINCE: Version = Version::new(1, 39, 0);

/// The polls of [`PropertyIndexes::wait`]: the first soon, then slower.
const FIRST_POLL: Duration = Duration::from_millis(100);
const MAX_POLL: Duration = Duration::from_secs(2);

/// One of a property's inverted indexes.
///
/// ```
/// use weaviate_orm::collections::InvertedIndexKind;
///
/// assert_eq!(InvertedIndexKind::RangeFilters.as_str(), "rangeFilters");
/// assert_eq!(InvertedIndexKind::Searchable.to_string(), "searchable");
/// let read: InvertedIndexKind = serde_json::from_str("\"filterable\"").unwrap();
/// assert_eq!(read, InvertedIndexKind::Filterable);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum InvertedIndexKind {
    /// `filterable`: exact-match filters (`indexFilterable`).
    Filterable,
    /// `searchable`: BM25 and hybrid keyword search (`indexSearchable`), text properties only.
    Searchable,
    /// `rangeFilters`: fast range filters (`indexRangeFilters`), on int, number and date.
    RangeFilters,
}

impl InvertedIndexKind {
    /// The index's name on the wire: `filterable`, `searchable` or `rangeFilters`.
    pub fn as_str(self) -> &'static str {
        match self {
            InvertedIndexKind::Filterable => "filterable",
            InvertedIndexKind::Searchable => "searchable",
            InvertedIndexKind::RangeFilters => "rangeFilters",
        }
    }

    /// Reads a wire name (`rangeable`, the server's write-path alias of `rangeFilters`, too).
    fn from_name(name: &str) -> Option<InvertedIndexKind> {
        match name {
            "filterable" => Some(InvertedIndexKind::Filterable),
            "searchable" => Some(InvertedIndexKind::Searchable),
            "rangeFilters" | "rangeable" => Some(InvertedIndexKind::RangeFilters),
            _ => None,
        }
    }
}

impl fmt::Display for InvertedIndexKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for InvertedIndexKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for InvertedIndexKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        InvertedIndexKind::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown inverted index type `{name}` (expected filterable, searchable or rangeFilters)"
            ))
        })
    }
}

string_enum! {
    /// The state of one index, as `GET /v1/schema/{collection}/indexes` reports it.
    pub enum IndexState {
        /// `ready`: built, no task on it (or the last one finished).
        Ready => "ready",
        /// `indexing`: a reindex task is writing it (or swapping the new buckets in).
        Indexing => "indexing",
        /// `pending`: a task is submitted and no shard has started.
        Pending => "pending",
        /// `failed`: the last task on it failed; the index keeps its previous configuration.
        Failed => "failed",
        /// `cancelled`: the last task on it was cancelled; the index keeps its previous
        /// configuration.
        Cancelled => "cancelled",
    }
}

impl IndexState {
    /// Whether a task is working on the index (`pending`, `indexing`, or a state this crate does
    /// not know yet).
    pub fn is_in_flight(&self) -> bool {
        !matches!(
            self,
            IndexState::Ready | IndexState::Failed | IndexState::Cancelled
        )
    }
}

/// The indexes of every property of a collection (`GET /v1/schema/{collection}/indexes`).
///
/// ```
/// use weaviate_orm::collections::{IndexState, IndexStatusReport, InvertedIndexKind};
///
/// let report: IndexStatusReport = serde_json::from_value(serde_json::json!({
///     "collection": "Article",
///     "properties": [{"name": "views", "dataType": "int", "indexes": [
///         {"type": "rangeFilters", "status": "indexing", "progress": 0.5, "taskId": "t1"}
///     ]}]
/// })).unwrap();
/// let range = report.index("views", InvertedIndexKind::RangeFilters).unwrap();
/// assert_eq!((&range.status, range.progress), (&IndexState::Indexing, Some(0.5)));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexStatusReport {
    /// The collection's own name (also when asked by alias).
    pub collection: String,
    /// Every property, in schema order.
    #[serde(default, deserialize_with = "null_as_default")]
    pub properties: Vec<PropertyIndexStatus>,
}

impl IndexStatusReport {
    /// The property of that name.
    pub fn property(&self, name: &str) -> Option<&PropertyIndexStatus> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// The index of that kind of the property, if it has one or a task is building it.
    pub fn index(&self, property: &str, kind: InvertedIndexKind) -> Option<&IndexStatus> {
        self.property(property)?.index(kind)
    }
}

/// One property's indexes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PropertyIndexStatus {
    /// The property's name.
    pub name: String,
    /// Its data type, e.g. `text`, `int[]`, or a reference's target collection.
    #[serde(rename = "dataType", default)]
    pub data_type: String,
    /// Its indexes: those that exist, and those a task is building or failed to build. A dropped
    /// index is not listed.
    #[serde(default, deserialize_with = "null_as_default")]
    pub indexes: Vec<IndexStatus>,
    /// JSON fields this crate does not model (e.g. `description`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl PropertyIndexStatus {
    /// The index of that kind, if listed.
    pub fn index(&self, kind: InvertedIndexKind) -> Option<&IndexStatus> {
        self.indexes.iter().find(|i| i.kind == kind)
    }
}

/// One index of a property.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndexStatus {
    /// Which index.
    #[serde(rename = "type")]
    pub kind: InvertedIndexKind,
    /// Its state.
    pub status: IndexState,
    /// The running (or last) task's progress, 0.0 to 1.0; `None` when the server reports none
    /// (it omits 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<f64>,
    /// The task working on it, or the failed or cancelled one; `None` on a plain ready index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task_id: Option<String>,
    /// The tokenization it has now (filterable and searchable indexes of text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokenization: Option<Tokenization>,
    /// The tokenization a running (or failed, cancelled) task moves it to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_tokenization: Option<Tokenization>,
    /// The BM25 algorithm of a searchable index: `wand` or `blockmax`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub algorithm: Option<String>,
    /// The algorithm a running task moves a searchable index to (`blockmax`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_algorithm: Option<String>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The desired configuration of an index for [`PropertyIndexes::upsert`]; the default (nothing
/// set) creates the index with the property's current configuration, or changes nothing.
///
/// ```
/// use weaviate_orm::collections::IndexChange;
/// use weaviate_orm::schema::Tokenization;
///
/// let retokenize = IndexChange { tokenization: Some(Tokenization::Field), ..Default::default() };
/// let to_blockmax = IndexChange { algorithm: Some("blockmax".into()), ..Default::default() };
/// let one_tenant = IndexChange { tenants: vec!["alice".into()], ..Default::default() };
/// # let _ = (retokenize, to_blockmax, one_tenant);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IndexChange {
    /// The tokenization of a filterable or searchable index (required to create a searchable one;
    /// changing the searchable one's retokenizes the filterable one too).
    pub tokenization: Option<Tokenization>,
    /// The BM25 algorithm of a searchable index; only `blockmax` is a target (from WAND).
    pub algorithm: Option<String>,
    /// Only these tenants of a multi-tenant collection (empty: all). The server accepts a list only
    /// for format-only work (creating a range index); see the [module docs](self).
    pub tenants: Vec<String>,
}

#[derive(Serialize)]
struct UpsertBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    tokenization: Option<&'a Tokenization>,
    #[serde(skip_serializing_if = "Option::is_none")]
    algorithm: Option<&'a str>,
}

/// What [`PropertyIndexes::send_task`] sends.
struct TaskRequest<'a> {
    /// For [`Error::Unsupported`].
    feature: &'static str,
    /// For messages: "{verb} the {kind} index of ...".
    verb: &'static str,
    /// The path's last segment after the index kind, if any.
    tail: Option<&'static str>,
    tenants: &'a [String],
}

/// What an index write did.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum IndexTask {
    /// Nothing to do: the index already is as asked (upsert), or no task was in flight (cancel).
    NoOp,
    /// A reindex task runs (started now, or an identical one that was running and was joined);
    /// follow it with [`PropertyIndexes::wait`].
    Started {
        /// The server's task id, e.g. `Article:change-tokenization:title:6ac3`.
        task_id: String,
    },
    /// The task in flight was cancelled (cancel only).
    Cancelled {
        /// The cancelled task's id.
        task_id: String,
    },
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TaskReply {
    #[serde(default)]
    status: String,
    #[serde(default)]
    task_id: Option<String>,
}

impl TaskReply {
    fn into_task(self, operation: &str) -> Result<IndexTask> {
        match (self.status.as_str(), self.task_id) {
            ("NO_OP", _) => Ok(IndexTask::NoOp),
            ("CANCELLED", Some(task_id)) => Ok(IndexTask::Cancelled { task_id }),
            (_, Some(task_id)) => Ok(IndexTask::Started { task_id }),
            (status, None) => Err(Error::decode(format!(
                "{operation}: the server answered status `{status}` without a task id"
            ))),
        }
    }
}

/// The inverted indexes of one collection's properties. Get it with [`CollectionsClient::indexes`]; see
/// the [module docs](self) for what the server does.
#[derive(Clone, Debug)]
pub struct PropertyIndexes<'a> {
    client: &'a Client,
    collection: String,
}

impl<'a> CollectionsClient<'a> {
    /// The inverted indexes of `collection`'s properties (a collection or an alias). No request is
    /// made.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let report = client.collections().indexes("Article").status().await?;
    /// for p in &report.properties {
    ///     for i in &p.indexes {
    ///         println!("{}.{}: {}", p.name, i.kind, i.status);
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn indexes(&self, collection: &str) -> PropertyIndexes<'a> {
        PropertyIndexes {
            client: self.client,
            collection: collection.to_owned(),
        }
    }
}

impl PropertyIndexes<'_> {
    /// The collection (or alias) this handle names.
    pub fn collection(&self) -> &str {
        &self.collection
    }

    /// Every property's indexes with their state and the progress of running tasks (Weaviate
    /// 1.38+). [`Error::NotFound`] when there is no collection (or alias) of that name.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::collections::InvertedIndexKind;
    ///
    /// let report = client.collections().indexes("Article").status().await?;
    /// let title = report.index("title", InvertedIndexKind::Searchable);
    /// println!("{:?}", title.map(|i| (&i.status, &i.tokenization)));
    /// # Ok(()) }
    /// ```
    pub async fn status(&self) -> Result<IndexStatusReport> {
        check_collection_name(&self.collection)?;
        self.client
            .require_version("reading the status of inverted indexes", STATUS_SINCE)
            .await?;
        let path = Path::v1(["schema", self.collection.as_str(), "indexes"]);
        self.client.rest().get(path).await.map_err(|e| match e {
            // The server answers 404 without a body.
            Error::NotFound { .. } => Error::NotFound {
                message: format!("collection `{}` does not exist", self.collection),
            },
            e => e,
        })
    }

    /// Creates the index, or migrates it to `change`'s configuration (Weaviate 1.39+). The work
    /// runs on the server: [`IndexTask::Started`] names the task ([`wait`](Self::wait) follows
    /// it), [`IndexTask::NoOp`] says the index already is as asked. A conflicting task in flight is
    /// [`Error::Conflict`]; a change the index cannot take is [`Error::Rejected`] with the server's
    /// hint.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::collections::{IndexChange, InvertedIndexKind};
    ///
    /// let indexes = client.collections().indexes("Article");
    /// let none = IndexChange::default();
    /// let task = indexes.upsert("views", InvertedIndexKind::RangeFilters, &none).await?;
    /// println!("{task:?}");
    /// # Ok(()) }
    /// ```
    pub async fn upsert(
        &self,
        property: &str,
        kind: InvertedIndexKind,
        change: &IndexChange,
    ) -> Result<IndexTask> {
        let body = UpsertBody {
            tokenization: change.tokenization.as_ref(),
            algorithm: change.algorithm.as_deref(),
        };
        let request = TaskRequest {
            feature: "changing an inverted index in place",
            verb: "changing",
            tail: None,
            tenants: &change.tenants,
        };
        self.send_task(property, kind, request, Some(&body)).await
    }

    /// Drops the index (Weaviate 1.36+); filters (or keyword searches) that need it are refused by
    /// the server from then on. Dropping an index that is not there succeeds. A reindex of the
    /// property in flight makes it [`Error::Conflict`].
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::collections::InvertedIndexKind;
    ///
    /// client.collections().indexes("Article").drop("views", InvertedIndexKind::Filterable).await?;
    /// # Ok(()) }
    /// ```
    pub async fn drop(&self, property: &str, kind: InvertedIndexKind) -> Result<()> {
        self.check(property, &[])?;
        self.client
            .require_version("dropping an inverted index", DROP_SINCE)
            .await?;
        let path = self.index_path(property, kind, None).await?;
        self.client
            .rest()
            .call::<()>(Method::DELETE, path, None, None)
            .await
            .map_err(|e| match e {
                // Weaviate answers an unknown collection or property with 422 "...: not found",
                // and a drop during a reindex of the property with 422 "... is in flight ...".
                Error::Rejected {
                    status: crate::Status::Http(422),
                    message,
                } if message.ends_with("not found") => Error::NotFound { message },
                Error::Rejected {
                    status: crate::Status::Http(422),
                    message,
                } if message.contains("is in flight") => Error::Conflict { message },
                e => e,
            })
    }

    /// Rebuilds the index from the stored objects with its current configuration (Weaviate 1.39+):
    /// a repair. `tenants` limits it to those tenants of a multi-tenant collection (empty: all).
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::collections::InvertedIndexKind;
    ///
    /// let indexes = client.collections().indexes("Article");
    /// indexes.rebuild("views", InvertedIndexKind::Filterable, &[]).await?;
    /// # Ok(()) }
    /// ```
    pub async fn rebuild(
        &self,
        property: &str,
        kind: InvertedIndexKind,
        tenants: &[String],
    ) -> Result<IndexTask> {
        let request = TaskRequest {
            feature: "rebuilding an inverted index",
            verb: "rebuilding",
            tail: Some("rebuild"),
            tenants,
        };
        self.send_task(property, kind, request, None).await
    }

    /// Cancels the reindex task in flight on the index (Weaviate 1.39+):
    /// [`IndexTask::Cancelled`] with its id, or [`IndexTask::NoOp`] when none was running. The index
    /// keeps its previous configuration.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::collections::InvertedIndexKind;
    ///
    /// let indexes = client.collections().indexes("Article");
    /// indexes.cancel("title", InvertedIndexKind::Searchable).await?;
    /// # Ok(()) }
    /// ```
    pub async fn cancel(&self, property: &str, kind: InvertedIndexKind) -> Result<IndexTask> {
        let request = TaskRequest {
            feature: "cancelling a reindex",
            verb: "cancelling the reindex of",
            tail: Some("cancel"),
            tenants: &[],
        };
        self.send_task(property, kind, request, None).await
    }

    /// Polls [`status`](Self::status) until the property's index of this kind has no task in
    /// flight, calling `progress` with the index's status on every poll. `Ok` when it ends ready;
    /// [`Error::Failed`] with the server's message (from the task's record in `GET /v1/tasks`)
    /// when its last task failed or was cancelled; [`Error::Timeout`] after `timeout` (the task
    /// goes on); [`Error::NotFound`] when the property has no such index and no task builds one.
    ///
    /// Call it after a write that returned [`IndexTask::Started`]: an index whose last task failed
    /// long ago still reports that failure.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use std::time::Duration;
    /// use weaviate_orm::collections::InvertedIndexKind;
    ///
    /// let indexes = client.collections().indexes("Article");
    /// indexes
    ///     .wait("views", InvertedIndexKind::RangeFilters, Duration::from_secs(300), |s| {
    ///         println!("{} {:?}", s.status, s.progress)
    ///     })
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn wait(
        &self,
        property: &str,
        kind: InvertedIndexKind,
        timeout: Duration,
        mut progress: impl FnMut(&IndexStatus),
    ) -> Result<()> {
        self.check(property, &[])?;
        let operation = format!("the {kind} index of `{}`.`{property}`", self.collection);
        let since = Instant::now();
        let mut pause = FIRST_POLL;
        loop {
            let report = self.status().await?;
            let Some(found) = report.property(property) else {
                return Err(Error::NotFound {
                    message: format!(
                        "collection `{}` has no property `{property}`",
                        report.collection
                    ),
                });
            };
            let Some(index) = found.index(kind) else {
                return Err(Error::NotFound {
                    message: format!(
                        "property `{property}` of `{}` has no {kind} index and no task builds one",
                        report.collection
                    ),
                });
            };
            progress(index);
            match &index.status {
                IndexState::Ready => return Ok(()),
                IndexState::Failed | IndexState::Cancelled => {
                    let task = index.task_id.as_deref().unwrap_or_default();
                    return Err(Error::Failed {
                        operation: format!("reindex task `{task}` on {operation}"),
                        status: index.status.to_string(),
                        message: self.task_error(task).await,
                    });
                }
                _ => {}
            }
            let elapsed = since.elapsed();
            if elapsed >= timeout {
                let done = index
                    .progress
                    .map(|p| format!(", {:.0}% done", p * 100.0))
                    .unwrap_or_default();
                return Err(Error::Timeout {
                    operation: format!("waiting for {operation} (now {}{done})", index.status),
                    after: timeout,
                    source: None,
                });
            }
            tokio::time::sleep(pause.min(timeout - elapsed)).await;
            pause = (pause * 2).min(MAX_POLL);
        }
    }

    /// The failure message of a reindex task: its own, else its failed units', else empty (a
    /// cancelled task has none; a server that refuses `GET /v1/tasks` gives none either).
    async fn task_error(&self, task_id: &str) -> String {
        if task_id.is_empty() {
            return String::new();
        }
        let tasks: Map<String, Value> = match self.client.rest().get(Path::v1(["tasks"])).await {
            Ok(tasks) => tasks,
            Err(_) => return String::new(),
        };
        failure_message(&tasks, task_id)
    }

    /// Upsert (PUT with a body), rebuild or cancel (POST without one): checked, version-gated,
    /// sent to the collection's own name, answered with a task.
    async fn send_task(
        &self,
        property: &str,
        kind: InvertedIndexKind,
        request: TaskRequest<'_>,
        body: Option<&UpsertBody<'_>>,
    ) -> Result<IndexTask> {
        self.check(property, request.tenants)?;
        self.client
            .require_version(request.feature, CHANGE_SINCE)
            .await?;
        let path = self.index_path(property, kind, request.tail).await?;
        let path = with_tenants(path, request.tenants);
        let rest = self.client.rest();
        let reply: TaskReply = match body {
            Some(body) => rest.json(Method::PUT, path, body, None).await,
            None => rest.without_body(Method::POST, path).await,
        }
        .map_err(write_error)?;
        let operation = format!(
            "{} the {kind} index of `{}`.`{property}`",
            request.verb, self.collection
        );
        reply.into_task(&operation)
    }

    fn check(&self, property: &str, tenants: &[String]) -> Result<()> {
        check_collection_name(&self.collection)?;
        check_property_name(property)?;
        for t in tenants {
            check_tenant_name(t)?;
        }
        Ok(())
    }

    /// `/v1/schema/{collection}/properties/{property}/index/{kind}[/tail]`, the collection's own
    /// name when this handle names an alias.
    async fn index_path(
        &self,
        property: &str,
        kind: InvertedIndexKind,
        tail: Option<&str>,
    ) -> Result<Path> {
        let resolved = CollectionsClient {
            client: self.client,
        }
        .resolve(&self.collection)
        .await?;
        let segments = [
            "schema",
            resolved.name.as_str(),
            "properties",
            property,
            "index",
            kind.as_str(),
        ];
        Ok(Path::v1(segments.into_iter().chain(tail)))
    }
}

/// `?tenants=a,b` (the server reads a comma-separated list).
fn with_tenants(path: Path, tenants: &[String]) -> Path {
    if tenants.is_empty() {
        path
    } else {
        path.query("tenants", tenants.join(","))
    }
}

/// The index endpoints answer a conflicting task in flight with 409.
fn write_error(e: Error) -> Error {
    match e {
        Error::AlreadyExists { message } => Error::Conflict { message },
        e => e,
    }
}

/// The failure message of task `task_id` in a `GET /v1/tasks` reply (`{namespace: [task...]}`).
fn failure_message(tasks: &Map<String, Value>, task_id: &str) -> String {
    let Some(task) = tasks
        .values()
        .filter_map(Value::as_array)
        .flatten()
        .find(|t| t.get("id").and_then(Value::as_str) == Some(task_id))
    else {
        return String::new();
    };
    let text = |v: &Value| {
        v.get("error")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    if let Some(message) = text(task) {
        return message;
    }
    let units: Vec<String> = task
        .get("units")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|u| {
            let id = u.get("id").and_then(Value::as_str).unwrap_or("?");
            text(u).map(|m| format!("unit {id}: {m}"))
        })
        .collect();
    units.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_servers_report_decodes_with_nulls_omitted_progress_and_unknown_fields() {
        let report: IndexStatusReport = serde_json::from_value(json!({
            "collection": "Article",
            "properties": [
                {"name": "title", "dataType": "text", "description": "d", "indexes": [
                    {"type": "filterable", "status": "indexing", "progress": 0.525,
                     "taskId": "Article:change-tokenization:title:6ac3",
                     "tokenization": "word", "targetTokenization": "field"},
                    {"type": "searchable", "status": "ready", "tokenization": "word",
                     "algorithm": "blockmax", "newField": 1}
                ]},
                {"name": "views", "dataType": "int", "indexes": null},
                {"name": "n", "dataType": "number", "indexes": [
                    {"type": "rangeable", "status": "paused"}
                ]}
            ]
        }))
        .unwrap();
        let filterable = report
            .index("title", InvertedIndexKind::Filterable)
            .unwrap();
        assert_eq!(filterable.status, IndexState::Indexing);
        assert_eq!(filterable.progress, Some(0.525));
        assert_eq!(
            filterable.task_id.as_deref(),
            Some("Article:change-tokenization:title:6ac3")
        );
        assert_eq!(filterable.target_tokenization, Some(Tokenization::Field));
        let searchable = report
            .index("title", InvertedIndexKind::Searchable)
            .unwrap();
        assert_eq!(searchable.progress, None);
        assert_eq!(searchable.algorithm.as_deref(), Some("blockmax"));
        assert_eq!(searchable.extra.get("newField"), Some(&json!(1)));
        assert_eq!(
            report.property("title").unwrap().extra.get("description"),
            Some(&json!("d"))
        );
        assert!(report.property("views").unwrap().indexes.is_empty());
        let range = report.index("n", InvertedIndexKind::RangeFilters).unwrap();
        assert_eq!(range.status, IndexState::Other("paused".into()));
        assert!(range.status.is_in_flight());
        assert!(!IndexState::Failed.is_in_flight());
        // Written back, it is the server's shape.
        let again = serde_json::to_value(&report).unwrap();
        assert_eq!(
            again["properties"][0]["indexes"][0]["taskId"],
            json!(filterable.task_id)
        );
        assert_eq!(
            again["properties"][2]["indexes"][0]["type"],
            json!("rangeFilters")
        );
    }

    #[test]
    fn an_unknown_index_type_is_a_decode_error_naming_it() {
        let err =
            serde_json::from_value::<IndexStatus>(json!({"type": "vector", "status": "ready"}))
                .unwrap_err();
        assert!(err.to_string().contains("`vector`"), "{err}");
    }

    #[test]
    fn task_replies_map_to_index_tasks() {
        let reply = |v: Value| {
            serde_json::from_value::<TaskReply>(v)
                .unwrap()
                .into_task("op")
        };
        assert_eq!(reply(json!({"status": "NO_OP"})).unwrap(), IndexTask::NoOp);
        assert_eq!(
            reply(json!({"status": "STARTED", "taskId": "t"})).unwrap(),
            IndexTask::Started {
                task_id: "t".into()
            }
        );
        assert_eq!(
            reply(json!({"status": "CANCELLED", "taskId": "t"})).unwrap(),
            IndexTask::Cancelled {
                task_id: "t".into()
            }
        );
        let err = reply(json!({"status": "STARTED"})).unwrap_err();
        assert!(
            matches!(&err, Error::Decode { message } if message.contains("op")),
            "{err:?}"
        );
    }

    #[test]
    fn upsert_bodies_carry_only_what_is_set_and_tenants_go_in_the_query() {
        let body = |c: &IndexChange| {
            serde_json::to_value(UpsertBody {
                tokenization: c.tokenization.as_ref(),
                algorithm: c.algorithm.as_deref(),
            })
            .unwrap()
        };
        assert_eq!(body(&IndexChange::default()), json!({}));
        let change = IndexChange {
            tokenization: Some(Tokenization::Field),
            ..Default::default()
        };
        assert_eq!(body(&change), json!({"tokenization": "field"}));
        let change = IndexChange {
            algorithm: Some("blockmax".into()),
            ..Default::default()
        };
        assert_eq!(body(&change), json!({"algorithm": "blockmax"}));
        let path = with_tenants(Path::v1(["x"]), &["a".into(), "b".into()]);
        assert!(format!("{path:?}").contains("\"a,b\""), "{path:?}");
    }

    #[test]
    fn failure_messages_come_from_the_task_or_its_units() {
        let tasks = json!({"reindex": [
            {"id": "t1", "status": "FAILED", "error": "unit u1 failed: shard \"tc\" not found"},
            {"id": "t2", "status": "FAILED", "units": [
                {"id": "u1", "status": "COMPLETED"},
                {"id": "u2", "status": "FAILED", "error": "disk full"}
            ]},
            {"id": "t3", "status": "CANCELLED"}
        ]});
        let tasks = tasks.as_object().unwrap();
        assert_eq!(
            failure_message(tasks, "t1"),
            "unit u1 failed: shard \"tc\" not found"
        );
        assert_eq!(failure_message(tasks, "t2"), "unit u2: disk full");
        assert_eq!(failure_message(tasks, "t3"), "");
        assert_eq!(failure_message(tasks, "nope"), "");
    }

    /// A client of a server that is not there (so a request would be a connection error) that
    /// believes the server runs `version`.
    async fn client_of_version(version: &str) -> Client {
        let client = crate::ClientBuilder::custom("http://127.0.0.1:9", "http://127.0.0.1:9")
            .skip_init_checks(true)
            .build()
            .await
            .unwrap();
        let meta = crate::Meta {
            version: version.into(),
            hostname: String::new(),
            modules: Default::default(),
            grpc_max_message_size: None,
        };
        client.inner.meta.set(meta).unwrap();
        client
    }

    fn since(result: Result<impl fmt::Debug>) -> String {
        match result {
            Err(Error::Unsupported { since, server, .. }) => format!("{since} (server {server})"),
            other => panic!("expected Unsupported, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn each_call_is_gated_by_the_version_that_has_its_endpoint_and_sends_nothing() {
        use InvertedIndexKind::*;
        let old = client_of_version("1.35.3").await;
        let indexes = old.collections().indexes("Article");
        let none = IndexChange::default();
        assert_eq!(
            since(indexes.drop("p", Filterable).await),
            "1.36.0 (server 1.35.3)"
        );
        assert_eq!(since(indexes.status().await), "1.38.0 (server 1.35.3)");
        let wait = indexes.wait("p", Searchable, Duration::from_secs(1), |_| {});
        assert_eq!(since(wait.await), "1.38.0 (server 1.35.3)");
        assert_eq!(
            since(indexes.upsert("p", RangeFilters, &none).await),
            "1.39.0 (server 1.35.3)"
        );
        assert_eq!(
            since(indexes.rebuild("p", Filterable, &[]).await),
            "1.39.0 (server 1.35.3)"
        );
        assert_eq!(
            since(indexes.cancel("p", Searchable).await),
            "1.39.0 (server 1.35.3)"
        );

        // 1.38: drop and status pass the gate (and then fail to connect), changes do not.
        let mid = client_of_version("1.38.1").await;
        let indexes = mid.collections().indexes("Article");
        let sent = indexes.drop("p", Filterable).await.unwrap_err();
        assert!(matches!(sent, Error::Connection { .. }), "{sent:?}");
        let sent = indexes.status().await.unwrap_err();
        assert!(matches!(sent, Error::Connection { .. }), "{sent:?}");
        assert_eq!(
            since(indexes.upsert("p", Searchable, &none).await),
            "1.39.0 (server 1.38.1)"
        );
        let new = client_of_version("1.39.0").await;
        let sent = new
            .collections()
            .indexes("Article")
            .cancel("p", Searchable)
            .await;
        assert!(matches!(sent, Err(Error::Connection { .. })), "{sent:?}");
    }

    fn assert_send<T: Send>(_: &T) {}

    /// The futures can be spawned (never run, only type-checked).
    #[allow(dead_code)]
    fn futures_are_send(client: Client) {
        let collections = client.collections();
        let indexes = collections.indexes("A");
        let none = IndexChange::default();
        assert_send(&collections.resolve("A"));
        assert_send(&collections.add_property(
            "A",
            &crate::schema::Property::new("p", crate::schema::DataType::Text),
        ));
        assert_send(&collections.delete("A"));
        assert_send(&indexes.status());
        assert_send(&indexes.upsert("p", InvertedIndexKind::Searchable, &none));
        assert_send(&indexes.drop("p", InvertedIndexKind::Searchable));
        assert_send(&indexes.rebuild("p", InvertedIndexKind::Searchable, &[]));
        assert_send(&indexes.cancel("p", InvertedIndexKind::Searchable));
        assert_send(&indexes.wait("p", InvertedIndexKind::Searchable, Duration::ZERO, |_| {}));
        assert_send(&client.collection("A").tenants().create(["t"]));
    }

    #[tokio::test]
    async fn bad_names_are_refused_before_the_version_check() {
        let old = client_of_version("1.35.3").await;
        let indexes = old.collections().indexes("Article");
        let bad_tenant = IndexChange {
            tenants: vec!["a,b".into()],
            ..Default::default()
        };
        for err in [
            indexes
                .drop("bad name", InvertedIndexKind::Filterable)
                .await
                .unwrap_err(),
            indexes
                .upsert("p", InvertedIndexKind::RangeFilters, &bad_tenant)
                .await
                .unwrap_err(),
            old.collections()
                .indexes("lower")
                .status()
                .await
                .unwrap_err(),
        ] {
            assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        }
    }

    #[test]
    fn conflicts_of_index_writes_are_conflict() {
        let e = write_error(Error::from_http(
            409,
            r#"{"error":[{"message":"reindex task \"t\" is already migrating"}]}"#,
        ));
        assert!(matches!(&e, Error::Conflict { message } if message.contains("already migrating")));
        let e = write_error(Error::from_http(400, r#"{"error":[{"message":"bad"}]}"#));
        assert!(matches!(
            e,
            Error::Rejected {
                status: crate::Status::Http(400),
                ..
            }
        ));
    }
}
