//! The operators of typed field handles: inherent methods of [`Field<C, T>`], each available when
//! `T` implements the matching kind trait ([`EqualFilter`], [`RangeFilter`], ...).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::kinds::{
    ContainsFilter, CountFilter, EqualFilter, GeoFilter, LengthFilter, LikeFilter,
    MultiReferenceFilter, NullFilter, RangeFilter, SingleReferenceFilter,
};
use super::{Filter, Operand, encode};
use crate::typed::{Field, GeoCoordinates, WeaviateCollection};
use crate::wire::v1 as pb;

use pb::filters::{Operator, TestValue};

/// A leaf on property `name` with a typed value.
fn on<C>(name: &str, operator: Operator, value: TestValue) -> Filter<C> {
    Filter::from_wire(encode::leaf(operator, encode::property(name), value))
}

/// A geo-range value: the circle of `distance` meters around `center`.
pub(super) fn geo_range(center: GeoCoordinates, distance: f32) -> TestValue {
    TestValue::ValueGeo(pb::GeoCoordinatesFilter {
        latitude: center.latitude,
        longitude: center.longitude,
        distance,
    })
}

/// The operators of a field handle. Which ones a field offers depends on its Rust type `T`: a misuse
/// (`title.gt(3)` on a `String` field, `views.like("a*")` on an `i64` field, a value of the wrong type)
/// does not compile. The examples use this collection:
///
/// ```
/// use chrono::{DateTime, Utc};
/// use uuid::Uuid;
/// use weaviate_orm::WeaviateCollection;
/// use weaviate_orm::typed::{GeoCoordinates, MultiReference, Reference};
///
/// #[derive(WeaviateCollection)]
/// struct Author {
///     name: String,
/// }
///
/// #[derive(WeaviateCollection)]
/// #[weaviate(inverted_index(index_null_state, index_property_length))]
/// struct Article {
///     title: String,
///     #[weaviate(index_range_filters)]
///     views: i64,
///     published: DateTime<Utc>,
///     tags: Vec<String>,
///     place: GeoCoordinates,
///     subtitle: Option<String>,
///     author: Reference<Author>,
/// }
///
/// let a = Article::fields();
/// let popular = a.views.gte(1000) & a.title.like("Rust*");
/// let tagged = a.tags.contains_any(["rust", "db"]);
/// let by_ann = a.author.path(|author| author.name.equal("Ann"));
/// let untitled = a.subtitle.is_none() | a.title.len().lt(3);
/// # let _ = (popular, tagged, by_ann, untitled);
/// ```
impl<C, T> Field<C, T> {
    /// Matches objects whose field equals `value` (for an array field: one of whose elements does).
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { title: String, views: i64, tags: Vec<String>, rank: Option<u32> }
    /// use weaviate_orm::wire::v1::filters::TestValue;
    ///
    /// let a = Article::fields();
    /// let f = a.title.equal("Hello");
    /// assert_eq!(f.as_wire().test_value, Some(TestValue::ValueText("Hello".into())));
    /// let _ = (a.views.equal(3), a.tags.equal("rust"), a.rank.equal(2));
    /// ```
    pub fn equal<V>(self, value: V) -> Filter<C>
    where
        T: EqualFilter,
        V: Operand<T::Scalar>,
    {
        on(self.name(), Operator::Equal, value.__value())
    }

    /// Matches objects whose field differs from `value`.
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { published: bool }
    /// let f = Article::fields().published.not_equal(true);
    /// # let _ = f;
    /// ```
    pub fn not_equal<V>(self, value: V) -> Filter<C>
    where
        T: EqualFilter,
        V: Operand<T::Scalar>,
    {
        on(self.name(), Operator::NotEqual, value.__value())
    }

    /// Matches objects whose field is greater than `value` (integer, number and date fields).
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { views: i64, score: f64, at: chrono::DateTime<chrono::Utc> }
    /// use chrono::{FixedOffset, TimeZone};
    ///
    /// let a = Article::fields();
    /// let recent = a.at.gt(FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap());
    /// let _ = (a.views.gt(100), a.score.gt(0.5), a.score.gt(1), recent);
    /// ```
    pub fn gt<V>(self, value: V) -> Filter<C>
    where
        T: RangeFilter,
        V: Operand<T::Scalar>,
    {
        on(self.name(), Operator::GreaterThan, value.__value())
    }

