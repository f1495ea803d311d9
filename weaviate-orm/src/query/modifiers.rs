//! The request-level modifiers of Weaviate 1.37 to 1.39 (MMR selection, boost, query profile)
//! kept beside the builder's options, put into the request after the operator, and the version
//! gates of everything a built request uses.

use crate::client::Client;
use crate::error::{Error, Result};
use crate::version::Version;
use crate::wire::v1 as pb;

/// Query profiles: Weaviate 1.37.
pub(crate) const PROFILE_SINCE: Version = Version::new(1, 37, 0);
/// MMR selection and boost. The 1.39 protocol is the first this crate knows with them; an older
/// server ignores the fields it does not know, so the results would silently not be diversified
/// or boosted.
pub(crate) const MMR_SINCE: Version = Version::new(1, 39, 0);
/// See [`MMR_SINCE`].
pub(crate) const BOOST_SINCE: Version = Version::new(1, 39, 0);
/// The BM25 `and_cross` operator: Weaviate 1.39.
pub(crate) const AND_CROSS_SINCE: Version = Version::new(1, 39, 0);

/// What [`Search::diversify`](super::Search::diversify), [`Search::boost`](super::Search::boost)
/// and [`Search::profiled`](super::Search::profiled) asked for.
#[derive(Clone, Debug, Default)]
pub(crate) struct Extras {
    pub(crate) selection: Option<super::diversity::Mmr>,
    pub(crate) boost: Option<super::boost::Boost<()>>,
    pub(crate) profile: bool,
}

impl Extras {
    /// Puts the modifiers into `request`, whose operator is already applied.
    pub(crate) fn apply(&self, request: &mut pb::SearchRequest) -> Result<()> {
        if let Some(mmr) = &self.selection {
            let selection = Some(mmr.to_proto(request.limit)?);
            if let Some(m) = request.near_vector.as_mut() {
                m.selection = selection;
            } else if let Some(m) = request.near_object.as_mut() {
                m.selection = selection;
            } else if let Some(m) = request.near_text.as_mut() {
                m.selection = selection;
            } else if let Some(m) = request.hybrid_search.as_mut() {
                m.selection = selection;
            } else {
                return Err(Error::invalid(
                    "MMR selection needs a near vector, near object, near text or hybrid search",
                ));
            }
        }
        if let Some(boost) = &self.boost {
            let boost = boost.to_proto()?;
            if let Some(properties) = request.properties.as_mut() {
                add_boosted_properties(properties, &boost);
            }
            request.boost = Some(boost);
        }
        if self.profile {
            if let Some(m) = request.metadata.as_mut() {
                m.query_profile = true;
            }
        }
        Ok(())
    }
}

/// The server scores boost conditions on the properties it returns (Weaviate 1.39 reads a
/// property the search does not return as missing: score 0), so a search that returns only some
/// properties (a projection, `return_properties`) also asks for the ones its boost names.
fn add_boosted_properties(properties: &mut pb::PropertiesRequest, boost: &pb::Boost) {
    use pb::boost::condition::Condition as W;
    if properties.return_all_nonref_properties {
        return;
    }
    let mut names = Vec::new();
    for condition in &boost.conditions {
        match &condition.condition {
            Some(W::Filter(f)) => filter_properties(f, &mut names),
            Some(W::TimeDecay(t)) => names.push(t.property.clone()),
            Some(W::NumericDecay(n)) => names.push(n.property.clone()),
            Some(W::PropertyValue(p)) => names.push(p.property.clone()),
            None => {}
        }
    }
    for name in names {
        if !properties.non_ref_properties.contains(&name) {
            properties.non_ref_properties.push(name);
        }
    }
}

/// The properties a filter tests directly (not through references).
fn filter_properties(filter: &pb::Filters, out: &mut Vec<String>) {
    if let Some(pb::FilterTarget {
        target: Some(pb::filter_target::Target::Property(name)),
    }) = &filter.target
    {
        out.push(name.clone());
    }
    for f in &filter.filters {
        filter_properties(f, out);
    }
}

/// The newer features a built request uses, each with the first server version that has it.
pub(crate) fn features(request: &pb::SearchRequest) -> Vec<(&'static str, Version)> {
    let mut out = Vec::new();
    let selection = [
        request.near_vector.as_ref().map(|m| &m.selection),
        request.near_object.as_ref().map(|m| &m.selection),
        request.near_text.as_ref().map(|m| &m.selection),
        request.hybrid_search.as_ref().map(|m| &m.selection),
    ];
    if selection.into_iter().flatten().any(Option::is_some) {
        out.push(("MMR selection", MMR_SINCE));
    }
    if request.boost.is_some() {
        out.push(("boost", BOOST_SINCE));
    }
    if request.metadata.as_ref().is_some_and(|m| m.query_profile) {
        out.push(("the query profile", PROFILE_SINCE));
    }
    let and_cross = pb::search_operator_options::Operator::AndCross as i32;
    let operators = [
        request
            .bm25_search
            .as_ref()
            .and_then(|b| b.search_operator.as_ref()),
        request
            .hybrid_search
            .as_ref()
            .and_then(|h| h.bm25_search_operator.as_ref()),
    ];
    if operators
        .into_iter()
        .flatten()
        .any(|o| o.operator == and_cross)
    {
        out.push(("the BM25 operator and_cross", AND_CROSS_SINCE));
    }
    out
}

