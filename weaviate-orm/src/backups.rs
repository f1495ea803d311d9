//! Backups: copy collections to a backup backend and restore them from it.
//!
//! A backup runs on the server after the request returns; [`CreateBackup::wait`] (and
//! [`RestoreBackup::wait`]) poll its status until it ends, and turn a failed or cancelled run into
//! [`Error::Failed`] with the server's message. Without `wait`, the returned [`Backup`] says
//! `STARTED` and [`Backups::status`] / [`Backups::restore_status`] follow it.
//!
//! The backend is a module of the server: `backup-filesystem` (a directory on the server, enabled on
//! the local servers of `scripts/weaviate`), `backup-s3`, `backup-gcs`, `backup-azure`. Restoring a
//! collection that exists fails; delete it (or restore into a fresh server) first. The server runs one
//! backup or restore at a time: starting another meanwhile is refused ([`Error::Rejected`], "already
//! in progress").
//!
//! On the wire (Weaviate 1.39, REST): `POST /v1/backups/{backend}` starts a backup, `GET
//! /v1/backups/{backend}/{id}` reads its status, `DELETE` the same path cancels it, `GET
//! /v1/backups/{backend}` lists them; `POST|GET /v1/backups/{backend}/{id}/restore` start and follow a
//! restore.
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use weaviate_orm::backups::BackupBackend;
//!
//! let backups = client.backups();
//! let done = backups
//!     .create("nightly-2026-11-21", BackupBackend::Filesystem)
//!     .include(["Article", "Author"])
//!     .wait()
//!     .await?;
//! println!("{} collections backed up to {:?}", done.collections.len(), done.path);
//!
//! client.collections().delete("Article").await?;
//! backups
//!     .restore("nightly-2026-11-21", BackupBackend::Filesystem)
//!     .include(["Article"])
//!     .wait()
//!     .await?;
//! # Ok(()) }
//! ```

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::names::check_collection_name;
use crate::transport::poll::Poll;
use crate::transport::rest::Path;

/// Where backups are stored: the server's backup module.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BackupBackend {
    /// `backup-filesystem`: a directory on the server (`BACKUP_FILESYSTEM_PATH`).
    Filesystem,
    /// `backup-s3`.
    S3,
    /// `backup-gcs`.
    Gcs,
    /// `backup-azure`.
    Azure,
    /// Another backend, by the name the server knows it under.
    Other(String),
}

impl BackupBackend {
    /// The backend's name in request paths.
    pub fn as_str(&self) -> &str {
        match self {
            BackupBackend::Filesystem => "filesystem",
            BackupBackend::S3 => "s3",
            BackupBackend::Gcs => "gcs",
            BackupBackend::Azure => "azure",
            BackupBackend::Other(name) => name,
        }
    }
}

impl fmt::Display for BackupBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a backup or restore is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BackupStatus {
    /// Accepted, starting.
    Started,
    /// Copying data.
    Transferring,
    /// Data copied.
    Transferred,
    /// Writing its last metadata.
    Finalizing,
    /// Done.
    Success,
    /// Ended in failure (see [`Backup::error`]).
    Failed,
    /// Being cancelled.
    Cancelling,
    /// Cancelled.
    Canceled,
    /// A status this client does not know yet, as the server named it.
    Other(String),
}

impl BackupStatus {
    fn from_name(name: &str) -> BackupStatus {
        match name {
            "STARTED" => BackupStatus::Started,
            "TRANSFERRING" => BackupStatus::Transferring,
            "TRANSFERRED" => BackupStatus::Transferred,
            "FINALIZING" => BackupStatus::Finalizing,
            "SUCCESS" => BackupStatus::Success,
            "FAILED" => BackupStatus::Failed,
            "CANCELLING" => BackupStatus::Cancelling,
            "CANCELED" | "CANCELLED" => BackupStatus::Canceled,
            other => BackupStatus::Other(other.to_owned()),
        }
    }

