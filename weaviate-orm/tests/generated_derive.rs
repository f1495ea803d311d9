//! The code `weaviate_orm::generate` writes, compiled with the real derive: every generated struct's
//! `collection_config()`, filled in with the server's defaults, is the live config it was generated
//! from. The files under `tests/generate/` are written by the generator's unit tests
//! (`src/generate/tests.rs`, which also keep them fresh); this test proves the generator's model of
//! the derive right for every shape they cover, without a server.

#[path = "generate/every_shape.rs"]
mod every_shape;
#[path = "generate/recorded.rs"]
mod recorded;

use weaviate_orm::schema::CollectionConfig;
use weaviate_orm::typed::registry;

fn inputs() -> Vec<CollectionConfig> {
    let mut live: Vec<CollectionConfig> =
        serde_json::from_str(include_str!("generate/recorded.json")).expect("recorded.json");
    let shapes: Vec<CollectionConfig> =
        serde_json::from_str(include_str!("generate/every_shape.json")).expect("every_shape.json");
    live.extend(shapes);
    live
}

#[test]
fn every_generated_struct_declares_its_live_collection() {
    let live = inputs();
    let registered = registry::collections();
    assert_eq!(
        registered.len(),
        live.len(),
        "one generated struct per input collection"
    );
    for collection in registered {
        let input = live
            .iter()
            .find(|l| l.name == collection.name)
            .unwrap_or_else(|| panic!("{} is no input", collection.name));
        let derived = (collection.config)();
        assert!(
            derived.matches_server(input),
            "{} ({}) differs from its input.\nderived, with defaults:\n{}\ninput:\n{}",
            collection.name,
            collection.rust_type,
            serde_json::to_string_pretty(&derived.with_server_defaults().normalized_for_compare())
                .unwrap_or_default(),
            serde_json::to_string_pretty(&input.normalized_for_compare()).unwrap_or_default()
        );
    }
}
