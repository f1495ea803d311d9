//! Blue/green rebuilds: a new collection from the struct, every object copied, the name switched.
//!
//! A rebuild of `name` from the physical collection `from` into a new physical collection `into`
//! (a [`RebuildSpec`]) runs in these steps:
//!
//! 1. **Create** `into` from the spec's config. If it exists, another migrator got there first: the
//!    rebuild ends with [`Error::Conflict`] before copying anything. Multi-tenant collections are
//!    refused before this step when a tenant is offloaded (or moving); the other tenants are
//!    created in `into`, and inactive ones of `from` are activated for the copy.
//! 2. **Copy** every object (per tenant), with the cursor, one page at a time, into the batch
//!    importer: same id, every property (renamed ones under their new name, values converted
//!    where the data type changed and nothing is lost), the legacy vector and every named vector
//!    (except those whose vectorizer changed: `into` computes them), then, in a second cursor
//!    pass, every reference (multi-target ones too), beacons to moved collections rewritten. An
//!    object or reference the server refuses fails the rebuild with its messages.
//! 3. **Catch up** (up to four passes, until one finds nothing): both collections are read with
//!    the cursor, metadata only, side by side in id order; objects of `from` written since the
//!    previous pass started are copied again (objects, then references), objects deleted from
//!    `from` are deleted from `into`, tenants created or deleted meanwhile are copied or deleted.
//! 4. **Verify** per tenant: the id sets (and so the counts) of both collections agree, except for
//!    objects written or deleted since the last pass started; an object that existed before it and
//!    is missing in `into` refuses the switch.
//! 5. **Switch**: the alias `name` is pointed at `into` (or created, for a renamed collection;
//!    nothing to do when `into` is `name`). With the alias gap (`name` is a real collection
//!    today), one more catch-up pass runs, then the collection `name` is deleted and the alias
//!    created right after it: between the two, requests through the name fail.
//! 6. **Final catch-up** (not with the gap): one second after the switch, for requests that
//!    resolved the name before it, one more pass copies what was written to `from` since the last
//!    pass, unless `into` was written for that object through the name since the switch (the
//!    newer write wins), and deletes from `into` what was deleted from `from` meanwhile unless
//!    `into` was written for it since the switch. Then tenants get their old status back in
//!    both collections. `from` is kept until [`drop_old`](crate::migrate::Migrator::drop_old).
//!
//! Failures before the switch leave `from` untouched (tenants activated for the copy are
//! deactivated again, as far as the server lets) and the name on it; `into` is left as it is and
//! named in the error (inspect it, or delete it and plan again).
//!
//! ## What is guaranteed
//! - **The copy.** Every object of `from` is in `into` with the same id and, as the spec maps them,
//!   its properties, vectors and references, as they were when the last pass read the object.
//!   The switch happens only after the verification found every object that existed before the
//!   last pass started (per tenant); objects created or deleted after that are the final pass's.
//! - **Writes before the switch.** A pass copies again exactly the objects whose update time is
//!   later than the watermark of the pass before it, the largest update time read from `from`
//!   before that pass began (update times are the server's milliseconds, never this machine's
//!   clock; passes wait a few milliseconds after taking a watermark, so any write a pass may miss
//!   carries a later update time). Inserts and updates through the name before the switch
//!   therefore reach `into`, and deletes are applied, as long as they land on `from` before the
//!   final pass reads that object (it starts one second after the switch).
//! - **Writes after the switch** go to `into` through the name and win: the final pass copies an
//!   object from `from` only when `into`'s copy has not been written since the verification (its
//!   update time is at most the largest one the rebuild itself wrote, checked again right before
//!   the copy), and deletes from `into` only objects nobody wrote since. An object deleted through
//!   the name after the switch is not brought back, unless it was created in `from` after the
//!   verification began (then `into` never had it, and it is copied).
//! - **Bounded memory**: a page of objects (500) and the ids of the objects one pass changes.
//!
//! ## What is not guaranteed
//! - Weaviate has no conditional writes: a write through the name that lands between the final
//!   pass's second look at an object and its copy is overwritten by the older value from `from`
//!   (only for objects also written to `from` after the last pass before the switch).
//! - A write that lands on `from` after the final pass read its object (a request that resolved the
//!   name before the switch and took longer than a second, or a client writing to `from` by its
//!   physical name) is not copied. With the alias gap, writes between the gap's last pass and the
//!   deletion of `name` are lost, and requests fail while the name resolves to nothing.
//! - In a cluster, update times come from the clock of the node that coordinated each write: a
//!   write stamped by a node whose clock is behind can fall before a watermark and be missed
//!   (keep node clocks synchronised; the window is the skew).
//! - Objects copied again after the switch are written before their references: for a moment they
//!   are without them. References of a multi-target property keep their order per target
//!   collection (Weaviate returns them per target), not their interleaving; references to objects
//!   that do not exist are not copied.
//! - Tenants created or deleted in `from` are followed until the verification; later ones are not.
//!   A tenant's status is restored to what it was when the rebuild first saw it.

