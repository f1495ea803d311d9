//! Rules across a struct's properties: unique names and former names (`renamed_from`).

use crate::errors::Errors;
use crate::model::FieldModel;
use crate::validate::names;

/// Two properties may not share a name; Weaviate compares names case-insensitively.
pub(super) fn check_unique_properties(fields: &[FieldModel], errors: &mut Errors) {
    let mut seen: Vec<(String, &FieldModel)> = Vec::new();
    for field in fields {
        let Some(name) = field.property_name() else {
            continue;
        };
        let lower = name.to_lowercase();
        match seen.iter().find(|(n, _)| *n == lower) {
            Some((_, first)) => {
                let span = field
                    .attrs
                    .rename
                    .as_ref()
                    .map_or_else(|| field.ident.span(), |r| r.1);
                errors.at(
                    span,
                    format!(
                        "property name `{name}` is already used by field `{}`{}; give one of them another name with `#[weaviate(rename = \"...\")]`",
                        first.ident,
                        if first.property_name() == Some(name) { "" } else { " (Weaviate compares property names case-insensitively)" }
                    ),
                );
            }
            None => seen.push((lower, field)),
        }
    }
}

/// A property's `renamed_from`: a name a property can have on the server, not the property's own
/// name, not another property's current name and not another property's former name (Weaviate
/// compares property names case-insensitively).
pub(super) fn check_renamed_properties(fields: &[FieldModel], errors: &mut Errors) {
    let mut former: Vec<(String, &FieldModel)> = Vec::new();
    for field in fields {
        let (Some(name), Some((from, span))) = (field.property_name(), &field.attrs.renamed_from)
        else {
            continue;
        };
        if let Err(message) = names::check_former_property_name(from) {
            errors.at(*span, message);
            continue;
        }
        let lower = from.to_lowercase();
        if from == name {
            errors.at(
                *span,
                format!(
                    "`{from}` is this property's current name; `renamed_from` takes the name the property had before (remove it if the property was not renamed)"
                ),
            );
            continue;
        }
        if lower == name.to_lowercase() {
            errors.at(
                *span,
                format!(
                    "`{from}` and `{name}` are the same property to Weaviate (it compares property names case-insensitively), so a change of case is no rename; to keep the server's spelling, use `#[weaviate(rename = \"{from}\")]` instead"
                ),
            );
            continue;
        }
        let in_use = fields.iter().find(|other| {
            !std::ptr::eq(*other, field)
                && other
                    .property_name()
                    .is_some_and(|n| n.to_lowercase() == lower)
        });
        if let Some(other) = in_use {
            let case = if other.property_name() == Some(from.as_str()) {
                ""
            } else {
                "; Weaviate compares property names case-insensitively"
            };
            errors.at(
                *span,
                format!(
                    "`{from}` is still the name of a property (field `{}`{case}), so it cannot be this property's former name; to rename a property and give its old name to another one, migrate twice: first the rename, then the other property",
                    other.ident
                ),
            );
            continue;
        }
        match former.iter().find(|(n, _)| *n == lower) {
            Some((_, first)) => errors.at(
                *span,
                format!(
                    "`{from}` is already the former name of field `{}`{}; the old property's values can move to one property only, so keep `renamed_from` on the field that takes them over",
                    first.ident,
                    if first.attrs.renamed_from.as_ref().map(|r| r.0.as_str()) == Some(from.as_str()) {
                        ""
                    } else {
                        " (Weaviate compares property names case-insensitively)"
                    }
                ),
            ),
            None => former.push((lower, field)),
        }
    }
}
