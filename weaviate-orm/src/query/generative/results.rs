//! What a generative search returns: the results with the text generated for each
//! ([`Generated<R>`]), the grouped task's text, and the provider's metadata and debug output.

use std::ops::{Deref, DerefMut};

use crate::query::{Group, GroupedResults};
use crate::wire::v1 as pb;
use pb::generative_metadata::Kind as M;

/// Text a provider generated: for one object (the single prompt) or for all results (the grouped
/// task).
#[derive(Clone, Debug, PartialEq)]
pub struct GenerativeText {
    /// The generated text.
    pub text: String,
    /// What the provider reported (token usage), after
    /// [`Generate::return_metadata`](super::Generate::return_metadata); `None` otherwise and for
    /// providers that report nothing.
    pub metadata: Option<GenerativeMetadata>,
    /// The full prompt the provider got (placeholders filled in; for the grouped task, the task
    /// and the objects' properties as JSON), after [`Generate::debug`](super::Generate::debug).
    pub full_prompt: Option<String>,
}

/// One search result and the text its single prompt generated.
///
/// Dereferences to the result (`Hit<T>`, then `T`; or `Object`).
#[derive(Clone, Debug, PartialEq)]
pub struct Generated<R> {
    /// The result, as the search without generation returns it.
    pub result: R,
    /// The single prompt's answer for this object; `None` when no single prompt was asked for.
    pub generated: Option<GenerativeText>,
}

impl<R> Generated<R> {
    /// The generated text, or `""` when none was asked for.
    pub fn text(&self) -> &str {
        self.generated.as_ref().map_or("", |g| g.text.as_str())
    }

    /// The result, without the generated text.
    pub fn into_result(self) -> R {
        self.result
    }
}

impl<R> Deref for Generated<R> {
    type Target = R;

    fn deref(&self) -> &R {
        &self.result
    }
}

impl<R> DerefMut for Generated<R> {
    fn deref_mut(&mut self) -> &mut R {
        &mut self.result
    }
}

/// The results of a generative search: each with its single prompt's answer, and the grouped
/// task's answer over all of them.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerativeResults<R> {
    /// The results in the search's order, each with its generated text.
    pub objects: Vec<Generated<R>>,
    /// The grouped task's answer; `None` when no grouped task was asked for (or no object was
    /// found).
    pub grouped: Option<GenerativeText>,
}

impl<R> GenerativeResults<R> {
    /// The single prompt's answers, in result order (`""` where none was generated).
    pub fn texts(&self) -> Vec<&str> {
        self.objects.iter().map(Generated::text).collect()
    }

    /// The grouped task's text, if any.
    pub fn grouped_text(&self) -> Option<&str> {
        self.grouped.as_ref().map(|g| g.text.as_str())
    }
}

impl<R> IntoIterator for GenerativeResults<R> {
    type Item = Generated<R>;
    type IntoIter = std::vec::IntoIter<Generated<R>>;

    fn into_iter(self) -> Self::IntoIter {
        self.objects.into_iter()
    }
}

/// One group of a grouped generative search, with the text the single prompt generated for it.
/// Dereferences to the [`Group`].
#[derive(Clone, Debug, PartialEq)]
pub struct GeneratedGroup<R> {
    /// The group and its objects.
    pub group: Group<R>,
    /// The single prompt's answer for the group (Weaviate runs the prompt once per group, on the
    /// group's first object); `None` when no single prompt was asked for.
    pub generated: Option<GenerativeText>,
}

impl<R> Deref for GeneratedGroup<R> {
    type Target = Group<R>;

    fn deref(&self) -> &Group<R> {
        &self.group
    }
}

/// The groups of a grouped generative search ([`group_by`](crate::query::Search::group_by)), and
/// the grouped task's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerativeGroupedResults<R> {
    /// The groups, best first, each with its generated text.
    pub groups: Vec<GeneratedGroup<R>>,
    /// The grouped task's answer over the objects searched; `None` when none was asked for.
    pub grouped: Option<GenerativeText>,
}

impl<R> GenerativeGroupedResults<R> {
    /// The group with this name.
    pub fn group(&self, name: &str) -> Option<&GeneratedGroup<R>> {
        self.groups.iter().find(|g| g.group.name == name)
    }

    /// The groups without the generated texts.
    pub fn into_grouped(self) -> GroupedResults<R> {
        GroupedResults {
            groups: self.groups.into_iter().map(|g| g.group).collect(),
        }
    }
}

/// Token counts a provider reported. Anthropic's input and output tokens are `prompt_tokens` and
/// `completion_tokens`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TokenUsage {
    /// Tokens of the prompt.
    pub prompt_tokens: Option<i64>,
    /// Tokens generated.
    pub completion_tokens: Option<i64>,
    /// Both.
    pub total_tokens: Option<i64>,
}

