//! Finding the identity provider: Weaviate's `/v1/.well-known/openid-configuration`, then the
//! provider's discovery document.

use std::time::Duration;

use serde::Deserialize;
use url::Url;

use crate::error::{Error, Result};

/// What a login needs to know about the provider.
#[derive(Clone, Debug)]
pub(crate) struct Provider {
    /// The provider's OAuth 2.0 token endpoint.
    pub(crate) token_endpoint: Url,
    /// The client id Weaviate expects in tokens (used by the password and refresh grants).
    pub(crate) client_id: String,
}

#[derive(Deserialize)]
struct WeaviateOidc {
    href: String,
    #[serde(rename = "clientId")]
    client_id: String,
}

#[derive(Deserialize)]
struct Discovery {
    token_endpoint: String,
}

/// Reads Weaviate's OIDC settings at `base` and the provider's discovery document.
pub(crate) async fn discover(
    http: &reqwest::Client,
    base: &Url,
    timeout: Duration,
) -> Result<Provider> {
    let address = crate::transport::rest::origin(base);
    let url = format!(
        "{}/v1/.well-known/openid-configuration",
        base.as_str().trim_end_matches('/')
    );
    let weaviate: WeaviateOidc = match get_json(http, &url, &address, timeout).await {
        Err(Error::NotFound { .. }) => {
            return Err(Error::invalid(format!(
                "the server at {address} does not use OIDC (it has no /v1/.well-known/openid-configuration): \
                 authenticate with an API key, or enable AUTHENTICATION_OIDC_* on the server"
            )));
        }
        other => other?,
    };
    let provider_address = Url::parse(&weaviate.href)
        .map(|u| crate::transport::rest::origin(&u))
        .map_err(|e| {
            Error::decode(format!(
                "the server's OIDC discovery URL `{}` is not a URL: {e}",
                weaviate.href
            ))
        })?;
    let discovery: Discovery = get_json(http, &weaviate.href, &provider_address, timeout).await?;
    let token_endpoint = Url::parse(&discovery.token_endpoint).map_err(|e| {
        Error::decode(format!(
            "the identity provider's token endpoint `{}` is not a URL: {e}",
            discovery.token_endpoint
        ))
    })?;
    Ok(Provider {
        token_endpoint,
        client_id: weaviate.client_id,
    })
}

async fn get_json<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    url: &str,
    address: &str,
    timeout: Duration,
) -> Result<T> {
    let operation = format!("GET {url}");
    let reply = http
        .get(url)
        .timeout(timeout)
        .send()
        .await
        .map_err(|e| Error::from_reqwest(e, &operation, address, timeout))?;
    let status = reply.status();
    let body = reply
        .bytes()
        .await
        .map_err(|e| Error::from_reqwest(e, &operation, address, timeout))?;
    if !status.is_success() {
        return Err(Error::from_http(
            status.as_u16(),
            &String::from_utf8_lossy(&body),
        ));
    }
    serde_json::from_slice(&body).map_err(|e| Error::decode(format!("reply of {operation}: {e}")))
}
