//! OIDC logins: the client obtains tokens from the server's identity provider and refreshes them
//! (see [`Oidc`]).

mod discovery;
mod tokens;

use std::fmt;
use std::time::Duration;

use super::auth::{Auth, Secret};

pub(crate) use discovery::discover;
pub(crate) use tokens::TokenSource;

/// OIDC credentials, for [`ClientBuilder::auth`](crate::ClientBuilder::auth).
///
/// Weaviate publishes its OIDC settings at `/v1/.well-known/openid-configuration` (the provider's
/// discovery document and the client id Weaviate expects). At [`build`](crate::ClientBuilder::build)
/// the client reads them, finds the provider's token endpoint and logs in with one of three flows:
///
/// | flow | constructor | refresh |
/// |---|---|---|
/// | client credentials | [`Oidc::client_credentials`] | a new client-credentials grant |
/// | resource-owner password | [`Oidc::password`] | the refresh token, else the password again |
/// | a token the application has | [`Oidc::bearer_with_refresh`] | the refresh token |
///
/// Every request carries the current access token. A token is refreshed shortly before it
/// expires (when a quarter of its lifetime, at most 30 seconds, is left) and once after the
/// server answers 401 / UNAUTHENTICATED, after which the request is sent again: an expiry never
/// fails the caller's request. Concurrent requests share one refresh. Secrets (client secret,
/// password, tokens) are [`Secret`]s: never in `Debug` output or logs.
///
/// ```no_run
/// # async fn run() -> weaviate_orm::Result<()> {
/// use weaviate_orm::{ClientBuilder, Oidc};
///
/// let client = ClientBuilder::custom("https://weaviate.example.com", "https://grpc.weaviate.example.com")
///     .auth(Oidc::client_credentials("my-service", "client-secret").scopes(["weaviate"]))
///     .build()
///     .await?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Oidc {
    pub(crate) grant: Grant,
    pub(crate) scopes: Option<Vec<String>>,
}

/// How the first token is obtained.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Grant {
    /// OAuth 2.0 client credentials: a service account.
    ClientCredentials { client_id: String, secret: Secret },
    /// OAuth 2.0 resource-owner password.
    Password { username: String, password: Secret },
    /// Tokens obtained by the application: the access token, a refresh token, and the access
    /// token's lifetime when known (else read from the token, when it is a JWT).
    Tokens {
        access: Secret,
        refresh: Secret,
        expires_in: Option<Duration>,
    },
}

impl Oidc {
    /// The client-credentials flow of service `client_id` with `client_secret`. Default scopes:
    /// none (the provider's defaults); set them with [`scopes`](Self::scopes) where the provider
    /// needs one (Azure: `"<client id>/.default"`).
    pub fn client_credentials(
        client_id: impl Into<String>,
        client_secret: impl Into<Secret>,
    ) -> Self {
        Oidc {
            grant: Grant::ClientCredentials {
                client_id: client_id.into(),
                secret: client_secret.into(),
            },
            scopes: None,
        }
    }

    /// The resource-owner password flow of user `username`, with Weaviate's client id. Default
    /// scopes: `offline_access` (so the provider returns a refresh token).
    pub fn password(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Oidc {
            grant: Grant::Password {
                username: username.into(),
                password: password.into(),
            },
            scopes: None,
        }
    }

    /// An access token the application obtained, with its refresh token. `expires_in` is the
    /// access token's remaining lifetime when known; `None` reads it from the token's `exp` claim
    /// (when the token is a JWT), else the token is refreshed only when the server refuses it.
    pub fn bearer_with_refresh(
        access_token: impl Into<Secret>,
        refresh_token: impl Into<Secret>,
        expires_in: Option<Duration>,
    ) -> Self {
        Oidc {
            grant: Grant::Tokens {
                access: access_token.into(),
                refresh: refresh_token.into(),
                expires_in,
            },
            scopes: None,
        }
    }

    /// The scopes to ask for, replacing the flow's default.
    pub fn scopes<I, S>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.scopes = Some(scopes.into_iter().map(Into::into).collect());
        self
    }

    /// The scopes sent: the explicit ones, else the flow's default.
    pub(crate) fn scope_list(&self) -> Vec<String> {
        match (&self.scopes, &self.grant) {
            (Some(s), _) => s.clone(),
            (None, Grant::Password { .. }) => vec!["offline_access".into()],
            (None, _) => Vec::new(),
        }
    }
}

impl fmt::Debug for Oidc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Oidc");
        match &self.grant {
            Grant::ClientCredentials { client_id, secret } => d
                .field("flow", &"client_credentials")
                .field("client_id", client_id)
                .field("client_secret", secret),
            Grant::Password { username, password } => d
                .field("flow", &"password")
                .field("username", username)
                .field("password", password),
            Grant::Tokens {
                access,
                refresh,
                expires_in,
            } => d
                .field("flow", &"bearer_with_refresh")
                .field("access_token", access)
                .field("refresh_token", refresh)
                .field("expires_in", expires_in),
        };
        d.field("scopes", &self.scopes).finish()
    }
}

impl From<Oidc> for Auth {
    fn from(oidc: Oidc) -> Self {
        Auth::Oidc(oidc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_secret() {
        for oidc in [
            Oidc::client_credentials("svc", "client-s3cret"),
            Oidc::password("alice", "pass-s3cret"),
            Oidc::bearer_with_refresh("access-s3cret", "refresh-s3cret", None),
        ] {
            let shown = format!("{:?}", Auth::from(oidc));
            assert!(!shown.contains("s3cret"), "{shown}");
            assert!(shown.contains("***"), "{shown}");
        }
    }

    #[test]
    fn default_scopes_follow_the_flow() {
        assert_eq!(
            Oidc::password("a", "p").scope_list(),
            vec!["offline_access".to_owned()]
        );
        assert!(Oidc::client_credentials("c", "s").scope_list().is_empty());
        assert_eq!(
            Oidc::client_credentials("c", "s")
                .scopes(["x", "y"])
                .scope_list(),
            vec!["x".to_owned(), "y".to_owned()]
        );
    }
}
