// A time decay reads a date field; numeric decays and property values read integer or number
// fields. Any other field kind is a compile error.
use std::time::Duration;
use weaviate_orm::WeaviateCollection;
use weaviate_orm::query::{NumericDecay, PropertyValue, TimeDecay};

#[derive(WeaviateCollection)]
struct Post {
    title: String,
    views: i64,
    published: chrono::DateTime<chrono::Utc>,
}

fn main() {
    let f = Post::fields();
    let _ = TimeDecay::new(f.views, Duration::from_secs(60));
    let _ = TimeDecay::new(f.title, Duration::from_secs(60));
    let _ = NumericDecay::new(f.published, 0.0, 1.0);
    let _ = PropertyValue::new(f.title);
    // These compile.
    let _ = TimeDecay::new(f.published, Duration::from_secs(60));
    let _ = NumericDecay::new(f.views, 0.0, 1.0);
}