mod catch_up;
mod copy;
mod mapping;
mod switch;
mod tenants;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::time::Duration;

use futures_util::TryStreamExt;
use uuid::Uuid;

use super::{Event, Outcome};
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::migrate::Migrator;
use crate::migrate::change::RebuildSpec;
use crate::tenants::TenantActivity;
use catch_up::{Changes, Stage};
use copy::{Read, in_tenant, list_refused};
use mapping::Mapping;

/// Catch-up passes before the verification, at most.
const MAX_PASSES: u32 = 4;
/// Time between the switch and the final pass, for requests that resolved the name before it.
const SETTLE: Duration = Duration::from_secs(1);

/// What every step of one rebuild shares.
pub(super) struct Ctx<'a> {
    m: &'a Migrator,
    spec: &'a RebuildSpec,
    map: Mapping,
    /// Whether the name reads the new collection yet.
    switched: AtomicBool,
}

impl Ctx<'_> {
    fn scoped(&self, name: &str, tenant: Option<&str>) -> Collection {
        let c = self.m.client().collection(name);
        match tenant {
            Some(t) => c.with_tenant(t),
            None => c,
        }
    }

    /// The old collection (of `tenant`).
    fn source(&self, tenant: Option<&str>) -> Collection {
        self.scoped(&self.spec.from, tenant)
    }

    /// The new collection (of `tenant`).
    fn target(&self, tenant: Option<&str>) -> Collection {
        self.scoped(&self.spec.into, tenant)
    }

    fn note(&self, text: &str) {
        self.m.emit(&Event::Note(text));
    }

    /// Creates the new collection; a collection of that name means another migrator is at it.
    async fn create(&self) -> Result<()> {
        let mut config = self.spec.config.clone();
        config.name.clone_from(&self.spec.into);
        match self.m.client().collections().create(&config).await {
            Ok(_) => Ok(()),
            Err(Error::AlreadyExists { message }) => Err(Error::Conflict {
                message: format!(
                    "another migrator is rebuilding {} into {}: {} exists already ({message}); nothing was copied by this one. Plan again when it has finished (if {} is left over from a failed rebuild, inspect or delete it first)",
                    self.spec.name, self.spec.into, self.spec.into, self.spec.into
                ),
            }),
            Err(e) => Err(e),
        }
    }
}

/// One tenant (or the whole collection, when it is not multi-tenant) and its watermarks.
#[derive(Debug)]
pub(super) struct Part {
    tenant: Option<String>,
    /// The largest update time of the old collection seen so far.
    seen: i64,
    /// Old objects updated after this may have been written after the last pass read them.
    since: i64,
    /// Objects whose references were refused: copied again by the next pass.
    retry: BTreeMap<Uuid, String>,
    /// After the verification: ids only in the old collection, written since the last pass.
    late: BTreeSet<Uuid>,
    /// After the verification: the largest update time in the new collection.
    new_max: i64,
    /// After the verification: an update time no later than its start.
    verify_mark: i64,
}

impl Part {
    fn new(tenant: Option<String>) -> Self {
        Part {
            tenant,
            seen: i64::MIN,
            since: i64::MIN,
            retry: BTreeMap::new(),
            late: BTreeSet::new(),
            new_max: i64::MAX,
            verify_mark: i64::MAX,
        }
    }
}

