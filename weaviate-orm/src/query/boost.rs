//! Boost: re-scoring a ranked search's results by conditions on their properties.

use std::marker::PhantomData;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};

use super::builder::{Ranked, Search};
use crate::error::{Error, Result};
use crate::filter::{Filter, Untyped};
use crate::sealed::SealedFor;
use crate::typed::Field;
use crate::wire::v1 as pb;

/// Boosting a ranked search (near vector, near object, near text, near media, BM25, hybrid): the
/// server fetches the [`depth`](Boost::depth) best results (100 by default, at least offset +
/// limit), gives each a boost score, the weighted mean of its conditions' scores (each 0 to 1,
/// a negative condition weight demotes), and ranks by
/// `(1 - weight) * primary + weight * boost`, where `primary` is the search's score (minus the
/// distance for vector searches) normalised to 0..1 over those results. Then offset and limit
/// apply. A search that returns only some properties (a projection, `return_properties`) also
/// asks for those the conditions read: the server scores conditions on the returned properties.
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # #[weaviate(vectorizer = text2vec_bigram)]
/// # struct Article { title: String, topic: String, views: i64, price: f64, published: chrono::DateTime<chrono::Utc> }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use std::time::Duration;
/// use weaviate_orm::query::{Boost, DecayCurve, NumericDecay, PropertyValue, TimeDecay, ValueModifier};
///
/// let f = Article::fields();
/// let boost = Boost::new()
///     .condition(f.topic.equal("rust"))
///     .condition_weighted(TimeDecay::new(f.published, Duration::from_secs(7 * 86_400)).curve(DecayCurve::Gauss), 2.0)
///     .condition(NumericDecay::new(f.price, 10.0, 5.0))
///     .condition(PropertyValue::new(f.views).modifier(ValueModifier::Log1p))
///     .weight(0.3);
/// let hits = client.collection_of::<Article>().query().bm25("async").boost(boost).limit(10).await?;
/// # let _ = hits; Ok(()) }
/// ```
pub struct Boost<C> {
    conditions: Vec<(Condition, Option<f32>)>,
    weight: Option<f32>,
    depth: Option<u32>,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Clone for Boost<C> {
    fn clone(&self) -> Self {
        Boost {
            conditions: self.conditions.clone(),
            weight: self.weight,
            depth: self.depth,
            _collection: PhantomData,
        }
    }
}

impl<C> std::fmt::Debug for Boost<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Boost")
            .field("conditions", &self.conditions)
            .field("weight", &self.weight)
            .field("depth", &self.depth)
            .finish()
    }
}

impl<C> Default for Boost<C> {
    fn default() -> Self {
        Boost::new()
    }
}

/// One condition, without its collection type.
#[derive(Clone, Debug)]
enum Condition {
    Filter(pb::Filters),
    TimeDecay {
        property: String,
        origin: Option<DateTime<FixedOffset>>,
        scale: Duration,
        offset: Option<Duration>,
        decay: DecayShape,
    },
    NumericDecay {
        property: String,
        origin: f64,
        scale: f64,
        offset: Option<f64>,
        decay: DecayShape,
    },
    PropertyValue {
        property: String,
        modifier: Option<ValueModifier>,
    },
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct DecayShape {
    curve: Option<DecayCurve>,
    value: Option<f32>,
}

impl DecayShape {
    fn check(&self) -> Result<()> {
        match self.value {
            Some(v) if !(v > 0.0 && v <= 1.0) => Err(Error::invalid(format!(
                "a decay value must be within (0, 1], got {v}"
            ))),
            _ => Ok(()),
        }
    }

    fn curve(&self) -> Option<i32> {
        self.curve.map(|c| c.to_proto() as i32)
    }
}

impl<C> Boost<C> {
    /// A boost without conditions yet (give at least one); blend weight 0.5, depth 100.
    pub fn new() -> Self {
        Boost {
            conditions: Vec::new(),
            weight: None,
            depth: None,
            _collection: PhantomData,
        }
    }

