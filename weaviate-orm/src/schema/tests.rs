//! Tests of the schema model against fixtures recorded from a real Weaviate v1.39.0 server.
//!
//! For each case in [`cases`], `tests/data/schema/<case>.request.json` is the JSON the builder produced
//! and that was `POST`ed to `/v1/schema`, and `tests/data/schema/<case>.json` is the server's reply to
//! `GET /v1/schema/<Class>`. `schema.json` is the reply to `GET /v1/schema` with all of them.
//! To re-record: `WEAVIATE_ORM_DUMP_SCHEMA_REQUESTS=1 cargo test -p weaviate-orm --lib schema::tests::dump`,
//! then POST the requests in the order of [`cases`] and save the replies.

use serde_json::{Value, json};

use super::*;

const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "ref_target",
        include_str!("../../tests/data/schema/ref_target.request.json"),
        include_str!("../../tests/data/schema/ref_target.json"),
    ),
    (
        "all_types",
        include_str!("../../tests/data/schema/all_types.request.json"),
        include_str!("../../tests/data/schema/all_types.json"),
    ),
    (
        "named_vectors",
        include_str!("../../tests/data/schema/named_vectors.request.json"),
        include_str!("../../tests/data/schema/named_vectors.json"),
    ),
    (
        "legacy_bigram",
        include_str!("../../tests/data/schema/legacy_bigram.request.json"),
        include_str!("../../tests/data/schema/legacy_bigram.json"),
    ),
    (
        "multi_tenant",
        include_str!("../../tests/data/schema/multi_tenant.request.json"),
        include_str!("../../tests/data/schema/multi_tenant.json"),
    ),
    (
        "inverted_replication",
        include_str!("../../tests/data/schema/inverted_replication.request.json"),
        include_str!("../../tests/data/schema/inverted_replication.json"),
    ),
    (
        "hnsw_tuned",
        include_str!("../../tests/data/schema/hnsw_tuned.request.json"),
        include_str!("../../tests/data/schema/hnsw_tuned.json"),
    ),
    (
        "ref2vec",
        include_str!("../../tests/data/schema/ref2vec.request.json"),
        include_str!("../../tests/data/schema/ref2vec.json"),
    ),
    (
        "deprecated",
        include_str!("../../tests/data/schema/deprecated.request.json"),
        include_str!("../../tests/data/schema/deprecated.json"),
    ),
];

const FULL_SCHEMA: &str = include_str!("../../tests/data/schema/schema.json");

/// The configs POSTed to the server, built with the builders, in creation order.
fn cases() -> Vec<(&'static str, CollectionConfig)> {
    vec![
        ("ref_target", ref_target()),
        ("all_types", all_types()),
        ("named_vectors", named_vectors()),
        ("legacy_bigram", legacy_bigram()),
        ("multi_tenant", multi_tenant()),
        ("inverted_replication", inverted_replication()),
        ("hnsw_tuned", hnsw_tuned()),
        ("ref2vec", ref2vec()),
        ("deprecated", deprecated()),
    ]
}

fn ref_target() -> CollectionConfig {
    // Lower-case name: the server uppercases it.
    CollectionConfig::new("refTarget")
        .vectorizer("none")
        .vector_index(
            VectorIndexType::Flat,
            VectorIndexConfig::new().bq(BqConfig::new().cache(true)),
        )
}

