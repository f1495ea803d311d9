//! Generative search (retrieval-augmented generation): any search can ask the server's generative
//! module to write text from its results, with a prompt per object, a task over all results, or
//! both.
//!
//! [`Search::generate`] takes a [`Generate`] and switches the search's output to
//! [`GenerativeResults`] (each result as a [`Generated<R>`] with its text, and the grouped task's
//! text), or [`GenerativeGroupedResults`] after [`group_by`](Search::group_by), or
//! `Option<Generated<R>>` by id.
//!
//! - The single prompt interpolates each object's properties into `{name}` placeholders on the
//!   server. Typed searches take a [`Prompt<T>`]: [`prompt!`](crate::prompt!) checks the
//!   placeholders against `T`'s properties at compile time, [`Prompt::new`] at run time; untyped
//!   searches take strings (syntax checked before sending).
//! - The grouped task gets every result's properties as JSON (or only
//!   [`grouped_properties`](Generate::grouped_properties)).
//! - A [`Provider`] chooses the module and its per-query options ([`OpenAi`], [`Anthropic`], ... one
//!   builder per provider Weaviate 1.39 knows); without one the collection's generative module
//!   and its settings apply. The server applies one provider to both parts, so there is one per
//!   request. [`return_metadata`](Generate::return_metadata) asks for the provider's token usage,
//!   [`debug`](Generate::debug) for the full prompt sent.
//!
//! ```no_run
//! # use weaviate_orm::WeaviateCollection;
//! # #[derive(WeaviateCollection, Debug)]
//! # #[weaviate(generative = generative_openai(model = "gpt-4o-mini"))]
//! # struct Article { title: String, lang: String }
//! # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
//! use weaviate_orm::prompt;
//! use weaviate_orm::query::generative::{Generate, OpenAi};
//!
//! let f = Article::fields();
//! let out = client.collection_of::<Article>().query()
//!     .bm25("vector databases")
//!     .limit(3)
//!     .generate(
//!         Generate::single(prompt!(Article, "Summarize {title} in {lang}"))
//!             .grouped_task(prompt!(Article, "What do these articles have in common?"))
//!             .grouped_properties([f.title])
//!             .provider(OpenAi::new().model("gpt-4o-mini").temperature(0.2))
//!             .return_metadata(),
//!     )
//!     .await?;
//! for hit in &out.objects {
//!     println!("{}: {}", hit.title, hit.text());
//! }
//! println!("all: {:?}", out.grouped_text());
//! # Ok(()) }
//! ```
//!
//! The collection's side: the derive's `generative = generative_openai(model = "...", base_url =
//! "...")` configures the module a search uses without a provider. To point it elsewhere at run time
//! (a test's stand-in, another region), edit the derived config before creating the collection:
//!
//! ```
//! # use weaviate_orm::WeaviateCollection;
//! # #[derive(WeaviateCollection)]
//! # #[weaviate(generative = generative_openai(model = "gpt-4o-mini"))]
//! # struct Article { title: String }
//! let config = Article::collection_config().generative(
//!     "generative-openai",
//!     serde_json::json!({"model": "gpt-4o-mini", "baseURL": "http://127.0.0.1:8080"}),
//! );
//! assert_eq!(config.generative_module().unwrap().1["baseURL"], "http://127.0.0.1:8080");
//! ```
//!
//! Refusals: a prompt the server cannot fill (a property without a value), a provider error or a
//! module that is not enabled fail the whole search with the server's message
//! ([`Error::Server`] and friends).

mod prompt;
mod providers;
mod results;

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;

use uuid::Uuid;

#[doc(hidden)]
pub use prompt::{__check_prompt, CheckMessage};
pub use prompt::{IntoPrompt, Prompt, PromptCollection};
pub use providers::{
    Anthropic, Anyscale, Aws, Cohere, ContextualAi, Databricks, Deepseek, Dummy, FriendliAi,
    Google, Mistral, Nvidia, Ollama, OpenAi, Provider, ReasoningEffort, Verbosity, Xai,
};
pub use results::{
    CohereMetadata, Generated, GeneratedGroup, GenerativeGroupedResults, GenerativeMetadata,
    GenerativeResults, GenerativeText, GoogleMetadata, GoogleTokenCount, TokenUsage,
};

