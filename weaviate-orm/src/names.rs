//! Weaviate's naming rules, checked before anything is sent.

use crate::error::{Error, Result};

/// Checks a collection name: a capital letter first, then letters, digits and `_` (at most 255 chars).
///
/// ```
/// use weaviate_orm::names::check_collection_name;
///
/// assert!(check_collection_name("Article_2").is_ok());
/// assert!(check_collection_name("article").is_err());
/// ```
pub fn check_collection_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') || name.len() > 255 {
        return Err(Error::invalid(format!(
            "`{name}` is not a valid collection name: start with a capital letter, then use letters, digits and `_` (at most 255 characters), e.g. `Article`"
        )));
    }
    Ok(())
}

/// Checks a property name: a letter or `_` first, then letters, digits and `_` (at most 230 chars).
///
/// ```
/// use weaviate_orm::names::check_property_name;
///
/// assert!(check_property_name("title").is_ok());
/// assert!(check_property_name("1st").is_err());
/// ```
pub fn check_property_name(name: &str) -> Result<()> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if !first_ok || !chars.all(|c| c.is_ascii_alphanumeric() || c == '_') || name.len() > 230 {
        return Err(Error::invalid(format!(
            "`{name}` is not a valid property name: start with a letter or `_`, then use letters, digits and `_`"
        )));
    }
    Ok(())
}

/// Checks a tenant name: letters, digits, `_` and `-`, 1 to 64 characters.
pub fn check_tenant_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !ok {
        return Err(Error::invalid(format!(
            "`{name}` is not a valid tenant name: use 1 to 64 letters, digits, `_` or `-`"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_names() {
        for good in ["A", "Article", "My_Class_2"] {
            assert!(check_collection_name(good).is_ok(), "{good}");
        }
        for bad in ["", "article", "_A", "A-b", "A b", "Ä"] {
            assert!(check_collection_name(bad).is_err(), "{bad}");
        }
        assert!(check_collection_name(&format!("A{}", "b".repeat(255))).is_err());
    }

    #[test]
    fn property_and_tenant_names() {
        assert!(check_property_name("_x1").is_ok());
        assert!(check_property_name("a-b").is_err());
        assert!(check_tenant_name("tenant-1_a").is_ok());
        assert!(check_tenant_name("").is_err());
        assert!(check_tenant_name("a/b").is_err());
    }
}
