//! Building a [`Client`]: addresses, credentials, headers, timeouts and start-up checks.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use url::Url;

use super::auth::{Auth, Secret};
use super::oidc::{self, Oidc, TokenSource};
use super::{Client, Inner};
use crate::error::{Error, Protocol, Result};
use crate::transport::grpc::{DEFAULT_MAX_MESSAGE_SIZE, Grpc, Metadata};
use crate::transport::rest::Rest;
use crate::transport::retry::RetryPolicy;

/// Timeouts of the client. Defaults: connect 10 s, query 60 s, insert 120 s.
///
/// ```
/// use std::time::Duration;
/// use weaviate_orm::Timeouts;
///
/// let t = Timeouts::default().query(Duration::from_secs(5));
/// assert_eq!(t.query_timeout(), Duration::from_secs(5));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timeouts {
    connect: Duration,
    query: Duration,
    insert: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            query: Duration::from_secs(60),
            insert: Duration::from_secs(120),
        }
    }
}

impl Timeouts {
    /// Time allowed to open a connection (and for each start-up check).
    pub fn connect(mut self, timeout: Duration) -> Self {
        self.connect = timeout;
        self
    }

    /// Time allowed for reads: searches, gets, schema calls.
    pub fn query(mut self, timeout: Duration) -> Self {
        self.query = timeout;
        self
    }

    /// Time allowed for writes: inserts, updates, deletes and batches.
    pub fn insert(mut self, timeout: Duration) -> Self {
        self.insert = timeout;
        self
    }

    /// The connect timeout.
    pub fn connect_timeout(&self) -> Duration {
        self.connect
    }

    /// The query timeout.
    pub fn query_timeout(&self) -> Duration {
        self.query
    }

    /// The insert timeout.
    pub fn insert_timeout(&self) -> Duration {
        self.insert
    }
}

/// Where one protocol of the server listens.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Address {
    host: String,
    port: u16,
    secure: bool,
    /// Path prefix for REST behind a reverse proxy (`/` normally).
    path: String,
}

impl Address {
    fn parse(url: &str, what: &str) -> Result<Self> {
        let parsed = Url::parse(url).map_err(|e| {
            Error::invalid(format!(
                "invalid {what} URL `{url}`: {e} (expected e.g. http://localhost:8080)"
            ))
        })?;
        let secure = match parsed.scheme() {
            "http" | "grpc" => false,
            "https" | "grpcs" => true,
            other => {
                return Err(Error::invalid(format!(
                    "invalid {what} URL `{url}`: scheme `{other}` is not http or https"
                )));
            }
        };
        let host = parsed
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| Error::invalid(format!("invalid {what} URL `{url}`: no host")))?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let port = parsed.port().unwrap_or(if secure { 443 } else { 80 });
        Ok(Address {
            host,
            port,
            secure,
            path: parsed.path().to_owned(),
        })
    }

    fn url(&self) -> String {
        let scheme = if self.secure { "https" } else { "http" };
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        format!("{scheme}://{host}:{}{}", self.port, self.path)
    }
}

/// Builds a [`Client`]. Start from [`Client::builder`] (local defaults), [`ClientBuilder::cloud`] or
/// [`ClientBuilder::custom`], adjust, then [`build`](ClientBuilder::build).
///
/// ```no_run
/// # async fn run() -> weaviate_orm::Result<()> {
/// use std::time::Duration;
/// use weaviate_orm::Client;
///
/// let client = Client::builder()
///     .http_url("http://127.0.0.1:8080")
///     .grpc_url("http://127.0.0.1:50051")
///     .api_key("my-key")
///     .header("X-OpenAI-Api-Key", "sk-...")
///     .query_timeout(Duration::from_secs(10))
///     .build()
///     .await?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone)]
#[must_use = "a builder does nothing until `build` is awaited"]
pub struct ClientBuilder {
    http: Address,
    grpc: Address,
    auth: Option<Auth>,
    headers: Vec<(String, Secret)>,
    timeouts: Timeouts,
    retry: RetryPolicy,
    skip_init_checks: bool,
    /// Extra certificate authorities (PEM) that TLS on REST and gRPC trusts.
    ca_certificates: Vec<Vec<u8>>,
    /// The first invalid setting, reported by `build` so setters can chain.
    error: Option<String>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("http", &self.http.url())
            .field("grpc", &self.grpc.url())
            .field("auth", &self.auth)
            .field(
                "headers",
                &self.headers.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .field("timeouts", &self.timeouts)
            .field("retry", &self.retry)
            .field("skip_init_checks", &self.skip_init_checks)
            .finish()
    }
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder::local()
    }
}