fn all_types() -> CollectionConfig {
    CollectionConfig::new("AllTypes")
        .description("Every data type")
        .property(
            Property::new("Title", DataType::Text)
                .description("upper-case first letter, lowercased by the server")
                .tokenization(Tokenization::Field),
        )
        .property(Property::new("tags", DataType::TextArray).tokenization(Tokenization::Lowercase))
        .property(
            Property::new("body", DataType::Text)
                .tokenization(Tokenization::Trigram)
                .index_filterable(false),
        )
        .property(
            Property::new("code", DataType::Text)
                .tokenization(Tokenization::Whitespace)
                .index_searchable(false),
        )
        .property(
            Property::new("folded", DataType::Text).text_analyzer(
                TextAnalyzerConfig::new()
                    .ascii_fold(true)
                    .ascii_fold_ignore(["é"]),
            ),
        )
        .property(
            Property::new("emptyAnalyzer", DataType::Text).text_analyzer(TextAnalyzerConfig::new()),
        )
        .property(Property::new("count", DataType::Int).index_range_filters(true))
        .property(Property::new("counts", DataType::IntArray))
        .property(
            Property::new("price", DataType::Number)
                .index_range_filters(true)
                .index_filterable(false),
        )
        .property(Property::new("prices", DataType::NumberArray))
        .property(Property::new("flag", DataType::Bool))
        .property(Property::new("flags", DataType::BoolArray))
        .property(Property::new("published", DataType::Date).index_range_filters(true))
        .property(Property::new("dates", DataType::DateArray))
        .property(Property::new("uid", DataType::Uuid))
        .property(Property::new("uids", DataType::UuidArray))
        .property(Property::new("location", DataType::GeoCoordinates))
        .property(Property::new("phone", DataType::PhoneNumber))
        .property(Property::new("image", DataType::Blob))
        .property(Property::new("imageHash", DataType::BlobHash))
        .property(
            Property::new("address", DataType::Object)
                .nested_property(NestedProperty::new("street", DataType::Text))
                .nested_property(
                    NestedProperty::new("city", DataType::Text).tokenization(Tokenization::Field),
                )
                .nested_property(
                    NestedProperty::new("zip", DataType::Int).index_range_filters(true),
                )
                .nested_property(NestedProperty::new("photo", DataType::Blob))
                .nested_property(
                    NestedProperty::new("geo", DataType::ObjectArray)
                        .description("nested twice")
                        .nested_property(NestedProperty::new("lat", DataType::Number))
                        .nested_property(
                            NestedProperty::new("names", DataType::TextArray)
                                .index_searchable(false),
                        ),
                ),
        )
        .property(
            Property::new("items", DataType::ObjectArray)
                .nested_property(NestedProperty::new("name", DataType::Text))
                .nested_property(NestedProperty::new("when", DataType::Date))
                .nested_property(NestedProperty::new("ok", DataType::Bool).index_filterable(false)),
        )
        .property(Property::new("self", DataType::reference("AllTypes")))
        .property(
            Property::new("targets", DataType::references(["AllTypes", "RefTarget"]))
                .disable_duplicated_references(false),
        )
}