use super::builder::{Grouped, List, Listing, One, Operator, Ranked, Search};
use super::fetch::Fetch;
use super::group_by;
use super::handles::{IntoProperty, Sort};
use super::result::ResultShape;
use crate::error::{Error, Result};
use crate::names::check_property_name;
use crate::sealed::Sealed;
use crate::wire::v1 as pb;

/// What to generate from a search's results: a prompt per object ([`single`](Generate::single)),
/// a task over all of them ([`grouped`](Generate::grouped)), or both; for searches on collection
/// `C`. Given to [`Search::generate`].
///
/// ```
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, body: String }
/// use weaviate_orm::prompt;
/// use weaviate_orm::query::generative::{Dummy, Generate};
///
/// let both = Generate::single(prompt!(Article, "Title: {title}"))
///     .grouped_task(prompt!(Article, "Group these"))
///     .grouped_properties([Article::fields().body])
///     .provider(Dummy::new())
///     .debug();
/// // Untyped: strings.
/// let untyped = Generate::grouped("Summarize").grouped_properties(["title"]);
/// # let _ = (both, untyped);
/// ```
#[derive(Clone, Debug)]
pub struct Generate<C> {
    single: Option<String>,
    task: Option<String>,
    properties: Option<Vec<String>>,
    provider: Option<Provider>,
    return_metadata: bool,
    debug: bool,
    invalid: Option<String>,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Generate<C> {
    fn empty() -> Self {
        Generate {
            single: None,
            task: None,
            properties: None,
            provider: None,
            return_metadata: false,
            debug: false,
            invalid: None,
            _collection: PhantomData,
        }
    }

    fn take(&mut self, prompt: impl IntoPrompt<C>) -> Option<String> {
        match prompt.__into_prompt() {
            Ok(p) => Some(p.into_string()),
            Err(e) => {
                self.invalid.get_or_insert(refusal(e));
                None
            }
        }
    }

    /// Generate a text per result from `prompt`, its `{property}` placeholders filled with the
    /// object's values by the server.
    pub fn single(prompt: impl IntoPrompt<C>) -> Self {
        Generate::empty().single_prompt(prompt)
    }

    /// Generate one text from all results for `task` (the results' properties are appended as
    /// JSON).
    pub fn grouped(task: impl IntoPrompt<C>) -> Self {
        Generate::empty().grouped_task(task)
    }

    /// Also (or instead) a prompt per result; replaces an earlier one.
    pub fn single_prompt(mut self, prompt: impl IntoPrompt<C>) -> Self {
        self.single = self.take(prompt);
        self
    }

    /// Also (or instead) a task over all results; replaces an earlier one.
    pub fn grouped_task(mut self, task: impl IntoPrompt<C>) -> Self {
        self.task = self.take(task);
        self
    }

    /// Give the grouped task only these properties of each result (all of them by default).
    pub fn grouped_properties<I, P>(mut self, properties: I) -> Self
    where
        I: IntoIterator<Item = P>,
        P: IntoProperty<C>,
    {
        self.properties = Some(
            properties
                .into_iter()
                .map(IntoProperty::property_name)
                .collect(),
        );
        self
    }

    /// Generate with this provider and its options (for both parts) instead of the collection's
    /// generative module settings.
    pub fn provider(mut self, provider: impl Into<Provider>) -> Self {
        self.provider = Some(provider.into());
        self
    }

    /// Ask for the provider's metadata (token usage) with each generated text. Needs a
    /// [`provider`](Generate::provider) (the server reads the flag from it); Weaviate 1.39 refuses
    /// the search for providers it reports no metadata of ([`Dummy`], [`ContextualAi`]). With both
    /// a single prompt and a grouped task, the server reports the first object's metadata and
    /// full prompt for the grouped text too.
    pub fn return_metadata(mut self) -> Self {
        self.return_metadata = true;
        self
    }

    /// Ask for the full prompt the provider got with each generated text
    /// ([`GenerativeText::full_prompt`]).
    pub fn debug(mut self) -> Self {
        self.debug = true;
        self
    }

    fn to_proto(&self) -> Result<pb::GenerativeSearch> {
        if let Some(message) = &self.invalid {
            return Err(Error::invalid(message.clone()));
        }
        if self.single.is_none() && self.task.is_none() {
            return Err(Error::invalid(
                "generate needs a single prompt or a grouped task",
            ));
        }
        if self.return_metadata && self.provider.is_none() {
            return Err(Error::invalid(
                "generate: return_metadata needs a provider (the server reads the flag from it)",
            ));
        }
        for p in self.properties.iter().flatten() {
            check_property_name(p)?;
        }
        let queries: Vec<pb::GenerativeProvider> = self
            .provider
            .iter()
            .map(|p| pb::GenerativeProvider {
                return_metadata: self.return_metadata,
                kind: Some(p.0.clone()),
            })
            .collect();
        #[allow(deprecated)]
        Ok(pb::GenerativeSearch {
            single: self
                .single
                .clone()
                .map(|prompt| pb::generative_search::Single {
                    prompt,
                    debug: self.debug,
                    queries: queries.clone(),
                }),
            grouped: self
                .task
                .clone()
                .map(|task| pb::generative_search::Grouped {
                    task,
                    properties: self
                        .properties
                        .clone()
                        .map(|values| pb::TextArray { values }),
                    queries,
                    debug: self.debug,
                }),
            ..Default::default()
        })
    }
}

/// The message of a refusal, to be refused again as [`Error::InvalidInput`] when the search is built.
fn refusal(e: Error) -> String {
    match e {
        Error::InvalidInput { message } => message,
        e => e.to_string(),
    }
}

/// A search's generative request, kept in its options (crate-internal).
#[derive(Clone, Debug)]
pub(crate) struct GenerativeSpec {
    request: std::result::Result<pb::GenerativeSearch, String>,
}

impl GenerativeSpec {
    /// The request to send, or why it is refused.
    pub(crate) fn to_proto(&self) -> Result<pb::GenerativeSearch> {
        self.request.clone().map_err(Error::invalid)
    }

