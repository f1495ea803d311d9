//! Tenants of a multi-tenant collection: create, list, read, change their activity status, delete.
//!
//! Every tenant is its own shard; its activity status says whether its data is loaded ([`Active`]),
//! kept on local disk but not loaded ([`Inactive`]: reads and writes to it fail until it is
//! activated), or moved to cloud storage by an offload module ([`Offloaded`]). Objects are written
//! and read per tenant through [`Collection::with_tenant`] (or the typed builders' `tenant(...)`).
//!
//! On the wire (Weaviate 1.39): REST `/v1/schema/{collection}/tenants` creates (POST), updates (PUT)
//! and deletes (DELETE, a list of names); `/v1/schema/{collection}/tenants/{name}` reads one (GET, HEAD);
//! gRPC `TenantsGet` lists them. The server reports statuses under their pre-1.26 names (`HOT`, `COLD`,
//! `FROZEN`, ...), which read as the current ones here. Creating a tenant that exists and deleting one
//! that does not are not errors on the server; this client keeps that. A handle on an alias works:
//! the server reads tenants through an alias but refuses tenant writes through one, so writes go
//! to the collection the alias points at (one `GET /v1/aliases/{name}` first).
//!
//! [`Active`]: TenantActivity::Active
//! [`Inactive`]: TenantActivity::Inactive
//! [`Offloaded`]: TenantActivity::Offloaded
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use weaviate_orm::tenants::{Tenant, TenantActivity};
//!
//! let tenants = client.collection("Note").tenants();
//! tenants.create(["alice", "bob"]).await?;
//! tenants.create([Tenant::new("carol").activity(TenantActivity::Inactive)]).await?;
//! tenants.deactivate(["bob"]).await?;
//! for t in tenants.list().await? {
//!     println!("{}: {}", t.name, t.activity);
//! }
//! let alice_notes = client.collection("Note").with_tenant("alice");
//! # let _ = alice_notes;
//! tenants.delete(["carol"]).await?;
//! # Ok(()) }
//! ```

use std::fmt;

use reqwest::Method;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::names::check_tenant_name;
use crate::transport::rest::Path;
use crate::wire::v1 as pb;

/// Tenants per create, update or delete request (larger lists are sent in several requests).
pub const TENANTS_PER_REQUEST: usize = 100;

/// A tenant's activity status.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TenantActivity {
    /// Loaded: reads and writes work (`ACTIVE`, formerly `HOT`).
    Active,
    /// On local disk, not loaded: reads and writes fail until activated (`INACTIVE`, formerly `COLD`).
    Inactive,
    /// Moved to cloud storage by an offload module (`OFFLOADED`, formerly `FROZEN`).
    Offloaded,
    /// Being moved to cloud storage (`OFFLOADING`, formerly `FREEZING`); set by the server only.
    Offloading,
    /// Being brought back from cloud storage (`ONLOADING`, formerly `UNFREEZING`); set by the server
    /// only.
    Onloading,
    /// A status this client does not know yet, as the server named it.
    Other(String),
}

impl TenantActivity {
    /// The status's name on the wire (the current names, which every 1.26+ server accepts).
    pub fn as_str(&self) -> &str {
        match self {
            TenantActivity::Active => "ACTIVE",
            TenantActivity::Inactive => "INACTIVE",
            TenantActivity::Offloaded => "OFFLOADED",
            TenantActivity::Offloading => "OFFLOADING",
            TenantActivity::Onloading => "ONLOADING",
            TenantActivity::Other(s) => s,
        }
    }

    /// Reads a status name, current or legacy.
    pub fn from_name(name: &str) -> TenantActivity {
        match name {
            "ACTIVE" | "HOT" => TenantActivity::Active,
            "INACTIVE" | "COLD" => TenantActivity::Inactive,
            "OFFLOADED" | "FROZEN" => TenantActivity::Offloaded,
            "OFFLOADING" | "FREEZING" => TenantActivity::Offloading,
            "ONLOADING" | "UNFREEZING" => TenantActivity::Onloading,
            other => TenantActivity::Other(other.to_owned()),
        }
    }

    fn from_grpc(status: i32) -> TenantActivity {
        use pb::TenantActivityStatus as S;
        match S::try_from(status) {
            Ok(S::Hot | S::Active) => TenantActivity::Active,
            Ok(S::Cold | S::Inactive) => TenantActivity::Inactive,
            Ok(S::Frozen | S::Offloaded) => TenantActivity::Offloaded,
            Ok(S::Freezing | S::Offloading) => TenantActivity::Offloading,
            Ok(S::Unfreezing | S::Onloading) => TenantActivity::Onloading,
            Ok(S::Unspecified) | Err(_) => TenantActivity::Other(format!("gRPC status {status}")),
        }
    }

    /// Whether a client may ask for this status (the transitional ones are the server's).
    fn check_settable(&self, tenant: &str) -> Result<()> {
        match self {
            TenantActivity::Active | TenantActivity::Inactive | TenantActivity::Offloaded => Ok(()),
            other => Err(Error::invalid(format!(
                "tenant `{tenant}`: {other} is a status the server sets while it moves data; ask for ACTIVE, INACTIVE or OFFLOADED"
            ))),
        }
    }
}