fn named_vectors() -> CollectionConfig {
    CollectionConfig::new("NamedVectors")
        .property(
            Property::new("title", DataType::Text)
                .vectorize_property_name("text2vec-bigram", false),
        )
        .property(
            Property::new("secret", DataType::Text).skip_vectorization("text2vec-bigram", true),
        )
        .property(Property::new("score", DataType::Number))
        .vector(
            "bigram",
            VectorConfig::new(Vectorizer::new("text2vec-bigram").source_properties(["title"])),
        )
        .vector(
            "bigram_flat",
            VectorConfig::new(
                Vectorizer::new("text2vec-bigram").setting("vectorizeClassName", false),
            )
            .flat(VectorIndexConfig::new().distance(Distance::Dot)),
        )
        .vector("byo", VectorConfig::self_provided())
        .vector(
            "byo_pq",
            VectorConfig::self_provided().hnsw(
                VectorIndexConfig::new()
                    .distance(Distance::L2Squared)
                    .pq(PqConfig::new().segments(8).training_limit(50_000).encoder(
                        PqEncoder::new(PqEncoderType::Tile)
                            .distribution(PqEncoderDistribution::Normal),
                    )),
            ),
        )
        .vector(
            "byo_bq",
            VectorConfig::self_provided().hnsw(
                VectorIndexConfig::new()
                    .distance(Distance::Hamming)
                    .bq(BqConfig::new()),
            ),
        )
        .vector(
            "byo_sq",
            VectorConfig::self_provided()
                .hnsw(VectorIndexConfig::new().sq(SqConfig::new().rescore_limit(50))),
        )
        .vector(
            "byo_rq",
            VectorConfig::self_provided().hnsw(
                VectorIndexConfig::new()
                    .distance(Distance::Manhattan)
                    .rq(RqConfig::new().bits(1)),
            ),
        )
        .vector(
            "byo_rq4",
            VectorConfig::self_provided()
                .hnsw(VectorIndexConfig::new().rq(RqConfig::new().bits(4).rescore_limit(100))),
        )
        .vector(
            "flat_rq",
            VectorConfig::self_provided()
                .flat(VectorIndexConfig::new().rq(RqConfig::new().bits(1).cache(true))),
        )
        .vector(
            "dynamic",
            VectorConfig::self_provided().dynamic(
                VectorIndexConfig::new()
                    .distance(Distance::Dot)
                    .threshold(5_000)
                    .hnsw(
                        VectorIndexConfig::new()
                            .distance(Distance::Dot)
                            .sq(SqConfig::new()),
                    )
                    .flat(
                        VectorIndexConfig::new()
                            .distance(Distance::Dot)
                            .bq(BqConfig::new()),
                    ),
            ),
        )
        .vector(
            "hfresh",
            VectorConfig::self_provided().index(
                VectorIndexType::Hfresh,
                VectorIndexConfig::new().replicas(2),
            ),
        )
        .vector(
            "multi",
            VectorConfig::self_provided().hnsw(
                VectorIndexConfig::new()
                    .multivector(MultivectorConfig::new().muvera(MuveraConfig::new().ksim(3))),
            ),
        )
        .generative("generative-dummy", json!({}))
        .reranker("reranker-dummy", json!({"some": "setting", "n": 1.0}))
}

fn legacy_bigram() -> CollectionConfig {
    CollectionConfig::new("LegacyBigram")
        .vectorizer("text2vec-bigram")
        .module_config("text2vec-bigram", json!({"vectorizeClassName": false}))
        .vector_index(
            VectorIndexType::Hnsw,
            VectorIndexConfig::new()
                .distance(Distance::Dot)
                .rq(RqConfig::new())
                .filter_strategy(FilterStrategy::Sweeping),
        )
        .property(Property::new("title", DataType::Text))
        .property(Property::new("views", DataType::Int).skip_vectorization("text2vec-bigram", true))
}

fn multi_tenant() -> CollectionConfig {
    CollectionConfig::new("MultiTenant")
        .multi_tenancy_config(
            MultiTenancyConfig::enabled()
                .auto_tenant_creation(true)
                .auto_tenant_activation(true),
        )
        .property(Property::new("name", DataType::Text))
        .vector(
            "v",
            VectorConfig::self_provided().flat(VectorIndexConfig::new()),
        )
}

fn inverted_replication() -> CollectionConfig {
    CollectionConfig::new("InvertedReplication")
        .inverted_index_config(
            InvertedIndexConfig::new()
                .bm25(Bm25Config::new(0.7, 1.1))
                .stopwords(
                    StopwordConfig::new(StopwordPreset::En)
                        .additions(["the", "foo"])
                        .removals(["a"]),
                )
                .stopword_preset("fr", ["le", "la", "les"])
                .index_null_state(true)
                .index_property_length(true)
                .cleanup_interval_seconds(30),
        )
        .property(
            Property::new("title", DataType::Text).text_analyzer(
                TextAnalyzerConfig::new().stopword_preset(StopwordPreset::from("fr")),
            ),
        )
        .property(Property::new("expires", DataType::Date))
        .replication_config(
            ReplicationConfig::factor(1)
                .deletion_strategy(DeletionStrategy::DeleteOnConflict)
                .async_config(ReplicationAsyncConfig {
                    frequency: Some(5_000),
                    propagation_limit: Some(1_000),
                    ..Default::default()
                }),
        )
        .sharding_config(ShardingConfig::desired_count(1).virtual_per_physical(64))
        .object_ttl_config(
            ObjectTtlConfig::delete_on("_creationTimeUnix", 3_600).filter_expired_objects(true),
        )
}

