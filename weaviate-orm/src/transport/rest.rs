//! REST transport over reqwest: JSON in, JSON out, Weaviate's error bodies mapped to [`Error`].

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use url::Url;

use crate::client::oidc::TokenSource;
use crate::error::{Error, Result};

/// A REST endpoint of one Weaviate server. Cheap to clone.
#[derive(Clone, Debug)]
pub(crate) struct Rest {
    http: reqwest::Client,
    /// Base URL, e.g. `http://127.0.0.1:8080/` (always ends with a slash).
    base: Url,
    /// `scheme://host:port`, for error messages.
    address: String,
    /// Default timeout of a request when the caller gives none.
    timeout: Duration,
    /// The OIDC token source, whose current token every request carries (else the
    /// authorization, if any, is among the client's default headers).
    tokens: Option<Arc<TokenSource>>,
}

/// A request path: `/v1/` followed by segments, each percent-encoded on its own, plus query pairs.
#[derive(Clone, Debug, Default)]
pub(crate) struct Path {
    segments: Vec<String>,
    query: Vec<(&'static str, String)>,
}

impl Path {
    /// `/v1/<segments...>`.
    pub(crate) fn v1<I, S>(segments: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let mut all = vec!["v1".to_owned()];
        all.extend(segments.into_iter().map(Into::into));
        Path {
            segments: all,
            query: Vec::new(),
        }
    }

    /// Adds a query parameter.
    pub(crate) fn query(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.query.push((key, value.into()));
        self
    }

    /// Adds a query parameter when a value is present.
    pub(crate) fn query_opt(self, key: &'static str, value: Option<impl Into<String>>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    fn display(&self) -> String {
        format!("/{}", self.segments.join("/"))
    }
}

impl Rest {
    pub(crate) fn new(
        base: Url,
        headers: reqwest::header::HeaderMap,
        ca_certificates: &[Vec<u8>],
        tokens: Option<Arc<TokenSource>>,
        connect_timeout: Duration,
        timeout: Duration,
    ) -> Result<Self> {
        let address = origin(&base);
        let http = trusting(reqwest::Client::builder(), ca_certificates)?
            .default_headers(headers)
            .connect_timeout(connect_timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .tcp_nodelay(true)
            .build()
            .map_err(|e| Error::invalid(format!("cannot build the HTTP client: {e}")))?;
        Ok(Rest {
            http,
            base,
            address,
            timeout,
            tokens,
        })
    }

    /// `scheme://host:port` of the server.
    pub(crate) fn address(&self) -> &str {
        &self.address
    }

    fn url(&self, path: &Path) -> Url {
        let mut url = self.base.clone();
        {
            // A base URL with a host always has path segments; `base` was validated when built.
            if let Ok(mut segs) = url.path_segments_mut() {
                segs.pop_if_empty();
                segs.extend(&path.segments);
            }
        }
        if !path.query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (k, v) in &path.query {
                pairs.append_pair(k, v);
            }
        }
        url
    }

    /// Sends a request and returns the status and body of a successful (2xx) reply. With an OIDC
    /// login, a request the server refuses as unauthorized is sent once more after a refresh.
    async fn send(
        &self,
        method: Method,
        path: &Path,
        body: Option<Vec<u8>>,
        timeout: Option<Duration>,
    ) -> Result<(StatusCode, bytes::Bytes)> {
        let Some(tokens) = &self.tokens else {
            return self
                .send_once(method, path, body.map(Into::into), timeout, None)
                .await;
        };
        let body: Option<bytes::Bytes> = body.map(Into::into);
        let (header, generation) = tokens.fresh().await?;
        match self
            .send_once(
                method.clone(),
                path,
                body.clone(),
                timeout,
                Some(header.expose()),
            )
            .await
        {
            Err(Error::Unauthorized { .. }) => {
                tokens.refused(generation).await?;
                let (header, _) = tokens.current();
                self.send_once(method, path, body, timeout, Some(header.expose()))
                    .await
            }
            other => other,
        }
    }

