//! The derive input, understood: what each field is (a property, the id, a vector, skipped) and
//! the collection's settings, as plain data. [`crate::parse`] builds the parts, [`crate::validate`]
//! decides the roles and checks the rules, [`crate::codegen`] turns the model into tokens; the model
//! holds no token streams (only `syn` types, identifiers and spans, for diagnostics and codegen).

pub(crate) mod builder;
mod collection;
mod field;
mod index;
mod module;

use proc_macro2::Span;
use syn::{Ident, Type, Visibility};

pub(crate) use collection::{CollectionAttrs, HandleField, NamedVector, RenameAll, Source};
pub(crate) use field::{FieldAttrs, TextAnalyzer};
pub(crate) use index::{Index, Kind as IndexKind};
pub(crate) use module::{Module, Slot};

/// Which derive is expanding.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Derive {
    /// `#[derive(WeaviateCollection)]`.
    Collection,
    /// `#[derive(WeaviateObject)]`: a nested object type.
    Object,
}

/// The analysed struct.
pub(crate) struct Model {
    pub ident: Ident,
    pub vis: Visibility,
    pub fields: Vec<FieldModel>,
    /// The collection (for `Derive::Collection`).
    pub collection: Option<Collection>,
}

/// A collection's name, settings and resolved named vectors.
pub(crate) struct Collection {
    pub name: String,
    pub attrs: CollectionAttrs,
    /// Per named vector (same order as `attrs.vectors`): its sources as indexes into `fields`, with
    /// the span where each was named.
    pub sources: Vec<Vec<(usize, Span)>>,
}

/// One field of the struct.
pub(crate) struct FieldModel {
    pub ident: Ident,
    pub ty: Type,
    pub attrs: FieldAttrs,
    pub role: Role,
}

/// What a field is.
pub(crate) enum Role {
    /// A property stored under `name`.
    Property { name: String, reference: RefKind },
    /// The object id.
    Id,
    /// A vector: named (`Some`) or the collection's single vector (`None`).
    Vector(Option<String>),
    /// Not stored.
    Skip,
}

/// Whether a property is a cross-reference, as far as its type's name tells.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    None,
    /// `Reference<T>`.
    Single,
    /// `MultiReference` (its targets come from `targets(...)`).
    Multi,
}

impl FieldModel {
    /// The property name, when the field is a property.
    pub(crate) fn property_name(&self) -> Option<&str> {
        match &self.role {
            Role::Property { name, .. } => Some(name),
            _ => None,
        }
    }
}

impl Model {
    /// The property fields, in order.
    pub(crate) fn properties(&self) -> impl Iterator<Item = (&FieldModel, &str)> {
        self.fields
            .iter()
            .filter_map(|f| f.property_name().map(|n| (f, n)))
    }

    /// The distinct vectorizer modules of the collection (not `none`), for per-property module
    /// settings such as `skip_vectorization`.
    pub(crate) fn vectorizer_modules(&self) -> Vec<String> {
        let Some(c) = &self.collection else {
            return Vec::new();
        };
        let mut modules: Vec<String> = c
            .attrs
            .vectorizer
            .iter()
            .chain(c.attrs.vectors.iter().filter_map(|v| v.vectorizer.as_ref()))
            .filter(|m| !m.is_none())
            .map(|m| m.name.clone())
            .collect();
        modules.sort();
        modules.dedup();
        modules
    }
}

impl RefKind {
    /// `Reference<..>` / `MultiReference` by the last segment of the type's path.
    pub(crate) fn of(ty: &Type) -> RefKind {
        let Type::Path(path) = ty else {
            return RefKind::None;
        };
        match path.path.segments.last() {
            Some(last) if last.ident == "MultiReference" => RefKind::Multi,
            Some(last) if last.ident == "Reference" && !last.arguments.is_empty() => {
                RefKind::Single
            }
            _ => RefKind::None,
        }
    }
}