    fn parts(&self) -> (bool, bool) {
        match &self.request {
            Ok(r) => (r.single.is_some(), r.grouped.is_some()),
            Err(_) => (false, false),
        }
    }
}

/// Output mode of a generative search: `O` ([`List`], [`Grouped`] or [`One`]) with generated text.
#[derive(Clone, Copy, Debug)]
pub struct Generative<O>(PhantomData<O>);

impl<O> Sealed for Generative<O> {}
impl<O: Listing> Listing for Generative<O> {}

/// The output modes a search has before [`generate`](Search::generate): [`List`], [`Grouped`],
/// [`One`]. Implemented by this crate only.
pub trait PlainOutput: Sealed {}
impl PlainOutput for List {}
impl PlainOutput for Grouped {}
impl PlainOutput for One {}

impl<C, S, R, O: PlainOutput> Search<C, S, R, O> {
    /// Generate text from the results (see the [module docs](self)): awaiting gives
    /// [`GenerativeResults`] (or [`GenerativeGroupedResults`] after `group_by`,
    /// `Option<Generated<R>>` by id). A prompt or task refused by its check fails the search
    /// before anything is sent.
    ///
    /// ```no_run
    /// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
    /// use weaviate_orm::query::generative::Generate;
    ///
    /// let out = client.collection("Article").query()
    ///     .near_text("databases")
    ///     .limit(5)
    ///     .generate(Generate::single("Tweet about {title}").grouped_task("Summarize"))
    ///     .await?;
    /// println!("{:?} / {:?}", out.texts(), out.grouped_text());
    /// # Ok(()) }
    /// ```
    pub fn generate(mut self, generate: Generate<C>) -> Search<C, S, R, Generative<O>> {
        self.options.generative = Some(GenerativeSpec {
            request: generate.to_proto().map_err(refusal),
        });
        self.cast()
    }
}

impl<C, S: Ranked, R> Search<C, S, R, Generative<List>> {
    /// [`Search::group_by`] after [`generate`](Search::generate): the single prompt then runs per
    /// group, and awaiting gives [`GenerativeGroupedResults`].
    pub fn group_by(
        self,
        property: impl IntoProperty<C>,
        number_of_groups: u32,
        objects_per_group: u32,
    ) -> Search<C, S, R, Generative<Grouped>> {
        self.cast::<R, List>()
            .group_by(property, number_of_groups, objects_per_group)
            .cast()
    }

