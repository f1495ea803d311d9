//! Batch writes over gRPC `BatchObjects`: a list of objects in one request, with a per-object report.

mod report;

pub use report::{BatchError, BatchReport};

use std::time::Instant;

use uuid::Uuid;

use crate::collection::Collection;
use crate::data::NewObject;
use crate::encoding::{grpc_values, vectors};
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// Batch operations on one collection. Get it with [`Collection::batch`].
#[derive(Clone, Debug)]
pub struct Batch {
    collection: Collection,
}

impl Collection {
    /// Batch operations on this collection.
    pub fn batch(&self) -> Batch {
        Batch {
            collection: self.clone(),
        }
    }
}

impl Batch {
    /// Inserts the objects in one `BatchObjects` request and reports, for each input index, its id and
    /// whether it was stored. Objects refused before sending (e.g. a NaN in a vector) are in the report
    /// with index and message like those the server refused; the others are sent.
    ///
    /// Objects without an id get a random one, so the report names every object. An existing id is
    /// overwritten (upsert), as in every Weaviate batch.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use serde_json::json;
    /// use weaviate_orm::data::NewObject;
    ///
    /// let objects = (0..100).map(|i| NewObject::new(json!({"title": format!("#{i}")})).unwrap());
    /// let report = client.collection("Article").batch().insert_many(objects).await?;
    /// for failed in &report.errors {
    ///     eprintln!("object {} ({}): {}", failed.index, failed.id, failed.message);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn insert_many<I>(&self, objects: I) -> Result<BatchReport>
    where
        I: IntoIterator<Item = NewObject>,
    {
        self.collection.check()?;
        let started = Instant::now();
        let mut ids = Vec::new();
        let mut errors = Vec::new();
        let mut wire = Vec::new();
        // index in `wire` -> index in the input
        let mut sent_index = Vec::new();
        for (index, object) in objects.into_iter().enumerate() {
            let id = object.id.unwrap_or_else(Uuid::new_v4);
            ids.push(id);
            if let Err(e) = object.validate() {
                errors.push(BatchError {
                    index,
                    id,
                    message: e.to_string(),
                });
                continue;
            }
            wire.push(self.to_proto(&object, id));
            sent_index.push(index);
        }
        if !wire.is_empty() {
            let request = pb::BatchObjectsRequest {
                objects: wire,
                consistency_level: self.collection.consistency.map(|c| c.as_grpc()),
            };
            let client = &self.collection.client;
            let reply = client
                .grpc()
                .batch_objects(request, client.timeouts().insert_timeout())
                .await?;
            for e in reply.errors {
                let index = usize::try_from(e.index)
                    .ok()
                    .and_then(|i| sent_index.get(i).copied())
                    .ok_or_else(|| {
                        Error::decode(format!(
                            "batch reply names object {} which was not sent",
                            e.index
                        ))
                    })?;
                errors.push(BatchError {
                    index,
                    id: ids[index],
                    message: e.error,
                });
            }
        }
        errors.sort_by_key(|e| e.index);
        Ok(BatchReport {
            ids,
            errors,
            elapsed: started.elapsed(),
        })
    }

    fn to_proto(&self, object: &NewObject, id: Uuid) -> pb::BatchObject {
        pb::BatchObject {
            uuid: id.to_string(),
            properties: Some(pb::batch_object::Properties {
                non_ref_properties: Some(grpc_values::json_to_struct(&object.properties)),
                ..Default::default()
            }),
            collection: self.collection.name.clone(),
            tenant: self.collection.tenant.clone().unwrap_or_default(),
            vector_bytes: object
                .vectors
                .default
                .as_deref()
                .map(vectors::f32_bytes)
                .unwrap_or_default(),
            vectors: vectors::to_proto(&object.vectors.named),
            ..Default::default()
        }
    }
}
