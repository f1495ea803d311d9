//! Collection management (schema) over REST: create, read, list, update, delete, add properties,
//! and the properties' inverted indexes ([`indexes`]).
//!
//! ## Names that are aliases
//!
//! An alias ([`crate::aliases`]) stands for its collection here too: [`CollectionsClient::get`],
//! [`update`](CollectionsClient::update), [`add_property`](CollectionsClient::add_property), the index writes
//! of [`CollectionsClient::indexes`] and every tenant write ([`crate::tenants::Tenants`]) work through an
//! alias on the collection it points at. [`CollectionsClient::resolve`] says what a name is.
//!
//! What Weaviate 1.39.0 itself does with an alias in a schema path (so the client resolves it
//! first where the server does not):
//! - it resolves it for `GET /v1/schema/{alias}` (the collection's configuration, under its own
//!   name), `GET /v1/schema/{alias}/indexes`, tenant reads (`GET .../tenants`, `GET|HEAD
//!   .../tenants/{t}`, gRPC `TenantsGet`), searches, aggregates and batches;
//! - it refuses schema writes through it: `PUT /v1/schema/{alias}` is 404 without a message,
//!   `POST /v1/schema/{alias}/properties` is 422 `class "{alias}": not found`, tenant writes are 422
//!   `updating schema: TYPE_ADD_TENANT: class not found` (`TYPE_UPDATE_TENANT`,
//!   `TYPE_DELETE_TENANT`), index writes are 404 `collection "{alias}" not found` (PUT, POST) and
//!   422 `class "{alias}": not found` (DELETE);
//! - `DELETE /v1/schema/{alias}` answers 200 and deletes nothing (on purpose, so an alias is no
//!   back door to drop its collection). [`CollectionsClient::delete`] therefore refuses an alias with
//!   [`Error::InvalidInput`] saying how to delete the alias or its collection.
//! - A collection and an alias cannot share a name: creating either one with the other's name is
//!   refused (HTTP 422 `alias name X already exists`; HTTP 500 `updating schema:
//!   TYPE_CREATE_ALIAS: create alias: class X already exists`), checked in the schema's state
//!   machine under one lock, so no race makes both exist.
//! - Deleting a collection leaves its aliases pointing at nothing: [`CollectionsClient::resolve`] still
//!   names the deleted collection, [`CollectionsClient::get`] and [`CollectionsClient::exists`] say it is not
//!   there.

pub mod indexes;

pub use indexes::{
    IndexChange, IndexState, IndexStatus, IndexStatusReport, IndexTask, InvertedIndexKind,
    PropertyIndexStatus, PropertyIndexes,
};

use reqwest::Method;

use crate::aliases::Alias;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::names::{check_collection_name, check_property_name};
use crate::schema::{CollectionConfig, Property};
use crate::transport::rest::Path;

/// Collection management (the schema of every collection) for one client. Get it with
/// [`Client::collections`]; the handle of one collection is a [`Collection`](crate::Collection), its
/// configuration a [`CollectionConfig`].
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::schema::{CollectionConfig, DataType, Property};
///
/// let config = CollectionConfig::new("Article").property(Property::new("title", DataType::Text));
/// client.collections().create(&config).await?;
/// assert!(client.collections().exists("Article").await?);
/// client.collections().add_property("Article", &Property::new("views", DataType::Int)).await?;
/// client.collections().delete("Article").await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct CollectionsClient<'a> {
    client: &'a Client,
}

/// What a name stands for: see [`CollectionsClient::resolve`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Resolved {
    /// The collection's own name: `name` itself, or the collection the alias points at.
    pub name: String,
    /// `Some(name)` when `name` was an alias.
    pub alias: Option<String>,
}

impl Resolved {
    /// "collection `C`" or "alias `A` of collection `C`", for messages.
    fn describe(&self) -> String {
        match &self.alias {
            Some(alias) => format!("alias `{alias}` of collection `{}`", self.name),
            None => format!("collection `{}`", self.name),
        }
    }
}

#[derive(serde::Deserialize)]
struct SchemaReply {
    #[serde(default)]
    classes: Option<Vec<CollectionConfig>>,
}

impl Client {
    /// Collection management (schema).
    pub fn collections(&self) -> CollectionsClient<'_> {
        CollectionsClient { client: self }
    }
}

