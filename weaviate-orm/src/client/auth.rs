//! Credentials and other secret values.

use std::fmt;

/// A secret string (API key, token, provider key). Its `Debug` and `Display` never show the value.
///
/// ```
/// use weaviate_orm::Secret;
///
/// let key = Secret::new("sk-123");
/// assert_eq!(format!("{key:?}"), "Secret(***)");
/// assert_eq!(key.expose(), "sk-123");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The secret value itself. Only use it to put it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

/// How the client authenticates. Every kind is sent as `Authorization: Bearer ...` on REST and gRPC.
///
/// ```
/// use weaviate_orm::Auth;
///
/// let auth = Auth::api_key("my-key");
/// assert!(!format!("{auth:?}").contains("my-key"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Auth {
    /// A Weaviate API key (`AUTHENTICATION_APIKEY_*` on the server, or a Weaviate Cloud key).
    ApiKey(Secret),
    /// An OIDC access token obtained by the application, sent as it is (never refreshed).
    BearerToken(Secret),
    /// An OIDC login: the client obtains tokens from the server's identity provider and
    /// refreshes them ([`Oidc`](crate::Oidc): client credentials, password, or a token with a
    /// refresh token).
    Oidc(super::oidc::Oidc),
}

impl Auth {
    /// API key authentication.
    pub fn api_key(key: impl Into<Secret>) -> Self {
        Auth::ApiKey(key.into())
    }

    /// Bearer token (OIDC access token) authentication.
    pub fn bearer_token(token: impl Into<Secret>) -> Self {
        Auth::BearerToken(token.into())
    }

    /// The value of a fixed `Authorization` header; `None` for an OIDC login, whose header
    /// changes with every token.
    pub(crate) fn header_value(&self) -> Option<String> {
        match self {
            Auth::ApiKey(s) | Auth::BearerToken(s) => Some(format!("Bearer {}", s.expose())),
            Auth::Oidc(_) => None,
        }
    }
}
