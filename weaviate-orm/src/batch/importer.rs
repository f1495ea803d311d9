//! [`Importer`]: the streaming batch importer, its [`BatchMode`]s and options.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::{Stream, StreamExt};

use super::item::{BatchItem, BatchReference};
use super::mode::BatchMode;
use super::modes::stream;
use super::modes::unary::{self, Tuning};
use super::pipeline::context::{Ctx, ProgressFn};
use super::pipeline::prepared::{Objects, References};
use super::pipeline::retry::default_batch_retry;
use super::report::{BatchReport, Progress};
use crate::client::Client;
use crate::collection::ConsistencyLevel;
use crate::error::{Error, Result};
use crate::transport::grpc::DEFAULT_MAX_MESSAGE_SIZE;
use crate::transport::retry::RetryPolicy;

/// The streaming batch importer: objects of any collections from an iterator or a stream, in requests
/// sized and paced by its [`BatchMode`], with retries of transient failures and a report that names
/// every object that was not stored.
///
/// Memory stays bounded by the in-flight window, not by the input: items are pulled from the input only
/// as capacity frees up. The window is about `size x (concurrency + 1)` objects in fixed and dynamic
/// modes; in server-side mode two messages gathered plus those the server holds (one per import worker
/// and one waiting), never more than 16 messages.
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use serde_json::json;
/// use weaviate_orm::batch::BatchMode;
/// use weaviate_orm::data::NewObject;
///
/// let items = (0..1_000_000).map(|i| {
///     let collection = if i % 2 == 0 { "Article" } else { "Note" };
///     (collection, NewObject::new(json!({"title": format!("#{i}")})).unwrap())
/// });
/// let report = client
///     .importer()
///     .mode(BatchMode::fixed(1000, 2))
///     .on_progress(|p| eprintln!("{} stored, {:.0}/s", p.succeeded, p.objects_per_second()))
///     .import(items)
///     .await?;
/// println!("{report}");
/// for failed in &report.errors {
///     eprintln!("object {} ({}, {}): {}", failed.index, failed.id, failed.kind, failed.message);
/// }
/// # Ok(()) }
/// ```
#[derive(Clone)]
#[must_use = "an importer does nothing until one of its import methods is awaited"]
pub struct Importer {
    client: Client,
    mode: BatchMode,
    collection: Option<String>,
    tenant: Option<String>,
    consistency: Option<ConsistencyLevel>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    max_message_size: Option<usize>,
    progress: Option<ProgressFn>,
}

impl fmt::Debug for Importer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Importer")
            .field("mode", &self.mode)
            .field("collection", &self.collection)
            .field("tenant", &self.tenant)
            .field("consistency", &self.consistency)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .field("max_message_size", &self.max_message_size)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl Client {
    /// The streaming batch importer, for objects of any collection. See [`Importer`].
    pub fn importer(&self) -> Importer {
        Importer::new(self.clone())
    }

    /// The largest gRPC message the server accepts (from `/v1/meta` at start-up, else Weaviate's
    /// default), which batch requests stay under.
    pub fn grpc_max_message_size(&self) -> usize {
        self.cached_meta()
            .and_then(|m| m.grpc_max_message_size)
            .filter(|s| *s > 0)
            .and_then(|s| usize::try_from(s).ok())
            .unwrap_or(DEFAULT_MAX_MESSAGE_SIZE)
    }
}

impl Importer {
    /// An importer using `client`, in the default mode.
    pub fn new(client: Client) -> Self {
        Importer {
            client,
            mode: BatchMode::default(),
            collection: None,
            tenant: None,
            consistency: None,
            retry: default_batch_retry(),
            timeout: None,
            max_message_size: None,
            progress: None,
        }
    }

    /// How objects are grouped into requests (default: [`BatchMode::Auto`]).
    pub fn mode(mut self, mode: BatchMode) -> Self {
        self.mode = mode;
        self
    }

    /// The collection of items that name none (a bare [`NewObject`](crate::data::NewObject)).
    pub fn collection(mut self, name: impl Into<String>) -> Self {
        self.collection = Some(name.into());
        self
    }

    /// The tenant of items and references that name none (multi-tenant collections).
    pub fn tenant(mut self, tenant: impl Into<String>) -> Self {
        self.tenant = Some(tenant.into());
        self
    }

    /// How many replicas must acknowledge each write.
    pub fn consistency_level(mut self, level: ConsistencyLevel) -> Self {
        self.consistency = Some(level);
        self
    }

    /// How transient failures (server unavailable or restarting, connection reset, out of memory,
    /// shutting down) are retried. Default: 12 attempts, backoff from 250 ms doubling to at most 15 s,
    /// with jitter. [`RetryPolicy::never`] reports them at once instead.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Time allowed for one request (default: the client's insert timeout). In server-side mode, the
    /// longest silence of the server while objects are waiting for their results.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Overrides the largest request in bytes (default: the server's gRPC max message size, see
    /// [`Client::grpc_max_message_size`]).
    pub fn max_message_size(mut self, bytes: usize) -> Self {
        self.max_message_size = Some(bytes.max(1024));
        self
    }