    /// Matches objects whose field is greater than or equal to `value`.
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { views: i64 }
    /// let f = Article::fields().views.gte(100);
    /// # let _ = f;
    /// ```
    pub fn gte<V>(self, value: V) -> Filter<C>
    where
        T: RangeFilter,
        V: Operand<T::Scalar>,
    {
        on(self.name(), Operator::GreaterThanEqual, value.__value())
    }

    /// Matches objects whose field is less than `value`.
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { views: Option<u32> }
    /// let f = Article::fields().views.lt(10);
    /// # let _ = f;
    /// ```
    pub fn lt<V>(self, value: V) -> Filter<C>
    where
        T: RangeFilter,
        V: Operand<T::Scalar>,
    {
        on(self.name(), Operator::LessThan, value.__value())
    }

    /// Matches objects whose field is less than or equal to `value`.
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { score: f32 }
    /// let f = Article::fields().score.lte(0.5);
    /// # let _ = f;
    /// ```
    pub fn lte<V>(self, value: V) -> Filter<C>
    where
        T: RangeFilter,
        V: Operand<T::Scalar>,
    {
        on(self.name(), Operator::LessThanEqual, value.__value())
    }

    /// Matches text against a pattern: `*` stands for any characters, `?` for one. The pattern is
    /// tokenized like the property (with `word` tokenization `like("Rust*")` matches a word).
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { #[weaviate(tokenization = field)] slug: String }
    /// let f = Article::fields().slug.like("2024-??-*");
    /// # let _ = f;
    /// ```
    pub fn like(self, pattern: impl Into<String>) -> Filter<C>
    where
        T: LikeFilter,
    {
        on(
            self.name(),
            Operator::Like,
            TestValue::ValueText(pattern.into()),
        )
    }

    /// Matches objects whose array holds at least one of `values` (for text: one of the tokens).
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { tags: Vec<String>, counts: Vec<i64> }
    /// let a = Article::fields();
    /// let _ = (a.tags.contains_any(["rust", "db"]), a.counts.contains_any(vec![1, 2]));
    /// ```
    pub fn contains_any<I>(self, values: I) -> Filter<C>
    where
        T: ContainsFilter,
        I: IntoIterator,
        I::Item: Operand<T::Scalar>,
    {
        let values = I::Item::__values(values.into_iter().collect());
        on(self.name(), Operator::ContainsAny, values)
    }

    /// Matches objects whose array holds all of `values`.
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { tags: Vec<String> }
    /// let wanted = vec![String::from("rust"), String::from("db")];
    /// let f = Article::fields().tags.contains_all(&wanted);
    /// # let _ = f;
    /// ```
    pub fn contains_all<I>(self, values: I) -> Filter<C>
    where
        T: ContainsFilter,
        I: IntoIterator,
        I::Item: Operand<T::Scalar>,
    {
        let values = I::Item::__values(values.into_iter().collect());
        on(self.name(), Operator::ContainsAll, values)
    }

    /// Matches objects whose array holds none of `values`.
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] struct Article { flags: Vec<bool> }
    /// let f = Article::fields().flags.contains_none([false]);
    /// # let _ = f;
    /// ```
    pub fn contains_none<I>(self, values: I) -> Filter<C>
    where
        T: ContainsFilter,
        I: IntoIterator,
        I::Item: Operand<T::Scalar>,
    {
        let values = I::Item::__values(values.into_iter().collect());
        on(self.name(), Operator::ContainsNone, values)
    }

    /// Matches objects whose coordinates lie within `distance_m` meters of `center`.
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// use weaviate_orm::typed::GeoCoordinates;
    /// # #[derive(WeaviateCollection)] struct Shop { place: GeoCoordinates }
    ///
    /// let berlin = GeoCoordinates { latitude: 52.52, longitude: 13.405 };
    /// let f = Shop::fields().place.within_geo_range(berlin, 10_000.0);
    /// # let _ = f;
    /// ```
    pub fn within_geo_range(self, center: GeoCoordinates, distance_m: f32) -> Filter<C>
    where
        T: GeoFilter,
    {
        on(
            self.name(),
            Operator::WithinGeoRange,
            geo_range(center, distance_m),
        )
    }

