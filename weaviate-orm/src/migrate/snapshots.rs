//! Snapshot tests of the plan's two forms: the lines people read and the JSON tools read. The
//! committed files are the reference; `WEAVIATE_ORM_BLESS=1 cargo test -p weaviate-orm --lib
//! snapshots` rewrites them after a deliberate change (review the diff).

use std::path::PathBuf;

use super::options::{MigrateOptions, Scope};
use super::{Desired, LiveState, Plan, planner};
use crate::schema::{
    Bm25Config, CollectionConfig, DataType, InvertedIndexConfig, Property, Tokenization,
    VectorConfig, VectorIndexConfig,
};

fn live_state() -> LiveState {
    let mut live = LiveState {
        version: "1.39.0".into(),
        node_count: 1,
        ..LiveState::default()
    };
    let stored = [
        CollectionConfig::new("Article")
            .property(Property::new("title", DataType::Text))
            .property(Property::new("body", DataType::Text))
            .property(Property::new("views", DataType::Int))
            .property(Property::new("legacy", DataType::Text))
            .vector("title", VectorConfig::self_provided()),
        CollectionConfig::new("Author_v1").property(Property::new("name", DataType::Text)),
        CollectionConfig::new("Unrelated"),
    ];
    for c in stored {
        let c = c.with_server_defaults();
        live.classes.insert(c.name.clone(), c);
    }
    live.aliases.insert("Author".into(), "Author_v1".into());
    live
}

fn desired() -> Vec<Desired> {
    vec![
        Desired::new(
            CollectionConfig::new("Article")
                .description("News articles")
                .property(Property::new("title", DataType::Text).tokenization(Tokenization::Field))
                .property(Property::new("body", DataType::Text).index_filterable(false))
                .property(Property::new("views", DataType::Int).index_range_filters(true))
                .property(Property::new("author", DataType::reference("Author")))
                .vector(
                    "title",
                    VectorConfig::self_provided().hnsw(VectorIndexConfig::new().ef(64)),
                )
                .inverted_index_config(InvertedIndexConfig::new().bm25(Bm25Config::new(0.7, 1.1))),
        ),
        Desired::new(
            CollectionConfig::new("Author").property(Property::new("name", DataType::Int)),
        ),
        Desired::new(
            CollectionConfig::new("Comment").property(Property::new("text", DataType::Text)),
        ),
    ]
}

fn plan(options: &MigrateOptions) -> Plan {
    planner::compute(&desired(), &live_state(), options)
}

fn check(file: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/plans")
        .join(file);
    if std::env::var_os("WEAVIATE_ORM_BLESS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (WEAVIATE_ORM_BLESS=1 writes it)", path.display()));
    assert!(
        expected == actual,
        "{} differs from the plan computed now (WEAVIATE_ORM_BLESS=1 rewrites it after review):\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn the_plan_as_people_read_it() {
    let refused = plan(&MigrateOptions {
        report_undeclared: true,
        ..MigrateOptions::default()
    });
    check("mixed.txt", &refused.to_string());
    let allowed = plan(&MigrateOptions {
        allow_rebuild: Scope::All,
        report_undeclared: true,
        ..MigrateOptions::default()
    });
    check("mixed_allowed.txt", &allowed.to_string());
    check("mixed_allowed.ansi", &allowed.render(true));
}

#[test]
fn the_plan_as_tools_read_it() {
    let p = plan(&MigrateOptions {
        allow_rebuild: Scope::All,
        report_undeclared: true,
        ..MigrateOptions::default()
    });
    let json = serde_json::to_string_pretty(&p).unwrap() + "\n";
    check("mixed_allowed.json", &json);
    let back: Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, p, "the JSON form round-trips");
}

#[test]
fn the_order_is_stable() {
    let options = MigrateOptions::default();
    let mut reversed = desired();
    reversed.reverse();
    let a = plan(&options);
    let b = planner::compute(&reversed, &live_state(), &options);
    assert_eq!(a, b);
}
