//! Reindex steps: drop an index, or submit an index task and wait for it with progress.

use super::{Event, Outcome};
use crate::error::Result;
use crate::migrate::Migrator;
use crate::migrate::change::{Change, Operation};
use crate::migrate::engine_stub;

pub(super) async fn run(m: &Migrator, change: &Change) -> Result<Outcome> {
    let client = m.client();
    match &change.operation {
        Operation::DropIndex {
            collection,
            property,
            index,
        } => {
            engine_stub::drop_index(client, collection, property, *index).await?;
            Ok(Outcome::Done)
        }
        Operation::UpsertIndex {
            collection,
            property,
            index,
            tokenization,
            algorithm,
        } => {
            let task = engine_stub::upsert_index(
                client,
                collection,
                property,
                *index,
                tokenization.clone(),
                algorithm.clone(),
            )
            .await?;
            if task.is_none() {
                return Ok(Outcome::AlreadyDone {
                    detail: "the server reports the index already as asked (NO_OP)".to_owned(),
                });
            }
            engine_stub::wait_index(
                client,
                collection,
                property,
                *index,
                m.options().reindex_timeout,
                |status, progress| {
                    m.emit(&Event::Reindex {
                        collection,
                        property,
                        index: *index,
                        status,
                        progress,
                    });
                },
            )
            .await?;
            Ok(Outcome::Done)
        }
        _ => Ok(Outcome::Done),
    }
}
