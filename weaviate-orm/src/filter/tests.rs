//! Wire encoding of the typed and untyped builders, on hand-written collections shaped like the
//! derive's output.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use serde_json::{Map, Value};
use uuid::Uuid;

use super::*;
use crate::data::Vectors;
use crate::error::Result;
use crate::schema::{CollectionConfig, NestedProperty};
use crate::typed::{
    Field, GeoCoordinates, MultiReference, Reference, WeaviateCollection, WeaviateObject,
};

use pb::filter_target::Target;
use pb::filters::TestValue;

/// Implements the typed traits for a field-less test collection (only `Fields` matters here).
macro_rules! collection {
    ($name:ident, $fields:ident) => {
        struct $name;

        impl WeaviateObject for $name {
            fn nested_properties() -> Vec<NestedProperty> {
                Vec::new()
            }
            fn to_properties(&self) -> Result<Map<String, Value>> {
                Ok(Map::new())
            }
            fn from_json_properties(_: &Map<String, Value>) -> Result<Self> {
                Ok($name)
            }
            fn from_grpc_properties(
                _: &pb::Properties,
                _: &[pb::RefPropertiesResult],
            ) -> Result<Self> {
                Ok($name)
            }
        }

        impl WeaviateCollection for $name {
            const NAME: &'static str = stringify!($name);
            const PROPERTY_NAMES: &'static [&'static str] = &[];
            type Fields = $fields;
            fn collection_config() -> CollectionConfig {
                CollectionConfig::new(Self::NAME)
            }
            fn fields() -> $fields {
                $fields::new()
            }
            fn id(&self) -> Option<Uuid> {
                None
            }
            fn vectors(&self) -> Vectors {
                Vectors::default()
            }
            fn set_id_and_vectors(&mut self, _: Uuid, _: &Vectors) -> Result<()> {
                Ok(())
            }
        }
    };
}

struct PublisherFields {
    name: Field<Publisher, String>,
}

impl PublisherFields {
    fn new() -> Self {
        PublisherFields {
            name: Field::new("name"),
        }
    }
}

struct AuthorFields {
    name: Field<Author, String>,
    age: Field<Author, Option<i64>>,
    publisher: Field<Author, Reference<Publisher>>,
}

impl AuthorFields {
    fn new() -> Self {
        AuthorFields {
            name: Field::new("name"),
            age: Field::new("age"),
            publisher: Field::new("publisher"),
        }
    }
}

struct ArticleFields {
    title: Field<Article, String>,
    views: Field<Article, i64>,
    small: Field<Article, u8>,
    score: Field<Article, f64>,
    ratio: Field<Article, f32>,
    published: Field<Article, bool>,
    at: Field<Article, DateTime<FixedOffset>>,
    key: Field<Article, Uuid>,
    tags: Field<Article, Vec<String>>,
    counts: Field<Article, Vec<i64>>,
    weights: Field<Article, Vec<f64>>,
    days: Field<Article, Vec<DateTime<Utc>>>,
    place: Field<Article, GeoCoordinates>,
    subtitle: Field<Article, Option<String>>,
    rank: Field<Article, Option<u32>>,
    author: Field<Article, Reference<Author>>,
    credits: Field<Article, MultiReference>,
}

impl ArticleFields {
    fn new() -> Self {
        ArticleFields {
            title: Field::new("title"),
            views: Field::new("views"),
            small: Field::new("small"),
            score: Field::new("score"),
            ratio: Field::new("ratio"),
            published: Field::new("published"),
            at: Field::new("at"),
            key: Field::new("key"),
            tags: Field::new("tags"),
            counts: Field::new("counts"),
            weights: Field::new("weights"),
            days: Field::new("days"),
            place: Field::new("place"),
            subtitle: Field::new("subtitle"),
            rank: Field::new("rank"),
            author: Field::new("author"),
            credits: Field::new("credits"),
        }
    }
}

collection!(Publisher, PublisherFields);
collection!(Author, AuthorFields);
collection!(Article, ArticleFields);

fn leaf<C>(operator: Operator, target: pb::FilterTarget, value: TestValue) -> Filter<C> {
    Filter::from_wire(encode::leaf(operator, target, value))
}

fn prop<C>(operator: Operator, name: &str, value: TestValue) -> Filter<C> {
    leaf(operator, encode::property(name), value)
}