    async fn send_once(
        &self,
        method: Method,
        path: &Path,
        body: Option<bytes::Bytes>,
        timeout: Option<Duration>,
        authorization: Option<&str>,
    ) -> Result<(StatusCode, bytes::Bytes)> {
        let timeout = timeout.unwrap_or(self.timeout);
        let operation = format!("{method} {}", path.display());
        let mut request = self.http.request(method, self.url(path)).timeout(timeout);
        if let Some(value) = authorization {
            let mut value = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
                Error::invalid("the identity provider's access token is not a valid header value")
            })?;
            value.set_sensitive(true);
            request = request.header(reqwest::header::AUTHORIZATION, value);
        }
        if let Some(body) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body);
        }
        let response = request
            .send()
            .await
            .map_err(|e| self.map_err(e, &operation, timeout))?;
        let status = response.status();
        let bytes = response
            .bytes()
            .await
            .map_err(|e| self.map_err(e, &operation, timeout))?;
        if status.is_success() {
            Ok((status, bytes))
        } else {
            Err(Error::from_http(
                status.as_u16(),
                &String::from_utf8_lossy(&bytes),
            ))
        }
    }

    fn map_err(&self, e: reqwest::Error, operation: &str, timeout: Duration) -> Error {
        Error::from_reqwest(e, operation, &self.address, timeout)
    }

    /// GET a JSON document.
    pub(crate) async fn get<T: DeserializeOwned>(&self, path: Path) -> Result<T> {
        self.without_body(Method::GET, path).await
    }

    /// A request without a body whose reply is decoded as JSON.
    pub(crate) async fn without_body<T: DeserializeOwned>(
        &self,
        method: Method,
        path: Path,
    ) -> Result<T> {
        let (_, body) = self.send(method, &path, None, None).await?;
        decode(&path, &body)
    }

    /// GET a JSON document within `timeout` (start-up checks use the connect timeout).
    pub(crate) async fn get_within<T: DeserializeOwned>(
        &self,
        path: Path,
        timeout: Duration,
    ) -> Result<T> {
        let (_, body) = self.send(Method::GET, &path, None, Some(timeout)).await?;
        decode(&path, &body)
    }

    /// GET with a custom timeout, for health probes.
    pub(crate) async fn get_status(&self, path: Path, timeout: Duration) -> Result<StatusCode> {
        self.send(Method::GET, &path, None, Some(timeout))
            .await
            .map(|(s, _)| s)
    }

    /// HEAD: `Ok(true)` for 2xx, `Ok(false)` for 404, an error otherwise.
    pub(crate) async fn exists(&self, path: Path) -> Result<bool> {
        match self.send(Method::HEAD, &path, None, None).await {
            Ok(_) => Ok(true),
            Err(Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// A request with a JSON body whose reply is decoded as JSON.
    pub(crate) async fn json<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        method: Method,
        path: Path,
        body: &B,
        timeout: Option<Duration>,
    ) -> Result<T> {
        let body = encode(body)?;
        let (_, reply) = self.send(method, &path, Some(body), timeout).await?;
        decode(&path, &reply)
    }

    /// A request with an optional JSON body whose reply body is ignored.
    pub(crate) async fn call<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: Path,
        body: Option<&B>,
        timeout: Option<Duration>,
    ) -> Result<()> {
        let body = body.map(encode).transpose()?;
        self.send(method, &path, body, timeout).await.map(|_| ())
    }
}

fn encode<B: Serialize + ?Sized>(body: &B) -> Result<Vec<u8>> {
    serde_json::to_vec(body)
        .map_err(|e| Error::invalid(format!("cannot encode the request as JSON: {e}")))
}

fn decode<T: DeserializeOwned>(path: &Path, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| {
        let shown = String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned();
        Error::decode(format!(
            "reply of {}: {e} (body starts: {shown})",
            path.display()
        ))
    })
}

/// `builder` trusting the certificate authorities in `pems` besides the platform's roots.
#[cfg(feature = "rustls")]
pub(crate) fn trusting(
    builder: reqwest::ClientBuilder,
    pems: &[Vec<u8>],
) -> Result<reqwest::ClientBuilder> {
    let mut certs = Vec::new();
    for pem in pems {
        certs.extend(reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
            Error::invalid(format!("the CA certificate is not a PEM certificate: {e}"))
        })?);
    }
    if pems.is_empty() {
        return Ok(builder);
    }
    if certs.is_empty() {
        return Err(Error::invalid(
            "the CA certificate holds no PEM certificate (`-----BEGIN CERTIFICATE-----`)",
        ));
    }
    Ok(builder.tls_certs_merge(certs))
}

/// Without TLS support, a CA certificate is refused.
#[cfg(not(feature = "rustls"))]
pub(crate) fn trusting(
    builder: reqwest::ClientBuilder,
    pems: &[Vec<u8>],
) -> Result<reqwest::ClientBuilder> {
    if pems.is_empty() {
        Ok(builder)
    } else {
        Err(Error::invalid(
            "a CA certificate needs TLS: the `rustls` feature of weaviate-orm",
        ))
    }
}

/// `scheme://host:port` of a URL.
pub(crate) fn origin(url: &Url) -> String {
    match (url.host_str(), url.port_or_known_default()) {
        (Some(host), Some(port)) => format!("{}://{}:{}", url.scheme(), bracket(host), port),
        (Some(host), None) => format!("{}://{}", url.scheme(), bracket(host)),
        _ => url.to_string(),
    }
}

fn bracket(host: &str) -> String {
    if host.contains(':') && !host.starts_with('[') {
        format!("[{host}]")
    } else {
        host.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded_per_segment() {
        let rest = Rest::new(
            Url::parse("http://127.0.0.1:8080").unwrap(),
            Default::default(),
            &[],
            None,
            Duration::from_secs(1),
            Duration::from_secs(1),
        )
        .unwrap();
        let url = rest.url(&Path::v1(["objects", "A/B", "x y"]).query("tenant", "t&1"));
        assert_eq!(
            url.as_str(),
            "http://127.0.0.1:8080/v1/objects/A%2FB/x%20y?tenant=t%261"
        );
        assert_eq!(rest.address(), "http://127.0.0.1:8080");
    }

    #[test]
    fn base_path_prefix_is_kept() {
        let rest = Rest::new(
            Url::parse("https://example.com/weaviate/").unwrap(),
            Default::default(),
            &[],
            None,
            Duration::from_secs(1),
            Duration::from_secs(1),
        )
        .unwrap();
        let url = rest.url(&Path::v1(["meta"]));
        assert_eq!(url.as_str(), "https://example.com/weaviate/v1/meta");
        assert_eq!(rest.address(), "https://example.com:443");
    }
}
