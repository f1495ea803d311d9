//! The inverted index: BM25, stopwords and the optional indexes on timestamps, null state and length.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::data_type::Tokenization;
use super::macros::string_enum;

/// Settings of the collection's inverted index (JSON `invertedIndexConfig`).
///
/// Weaviate leaves `false` booleans out of this object, so a flag the server reports as absent is off.
///
/// ```
/// use weaviate_orm::schema::{Bm25Config, InvertedIndexConfig, StopwordConfig, StopwordPreset};
///
/// let inverted = InvertedIndexConfig::new()
///     .bm25(Bm25Config::new(0.7, 1.1))
///     .stopwords(StopwordConfig::new(StopwordPreset::En).additions(["foo"]))
///     .index_timestamps(true)
///     .index_null_state(true)
///     .index_property_length(true);
/// assert_eq!(inverted.index_timestamps, Some(true));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvertedIndexConfig {
    /// BM25 tuning (server default: `b` 0.75, `k1` 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bm25: Option<Bm25Config>,
    /// Stopwords (server default: preset `en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopwords: Option<StopwordConfig>,
    /// User-defined stopword lists, referenced by a property's `textAnalyzer.stopwordPreset`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopword_presets: Option<BTreeMap<String, Vec<String>>>,
    /// Index the creation / update timestamps of objects (server default: `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_timestamps: Option<bool>,
    /// Index whether properties are null (server default: `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_null_state: Option<bool>,
    /// Index the length of properties (server default: `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_property_length: Option<bool>,
    /// Interval of the asynchronous index clean-up in seconds (server default: 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cleanup_interval_seconds: Option<i64>,
    /// Use BlockMax WAND for keyword search (always `true` for collections created by v1.30+ servers,
    /// unless the server runs with `USE_INVERTED_SEARCHABLE=false`).
    #[serde(
        default,
        rename = "usingBlockMaxWAND",
        skip_serializing_if = "Option::is_none"
    )]
    pub using_block_max_wand: Option<bool>,
    /// User dictionaries of the Kagome tokenizers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokenizer_user_dict: Option<Vec<TokenizerUserDict>>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl InvertedIndexConfig {
    /// An empty config (everything left to the server's defaults).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets BM25 parameters.
    pub fn bm25(mut self, bm25: Bm25Config) -> Self {
        self.bm25 = Some(bm25);
        self
    }

    /// Sets the stopwords.
    pub fn stopwords(mut self, stopwords: StopwordConfig) -> Self {
        self.stopwords = Some(stopwords);
        self
    }

    /// Adds a user-defined stopword list.
    pub fn stopword_preset<I, S>(mut self, name: impl Into<String>, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.stopword_presets
            .get_or_insert_with(Default::default)
            .insert(name.into(), words.into_iter().map(Into::into).collect());
        self
    }

    /// Sets whether object timestamps are indexed.
    pub fn index_timestamps(mut self, on: bool) -> Self {
        self.index_timestamps = Some(on);
        self
    }

    /// Sets whether the null state is indexed.
    pub fn index_null_state(mut self, on: bool) -> Self {
        self.index_null_state = Some(on);
        self
    }

    /// Sets whether property lengths are indexed.
    pub fn index_property_length(mut self, on: bool) -> Self {
        self.index_property_length = Some(on);
        self
    }

    /// Sets the clean-up interval.
    pub fn cleanup_interval_seconds(mut self, seconds: i64) -> Self {
        self.cleanup_interval_seconds = Some(seconds);
        self
    }

    /// Sets the user dictionary of one Kagome tokenizer.
    pub fn tokenizer_user_dict(mut self, dict: TokenizerUserDict) -> Self {
        self.tokenizer_user_dict
            .get_or_insert_with(Vec::new)
            .push(dict);
        self
    }
}

/// BM25 parameters (JSON `bm25`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Bm25Config {
    /// Document-length normalization (0..=1, server default 0.75).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub b: Option<f64>,
    /// Term-frequency saturation (server default 1.2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k1: Option<f64>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Bm25Config {
    /// BM25 with both parameters.
    ///
    /// ```
    /// use weaviate_orm::schema::Bm25Config;
    /// assert_eq!(serde_json::to_value(Bm25Config::new(0.75, 1.2)).unwrap(), serde_json::json!({"b": 0.75, "k1": 1.2}));
    /// ```
    pub fn new(b: f64, k1: f64) -> Self {
        Bm25Config {
            b: Some(b),
            k1: Some(k1),
            extra: Map::new(),
        }
    }
}

string_enum! {
    /// A stopword preset: built-in (`en`, `none`) or, for properties, a user-defined one.
    pub enum StopwordPreset {
        /// English stopwords.
        En => "en",
        /// No stopwords.
        None => "none",
    }
}

/// Stopwords of the collection (JSON `stopwords`).
///
/// Weaviate always reports `additions` and `removals`, as `null` when empty, so `None` is written as
/// `null` here too (the server accepts it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StopwordConfig {
    /// The base list (server default: `en`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<StopwordPreset>,
    /// Words added to the preset.
    #[serde(default)]
    pub additions: Option<Vec<String>>,
    /// Words removed from the preset.
    #[serde(default)]
    pub removals: Option<Vec<String>>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl StopwordConfig {
    /// Stopwords from a preset.
    pub fn new(preset: StopwordPreset) -> Self {
        StopwordConfig {
            preset: Some(preset),
            ..Default::default()
        }
    }

    /// Sets the added words.
    pub fn additions<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.additions = Some(words.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the removed words.
    pub fn removals<I, S>(mut self, words: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.removals = Some(words.into_iter().map(Into::into).collect());
        self
    }
}

/// A user dictionary of a Kagome tokenizer (an item of `tokenizerUserDict`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenizerUserDict {
    /// The tokenizer (`kagome_ja` or `kagome_kr`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokenizer: Option<Tokenization>,
    /// The replacements applied before tokenization.
    #[serde(default)]
    pub replacements: Vec<TokenizerUserDictReplacement>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TokenizerUserDict {
    /// A dictionary for one tokenizer.
    pub fn new(tokenizer: Tokenization) -> Self {
        TokenizerUserDict {
            tokenizer: Some(tokenizer),
            replacements: Vec::new(),
            extra: Map::new(),
        }
    }

    /// Adds a replacement.
    pub fn replace(mut self, source: impl Into<String>, target: impl Into<String>) -> Self {
        self.replacements.push(TokenizerUserDictReplacement {
            source: source.into(),
            target: target.into(),
            extra: Map::new(),
        });
        self
    }
}

/// One replacement of a [`TokenizerUserDict`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TokenizerUserDictReplacement {
    /// The string to replace.
    pub source: String,
    /// The string to replace it with.
    pub target: String,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