/// What Cohere reported.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CohereMetadata {
    /// The API version.
    pub api_version: Option<String>,
    /// The API version is deprecated.
    pub api_is_deprecated: Option<bool>,
    /// The API version is experimental.
    pub api_is_experimental: Option<bool>,
    /// Billed input tokens.
    pub billed_input_tokens: Option<f64>,
    /// Billed output tokens.
    pub billed_output_tokens: Option<f64>,
    /// Billed search units.
    pub billed_search_units: Option<f64>,
    /// Billed classifications.
    pub billed_classifications: Option<f64>,
    /// Input tokens.
    pub input_tokens: Option<f64>,
    /// Output tokens.
    pub output_tokens: Option<f64>,
    /// Warnings.
    pub warnings: Vec<String>,
}

/// Token and character counts of Google's Vertex AI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GoogleTokenCount {
    /// Billable characters.
    pub total_billable_characters: Option<i64>,
    /// Tokens.
    pub total_tokens: Option<i64>,
}

/// What Google reported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GoogleMetadata {
    /// Input counts (Vertex AI).
    pub input_token_count: Option<GoogleTokenCount>,
    /// Output counts (Vertex AI).
    pub output_token_count: Option<GoogleTokenCount>,
    /// Prompt tokens (AI Studio's usage metadata).
    pub prompt_token_count: Option<i64>,
    /// Candidate tokens.
    pub candidates_token_count: Option<i64>,
    /// All tokens.
    pub total_token_count: Option<i64>,
}

/// The provider's metadata of one generation, by provider.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GenerativeMetadata {
    /// Anthropic: input and output tokens.
    Anthropic(TokenUsage),
    /// Anyscale reports nothing.
    Anyscale,
    /// AWS reports nothing.
    Aws,
    /// Cohere.
    Cohere(CohereMetadata),
    /// The dummy module reports nothing.
    Dummy,
    /// Mistral.
    Mistral(TokenUsage),
    /// Ollama reports nothing.
    Ollama,
    /// OpenAI.
    OpenAi(TokenUsage),
    /// Google.
    Google(GoogleMetadata),
    /// Databricks.
    Databricks(TokenUsage),
    /// FriendliAI.
    FriendliAi(TokenUsage),
    /// NVIDIA.
    Nvidia(TokenUsage),
    /// xAI.
    Xai(TokenUsage),
    /// DeepSeek.
    Deepseek(TokenUsage),
}

impl GenerativeMetadata {
    /// The token usage, for the providers that report one (Cohere's token counts rounded,
    /// Google's usage metadata).
    pub fn usage(&self) -> Option<TokenUsage> {
        use GenerativeMetadata as G;
        match self {
            G::Anthropic(u)
            | G::Mistral(u)
            | G::OpenAi(u)
            | G::Databricks(u)
            | G::FriendliAi(u)
            | G::Nvidia(u)
            | G::Xai(u)
            | G::Deepseek(u) => Some(*u),
            G::Cohere(c) => Some(TokenUsage {
                prompt_tokens: c.input_tokens.map(|t| t.round() as i64),
                completion_tokens: c.output_tokens.map(|t| t.round() as i64),
                total_tokens: None,
            }),
            G::Google(g) => Some(TokenUsage {
                prompt_tokens: g.prompt_token_count,
                completion_tokens: g.candidates_token_count,
                total_tokens: g.total_token_count,
            }),
            G::Anyscale | G::Aws | G::Dummy | G::Ollama => None,
        }
    }
}

/// The usage message most providers share (prompt, completion, total tokens).
macro_rules! usage {
    ($m:expr) => {
        $m.usage
            .map(|u| TokenUsage {
                prompt_tokens: u.prompt_tokens,
                completion_tokens: u.completion_tokens,
                total_tokens: u.total_tokens,
            })
            .unwrap_or_default()
    };
}

