//! Copying objects: read from the old collection with the cursor (or by ids), write into the new one
//! with the batch importer, objects first and their references after them.

use std::collections::BTreeMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

use futures_util::future::BoxFuture;
use futures_util::{StreamExt, TryStreamExt, future, stream};
use uuid::Uuid;

use super::Ctx;
use crate::batch::{BatchItem, BatchReference, BatchReport, EncodedObject};
use crate::collection::Collection;
use crate::data::{NewObject, Object};
use crate::error::{Error, Result};
use crate::migrate::apply::Event;
use crate::query::{FetchObjects, MetadataQuery, ResultStream};

/// Objects per page read from the old collection (with their properties and vectors).
pub(super) const PAGE: u32 = 500;
/// References sent per `BatchReferences` round.
const REFERENCES_PER_ROUND: usize = 2_000;

/// An object on its way into the new collection, or why it cannot go (reported by the importer
/// with the object's id like a refusal of the server).
enum Item {
    Object(NewObject),
    Refused { id: Uuid, message: String },
}

impl BatchItem for Item {
    fn id(&self) -> Option<Uuid> {
        match self {
            Item::Object(o) => o.id,
            Item::Refused { id, .. } => Some(*id),
        }
    }

    fn encode(self, id: Uuid) -> Result<EncodedObject> {
        match self {
            Item::Object(o) => o.encode(id),
            Item::Refused { message, .. } => Err(Error::invalid(message)),
        }
    }
}

/// What to read of each object.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Read {
    /// The copied properties and every vector.
    Objects,
    /// The reference properties' target ids only.
    References,
}