fn hnsw_tuned() -> CollectionConfig {
    CollectionConfig::new("HnswTuned")
        .vector_index(
            VectorIndexType::Hnsw,
            VectorIndexConfig::new()
                .distance(Distance::Cosine)
                .ef(64)
                .ef_construction(256)
                .max_connections(48)
                .dynamic_ef_min(50)
                .dynamic_ef_max(400)
                .dynamic_ef_factor(10)
                .flat_search_cutoff(20_000)
                .vector_cache_max_objects(500_000)
                .cleanup_interval_seconds(120)
                .skip(false)
                .skip_default_quantization(true),
        )
        .property(Property::new("n", DataType::Int))
}

fn ref2vec() -> CollectionConfig {
    CollectionConfig::new("Ref2Vec")
        .vectorizer("ref2vec-centroid")
        .module_config(
            "ref2vec-centroid",
            json!({"referenceProperties": ["related"]}),
        )
        .property(Property::new("related", DataType::reference("RefTarget")))
}

fn deprecated() -> CollectionConfig {
    let mut string = Property::new("legacyString", DataType::Other(vec!["string".into()]));
    string.index_inverted = Some(false);
    let strings = Property::new("legacyStrings", DataType::Other(vec!["string[]".into()]))
        .tokenization(Tokenization::Field);
    let mut number = Property::new("legacyNumber", DataType::Number);
    number.index_inverted = Some(true);
    CollectionConfig::new("Deprecated").properties([string, strings, number])
}

fn parse(s: &str) -> Value {
    serde_json::from_str(s).expect("fixture is JSON")
}

/// `properties: null` reads as an empty list and is written as `[]`; the server treats both alike.
fn null_properties_as_empty(mut v: Value) -> Value {
    let fix = |class: &mut Value| {
        if class.get("properties") == Some(&Value::Null) {
            class["properties"] = json!([]);
        }
    };
    if let Some(classes) = v.get_mut("classes").and_then(Value::as_array_mut) {
        classes.iter_mut().for_each(fix);
    } else {
        fix(&mut v);
    }
    v
}

/// The settings of the second server the `custom_*` fixtures were recorded from.
fn custom_server() -> ServerDefaults {
    // DEFAULT_VECTORIZER_MODULE=text2vec-bigram DEFAULT_VECTOR_INDEX=flat DEFAULT_VECTOR_DISTANCE_METRIC=dot
    // DEFAULT_QUANTIZATION=rq-8 DEFAULT_TOKENIZATION=lowercase HNSW_DEFAULT_FILTER_STRATEGY=sweeping
    // USE_INVERTED_SEARCHABLE=false DEFAULT_SHARDING_COUNT=2 REPLICATION_FORCE_DELETION_STRATEGY=NoAutomatedResolution
    ServerDefaults {
        node_count: 2,
        default_vectorizer: "text2vec-bigram".into(),
        default_vector_index_type: VectorIndexType::Flat,
        default_distance: Some(Distance::Dot),
        default_quantization: Some("rq-8".into()),
        default_tokenization: Some(Tokenization::Lowercase),
        hnsw_filter_strategy: FilterStrategy::Sweeping,
        forced_deletion_strategy: Some(DeletionStrategy::NoAutomatedResolution),
        using_block_max_wand: false,
        ..ServerDefaults::default()
    }
}

