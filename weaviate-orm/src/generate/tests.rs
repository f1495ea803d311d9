//! Config in, source out: the generated code for recorded server answers and for configs covering
//! every shape, committed under `tests/generate/` (with their inputs, so that
//! `tests/generated_derive.rs` compiles the code and checks it against them), rustfmt checks of all
//! of it, and every refusal.
//!
//! After a change of the generator, `WEAVIATE_ORM_BLESS=1 cargo test -p weaviate-orm --lib generate`
//! rewrites the committed files; review the diff.

use std::io::Write as _;
use std::process::{Command, Stdio};

use serde_json::json;

use super::*;
use crate::schema::{
    Bm25Config, BqConfig, DataType, DeletionStrategy, Distance, FilterStrategy,
    InvertedIndexConfig, MultiTenancyConfig, MultivectorConfig, MuveraConfig, NestedProperty,
    ObjectTtlConfig, PqConfig, PqEncoder, PqEncoderDistribution, PqEncoderType, Property,
    ReplicationAsyncConfig, ReplicationConfig, RqConfig, ShardingConfig, SqConfig, StopwordConfig,
    StopwordPreset, TextAnalyzerConfig, Tokenization, TokenizerUserDict, VectorConfig,
    VectorIndexConfig, VectorIndexType, Vectorizer,
};

/// `rustfmt` leaves `source` as it is.
fn assert_rustfmt_clean(source: &str) {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustfmt runs (install it with `rustup component add rustfmt`)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(source.as_bytes())
        .expect("written to rustfmt");
    let output = child.wait_with_output().expect("rustfmt finishes");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "rustfmt failed: {stderr}\n{source}"
    );
    let formatted = String::from_utf8_lossy(&output.stdout);
    if formatted != source {
        let diff: Vec<String> = source
            .lines()
            .zip(formatted.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(5)
            .map(|(i, (a, b))| format!("line {}:\n  generated: {a}\n  rustfmt:   {b}", i + 1))
            .collect();
        panic!(
            "rustfmt changes the generated code:\n{}\n\n{formatted}",
            diff.join("\n")
        );
    }
}

/// Compares `content` with the committed `tests/generate/<name>` (or writes it with
/// `WEAVIATE_ORM_BLESS=1`).
fn committed(name: &str, content: &str) {
    let path = format!("{}/tests/generate/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("WEAVIATE_ORM_BLESS").is_some() {
        std::fs::create_dir_all(format!("{}/tests/generate", env!("CARGO_MANIFEST_DIR")))
            .expect("create tests/generate");
        std::fs::write(&path, content).expect("write the committed file");
        return;
    }
    let old = std::fs::read_to_string(&path).unwrap_or_default();
    if old != content {
        let first = old
            .lines()
            .zip(content.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| old.lines().count().min(content.lines().count()));
        panic!(
            "{path} is stale (first difference at line {}); rerun with WEAVIATE_ORM_BLESS=1 and review the diff\n{content}",
            first + 1
        );
    }
}

/// The inputs as committed JSON (an array of classes).
fn committed_inputs(name: &str, live: &[CollectionConfig]) {
    let json = serde_json::to_string_pretty(live).expect("configs serialize");
    committed(name, &(json + "\n"));
}

fn generate(live: &[CollectionConfig]) -> String {
    let source = rust_source(live, &GenerateOptions::default())
        .unwrap_or_else(|e| panic!("generation failed: {e}"));
    assert_rustfmt_clean(&source);
    // Deterministic, whatever the input order.
    let mut reversed = live.to_vec();
    reversed.reverse();
    assert_eq!(
        rust_source(&reversed, &GenerateOptions::default())
            .ok()
            .as_deref(),
        Some(source.as_str())
    );
    source
}

fn refusal(live: &[CollectionConfig]) -> String {
    match rust_source(live, &GenerateOptions::default()) {
        Err(Error::InvalidInput { message }) => message,
        Err(other) => panic!("expected InvalidInput, got {other:?}"),
        Ok(source) => panic!("expected a refusal, got\n{source}"),
    }
}