impl fmt::Display for TenantActivity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for TenantActivity {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for TenantActivity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(TenantActivity::from_name(&name))
    }
}

/// A tenant: its name and activity status (in Weaviate's REST JSON form).
///
/// ```
/// use weaviate_orm::tenants::{Tenant, TenantActivity};
///
/// let t = Tenant::new("alice").activity(TenantActivity::Inactive);
/// assert_eq!(serde_json::to_value(&t).unwrap(), serde_json::json!({"name": "alice", "activityStatus": "INACTIVE"}));
/// let read: Tenant = serde_json::from_value(serde_json::json!({"name": "bob", "activityStatus": "HOT"})).unwrap();
/// assert_eq!(read, Tenant::new("bob"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Tenant {
    /// The tenant's name: 1 to 64 letters, digits, `_` or `-`.
    pub name: String,
    /// Its activity status (a tenant without one is active).
    #[serde(rename = "activityStatus", default = "active")]
    pub activity: TenantActivity,
}

fn active() -> TenantActivity {
    TenantActivity::Active
}

impl Tenant {
    /// An active tenant.
    pub fn new(name: impl Into<String>) -> Tenant {
        Tenant {
            name: name.into(),
            activity: TenantActivity::Active,
        }
    }

    /// The same tenant with another activity status.
    pub fn activity(mut self, activity: TenantActivity) -> Tenant {
        self.activity = activity;
        self
    }

    fn check(&self) -> Result<()> {
        check_tenant_name(&self.name)?;
        self.activity.check_settable(&self.name)
    }
}

impl From<&str> for Tenant {
    fn from(name: &str) -> Tenant {
        Tenant::new(name)
    }
}

impl From<String> for Tenant {
    fn from(name: String) -> Tenant {
        Tenant::new(name)
    }
}

/// The tenants of one collection. Get it with [`Collection::tenants`]; see the [module docs](self).
#[derive(Clone, Debug)]
pub struct Tenants {
    collection: Collection,
}

impl<C> Collection<C> {
    /// Tenant management of this (multi-tenant) collection.
    pub fn tenants(&self) -> Tenants {
        Tenants {
            collection: self.untyped(),
        }
    }
}

impl Tenants {
    /// The path of tenant writes: the server does not resolve an alias there (it answers
    /// `updating schema: TYPE_ADD_TENANT: class not found`), so the collection's own name is used.
    async fn write_path(&self) -> Result<Path> {
        let resolved = self
            .collection
            .client
            .collections()
            .resolve(&self.collection.name)
            .await?;
        Ok(Path::v1(["schema", resolved.name.as_str(), "tenants"]))
    }