    /// Add a condition with weight 1: a [`Filter<C>`] (1 when it matches, else 0; equality and
    /// comparison operators, and, or, not), a [`TimeDecay`], a [`NumericDecay`] or a
    /// [`PropertyValue`].
    pub fn condition(self, condition: impl BoostCondition<C>) -> Self {
        self.push(condition, None)
    }

    /// Add a condition with this weight (negative: matching results are demoted).
    pub fn condition_weighted(self, condition: impl BoostCondition<C>, weight: f32) -> Self {
        self.push(condition, Some(weight))
    }

    fn push(mut self, condition: impl BoostCondition<C>, weight: Option<f32>) -> Self {
        self.conditions.push((condition.into_condition().0, weight));
        self
    }

    /// The weight of the boost score against the search's own (0 to 1; 0.5 by default).
    pub fn weight(mut self, weight: f32) -> Self {
        self.weight = Some(weight);
        self
    }

    /// How many of the search's best results are re-scored (100 by default; at least offset +
    /// limit are).
    pub fn depth(mut self, depth: u32) -> Self {
        self.depth = Some(depth);
        self
    }

    /// The same boost without its collection type, as the search options keep it.
    pub(crate) fn erase(self) -> Boost<()> {
        Boost {
            conditions: self.conditions,
            weight: self.weight,
            depth: self.depth,
            _collection: PhantomData,
        }
    }

    pub(crate) fn to_proto(&self) -> Result<pb::Boost> {
        use pb::boost::condition::Condition as W;
        if self.conditions.is_empty() {
            return Err(Error::invalid("a boost needs at least one condition"));
        }
        if self.conditions.len() > 20 {
            return Err(Error::invalid(format!(
                "a boost takes at most 20 conditions, got {}",
                self.conditions.len()
            )));
        }
        if let Some(w) = self.weight {
            if !(0.0..=1.0).contains(&w) {
                return Err(Error::invalid(format!(
                    "the boost weight must be within 0..=1, got {w}"
                )));
            }
        }
        let mut conditions = Vec::with_capacity(self.conditions.len());
        for (condition, weight) in &self.conditions {
            if let Some(w) = weight {
                if !w.is_finite() {
                    return Err(Error::invalid("a boost condition's weight is not finite"));
                }
            }
            let wire = match condition {
                Condition::Filter(f) => W::Filter(f.clone()),
                Condition::TimeDecay {
                    property,
                    origin,
                    scale,
                    offset,
                    decay,
                } => {
                    decay.check()?;
                    if scale.is_zero() {
                        return Err(Error::invalid(format!(
                            "the time decay scale of `{property}` must be positive"
                        )));
                    }
                    W::TimeDecay(pb::boost::TimeDecayFunction {
                        property: property.clone(),
                        origin: origin
                            .map(|o| o.to_rfc3339_opts(SecondsFormat::AutoSi, true))
                            .unwrap_or_else(|| "now".to_owned()),
                        scale: duration_text(*scale),
                        offset: offset.map(duration_text),
                        curve: decay.curve(),
                        decay_value: decay.value,
                    })
                }
                Condition::NumericDecay {
                    property,
                    origin,
                    scale,
                    offset,
                    decay,
                } => {
                    decay.check()?;
                    if !(scale.is_finite() && *scale > 0.0) {
                        return Err(Error::invalid(format!(
                            "the numeric decay scale of `{property}` must be positive, got {scale}"
                        )));
                    }
                    if !origin.is_finite() || offset.is_some_and(|o| !o.is_finite() || o < 0.0) {
                        return Err(Error::invalid(format!(
                            "the numeric decay of `{property}` needs a finite origin and a \
                             non-negative offset"
                        )));
                    }
                    W::NumericDecay(pb::boost::NumericDecayFunction {
                        property: property.clone(),
                        origin: *origin,
                        scale: *scale,
                        offset: *offset,
                        curve: decay.curve(),
                        decay_value: decay.value,
                    })
                }
                Condition::PropertyValue { property, modifier } => {
                    W::PropertyValue(pb::boost::PropertyValueFunction {
                        property: property.clone(),
                        modifier: modifier.map(|m| m.to_proto() as i32),
                    })
                }
            };
            conditions.push(pb::boost::Condition {
                condition: Some(wire),
                weight: *weight,
            });
        }
        Ok(pb::Boost {
            conditions,
            weight: self.weight,
            depth: self.depth,
        })
    }
}

/// A duration as the server reads it: whole milliseconds as `Nms`, else `Nns`.
fn duration_text(d: Duration) -> String {
    if d.subsec_nanos() % 1_000_000 == 0 {
        format!("{}ms", d.as_millis())
    } else {
        format!("{}ns", d.as_nanos())
    }
}

/// The shape of a decay: how a condition's score falls from 1 at the origin (within the offset)
/// to the decay value (0.5 by default) at one scale past the offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DecayCurve {
    /// `value ^ (d / scale)` (the server's default).
    Exponential,
    /// `exp(ln(value) * (d / scale)^2)`.
    Gauss,
    /// `max(0, 1 - (1 - value) * d / scale)`.
    Linear,
}

