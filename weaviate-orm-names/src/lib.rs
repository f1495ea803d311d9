//! Weaviate's naming rules, encoded once for weaviate-orm and its derive.
//!
//! The rules are the Weaviate server's (v1.39, `entities/schema/validation.go`): class names match
//! `[A-Z][_0-9A-Za-z]{0,254}` (`ClassNameRegexCore`), property names `[_A-Za-z][_0-9A-Za-z]{0,230}`
//! (`PropertyNameRegex`), nested property names `[_A-Za-z][_0-9A-Za-z]*`
//! (`NestedPropertyNameRegex`), target vector names `[_A-Za-z][_0-9A-Za-z]{0,229}`
//! (`TargetVectorNameRegex`) and tenant names `[A-Za-z0-9\-\_]{1,64}` (`ShardNameRegexCore`).
//! `_additional`, `_id` and `id` are reserved property names (`ValidateReservedPropertyName`), and a
//! new property may not end with a suffix of Weaviate's internal indexes
//! (`ValidateReservedPropertyNameSuffix`, applied on creation only).
//!
//! [`declared_property_name`] adds the rules of names a Rust struct declares: no capital first
//! letter (the server lowercases it, `LowercaseFirstLetter`, so the struct would not find its
//! property again) and not a metadata name of filters (`_creationTimeUnix`, `_lastUpdateTimeUnix`).
//!
//! Every check returns a [`NameError`] whose [`Problem`] callers can turn into their own message;
//! its `Display` is a complete sentence.
//!
//! ```
//! use weaviate_orm_names::{Problem, collection_name, property_name};
//!
//! assert!(collection_name("Article").is_ok());
//! let e = collection_name("article").unwrap_err();
//! assert_eq!(e.problem(), &Problem::BadFirstCharacter);
//! assert!(e.to_string().ends_with("e.g. `Article`"));
//! assert_eq!(property_name("id").unwrap_err().problem(), &Problem::Reserved);
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

use std::fmt;

pub mod modules;

/// The longest collection name (`ClassNameMaxLength`: the collection's directory name).
pub const COLLECTION_NAME_MAX_LEN: usize = 255;

/// The longest top-level property name (`propertyNameMaxLength`: 255 less the longest suffix of the
/// property's directories). Nested property names have no limit.
pub const PROPERTY_NAME_MAX_LEN: usize = 231;

/// The longest named vector name (`TargetVectorNameMaxLength`).
pub const VECTOR_NAME_MAX_LEN: usize = 230;

/// The longest tenant name (`ShardNameRegexCore`'s `{1,64}`).
pub const TENANT_NAME_MAX_LEN: usize = 64;

/// Property names the server refuses (`reservedPropertyNames`).
pub const RESERVED_PROPERTY_NAMES: &[&str] = &["id", "_id", "_additional"];

/// Names filters use for object metadata; a property of that name could not be filtered on, so
/// declared properties may not take them (the server itself accepts them).
pub const METADATA_PROPERTY_NAMES: &[&str] = &["_creationTimeUnix", "_lastUpdateTimeUnix"];

/// Suffixes of Weaviate's internal indexes of other properties (`reservedPropertyNameSuffixes`); the
/// server refuses new properties ending with one.
pub const RESERVED_PROPERTY_SUFFIXES: &[&str] = &[
    "_searchable",
    "_rangeable",
    "_temp",
    "__meta_count",
    "_propertyLength",
    "_nullState",
];

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// A collection (Weaviate's class) or an alias.
    Collection,
    /// A top-level property.
    Property,
    /// A property of a nested object.
    NestedProperty,
    /// A named vector.
    Vector,
    /// A tenant of a multi-tenant collection.
    Tenant,
}