    /// The status as the server names it.
    pub fn as_str(&self) -> &str {
        match self {
            BackupStatus::Started => "STARTED",
            BackupStatus::Transferring => "TRANSFERRING",
            BackupStatus::Transferred => "TRANSFERRED",
            BackupStatus::Finalizing => "FINALIZING",
            BackupStatus::Success => "SUCCESS",
            BackupStatus::Failed => "FAILED",
            BackupStatus::Cancelling => "CANCELLING",
            BackupStatus::Canceled => "CANCELED",
            BackupStatus::Other(s) => s,
        }
    }

    /// Whether the run has ended (succeeded, failed or cancelled).
    pub fn is_finished(&self) -> bool {
        matches!(
            self,
            BackupStatus::Success | BackupStatus::Failed | BackupStatus::Canceled
        )
    }
}

impl fmt::Display for BackupStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for BackupStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        Ok(BackupStatus::from_name(&String::deserialize(deserializer)?))
    }
}

/// A backup (or restore) as the server reports it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Backup {
    /// The backup's id.
    pub id: String,
    /// The backend, when the server names it.
    #[serde(default)]
    pub backend: Option<String>,
    /// The collections in the backup (listed by create and list replies).
    #[serde(default, rename = "classes")]
    pub collections: Vec<String>,
    /// Where the backend keeps it.
    #[serde(default)]
    pub path: Option<String>,
    /// Where it is.
    pub status: BackupStatus,
    /// Why it failed.
    #[serde(default)]
    pub error: Option<String>,
    /// When it started.
    #[serde(default)]
    pub started_at: Option<DateTime<Utc>>,
    /// When it ended.
    #[serde(default)]
    pub completed_at: Option<DateTime<Utc>>,
    /// Its size in GiB, when known.
    #[serde(default, rename = "size")]
    pub size_gib: Option<f64>,
}

/// Backup management for one client. Get it with [`Client::backups`]; see the [module docs](self).
#[derive(Clone, Copy, Debug)]
pub struct Backups<'a> {
    client: &'a Client,
}

impl Client {
    /// Backups and restores.
    pub fn backups(&self) -> Backups<'_> {
        Backups { client: self }
    }
}

/// Checks the id of a backup or an export (`what`): lowercase letters, digits, `_` and `-`.
pub(crate) fn check_id_of(what: &str, id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "`{id}` is not a valid {what} id: use lowercase letters, digits, `_` and `-`"
        )))
    }
}

fn check_id(id: &str) -> Result<()> {
    check_id_of("backup", id)
}

/// Checks a backend name: letters, digits and `-`.
pub(crate) fn check_backend(backend: &BackupBackend) -> Result<()> {
    let name = backend.as_str();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(Error::invalid(format!(
            "`{name}` is not a backup backend name"
        )));
    }
    Ok(())
}

impl<'a> Backups<'a> {
    /// Starts a backup `id` on `backend`; choose collections with [`CreateBackup::include`] or
    /// [`CreateBackup::exclude`] (default: all), then await it, or [`CreateBackup::wait`] for the end.
    pub fn create(&self, id: impl Into<String>, backend: BackupBackend) -> CreateBackup<'a> {
        CreateBackup {
            run: Run::new(self.client, id.into(), backend),
        }
    }

    /// Starts restoring backup `id` from `backend`; the collections it restores must not exist.
    pub fn restore(&self, id: impl Into<String>, backend: BackupBackend) -> RestoreBackup<'a> {
        RestoreBackup {
            run: Run::new(self.client, id.into(), backend),
        }
    }

    /// The status of backup `id`; [`Error::NotFound`] when the backend has no such backup.
    pub async fn status(&self, id: &str, backend: BackupBackend) -> Result<Backup> {
        check_id(id)?;
        check_backend(&backend)?;
        self.client
            .rest()
            .get(Path::v1(["backups", backend.as_str(), id]))
            .await
    }

    /// The status of the restore of backup `id`.
    pub async fn restore_status(&self, id: &str, backend: BackupBackend) -> Result<Backup> {
        check_id(id)?;
        check_backend(&backend)?;
        self.client
            .rest()
            .get(Path::v1(["backups", backend.as_str(), id, "restore"]))
            .await
    }

    /// Cancels a running backup. A backup that has ended cannot be cancelled: the server refuses, and
    /// the error keeps its message.
    pub async fn cancel(&self, id: &str, backend: BackupBackend) -> Result<()> {
        self.delete(id, backend, None).await
    }

    /// Cancels a running restore of backup `id`; the restore then ends `CANCELED`. A restore
    /// that has ended cannot be cancelled: the server refuses, and the error keeps its message.
    pub async fn cancel_restore(&self, id: &str, backend: BackupBackend) -> Result<()> {
        self.delete(id, backend, Some("restore")).await
    }

    /// `DELETE /v1/backups/{backend}/{id}[/{suffix}]`: cancels a backup or a restore.
    async fn delete(&self, id: &str, backend: BackupBackend, suffix: Option<&str>) -> Result<()> {
        check_id(id)?;
        check_backend(&backend)?;
        let mut path = vec!["backups", backend.as_str(), id];
        path.extend(suffix);
        self.client
            .rest()
            .call::<()>(Method::DELETE, Path::v1(path), None, None)
            .await
    }

    /// The backups on `backend`, sorted by id.
    pub async fn list(&self, backend: BackupBackend) -> Result<Vec<Backup>> {
        check_backend(&backend)?;
        let mut backups: Vec<Backup> = self
            .client
            .rest()
            .get(Path::v1(["backups", backend.as_str()]))
            .await?;
        backups.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(backups)
    }
}