    /// Matches objects without a value for this `Option` field. The collection must index null
    /// state (`#[weaviate(inverted_index(index_null_state))]`).
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] #[weaviate(inverted_index(index_null_state))] struct Article { subtitle: Option<String> }
    /// let f = Article::fields().subtitle.is_none();
    /// # let _ = f;
    /// ```
    pub fn is_none(self) -> Filter<C>
    where
        T: NullFilter,
    {
        on(self.name(), Operator::IsNull, TestValue::ValueBoolean(true))
    }

    /// Matches objects with a value for this `Option` field (the opposite of
    /// [`is_none`](Self::is_none)).
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] #[weaviate(inverted_index(index_null_state))] struct Article { rank: Option<i64> }
    /// let f = Article::fields().rank.is_some();
    /// # let _ = f;
    /// ```
    pub fn is_some(self) -> Filter<C>
    where
        T: NullFilter,
    {
        on(
            self.name(),
            Operator::IsNull,
            TestValue::ValueBoolean(false),
        )
    }

    /// The length of this text (in characters) or array (in elements), to compare with a number.
    /// The collection must index property lengths
    /// (`#[weaviate(inverted_index(index_property_length))]`).
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # #[derive(WeaviateCollection)] #[weaviate(inverted_index(index_property_length))] struct Article { title: String, tags: Vec<String> }
    /// let a = Article::fields();
    /// let f = a.title.len().gt(10) & a.tags.len().equal(0);
    /// # let _ = f;
    /// ```
    #[allow(clippy::len_without_is_empty)]
    pub fn len(self) -> LengthField<C>
    where
        T: LengthFilter,
    {
        LengthField::new(encode::length(self.name()))
    }

    /// The number of targets of this reference field, to compare with a number.
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// # use weaviate_orm::typed::Reference;
    /// # #[derive(WeaviateCollection)] struct Author { name: String }
    /// # #[derive(WeaviateCollection)] struct Article { author: Reference<Author> }
    /// let f = Article::fields().author.count().gte(2);
    /// # let _ = f;
    /// ```
    pub fn count(self) -> CountField<C>
    where
        T: CountFilter,
    {
        CountField::new(encode::count(self.name()))
    }

    /// Follows this reference into its target collection `R`: `build` receives `R`'s field handles
    /// and returns a `Filter<R>`, which becomes a `Filter<C>` matching objects that have a target
    /// matching it. Paths nest (a reference of `R` can be followed in turn), and `build` may use
    /// `Filter::<R>::id()` and the other collection-level handles.
    ///
    /// Each comparison inside is tested against the targets on its own: with several targets,
    /// `a.name.equal("Ann") & a.age.gt(30)` matches when one target is named Ann and one (maybe
    /// another) is older than 30.
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// use weaviate_orm::filter::Filter;
    /// use weaviate_orm::typed::Reference;
    /// # #[derive(WeaviateCollection)] struct Publisher { name: String }
    /// # #[derive(WeaviateCollection)] struct Author { name: String, publisher: Reference<Publisher> }
    /// # #[derive(WeaviateCollection)] struct Article { author: Reference<Author> }
    ///
    /// let a = Article::fields();
    /// let by_ann: Filter<Article> = a.author.path(|author| author.name.equal("Ann"));
    /// let two_hops = a.author.path(|author| author.publisher.path(|p| p.name.like("O'*")));
    /// let by_id = a.author.path(|_| Filter::id().equal(uuid::Uuid::nil()));
    /// # let _ = (by_ann, two_hops, by_id);
    /// ```
    pub fn path<F>(self, build: F) -> Filter<C>
    where
        T: SingleReferenceFilter,
        F: FnOnce(<T::Target as WeaviateCollection>::Fields) -> Filter<T::Target>,
    {
        let inner = build(<T::Target as WeaviateCollection>::fields()).into_wire();
        let name = self.name();
        Filter::from_wire(encode::through_reference(inner, &|t| {
            encode::single_target(name, t)
        }))
    }

    /// Follows this multi-target reference into its target collection `R` (one of the field's
    /// `targets(...)`), like [`path`](Self::path).
    ///
    /// ```
    /// # use weaviate_orm::WeaviateCollection;
    /// use weaviate_orm::typed::MultiReference;
    /// # #[derive(WeaviateCollection)] struct Author { name: String }
    /// # #[derive(WeaviateCollection)] struct Publisher { name: String }
    /// # #[derive(WeaviateCollection)] struct Article { #[weaviate(targets(Author, Publisher))] credits: MultiReference }
    ///
    /// let c = Article::fields().credits;
    /// let f = c.path_in::<Author>(|a| a.name.equal("Ann")) | c.path_in::<Publisher>(|p| p.name.equal("Pub"));
    /// # let _ = f;
    /// ```
    pub fn path_in<R: WeaviateCollection>(
        self,
        build: impl FnOnce(R::Fields) -> Filter<R>,
    ) -> Filter<C>
    where
        T: MultiReferenceFilter,
    {
        let inner = build(R::fields()).into_wire();
        let name = self.name();
        Filter::from_wire(encode::through_reference(inner, &|t| {
            encode::multi_target(name, R::NAME, t)
        }))
    }
}

