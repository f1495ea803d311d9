// Boost re-scores ranked searches; listing objects has no ranking to boost.
use weaviate_orm::query::{Boost, PropertyValue};

fn queries(client: &weaviate_orm::Client) {
    let boost = Boost::new().condition(PropertyValue::new("views"));
    let _ = client.collection("Post").query().fetch_objects().boost(boost);
}

fn main() {}