/// What backups and restores share: the id, backend, collections, settings and waiting.
#[derive(Debug)]
struct Run<'a> {
    client: &'a Client,
    id: String,
    backend: BackupBackend,
    include: Vec<String>,
    exclude: Vec<String>,
    /// A backup's base backup (file-based incremental backups).
    incremental_base: Option<String>,
    config: Map<String, Value>,
    wait: bool,
    wait_timeout: Option<Duration>,
}

#[derive(Serialize)]
struct Body<'b> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'b str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    include: &'b [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    exclude: &'b [String],
    #[serde(skip_serializing_if = "Map::is_empty")]
    config: &'b Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    incremental_base_backup_id: Option<&'b str>,
}

impl<'a> Run<'a> {
    fn new(client: &'a Client, id: String, backend: BackupBackend) -> Self {
        Run {
            client,
            id,
            backend,
            include: Vec::new(),
            exclude: Vec::new(),
            incremental_base: None,
            config: Map::new(),
            wait: false,
            wait_timeout: None,
        }
    }

    fn check(&self) -> Result<()> {
        check_id(&self.id)?;
        check_backend(&self.backend)?;
        if !self.include.is_empty() && !self.exclude.is_empty() {
            return Err(Error::invalid(
                "a backup takes either collections to include or collections to exclude, not both",
            ));
        }
        for name in self.include.iter().chain(&self.exclude) {
            check_collection_name(name)?;
        }
        if let Some(base) = &self.incremental_base {
            check_id(base)?;
            if *base == self.id {
                return Err(Error::invalid(format!(
                    "backup `{base}` cannot be its own incremental base"
                )));
            }
        }
        Ok(())
    }

    async fn run(self, what: &str, start: Path, status: Path) -> Result<Backup> {
        self.check()?;
        let operation = format!("{what} `{}` on {}", self.id, self.backend);
        let body = Body {
            id: (what == "backup").then_some(self.id.as_str()),
            include: &self.include,
            exclude: &self.exclude,
            config: &self.config,
            incremental_base_backup_id: self.incremental_base.as_deref(),
        };
        let rest = self.client.rest();
        let started: Backup = rest.json(Method::POST, start, &body, None).await?;
        if !self.wait {
            return Ok(started);
        }
        let mut poll = Poll::new(self.wait_timeout);
        loop {
            let now: Backup = rest.get(status.clone()).await?;
            match now.status {
                BackupStatus::Success => {
                    // The status reply omits the collections; keep the ones the start named.
                    return Ok(Backup {
                        collections: if now.collections.is_empty() {
                            started.collections
                        } else {
                            now.collections
                        },
                        ..now
                    });
                }
                BackupStatus::Failed | BackupStatus::Canceled => {
                    return Err(Error::Failed {
                        operation,
                        status: now.status.to_string(),
                        message: now.error.unwrap_or_default(),
                    });
                }
                _ => {}
            }
            poll.pause(|| format!("{operation} (now {})", now.status))
                .await?;
        }
    }
}

