//! Properties of a collection and of nested objects.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::collection::ModuleConfig;
use super::data_type::{DataType, Tokenization};
use super::inverted_index::StopwordPreset;
use super::macros::{set_module_setting, setters};

/// A property of a collection: an object of the class's `properties` array.
///
/// ```
/// use weaviate_orm::schema::{DataType, NestedProperty, Property, Tokenization};
///
/// let title = Property::new("title", DataType::Text)
///     .description("The headline")
///     .tokenization(Tokenization::Lowercase)
///     .index_filterable(true)
///     .skip_vectorization("text2vec-openai", false)
///     .vectorize_property_name("text2vec-openai", true);
/// let address = Property::new("address", DataType::Object)
///     .nested_property(NestedProperty::new("street", DataType::Text))
///     .nested_property(NestedProperty::new("zip", DataType::Int));
/// assert_eq!(address.nested_properties.len(), 2);
/// assert_eq!(title.tokenization, Some(Tokenization::Lowercase));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    /// The property name (camelCase; the server lowercases its first letter).
    #[serde(default)]
    pub name: String,
    /// The data type (JSON `dataType`).
    pub data_type: DataType,
    /// A description for humans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How `text` / `text[]` values are tokenized (server default: `word`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokenization: Option<Tokenization>,
    /// Whether the property gets a filterable (roaring bitmap) index (server default: `true`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_filterable: Option<bool>,
    /// Whether a `text` / `text[]` property gets a searchable (BM25) index (server default: `true` for
    /// text, `false` otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_searchable: Option<bool>,
    /// Whether an `int` / `number` / `date` property gets a range index (server default: `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_range_filters: Option<bool>,
    /// Deprecated since Weaviate 1.19 (use `index_filterable` / `index_searchable`); the server migrates
    /// it to those flags and never reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_inverted: Option<bool>,
    /// For references: whether the same target may be referenced more than once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disable_duplicated_references: Option<bool>,
    /// Per-module settings, keyed by module name (e.g. `{"text2vec-openai": {"skip": true}}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub module_config: Option<ModuleConfig>,
    /// The properties of an `object` / `object[]` property.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nested_properties: Vec<NestedProperty>,
    /// Text analysis options (ASCII folding, per-property stopwords).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_analyzer: Option<TextAnalyzerConfig>,
    /// JSON fields this crate does not model (kept for round-trips, e.g. the server-internal
    /// `bucketGeneration` and `searchableBlockmax`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Property {
    /// A property with a name and a data type; everything else is left to the server's defaults.
    ///
    /// ```
    /// use weaviate_orm::schema::{DataType, Property};
    /// let p = Property::new("tags", DataType::TextArray);
    /// assert_eq!(serde_json::to_value(&p).unwrap(), serde_json::json!({"name": "tags", "dataType": ["text[]"]}));
    /// ```
    pub fn new(name: impl Into<String>, data_type: DataType) -> Self {
        Property {
            name: name.into(),
            data_type,
            description: None,
            tokenization: None,
            index_filterable: None,
            index_searchable: None,
            index_range_filters: None,
            index_inverted: None,
            disable_duplicated_references: None,
            module_config: None,
            nested_properties: Vec::new(),
            text_analyzer: None,
            extra: Map::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    setters! {
        /// Sets the tokenization (text and text[] only).
        tokenization: Tokenization,
        /// Sets whether the property is filterable.
        index_filterable: bool,
        /// Sets whether the property is searchable with BM25 (text and text[] only).
        index_searchable: bool,
        /// Sets whether the property gets a range index (int, number and date only).
        index_range_filters: bool,
        /// Sets the text analyzer options.
        text_analyzer: TextAnalyzerConfig,
    }

    /// Sets whether a reference property rejects duplicate targets.
    pub fn disable_duplicated_references(mut self, on: bool) -> Self {
        self.disable_duplicated_references = Some(on);
        self
    }

    /// Adds one nested property (for `object` / `object[]`).
    pub fn nested_property(mut self, property: NestedProperty) -> Self {
        self.nested_properties.push(property);
        self
    }

    /// Sets all nested properties (for `object` / `object[]`).
    pub fn nested_properties(
        mut self,
        properties: impl IntoIterator<Item = NestedProperty>,
    ) -> Self {
        self.nested_properties = properties.into_iter().collect();
        self
    }

    /// Sets the whole settings object of one module (replacing what was there).
    pub fn module_config(mut self, module: impl Into<String>, settings: Value) -> Self {
        self.module_config
            .get_or_insert_with(Default::default)
            .insert(module.into(), settings);
        self
    }

    /// Sets one setting of one module (`moduleConfig.<module>.<key>`).
    pub fn module_setting(
        mut self,
        module: impl Into<String>,
        key: &str,
        value: impl Into<Value>,
    ) -> Self {
        set_module_setting(&mut self.module_config, module.into(), key, value.into());
        self
    }

    /// Whether the vectorizer `module` leaves this property out of the vector (`moduleConfig.<module>.skip`).
    pub fn skip_vectorization(self, module: impl Into<String>, skip: bool) -> Self {
        self.module_setting(module, "skip", skip)
    }

    /// Whether the vectorizer `module` includes the property name in the vectorized text
    /// (`moduleConfig.<module>.vectorizePropertyName`).
    pub fn vectorize_property_name(self, module: impl Into<String>, on: bool) -> Self {
        self.module_setting(module, "vectorizePropertyName", on)
    }
}

/// A property of a nested object (`object` / `object[]`): an object of `nestedProperties`.
///
/// ```
/// use weaviate_orm::schema::{DataType, NestedProperty};
/// let np = NestedProperty::new("city", DataType::Text).index_searchable(false);
/// assert_eq!(np.index_searchable, Some(false));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NestedProperty {
    /// The property name.
    #[serde(default)]
    pub name: String,
    /// The data type (JSON `dataType`); references are not allowed in nested objects.
    pub data_type: DataType,
    /// A description for humans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Tokenization of text values (server default: `word`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokenization: Option<Tokenization>,
    /// Filterable index (server default: `true`, `false` for blobs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_filterable: Option<bool>,
    /// Searchable index (server default: `true` for text, `false` otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_searchable: Option<bool>,
    /// Range index (server default: `false`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_range_filters: Option<bool>,
    /// The properties of a nested `object` / `object[]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nested_properties: Vec<NestedProperty>,
    /// Text analysis options.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_analyzer: Option<TextAnalyzerConfig>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl NestedProperty {
    /// A nested property with a name and a data type.
    pub fn new(name: impl Into<String>, data_type: DataType) -> Self {
        NestedProperty {
            name: name.into(),
            data_type,
            description: None,
            tokenization: None,
            index_filterable: None,
            index_searchable: None,
            index_range_filters: None,
            nested_properties: Vec::new(),
            text_analyzer: None,
            extra: Map::new(),
        }
    }

    /// Sets the description.
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    setters! {
        /// Sets the tokenization.
        tokenization: Tokenization,
        /// Sets whether the property is filterable.
        index_filterable: bool,
        /// Sets whether the property is searchable.
        index_searchable: bool,
        /// Sets whether the property gets a range index.
        index_range_filters: bool,
        /// Sets the text analyzer options.
        text_analyzer: TextAnalyzerConfig,
    }

    /// Adds one nested property.
    pub fn nested_property(mut self, property: NestedProperty) -> Self {
        self.nested_properties.push(property);
        self
    }

    /// Sets all nested properties.
    pub fn nested_properties(
        mut self,
        properties: impl IntoIterator<Item = NestedProperty>,
    ) -> Self {
        self.nested_properties = properties.into_iter().collect();
        self
    }
}