impl DecayCurve {
    fn to_proto(self) -> pb::boost::DecayCurve {
        match self {
            DecayCurve::Exponential => pb::boost::DecayCurve::Exponential,
            DecayCurve::Gauss => pb::boost::DecayCurve::Gauss,
            DecayCurve::Linear => pb::boost::DecayCurve::Linear,
        }
    }
}

/// What a [`PropertyValue`] condition applies to the value before normalising.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ValueModifier {
    /// `ln(1 + max(0, v))`.
    Log1p,
    /// `sqrt(max(0, v))`.
    Sqrt,
}

impl ValueModifier {
    fn to_proto(self) -> pb::boost::PropertyValueModifier {
        match self {
            ValueModifier::Log1p => pb::boost::PropertyValueModifier::Log1p,
            ValueModifier::Sqrt => pb::boost::PropertyValueModifier::Sqrt,
        }
    }
}

/// A condition of a [`Boost`] on collection `C`: a [`Filter<C>`], [`TimeDecay<C>`],
/// [`NumericDecay<C>`] or [`PropertyValue<C>`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a boost condition of collection `{C}`",
    label = "not a boost condition of `{C}`",
    note = "boost conditions are `Filter<{C}>`, `TimeDecay<{C}>`, `NumericDecay<{C}>` and `PropertyValue<{C}>`"
)]
pub trait BoostCondition<C>: SealedFor<C> {
    #[doc(hidden)]
    fn into_condition(self) -> ErasedCondition;
}

/// A condition without its collection type (crate-internal).
#[doc(hidden)]
pub struct ErasedCondition(Condition);

impl<C> SealedFor<C> for Filter<C> {}

impl<C> BoostCondition<C> for Filter<C> {
    fn into_condition(self) -> ErasedCondition {
        ErasedCondition(Condition::Filter(self.into_wire()))
    }
}

/// Date property types a [`TimeDecay`] reads: `DateTime<Utc>`, `DateTime<FixedOffset>` and their
/// `Option`s. Sealed.
#[diagnostic::on_unimplemented(
    message = "a time decay needs a date field, not `{Self}`",
    label = "not a `DateTime<Utc>`, `DateTime<FixedOffset>` or an `Option` of them",
    note = "decay numbers with `NumericDecay`"
)]
pub trait DateValue: crate::sealed::Sealed {}

/// Number property types a [`NumericDecay`] or [`PropertyValue`] reads: integers, floats and their
/// `Option`s. Sealed.
#[diagnostic::on_unimplemented(
    message = "a numeric decay or property value boost needs an integer or number field, not `{Self}`",
    label = "not an integer or float type (or an `Option` of one)",
    note = "decay dates with `TimeDecay`"
)]
pub trait NumberValue: crate::sealed::Sealed {}

