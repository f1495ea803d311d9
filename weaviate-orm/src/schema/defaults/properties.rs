//! Property-level steps: defaults, the migration of deprecated settings, empty text analyzers.

use super::ServerDefaults;
use crate::schema::data_type::{DataType, Tokenization};
use crate::schema::property::{NestedProperty, Property};

/// Mirrors `usecases/schema/class.go` `validatePropertyProcessing` and
/// `usecases/schema/validation.go` `validateNestedPropertyProcessing`: an empty text analyzer
/// (no ASCII folding, no ignore list, no stopword preset) is normalised to none.
pub(super) fn drop_empty_text_analyzers(p: &mut Property) {
    if p.text_analyzer.as_ref().is_some_and(|a| a.is_empty()) {
        p.text_analyzer = None;
    }
    drop_empty_nested_analyzers(&mut p.nested_properties);
}

/// The deprecated `string` / `string[]` data types.
fn is_deprecated_string(dt: &DataType) -> bool {
    matches!(dt, DataType::Other(v) if v.len() == 1 && (v[0] == "string" || v[0] == "string[]"))
}

/// Mirrors `usecases/schema/class.go` `setPropertyDefaults`: `setPropertyDefaultTokenization`
/// (text gets `DEFAULT_TOKENIZATION`, else `word`) and `setPropertyDefaultIndexing` (filterable,
/// searchable for text, no range filters; untouched when only the legacy `indexInverted` is set),
/// then `setNestedPropertiesDefaults`.
pub(super) fn set_defaults(p: &mut Property, sd: &ServerDefaults) {
    if p.data_type.is_text() {
        p.tokenization.get_or_insert_with(|| {
            sd.default_tokenization
                .clone()
                .unwrap_or(Tokenization::Word)
        });
    } else if is_deprecated_string(&p.data_type) {
        p.tokenization.get_or_insert(Tokenization::Word);
    }

    let only_inverted = p.index_inverted.is_some()
        && p.index_filterable.is_none()
        && p.index_searchable.is_none()
        && p.index_range_filters.is_none();
    if !only_inverted {
        p.index_filterable.get_or_insert(true);
        let text_like = p.data_type.is_text() || is_deprecated_string(&p.data_type);
        p.index_searchable.get_or_insert(text_like);
        p.index_range_filters.get_or_insert(false);
    }
    nested_defaults(&mut p.nested_properties);
}

/// Mirrors `usecases/schema/class.go` `setNestedPropertiesDefaults`
/// (`setNestedPropertyDefaultTokenization`, `setNestedPropertyDefaultIndexing`): text is `word`,
/// everything but blobs filterable, text searchable, no range filters, recursively.
fn nested_defaults(props: &mut [NestedProperty]) {
    for np in props {
        let primitive = np.data_type.primitive_name().is_some() && !np.data_type.is_nested();
        if primitive && np.data_type.is_text() {
            np.tokenization.get_or_insert(Tokenization::Word);
        }
        let blob = matches!(np.data_type, DataType::Blob | DataType::BlobHash);
        np.index_filterable.get_or_insert(!blob);
        np.index_searchable.get_or_insert(np.data_type.is_text());
        np.index_range_filters.get_or_insert(false);
        if np.data_type.is_nested() {
            nested_defaults(&mut np.nested_properties);
        }
    }
}

fn drop_empty_nested_analyzers(props: &mut [NestedProperty]) {
    for np in props {
        if np.text_analyzer.as_ref().is_some_and(|a| a.is_empty()) {
            np.text_analyzer = None;
        }
        drop_empty_nested_analyzers(&mut np.nested_properties);
    }
}