impl ClientBuilder {
    /// A local server: REST on `http://localhost:8080`, gRPC on `localhost:50051`, no auth.
    pub fn local() -> Self {
        ClientBuilder {
            http: Address {
                host: "localhost".into(),
                port: 8080,
                secure: false,
                path: "/".into(),
            },
            grpc: Address {
                host: "localhost".into(),
                port: 50051,
                secure: false,
                path: "/".into(),
            },
            auth: None,
            headers: Vec::new(),
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            skip_init_checks: false,
            ca_certificates: Vec::new(),
            error: None,
        }
    }

    /// A Weaviate Cloud cluster: REST at `cluster_url` (https, port 443), gRPC at the same host with a
    /// `grpc-` prefix on port 443, authenticated with `api_key`.
    ///
    /// ```
    /// use weaviate_orm::ClientBuilder;
    ///
    /// let b = ClientBuilder::cloud("abc123.c0.europe-west3.gcp.weaviate.cloud", "key");
    /// assert!(format!("{b:?}").contains("https://grpc-abc123.c0.europe-west3.gcp.weaviate.cloud:443"));
    /// assert!(!format!("{b:?}").contains("key\""));
    /// ```
    pub fn cloud(cluster_url: &str, api_key: impl Into<Secret>) -> Self {
        let url = if cluster_url.contains("://") {
            cluster_url.to_owned()
        } else {
            format!("https://{cluster_url}")
        };
        let mut builder = ClientBuilder::local().http_url(&url).api_key(api_key);
        let host = builder.http.host.clone();
        builder.grpc = Address {
            host: if host.starts_with("grpc-") {
                host
            } else {
                format!("grpc-{host}")
            },
            port: 443,
            secure: true,
            path: "/".into(),
        };
        builder
    }

    /// Any server, by its REST and gRPC URLs (e.g. `http://10.0.0.5:8080`, `http://10.0.0.5:50051`).
    pub fn custom(http_url: &str, grpc_url: &str) -> Self {
        ClientBuilder::local().http_url(http_url).grpc_url(grpc_url)
    }

    /// Configuration from the environment: `WEAVIATE_URL` (REST, default `http://localhost:8080`),
    /// `WEAVIATE_GRPC_URL` (default: the REST host on port 50051) and `WEAVIATE_API_KEY` (optional).
    pub fn from_env() -> Self {
        let mut builder = ClientBuilder::local();
        if let Ok(url) = std::env::var("WEAVIATE_URL") {
            builder = builder.http_url(&url);
            builder.grpc.host = builder.http.host.clone();
        }
        if let Ok(url) = std::env::var("WEAVIATE_GRPC_URL") {
            builder = builder.grpc_url(&url);
        }
        if let Ok(key) = std::env::var("WEAVIATE_API_KEY") {
            if !key.is_empty() {
                builder = builder.api_key(key);
            }
        }
        builder
    }

    fn fail(mut self, message: String) -> Self {
        self.error.get_or_insert(message);
        self
    }

    /// The REST URL, e.g. `http://localhost:8080` or `https://host/prefix`.
    pub fn http_url(mut self, url: &str) -> Self {
        match Address::parse(url, "HTTP") {
            Ok(address) => {
                self.http = address;
                self
            }
            Err(e) => self.fail(invalid_message(e)),
        }
    }

