//! Collection aliases (Weaviate 1.32+): a second name that points at a collection and can be moved to
//! another one in a single step, so applications keep using one name while a rebuilt collection
//! takes over (blue-green).
//!
//! Every operation that takes a collection name takes an alias too: `client.collection("Articles")`
//! reads, writes and searches whatever collection the alias `Articles` points at, and typed handles
//! work the same through a typed handle made from the alias
//! ([`Collection::typed`](crate::Collection::typed)).
//!
//! On the wire (Weaviate 1.39, REST): `POST /v1/aliases`, `GET /v1/aliases[?class=]`,
//! `GET|PUT|DELETE /v1/aliases/{alias}`. Aliases follow collection naming rules, and an alias cannot
//! take the name of a collection. Deleting a collection leaves its aliases pointing at nothing; delete
//! or move them first.
//!
//! ```no_run
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! let aliases = client.aliases();
//! aliases.create("Articles", "ArticlesV1").await?;
//! // ... build and fill `ArticlesV2`, then switch every reader and writer at once:
//! aliases.update("Articles", "ArticlesV2").await?;
//! assert_eq!(aliases.get("Articles").await?.map(|a| a.collection), Some("ArticlesV2".into()));
//! client.collections().delete("ArticlesV1").await?;
//! # Ok(()) }
//! ```

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::error::{Error, Result};
use crate::names::check_collection_name;
use crate::transport::rest::Path;

/// An alias and the collection it points at.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Alias {
    /// The alias.
    pub alias: String,
    /// The collection it points at.
    #[serde(rename = "class")]
    pub collection: String,
}

#[derive(Deserialize)]
struct AliasList {
    #[serde(default)]
    aliases: Option<Vec<Alias>>,
}

#[derive(Serialize)]
struct Target<'a> {
    class: &'a str,
}

/// Alias management for one client. Get it with [`Client::aliases`]; see the [module docs](self).
#[derive(Clone, Copy, Debug)]
pub struct Aliases<'a> {
    client: &'a Client,
}

impl Client {
    /// Alias management.
    pub fn aliases(&self) -> Aliases<'_> {
        Aliases { client: self }
    }
}

fn check_names(alias: &str, collection: &str) -> Result<()> {
    check_collection_name(alias).map_err(|e| Error::invalid(format!("alias: {e}")))?;
    check_collection_name(collection)
}

/// The server answers 500 when the alias takes a collection's name: it is a conflict, like an
/// existing alias (422).
fn conflict(e: Error) -> Error {
    match e {
        Error::Server { message, .. } if message.contains("already exists") => {
            Error::AlreadyExists { message }
        }
        e => e,
    }
}

fn missing(alias: &str) -> impl FnOnce(Error) -> Error + '_ {
    move |e| match e {
        Error::NotFound { .. } => Error::NotFound {
            message: format!("alias `{alias}` does not exist"),
        },
        e => e,
    }
}

impl Aliases<'_> {
    /// Creates `alias` pointing at `collection`. [`Error::AlreadyExists`] when the alias exists or a
    /// collection has that name; [`Error::Rejected`] (with the server's message) when `collection`
    /// does not exist.
    pub async fn create(&self, alias: &str, collection: &str) -> Result<Alias> {
        check_names(alias, collection)?;
        let body = Alias {
            alias: alias.to_owned(),
            collection: collection.to_owned(),
        };
        self.client
            .rest()
            .json(Method::POST, Path::v1(["aliases"]), &body, None)
            .await
            .map_err(conflict)
    }

    /// The alias, or `None` when there is none of that name.
    pub async fn get(&self, alias: &str) -> Result<Option<Alias>> {
        check_collection_name(alias)?;
        match self.client.rest().get(Path::v1(["aliases", alias])).await {
            Ok(a) => Ok(Some(a)),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every alias, sorted by name.
    pub async fn list(&self) -> Result<Vec<Alias>> {
        self.list_path(Path::v1(["aliases"])).await
    }

    /// The aliases pointing at `collection`, sorted by name.
    pub async fn list_for(&self, collection: &str) -> Result<Vec<Alias>> {
        check_collection_name(collection)?;
        self.list_path(Path::v1(["aliases"]).query("class", collection))
            .await
    }

    async fn list_path(&self, path: Path) -> Result<Vec<Alias>> {
        let reply: AliasList = self.client.rest().get(path).await?;
        let mut aliases = reply.aliases.unwrap_or_default();
        aliases.sort_by(|a, b| a.alias.cmp(&b.alias));
        Ok(aliases)
    }

    /// Points `alias` at `collection` instead; every request that names the alias goes there from
    /// now on. [`Error::NotFound`] when the alias does not exist.
    pub async fn update(&self, alias: &str, collection: &str) -> Result<Alias> {
        check_names(alias, collection)?;
        self.client
            .rest()
            .json(
                Method::PUT,
                Path::v1(["aliases", alias]),
                &Target { class: collection },
                None,
            )
            .await
            .map_err(missing(alias))
    }

    /// Deletes `alias` (not its collection). [`Error::NotFound`] when it does not exist.
    pub async fn delete(&self, alias: &str) -> Result<()> {
        check_collection_name(alias)?;
        self.client
            .rest()
            .call::<()>(Method::DELETE, Path::v1(["aliases", alias]), None, None)
            .await
            .map_err(missing(alias))
    }
}
