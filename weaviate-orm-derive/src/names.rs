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

/// A property name: a letter or `_`, then letters, digits and `_`, at most 231 characters; not a
/// reserved name or suffix; and not starting with a capital letter (Weaviate lowercases the first
/// letter of property names, so the struct would not find its property again).
pub(crate) fn check_property_name(name: &str, nested: bool) -> Result<(), String> {
    let mut chars = name.chars();
    let first = chars.next();
    let shape_ok = first.is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && (nested || name.len() <= 231);
    if !shape_ok {
        return Err(format!(
            "`{name}` is not a valid Weaviate property name: it must start with a letter or `_`, then use letters, digits and `_`{}",
            if nested {
                ""
            } else {
                " (at most 231 characters)"
            }
        ));
    }
    if first.is_some_and(|c| c.is_ascii_uppercase()) {
        let lowered: String = name[..1].to_ascii_lowercase() + &name[1..];
        return Err(format!(
            "property name `{name}` starts with a capital letter, which Weaviate lowercases (to `{lowered}`); name it `{lowered}`"
        ));
    }
    if nested {
        return Ok(());
    }
    if RESERVED_PROPERTIES.contains(&name) {
        let hint = if name == "id" {
            "; mark the field `#[weaviate(id)]` if it holds the object's id, or `#[weaviate(rename = \"...\")]` it"
        } else {
            "; rename the property with `#[weaviate(rename = \"...\")]`"
        };
        return Err(format!(
            "`{name}` is a reserved Weaviate property name (reserved: {}){hint}",
            crate::errors::one_of(RESERVED_PROPERTIES).trim_start_matches("one of ")
        ));
    }
    if let Some(suffix) = RESERVED_SUFFIXES.iter().find(|s| name.ends_with(*s)) {
        return Err(format!(
            "property name `{name}` ends with `{suffix}`, a suffix Weaviate reserves for its internal indexes; rename the property with `#[weaviate(rename = \"...\")]`"
        ));
    }
    Ok(())
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
    fn vector_names_and_case() {
        assert!(check_vector_name("title_vec").is_ok());
        assert!(check_vector_name("title-vec").is_err());
        assert_eq!(camel_case("word_count"), "wordCount");
        assert_eq!(camel_case("_private_x"), "_privateX");
        assert_eq!(camel_case("title"), "title");
    }
}
