//! Creates, class updates (GET, edit the JSON, PUT) and new properties.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::Value;

use super::Outcome;
use crate::error::{Error, Result};
use crate::migrate::Migrator;
use crate::migrate::change::{Change, Operation};
use crate::schema::{DataType, Property};
use crate::transport::rest::Path;

/// Creates a collection (and its alias). Reference properties pointing at collections that this
/// apply creates (`held`) are held back in `later` and added once those exist.
pub(super) async fn create(
    m: &Migrator,
    change: &Change,
    held: &BTreeSet<String>,
    later: &mut Vec<(String, Property)>,
) -> Result<Outcome> {
    let Operation::CreateCollection { config, alias } = &change.operation else {
        return Ok(Outcome::Done);
    };
    let mut config = config.clone();
    let held: Vec<Property> = config
        .properties
        .iter()
        .filter(|p| matches!(&p.data_type, DataType::Reference(ts) if ts.iter().any(|t| held.contains(t))))
        .cloned()
        .collect();
    config
        .properties
        .retain(|p| !held.iter().any(|h| h.name == p.name));
    let client = m.client();
    let outcome = match client.collections().create(&config).await {
        Ok(_) => Outcome::Done,
        Err(Error::AlreadyExists { message }) => Outcome::AlreadyDone {
            detail: format!(
                "{} was created meanwhile (by another migrator?): {message}",
                config.name
            ),
        },
        Err(e) => return Err(e),
    };
    later.extend(held.into_iter().map(|p| (config.name.clone(), p)));
    if let Some(alias) = alias {
        match client.aliases().create(alias, &config.name).await {
            Ok(_) => {}
            Err(Error::AlreadyExists { .. })
                if client.aliases().get(alias).await?.map(|a| a.collection)
                    == Some(config.name.clone()) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(outcome)
}

/// Adds the reference properties held back by [`create`].
pub(super) async fn add_later(m: &Migrator, later: &[(String, Property)]) -> Result<()> {
    for (collection, property) in later {
        match m
            .client()
            .collections()
            .add_property(collection, property)
            .await
        {
            Ok(_) => {}
            Err(e) if already_exists(&e) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn already_exists(e: &Error) -> bool {
    match e {
        Error::AlreadyExists { .. } => true,
        Error::Rejected { message, .. } => message.contains("already exists"),
        _ => false,
    }
}

/// One GET-modify-PUT of `collection` with the edits of every change given.
pub(super) async fn update_class(
    m: &Migrator,
    collection: &str,
    changes: &[&Change],
) -> Result<Outcome> {
    let rest = m.client().rest();
    let path = || Path::v1(["schema", collection]);
    let before: Value = rest.get(path()).await?;
    let mut class = before.clone();
    for c in changes {
        if let Operation::UpdateClass { edits, .. } = &c.operation {
            for edit in edits {
                edit.apply(&mut class)?;
            }
        }
    }
    if class == before {
        return Ok(Outcome::AlreadyDone {
            detail: format!("{collection} already has these settings"),
        });
    }
    rest.call(Method::PUT, path(), Some(&class), None).await?;
    Ok(Outcome::Done)
}

/// `POST /v1/schema/{collection}/properties`; a property that appeared meanwhile is found done.
pub(super) async fn add_property(m: &Migrator, change: &Change) -> Result<Outcome> {
    let Operation::AddProperty {
        collection,
        property,
    } = &change.operation
    else {
        return Ok(Outcome::Done);
    };
    match m
        .client()
        .collections()
        .add_property(collection, property)
        .await
    {
        Ok(_) => Ok(Outcome::Done),
        Err(e) if already_exists(&e) => Ok(Outcome::AlreadyDone {
            detail: format!(
                "property {} was added to {collection} meanwhile",
                property.name
            ),
        }),
        Err(e) => Err(e),
    }
}
