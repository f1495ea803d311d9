//! Roles of OIDC users and groups. The identity provider owns them: Weaviate only keeps which
//! roles a user name or a group name (from the token's groups claim) holds. Assigning to OIDC
//! users needs a server with OIDC enabled; groups take roles either way.

use std::ops::Deref;

use reqwest::Method;

use crate::client::Client;
use crate::error::Result;
use crate::transport::rest::Path;
use crate::users::RoleAssignments;

/// Role assignments of OIDC users (`assign_roles`, `revoke_roles`, `roles`). Get it with
/// [`Users::oidc`](crate::users::Users::oidc).
pub type OidcUsers<'a> = RoleAssignments<'a>;

/// Role assignments of OIDC groups: every user whose token names a group holds its roles. Get it
/// with [`Client::groups`]; `assign_roles`, `revoke_roles` and `roles` come from
/// [`RoleAssignments`].
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// client.groups().assign_roles("analysts", &["viewer"]).await?;
/// assert!(client.groups().known_group_names().await?.contains(&"analysts".to_owned()));
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Groups<'a> {
    assignments: RoleAssignments<'a>,
    client: &'a Client,
}

impl<'a> Groups<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        Groups {
            assignments: RoleAssignments::group(client),
            client,
        }
    }

    /// The OIDC groups that hold at least one role, sorted.
    pub async fn known_group_names(&self) -> Result<Vec<String>> {
        let mut names = self
            .client
            .rest()
            .without_body::<Option<Vec<String>>>(Method::GET, Path::v1(["authz", "groups", "oidc"]))
            .await?
            .unwrap_or_default();
        names.sort();
        Ok(names)
    }
}

impl<'a> Deref for Groups<'a> {
    type Target = RoleAssignments<'a>;

    fn deref(&self) -> &Self::Target {
        &self.assignments
    }
}