macro_rules! kinds {
    ($trait:ident: $($t:ty),+) => {$(
        impl crate::sealed::Sealed for $t {}
        impl $trait for $t {}
        impl crate::sealed::Sealed for Option<$t> {}
        impl $trait for Option<$t> {}
    )+};
}

kinds!(DateValue: DateTime<Utc>, DateTime<FixedOffset>);
kinds!(NumberValue: i8, i16, i32, i64, u8, u16, u32, f32, f64);

/// A date property of collection `C` (a field handle, or a name in untyped queries).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a date property of collection `{C}`",
    label = "not a date field handle of `{C}`",
    note = "a time decay reads a `DateTime` field of the queried collection (`{C}::fields().published`); strings name properties in untyped queries only"
)]
pub trait DateProperty<C>: SealedFor<C> {
    /// The property's name in Weaviate.
    fn date_property_name(self) -> String;
}

/// A number property of collection `C` (a field handle, or a name in untyped queries).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number property of collection `{C}`",
    label = "not an integer or number field handle of `{C}`",
    note = "numeric decays and property values read an integer or float field of the queried collection (`{C}::fields().price`); strings name properties in untyped queries only"
)]
pub trait NumberProperty<C>: SealedFor<C> {
    /// The property's name in Weaviate.
    fn number_property_name(self) -> String;
}

#[diagnostic::do_not_recommend]
impl<C, T: DateValue> DateProperty<C> for Field<C, T> {
    fn date_property_name(self) -> String {
        self.name().to_owned()
    }
}

#[diagnostic::do_not_recommend]
impl<C, T: NumberValue> NumberProperty<C> for Field<C, T> {
    fn number_property_name(self) -> String {
        self.name().to_owned()
    }
}

impl DateProperty<Untyped> for &str {
    fn date_property_name(self) -> String {
        self.to_owned()
    }
}

impl NumberProperty<Untyped> for &str {
    fn number_property_name(self) -> String {
        self.to_owned()
    }
}

/// Declares a boost condition type: `PhantomData` of its collection, `Clone`/`Debug` without bounds
/// on `C`, sealing and [`BoostCondition`].
macro_rules! condition_type {
    ($name:ident) => {
        impl<C> Clone for $name<C> {
            fn clone(&self) -> Self {
                $name {
                    condition: self.condition.clone(),
                    _collection: PhantomData,
                }
            }
        }

        impl<C> std::fmt::Debug for $name<C> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.condition.fmt(f)
            }
        }

        impl<C> SealedFor<C> for $name<C> {}

        impl<C> BoostCondition<C> for $name<C> {
            fn into_condition(self) -> ErasedCondition {
                ErasedCondition(self.condition)
            }
        }
    };
}

/// Scores results by how close a date property is to an origin (now by default): 1 within the
/// offset, then falling along the [`DecayCurve`] to the decay value at one scale further. A result
/// without the date scores 0.
///
/// ```
/// use std::time::Duration;
/// use weaviate_orm::query::{DecayCurve, TimeDecay};
///
/// let recent = TimeDecay::<weaviate_orm::filter::Untyped>::new("published", Duration::from_secs(86_400))
///     .offset(Duration::from_secs(3_600))
///     .curve(DecayCurve::Linear)
///     .decay_value(0.25);
/// # let _ = recent;
/// ```
pub struct TimeDecay<C> {
    condition: Condition,
    _collection: PhantomData<fn() -> C>,
}

condition_type!(TimeDecay);

impl<C> TimeDecay<C> {
    /// Decay over `property` (a date field) with this scale, from now.
    pub fn new(property: impl DateProperty<C>, scale: Duration) -> Self {
        TimeDecay {
            condition: Condition::TimeDecay {
                property: property.date_property_name(),
                origin: None,
                scale,
                offset: None,
                decay: DecayShape::default(),
            },
            _collection: PhantomData,
        }
    }

    /// Decay from this date instead of now.
    pub fn origin(mut self, at: impl Into<DateTime<FixedOffset>>) -> Self {
        if let Condition::TimeDecay { origin, .. } = &mut self.condition {
            *origin = Some(at.into());
        }
        self
    }

