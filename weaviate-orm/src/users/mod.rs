//! Users (REST): database users managed by Weaviate ([`db`]), OIDC users and groups managed by an
//! identity provider ([`oidc`]), their roles, and the current user ([`Users::my_user`]).
//!
//! On the wire (Weaviate 1.39): `GET /v1/users/own-info`, `/v1/users/db[/{user_id}[/rotate-key|
//! activate|deactivate]]`, `POST /v1/authz/users/{id}/assign|revoke`,
//! `GET /v1/authz/users/{id}/roles/{db|oidc}`, `POST /v1/authz/groups/{id}/assign|revoke`,
//! `GET /v1/authz/groups/{id}/roles/oidc`, `GET /v1/authz/groups/oidc`. Database users need
//! `AUTHENTICATION_DB_USERS_ENABLED=true`, OIDC assignments an OIDC-enabled server.
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! let me = client.users().my_user().await?;
//! println!("{} holds {:?}", me.username, me.roles.iter().map(|r| &r.name).collect::<Vec<_>>());
//! client.users().oidc().assign_roles("alice@example.com", &["viewer"]).await?;
//! client.groups().assign_roles("analysts", &["viewer"]).await?;
//! # Ok(()) }
//! ```

pub mod db;
pub mod oidc;

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::rbac::Role;
use crate::rbac::roles::check_id;
use crate::transport::rest::Path;

pub use db::{DbUser, DbUsers};
pub use oidc::{Groups, OidcUsers};

/// The current user, as the server knows it (`GET /v1/users/own-info`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OwnUser {
    /// The user's name (id).
    pub username: String,
    /// The user's roles with their permissions (those of its groups too), sorted by name.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub roles: Vec<Role>,
    /// The user's groups (OIDC).
    #[serde(default, deserialize_with = "null_as_empty")]
    pub groups: Vec<String>,
}

fn null_as_empty<'de, D, T>(d: D) -> std::result::Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// User management for one client. Get it with [`Client::users`]; see the [module docs](self).
#[derive(Clone, Copy, Debug)]
pub struct Users<'a> {
    client: &'a Client,
}

impl Client {
    /// Users: database users, OIDC users, the current user.
    pub fn users(&self) -> Users<'_> {
        Users { client: self }
    }

    /// Roles of OIDC groups.
    pub fn groups(&self) -> Groups<'_> {
        Groups::new(self)
    }
}

impl<'a> Users<'a> {
    /// Database users (created, keyed and deleted through Weaviate).
    pub fn db(&self) -> DbUsers<'a> {
        DbUsers::new(self.client)
    }

    /// OIDC users (role assignments only: the identity provider owns the users).
    pub fn oidc(&self) -> OidcUsers<'a> {
        RoleAssignments::user(self.client, "oidc")
    }

    /// The current user: its name, roles and groups.
    pub async fn my_user(&self) -> Result<OwnUser> {
        let mut me: OwnUser = self
            .client
            .rest()
            .get(Path::v1(["users", "own-info"]))
            .await?;
        me.roles.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(me)
    }
}

/// Role assignments of one kind of holder: OIDC users ([`Users::oidc`]), OIDC groups
/// ([`Client::groups`], through [`Groups`]) or database users (through [`DbUsers`]).
#[derive(Clone, Copy, Debug)]
pub struct RoleAssignments<'a> {
    client: &'a Client,
    /// `users` or `groups`.
    area: &'static str,
    /// `userType` or `groupType`.
    type_key: &'static str,
    /// `db` or `oidc`.
    type_value: &'static str,
}

#[derive(Serialize)]
struct Assignment<'a> {
    roles: &'a [&'a str],
    #[serde(flatten)]
    kind: std::collections::BTreeMap<&'static str, &'static str>,
}

impl<'a> RoleAssignments<'a> {
    pub(crate) fn user(client: &'a Client, user_type: &'static str) -> Self {
        RoleAssignments {
            client,
            area: "users",
            type_key: "userType",
            type_value: user_type,
        }
    }

    pub(crate) fn group(client: &'a Client) -> Self {
        RoleAssignments {
            client,
            area: "groups",
            type_key: "groupType",
            type_value: "oidc",
        }
    }

    fn what(&self) -> &'static str {
        match self.area {
            "groups" => "a group name",
            _ => "a user id",
        }
    }

    /// Assigns `roles` to `id` (a user id or a group name). [`Error::NotFound`] when a role, or
    /// a database user, does not exist.
    pub async fn assign_roles(&self, id: &str, roles: &[&str]) -> Result<()> {
        self.change(id, "assign", roles).await
    }

    /// Revokes `roles` from `id` (those it does not hold are ignored).
    pub async fn revoke_roles(&self, id: &str, roles: &[&str]) -> Result<()> {
        self.change(id, "revoke", roles).await
    }

    async fn change(&self, id: &str, verb: &str, roles: &[&str]) -> Result<()> {
        check_id(self.what(), id)?;
        if let Some(empty) = roles.iter().find(|r| r.trim().is_empty()) {
            return Err(Error::invalid(format!(
                "a role name must not be empty, got {empty:?}"
            )));
        }
        let body = Assignment {
            roles,
            kind: [(self.type_key, self.type_value)].into_iter().collect(),
        };
        self.client
            .rest()
            .call(
                Method::POST,
                Path::v1(["authz", self.area, id, verb]),
                Some(&body),
                None,
            )
            .await
            .map_err(|e| match e {
                Error::NotFound { message } if message.contains("without a message") => {
                    Error::NotFound {
                        message: format!("{} `{id}` or one of the roles does not exist", self.area),
                    }
                }
                e => e,
            })
    }

    /// The roles of `id` with their permissions (those assigned to it, not to its groups), sorted
    /// by name. [`Error::NotFound`] when a database user does not exist.
    pub async fn roles(&self, id: &str) -> Result<Vec<Role>> {
        check_id(self.what(), id)?;
        let path = Path::v1(["authz", self.area, id, "roles", self.type_value])
            .query("includeFullRoles", "true");
        let mut roles = self
            .client
            .rest()
            .get::<Option<Vec<Role>>>(path)
            .await
            .map_err(|e| match e {
                Error::NotFound { .. } => Error::NotFound {
                    message: format!("{} `{id}` does not exist", self.area),
                },
                e => e,
            })?
            .unwrap_or_default();
        roles.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(roles)
    }
}
