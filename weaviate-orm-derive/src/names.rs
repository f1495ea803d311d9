//! Weaviate's naming rules (v1.39.0, `entities/schema/validation.go`), checked at compile time.

/// Property names Weaviate refuses (`id`, `_id`, `_additional`) or that its filters reserve for object
/// metadata (`_creationTimeUnix`, `_lastUpdateTimeUnix`).
pub(crate) const RESERVED_PROPERTIES: &[&str] = &[
    "id",
    "_id",
    "_additional",
    "_creationTimeUnix",
    "_lastUpdateTimeUnix",
];

/// Suffixes Weaviate reserves for its internal indexes of other properties.
pub(crate) const RESERVED_SUFFIXES: &[&str] = &[
    "_searchable",
    "_rangeable",
    "_temp",
    "__meta_count",
    "_propertyLength",
    "_nullState",
];

/// A collection name: a capital letter, then letters, digits and `_`, at most 255 characters.
pub(crate) fn check_collection_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') && name.len() <= 255 {
        return Ok(());
    }
    let mut message = format!(
        "`{name}` is not a valid Weaviate collection name: it must start with a capital letter (A-Z), then use letters, digits and `_` (at most 255 characters)"
    );
    let suggestion: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| part[..1].to_ascii_uppercase() + &part[1..])
        .collect();
    if suggestion.starts_with(|c: char| c.is_ascii_uppercase()) && suggestion.len() <= 255 {
        message.push_str(&format!(", e.g. `{suggestion}`"));
    }
    Err(message)
}

/// What is wrong with a property name, if anything (the rules of [`check_property_name`]).
enum PropertyNameProblem {
    /// Not a letter or `_`, then letters, digits and `_` (or too long).
    Shape,
    /// Starts with a capital letter; the name as Weaviate stores it.
    Capital(String),
    /// A reserved name.
    Reserved,
    /// Ends with a reserved suffix.
    ReservedSuffix(&'static str),
}

fn property_name_problem(name: &str, nested: bool) -> Option<PropertyNameProblem> {
    let mut chars = name.chars();
    let first = chars.next();
    let shape_ok = first.is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (nested || name.len() <= 231);
    if !shape_ok {
        return Some(PropertyNameProblem::Shape);
    }
    if first.is_some_and(|c| c.is_ascii_uppercase()) {
        return Some(PropertyNameProblem::Capital(
            name[..1].to_ascii_lowercase() + &name[1..],
        ));
    }
    if nested {
        return None;
    }
    if RESERVED_PROPERTIES.contains(&name) {
        return Some(PropertyNameProblem::Reserved);
    }
    RESERVED_SUFFIXES
        .iter()
        .find(|s| name.ends_with(*s))
        .map(|suffix| PropertyNameProblem::ReservedSuffix(suffix))
}

fn reserved_list() -> String {
    crate::errors::one_of(RESERVED_PROPERTIES)
        .trim_start_matches("one of ")
        .to_owned()
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
    if former.to_lowercase() == current.to_lowercase() {
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
    let Some(problem) = property_name_problem(name, nested) else {
        return Ok(());
    };
    Err(match problem {
        PropertyNameProblem::Shape => format!(
            "`{name}` is not a valid Weaviate property name: it must start with a letter or `_`, then use letters, digits and `_`{}",
            if nested {
                ""
            } else {
                " (at most 231 characters)"
            }
        ),
        PropertyNameProblem::Capital(lowered) => format!(
            "property name `{name}` starts with a capital letter, which Weaviate lowercases (to `{lowered}`); name it `{lowered}`"
        ),
        PropertyNameProblem::Reserved => {
            let hint = if name == "id" {
                "; mark the field `#[weaviate(id)]` if it holds the object's id, or `#[weaviate(rename = \"...\")]` it"
            } else {
                "; rename the property with `#[weaviate(rename = \"...\")]`"
            };
            format!(
                "`{name}` is a reserved Weaviate property name (reserved: {}){hint}",
                reserved_list()
            )
        }
        PropertyNameProblem::ReservedSuffix(suffix) => format!(
            "property name `{name}` ends with `{suffix}`, a suffix Weaviate reserves for its internal indexes; rename the property with `#[weaviate(rename = \"...\")]`"
        ),
    })
}

/// A property's former name (`renamed_from`): the name a property has on the server, so it follows
/// the rules of [`check_property_name`] for top-level properties; the messages say how to write the
/// former name rather than how to rename the field.
pub(crate) fn check_former_property_name(name: &str) -> Result<(), String> {
    let Some(problem) = property_name_problem(name, false) else {
        return Ok(());
    };
    Err(match problem {
        PropertyNameProblem::Shape => format!(
            "`{name}` cannot be a former property name: Weaviate property names start with a letter or `_`, then use letters, digits and `_` (at most 231 characters); write the name the property has on the server"
        ),
        PropertyNameProblem::Capital(lowered) => format!(
            "former property name `{name}` starts with a capital letter, but Weaviate lowercases the first letter, so the property is `{lowered}` on the server; write `renamed_from = \"{lowered}\"`"
        ),
        PropertyNameProblem::Reserved => format!(
            "`{name}` cannot be a former property name: it is reserved (reserved: {}), so no property on the server has it; write the name the property has on the server",
            reserved_list()
        ),
        PropertyNameProblem::ReservedSuffix(suffix) => format!(
            "`{name}` cannot be a former property name: it ends with `{suffix}`, a suffix Weaviate reserves for its internal indexes, so no property on the server has it; write the name the property has on the server"
        ),
    })
}

/// A named vector's name: a letter or `_`, then letters, digits and `_`, at most 230 characters.
pub(crate) fn check_vector_name(name: &str) -> Result<(), String> {
    let mut chars = name.chars();
    let ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 230;
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid vector name: it must start with a letter or `_`, then use letters, digits and `_` (at most 230 characters)"
        ))
    }
}

/// `word_count` -> `wordCount`.
pub(crate) fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' && !out.is_empty() {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
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