fn text(s: &str) -> TestValue {
    TestValue::ValueText(s.into())
}

fn texts(values: &[&str]) -> TestValue {
    TestValue::ValueTextArray(pb::TextArray {
        values: values.iter().map(|s| s.to_string()).collect(),
    })
}

#[test]
fn equality_takes_the_field_type() {
    let a = Article::fields();
    assert_eq!(
        a.title.equal("Hi"),
        prop(Operator::Equal, "title", text("Hi"))
    );
    assert_eq!(
        a.title.not_equal(String::from("Hi")),
        prop(Operator::NotEqual, "title", text("Hi"))
    );
    assert_eq!(
        a.views.equal(1 << 40),
        prop(Operator::Equal, "views", TestValue::ValueInt(1 << 40))
    );
    assert_eq!(
        a.small.equal(200),
        prop(Operator::Equal, "small", TestValue::ValueInt(200))
    );
    assert_eq!(
        a.published.equal(true),
        prop(Operator::Equal, "published", TestValue::ValueBoolean(true))
    );
    assert_eq!(
        a.key.equal(Uuid::nil()),
        prop(Operator::Equal, "key", text(&Uuid::nil().to_string()))
    );
    // Arrays and options compare with their element / inner type.
    assert_eq!(a.tags.equal("x"), prop(Operator::Equal, "tags", text("x")));
    assert_eq!(
        a.rank.equal(3),
        prop(Operator::Equal, "rank", TestValue::ValueInt(3))
    );
    assert_eq!(
        a.subtitle.equal("s"),
        prop(Operator::Equal, "subtitle", text("s"))
    );
}

#[test]
fn ranges_take_numbers_and_dates() {
    let a = Article::fields();
    assert_eq!(
        a.views.gt(10),
        prop(Operator::GreaterThan, "views", TestValue::ValueInt(10))
    );
    assert_eq!(
        a.score.gte(1),
        prop(
            Operator::GreaterThanEqual,
            "score",
            TestValue::ValueNumber(1.0)
        )
    );
    assert_eq!(
        a.ratio.lt(0.1f32),
        prop(Operator::LessThan, "ratio", TestValue::ValueNumber(0.1))
    );
    assert_eq!(
        a.rank.lte(7),
        prop(Operator::LessThanEqual, "rank", TestValue::ValueInt(7))
    );
    let utc = Utc.with_ymd_and_hms(2024, 5, 6, 7, 8, 9).unwrap();
    let plus2 = FixedOffset::east_opt(7200)
        .unwrap()
        .with_ymd_and_hms(2024, 5, 6, 9, 8, 9)
        .unwrap();
    assert_eq!(
        a.at.gt(utc),
        prop(Operator::GreaterThan, "at", text("2024-05-06T07:08:09Z"))
    );
    assert_eq!(
        a.at.lt(plus2),
        prop(Operator::LessThan, "at", text("2024-05-06T09:08:09+02:00"))
    );
}

#[test]
fn like_contains_geo_null_and_length() {
    let a = Article::fields();
    assert_eq!(
        a.title.like("Ru*"),
        prop(Operator::Like, "title", text("Ru*"))
    );
    assert_eq!(a.tags.like("a?"), prop(Operator::Like, "tags", text("a?")));
    assert_eq!(
        a.tags.contains_any(["a", "b"]),
        prop(Operator::ContainsAny, "tags", texts(&["a", "b"]))
    );
    assert_eq!(
        a.title.contains_all(vec![String::from("a")]),
        prop(Operator::ContainsAll, "title", texts(&["a"]))
    );
    let ones: &[i64] = &[1, 2];
    assert_eq!(
        a.counts.contains_none(ones),
        prop(
            Operator::ContainsNone,
            "counts",
            TestValue::ValueIntArray(pb::IntArray { values: vec![1, 2] })
        )
    );
    assert_eq!(
        a.weights.contains_any([1, 2]),
        prop(
            Operator::ContainsAny,
            "weights",
            TestValue::ValueNumberArray(pb::NumberArray {
                values: vec![1.0, 2.0]
            })
        )
    );
    let day = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    assert_eq!(
        a.days.contains_any([day]),
        prop(
            Operator::ContainsAny,
            "days",
            texts(&["2020-01-01T00:00:00Z"])
        )
    );
    let center = GeoCoordinates {
        latitude: 1.5,
        longitude: -2.5,
    };
    assert_eq!(
        a.place.within_geo_range(center, 1000.0),
        prop(
            Operator::WithinGeoRange,
            "place",
            TestValue::ValueGeo(pb::GeoCoordinatesFilter {
                latitude: 1.5,
                longitude: -2.5,
                distance: 1000.0
            })
        )
    );
    assert_eq!(
        a.subtitle.is_none(),
        prop(Operator::IsNull, "subtitle", TestValue::ValueBoolean(true))
    );
    assert_eq!(
        a.rank.is_some(),
        prop(Operator::IsNull, "rank", TestValue::ValueBoolean(false))
    );
    assert_eq!(
        a.title.len().gte(3),
        prop(
            Operator::GreaterThanEqual,
            "len(title)",
            TestValue::ValueInt(3)
        )
    );
    assert_eq!(
        a.tags.len().equal(0),
        prop(Operator::Equal, "len(tags)", TestValue::ValueInt(0))
    );
}

