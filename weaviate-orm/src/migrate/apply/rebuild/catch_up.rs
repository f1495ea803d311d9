//! Catching up with writes made during the copy, and verifying the copy.
//!
//! Both collections are read with the cursor in id order, metadata only (id, creation and update
//! time: no properties, no vectors), and walked side by side like a merge join. What differs is
//! copied again or deleted; the ids of what is copied are held until their objects and references
//! are written (memory grows with the number of changed objects, not with the collection).
//!
//! Which writes a pass must copy is decided by watermarks taken from the old collection's own update
//! times (milliseconds of the server's clock), never from this machine's clock: the largest update
//! time seen before a pass starts (its mark) is earlier than the moment it starts (a pass waits
//! [`TICK`] after its mark was read), so every write the pass may have missed carries a later update
//! time, and the next pass copies exactly the objects updated after that mark.

use std::collections::{BTreeMap, BTreeSet};

use futures_util::{StreamExt, TryStreamExt};
use uuid::Uuid;

use super::copy::{PAGE, Read, in_tenant};
use super::{Ctx, Part};
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::filter::{Filter, Untyped};
use crate::migrate::apply::Event;
use crate::query::{MetadataQuery, ObjectProperty, ResultStream, Sort};

/// Objects per page of a metadata read.
const META_PAGE: u32 = 5_000;
/// The wait between reading a watermark and the reads it bounds: the server's clock has moved on
/// by at least a millisecond, so later writes carry later update times.
pub(super) const TICK: std::time::Duration = std::time::Duration::from_millis(3);

/// An object's id and times, in milliseconds (missing times read as "now or later" for the old
/// collection, so such an object is always copied again, and as "long ago" for the new one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Meta {
    pub(super) id: Uuid,
    pub(super) created: i64,
    pub(super) updated: i64,
}

/// One id of the merge join.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Pair {
    /// In both collections: (old, new).
    Both(Meta, Meta),
    /// Only in the old collection.
    Old(Meta),
    /// Only in the new collection.
    New(Meta),
}

/// Whether a pass runs before the name is switched (the new collection is written only by the
/// rebuild) or after it (applications write the new collection through the name).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Stage {
    Before,
    After,
}

/// What a pass does with one id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Action {
    Keep,
    Copy,
    Delete,
}

/// The decision rules of one pass over one part.
pub(super) struct Rules<'a> {
    pub(super) stage: Stage,
    /// Old objects updated after this were possibly written after the last pass read them.
    pub(super) since: i64,
    /// After the switch: new-collection objects updated after this were written through the name.
    pub(super) new_max: i64,
    /// After the switch: old objects created after this were not seen by the verification.
    pub(super) verify_mark: i64,
    /// After the switch: the ids the verification found only in the old collection.
    pub(super) late: &'a BTreeSet<Uuid>,
    /// Objects whose references were refused last time: copied again.
    pub(super) retry: &'a BTreeMap<Uuid, String>,
}

impl Rules<'_> {
    pub(super) fn action(&self, pair: &Pair) -> Action {
        let changed = |old: &Meta| old.updated > self.since || self.retry.contains_key(&old.id);
        let untouched = |new: &Meta| new.updated <= self.new_max;
        let yes = |b: bool| if b { Action::Copy } else { Action::Keep };
        match (self.stage, pair) {
            (Stage::Before, Pair::Both(old, _)) => yes(changed(old)),
            (Stage::Before, Pair::Old(_)) => Action::Copy,
            (Stage::Before, Pair::New(_)) => Action::Delete,
            // A write through the name since the switch is newer than anything left in the old
            // collection: it wins.
            (Stage::After, Pair::Both(old, new)) => yes(changed(old) && untouched(new)),
            // Missing in the new collection: inserted into the old one late (copy), or deleted
            // through the name since the switch (leave it deleted).
            (Stage::After, Pair::Old(old)) => {
                yes(self.late.contains(&old.id) || old.created > self.verify_mark)
            }
            (Stage::After, Pair::New(new)) if untouched(new) => Action::Delete,
            (Stage::After, Pair::New(_)) => Action::Keep,
        }
    }
}

fn millis(t: Option<chrono::DateTime<chrono::Utc>>, missing: i64) -> i64 {
    t.map_or(missing, |t| t.timestamp_millis())
}

/// Every object of `collection` as [`Meta`], in id order.
fn metadata(collection: Collection, old: bool) -> ResultStream<Meta> {
    let missing = if old { i64::MAX } else { i64::MIN };
    collection
        .query()
        .fetch_objects()
        .return_properties(Vec::<String>::new())
        .return_metadata(MetadataQuery::default().creation_time().update_time())
        .stream(META_PAGE)
        .map_ok(move |o| Meta {
            id: o.id,
            created: millis(o.metadata.creation_time, missing),
            updated: millis(o.metadata.update_time, missing),
        })
        .boxed()
}