impl CollectionsClient<'_> {
    /// Creates a collection. Returns the configuration the server stored (with its defaults filled in).
    /// An existing collection of that name gives [`Error::AlreadyExists`].
    pub async fn create(&self, config: &CollectionConfig) -> Result<CollectionConfig> {
        check_collection_name(&config.name)?;
        for p in &config.properties {
            check_property_name(&p.name)?;
        }
        self.client
            .rest()
            .json(Method::POST, Path::v1(["schema"]), config, None)
            .await
    }

    /// What `name` stands for: an alias (one `GET /v1/aliases/{name}`) gives the collection it
    /// points at, any other name is taken as a collection's own. It does not check that the
    /// collection exists. A collection and an alias cannot have the same name (the server refuses
    /// to create either over the other), so the answer is never ambiguous.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let r = client.collections().resolve("Articles").await?;
    /// match r.alias {
    ///     Some(alias) => println!("`{alias}` is an alias of `{}`", r.name),
    ///     None => println!("`{}` is not an alias", r.name),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn resolve(&self, name: &str) -> Result<Resolved> {
        check_collection_name(name)?;
        match self
            .client
            .rest()
            .get::<Alias>(Path::v1(["aliases", name]))
            .await
        {
            Ok(alias) => Ok(Resolved {
                name: alias.collection,
                alias: Some(alias.alias),
            }),
            Err(Error::NotFound { .. }) => Ok(Resolved {
                name: name.to_owned(),
                alias: None,
            }),
            Err(e) => Err(e),
        }
    }

    /// Reads a collection's configuration, by its name or an alias (the configuration carries the
    /// collection's own name). [`Error::NotFound`] when there is no collection of that name, or
    /// the alias points at none.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let config = client.collections().get("Article").await?;
    /// println!("{} has {} properties", config.name, config.properties.len());
    /// # Ok(()) }
    /// ```
    pub async fn get(&self, name: &str) -> Result<CollectionConfig> {
        check_collection_name(name)?;
        // Weaviate 1.39 resolves an alias in this path itself; a server that does not (and a
        // dangling alias) answer 404, and the name is resolved here.
        if let Some(config) = self.read(name).await? {
            return Ok(config);
        }
        let resolved = self.resolve(name).await?;
        if resolved.alias.is_some() {
            if let Some(config) = self.read(&resolved.name).await? {
                return Ok(config);
            }
        }
        Err(Error::NotFound {
            message: format!("{} does not exist", resolved.describe()),
        })
    }

    /// `GET /v1/schema/{name}`, `None` for 404 (or an empty answer).
    async fn read(&self, name: &str) -> Result<Option<CollectionConfig>> {
        self.client
            .rest()
            .get(Path::v1(["schema", name]))
            .await
            .or_else(|e| match e {
                Error::NotFound { .. } => Ok(None),
                e => Err(e),
            })
    }

    /// Whether [`get`](Self::get) finds a collection by that name: a collection's own name, or an
    /// alias of an existing collection (reads, writes and searches by that name then work). An
    /// alias whose collection was deleted does not exist. [`resolve`](Self::resolve) tells the
    /// two apart.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// if !client.collections().exists("Article").await? {
    ///     println!("not there yet");
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn exists(&self, name: &str) -> Result<bool> {
        match self.get(name).await {
            Ok(_) => Ok(true),
            Err(Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Every collection's configuration.
    pub async fn list(&self) -> Result<Vec<CollectionConfig>> {
        let reply: SchemaReply = self.client.rest().get(Path::v1(["schema"])).await?;
        Ok(reply.classes.unwrap_or_default())
    }

    /// Deletes a collection and all its objects. [`Error::NotFound`] when there is none of that
    /// name. An alias is refused with [`Error::InvalidInput`] (nothing is deleted): delete the
    /// alias with [`Aliases::delete`](crate::aliases::Aliases::delete), or the collection by its
    /// own name.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// client.collections().delete("Article").await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete(&self, name: &str) -> Result<()> {
        let resolved = self.resolve(name).await?;
        if let Some(alias) = &resolved.alias {
            return Err(Error::invalid(format!(
                "`{alias}` is an alias of collection `{collection}`, not a collection; Weaviate \
                 deletes nothing for it. Delete the alias with client.aliases().delete(\"{alias}\"), \
                 or the collection and all its objects with client.collections().delete(\"{collection}\")",
                collection = resolved.name
            )));
        }
        if self.read(name).await?.is_none() {
            return Err(Error::NotFound {
                message: format!("collection `{name}` does not exist"),
            });
        }
        self.client
            .rest()
            .call::<()>(Method::DELETE, Path::v1(["schema", name]), None, None)
            .await
    }

    /// Deletes every collection and all their objects.
    pub async fn delete_all(&self) -> Result<()> {
        for config in self.list().await? {
            self.client
                .rest()
                .call::<()>(
                    Method::DELETE,
                    Path::v1(["schema", config.name.as_str()]),
                    None,
                    None,
                )
                .await?;
        }
        Ok(())
    }

    /// Updates a collection: reads its configuration, lets `change` modify it, and writes the whole
    /// configuration back (fields this crate does not model are kept). Returns what the server stored.
    /// `name` may be an alias: the collection it points at is updated.
    ///
    /// Only mutable settings may change (descriptions, inverted index and vector index tuning,
    /// replication factor, multi-tenancy auto settings...); the server rejects the rest with
    /// [`Error::Rejected`] and its message.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// client
    ///     .collections()
    ///     .update("Article", |c| c.description = Some("News articles".into()))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(
        &self,
        name: &str,
        change: impl FnOnce(&mut CollectionConfig),
    ) -> Result<CollectionConfig> {
        // `get` reads through an alias; the configuration names the collection itself.
        let mut config = self.get(name).await?;
        let own = config.name.clone();
        change(&mut config);
        if config.name != own {
            let via = if own == name {
                String::new()
            } else {
                format!(" (through the alias `{name}`)")
            };
            return Err(Error::invalid(format!(
                "a collection cannot be renamed (from `{own}`{via} to `{}`); use an alias instead",
                config.name
            )));
        }
        self.client
            .rest()
            .json(
                Method::PUT,
                Path::v1(["schema", own.as_str()]),
                &config,
                None,
            )
            .await
    }

    /// Adds a property to an existing collection (by its name or an alias). Returns the property
    /// as stored.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::schema::{DataType, Property};
    ///
    /// client.collections().add_property("Article", &Property::new("views", DataType::Int)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn add_property(&self, collection: &str, property: &Property) -> Result<Property> {
        check_collection_name(collection)?;
        check_property_name(&property.name)?;
        let resolved = self.resolve(collection).await?;
        self.client
            .rest()
            .json(
                Method::POST,
                Path::v1(["schema", resolved.name.as_str(), "properties"]),
                property,
                None,
            )
            .await
    }
}
