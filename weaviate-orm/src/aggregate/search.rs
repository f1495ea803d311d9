//! What an aggregation runs over: every object ([`OverAll`]) or the matches of a search. The
//! searches are the query layer's own operators ([`NearVector`], [`NearObject`], [`NearText`],
//! [`Bm25`], [`Hybrid`]): each builds its wire message exactly as a search does, and
//! [`search_of`] moves it into the aggregate request, so an operator added to the query layer
//! has one arm there and an `AggregateOperator` impl (near_image and near_media: [`NearMedia`]).

use std::fmt;

use crate::error::{Error, Result};
use crate::query::{Bm25, Hybrid, NearMedia, NearObject, NearText, NearVector, Operator};
use crate::sealed::Sealed;
use crate::wire::v1 as pb;
use pb::aggregate_request::Search as Wire;

/// Aggregate over every object of the collection (or those matching the
/// [`filter`](super::Aggregation::filter)), without a search.
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// let all = client.collection("Article").aggregate().over_all().total_count().await?;
/// println!("{:?} articles", all.total_count);
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OverAll;

/// What an aggregation runs over: [`OverAll`] or a search operator. Implemented by this crate.
pub trait AggregateOperator: Sealed + Clone + fmt::Debug + Send + Sync + 'static {
    /// The search in its wire form (`None`: over all objects).
    #[doc(hidden)]
    fn __search(&self) -> Result<Option<Wire>>;
}

/// The operators that search (all but [`OverAll`]): they take
/// [`object_limit`](super::Aggregation::object_limit).
pub trait AggregateSearch: AggregateOperator {}

impl AggregateOperator for OverAll {
    fn __search(&self) -> Result<Option<Wire>> {
        Ok(None)
    }
}

/// Builds the operator's search message as a search would, and takes it out of the search request.
fn via_search(operator: &impl Operator) -> Result<Option<Wire>> {
    let mut scratch = pb::SearchRequest::default();
    operator.__apply(&mut scratch)?;
    search_of(scratch).map(Some)
}

/// The search of a search request as the aggregate request's search. BM25 has no place of its own
/// there: it is sent as a hybrid search with alpha 0 (keyword ranking only, no vector search).
pub(crate) fn search_of(r: pb::SearchRequest) -> Result<Wire> {
    let found = [
        r.hybrid_search.map(Wire::Hybrid),
        r.bm25_search.map(|k| Wire::Hybrid(keyword_only(k))),
        r.near_vector.map(Wire::NearVector),
        r.near_object.map(Wire::NearObject),
        r.near_text.map(Wire::NearText),
        r.near_image.map(Wire::NearImage),
        r.near_audio.map(Wire::NearAudio),
        r.near_video.map(Wire::NearVideo),
        r.near_depth.map(Wire::NearDepth),
        r.near_thermal.map(Wire::NearThermal),
        r.near_imu.map(Wire::NearImu),
    ];
    found
        .into_iter()
        .flatten()
        .next()
        .ok_or_else(|| Error::invalid("the search operator built no search"))
}

fn keyword_only(k: pb::Bm25) -> pb::Hybrid {
    #[allow(deprecated)]
    pb::Hybrid {
        query: k.query,
        properties: k.properties,
        alpha_param: Some(0.0),
        use_alpha_param: true,
        bm25_search_operator: k.search_operator,
        ..Default::default()
    }
}

macro_rules! searches {
    ($($op:ty),+) => {$(
        impl AggregateOperator for $op {
            fn __search(&self) -> Result<Option<Wire>> {
                via_search(self)
            }
        }
        impl AggregateSearch for $op {}
    )+};
}

searches!(NearVector, NearObject, NearText, NearMedia, Bm25, Hybrid);