/// The two id-ordered streams walked side by side.
struct Join {
    old: ResultStream<Meta>,
    new: ResultStream<Meta>,
    old_head: Option<Meta>,
    new_head: Option<Meta>,
    old_done: bool,
    new_done: bool,
    last: [Option<Uuid>; 2],
}

impl Join {
    fn new(old: ResultStream<Meta>, new: ResultStream<Meta>) -> Self {
        Join {
            old,
            new,
            old_head: None,
            new_head: None,
            old_done: false,
            new_done: false,
            last: [None, None],
        }
    }

    async fn fill(
        stream: &mut ResultStream<Meta>,
        head: &mut Option<Meta>,
        done: &mut bool,
        last: &mut Option<Uuid>,
    ) -> Result<()> {
        if head.is_none() && !*done {
            match stream.try_next().await? {
                Some(m) => {
                    if last.is_some_and(|l| l >= m.id) {
                        return Err(Error::decode(format!(
                            "the cursor returned {} after {}: ids out of order",
                            m.id,
                            last.unwrap_or_default()
                        )));
                    }
                    *last = Some(m.id);
                    *head = Some(m);
                }
                None => *done = true,
            }
        }
        Ok(())
    }

    async fn next(&mut self) -> Result<Option<Pair>> {
        let [last_old, last_new] = &mut self.last;
        Self::fill(
            &mut self.old,
            &mut self.old_head,
            &mut self.old_done,
            last_old,
        )
        .await?;
        Self::fill(
            &mut self.new,
            &mut self.new_head,
            &mut self.new_done,
            last_new,
        )
        .await?;
        Ok(match (self.old_head, self.new_head) {
            (None, None) => None,
            (Some(o), None) => self.old_head.take().map(|_| Pair::Old(o)),
            (None, Some(n)) => self.new_head.take().map(|_| Pair::New(n)),
            (Some(o), Some(n)) if o.id == n.id => {
                self.old_head = None;
                self.new_head = None;
                Some(Pair::Both(o, n))
            }
            (Some(o), Some(n)) if o.id < n.id => self.old_head.take().map(|_| Pair::Old(o)),
            (Some(_), Some(n)) => self.new_head.take().map(|_| Pair::New(n)),
        })
    }
}

/// What one pass did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Changes {
    pub(super) copied: u64,
    pub(super) deleted: u64,
}

impl Changes {
    pub(super) fn total(&self) -> u64 {
        self.copied + self.deleted
    }
}

/// What the verification found for one part.
#[derive(Debug, Default)]
pub(super) struct Verified {
    pub(super) old: u64,
    pub(super) new: u64,
    /// Only in the old collection, created since the last pass started (caught up after it).
    pub(super) late: BTreeSet<Uuid>,
    /// Only in the new collection: deleted from the old one since the last pass read it.
    pub(super) gone: u64,
    /// Only in the old collection although they existed before the last pass: lost by the copy.
    pub(super) missing: Vec<Uuid>,
    /// The largest update time in the new collection (every write of the rebuild so far).
    pub(super) new_max: i64,
}

