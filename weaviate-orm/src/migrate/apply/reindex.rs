//! Reindex steps: drop an index, or submit an index task and wait for it with progress.

use super::{Event, Outcome};
use crate::collections::{IndexChange, IndexTask};
use crate::error::Result;
use crate::migrate::Migrator;
use crate::migrate::change::{Change, Operation};

pub(super) async fn run(m: &Migrator, change: &Change) -> Result<Outcome> {
    let client = m.client();
    match &change.operation {
        Operation::DropIndex {
            collection,
            property,
            index,
        } => {
            client
                .collections()
                .indexes(collection)
                .drop(property, *index)
                .await?;
            Ok(Outcome::Done)
        }
        Operation::UpsertIndex {
            collection,
            property,
            index,
            tokenization,
            algorithm,
        } => {
            let indexes = client.collections().indexes(collection);
            let request = IndexChange {
                tokenization: tokenization.clone(),
                algorithm: algorithm.clone(),
                tenants: Vec::new(),
            };
            match indexes.upsert(property, *index, &request).await? {
                IndexTask::NoOp => {
                    return Ok(Outcome::AlreadyDone {
                        detail: format!(
                            "the server reports the {index} index of {collection}.{property} already as asked"
                        ),
                    });
                }
                IndexTask::Started { task_id } | IndexTask::Cancelled { task_id } => {
                    m.emit(&Event::Note(&format!(
                        "reindex task {task_id} on {collection}.{property} ({index})"
                    )));
                }
            }
            indexes
                .wait(property, *index, m.options().reindex_timeout, |s| {
                    m.emit(&Event::Reindex {
                        collection,
                        property,
                        index: *index,
                        status: s.status.as_str(),
                        progress: s.progress,
                    });
                })
                .await?;
            Ok(Outcome::Done)
        }
        _ => Ok(Outcome::Done),
    }
}