    /// Calls `hook` with a [`Progress`] snapshot after every completed request (for progress bars).
    /// It runs on the import's task: keep it short, or send the snapshot to a channel.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client, items: Vec<(String, weaviate_orm::data::NewObject)>) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::batch::Progress;
    ///
    /// let (tx, mut rx) = tokio::sync::watch::channel(Progress::default());
    /// tokio::spawn(async move {
    ///     while rx.changed().await.is_ok() {
    ///         let p = rx.borrow().clone();
    ///         eprint!("\r{} stored, {:.0}/s", p.succeeded, p.objects_per_second());
    ///     }
    /// });
    /// let report = client
    ///     .importer()
    ///     .on_progress(move |p| {
    ///         let _ = tx.send(p.clone());
    ///     })
    ///     .import(items)
    ///     .await?;
    /// # let _ = report; Ok(()) }
    /// ```
    pub fn on_progress(mut self, hook: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(hook));
        self
    }

    /// The mode this importer uses.
    pub fn batch_mode(&self) -> BatchMode {
        self.mode
    }

    /// Imports every item of `items`, pulling them only as capacity frees up. Returns `Err` only when
    /// the import cannot start (invalid settings); otherwise the report says what was stored.
    pub async fn import<I>(&self, items: I) -> Result<BatchReport>
    where
        I: IntoIterator,
        I::Item: BatchItem,
    {
        self.import_stream(futures_util::stream::iter(items)).await
    }

    /// Imports every item of an async stream, pulling items only as capacity frees up.
    pub async fn import_stream<S>(&self, items: S) -> Result<BatchReport>
    where
        S: Stream,
        S::Item: BatchItem,
    {
        let ctx = self.context().await?;
        let mut report = BatchReport::default();
        self.run_objects(&ctx, items, &mut report).await;
        report.elapsed = ctx.started.elapsed();
        report.sort();
        Ok(report)
    }

    /// Adds references with `BatchReferences` requests (the fixed or default size and concurrency).
    pub async fn import_references<I>(&self, references: I) -> Result<BatchReport>
    where
        I: IntoIterator<Item = BatchReference>,
    {
        let ctx = self.context().await?;
        let mut report = BatchReport {
            mode: ctx.mode,
            ..BatchReport::default()
        };
        run_references(&ctx, references, &mut report).await;
        report.elapsed = ctx.started.elapsed();
        report.sort();
        Ok(report)
    }

    /// Imports the objects, then the references (so references are sent after their source objects),
    /// with one report for both.
    pub async fn import_with_references<I, R>(
        &self,
        objects: I,
        references: R,
    ) -> Result<BatchReport>
    where
        I: IntoIterator,
        I::Item: BatchItem,
        R: IntoIterator<Item = BatchReference>,
    {
        let ctx = self.context().await?;
        let mut report = BatchReport::default();
        self.run_objects(&ctx, futures_util::stream::iter(objects), &mut report)
            .await;
        if report.aborted.is_none() {
            run_references(&ctx, references, &mut report).await;
        }
        report.elapsed = ctx.started.elapsed();
        report.sort();
        Ok(report)
    }

    async fn run_objects<S>(&self, ctx: &Ctx, items: S, report: &mut BatchReport)
    where
        S: Stream,
        S::Item: BatchItem,
    {
        report.mode = ctx.mode;
        let items = items.fuse();
        match ctx.mode {
            BatchMode::ServerSide => stream::run(ctx, items, report).await,
            mode => {
                let prepare = |index, item| ctx.prepare_object(index, item);
                unary::run::<Objects, _, _>(ctx, Tuning::objects(mode), items, prepare, report)
                    .await;
            }
        }
    }

    /// The mode that runs: `Auto` resolved against the server's version; `ServerSide` checked.
    async fn resolve_mode(&self) -> Result<BatchMode> {
        match self.mode {
            BatchMode::Auto => Ok(if server_side_supported(&self.client).await? {
                BatchMode::ServerSide
            } else {
                BatchMode::fixed(1000, 2)
            }),
            BatchMode::ServerSide => {
                if server_side_supported(&self.client).await? {
                    Ok(BatchMode::ServerSide)
                } else {
                    Err(Error::invalid(
                        "server-side batching needs Weaviate 1.36 or newer: use BatchMode::fixed or BatchMode::dynamic",
                    ))
                }
            }
            mode => Ok(mode),
        }
    }

    async fn context(&self) -> Result<Ctx> {
        if let Some(c) = &self.collection {
            crate::names::check_collection_name(c)?;
        }
        if let Some(t) = &self.tenant {
            crate::names::check_tenant_name(t)?;
        }
        let mode = self.resolve_mode().await?;
        let max_message = self
            .max_message_size
            .unwrap_or_else(|| self.client.grpc_max_message_size());
        Ok(Ctx {
            mode,
            client: self.client.clone(),
            grpc: self.client.grpc().clone(),
            collection: self.collection.clone(),
            tenant: self.tenant.clone(),
            consistency: self.consistency.map(|c| c.as_grpc()),
            retry: self.retry.clone(),
            timeout: self
                .timeout
                .unwrap_or_else(|| self.client.timeouts().insert_timeout()),
            // Headroom for the request's own fields and gRPC framing.
            max_bytes: max_message.saturating_sub(1024).max(1024),
            progress: self.progress.clone(),
            started: Instant::now(),
        })
    }
}

/// Whether the server has server-side batching (`BatchStream`, Weaviate 1.36 or newer).
async fn server_side_supported(client: &Client) -> Result<bool> {
    let version = client.server_version().await?;
    Ok(crate::version::at_least(
        &version,
        crate::version::Version::new(1, 36, 0),
    ))
}

/// Adds references with `BatchReferences` requests, after the objects (see [`Tuning::references`]).
async fn run_references<I>(ctx: &Ctx, references: I, report: &mut BatchReport)
where
    I: IntoIterator<Item = BatchReference>,
{
    let input = futures_util::stream::iter(references).fuse();
    let prepare = |index, reference| ctx.prepare_reference(index, reference);
    let tuning = Tuning::references(ctx.mode);
    if unary::run::<References, _, _>(ctx, tuning, input, prepare, report)
        .await
        .is_some()
    {
        if let Some(aborted) = &mut report.aborted {
            aborted.message.insert_str(0, "references: ");
        }
    }
}
