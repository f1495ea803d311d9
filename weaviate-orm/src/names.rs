//! Weaviate's naming rules, checked before anything is sent.
//!
//! The rules live in the [`weaviate_orm_names`] crate, which the derive uses too, so a name the
//! derive accepts is one these checks accept; here a refused name is [`Error::InvalidInput`].

use weaviate_orm_names::NameError;

use crate::error::{Error, Result};

fn invalid(e: NameError) -> Error {
    Error::invalid(e.to_string())
}

/// Checks a collection name: a capital letter first, then letters, digits and `_` (at most 255 chars).
///
/// ```
/// use weaviate_orm::names::check_collection_name;
///
/// assert!(check_collection_name("Article_2").is_ok());
/// assert!(check_collection_name("article").is_err());
/// ```
pub fn check_collection_name(name: &str) -> Result<()> {
    weaviate_orm_names::collection_name(name).map_err(invalid)
}

/// Checks a property name: a letter or `_` first, then letters, digits and `_` (at most 231 chars),
/// and not a name the server reserves (`id`, `_id`, `_additional`).
///
/// ```
/// use weaviate_orm::names::check_property_name;
///
/// assert!(check_property_name("title").is_ok());
/// assert!(check_property_name("1st").is_err());
/// assert!(check_property_name("_additional").is_err());
/// ```
pub fn check_property_name(name: &str) -> Result<()> {
    weaviate_orm_names::property_name(name).map_err(invalid)
}

/// Checks a tenant name: letters, digits, `_` and `-`, 1 to 64 characters.
///
/// ```
/// use weaviate_orm::names::check_tenant_name;
///
/// assert!(check_tenant_name("tenant-1").is_ok());
/// assert!(check_tenant_name("a/b").is_err());
/// ```
pub fn check_tenant_name(name: &str) -> Result<()> {
    weaviate_orm_names::tenant_name(name).map_err(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use weaviate_orm_names::PROPERTY_NAME_MAX_LEN;

    #[test]
    fn refusals_are_invalid_input() {
        for result in [
            check_collection_name("article"),
            check_property_name("id"),
            check_property_name(&"a".repeat(PROPERTY_NAME_MAX_LEN + 1)),
            check_tenant_name(""),
        ] {
            assert!(
                matches!(result, Err(Error::InvalidInput { .. })),
                "{result:?}"
            );
        }
        let Err(e) = check_collection_name("news-article") else {
            panic!("accepted")
        };
        assert!(e.to_string().contains("e.g. `NewsArticle`"), "{e}");
    }

    #[test]
    fn the_limits_are_the_servers() {
        assert!(check_collection_name(&format!("A{}", "b".repeat(254))).is_ok());
        assert!(check_collection_name(&format!("A{}", "b".repeat(255))).is_err());
        assert!(check_property_name(&"a".repeat(231)).is_ok());
        assert!(check_tenant_name(&"t".repeat(64)).is_ok());
        assert!(check_tenant_name(&"t".repeat(65)).is_err());
    }
}