    /// The gRPC URL, e.g. `http://localhost:50051` (use `https://` for TLS).
    pub fn grpc_url(mut self, url: &str) -> Self {
        match Address::parse(url, "gRPC") {
            Ok(address) => {
                self.grpc = address;
                self.grpc.path = "/".into();
                self
            }
            Err(e) => self.fail(invalid_message(e)),
        }
    }

    /// REST host name or IP.
    pub fn http_host(mut self, host: impl Into<String>) -> Self {
        self.http.host = host.into();
        self
    }

    /// REST port.
    pub fn http_port(mut self, port: u16) -> Self {
        self.http.port = port;
        self
    }

    /// Whether REST uses TLS.
    pub fn http_secure(mut self, secure: bool) -> Self {
        self.http.secure = secure;
        self
    }

    /// gRPC host name or IP.
    pub fn grpc_host(mut self, host: impl Into<String>) -> Self {
        self.grpc.host = host.into();
        self
    }

    /// gRPC port.
    pub fn grpc_port(mut self, port: u16) -> Self {
        self.grpc.port = port;
        self
    }

    /// Whether gRPC uses TLS.
    pub fn grpc_secure(mut self, secure: bool) -> Self {
        self.grpc.secure = secure;
        self
    }

    /// Authentication for every request: an [`Auth`], or an [`Oidc`](crate::Oidc) login (the
    /// client then logs in at [`build`](Self::build) and keeps its token fresh).
    pub fn auth(mut self, auth: impl Into<Auth>) -> Self {
        self.auth = Some(auth.into());
        self
    }

    /// API key authentication (shorthand for `auth(Auth::api_key(key))`).
    pub fn api_key(self, key: impl Into<Secret>) -> Self {
        self.auth(Auth::api_key(key))
    }

    /// Bearer token authentication (shorthand for `auth(Auth::bearer_token(token))`).
    pub fn bearer_token(self, token: impl Into<Secret>) -> Self {
        self.auth(Auth::bearer_token(token))
    }

