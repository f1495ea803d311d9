//! Database users: made, keyed, deactivated and deleted through Weaviate
//! (`AUTHENTICATION_DB_USERS_ENABLED=true`). A user's API key is returned once, when it is made
//! or rotated, as a [`Secret`]; the server keeps only a hash (and its first letters).
//! Database users came with Weaviate 1.30: on an older server every call is
//! [`Error::Unsupported`] and nothing is sent.
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use weaviate_orm::{Auth, ClientBuilder};
//!
//! let users = client.users().db();
//! let key = users.create("ingest-job").await?;
//! users.assign_roles("ingest-job", &["writer"]).await?;
//! let as_job = ClientBuilder::custom("http://localhost:8080", "http://localhost:50051")
//!     .auth(Auth::api_key(key))
//!     .build()
//!     .await?;
//! // ... later: a new key (the old one stops working at once), then off for good.
//! let new_key = users.rotate_key("ingest-job").await?;
//! users.deactivate("ingest-job", true).await?;
//! users.delete("ingest-job").await?;
//! # let _ = (as_job, new_key); Ok(()) }
//! ```

use chrono::{DateTime, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::client::auth::Secret;
use crate::error::{Error, Result};
use crate::rbac::roles::check_id;
use crate::rbac::{Role, UserType};
use crate::transport::rest::Path;
use crate::users::RoleAssignments;
use crate::version::Version;

/// A database user as the server describes it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DbUser {
    /// The user's id.
    pub user_id: String,
    /// [`UserType::Db`] (made through the API) or [`UserType::DbEnv`] (from the server's
    /// `AUTHENTICATION_APIKEY_USERS`).
    #[serde(rename = "dbUserType")]
    pub user_type: UserType,
    /// Whether the user may sign in.
    pub active: bool,
    /// The names of its roles.
    #[serde(default)]
    pub roles: Vec<String>,
    /// When it was made.
    #[serde(default)]
    pub created_at: Option<DateTime<Utc>>,
    /// The first letters of its API key, to tell keys apart.
    #[serde(default)]
    pub api_key_first_letters: Option<String>,
    /// When its key was last used (only read with
    /// [`with_last_used_time`](DbUsers::with_last_used_time)).
    #[serde(default)]
    pub last_used_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize)]
struct ApiKey {
    apikey: String,
}

#[derive(Serialize)]
struct Deactivate {
    revoke_key: bool,
}

/// Database user management. Get it with [`Users::db`](crate::users::Users::db); see the
/// [module docs](self).
#[derive(Clone, Copy, Debug)]
pub struct DbUsers<'a> {
    client: &'a Client,
    last_used: bool,
}

/// Database users came with Weaviate 1.30.
const DB_USERS_SINCE: Version = Version::new(1, 30, 0);

/// The server answers 404 without a message for a missing user: say which.
fn missing(user: &str) -> impl FnOnce(Error) -> Error + '_ {
    move |e| match e {
        Error::NotFound { .. } => Error::NotFound {
            message: format!("database user `{user}` does not exist"),
        },
        e => e,
    }
}

