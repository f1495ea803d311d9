//! How the server splits text into tokens: for a tokenization method
//! ([`Client::tokenize`]) or with a property's own settings ([`Config::tokenize`]).
//!
//! Useful to see why a BM25 search or a filter matches (or not): the reply holds the tokens as
//! the inverted index stores them and as a query uses them (after stopword removal).
//!
//! ```no_run
//! # use weaviate_orm::prelude::*;
//! # #[derive(WeaviateCollection)]
//! # struct Article { title: String }
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use weaviate_orm::schema::Tokenization;
//!
//! let tokens = client.tokenize("The Quick brown-fox", Tokenization::Word).await?;
//! assert_eq!(tokens.indexed, ["the", "quick", "brown", "fox"]);
//! assert_eq!(tokens.query, ["quick", "brown", "fox"]); // "the" is an English stopword
//!
//! let f = Article::fields();
//! let by_property = client.collection_of::<Article>().config().tokenize(f.title, "Hello World").await?;
//! # let _ = by_property; Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use reqwest::Method;
use serde::{Deserialize, Serialize};

use crate::client::Client;
use crate::collection::Config;
use crate::error::{Error, Result};
use crate::query::IntoProperty;
use crate::schema::{StopwordConfig, TextAnalyzerConfig, Tokenization};
use crate::transport::rest::Path;

/// The tokens of a text, as the server made them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Tokens {
    /// The tokens as the inverted index stores them.
    #[serde(default)]
    pub indexed: Vec<String>,
    /// The tokens a query matches with (after stopword removal).
    #[serde(default)]
    pub query: Vec<String>,
}

/// A tokenization of a text by method, from [`Client::tokenize`]; runs when awaited.
#[must_use = "a tokenization does nothing until it is awaited"]
#[derive(Clone, Debug)]
pub struct Tokenize {
    client: Client,
    body: TokenizeBody,
}

#[derive(Clone, Debug, Serialize)]
struct TokenizeBody {
    text: String,
    tokenization: Tokenization,
    #[serde(rename = "analyzerConfig", skip_serializing_if = "Option::is_none")]
    analyzer: Option<TextAnalyzerConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stopwords: Option<StopwordConfig>,
    #[serde(rename = "stopwordPresets", skip_serializing_if = "Option::is_none")]
    stopword_presets: Option<BTreeMap<String, Vec<String>>>,
}

impl Client {
    /// Splits `text` into tokens with `tokenization`, as the server indexes and queries text
    /// properties of that tokenization (word tokenization removes the `en` stopwords from the
    /// query tokens unless told otherwise). See the [module docs](crate::tokenize).
    pub fn tokenize(&self, text: impl Into<String>, tokenization: Tokenization) -> Tokenize {
        Tokenize {
            client: self.clone(),
            body: TokenizeBody {
                text: text.into(),
                tokenization,
                analyzer: None,
                stopwords: None,
                stopword_presets: None,
            },
        }
    }
}

impl Tokenize {
    /// A text analyzer (ASCII folding, a stopword preset) as a property would have it.
    pub fn analyzer(mut self, analyzer: TextAnalyzerConfig) -> Self {
        self.body.analyzer = Some(analyzer);
        self
    }

    /// The stopwords of the query tokens, as a collection's inverted index has them. Not
    /// together with [`stopword_presets`](Self::stopword_presets).
    pub fn stopwords(mut self, stopwords: StopwordConfig) -> Self {
        self.body.stopwords = Some(stopwords);
        self
    }

    /// Named stopword lists (a collection's `stopwordPresets`), for an analyzer naming one. Not
    /// together with [`stopwords`](Self::stopwords).
    pub fn stopword_presets<I, N, W>(mut self, presets: I) -> Self
    where
        I: IntoIterator<Item = (N, Vec<W>)>,
        N: Into<String>,
        W: Into<String>,
    {
        self.body.stopword_presets = Some(
            presets
                .into_iter()
                .map(|(n, w)| (n.into(), w.into_iter().map(Into::into).collect()))
                .collect(),
        );
        self
    }

    fn check(&self) -> Result<()> {
        if self.body.stopwords.is_some() && self.body.stopword_presets.is_some() {
            return Err(Error::invalid(
                "tokenize: give stopwords or stopword presets, not both",
            ));
        }
        if let Some(presets) = &self.body.stopword_presets {
            for (name, words) in presets {
                if name.trim().is_empty() {
                    return Err(Error::invalid("tokenize: a stopword preset has no name"));
                }
                if words.is_empty() || words.iter().any(|w| w.trim().is_empty()) {
                    return Err(Error::invalid(format!(
                        "tokenize: stopword preset `{name}` needs at least one word, and no empty ones"
                    )));
                }
            }
        }
        Ok(())
    }
}

impl IntoFuture for Tokenize {
    type Output = Result<Tokens>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<Tokens>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            self.check()?;
            self.client
                .rest()
                .json(Method::POST, Path::v1(["tokenize"]), &self.body, None)
                .await
        })
    }
}

#[derive(Serialize)]
struct PropertyTokenizeBody<'a> {
    text: &'a str,
}

impl<C> Config<C> {
    /// Splits `text` into tokens as `property` of this collection indexes and queries it: with
    /// its tokenization and analyzer and the collection's stopwords. A property without a
    /// tokenization (not text) is refused by the server, with its message.
    pub async fn tokenize(&self, property: impl IntoProperty<C>, text: &str) -> Result<Tokens> {
        let property = property.property_name();
        crate::names::check_property_name(&property)?;
        let c = self.collection();
        c.client
            .rest()
            .json(
                Method::POST,
                Path::v1(["schema", &c.name, "properties", &property, "tokenize"]),
                &PropertyTokenizeBody { text },
                None,
            )
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_request_body_is_the_servers_shape_and_bad_presets_are_refused() {
        let client = crate::ClientBuilder::custom("http://127.0.0.1:1", "http://127.0.0.1:2")
            .skip_init_checks(true)
            .build()
            .await
            .unwrap();
        let t = client
            .tokenize("a b", Tokenization::Whitespace)
            .stopword_presets([("mine", vec!["a"])]);
        assert_eq!(
            serde_json::to_value(&t.body).unwrap(),
            serde_json::json!({"text": "a b", "tokenization": "whitespace",
                               "stopwordPresets": {"mine": ["a"]}})
        );
        t.check().unwrap();
        let both = t.clone().stopwords(StopwordConfig::default());
        assert!(matches!(both.check(), Err(Error::InvalidInput { .. })));
        let empty = client
            .tokenize("a", Tokenization::Word)
            .stopword_presets([("mine", Vec::<String>::new())]);
        assert!(matches!(empty.await, Err(Error::InvalidInput { .. })));
    }
}
