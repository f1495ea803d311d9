//! Results of a search grouped by a property value ([`Search::group_by`](super::Search::group_by)).

use super::result::{ResultShape, ShapeContext};
use crate::error::Result;
use crate::wire::v1 as pb;

/// One group: the objects sharing one value of the grouped-by property.
#[derive(Clone, Debug, PartialEq)]
pub struct Group<R> {
    /// The grouped-by value, as text.
    pub name: String,
    /// The smallest distance of the group's objects to the query (vector searches).
    pub min_distance: f32,
    /// The largest distance of the group's objects to the query (vector searches).
    pub max_distance: f32,
    /// How many objects the group holds.
    pub number_of_objects: i64,
    /// The group's objects (at most `objects_per_group`), best first.
    pub objects: Vec<R>,
    /// The reranker's score of the group, after [`rerank`](super::Search::rerank).
    pub rerank_score: Option<f64>,
}

/// The groups of a grouped search, best group first.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupedResults<R> {
    /// The groups, in the server's order (best first).
    pub groups: Vec<Group<R>>,
}

impl<R> GroupedResults<R> {
    /// The group with this name.
    pub fn group(&self, name: &str) -> Option<&Group<R>> {
        self.groups.iter().find(|g| g.name == name)
    }

    /// Every object of every group, group by group.
    pub fn objects(&self) -> impl Iterator<Item = &R> {
        self.groups.iter().flat_map(|g| g.objects.iter())
    }
}

pub(crate) fn decode<C, R: ResultShape<C>>(
    reply: &pb::SearchReply,
    context: &ShapeContext,
) -> Result<GroupedResults<R>> {
    let groups = reply
        .group_by_results
        .iter()
        .map(|g| {
            Ok(Group {
                name: g.name.clone(),
                min_distance: g.min_distance,
                max_distance: g.max_distance,
                number_of_objects: g.number_of_objects,
                objects: g
                    .objects
                    .iter()
                    .map(|r| R::__decode(r, context))
                    .collect::<Result<Vec<R>>>()?,
                rerank_score: g.rerank.as_ref().map(|r| r.score),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(GroupedResults { groups })
}
