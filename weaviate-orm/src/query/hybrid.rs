//! Hybrid search: keyword and vector search fused into one ranking.

use super::builder::{Operator, Ranked, Search};
use super::keyword::{Bm25Operator, keyword_methods, properties};
use super::near_text::{Move, near_text_proto};
use super::near_vector::vector_proto;
use super::targets::{TargetsSpec, check_threshold, target_methods};
use crate::data::Vector;
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// How hybrid search fuses the keyword and vector rankings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fusion {
    /// By rank: each result scores `1 / (60 + rank)` in each ranking, weighted by alpha.
    Ranked,
    /// By score: each ranking's scores are normalised to 0..1, then weighted by alpha (the server's
    /// default).
    RelativeScore,
}

/// The vector part of a hybrid search given as its own search: near text (with moves) or near
/// vector, with a certainty or distance.
#[derive(Clone, Debug, PartialEq)]
pub struct HybridVector {
    kind: Kind,
    certainty: Option<f64>,
    distance: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    NearText {
        concepts: Vec<String>,
        move_to: Option<Move>,
        move_away: Option<Move>,
    },
    NearVector(Vector),
}

impl HybridVector {
    /// The vector part vectorizes `text` (instead of the hybrid query).
    pub fn near_text(text: impl Into<String>) -> Self {
        HybridVector {
            kind: Kind::NearText {
                concepts: vec![text.into()],
                move_to: None,
                move_away: None,
            },
            certainty: None,
            distance: None,
        }
    }

    /// The vector part searches with this vector.
    pub fn near_vector(vector: impl Into<Vector>) -> Self {
        HybridVector {
            kind: Kind::NearVector(vector.into()),
            certainty: None,
            distance: None,
        }
    }

    /// Only vector results at least this certain.
    pub fn certainty(mut self, certainty: f64) -> Self {
        self.certainty = Some(certainty);
        self
    }

    /// Only vector results at most this far.
    pub fn distance(mut self, distance: f64) -> Self {
        self.distance = Some(distance);
        self
    }

    /// Near text only: move the vector towards concepts or objects.
    pub fn move_to(mut self, to: Move) -> Self {
        if let Kind::NearText { move_to, .. } = &mut self.kind {
            *move_to = Some(to);
        }
        self
    }

    /// Near text only: move the vector away from concepts or objects.
    pub fn move_away(mut self, away: Move) -> Self {
        if let Kind::NearText { move_away, .. } = &mut self.kind {
            *move_away = Some(away);
        }
        self
    }
}

/// The hybrid operator, built by [`Query::hybrid`](super::Query::hybrid).
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # #[weaviate(vector(name = "title_vec", source = [title], vectorizer = text2vec_bigram))]
/// # struct Article { title: String, body: String }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::{Fusion, HybridVector, Move};
///
/// let f = Article::fields();
/// let hits = client.collection_of::<Article>().query()
///     .hybrid("rust databases")
///     .alpha(0.25)
///     .fusion(Fusion::Ranked)
///     .property_boosted(f.title, 2.0)
///     .vector_search(HybridVector::near_text("databases").move_to(Move::force(0.5).concepts(["rust"])))
///     .max_vector_distance(0.6)
///     .target(Article::vectors().title_vec)
///     .limit(10)
///     .await?;
/// # let _ = hits; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Hybrid {
    query: String,
    pub(crate) alpha: Option<f32>,
    pub(crate) fusion: Option<Fusion>,
    pub(crate) properties: Vec<(String, Option<f32>)>,
    pub(crate) operator: Option<Bm25Operator>,
    pub(crate) vector: Option<Vector>,
    pub(crate) sub: Option<HybridVector>,
    pub(crate) max_vector_distance: Option<f32>,
    pub(crate) targets: Option<TargetsSpec>,
}

impl Hybrid {
    pub(crate) fn new(query: String) -> Self {
        Hybrid {
            query,
            alpha: None,
            fusion: None,
            properties: Vec::new(),
            operator: None,
            vector: None,
            sub: None,
            max_vector_distance: None,
            targets: None,
        }
    }
}

