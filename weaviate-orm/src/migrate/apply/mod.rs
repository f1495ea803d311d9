//! Carrying out a plan: check it still holds, refuse what is not allowed, then create, change in
//! place, reindex and rebuild, in that order.

mod in_place;
mod rebuild;
mod reindex;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::Migrator;
use super::change::{Change, ChangeClass, Operation, RebuildSpec};
use super::plan::Plan;
use crate::collections::InvertedIndexKind;
use crate::error::{Error, Result};

/// Receives what apply is doing, as it happens (a CLI draws progress bars from it).
///
/// Any `Fn(&Event) + Send + Sync` is a `Progress`:
///
/// ```
/// use weaviate_orm::migrate::{Event, Progress};
///
/// fn takes(_: impl Progress) {}
/// takes(|e: &Event<'_>| if let Event::Started(c) = e { eprintln!("{}: {}", c.collection, c.what) });
/// ```
pub trait Progress: Send + Sync {
    /// One event.
    fn event(&self, event: &Event<'_>);
}

impl<F: Fn(&Event<'_>) + Send + Sync> Progress for F {
    fn event(&self, event: &Event<'_>) {
        self(event)
    }
}

/// One thing apply reports while it runs.
#[derive(Debug)]
#[non_exhaustive]
pub enum Event<'a> {
    /// A change starts.
    Started(&'a Change),
    /// A change ended.
    Finished(&'a Change, &'a Outcome),
    /// A reindex task advanced (`progress` from 0 to 1 when the server reports it).
    Reindex {
        /// The physical collection.
        collection: &'a str,
        /// The property.
        property: &'a str,
        /// The index.
        index: InvertedIndexKind,
        /// The task's status as the server says it (`indexing`, `pending`, `ready`).
        status: &'a str,
        /// Done fraction, when reported.
        progress: Option<f64>,
    },
    /// A rebuild copied more objects.
    Copy {
        /// The collection copied from.
        from: &'a str,
        /// The collection copied into.
        into: &'a str,
        /// The tenant being copied, in a multi-tenant collection.
        tenant: Option<&'a str>,
        /// Objects copied so far (of this tenant).
        copied: u64,
        /// Objects to copy, when known.
        total: Option<u64>,
    },
    /// Something worth telling in words (a rebuild's phase, a catch-up pass).
    Note(&'a str),
}

/// How one change ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Carried out by this apply.
    Done,
    /// The server already had it (another migrator applied it first); nothing was sent for it.
    AlreadyDone {
        /// What was found.
        detail: String,
    },
    /// Drift: reported only.
    Reported,
}

/// One change and how it ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    /// The change.
    pub change: Change,
    /// How it ended.
    pub outcome: Outcome,
}

/// What apply did, change by change, and what the server still differs in afterwards (empty when
/// the migration converged).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApplyReport {
    /// Every change of the plan, in the order run.
    pub applied: Vec<Applied>,
    /// The plan computed after applying: in sync unless something failed to take effect.
    pub after: Plan,
}

impl ApplyReport {
    /// Whether every change was found done by someone else (this apply sent nothing).
    pub fn was_already_applied(&self) -> bool {
        self.applied
            .iter()
            .all(|a| !matches!(a.outcome, Outcome::Done))
    }
}

/// The part of a change that must still hold when the plan is applied.
fn key(c: &Change) -> (ChangeClass, &str, &str, &Operation) {
    (
        c.class,
        c.collection.as_str(),
        c.what.as_str(),
        &c.operation,
    )
}