    fn checked_names<I, S>(names: I) -> Result<Vec<String>>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let names: Vec<String> = names.into_iter().map(Into::into).collect();
        for n in &names {
            check_tenant_name(n)?;
        }
        Ok(names)
    }

    fn checked_tenants<I, T>(tenants: I) -> Result<Vec<Tenant>>
    where
        I: IntoIterator<Item = T>,
        T: Into<Tenant>,
    {
        let tenants: Vec<Tenant> = tenants.into_iter().map(Into::into).collect();
        for t in &tenants {
            t.check()?;
        }
        Ok(tenants)
    }

    /// Creates tenants (names, or [`Tenant`]s with a status). Names and statuses are checked before
    /// any request; a tenant that exists already is left as it is (the server does not refuse it).
    /// More than [`TENANTS_PER_REQUEST`] go in several requests; if one fails, the tenants of the
    /// requests before it were created.
    pub async fn create<I, T>(&self, tenants: I) -> Result<()>
    where
        I: IntoIterator<Item = T>,
        T: Into<Tenant>,
    {
        self.collection.check()?;
        let tenants = Self::checked_tenants(tenants)?;
        self.send_chunks(Method::POST, &tenants).await
    }

    /// Sets the activity status of existing tenants. A tenant that does not exist fails the request
    /// with the server's message.
    pub async fn update<I>(&self, tenants: I) -> Result<()>
    where
        I: IntoIterator<Item = Tenant>,
    {
        self.collection.check()?;
        let tenants = Self::checked_tenants(tenants)?;
        self.send_chunks(Method::PUT, &tenants).await
    }

    async fn set_activity<I, S>(&self, names: I, activity: TenantActivity) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let tenants = Self::checked_names(names)?
            .into_iter()
            .map(|n| Tenant::new(n).activity(activity.clone()));
        self.update(tenants).await
    }

    /// Makes the tenants active (loaded).
    pub async fn activate<I, S>(&self, names: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.set_activity(names, TenantActivity::Active).await
    }

    /// Makes the tenants inactive (unloaded, kept on local disk).
    pub async fn deactivate<I, S>(&self, names: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.set_activity(names, TenantActivity::Inactive).await
    }

    /// Moves the tenants to cloud storage. The server needs an offload module (e.g. `offload-s3`);
    /// without one it refuses, and the error keeps its message.
    pub async fn offload<I, S>(&self, names: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.set_activity(names, TenantActivity::Offloaded).await
    }

    /// Deletes tenants and all their objects. Names that are not tenants are ignored (as the server
    /// does).
    pub async fn delete<I, S>(&self, names: I) -> Result<()>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.collection.check()?;
        let names = Self::checked_names(names)?;
        self.send_chunks(Method::DELETE, &names).await
    }

    async fn send_chunks<T: Serialize>(&self, method: Method, items: &[T]) -> Result<()> {
        if items.is_empty() {
            return Ok(());
        }
        let path = self.write_path().await?;
        for chunk in items.chunks(TENANTS_PER_REQUEST) {
            self.collection
                .client
                .rest()
                .call(method.clone(), path.clone(), Some(chunk), None)
                .await?;
        }
        Ok(())
    }

    /// Every tenant of the collection, sorted by name (gRPC `TenantsGet`).
    pub async fn list(&self) -> Result<Vec<Tenant>> {
        self.tenants_get(None).await
    }

    /// The named tenants that exist, sorted by name (gRPC `TenantsGet`).
    pub async fn get_many<I, S>(&self, names: I) -> Result<Vec<Tenant>>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let names = Self::checked_names(names)?;
        if names.is_empty() {
            return Ok(Vec::new());
        }
        self.tenants_get(Some(names)).await
    }

    async fn tenants_get(&self, names: Option<Vec<String>>) -> Result<Vec<Tenant>> {
        self.collection.check()?;
        let client = &self.collection.client;
        let request = pb::TenantsGetRequest {
            collection: self.collection.name.clone(),
            params: names
                .map(|values| pb::tenants_get_request::Params::Names(pb::TenantNames { values })),
        };
        let reply = client
            .grpc()
            .tenants_get(request, client.timeouts().query_timeout())
            .await?;
        let mut tenants: Vec<Tenant> = reply
            .tenants
            .into_iter()
            .map(|t| Tenant {
                activity: TenantActivity::from_grpc(t.activity_status),
                name: t.name,
            })
            .collect();
        tenants.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(tenants)
    }

    /// One tenant, or `None` when the collection has no tenant of that name.
    pub async fn get(&self, name: &str) -> Result<Option<Tenant>> {
        self.collection.check()?;
        check_tenant_name(name)?;
        let path = Path::v1(["schema", self.collection.name.as_str(), "tenants", name]);
        match self.collection.client.rest().get(path).await {
            Ok(t) => Ok(Some(t)),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether the collection has a tenant of that name.
    pub async fn exists(&self, name: &str) -> Result<bool> {
        self.collection.check()?;
        check_tenant_name(name)?;
        let path = Path::v1(["schema", self.collection.name.as_str(), "tenants", name]);
        self.collection.client.rest().exists(path).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn statuses_read_current_and_legacy_names_and_write_current_ones() {
        for (names, status) in [
            (["ACTIVE", "HOT"], TenantActivity::Active),
            (["INACTIVE", "COLD"], TenantActivity::Inactive),
            (["OFFLOADED", "FROZEN"], TenantActivity::Offloaded),
            (["OFFLOADING", "FREEZING"], TenantActivity::Offloading),
            (["ONLOADING", "UNFREEZING"], TenantActivity::Onloading),
        ] {
            for n in names {
                assert_eq!(TenantActivity::from_name(n), status);
            }
            assert_eq!(status.as_str(), names[0]);
        }
        let other: Tenant =
            serde_json::from_value(json!({"name": "t", "activityStatus": "WARM"})).unwrap();
        assert_eq!(other.activity, TenantActivity::Other("WARM".into()));
        let bare: Tenant = serde_json::from_value(json!({"name": "t"})).unwrap();
        assert_eq!(bare.activity, TenantActivity::Active);
    }

    #[test]
    fn grpc_statuses_map_like_rest_names() {
        use pb::TenantActivityStatus as S;
        assert_eq!(
            TenantActivity::from_grpc(S::Hot as i32),
            TenantActivity::Active
        );
        assert_eq!(
            TenantActivity::from_grpc(S::Inactive as i32),
            TenantActivity::Inactive
        );
        assert_eq!(
            TenantActivity::from_grpc(S::Frozen as i32),
            TenantActivity::Offloaded
        );
        assert!(matches!(
            TenantActivity::from_grpc(99),
            TenantActivity::Other(_)
        ));
    }

    #[test]
    fn only_settable_statuses_and_valid_names_pass_the_checks() {
        assert!(Tenant::new("a-b_1").check().is_ok());
        assert!(Tenant::new("a b").check().is_err());
        assert!(Tenant::new("").check().is_err());
        let e = Tenant::new("t")
            .activity(TenantActivity::Offloading)
            .check()
            .unwrap_err();
        assert!(e.to_string().contains("OFFLOADING"), "{e}");
        assert!(
            Tenant::new("t")
                .activity(TenantActivity::Offloaded)
                .check()
                .is_ok()
        );
    }
}
