//! An embedded Weaviate: a real `weaviate-server` process started and stopped by the program, like
//! the Python client's `connect_to_embedded`.
//!
//! [`Client::embedded`] finds the server binary (or builds it with Go), starts it on free loopback
//! ports with its own temporary data dir, waits until REST (`/v1/.well-known/ready`) and gRPC
//! (health check) answer, and returns a connected [`Client`]. The server runs until the last clone of
//! that client (and of its [`EmbeddedServer`] handle) is dropped, or until
//! [`EmbeddedServer::shutdown`]: then it gets SIGTERM, SIGKILL after the stop timeout, and its
//! temporary dir is removed.
//!
//! ```no_run
//! # async fn run() -> weaviate_orm::Result<()> {
//! use weaviate_orm::Client;
//!
//! let client = Client::embedded().await?;
//! println!("Weaviate {} at {}", client.meta().await?.version, client.http_address());
//! drop(client); // the server stops, its data dir is removed
//! # Ok(()) }
//! ```
//!
//! The server behaves exactly like one of `scripts/weaviate start NAME`: the same binary (the
//! scripts' cache, same version pin), the same environment (node `node1`, single-node raft, no
//! auto-schema, no telemetry, modules `text2vec-bigram`, `generative-dummy`, `reranker-dummy`,
//! `ref2vec-centroid`, `backup-filesystem`, and `text2vec-transformers` backed by an in-process
//! embedding service that computes text2vec-bigram's vectors, so `near_text` works offline).
//!
//! Finding the binary, in order: [`EmbeddedOptions::binary`]; `$WEAVIATE_SERVER_BIN`; the scripts'
//! cache `$WEAVIATE_ORM_CACHE/bin/<version>/weaviate-server` (default cache
//! `${XDG_CACHE_HOME:-$HOME/.cache}/weaviate-orm`); `weaviate-server` on `$PATH`; otherwise, when
//! `go` is installed, `go install github.com/weaviate/weaviate/cmd/weaviate-server@<version>` into
//! that cache (10-20 minutes on 2 cores, once; Go's progress on stderr). The version is
//! `$WEAVIATE_VERSION` or [`DEFAULT_VERSION`]. Timeouts and log level default to
//! `$WEAVIATE_START_TIMEOUT` (120 s), `$WEAVIATE_STOP_TIMEOUT` (30 s) and `$WEAVIATE_LOG_LEVEL`
//! (`warning`), as in the scripts.
//!
//! Failures are [`Error::Embedded`] with an [`EmbeddedError`]: no binary
//! and no Go (with how to install), a port in use, the server exiting during startup or not
//! getting ready (with the tail of its log).
//!
//! The server runs in the program's process group: Ctrl-C on a terminal stops it too (without
//! running destructors, so a temporary dir stays behind). A program killed with SIGKILL cannot stop
//! its server: that server (and its temporary dir) is left behind, as with any child process.

mod discovery;
mod embedder;
mod error;
mod ports;

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub use discovery::{DEFAULT_VERSION, MODULE};
pub use error::EmbeddedError;

use crate::{Client, ClientBuilder, Error, Result};
use discovery::Located;
use embedder::Embedder;
use ports::NodePorts;

/// The loopback address every embedded server listens on.
const HOST: &str = "127.0.0.1";
/// The modules `scripts/weaviate` enables (text2vec-transformers comes with the embedding service).
const MODULES: &str =
    "text2vec-bigram,generative-dummy,reranker-dummy,ref2vec-centroid,backup-filesystem";
/// Log lines quoted in startup errors.
const LOG_TAIL_LINES: usize = 50;

/// Settings of an embedded server; [`start`](Self::start) runs it, [`connect`](Self::connect) runs
/// it and returns a client.
///
/// ```no_run
/// # async fn run() -> weaviate_orm::Result<()> {
/// use weaviate_orm::embedded::EmbeddedOptions;
///
/// let client = EmbeddedOptions::new()
///     .data_dir("/var/tmp/my-weaviate")   // kept after the server stops
///     .http_port(8080)
///     .env("QUERY_MAXIMUM_RESULTS", "100")
///     .connect()
///     .await?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone, Debug, Default)]
#[must_use = "options do nothing until `start` or `connect` is awaited"]
pub struct EmbeddedOptions {
    version: Option<String>,
    binary: Option<PathBuf>,
    build_if_missing: Option<bool>,
    data_dir: Option<PathBuf>,
    http_port: Option<u16>,
    grpc_port: Option<u16>,
    modules: Option<Vec<String>>,
    embedding_service: Option<bool>,
    env: Vec<(String, String)>,
    start_timeout: Option<Duration>,
    stop_timeout: Option<Duration>,
    log_level: Option<String>,
}

