//! Weaviate's naming rules as compile errors. The rules are `weaviate_orm_names`' (shared with the
//! runtime crate); this module only words the verdicts for a struct's author.

use weaviate_orm_names::{self as rules, Problem, reserved_names_list};

pub(crate) use weaviate_orm_names::camel_case;

/// A collection name: a capital letter, then letters, digits and `_`, at most 255 characters.
pub(crate) fn check_collection_name(name: &str) -> Result<(), String> {
    rules::collection_name(name).map_err(|e| e.to_string())
}

/// A collection's former name (`renamed_from`): a valid collection name that is not `current`.
/// Weaviate capitalises the first letter of collection names and compares them case-insensitively,
/// so a name that differs from `current` only in case is the same collection, not a rename.
pub(crate) fn check_former_collection_name(former: &str, current: &str) -> Result<(), String> {
    if former == current {
        return Err(format!(
            "`{former}` is the collection's own name; `renamed_from` takes the name the collection had before (remove it if the collection was not renamed)"
        ));
    }
    if rules::same_collection(former, current) {
        return Err(format!(
            "`{former}` and `{current}` are the same collection to Weaviate (it capitalises the first letter and compares collection names case-insensitively), so this is no rename; write the name the collection had before, or remove `renamed_from`"
        ));
    }
    check_collection_name(former)
        .map_err(|m| format!("{m} (`renamed_from` is the name the collection has on the server)"))
}

/// A property name: a letter or `_`, then letters, digits and `_`, at most 231 characters; not a
/// reserved name or suffix; and not starting with a capital letter (Weaviate lowercases the first
/// letter of property names, so the struct would not find its property again).
pub(crate) fn check_property_name(name: &str, nested: bool) -> Result<(), String> {
    let Err(e) = rules::declared_property_name(name, nested) else {
        return Ok(());
    };
    Err(match e.problem() {
        Problem::CapitalFirst { stored } => format!("{e}; name it `{stored}`"),
        Problem::Reserved | Problem::MetadataName => {
            let hint = if name == "id" {
                "; mark the field `#[weaviate(id)]` if it holds the object's id, or `#[weaviate(rename = \"...\")]` it"
            } else {
                "; rename the property with `#[weaviate(rename = \"...\")]`"
            };
            format!("{e}{hint}")
        }
        Problem::ReservedSuffix(_) => {
            format!("{e}; rename the property with `#[weaviate(rename = \"...\")]`")
        }
        _ => e.to_string(),
    })
}

/// A property's former name (`renamed_from`): the name a property has on the server, so it follows
/// the rules of [`check_property_name`] for top-level properties; the messages say how to write the
/// former name rather than how to rename the field.
pub(crate) fn check_former_property_name(name: &str) -> Result<(), String> {
    let Err(e) = rules::declared_property_name(name, false) else {
        return Ok(());
    };
    Err(match e.problem() {
        Problem::CapitalFirst { stored } => format!(
            "former property name `{name}` starts with a capital letter, but Weaviate lowercases the first letter, so the property is `{stored}` on the server; write `renamed_from = \"{stored}\"`"
        ),
        Problem::Reserved | Problem::MetadataName => format!(
            "`{name}` cannot be a former property name: it is reserved (reserved: {}), so no property on the server has it; write the name the property has on the server",
            reserved_names_list()
        ),
        Problem::ReservedSuffix(suffix) => format!(
            "`{name}` cannot be a former property name: it ends with `{suffix}`, a suffix Weaviate reserves for its internal indexes, so no property on the server has it; write the name the property has on the server"
        ),
        _ => format!(
            "`{name}` cannot be a former property name: Weaviate property names {}; write the name the property has on the server",
            rules::Kind::Property
                .shape_rule()
                .trim_start_matches("it must ")
        ),
    })
}

/// A named vector's name: a letter or `_`, then letters, digits and `_`, at most 230 characters.
pub(crate) fn check_vector_name(name: &str) -> Result<(), String> {
    rules::vector_name(name).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collection_names() {
        assert!(check_collection_name("Article_2").is_ok());
        let e = check_collection_name("article").unwrap_err();
        assert!(e.ends_with("e.g. `Article`"), "{e}");
        let e = check_collection_name("news-article").unwrap_err();
        assert!(e.ends_with("e.g. `NewsArticle`"), "{e}");
        assert!(check_collection_name("_A").is_err());
        assert!(check_collection_name("A-b").is_err());
        assert!(check_collection_name(&format!("A{}", "b".repeat(255))).is_err());
    }

    #[test]
    fn property_names() {
        assert!(check_property_name("title", false).is_ok());
        assert!(check_property_name("_private", false).is_ok());
        assert!(check_property_name("1st", false).is_err());
        assert!(check_property_name("a-b", false).is_err());
        assert!(
            check_property_name("Title", false)
                .unwrap_err()
                .contains("`title`")
        );
        assert!(
            check_property_name("id", false)
                .unwrap_err()
                .contains("#[weaviate(id)]")
        );
        assert!(check_property_name("_additional", false).is_err());
        assert!(check_property_name("name_searchable", false).is_err());
        assert!(check_property_name("id", true).is_ok());
    }

    #[test]
    fn former_collection_names() {
        assert!(check_former_collection_name("Post", "Article").is_ok());
        let e = check_former_collection_name("Article", "Article").unwrap_err();
        assert!(e.contains("the collection's own name"), "{e}");
        let e = check_former_collection_name("article", "Article").unwrap_err();
        assert!(e.contains("case-insensitively"), "{e}");
        let e = check_former_collection_name("ARTICLE", "Article").unwrap_err();
        assert!(e.contains("case-insensitively"), "{e}");
        let e = check_former_collection_name("old-post", "Article").unwrap_err();
        assert!(
            e.contains("e.g. `OldPost`") && e.contains("on the server"),
            "{e}"
        );
    }

    #[test]
    fn former_property_names() {
        assert!(check_former_property_name("headline").is_ok());
        assert!(check_former_property_name("_old").is_ok());
        let e = check_former_property_name("Headline").unwrap_err();
        assert!(e.contains("write `renamed_from = \"headline\"`"), "{e}");
        for bad in ["id", "_additional", "title_searchable", "1st", "a-b", ""] {
            let e = check_former_property_name(bad).unwrap_err();
            assert!(e.contains("cannot be a former property name"), "{bad}: {e}");
            assert!(!e.contains("#[weaviate(rename"), "{bad}: {e}");
        }
        assert!(check_former_property_name(&"a".repeat(232)).is_err());
    }

    #[test]
    fn vector_names_and_case() {
        assert!(check_vector_name("title_vec").is_ok());
        assert!(check_vector_name("title-vec").is_err());
        assert_eq!(camel_case("word_count"), "wordCount");
        assert_eq!(camel_case("_private_x"), "_privateX");
        assert_eq!(camel_case("title"), "title");
    }
}