/// The answers of a real v1.39.0 server recorded for the schema tests.
fn recorded() -> Vec<CollectionConfig> {
    [
        include_str!("../../tests/data/schema/ref_target.json"),
        include_str!("../../tests/data/schema/all_types.json"),
        include_str!("../../tests/data/schema/named_vectors.json"),
        include_str!("../../tests/data/schema/legacy_bigram.json"),
        include_str!("../../tests/data/schema/multi_tenant.json"),
        include_str!("../../tests/data/schema/inverted_replication.json"),
        include_str!("../../tests/data/schema/hnsw_tuned.json"),
        include_str!("../../tests/data/schema/ref2vec.json"),
        include_str!("../../tests/data/schema/deprecated.json"),
    ]
    .iter()
    .map(|f| serde_json::from_str(f).expect("a recorded class"))
    .collect()
}

#[test]
fn recorded_server_answers() {
    let mut live = recorded();
    // Three of them hold what the derive cannot declare, each named.
    let e = refusal(&live);
    for expected in [
        "collection `AllTypes`: the derive cannot express `properties[targets].disableDuplicatedReferences`: the server has false",
        "collection `InvertedReplication`: replicationConfig.asyncConfig",
        "collection `NamedVectors`: vector `hfresh`: vector index `hfresh`",
    ] {
        assert!(e.contains(expected), "expected {expected:?} in\n{e}");
    }
    // Without those settings, every collection is generated.
    for c in &mut live {
        for p in &mut c.properties {
            p.disable_duplicated_references = None;
        }
        if let Some(r) = &mut c.replication_config {
            r.async_config = None;
        }
        c.vector_config.remove("hfresh");
    }
    committed("recorded.rs", &generate(&live));
    committed_inputs("recorded.json", &live);
}

fn author() -> CollectionConfig {
    CollectionConfig::new("UAuthor")
        .description("People who write.\nSecond line of the description.")
        .property(Property::new("name", DataType::Text).tokenization(Tokenization::Field))
}

fn publisher() -> CollectionConfig {
    CollectionConfig::new("UPublisher").property(Property::new("name", DataType::Text))
}

/// A legacy-vector collection with every data type and property setting.
fn book() -> CollectionConfig {
    let address = Property::new("address", DataType::Object)
        .description("Where it was printed")
        .nested_property(
            NestedProperty::new("street", DataType::Text).tokenization(Tokenization::Lowercase),
        )
        .nested_property(NestedProperty::new("cover", DataType::BlobHash))
        .nested_property(
            NestedProperty::new("geo", DataType::ObjectArray)
                .nested_property(
                    NestedProperty::new("lat", DataType::Number).index_range_filters(true),
                )
                .nested_property(NestedProperty::new("type", DataType::Text)),
        );
    CollectionConfig::new("UBook")
        .property(
            Property::new("title", DataType::Text).text_analyzer(
                TextAnalyzerConfig::new()
                    .ascii_fold(true)
                    .ascii_fold_ignore(["é"])
                    .stopword_preset("fr".into()),
            ),
        )
        .property(Property::new("type", DataType::Text).index_searchable(false))
        .property(
            Property::new("wordCount", DataType::Int)
                .index_range_filters(true)
                .skip_vectorization("text2vec-bigram", true),
        )
        .property(
            Property::new("snake_case", DataType::TextArray).tokenization(Tokenization::Whitespace),
        )
        .property(Property::new("price", DataType::Number).index_filterable(false))
        .property(Property::new("published", DataType::Date))
        .property(Property::new("dates", DataType::DateArray))
        .property(Property::new("isbn", DataType::Uuid))
        .property(Property::new("uuids", DataType::UuidArray))
        .property(Property::new("flags", DataType::BoolArray))
        .property(Property::new("scores", DataType::NumberArray))
        .property(Property::new("counts", DataType::IntArray))
        .property(Property::new("inPrint", DataType::Bool))
        .property(Property::new("shop", DataType::GeoCoordinates))
        .property(Property::new("phone", DataType::PhoneNumber))
        .property(Property::new("scan", DataType::Blob))
        .property(address)
        .property(
            Property::new("author", DataType::reference("UAuthor")).description("Who wrote it"),
        )
        .property(Property::new(
            "credits",
            DataType::references(["UAuthor", "UPublisher"]),
        ))
        .vectorizer("text2vec-bigram")
        .module_config("text2vec-bigram", json!({"vectorizeClassName": false}))
        .vector_index(
            VectorIndexType::Hnsw,
            VectorIndexConfig::new()
                .distance(Distance::Dot)
                .rq(RqConfig::new().bits(1)),
        )
        .inverted_index_config(
            InvertedIndexConfig::new()
                .bm25(Bm25Config::new(0.5, 1.5))
                .stopwords(
                    StopwordConfig::new(StopwordPreset::En)
                        .additions(["foo"])
                        .removals(["a"]),
                )
                .stopword_preset("fr", ["le", "la"])
                .index_null_state(true)
                .cleanup_interval_seconds(30),
        )
        .replication_config(
            ReplicationConfig::factor(1).deletion_strategy(DeletionStrategy::NoAutomatedResolution),
        )
        .sharding_config(ShardingConfig::desired_count(2).virtual_per_physical(64))
        .object_ttl_config(
            ObjectTtlConfig::delete_on("_lastUpdateTimeUnix", 3600).filter_expired_objects(true),
        )
        .generative(
            "generative-openai",
            json!({"model": "gpt-4o", "temperature": 0.5}),
        )
}

