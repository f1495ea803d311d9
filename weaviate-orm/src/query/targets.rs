//! Target vectors of a vector search on a collection with several named vectors, and how their
//! distances combine.

use std::marker::PhantomData;

use super::handles::VectorName;
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// How the distances of several target vectors combine into one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Combination {
    /// The server's default (the minimum).
    Default,
    /// The sum of the distances.
    Sum,
    /// The smallest distance.
    Minimum,
    /// The mean of the distances.
    Average,
    /// Distances normalised per target, then summed with the given weights.
    RelativeScore,
    /// Distances summed with the given weights.
    ManualWeights,
}

impl Combination {
    fn to_proto(self) -> pb::CombinationMethod {
        match self {
            Combination::Default => pb::CombinationMethod::Unspecified,
            Combination::Sum => pb::CombinationMethod::TypeSum,
            Combination::Minimum => pb::CombinationMethod::TypeMin,
            Combination::Average => pb::CombinationMethod::TypeAverage,
            Combination::RelativeScore => pb::CombinationMethod::TypeRelativeScore,
            Combination::ManualWeights => pb::CombinationMethod::TypeManual,
        }
    }

    fn weighted(self) -> bool {
        matches!(
            self,
            Combination::RelativeScore | Combination::ManualWeights
        )
    }
}

/// The target vectors of a search on collection `C` and their [`Combination`].
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # #[weaviate(vector(name = "title_vec", dimensions = 2), vector(name = "body_vec", dimensions = 2))]
/// # struct Article { title: String }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::Targets;
///
/// let v = Article::vectors();
/// let hits = client.collection_of::<Article>().query()
///     .near_vector(vec![0.5, 0.5])
///     .targets(Targets::average([v.title_vec, v.body_vec]))
///     .await?;
/// let weighted = client.collection_of::<Article>().query()
///     .near_text("rust")
///     .targets(Targets::relative_score([(v.title_vec, 0.8), (v.body_vec, 0.2)]))
///     .await?;
/// # let _ = (hits, weighted); Ok(()) }
/// ```
pub struct Targets<C> {
    combination: Combination,
    /// (target, weight); weights only for weighted combinations.
    entries: Vec<(String, f32)>,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Clone for Targets<C> {
    fn clone(&self) -> Self {
        Targets {
            combination: self.combination,
            entries: self.entries.clone(),
            _collection: PhantomData,
        }
    }
}

impl<C> std::fmt::Debug for Targets<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Targets")
            .field("combination", &self.combination)
            .field("entries", &self.entries)
            .finish()
    }
}

impl<C> Targets<C> {
    fn unweighted<I, V>(combination: Combination, targets: I) -> Self
    where
        I: IntoIterator<Item = V>,
        V: VectorName<C>,
    {
        Targets {
            combination,
            entries: targets
                .into_iter()
                .map(|t| (t.vector_name(), 1.0))
                .collect(),
            _collection: PhantomData,
        }
    }

    fn weighted<I, V>(combination: Combination, targets: I) -> Self
    where
        I: IntoIterator<Item = (V, f32)>,
        V: VectorName<C>,
    {
        Targets {
            combination,
            entries: targets
                .into_iter()
                .map(|(t, w)| (t.vector_name(), w))
                .collect(),
            _collection: PhantomData,
        }
    }

    /// One target vector.
    pub fn one(target: impl VectorName<C>) -> Self {
        Targets::unweighted(Combination::Default, [target])
    }

    /// Several targets, combined the server's default way (the minimum).
    pub fn new<I: IntoIterator<Item = V>, V: VectorName<C>>(targets: I) -> Self {
        Targets::unweighted(Combination::Default, targets)
    }

    /// Several targets; their distances are summed.
    pub fn sum<I: IntoIterator<Item = V>, V: VectorName<C>>(targets: I) -> Self {
        Targets::unweighted(Combination::Sum, targets)
    }