fn custom_cases() -> Vec<(&'static str, CollectionConfig)> {
    vec![
        (
            "custom_legacy",
            CollectionConfig::new("CustomLegacy")
                .property(Property::new("title", DataType::Text))
                .property(
                    Property::new("address", DataType::Object)
                        .nested_property(NestedProperty::new("street", DataType::Text)),
                )
                .replication_config(
                    ReplicationConfig::factor(1)
                        .deletion_strategy(DeletionStrategy::DeleteOnConflict),
                ),
        ),
        (
            "custom_named",
            CollectionConfig::new("CustomNamed")
                .property(Property::new("title", DataType::Text).tokenization(Tokenization::Word))
                .vector("default_index", VectorConfig::self_provided())
                .vector(
                    "hnsw",
                    VectorConfig::self_provided().hnsw(VectorIndexConfig::new()),
                )
                .vector(
                    "hnsw_bq",
                    VectorConfig::self_provided()
                        .hnsw(VectorIndexConfig::new().bq(BqConfig::new())),
                )
                .vector(
                    "hnsw_skip",
                    VectorConfig::self_provided()
                        .hnsw(VectorIndexConfig::new().skip_default_quantization(true)),
                )
                .vector(
                    "dynamic",
                    VectorConfig::new(Vectorizer::new("text2vec-bigram"))
                        .dynamic(VectorIndexConfig::new()),
                )
                .inverted_index_config(InvertedIndexConfig::new().index_timestamps(false)),
        ),
    ]
}

const CUSTOM_FIXTURES: &[(&str, &str, &str)] = &[
    (
        "custom_legacy",
        include_str!("../../tests/data/schema/custom_legacy.request.json"),
        include_str!("../../tests/data/schema/custom_legacy.json"),
    ),
    (
        "custom_named",
        include_str!("../../tests/data/schema/custom_named.request.json"),
        include_str!("../../tests/data/schema/custom_named.json"),
    ),
];

#[test]
fn custom_server_defaults() {
    let sd = custom_server();
    for ((name, desired), (fixture_name, request, reply)) in
        custom_cases().into_iter().zip(CUSTOM_FIXTURES)
    {
        assert_eq!(name, *fixture_name);
        assert_eq!(
            serde_json::to_value(&desired).unwrap(),
            parse(request),
            "request of {name}"
        );
        let expected = parse(reply);
        let live: CollectionConfig = serde_json::from_value(expected.clone()).unwrap();
        assert_eq!(
            serde_json::to_value(&live).unwrap(),
            expected,
            "round trip of {name}"
        );
        let filled = desired.with_server_defaults_using(&sd);
        assert_eq!(
            serde_json::to_value(&filled).unwrap(),
            expected,
            "server defaults of {name}"
        );
        assert!(desired.matches_server_using(&live, &sd));
        assert!(
            !desired.matches_server(&live),
            "{name} differs on a stock server"
        );
    }
}

