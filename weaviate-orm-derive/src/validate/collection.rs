//! A collection's rules: its name and former name, one id, declared vectors held once, known
//! stopword presets, and vector sources that are properties.

use proc_macro2::Span;
use syn::Ident;

use crate::errors::Errors;
use crate::model::{Collection, CollectionAttrs, FieldModel, NamedVector, Role, Source};
use crate::validate::names;

/// The collection settings that exclude each other: multi-tenancy and sharding, a collection-level
/// vector and named vectors; and named vectors declared once.
pub(super) fn check_settings(attrs: &CollectionAttrs, errors: &mut Errors) {
    if let (Some(mt), Some(_)) = (attrs.multi_tenancy, attrs.sharding) {
        errors.at(
            mt,
            "a multi-tenant collection has no sharding config (each tenant is a shard); remove `sharding(...)`",
        );
    }
    let legacy = attrs.vectorizer.is_some() || attrs.vector_index.is_some();
    if let (true, Some(first)) = (legacy, attrs.vectors.first()) {
        errors.at(
            first.span,
            "a collection cannot have both a collection-level vector (`vectorizer = ...` / `vector_index = ...`) and named vectors (`vector(...)`); Weaviate rejects the mix",
        );
    }
    let mut seen = std::collections::HashSet::new();
    for v in &attrs.vectors {
        if !seen.insert(v.name.clone()) {
            errors.at(
                v.name_span,
                format!("named vector `{}` is declared twice", v.name),
            );
        }
    }
}

/// The collection's name, the id and vector fields, and the named vectors' sources.
pub(super) fn collection(
    ident: &Ident,
    attrs: CollectionAttrs,
    fields: &[FieldModel],
    errors: &mut Errors,
) -> Collection {
    let (name, name_span) = attrs
        .name
        .clone()
        .unwrap_or_else(|| (ident.to_string(), ident.span()));
    if let Err(message) = names::check_collection_name(&name) {
        let hint = if attrs.name.is_none() {
            "; set the name with `#[weaviate(name = \"...\")]`"
        } else {
            ""
        };
        errors.at(name_span, format!("{message}{hint}"));
    }
    if let Some((former, span)) = &attrs.renamed_from {
        if let Err(message) = names::check_former_collection_name(former, &name) {
            errors.at(*span, message);
        }
    }

    let mut id_field: Option<&FieldModel> = None;
    for field in fields.iter().filter(|f| matches!(f.role, Role::Id)) {
        match id_field {
            Some(first) => errors.at(
                field.attrs.id.unwrap_or_else(|| field.ident.span()),
                format!("the object id is already field `{}`; a collection has one `#[weaviate(id)]` field", first.ident),
            ),
            None => id_field = Some(field),
        }
    }

    let declared: Vec<&str> = attrs.vectors.iter().map(|v| v.name.as_str()).collect();
    let mut vector_fields: Vec<(Option<&str>, &FieldModel)> = Vec::new();
    for field in fields {
        let Role::Vector(target) = &field.role else {
            continue;
        };
        let span = field
            .attrs
            .vector
            .as_ref()
            .and_then(|v| v.0.as_ref().map(|n| n.1))
            .unwrap_or_else(|| field.ident.span());
        match target {
            Some(name) if !declared.contains(&name.as_str()) => {
                let message = if declared.is_empty() {
                    format!(
                        "no named vector `{name}` is declared: add `#[weaviate(vector(name = \"{name}\"))]` to the struct"
                    )
                } else {
                    format!(
                        "{}; or declare it with `#[weaviate(vector(name = \"{name}\"))]` on the struct",
                        crate::errors::unknown("named vector", name, &declared)
                    )
                };
                errors.at(span, message);
            }
            None if !declared.is_empty() => errors.at(
                span,
                format!(
                    "this collection has named vectors, so say which one the field holds: {}",
                    declared
                        .iter()
                        .map(|n| format!("`vector = \"{n}\"`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            _ => {}
        }
        let target = target.as_deref();
        if let Some((_, first)) = vector_fields.iter().find(|(t, _)| *t == target) {
            errors.at(
                span,
                format!(
                    "vector {} is already held by field `{}`",
                    target.map_or_else(|| "of the collection".to_owned(), |t| format!("`{t}`")),
                    first.ident
                ),
            );
        } else {
            vector_fields.push((target, field));
        }
    }

    for field in fields {
        let Some((name, span)) = field
            .attrs
            .text_analyzer
            .as_ref()
            .and_then(|a| a.0.stopword_preset.as_ref())
        else {
            continue;
        };
        if name != "en" && name != "none" && !attrs.stopword_presets.contains(name) {
            let mut known = vec!["en", "none"];
            known.extend(attrs.stopword_presets.iter().map(String::as_str));
            errors.at(
                *span,
                format!(
                    "{}; declare user-defined presets with `#[weaviate(inverted_index(stopword_presets({name} = [\"...\"])))]`",
                    crate::errors::unknown("stopword preset", name, &known)
                ),
            );
        }
    }

    let sources = attrs
        .vectors
        .iter()
        .map(|v| resolve_sources(v, fields, errors))
        .collect();
    Collection {
        name,
        attrs,
        sources,
    }
}

/// The fields a named vector's `source = [...]` names; each must be a property of the struct.
fn resolve_sources(
    vector: &NamedVector,
    fields: &[FieldModel],
    errors: &mut Errors,
) -> Vec<(usize, Span)> {
    let properties: Vec<String> = fields
        .iter()
        .filter(|f| f.property_name().is_some())
        .map(|f| f.ident.to_string())
        .collect();
    let property_refs: Vec<&str> = properties.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    for source in &vector.sources {
        let (found, span, written) = match source {
            Source::Field(ident) => (
                fields.iter().position(|f| f.ident == *ident),
                ident.span(),
                ident.to_string(),
            ),
            Source::Property(name, span) => (
                fields
                    .iter()
                    .position(|f| f.property_name() == Some(name.as_str())),
                *span,
                name.clone(),
            ),
        };
        match found {
            Some(i) if fields[i].property_name().is_some() => out.push((i, span)),
            Some(_) => errors.at(
                span,
                format!(
                    "`{written}` is not a property (it is the id, a vector or skipped), so it cannot be a source of vector `{}`",
                    vector.name
                ),
            ),
            None => errors.at(
                span,
                format!(
                    "{} (sources of vector `{}` must be properties of this struct)",
                    crate::errors::unknown("source field", &written, &property_refs),
                    vector.name
                ),
            ),
        }
    }
    out
}

/// Each named vector needs a field in `T::vectors()`: a vector name that is a valid Weaviate name
/// but no Rust field name (`self`, `Self`, `super`, `crate`, `_`) is refused.
pub(super) fn check_vector_handles(collection: &Collection, errors: &mut Errors) {
    for vector in &collection.attrs.vectors {
        let name = vector.name.as_str();
        if weaviate_orm_names::vector_name(name).is_ok() && vector.handle_field().is_none() {
            errors.at(
                vector.name_span,
                format!("vector name `{name}` cannot be a Rust field name, which `T::vectors().{name}` needs; choose another name"),
            );
        }
    }
}
