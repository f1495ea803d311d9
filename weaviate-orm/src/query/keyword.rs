//! Keyword (BM25) search, and the keyword settings hybrid search shares.

use super::builder::{Operator, Ranked};
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// How the tokens of a keyword query must match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Bm25Operator {
    /// Every token must match within one property (a result matches when one of the searched
    /// properties has them all).
    And,
    /// Every token must match, each in any of the searched properties (Weaviate 1.39): `rust
    /// tokio` matches a title "rust" with a body "tokio", which [`And`](Bm25Operator::And) does
    /// not. All searched properties must share one tokenization and text analyzer.
    AndCross,
    /// At least `minimum_match` tokens must match (1: any token).
    Or {
        /// The least number of matching tokens.
        minimum_match: u32,
    },
}

impl Bm25Operator {
    /// Any token may match (OR with a minimum of 1).
    pub fn or() -> Self {
        Bm25Operator::Or { minimum_match: 1 }
    }

    /// At least `minimum_match` tokens must match.
    pub fn or_at_least(minimum_match: u32) -> Self {
        Bm25Operator::Or { minimum_match }
    }

    pub(crate) fn to_proto(self) -> pb::SearchOperatorOptions {
        use pb::search_operator_options::Operator as Op;
        match self {
            Bm25Operator::And => pb::SearchOperatorOptions {
                operator: Op::And as i32,
                minimum_or_tokens_match: None,
            },
            Bm25Operator::AndCross => pb::SearchOperatorOptions {
                operator: Op::AndCross as i32,
                minimum_or_tokens_match: None,
            },
            Bm25Operator::Or { minimum_match } => pb::SearchOperatorOptions {
                operator: Op::Or as i32,
                minimum_or_tokens_match: Some(minimum_match.min(i32::MAX as u32) as i32),
            },
        }
    }
}

/// A searched property, with a boost (`title^2`).
fn boosted(name: String, boost: f32) -> Result<String> {
    if !boost.is_finite() || boost <= 0.0 {
        return Err(Error::invalid(format!(
            "the boost of `{name}` must be a positive number, got {boost}"
        )));
    }
    Ok(format!("{name}^{boost}"))
}

/// The keyword (BM25) operator, built by [`Query::bm25`](super::Query::bm25).
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, body: String }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::{Bm25Operator, MetadataQuery};
///
/// let f = Article::fields();
/// let hits = client.collection_of::<Article>().query()
///     .bm25("rust async runtime")
///     .property_boosted(f.title, 3.0)
///     .property(f.body)
///     .operator(Bm25Operator::or_at_least(2))
///     .return_metadata(MetadataQuery::default().score())
///     .await?;
/// # let _ = hits; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Bm25 {
    pub(crate) query: String,
    pub(crate) properties: Vec<(String, Option<f32>)>,
    pub(crate) operator: Option<Bm25Operator>,
}

impl Bm25 {
    pub(crate) fn new(query: String) -> Self {
        Bm25 {
            query,
            properties: Vec::new(),
            operator: None,
        }
    }
}

/// The properties as sent (`name` or `name^boost`).
pub(crate) fn properties(list: &[(String, Option<f32>)]) -> Result<Vec<String>> {
    list.iter()
        .map(|(name, boost)| {
            if name.is_empty() {
                return Err(Error::invalid("a searched property name is empty"));
            }
            match boost {
                None => Ok(name.clone()),
                Some(b) => boosted(name.clone(), *b),
            }
        })
        .collect()
}

impl Operator for Bm25 {
    fn __apply(&self, request: &mut pb::SearchRequest) -> Result<()> {
        request.bm25_search = Some(pb::Bm25 {
            query: self.query.clone(),
            properties: properties(&self.properties)?,
            search_operator: self.operator.map(Bm25Operator::to_proto),
        });
        Ok(())
    }
}

impl Ranked for Bm25 {}

/// The searched-property and operator methods of keyword searches (a struct with
/// `properties: Vec<(String, Option<f32>)>` and `operator: Option<Bm25Operator>` fields).
macro_rules! keyword_methods {
    ($op:ty) => {
        impl<C, R, O> $crate::query::Search<C, $op, R, O> {
            /// Search this text property (all text properties when none is given;
            /// `Article::fields().title`, or a name in untyped queries).
            pub fn property(mut self, property: impl $crate::query::IntoSearchProperty<C>) -> Self {
                self.operator
                    .properties
                    .push((property.search_property_name(), None));
                self
            }

            /// Search this text property, its score multiplied by `boost`.
            pub fn property_boosted(
                mut self,
                property: impl $crate::query::IntoSearchProperty<C>,
                boost: f32,
            ) -> Self {
                self.operator
                    .properties
                    .push((property.search_property_name(), Some(boost)));
                self
            }

            /// Search these text properties.
            pub fn properties<I, P>(mut self, properties: I) -> Self
            where
                I: IntoIterator<Item = P>,
                P: $crate::query::IntoSearchProperty<C>,
            {
                self.operator.properties.extend(
                    properties
                        .into_iter()
                        .map(|p| (p.search_property_name(), None)),
                );
                self
            }
        }

        $crate::query::keyword_operator_method!(impl<C, R, O> $crate::query::Search<C, $op, R, O>);
    };
}

/// The token-matching method of keyword searches (an operator with an
/// `operator: Option<Bm25Operator>` field), on a search or another builder (the two forms of
/// `target_methods!`).
macro_rules! keyword_operator_method {
    (impl<$($p:ident),+> $builder:ty) => {
        impl<$($p),+> $builder {
            /// How the query's tokens must match (OR with any token by default).
            pub fn operator(mut self, operator: $crate::query::Bm25Operator) -> Self {
                self.operator.operator = Some(operator);
                self
            }
        }
    };
}

pub(crate) use {keyword_methods, keyword_operator_method};

keyword_methods!(Bm25);
