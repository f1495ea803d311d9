//! A field's `text_analyzer(...)` against its other settings.

use crate::errors::Errors;
use crate::model::FieldAttrs;
use crate::parse::TOKENIZATIONS;

/// Weaviate's rules for `textAnalyzer` (v1.39.0, `validatePropertyProcessing`).
pub(super) fn check_text_analyzer(attrs: &FieldAttrs, errors: &mut Errors) {
    let Some((analyzer, span)) = &attrs.text_analyzer else {
        return;
    };
    if let Some((tokenization, tokenization_span)) = &attrs.tokenization {
        let name = TOKENIZATIONS
            .iter()
            .find(|(_, variant)| tokenization == variant)
            .map_or("", |(name, _)| *name);
        if !["word", "lowercase", "whitespace", "field", "trigram"].contains(&name) {
            errors.at(
                *tokenization_span,
                format!("`text_analyzer` does not work with tokenization `{name}` (only with `word`, `lowercase`, `whitespace`, `field` and `trigram`)"),
            );
        } else if let Some((_, preset_span)) =
            analyzer.stopword_preset.as_ref().filter(|_| name != "word")
        {
            errors.at(
                *preset_span,
                format!(
                    "a `stopword_preset` needs tokenization `word`, and this field has `{name}`"
                ),
            );
        }
    }
    if attrs.index_searchable.is_some_and(|s| !s.0) && attrs.index_filterable == Some(false) {
        errors.at(
            *span,
            "`text_analyzer` needs an inverted index: this field has neither a searchable nor a filterable one",
        );
    }
}
