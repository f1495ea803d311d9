//! Media searches against the real server: near_image on a multi2vec-clip collection with a blob
//! property, near_media with audio, video, depth, thermal and IMU on a multi2vec-bind collection
//! (one named vector per kind), media given as bytes, a file and base64, and bad media refused
//! before anything is sent; aggregations over near_image and near_media.
//!
//! Both modules call the stand-in (`scripts/embedder.py`), which embeds media as text2vec-bigram
//! does over the decoded bytes: every pair of consecutive bytes counts at
//! `(b1 % 26) * 26 + (b2 % 26)`. The "media" here are ASCII strings, so each expected distance
//! (cosine, the default) is computed below from the same rule and the orders follow from them.

mod common;

use uuid::Uuid;
use weaviate_orm::query::{Hit, Media, MediaKind, MetadataQuery};
use weaviate_orm::typed::Blob;
use weaviate_orm::{Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "SearchMediaPhoto",
    vector(name = "picture", vectorizer = multi2vec_clip(image_fields = ["image"]))
)]
struct Photo {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    image: Blob,
}

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(
    name = "SearchMediaRecording",
    vector(name = "audio_vec", vectorizer = multi2vec_bind(audio_fields = ["audio"])),
    vector(name = "video_vec", vectorizer = multi2vec_bind(video_fields = ["video"])),
    vector(name = "depth_vec", vectorizer = multi2vec_bind(depth_fields = ["depth"])),
    vector(name = "thermal_vec", vectorizer = multi2vec_bind(thermal_fields = ["thermal"])),
    vector(name = "imu_vec", vectorizer = multi2vec_bind(imu_fields = ["imu"]))
)]
struct Recording {
    #[weaviate(id)]
    id: Uuid,
    title: String,
    audio: Blob,
    video: Blob,
    depth: Blob,
    thermal: Blob,
    imu: Blob,
}

/// The stand-in's embedding of `bytes` (text2vec-bigram's "mod26").
fn embed(bytes: &[u8]) -> Vec<f64> {
    let mut v = vec![0.0; 26 * 26];
    for pair in bytes.windows(2) {
        v[(pair[0] as usize % 26) * 26 + pair[1] as usize % 26] += 1.0;
    }
    v
}

/// Weaviate's cosine distance, 1 - cos.
fn cosine_distance(a: &[f64], b: &[f64]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f64]| v.iter().map(|x| x * x).sum::<f64>().sqrt();
    1.0 - dot / (norm(a) * norm(b))
}

/// Indices of `items` by distance of their embedding to `query`'s, nearest first.
fn expected_order(query: &[u8], items: &[&[u8]]) -> (Vec<usize>, Vec<f64>) {
    let q = embed(query);
    let mut d: Vec<(usize, f64)> = items
        .iter()
        .enumerate()
        .map(|(i, m)| (i, cosine_distance(&q, &embed(m))))
        .collect();
    d.sort_by(|a, b| a.1.total_cmp(&b.1));
    for w in d.windows(2) {
        assert!(
            w[1].1 - w[0].1 > 1e-3,
            "the test data has a near tie: {d:?}"
        );
    }
    (
        d.iter().map(|x| x.0).collect(),
        d.iter().map(|x| x.1).collect(),
    )
}

fn id(n: usize) -> Uuid {
    Uuid::from_u128(0x3ed1_a000_0000_4000_8000_0000_0000_0000 + n as u128)
}

fn ids<T>(hits: &[Hit<T>]) -> Vec<Uuid> {
    hits.iter().map(|h| h.id).collect()
}

fn assert_distances<T>(hits: &[Hit<T>], expected: &[f64]) {
    let got: Vec<f64> = hits
        .iter()
        .map(|h| f64::from(h.metadata.distance.unwrap()))
        .collect();
    assert_eq!(got.len(), expected.len());
    for (g, e) in got.iter().zip(expected) {
        assert!(
            (g - e).abs() < 1e-4,
            "distances {got:?}, expected {expected:?}"
        );
    }
}