impl EmbeddedOptions {
    /// The defaults: the pinned version, a temporary data dir, free ports, the scripts' modules.
    ///
    /// ```no_run
    /// # async fn run() -> weaviate_orm::Result<()> {
    /// let server = weaviate_orm::embedded::EmbeddedOptions::new().start().await?;
    /// # let _ = server; Ok(()) }
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// The server version, e.g. `v1.39.0` (default `$WEAVIATE_VERSION`, else [`DEFAULT_VERSION`]).
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().version("v1.39.0");
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Runs this `weaviate-server` binary instead of looking for one.
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().binary("/opt/weaviate-server");
    /// ```
    pub fn binary(mut self, path: impl Into<PathBuf>) -> Self {
        self.binary = Some(path.into());
        self
    }

    /// Whether a missing binary is built with `go install` (default `true`); with `false` a missing
    /// binary is [`EmbeddedError::BinaryNotFound`].
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().build_if_missing(false);
    /// ```
    pub fn build_if_missing(mut self, build: bool) -> Self {
        self.build_if_missing = Some(build);
        self
    }

    /// Keeps the server's state in `dir` (Weaviate's data in `dir/data`, backups in
    /// `dir/backups`, the log in `dir/weaviate.log`, the layout of a scripts instance) and keeps it
    /// after the server stops, so the next start finds the data. Default: a temporary dir, removed
    /// on stop.
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().data_dir("weaviate-data");
    /// ```
    pub fn data_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.data_dir = Some(dir.into());
        self
    }

    /// The REST port on 127.0.0.1 (default: a free one).
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().http_port(8080);
    /// ```
    pub fn http_port(mut self, port: u16) -> Self {
        self.http_port = Some(port);
        self
    }

    /// The gRPC port (default: a free one). Weaviate 1.39 binds it on all interfaces.
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().grpc_port(50051);
    /// ```
    pub fn grpc_port(mut self, port: u16) -> Self {
        self.grpc_port = Some(port);
        self
    }

    /// The modules to enable (`ENABLE_MODULES`), replacing the scripts' list
    /// (`text2vec-bigram`, `generative-dummy`, `reranker-dummy`, `ref2vec-centroid`,
    /// `backup-filesystem`); `text2vec-transformers` is added while the embedding service runs.
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().modules(["backup-filesystem"]);
    /// ```
    pub fn modules<I, S>(mut self, modules: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.modules = Some(modules.into_iter().map(Into::into).collect());
        self
    }

    /// Whether to run the embedding service and enable `text2vec-transformers` on it (default
    /// `true`, as the scripts do).
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().embedding_service(false);
    /// ```
    pub fn embedding_service(mut self, run: bool) -> Self {
        self.embedding_service = Some(run);
        self
    }

    /// An extra server environment variable, applied last so it overrides the defaults (like
    /// `scripts/weaviate start --env VAR=VALUE`).
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new()
    ///     .env("USE_INVERTED_SEARCHABLE", "false");
    /// ```
    pub fn env(mut self, var: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((var.into(), value.into()));
        self
    }

    /// How long the server may take to get ready (default `$WEAVIATE_START_TIMEOUT` seconds, else
    /// 120 s; building the binary is not counted).
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().start_timeout(Duration::from_secs(60));
    /// ```
    pub fn start_timeout(mut self, timeout: Duration) -> Self {
        self.start_timeout = Some(timeout);
        self
    }

    /// How long the server may take to stop after SIGTERM before it is killed (default
    /// `$WEAVIATE_STOP_TIMEOUT` seconds, else 30 s).
    ///
    /// ```no_run
    /// # use std::time::Duration;
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().stop_timeout(Duration::from_secs(5));
    /// ```
    pub fn stop_timeout(mut self, timeout: Duration) -> Self {
        self.stop_timeout = Some(timeout);
        self
    }

    /// The server's `LOG_LEVEL` (default `$WEAVIATE_LOG_LEVEL`, else `warning`).
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedOptions::new().log_level("info");
    /// ```
    pub fn log_level(mut self, level: impl Into<String>) -> Self {
        self.log_level = Some(level.into());
        self
    }

    /// Starts the server and returns a client connected to it; the client keeps the server alive.
    ///
    /// ```no_run
    /// # async fn run() -> weaviate_orm::Result<()> {
    /// let client = weaviate_orm::embedded::EmbeddedOptions::new().connect().await?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub async fn connect(self) -> Result<Client> {
        self.start().await?.connect().await
    }

    /// Starts the server (building the binary first if needed) and waits until REST and gRPC
    /// answer.
    ///
    /// ```no_run
    /// # async fn run() -> weaviate_orm::Result<()> {
    /// let server = weaviate_orm::embedded::EmbeddedOptions::new().start().await?;
    /// println!("{} {}", server.http_url(), server.grpc_url());
    /// let client = server.connect().await?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub async fn start(self) -> Result<EmbeddedServer> {
        let settings = self.resolve().map_err(Error::Embedded)?;
        let binary = find_or_build(&settings).await.map_err(Error::Embedded)?;
        let server = tokio::task::spawn_blocking(move || launch(settings, binary))
            .await
            .map_err(|e| EmbeddedError::Io {
                action: "starting weaviate-server".into(),
                source: std::io::Error::other(e.to_string()),
            })
            .and_then(|started| started)
            .map_err(Error::Embedded)?;
        server.wait_ready().await?;
        Ok(server)
    }

    /// The options with the environment's defaults filled in.
    fn resolve(self) -> Result<Settings, EmbeddedError> {
        let env_secs = |name: &str, default: u64| {
            std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse().ok())
                .map_or(Duration::from_secs(default), Duration::from_secs)
        };
        let version = self
            .version
            .or_else(|| {
                std::env::var("WEAVIATE_VERSION")
                    .ok()
                    .filter(|v| !v.is_empty())
            })
            .unwrap_or_else(|| DEFAULT_VERSION.to_owned());
        if !discovery::valid_version(&version) {
            return Err(EmbeddedError::BinaryNotFound {
                searched: Vec::new(),
                hint: format!("`{version}` is not a version like {DEFAULT_VERSION}"),
                version,
            });
        }
        Ok(Settings {
            version,
            binary: self.binary,
            build_if_missing: self.build_if_missing.unwrap_or(true),
            data_dir: self.data_dir,
            http_port: self.http_port,
            grpc_port: self.grpc_port,
            modules: self
                .modules
                .map(|m| m.join(","))
                .unwrap_or_else(|| MODULES.to_owned()),
            embedding_service: self.embedding_service.unwrap_or(true),
            env: self.env,
            start_timeout: self
                .start_timeout
                .unwrap_or_else(|| env_secs("WEAVIATE_START_TIMEOUT", 120)),
            stop_timeout: self
                .stop_timeout
                .unwrap_or_else(|| env_secs("WEAVIATE_STOP_TIMEOUT", 30)),
            log_level: self
                .log_level
                .or_else(|| {
                    std::env::var("WEAVIATE_LOG_LEVEL")
                        .ok()
                        .filter(|v| !v.is_empty())
                })
                .unwrap_or_else(|| "warning".to_owned()),
        })
    }
}

