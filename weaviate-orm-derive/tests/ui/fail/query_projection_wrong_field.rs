// A projection's fields must be fields of the collection's struct, with the same types.
use weaviate_orm::WeaviateCollection;

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    views: i64,
}

weaviate_orm::projection! {
    struct WrongType of Article {
        views: String,
    }
}

weaviate_orm::projection! {
    struct UnknownField of Article {
        subtitle: String,
    }
}

fn main() {}
