//! Role management (REST): create, get, list, exists, delete, add and remove permissions,
//! permission checks, and the users and groups a role is assigned to.
//!
//! On the wire (Weaviate 1.39): `GET|POST /v1/authz/roles`, `GET|DELETE /v1/authz/roles/{id}`,
//! `POST /v1/authz/roles/{id}/add-permissions|remove-permissions|has-permission`,
//! `GET /v1/authz/roles/{id}/user-assignments|group-assignments`. The built-in roles (`admin`,
//! `viewer`, `root`, `read-only`) are listed and read like others but cannot be changed or deleted.
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use weaviate_orm::rbac::Permission;
//!
//! let roles = client.roles();
//! roles.create("backup-operator", Permission::backups().manage()).await?;
//! roles.add_permissions("backup-operator", Permission::cluster().read()).await?;
//! assert!(roles.has_permission("backup-operator", Permission::cluster().read()).await?);
//! for holder in roles.user_assignments("backup-operator").await? {
//!     println!("{} ({:?})", holder.user_id, holder.user_type);
//! }
//! roles.delete("backup-operator").await?;
//! # Ok(()) }
//! ```

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::rbac::permissions::{GroupType, IntoPermissions, Permission, Permissions};
use crate::transport::rest::Path;

/// A role: its name and its permissions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role's name.
    pub name: String,
    /// What the role allows.
    #[serde(default)]
    pub permissions: Permissions,
}

/// The kind of a user holding a role.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum UserType {
    /// A database user made through `/v1/users/db` (`db_user`).
    Db,
    /// A database user of the server's environment, `AUTHENTICATION_APIKEY_USERS` (`db_env_user`).
    DbEnv,
    /// A user of the OIDC provider (`oidc`).
    Oidc,
    /// A type this crate does not know.
    Other(String),
}

impl<'de> Deserialize<'de> for UserType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(match String::deserialize(d)?.as_str() {
            "db_user" => UserType::Db,
            "db_env_user" => UserType::DbEnv,
            "oidc" => UserType::Oidc,
            other => UserType::Other(other.to_owned()),
        })
    }
}

impl<'de> Deserialize<'de> for GroupType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        Ok(GroupType::parse(&String::deserialize(d)?))
    }
}

/// A user a role is assigned to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserAssignment {
    /// The user's id.
    pub user_id: String,
    /// Its kind.
    pub user_type: UserType,
}

/// A group a role is assigned to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupAssignment {
    /// The group's name.
    pub group_id: String,
    /// Its kind.
    pub group_type: GroupType,
}

#[derive(Serialize)]
struct NewRole<'a> {
    name: &'a str,
    permissions: Vec<Permission>,
}

#[derive(Serialize)]
struct PermissionList {
    permissions: Vec<Permission>,
}

/// Role management for one client. Get it with [`Client::roles`]; see the [module docs](self).
#[derive(Clone, Copy, Debug)]
pub struct Roles<'a> {
    client: &'a Client,
}

impl Client {
    /// Role management (RBAC).
    pub fn roles(&self) -> Roles<'_> {
        Roles { client: self }
    }
}

/// [`Error::InvalidInput`] for an empty name (it would address the list instead of one item).
pub(crate) fn check_id(what: &str, id: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::invalid(format!("{what} must not be empty")));
    }
    Ok(())
}

/// The server answers 404 without a message for a missing role: say which.
fn missing(role: &str) -> impl FnOnce(Error) -> Error + '_ {
    move |e| match e {
        Error::NotFound { .. } => Error::NotFound {
            message: format!("role `{role}` does not exist"),
        },
        e => e,
    }
}

fn role_path<'a>(role: &'a str, tail: &[&'a str]) -> Result<Path> {
    check_id("a role name", role)?;
    let mut segments = vec!["authz", "roles", role];
    segments.extend_from_slice(tail);
    Ok(Path::v1(segments))
}

