//! The token source of an OIDC client: the current access token, refreshed before it expires and
//! after the server refused it, one refresh at a time.

use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use serde::Deserialize;

use super::discovery::Provider;
use super::{Grant, Oidc};
use crate::client::auth::Secret;
use crate::error::{Error, Result};

/// Refresh when this share of the token's lifetime is left (at most [`MAX_MARGIN`]).
const MARGIN_DIVISOR: u32 = 4;
const MAX_MARGIN: Duration = Duration::from_secs(30);

/// The current access token and how to get the next one. Shared (in an `Arc`) by the REST and
/// gRPC transports of one client.
pub(crate) struct TokenSource {
    http: reqwest::Client,
    provider: Provider,
    oidc: Oidc,
    timeout: Duration,
    state: RwLock<State>,
    /// Held while a refresh runs, so concurrent requests share one.
    refreshing: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for TokenSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSource")
            .field("token_endpoint", &self.provider.token_endpoint.as_str())
            .field("oidc", &self.oidc)
            .finish_non_exhaustive()
    }
}

struct State {
    /// `Bearer <access token>`.
    header: Secret,
    /// Counts the tokens obtained: a request that was refused names the generation it sent, so
    /// only the first of many refused requests refreshes.
    generation: u64,
    expires_at: Option<Instant>,
    lifetime: Option<Duration>,
    refresh: Option<Secret>,
}

/// A token endpoint's answer.
#[derive(Deserialize)]
struct TokenReply {
    access_token: String,
    expires_in: Option<u64>,
    refresh_token: Option<String>,
}

#[derive(Deserialize)]
struct TokenError {
    error: String,
    error_description: Option<String>,
}

impl TokenSource {
    /// Logs in with `oidc` at `provider`.
    pub(crate) async fn login(
        http: reqwest::Client,
        provider: Provider,
        oidc: Oidc,
        timeout: Duration,
    ) -> Result<Arc<Self>> {
        let source = TokenSource {
            http,
            provider,
            oidc,
            timeout,
            state: RwLock::new(State {
                header: Secret::new(String::new()),
                generation: 0,
                expires_at: None,
                lifetime: None,
                refresh: None,
            }),
            refreshing: tokio::sync::Mutex::new(()),
        };
        let first = match &source.oidc.grant {
            Grant::Tokens {
                access,
                refresh,
                expires_in,
            } => TokenReply {
                access_token: access.expose().to_owned(),
                expires_in: expires_in.map(|d| d.as_secs()),
                refresh_token: Some(refresh.expose().to_owned()),
            },
            _ => source.login_grant().await?,
        };
        source.store(first);
        Ok(Arc::new(source))
    }

    /// The current `Authorization` value and its generation (no refresh).
    pub(crate) fn current(&self) -> (Secret, u64) {
        let state = self.state.read().unwrap_or_else(|e| e.into_inner());
        (state.header.clone(), state.generation)
    }

    /// The `Authorization` value to send now, refreshed first when the token is about to expire.
    pub(crate) async fn fresh(&self) -> Result<(Secret, u64)> {
        let (header, generation, due) = {
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            let due = state.expires_at.is_some_and(|at| {
                let margin = state
                    .lifetime
                    .map_or(MAX_MARGIN, |l| (l / MARGIN_DIVISOR).min(MAX_MARGIN));
                Instant::now() + margin >= at
            });
            (state.header.clone(), state.generation, due)
        };
        if !due {
            return Ok((header, generation));
        }
        self.refresh_from(generation).await?;
        Ok(self.current())
    }

    /// After the server refused the token of `generation`: refreshes it, unless another request
    /// already did.
    pub(crate) async fn refused(&self, generation: u64) -> Result<()> {
        self.refresh_from(generation).await
    }

    async fn refresh_from(&self, generation: u64) -> Result<()> {
        let _one_at_a_time = self.refreshing.lock().await;
        let refresh = {
            let state = self.state.read().unwrap_or_else(|e| e.into_inner());
            if state.generation != generation {
                return Ok(());
            }
            state.refresh.clone()
        };
        let reply = match refresh {
            Some(token) => match self.refresh_grant(&token).await {
                Ok(reply) => reply,
                // A used or expired refresh token: log in again where the flow can.
                Err(e) if matches!(self.oidc.grant, Grant::Tokens { .. }) => return Err(e),
                Err(_) => self.login_grant().await?,
            },
            None => self.login_grant().await?,
        };
        self.store(reply);
        Ok(())
    }