/// The options, complete.
#[derive(Debug)]
struct Settings {
    version: String,
    binary: Option<PathBuf>,
    build_if_missing: bool,
    data_dir: Option<PathBuf>,
    http_port: Option<u16>,
    grpc_port: Option<u16>,
    modules: String,
    embedding_service: bool,
    env: Vec<(String, String)>,
    start_timeout: Duration,
    stop_timeout: Duration,
    log_level: String,
}

/// The binary to run: found, or built with Go (in a blocking task: it takes minutes).
async fn find_or_build(settings: &Settings) -> Result<PathBuf, EmbeddedError> {
    let mut searched = Vec::new();
    let (located, cache) = discovery::real_lookup(|env| {
        let located = discovery::locate(
            env,
            &settings.version,
            settings.binary.as_deref(),
            &mut searched,
        );
        (located, discovery::cache_root(env))
    });
    let not_found = |searched: Vec<PathBuf>, why: &str| EmbeddedError::BinaryNotFound {
        version: settings.version.clone(),
        searched,
        hint: format!(
            "{why}: {}",
            discovery::install_hint(&settings.version, cache.as_deref())
        ),
    };
    match located? {
        Some(Located::Found(path)) => Ok(path),
        Some(Located::Build(target)) if settings.build_if_missing => {
            if !discovery::go_available() {
                return Err(not_found(searched, "Go (`go`) is not installed"));
            }
            let version = settings.version.clone();
            tokio::task::spawn_blocking(move || discovery::build(&version, &target))
                .await
                .map_err(|e| EmbeddedError::Io {
                    action: "building weaviate-server".into(),
                    source: std::io::Error::other(e.to_string()),
                })?
        }
        Some(Located::Build(_)) => Err(not_found(searched, "building is turned off")),
        None => Err(not_found(
            searched,
            "no cache dir (neither WEAVIATE_ORM_CACHE, XDG_CACHE_HOME nor HOME is set)",
        )),
    }
}