pub(crate) async fn run(m: &Migrator, plan: &Plan) -> Result<ApplyReport> {
    let now = m.plan().await?;
    let planned: Vec<_> = plan.pending().map(key).collect();
    let current: Vec<_> = now.pending().map(key).collect();
    if planned != current {
        if now.is_in_sync() {
            let applied = plan
                .changes
                .iter()
                .map(|c| Applied {
                    change: c.clone(),
                    outcome: if c.class == ChangeClass::Drift {
                        Outcome::Reported
                    } else {
                        Outcome::AlreadyDone {
                            detail: "the server already matches the structs: another migrator applied this plan first".to_owned(),
                        }
                    },
                })
                .collect();
            return Ok(ApplyReport {
                applied,
                after: now,
            });
        }
        return Err(Error::Conflict {
            message: format!(
                "the server changed since the plan was made (another migrator, or a change by hand); nothing was applied. Plan again. The plan now is:\n{now}"
            ),
        });
    }
    let blocked: Vec<String> = now
        .blocked()
        .map(|c| {
            format!(
                "{} {}: {} ({})",
                c.class,
                c.collection,
                c.what,
                c.blocked.as_deref().unwrap_or_default()
            )
        })
        .collect();
    if !blocked.is_empty() {
        return Err(Error::invalid(format!(
            "apply refused, nothing was changed: {} change{} {} not allowed as configured:\n  {}",
            blocked.len(),
            if blocked.len() == 1 { "" } else { "s" },
            if blocked.len() == 1 { "is" } else { "are" },
            blocked.join("\n  ")
        )));
    }

    let mut applied = Vec::new();
    let record = |applied: &mut Vec<Applied>, change: &Change, outcome: Outcome| {
        m.emit(&Event::Finished(change, &outcome));
        applied.push(Applied {
            change: change.clone(),
            outcome,
        });
    };

    // 1. Creates (reference properties between new collections are added once all exist).
    let creates: Vec<&Change> = now
        .changes
        .iter()
        .filter(|c| c.class == ChangeClass::Create)
        .collect();
    let new_names: BTreeSet<String> = creates
        .iter()
        .filter_map(|c| match &c.operation {
            Operation::CreateCollection { config, .. } => Some(config.name.clone()),
            _ => None,
        })
        .collect();
    // Collections a rebuild creates: references to them can only be added after the rebuilds.
    let specs = rebuild_order(&now);
    let rebuilt: BTreeSet<String> = specs.iter().map(|s| s.into.clone()).collect();
    let mut held: BTreeSet<String> = new_names.clone();
    held.extend(rebuilt.iter().cloned());
    let mut later = Vec::new();
    for c in &creates {
        m.emit(&Event::Started(c));
        let outcome = in_place::create(m, c, &held, &mut later).await?;
        record(&mut applied, c, outcome);
    }
    let (after_rebuilds, now_ok): (Vec<_>, Vec<_>) = later
        .into_iter()
        .partition(|(_, p)| targets_any(p, &rebuilt));
    in_place::add_later(m, &now_ok).await?;

    // 2. In place: one GET-modify-PUT per collection, then new properties.
    let in_place: Vec<&Change> = now
        .changes
        .iter()
        .filter(|c| {
            c.class == ChangeClass::InPlace && !matches!(c.operation, Operation::Rebuild(_))
        })
        .collect();
    let mut by_class: BTreeMap<&str, Vec<&Change>> = BTreeMap::new();
    for c in &in_place {
        if let Operation::UpdateClass { collection, .. } = &c.operation {
            by_class.entry(collection.as_str()).or_default().push(c);
        }
    }
    for (collection, changes) in &by_class {
        for c in changes {
            m.emit(&Event::Started(c));
        }
        let outcome = in_place::update_class(m, collection, changes).await?;
        for c in changes {
            record(&mut applied, c, outcome.clone());
        }
    }
    let mut deferred = Vec::new();
    for c in &in_place {
        if let Operation::AddProperty { property, .. } = &c.operation {
            if targets_any(property, &rebuilt) {
                deferred.push(*c);
                continue;
            }
            m.emit(&Event::Started(c));
            let outcome = in_place::add_property(m, c).await?;
            record(&mut applied, c, outcome);
        }
    }

    // 3. Reindex tasks, one at a time.
    for c in now.changes.iter().filter(|c| {
        c.class == ChangeClass::Reindex && !matches!(c.operation, Operation::Rebuild(_))
    }) {
        m.emit(&Event::Started(c));
        let outcome = reindex::run(m, c).await?;
        record(&mut applied, c, outcome);
    }

    // 4. Rebuilds, one per collection, reference targets first.
    for spec in &specs {
        let changes: Vec<&Change> = now
            .changes
            .iter()
            .filter(|c| matches!(&c.operation, Operation::Rebuild(s) if s.name == spec.name))
            .collect();
        for c in &changes {
            m.emit(&Event::Started(c));
        }
        let outcome = rebuild::run(m, spec).await?;
        for c in &changes {
            record(&mut applied, c, outcome.clone());
        }
    }

    // 5. References to collections the rebuilds created.
    in_place::add_later(m, &after_rebuilds).await?;
    for c in deferred {
        m.emit(&Event::Started(c));
        let outcome = in_place::add_property(m, c).await?;
        record(&mut applied, c, outcome);
    }

    for c in now.changes.iter().filter(|c| c.class == ChangeClass::Drift) {
        record(&mut applied, c, Outcome::Reported);
    }

    let after = m.plan().await?;
    Ok(ApplyReport { applied, after })
}

/// The rebuild specs of a plan, one per collection, collections whose new config references another
/// rebuilt collection after it.
fn rebuild_order(plan: &Plan) -> Vec<RebuildSpec> {
    let mut specs: Vec<RebuildSpec> = Vec::new();
    for c in &plan.changes {
        if let Operation::Rebuild(spec) = &c.operation {
            if !specs.iter().any(|s| s.name == spec.name) {
                specs.push((**spec).clone());
            }
        }
    }
    let mut ordered: Vec<RebuildSpec> = Vec::new();
    while !specs.is_empty() {
        let ready = specs
            .iter()
            .position(|s| {
                let targets = reference_targets(s);
                !specs
                    .iter()
                    .any(|o| o.name != s.name && targets.contains(&o.into))
            })
            .unwrap_or(0);
        ordered.push(specs.remove(ready));
    }
    ordered
}

/// Whether `property` is a reference to one of `collections`.
fn targets_any(property: &crate::schema::Property, collections: &BTreeSet<String>) -> bool {
    matches!(&property.data_type, crate::schema::DataType::Reference(ts) if ts.iter().any(|t| collections.contains(t)))
}

fn reference_targets(spec: &RebuildSpec) -> BTreeSet<String> {
    spec.config
        .properties
        .iter()
        .filter_map(|p| match &p.data_type {
            crate::schema::DataType::Reference(t) => Some(t.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}
