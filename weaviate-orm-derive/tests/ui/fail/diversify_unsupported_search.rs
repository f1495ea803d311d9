// MMR selection applies to near vector, near object, near text and hybrid searches only: Weaviate
// 1.39 reads no selection on BM25 or near-media searches.
use weaviate_orm::query::{Media, Mmr};

fn queries(client: &weaviate_orm::Client) {
    let q = client.collection("Post").query();
    let _ = q.bm25("x").diversify(Mmr::new(2, 0.5));
    let _ = q.near_image(Media::bytes(b"ab".to_vec())).diversify(Mmr::new(2, 0.5));
    let _ = q.fetch_objects().diversify(Mmr::new(2, 0.5));
}

fn main() {}
