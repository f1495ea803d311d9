//! Every attribute at once, under `#![deny(missing_docs)]` (the generated public items carry docs).
#![deny(missing_docs, warnings)]

use uuid::Uuid;
use weaviate_orm::typed::{Blob, GeoCoordinates, MultiReference, PhoneNumber, Reference};
use weaviate_orm::{WeaviateCollection, WeaviateObject};

/// An author.
#[derive(WeaviateCollection)]
pub struct Author {
    /// The name.
    pub name: String,
}

/// A publisher.
#[derive(WeaviateCollection)]
pub struct Publisher {
    /// The name.
    pub name: String,
}

/// A nested object.
#[derive(WeaviateObject, Default)]
#[weaviate(rename_all = "camelCase")]
pub struct Address {
    /// Street.
    #[weaviate(rename = "road", description = "The street", tokenization = word, index_filterable,
               index_searchable, text_analyzer(ascii_fold))]
    pub street: String,
    /// Postal code.
    #[weaviate(index_range_filters)]
    pub postal_code: i64,
    /// Not stored.
    #[weaviate(skip)]
    pub note: String,
    /// Raw bytes, hashed.
    #[weaviate(data_type = "blobHash")]
    pub raw: Blob,
}

/// Everything.
#[derive(WeaviateCollection)]
#[weaviate(
    name = "Everything_2",
    renamed_from = "Everything",
    description = "Every attribute",
    rename_all = "camelCase",
    vector(name = "text", source = [title, "bodyText"], vectorizer = text2vec_openai(model = "text-embedding-3-small", dimensions = 256, vectorize_class_name = false),
           index = hnsw(distance = cosine, ef = -1, ef_construction = 128, max_connections = 32, dynamic_ef_min = 100,
                        dynamic_ef_max = 500, dynamic_ef_factor = 8, flat_search_cutoff = 40000,
                        vector_cache_max_objects = 1000000, cleanup_interval_seconds = 300, skip = false,
                        filter_strategy = sweeping, quantizer = pq(segments = 8, centroids = 256, training_limit = 10000,
                        encoder = tile(distribution = log_normal), bit_compression = false))),
    vector(name = "own", dimensions = 3, index = flat(distance = dot, vector_cache_max_objects = 10, quantizer = bq(rescore_limit = 10, cache))),
    vector(name = "rq_flat", index = flat(quantizer = rq(bits = 1, rescore_limit = 10, cache = true))),
    vector(name = "sq", index = hnsw(quantizer = sq(training_limit = 1000, rescore_limit = 20))),
    vector(name = "rq", index = hnsw(quantizer = rq(bits = 4, rescore_limit = 20))),
    vector(name = "bq", index = hnsw(quantizer = bq)),
    vector(name = "plain", index = hnsw(quantizer = none)),
    vector(name = "dyn", index = dynamic(distance = cosine, threshold = 10000, hnsw(ef = 64, quantizer = pq), flat(quantizer = bq))),
    vector(name = "multi", index = hnsw(multi_vector(aggregation = max_sim, muvera(ksim = 4, dprojections = 16, repetitions = 10)))),
    vector(name = "refs", source = [author], vectorizer = ref2vec_centroid(method = "mean")),
    vector(name = "custom", source = [title], vectorizer = module("text2vec-custom", json = r#"{"a": {"b": [1, 2.5, null, true]}}"#, c = "d")),
    vector(name = "bigram", source = [title], vectorizer = text2vec_bigram, index = hnsw),
    generative = generative_openai(model = "gpt-4o", temperature = 0.5, stop = ["a", "b"], nested(top_p = 1)),
    reranker = module("reranker-custom"),
    inverted_index(bm25(b = 0.75, k1 = 1.2), stopwords(preset = none, additions = ["a"], removals = ["the"]),
                   stopword_presets(fr = ["le", "la"]), index_timestamps, index_null_state = true,
                   index_property_length = false, cleanup_interval_seconds = 60),
    multi_tenancy(enabled = true, auto_tenant_creation, auto_tenant_activation = false),
    replication(factor = 1, async_enabled = false, deletion_strategy = delete_on_conflict),
    object_ttl(delete_on = "publishedAt", ttl_seconds = 3600, filter_expired_objects),
)]
pub struct Everything {
    /// The id.
    #[weaviate(id)]
    pub id: Option<Uuid>,
    /// The title.
    #[weaviate(key, tokenization = word, index_searchable = true, skip_vectorization = false,
               vectorize_property_name, text_analyzer(ascii_fold, ascii_fold_ignore = ["é"], stopword_preset = "fr"))]
    pub title: String,
    /// The body.
    #[weaviate(description = "The text", tokenization = trigram)]
    pub body_text: Option<Vec<String>>,
    /// A count.
    #[weaviate(rename = "wordCount", renamed_from = "words", index_range_filters = true, index_filterable = false)]
    pub words: u32,
    /// A score.
    #[weaviate(renamed_from = "rating")]
    pub score: f64,
    /// A flag.
    pub published: Option<bool>,
    /// A date.
    #[weaviate(index_range_filters)]
    pub published_at: chrono::DateTime<chrono::Utc>,
    /// Some ids.
    pub related: Vec<Uuid>,
    /// A place.
    pub location: Option<GeoCoordinates>,
    /// A phone.
    pub phone: Option<PhoneNumber>,
    /// A blob.
    pub image: Option<Blob>,
    /// A nested object.
    pub address: Address,
    /// Nested objects.
    pub addresses: Vec<Address>,
    /// A reference.
    pub author: Reference<Author>,
    /// A multi-target reference.
    #[weaviate(targets(Author, crate::Publisher))]
    pub credits: MultiReference,
    /// The own vector.
    #[weaviate(vector = "own")]
    pub own: Vec<f32>,
    /// A multi-vector.
    #[weaviate(vector = "multi")]
    pub multi: Option<Vec<Vec<f32>>>,
    /// Not stored.
    #[weaviate(skip)]
    pub cache: Vec<u8>,
}

fn main() {
    use weaviate_orm::typed::WeaviateCollection as _;
    let config = Everything::collection_config();
    assert_eq!(config.name, "Everything_2");
    assert_eq!(config.vector_config.len(), 12);
    let fields = Everything::fields();
    assert_eq!(fields.words.name(), "wordCount");
    assert_eq!(fields.body_text.name(), "bodyText");
    assert_eq!(Everything::vectors().own.name(), "own");
    let renames = Everything::RENAMES;
    assert_eq!(renames.collection, Some("Everything"));
    assert_eq!(renames.former_name_of("wordCount"), Some("words"));
    assert_eq!(renames.former_name_of("score"), Some("rating"));
    assert_eq!(renames.properties.len(), 2);
    assert!(Author::RENAMES.is_empty());
    let names: Vec<&str> = weaviate_orm::typed::registry::collections()
        .iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["Author", "Everything_2", "Publisher"]);
}