/// Named vectors of every index and quantizer shape and module syntax.
fn vectors() -> CollectionConfig {
    CollectionConfig::new("UVectors")
        .property(Property::new("title", DataType::Text))
        .property(Property::new("rel", DataType::reference("UAuthor")))
        .vector(
            "t",
            VectorConfig::new(
                Vectorizer::new("text2vec-transformers")
                    .setting("poolingStrategy", "cls")
                    .source_properties(["title"]),
            )
            .flat(VectorIndexConfig::new().rq(RqConfig::new().rescore_limit(10).cache(true))),
        )
        .vector(
            "b",
            VectorConfig::new(
                Vectorizer::new("text2vec-bigram").setting("vectorizeClassName", false),
            )
            .hnsw(
                VectorIndexConfig::new()
                    .ef(64)
                    .ef_construction(256)
                    .max_connections(48)
                    .dynamic_ef_min(50)
                    .dynamic_ef_max(400)
                    .dynamic_ef_factor(4)
                    .flat_search_cutoff(10000)
                    .vector_cache_max_objects(500000)
                    .cleanup_interval_seconds(100)
                    .filter_strategy(FilterStrategy::Sweeping)
                    .pq(PqConfig::new()
                        .segments(8)
                        .centroids(128)
                        .training_limit(5000)
                        .encoder(
                            PqEncoder::new(PqEncoderType::Tile)
                                .distribution(PqEncoderDistribution::Normal),
                        )),
            ),
        )
        .vector(
            "own",
            VectorConfig::self_provided()
                .hnsw(VectorIndexConfig::new().sq(SqConfig::new().training_limit(1000))),
        )
        .vector(
            "hnsw_bq",
            VectorConfig::self_provided().hnsw(VectorIndexConfig::new().bq(BqConfig::new())),
        )
        .vector(
            "dyn",
            VectorConfig::self_provided().dynamic(
                VectorIndexConfig::new()
                    .threshold(500)
                    .hnsw(VectorIndexConfig::new().ef(32).bq(BqConfig::new()))
                    .flat(VectorIndexConfig::new().bq(BqConfig::new().rescore_limit(100))),
            ),
        )
        .vector(
            "multi",
            VectorConfig::self_provided().hnsw(
                VectorIndexConfig::new()
                    .multivector(MultivectorConfig::new().muvera(MuveraConfig::new().ksim(2))),
            ),
        )
        .vector(
            "skipq",
            VectorConfig::self_provided()
                .hnsw(VectorIndexConfig::new().skip_default_quantization(true)),
        )
        .vector("plain", VectorConfig::self_provided())
        .vector(
            "r",
            VectorConfig::new(
                Vectorizer::new("ref2vec-centroid").setting("referenceProperties", json!(["rel"])),
            ),
        )
        .vector(
            "custom",
            VectorConfig::new(
                Vectorizer::new("text2vec-new")
                    .setting("a", serde_json::Value::Null)
                    .setting("b", json!([{"x": 1}])),
            ),
        )
        .reranker("reranker-cohere", json!({}))
}

/// Multi-tenancy, a default flat index, names that need care.
fn others() -> Vec<CollectionConfig> {
    vec![
        CollectionConfig::new("UTenant")
            .property(Property::new("note", DataType::Text))
            .multi_tenancy_config(MultiTenancyConfig::enabled().auto_tenant_creation(true))
            .vector("default", VectorConfig::self_provided().flat(VectorIndexConfig::new())),
        CollectionConfig::new("Gen_snake").property(Property::new("x_y", DataType::Int)),
        CollectionConfig::new("Blob")
            .description("a very long description that does not fit on one line together with its attribute name")
            .property(Property::new("self", DataType::Text)),
        CollectionConfig::new("Empty").description("A ```fence``` is no doc test"),
    ]
}

