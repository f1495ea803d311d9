//! Filters: typed, checked at compile time against the collection and the field's type.
//!
//! A [`Filter<C>`] belongs to collection `C` (a type deriving `WeaviateCollection`), so a filter built
//! for one collection cannot be passed to a query on another. [`Untyped`] is the collection marker of
//! filters built by property name, for collections known only at run time.
//!
//! ## Building filters
//! - **Fields**: `Article::fields().views` is a [`Field<Article, i64>`](crate::typed::Field); its
//!   operator methods make `Filter<Article>`s. A field offers the operators that fit its Rust type
//!   and takes values of that type (an `Option<T>` or `Vec<T>` field takes `T`):
//!
//!   | operators | field types |
//!   |---|---|
//!   | `equal`, `not_equal` | text, integers, floats, `bool`, dates, `Uuid`, arrays of them ([`EqualFilter`]) |
//!   | `gt`, `gte`, `lt`, `lte` | integers, floats, dates ([`RangeFilter`]) |
//!   | `like` | text ([`LikeFilter`]) |
//!   | `contains_any`, `contains_all`, `contains_none` | arrays, and text by token ([`ContainsFilter`]) |
//!   | `within_geo_range` | [`GeoCoordinates`](crate::typed::GeoCoordinates) ([`GeoFilter`]) |
//!   | `is_none`, `is_some` | `Option<T>` ([`NullFilter`]; needs `index_null_state`) |
//!   | `len()` then a comparison | text and arrays ([`LengthFilter`]; needs `index_property_length`) |
//!   | `count()` then a comparison | references ([`CountFilter`]) |
//!   | `path(\|t\| ...)` | [`Reference<T>`](crate::typed::Reference): `t` is `T::fields()` ([`SingleReferenceFilter`]) |
//!   | `path_in::<T>(\|t\| ...)` | [`MultiReference`](crate::typed::MultiReference) ([`MultiReferenceFilter`]) |
//!
//!   A misuse is a compile error naming the operator and the field's type, e.g. `title.gt(3)` on a
//!   `String` field: "`gt`, `gte`, `lt` and `lte` need an integer, number or date field, not `String`".
//! - **Object metadata**: [`Filter::id`], [`Filter::creation_time`], [`Filter::update_time`].
//! - **Combinations**: [`and`](Filter::and) / `&`, [`or`](Filter::or) / `|`, [`not`](Filter::not) /
//!   `!`, [`Filter::all`], [`Filter::any`]. Only filters of the same collection combine.
//! - **By name**: [`Filter::<Untyped>::property`](Filter::property) for collections known at run time.
//!
//! ```
//! use chrono::{DateTime, Utc};
//! use weaviate_orm::WeaviateCollection;
//! use weaviate_orm::filter::Filter;
//! use weaviate_orm::typed::Reference;
//!
//! #[derive(WeaviateCollection)]
//! struct Author {
//!     name: String,
//! }
//!
//! #[derive(WeaviateCollection)]
//! struct Article {
//!     title: String,
//!     #[weaviate(index_range_filters)]
//!     views: i64,
//!     tags: Vec<String>,
//!     author: Reference<Author>,
//! }
//!
//! let a = Article::fields();
//! let f: Filter<Article> = (a.views.gt(100) | a.tags.contains_any(["rust"]))
//!     & !a.author.path(|author| author.name.equal("Bot"));
//! assert_eq!(
//!     f.to_string(),
//!     r#"((views > 100 OR tags CONTAINS ANY ["rust"]) AND NOT author.name = "Bot")"#
//! );
//! // Sent with a query: the query builder calls `f.into_wire()`.
//! ```
//!
//! ## On the wire (Weaviate 1.39)
//! Leaves name their property with `Filters.target` (never the deprecated `on` path); reference
//! paths are `single_target` / `multi_target` targets, reference counts a `count` target, lengths the
//! pseudo-property `len(name)`, ids `_id`, timestamps `_creationTimeUnix` / `_lastUpdateTimeUnix`.
//! Dates and uuids travel as text (dates in RFC 3339 with their offset); the server reads values by
//! the property's schema type.

mod encode;
mod field;
mod kinds;
mod operand;
mod untyped;

use std::fmt;
use std::marker::PhantomData;
use std::ops::{BitAnd, BitAndAssign, BitOr, BitOrAssign, Not};

