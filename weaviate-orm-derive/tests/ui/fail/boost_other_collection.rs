// A boost's conditions and the boost itself belong to the queried collection.
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::{Boost, PropertyValue};

#[derive(WeaviateCollection)]
struct Post {
    views: i64,
}

#[derive(WeaviateCollection)]
struct Author {
    followers: i64,
}

fn queries(client: &weaviate_orm::Client) {
    let other: Boost<Author> = Boost::new().condition(PropertyValue::new(Author::fields().followers));
    let _ = client.collection_of::<Post>().query().bm25("x").boost(other);
    let _ = Boost::<Post>::new().condition(PropertyValue::new(Author::fields().followers));
    let _ = Boost::<Post>::new().condition(PropertyValue::new("views"));
}

fn main() {}
