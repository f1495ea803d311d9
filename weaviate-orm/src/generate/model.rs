//! What the generator writes, before it is printed: structs, fields, attributes, imports.

use std::collections::BTreeSet;

use super::attr::Item;

/// Which derive a struct gets.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Derive {
    Collection,
    Object,
}

/// One generated struct.
pub(crate) struct StructDef {
    pub ident: String,
    pub doc: Vec<String>,
    pub derive: Derive,
    /// The struct's `#[weaviate(...)]` items, one attribute each.
    pub attrs: Vec<Item>,
    pub fields: Vec<FieldDef>,
}

/// One field.
pub(crate) struct FieldDef {
    /// As written (`title`, `r#type`).
    pub ident: String,
    pub doc: Vec<String>,
    /// The field's `#[weaviate(...)]` items, in one attribute.
    pub attrs: Vec<Item>,
    pub ty: String,
}

/// The names the generated file imports, by what uses them.
#[derive(Default)]
pub(crate) struct Uses {
    names: BTreeSet<&'static str>,
}

/// Where each importable name lives.
const PATHS: &[(&str, &str)] = &[
    ("DateTime", "chrono"),
    ("FixedOffset", "chrono"),
    ("Uuid", "uuid"),
    ("Blob", "weaviate_orm::typed"),
    ("GeoCoordinates", "weaviate_orm::typed"),
    ("MultiReference", "weaviate_orm::typed"),
    ("PhoneNumber", "weaviate_orm::typed"),
    ("Reference", "weaviate_orm::typed"),
    ("WeaviateCollection", "weaviate_orm"),
    ("WeaviateObject", "weaviate_orm"),
];

impl Uses {
    /// Records that `name` (one of the names in `PATHS`) is used.
    pub(crate) fn add(&mut self, name: &'static str) {
        self.names.insert(name);
    }

    /// The `use` lines, in rustfmt's order: by path, where a name sorts before a module when it
    /// starts with a capital letter (`weaviate_orm::WeaviateCollection` before
    /// `weaviate_orm::typed::...`) and a `{...}` group after everything.
    pub(crate) fn lines(&self) -> Vec<String> {
        let line = |module: &str| {
            let names: Vec<&str> = PATHS
                .iter()
                .filter(|(name, m)| *m == module && self.names.contains(name))
                .map(|(name, _)| *name)
                .collect();
            match names.as_slice() {
                [] => None,
                [one] => Some((false, format!("use {module}::{one};"))),
                several => Some((true, format!("use {module}::{{{}}};", several.join(", ")))),
            }
        };
        let mut lines: Vec<String> = ["chrono", "uuid"]
            .into_iter()
            .filter_map(line)
            .map(|(_, l)| l)
            .collect();
        let typed = line("weaviate_orm::typed").map(|(_, l)| l);
        match line("weaviate_orm") {
            Some((false, root)) => lines.extend([Some(root), typed].into_iter().flatten()),
            Some((true, root)) => lines.extend([typed, Some(root)].into_iter().flatten()),
            None => lines.extend(typed),
        }
        lines
    }
}