/// The server's environment: `scripts/weaviate`'s `node_env` for a single node, then the extras.
fn server_env(
    settings: &Settings,
    dir: &Path,
    ports: &NodePorts,
    embedder_port: Option<u16>,
) -> Vec<(String, String)> {
    let var = |name: &str, default: &str| {
        std::env::var(name)
            .ok()
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| default.to_owned())
    };
    let mut modules = settings.modules.clone();
    if embedder_port.is_some() {
        modules.push_str(",text2vec-transformers");
    }
    let path = |p: PathBuf| p.display().to_string();
    let mut env: Vec<(String, String)> = [
        ("PATH", var("PATH", "/usr/bin:/bin")),
        ("HOME", var("HOME", "/")),
        ("TMPDIR", path(std::env::temp_dir())),
        ("PERSISTENCE_DATA_PATH", path(dir.join("data"))),
        ("BACKUP_FILESYSTEM_PATH", path(dir.join("backups"))),
        ("CLUSTER_HOSTNAME", "node1".into()),
        ("CLUSTER_IN_LOCALHOST", "true".into()),
        ("CLUSTER_BIND_ADDR", HOST.into()),
        ("CLUSTER_GOSSIP_BIND_PORT", ports.gossip.to_string()),
        ("CLUSTER_DATA_BIND_PORT", ports.data.to_string()),
        ("RAFT_PORT", ports.raft.to_string()),
        ("RAFT_INTERNAL_RPC_PORT", ports.raft_rpc.to_string()),
        ("RAFT_JOIN", format!("node1:{}", ports.raft)),
        ("RAFT_BOOTSTRAP_EXPECT", "1".into()),
        ("GRPC_PORT", ports.grpc.to_string()),
        ("AUTOSCHEMA_ENABLED", "false".into()),
        ("DISABLE_TELEMETRY", "true".into()),
        ("GO_PROFILING_DISABLE", "true".into()),
        ("PROMETHEUS_MONITORING_ENABLED", "false".into()),
        ("DEFAULT_VECTORIZER_MODULE", "none".into()),
        ("ENABLE_MODULES", modules),
        ("OBJECTS_TTL_DELETE_SCHEDULE", "@daily".into()),
        ("QUERY_DEFAULTS_LIMIT", "25".into()),
        ("RAFT_TIMEOUTS_MULTIPLIER", "1".into()),
        ("LOG_LEVEL", settings.log_level.clone()),
        ("LOG_FORMAT", "text".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    if let Some(port) = embedder_port {
        env.push((
            "TRANSFORMERS_INFERENCE_API".into(),
            format!("http://{HOST}:{port}"),
        ));
    }
    env.push((
        "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED".into(),
        "true".into(),
    ));
    // Extras last: a later value of a variable wins (Command::env keeps the last).
    env.extend(settings.env.iter().cloned());
    env
}

/// Creates the state dir, chooses ports, starts the embedding service and the server (blocking).
fn launch(settings: Settings, binary: PathBuf) -> Result<EmbeddedServer, EmbeddedError> {
    let (dir, temporary) = match &settings.data_dir {
        Some(dir) => (dir.clone(), false),
        None => (temp_state_dir()?, true),
    };
    let started = (|| {
        for sub in ["data", "backups"] {
            std::fs::create_dir_all(dir.join(sub)).map_err(EmbeddedError::io(format!(
                "creating {}",
                dir.join(sub).display()
            )))?;
        }
        let ports = ports::allocate(settings.http_port, settings.grpc_port)?;
        let embedder = if settings.embedding_service {
            Some(Embedder::start().map_err(EmbeddedError::io("starting the embedding service"))?)
        } else {
            None
        };
        let env = server_env(
            &settings,
            &dir,
            &ports,
            embedder.as_ref().map(Embedder::port),
        );
        let log_path = dir.join("weaviate.log");
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(EmbeddedError::io(format!("opening {}", log_path.display())))?;
        let log_err = log
            .try_clone()
            .map_err(EmbeddedError::io(format!("opening {}", log_path.display())))?;
        let child = Command::new(&binary)
            .args(["--scheme", "http", "--host", HOST, "--port"])
            .arg(ports.http.to_string())
            .args(["--read-timeout=600s", "--write-timeout=600s"])
            .env_clear()
            .envs(env)
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .spawn()
            .map_err(EmbeddedError::io(format!("running {}", binary.display())))?;
        tracing::info!(
            pid = child.id(),
            http = ports.http,
            grpc = ports.grpc,
            dir = %dir.display(),
            "started embedded weaviate-server"
        );
        Ok((ports, embedder, log_path, child))
    })();
    let (ports, embedder, log_path, child) = match started {
        Ok(parts) => parts,
        Err(e) => {
            if temporary {
                let _ = std::fs::remove_dir_all(&dir);
            }
            return Err(e);
        }
    };
    let pid = child.id();
    Ok(EmbeddedServer {
        inner: Arc::new(Guard {
            info: Info {
                http_url: format!("http://{HOST}:{}", ports.http),
                grpc_url: format!("http://{HOST}:{}", ports.grpc),
                ports,
                pid,
                dir,
                temporary,
                log_path,
                binary,
                version: settings.version,
                start_timeout: settings.start_timeout,
                stop_timeout: settings.stop_timeout,
            },
            running: Mutex::new(Some(Running { child, embedder })),
        }),
    })
}

/// A fresh private dir under the temp dir: `weaviate-orm-embedded-<pid>-<random>`.
fn temp_state_dir() -> Result<PathBuf, EmbeddedError> {
    let dir = std::env::temp_dir().join(format!(
        "weaviate-orm-embedded-{}-{:016x}",
        std::process::id(),
        fastrand::u64(..)
    ));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(&dir)
        .map_err(EmbeddedError::io(format!("creating {}", dir.display())))?;
    Ok(dir)
}

/// The last `n` lines of a log file.
fn log_tail(path: &Path, n: usize) -> String {
    let text = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// The port of a "bind: address already in use" line of the log, if any.
fn port_in_use(log: &str) -> Option<u16> {
    log.lines()
        .filter(|l| l.contains("address already in use"))
        .find_map(|l| {
            let before = &l[..l.find(": bind")?];
            before.rsplit(':').next()?.trim().parse().ok()
        })
}

/// A running embedded server. Cheap to clone; the server stops when the last clone (and the last
/// [`Client`] connected through [`connect`](Self::connect)) is dropped, or on
/// [`shutdown`](Self::shutdown).
///
/// ```no_run
/// # async fn run() -> weaviate_orm::Result<()> {
/// use weaviate_orm::embedded::EmbeddedOptions;
///
/// let server = EmbeddedOptions::new().start().await?;
/// let client = server.connect().await?;
/// assert!(client.is_ready().await?);
/// server.shutdown().await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct EmbeddedServer {
    inner: Arc<Guard>,
}

/// Stops the server when dropped (the last clone of [`EmbeddedServer`] goes).
struct Guard {
    info: Info,
    running: Mutex<Option<Running>>,
}

struct Info {
    http_url: String,
    grpc_url: String,
    ports: NodePorts,
    pid: u32,
    dir: PathBuf,
    temporary: bool,
    log_path: PathBuf,
    binary: PathBuf,
    version: String,
    start_timeout: Duration,
    stop_timeout: Duration,
}

struct Running {
    child: Child,
    embedder: Option<Embedder>,
}

impl fmt::Debug for EmbeddedServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let info = &self.inner.info;
        f.debug_struct("EmbeddedServer")
            .field("http", &info.http_url)
            .field("grpc", &info.grpc_url)
            .field("pid", &info.pid)
            .field("dir", &info.dir)
            .field("version", &info.version)
            .finish()
    }
}