struct Run<'a> {
    ctx: Ctx<'a>,
    /// Tenants of the old collection and their status when they were first seen.
    statuses: Option<BTreeMap<String, TenantActivity>>,
    /// Old tenants activated for the copy.
    activated: Vec<String>,
    parts: Vec<Part>,
    /// Whether the old collection still exists (not after the gap's delete).
    old_exists: bool,
}

/// Rebuilds `spec.name` into `spec.into` (see the [module docs](self)).
pub(super) async fn run(m: &Migrator, spec: &RebuildSpec) -> Result<Outcome> {
    let source = m.client().collections().get(&spec.from).await?;
    let ctx = Ctx {
        m,
        spec,
        map: Mapping::new(&source, spec)?,
        switched: AtomicBool::new(false),
    };
    let statuses = tenants::check(&ctx, spec, &source).await?;
    ctx.create().await?;
    let mut run = Run {
        ctx,
        statuses,
        activated: Vec::new(),
        parts: Vec::new(),
        old_exists: true,
    };
    match run.carry_out().await {
        Ok(()) => Ok(Outcome::Done),
        Err(e) => {
            if run.old_exists && !run.activated.is_empty() {
                // Best effort: the error that stopped the rebuild matters more.
                let _ = run
                    .ctx
                    .source(None)
                    .tenants()
                    .deactivate(run.activated.iter().cloned())
                    .await;
            }
            Err(e)
        }
    }
}

impl Run<'_> {
    async fn carry_out(&mut self) -> Result<()> {
        let (from, into) = (&self.ctx.spec.from, &self.ctx.spec.into);
        let mut created = format!("created {into}; copying {from} into it");
        if !self.ctx.map.left_out.is_empty() {
            created.push_str(&format!(
                " (not carried over: {})",
                self.ctx.map.left_out.join(", ")
            ));
        }
        self.ctx.note(&created);
        match self.statuses.clone() {
            None => self.parts.push(Part::new(None)),
            Some(statuses) => {
                self.activated = self.ctx.open_tenants(&statuses).await?;
                self.parts = statuses
                    .keys()
                    .map(|t| Part::new(Some(t.clone())))
                    .collect();
            }
        }
        for part in &mut self.parts {
            copy_part(&self.ctx, part).await?;
        }

        self.settle().await?;
        for part in &mut self.parts {
            part.verify_mark = part.seen;
            let v = self.ctx.verify(part).await?;
            part.late = v.late;
            part.new_max = v.new_max;
        }

        if self.ctx.spec.alias_gap {
            self.ctx
                .note("alias gap: a last catch-up pass, then the name is switched");
            self.settle().await?;
            self.ctx.switch_with_gap().await?;
            self.ctx.switched.store(true, Ordering::Relaxed);
            self.old_exists = false;
        } else {
            tokio::time::sleep(catch_up::TICK).await;
            self.ctx.switch_alias().await?;
            self.ctx.switched.store(true, Ordering::Relaxed);
            tokio::time::sleep(SETTLE).await;
            let changes = self.catch_up(Stage::After).await?;
            self.ctx.note(&format!(
                "final catch-up after the switch: {} copied again, {} deleted",
                changes.copied, changes.deleted
            ));
            let refused: BTreeMap<Uuid, String> =
                self.parts.iter().flat_map(|p| p.retry.clone()).collect();
            if !refused.is_empty() {
                return Err(self.ctx.failed(format!(
                    "references of objects written during the switch were refused: {}",
                    list_refused(&refused)
                )));
            }
        }
        if let Some(statuses) = &self.statuses {
            self.ctx
                .close_tenants(statuses, &self.activated, self.old_exists)
                .await?;
            self.activated.clear();
        }
        Ok(())
    }

    /// Catch-up passes (before the switch) until one finds nothing to do, at most
    /// [`MAX_PASSES`]; refused references left after them fail the rebuild.
    async fn settle(&mut self) -> Result<()> {
        for pass in 1..=MAX_PASSES {
            let changes = self.catch_up(Stage::Before).await?;
            self.ctx.note(&format!(
                "catch-up pass {pass}: {} copied again, {} deleted",
                changes.copied, changes.deleted
            ));
            let retry = self.parts.iter().any(|p| !p.retry.is_empty());
            if changes.total() == 0 && !retry {
                return Ok(());
            }
        }
        let refused: BTreeMap<Uuid, String> =
            self.parts.iter().flat_map(|p| p.retry.clone()).collect();
        if refused.is_empty() {
            return Ok(());
        }
        Err(self.ctx.failed(format!(
            "references were refused: {}",
            list_refused(&refused)
        )))
    }

    /// One pass over every part. Before the switch, tenants created in the old collection since
    /// are created and copied, and tenants deleted from it are deleted from the new one.
    async fn catch_up(&mut self, stage: Stage) -> Result<Changes> {
        if stage == Stage::Before && self.statuses.is_some() {
            self.follow_tenants().await?;
        }
        let mut total = Changes::default();
        for part in &mut self.parts {
            let c = self.ctx.pass(part, stage).await?;
            total.copied += c.copied;
            total.deleted += c.deleted;
        }
        Ok(total)
    }

    async fn follow_tenants(&mut self) -> Result<()> {
        let now = self.ctx.current_tenants().await?;
        let statuses = self.statuses.get_or_insert_with(BTreeMap::new);
        let added: BTreeMap<String, TenantActivity> = now
            .iter()
            .filter(|(t, _)| !statuses.contains_key(*t))
            .map(|(t, a)| (t.clone(), a.clone()))
            .collect();
        let removed: Vec<String> = statuses
            .keys()
            .filter(|t| !now.contains_key(*t))
            .cloned()
            .collect();
        for t in &removed {
            self.ctx.drop_tenant(t).await?;
            statuses.remove(t);
            self.activated.retain(|a| a != t);
            self.parts
                .retain(|p| p.tenant.as_deref() != Some(t.as_str()));
        }
        if !added.is_empty() {
            self.ctx.note(&format!(
                "tenants created in {} during the copy: {}",
                self.ctx.spec.from,
                added.keys().cloned().collect::<Vec<_>>().join(", ")
            ));
            self.activated.extend(self.ctx.open_tenants(&added).await?);
            for t in added.keys() {
                let mut part = Part::new(Some(t.clone()));
                copy_part(&self.ctx, &mut part).await?;
                self.parts.push(part);
            }
            statuses.extend(added);
        }
        Ok(())
    }
}

