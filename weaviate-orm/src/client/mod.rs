//! The [`Client`]: one connection to a Weaviate server over REST and gRPC.

pub(crate) mod auth;
pub(crate) mod builder;
pub(crate) mod oidc;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use crate::error::Result;
use crate::transport::grpc::Grpc;
use crate::transport::rest::{Path, Rest};
use builder::{ClientBuilder, Timeouts};

/// A connection to one Weaviate server (or cluster behind one address).
///
/// Cheap to clone (an `Arc` inside), `Send + Sync`; share one client across the application.
///
/// ```no_run
/// # async fn run() -> weaviate_orm::Result<()> {
/// use weaviate_orm::Client;
///
/// let client = Client::local().await?;
/// assert!(client.is_ready().await?);
/// println!("server {}", client.meta().await?.version);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) rest: Rest,
    pub(crate) grpc: Grpc,
    pub(crate) timeouts: Timeouts,
    /// The server's meta as read by the start-up checks, or later by the first version check
    /// (a client built with `skip_init_checks`).
    pub(crate) meta: OnceLock<Meta>,
    /// The embedded server this client keeps alive (set once, right after `build`, by
    /// `EmbeddedServer::connect`); dropped with the last clone of the client.
    pub(crate) embedded: OnceLock<crate::embedded::EmbeddedServer>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("http", &self.inner.rest.address())
            .field("grpc", &self.inner.grpc.address())
            .field(
                "version",
                &self.inner.meta.get().map(|m| m.version.as_str()),
            )
            .finish()
    }
}

/// What the server says about itself (`GET /v1/meta`).
#[derive(Clone, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    /// Server version, e.g. `1.39.0`.
    #[serde(default)]
    pub version: String,
    /// The address the server believes it has.
    #[serde(default)]
    pub hostname: String,
    /// Enabled modules by name, each with the module's own description.
    #[serde(default)]
    pub modules: BTreeMap<String, serde_json::Value>,
    /// Largest gRPC message the server accepts, in bytes.
    #[serde(default)]
    pub grpc_max_message_size: Option<u64>,
}

impl Client {
    /// Starts a [`ClientBuilder`] with local defaults (`localhost:8080`, `localhost:50051`).
    pub fn builder() -> ClientBuilder {
        ClientBuilder::local()
    }

    /// Connects to a local server with default settings.
    pub async fn local() -> Result<Client> {
        ClientBuilder::local().build().await
    }

    /// Connects using `WEAVIATE_URL`, `WEAVIATE_GRPC_URL` and `WEAVIATE_API_KEY` (see
    /// [`ClientBuilder::from_env`]).
    pub async fn from_env() -> Result<Client> {
        ClientBuilder::from_env().build().await
    }

    pub(crate) fn rest(&self) -> &Rest {
        &self.inner.rest
    }

    pub(crate) fn grpc(&self) -> &Grpc {
        &self.inner.grpc
    }

    pub(crate) fn timeouts(&self) -> &Timeouts {
        &self.inner.timeouts
    }

    /// The REST address, e.g. `http://127.0.0.1:8080`.
    pub fn http_address(&self) -> &str {
        self.inner.rest.address()
    }

    /// The gRPC address, e.g. `http://127.0.0.1:50051`.
    pub fn grpc_address(&self) -> &str {
        self.inner.grpc.address()
    }

    /// Whether the server is ready to serve requests (`GET /v1/.well-known/ready`). A server that answers
    /// 503 gives `Ok(false)`; an unreachable one gives [`crate::Error::Connection`].
    pub async fn is_ready(&self) -> Result<bool> {
        self.probe("ready").await
    }

    /// Whether the server process is alive (`GET /v1/.well-known/live`).
    pub async fn is_live(&self) -> Result<bool> {
        self.probe("live").await
    }

    async fn probe(&self, what: &str) -> Result<bool> {
        let path = Path::v1([".well-known", what]);
        match self
            .rest()
            .get_status(path, self.timeouts().connect_timeout())
            .await
        {
            Ok(_) => Ok(true),
            Err(crate::Error::Unavailable {
                status: crate::Status::Http(503),
                ..
            }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// The server's version, modules and gRPC limits, read now.
    pub async fn meta(&self) -> Result<Meta> {
        self.rest().get(Path::v1(["meta"])).await
    }

    /// The meta read when the client was built (if the start-up checks ran), or when a call first
    /// needed the server's version.
    pub fn cached_meta(&self) -> Option<&Meta> {
        self.inner.meta.get()
    }

    /// The standard gRPC health check (`grpc.health.v1.Health/Check`): `Ok(true)` when serving.
    pub async fn grpc_health(&self) -> Result<bool> {
        self.grpc().health(self.timeouts().connect_timeout()).await
    }
}