/// Mirrors `usecases/schema/class.go` `migratePropertySettings`:
/// `migratePropertyDataTypeAndTokenization` (`string` -> `text`, `word` -> `whitespace`) and
/// `migratePropertyIndexInverted` (`indexInverted` -> `indexFilterable` / `indexSearchable`).
pub(super) fn migrate(p: &mut Property) {
    if let DataType::Other(v) = &p.data_type {
        if v.len() == 1 && (v[0] == "string" || v[0] == "string[]") {
            p.data_type = if v[0] == "string" {
                DataType::Text
            } else {
                DataType::TextArray
            };
            if p.tokenization == Some(Tokenization::Word) {
                p.tokenization = Some(Tokenization::Whitespace);
            }
        }
    }
    if let Some(inverted) = p.index_inverted {
        if p.index_filterable.is_none()
            && p.index_searchable.is_none()
            && p.index_range_filters.is_none()
        {
            p.index_filterable = Some(inverted);
            p.index_searchable = Some(p.data_type.is_text() && inverted);
            p.index_range_filters = Some(false);
        }
    }
    p.index_inverted = None;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::TextAnalyzerConfig;

    fn string() -> DataType {
        DataType::Other(vec!["string".to_owned()])
    }

    #[test]
    fn property_defaults_by_data_type() {
        let whitespace = ServerDefaults {
            default_tokenization: Some(Tokenization::Whitespace),
            ..ServerDefaults::default()
        };
        // (property, server, tokenization, filterable, searchable, range filters)
        let cases = [
            (
                Property::new("t", DataType::Text),
                ServerDefaults::default(),
                Some(Tokenization::Word),
                Some(true),
                Some(true),
                Some(false),
            ),
            (
                Property::new("t", DataType::TextArray),
                whitespace.clone(),
                Some(Tokenization::Whitespace),
                Some(true),
                Some(true),
                Some(false),
            ),
            (
                Property::new("s", string()),
                whitespace,
                Some(Tokenization::Word),
                Some(true),
                Some(true),
                Some(false),
            ),
            (
                Property::new("n", DataType::Int),
                ServerDefaults::default(),
                None,
                Some(true),
                Some(false),
                Some(false),
            ),
            (
                Property::new("b", DataType::Blob),
                ServerDefaults::default(),
                None,
                Some(true),
                Some(false),
                Some(false),
            ),
            (
                Property {
                    index_inverted: Some(false),
                    ..Property::new("i", DataType::Int)
                },
                ServerDefaults::default(),
                None,
                None,
                None,
                None,
            ),
        ];
        for (mut p, sd, tokenization, filterable, searchable, range) in cases {
            set_defaults(&mut p, &sd);
            assert_eq!(p.tokenization, tokenization, "{}", p.name);
            assert_eq!(
                (
                    p.index_filterable,
                    p.index_searchable,
                    p.index_range_filters
                ),
                (filterable, searchable, range),
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn nested_defaults_recurse_and_skip_blobs() {
        let mut p = Property::new("o", DataType::Object)
            .nested_property(NestedProperty::new("t", DataType::Text))
            .nested_property(NestedProperty::new("b", DataType::Blob))
            .nested_property(
                NestedProperty::new("inner", DataType::Object)
                    .nested_property(NestedProperty::new("n", DataType::Number)),
            );
        set_defaults(&mut p, &ServerDefaults::default());
        let n = &p.nested_properties;
        // (nested property, tokenization, filterable, searchable)
        for (np, tokenization, filterable, searchable) in [
            (&n[0], Some(Tokenization::Word), true, true),
            (&n[1], None, false, false),
            (&n[2], None, true, false),
            (&n[2].nested_properties[0], None, true, false),
        ] {
            assert_eq!(np.tokenization, tokenization, "{}", np.name);
            assert_eq!(np.index_filterable, Some(filterable), "{}", np.name);
            assert_eq!(np.index_searchable, Some(searchable), "{}", np.name);
            assert_eq!(np.index_range_filters, Some(false), "{}", np.name);
        }
    }

    #[test]
    fn deprecated_settings_are_migrated() {
        // (property, data type, tokenization, filterable, searchable)
        let cases = [
            (
                Property {
                    tokenization: Some(Tokenization::Word),
                    ..Property::new("s", string())
                },
                DataType::Text,
                Some(Tokenization::Whitespace),
                None,
                None,
            ),
            (
                Property::new("s", DataType::Other(vec!["string[]".to_owned()])),
                DataType::TextArray,
                None,
                None,
                None,
            ),
            (
                Property {
                    index_inverted: Some(true),
                    ..Property::new("t", DataType::Text)
                },
                DataType::Text,
                None,
                Some(true),
                Some(true),
            ),
            (
                Property {
                    index_inverted: Some(false),
                    ..Property::new("t", DataType::Text)
                },
                DataType::Text,
                None,
                Some(false),
                Some(false),
            ),
            (
                Property {
                    index_inverted: Some(true),
                    ..Property::new("n", DataType::Int)
                },
                DataType::Int,
                None,
                Some(true),
                Some(false),
            ),
        ];
        for (mut p, data_type, tokenization, filterable, searchable) in cases {
            migrate(&mut p);
            assert_eq!(p.data_type, data_type);
            assert_eq!(p.tokenization, tokenization);
            assert_eq!(
                (p.index_filterable, p.index_searchable),
                (filterable, searchable)
            );
            assert_eq!(p.index_inverted, None);
        }
    }

    #[test]
    fn empty_text_analyzers_are_dropped_at_every_level() {
        let folded = TextAnalyzerConfig::new().ascii_fold(true);
        let nested = NestedProperty {
            text_analyzer: Some(TextAnalyzerConfig::new()),
            ..NestedProperty::new("t", DataType::Text)
        };
        for (analyzer, kept) in [(TextAnalyzerConfig::new(), false), (folded, true)] {
            let mut p = Property {
                text_analyzer: Some(analyzer),
                ..Property::new("o", DataType::Object).nested_property(nested.clone())
            };
            drop_empty_text_analyzers(&mut p);
            assert_eq!(p.text_analyzer.is_some(), kept);
            assert!(p.nested_properties[0].text_analyzer.is_none());
        }
    }
}
