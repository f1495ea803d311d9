//! What each field is (a property, the id, a vector, skipped), and whether its attributes fit that.

use proc_macro2::Span;
use syn::{Ident, Type};

use crate::errors::Errors;
use crate::model::{Derive, FieldAttrs, RefKind, RenameAll, Role};
use crate::validate::names;

/// Decides a field's role and checks that its attributes fit it.
pub(super) fn field_role(
    ident: &Ident,
    ty: &Type,
    attrs: &FieldAttrs,
    derive: Derive,
    rename_all: RenameAll,
    errors: &mut Errors,
) -> Role {
    let roles: Vec<(&str, Span)> = [
        ("id", attrs.id),
        ("vector", attrs.vector.as_ref().map(|v| v.1)),
        ("skip", attrs.skip),
    ]
    .into_iter()
    .filter_map(|(n, s)| s.map(|s| (n, s)))
    .collect();
    if let [(first, _), rest @ ..] = roles.as_slice() {
        for (other, span) in rest {
            errors.at(
                *span,
                format!("a field cannot be both `{first}` and `{other}`"),
            );
        }
    }
    if derive == Derive::Object {
        let collection_only = [
            ("id", attrs.id),
            ("vector", attrs.vector.as_ref().map(|v| v.1)),
            ("key", attrs.key),
            ("targets", attrs.targets.as_ref().map(|t| t.1)),
            ("skip_vectorization", attrs.skip_vectorization.map(|t| t.1)),
            (
                "vectorize_property_name",
                attrs.vectorize_property_name.map(|t| t.1),
            ),
        ];
        for (name, span) in collection_only {
            if let Some(span) = span {
                errors.at(
                    span,
                    format!(
                        "`{name}` applies to fields of a collection (`#[derive(WeaviateCollection)]`), not of a nested object"
                    ),
                );
            }
        }
    }
    if let Some((_, span)) = &attrs.renamed_from {
        match derive {
            Derive::Object => errors.at(
                *span,
                "`renamed_from` applies to top-level properties of a collection; a migration cannot rename a property inside a nested object, so remove it (to keep the stored name while renaming the Rust field, use `#[weaviate(rename = \"...\")]`)",
            ),
            Derive::Collection => {
                let not_a_property = if attrs.id.is_some() {
                    Some("the id field is not a property (its name does not matter to Weaviate); remove `renamed_from`")
                } else if attrs.vector.is_some() {
                    Some("this field holds a vector, not a property (Weaviate knows a vector by its `vector = \"...\"` name, not by the field's); remove `renamed_from`")
                } else if attrs.skip.is_some() {
                    Some("a `skip` field is not stored; remove `renamed_from`, or remove `skip` to keep the old property's values in this field")
                } else {
                    None
                };
                if let Some(why) = not_a_property {
                    errors.at(
                        *span,
                        format!("`renamed_from` gives a property's former name, but {why}"),
                    );
                }
            }
        }
    }
    let role = if attrs.id.is_some() {
        Some(("id", Role::Id))
    } else if let Some((name, _)) = &attrs.vector {
        Some(("vector", Role::Vector(name.as_ref().map(|n| n.0.clone()))))
    } else if attrs.skip.is_some() {
        Some(("skip", Role::Skip))
    } else {
        None
    };
    if let Some((role_name, role)) = role {
        for (setting, span) in attrs.property_settings() {
            errors.at(
                span,
                format!("`{setting}` applies to properties; this field is marked `{role_name}` and is not stored as a property"),
            );
        }
        return role;
    }

    let name = match &attrs.rename {
        Some((name, _)) => name.clone(),
        None => {
            let written = syn::ext::IdentExt::unraw(ident).to_string();
            match rename_all {
                RenameAll::CamelCase => names::camel_case(&written),
                RenameAll::Verbatim => written,
            }
        }
    };
    let name_span = attrs.rename.as_ref().map_or_else(|| ident.span(), |r| r.1);
    if let Err(message) = names::check_property_name(&name, derive == Derive::Object) {
        errors.at(name_span, message);
    }

    let reference = RefKind::of(ty);
    if derive == Derive::Object && reference != RefKind::None {
        errors.spanned(ty, "nested objects cannot hold references (Weaviate allows them only on collection properties)");
    }
    match (&attrs.targets, reference) {
        (None, RefKind::Multi) if derive == Derive::Collection => errors.spanned(
            ty,
            "a `MultiReference` property needs its target collections: `#[weaviate(targets(Author, Publisher))]`",
        ),
        (Some((_, span)), kind) if kind != RefKind::Multi => errors.at(
            *span,
            "`targets(...)` applies to `MultiReference` fields; a `Reference<T>` targets `T`",
        ),
        _ => {}
    }
    Role::Property { name, reference }
}
