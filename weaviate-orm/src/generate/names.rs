//! Rust names for Weaviate names: struct names in CamelCase, field names in snake_case, keywords
//! escaped, collisions resolved.

use std::collections::BTreeSet;

/// Rust's keywords (all editions, reserved ones included).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Type names a generated struct must not take: the prelude's and the generated file's imports.
const TAKEN_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Blob",
    "Box",
    "Clone",
    "Copy",
    "DateTime",
    "Debug",
    "Default",
    "Drop",
    "Eq",
    "Err",
    "Extend",
    "FixedOffset",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "GeoCoordinates",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "MultiReference",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "PhoneNumber",
    "Reference",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Uuid",
    "Vec",
    "WeaviateCollection",
    "WeaviateObject",
];

/// Whether `s` is a Rust keyword.
pub(crate) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// `word_count` -> `wordCount`: the derive's `rename_all = "camelCase"` (and its module-setting keys).
pub(crate) use weaviate_orm_names::camel_case;

/// `wordCount` -> `word_count`; runs of `_` collapse to one (Rust's `non_snake_case` lint wants single
/// underscores).
pub(crate) fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for c in name.chars() {
        if c.is_ascii_uppercase() {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c == '_' && out.ends_with('_') && out.len() > 1 {
            continue;
        } else {
            out.push(c);
        }
    }
    out
}

/// `Gen_article` -> `GenArticle`, `wordCount` -> `WordCount`.
pub(crate) fn upper_camel_case(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect()
}

/// Whether `s` is an identifier of ASCII letters, digits and `_` not starting with a digit.
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s != "_"
}

/// The names used so far in one scope (a file's types, a struct's fields).
#[derive(Default)]
pub(crate) struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope of type names, with the prelude's and the imports' names taken.
    pub(crate) fn types() -> Scope {
        let mut scope = Scope::default();
        scope
            .taken
            .extend(TAKEN_TYPES.iter().map(|s| (*s).to_owned()));
        scope
    }

    /// Marks `name` as used.
    pub(crate) fn take(&mut self, name: &str) {
        self.taken.insert(name.to_owned());
    }

    /// Whether `name` is free.
    pub(crate) fn is_free(&self, name: &str) -> bool {
        !self.taken.contains(name) && !is_keyword(name)
    }

    /// A free type name from `wanted` (`Foo`, else `FooCollection`, `Foo2`, ...), taking it and the
    /// derive's handle names `<Name>Fields` and `<Name>Vectors`.
    pub(crate) fn type_name(&mut self, wanted: &str, fallback_suffix: &str) -> String {
        let base = if wanted.is_empty() {
            "Collection"
        } else {
            wanted
        };
        let free = |scope: &Scope, n: &str| {
            scope.is_free(n)
                && scope.is_free(&format!("{n}Fields"))
                && scope.is_free(&format!("{n}Vectors"))
        };
        let mut name = base.to_owned();
        if !free(self, &name) {
            name = format!("{base}{fallback_suffix}");
        }
        let mut n = 2;
        while !free(self, &name) {
            name = format!("{base}{fallback_suffix}{n}");
            n += 1;
        }
        for taken in [
            name.clone(),
            format!("{name}Fields"),
            format!("{name}Vectors"),
        ] {
            self.take(&taken);
        }
        name
    }

    /// A free field name from `wanted` (`foo`, else `foo_2`, ...): keywords become raw identifiers
    /// (`r#type`) where Rust allows it. Returns the identifier as written in the source.
    pub(crate) fn field_name(&mut self, wanted: &str) -> String {
        let mut base = if is_identifier(wanted) {
            wanted.to_owned()
        } else {
            let cleaned: String = wanted
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
                .collect();
            if is_identifier(&cleaned) {
                cleaned
            } else {
                format!("field_{cleaned}")
            }
        };
        if NOT_RAW.contains(&base.as_str()) {
            base.push('_');
        }
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{base}_{n}");
            n += 1;
        }
        self.take(&name);
        if is_keyword(&name) {
            format!("r#{name}")
        } else {
            name
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_round_trip() {
        for (name, snake) in [
            ("wordCount", "word_count"),
            ("title", "title"),
            ("uRL", "u_r_l"),
            ("a__b", "a_b"),
            ("_private", "_private"),
            ("x2y", "x2y"),
        ] {
            assert_eq!(snake_case(name), snake, "{name}");
        }
        assert_eq!(camel_case("word_count"), "wordCount");
        assert_eq!(camel_case("u_r_l"), "uRL");
        assert_eq!(upper_camel_case("Gen_rest_article"), "GenRestArticle");
        assert_eq!(upper_camel_case("wordCount"), "WordCount");
    }

    #[test]
    fn scopes_avoid_clashes_and_keywords() {
        let mut types = Scope::types();
        assert_eq!(types.type_name("Article", "Collection"), "Article");
        assert_eq!(
            types.type_name("ArticleFields", "Collection"),
            "ArticleFieldsCollection"
        );
        assert_eq!(types.type_name("Blob", "Collection"), "BlobCollection");
        assert_eq!(
            types.type_name("Article", "Collection"),
            "ArticleCollection"
        );
        let mut fields = Scope::default();
        assert_eq!(fields.field_name("type"), "r#type");
        assert_eq!(fields.field_name("self"), "self_");
        assert_eq!(fields.field_name("title"), "title");
        assert_eq!(fields.field_name("title"), "title_2");
    }
}