impl Roles<'_> {
    /// Creates role `name` with `permissions` (a [`Grant`](crate::rbac::Grant), a
    /// [`Permission`], a [`Permissions`] set or a list). [`Error::AlreadyExists`] when there is
    /// one; [`Error::Rejected`] (the server's message) for invalid permissions or a built-in
    /// role's name.
    pub async fn create(&self, name: &str, permissions: impl IntoPermissions) -> Result<()> {
        check_id("a role name", name)?;
        let body = NewRole {
            name,
            permissions: permissions.into_permissions(),
        };
        self.client
            .rest()
            .call(
                Method::POST,
                Path::v1(["authz", "roles"]),
                Some(&body),
                None,
            )
            .await
    }

    /// The role, or `None` when there is none of that name.
    pub async fn get(&self, name: &str) -> Result<Option<Role>> {
        match self.client.rest().get(role_path(name, &[])?).await {
            Ok(role) => Ok(Some(role)),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every role the caller may read (the built-in ones too), sorted by name.
    pub async fn list(&self) -> Result<Vec<Role>> {
        let mut roles: Vec<Role> = self
            .client
            .rest()
            .get::<Option<Vec<Role>>>(Path::v1(["authz", "roles"]))
            .await?
            .unwrap_or_default();
        roles.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(roles)
    }

    /// Whether role `name` exists.
    pub async fn exists(&self, name: &str) -> Result<bool> {
        Ok(self.get(name).await?.is_some())
    }

    /// Deletes role `name` (its assignments go with it). Deleting a role that does not exist
    /// succeeds; a built-in role is [`Error::Rejected`].
    pub async fn delete(&self, name: &str) -> Result<()> {
        self.client
            .rest()
            .call::<()>(Method::DELETE, role_path(name, &[])?, None, None)
            .await
    }

    /// Adds `permissions` to role `name`. [`Error::NotFound`] when the role does not exist.
    pub async fn add_permissions(
        &self,
        name: &str,
        permissions: impl IntoPermissions,
    ) -> Result<()> {
        self.change(name, "add-permissions", permissions).await
    }

    /// Removes `permissions` from role `name` (those it does not hold are ignored). A role left
    /// without permissions is kept, empty. [`Error::NotFound`] when the role does not exist.
    pub async fn remove_permissions(
        &self,
        name: &str,
        permissions: impl IntoPermissions,
    ) -> Result<()> {
        self.change(name, "remove-permissions", permissions).await
    }

    async fn change(
        &self,
        name: &str,
        what: &str,
        permissions: impl IntoPermissions,
    ) -> Result<()> {
        let body = PermissionList {
            permissions: permissions.into_permissions(),
        };
        self.client
            .rest()
            .call(Method::POST, role_path(name, &[what])?, Some(&body), None)
            .await
            .map_err(missing(name))
    }

    /// Whether role `name` holds every one of `permissions` (one server check each; `true` for
    /// none). [`Error::NotFound`] when the role does not exist.
    pub async fn has_permission(
        &self,
        name: &str,
        permissions: impl IntoPermissions,
    ) -> Result<bool> {
        let path = role_path(name, &["has-permission"])?;
        for permission in permissions.into_permissions() {
            let held: bool = self
                .client
                .rest()
                .json(Method::POST, path.clone(), &permission, None)
                .await
                .map_err(missing(name))?;
            if !held {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The roles of the current user (with their permissions), sorted by name.
    pub async fn mine(&self) -> Result<Vec<Role>> {
        Ok(self.client.users().my_user().await?.roles)
    }

    /// The users role `name` is assigned to (database and OIDC users), sorted; none for a role
    /// that does not exist.
    pub async fn user_assignments(&self, name: &str) -> Result<Vec<UserAssignment>> {
        self.assignments(name, "user-assignments").await
    }

    /// The groups role `name` is assigned to, sorted; none for a role that does not exist.
    pub async fn group_assignments(&self, name: &str) -> Result<Vec<GroupAssignment>> {
        self.assignments(name, "group-assignments").await
    }

    async fn assignments<T: serde::de::DeserializeOwned + Ord>(
        &self,
        name: &str,
        what: &str,
    ) -> Result<Vec<T>> {
        let mut list: Vec<T> = self
            .client
            .rest()
            .get::<Option<Vec<T>>>(role_path(name, &[what])?)
            .await
            .map_err(missing(name))?
            .unwrap_or_default();
        list.sort();
        Ok(list)
    }
}
