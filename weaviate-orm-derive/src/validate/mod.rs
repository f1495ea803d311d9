//! Validation: the parsed parts become the [`Model`]. Each field gets its role (roles.rs); the rules
//! that span settings or fields are checked here (names.rs words Weaviate's naming rules, shared
//! with the runtime through `weaviate_orm_names`). Errors are collected, never thrown.

mod collection;
mod modules;
pub(crate) mod names;
mod properties;
mod roles;
mod text_analyzer;

use crate::errors::Errors;
use crate::model::{Derive, FieldModel, Model};
use crate::parse::Parsed;

/// The model of a parsed struct, with every rule's error pushed into `errors`.
pub(crate) fn model(parsed: Parsed, derive: Derive, errors: &mut Errors) -> Model {
    if let Some(attrs) = &parsed.collection {
        collection::check_settings(attrs, errors);
    }
    let mut fields = Vec::new();
    for field in parsed.fields {
        text_analyzer::check_text_analyzer(&field.attrs, errors);
        let role = roles::field_role(
            &field.ident,
            &field.ty,
            &field.attrs,
            derive,
            parsed.rename_all,
            errors,
        );
        fields.push(FieldModel {
            ident: field.ident,
            ty: field.ty,
            attrs: field.attrs,
            role,
        });
    }
    properties::check_unique_properties(&fields, errors);
    if derive == Derive::Collection {
        properties::check_renamed_properties(&fields, errors);
    }
    let collection = parsed
        .collection
        .map(|attrs| collection::collection(&parsed.ident, attrs, &fields, errors));
    let model = Model {
        ident: parsed.ident,
        vis: parsed.vis,
        fields,
        collection,
    };
    modules::check_module_settings(&model, errors);
    if let Some(collection) = &model.collection {
        collection::check_vector_handles(collection, errors);
    }
    model
}