    /// [`Search::autocut`] after [`generate`](Search::generate).
    pub fn autocut(self, jumps: u32) -> Self {
        self.cast::<R, List>().autocut(jumps).cast()
    }
}

impl<C, R> Search<C, Fetch, R, Generative<List>> {
    /// [`Search::sort`] after [`generate`](Search::generate).
    pub fn sort(self, sort: Sort<C>) -> Self {
        self.cast::<R, List>().sort(sort).cast()
    }

    /// [`Search::after`] after [`generate`](Search::generate).
    pub fn after(self, id: Uuid) -> Self {
        self.cast::<R, List>().after(id).cast()
    }
}

type BoxFuture<T> = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

impl<C, S: Operator, R: ResultShape<C>, O> Search<C, S, R, Generative<O>> {
    fn parts(&self) -> (bool, bool) {
        self.options
            .generative
            .as_ref()
            .map_or((false, false), GenerativeSpec::parts)
    }

    async fn run_generative_list(&self) -> Result<GenerativeResults<R>> {
        let (reply, context) = self.execute().await?;
        let (single, grouped) = self.parts();
        let mut objects = reply
            .results
            .iter()
            .map(|r| {
                Ok(Generated {
                    result: R::__decode(r, &context)?,
                    generated: single.then(|| single_text(r)).flatten(),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        if let Some(ids) = &self.options.ids {
            // By ids: in the order the ids were given.
            objects.sort_by_key(|g| {
                let id = g.result.__id();
                ids.iter().position(|i| *i == id).unwrap_or(usize::MAX)
            });
        }
        Ok(GenerativeResults {
            objects,
            grouped: grouped.then(|| grouped_text(&reply)).flatten(),
        })
    }
}

/// The single prompt's answer of one result (the 1.27+ field, else the deprecated one).
fn single_text(result: &pb::SearchResult) -> Option<GenerativeText> {
    #[allow(deprecated)]
    results::first(result.generative.as_ref()).or_else(|| {
        result
            .metadata
            .as_ref()
            .filter(|m| m.generative_present)
            .map(|m| results::plain(&m.generative))
    })
}

/// The grouped task's answer of a reply (the 1.27+ field, else the deprecated string, which is the
/// only one group-by replies fill).
fn grouped_text(reply: &pb::SearchReply) -> Option<GenerativeText> {
    #[allow(deprecated)]
    results::first(reply.generative_grouped_results.as_ref())
        .filter(|t| !t.text.is_empty())
        .or_else(|| {
            reply
                .generative_grouped_result
                .as_deref()
                .filter(|t| !t.is_empty())
                .map(results::plain)
        })
}

impl<C: 'static, S: Operator, R: ResultShape<C>> IntoFuture for Search<C, S, R, Generative<List>> {
    type Output = Result<GenerativeResults<R>>;
    type IntoFuture = BoxFuture<GenerativeResults<R>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.run_generative_list().await })
    }
}

impl<C: 'static, S: Operator, R: ResultShape<C>> IntoFuture for Search<C, S, R, Generative<One>> {
    type Output = Result<Option<Generated<R>>>;
    type IntoFuture = BoxFuture<Option<Generated<R>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { Ok(self.run_generative_list().await?.objects.into_iter().next()) })
    }
}

impl<C: 'static, S: Operator, R: ResultShape<C>> IntoFuture
    for Search<C, S, R, Generative<Grouped>>
{
    type Output = Result<GenerativeGroupedResults<R>>;
    type IntoFuture = BoxFuture<GenerativeGroupedResults<R>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let (reply, context) = self.execute().await?;
            let (single, grouped) = self.parts();
            let plain = group_by::decode::<C, R>(&reply, &context)?;
            #[allow(deprecated)]
            let groups = plain
                .groups
                .into_iter()
                .zip(&reply.group_by_results)
                .map(|(group, wire)| GeneratedGroup {
                    group,
                    generated: single
                        .then(|| {
                            results::first(wire.generative_result.as_ref())
                                .or_else(|| wire.generative.as_ref().map(results::text))
                        })
                        .flatten(),
                })
                .collect();
            Ok(GenerativeGroupedResults {
                groups,
                grouped: grouped.then(|| grouped_text(&reply)).flatten(),
            })
        })
    }
}

#[cfg(test)]
mod tests;