impl Kind {
    /// The rule of the name's shape, in words, e.g. "it must start with a capital letter (A-Z), ...".
    pub fn shape_rule(self) -> &'static str {
        match self {
            Kind::Collection => {
                "it must start with a capital letter (A-Z), then use letters, digits and `_` (at most 255 characters)"
            }
            Kind::Property => {
                "it must start with a letter or `_`, then use letters, digits and `_` (at most 231 characters)"
            }
            Kind::NestedProperty => {
                "it must start with a letter or `_`, then use letters, digits and `_`"
            }
            Kind::Vector => {
                "it must start with a letter or `_`, then use letters, digits and `_` (at most 230 characters)"
            }
            Kind::Tenant => "use 1 to 64 letters, digits, `_` or `-`",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Collection => "Weaviate collection name",
            Kind::Property | Kind::NestedProperty => "Weaviate property name",
            Kind::Vector => "vector name",
            Kind::Tenant => "tenant name",
        }
    }
}

/// Why a name is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The name is empty.
    Empty,
    /// The name is longer than `max` bytes.
    TooLong {
        /// The longest name allowed.
        max: usize,
    },
    /// The first character is not allowed there.
    BadFirstCharacter,
    /// A character after the first is not allowed.
    BadCharacter(char),
    /// One of [`RESERVED_PROPERTY_NAMES`].
    Reserved,
    /// One of [`METADATA_PROPERTY_NAMES`].
    MetadataName,
    /// Ends with one of [`RESERVED_PROPERTY_SUFFIXES`].
    ReservedSuffix(&'static str),
    /// Starts with a capital letter, which the server lowercases; `stored` is the name it keeps.
    CapitalFirst {
        /// The name as the server stores it.
        stored: String,
    },
}

impl Problem {
    /// Whether the problem is the name's shape (emptiness, length or characters) rather than a
    /// reserved name or a capital.
    pub fn is_shape(&self) -> bool {
        matches!(
            self,
            Problem::Empty
                | Problem::TooLong { .. }
                | Problem::BadFirstCharacter
                | Problem::BadCharacter(_)
        )
    }
}

/// A refused name: what it names, the name and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameError {
    kind: Kind,
    name: String,
    problem: Problem,
}

impl NameError {
    fn new(kind: Kind, name: &str, problem: Problem) -> NameError {
        NameError {
            kind,
            name: name.to_owned(),
            problem,
        }
    }

    /// What the name names.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The refused name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Why it is refused.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }
}

impl fmt::Display for NameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = &self.name;
        match &self.problem {
            Problem::Reserved | Problem::MetadataName => write!(
                f,
                "`{name}` is a reserved {} (reserved: {})",
                self.kind.noun(),
                reserved_names_list()
            ),
            Problem::ReservedSuffix(suffix) => write!(
                f,
                "property name `{name}` ends with `{suffix}`, a suffix Weaviate reserves for its internal indexes"
            ),
            Problem::CapitalFirst { stored } => write!(
                f,
                "property name `{name}` starts with a capital letter, which Weaviate lowercases (to `{stored}`)"
            ),
            _ => {
                write!(
                    f,
                    "`{name}` is not a valid {}: {}",
                    self.kind.noun(),
                    self.kind.shape_rule()
                )?;
                match suggest_collection_name(name) {
                    Some(s) if self.kind == Kind::Collection => write!(f, ", e.g. `{s}`"),
                    _ => Ok(()),
                }
            }
        }
    }
}

impl std::error::Error for NameError {}

/// [`RESERVED_PROPERTY_NAMES`] and [`METADATA_PROPERTY_NAMES`] as "`a`, `b` or `c`".
pub fn reserved_names_list() -> String {
    let all: Vec<String> = RESERVED_PROPERTY_NAMES
        .iter()
        .chain(METADATA_PROPERTY_NAMES)
        .map(|n| format!("`{n}`"))
        .collect();
    match all.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// Checks `name` against a first-character class, a class for the rest and a length limit.
fn shape(
    kind: Kind,
    name: &str,
    first: fn(char) -> bool,
    rest: fn(char) -> bool,
    max: Option<usize>,
) -> Result<(), NameError> {
    let refuse = |problem| Err(NameError::new(kind, name, problem));
    let mut chars = name.chars();
    let Some(c) = chars.next() else {
        return refuse(Problem::Empty);
    };
    if let Some(max) = max.filter(|max| name.len() > *max) {
        return refuse(Problem::TooLong { max });
    }
    if !first(c) {
        return refuse(Problem::BadFirstCharacter);
    }
    match chars.find(|c| !rest(*c)) {
        Some(bad) => refuse(Problem::BadCharacter(bad)),
        None => Ok(()),
    }
}

fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn word_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_'
}

