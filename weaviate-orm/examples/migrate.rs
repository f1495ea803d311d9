//! An application's own migration command line: its structs, and one call to
//! `weaviate_orm::cli::run()` (in an application this is `src/bin/migrate.rs`).
//!
//! ```sh
//! eval "$(scripts/weaviate env dev)"      # a server started with `scripts/weaviate start dev`
//! cargo run -p weaviate-orm --features cli --example migrate             # plan
//! cargo run -p weaviate-orm --features cli --example migrate -- apply    # asks first
//! cargo run -p weaviate-orm --features cli --example migrate -- status --check
//! ```

use weaviate_orm::WeaviateCollection;

/// A news article.
#[derive(WeaviateCollection)]
#[weaviate(name = "ExampleArticle", description = "news articles")]
#[allow(dead_code)] // the application reads and writes it; the migration needs only its schema
struct Article {
    #[weaviate(tokenization = word)]
    title: String,
    #[weaviate(index_range_filters)]
    views: i64,
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    weaviate_orm::cli::run().await
}
