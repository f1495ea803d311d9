//! Old collections kept after rebuilds: listed, and dropped on request.
//!
//! A rebuild keeps the collection it copied from (`Article_v1` after `Article` moved to
//! `Article_v2`, or `Memo` after `Note` was rebuilt from its former name), so that it can be compared
//! or the switch undone by pointing the alias back. Dropping it is a separate, explicit step.

use std::collections::BTreeSet;

use super::Migrator;
use super::desired::Desired;
use super::live::LiveState;
use super::normalize::class_name;
use super::planner::version_of;
use crate::error::{Error, Result};
use crate::schema::DataType;

impl Migrator {
    /// The old collections of the declared collections: `{Name}_v{k}` with a version below the one
    /// the name reads now, and a declared `renamed_from` collection once the new name exists; in
    /// both cases only when no alias points at it. Later versions (a rebuild in progress, or one
    /// that failed) are not old.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let migrator = client.migrator();
    /// for old in migrator.old_collections().await? {
    ///     println!("kept after a rebuild: {old}");
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn old_collections(&self) -> Result<Vec<String>> {
        let live = LiveState::read(self.client()).await?;
        let mut out: Vec<String> = self
            .declared()?
            .iter()
            .flat_map(|d| old_of(d, &live))
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// The old collections of the declared collection `name` (see
    /// [`old_collections`](Self::old_collections)): what [`drop_old`](Self::drop_old) would delete.
    pub async fn old_collections_of(&self, name: &str) -> Result<Vec<String>> {
        let name = class_name(name);
        let declared = self.declared()?;
        let Some(d) = declared.iter().find(|d| d.name() == name) else {
            return Err(Error::invalid(format!(
                "{name} is not a declared collection of this migrator"
            )));
        };
        let live = LiveState::read(self.client()).await?;
        Ok(old_of(d, &live))
    }

    /// Deletes the old collections of the declared collection `name` (see
    /// [`old_collections`](Self::old_collections)) and returns their names. Refuses with
    /// [`Error::InvalidInput`], deleting nothing, when `name` is not declared or when another
    /// collection's reference property targets one of them (drop or rebuild that collection first).
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// let dropped = client.migrator().drop_old("Article").await?;
    /// println!("deleted {}", dropped.join(", "));
    /// # Ok(()) }
    /// ```
    pub async fn drop_old(&self, name: &str) -> Result<Vec<String>> {
        let name = class_name(name);
        let declared = self.declared()?;
        let Some(d) = declared.iter().find(|d| d.name() == name) else {
            return Err(Error::invalid(format!(
                "{name} is not a declared collection of this migrator; nothing was deleted"
            )));
        };
        let live = LiveState::read(self.client()).await?;
        let old = old_of(d, &live);
        if let Some(blocker) = referenced(&old, &live) {
            return Err(Error::invalid(format!(
                "{blocker}; nothing was deleted. Drop or rebuild that collection first"
            )));
        }
        for c in &old {
            match self.client().collections().delete(c).await {
                Ok(()) | Err(Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(old)
    }
}

/// The old collections of one declared collection in `live`.
fn old_of(d: &Desired, live: &LiveState) -> Vec<String> {
    let name = d.name();
    let Some(current) = live.resolve(&name) else {
        // Nothing reads the name yet: a former name is still the live data.
        return Vec::new();
    };
    let unaliased = |c: &str| c != current && live.aliases_of(c).is_empty();
    let mut out = Vec::new();
    if let Some(k) = version_of(&name, current) {
        out.extend(
            live.classes
                .keys()
                .filter(|c| version_of(&name, c).is_some_and(|j| j < k) && unaliased(c))
                .cloned(),
        );
    }
    if let Some(former) = d.renamed_from.as_deref().map(class_name) {
        if live.classes.contains_key(&former) && unaliased(&former) {
            out.push(former);
        }
    }
    out
}

/// A collection outside `old` whose reference property targets one of `old`, in words.
fn referenced(old: &[String], live: &LiveState) -> Option<String> {
    let old: BTreeSet<&str> = old.iter().map(String::as_str).collect();
    for (class, config) in &live.classes {
        if old.contains(class.as_str()) {
            continue;
        }
        for p in &config.properties {
            if let DataType::Reference(targets) = &p.data_type {
                if let Some(t) = targets.iter().find(|t| old.contains(t.as_str())) {
                    return Some(format!(
                        "the collection {class} references the old collection {t} (property `{}`)",
                        p.name
                    ));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{CollectionConfig, Property};

    fn live(classes: &[&str], aliases: &[(&str, &str)]) -> LiveState {
        LiveState {
            classes: classes
                .iter()
                .map(|c| ((*c).to_owned(), CollectionConfig::new(*c)))
                .collect(),
            aliases: aliases
                .iter()
                .map(|(a, c)| ((*a).to_owned(), (*c).to_owned()))
                .collect(),
            ..LiveState::default()
        }
    }

    #[test]
    fn old_versions_are_those_below_the_live_one_without_an_alias() {
        let d = Desired::new(CollectionConfig::new("Book"));
        let l = live(
            &["Book_v1", "Book_v2", "Book_v3", "Book_v4", "Booking_v1"],
            &[("Book", "Book_v3"), ("Pinned", "Book_v1")],
        );
        // v1 has an alias, v3 is live, v4 is a rebuild in progress, Booking is another collection.
        assert_eq!(old_of(&d, &l), ["Book_v2"]);
        // A real collection of the name: its versions are not old.
        assert!(old_of(&d, &live(&["Book", "Book_v2"], &[])).is_empty());
    }

    #[test]
    fn a_former_name_is_old_once_the_new_name_exists() {
        let d = Desired::new(CollectionConfig::new("Note")).renamed_from("memo");
        assert!(old_of(&d, &live(&["Memo"], &[])).is_empty());
        assert_eq!(old_of(&d, &live(&["Memo", "Note"], &[])), ["Memo"]);
        assert!(old_of(&d, &live(&["Memo", "Note"], &[("Keep", "Memo")])).is_empty());
    }

    #[test]
    fn references_to_old_collections_from_other_collections_block_the_drop() {
        let mut l = live(&["Book_v1", "Book_v2"], &[("Book", "Book_v2")]);
        let old = vec!["Book_v1".to_owned()];
        l.classes.insert(
            "Book_v1".into(),
            CollectionConfig::new("Book_v1")
                .property(Property::new("sequel", DataType::reference("Book_v1"))),
        );
        assert_eq!(
            referenced(&old, &l),
            None,
            "its own references do not count"
        );
        l.classes.insert(
            "Shelf".into(),
            CollectionConfig::new("Shelf")
                .property(Property::new("books", DataType::references(["Book_v1"]))),
        );
        let why = referenced(&old, &l).unwrap();
        assert!(why.contains("Shelf") && why.contains("`books`"), "{why}");
    }
}
