//! Search replies to [`Object`]s.

use chrono::DateTime;
use uuid::Uuid;

use crate::data::{Metadata, Object};
use crate::encoding::{grpc_values, vectors};
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// The id of a result: from its bytes when present, else from its string.
pub(crate) fn result_id(meta: &pb::MetadataResult) -> Result<Uuid> {
    if meta.id_as_bytes.len() == 16 {
        return Uuid::from_slice(&meta.id_as_bytes)
            .map_err(|e| Error::decode(format!("result id: {e}")));
    }
    Uuid::parse_str(&meta.id).map_err(|e| Error::decode(format!("result id `{}`: {e}", meta.id)))
}

pub(crate) fn metadata(meta: &pb::MetadataResult) -> Metadata {
    let time = |present: bool, ms: i64| {
        if present {
            DateTime::from_timestamp_millis(ms)
        } else {
            None
        }
    };
    Metadata {
        creation_time: time(meta.creation_time_unix_present, meta.creation_time_unix),
        update_time: time(
            meta.last_update_time_unix_present,
            meta.last_update_time_unix,
        ),
        distance: meta.distance_present.then_some(meta.distance),
        certainty: meta.certainty_present.then_some(meta.certainty),
        score: meta.score_present.then_some(meta.score),
        explain_score: meta
            .explain_score_present
            .then(|| meta.explain_score.clone()),
        is_consistent: if meta.is_consistent_present {
            meta.is_consistent
        } else {
            None
        },
        rerank_score: meta.rerank_score_present.then_some(meta.rerank_score),
    }
}

/// One search result as an untyped object of `collection`.
pub(crate) fn object(
    result: &pb::SearchResult,
    collection: &str,
    tenant: Option<&str>,
) -> Result<Object> {
    let meta = result
        .metadata
        .as_ref()
        .ok_or_else(|| Error::decode("search result without metadata"))?;
    let id = result_id(meta)?;
    let in_object = |e| match e {
        Error::Decode { message } => Error::decode(format!("object {id}: {message}")),
        e => e,
    };
    let mut properties = match result
        .properties
        .as_ref()
        .and_then(|p| p.non_ref_props.as_ref())
    {
        Some(props) => grpc_values::properties_to_json(props).map_err(in_object)?,
        None => Default::default(),
    };
    if let Some(p) = &result.properties {
        super::references::references_to_json(&p.ref_props, &mut properties).map_err(in_object)?;
    }
    let collection = result
        .properties
        .as_ref()
        .map(|p| p.target_collection.as_str())
        .filter(|c| !c.is_empty())
        .unwrap_or(collection)
        .to_owned();
    Ok(Object {
        id,
        collection,
        properties,
        vectors: vectors::from_result(meta)?,
        tenant: tenant.map(str::to_owned),
        metadata: metadata(meta),
    })
}