/// What the server needs of a search before it aggregates: one target vector at most, and for
/// vector searches an object limit or a certainty / distance ("must provide certainty or
/// objectLimit with vector search"); a hybrid search without a vector of its own vectorizes its
/// query, so it needs the same.
pub(crate) fn check_search(search: &Wire, object_limit: Option<u32>) -> Result<()> {
    let (what, targets, threshold) = match search {
        Wire::NearVector(s) => ("near_vector", &s.targets, s.certainty.or(s.distance)),
        Wire::NearObject(s) => ("near_object", &s.targets, s.certainty.or(s.distance)),
        Wire::NearText(s) => ("near_text", &s.targets, s.certainty.or(s.distance)),
        Wire::NearImage(s) => ("near_image", &s.targets, s.certainty.or(s.distance)),
        Wire::NearAudio(s) => ("near_audio", &s.targets, s.certainty.or(s.distance)),
        Wire::NearVideo(s) => ("near_video", &s.targets, s.certainty.or(s.distance)),
        Wire::NearDepth(s) => ("near_depth", &s.targets, s.certainty.or(s.distance)),
        Wire::NearThermal(s) => ("near_thermal", &s.targets, s.certainty.or(s.distance)),
        Wire::NearImu(s) => ("near_imu", &s.targets, s.certainty.or(s.distance)),
        Wire::Hybrid(h) => {
            let sub = h
                .near_vector
                .as_ref()
                .and_then(|n| n.certainty.or(n.distance))
                .or_else(|| {
                    h.near_text
                        .as_ref()
                        .and_then(|n| n.certainty.or(n.distance))
                });
            let own_vector = !h.vectors.is_empty();
            let threshold = h.threshold.is_some() || sub.is_some() || own_vector;
            let what = if h.alpha_param == Some(0.0) {
                "bm25"
            } else {
                "hybrid"
            };
            (what, &h.targets, threshold.then_some(0.0))
        }
    };
    if let (Some(d), None) = (vector_distance(search), object_limit) {
        if !(0.0..2.0).contains(&d) {
            return Err(Error::invalid(format!(
                "{what}: the server reads a distance as the certainty 1 - d/2, so it takes \
                 distances from 0 to below 2 (cosine), got {d}; give an object_limit instead"
            )));
        }
    }
    if let Some(t) = targets {
        if t.target_vectors.len() > 1 {
            return Err(Error::invalid(format!(
                "{what}: an aggregation searches one target vector, got {:?}",
                t.target_vectors
            )));
        }
    }
    if object_limit.is_none() && threshold.is_none() {
        let or = if what == "bm25" {
            ""
        } else {
            " (or a certainty / distance)"
        };
        return Err(Error::invalid(format!(
            "{what}: an aggregation over a search needs an object_limit{or}"
        )));
    }
    Ok(())
}

/// The distance of a vector search's threshold, if it has one.
fn vector_distance(search: &Wire) -> Option<f64> {
    match search {
        Wire::NearVector(s) => s.distance,
        Wire::NearObject(s) => s.distance,
        Wire::NearText(s) => s.distance,
        Wire::NearImage(s) => s.distance,
        Wire::NearAudio(s) => s.distance,
        Wire::NearVideo(s) => s.distance,
        Wire::NearDepth(s) => s.distance,
        Wire::NearThermal(s) => s.distance,
        Wire::NearImu(s) => s.distance,
        _ => None,
    }
}

/// Weaviate 1.39 runs the keyword part of an aggregation's hybrid (and so BM25) search without the
/// filter (`BM25F(ctx, nil, ..)` in `aggregator/hybrid.go`), so a filter would be silently ignored
/// for the keyword matches: refused. A hybrid search of alpha 1 (vector only) takes filters.
pub(crate) fn check_filter(search: Option<&Wire>, filtered: bool) -> Result<()> {
    if let (true, Some(Wire::Hybrid(h))) = (filtered, search) {
        if !h.query.is_empty() && h.alpha_param != Some(1.0) {
            let what = if h.alpha_param == Some(0.0) {
                "bm25"
            } else {
                "hybrid"
            };
            return Err(Error::invalid(format!(
                "{what}: Weaviate applies no filter to the keyword matches of an aggregation, so \
                 a filtered {what} aggregation would count unfiltered objects; aggregate over_all \
                 with the filter, or a vector search"
            )));
        }
    }
    Ok(())
}

/// Weaviate 1.39 computes reference statistics (`pointing_to`) only on its filtered path (a filter
/// or a search); over all objects it leaves them out ("handled outside the repo" in
/// `aggregator/unfiltered.go`), which would read as "points to nothing": refused.
pub(crate) fn check_references(
    aggregations: &[pb::aggregate_request::Aggregation],
    search: Option<&Wire>,
    filtered: bool,
) -> Result<()> {
    use pb::aggregate_request::aggregation::Aggregation as Req;
    if search.is_some() || filtered {
        return Ok(());
    }
    match aggregations
        .iter()
        .find(|a| matches!(a.aggregation, Some(Req::Reference(_))))
    {
        Some(a) => Err(Error::invalid(format!(
            "`{}`: Weaviate computes pointing_to only for a filtered or searched aggregation; \
             add a filter (one every object matches, if all are meant)",
            a.property
        ))),
        None => Ok(()),
    }
}