/// The object id, reached with [`Filter::id`].
///
/// ```
/// use uuid::Uuid;
/// use weaviate_orm::filter::{Filter, Untyped};
///
/// let one = Filter::<Untyped>::id().equal(Uuid::nil());
/// let some = Filter::<Untyped>::id().contains_any([Uuid::nil(), Uuid::max()]);
/// # let _ = (one, some);
/// ```
pub struct IdField<C> {
    _collection: std::marker::PhantomData<fn() -> C>,
}

impl<C> IdField<C> {
    pub(super) fn new() -> Self {
        IdField {
            _collection: std::marker::PhantomData,
        }
    }

    fn leaf(operator: Operator, value: TestValue) -> Filter<C> {
        Filter::from_wire(encode::leaf(operator, encode::property(super::ID), value))
    }

    /// Matches the object with this id.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::id().equal(uuid::Uuid::nil());
    /// # let _ = f;
    /// ```
    pub fn equal<V: Operand<Uuid>>(self, id: V) -> Filter<C> {
        Self::leaf(Operator::Equal, id.__value())
    }

    /// Matches every object but the one with this id.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::id().not_equal(uuid::Uuid::nil());
    /// # let _ = f;
    /// ```
    pub fn not_equal<V: Operand<Uuid>>(self, id: V) -> Filter<C> {
        Self::leaf(Operator::NotEqual, id.__value())
    }

    /// Matches the objects with one of these ids.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let ids = vec![uuid::Uuid::nil()];
    /// let f = Filter::<Untyped>::id().contains_any(&ids);
    /// # let _ = f;
    /// ```
    pub fn contains_any<I>(self, ids: I) -> Filter<C>
    where
        I: IntoIterator,
        I::Item: Operand<Uuid>,
    {
        let values = I::Item::__values(ids.into_iter().collect());
        Self::leaf(Operator::ContainsAny, values)
    }

    /// Matches the objects whose id is none of these.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::id().contains_none([uuid::Uuid::nil()]);
    /// # let _ = f;
    /// ```
    pub fn contains_none<I>(self, ids: I) -> Filter<C>
    where
        I: IntoIterator,
        I::Item: Operand<Uuid>,
    {
        let values = I::Item::__values(ids.into_iter().collect());
        Self::leaf(Operator::ContainsNone, values)
    }
}

/// An object timestamp (creation or last update), reached with [`Filter::creation_time`] and
/// [`Filter::update_time`], compared with dates (`DateTime<Utc>` or `DateTime<FixedOffset>`). The
/// server keeps timestamps in milliseconds; the collection must index them
/// (`#[weaviate(inverted_index(index_timestamps))]`).
///
/// Weaviate 1.39 compares timestamps as the decimal text of their milliseconds; the range
/// comparisons here rewrite their bound so that the result is what the dates say (a bound before
/// 2001-09-09 or after 2286-11-20 becomes the 13-digit bound selecting the same objects; a fraction
/// of a millisecond is rounded the exact way). `equal` compares to the millisecond.
///
/// ```
/// use chrono::{TimeZone, Utc};
/// use weaviate_orm::filter::{Filter, Untyped};
///
/// let since = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
/// let f = Filter::<Untyped>::creation_time().gte(since) & Filter::<Untyped>::update_time().lt(since);
/// # let _ = f;
/// ```
pub struct TimeField<C> {
    name: &'static str,
    _collection: std::marker::PhantomData<fn() -> C>,
}

impl<C> TimeField<C> {
    pub(super) fn new(name: &'static str) -> Self {
        TimeField {
            name,
            _collection: std::marker::PhantomData,
        }
    }

    fn leaf(&self, operator: Operator, value: TestValue) -> Filter<C> {
        let (operator, value) = timestamp_bound(operator, value);
        Filter::from_wire(encode::leaf(operator, encode::property(self.name), value))
    }
}

/// The earliest and latest timestamps (Unix milliseconds) with 13 digits.
const THIRTEEN_DIGITS: (i64, i64) = (1_000_000_000_000, 9_999_999_999_999);

