//! Vector search from text, vectorized by the collection's vectorizer.

use uuid::Uuid;

use super::builder::{Operator, Ranked, Search};
use super::targets::{TargetsSpec, check_threshold, target_methods, threshold_methods};
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// The near-text operator, built by [`Query::near_text`](super::Query::near_text) or
/// [`Query::near_text_concepts`](super::Query::near_text_concepts).
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # #[weaviate(vectorizer = text2vec_bigram)]
/// # struct Article { title: String }
/// # async fn run(client: weaviate_orm::Client, liked: uuid::Uuid) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::Move;
///
/// let hits = client.collection_of::<Article>().query()
///     .near_text("space travel")
///     .move_to(Move::force(0.5).concepts(["rockets"]).objects([liked]))
///     .move_away(Move::force(0.25).concepts(["fiction"]))
///     .certainty(0.7)
///     .await?;
/// # let _ = hits; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct NearText {
    concepts: Vec<String>,
    pub(crate) move_to: Option<Move>,
    pub(crate) move_away: Option<Move>,
    pub(crate) certainty: Option<f64>,
    pub(crate) distance: Option<f64>,
    pub(crate) targets: Option<TargetsSpec>,
}

/// Moves the query vector of a near-text search towards (or away from) concepts and objects.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    force: f32,
    concepts: Vec<String>,
    objects: Vec<Uuid>,
}

impl Move {
    /// A move with this force: towards, 0 to 1 (1 moves the query vector halfway to the concepts'
    /// and objects' mean vector); away, 0 or more.
    pub fn force(force: f32) -> Self {
        Move {
            force,
            concepts: Vec::new(),
            objects: Vec::new(),
        }
    }

    /// Towards (or away from) these concepts, vectorized like the query.
    pub fn concepts<I, S>(mut self, concepts: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.concepts.extend(concepts.into_iter().map(Into::into));
        self
    }

    /// Towards (or away from) the vectors of these objects of the collection.
    pub fn objects<I: IntoIterator<Item = Uuid>>(mut self, ids: I) -> Self {
        self.objects.extend(ids);
        self
    }

    pub(crate) fn to_proto(&self, which: &str) -> Result<pb::near_text_search::Move> {
        // The server: moving to takes 0..=1 (1: halfway to the target), moving away any force >= 0.
        let (ok, allowed) = if which == "move_to" {
            ((0.0..=1.0).contains(&self.force), "within 0..=1")
        } else {
            (self.force >= 0.0, "0 or more")
        };
        if !self.force.is_finite() || !ok {
            return Err(Error::invalid(format!(
                "{which}: the force must be {allowed}, got {}",
                self.force
            )));
        }
        if self.concepts.is_empty() && self.objects.is_empty() {
            return Err(Error::invalid(format!(
                "{which}: give at least one concept or object"
            )));
        }
        Ok(pb::near_text_search::Move {
            force: self.force,
            concepts: self.concepts.clone(),
            uuids: self.objects.iter().map(Uuid::to_string).collect(),
        })
    }
}

impl NearText {
    pub(crate) fn new(concepts: Vec<String>) -> Self {
        NearText {
            concepts,
            move_to: None,
            move_away: None,
            certainty: None,
            distance: None,
            targets: None,
        }
    }
}

/// The near-text message, shared with hybrid's near-text sub-search.
pub(crate) fn near_text_proto(
    concepts: &[String],
    move_to: Option<&Move>,
    move_away: Option<&Move>,
    certainty: Option<f64>,
    distance: Option<f64>,
) -> Result<pb::NearTextSearch> {
    check_threshold(certainty, distance)?;
    if concepts.is_empty() || concepts.iter().all(|c| c.trim().is_empty()) {
        return Err(Error::invalid("near_text needs a non-empty text"));
    }
    #[allow(deprecated)]
    Ok(pb::NearTextSearch {
        query: concepts.to_vec(),
        certainty,
        distance,
        move_to: move_to.map(|m| m.to_proto("move_to")).transpose()?,
        move_away: move_away.map(|m| m.to_proto("move_away")).transpose()?,
        ..Default::default()
    })
}

impl Operator for NearText {
    fn __apply(&self, request: &mut pb::SearchRequest) -> Result<()> {
        let mut near = near_text_proto(
            &self.concepts,
            self.move_to.as_ref(),
            self.move_away.as_ref(),
            self.certainty,
            self.distance,
        )?;
        near.targets = self
            .targets
            .as_ref()
            .map(TargetsSpec::to_proto)
            .transpose()?;
        request.near_text = Some(near);
        Ok(())
    }
}

impl Ranked for NearText {}

target_methods!(NearText);
threshold_methods!(NearText);

/// The move methods of near-text searches, on a search or another builder whose `operator` is a
/// [`NearText`] (the two forms of `target_methods!`).
macro_rules! move_methods {
    (impl<$($p:ident),+> $builder:ty) => {
        impl<$($p),+> $builder {
            /// Move the query vector towards concepts or objects.
            pub fn move_to(mut self, to: $crate::query::Move) -> Self {
                self.operator.move_to = Some(to);
                self
            }

            /// Move the query vector away from concepts or objects.
            pub fn move_away(mut self, away: $crate::query::Move) -> Self {
                self.operator.move_away = Some(away);
                self
            }
        }
    };
}

pub(crate) use move_methods;

move_methods!(impl<C, R, O> Search<C, NearText, R, O>);