#[test]
fn reference_paths_use_the_target_fields() {
    let a = Article::fields();
    let f = a.author.path(|au| au.name.equal("Ann") | au.age.gt(30));
    let through = |t| encode::single_target("author", t);
    let expect = leaf::<Article>(
        Operator::Equal,
        through(encode::property("name")),
        text("Ann"),
    ) | leaf(
        Operator::GreaterThan,
        through(encode::property("age")),
        TestValue::ValueInt(30),
    );
    assert_eq!(f, expect);
    assert_eq!(f.to_string(), r#"(author.name = "Ann" OR author.age > 30)"#);

    // Two hops.
    let f = a.author.path(|au| au.publisher.path(|p| p.name.like("O*")));
    assert_eq!(
        f,
        leaf(
            Operator::Like,
            encode::single_target(
                "author",
                encode::single_target("publisher", encode::property("name"))
            ),
            text("O*")
        )
    );
    assert_eq!(f.to_string(), r#"author.publisher.name LIKE "O*""#);

    // Multi-target, with id and count inside.
    let f = a
        .credits
        .path_in::<Publisher>(|_| Filter::id().equal(Uuid::nil()));
    assert_eq!(
        f,
        leaf(
            Operator::Equal,
            encode::multi_target("credits", "Publisher", encode::property("_id")),
            text(&Uuid::nil().to_string())
        )
    );
    let f = a.author.path(|au| au.publisher.count().gt(0));
    assert_eq!(f.to_string(), "author.count(publisher) > 0");
}

#[test]
fn reference_counts() {
    let a = Article::fields();
    assert_eq!(
        a.author.count().equal(2),
        leaf(
            Operator::Equal,
            encode::count("author"),
            TestValue::ValueInt(2)
        )
    );
    assert_eq!(
        a.credits.count().lt(usize::MAX).as_wire().test_value,
        Some(TestValue::ValueInt(i64::MAX))
    );
}

#[test]
fn id_and_timestamps() {
    let id = Uuid::from_u128(42);
    assert_eq!(
        Filter::<Article>::id().equal(id),
        prop(Operator::Equal, "_id", text(&id.to_string()))
    );
    assert_eq!(
        Filter::<Article>::id().contains_any([id, Uuid::nil()]),
        prop(
            Operator::ContainsAny,
            "_id",
            texts(&[&id.to_string(), &Uuid::nil().to_string()])
        )
    );
    let at = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap() + chrono::Duration::milliseconds(6);
    assert_eq!(
        Filter::<Article>::creation_time().gte(at),
        prop(
            Operator::GreaterThanEqual,
            "_creationTimeUnix",
            text("2024-01-02T03:04:05.006Z")
        )
    );
    assert_eq!(
        Filter::<Article>::update_time().lt(at.fixed_offset()),
        prop(
            Operator::LessThan,
            "_lastUpdateTimeUnix",
            text("2024-01-02T03:04:05.006Z")
        )
    );
}

#[test]
fn combinators_flatten_and_negate() {
    let a = Article::fields();
    let x = a.views.gt(1);
    let y = a.title.equal("t");
    let z = a.published.equal(true);
    let all = x.clone() & y.clone() & z.clone();
    assert_eq!(all.as_wire().operator, Operator::And as i32);
    assert_eq!(all.as_wire().filters.len(), 3);
    assert_eq!(
        Filter::all([x.clone(), y.clone(), z.clone()]),
        Some(all.clone())
    );
    assert_eq!(x.clone().and(y.clone()).and(z.clone()), all);
    let mixed = (x.clone() | y.clone()) & z.clone();
    assert_eq!(mixed.as_wire().filters.len(), 2);
    assert_eq!(
        mixed.to_string(),
        r#"((views > 1 OR title = "t") AND published = true)"#
    );
    assert_eq!(!!x.clone(), x);
    assert_eq!((!x.clone()).to_string(), "NOT views > 1");
    assert_eq!(Filter::any([y.clone()]), Some(y.clone()));
    assert_eq!(Filter::<Article>::any([]), None);
    let mut acc = x.clone();
    acc &= y.clone();
    acc |= z.clone();
    assert_eq!(acc, (x & y) | z);
    let wire: pb::Filters = acc.clone().into();
    assert_eq!(&wire, acc.as_wire());
}

#[test]
fn untyped_builder_encodes_like_the_typed_one() {
    let a = Article::fields();
    let p = Filter::<Untyped>::property;
    assert_eq!(
        p("views").gt(100i64).into_wire(),
        a.views.gt(100).into_wire()
    );
    assert_eq!(
        p("title").like("x*").into_wire(),
        a.title.like("x*").into_wire()
    );
    assert_eq!(
        p("tags").contains_all(["a"]).into_wire(),
        a.tags.contains_all(["a"]).into_wire()
    );
    assert_eq!(
        p("score").lte(0.5).as_wire().test_value,
        Some(TestValue::ValueNumber(0.5))
    );
    assert_eq!(
        p("subtitle").is_none().into_wire(),
        a.subtitle.is_none().into_wire()
    );
    assert_eq!(p("subtitle").is_some().to_string(), "subtitle IS NOT NULL");
    assert_eq!(
        p("title").len().lt(3).into_wire(),
        a.title.len().lt(3).into_wire()
    );
    assert_eq!(
        p("author").count().gt(0).into_wire(),
        a.author.count().gt(0).into_wire()
    );
    assert_eq!(
        p("author").path(p("name").equal("Ann")).into_wire(),
        a.author.path(|au| au.name.equal("Ann")).into_wire()
    );
    assert_eq!(
        p("credits")
            .path_in("Publisher", p("name").equal("P"))
            .into_wire(),
        a.credits
            .path_in::<Publisher>(|pu| pu.name.equal("P"))
            .into_wire()
    );
    let center = GeoCoordinates::default();
    assert_eq!(
        p("place").within_geo_range(center, 5.0).to_string(),
        "place WITHIN 5m OF (0, 0)"
    );
    assert_eq!(
        a.views.gt(1).untyped().into_wire(),
        p("views").gt(1i64).into_wire()
    );
}

#[test]
fn display_covers_every_value_kind() {
    let a = Article::fields();
    assert_eq!(a.score.equal(1.0).to_string(), "score = 1.0");
    assert_eq!(
        a.weights.contains_any([0.5]).to_string(),
        "weights CONTAINS ANY [0.5]"
    );
    assert_eq!(
        Filter::<Untyped>::property("flags")
            .contains_none([true, false])
            .to_string(),
        "flags CONTAINS NONE [true, false]"
    );
    assert_eq!(
        a.counts.contains_all([1, 2]).to_string(),
        "counts CONTAINS ALL [1, 2]"
    );
    let path = Filter::<Untyped>::property("credits")
        .path_in("Author", Filter::property("n").count().gt(1));
    assert_eq!(path.to_string(), "credits[Author].count(n) > 1");
    #[allow(deprecated)]
    let old = Filter::<Untyped>::from_wire(pb::Filters {
        operator: Operator::Equal as i32,
        on: vec!["title".into()],
        test_value: Some(text("x")),
        ..Default::default()
    });
    assert_eq!(old.to_string(), r#"title = "x""#);
    // An old-style leaf is rewritten to a target when it goes through a reference.
    let through = Filter::<Untyped>::property("author").path(old);
    assert!(matches!(
        through
            .as_wire()
            .target
            .as_ref()
            .and_then(|t| t.target.as_ref()),
        Some(Target::SingleTarget(_))
    ));
}
