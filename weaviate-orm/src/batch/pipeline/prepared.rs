//! Items made ready to send: [`Prepared`] objects and references with their wire form and framed size,
//! and the two [`Kind`]s of item a batch request carries.

use std::future::Future;

use prost::Message;
use uuid::Uuid;

use super::context::Ctx;
use crate::batch::item::{BatchItem, BatchReference};
use crate::batch::report::{BatchError, BatchErrorKind, BatchReport, ReferenceError};
use crate::error::Result;
use crate::wire::v1 as pb;

/// One kind of item a batch request carries: objects (`BatchObjects`) or references
/// (`BatchReferences`). The retry loop and the request window are generic over it.
pub(crate) trait Kind: Sized + Send + Sync + 'static {
    /// The wire form of one item.
    type Wire: Message + Clone + Send + Sync + 'static;
    /// What the report names about an item besides its input index.
    type About: Send + Sync;
    /// How the report lists an item that was not stored.
    type Failure: Send;

    /// The report's entry for `item`.
    fn failure(item: Prepared<Self>, kind: BatchErrorKind, message: String) -> Self::Failure;

    /// Adds failures to the report.
    fn record(report: &mut BatchReport, failures: Vec<Self::Failure>);

    /// Adds `read` items read from the input to the report's count.
    fn count(report: &mut BatchReport, read: usize);

    /// Sends one request of `items`; the reply's per-item errors as (index in `items`, message).
    /// `first` says whether this is the request's first attempt (it may then move the request rather
    /// than keep a copy for retries).
    fn call(
        ctx: &Ctx,
        items: Vec<Self::Wire>,
        first: bool,
    ) -> impl Future<Output = Result<Vec<(i32, String)>>> + Send;
}

/// An item ready to send: its input index, what the report names about it, its wire form and the bytes
/// it adds to a request.
pub(crate) struct Prepared<K: Kind> {
    pub(crate) index: usize,
    pub(crate) about: K::About,
    pub(crate) wire: K::Wire,
    /// Bytes it adds to a request (field tag, length, body).
    pub(crate) size: usize,
    /// Times it was sent.
    pub(crate) attempts: u32,
}

impl<K: Kind> Prepared<K> {
    pub(crate) fn new(index: usize, about: K::About, wire: K::Wire) -> Self {
        Prepared {
            index,
            about,
            size: framed_len(wire.encoded_len()),
            wire,
            attempts: 0,
        }
    }

    /// The report's entry for this item.
    pub(crate) fn fail(self, kind: BatchErrorKind, message: impl Into<String>) -> K::Failure {
        K::failure(self, kind, message.into())
    }
}

/// Bytes a length-delimited field of `len` bytes takes in its message.
pub(crate) fn framed_len(len: usize) -> usize {
    1 + prost::encoding::encoded_len_varint(len as u64) + len
}

/// Objects, sent with `BatchObjects`; the report names them by id.
pub(crate) struct Objects;

impl Kind for Objects {
    type Wire = pb::BatchObject;
    type About = Uuid;
    type Failure = BatchError;

    fn failure(item: Prepared<Self>, kind: BatchErrorKind, message: String) -> BatchError {
        BatchError {
            index: item.index,
            id: item.about,
            kind,
            message,
            attempts: item.attempts,
        }
    }

    fn record(report: &mut BatchReport, failures: Vec<BatchError>) {
        report.errors.extend(failures);
    }

    fn count(report: &mut BatchReport, read: usize) {
        report.objects += read;
    }

    async fn call(
        ctx: &Ctx,
        objects: Vec<pb::BatchObject>,
        first: bool,
    ) -> Result<Vec<(i32, String)>> {
        let request = pb::BatchObjectsRequest {
            objects,
            consistency_level: ctx.consistency,
        };
        // The first attempt moves the request (no copy); retries, rare, go through the transport's
        // generic call.
        let reply = if first {
            ctx.grpc.batch_objects_owned(request, ctx.timeout).await?
        } else {
            ctx.grpc.batch_objects(request, ctx.timeout).await?
        };
        Ok(reply
            .errors
            .into_iter()
            .map(|e| (e.index, e.error))
            .collect())
    }
}

/// References, sent with `BatchReferences`; the report names their source, property and target.
pub(crate) struct References;

impl Kind for References {
    type Wire = pb::BatchReference;
    type About = BatchReference;
    type Failure = ReferenceError;

    fn failure(item: Prepared<Self>, kind: BatchErrorKind, message: String) -> ReferenceError {
        reference_error(item.index, item.about, kind, message, item.attempts)
    }

    fn record(report: &mut BatchReport, failures: Vec<ReferenceError>) {
        report.reference_errors.extend(failures);
    }

    fn count(report: &mut BatchReport, read: usize) {
        report.references += read;
    }

    async fn call(
        ctx: &Ctx,
        references: Vec<pb::BatchReference>,
        _first: bool,
    ) -> Result<Vec<(i32, String)>> {
        let request = pb::BatchReferencesRequest {
            references,
            consistency_level: ctx.consistency,
        };
        let reply = ctx.grpc.batch_references(request, ctx.timeout).await?;
        Ok(reply
            .errors
            .into_iter()
            .map(|e| (e.index, e.error))
            .collect())
    }
}

fn reference_error(
    index: usize,
    reference: BatchReference,
    kind: BatchErrorKind,
    message: String,
    attempts: u32,
) -> ReferenceError {
    ReferenceError {
        index,
        from_id: reference.from_id,
        property: reference.property,
        to_id: reference.to.id,
        kind,
        message,
        attempts,
    }
}

impl Prepared<Objects> {
    /// The object's id.
    pub(crate) fn id(&self) -> Uuid {
        self.about
    }
}

impl Ctx {
    /// Gives the item its id, encodes it and fills the defaults; a failure is the item's error.
    pub(crate) fn prepare_object<T: BatchItem>(
        &self,
        index: usize,
        item: T,
    ) -> std::result::Result<Prepared<Objects>, BatchError> {
        let id = item.id().unwrap_or_else(Uuid::new_v4);
        let fail = |kind, message: String| BatchError {
            index,
            id,
            kind,
            message,
            attempts: 0,
        };
        let mut object = item
            .encode(id)
            .map_err(|e| fail(BatchErrorKind::of(&e), e.to_string()))?
            .wire;
        if object.collection.is_empty() {
            match &self.collection {
                Some(c) => object.collection.clone_from(c),
                None => {
                    return Err(fail(
                        BatchErrorKind::Invalid,
                        "the object names no collection: import (collection, object) pairs or set Importer::collection".into(),
                    ));
                }
            }
        }
        if object.tenant.is_empty() {
            if let Some(t) = &self.tenant {
                object.tenant.clone_from(t);
            }
        }
        let prepared = Prepared::new(index, id, object);
        if prepared.size > self.max_bytes {
            return Err(fail(
                BatchErrorKind::TooLarge,
                format!(
                    "the object is {} bytes on the wire, more than the {} bytes a request may carry (the server's gRPC max message size)",
                    prepared.size, self.max_bytes
                ),
            ));
        }
        Ok(prepared)
    }

    /// Checks and encodes a reference with the default tenant; a failure is the reference's error.
    pub(crate) fn prepare_reference(
        &self,
        index: usize,
        reference: BatchReference,
    ) -> std::result::Result<Prepared<References>, ReferenceError> {
        match reference.to_wire(self.tenant.as_deref()) {
            Ok(wire) => Ok(Prepared::new(index, reference, wire)),
            Err(e) => Err(reference_error(
                index,
                reference,
                BatchErrorKind::of(&e),
                e.to_string(),
                0,
            )),
        }
    }
}
