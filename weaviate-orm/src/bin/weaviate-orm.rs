//! The standalone `weaviate-orm` command: the server-side commands (schema, doctor, generate).
//! Migrations run in an application's own binary over its structs: `weaviate_orm::cli::run()`.

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::process::ExitCode {
    weaviate_orm::cli::run_standalone().await
}