/// Makes a timestamp range comparison exact. Weaviate 1.39 indexes object timestamps as the
/// decimal text of their Unix milliseconds and compares that text byte by byte, so a bound with
/// another number of digits than the stored timestamps (13 digits: 2001-09-09 to 2286-11-20)
/// would compare wrongly (`"946684800000" > "1700000000000"`): such a bound is replaced by the
/// 13-digit one that selects the same objects. A bound with a fraction of a millisecond is rounded
/// the way that keeps the comparison exact (the server truncates it).
fn timestamp_bound(operator: Operator, value: TestValue) -> (Operator, TestValue) {
    let TestValue::ValueText(text) = &value else {
        return (operator, value);
    };
    let Ok(date) = DateTime::parse_from_rfc3339(text) else {
        return (operator, value);
    };
    let millis = date.timestamp_millis();
    let fraction = date.timestamp_subsec_nanos() % 1_000_000 != 0;
    let (low, high) = THIRTEEN_DIGITS;
    let (operator, millis) = match operator {
        Operator::GreaterThan | Operator::GreaterThanEqual if millis < low => {
            (Operator::GreaterThanEqual, low)
        }
        Operator::LessThan | Operator::LessThanEqual if millis < low => (Operator::LessThan, low),
        Operator::GreaterThan | Operator::GreaterThanEqual if millis > high => {
            (Operator::GreaterThan, high)
        }
        Operator::LessThan | Operator::LessThanEqual if millis > high => {
            (Operator::LessThanEqual, high)
        }
        // `t >= 5.5 ms` is `t > 5 ms`; `t < 5.5 ms` is `t <= 5 ms`.
        Operator::GreaterThanEqual if fraction => (Operator::GreaterThan, millis),
        Operator::LessThan if fraction => (Operator::LessThanEqual, millis),
        _ => return (operator, value),
    };
    let date = DateTime::<Utc>::from_timestamp_millis(millis).unwrap_or_default();
    let text = super::operand::date_text(&date.fixed_offset());
    (operator, TestValue::ValueText(text))
}