    fn store(&self, reply: TokenReply) {
        let lifetime = reply
            .expires_in
            .map(Duration::from_secs)
            .or_else(|| jwt_lifetime(&reply.access_token));
        let mut state = self.state.write().unwrap_or_else(|e| e.into_inner());
        state.header = Secret::new(format!("Bearer {}", reply.access_token));
        state.generation += 1;
        state.expires_at = lifetime.map(|l| Instant::now() + l);
        state.lifetime = lifetime;
        if let Some(refresh) = reply.refresh_token {
            state.refresh = Some(Secret::new(refresh));
        }
    }

    /// The flow's own grant (client credentials or password).
    async fn login_grant(&self) -> Result<TokenReply> {
        let scopes = self.oidc.scope_list().join(" ");
        let mut form: Vec<(&str, &str)> = Vec::new();
        match &self.oidc.grant {
            Grant::ClientCredentials { client_id, secret } => {
                form.push(("grant_type", "client_credentials"));
                form.push(("client_id", client_id));
                form.push(("client_secret", secret.expose()));
            }
            Grant::Password { username, password } => {
                form.push(("grant_type", "password"));
                form.push(("client_id", &self.provider.client_id));
                form.push(("username", username));
                form.push(("password", password.expose()));
            }
            Grant::Tokens { .. } => {
                return Err(Error::Unauthorized {
                    message: "the access token expired and the identity provider gave no new one \
                              (the refresh token was refused or is missing); log in again"
                        .into(),
                });
            }
        }
        if !scopes.is_empty() {
            form.push(("scope", &scopes));
        }
        self.token_request(&form).await
    }

    async fn refresh_grant(&self, token: &Secret) -> Result<TokenReply> {
        let mut form: Vec<(&str, &str)> = vec![
            ("grant_type", "refresh_token"),
            ("refresh_token", token.expose()),
        ];
        match &self.oidc.grant {
            Grant::ClientCredentials { client_id, secret } => {
                form.push(("client_id", client_id));
                form.push(("client_secret", secret.expose()));
            }
            _ => form.push(("client_id", &self.provider.client_id)),
        }
        self.token_request(&form).await
    }

    async fn token_request(&self, form: &[(&str, &str)]) -> Result<TokenReply> {
        let endpoint = &self.provider.token_endpoint;
        let address = crate::transport::rest::origin(endpoint);
        let operation = format!("POST {endpoint}");
        let grant = form
            .iter()
            .find(|(k, _)| *k == "grant_type")
            .map_or("", |(_, v)| v);
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let reply = self
            .http
            .post(endpoint.clone())
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(body)
            .timeout(self.timeout)
            .send()
            .await
            .map_err(|e| Error::from_reqwest(e, &operation, &address, self.timeout))?;
        let status = reply.status();
        let bytes = reply
            .bytes()
            .await
            .map_err(|e| Error::from_reqwest(e, &operation, &address, self.timeout))?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| {
                Error::decode(format!(
                    "the token endpoint's answer to a {grant} grant: {e}"
                ))
            });
        }
        if status.is_server_error() {
            return Err(Error::from_http(
                status.as_u16(),
                &String::from_utf8_lossy(&bytes),
            ));
        }
        let why = match serde_json::from_slice::<TokenError>(&bytes) {
            Ok(e) => match e.error_description {
                Some(d) => format!("{}: {d}", e.error),
                None => e.error,
            },
            Err(_) => String::from_utf8_lossy(&bytes).into_owned(),
        };
        Err(Error::Unauthorized {
            message: format!(
                "the identity provider at {address} refused the {grant} grant (HTTP {}): {why}",
                status.as_u16()
            ),
        })
    }
}

/// The remaining lifetime of a JWT access token, from its `exp` claim (not verified: the server
/// verifies; this only schedules the refresh).
fn jwt_lifetime(token: &str) -> Option<Duration> {
    #[derive(Deserialize)]
    struct Claims {
        exp: u64,
    }
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: Claims = serde_json::from_slice(&bytes).ok()?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(claims.exp.saturating_sub(now)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &str) -> String {
        let e = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        format!(
            "{}.{}.sig",
            e.encode(r#"{"alg":"RS256"}"#),
            e.encode(claims)
        )
    }

    #[test]
    fn a_jwt_lifetime_comes_from_its_exp_claim() {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let left = jwt_lifetime(&jwt(&format!(r#"{{"exp":{}}}"#, now + 100))).unwrap();
        assert!((98..=100).contains(&left.as_secs()), "{left:?}");
        assert_eq!(
            jwt_lifetime(&jwt(&format!(r#"{{"exp":{}}}"#, now - 5))),
            Some(Duration::ZERO)
        );
        assert_eq!(jwt_lifetime("opaque-token"), None);
        assert_eq!(jwt_lifetime(&jwt(r#"{"sub":"x"}"#)), None);
    }
}
