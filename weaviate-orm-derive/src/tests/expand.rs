//! Expansion snapshots of representative structs (review changes with `INSTA_UPDATE=always` and the
//! diff of `snapshots/`).

use quote::quote;

#[test]
fn simple() {
    insta::assert_snapshot!(super::collection(quote! {
        /// An article.
        #[weaviate(description = "News articles")]
        pub struct Article {
            #[weaviate(id)]
            pub id: uuid::Uuid,
            pub title: String,
            pub word_count: Option<i64>,
        }
    }));
}

#[test]
fn every_data_type() {
    insta::assert_snapshot!(super::collection(quote! {
        pub(crate) struct AllTypes {
            text: String,
            texts: Vec<String>,
            int: i64,
            ints: Option<Vec<i32>>,
            number: f64,
            numbers: Vec<f32>,
            boolean: bool,
            booleans: Vec<bool>,
            date: chrono::DateTime<chrono::Utc>,
            dates: Vec<chrono::DateTime<chrono::FixedOffset>>,
            uuid: uuid::Uuid,
            uuids: Vec<uuid::Uuid>,
            geo: GeoCoordinates,
            phone: PhoneNumber,
            blob: Blob,
            #[weaviate(data_type = "blobHash")]
            blob_hash: Blob,
            object: Address,
            objects: Vec<Address>,
        }
    }));
}

#[test]
fn named_vectors_and_quantizers() {
    insta::assert_snapshot!(super::collection(quote! {
        #[weaviate(
            vector(name = "title_vec", source = [title, body], vectorizer = text2vec_openai(model = "text-embedding-3-small", dimensions = 256),
                   index = hnsw(distance = cosine, ef = 64, quantizer = pq(segments = 8, encoder = tile(distribution = normal)))),
            vector(name = "own", dimensions = 128, index = flat(quantizer = bq(rescore_limit = 100, cache))),
            vector(name = "colbert", index = hnsw(multi_vector(muvera(ksim = 4)), quantizer = rq(bits = 8))),
            vector(name = "mixed", index = dynamic(threshold = 10000, hnsw(quantizer = sq), flat(quantizer = rq(bits = 1)))),
        )]
        pub struct Page {
            #[weaviate(tokenization = word)]
            title: String,
            body: Option<String>,
            #[weaviate(vector = "own")]
            own: Vec<f32>,
            #[weaviate(vector = "colbert")]
            colbert: Option<Vec<Vec<f32>>>,
        }
    }));
}

#[test]
fn multi_tenant_with_references() {
    insta::assert_snapshot!(super::collection(quote! {
        #[weaviate(
            name = "TenantArticle",
            multi_tenancy(auto_tenant_creation, auto_tenant_activation),
            replication(factor = 3, deletion_strategy = time_based_resolution),
            inverted_index(bm25(b = 0.7, k1 = 1.1), stopwords(preset = en, additions = ["foo"]), index_timestamps),
            vectorizer = text2vec_bigram,
            generative = generative_dummy,
            reranker = reranker_dummy,
        )]
        pub struct Article {
            #[weaviate(key, tokenization = field)]
            slug: String,
            #[weaviate(skip_vectorization, index_range_filters)]
            published: chrono::DateTime<chrono::Utc>,
            author: Reference<Author>,
            #[weaviate(targets(Author, crate::Publisher))]
            credits: MultiReference,
            #[weaviate(vector)]
            embedding: Option<Vec<f32>>,
            #[weaviate(skip)]
            cache: Vec<u8>,
        }
    }));
}

#[test]
fn nested_object() {
    insta::assert_snapshot!(super::object(quote! {
        #[weaviate(rename_all = "camelCase")]
        pub struct Address {
            #[weaviate(tokenization = field, index_searchable = false)]
            postal_code: String,
            #[weaviate(rename = "town", description = "The city")]
            city: Option<String>,
            location: Option<GeoCoordinates>,
            lines: Vec<Line>,
            #[weaviate(skip)]
            formatted: String,
        }
    }));
}

#[test]
fn renames() {
    insta::assert_snapshot!(super::collection(quote! {
        #[weaviate(name = "Story", renamed_from = "Article", rename_all = "camelCase")]
        pub struct Story {
            #[weaviate(renamed_from = "title")]
            headline: String,
            #[weaviate(renamed_from = "wordCount")]
            word_total: i64,
            #[weaviate(rename = "body", renamed_from = "text")]
            content: String,
            unchanged: bool,
        }
    }));
}

#[test]
fn property_renames_only() {
    let expanded = super::collection(quote! {
        struct Note {
            #[weaviate(renamed_from = "body")]
            text: String,
        }
    });
    let renames = expanded
        .find("const RENAMES")
        .map(|at| &expanded[at..])
        .and_then(|rest| rest.find("};").map(|end| &rest[..end + 2]))
        .unwrap_or_else(|| panic!("no `const RENAMES`:\n{expanded}"));
    assert!(
        renames.contains("collection: ::core::option::Option::None"),
        "{renames}"
    );
    assert!(renames.contains("from: \"body\""), "{renames}");
    assert!(renames.contains("to: \"text\""), "{renames}");
}

#[test]
fn no_renames_no_const() {
    let expanded = super::collection(quote! {
        struct Note {
            text: String,
        }
    });
    assert!(!expanded.contains("const RENAMES"), "{expanded}");
    // The registry still reads the trait's constant (its default, `Renames::NONE`).
    assert!(expanded.contains("::RENAMES, }"), "{expanded}");
}
