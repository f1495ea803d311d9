//! Diversity selection: maximal marginal relevance (MMR) over a vector or hybrid search's results.

use super::builder::{Ranked, Search};
use super::hybrid::Hybrid;
use super::near_object::NearObject;
use super::near_text::NearText;
use super::near_vector::NearVector;
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// Maximal marginal relevance: of the search's results (its [`limit`](Search::limit) is the pool
/// of candidates), pick `limit` one by one, each time the candidate with the best
/// `balance * relevance + (1 - balance) * novelty`, where relevance is minus its distance to the
/// query and novelty its smallest distance to the results already picked (the first pick is the
/// most relevant). A balance of 1 keeps the plain order; 0 picks for diversity only. Distances are
/// the collection's metric on the searched vector; in hybrid searches relevance is the fused score,
/// normalised to 0..1.
///
/// ```
/// use weaviate_orm::query::Mmr;
///
/// let mmr = Mmr::new(3, 0.5);
/// assert_eq!((mmr.limit(), mmr.balance()), (3, 0.5));
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mmr {
    limit: u32,
    balance: f32,
}

impl Mmr {
    /// Pick `limit` results (at least 1, at most the search's limit) with this balance of relevance
    /// against diversity (0 to 1).
    pub fn new(limit: u32, balance: f32) -> Self {
        Mmr { limit, balance }
    }

    /// How many results are picked.
    pub fn limit(&self) -> u32 {
        self.limit
    }

    /// The weight of relevance (1) against diversity (0).
    pub fn balance(&self) -> f32 {
        self.balance
    }

    /// The wire form, checked against the search's limit (0: the server's default).
    pub(crate) fn to_proto(self, search_limit: u32) -> Result<pb::Selection> {
        if self.limit == 0 {
            return Err(Error::invalid("the MMR limit must be at least 1"));
        }
        if search_limit > 0 && self.limit > search_limit {
            return Err(Error::invalid(format!(
                "the MMR limit ({}) cannot be larger than the search's limit ({search_limit}), \
                 the pool it picks from",
                self.limit
            )));
        }
        if !(0.0..=1.0).contains(&self.balance) {
            return Err(Error::invalid(format!(
                "the MMR balance must be within 0..=1 (1: relevance only, 0: diversity only), got {}",
                self.balance
            )));
        }
        Ok(pb::Selection {
            selection: Some(pb::selection::Selection::Mmr(pb::selection::Mmr {
                limit: Some(self.limit),
                balance: Some(self.balance),
            })),
        })
    }
}

/// Searches whose results the server can diversify with [`Mmr`]: near vector, near object,
/// near text and hybrid. Weaviate 1.39 reads no selection on near-media searches or BM25.
#[diagnostic::on_unimplemented(
    message = "`{Self}` searches cannot be diversified with MMR",
    label = "this search takes no `diversify`",
    note = "Weaviate 1.39 applies MMR selection to near_vector, near_object, near_text and hybrid searches only"
)]
pub trait Diversifiable: Ranked {}

impl Diversifiable for NearVector {}
impl Diversifiable for NearObject {}
impl Diversifiable for NearText {}
impl Diversifiable for Hybrid {}

impl<C, S: Diversifiable, R, O> Search<C, S, R, O> {
    /// Diversify the results with maximal marginal relevance: from the search's
    /// [`limit`](Search::limit) best results, return `mmr.limit()` picked for relevance and
    /// novelty (see [`Mmr`]). Not with multi-vector targets. Needs Weaviate 1.39.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::query::Mmr;
    ///
    /// let varied = client.collection("Article").query()
    ///     .near_vector(vec![0.1, 0.9])
    ///     .limit(20)
    ///     .diversify(Mmr::new(5, 0.5))
    ///     .await?;
    /// # let _ = varied; Ok(()) }
    /// ```
    pub fn diversify(mut self, mmr: Mmr) -> Self {
        self.options.extras.selection = Some(mmr);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_balance_are_checked_before_sending() {
        assert!(Mmr::new(0, 0.5).to_proto(5).is_err());
        assert!(Mmr::new(6, 0.5).to_proto(5).is_err());
        assert!(Mmr::new(6, 0.5).to_proto(0).is_ok());
        assert!(Mmr::new(2, 1.5).to_proto(5).is_err());
        assert!(Mmr::new(2, f32::NAN).to_proto(5).is_err());
        let p = Mmr::new(5, 0.0).to_proto(5).unwrap();
        assert_eq!(
            p.selection,
            Some(pb::selection::Selection::Mmr(pb::selection::Mmr {
                limit: Some(5),
                balance: Some(0.0)
            }))
        );
    }
}
