use weaviate_orm::WeaviateCollection;
use weaviate_orm::filter::{Filter, Untyped};

#[derive(WeaviateCollection)]
struct Article {
    title: String,
}

fn main() {
    // Property names are for collections known at run time only.
    let _ = Filter::<Article>::property("title").equal("Hello");
    // A by-name filter does not mix with a typed one (erase the typed one with `.untyped()`).
    let _ = Article::fields().title.equal("Hello") & Filter::<Untyped>::property("views").gt(3);
}