impl EmbeddedServer {
    /// Starts a server with default [`EmbeddedOptions`] (same as `EmbeddedOptions::new().start()`).
    ///
    /// ```no_run
    /// # async fn run() -> weaviate_orm::Result<()> {
    /// let server = weaviate_orm::embedded::EmbeddedServer::start().await?;
    /// # let _ = server; Ok(()) }
    /// ```
    pub async fn start() -> Result<EmbeddedServer> {
        EmbeddedOptions::new().start().await
    }

    /// The options builder (same as [`EmbeddedOptions::new`]).
    ///
    /// ```no_run
    /// let options = weaviate_orm::embedded::EmbeddedServer::builder().http_port(8080);
    /// ```
    pub fn builder() -> EmbeddedOptions {
        EmbeddedOptions::new()
    }

    /// The REST URL, e.g. `http://127.0.0.1:23456`.
    ///
    /// ```no_run
    /// # fn f(server: &weaviate_orm::embedded::EmbeddedServer) {
    /// println!("{}", server.http_url());
    /// # }
    /// ```
    pub fn http_url(&self) -> &str {
        &self.inner.info.http_url
    }

    /// The gRPC URL, e.g. `http://127.0.0.1:23457`.
    ///
    /// ```no_run
    /// # fn f(server: &weaviate_orm::embedded::EmbeddedServer) {
    /// println!("{}", server.grpc_url());
    /// # }
    /// ```
    pub fn grpc_url(&self) -> &str {
        &self.inner.info.grpc_url
    }