#[test]
fn every_shape() {
    let live: Vec<CollectionConfig> = [author(), publisher(), book(), vectors()]
        .into_iter()
        .chain(others())
        .map(|c| c.with_server_defaults())
        .collect();
    committed("every_shape.rs", &generate(&live));
    committed_inputs("every_shape.json", &live);
}

#[test]
fn options_change_the_output() {
    let live = [
        author().with_server_defaults(),
        vectors().with_server_defaults(),
    ];
    let options = GenerateOptions {
        header: None,
        derive_debug: false,
        extra_derives: vec!["Clone".into()],
        optional_scalars: false,
        id_field: false,
        vector_fields: true,
        ..GenerateOptions::default()
    };
    let source = rust_source(&live, &options).unwrap();
    assert_rustfmt_clean(&source);
    assert!(
        source.starts_with(
            "use weaviate_orm::WeaviateCollection;\nuse weaviate_orm::typed::Reference;\n"
        ),
        "{source}"
    );
    assert!(
        source.contains("#[derive(Clone, WeaviateCollection)]"),
        "{source}"
    );
    assert!(source.contains("    pub name: String,"), "{source}");
    assert!(!source.contains("#[weaviate(id)]"), "{source}");
    assert!(
        source
            .contains("    #[weaviate(vector = \"multi\")]\n    pub multi: Option<Vec<Vec<f32>>>,"),
        "{source}"
    );
    assert!(
        source.contains("    #[weaviate(vector = \"own\")]\n    pub own: Option<Vec<f32>>,"),
        "{source}"
    );
    let legacy = rust_source(
        &[
            book().with_server_defaults(),
            author().with_server_defaults(),
            publisher().with_server_defaults(),
        ],
        &options,
    )
    .unwrap();
    assert!(
        legacy.contains("    #[weaviate(vector)]\n    pub vector: Option<Vec<f32>>,"),
        "{legacy}"
    );
    let bad = GenerateOptions {
        extra_derives: vec!["Clone, Copy".into()],
        ..GenerateOptions::default()
    };
    assert!(rust_source(&live, &bad).is_err());
}

#[test]
fn a_server_with_other_defaults() {
    // DEFAULT_QUANTIZATION=rq-8: an index that has it needs no quantizer attribute, one that skips
    // it needs `quantizer = none`.
    let sd = ServerDefaults {
        default_quantization: Some("rq-8".into()),
        ..ServerDefaults::default()
    };
    let desired = CollectionConfig::new("Q")
        .vector("quantized", VectorConfig::self_provided())
        .vector(
            "raw",
            VectorConfig::self_provided()
                .hnsw(VectorIndexConfig::new().skip_default_quantization(true)),
        );
    let live = desired.with_server_defaults_using(&sd);
    let options = GenerateOptions {
        server_defaults: sd,
        ..GenerateOptions::default()
    };
    let source = rust_source(std::slice::from_ref(&live), &options).unwrap();
    assert!(
        source.contains("#[weaviate(vector(name = \"quantized\"))]"),
        "{source}"
    );
    assert!(
        source.contains("#[weaviate(vector(name = \"raw\", index = hnsw(quantizer = none)))]"),
        "{source}"
    );
    // Read as if from a stock server, the quantization the server chose by itself cannot be declared.
    let e = refusal(&[live]);
    assert!(
        e.contains("`vectorConfig.quantized.vectorIndexConfig.trackDefaultQuantization`"),
        "{e}"
    );
    assert!(e.contains("GenerateOptions::server_defaults"), "{e}");
}

#[test]
fn references_need_their_targets() {
    let live = [
        book().with_server_defaults(),
        author().with_server_defaults(),
    ];
    let e = refusal(&live);
    assert!(e.contains("collection `UBook`: property `credits` references collection `UPublisher`, which is not among the collections to generate"), "{e}");
}