macro_rules! run_builder {
    ($name:ident, $what:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug)]
        #[must_use = "nothing starts until it is awaited"]
        pub struct $name<'a> {
            run: Run<'a>,
        }

        impl $name<'_> {
            /// Only these collections.
            pub fn include<I, S>(mut self, collections: I) -> Self
            where
                I: IntoIterator<Item = S>,
                S: Into<String>,
            {
                self.run.include = collections.into_iter().map(Into::into).collect();
                self
            }

            /// Every collection but these.
            pub fn exclude<I, S>(mut self, collections: I) -> Self
            where
                I: IntoIterator<Item = S>,
                S: Into<String>,
            {
                self.run.exclude = collections.into_iter().map(Into::into).collect();
                self
            }

            /// A setting of the run's `config` (e.g. `CPUPercentage`, `ChunkSize`,
            /// `CompressionLevel`; see Weaviate's backup documentation), passed as given.
            pub fn config(mut self, key: impl Into<String>, value: impl Into<Value>) -> Self {
                self.run.config.insert(key.into(), value.into());
                self
            }

            /// Wait until the run ends: `Ok` when it succeeded, [`Error::Failed`] with the server's
            /// message when it failed or was cancelled.
            pub fn wait(mut self) -> Self {
                self.run.wait = true;
                self
            }

            /// With [`wait`](Self::wait): give up waiting (the run goes on) after `limit`, with
            /// [`Error::Timeout`].
            pub fn wait_timeout(mut self, limit: Duration) -> Self {
                self.run.wait = true;
                self.run.wait_timeout = Some(limit);
                self
            }
        }

        impl<'a> IntoFuture for $name<'a> {
            type Output = Result<Backup>;
            type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                let run = self.run;
                let backend = run.backend.as_str().to_owned();
                let id = run.id.clone();
                let (start, status) = if $what == "backup" {
                    (
                        Path::v1(["backups", backend.as_str()]),
                        Path::v1(["backups", backend.as_str(), id.as_str()]),
                    )
                } else {
                    let path = Path::v1(["backups", backend.as_str(), id.as_str(), "restore"]);
                    (path.clone(), path)
                };
                Box::pin(run.run($what, start, status))
            }
        }
    };
}

run_builder!(
    CreateBackup,
    "backup",
    "A backup to start: choose collections and settings, then `.await` it (see [`Backups::create`])."
);
run_builder!(
    RestoreBackup,
    "restore",
    "A restore to start: choose collections and settings, then `.await` it (see [`Backups::restore`])."
);

impl CreateBackup<'_> {
    /// A file-based incremental backup on top of backup `base` (on the same backend): only the
    /// files changed since `base` are stored; a restore of this backup restores everything.
    pub fn incremental_from(mut self, base: impl Into<String>) -> Self {
        self.run.incremental_base = Some(base.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn replies_decode_with_their_statuses_and_times() {
        let b: Backup = serde_json::from_value(json!({
            "backend": "filesystem", "classes": ["A"], "id": "bk-1", "path": "/x/bk-1",
            "status": "SUCCESS", "startedAt": "2026-11-21T03:02:12.181Z",
            "completedAt": "2026-11-21T03:02:14.185Z", "size": 0.5
        }))
        .unwrap();
        assert_eq!(b.status, BackupStatus::Success);
        assert!(b.status.is_finished());
        assert_eq!(b.collections, ["A"]);
        assert_eq!(b.size_gib, Some(0.5));
        assert!(b.completed_at.unwrap() > b.started_at.unwrap());
        let later: Backup = serde_json::from_value(json!({"id": "x", "status": "PAUSED"})).unwrap();
        assert_eq!(later.status, BackupStatus::Other("PAUSED".into()));
        assert!(!later.status.is_finished());
    }

    #[test]
    fn ids_backends_and_collection_choices_are_checked() {
        assert!(check_id("nightly-2026_1").is_ok());
        for bad in ["", "Nightly", "a b", "a/b"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
        assert!(check_backend(&BackupBackend::Other("../x".into())).is_err());
        assert!(check_backend(&BackupBackend::S3).is_ok());
    }
}
