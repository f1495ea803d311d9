//! The requests the builders send, checked field by field against what Weaviate 1.39 reads
//! (`adapters/handlers/grpc/v1/parse_search_request.go`) and what the Python client v4 sends.

use uuid::Uuid;

use super::*;
use crate::data::Vector;
use crate::encoding::vectors::{f32_bytes, multi_bytes};
use crate::wire::v1 as pb;
use crate::{Client, ClientBuilder};

/// A client of no server (nothing is sent), for request building.
pub(crate) async fn client() -> Client {
    ClientBuilder::custom("http://127.0.0.1:1", "http://127.0.0.1:2")
        .skip_init_checks(true)
        .build()
        .await
        .unwrap()
}

fn property_filter(f: &pb::Filters) -> Option<&str> {
    match f.target.as_ref()?.target.as_ref()? {
        pb::filter_target::Target::Property(p) => Some(p),
        _ => None,
    }
}

#[tokio::test]
async fn listing_requests() {
    let client = client().await;
    let q = client.collection("Article").query();
    let id = Uuid::from_u128(7);

    let r = q
        .fetch_objects()
        .limit(5)
        .offset(2)
        .sort(Sort::desc("views").then_asc("title"))
        .to_request()
        .unwrap();
    assert_eq!((r.limit, r.offset, r.autocut), (5, 2, 0));
    assert_eq!(r.sort_by.len(), 2);
    assert!(!r.sort_by[0].ascending && r.sort_by[1].ascending);
    assert_eq!(r.sort_by[1].path, ["title"]);
    assert!(r.properties.unwrap().return_all_nonref_properties);
    assert!(r.metadata.unwrap().uuid);
    assert!(r.uses_127_api);

    // by id: `_id` equal, limit 1; by ids: contains any, limit = count
    let r = q.fetch_object_by_id(id).to_request().unwrap();
    let f = r.filters.unwrap();
    assert_eq!(f.operator, pb::filters::Operator::Equal as i32);
    assert_eq!(property_filter(&f), Some("_id"));
    assert_eq!(
        f.test_value,
        Some(pb::filters::TestValue::ValueText(id.to_string()))
    );
    assert_eq!(r.limit, 1);
    let r = q
        .fetch_objects_by_ids([id, Uuid::from_u128(8)])
        .filter(crate::filter::Filter::from_wire(pb::Filters::default()))
        .to_request()
        .unwrap();
    let f = r.filters.unwrap();
    assert_eq!(f.operator, pb::filters::Operator::And as i32);
    assert_eq!(
        f.filters[0].operator,
        pb::filters::Operator::ContainsAny as i32
    );
    assert_eq!(r.limit, 2);

    // cursor conflicts are refused before sending
    let e = q.fetch_objects().after(id).offset(1).to_request();
    assert!(matches!(e, Err(crate::Error::InvalidInput { .. })));
}

