//! gRPC transport over one tonic channel: auth metadata, per-call timeouts, retries of idempotent calls,
//! and the server's max message size.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tonic::metadata::{AsciiMetadataKey, AsciiMetadataValue};
use tonic::service::Interceptor;
use tonic::service::interceptor::InterceptedService;
use tonic::transport::{Channel, Endpoint};

use super::retry::RetryPolicy;
use crate::client::oidc::TokenSource;
use crate::error::{Error, Result};
use crate::wire::health::health_client::HealthClient;
use crate::wire::health::{HealthCheckRequest, health_check_response::ServingStatus};
use crate::wire::v1 as pb;
use crate::wire::v1::weaviate_client::WeaviateClient;

/// Weaviate's default `GRPC_MAX_MESSAGE_SIZE` (used when the server's /v1/meta was not read).
pub(crate) const DEFAULT_MAX_MESSAGE_SIZE: usize = 104_858_000;

/// Adds the authorization header and the user's extra headers to every call.
#[derive(Clone, Debug, Default)]
pub(crate) struct Metadata {
    entries: Arc<Vec<(AsciiMetadataKey, AsciiMetadataValue)>>,
    /// An OIDC login's token source: its current token is the call's authorization.
    tokens: Option<Arc<TokenSource>>,
}

impl Metadata {
    /// Builds the metadata from `(name, value)` pairs; names are lowercased as gRPC requires.
    pub(crate) fn new(
        pairs: &[(String, String)],
        tokens: Option<Arc<TokenSource>>,
    ) -> Result<Self> {
        let mut entries = Vec::with_capacity(pairs.len());
        for (name, value) in pairs {
            let key = AsciiMetadataKey::from_bytes(name.to_ascii_lowercase().as_bytes()).map_err(
                |_| Error::invalid(format!("`{name}` is not a valid gRPC metadata name")),
            )?;
            let mut value = AsciiMetadataValue::try_from(value.as_str()).map_err(|_| {
                Error::invalid(format!("the value of header `{name}` is not valid ASCII"))
            })?;
            value.set_sensitive(true);
            entries.push((key, value));
        }
        Ok(Metadata {
            entries: Arc::new(entries),
            tokens,
        })
    }
}

impl Interceptor for Metadata {
    fn call(
        &mut self,
        mut request: tonic::Request<()>,
    ) -> Result<tonic::Request<()>, tonic::Status> {
        let md = request.metadata_mut();
        for (k, v) in self.entries.iter() {
            md.insert(k.clone(), v.clone());
        }
        if let Some(tokens) = &self.tokens {
            let (header, _) = tokens.current();
            let mut value = AsciiMetadataValue::try_from(header.expose()).map_err(|_| {
                tonic::Status::unauthenticated(
                    "the identity provider's access token is not valid ASCII",
                )
            })?;
            value.set_sensitive(true);
            md.insert("authorization", value);
        }
        Ok(request)
    }
}

type Svc = InterceptedService<Channel, Metadata>;

/// The gRPC endpoint of one Weaviate server. Cheap to clone (the channel is shared).
#[derive(Clone, Debug)]
pub(crate) struct Grpc {
    client: WeaviateClient<Svc>,
    health: HealthClient<Svc>,
    address: String,
    retry: RetryPolicy,
    tokens: Option<Arc<TokenSource>>,
}

impl Grpc {
    /// Creates a lazily connected channel: nothing is sent until the first call.
    pub(crate) fn new(
        address: String,
        tls: bool,
        ca_certificates: &[Vec<u8>],
        metadata: Metadata,
        connect_timeout: Duration,
        max_message_size: usize,
        retry: RetryPolicy,
    ) -> Result<Self> {
        let mut endpoint = Endpoint::from_shared(address.clone())
            .map_err(|e| Error::invalid(format!("invalid gRPC address `{address}`: {e}")))?
            .connect_timeout(connect_timeout)
            .tcp_nodelay(true)
            .http2_keep_alive_interval(Duration::from_secs(30))
            .keep_alive_timeout(Duration::from_secs(10))
            .keep_alive_while_idle(true);
        if tls {
            endpoint = tls_endpoint(endpoint, ca_certificates)?;
        }
        let channel = endpoint.connect_lazy();
        let client = WeaviateClient::with_interceptor(channel.clone(), metadata.clone())
            .max_decoding_message_size(max_message_size)
            .max_encoding_message_size(max_message_size);
        let tokens = metadata.tokens.clone();
        let health = HealthClient::with_interceptor(channel, metadata);
        Ok(Grpc {
            client,
            health,
            address,
            retry,
            tokens,
        })
    }

