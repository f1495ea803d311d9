//! Query profiles: the server's per-shard timings of one search, returned with its results.

use std::collections::BTreeMap;

use super::builder::{List, Operator, Search};
use super::result::ResultShape;
use crate::error::Result;
use crate::wire::v1 as pb;

/// Results together with the server's [`QueryProfile`] of the search that found them, from
/// [`Search::profiled`].
#[derive(Clone, Debug, PartialEq)]
pub struct Profiled<T> {
    /// The search's results, as awaiting the search gives them.
    pub results: T,
    /// The profile; `None` when the server sent none (Weaviate 1.39 attaches it to the first
    /// result, so a search without results has none).
    pub profile: Option<QueryProfile>,
}

/// Per-shard timings of one search (Weaviate 1.37+).
///
/// ```
/// use weaviate_orm::query::{QueryProfile, SearchProfile, ShardProfile};
///
/// let profile = QueryProfile {
///     shards: vec![ShardProfile {
///         name: "abc123".into(),
///         id: "article_abc123".into(),
///         node: "node1".into(),
///         searches: [("vector".to_owned(), SearchProfile {
///             details: [("total_took".to_owned(), "1.2ms".to_owned())].into(),
///         })].into(),
///     }],
/// };
/// assert_eq!(profile.shard("abc123").unwrap().searches["vector"].total_took(), Some("1.2ms"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryProfile {
    /// One entry per shard searched, in the server's order.
    pub shards: Vec<ShardProfile>,
}

impl QueryProfile {
    /// The profile of the shard with this name.
    pub fn shard(&self, name: &str) -> Option<&ShardProfile> {
        self.shards.iter().find(|s| s.name == name)
    }

    /// Reads the wire profile of a search on `collection`.
    fn from_proto(p: &pb::QueryProfile, collection: &str) -> Self {
        let prefix = format!("{}_", collection.to_lowercase());
        QueryProfile {
            shards: p
                .shards
                .iter()
                .map(|s| ShardProfile {
                    id: s.name.clone(),
                    name: s.name.strip_prefix(&prefix).unwrap_or(&s.name).to_owned(),
                    node: s.node.clone(),
                    searches: s
                        .searches
                        .iter()
                        .map(|(kind, search)| {
                            (
                                kind.clone(),
                                SearchProfile {
                                    details: search
                                        .details
                                        .iter()
                                        .map(|(k, v)| (k.clone(), v.clone()))
                                        .collect(),
                                },
                            )
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// The timings of one shard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShardProfile {
    /// The shard's name, as `GET /v1/schema/{collection}/shards` lists it (the tenant's name in
    /// a multi-tenant collection).
    pub name: String,
    /// The server's id of the shard, as it reports it: the collection's name lower-cased, `_`, and
    /// the shard's name.
    pub id: String,
    /// The node that searched the shard.
    pub node: String,
    /// By kind of search (`"vector"`, `"keyword"`, ...).
    pub searches: BTreeMap<String, SearchProfile>,
}

/// The timings of one kind of search in one shard, as the server words them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchProfile {
    /// Metric name to a human-readable value (`"total_took"` -> `"1.234ms"`, ...).
    pub details: BTreeMap<String, String>,
}

impl SearchProfile {
    /// The `total_took` metric: the search's time in the shard, as Go prints durations.
    pub fn total_took(&self) -> Option<&str> {
        self.details.get("total_took").map(String::as_str)
    }
}

impl<C: 'static, S: Operator, R: ResultShape<C>> Search<C, S, R, List> {
    /// Runs the search asking for the server's query profile, and returns the results with it.
    /// Needs Weaviate 1.37.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let profiled = client.collection("Article").query().bm25("rust").limit(3).profiled().await?;
    /// for shard in profiled.profile.iter().flat_map(|p| &p.shards) {
    ///     println!("{} on {}: {:?}", shard.name, shard.node, shard.searches.keys());
    /// }
    /// # let _ = profiled.results; Ok(()) }
    /// ```
    pub async fn profiled(mut self) -> Result<Profiled<Vec<R>>> {
        self.options.extras.profile = true;
        let (reply, context) = self.execute().await?;
        let profile = reply
            .query_profile
            .as_ref()
            .map(|p| QueryProfile::from_proto(p, &self.collection.name));
        let results = self.decode_list(&reply, &context)?;
        Ok(Profiled { results, profile })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_profile_is_read_shard_by_shard() {
        let wire = pb::QueryProfile {
            shards: vec![pb::query_profile::ShardProfile {
                name: "article_s1".into(),
                node: "n1".into(),
                searches: [(
                    "keyword".to_owned(),
                    pb::query_profile::SearchProfile {
                        details: [("total_took".to_owned(), "3ms".to_owned())].into(),
                    },
                )]
                .into(),
            }],
        };
        let p = QueryProfile::from_proto(&wire, "Article");
        let s = p.shard("s1").unwrap();
        assert_eq!(s.id, "article_s1");
        assert_eq!(s.node, "n1");
        assert_eq!(s.searches["keyword"].total_took(), Some("3ms"));
        assert!(p.shard("s2").is_none());
    }
}
