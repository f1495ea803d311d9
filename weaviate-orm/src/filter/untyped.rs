//! Filters by property name, for collections known only at run time ([`Filter<Untyped>`]).

use super::field::geo_range;
use super::{CountField, Filter, LengthField, Operand, Untyped, encode};
use crate::typed::GeoCoordinates;
use crate::wire::v1 as pb;

use pb::filters::{Operator, TestValue};

/// A property named at run time, from [`Filter::<Untyped>::property`](Filter::property). It offers
/// every operator and takes any filter value ([`Operand<Untyped>`]: text, integers, floats, booleans,
/// dates, uuids); the server checks that they fit the property.
///
/// ```
/// use weaviate_orm::filter::{Filter, Untyped};
///
/// let f = Filter::<Untyped>::property("views").gt(100i64)
///     & Filter::<Untyped>::property("tags").contains_any(["rust", "db"]);
/// assert_eq!(format!("{f}"), r#"(views > 100 AND tags CONTAINS ANY ["rust", "db"])"#);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UntypedField {
    name: String,
}

impl UntypedField {
    pub(super) fn new(name: String) -> Self {
        UntypedField { name }
    }

    /// The property's name.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// assert_eq!(Filter::<Untyped>::property("views").name(), "views");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    fn leaf(self, operator: Operator, value: TestValue) -> Filter<Untyped> {
        Filter::from_wire(encode::leaf(operator, encode::property(self.name), value))
    }

    /// Matches objects whose property equals `value` (for arrays: one of whose elements does).
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("title").equal("Hello");
    /// # let _ = f;
    /// ```
    pub fn equal<V: Operand<Untyped>>(self, value: V) -> Filter<Untyped> {
        self.leaf(Operator::Equal, value.__value())
    }

    /// Matches objects whose property differs from `value`.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("published").not_equal(false);
    /// # let _ = f;
    /// ```
    pub fn not_equal<V: Operand<Untyped>>(self, value: V) -> Filter<Untyped> {
        self.leaf(Operator::NotEqual, value.__value())
    }

    /// Matches objects whose property is greater than `value`.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("score").gt(0.5);
    /// # let _ = f;
    /// ```
    pub fn gt<V: Operand<Untyped>>(self, value: V) -> Filter<Untyped> {
        self.leaf(Operator::GreaterThan, value.__value())
    }

    /// Matches objects whose property is greater than or equal to `value`.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("at").gte(chrono::Utc::now());
    /// # let _ = f;
    /// ```
    pub fn gte<V: Operand<Untyped>>(self, value: V) -> Filter<Untyped> {
        self.leaf(Operator::GreaterThanEqual, value.__value())
    }

    /// Matches objects whose property is less than `value`.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("views").lt(10);
    /// # let _ = f;
    /// ```
    pub fn lt<V: Operand<Untyped>>(self, value: V) -> Filter<Untyped> {
        self.leaf(Operator::LessThan, value.__value())
    }

    /// Matches objects whose property is less than or equal to `value`.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("views").lte(10);
    /// # let _ = f;
    /// ```
    pub fn lte<V: Operand<Untyped>>(self, value: V) -> Filter<Untyped> {
        self.leaf(Operator::LessThanEqual, value.__value())
    }

    /// Matches text against a pattern (`*` any characters, `?` one).
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("title").like("Rust*");
    /// # let _ = f;
    /// ```
    pub fn like(self, pattern: impl Into<String>) -> Filter<Untyped> {
        self.leaf(Operator::Like, TestValue::ValueText(pattern.into()))
    }

    /// Matches objects whose array (or text, by token) holds at least one of `values`.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("counts").contains_any([1i64, 2]);
    /// # let _ = f;
    /// ```
    pub fn contains_any<I>(self, values: I) -> Filter<Untyped>
    where
        I: IntoIterator,
        I::Item: Operand<Untyped>,
    {
        let values = I::Item::__values(values.into_iter().collect());
        self.leaf(Operator::ContainsAny, values)
    }

    /// Matches objects whose array holds all of `values`.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("tags").contains_all(["a", "b"]);
    /// # let _ = f;
    /// ```
    pub fn contains_all<I>(self, values: I) -> Filter<Untyped>
    where
        I: IntoIterator,
        I::Item: Operand<Untyped>,
    {
        let values = I::Item::__values(values.into_iter().collect());
        self.leaf(Operator::ContainsAll, values)
    }

    /// Matches objects whose array holds none of `values`.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("tags").contains_none(["spam"]);
    /// # let _ = f;
    /// ```
    pub fn contains_none<I>(self, values: I) -> Filter<Untyped>
    where
        I: IntoIterator,
        I::Item: Operand<Untyped>,
    {
        let values = I::Item::__values(values.into_iter().collect());
        self.leaf(Operator::ContainsNone, values)
    }

    /// Matches objects whose geo coordinates lie within `distance_m` meters of `center`.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// use weaviate_orm::typed::GeoCoordinates;
    /// let center = GeoCoordinates { latitude: 48.85, longitude: 2.35 };
    /// let f = Filter::<Untyped>::property("place").within_geo_range(center, 500.0);
    /// # let _ = f;
    /// ```
    pub fn within_geo_range(self, center: GeoCoordinates, distance_m: f32) -> Filter<Untyped> {
        self.leaf(Operator::WithinGeoRange, geo_range(center, distance_m))
    }

    /// Matches objects without a value for the property (the collection must index null state).
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("subtitle").is_none();
    /// # let _ = f;
    /// ```
    pub fn is_none(self) -> Filter<Untyped> {
        self.leaf(Operator::IsNull, TestValue::ValueBoolean(true))
    }

    /// Matches objects with a value for the property (the collection must index null state).
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("subtitle").is_some();
    /// # let _ = f;
    /// ```
    pub fn is_some(self) -> Filter<Untyped> {
        self.leaf(Operator::IsNull, TestValue::ValueBoolean(false))
    }

    /// The property's length (characters of text, elements of an array), to compare with a number
    /// (the collection must index property lengths).
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("title").len().gt(3);
    /// # let _ = f;
    /// ```
    #[allow(clippy::len_without_is_empty)]
    pub fn len(self) -> LengthField<Untyped> {
        LengthField::new(encode::length(&self.name))
    }

    /// The number of targets of this reference property, to compare with a number.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("author").count().gt(0);
    /// # let _ = f;
    /// ```
    pub fn count(self) -> CountField<Untyped> {
        CountField::new(encode::count(self.name))
    }

    /// Follows this single-target reference property: matches objects with a target that `filter`
    /// (built for the target collection) matches.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("author").path(Filter::property("name").equal("Ann"));
    /// assert_eq!(format!("{f}"), r#"author.name = "Ann""#);
    /// ```
    pub fn path(self, filter: Filter<Untyped>) -> Filter<Untyped> {
        let name = self.name;
        Filter::from_wire(encode::through_reference(filter.into_wire(), &|t| {
            encode::single_target(&name, t)
        }))
    }

    /// Follows this reference property into target collection `collection` (for multi-target
    /// references, which need it; it works for single-target ones too).
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::property("credits")
    ///     .path_in("Publisher", Filter::property("name").equal("Pub"));
    /// assert_eq!(format!("{f}"), r#"credits[Publisher].name = "Pub""#);
    /// ```
    pub fn path_in(self, collection: &str, filter: Filter<Untyped>) -> Filter<Untyped> {
        let name = self.name;
        Filter::from_wire(encode::through_reference(filter.into_wire(), &|t| {
            encode::multi_target(&name, collection, t)
        }))
    }
}