    /// Several targets; the smallest distance counts.
    pub fn minimum<I: IntoIterator<Item = V>, V: VectorName<C>>(targets: I) -> Self {
        Targets::unweighted(Combination::Minimum, targets)
    }

    /// Several targets; their distances are averaged.
    pub fn average<I: IntoIterator<Item = V>, V: VectorName<C>>(targets: I) -> Self {
        Targets::unweighted(Combination::Average, targets)
    }

    /// Several targets with weights; distances are normalised per target, then weighted and summed.
    pub fn relative_score<I: IntoIterator<Item = (V, f32)>, V: VectorName<C>>(targets: I) -> Self {
        Targets::weighted(Combination::RelativeScore, targets)
    }

    /// Several targets with weights; distances are weighted and summed. With
    /// [`near_vector_per_target`](super::Query::near_vector_per_target) and several query vectors
    /// for one target, give that target one weight per query vector, in the same order.
    pub fn manual_weights<I: IntoIterator<Item = (V, f32)>, V: VectorName<C>>(targets: I) -> Self {
        Targets::weighted(Combination::ManualWeights, targets)
    }

    /// The combination.
    pub fn combination(&self) -> Combination {
        self.combination
    }

    pub(crate) fn erase(self) -> TargetsSpec {
        TargetsSpec {
            combination: self.combination,
            entries: self.entries,
        }
    }
}

/// [`Targets`] without the collection type, as operators store them.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TargetsSpec {
    combination: Combination,
    entries: Vec<(String, f32)>,
}

impl TargetsSpec {
    fn check(&self) -> Result<()> {
        if self.entries.is_empty() {
            return Err(Error::invalid("no target vectors given"));
        }
        for (name, weight) in &self.entries {
            if name.is_empty() {
                return Err(Error::invalid("a target vector name is empty"));
            }
            if !weight.is_finite() {
                return Err(Error::invalid(format!(
                    "target vector `{name}`: the weight {weight} is not finite"
                )));
            }
        }
        Ok(())
    }

    /// The wire form, targets in the given order.
    pub(crate) fn to_proto(&self) -> Result<pb::Targets> {
        self.check()?;
        let weighted = self.combination.weighted();
        let mut names = Vec::new();
        for (name, _) in &self.entries {
            if weighted || !names.contains(name) {
                names.push(name.clone());
            }
        }
        Ok(pb::Targets {
            target_vectors: names,
            combination: self.combination.to_proto() as i32,
            weights_for_targets: if weighted {
                self.entries
                    .iter()
                    .map(|(t, w)| pb::WeightsForTarget {
                        target: t.clone(),
                        weight: *w,
                    })
                    .collect()
            } else {
                Vec::new()
            },
        })
    }

    /// The wire form for query vectors given per target: the targets in the order of `order` (the
    /// server matches them by position), each weight following its target.
    pub(crate) fn to_proto_ordered(&self, order: &[String]) -> Result<pb::Targets> {
        self.check()?;
        for (name, _) in &self.entries {
            if !order.contains(name) {
                return Err(Error::invalid(format!(
                    "target vector `{name}` has no query vector (targets with vectors: {order:?})"
                )));
            }
        }
        for name in order {
            if !self.entries.iter().any(|(n, _)| n == name) {
                return Err(Error::invalid(format!(
                    "a query vector is given for `{name}`, which is not among the targets"
                )));
            }
        }
        let mut sorted = TargetsSpec {
            combination: self.combination,
            entries: Vec::new(),
        };
        for name in order {
            sorted
                .entries
                .extend(self.entries.iter().filter(|(n, _)| n == name).cloned());
        }
        sorted.to_proto()
    }

    /// Targets in the given order, combined the server's default way.
    pub(crate) fn default_for(order: &[String]) -> TargetsSpec {
        TargetsSpec {
            combination: Combination::Default,
            entries: order.iter().map(|n| (n.clone(), 1.0)).collect(),
        }
    }
}