/// [`Error::Unsupported`] when the server is older than a feature `request` uses; asks the server's
/// version only when the request uses one.
pub(crate) async fn check_versions(client: &Client, request: &pb::SearchRequest) -> Result<()> {
    for (feature, since) in features(request) {
        client.require_version(feature, since).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version::check_supported;

    #[test]
    fn a_request_names_the_newer_features_it_uses() {
        let mut r = pb::SearchRequest {
            metadata: Some(pb::MetadataRequest::default()),
            ..Default::default()
        };
        assert!(features(&r).is_empty());
        r.bm25_search = Some(pb::Bm25 {
            search_operator: Some(crate::query::Bm25Operator::AndCross.to_proto()),
            ..Default::default()
        });
        let extras = Extras {
            boost: Some(
                crate::query::Boost::<crate::filter::Untyped>::new()
                    .condition(crate::query::PropertyValue::new("v"))
                    .erase(),
            ),
            profile: true,
            ..Default::default()
        };
        extras.apply(&mut r).unwrap();
        let names: Vec<_> = features(&r).iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            ["boost", "the query profile", "the BM25 operator and_cross"]
        );
        let err = check_supported(names[1], PROFILE_SINCE, "1.36.4").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the query profile needs Weaviate 1.37.0 or newer; the server runs 1.36.4"
        );
        assert!(check_supported(names[2], AND_CROSS_SINCE, "1.38.1").is_err());
        assert!(check_supported(names[2], AND_CROSS_SINCE, "1.39.0").is_ok());
    }

    #[test]
    fn selection_goes_into_the_operators_message_or_is_refused() {
        let extras = Extras {
            selection: Some(super::super::diversity::Mmr::new(2, 0.25)),
            ..Default::default()
        };
        let mut r = pb::SearchRequest {
            limit: 5,
            hybrid_search: Some(pb::Hybrid::default()),
            ..Default::default()
        };
        extras.apply(&mut r).unwrap();
        let sel = r.hybrid_search.as_ref().unwrap().selection.unwrap();
        match sel.selection.unwrap() {
            pb::selection::Selection::Mmr(m) => {
                assert_eq!((m.limit, m.balance), (Some(2), Some(0.25)));
            }
        }
        assert_eq!(features(&r)[0], ("MMR selection", MMR_SINCE));
        let mut plain = pb::SearchRequest::default();
        assert!(extras.apply(&mut plain).is_err());
    }

    #[tokio::test]
    async fn the_builders_put_each_modifier_where_the_server_reads_it() {
        use crate::query::{Bm25Operator, Boost, Mmr, PropertyValue};
        let client = crate::ClientBuilder::custom("http://127.0.0.1:1", "http://127.0.0.1:2")
            .skip_init_checks(true)
            .build()
            .await
            .unwrap();
        let q = client.collection("Article").query();
        let r = q
            .hybrid("rust")
            .operator(Bm25Operator::AndCross)
            .limit(10)
            .diversify(Mmr::new(4, 0.5))
            .boost(
                Boost::new()
                    .condition(PropertyValue::new("views"))
                    .depth(30),
            )
            .to_request()
            .unwrap();
        let h = r.hybrid_search.as_ref().unwrap();
        assert_eq!(
            h.bm25_search_operator.as_ref().unwrap().operator,
            pb::search_operator_options::Operator::AndCross as i32
        );
        assert!(h.selection.is_some());
        assert_eq!(r.boost.as_ref().unwrap().depth, Some(30));
        assert!(!r.metadata.as_ref().unwrap().query_profile);
        let names: Vec<_> = features(&r).iter().map(|(n, _)| *n).collect();
        assert_eq!(
            names,
            ["MMR selection", "boost", "the BM25 operator and_cross"]
        );

        let r = q
            .near_text("rust")
            .diversify(Mmr::new(2, 1.0))
            .to_request()
            .unwrap();
        assert!(r.near_text.unwrap().selection.is_some());
        let r = q
            .near_object(uuid::Uuid::nil())
            .diversify(Mmr::new(2, 1.0))
            .to_request()
            .unwrap();
        assert!(r.near_object.unwrap().selection.is_some());
        // A search returning some properties also asks for those its boost reads.
        let r = q
            .bm25("x")
            .return_properties(["title"])
            .boost(
                Boost::new()
                    .condition(
                        crate::filter::Filter::property("topic")
                            .equal("a")
                            .or(crate::filter::Filter::property("title").equal("b")),
                    )
                    .condition(PropertyValue::new("views")),
            )
            .to_request()
            .unwrap();
        assert_eq!(
            r.properties.unwrap().non_ref_properties,
            ["title", "topic", "views"]
        );
        // A bad boost fails the build, before anything is sent.
        assert!(q.bm25("x").boost(Boost::new()).to_request().is_err());
    }
}