fn metadata(m: &pb::GenerativeMetadata) -> Option<GenerativeMetadata> {
    use GenerativeMetadata as G;
    Some(match m.kind.as_ref()? {
        M::Anthropic(a) => G::Anthropic(
            a.usage
                .map(|u| TokenUsage {
                    prompt_tokens: Some(u.input_tokens),
                    completion_tokens: Some(u.output_tokens),
                    total_tokens: None,
                })
                .unwrap_or_default(),
        ),
        M::Anyscale(_) => G::Anyscale,
        M::Aws(_) => G::Aws,
        M::Cohere(c) => G::Cohere(CohereMetadata {
            api_version: c.api_version.as_ref().and_then(|v| v.version.clone()),
            api_is_deprecated: c.api_version.as_ref().and_then(|v| v.is_deprecated),
            api_is_experimental: c.api_version.as_ref().and_then(|v| v.is_experimental),
            billed_input_tokens: c.billed_units.and_then(|b| b.input_tokens),
            billed_output_tokens: c.billed_units.and_then(|b| b.output_tokens),
            billed_search_units: c.billed_units.and_then(|b| b.search_units),
            billed_classifications: c.billed_units.and_then(|b| b.classifications),
            input_tokens: c.tokens.and_then(|t| t.input_tokens),
            output_tokens: c.tokens.and_then(|t| t.output_tokens),
            warnings: c.warnings.clone().map(|w| w.values).unwrap_or_default(),
        }),
        M::Dummy(_) => G::Dummy,
        M::Mistral(x) => G::Mistral(usage!(x)),
        M::Ollama(_) => G::Ollama,
        M::Openai(x) => G::OpenAi(usage!(x)),
        M::Google(g) => {
            let count = |c: &pb::generative_google_metadata::TokenCount| GoogleTokenCount {
                total_billable_characters: c.total_billable_characters,
                total_tokens: c.total_tokens,
            };
            let tokens = g.metadata.as_ref().and_then(|m| m.token_metadata.as_ref());
            G::Google(GoogleMetadata {
                input_token_count: tokens.and_then(|t| t.input_token_count.as_ref().map(count)),
                output_token_count: tokens.and_then(|t| t.output_token_count.as_ref().map(count)),
                prompt_token_count: g.usage_metadata.and_then(|u| u.prompt_token_count),
                candidates_token_count: g.usage_metadata.and_then(|u| u.candidates_token_count),
                total_token_count: g.usage_metadata.and_then(|u| u.total_token_count),
            })
        }
        M::Databricks(x) => G::Databricks(usage!(x)),
        M::Friendliai(x) => G::FriendliAi(usage!(x)),
        M::Nvidia(x) => G::Nvidia(usage!(x)),
        M::Xai(x) => G::Xai(usage!(x)),
        M::Deepseek(x) => G::Deepseek(usage!(x)),
    })
}

/// A reply of the 1.27+ API.
pub(crate) fn text(reply: &pb::GenerativeReply) -> GenerativeText {
    GenerativeText {
        text: reply.result.clone(),
        metadata: reply.metadata.as_ref().and_then(metadata),
        full_prompt: reply.debug.as_ref().and_then(|d| d.full_prompt.clone()),
    }
}

/// The first reply of a result, if it has one.
pub(crate) fn first(result: Option<&pb::GenerativeResult>) -> Option<GenerativeText> {
    result.and_then(|r| r.values.first()).map(text)
}

/// A text the server put in a deprecated string field only (group-by replies).
pub(crate) fn plain(text: &str) -> GenerativeText {
    GenerativeText {
        text: text.to_owned(),
        metadata: None,
        full_prompt: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openai_usage_and_debug_are_read() {
        let reply = pb::GenerativeReply {
            result: "hi".into(),
            debug: Some(pb::GenerativeDebug {
                full_prompt: Some("say hi".into()),
            }),
            metadata: Some(pb::GenerativeMetadata {
                kind: Some(M::Openai(pb::GenerativeOpenAiMetadata {
                    usage: Some(pb::generative_open_ai_metadata::Usage {
                        prompt_tokens: Some(2),
                        completion_tokens: Some(1),
                        total_tokens: Some(3),
                    }),
                })),
            }),
        };
        let t = text(&reply);
        assert_eq!(t.text, "hi");
        assert_eq!(t.full_prompt.as_deref(), Some("say hi"));
        let usage = t.metadata.unwrap().usage().unwrap();
        assert_eq!(
            (
                usage.prompt_tokens,
                usage.completion_tokens,
                usage.total_tokens
            ),
            (Some(2), Some(1), Some(3))
        );
    }

    #[test]
    fn anthropic_and_cohere_usage_map_to_token_usage() {
        let anthropic = metadata(&pb::GenerativeMetadata {
            kind: Some(M::Anthropic(pb::GenerativeAnthropicMetadata {
                usage: Some(pb::generative_anthropic_metadata::Usage {
                    input_tokens: 5,
                    output_tokens: 8,
                }),
            })),
        })
        .unwrap();
        assert_eq!(
            anthropic.usage(),
            Some(TokenUsage {
                prompt_tokens: Some(5),
                completion_tokens: Some(8),
                total_tokens: None
            })
        );
        let cohere = metadata(&pb::GenerativeMetadata {
            kind: Some(M::Cohere(pb::GenerativeCohereMetadata {
                tokens: Some(pb::generative_cohere_metadata::Tokens {
                    input_tokens: Some(4.0),
                    output_tokens: Some(6.0),
                }),
                warnings: Some(pb::TextArray {
                    values: vec!["w".into()],
                }),
                ..Default::default()
            })),
        })
        .unwrap();
        let GenerativeMetadata::Cohere(c) = &cohere else {
            panic!("{cohere:?}")
        };
        assert_eq!(c.warnings, ["w"]);
        assert_eq!(cohere.usage().unwrap().completion_tokens, Some(6));
        assert_eq!(
            metadata(&pb::GenerativeMetadata {
                kind: Some(M::Dummy(pb::GenerativeDummyMetadata {}))
            }),
            Some(GenerativeMetadata::Dummy)
        );
        assert_eq!(metadata(&pb::GenerativeMetadata { kind: None }), None);
    }
}