macro_rules! time_comparisons {
    ($($(#[$doc:meta])* $method:ident => $operator:ident;)+) => {
        impl<C> TimeField<C> {$(
            $(#[$doc])*
            pub fn $method<V: Operand<DateTime<Utc>>>(self, date: V) -> Filter<C> {
                self.leaf(Operator::$operator, date.__value())
            }
        )+}
    };
}

time_comparisons! {
    /// Matches objects whose timestamp is this instant (to the millisecond).
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::creation_time().equal(chrono::Utc::now());
    /// # let _ = f;
    /// ```
    equal => Equal;
    /// Matches objects whose timestamp is not this instant.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::creation_time().not_equal(chrono::Utc::now());
    /// # let _ = f;
    /// ```
    not_equal => NotEqual;
    /// Matches objects whose timestamp is after this instant.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::update_time().gt(chrono::Utc::now());
    /// # let _ = f;
    /// ```
    gt => GreaterThan;
    /// Matches objects whose timestamp is this instant or after it.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::update_time().gte(chrono::Utc::now());
    /// # let _ = f;
    /// ```
    gte => GreaterThanEqual;
    /// Matches objects whose timestamp is before this instant.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::creation_time().lt(chrono::Utc::now());
    /// # let _ = f;
    /// ```
    lt => LessThan;
    /// Matches objects whose timestamp is this instant or before it.
    ///
    /// ```
    /// # use weaviate_orm::filter::{Filter, Untyped};
    /// let f = Filter::<Untyped>::creation_time().lte(chrono::Utc::now());
    /// # let _ = f;
    /// ```
    lte => LessThanEqual;
}

/// Comparisons of a count with a number, shared by [`LengthField`] and [`CountField`].
macro_rules! count_comparisons {
    ($handle:ident) => {
        impl<C> $handle<C> {
            pub(super) fn new(target: pb::FilterTarget) -> Self {
                $handle {
                    target,
                    _collection: std::marker::PhantomData,
                }
            }

            fn leaf(self, operator: Operator, n: usize) -> Filter<C> {
                let n = i64::try_from(n).unwrap_or(i64::MAX);
                Filter::from_wire(encode::leaf(operator, self.target, TestValue::ValueInt(n)))
            }

            /// Matches when the count is `n`.
            pub fn equal(self, n: usize) -> Filter<C> {
                self.leaf(Operator::Equal, n)
            }

            /// Matches when the count is not `n`.
            pub fn not_equal(self, n: usize) -> Filter<C> {
                self.leaf(Operator::NotEqual, n)
            }

            /// Matches when the count is greater than `n`.
            pub fn gt(self, n: usize) -> Filter<C> {
                self.leaf(Operator::GreaterThan, n)
            }

            /// Matches when the count is `n` or greater.
            pub fn gte(self, n: usize) -> Filter<C> {
                self.leaf(Operator::GreaterThanEqual, n)
            }

            /// Matches when the count is less than `n`.
            pub fn lt(self, n: usize) -> Filter<C> {
                self.leaf(Operator::LessThan, n)
            }

            /// Matches when the count is `n` or less.
            pub fn lte(self, n: usize) -> Filter<C> {
                self.leaf(Operator::LessThanEqual, n)
            }
        }
    };
}

/// The length of a text (characters) or array (elements) property, from `field.len()`. Compared
/// with `usize`; the collection must index property lengths
/// (`#[weaviate(inverted_index(index_property_length))]`).
///
/// ```
/// use weaviate_orm::filter::{Filter, Untyped};
/// use weaviate_orm::typed::Field;
///
/// let tags: Field<Untyped, Vec<String>> = Field::new("tags");
/// let f = tags.len().gte(2) & Filter::<Untyped>::property("title").len().lt(80);
/// assert_eq!(format!("{f}"), "(len(tags) >= 2 AND len(title) < 80)");
/// ```
pub struct LengthField<C> {
    target: pb::FilterTarget,
    _collection: std::marker::PhantomData<fn() -> C>,
}

count_comparisons!(LengthField);

/// The number of targets of a reference property, from `field.count()`. Compared with `usize`.
///
/// ```
/// use weaviate_orm::filter::{Filter, Untyped};
///
/// let f = Filter::<Untyped>::property("authors").count().equal(0);
/// assert_eq!(format!("{f}"), "count(authors) = 0");
/// ```
pub struct CountField<C> {
    target: pb::FilterTarget,
    _collection: std::marker::PhantomData<fn() -> C>,
}

count_comparisons!(CountField);

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn bound(operator: Operator, date: DateTime<Utc>) -> (Operator, String) {
        let text = super::super::operand::date_text(&date.fixed_offset());
        match timestamp_bound(operator, TestValue::ValueText(text)) {
            (operator, TestValue::ValueText(text)) => (operator, text),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn timestamp_bounds_keep_thirteen_digits() {
        let y2k = Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap();
        let low = "2001-09-09T01:46:40Z".to_owned();
        assert_eq!(
            bound(Operator::GreaterThan, y2k),
            (Operator::GreaterThanEqual, low.clone())
        );
        assert_eq!(
            bound(Operator::GreaterThanEqual, y2k),
            (Operator::GreaterThanEqual, low.clone())
        );
        assert_eq!(
            bound(Operator::LessThan, y2k),
            (Operator::LessThan, low.clone())
        );
        assert_eq!(
            bound(Operator::LessThanEqual, y2k),
            (Operator::LessThan, low)
        );
        assert_eq!(
            bound(Operator::Equal, y2k),
            (Operator::Equal, "2000-01-01T00:00:00Z".into())
        );
        let far = Utc.with_ymd_and_hms(2300, 1, 1, 0, 0, 0).unwrap();
        let high = "2286-11-20T17:46:39.999Z".to_owned();
        assert_eq!(
            bound(Operator::GreaterThanEqual, far),
            (Operator::GreaterThan, high.clone())
        );
        assert_eq!(
            bound(Operator::LessThan, far),
            (Operator::LessThanEqual, high)
        );
        let now = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            bound(Operator::GreaterThan, now),
            (Operator::GreaterThan, "2024-01-01T00:00:00Z".into())
        );
    }

    #[test]
    fn timestamp_bounds_round_sub_millisecond_fractions_exactly() {
        let t = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()
            + chrono::Duration::microseconds(5500);
        assert_eq!(
            bound(Operator::GreaterThanEqual, t),
            (Operator::GreaterThan, "2024-01-01T00:00:00.005Z".into())
        );
        assert_eq!(
            bound(Operator::LessThan, t),
            (Operator::LessThanEqual, "2024-01-01T00:00:00.005Z".into())
        );
        assert_eq!(bound(Operator::GreaterThan, t).0, Operator::GreaterThan);
        assert_eq!(bound(Operator::LessThanEqual, t).0, Operator::LessThanEqual);
    }
}
