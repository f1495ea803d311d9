//! The struct's own `#[weaviate(...)]`: the collection's name, description, modules and indexes
//! here; named vectors (vectors.rs), the inverted index (inverted.rs), multi-tenancy, replication
//! and sharding (tenancy.rs) and the object TTL (ttl.rs) beside.

mod inverted;
mod tenancy;
mod ttl;
mod vectors;

use crate::errors::Errors;
use crate::model::{CollectionAttrs, RenameAll, Slot};
use crate::parse::meta::Item;
use crate::parse::values::{Setting, setting, walk};
use crate::parse::{index, modules};
use inverted::inverted_index;
use tenancy::{multi_tenancy, replication, sharding};
use ttl::object_ttl;
use vectors::named_vector;

/// The `vector(...)` key (read apart from the others, since it repeats).
const VECTOR_KEY: Setting = setting(
    "vector",
    "vector(name = \"title_vec\", source = [title], vectorizer = text2vec_openai)",
);

/// The keys the collection attribute takes.
pub(crate) static COLLECTION_KEYS: &[Setting] = &[
    setting("name", "name = \"Article\""),
    setting("renamed_from", "renamed_from = \"Post\""),
    setting("description", "description = \"News articles\""),
    setting("rename_all", "rename_all = \"camelCase\""),
    VECTOR_KEY,
    setting(
        "vectorizer",
        "vectorizer = text2vec_openai(model = \"text-embedding-3-small\")",
    ),
    setting("vector_index", "vector_index = hnsw(distance = cosine)"),
    setting(
        "generative",
        "generative = generative_openai(model = \"gpt-4o\")",
    ),
    setting("reranker", "reranker = reranker_cohere"),
    setting(
        "inverted_index",
        "inverted_index(bm25(b = 0.75, k1 = 1.2), index_timestamps)",
    ),
    setting("multi_tenancy", "multi_tenancy(auto_tenant_creation)"),
    setting("replication", "replication(factor = 3)"),
    setting("sharding", "sharding(desired_count = 2)"),
    setting(
        "object_ttl",
        "object_ttl(delete_on = creation_time, ttl_seconds = 86400)",
    ),
];

/// Reads the struct's `#[weaviate(...)]` items (`vector` may repeat; the others may not).
pub(crate) fn parse(items: &[Item], errors: &mut Errors) -> CollectionAttrs {
    let mut attrs = CollectionAttrs {
        name: None,
        renamed_from: None,
        description: None,
        rename_all: RenameAll::Verbatim,
        vectorizer: None,
        vector_index: None,
        generative: None,
        reranker: None,
        config_calls: Vec::new(),
        multi_tenancy: None,
        sharding: None,
        vectors: Vec::new(),
        stopword_presets: Vec::new(),
    };
    // `vector(...)` repeats: read those apart, then walk the rest (which rejects repeats).
    let (vectors, rest): (Vec<&Item>, Vec<&Item>) = items
        .iter()
        .partition(|i| i.name().as_deref() == Some("vector"));
    for item in vectors {
        if let Some(args) = item.args(&VECTOR_KEY, errors) {
            attrs.vectors.extend(named_vector(args, item, errors));
        }
    }
    walk(
        rest,
        "collection attribute",
        COLLECTION_KEYS,
        errors,
        |k, item, errors| match k.name {
            "name" => attrs.name = item.value(k, errors).and_then(|v| v.string(k, errors)),
            "renamed_from" => {
                attrs.renamed_from = item.value(k, errors).and_then(|v| v.string(k, errors));
            }
            "description" => {
                attrs.description = item
                    .value(k, errors)
                    .and_then(|v| v.string(k, errors))
                    .map(|s| s.0);
            }
            "rename_all" => {
                if let Some(v) = item.value(k, errors) {
                    let choices = [
                        ("camelCase", RenameAll::CamelCase),
                        ("none", RenameAll::Verbatim),
                    ];
                    if let Some(r) = v.choice(k, &choices, errors) {
                        attrs.rename_all = r;
                    }
                }
            }
            "vectorizer" => {
                attrs.vectorizer = item
                    .value(k, errors)
                    .and_then(|v| modules::parse(v, Slot::Vectorizer, errors));
            }
            "vector_index" => {
                attrs.vector_index = item.value(k, errors).and_then(|v| index::parse(v, errors));
            }
            "generative" => {
                attrs.generative = item
                    .value(k, errors)
                    .and_then(|v| modules::parse(v, Slot::Generative, errors));
            }
            "reranker" => {
                attrs.reranker = item
                    .value(k, errors)
                    .and_then(|v| modules::parse(v, Slot::Reranker, errors));
            }
            "inverted_index" => {
                if let Some(args) = item.args(k, errors) {
                    let (call, presets) = inverted_index(args, errors);
                    attrs.config_calls.push(call);
                    attrs.stopword_presets = presets;
                }
            }
            "multi_tenancy" => {
                if let Some(args) = item.flag_or_args(k, errors) {
                    let (call, enabled) = multi_tenancy(args, errors);
                    if enabled {
                        attrs.multi_tenancy = Some(item.name_span());
                    }
                    attrs.config_calls.push(call);
                }
            }
            "replication" => {
                if let Some(args) = item.args(k, errors) {
                    attrs.config_calls.push(replication(args, errors));
                }
            }
            "sharding" => {
                if let Some(args) = item.args(k, errors) {
                    attrs.sharding = Some(item.name_span());
                    attrs.config_calls.push(sharding(args, errors));
                }
            }
            "object_ttl" => {
                if let Some(args) = item.args(k, errors) {
                    attrs.config_calls.extend(object_ttl(args, item, errors));
                }
            }
            _ => {}
        },
    );
    attrs
}