pub use field::{CountField, IdField, LengthField, TimeField};
pub use kinds::{
    ContainsFilter, CountFilter, EqualFilter, GeoFilter, LengthFilter, LikeFilter,
    MultiReferenceFilter, NullFilter, RangeFilter, SingleReferenceFilter,
};
pub use operand::Operand;
pub use untyped::UntypedField;

use crate::wire::v1 as pb;

use pb::filters::Operator;

/// The pseudo-property of the object id.
const ID: &str = "_id";
/// The pseudo-property of the creation time.
const CREATION_TIME: &str = "_creationTimeUnix";
/// The pseudo-property of the last update time.
const UPDATE_TIME: &str = "_lastUpdateTimeUnix";

/// The collection marker of filters built by property name (no compile-time checks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Untyped;

/// A filter on objects of collection `C`.
pub struct Filter<C> {
    wire: pb::Filters,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Filter<C> {
    /// Wraps a wire filter. Prefer the typed builders; this is the escape hatch for what they do not
    /// cover yet.
    pub fn from_wire(wire: pb::Filters) -> Self {
        Filter {
            wire,
            _collection: PhantomData,
        }
    }

    /// The wire form sent to the server.
    pub fn as_wire(&self) -> &pb::Filters {
        &self.wire
    }

    /// The wire form sent to the server.
    pub fn into_wire(self) -> pb::Filters {
        self.wire
    }
}

impl<C> Clone for Filter<C> {
    fn clone(&self) -> Self {
        Filter::from_wire(self.wire.clone())
    }
}

impl<C> fmt::Debug for Filter<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Filter").field(&self.wire).finish()
    }
}

impl<C> PartialEq for Filter<C> {
    fn eq(&self, other: &Self) -> bool {
        self.wire == other.wire
    }
}

impl<C> Filter<C> {
    /// The object id (`_id`): `Filter::<Article>::id().equal(id)`.
    ///
    /// ```
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let f = Filter::<Untyped>::id().equal(uuid::Uuid::nil());
    /// assert_eq!(f.to_string(), r#"_id = "00000000-0000-0000-0000-000000000000""#);
    /// ```
    pub fn id() -> IdField<C> {
        IdField::new()
    }

    /// The object's creation time (`_creationTimeUnix`), compared with dates. The collection must
    /// index timestamps (`#[weaviate(inverted_index(index_timestamps))]`).
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let f = Filter::<Untyped>::creation_time().gt(Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap());
    /// assert_eq!(f.to_string(), r#"_creationTimeUnix > "2024-01-01T00:00:00Z""#);
    /// ```
    pub fn creation_time() -> TimeField<C> {
        TimeField::new(CREATION_TIME)
    }

    /// The object's last update time (`_lastUpdateTimeUnix`), compared with dates. The collection
    /// must index timestamps (`#[weaviate(inverted_index(index_timestamps))]`).
    ///
    /// ```
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let f = Filter::<Untyped>::update_time().lt(chrono::Utc::now());
    /// # let _ = f;
    /// ```
    pub fn update_time() -> TimeField<C> {
        TimeField::new(UPDATE_TIME)
    }

    /// Both filters: matches objects that `self` and `other` match (also `self & other`).
    ///
    /// ```
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let f = Filter::<Untyped>::property("a").equal(1).and(Filter::property("b").equal(2));
    /// assert_eq!(f, Filter::property("a").equal(1) & Filter::property("b").equal(2));
    /// assert_eq!(f.to_string(), "(a = 1 AND b = 2)");
    /// ```
    pub fn and(self, other: Filter<C>) -> Filter<C> {
        Filter::from_wire(encode::combine(Operator::And, [self.wire, other.wire]))
    }

    /// Either filter: matches objects that `self` or `other` matches (also `self | other`).
    ///
    /// ```
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let f = Filter::<Untyped>::property("a").equal(1).or(Filter::property("b").equal(2));
    /// assert_eq!(f.to_string(), "(a = 1 OR b = 2)");
    /// ```
    pub fn or(self, other: Filter<C>) -> Filter<C> {
        Filter::from_wire(encode::combine(Operator::Or, [self.wire, other.wire]))
    }

    /// The negation: matches objects that `self` does not match (also `!self`). Negating twice
    /// gives the filter back.
    ///
    /// ```
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let f = Filter::<Untyped>::property("a").equal(1);
    /// assert_eq!(f.clone().not().to_string(), "NOT a = 1");
    /// assert_eq!(!!f.clone(), f);
    /// ```
    #[allow(clippy::should_implement_trait)] // `Not` is implemented too; this saves an import
    pub fn not(self) -> Filter<C> {
        Filter::from_wire(encode::negate(self.wire))
    }

