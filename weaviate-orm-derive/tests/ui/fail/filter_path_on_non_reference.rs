use weaviate_orm::WeaviateCollection;
use weaviate_orm::typed::{MultiReference, Reference};

#[derive(WeaviateCollection)]
struct Author {
    name: String,
}

#[derive(WeaviateCollection)]
struct Article {
    title: String,
    author: Reference<Author>,
    #[weaviate(targets(Author))]
    credits: MultiReference,
}

fn main() {
    let a = Article::fields();
    let _ = a.title.path(|t| t);
    let _ = a.credits.path(|t| t);
    let _ = a.author.path_in::<Author>(|au| au.name.equal("Ann"));
    let _ = a.title.count().gt(1);
}
