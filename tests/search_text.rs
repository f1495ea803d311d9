//! Text searches against the real server: near_text (move to / away, certainty, distance,
//! concepts), bm25 (properties, boosts, AND / OR with minimum match) and hybrid (alpha, fusion,
//! properties, explicit vector, near-text and near-vector sub-searches, max vector distance, target
//! vector).
//!
//! The phrases are vectorized by Weaviate's text2vec-transformers module talking to the local
//! embedding service that scripts/weaviate starts with every server (scripts/embedder.py): it
//! computes text2vec-bigram's vectors (the normalised counts of the 676 byte bigrams mod 26), so
//! cosine distances follow from the letters; the expected orders below were computed that way (and
//! no two documents tie). text2vec-bigram itself cannot serve here: Weaviate 1.39 registers no
//! nearText argument for it and refuses every near-text search on it.

mod common;

use uuid::Uuid;
use weaviate_orm::query::{
    Bm25Operator, Fusion, Hit, HybridVector, MetadataQuery, Move, Query, Targets,
};
use weaviate_orm::{Client, Error, WeaviateCollection};

/// Vectorized from `title` alone (no class name), with bigram vectors (see the module docs).
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "SearchTextPhrase",
    vector(name = "title_vec", source = [title], vectorizer = text2vec_transformers(vectorize_class_name = false),
           index = hnsw(distance = cosine)),
)]
struct Phrase {
    #[weaviate(id)]
    id: Uuid,
    title: String,
}

const PHRASES: [&str; 5] = [
    "the cat sat on the mat",
    "a dog barked at the mailman",
    "cats and kittens",
    "quantum physics lecture",
    "the cathedral bells",
];

/// Two text properties for keyword search, and a vector the application brings (squared euclidean
/// distance).
#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "SearchTextPaper",
    vector(name = "v", dimensions = 2, index = flat(distance = l2_squared)),
)]
struct Paper {
    #[weaviate(id)]
    id: Uuid,
    #[weaviate(tokenization = word)]
    title: String,
    #[weaviate(tokenization = word)]
    body: String,
    pages: i64,
    #[weaviate(vector = "v")]
    v: Vec<f32>,
}

/// (title, body, vector offset from Q); squared distances to Q: 1, 25, 4, 100, 9.
const PAPERS: [(&str, &str, [f32; 2]); 5] = [
    ("rust", "the quick fox", [1.0, 0.0]),
    ("jumps high", "rust rust python", [5.0, 0.0]),
    ("lazy dog", "rust python go", [2.0, 0.0]),
    ("python go", "over the moon", [10.0, 0.0]),
    ("java", "nothing here", [3.0, 0.0]),
];

const Q: [f32; 2] = [10.0, 10.0];

fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x7e47_0000_0000_4000_8000_0000_0000_0000 + n)
}

fn expect(order: &[u128]) -> Vec<Uuid> {
    order.iter().map(|n| id(*n)).collect()
}

fn ids<T>(hits: &[Hit<T>]) -> Vec<Uuid> {
    hits.iter().map(|h| h.id).collect()
}

async fn create<T: WeaviateCollection>(client: &Client, prefix: &str) -> String {
    let name = common::unique(prefix);
    let mut config = T::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    name
}

async fn phrases(client: &Client) -> (String, Query<Phrase>) {
    let name = create::<Phrase>(client, "SearchPhrase").await;
    let objects = PHRASES.iter().enumerate().map(|(i, t)| Phrase {
        id: id(i as u128 + 1),
        title: (*t).into(),
    });
    let report = client
        .collection(&name)
        .typed::<Phrase>()
        .batch()
        .insert_many(objects)
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    (
        name.clone(),
        client.collection(&name).typed::<Phrase>().query(),
    )
}

async fn papers(client: &Client) -> (String, Query<Paper>) {
    let name = create::<Paper>(client, "SearchPaper").await;
    let objects = PAPERS
        .iter()
        .enumerate()
        .map(|(i, (title, body, off))| Paper {
            id: id(i as u128 + 1),
            title: (*title).into(),
            body: (*body).into(),
            pages: (i as i64 + 1) * 10,
            v: vec![Q[0] + off[0], Q[1] + off[1]],
        });
    let report = client
        .collection(&name)
        .typed::<Paper>()
        .batch()
        .insert_many(objects)
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);
    (
        name.clone(),
        client.collection(&name).typed::<Paper>().query(),
    )
}

/// Runs a near-text search and checks the exact order of the ids.
async fn near_text_in_order(
    search: impl std::future::IntoFuture<Output = weaviate_orm::Result<Vec<Hit<Phrase>>>>,
    expected: &[u128],
) {
    let hits = search
        .await
        .expect("near_text runs on the text2vec-transformers vector");
    assert_eq!(ids(&hits), expect(expected));
}

