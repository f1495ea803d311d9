use weaviate_orm::WeaviateCollection;
use weaviate_orm::filter::Filter;
use weaviate_orm::typed::Reference;

#[derive(WeaviateCollection)]
struct Author {
    name: String,
}

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    author: Reference<Author>,
}

fn authors(_filter: Filter<Author>) {}

fn main() {
    // A filter on articles is not a filter on authors.
    authors(Article::fields().title.equal("Hello"));
    // Filters of two collections do not combine.
    let _ = Article::fields().title.equal("Hello") & Author::fields().name.equal("Ann");
    // A reference path builds a filter on the target collection.
    let _ = Article::fields().author.path(|_| Article::fields().title.equal("Hello"));
}
