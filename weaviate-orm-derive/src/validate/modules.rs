//! Per-property module settings need a vectorizer on the collection.

use crate::errors::Errors;
use crate::model::Model;

/// `skip_vectorization` and `vectorize_property_name` configure the collection's vectorizers, so
/// the collection needs one.
pub(super) fn check_module_settings(model: &Model, errors: &mut Errors) {
    if model.collection.is_none() || !model.vectorizer_modules().is_empty() {
        return;
    }
    for field in &model.fields {
        for (name, span) in [
            (
                "skip_vectorization",
                field.attrs.skip_vectorization.map(|s| s.1),
            ),
            (
                "vectorize_property_name",
                field.attrs.vectorize_property_name.map(|s| s.1),
            ),
        ] {
            if let Some(span) = span {
                errors.at(
                    span,
                    format!(
                        "`{name}` configures the collection's vectorizer, and this collection has none (set `vectorizer = ...` or a `vector(..., vectorizer = ...)`)"
                    ),
                );
            }
        }
    }
}