impl Ctx<'_> {
    /// The largest update time in the old collection (of `tenant`): a watermark no later than now.
    pub(super) async fn latest_update(&self, tenant: Option<&str>) -> Result<i64> {
        let newest = self
            .source(tenant)
            .query()
            .fetch_objects()
            .return_properties(Vec::<String>::new())
            .return_metadata(MetadataQuery::default().update_time())
            .sort(Sort::desc(ObjectProperty::UpdateTime))
            .limit(1)
            .await?;
        Ok(newest
            .first()
            .map_or(i64::MIN, |o| millis(o.metadata.update_time, i64::MIN)))
    }

    fn join(&self, tenant: Option<&str>) -> Join {
        Join::new(
            metadata(self.source(tenant), true),
            metadata(self.target(tenant), false),
        )
    }

    /// One catch-up pass over one part: compares, then deletes, copies objects, copies their
    /// references. References refused are kept in the part's retry set for the next pass.
    pub(super) async fn pass(&self, part: &mut Part, stage: Stage) -> Result<Changes> {
        let tenant = part.tenant.clone();
        let tenant = tenant.as_deref();
        let start_mark = part.seen;
        tokio::time::sleep(TICK).await;
        let mut copy: Vec<Uuid> = Vec::new();
        let mut delete: Vec<Uuid> = Vec::new();
        {
            let rules = Rules {
                stage,
                since: part.since,
                new_max: part.new_max,
                verify_mark: part.verify_mark,
                late: &part.late,
                retry: &part.retry,
            };
            let mut join = self.join(tenant);
            while let Some(pair) = join.next().await? {
                if let Pair::Both(o, _) | Pair::Old(o) = pair {
                    if o.updated != i64::MAX {
                        part.seen = part.seen.max(o.updated);
                    }
                }
                match (rules.action(&pair), pair) {
                    (Action::Copy, Pair::Both(o, _) | Pair::Old(o)) => copy.push(o.id),
                    (Action::Delete, Pair::New(n)) => delete.push(n.id),
                    _ => {}
                }
            }
        }
        if stage == Stage::After {
            // Narrow the race with writes through the name: look again right before writing.
            copy = self.untouched(tenant, copy, part.new_max, true).await?;
            delete = self.untouched(tenant, delete, part.new_max, false).await?;
        }
        let changes = Changes {
            copied: copy.len() as u64,
            deleted: delete.len() as u64,
        };
        self.delete(tenant, &delete).await?;
        if !copy.is_empty() {
            let total = Some(copy.len() as u64);
            let objects = self.read_ids(tenant, copy.clone(), Read::Objects);
            self.write_objects(tenant, objects, total).await?;
            part.retry = if self.map.has_references() {
                let refs = self.read_ids(tenant, copy, Read::References);
                self.write_references(tenant, refs).await?
            } else {
                BTreeMap::new()
            };
        } else {
            part.retry.clear();
        }
        if stage == Stage::Before {
            part.since = start_mark;
        }
        Ok(changes)
    }

    /// Of `ids`, those the new collection has not been written for since the switch (`absent_ok`:
    /// also those it does not have).
    async fn untouched(
        &self,
        tenant: Option<&str>,
        ids: Vec<Uuid>,
        new_max: i64,
        absent_ok: bool,
    ) -> Result<Vec<Uuid>> {
        let mut keep = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(PAGE as usize) {
            let found = self
                .target(tenant)
                .query()
                .fetch_objects_by_ids(chunk.iter().copied())
                .return_properties(Vec::<String>::new())
                .return_metadata(MetadataQuery::default().update_time())
                .await?;
            let times: BTreeMap<Uuid, i64> = found
                .iter()
                .map(|o| (o.id, millis(o.metadata.update_time, i64::MIN)))
                .collect();
            keep.extend(chunk.iter().filter(|id| match times.get(id) {
                Some(t) => *t <= new_max,
                None => absent_ok,
            }));
        }
        Ok(keep)
    }

    async fn delete(&self, tenant: Option<&str>, ids: &[Uuid]) -> Result<()> {
        for chunk in ids.chunks(PAGE as usize) {
            let filter = Filter::<Untyped>::id().contains_any(chunk.iter().copied());
            let report = self.target(tenant).batch().delete_many(filter).await?;
            if report.failed > 0 {
                return Err(self.failed(format!(
                    "{} of {} objects deleted from {} since the copy could not be deleted from {}{}",
                    report.failed,
                    chunk.len(),
                    self.spec.from,
                    self.spec.into,
                    in_tenant(tenant)
                )));
            }
        }
        Ok(())
    }

    /// Compares the id sets of both collections (of one part). Differences are allowed only where
    /// writes since the last pass explain them; anything else is a loss and refuses the switch.
    pub(super) async fn verify(&self, part: &Part) -> Result<Verified> {
        let tenant = part.tenant.as_deref();
        tokio::time::sleep(TICK).await;
        let mut v = Verified {
            new_max: i64::MIN,
            ..Verified::default()
        };
        let mut join = self.join(tenant);
        while let Some(pair) = join.next().await? {
            match pair {
                Pair::Both(_, n) => {
                    v.old += 1;
                    v.new += 1;
                    v.new_max = v.new_max.max(n.updated);
                }
                Pair::Old(o) => {
                    v.old += 1;
                    if o.created >= part.since {
                        v.late.insert(o.id);
                    } else {
                        v.missing.push(o.id);
                    }
                }
                Pair::New(n) => {
                    v.new += 1;
                    v.gone += 1;
                    v.new_max = v.new_max.max(n.updated);
                }
            }
        }
        if !v.missing.is_empty() {
            let shown: Vec<String> = v.missing.iter().take(10).map(Uuid::to_string).collect();
            return Err(self.failed(format!(
                "verification failed{}: {} has {} objects and {} has {}; {} objects that existed before the last catch-up are missing in {}: {}",
                in_tenant(tenant),
                self.spec.from,
                v.old,
                self.spec.into,
                v.new,
                v.missing.len(),
                self.spec.into,
                shown.join(", ")
            )));
        }
        self.m.emit(&Event::Note(&format!(
            "verified {}{}: {} objects, {} in {}{}",
            self.spec.into,
            in_tenant(tenant),
            v.new,
            v.old,
            self.spec.from,
            if v.late.is_empty() && v.gone == 0 {
                String::new()
            } else {
                format!(
                    " ({} written and {} deleted since the last pass, caught up after the switch)",
                    v.late.len(),
                    v.gone
                )
            }
        )));
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: u128, created: i64, updated: i64) -> Meta {
        Meta {
            id: Uuid::from_u128(id),
            created,
            updated,
        }
    }

    #[test]
    fn before_the_switch_the_new_collection_follows_the_old_one() {
        let (late, mut retry) = (BTreeSet::new(), BTreeMap::new());
        retry.insert(Uuid::from_u128(3), "refused".to_owned());
        let r = Rules {
            stage: Stage::Before,
            since: 100,
            new_max: 0,
            verify_mark: 0,
            late: &late,
            retry: &retry,
        };
        assert_eq!(
            r.action(&Pair::Both(meta(1, 0, 100), meta(1, 0, 500))),
            Action::Keep
        );
        assert_eq!(
            r.action(&Pair::Both(meta(1, 0, 101), meta(1, 0, 500))),
            Action::Copy
        );
        assert_eq!(
            r.action(&Pair::Both(meta(3, 0, 1), meta(3, 0, 1))),
            Action::Copy
        );
        assert_eq!(r.action(&Pair::Old(meta(2, 0, 1))), Action::Copy);
        assert_eq!(r.action(&Pair::New(meta(2, 0, 1))), Action::Delete);
    }

    #[test]
    fn after_the_switch_writes_through_the_name_win() {
        let late: BTreeSet<Uuid> = [Uuid::from_u128(7)].into();
        let retry = BTreeMap::new();
        let r = Rules {
            stage: Stage::After,
            since: 100,
            new_max: 1_000,
            verify_mark: 900,
            late: &late,
            retry: &retry,
        };
        // Written to the old collection late, the new one not touched since: copied.
        assert_eq!(
            r.action(&Pair::Both(meta(1, 0, 150), meta(1, 0, 999))),
            Action::Copy
        );
        // Written through the name since the switch: kept.
        assert_eq!(
            r.action(&Pair::Both(meta(1, 0, 150), meta(1, 0, 1_001))),
            Action::Keep
        );
        // Not written since the last pass: kept.
        assert_eq!(
            r.action(&Pair::Both(meta(1, 0, 50), meta(1, 0, 10))),
            Action::Keep
        );
        // Only in the old one: copied when the verification saw it missing or could not see it.
        assert_eq!(r.action(&Pair::Old(meta(7, 0, 150))), Action::Copy);
        assert_eq!(r.action(&Pair::Old(meta(8, 950, 950))), Action::Copy);
        // ... and left deleted when it was copied and deleted through the name since.
        assert_eq!(r.action(&Pair::Old(meta(9, 10, 150))), Action::Keep);
        // Only in the new one: deleted from the old one (gone), or inserted through the name.
        assert_eq!(r.action(&Pair::New(meta(4, 0, 999))), Action::Delete);
        assert_eq!(r.action(&Pair::New(meta(4, 0, 1_001))), Action::Keep);
    }

    fn stream(items: Vec<Meta>) -> ResultStream<Meta> {
        futures_util::stream::iter(items.into_iter().map(Ok)).boxed()
    }

    #[tokio::test]
    async fn the_join_pairs_ids_in_order_and_refuses_disorder() {
        let mut j = Join::new(
            stream(vec![meta(1, 0, 0), meta(2, 0, 0), meta(4, 0, 0)]),
            stream(vec![meta(2, 0, 1), meta(3, 0, 0), meta(5, 0, 0)]),
        );
        let mut got = Vec::new();
        while let Some(p) = j.next().await.unwrap() {
            got.push(p);
        }
        assert_eq!(
            got,
            vec![
                Pair::Old(meta(1, 0, 0)),
                Pair::Both(meta(2, 0, 0), meta(2, 0, 1)),
                Pair::New(meta(3, 0, 0)),
                Pair::Old(meta(4, 0, 0)),
                Pair::New(meta(5, 0, 0)),
            ]
        );
        let mut j = Join::new(stream(vec![meta(2, 0, 0), meta(1, 0, 0)]), stream(vec![]));
        assert!(j.next().await.is_ok());
        assert!(matches!(j.next().await, Err(Error::Decode { .. })));
    }
}