impl Ctx<'_> {
    fn search(&self, collection: Collection, read: Read) -> FetchObjects {
        let fetch = collection.query().fetch_objects();
        match read {
            Read::Objects => fetch
                .properties_request(self.map.request.clone())
                .include_vector()
                .return_metadata(MetadataQuery::default().update_time()),
            Read::References => self
                .map
                .reference_requests()
                .into_iter()
                .fold(fetch.return_properties(Vec::<String>::new()), |f, r| {
                    f.return_references(r)
                }),
        }
    }

    /// Every object of the old collection (of `tenant`), one page at a time with the cursor. A page
    /// the server cannot send in one gRPC message (very long multi-vectors) is read again in halves.
    pub(super) fn read_all(&self, tenant: Option<&str>, read: Read) -> ResultStream<Object> {
        let search = self.search(self.source(tenant), read);
        let pages = stream::try_unfold(Some((None::<Uuid>, PAGE)), move |state| {
            let search = search.clone();
            async move {
                let Some((after, mut size)) = state else {
                    return Ok(None);
                };
                loop {
                    let mut page = search.clone().limit(size);
                    if let Some(a) = after {
                        page = page.after(a);
                    }
                    match page.run_list().await {
                        Ok(objects) => {
                            let next = match objects.last() {
                                Some(last) if objects.len() >= size as usize => {
                                    Some((Some(last.id), size))
                                }
                                _ => None,
                            };
                            return Ok(Some((objects, next)));
                        }
                        Err(e) if size > 1 && too_large(&e) => size /= 2,
                        Err(e) => return Err(e),
                    }
                }
            }
        });
        pages
            .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// The objects of the old collection with these ids (those that still exist), a page at a time.
    pub(super) fn read_ids(
        &self,
        tenant: Option<&str>,
        ids: Vec<Uuid>,
        read: Read,
    ) -> ResultStream<Object> {
        let search = self.search(self.source(tenant), read);
        let chunks: Vec<Vec<Uuid>> = ids.chunks(PAGE as usize).map(<[Uuid]>::to_vec).collect();
        stream::iter(chunks)
            .then(move |chunk| by_ids(search.clone(), chunk))
            .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// Writes `objects` (read with [`Read::Objects`]) into the new collection; returns how many were
    /// stored. Any object that is not stored fails the rebuild with the importer's messages.
    pub(super) async fn write_objects(
        &self,
        tenant: Option<&str>,
        objects: ResultStream<Object>,
        total: Option<u64>,
    ) -> Result<u64> {
        let read_error: Arc<Mutex<Option<Error>>> = Arc::default();
        let slot = read_error.clone();
        let map = self.map.clone();
        let items = objects
            .map(move |r| match r {
                Ok(o) => Some(match map.object(&o) {
                    Ok(object) => Item::Object(object),
                    Err(message) => Item::Refused { id: o.id, message },
                }),
                Err(e) => {
                    if let Ok(mut s) = slot.lock() {
                        *s = Some(e);
                    }
                    None
                }
            })
            .take_while(|item| future::ready(item.is_some()))
            .filter_map(future::ready);
        let m = self.m.clone();
        let (from, into) = (self.spec.from.clone(), self.spec.into.clone());
        let owned_tenant = tenant.map(str::to_owned);
        let mut importer = self
            .m
            .client()
            .importer()
            .collection(&self.spec.into)
            .on_progress(move |p| {
                m.emit(&Event::Copy {
                    from: &from,
                    into: &into,
                    tenant: owned_tenant.as_deref(),
                    copied: p.succeeded as u64,
                    total,
                });
            });
        if let Some(t) = tenant {
            importer = importer.tenant(t);
        }
        let report = importer.import_stream(items).await?;
        if let Some(e) = read_error.lock().ok().and_then(|mut s| s.take()) {
            return Err(e);
        }
        self.check_objects(tenant, &report)?;
        Ok(report.succeeded() as u64)
    }

    /// Adds the references of `objects` (read with [`Read::References`]) to their copies. Returns
    /// the references that were refused, by source object: the caller decides whether they are
    /// retried (a source object copied after the objects were read, a target not copied yet) or fail
    /// the rebuild.
    pub(super) async fn write_references(
        &self,
        tenant: Option<&str>,
        mut objects: ResultStream<Object>,
    ) -> Result<BTreeMap<Uuid, String>> {
        let mut refused = BTreeMap::new();
        let mut round: Vec<BatchReference> = Vec::new();
        loop {
            let next = objects.try_next().await?;
            if let Some(o) = &next {
                match self.map.references(o, &self.spec.into, tenant) {
                    Ok(refs) => round.extend(refs),
                    Err(message) => {
                        refused.insert(o.id, message);
                    }
                }
            }
            if round.len() >= REFERENCES_PER_ROUND || (next.is_none() && !round.is_empty()) {
                let mut importer = self.m.client().importer();
                if let Some(t) = tenant {
                    importer = importer.tenant(t);
                }
                let report = importer
                    .import_references(std::mem::take(&mut round))
                    .await?;
                if let Some(a) = &report.aborted {
                    return Err(self.failed(format!(
                        "adding references to {}{} stopped: {}",
                        self.spec.into,
                        in_tenant(tenant),
                        a.message
                    )));
                }
                for e in report.reference_errors {
                    refused.entry(e.from_id).or_insert_with(|| {
                        format!("reference `{}` to {}: {}", e.property, e.to_id, e.message)
                    });
                }
            }
            if next.is_none() {
                return Ok(refused);
            }
        }
    }

    fn check_objects(&self, tenant: Option<&str>, report: &BatchReport) -> Result<()> {
        if report.errors.is_empty() && report.aborted.is_none() {
            return Ok(());
        }
        let mut message = String::new();
        if !report.errors.is_empty() {
            let shown: Vec<String> = report
                .errors
                .iter()
                .take(10)
                .map(|e| format!("{}: {}", e.id, e.message))
                .collect();
            message.push_str(&format!(
                "{} object{} of {}{} {} not copied into {}: {}{}",
                report.errors.len(),
                if report.errors.len() == 1 { "" } else { "s" },
                self.spec.from,
                in_tenant(tenant),
                if report.errors.len() == 1 {
                    "was"
                } else {
                    "were"
                },
                self.spec.into,
                shown.join("; "),
                if report.errors.len() > shown.len() {
                    format!("; and {} more", report.errors.len() - shown.len())
                } else {
                    String::new()
                }
            ));
        }
        if let Some(a) = &report.aborted {
            if !message.is_empty() {
                message.push_str("; ");
            }
            message.push_str(&format!("the copy stopped: {}", a.message));
        }
        Err(self.failed(message))
    }

    /// The rebuild failed: before the switch the old collection is untouched, the name still
    /// points at it, and the new collection is left for inspection; after it, the name reads the
    /// new collection and the old one is kept.
    pub(super) fn failed(&self, what: String) -> Error {
        let (name, from, into) = (&self.spec.name, &self.spec.from, &self.spec.into);
        let state = if self.switched.load(Ordering::Relaxed) {
            format!("The switch had happened: {name} reads {into}; {from} is kept for comparison")
        } else {
            format!(
                "Nothing was switched: {from} is untouched and {name} still reads it. {into} is left as it is: inspect it, or delete it and plan again"
            )
        };
        Error::Failed {
            operation: format!("rebuild of {name} ({from} -> {into})"),
            status: "FAILED".to_owned(),
            message: format!("{what}. {state}"),
        }
    }
}

/// The objects with `ids`; a reply too large for one gRPC message is asked for in halves.
fn by_ids(search: FetchObjects, ids: Vec<Uuid>) -> BoxFuture<'static, Result<Vec<Object>>> {
    Box::pin(async move {
        match search.clone().by_ids(ids.clone()).run_list().await {
            Err(e) if ids.len() > 1 && too_large(&e) => {
                let (a, b) = ids.split_at(ids.len() / 2);
                let mut first = by_ids(search.clone(), a.to_vec()).await?;
                first.extend(by_ids(search, b.to_vec()).await?);
                Ok(first)
            }
            other => other,
        }
    })
}

/// Whether a search failed because its reply exceeds the gRPC message size (either side's limit).
fn too_large(e: &Error) -> bool {
    let text = e.to_string();
    text.contains("larger than max") || text.contains("message length too large")
}

/// ` (tenant t)` or nothing.
pub(super) fn in_tenant(tenant: Option<&str>) -> String {
    tenant.map(|t| format!(" (tenant {t})")).unwrap_or_default()
}

/// The first refused references as one line.
pub(super) fn list_refused(refused: &BTreeMap<Uuid, String>) -> String {
    let shown: Vec<String> = refused
        .iter()
        .take(10)
        .map(|(id, m)| format!("{id}: {m}"))
        .collect();
    let more = refused.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{}; and {more} more", shown.join("; "))
    } else {
        shown.join("; ")
    }
}