#[test]
fn dump() {
    // Writes the request fixtures (only when asked to).
    if std::env::var_os("WEAVIATE_ORM_DUMP_SCHEMA_REQUESTS").is_none() {
        return;
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/schema");
    std::fs::create_dir_all(dir).unwrap();
    for (name, config) in cases().into_iter().chain(custom_cases()) {
        let json = serde_json::to_string_pretty(&config).unwrap();
        std::fs::write(format!("{dir}/{name}.request.json"), json + "\n").unwrap();
    }
}

#[test]
fn builders_produce_the_posted_requests() {
    let cases = cases();
    assert_eq!(cases.len(), FIXTURES.len());
    for ((name, config), (fixture_name, request, _)) in cases.iter().zip(FIXTURES) {
        assert_eq!(name, fixture_name);
        assert_eq!(
            serde_json::to_value(config).unwrap(),
            parse(request),
            "request of {name}"
        );
    }
}

#[test]
fn server_replies_round_trip() {
    for (name, _, reply) in FIXTURES {
        let expected = parse(reply);
        let config: CollectionConfig =
            serde_json::from_value(expected.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let again = serde_json::to_value(&config).unwrap();
        assert_eq!(
            again,
            null_properties_as_empty(expected),
            "round trip of {name}"
        );
        // Nothing the server sent ended up unmodelled.
        assert!(
            config.extra.is_empty(),
            "{name}: unmodelled fields {:?}",
            config.extra
        );
    }
}

#[test]
fn full_schema_round_trips() {
    let expected = parse(FULL_SCHEMA);
    let classes: Vec<CollectionConfig> =
        serde_json::from_value(expected["classes"].clone()).unwrap();
    assert_eq!(classes.len(), FIXTURES.len());
    let again = json!({ "classes": serde_json::to_value(&classes).unwrap() });
    assert_eq!(
        again,
        null_properties_as_empty(json!({"classes": expected["classes"]}))
    );
}

#[test]
fn desired_with_server_defaults_equals_live() {
    for (name, desired) in cases() {
        let (_, _, reply) = FIXTURES.iter().find(|(n, _, _)| *n == name).unwrap();
        let live: CollectionConfig = serde_json::from_str(reply).unwrap();
        let filled = desired.with_server_defaults();
        assert_eq!(
            serde_json::to_value(filled.normalized_for_compare()).unwrap(),
            serde_json::to_value(live.normalized_for_compare()).unwrap(),
            "server defaults of {name}"
        );
        assert_eq!(
            filled.normalized_for_compare(),
            live.normalized_for_compare(),
            "{name}"
        );
        assert!(desired.matches_server(&live), "{name}");
        // On a single node even the shard counts agree.
        assert_eq!(filled, live, "{name} without normalization");
        // Idempotent: the live config is its own defaults.
        assert_eq!(
            live.with_server_defaults(),
            live,
            "{name}: defaults of the live config"
        );
    }
}

#[test]
fn property_order_is_ignored_by_normalized_for_compare() {
    // Recorded after a `PUT /v1/schema/NamedVectors` of the unchanged class: the server sorted the
    // properties by name.
    let after_put: CollectionConfig = serde_json::from_str(include_str!(
        "../../tests/data/schema/named_vectors_after_put.json"
    ))
    .unwrap();
    let names: Vec<&str> = after_put
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["score", "secret", "title"]);
    assert_ne!(named_vectors().with_server_defaults(), after_put);
    assert!(named_vectors().matches_server(&after_put));
    let round_trip = serde_json::to_value(&after_put).unwrap();
    assert_eq!(
        round_trip,
        parse(include_str!(
            "../../tests/data/schema/named_vectors_after_put.json"
        ))
    );
}

#[test]
fn mismatches_are_detected() {
    let live: CollectionConfig = serde_json::from_str(FIXTURES[1].2).unwrap();
    let changed = all_types().property(Property::new("extra", DataType::Int));
    assert!(!changed.matches_server(&live));
    let mut retokenized = all_types();
    retokenized.properties[1].tokenization = Some(Tokenization::Word);
    assert!(!retokenized.matches_server(&live));
}

#[test]
fn sharding_counts_are_ignored_by_normalized_for_compare() {
    let live: CollectionConfig = serde_json::from_str(FIXTURES[0].2).unwrap();
    let three_nodes = ServerDefaults {
        node_count: 3,
        ..ServerDefaults::default()
    };
    let filled = ref_target().with_server_defaults_using(&three_nodes);
    assert_eq!(
        filled
            .sharding_config
            .as_ref()
            .unwrap()
            .desired_virtual_count,
        Some(384)
    );
    assert_ne!(filled, live);
    assert_eq!(
        filled.normalized_for_compare(),
        live.normalized_for_compare()
    );
}

#[test]
fn unknown_fields_and_values_survive_a_round_trip() {
    let input = json!({
        "class": "Future",
        "futureClassField": {"a": [1, 2]},
        "properties": [{
            "name": "p",
            "dataType": ["vector[]"],
            "tokenization": "klingon",
            "indexFilterable": true,
            "bucketGeneration": 3,
            "futurePropertyField": "x",
            "textAnalyzer": {"asciiFold": true, "futureAnalyzer": 1},
            "nestedProperties": [{"name": "n", "dataType": ["text"], "futureNested": false}]
        }],
        "vectorConfig": {
            "v": {
                "vectorizer": {"text2vec-future": {"model": "m"}},
                "vectorIndexType": "quantum",
                "vectorIndexConfig": {"distance": "warp", "futureKnob": 3, "pq": {"enabled": true, "futurePq": 1},
                    "filterStrategy": "oracle", "multivector": {"aggregation": "sumSim", "muvera": {"enabled": false, "x": 1}}},
                "futureVectorField": true
            }
        },
        "invertedIndexConfig": {"bm25": {"b": 0.5, "k1": 1.5, "k3": 2}, "stopwords": {"preset": "de", "additions": null, "removals": null, "x": 1}, "futureInverted": 1},
        "multiTenancyConfig": {"enabled": true, "autoTenantCreation": false, "autoTenantActivation": false, "futureMt": "y"},
        "replicationConfig": {"factor": 1, "deletionStrategy": "QuantumResolution", "asyncEnabled": false, "futureReplication": 2, "asyncConfig": {"frequency": 1, "futureAsync": 1}},
        "shardingConfig": {"desiredCount": 1, "futureSharding": [1]},
        "objectTtlConfig": {"enabled": false, "deleteOn": "", "defaultTtl": 0, "filterExpiredObjects": false, "futureTtl": 1},
        "moduleConfig": {"generative-future": {"temperature": 0.5}}
    });
    let config: CollectionConfig = serde_json::from_value(input.clone()).unwrap();
    assert_eq!(
        config.properties[0].data_type,
        DataType::Other(vec!["vector[]".into()])
    );
    assert_eq!(
        config.properties[0].tokenization,
        Some(Tokenization::Other("klingon".into()))
    );
    let vc = &config.vector_config["v"];
    assert_eq!(
        vc.vector_index_type,
        Some(VectorIndexType::Other("quantum".into()))
    );
    assert_eq!(
        vc.vector_index_config.as_ref().unwrap().distance,
        Some(Distance::Other("warp".into()))
    );
    assert_eq!(
        config
            .replication_config
            .as_ref()
            .unwrap()
            .deletion_strategy,
        Some(DeletionStrategy::Other("QuantumResolution".into()))
    );
    assert_eq!(config.extra["futureClassField"], json!({"a": [1, 2]}));
    assert_eq!(config.generative_module().unwrap().0, "generative-future");
    assert_eq!(serde_json::to_value(&config).unwrap(), input);

    // Defaults keep what they do not know about.
    let filled = config.with_server_defaults();
    assert_eq!(filled.extra["futureClassField"], json!({"a": [1, 2]}));
    assert_eq!(filled.properties[0].extra["futurePropertyField"], "x");
    assert_eq!(
        filled.vector_config["v"]
            .vector_index_config
            .as_ref()
            .unwrap()
            .extra["futureKnob"],
        3
    );
    // The server-internal property fields are ignored by comparisons.
    assert!(
        !config.normalized_for_compare().properties[0]
            .extra
            .contains_key("bucketGeneration")
    );
}

#[test]
fn unset_fields_are_omitted() {
    let config = CollectionConfig::new("A")
        .property(Property::new("p", DataType::Text))
        .vector("v", VectorConfig::self_provided())
        .inverted_index_config(InvertedIndexConfig::new())
        .multi_tenancy_config(MultiTenancyConfig::default())
        .replication_config(ReplicationConfig::default())
        .sharding_config(ShardingConfig::default())
        .vector_index(
            VectorIndexType::Hnsw,
            VectorIndexConfig::new().pq(PqConfig::default()),
        );
    assert_eq!(
        serde_json::to_value(&config).unwrap(),
        json!({
            "class": "A",
            "properties": [{"name": "p", "dataType": ["text"]}],
            "vectorConfig": {"v": {"vectorizer": {"none": {}}}},
            "vectorIndexType": "hnsw",
            "vectorIndexConfig": {"pq": {}},
            "invertedIndexConfig": {},
            "multiTenancyConfig": {},
            "replicationConfig": {},
            "shardingConfig": {}
        })
    );
}

#[test]
fn data_type_spellings() {
    let all = [
        (DataType::Text, "text"),
        (DataType::TextArray, "text[]"),
        (DataType::Int, "int"),
        (DataType::IntArray, "int[]"),
        (DataType::Number, "number"),
        (DataType::NumberArray, "number[]"),
        (DataType::Bool, "boolean"),
        (DataType::BoolArray, "boolean[]"),
        (DataType::Date, "date"),
        (DataType::DateArray, "date[]"),
        (DataType::Uuid, "uuid"),
        (DataType::UuidArray, "uuid[]"),
        (DataType::GeoCoordinates, "geoCoordinates"),
        (DataType::PhoneNumber, "phoneNumber"),
        (DataType::Blob, "blob"),
        (DataType::BlobHash, "blobHash"),
        (DataType::Object, "object"),
        (DataType::ObjectArray, "object[]"),
    ];
    for (dt, name) in all {
        assert_eq!(serde_json::to_value(&dt).unwrap(), json!([name]));
        assert_eq!(
            serde_json::from_value::<DataType>(json!([name])).unwrap(),
            dt
        );
    }
    assert_eq!(
        serde_json::from_value::<DataType>(json!(["string"])).unwrap(),
        DataType::Other(vec!["string".into()])
    );
    assert!(DataType::IntArray.is_array() && !DataType::Int.is_array());
    assert!(DataType::reference("A").is_reference());
}

#[test]
fn vectorizer_json() {
    let v: Vectorizer = serde_json::from_value(json!({"none": null})).unwrap();
    assert!(v.is_self_provided() && v.settings.is_empty());
    assert!(serde_json::from_value::<Vectorizer>(json!({})).is_err());
    assert!(serde_json::from_value::<Vectorizer>(json!({"a": {}, "b": {}})).is_err());
}

#[test]
fn default_quantization_and_distance() {
    let sd = ServerDefaults {
        default_quantization: Some("rq-8".into()),
        default_distance: Some(Distance::Dot),
        ..ServerDefaults::default()
    };
    let filled = CollectionConfig::new("Q")
        .vector("v", VectorConfig::self_provided())
        .vector(
            "skip",
            VectorConfig::self_provided()
                .hnsw(VectorIndexConfig::new().skip_default_quantization(true)),
        )
        .vector(
            "flat",
            VectorConfig::self_provided().flat(VectorIndexConfig::new()),
        )
        .with_server_defaults_using(&sd);
    let v = filled.vector_config["v"]
        .vector_index_config
        .as_ref()
        .unwrap();
    assert_eq!(v.rq.as_ref().unwrap().enabled, Some(true));
    assert_eq!(v.track_default_quantization, Some(true));
    // The default distance applies to the legacy vector only, which a named-vector class lacks.
    assert_eq!(v.distance, Some(Distance::Cosine));
    assert!(filled.vector_index_config.is_none());
    let skip = filled.vector_config["skip"]
        .vector_index_config
        .as_ref()
        .unwrap();
    assert_eq!(skip.rq.as_ref().unwrap().enabled, Some(false));
    let flat = filled.vector_config["flat"]
        .vector_index_config
        .as_ref()
        .unwrap();
    assert_eq!(flat.rq.as_ref().unwrap().bits, Some(8));
    assert_eq!(flat.rq.as_ref().unwrap().enabled, Some(true));

    let legacy = CollectionConfig::new("L").with_server_defaults_using(&sd);
    assert_eq!(
        legacy.vector_index_config.unwrap().distance,
        Some(Distance::Dot)
    );
}

#[test]
fn text2vec_transformers_defaults_as_the_server_fills_them() {
    // Recorded from a stock v1.39.0 server (text2vec-transformers enabled).
    let desired = CollectionConfig::new("T")
        .property(Property::new("title", DataType::Text))
        .vector(
            "t",
            VectorConfig::new(
                Vectorizer::new("text2vec-transformers").source_properties(["title"]),
            ),
        );
    let filled = desired.with_server_defaults();
    assert_eq!(
        serde_json::to_value(&filled.vector_config["t"].vectorizer).unwrap(),
        json!({"text2vec-transformers": {
            "poolingStrategy": "masked_mean", "properties": ["title"], "vectorizeClassName": true
        }})
    );
    assert_eq!(
        filled.properties[0].module_config.as_ref().unwrap()["text2vec-transformers"],
        json!({"skip": false, "vectorizePropertyName": false})
    );
}