/// Text analysis options of a `text` / `text[]` property (immutable once the property exists).
///
/// ```
/// use weaviate_orm::schema::{StopwordPreset, TextAnalyzerConfig};
/// let a = TextAnalyzerConfig::new().ascii_fold(true).ascii_fold_ignore(["é"]).stopword_preset(StopwordPreset::En);
/// assert_eq!(a.ascii_fold, Some(true));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TextAnalyzerConfig {
    /// Fold accents to their base characters (`école` matches `ecole`).
    #[serde(default, rename = "asciiFold", skip_serializing_if = "Option::is_none")]
    pub ascii_fold: Option<bool>,
    /// Characters excluded from folding.
    #[serde(
        default,
        rename = "asciiFoldIgnore",
        skip_serializing_if = "Option::is_none"
    )]
    pub ascii_fold_ignore: Option<Vec<String>>,
    /// A stopword preset for this property (built-in `en` / `none` or one of the collection's
    /// `invertedIndexConfig.stopwordPresets`); `word` tokenization only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stopword_preset: Option<StopwordPreset>,
    /// JSON fields this crate does not model.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl TextAnalyzerConfig {
    /// Empty options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets ASCII folding.
    pub fn ascii_fold(mut self, on: bool) -> Self {
        self.ascii_fold = Some(on);
        self
    }

    /// Sets the characters excluded from folding.
    pub fn ascii_fold_ignore<I, S>(mut self, chars: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.ascii_fold_ignore = Some(chars.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the stopword preset.
    pub fn stopword_preset(mut self, preset: StopwordPreset) -> Self {
        self.stopword_preset = Some(preset);
        self
    }

    /// Whether nothing is set (the server treats an empty analyzer as absent).
    pub fn is_empty(&self) -> bool {
        !self.ascii_fold.unwrap_or(false)
            && self.ascii_fold_ignore.as_ref().is_none_or(Vec::is_empty)
            && self
                .stopword_preset
                .as_ref()
                .is_none_or(|p| p.as_str().is_empty())
            && self.extra.is_empty()
    }
}