#[tokio::test]
async fn near_text_with_moves_thresholds_and_concepts() {
    let client = common::client().await;
    let (name, q) = phrases(&client).await;

    // What is sent: as the Python client sends it.
    let request = q
        .near_text("cat")
        .move_to(
            Move::force(1.0)
                .concepts(["quantum physics"])
                .objects([id(4)]),
        )
        .move_away(Move::force(0.5).concepts(["kittens"]))
        .certainty(0.7)
        .target(Phrase::vectors().title_vec)
        .to_request()
        .unwrap();
    let near = request.near_text.unwrap();
    assert_eq!(near.query, ["cat"]);
    assert_eq!(near.certainty, Some(0.7));
    assert_eq!(near.distance, None);
    let to = near.move_to.unwrap();
    assert_eq!(
        (to.force, to.concepts, to.uuids),
        (
            1.0,
            vec!["quantum physics".to_owned()],
            vec![id(4).to_string()]
        )
    );
    assert_eq!(near.move_away.unwrap().force, 0.5);
    assert_eq!(near.targets.unwrap().target_vectors, ["title_vec"]);

    // cosine distances to "cat": 1: 0.522, 3: 0.635, 5: 0.699, 2: 0.871, 4: 1.0
    near_text_in_order(q.near_text("cat"), &[1, 3, 5, 2, 4]).await;
    // thresholds: certainty = 1 - distance / 2
    near_text_in_order(q.near_text("cat").certainty(0.66), &[1, 3]).await;
    near_text_in_order(q.near_text("cat").distance(0.65), &[1, 3]).await;
    // move to "quantum physics" (halfway at force 1): 1: 0.537, 3: 0.634, 4: 0.711, 5: 0.718, 2: 0.828
    near_text_in_order(
        q.near_text("cat")
            .move_to(Move::force(1.0).concepts(["quantum physics"])),
        &[1, 3, 4, 5, 2],
    )
    .await;
    // move to object 4 ("quantum physics lecture"): 1: 0.534, 3: 0.620, 4: 0.700
    near_text_in_order(
        q.near_text("cat")
            .move_to(Move::force(1.0).objects([id(4)]))
            .limit(3),
        &[1, 3, 4],
    )
    .await;
    // move away from "kittens": 1: 0.570, 5: 0.720, 3: 0.761, 2: 0.887, 4: 1.0
    near_text_in_order(
        q.near_text("cat")
            .move_away(Move::force(1.0).concepts(["kittens"])),
        &[1, 5, 3, 2, 4],
    )
    .await;
    // several concepts are averaged: "cat" and "dog": 1, 2, 3, 5, 4
    near_text_in_order(q.near_text_concepts(["cat", "dog"]), &[1, 2, 3, 5, 4]).await;

    // a move without concepts or objects is refused before sending
    let err = q
        .near_text("cat")
        .move_to(Move::force(0.5))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn bm25_properties_boosts_and_operators() {
    let client = common::client().await;
    let (name, q) = papers(&client).await;
    let f = Paper::fields();

    // "rust" in titles: 1; in bodies: 2 (twice), 3 (once)
    let hits = q.bm25("rust").property(f.title).await.unwrap();
    assert_eq!(ids(&hits), expect(&[1]));
    let hits = q
        .bm25("rust")
        .property(f.body)
        .return_metadata(MetadataQuery::default().score().explain_score())
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 3]));
    assert!(hits[0].metadata.score.unwrap() > hits[1].metadata.score.unwrap());
    assert!(hits[0].metadata.explain_score.is_some());

    // boosts decide between a title match and body matches
    let hits = q
        .bm25("rust")
        .property_boosted(f.title, 10.0)
        .property(f.body)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 2, 3]));
    let hits = q
        .bm25("rust")
        .property(f.title)
        .property_boosted(f.body, 10.0)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 3, 1]));

    // AND: both tokens in the body: 2 and 3, not 4 (whose body has neither)
    let hits = q
        .bm25("rust python")
        .property(f.body)
        .operator(Bm25Operator::And)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 3]));
    let hits = q
        .bm25("rust fox")
        .property(f.body)
        .operator(Bm25Operator::And)
        .await
        .unwrap();
    assert!(hits.is_empty());
    // OR: any token; at least two tokens of "python go fox" in the body: only 3
    let hits = q
        .bm25("python go fox")
        .property(f.body)
        .operator(Bm25Operator::or())
        .await
        .unwrap();
    let mut any: Vec<Uuid> = ids(&hits);
    any.sort();
    assert_eq!(any, expect(&[1, 2, 3]));
    let hits = q
        .bm25("python go fox")
        .property(f.body)
        .operator(Bm25Operator::or_at_least(2))
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[3]));

    // every text property by default, with a filter and a limit
    let hits = q.bm25("python").filter(f.pages.gte(30)).await.unwrap();
    let mut got = ids(&hits);
    got.sort();
    assert_eq!(got, expect(&[3, 4]));
    let hits = q.bm25("rust").limit(1).await.unwrap();
    assert_eq!(hits.len(), 1);

    // a non-positive boost is refused before sending
    let err = q
        .bm25("rust")
        .property_boosted(f.title, 0.0)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn hybrid_alpha_fusion_properties_vectors_and_distance() {
    let client = common::client().await;
    let (name, q) = papers(&client).await;
    let f = Paper::fields();

    // alpha 1: the vector part only: squared distances 1: 1, 3: 4, 5: 9, 2: 25, 4: 100
    let hits = q
        .hybrid("rust")
        .vector(Q.to_vec())
        .alpha(1.0)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 3, 5, 2, 4]));
    // alpha 0: the keyword part only, on the bodies: 2, 3
    let hits = q
        .hybrid("rust")
        .vector(Q.to_vec())
        .property(f.body)
        .alpha(0.0)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 3]));
    let hits = q
        .hybrid("rust")
        .vector(Q.to_vec())
        .property(f.title)
        .alpha(0.0)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1]));

    // alpha 0.5, keyword on bodies (2 before 3), vector 1, 3, 5, 2, 4.
    // Ranked fusion: 0.5 / (60 + rank) from each ranking: 3: 1/61 (0.01639) > 2: 1/120 + 1/126
    // (0.01627) > 1: 1/120 > 5: 1/124 > 4: 1/128.
    let hits = q
        .hybrid("rust")
        .vector(Q.to_vec())
        .property(f.body)
        .alpha(0.5)
        .fusion(Fusion::Ranked)
        .return_metadata(MetadataQuery::default().score())
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[3, 2, 1, 5, 4]));
    let score = hits[0].metadata.score.unwrap();
    assert!((score - 1.0 / 61.0).abs() < 1e-5, "{score}");
    // Relative score fusion: keyword normalised 2: 1, 3: 0; vector (100 - d) / 99:
    // 1: 1, 3: 0.970, 5: 0.919, 2: 0.758, 4: 0; halved and summed: 2: 0.879, 1: 0.5, 3: 0.485,
    // 5: 0.460, 4: 0
    let hits = q
        .hybrid("rust")
        .vector(Q.to_vec())
        .property(f.body)
        .alpha(0.5)
        .fusion(Fusion::RelativeScore)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 1, 3, 5, 4]));

    // a near-vector sub-search at doc 4's point: 4: 0, 2: 25, 5: 49, 3: 64, 1: 81
    let hits = q
        .hybrid("rust")
        .vector_search(HybridVector::near_vector(vec![20.0, 10.0]))
        .alpha(1.0)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[4, 2, 5, 3, 1]));

    // max vector distance: only vector results within 5 (1 and 3)
    let hits = q
        .hybrid("rust")
        .vector(Q.to_vec())
        .alpha(1.0)
        .max_vector_distance(5.0)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 3]));

    // AND on the keyword part
    let hits = q
        .hybrid("rust python")
        .vector(Q.to_vec())
        .property(f.body)
        .operator(Bm25Operator::And)
        .alpha(0.0)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[2, 3]));

    // a vector and a vector search together are refused before sending
    let err = q
        .hybrid("rust")
        .vector(Q.to_vec())
        .vector_search(HybridVector::near_vector(Q.to_vec()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn hybrid_vectorizes_the_query_or_a_near_text_sub_search() {
    let client = common::client().await;
    let (name, q) = phrases(&client).await;
    let v = Phrase::vectors();

    // alpha 1: the query vectorized: as near_text("cat")
    let hits = q
        .hybrid("cat")
        .alpha(1.0)
        .target(v.title_vec)
        .await
        .unwrap();
    assert_eq!(ids(&hits), expect(&[1, 3, 5, 2, 4]));
    // alpha 0: "cat" as a word only in 1 ("cats" is another word)
    let hits = q.hybrid("cat").alpha(0.0).await.unwrap();
    assert_eq!(ids(&hits), expect(&[1]));
    // a near-text sub-search replaces the query for the vector part:
    // "quantum physics": 4: 0.18, 2: 0.85, 3: 0.93, 1: 0.95, 5: 1.0
    near_text_in_order(
        q.hybrid("cat")
            .vector_search(HybridVector::near_text("quantum physics"))
            .alpha(1.0)
            .targets(Targets::one(v.title_vec)),
        &[4, 2, 3, 1, 5],
    )
    .await;
    let request = q
        .hybrid("cat")
        .vector_search(
            HybridVector::near_text("cat")
                .move_to(Move::force(1.0).concepts(["quantum physics"]))
                .distance(0.9),
        )
        .alpha(1.0)
        .to_request()
        .unwrap();
    let hybrid = request.hybrid_search.unwrap();
    let near = hybrid.near_text.unwrap();
    assert_eq!(near.query, ["cat"]);
    assert_eq!(near.distance, Some(0.9));
    assert_eq!(near.move_to.unwrap().concepts, ["quantum physics"]);
    assert_eq!(
        (hybrid.alpha_param, hybrid.use_alpha_param),
        (Some(1.0), true)
    );
    // with a move
    near_text_in_order(
        q.hybrid("cat")
            .vector_search(
                HybridVector::near_text("cat")
                    .move_to(Move::force(1.0).concepts(["quantum physics"])),
            )
            .alpha(1.0),
        &[1, 3, 4, 5, 2],
    )
    .await;
    client.collections().delete(&name).await.unwrap();
}