/// Checks that at most one of certainty and distance is set.
pub(crate) fn check_threshold(certainty: Option<f64>, distance: Option<f64>) -> Result<()> {
    if certainty.is_some() && distance.is_some() {
        return Err(Error::invalid("give a certainty or a distance, not both"));
    }
    for (name, v) in [("certainty", certainty), ("distance", distance)] {
        if v.is_some_and(|v| !v.is_finite()) {
            return Err(Error::invalid(format!("the {name} is not finite")));
        }
    }
    Ok(())
}

/// The target-vector methods of a vector search operator (a struct with a
/// `targets: Option<TargetsSpec>` field), on `Search<C, Op, R, O>` (`target_methods!(Op)`) or on
/// another builder with an `operator` field and a collection parameter `C`
/// (`target_methods!(impl<C, ..> Builder<C, Op, ..>)`).
macro_rules! target_methods {
    (impl<$($p:ident),+> $builder:ty) => {
        impl<$($p),+> $builder {
            /// Search this named vector (`Article::vectors().title_vec`, or a name in untyped
            /// queries). Needed when the collection has several named vectors.
            pub fn target(mut self, vector: impl $crate::query::VectorName<C>) -> Self {
                self.operator.targets = Some($crate::query::Targets::<C>::one(vector).erase());
                self
            }

            /// Search several named vectors and combine their distances (see [`Targets`](crate::query::Targets)).
            pub fn targets(mut self, targets: $crate::query::Targets<C>) -> Self {
                self.operator.targets = Some(targets.erase());
                self
            }
        }
    };
    ($op:ty) => {
        $crate::query::target_methods!(impl<C, R, O> $crate::query::Search<C, $op, R, O>);
    };
}

/// The certainty and distance methods of a vector search operator (a struct with
/// `certainty: Option<f64>` and `distance: Option<f64>` fields), on a search or another builder
/// (the two forms of [`target_methods!`]).
macro_rules! threshold_methods {
    (impl<$($p:ident),+> $builder:ty) => {
        impl<$($p),+> $builder {
            /// Only results at least this certain (0 to 1; cosine distance only). Not together with
            /// [`distance`](Self::distance).
            pub fn certainty(mut self, certainty: f64) -> Self {
                self.operator.certainty = Some(certainty);
                self
            }

            /// Only results at most this far from the query. Not together with
            /// [`certainty`](Self::certainty).
            pub fn distance(mut self, distance: f64) -> Self {
                self.operator.distance = Some(distance);
                self
            }
        }
    };
    ($op:ty) => {
        $crate::query::threshold_methods!(impl<C, R, O> $crate::query::Search<C, $op, R, O>);
    };
}

pub(crate) use {target_methods, threshold_methods};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Untyped;

    #[test]
    fn weights_follow_their_targets_in_the_vectors_order() {
        let t = Targets::<Untyped>::manual_weights([("b", 2.0), ("a", 1.0), ("b", 3.0)]).erase();
        let p = t
            .to_proto_ordered(&["a".to_owned(), "b".to_owned()])
            .unwrap();
        assert_eq!(p.target_vectors, ["a", "b", "b"]);
        let w: Vec<_> = p.weights_for_targets.iter().map(|w| w.weight).collect();
        assert_eq!(w, [1.0, 2.0, 3.0]);
        assert_eq!(p.combination, pb::CombinationMethod::TypeManual as i32);

        let s = Targets::<Untyped>::sum(["a", "b", "a"]).erase();
        let p = s.to_proto().unwrap();
        assert_eq!(p.target_vectors, ["a", "b"]);
        assert!(p.weights_for_targets.is_empty());
        assert!(s.to_proto_ordered(&["a".to_owned()]).is_err());
        assert!(
            Targets::<Untyped>::new(Vec::<&str>::new())
                .erase()
                .to_proto()
                .is_err()
        );
    }
}