/// A collection (or alias) name: `[A-Z][_0-9A-Za-z]{0,254}` (the server's `ValidateClassName`).
///
/// ```
/// assert!(weaviate_orm_names::collection_name("Article_2").is_ok());
/// assert!(weaviate_orm_names::collection_name("_Article").is_err());
/// ```
pub fn collection_name(name: &str) -> Result<(), NameError> {
    shape(
        Kind::Collection,
        name,
        |c| c.is_ascii_uppercase(),
        word_char,
        Some(COLLECTION_NAME_MAX_LEN),
    )
}

/// A property name as the server accepts it in requests: `[_A-Za-z][_0-9A-Za-z]{0,230}`
/// (`ValidatePropertyName`) and not one of [`RESERVED_PROPERTY_NAMES`]
/// (`ValidateReservedPropertyName`).
///
/// ```
/// assert!(weaviate_orm_names::property_name("title").is_ok());
/// assert!(weaviate_orm_names::property_name("_additional").is_err());
/// ```
pub fn property_name(name: &str) -> Result<(), NameError> {
    shape(
        Kind::Property,
        name,
        word_start,
        word_char,
        Some(PROPERTY_NAME_MAX_LEN),
    )?;
    if RESERVED_PROPERTY_NAMES.contains(&name) {
        return Err(NameError::new(Kind::Property, name, Problem::Reserved));
    }
    Ok(())
}

/// A property name the server accepts for a new property: [`property_name`], and no suffix of
/// [`RESERVED_PROPERTY_SUFFIXES`] (`ValidateReservedPropertyNameSuffix`, creation paths only).
///
/// ```
/// assert!(weaviate_orm_names::new_property_name("title").is_ok());
/// assert!(weaviate_orm_names::new_property_name("title_searchable").is_err());
/// ```
pub fn new_property_name(name: &str) -> Result<(), NameError> {
    property_name(name)?;
    reserved_suffix(Kind::Property, name)
}

/// A nested property name: `[_A-Za-z][_0-9A-Za-z]*` (`ValidateNestedPropertyName`), any length,
/// reserved names allowed.
///
/// ```
/// assert!(weaviate_orm_names::nested_property_name("id").is_ok());
/// assert!(weaviate_orm_names::nested_property_name("1st").is_err());
/// ```
pub fn nested_property_name(name: &str) -> Result<(), NameError> {
    shape(Kind::NestedProperty, name, word_start, word_char, None)
}

/// A property name a Rust struct declares: [`new_property_name`] (or [`nested_property_name`] when
/// `nested`), no capital first letter (the server would store it lowercased) and, at the top level,
/// not one of [`METADATA_PROPERTY_NAMES`]. The checks run in that order.
///
/// ```
/// use weaviate_orm_names::{Problem, declared_property_name};
///
/// assert!(declared_property_name("wordCount", false).is_ok());
/// let e = declared_property_name("Title", false).unwrap_err();
/// assert_eq!(e.problem(), &Problem::CapitalFirst { stored: "title".into() });
/// ```
pub fn declared_property_name(name: &str, nested: bool) -> Result<(), NameError> {
    let kind = if nested {
        Kind::NestedProperty
    } else {
        Kind::Property
    };
    let max = (!nested).then_some(PROPERTY_NAME_MAX_LEN);
    shape(kind, name, word_start, word_char, max)?;
    if name.starts_with(|c: char| c.is_ascii_uppercase()) {
        let stored = lowercase_first_letter(name);
        return Err(NameError::new(kind, name, Problem::CapitalFirst { stored }));
    }
    if nested {
        return Ok(());
    }
    if RESERVED_PROPERTY_NAMES.contains(&name) {
        return Err(NameError::new(kind, name, Problem::Reserved));
    }
    if METADATA_PROPERTY_NAMES.contains(&name) {
        return Err(NameError::new(kind, name, Problem::MetadataName));
    }
    reserved_suffix(kind, name)
}

