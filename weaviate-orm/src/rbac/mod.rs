//! Role-based access control (Weaviate 1.28+, `AUTHORIZATION_RBAC_ENABLED=true`): roles, their
//! permissions, and who holds them.
//!
//! - [`permissions`]: the typed permission model ([`Permission`], [`Grant`] builders, [`Permissions`]
//!   sets) and its JSON.
//! - [`roles`]: role management, [`Client::roles`](crate::Client::roles): create, get, list, exists,
//!   delete, add and remove permissions, permission checks, and the users and groups holding a role.
//!
//! Users (database users, OIDC users and groups, the current user) are in [`crate::users`].
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use weaviate_orm::rbac::{Permission, Permissions};
//! # #[derive(weaviate_orm::WeaviateCollection)]
//! # struct Article { title: String }
//!
//! let readers = Permissions::new()
//!     .with(Permission::data().collection_of::<Article>().read())
//!     .with(Permission::collections().collection_of::<Article>().read());
//! client.roles().create("article-reader", &readers).await?;
//! let user_key = client.users().db().create("reporting").await?;
//! client.users().db().assign_roles("reporting", &["article-reader"]).await?;
//! assert_eq!(client.roles().get("article-reader").await?.unwrap().permissions, readers);
//! # let _ = user_key; Ok(()) }
//! ```
//!
//! Refusals are typed: a request the caller's roles do not allow is [`Error::Forbidden`], a
//! missing, wrong, rotated or deactivated key [`Error::Unauthorized`], each with the server's
//! message, on REST and gRPC alike.
//!
//! [`Error::Forbidden`]: crate::Error::Forbidden
//! [`Error::Unauthorized`]: crate::Error::Unauthorized

pub mod permissions;
pub mod roles;

pub use permissions::{
    Action, Grant, GroupType, IntoPermissions, Nodes, Permission, Permissions, Resource, RoleScope,
};
pub use roles::{GroupAssignment, Role, Roles, UserAssignment, UserType};