    /// All of `filters` (AND); `None` when there are none. One filter is returned as it is.
    ///
    /// ```
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let tags = ["rust", "db"];
    /// let f = Filter::all(tags.map(|t| Filter::<Untyped>::property("tags").equal(t))).unwrap();
    /// assert_eq!(f.to_string(), r#"(tags = "rust" AND tags = "db")"#);
    /// assert!(Filter::<Untyped>::all([]).is_none());
    /// ```
    pub fn all(filters: impl IntoIterator<Item = Filter<C>>) -> Option<Filter<C>> {
        Self::fold(Operator::And, filters)
    }

    /// Any of `filters` (OR); `None` when there are none. One filter is returned as it is.
    ///
    /// ```
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let f = Filter::any((1..=3).map(|n| Filter::<Untyped>::property("n").equal(n))).unwrap();
    /// assert_eq!(f.to_string(), "(n = 1 OR n = 2 OR n = 3)");
    /// ```
    pub fn any(filters: impl IntoIterator<Item = Filter<C>>) -> Option<Filter<C>> {
        Self::fold(Operator::Or, filters)
    }

    fn fold(operator: Operator, filters: impl IntoIterator<Item = Filter<C>>) -> Option<Filter<C>> {
        let mut filters: Vec<pb::Filters> = filters.into_iter().map(Filter::into_wire).collect();
        match filters.len() {
            0 => None,
            1 => filters.pop().map(Filter::from_wire),
            _ => Some(Filter::from_wire(encode::combine(operator, filters))),
        }
    }

    /// The same filter as a [`Filter<Untyped>`], for APIs that take filters by property name. Going
    /// back is [`Filter::from_wire`].
    ///
    /// ```
    /// use weaviate_orm::WeaviateCollection;
    /// use weaviate_orm::filter::{Filter, Untyped};
    /// # #[derive(WeaviateCollection)] struct Article { views: i64 }
    ///
    /// let typed = Article::fields().views.gt(3);
    /// let untyped: Filter<Untyped> = typed.clone().untyped();
    /// assert_eq!(untyped.as_wire(), typed.as_wire());
    /// ```
    pub fn untyped(self) -> Filter<Untyped> {
        Filter::from_wire(self.wire)
    }
}

impl Filter<Untyped> {
    /// Property `name` of a collection known at run time, to compare with any value
    /// (see [`UntypedField`]).
    ///
    /// ```
    /// use weaviate_orm::filter::{Filter, Untyped};
    ///
    /// let f = Filter::<Untyped>::property("views").gt(100i64);
    /// assert_eq!(f.to_string(), "views > 100");
    /// ```
    pub fn property(name: impl Into<String>) -> UntypedField {
        UntypedField::new(name.into())
    }
}

impl<C> From<Filter<C>> for pb::Filters {
    fn from(filter: Filter<C>) -> Self {
        filter.into_wire()
    }
}

impl<C> BitAnd for Filter<C> {
    type Output = Filter<C>;

    /// `a & b` is [`a.and(b)`](Filter::and).
    fn bitand(self, other: Filter<C>) -> Filter<C> {
        self.and(other)
    }
}

impl<C> BitOr for Filter<C> {
    type Output = Filter<C>;

    /// `a | b` is [`a.or(b)`](Filter::or).
    fn bitor(self, other: Filter<C>) -> Filter<C> {
        self.or(other)
    }
}

impl<C> Not for Filter<C> {
    type Output = Filter<C>;

    /// `!a` is [`a.not()`](Filter::not).
    fn not(self) -> Filter<C> {
        Filter::not(self)
    }
}

impl<C> BitAndAssign for Filter<C> {
    /// `a &= b` makes `a` into `a & b`.
    fn bitand_assign(&mut self, other: Filter<C>) {
        let wire = std::mem::take(&mut self.wire);
        self.wire = encode::combine(Operator::And, [wire, other.wire]);
    }
}

impl<C> BitOrAssign for Filter<C> {
    /// `a |= b` makes `a` into `a | b`.
    fn bitor_assign(&mut self, other: Filter<C>) {
        let wire = std::mem::take(&mut self.wire);
        self.wire = encode::combine(Operator::Or, [wire, other.wire]);
    }
}