    /// The address calls go to, for error messages.
    pub(crate) fn address(&self) -> &str {
        &self.address
    }

    /// With an OIDC login: makes sure the token the next call carries is fresh, and returns its
    /// generation (for [`Self::after_refusal`]).
    pub(crate) async fn fresh_token(&self) -> Result<u64> {
        match &self.tokens {
            Some(tokens) => tokens.fresh().await.map(|(_, generation)| generation),
            None => Ok(0),
        }
    }

    /// With an OIDC login, after a call carrying the token of `generation` was refused as
    /// unauthenticated: refreshes the token and says whether the call should be sent again.
    pub(crate) async fn after_refusal(&self, error: &Error, generation: u64) -> Result<bool> {
        match (&self.tokens, error) {
            (Some(tokens), Error::Unauthorized { .. }) => {
                tokens.refused(generation).await?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Runs one call with a deadline, mapping failures to [`Error`]; retried per the policy when
    /// `idempotent`. With an OIDC login, a call refused as unauthenticated is sent once more
    /// after a token refresh (the server did not run it).
    async fn call<Req, Resp, F, Fut>(
        &self,
        operation: &'static str,
        idempotent: bool,
        timeout: Duration,
        request: Req,
        f: F,
    ) -> Result<Resp>
    where
        Req: Clone,
        F: Fn(WeaviateClient<Svc>, tonic::Request<Req>) -> Fut,
        Fut: Future<Output = Result<tonic::Response<Resp>, tonic::Status>>,
    {
        let once = || {
            let mut req = tonic::Request::new(request.clone());
            req.set_timeout(timeout);
            let fut = f(self.client.clone(), req);
            async move {
                match tokio::time::timeout(timeout, fut).await {
                    Ok(Ok(reply)) => Ok(reply.into_inner()),
                    Ok(Err(status)) => Err(self.map_status(status, operation, timeout)),
                    Err(_) => Err(Error::Timeout {
                        operation: format!("{operation} on {}", self.address),
                        after: timeout,
                        source: None,
                    }),
                }
            }
        };
        let run = || async {
            if idempotent {
                self.retry.run(Error::is_retryable, once).await
            } else {
                once().await
            }
        };
        let generation = self.fresh_token().await?;
        match run().await {
            Err(e) if self.after_refusal(&e, generation).await? => run().await,
            other => other,
        }
    }

    fn map_status(&self, status: tonic::Status, operation: &str, timeout: Duration) -> Error {
        match Error::from_grpc(status, &self.address) {
            Error::Timeout { source, .. } => Error::Timeout {
                operation: format!("{operation} on {}", self.address),
                after: timeout,
                source,
            },
            other => other,
        }
    }

    /// Search (read-only, retried).
    pub(crate) async fn search(
        &self,
        request: pb::SearchRequest,
        timeout: Duration,
    ) -> Result<pb::SearchReply> {
        self.call("Search", true, timeout, request, |mut c, r| async move {
            c.search(r).await
        })
        .await
    }

    /// Aggregate (read-only, retried).
    pub(crate) async fn aggregate(
        &self,
        request: pb::AggregateRequest,
        timeout: Duration,
    ) -> Result<pb::AggregateReply> {
        self.call("Aggregate", true, timeout, request, |mut c, r| async move {
            c.aggregate(r).await
        })
        .await
    }

    /// TenantsGet (read-only, retried).
    pub(crate) async fn tenants_get(
        &self,
        request: pb::TenantsGetRequest,
        timeout: Duration,
    ) -> Result<pb::TenantsGetReply> {
        self.call(
            "TenantsGet",
            true,
            timeout,
            request,
            |mut c, r| async move { c.tenants_get(r).await },
        )
        .await
    }

    /// BatchObjects. Not retried here: the batch layer decides, since only objects with ids are idempotent.
    pub(crate) async fn batch_objects(
        &self,
        request: pb::BatchObjectsRequest,
        timeout: Duration,
    ) -> Result<pb::BatchObjectsReply> {
        self.call(
            "BatchObjects",
            false,
            timeout,
            request,
            |mut c, r| async move { c.batch_objects(r).await },
        )
        .await
    }

    /// BatchObjects without the copy [`Self::call`] makes for retries: the batch layer keeps its own copy
    /// and decides about retries itself.
    pub(crate) async fn batch_objects_owned(
        &self,
        request: pb::BatchObjectsRequest,
        timeout: Duration,
    ) -> Result<pb::BatchObjectsReply> {
        self.fresh_token().await?;
        let mut req = tonic::Request::new(request);
        req.set_timeout(timeout);
        let mut client = self.client.clone();
        match tokio::time::timeout(timeout, client.batch_objects(req)).await {
            Ok(Ok(reply)) => Ok(reply.into_inner()),
            Ok(Err(status)) => Err(self.map_status(status, "BatchObjects", timeout)),
            Err(_) => Err(Error::Timeout {
                operation: format!("BatchObjects on {}", self.address),
                after: timeout,
                source: None,
            }),
        }
    }

    /// BatchReferences. Not retried here: the batch layer decides.
    pub(crate) async fn batch_references(
        &self,
        request: pb::BatchReferencesRequest,
        timeout: Duration,
    ) -> Result<pb::BatchReferencesReply> {
        self.call(
            "BatchReferences",
            false,
            timeout,
            request,
            |mut c, r| async move { c.batch_references(r).await },
        )
        .await
    }

    /// BatchDelete. Not retried here: the batch layer decides.
    pub(crate) async fn batch_delete(
        &self,
        request: pb::BatchDeleteRequest,
        timeout: Duration,
    ) -> Result<pb::BatchDeleteReply> {
        self.call(
            "BatchDelete",
            false,
            timeout,
            request,
            |mut c, r| async move { c.batch_delete(r).await },
        )
        .await
    }

    /// Opens a BatchStream (server-side batching). `requests` must yield the `Start` message first: the
    /// server reads it before it answers, so this resolves only after `Start` was sent. The stream has
    /// no deadline; opening it must succeed within `timeout`.
    pub(crate) async fn batch_stream<S>(
        &self,
        requests: S,
        timeout: Duration,
    ) -> Result<tonic::Streaming<pb::BatchStreamReply>>
    where
        S: futures_util::Stream<Item = pb::BatchStreamRequest> + Send + 'static,
    {
        self.fresh_token().await?;
        let mut client = self.client.clone();
        match tokio::time::timeout(timeout, client.batch_stream(requests)).await {
            Ok(Ok(reply)) => Ok(reply.into_inner()),
            Ok(Err(status)) => Err(self.map_status(status, "BatchStream", timeout)),
            Err(_) => Err(Error::Timeout {
                operation: format!("opening BatchStream on {}", self.address),
                after: timeout,
                source: None,
            }),
        }
    }

    /// Maps a status received on an open stream (no deadline of ours applies).
    pub(crate) fn stream_error(&self, status: tonic::Status) -> Error {
        Error::from_grpc(status, &self.address)
    }

    /// The standard gRPC health check; `Ok(true)` when the server reports SERVING.
    pub(crate) async fn health(&self, timeout: Duration) -> Result<bool> {
        self.fresh_token().await?;
        let mut req = tonic::Request::new(HealthCheckRequest {
            service: String::new(),
        });
        req.set_timeout(timeout);
        let mut health = self.health.clone();
        match tokio::time::timeout(timeout, health.check(req)).await {
            Ok(Ok(reply)) => Ok(reply.into_inner().status == ServingStatus::Serving as i32),
            Ok(Err(status)) => Err(self.map_status(status, "health check", timeout)),
            Err(_) => Err(Error::Timeout {
                operation: format!("gRPC health check on {}", self.address),
                after: timeout,
                source: None,
            }),
        }
    }
}

/// TLS trusting the platform's roots and the certificate authorities in `pems` (checked as PEM by
/// the REST side, which is built first).
#[cfg(feature = "rustls")]
fn tls_endpoint(endpoint: Endpoint, pems: &[Vec<u8>]) -> Result<Endpoint> {
    let config = tonic::transport::ClientTlsConfig::new()
        .with_native_roots()
        .ca_certificates(pems.iter().map(tonic::transport::Certificate::from_pem));
    endpoint
        .tls_config(config)
        .map_err(|e| Error::invalid(format!("cannot set up TLS for gRPC: {e}")))
}

#[cfg(not(feature = "rustls"))]
fn tls_endpoint(_endpoint: Endpoint, _pems: &[Vec<u8>]) -> Result<Endpoint> {
    Err(Error::invalid(
        "a secure (https) gRPC connection needs the `rustls` feature of weaviate-orm",
    ))
}