    /// An extra header sent with every REST and gRPC request, e.g. a module's provider key
    /// (`X-OpenAI-Api-Key`). Values are treated as secrets and never printed.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<Secret>) -> Self {
        let name = name.into();
        let valid = !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b))
            && !name.eq_ignore_ascii_case("authorization");
        if !valid {
            return self.fail(format!(
                "invalid header name `{name}`: use letters, digits, `-` and `_` (set credentials with `api_key` or `bearer_token`)"
            ));
        }
        self.headers.push((name, value.into()));
        self
    }

    /// All timeouts at once.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// Time allowed to connect (and for each start-up check).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.connect = timeout;
        self
    }

    /// Time allowed for reads.
    pub fn query_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.query = timeout;
        self
    }

    /// Time allowed for writes.
    pub fn insert_timeout(mut self, timeout: Duration) -> Self {
        self.timeouts.insert = timeout;
        self
    }

    /// How idempotent calls are retried when the server is unavailable.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Trusts the certificate authorities in `pem` (one or more PEM certificates) for TLS on REST
    /// and gRPC, besides the platform's roots: for a server whose certificate a private CA signed.
    /// A certificate that is not PEM is an [`Error::InvalidInput`] from [`build`](Self::build).
    ///
    /// ```no_run
    /// # async fn run() -> weaviate_orm::Result<()> {
    /// let pem = std::fs::read("ca.pem").expect("the CA file");
    /// let client = weaviate_orm::ClientBuilder::custom("https://127.0.0.1:8443", "https://127.0.0.1:50443")
    ///     .ca_certificate_pem(pem)
    ///     .build()
    ///     .await?;
    /// # let _ = client; Ok(()) }
    /// ```
    pub fn ca_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.ca_certificates.push(pem.into());
        self
    }

    /// [`ca_certificate_pem`](Self::ca_certificate_pem) with the contents of the file at `path`; an
    /// unreadable file is an [`Error::InvalidInput`] from [`build`](Self::build).
    pub fn ca_certificate_file(mut self, path: impl AsRef<std::path::Path>) -> Self {
        let path = path.as_ref();
        match std::fs::read(path) {
            Ok(pem) => self.ca_certificates.push(pem),
            Err(e) => {
                self.error.get_or_insert(format!(
                    "cannot read the CA certificate file {}: {e}",
                    path.display()
                ));
            }
        }
        self
    }

    /// Skips the start-up checks (REST meta and gRPC health). The client is then built without any
    /// network traffic, and the gRPC max message size keeps Weaviate's default.
    pub fn skip_init_checks(mut self, skip: bool) -> Self {
        self.skip_init_checks = skip;
        self
    }

    /// Builds the client. Unless [`skip_init_checks`](Self::skip_init_checks) is set, reads the server's
    /// `/v1/meta` over REST and runs the gRPC health check, so an unreachable server fails here with
    /// [`Error::Connection`] naming the protocol and address.
    pub async fn build(self) -> Result<Client> {
        if let Some(message) = self.error {
            return Err(Error::InvalidInput { message });
        }
        for (what, address) in [("HTTP", &self.http), ("gRPC", &self.grpc)] {
            if address.host.is_empty() || address.port == 0 {
                return Err(Error::invalid(format!(
                    "the {what} address `{}` needs a host and a port",
                    address.url()
                )));
            }
        }
        let mut pairs: Vec<(String, String)> = Vec::new();
        if let Some(value) = self.auth.as_ref().and_then(Auth::header_value) {
            pairs.push(("authorization".into(), value));
        }
        for (k, v) in &self.headers {
            pairs.push((k.clone(), v.expose().to_owned()));
        }
        let mut headers = reqwest::header::HeaderMap::new();
        for (k, v) in &pairs {
            let name = reqwest::header::HeaderName::from_bytes(k.as_bytes())
                .map_err(|_| Error::invalid(format!("invalid header name `{k}`")))?;
            let mut value = reqwest::header::HeaderValue::from_str(v)
                .map_err(|_| Error::invalid(format!("the value of header `{k}` is not valid")))?;
            value.set_sensitive(true);
            headers.insert(name, value);
        }
        let http_url = Url::parse(&self.http.url())
            .map_err(|e| Error::invalid(format!("invalid HTTP URL: {e}")))?;
        let tokens = match &self.auth {
            Some(Auth::Oidc(oidc)) => Some(self.oidc_login(&http_url, oidc.clone()).await?),
            _ => None,
        };
        let rest = Rest::new(
            http_url,
            headers,
            &self.ca_certificates,
            tokens.clone(),
            self.timeouts.connect,
            self.timeouts.query,
        )?;
        let metadata = Metadata::new(&pairs, tokens.clone())?;
        let grpc_url = {
            let mut a = self.grpc.clone();
            a.path = String::new();
            a.url()
        };

        let mut meta = None;
        let mut max_message_size = DEFAULT_MAX_MESSAGE_SIZE;
        if !self.skip_init_checks {
            let m: super::Meta = rest
                .get_within(
                    crate::transport::rest::Path::v1(["meta"]),
                    self.timeouts.connect,
                )
                .await
                .map_err(|e| connect_error(e, Protocol::Http, rest.address()))?;
            if let Some(size) = m.grpc_max_message_size.filter(|s| *s > 0) {
                max_message_size = usize::try_from(size).unwrap_or(DEFAULT_MAX_MESSAGE_SIZE);
            }
            meta = Some(m);
        }
        let grpc = Grpc::new(
            grpc_url,
            self.grpc.secure,
            &self.ca_certificates,
            metadata,
            self.timeouts.connect,
            max_message_size,
            self.retry.clone(),
        )?;
        if !self.skip_init_checks {
            let serving = grpc
                .health(self.timeouts.connect)
                .await
                .map_err(|e| connect_error(e, Protocol::Grpc, grpc.address()))?;
            if !serving {
                return Err(Error::Connection {
                    protocol: Protocol::Grpc,
                    address: grpc.address().to_owned(),
                    message: "the gRPC health check says the server is not serving".into(),
                    source: None,
                });
            }
        }
        Ok(Client {
            inner: std::sync::Arc::new(Inner {
                rest,
                grpc,
                timeouts: self.timeouts,
                meta: meta.map(std::sync::OnceLock::from).unwrap_or_default(),
                embedded: std::sync::OnceLock::new(),
            }),
        })
    }
}

