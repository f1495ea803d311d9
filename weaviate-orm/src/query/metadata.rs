//! Which metadata a search returns.

use crate::wire::v1 as pb;

/// Which metadata a search returns besides the id.
///
/// ```
/// use weaviate_orm::query::MetadataQuery;
///
/// let m = MetadataQuery::default().creation_time().update_time();
/// assert!(m != MetadataQuery::default());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MetadataQuery {
    creation_time: bool,
    update_time: bool,
    distance: bool,
    certainty: bool,
    score: bool,
    explain_score: bool,
    is_consistent: bool,
}

impl MetadataQuery {
    /// Everything there is.
    pub fn all() -> Self {
        MetadataQuery {
            creation_time: true,
            update_time: true,
            distance: true,
            certainty: true,
            score: true,
            explain_score: true,
            is_consistent: true,
        }
    }

    /// The creation time.
    pub fn creation_time(mut self) -> Self {
        self.creation_time = true;
        self
    }

    /// The last update time.
    pub fn update_time(mut self) -> Self {
        self.update_time = true;
        self
    }

    /// The distance to the query vector.
    pub fn distance(mut self) -> Self {
        self.distance = true;
        self
    }

    /// The certainty (cosine only).
    pub fn certainty(mut self) -> Self {
        self.certainty = true;
        self
    }

    /// The score (keyword and hybrid searches).
    pub fn score(mut self) -> Self {
        self.score = true;
        self
    }

    /// The explanation of the score.
    pub fn explain_score(mut self) -> Self {
        self.explain_score = true;
        self
    }

    /// Whether the replicas agreed.
    pub fn is_consistent(mut self) -> Self {
        self.is_consistent = true;
        self
    }

    pub(crate) fn to_proto(self, vector: bool, vectors: &[String]) -> pb::MetadataRequest {
        pb::MetadataRequest {
            uuid: true,
            vector,
            creation_time_unix: self.creation_time,
            last_update_time_unix: self.update_time,
            distance: self.distance,
            certainty: self.certainty,
            score: self.score,
            explain_score: self.explain_score,
            is_consistent: self.is_consistent,
            vectors: vectors.to_vec(),
            ..Default::default()
        }
    }
}
