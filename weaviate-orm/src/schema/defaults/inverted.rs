//! The inverted index: its defaults and the server's validation of it.

use super::ServerDefaults;
use crate::schema::collection::CollectionConfig;
use crate::schema::inverted_index::{Bm25Config, StopwordConfig, StopwordPreset};

/// Mirrors `usecases/schema/class.go` `setInvertedConfigDefaults`: a cleanup interval of 0 becomes
/// 60 s, BM25 defaults to `b = 0.75, k1 = 1.2`, stopwords to the `en` preset, and
/// `USE_INVERTED_SEARCHABLE` turns on BlockMax WAND.
pub(super) fn set_defaults(c: &mut CollectionConfig, sd: &ServerDefaults) {
    let inv = c.inverted_index_config.get_or_insert_with(Default::default);
    if sd.using_block_max_wand {
        inv.using_block_max_wand = Some(true);
    }
    if inv.cleanup_interval_seconds.unwrap_or(0) == 0 {
        inv.cleanup_interval_seconds = Some(60);
    }
    inv.bm25.get_or_insert_with(|| Bm25Config::new(0.75, 1.2));
    inv.stopwords
        .get_or_insert_with(|| StopwordConfig::new(StopwordPreset::En));
}

/// Mirrors `adapters/repos/db/inverted/config.go` `ValidateConfig`: the stopword preset defaults to
/// `en` and additions already in the preset are dropped (`removeStopwordAdditionsIfInPreset`).
/// `false` flags and zero BM25 parameters are not reported back (Go's `omitempty`).
pub(super) fn validate(c: &mut CollectionConfig) {
    let inv = c.inverted_index_config.get_or_insert_with(Default::default);
    if let Some(sw) = &mut inv.stopwords {
        let preset = sw.preset.get_or_insert(StopwordPreset::En);
        let preset_words = match preset {
            StopwordPreset::En => ENGLISH_STOPWORDS,
            _ => &[],
        };
        if let Some(additions) = &mut sw.additions {
            if additions.iter().any(|a| preset_words.contains(&a.as_str())) {
                additions.retain(|a| !preset_words.contains(&a.as_str()));
                if additions.is_empty() {
                    sw.additions = None;
                }
            }
        }
    }
    for flag in [
        &mut inv.index_timestamps,
        &mut inv.index_null_state,
        &mut inv.index_property_length,
        &mut inv.using_block_max_wand,
    ] {
        if *flag == Some(false) {
            *flag = None;
        }
    }
    if let Some(bm25) = &mut inv.bm25 {
        for v in [&mut bm25.b, &mut bm25.k1] {
            if *v == Some(0.0) {
                *v = None;
            }
        }
    }
}

/// The server's `en` stopword preset (`adapters/repos/db/inverted/stopwords` `EnglishStopwords`).
const ENGLISH_STOPWORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::InvertedIndexConfig;

    fn filled(given: Option<InvertedIndexConfig>, sd: &ServerDefaults) -> InvertedIndexConfig {
        let mut c = CollectionConfig::new("A");
        c.inverted_index_config = given;
        set_defaults(&mut c, sd);
        c.inverted_index_config.unwrap()
    }

    #[test]
    fn defaults_are_the_servers() {
        let no_wand = ServerDefaults {
            using_block_max_wand: false,
            ..ServerDefaults::default()
        };
        // (given, server, cleanup interval, BlockMax WAND, bm25 (b, k1))
        let cases = [
            (None, ServerDefaults::default(), 60, Some(true), (0.75, 1.2)),
            (None, no_wand, 60, None, (0.75, 1.2)),
            (
                Some(InvertedIndexConfig::new().cleanup_interval_seconds(0)),
                ServerDefaults::default(),
                60,
                Some(true),
                (0.75, 1.2),
            ),
            (
                Some(
                    InvertedIndexConfig::new()
                        .cleanup_interval_seconds(5)
                        .bm25(Bm25Config::new(0.5, 2.0)),
                ),
                ServerDefaults::default(),
                5,
                Some(true),
                (0.5, 2.0),
            ),
        ];
        for (given, sd, cleanup, wand, (b, k1)) in cases {
            let inv = filled(given, &sd);
            assert_eq!(inv.cleanup_interval_seconds, Some(cleanup));
            assert_eq!(inv.using_block_max_wand, wand);
            let bm25 = inv.bm25.unwrap();
            assert_eq!((bm25.b, bm25.k1), (Some(b), Some(k1)));
            assert!(inv.stopwords.is_some());
        }
    }

    #[test]
    fn validation_drops_additions_in_the_preset_and_false_flags() {
        // (stopwords, expected preset, expected additions)
        let cases = [
            (
                StopwordConfig::new(StopwordPreset::En),
                StopwordPreset::En,
                None,
            ),
            (
                StopwordConfig::new(StopwordPreset::En).additions(["the", "foo"]),
                StopwordPreset::En,
                Some(vec!["foo".to_owned()]),
            ),
            (
                StopwordConfig::new(StopwordPreset::En).additions(["the", "a"]),
                StopwordPreset::En,
                None,
            ),
            (
                StopwordConfig::new(StopwordPreset::None).additions(["the"]),
                StopwordPreset::None,
                Some(vec!["the".to_owned()]),
            ),
            (
                StopwordConfig::default().additions(["the"]),
                StopwordPreset::En,
                None,
            ),
        ];
        for (stopwords, preset, additions) in cases {
            let mut c = CollectionConfig::new("A").inverted_index_config(
                InvertedIndexConfig::new()
                    .stopwords(stopwords)
                    .index_null_state(false)
                    .index_property_length(true)
                    .bm25(Bm25Config::new(0.0, 1.2)),
            );
            validate(&mut c);
            let inv = c.inverted_index_config.unwrap();
            let sw = inv.stopwords.unwrap();
            assert_eq!(sw.preset, Some(preset));
            assert_eq!(sw.additions, additions);
            assert_eq!(inv.index_null_state, None);
            assert_eq!(inv.index_property_length, Some(true));
            let bm25 = inv.bm25.unwrap();
            assert_eq!((bm25.b, bm25.k1), (None, Some(1.2)));
        }
    }
}
