//! [`Config`]: the schema of the collection behind a handle (the engine's
//! [`CollectionsClient`](crate::collections::CollectionsClient) calls, scoped to one collection).

use std::marker::PhantomData;

use super::Collection;
use crate::error::Result;
use crate::schema::{CollectionConfig, Property};

/// The configuration of one collection: read it, change what the server can change in place, add
/// a property. Get it with [`Collection::config`]; migrations ([`Client::migrator`](crate::Client::migrator))
/// are the way to keep a derived struct and its collection in step.
///
/// ```no_run
/// # use weaviate_orm::prelude::*;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::schema::{DataType, Property};
///
/// let config = client.collection_of::<Article>().config();
/// let live = config.get().await?;
/// config.update(|c| c.description = Some("News articles".into())).await?;
/// config.add_property(&Property::new("summary", DataType::Text)).await?;
/// # let _ = live; Ok(()) }
/// ```
pub struct Config<C> {
    collection: Collection<C>,
    _kind: PhantomData<fn() -> C>,
}

impl<C> Clone for Config<C> {
    fn clone(&self) -> Self {
        Config {
            collection: self.collection.clone(),
            _kind: PhantomData,
        }
    }
}

impl<C> std::fmt::Debug for Config<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Config")
            .field(&self.collection.name)
            .finish()
    }
}

impl<C> Collection<C> {
    /// The collection's configuration (schema) on the server.
    pub fn config(&self) -> Config<C> {
        Config {
            collection: self.clone(),
            _kind: PhantomData,
        }
    }
}

impl<C> Config<C> {
    /// The handle this configuration belongs to (for areas in other modules, like tokenize).
    pub(crate) fn collection(&self) -> &Collection<C> {
        &self.collection
    }

    /// The configuration as the server has it (through an alias: the aliased collection's).
    pub async fn get(&self) -> Result<CollectionConfig> {
        let c = &self.collection;
        c.client.collections().get(&c.name).await
    }

    /// Changes the configuration: reads it, applies `change`, and sends it back (only settings
    /// Weaviate can change in place are accepted; the server's message says which were not).
    pub async fn update(
        &self,
        change: impl FnOnce(&mut CollectionConfig),
    ) -> Result<CollectionConfig> {
        let c = &self.collection;
        c.client.collections().update(&c.name, change).await
    }

    /// Adds a property; returns it as stored.
    pub async fn add_property(&self, property: &Property) -> Result<Property> {
        let c = &self.collection;
        c.client.collections().add_property(&c.name, property).await
    }

    /// Whether the collection (or an alias of this name) exists.
    pub async fn exists(&self) -> Result<bool> {
        let c = &self.collection;
        c.client.collections().exists(&c.name).await
    }
}
