//! The requests aggregations send (what Weaviate 1.39's `parse_aggregate_request.go` reads) and
//! the decoding of replies (what `prepare_aggregate_reply.go` writes).

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use uuid::Uuid;

use super::metrics::MetricSet;
use super::*;
use crate::error::Error;
use crate::query::Targets;
use crate::query::tests::client;
use crate::schema::DataType;
use crate::typed::Field;
use crate::wire::v1 as pb;
use pb::aggregate_reply::aggregations::{Aggregation as ReplyAgg, aggregation as rep};
use pb::aggregate_request::Search as Wire;
use pb::aggregate_request::aggregation::Aggregation as Req;

const VIEWS: Field<Untyped, i64> = Field::new("views");
const SCORES: Field<Untyped, Option<Vec<f64>>> = Field::new("scores");
const TITLE: Field<Untyped, String> = Field::new("title");
const DONE: Field<Untyped, Vec<bool>> = Field::new("done");
const WHEN: Field<Untyped, Option<DateTime<FixedOffset>>> = Field::new("when");

fn invalid(r: crate::Result<pb::AggregateRequest>) -> String {
    match r {
        Err(Error::InvalidInput { message }) => message,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[tokio::test]
async fn over_all_sends_each_property_with_its_kind_and_flags() {
    let client = client().await;
    let r = client
        .collection("Article")
        .with_tenant("acme")
        .aggregate()
        .over_all()
        .metrics((
            VIEWS.metrics().sum().median(),
            TITLE.metrics().top_occurrences(3),
            DONE.metrics().percentage_true(),
            WHEN.metrics().all(),
            SCORES.metrics().mode(),
        ))
        .total_count()
        .to_request()
        .unwrap();
    assert_eq!(r.collection, "Article");
    assert_eq!(r.tenant, "acme");
    assert!(r.objects_count);
    assert!(r.search.is_none() && r.group_by.is_none() && r.object_limit.is_none());
    let names: Vec<_> = r.aggregations.iter().map(|a| a.property.as_str()).collect();
    assert_eq!(names, ["views", "title", "done", "when", "scores"]);
    match &r.aggregations[0].aggregation {
        Some(Req::Int(i)) => {
            assert!(i.sum && i.median && !i.mean && !i.count && !i.mode);
        }
        other => panic!("{other:?}"),
    }
    match &r.aggregations[1].aggregation {
        Some(Req::Text(t)) => {
            assert!(t.top_occurences && !t.count);
            assert_eq!(t.top_occurences_limit, Some(3));
        }
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(&r.aggregations[2].aggregation, Some(Req::Boolean(b)) if b.percentage_true && !b.total_true)
    );
    assert!(
        matches!(&r.aggregations[3].aggregation, Some(Req::Date(d)) if d.count && d.median && d.mode && d.minimum && d.maximum)
    );
    assert!(matches!(&r.aggregations[4].aggregation, Some(Req::Number(n)) if n.mode && !n.sum));

    // no total count unless asked; nothing but the count
    let r = client
        .collection("Article")
        .aggregate()
        .over_all()
        .to_request()
        .unwrap();
    assert!(!r.objects_count && r.aggregations.is_empty() && r.tenant.is_empty());
}

#[tokio::test]
async fn searches_travel_as_the_query_layer_builds_them() {
    let client = client().await;
    let a = client.collection("Doc").aggregate();

    let r = a
        .near_vector(vec![1.0, 0.0])
        .target("v")
        .object_limit(4)
        .to_request()
        .unwrap();
    assert_eq!(r.object_limit, Some(4));
    match r.search {
        Some(Wire::NearVector(n)) => {
            assert_eq!(n.vectors.len(), 1);
            assert_eq!(n.targets.unwrap().target_vectors, ["v"]);
        }
        other => panic!("{other:?}"),
    }
    let r = a.near_vector(vec![1.0]).distance(0.5).to_request().unwrap();
    assert!(matches!(r.search, Some(Wire::NearVector(n)) if n.distance == Some(0.5)));

    let id = Uuid::from_u128(9);
    let r = a.near_object(id).certainty(0.7).to_request().unwrap();
    assert!(
        matches!(r.search, Some(Wire::NearObject(n)) if n.id == id.to_string() && n.certainty == Some(0.7))
    );

    let r = a
        .near_text("cats")
        .move_away(crate::query::Move::force(0.5).concepts(["dogs"]))
        .object_limit(2)
        .to_request()
        .unwrap();
    match r.search {
        Some(Wire::NearText(n)) => {
            assert_eq!(n.query, ["cats"]);
            assert_eq!(n.move_away.unwrap().concepts, ["dogs"]);
        }
        other => panic!("{other:?}"),
    }

    // bm25 is hybrid with alpha 0 (keyword ranking only)
    let r = a
        .bm25("rust")
        .operator(crate::query::Bm25Operator::And)
        .object_limit(3)
        .to_request()
        .unwrap();
    match r.search {
        Some(Wire::Hybrid(h)) => {
            assert_eq!(h.query, "rust");
            assert_eq!(h.alpha_param, Some(0.0));
            assert!(h.use_alpha_param);
            assert!(h.bm25_search_operator.is_some());
            assert!(h.vectors.is_empty());
        }
        other => panic!("{other:?}"),
    }
    let r = a
        .hybrid("rust")
        .alpha(0.5)
        .object_limit(3)
        .to_request()
        .unwrap();
    assert!(matches!(r.search, Some(Wire::Hybrid(h)) if h.alpha_param == Some(0.5)));
    // a hybrid search with its own vector needs no object limit
    assert!(a.hybrid("rust").vector(vec![1.0]).to_request().is_ok());
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let client = client().await;
    let a = client.collection("Doc").aggregate();
    assert!(invalid(a.near_vector(vec![1.0]).to_request()).contains("object_limit"));
    assert!(invalid(a.near_text("x").to_request()).contains("object_limit"));
    assert!(invalid(a.bm25("x").to_request()).contains("bm25"));
    assert!(invalid(a.hybrid("x").to_request()).contains("hybrid"));
    assert!(invalid(a.near_vector(vec![1.0]).object_limit(0).to_request()).contains("at least 1"));
    let two = a
        .near_vector(vec![1.0])
        .targets(Targets::average(["a", "b"]))
        .object_limit(1)
        .to_request();
    assert!(invalid(two).contains("one target vector"));
    assert!(
        invalid(
            a.near_vector(Vec::<f32>::new())
                .object_limit(1)
                .to_request()
        )
        .contains("empty")
    );
    assert!(
        invalid(
            a.near_vector(vec![1.0])
                .certainty(0.5)
                .distance(0.5)
                .to_request()
        )
        .contains("not both")
    );

    let ml = || crate::filter::Filter::property("topic").equal("ml");
    let e = invalid(a.bm25("x").object_limit(5).filter(ml()).to_request());
    assert!(e.contains("no filter to the keyword matches"), "{e}");
    assert!(invalid(a.hybrid("x").object_limit(5).filter(ml()).to_request()).contains("hybrid"));
    // vector only (alpha 1) takes the filter
    assert!(
        a.hybrid("x")
            .alpha(1.0)
            .object_limit(5)
            .filter(ml())
            .to_request()
            .is_ok()
    );
    assert!(invalid(a.near_vector(vec![1.0]).distance(3.0).to_request()).contains("below 2"));
    assert!(
        a.near_vector(vec![1.0])
            .distance(3.0)
            .object_limit(2)
            .to_request()
            .is_ok()
    );

    let about = UntypedMetrics::reference("about").pointing_to();
    assert!(invalid(a.over_all().metrics(about.clone()).to_request()).contains("pointing_to"));
    assert!(
        a.over_all()
            .filter(ml())
            .metrics(about)
            .to_request()
            .is_ok()
    );

    let twice = a
        .over_all()
        .metrics((VIEWS.metrics().sum(), VIEWS.metrics().mean()))
        .to_request();
    assert!(invalid(twice).contains("aggregated twice"));
    assert!(invalid(a.over_all().metrics(VIEWS.metrics()).to_request()).contains("no metric"));
    assert!(
        invalid(
            a.over_all()
                .metrics(TITLE.metrics().top_occurrences(0))
                .to_request()
        )
        .contains("limit")
    );
    assert!(
        invalid(
            a.over_all()
                .metrics(UntypedMetrics::int("").sum())
                .to_request()
        )
        .contains("empty")
    );
    assert!(invalid(a.over_all().group_by("topic").limit(0).to_request()).contains("at least 1"));
    let bad_name = client
        .collection("not a name")
        .aggregate()
        .over_all()
        .to_request();
    assert!(matches!(bad_name, Err(Error::InvalidInput { .. })));
    assert!(UntypedMetrics::for_data_type("at", &DataType::GeoCoordinates, 3).is_err());
    assert!(UntypedMetrics::for_data_type("id", &DataType::Uuid, 3).is_err());
}

#[tokio::test]
async fn group_by_names_the_collection_and_counts() {
    let client = client().await;
    let r = client
        .collection("Article")
        .aggregate()
        .over_all()
        .group_by("topic")
        .limit(7)
        .metrics(VIEWS.metrics().sum())
        .to_request()
        .unwrap();
    let g = r.group_by.unwrap();
    assert_eq!(
        (g.collection.as_str(), g.property.as_str()),
        ("Article", "topic")
    );
    assert_eq!(r.limit, Some(7));
    assert!(r.objects_count);
}

fn int_reply(property: &str) -> ReplyAgg {
    ReplyAgg {
        property: property.into(),
        aggregation: Some(rep::Aggregation::Int(rep::Integer {
            count: Some(4),
            r#type: Some("int".into()),
            mean: Some(2.5),
            median: Some(2.5),
            mode: Some(1),
            maximum: Some(4),
            minimum: Some(1),
            sum: Some(10),
        })),
    }
}

#[test]
fn replies_decode_into_the_shape_asked_for_and_only_what_was_asked() {
    let reply = pb::aggregate_reply::Aggregations {
        aggregations: vec![
            ReplyAgg {
                property: "title".into(),
                aggregation: Some(rep::Aggregation::Text(rep::Text {
                    count: Some(3),
                    r#type: Some("text".into()),
                    top_occurences: Some(rep::text::TopOccurrences {
                        items: vec![rep::text::top_occurrences::TopOccurrence {
                            value: "a".into(),
                            occurs: 2,
                        }],
                    }),
                })),
            },
            int_reply("views"),
            ReplyAgg {
                property: "when".into(),
                aggregation: Some(rep::Aggregation::Date(rep::Date {
                    count: Some(2),
                    maximum: Some("2024-01-02T03:04:05.5Z".into()),
                    ..Default::default()
                })),
            },
            ReplyAgg {
                property: "done".into(),
                aggregation: Some(rep::Aggregation::Boolean(rep::Boolean {
                    count: Some(4),
                    total_true: Some(1),
                    total_false: Some(3),
                    percentage_true: Some(0.25),
                    percentage_false: Some(0.75),
                    ..Default::default()
                })),
            },
        ],
    };
    let set = (
        VIEWS.metrics().sum().mean(),
        TITLE.metrics().top_occurrences(1),
        WHEN.metrics().maximum().count(),
        DONE.metrics().total_false(),
        SCORES.metrics().sum(),
    );
    let (views, title, when, done, scores) =
        MetricSet::<Untyped>::__decode(&set, Some(&reply)).unwrap();
    assert_eq!(
        views,
        IntMetrics {
            sum: Some(10),
            mean: Some(2.5),
            ..Default::default()
        }
    );
    assert_eq!(title.count, None);
    assert_eq!(
        title.top_occurrences,
        Some(vec![TopOccurrence {
            value: "a".into(),
            count: 2
        }])
    );
    assert_eq!(when.count, Some(2));
    let expected =
        Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).unwrap() + chrono::Duration::milliseconds(500);
    assert_eq!(when.maximum.map(|d| d.with_timezone(&Utc)), Some(expected));
    assert_eq!(when.minimum, None);
    assert_eq!(done.total_false, Some(3));
    assert_eq!(done.percentage_true, None);
    // no statistics sent for `scores` (no values): nothing
    assert_eq!(scores, NumberMetrics::default());

    // a property whose server-side type is not the field's is a decode error
    let wrong = (TITLE.metrics().count(),);
    let only_views = pb::aggregate_reply::Aggregations {
        aggregations: vec![ReplyAgg {
            property: "title".into(),
            ..int_reply("title")
        }],
    };
    let e = MetricSet::<Untyped>::__decode(&wrong, Some(&only_views)).unwrap_err();
    assert!(
        matches!(&e, Error::Decode { message } if message.contains("as int")),
        "{e}"
    );

    // untyped: a Vec of run-time kinds, results in order
    let any = vec![
        UntypedMetrics::for_data_type("views", &DataType::Int, 3).unwrap(),
        UntypedMetrics::text("title").count().into(),
    ];
    let out = any.__decode(Some(&reply)).unwrap();
    assert_eq!(out[0].property, "views");
    assert!(
        matches!(&out[0].metrics, AnyMetrics::Int(i) if i.median == Some(2.5) && i.count == Some(4))
    );
    assert!(
        matches!(&out[1].metrics, AnyMetrics::Text(t) if t.count == Some(3) && t.top_occurrences.is_none())
    );
}

#[test]
fn groups_decode_with_their_values_and_counts() {
    use pb::aggregate_reply::{
        Group, Grouped, Result as R, group::GroupedBy, group::grouped_by::Value,
    };
    let group = |value: Value, n: i64| Group {
        objects_count: Some(n),
        aggregations: Some(pb::aggregate_reply::Aggregations {
            aggregations: vec![int_reply("views")],
        }),
        grouped_by: Some(GroupedBy {
            path: vec!["topic".into()],
            value: Some(value),
        }),
    };
    let reply = pb::AggregateReply {
        took: 0.0,
        result: Some(R::GroupedResults(Grouped {
            groups: vec![
                group(Value::Text("db".into()), 3),
                group(Value::Number(2.0), 1),
            ],
        })),
    };
    let metrics = VIEWS.metrics().maximum();
    let groups = group_by::decode::<Untyped, _>(&metrics, reply).unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].value.as_text(), Some("db"));
    assert_eq!(groups[0].count, 3);
    assert_eq!(groups[0].path, ["topic"]);
    assert_eq!(groups[0].metrics.maximum, Some(4));
    assert_eq!(groups[0].metrics.sum, None);
    assert_eq!(groups[1].value.as_f64(), Some(2.0));

    let single = pb::AggregateReply {
        took: 0.0,
        result: Some(R::SingleResult(Default::default())),
    };
    assert!(group_by::decode::<Untyped, _>(&metrics, single).is_err());
}