impl<'a> DbUsers<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        DbUsers {
            client,
            last_used: false,
        }
    }

    /// Reads also when each user's key was last used ([`DbUser::last_used_at`]; the server asks
    /// every node).
    pub fn with_last_used_time(mut self) -> Self {
        self.last_used = true;
        self
    }

    /// The role assignments of database users (what [`assign_roles`](Self::assign_roles) and
    /// its siblings use).
    pub fn role_assignments(&self) -> RoleAssignments<'a> {
        RoleAssignments::user(self.client, "db")
    }

    /// Makes user `user` and returns its API key: the only time the key is shown.
    /// [`Error::AlreadyExists`] when there is one of that id; [`Error::Rejected`] for the name of
    /// a root or environment user.
    pub async fn create(&self, user: &str) -> Result<Secret> {
        let key: ApiKey = self
            .client
            .rest()
            .json(
                Method::POST,
                self.user_path(user, None).await?,
                &serde_json::json!({}),
                None,
            )
            .await?;
        Ok(Secret::new(key.apikey))
    }

    /// The user, or `None` when there is none of that id.
    pub async fn get(&self, user: &str) -> Result<Option<DbUser>> {
        let path = self
            .user_path(user, None)
            .await?
            .query_opt("includeLastUsedTime", self.last_used());
        match self.client.rest().get(path).await {
            Ok(u) => Ok(Some(u)),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The path of `user` (and `tail`), once the server is known to have database users
    /// ([`Error::Unsupported`] before 1.30, nothing sent).
    async fn user_path(&self, user: &str, tail: Option<&str>) -> Result<Path> {
        check_id("a user id", user)?;
        self.client
            .require_version("database users", DB_USERS_SINCE)
            .await?;
        Ok(Path::v1(["users", "db", user].into_iter().chain(tail)))
    }

    fn last_used(&self) -> Option<&'static str> {
        self.last_used.then_some("true")
    }

    /// Every database user the caller may read (environment users too), sorted by id.
    pub async fn list(&self) -> Result<Vec<DbUser>> {
        self.client
            .require_version("database users", DB_USERS_SINCE)
            .await?;
        let path = Path::v1(["users", "db"]).query_opt("includeLastUsedTime", self.last_used());
        let mut users = self
            .client
            .rest()
            .get::<Option<Vec<DbUser>>>(path)
            .await?
            .unwrap_or_default();
        users.sort_by(|a, b| a.user_id.cmp(&b.user_id));
        Ok(users)
    }

    /// Deletes user `user` and its key: `false` when there was none. A user cannot delete
    /// itself ([`Error::Rejected`]).
    pub async fn delete(&self, user: &str) -> Result<bool> {
        match self
            .client
            .rest()
            .call::<()>(
                Method::DELETE,
                self.user_path(user, None).await?,
                None,
                None,
            )
            .await
        {
            Ok(()) => Ok(true),
            Err(Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// A new API key for `user`, returned once; the old key is refused from now on
    /// ([`Error::Unauthorized`]). [`Error::NotFound`] when the user does not exist.
    pub async fn rotate_key(&self, user: &str) -> Result<Secret> {
        let key: ApiKey = self
            .client
            .rest()
            .without_body(
                Method::POST,
                self.user_path(user, Some("rotate-key")).await?,
            )
            .await
            .map_err(missing(user))?;
        Ok(Secret::new(key.apikey))
    }

    /// Lets a deactivated user sign in again (with the key it had, unless it was revoked):
    /// `false` when it was active already. [`Error::NotFound`] when the user does not exist.
    pub async fn activate(&self, user: &str) -> Result<bool> {
        self.switch(user, "activate", None).await
    }

    /// Stops `user` from signing in ([`Error::Unauthorized`] for its key) and, with
    /// `revoke_key`, revokes its key so an activated user needs
    /// [`rotate_key`](Self::rotate_key): `false` when it was deactivated already.
    /// [`Error::NotFound`] when the user does not exist.
    pub async fn deactivate(&self, user: &str, revoke_key: bool) -> Result<bool> {
        self.switch(user, "deactivate", Some(Deactivate { revoke_key }))
            .await
    }

    async fn switch(&self, user: &str, verb: &str, body: Option<Deactivate>) -> Result<bool> {
        match self
            .client
            .rest()
            .call(
                Method::POST,
                self.user_path(user, Some(verb)).await?,
                body.as_ref(),
                None,
            )
            .await
        {
            Ok(()) => Ok(true),
            // 409: already in that state.
            Err(Error::AlreadyExists { .. }) => Ok(false),
            Err(e) => Err(missing(user)(e)),
        }
    }

    /// Assigns `roles` to `user`. [`Error::NotFound`] when the user or a role does not exist.
    pub async fn assign_roles(&self, user: &str, roles: &[&str]) -> Result<()> {
        self.role_assignments().assign_roles(user, roles).await
    }

    /// Revokes `roles` from `user`.
    pub async fn revoke_roles(&self, user: &str, roles: &[&str]) -> Result<()> {
        self.role_assignments().revoke_roles(user, roles).await
    }

    /// The roles of `user`, with their permissions, sorted by name. [`Error::NotFound`] when the
    /// user does not exist.
    pub async fn roles(&self, user: &str) -> Result<Vec<Role>> {
        self.role_assignments().roles(user).await
    }
}