#[tokio::test]
async fn vector_requests() {
    let client = client().await;
    let q = client.collection("Article").query();

    // one vector: `vectors` with its type, no targets unless asked
    let r = q
        .near_vector(vec![1.0, 2.0])
        .distance(0.5)
        .to_request()
        .unwrap();
    let nv = r.near_vector.unwrap();
    assert_eq!(nv.vectors.len(), 1);
    assert_eq!(nv.vectors[0].vector_bytes, f32_bytes(&[1.0, 2.0]));
    assert_eq!(
        nv.vectors[0].r#type,
        pb::vectors::VectorType::SingleFp32 as i32
    );
    assert_eq!((nv.distance, nv.certainty), (Some(0.5), None));
    assert!(nv.targets.is_none());

    // a multi-vector
    let rows = vec![vec![1.0, 0.0], vec![0.0, 1.0]];
    let r = q
        .near_vector(Vector::Multi(rows.clone()))
        .target("colbert")
        .to_request()
        .unwrap();
    let nv = r.near_vector.unwrap();
    assert_eq!(nv.vectors[0].vector_bytes, multi_bytes(&rows));
    assert_eq!(
        nv.vectors[0].r#type,
        pb::vectors::VectorType::MultiFp32 as i32
    );
    assert_eq!(nv.targets.unwrap().target_vectors, ["colbert"]);

    // one vector per target: `vector_for_targets` in the targets' order
    let r = q
        .near_vector_per_target([("b", vec![1.0]), ("a", vec![2.0]), ("b", vec![3.0])])
        .targets(Targets::average(["a", "b"]))
        .to_request()
        .unwrap();
    let nv = r.near_vector.unwrap();
    let names: Vec<_> = nv
        .vector_for_targets
        .iter()
        .map(|v| v.name.as_str())
        .collect();
    assert_eq!(names, ["b", "a"]);
    assert_eq!(nv.vector_for_targets[0].vectors.len(), 2);
    let t = nv.targets.unwrap();
    assert_eq!(t.target_vectors, ["b", "a"]);
    assert_eq!(t.combination, pb::CombinationMethod::TypeAverage as i32);

    // near object
    let id = Uuid::from_u128(9);
    let r = q
        .near_object(id)
        .targets(Targets::relative_score([("a", 0.3), ("b", 0.7)]))
        .certainty(0.8)
        .to_request()
        .unwrap();
    let no = r.near_object.unwrap();
    assert_eq!(no.id, id.to_string());
    assert_eq!(no.certainty, Some(0.8));
    let t = no.targets.unwrap();
    assert_eq!(t.weights_for_targets.len(), 2);
    assert_eq!(t.weights_for_targets[1].target, "b");

    // group by, autocut
    let r = q.near_vector(vec![1.0]).autocut(2).to_request().unwrap();
    assert_eq!(r.autocut, 2);
    let r = q
        .near_vector(vec![1.0])
        .group_by("topic", 3, 4)
        .to_request()
        .unwrap();
    let g = r.group_by.unwrap();
    assert_eq!(
        (g.path, g.number_of_groups, g.objects_per_group),
        (vec!["topic".to_owned()], 3, 4)
    );
}

#[tokio::test]
async fn keyword_and_hybrid_requests() {
    let client = client().await;
    let q = client.collection("Article").query();

    let r = q
        .bm25("rust db")
        .property("title")
        .property_boosted("body", 2.5)
        .operator(Bm25Operator::or_at_least(2))
        .rerank_with_query("body", "db")
        .to_request()
        .unwrap();
    let b = r.bm25_search.unwrap();
    assert_eq!(b.query, "rust db");
    assert_eq!(b.properties, ["title", "body^2.5"]);
    let op = b.search_operator.unwrap();
    assert_eq!(
        op.operator,
        pb::search_operator_options::Operator::Or as i32
    );
    assert_eq!(op.minimum_or_tokens_match, Some(2));
    let rr = r.rerank.unwrap();
    assert_eq!(
        (rr.property.as_str(), rr.query.as_deref()),
        ("body", Some("db"))
    );

    let r = q
        .hybrid("rust")
        .alpha(0.25)
        .fusion(Fusion::Ranked)
        .vector(vec![1.0, 0.0])
        .max_vector_distance(0.4)
        .operator(Bm25Operator::And)
        .to_request()
        .unwrap();
    let h = r.hybrid_search.unwrap();
    assert_eq!((h.alpha_param, h.use_alpha_param), (Some(0.25), true));
    assert_eq!(h.fusion_type, pb::hybrid::FusionType::Ranked as i32);
    assert_eq!(h.vectors.len(), 1);
    assert_eq!(
        h.threshold,
        Some(pb::hybrid::Threshold::VectorDistance(0.4))
    );
    assert_eq!(
        h.bm25_search_operator.unwrap().operator,
        pb::search_operator_options::Operator::And as i32
    );
    // no alpha: the server's default
    let h = q
        .hybrid("rust")
        .to_request()
        .unwrap()
        .hybrid_search
        .unwrap();
    assert_eq!((h.alpha_param, h.use_alpha_param), (None, true));
    // a near-vector sub-search with a distance
    let h = q
        .hybrid("rust")
        .vector_search(HybridVector::near_vector(vec![1.0]).distance(0.3))
        .target("v")
        .to_request()
        .unwrap()
        .hybrid_search
        .unwrap();
    let nv = h.near_vector.unwrap();
    assert_eq!((nv.distance, nv.vectors.len()), (Some(0.3), 1));
    assert_eq!(h.targets.unwrap().target_vectors, ["v"]);
    // out-of-range alpha is refused
    assert!(q.hybrid("x").alpha(1.5).to_request().is_err());
}