const IMAGES: [&[u8]; 4] = [b"abcdefgh", b"abcdxyzw", b"zzabqqqq", b"mnopqrst"];
const QUERY_IMAGE: &[u8] = b"abcdefgh";

#[tokio::test]
async fn near_image_on_a_clip_collection_ranks_by_the_image_vectors() {
    let client = common::client().await;
    let name = common::unique("SearchMediaPhoto");
    let mut config = Photo::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    let photos = client.collection(&name).typed::<Photo>();
    let report = photos
        .batch()
        .insert_many((0..IMAGES.len()).map(|i| Photo {
            id: id(i),
            title: format!("photo {i}"),
            image: Blob(IMAGES[i].to_vec()),
        }))
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);

    let (order, distances) = expected_order(QUERY_IMAGE, &IMAGES);
    // By hand: identical bytes, then 3 of 7 bigrams shared, then 1, then none.
    assert_eq!(order, [0, 1, 2, 3]);
    let expected: Vec<Uuid> = order.iter().map(|i| id(*i)).collect();
    let dist = MetadataQuery::default().distance();

    let q = photos.query();
    let by_bytes = q
        .near_image(Media::bytes(QUERY_IMAGE))
        .return_metadata(dist)
        .await
        .unwrap();
    assert_eq!(ids(&by_bytes), expected);
    assert_distances(&by_bytes, &distances);
    // The blob property comes back with the typed object.
    assert_eq!(by_bytes[1].image, Blob(IMAGES[1].to_vec()));

    let dir = std::env::temp_dir().join(common::unique("media"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("query.png");
    std::fs::write(&path, QUERY_IMAGE).unwrap();
    let by_file = q
        .near_image(Media::file(&path))
        .target(Photo::vectors().picture)
        .limit(2)
        .await
        .unwrap();
    assert_eq!(ids(&by_file), expected[..2]);

    // Untyped, base64, with a distance threshold between the 2nd and 3rd results.
    let untyped = client
        .collection(&name)
        .query()
        .near_media(MediaKind::Image, Media::base64("YWJjZGVmZ2g="))
        .distance((distances[1] + distances[2]) / 2.0)
        .await
        .unwrap();
    let untyped_ids: Vec<Uuid> = untyped.iter().map(|o| o.id).collect();
    assert_eq!(untyped_ids, expected[..2]);

    // Aggregations over the same searches: the two nearest images, by object limit and by distance.
    let f = Photo::fields();
    let nearest_titles = |n: usize| {
        let mut t: Vec<String> = order[..n].iter().map(|i| format!("photo {i}")).collect();
        t.sort();
        t
    };
    let titles_of = |m: &weaviate_orm::aggregate::TextMetrics| {
        let mut t: Vec<String> = m
            .top_occurrences
            .as_ref()
            .unwrap()
            .iter()
            .map(|o| {
                assert_eq!(o.count, 1);
                o.value.clone()
            })
            .collect();
        t.sort();
        t
    };
    let by_limit = photos
        .aggregate()
        .near_image(Media::bytes(QUERY_IMAGE))
        .object_limit(2)
        .total_count()
        .metrics(f.title.metrics().count().top_occurrences(10))
        .await
        .unwrap();
    assert_eq!(by_limit.total_count, Some(2));
    assert_eq!(by_limit.metrics.count, Some(2));
    assert_eq!(titles_of(&by_limit.metrics), nearest_titles(2));
    let by_distance = photos
        .aggregate()
        .near_media(MediaKind::Image, Media::file(&path))
        .distance((distances[2] + distances[3]) / 2.0)
        .total_count()
        .metrics(f.title.metrics().top_occurrences(10))
        .await
        .unwrap();
    assert_eq!(by_distance.total_count, Some(3));
    assert_eq!(titles_of(&by_distance.metrics), nearest_titles(3));

    std::fs::remove_dir_all(&dir).unwrap();
    client.collections().delete(&name).await.unwrap();
}

/// Per object, per kind: the media bytes. Kind `k` of object `i` holds `CLIPS[(i + k) % 3]`, so
/// every kind ranks the objects in its own order.
const CLIPS: [&[u8]; 3] = [b"sound of rain", b"sound of trains", b"quiet forest"];
const QUERY_CLIP: &[u8] = b"sound of rain";

fn clip(object: usize, kind: usize) -> Vec<u8> {
    CLIPS[(object + kind) % CLIPS.len()].to_vec()
}

#[tokio::test]
async fn near_media_searches_each_kind_on_a_bind_collection() {
    let client = common::client().await;
    let name = common::unique("SearchMediaRec");
    let mut config = Recording::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    let recordings = client.collection(&name).typed::<Recording>();
    let report = recordings
        .batch()
        .insert_many((0..3).map(|i| Recording {
            id: id(i),
            title: format!("recording {i}"),
            audio: Blob(clip(i, 0)),
            video: Blob(clip(i, 1)),
            depth: Blob(clip(i, 2)),
            thermal: Blob(clip(i, 3)),
            imu: Blob(clip(i, 4)),
        }))
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors);

    let v = Recording::vectors();
    let kinds = [
        (MediaKind::Audio, v.audio_vec),
        (MediaKind::Video, v.video_vec),
        (MediaKind::Depth, v.depth_vec),
        (MediaKind::Thermal, v.thermal_vec),
        (MediaKind::Imu, v.imu_vec),
    ];
    let dir = std::env::temp_dir().join(common::unique("media"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("query.bin");
    std::fs::write(&path, QUERY_CLIP).unwrap();
    let q = recordings.query();
    let mut orders = Vec::new();
    for (k, (kind, target)) in kinds.into_iter().enumerate() {
        let stored: Vec<Vec<u8>> = (0..3).map(|i| clip(i, k)).collect();
        let stored: Vec<&[u8]> = stored.iter().map(Vec::as_slice).collect();
        let (order, distances) = expected_order(QUERY_CLIP, &stored);
        let expected: Vec<Uuid> = order.iter().map(|i| id(*i)).collect();
        // Alternate the inputs: bytes, file, base64.
        let media = match k % 3 {
            0 => Media::bytes(QUERY_CLIP),
            1 => Media::file(&path),
            _ => Media::base64("c291bmQgb2YgcmFpbg=="),
        };
        let hits = q
            .near_media(kind, media)
            .target(target)
            .return_metadata(MetadataQuery::default().distance())
            .await
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        assert_eq!(ids(&hits), expected, "{kind}");
        assert_distances(&hits, &distances);
        orders.push(ids(&hits));
    }
    // The object holding the query's own bytes comes first, a different one per kind:
    // audio 0, video 2, depth 1, thermal 0, imu 2.
    let firsts: Vec<Uuid> = orders.iter().map(|o| o[0]).collect();
    assert_eq!(firsts, [id(0), id(2), id(1), id(0), id(2)]);
    std::fs::remove_dir_all(&dir).unwrap();
    client.collections().delete(&name).await.unwrap();
}

#[tokio::test]
async fn bad_media_is_refused_before_anything_is_sent() {
    // No server behind this client: anything sent would fail as a connection error.
    let client = common::offline_client().await;
    let q = client.collection("Nowhere").query();
    let missing = std::env::temp_dir().join(common::unique("no-such-media"));
    let err = q
        .near_media(MediaKind::Audio, Media::file(&missing))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert!(
        err.to_string().contains("cannot read the media file"),
        "{err}"
    );

    let err = q
        .near_image(Media::base64("not base64 at all!"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert!(err.to_string().contains("base64"), "{err}");

    let err = q.near_image(Media::bytes(Vec::new())).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");

    // A good input does reach the transport (and fails there), so the checks above are what
    // stopped the others.
    let err = q.near_image(Media::bytes(QUERY_IMAGE)).await.unwrap_err();
    assert!(!matches!(err, Error::InvalidInput { .. }), "{err:?}");
}
