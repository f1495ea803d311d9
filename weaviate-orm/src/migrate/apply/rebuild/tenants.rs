//! Tenants of a multi-tenant rebuild: checked before anything is created, created in the new
//! collection, inactive ones activated for the copy and given back their status at the end.

use std::collections::BTreeMap;

use super::Ctx;
use super::copy::in_tenant;
use crate::error::{Error, Result};
use crate::migrate::apply::Event;
use crate::migrate::change::RebuildSpec;
use crate::schema::CollectionConfig;
use crate::tenants::{Tenant, TenantActivity};

/// The old collection's tenants and their status when the rebuild started (`None`: not
/// multi-tenant).
pub(super) type Statuses = Option<BTreeMap<String, TenantActivity>>;

/// Reads the old collection's tenants; refuses (nothing created yet) when multi-tenancy differs
/// between the two collections or when a tenant's data is not on this cluster (offloaded).
pub(super) async fn check(
    ctx: &Ctx<'_>,
    spec: &RebuildSpec,
    source: &CollectionConfig,
) -> Result<Statuses> {
    if source.is_multi_tenant() != spec.config.is_multi_tenant() {
        return Err(Error::invalid(format!(
            "rebuilding {} refused, nothing was changed: {} is {}multi-tenant and the new config is {}: objects cannot be copied between the two",
            spec.name,
            spec.from,
            if source.is_multi_tenant() { "" } else { "not " },
            if spec.config.is_multi_tenant() {
                "multi-tenant"
            } else {
                "not"
            },
        )));
    }
    if !source.is_multi_tenant() {
        return Ok(None);
    }
    let tenants = ctx.source(None).tenants().list().await?;
    refuse_unloaded(spec, &tenants)?;
    Ok(Some(
        tenants.into_iter().map(|t| (t.name, t.activity)).collect(),
    ))
}

/// Refuses tenants whose data is not on local disk (offloaded, or moving).
pub(super) fn refuse_unloaded(spec: &RebuildSpec, tenants: &[Tenant]) -> Result<()> {
    let unloaded: Vec<String> = tenants
        .iter()
        .filter(|t| {
            matches!(
                t.activity,
                TenantActivity::Offloaded | TenantActivity::Offloading | TenantActivity::Onloading
            )
        })
        .map(|t| format!("{} ({})", t.name, t.activity))
        .collect();
    if unloaded.is_empty() {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "rebuilding {} refused, nothing was changed: {} of {} {} not on this cluster: {}. Onload {} (set {} ACTIVE or INACTIVE and wait until the status says so), then plan again",
        spec.name,
        if unloaded.len() == 1 {
            "a tenant"
        } else {
            "tenants"
        },
        spec.from,
        if unloaded.len() == 1 { "is" } else { "are" },
        unloaded.join(", "),
        if unloaded.len() == 1 { "it" } else { "them" },
        if unloaded.len() == 1 { "it" } else { "them" },
    )))
}

impl Ctx<'_> {
    /// Creates `names` in the new collection (active, so they can be written) and activates the
    /// ones that are inactive in the old collection; returns those activated.
    pub(super) async fn open_tenants(
        &self,
        tenants: &BTreeMap<String, TenantActivity>,
    ) -> Result<Vec<String>> {
        if tenants.is_empty() {
            return Ok(Vec::new());
        }
        self.target(None)
            .tenants()
            .create(tenants.keys().map(|n| Tenant::new(n.clone())))
            .await?;
        let inactive: Vec<String> = tenants
            .iter()
            .filter(|(_, a)| **a == TenantActivity::Inactive)
            .map(|(n, _)| n.clone())
            .collect();
        if !inactive.is_empty() {
            self.m.emit(&Event::Note(&format!(
                "activating {} inactive tenant{} of {} for the copy: {}",
                inactive.len(),
                if inactive.len() == 1 { "" } else { "s" },
                self.spec.from,
                inactive.join(", ")
            )));
            self.source(None)
                .tenants()
                .activate(inactive.clone())
                .await?;
        }
        Ok(inactive)
    }

    /// Gives the new collection's tenants the old ones' status, and deactivates again the old
    /// tenants activated for the copy (unless the old collection is gone).
    pub(super) async fn close_tenants(
        &self,
        statuses: &BTreeMap<String, TenantActivity>,
        activated: &[String],
        old_exists: bool,
    ) -> Result<()> {
        let inactive: Vec<Tenant> = statuses
            .iter()
            .filter(|(_, a)| **a != TenantActivity::Active)
            .map(|(n, a)| Tenant::new(n.clone()).activity(a.clone()))
            .collect();
        if !inactive.is_empty() {
            self.target(None).tenants().update(inactive).await?;
        }
        if old_exists && !activated.is_empty() {
            self.source(None)
                .tenants()
                .deactivate(activated.iter().cloned())
                .await?;
        }
        Ok(())
    }

    /// The old collection's tenants now, with the new ones refused when not loaded.
    pub(super) async fn current_tenants(&self) -> Result<BTreeMap<String, TenantActivity>> {
        let tenants = self.source(None).tenants().list().await?;
        refuse_unloaded(self.spec, &tenants)?;
        Ok(tenants.into_iter().map(|t| (t.name, t.activity)).collect())
    }

    /// Deletes a tenant from the new collection (it was deleted from the old one meanwhile).
    pub(super) async fn drop_tenant(&self, tenant: &str) -> Result<()> {
        self.m.emit(&Event::Note(&format!(
            "{}{} was deleted during the copy: deleted from {} too",
            self.spec.from,
            in_tenant(Some(tenant)),
            self.spec.into
        )));
        self.target(None).tenants().delete([tenant]).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenants_not_on_the_cluster_refuse_the_rebuild_by_name() {
        let spec = RebuildSpec {
            name: "Note".into(),
            from: "Note_v1".into(),
            into: "Note_v2".into(),
            config: CollectionConfig::new("Note_v2"),
            renamed: Vec::new(),
            retarget: Vec::new(),
            alias_gap: false,
        };
        let tenants = [
            Tenant::new("a"),
            Tenant::new("b").activity(TenantActivity::Inactive),
            Tenant::new("c").activity(TenantActivity::Offloaded),
            Tenant::new("d").activity(TenantActivity::Onloading),
        ];
        assert!(refuse_unloaded(&spec, &tenants[..2]).is_ok());
        let e = refuse_unloaded(&spec, &tenants).unwrap_err();
        assert!(matches!(e, Error::InvalidInput { .. }));
        let text = e.to_string();
        assert!(text.contains("c (OFFLOADED), d (ONLOADING)"), "{text}");
        assert!(text.contains("Onload them"), "{text}");
        assert!(!text.contains("b ("), "{text}");
    }
}