    /// Score 1 within this distance of the origin.
    pub fn offset(mut self, by: Duration) -> Self {
        if let Condition::TimeDecay { offset, .. } = &mut self.condition {
            *offset = Some(by);
        }
        self
    }

    /// The decay's curve (exponential by default).
    pub fn curve(mut self, curve: DecayCurve) -> Self {
        decay_of(&mut self.condition).curve = Some(curve);
        self
    }

    /// The score one scale past the offset (0 < value <= 1; 0.5 by default).
    pub fn decay_value(mut self, value: f32) -> Self {
        decay_of(&mut self.condition).value = Some(value);
        self
    }
}

fn decay_of(condition: &mut Condition) -> &mut DecayShape {
    match condition {
        Condition::TimeDecay { decay, .. } | Condition::NumericDecay { decay, .. } => decay,
        _ => unreachable!("only decays have a shape"),
    }
}

/// Scores results by how close a number property is to an origin: 1 within the offset, then
/// falling along the [`DecayCurve`] to the decay value at one scale further. A result without
/// the number scores 0.
///
/// ```
/// use weaviate_orm::query::{DecayCurve, NumericDecay};
///
/// let near_ten = NumericDecay::<weaviate_orm::filter::Untyped>::new("price", 10.0, 5.0)
///     .offset(1.0)
///     .curve(DecayCurve::Gauss);
/// # let _ = near_ten;
/// ```
pub struct NumericDecay<C> {
    condition: Condition,
    _collection: PhantomData<fn() -> C>,
}

condition_type!(NumericDecay);

impl<C> NumericDecay<C> {
    /// Decay over `property` (an integer or number field) from `origin`, with this scale (> 0).
    pub fn new(property: impl NumberProperty<C>, origin: f64, scale: f64) -> Self {
        NumericDecay {
            condition: Condition::NumericDecay {
                property: property.number_property_name(),
                origin,
                scale,
                offset: None,
                decay: DecayShape::default(),
            },
            _collection: PhantomData,
        }
    }

    /// Score 1 within this distance of the origin.
    pub fn offset(mut self, by: f64) -> Self {
        if let Condition::NumericDecay { offset, .. } = &mut self.condition {
            *offset = Some(by);
        }
        self
    }

    /// The decay's curve (exponential by default).
    pub fn curve(mut self, curve: DecayCurve) -> Self {
        decay_of(&mut self.condition).curve = Some(curve);
        self
    }

    /// The score one scale past the offset (0 < value <= 1; 0.5 by default).
    pub fn decay_value(mut self, value: f32) -> Self {
        decay_of(&mut self.condition).value = Some(value);
        self
    }
}

/// Scores results by a number property's value (after the [`ValueModifier`], if any), min-max
/// normalised over the re-scored results: the largest scores 1, the smallest 0; a result without
/// the value scores 0.
///
/// ```
/// use weaviate_orm::query::{PropertyValue, ValueModifier};
///
/// let popular = PropertyValue::<weaviate_orm::filter::Untyped>::new("views").modifier(ValueModifier::Log1p);
/// # let _ = popular;
/// ```
pub struct PropertyValue<C> {
    condition: Condition,
    _collection: PhantomData<fn() -> C>,
}

condition_type!(PropertyValue);

impl<C> PropertyValue<C> {
    /// Score by the value of `property` (an integer or number field).
    pub fn new(property: impl NumberProperty<C>) -> Self {
        PropertyValue {
            condition: Condition::PropertyValue {
                property: property.number_property_name(),
                modifier: None,
            },
            _collection: PhantomData,
        }
    }

    /// Apply this to the value first.
    pub fn modifier(mut self, modifier: ValueModifier) -> Self {
        if let Condition::PropertyValue { modifier: m, .. } = &mut self.condition {
            *m = Some(modifier);
        }
        self
    }
}