/// The first copy of one part: every object, then every reference.
async fn copy_part(ctx: &Ctx<'_>, part: &mut Part) -> Result<()> {
    let tenant = part.tenant.clone();
    let tenant = tenant.as_deref();
    part.seen = ctx.latest_update(tenant).await?;
    part.since = part.seen;
    tokio::time::sleep(catch_up::TICK).await;
    ctx.note(&format!(
        "copying {}{} into {}",
        ctx.spec.from,
        in_tenant(tenant),
        ctx.spec.into
    ));
    let seen = Arc::new(AtomicI64::new(part.seen));
    let tracked = seen.clone();
    let objects = ctx.read_all(tenant, Read::Objects).inspect_ok(move |o| {
        if let Some(t) = o.metadata.update_time {
            tracked.fetch_max(t.timestamp_millis(), Ordering::Relaxed);
        }
    });
    let copied = ctx.write_objects(tenant, Box::pin(objects), None).await?;
    part.seen = seen.load(Ordering::Relaxed);
    if ctx.map.has_references() {
        part.retry = ctx
            .write_references(tenant, ctx.read_all(tenant, Read::References))
            .await?;
    }
    ctx.note(&format!(
        "copied {copied} objects of {}{}",
        ctx.spec.from,
        in_tenant(tenant)
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Apply's futures are `Send` (never run, only type-checked).
    #[allow(dead_code)]
    fn rebuilds_are_send(m: &Migrator, spec: &RebuildSpec) {
        fn is_send<T: Send>(_: T) {}
        is_send(run(m, spec));
    }
}
