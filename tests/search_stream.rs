//! Walking a whole collection with the cursor: 10,000 objects, each exactly once, in id order,
//! page by page.

mod common;

use std::collections::HashSet;

use futures_util::{StreamExt, TryStreamExt};
use uuid::Uuid;
use weaviate_orm::query::Hit;
use weaviate_orm::{Error, WeaviateCollection};

#[derive(WeaviateCollection, Debug, Clone, PartialEq)]
#[weaviate(name = "SearchStreamRow")]
struct Row {
    #[weaviate(id)]
    id: Uuid,
    n: i64,
    label: String,
}

weaviate_orm::projection! {
    struct RowNumber of Row {
        n: i64,
    }
}

const COUNT: usize = 10_000;

#[tokio::test]
async fn a_cursor_stream_returns_every_object_exactly_once() {
    let client = common::client().await;
    let name = common::unique("SearchStream");
    let mut config = Row::collection_config();
    config.name = name.clone();
    client.collections().create(&config).await.unwrap();
    let rows: Vec<Row> = (0..COUNT)
        .map(|i| Row {
            id: Uuid::new_v4(),
            n: i as i64,
            label: format!("row {i}"),
        })
        .collect();
    let report = client
        .collection(&name)
        .typed::<Row>()
        .batch()
        .insert_many(rows.iter().cloned())
        .await
        .unwrap();
    assert!(report.is_success(), "{:?}", report.errors.first());
    let q = client.collection(&name).typed::<Row>().query();

    // typed, 777 per page (the last page is partial)
    let hits: Vec<Hit<Row>> = q.fetch_objects().stream(777).try_collect().await.unwrap();
    assert_eq!(hits.len(), COUNT);
    let ids: Vec<Uuid> = hits.iter().map(|h| h.id).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "the cursor walks in id order");
    let unique: HashSet<Uuid> = ids.iter().copied().collect();
    assert_eq!(unique.len(), COUNT, "each object exactly once");
    let expected: HashSet<Uuid> = rows.iter().map(|r| r.id).collect();
    assert_eq!(unique, expected);
    for hit in &hits {
        assert_eq!(hit.label, format!("row {}", hit.n));
    }

    // a projection, a page size dividing the count, folded without keeping the objects
    let (count, sum) = q
        .fetch_objects()
        .returning::<RowNumber>()
        .stream(1000)
        .try_fold((0usize, 0i64), |(c, s), hit| async move {
            Ok((c + 1, s + hit.n))
        })
        .await
        .unwrap();
    assert_eq!(count, COUNT);
    assert_eq!(sum, (COUNT as i64 - 1) * COUNT as i64 / 2);

    // from a start cursor: the objects after it
    let start = sorted[COUNT - 10];
    let tail: Vec<Uuid> = q
        .fetch_objects()
        .after(start)
        .stream(3)
        .map_ok(|h| h.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(tail, sorted[COUNT - 9..]);

    // untyped, and lazily: taking 5 objects reads one page
    let first: Vec<Uuid> = client
        .collection(&name)
        .query()
        .fetch_objects()
        .return_properties(["n"])
        .stream(100)
        .take(5)
        .map(|o| o.unwrap().id)
        .collect()
        .await;
    assert_eq!(first, sorted[..5]);

    // the cursor does not take filters, sorting or offsets
    let mut refused = q.fetch_objects().filter(Row::fields().n.gt(5)).stream(10);
    let err = refused.next().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::InvalidInput { .. }), "{err:?}");
    assert!(refused.next().await.is_none());
    client.collections().delete(&name).await.unwrap();
}