#[test]
fn what_the_derive_cannot_say_is_refused() {
    let base = || CollectionConfig::new("R").property(Property::new("title", DataType::Text));
    let cases: Vec<(CollectionConfig, &str)> = vec![
        (
            base()
                .property(Property::new("n", DataType::Int).disable_duplicated_references(true))
                .with_server_defaults(),
            "`properties[n].disableDuplicatedReferences`: the server has true, the generated code would give absent",
        ),
        (
            {
                let mut c = base()
                    .vector("v", VectorConfig::self_provided())
                    .with_server_defaults();
                c.vectorizer = Some("none".into());
                c
            },
            "both named vectors and a collection-level vector",
        ),
        (
            {
                let mut c = base()
                    .vector("a", VectorConfig::new(Vectorizer::new("text2vec-bigram")))
                    .vector(
                        "b",
                        VectorConfig::new(Vectorizer::new("text2vec-transformers")),
                    )
                    .with_server_defaults();
                let p = &mut c.properties[0];
                *p = p.clone().skip_vectorization("text2vec-bigram", true);
                c
            },
            "property `title`: moduleConfig `skip` is true for text2vec-bigram, false for text2vec-transformers",
        ),
        (
            base()
                .replication_config(ReplicationConfig::factor(1).async_config(
                    ReplicationAsyncConfig {
                        frequency: Some(10),
                        ..Default::default()
                    },
                ))
                .with_server_defaults(),
            "replicationConfig.asyncConfig",
        ),
        (
            {
                let mut c = base().with_server_defaults();
                if let Some(i) = &mut c.inverted_index_config {
                    i.tokenizer_user_dict = Some(vec![
                        TokenizerUserDict::new(Tokenization::KagomeJa).replace("a", "b"),
                    ]);
                }
                c
            },
            "tokenizerUserDict",
        ),
        (
            base()
                .vector(
                    "v",
                    VectorConfig::self_provided().hnsw(
                        VectorIndexConfig::new()
                            .pq(PqConfig::new())
                            .bq(BqConfig::new()),
                    ),
                )
                .with_server_defaults(),
            "vector `v`: several quantizers are enabled (pq, bq)",
        ),
        (
            base()
                .vector(
                    "v",
                    VectorConfig::self_provided()
                        .index(VectorIndexType::Hfresh, VectorIndexConfig::new()),
                )
                .with_server_defaults(),
            "vector `v`: vector index `hfresh`",
        ),
        (
            base()
                .property(Property::new("counts", DataType::IntArray).index_range_filters(true))
                .with_server_defaults(),
            "property `counts`: a range index on a `int[]` property",
        ),
        (
            base()
                .property(Property::new("x_searchable", DataType::Text))
                .with_server_defaults(),
            "property `x_searchable`: the derive refuses this name",
        ),
        (
            base()
                .vector(
                    "v",
                    VectorConfig::self_provided()
                        .hnsw(VectorIndexConfig::new().max_connections(4000)),
                )
                .with_server_defaults(),
            "`max_connections` is 4000, and the derive takes from 4 to 2047",
        ),
        (
            {
                let mut c = base().with_server_defaults();
                c.extra.insert("somethingNew".into(), json!(1));
                c
            },
            "`somethingNew`: the server has 1, the generated code would give absent",
        ),
    ];
    for (live, expected) in cases {
        let e = refusal(&[live]);
        assert!(e.starts_with("collection `R`: "), "{e}");
        assert!(e.contains(expected), "expected {expected:?} in\n{e}");
    }
}

#[test]
fn every_refused_collection_is_reported_at_once() {
    let a = CollectionConfig::new("A")
        .property(Property::new("r", DataType::reference("Missing")))
        .with_server_defaults();
    let b = CollectionConfig::new("B")
        .vector(
            "v",
            VectorConfig::self_provided().index(VectorIndexType::Hfresh, VectorIndexConfig::new()),
        )
        .with_server_defaults();
    let e = refusal(&[a.clone(), b]);
    assert!(
        e.contains("collection `A`: ") && e.contains("collection `B`: "),
        "{e}"
    );
    let e = refusal(&[a.clone(), a]);
    assert!(e.contains("collection `A` is given twice"), "{e}");
}

/// The module names written as identifiers are the derive's own (its reference page lists them).
#[test]
fn known_modules_are_the_derives() {
    let docs = include_str!("../../../weaviate-orm-derive/docs/collection.md");
    for name in modules::known_modules() {
        let ident = name.replace('-', "_");
        assert!(
            docs.contains(&format!("`{ident}`")),
            "{ident} is not in the derive's docs"
        );
    }
}
