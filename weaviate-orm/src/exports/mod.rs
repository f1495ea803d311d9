//! Collection exports: a point-in-time copy of collections written as Parquet files to a backup
//! backend, for analytics, archives and moving data out of Weaviate.
//!
//! An export runs on the server after the request returns; [`CreateExport::wait`] polls its status
//! until it ends and turns a failed or cancelled export into [`Error::Failed`] with the server's
//! message. Without `wait`, the returned [`Export`] says `STARTED` and [`Exports::status`] follows it.
//! The server runs one export at a time: starting another meanwhile is an [`Error::Conflict`];
//! reusing the id of an earlier export is [`Error::AlreadyExists`].
//!
//! The server must be started with `EXPORT_ENABLED=true` (else every call is [`Error::Rejected`]
//! with the server's "export API is disabled" message). The backend is one of the backup modules:
//! `filesystem` needs `EXPORT_DEFAULT_PATH` (the local servers of `scripts/weaviate` write to
//! `<instance>/exports`), `s3`, `gcs` and `azure` need `EXPORT_DEFAULT_BUCKET`.
//!
//! Each collection's shard (a tenant's shard is named after the tenant) becomes one or more files
//! `{collection}_{shard}_{range:04}.parquet` in the export's [`path`](Export::path), with the columns
//! `id`, `creation_time`, `update_time` (ms), `vector` (little-endian `f32`s), `named_vectors`,
//! `multi_vectors` and `properties` (JSON), and the collection and tenant in the file's metadata.
//! With the `parquet` feature, [`ExportFile`] reads such a file back, as JSON or as the collection's
//! own struct.
//!
//! On the wire (Weaviate 1.39, REST): `POST /v1/export/{backend}` starts an export, `GET
//! /v1/export/{backend}/{id}` reads its status, `DELETE` the same path cancels it.
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use weaviate_orm::backups::BackupBackend;
//!
//! let done = client
//!     .exports()
//!     .create("articles-2026-12", BackupBackend::Filesystem)
//!     .include(["Article"])
//!     .wait()
//!     .await?;
//! println!(
//!     "{} objects written to {:?} in {:?}",
//!     done.objects_exported(),
//!     done.path,
//!     done.took()
//! );
//! # Ok(()) }
//! ```

#[cfg(feature = "parquet")]
mod file;
mod status;

use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::Duration;

use reqwest::Method;
use serde::Serialize;

#[cfg(feature = "parquet")]
pub use file::{ExportFile, ExportedObject};
pub use status::{Export, ExportFormat, ExportStatus, ShardExport, ShardExportStatus};

use crate::backups::{BackupBackend, check_backend, check_id_of};
use crate::client::Client;
use crate::error::{Error, Result, Status};
use crate::names::check_collection_name;
use crate::transport::poll::Poll;
use crate::transport::rest::Path;

/// Exports for one client. Get it with [`Client::exports`]; see the [module docs](self).
#[derive(Clone, Copy, Debug)]
pub struct Exports<'a> {
    client: &'a Client,
}

impl Client {
    /// Collection exports to Parquet files.
    pub fn exports(&self) -> Exports<'_> {
        Exports { client: self }
    }
}

fn check_id(id: &str) -> Result<()> {
    check_id_of("export", id)?;
    if id.len() > 128 {
        return Err(Error::invalid(format!(
            "export id `{id}` has {} characters; the server takes at most 128",
            id.len()
        )));
    }
    Ok(())
}

impl<'a> Exports<'a> {
    /// Starts export `id` to `backend`; choose collections with [`CreateExport::include`] or
    /// [`CreateExport::exclude`] (default: every collection), then await it, or
    /// [`CreateExport::wait`] for the end.
    pub fn create(&self, id: impl Into<String>, backend: BackupBackend) -> CreateExport<'a> {
        CreateExport {
            client: self.client,
            id: id.into(),
            backend,
            format: ExportFormat::default(),
            include: Vec::new(),
            exclude: Vec::new(),
            wait: false,
            wait_timeout: None,
        }
    }

    /// The status of export `id`, with each shard's progress; [`Error::NotFound`] when the backend
    /// has no such export.
    pub async fn status(&self, id: &str, backend: BackupBackend) -> Result<Export> {
        check_id(id)?;
        check_backend(&backend)?;
        self.client
            .rest()
            .get(Path::v1(["export", backend.as_str(), id]))
            .await
    }

    /// Cancels a running export; it then ends `CANCELED` (the files written so far stay). An
    /// export that has ended cannot be cancelled: [`Error::Rejected`] (HTTP 409) with the server's
    /// message.
    pub async fn cancel(&self, id: &str, backend: BackupBackend) -> Result<()> {
        check_id(id)?;
        check_backend(&backend)?;
        self.client
            .rest()
            .call::<()>(
                Method::DELETE,
                Path::v1(["export", backend.as_str(), id]),
                None,
                None,
            )
            .await
            .map_err(|error| match error {
                Error::AlreadyExists { message } => Error::Rejected {
                    status: Status::Http(409),
                    message,
                },
                other => other,
            })
    }
}