impl<C, S: Ranked, R, O> Search<C, S, R, O> {
    /// Re-score the results with this boost (see [`Boost`]); a second call replaces the first.
    /// Needs Weaviate 1.39.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::filter::Filter;
    /// use weaviate_orm::query::{Boost, PropertyValue};
    ///
    /// let boost = Boost::new().condition(PropertyValue::new("views")).weight(0.25);
    /// let hits = client.collection("Article").query().bm25("rust").boost(boost).await?;
    /// # let _ = hits; Ok(()) }
    /// ```
    pub fn boost(mut self, boost: Boost<C>) -> Self {
        self.options.extras.boost = Some(boost.erase());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_sent_in_a_unit_the_server_reads() {
        assert_eq!(duration_text(Duration::from_secs(86_400)), "86400000ms");
        assert_eq!(duration_text(Duration::from_nanos(1_500)), "1500ns");
    }

    #[test]
    fn conditions_build_their_wire_form_in_order_with_weights() {
        use pb::boost::condition::Condition as W;
        let origin = DateTime::parse_from_rfc3339("2026-01-02T03:04:05Z").unwrap();
        let boost = Boost::<Untyped>::new()
            .condition(Filter::<Untyped>::property("topic").equal("rust"))
            .condition_weighted(
                TimeDecay::new("published", Duration::from_secs(60))
                    .origin(origin)
                    .curve(DecayCurve::Gauss)
                    .decay_value(0.25),
                2.0,
            )
            .condition(NumericDecay::new("price", 10.0, 5.0).offset(1.0))
            .condition_weighted(
                PropertyValue::new("views").modifier(ValueModifier::Sqrt),
                -1.0,
            )
            .weight(0.75)
            .depth(50)
            .to_proto()
            .unwrap();
        assert_eq!((boost.weight, boost.depth), (Some(0.75), Some(50)));
        let weights: Vec<_> = boost.conditions.iter().map(|c| c.weight).collect();
        assert_eq!(weights, [None, Some(2.0), None, Some(-1.0)]);
        assert!(matches!(&boost.conditions[0].condition, Some(W::Filter(_))));
        match &boost.conditions[1].condition {
            Some(W::TimeDecay(t)) => {
                assert_eq!(t.property, "published");
                assert_eq!(t.origin, "2026-01-02T03:04:05Z");
                assert_eq!(t.scale, "60000ms");
                assert_eq!(t.curve, Some(pb::boost::DecayCurve::Gauss as i32));
                assert_eq!(t.decay_value, Some(0.25));
            }
            other => panic!("{other:?}"),
        }
        match &boost.conditions[2].condition {
            Some(W::NumericDecay(n)) => {
                assert_eq!((n.origin, n.scale, n.offset), (10.0, 5.0, Some(1.0)));
            }
            other => panic!("{other:?}"),
        }
        match &boost.conditions[3].condition {
            Some(W::PropertyValue(p)) => assert_eq!(
                p.modifier,
                Some(pb::boost::PropertyValueModifier::Sqrt as i32)
            ),
            other => panic!("{other:?}"),
        }
        let now = Boost::<Untyped>::new()
            .condition(TimeDecay::new("d", Duration::from_millis(1)))
            .to_proto()
            .unwrap();
        match &now.conditions[0].condition {
            Some(W::TimeDecay(t)) => assert_eq!(t.origin, "now"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bad_boosts_are_refused_before_sending() {
        let bad = [
            Boost::<Untyped>::new(),
            Boost::new().condition(PropertyValue::new("v")).weight(1.5),
            Boost::new().condition(NumericDecay::new("v", 0.0, 0.0)),
            Boost::new().condition(NumericDecay::new("v", 0.0, 1.0).decay_value(0.0)),
            Boost::new().condition(TimeDecay::new("d", Duration::ZERO)),
            Boost::new().condition_weighted(PropertyValue::new("v"), f32::NAN),
        ];
        for b in bad {
            assert!(b.to_proto().is_err(), "{b:?}");
        }
    }
}