/// A readable form, for logs and error messages: `(views > 100 AND author.name = "Ann")`.
impl<C> fmt::Display for Filter<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display::filter(f, &self.wire)
    }
}

mod display {
    use std::fmt::{self, Formatter, Write};

    use super::pb;
    use pb::filter_target::Target;
    use pb::filters::{Operator, TestValue};

    pub(super) fn filter(f: &mut Formatter<'_>, filter: &pb::Filters) -> fmt::Result {
        let operator = Operator::try_from(filter.operator).unwrap_or(Operator::Unspecified);
        match operator {
            Operator::And | Operator::Or => {
                let word = if operator == Operator::And {
                    " AND "
                } else {
                    " OR "
                };
                f.write_char('(')?;
                for (i, operand) in filter.filters.iter().enumerate() {
                    if i > 0 {
                        f.write_str(word)?;
                    }
                    self::filter(f, operand)?;
                }
                f.write_char(')')
            }
            Operator::Not => {
                f.write_str("NOT")?;
                for operand in &filter.filters {
                    f.write_char(' ')?;
                    self::filter(f, operand)?;
                }
                Ok(())
            }
            _ => leaf(f, operator, filter),
        }
    }

    fn leaf(f: &mut Formatter<'_>, operator: Operator, filter: &pb::Filters) -> fmt::Result {
        match &filter.target {
            Some(t) => target(f, t)?,
            None => {
                #[allow(deprecated)]
                let on = filter.on.join(".");
                f.write_str(&on)?;
            }
        }
        let value = filter.test_value.as_ref();
        let word = match operator {
            Operator::Equal => "=",
            Operator::NotEqual => "!=",
            Operator::GreaterThan => ">",
            Operator::GreaterThanEqual => ">=",
            Operator::LessThan => "<",
            Operator::LessThanEqual => "<=",
            Operator::Like => "LIKE",
            Operator::ContainsAny => "CONTAINS ANY",
            Operator::ContainsAll => "CONTAINS ALL",
            Operator::ContainsNone => "CONTAINS NONE",
            Operator::WithinGeoRange => "WITHIN",
            Operator::IsNull => {
                return match value {
                    Some(TestValue::ValueBoolean(false)) => f.write_str(" IS NOT NULL"),
                    _ => f.write_str(" IS NULL"),
                };
            }
            _ => "?",
        };
        write!(f, " {word} ")?;
        match value {
            Some(v) => test_value(f, v),
            None => f.write_str("?"),
        }
    }

    fn target(f: &mut Formatter<'_>, target: &pb::FilterTarget) -> fmt::Result {
        match &target.target {
            Some(Target::Property(name)) => f.write_str(name),
            Some(Target::SingleTarget(single)) => {
                write!(f, "{}.", single.on)?;
                match &single.target {
                    Some(t) => self::target(f, t),
                    None => f.write_str("?"),
                }
            }
            Some(Target::MultiTarget(multi)) => {
                write!(f, "{}[{}].", multi.on, multi.target_collection)?;
                match &multi.target {
                    Some(t) => self::target(f, t),
                    None => f.write_str("?"),
                }
            }
            Some(Target::Count(count)) => write!(f, "count({})", count.on),
            None => f.write_str("?"),
        }
    }

    fn list<T>(f: &mut Formatter<'_>, items: &[T], one: impl Fn(&T) -> String) -> fmt::Result {
        let items: Vec<String> = items.iter().map(one).collect();
        write!(f, "[{}]", items.join(", "))
    }

    fn test_value(f: &mut Formatter<'_>, value: &TestValue) -> fmt::Result {
        match value {
            TestValue::ValueText(s) => write!(f, "{s:?}"),
            TestValue::ValueInt(i) => write!(f, "{i}"),
            TestValue::ValueBoolean(b) => write!(f, "{b}"),
            TestValue::ValueNumber(x) => write!(f, "{x:?}"),
            TestValue::ValueTextArray(a) => list(f, &a.values, |s| format!("{s:?}")),
            TestValue::ValueIntArray(a) => list(f, &a.values, |i| i.to_string()),
            TestValue::ValueBooleanArray(a) => list(f, &a.values, |b| b.to_string()),
            TestValue::ValueNumberArray(a) => list(f, &a.values, |x| format!("{x:?}")),
            TestValue::ValueGeo(g) => {
                write!(f, "{}m OF ({}, {})", g.distance, g.latitude, g.longitude)
            }
        }
    }
}

#[cfg(test)]
mod tests;