/// An export to start: choose collections, then `.await` it (see [`Exports::create`]).
#[derive(Debug)]
#[must_use = "nothing starts until it is awaited"]
pub struct CreateExport<'a> {
    client: &'a Client,
    id: String,
    backend: BackupBackend,
    format: ExportFormat,
    include: Vec<String>,
    exclude: Vec<String>,
    wait: bool,
    wait_timeout: Option<Duration>,
}

#[derive(Serialize)]
struct Body<'b> {
    id: &'b str,
    file_format: &'b ExportFormat,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    include: &'b [String],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    exclude: &'b [String],
}

impl<'a> CreateExport<'a> {
    /// Only these collections.
    pub fn include<I, S>(mut self, collections: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.include = collections.into_iter().map(Into::into).collect();
        self
    }

    /// Every collection but these.
    pub fn exclude<I, S>(mut self, collections: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.exclude = collections.into_iter().map(Into::into).collect();
        self
    }

    /// The file format (default and, in Weaviate 1.39, only: [`ExportFormat::Parquet`]).
    pub fn format(mut self, format: ExportFormat) -> Self {
        self.format = format;
        self
    }

    /// Wait until the export ends: `Ok` with the final status when it succeeded, [`Error::Failed`]
    /// with the server's messages when it failed or was cancelled.
    pub fn wait(mut self) -> Self {
        self.wait = true;
        self
    }

    /// With [`wait`](Self::wait): give up waiting (the export goes on) after `limit`, with
    /// [`Error::Timeout`].
    pub fn wait_timeout(mut self, limit: Duration) -> Self {
        self.wait = true;
        self.wait_timeout = Some(limit);
        self
    }

    fn check(&self) -> Result<()> {
        check_id(&self.id)?;
        check_backend(&self.backend)?;
        if !self.include.is_empty() && !self.exclude.is_empty() {
            return Err(Error::invalid(
                "an export takes either collections to include or collections to exclude, not both",
            ));
        }
        for name in self.include.iter().chain(&self.exclude) {
            check_collection_name(name)?;
        }
        Ok(())
    }

    async fn run(self) -> Result<Export> {
        self.check()?;
        let backend = self.backend.as_str();
        let body = Body {
            id: &self.id,
            file_format: &self.format,
            include: &self.include,
            exclude: &self.exclude,
        };
        let rest = self.client.rest();
        let started: Export = rest
            .json(Method::POST, Path::v1(["export", backend]), &body, None)
            .await
            .map_err(|error| match error {
                // 409 is also "another export is running": not this id's fault.
                Error::AlreadyExists { message } if !message.contains("already exists") => {
                    Error::Conflict { message }
                }
                other => other,
            })?;
        if !self.wait {
            return Ok(started);
        }
        let operation = format!("export `{}` to {}", self.id, self.backend);
        let status = Path::v1(["export", backend, self.id.as_str()]);
        let mut poll = Poll::new(self.wait_timeout);
        loop {
            let now: Export = rest.get(status.clone()).await?;
            match now.status {
                ExportStatus::Success => return Ok(now),
                ExportStatus::Failed | ExportStatus::Canceled => {
                    return Err(Error::Failed {
                        operation,
                        status: now.status.to_string(),
                        message: now.errors().join("; "),
                    });
                }
                _ => {}
            }
            poll.pause(|| format!("{operation} (now {})", now.status))
                .await?;
        }
    }
}

impl<'a> IntoFuture for CreateExport<'a> {
    type Output = Result<Export>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.run())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_ids_and_collection_choices_are_checked_before_sending() {
        assert!(check_id("articles-2026_12").is_ok());
        for bad in ["", "Articles", "a b", "a/b"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
        let long = "a".repeat(129);
        assert!(
            matches!(check_id(&long), Err(Error::InvalidInput { message }) if message.contains("128"))
        );
        assert!(check_id(&long[..128]).is_ok());
    }

    #[test]
    fn the_request_body_names_the_format_and_the_choice() {
        let body = Body {
            id: "ex1",
            file_format: &ExportFormat::Parquet,
            include: &["Article".to_owned()],
            exclude: &[],
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            serde_json::json!({"id": "ex1", "file_format": "parquet", "include": ["Article"]})
        );
    }
}
