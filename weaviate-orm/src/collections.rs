//! Collection management (schema) over REST: create, read, list, update, delete, add properties.

use reqwest::Method;

use crate::client::Client;
use crate::error::{Error, Result};
use crate::names::{check_collection_name, check_property_name};
use crate::schema::{CollectionConfig, Property};
use crate::transport::rest::Path;

/// Collection management for one client. Get it with [`Client::collections`].
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
pub struct Collections<'a> {
    client: &'a Client,
}

#[derive(serde::Deserialize)]
struct SchemaReply {
    #[serde(default)]
    classes: Option<Vec<CollectionConfig>>,
}

impl Client {
    /// Collection management (schema).
    pub fn collections(&self) -> Collections<'_> {
        Collections { client: self }
    }
}

impl Collections<'_> {
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

    /// Reads a collection's configuration; [`Error::NotFound`] when there is none of that name.
    pub async fn get(&self, name: &str) -> Result<CollectionConfig> {
        check_collection_name(name)?;
        let found: Option<CollectionConfig> = self
            .client
            .rest()
            .get(Path::v1(["schema", name]))
            .await
            .or_else(|e| match e {
                Error::NotFound { .. } => Ok(None),
                e => Err(e),
            })?;
        found.ok_or_else(|| Error::NotFound {
            message: format!("collection `{name}` does not exist"),
        })
    }

    /// Whether a collection of that name exists.
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

    /// Deletes a collection and all its objects. [`Error::NotFound`] when there is none of that name.
    pub async fn delete(&self, name: &str) -> Result<()> {
        if !self.exists(name).await? {
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
        let mut config = self.get(name).await?;
        change(&mut config);
        if config.name != name {
            return Err(Error::invalid(format!(
                "a collection cannot be renamed (from `{name}` to `{}`); use an alias instead",
                config.name
            )));
        }
        self.client
            .rest()
            .json(Method::PUT, Path::v1(["schema", name]), &config, None)
            .await
    }

    /// Adds a property to an existing collection. Returns the property as stored.
    pub async fn add_property(&self, collection: &str, property: &Property) -> Result<Property> {
        check_collection_name(collection)?;
        check_property_name(&property.name)?;
        self.client
            .rest()
            .json(
                Method::POST,
                Path::v1(["schema", collection, "properties"]),
                property,
                None,
            )
            .await
    }
}