impl ClientBuilder {
    /// Finds the server's identity provider and logs in (unauthenticated requests, with the
    /// connect timeout).
    async fn oidc_login(&self, http_url: &Url, oidc: Oidc) -> Result<Arc<TokenSource>> {
        let http = crate::transport::rest::trusting(
            reqwest::Client::builder().connect_timeout(self.timeouts.connect),
            &self.ca_certificates,
        )?
        .build()
        .map_err(|e| Error::invalid(format!("cannot build the HTTP client: {e}")))?;
        let provider = oidc::discover(&http, http_url, self.timeouts.connect)
            .await
            .map_err(|e| {
                connect_error(e, Protocol::Http, &crate::transport::rest::origin(http_url))
            })?;
        TokenSource::login(http, provider, oidc, self.timeouts.connect).await
    }
}

/// The message of an invalid setting, without the `invalid input:` prefix `build` adds again.
fn invalid_message(e: Error) -> String {
    match e {
        Error::InvalidInput { message } => message,
        other => other.to_string(),
    }
}

/// During start-up, a timeout means the server could not be reached: report it as a connection error
/// naming the protocol and address.
fn connect_error(e: Error, protocol: Protocol, address: &str) -> Error {
    match e {
        Error::Timeout { after, source, .. } => Error::Connection {
            protocol,
            address: address.to_owned(),
            message: format!("no answer within {after:?}"),
            source,
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_with_default_ports_and_tls() {
        let b = ClientBuilder::custom("https://example.com", "grpcs://example.com:8443");
        assert!(b.error.is_none());
        assert_eq!(b.http.port, 443);
        assert!(b.http.secure);
        assert_eq!(b.grpc.port, 8443);
        assert!(b.grpc.secure);
        let b = ClientBuilder::custom("http://[::1]:8080", "http://[::1]:50051");
        assert_eq!(b.http.url(), "http://[::1]:8080/");
    }

    #[test]
    fn bad_settings_are_reported_by_build() {
        let b = ClientBuilder::local()
            .http_url("ftp://x")
            .grpc_url("not a url");
        assert!(b.error.as_deref().unwrap().contains("ftp"));
        let b = ClientBuilder::local().header("bad header", "v");
        assert!(b.error.as_deref().unwrap().contains("bad header"));
        let b = ClientBuilder::local().header("Authorization", "v");
        assert!(b.error.is_some());
    }

    #[tokio::test]
    async fn build_fails_before_any_request_on_bad_input() {
        let err = ClientBuilder::local()
            .http_url("nope")
            .build()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
        assert_eq!(
            err.to_string(),
            "invalid input: invalid HTTP URL `nope`: relative URL without a base (expected e.g. http://localhost:8080)"
        );
    }

    #[test]
    fn secrets_never_appear_in_debug() {
        let b = ClientBuilder::local()
            .api_key("super-secret-key")
            .header("X-OpenAI-Api-Key", "sk-very-secret");
        let shown = format!("{b:?}");
        assert!(!shown.contains("super-secret-key"), "{shown}");
        assert!(!shown.contains("sk-very-secret"), "{shown}");
        assert!(shown.contains("X-OpenAI-Api-Key"), "{shown}");
    }

    #[test]
    fn cloud_uses_grpc_prefix_and_tls() {
        let b = ClientBuilder::cloud("https://my.weaviate.cloud", "k");
        assert_eq!(b.grpc.host, "grpc-my.weaviate.cloud");
        assert!(b.grpc.secure && b.http.secure);
        assert_eq!(b.auth, Some(Auth::api_key("k")));
    }
}