    /// The server's process id.
    ///
    /// ```no_run
    /// # fn f(server: &weaviate_orm::embedded::EmbeddedServer) {
    /// println!("pid {}", server.pid());
    /// # }
    /// ```
    pub fn pid(&self) -> u32 {
        self.inner.info.pid
    }

    /// The state dir: `data/`, `backups/` and `weaviate.log` (temporary unless
    /// [`EmbeddedOptions::data_dir`] was given).
    ///
    /// ```no_run
    /// # fn f(server: &weaviate_orm::embedded::EmbeddedServer) {
    /// println!("state in {}", server.dir().display());
    /// # }
    /// ```
    pub fn dir(&self) -> &Path {
        &self.inner.info.dir
    }

    /// Whether [`dir`](Self::dir) is temporary (removed when the server stops).
    ///
    /// ```no_run
    /// # fn f(server: &weaviate_orm::embedded::EmbeddedServer) {
    /// assert!(server.is_temporary());
    /// # }
    /// ```
    pub fn is_temporary(&self) -> bool {
        self.inner.info.temporary
    }

    /// The server's log file (stdout and stderr).
    ///
    /// ```no_run
    /// # fn f(server: &weaviate_orm::embedded::EmbeddedServer) {
    /// print!("{}", std::fs::read_to_string(server.log_path()).unwrap_or_default());
    /// # }
    /// ```
    pub fn log_path(&self) -> &Path {
        &self.inner.info.log_path
    }

    /// The `weaviate-server` binary that runs.
    ///
    /// ```no_run
    /// # fn f(server: &weaviate_orm::embedded::EmbeddedServer) {
    /// println!("{}", server.binary().display());
    /// # }
    /// ```
    pub fn binary(&self) -> &Path {
        &self.inner.info.binary
    }

    /// The version asked for, e.g. `v1.39.0`.
    ///
    /// ```no_run
    /// # fn f(server: &weaviate_orm::embedded::EmbeddedServer) {
    /// println!("{}", server.version());
    /// # }
    /// ```
    pub fn version(&self) -> &str {
        &self.inner.info.version
    }