impl Operator for Hybrid {
    fn __apply(&self, request: &mut pb::SearchRequest) -> Result<()> {
        if let Some(a) = self.alpha {
            if !(0.0..=1.0).contains(&a) {
                return Err(Error::invalid(format!(
                    "alpha must be within 0..=1 (0: keyword only, 1: vector only), got {a}"
                )));
            }
        }
        if self.vector.is_some() && self.sub.is_some() {
            return Err(Error::invalid(
                "give the hybrid search a vector or a vector search, not both",
            ));
        }
        if let Some(d) = self.max_vector_distance {
            if !d.is_finite() {
                return Err(Error::invalid("the max vector distance is not finite"));
            }
        }
        #[allow(deprecated)]
        let mut hybrid = pb::Hybrid {
            query: self.query.clone(),
            properties: properties(&self.properties)?,
            fusion_type: match self.fusion {
                None => pb::hybrid::FusionType::Unspecified,
                Some(Fusion::Ranked) => pb::hybrid::FusionType::Ranked,
                Some(Fusion::RelativeScore) => pb::hybrid::FusionType::RelativeScore,
            } as i32,
            alpha_param: self.alpha,
            use_alpha_param: true,
            bm25_search_operator: self.operator.map(Bm25Operator::to_proto),
            targets: self
                .targets
                .as_ref()
                .map(TargetsSpec::to_proto)
                .transpose()?,
            threshold: self
                .max_vector_distance
                .map(pb::hybrid::Threshold::VectorDistance),
            ..Default::default()
        };
        if let Some(v) = &self.vector {
            hybrid.vectors = vec![vector_proto("", v)?];
        }
        if let Some(sub) = &self.sub {
            match &sub.kind {
                Kind::NearText {
                    concepts,
                    move_to,
                    move_away,
                } => {
                    hybrid.near_text = Some(near_text_proto(
                        concepts,
                        move_to.as_ref(),
                        move_away.as_ref(),
                        sub.certainty,
                        sub.distance,
                    )?);
                }
                Kind::NearVector(v) => {
                    check_threshold(sub.certainty, sub.distance)?;
                    hybrid.near_vector = Some(pb::NearVector {
                        vectors: vec![vector_proto("", v)?],
                        certainty: sub.certainty,
                        distance: sub.distance,
                        ..Default::default()
                    });
                }
            }
        }
        request.hybrid_search = Some(hybrid);
        Ok(())
    }
}

impl Ranked for Hybrid {}

keyword_methods!(Hybrid);
target_methods!(Hybrid);

/// The hybrid settings (alpha, fusion, the vector part), on a search or another builder whose
/// `operator` is a [`Hybrid`] (the two forms of `target_methods!`).
macro_rules! hybrid_methods {
    (impl<$($p:ident),+> $builder:ty) => {
        impl<$($p),+> $builder {
            /// The weight of the vector search: 0 is keyword only, 1 vector only (the server's default is
            /// 0.75).
            pub fn alpha(mut self, alpha: f32) -> Self {
                self.operator.alpha = Some(alpha);
                self
            }

            /// How the two rankings are fused.
            pub fn fusion(mut self, fusion: $crate::query::Fusion) -> Self {
                self.operator.fusion = Some(fusion);
                self
            }

            /// The vector part searches with this vector (single or multi-vector) instead of vectorizing the
            /// query.
            pub fn vector(mut self, vector: impl Into<$crate::data::Vector>) -> Self {
                self.operator.vector = Some(vector.into());
                self
            }

            /// The vector part is this near-text or near-vector search.
            pub fn vector_search(mut self, search: $crate::query::HybridVector) -> Self {
                self.operator.sub = Some(search);
                self
            }

            /// Leave out vector results farther than this from the query.
            pub fn max_vector_distance(mut self, distance: f32) -> Self {
                self.operator.max_vector_distance = Some(distance);
                self
            }
        }
    };
}

pub(crate) use hybrid_methods;

hybrid_methods!(impl<C, R, O> Search<C, Hybrid, R, O>);