fn reserved_suffix(kind: Kind, name: &str) -> Result<(), NameError> {
    match RESERVED_PROPERTY_SUFFIXES
        .iter()
        .find(|s| name.ends_with(*s))
    {
        Some(suffix) => Err(NameError::new(kind, name, Problem::ReservedSuffix(suffix))),
        None => Ok(()),
    }
}

/// A named vector's name: `[_A-Za-z][_0-9A-Za-z]{0,229}` (`TargetVectorNameRegex`).
///
/// ```
/// assert!(weaviate_orm_names::vector_name("title_vec").is_ok());
/// assert!(weaviate_orm_names::vector_name("title-vec").is_err());
/// ```
pub fn vector_name(name: &str) -> Result<(), NameError> {
    shape(
        Kind::Vector,
        name,
        word_start,
        word_char,
        Some(VECTOR_NAME_MAX_LEN),
    )
}

/// A tenant name: `[A-Za-z0-9\-\_]{1,64}` (`ValidateTenantName`).
///
/// ```
/// assert!(weaviate_orm_names::tenant_name("tenant-1_a").is_ok());
/// assert!(weaviate_orm_names::tenant_name("a/b").is_err());
/// ```
pub fn tenant_name(name: &str) -> Result<(), NameError> {
    let tenant_char = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    shape(
        Kind::Tenant,
        name,
        tenant_char,
        tenant_char,
        Some(TENANT_NAME_MAX_LEN),
    )
}

/// Whether two collection names name the same collection: the server capitalises the first letter
/// (`UppercaseClassName`) and finds classes case-insensitively.
///
/// ```
/// assert!(weaviate_orm_names::same_collection("article", "Article"));
/// assert!(!weaviate_orm_names::same_collection("Post", "Article"));
/// ```
pub fn same_collection(a: &str, b: &str) -> bool {
    a.to_lowercase() == b.to_lowercase()
}

/// The name the server stores for a property name: its first byte lowercased if it is an ASCII
/// letter (`LowercaseFirstLetter`).
///
/// ```
/// assert_eq!(weaviate_orm_names::lowercase_first_letter("Title"), "title");
/// ```
pub fn lowercase_first_letter(name: &str) -> String {
    let mut out = name.to_owned();
    if let Some(first) = out.get_mut(0..1) {
        first.make_ascii_lowercase();
    }
    out
}

/// The name the server stores for a collection name: the first byte of the class part uppercased
/// if it is an ASCII letter, a `namespace:` prefix kept (`UppercaseClassName`).
///
/// ```
/// assert_eq!(weaviate_orm_names::uppercase_class_name("article"), "Article");
/// assert_eq!(weaviate_orm_names::uppercase_class_name("ns:article"), "ns:Article");
/// ```
pub fn uppercase_class_name(name: &str) -> String {
    fn uppercase_first(s: &str) -> String {
        let mut out = s.to_owned();
        if let Some(first) = out.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        out
    }
    match name.split_once(':') {
        Some((namespace, class)) => format!("{namespace}:{}", uppercase_first(class)),
        None => uppercase_first(name),
    }
}

/// A valid collection name close to `name`: its ASCII words, each capitalised, joined
/// (`news-article` -> `NewsArticle`); `None` when there is none.
///
/// ```
/// assert_eq!(weaviate_orm_names::suggest_collection_name("news-article").as_deref(), Some("NewsArticle"));
/// assert_eq!(weaviate_orm_names::suggest_collection_name("1"), None);
/// ```
pub fn suggest_collection_name(name: &str) -> Option<String> {
    let suggestion: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| part[..1].to_ascii_uppercase() + &part[1..])
        .collect();
    collection_name(&suggestion).is_ok().then_some(suggestion)
}

/// `word_count` -> `wordCount`: the derive's `rename_all = "camelCase"` (a leading `_` is kept).
///
/// ```
/// assert_eq!(weaviate_orm_names::camel_case("word_count"), "wordCount");
/// ```
pub fn camel_case(snake: &str) -> String {
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
mod tests;