    /// A [`ClientBuilder`] for this server (a client built from it does not keep the server alive;
    /// [`connect`](Self::connect)'s does).
    ///
    /// ```no_run
    /// # async fn f(server: &weaviate_orm::embedded::EmbeddedServer) -> weaviate_orm::Result<()> {
    /// let client = server.client_builder().build().await?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub fn client_builder(&self) -> ClientBuilder {
        ClientBuilder::custom(self.http_url(), self.grpc_url())
    }

    /// A client connected to this server, keeping it alive while the client (or a clone) exists.
    ///
    /// ```no_run
    /// # async fn f(server: &weaviate_orm::embedded::EmbeddedServer) -> weaviate_orm::Result<()> {
    /// let client = server.connect().await?;
    /// assert!(client.embedded_server().is_some());
    /// # Ok(()) }
    /// ```
    pub async fn connect(&self) -> Result<Client> {
        let client = self.client_builder().build().await?;
        // A fresh client: nothing else has set it.
        let _ = client.inner.embedded.set(self.clone());
        Ok(client)
    }

    /// Whether the server process is still running.
    ///
    /// ```no_run
    /// # fn f(server: &weaviate_orm::embedded::EmbeddedServer) {
    /// assert!(server.is_running());
    /// # }
    /// ```
    pub fn is_running(&self) -> bool {
        let mut running = lock(&self.inner.running);
        running
            .as_mut()
            .is_some_and(|r| matches!(r.child.try_wait(), Ok(None)))
    }

    /// Stops the server now (SIGTERM, SIGKILL after the stop timeout) and removes a temporary
    /// state dir; clients of it then fail with connection errors. Idempotent.
    ///
    /// ```no_run
    /// # async fn run() -> weaviate_orm::Result<()> {
    /// let client = weaviate_orm::Client::embedded().await?;
    /// if let Some(server) = client.embedded_server() {
    ///     server.shutdown().await?;
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn shutdown(&self) -> Result<()> {
        let guard = self.inner.clone();
        tokio::task::spawn_blocking(move || guard.stop())
            .await
            .map_err(|e| EmbeddedError::Io {
                action: "stopping weaviate-server".into(),
                source: std::io::Error::other(e.to_string()),
            })
            .and_then(|stopped| stopped)
            .map_err(Error::Embedded)
    }

    /// Waits until `/v1/.well-known/ready` answers and a client passes the start-up checks (meta
    /// over REST, the gRPC health check); stops the server on failure.
    async fn wait_ready(&self) -> Result<()> {
        let info = &self.inner.info;
        let started = Instant::now();
        let deadline = started + info.start_timeout;
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(2))
            .build()
            .map_err(|e| {
                Error::Embedded(EmbeddedError::Io {
                    action: "building an HTTP client".into(),
                    source: std::io::Error::other(e.to_string()),
                })
            })?;
        let ready_url = format!("{}/v1/.well-known/ready", info.http_url);
        let mut rest_ready = false;
        loop {
            if let Some(status) = self.exited() {
                return Err(Error::Embedded(self.exited_early(status).await));
            }
            if !rest_ready {
                rest_ready = http
                    .get(&ready_url)
                    .send()
                    .await
                    .is_ok_and(|r| r.status().is_success());
            }
            if rest_ready {
                match self.client_builder().build().await {
                    Ok(_) => {
                        tracing::info!(
                            after_ms = started.elapsed().as_millis() as u64,
                            url = %info.http_url,
                            "embedded weaviate-server ready"
                        );
                        return Ok(());
                    }
                    Err(e) if Instant::now() >= deadline => return Err(e),
                    Err(_) => {}
                }
            }
            if Instant::now() >= deadline {
                let log_tail = log_tail(&info.log_path, LOG_TAIL_LINES);
                let _ = self.shutdown_keeping_log().await;
                return Err(Error::Embedded(EmbeddedError::NotReady {
                    after: info.start_timeout,
                    log: info.log_path.clone(),
                    log_tail,
                }));
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// The exit status, once the process has ended.
    fn exited(&self) -> Option<std::process::ExitStatus> {
        let mut running = lock(&self.inner.running);
        running
            .as_mut()
            .and_then(|r| r.child.try_wait().ok().flatten())
    }

    /// The error for a server that ended during startup (a port in use, named, when its log says
    /// so); cleans up.
    async fn exited_early(&self, status: std::process::ExitStatus) -> EmbeddedError {
        let info = &self.inner.info;
        let tail = log_tail(&info.log_path, LOG_TAIL_LINES);
        let _ = self.shutdown_keeping_log().await;
        if let Some(port) = port_in_use(&tail) {
            let purpose = info
                .ports
                .all()
                .iter()
                .find(|(p, _)| *p == port)
                .map_or("a server port", |(_, what)| *what);
            return EmbeddedError::PortTaken {
                port,
                purpose: purpose.into(),
            };
        }
        EmbeddedError::ExitedEarly {
            status: status.to_string(),
            log: info.log_path.clone(),
            log_tail: tail,
        }
    }

    /// Stops after a failed start; the tail of the log is already in the error.
    async fn shutdown_keeping_log(&self) -> Result<()> {
        self.shutdown().await
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Guard {
    /// SIGTERM, wait up to the stop timeout, SIGKILL; the embedding service; the temporary dir.
    fn stop(&self) -> Result<(), EmbeddedError> {
        let Some(mut running) = lock(&self.running).take() else {
            return Ok(());
        };
        let child = &mut running.child;
        if matches!(child.try_wait(), Ok(None)) {
            terminate(child);
            let deadline = Instant::now() + self.info.stop_timeout;
            while matches!(child.try_wait(), Ok(None)) && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
            if matches!(child.try_wait(), Ok(None)) {
                tracing::warn!(
                    pid = self.info.pid,
                    "embedded weaviate-server did not stop after SIGTERM; killing it"
                );
                let _ = child.kill();
            }
        }
        let _ = child.wait();
        drop(running.embedder.take());
        if self.info.temporary {
            std::fs::remove_dir_all(&self.info.dir).map_err(EmbeddedError::io(format!(
                "removing {}",
                self.info.dir.display()
            )))?;
        }
        Ok(())
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if let Err(e) = self.stop() {
            tracing::warn!("stopping the embedded weaviate-server: {e}");
        }
    }
}

/// Asks the process to stop (SIGTERM through `kill`, no libc needed); kills it where that fails.
fn terminate(child: &mut Child) {
    #[cfg(unix)]
    {
        let sent = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if sent {
            return;
        }
    }
    let _ = child.kill();
}

impl Client {
    /// Starts an embedded Weaviate with default [`EmbeddedOptions`] and connects to it; the server
    /// stops when the last clone of this client is dropped (see [`crate::embedded`]).
    ///
    /// ```no_run
    /// # async fn run() -> weaviate_orm::Result<()> {
    /// let client = weaviate_orm::Client::embedded().await?;
    /// println!("{}", client.meta().await?.version);
    /// # Ok(()) }
    /// ```
    pub async fn embedded() -> Result<Client> {
        EmbeddedOptions::new().connect().await
    }

    /// The embedded server this client keeps alive, if it was connected by [`Client::embedded`] or
    /// [`EmbeddedServer::connect`].
    ///
    /// ```no_run
    /// # async fn run() -> weaviate_orm::Result<()> {
    /// let client = weaviate_orm::Client::embedded().await?;
    /// let server = client.embedded_server().expect("embedded");
    /// println!("log at {}", server.log_path().display());
    /// # Ok(()) }
    /// ```
    pub fn embedded_server(&self) -> Option<&EmbeddedServer> {
        self.inner.embedded.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_environment_is_the_scripts_single_node_environment() {
        let settings = EmbeddedOptions::new()
            .env("QUERY_DEFAULTS_LIMIT", "7")
            .resolve()
            .unwrap();
        let ports = NodePorts {
            http: 1,
            grpc: 2,
            gossip: 3,
            data: 4,
            raft: 5,
            raft_rpc: 6,
        };
        let env = server_env(&settings, Path::new("/s"), &ports, Some(9));
        let get = |k: &str| {
            env.iter()
                .rev()
                .find(|(name, _)| name == k)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("PERSISTENCE_DATA_PATH"), Some("/s/data"));
        assert_eq!(get("BACKUP_FILESYSTEM_PATH"), Some("/s/backups"));
        assert_eq!(get("RAFT_JOIN"), Some("node1:5"));
        assert_eq!(get("CLUSTER_DATA_BIND_PORT"), Some("4"));
        assert_eq!(get("GRPC_PORT"), Some("2"));
        assert_eq!(
            get("ENABLE_MODULES"),
            Some(
                "text2vec-bigram,generative-dummy,reranker-dummy,ref2vec-centroid,backup-filesystem,text2vec-transformers"
            )
        );
        assert_eq!(
            get("TRANSFORMERS_INFERENCE_API"),
            Some("http://127.0.0.1:9")
        );
        assert_eq!(get("AUTOSCHEMA_ENABLED"), Some("false"));
        // Extras come last and win.
        assert_eq!(get("QUERY_DEFAULTS_LIMIT"), Some("7"));
        let without = server_env(&settings, Path::new("/s"), &ports, None);
        assert!(
            !without
                .iter()
                .any(|(k, _)| k == "TRANSFORMERS_INFERENCE_API")
        );
    }

    #[test]
    fn a_bind_failure_in_the_log_names_the_port() {
        let log =
            "time=x level=fatal msg=\"listen tcp 127.0.0.1:23456: bind: address already in use\"";
        assert_eq!(port_in_use(log), Some(23456));
        assert_eq!(port_in_use("all fine"), None);
    }

    #[test]
    fn a_bad_version_is_refused_before_anything_runs() {
        let err = EmbeddedOptions::new()
            .version("latest")
            .resolve()
            .unwrap_err();
        assert!(
            err.to_string().contains("`latest` is not a version"),
            "{err}"
        );
    }
}
