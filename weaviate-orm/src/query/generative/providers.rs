//! The generative providers Weaviate 1.39 knows, one builder per provider with its per-query
//! options (every field of the provider's message in `generative.proto`).
//!
//! An option left unset is not sent: the collection's module settings (`moduleConfig`) apply, then
//! the module's defaults. The provider chosen for a query must be a module the server has enabled;
//! the collection needs no generative module configured then.

use crate::wire::v1 as pb;
use pb::generative_provider::Kind;

/// A generative provider and its per-query options, for
/// [`Generate::provider`](super::Generate::provider). Made from any provider builder
/// ([`OpenAi`], [`Anthropic`], [`Dummy`], ...) with `into()`, or, for a message this crate does not
/// model yet, with [`Provider::from_wire`].
#[derive(Clone, Debug, PartialEq)]
pub struct Provider(pub(crate) Kind);

impl Provider {
    /// **Wire-level, unstable**: a provider given as the raw protobuf message of Weaviate's gRPC
    /// API (`weaviate_orm::wire::v1::generative_provider::Kind`), sent as it is. The door for
    /// options this crate does not know yet; the wire types follow the proto files and may change
    /// in any release. Prefer the typed builders.
    ///
    /// ```
    /// use weaviate_orm::query::generative::Provider;
    /// use weaviate_orm::wire::v1 as pb;
    ///
    /// let raw = Provider::from_wire(pb::generative_provider::Kind::Ollama(pb::GenerativeOllama {
    ///     api_endpoint: Some("http://localhost:11434".into()),
    ///     model: Some("llama3".into()),
    ///     ..Default::default()
    /// }));
    /// # let _ = raw;
    /// ```
    pub fn from_wire(kind: Kind) -> Self {
        Provider(kind)
    }

    /// The provider's module name on the server (`generative-openai`, ...).
    pub fn module(&self) -> &'static str {
        match &self.0 {
            Kind::Anthropic(_) => "generative-anthropic",
            Kind::Anyscale(_) => "generative-anyscale",
            Kind::Aws(_) => "generative-aws",
            Kind::Cohere(_) => "generative-cohere",
            Kind::Dummy(_) => "generative-dummy",
            Kind::Mistral(_) => "generative-mistral",
            Kind::Ollama(_) => "generative-ollama",
            Kind::Openai(_) => "generative-openai",
            Kind::Google(_) => "generative-google",
            Kind::Databricks(_) => "generative-databricks",
            Kind::Friendliai(_) => "generative-friendliai",
            Kind::Nvidia(_) => "generative-nvidia",
            Kind::Xai(_) => "generative-xai",
            Kind::Contextualai(_) => "generative-contextualai",
            Kind::Deepseek(_) => "generative-deepseek",
        }
    }
}

/// One setter of a provider builder, by the kind of its option.
macro_rules! setter {
    (text, $(#[$doc:meta])* $field:ident) => {
        $(#[$doc])*
        pub fn $field(mut self, value: impl Into<String>) -> Self {
            self.0.$field = Some(value.into());
            self
        }
    };
    (number, $(#[$doc:meta])* $field:ident) => {
        $(#[$doc])*
        pub fn $field(mut self, value: f64) -> Self {
            self.0.$field = Some(value);
            self
        }
    };
    (count, $(#[$doc:meta])* $field:ident) => {
        $(#[$doc])*
        pub fn $field(mut self, value: u32) -> Self {
            self.0.$field = Some(i64::from(value));
            self
        }
    };
    (flag, $(#[$doc:meta])* $field:ident) => {
        $(#[$doc])*
        pub fn $field(mut self, value: bool) -> Self {
            self.0.$field = Some(value);
            self
        }
    };
    (list, $(#[$doc:meta])* $field:ident) => {
        $(#[$doc])*
        pub fn $field<I, S>(mut self, values: I) -> Self
        where
            I: IntoIterator<Item = S>,
            S: Into<String>,
        {
            self.0.$field = Some(pb::TextArray {
                values: values.into_iter().map(Into::into).collect(),
            });
            self
        }
    };
}

/// The provider builders: a newtype over the provider's wire message, `new()`, one setter per
/// option, and `Into<Provider>`.
macro_rules! providers {
    ($(
        $(#[$doc:meta])*
        $name:ident($wire:ident => $variant:ident) {
            $( $(#[$fdoc:meta])* $field:ident: $kind:ident, )*
        }
    )*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name(pb::$wire);

        impl $name {
            /// No per-query options: the collection's module settings apply.
            pub fn new() -> Self {
                Self::default()
            }

            $( setter!($kind, $(#[$fdoc])* $field); )*
        }

        impl From<$name> for Provider {
            fn from(p: $name) -> Provider {
                Provider(Kind::$variant(p.0))
            }
        }
    )*};
}

providers! {
    /// `generative-anthropic` (Claude).
    Anthropic(GenerativeAnthropic => Anthropic) {
        /// The API's base URL.
        base_url: text,
        /// The most tokens to generate.
        max_tokens: count,
        /// The model.
        model: text,
        /// Sampling temperature.
        temperature: number,
        /// Sample from the `k` most likely tokens.
        top_k: count,
        /// Nucleus sampling probability mass.
        top_p: number,
        /// Sequences that stop generation.
        stop_sequences: list,
        /// Images sent with the prompt (base64).
        images: list,
        /// Blob properties of the objects sent as images.
        image_properties: list,
    }

    /// `generative-anyscale`.
    Anyscale(GenerativeAnyscale => Anyscale) {
        /// The API's base URL.
        base_url: text,
        /// The model.
        model: text,
        /// Sampling temperature.
        temperature: number,
    }

    /// `generative-aws` (Bedrock or SageMaker).
    Aws(GenerativeAws => Aws) {
        /// The model (Bedrock).
        model: text,
        /// Sampling temperature.
        temperature: number,
        /// `bedrock` or `sagemaker`.
        service: text,
        /// The AWS region.
        region: text,
        /// The SageMaker endpoint.
        endpoint: text,
        /// The SageMaker target model.
        target_model: text,
        /// The SageMaker target variant.
        target_variant: text,
        /// Images sent with the prompt (base64).
        images: list,
        /// Blob properties of the objects sent as images.
        image_properties: list,
        /// The most tokens to generate.
        max_tokens: count,
        /// Sequences that stop generation.
        stop_sequences: list,
    }

    /// `generative-cohere`.
    Cohere(GenerativeCohere => Cohere) {
        /// The API's base URL.
        base_url: text,
        /// Penalty for tokens by how often they appeared.
        frequency_penalty: number,
        /// The most tokens to generate.
        max_tokens: count,
        /// The model.
        model: text,
        /// Sample from the `k` most likely tokens.
        k: count,
        /// Nucleus sampling probability mass.
        p: number,
        /// Penalty for tokens that appeared at all.
        presence_penalty: number,
        /// Sequences that stop generation.
        stop_sequences: list,
        /// Sampling temperature.
        temperature: number,
        /// Images sent with the prompt (base64).
        images: list,
        /// Blob properties of the objects sent as images.
        image_properties: list,
    }

    /// `generative-dummy` (for tests; no options). Weaviate 1.39 reads nothing from it: the
    /// collection's generative module runs, and with
    /// [`return_metadata`](super::Generate::return_metadata) the server refuses the search (it
    /// knows no provider to report for).
    Dummy(GenerativeDummy => Dummy) {}

    /// `generative-mistral`.
    Mistral(GenerativeMistral => Mistral) {
        /// The API's base URL.
        base_url: text,
        /// The most tokens to generate.
        max_tokens: count,
        /// The model.
        model: text,
        /// Sampling temperature.
        temperature: number,
        /// Nucleus sampling probability mass.
        top_p: number,
    }

    /// `generative-ollama`.
    Ollama(GenerativeOllama => Ollama) {
        /// The Ollama server's URL.
        api_endpoint: text,
        /// The model.
        model: text,
        /// Sampling temperature.
        temperature: number,
        /// Images sent with the prompt (base64).
        images: list,
        /// Blob properties of the objects sent as images.
        image_properties: list,
    }

    /// `generative-openai` (OpenAI, Azure OpenAI, or any OpenAI-compatible service by
    /// [`base_url`](OpenAi::base_url)).
    ///
    /// ```
    /// use weaviate_orm::query::generative::{OpenAi, ReasoningEffort};
    ///
    /// let provider = OpenAi::new()
    ///     .model("gpt-4o-mini")
    ///     .temperature(0.2)
    ///     .max_tokens(200)
    ///     .stop(["\n\n"])
    ///     .reasoning_effort(ReasoningEffort::Low);
    /// # let _ = provider;
    /// ```
    OpenAi(GenerativeOpenAi => Openai) {
        /// Penalty for tokens by how often they appeared.
        frequency_penalty: number,
        /// The most tokens to generate (sent as `max_completion_tokens` to chat models).
        max_tokens: count,
        /// The model.
        model: text,
        /// How many completions to generate.
        n: count,
        /// Penalty for tokens that appeared at all.
        presence_penalty: number,
        /// Sequences that stop generation.
        stop: list,
        /// Sampling temperature.
        temperature: number,
        /// Nucleus sampling probability mass.
        top_p: number,
        /// The API's base URL (an OpenAI-compatible service).
        base_url: text,
        /// The Azure API version.
        api_version: text,
        /// The Azure resource name.
        resource_name: text,
        /// The Azure deployment id.
        deployment_id: text,
        /// Talk to Azure OpenAI.
        is_azure: flag,
        /// Images sent with the prompt (base64).
        images: list,
        /// Blob properties of the objects sent as images.
        image_properties: list,
    }

    /// `generative-google` (Gemini on AI Studio or Vertex AI).
    Google(GenerativeGoogle => Google) {
        /// Penalty for tokens by how often they appeared.
        frequency_penalty: number,
        /// The most tokens to generate.
        max_tokens: count,
        /// The model.
        model: text,
        /// Penalty for tokens that appeared at all.
        presence_penalty: number,
        /// Sampling temperature.
        temperature: number,
        /// Sample from the `k` most likely tokens.
        top_k: count,
        /// Nucleus sampling probability mass.
        top_p: number,
        /// Sequences that stop generation.
        stop_sequences: list,
        /// The API endpoint.
        api_endpoint: text,
        /// The Vertex AI project.
        project_id: text,
        /// The Vertex AI endpoint id.
        endpoint_id: text,
        /// The region.
        region: text,
        /// Images sent with the prompt (base64).
        images: list,
        /// Blob properties of the objects sent as images.
        image_properties: list,
        /// The Vertex AI location.
        location: text,
    }

    /// `generative-databricks`.
    Databricks(GenerativeDatabricks => Databricks) {
        /// The serving endpoint's URL.
        endpoint: text,
        /// The model.
        model: text,
        /// Penalty for tokens by how often they appeared.
        frequency_penalty: number,
        /// Return log probabilities.
        log_probs: flag,
        /// How many most likely tokens to return log probabilities of.
        top_log_probs: count,
        /// The most tokens to generate.
        max_tokens: count,
        /// How many completions to generate.
        n: count,
        /// Penalty for tokens that appeared at all.
        presence_penalty: number,
        /// Sequences that stop generation.
        stop: list,
        /// Sampling temperature.
        temperature: number,
        /// Nucleus sampling probability mass.
        top_p: number,
    }

    /// `generative-friendliai`.
    FriendliAi(GenerativeFriendliAi => Friendliai) {
        /// The API's base URL.
        base_url: text,
        /// The model.
        model: text,
        /// The most tokens to generate.
        max_tokens: count,
        /// Sampling temperature.
        temperature: number,
        /// How many completions to generate.
        n: count,
        /// Nucleus sampling probability mass.
        top_p: number,
    }

    /// `generative-nvidia`.
    Nvidia(GenerativeNvidia => Nvidia) {
        /// The API's base URL.
        base_url: text,
        /// The model.
        model: text,
        /// Sampling temperature.
        temperature: number,
        /// Nucleus sampling probability mass.
        top_p: number,
        /// The most tokens to generate.
        max_tokens: count,
    }

    /// `generative-xai` (Grok).
    Xai(GenerativeXai => Xai) {
        /// The API's base URL.
        base_url: text,
        /// The model.
        model: text,
        /// Sampling temperature.
        temperature: number,
        /// Nucleus sampling probability mass.
        top_p: number,
        /// The most tokens to generate.
        max_tokens: count,
        /// Images sent with the prompt (base64).
        images: list,
        /// Blob properties of the objects sent as images.
        image_properties: list,
    }

    /// `generative-contextualai`.
    ContextualAi(GenerativeContextualAi => Contextualai) {
        /// The model.
        model: text,
        /// Sampling temperature.
        temperature: number,
        /// Nucleus sampling probability mass.
        top_p: number,
        /// The most new tokens to generate.
        max_new_tokens: count,
        /// The system prompt.
        system_prompt: text,
        /// Leave out commentary that is not grounded in the knowledge.
        avoid_commentary: flag,
        /// Knowledge passages given to the model besides the objects.
        knowledge: list,
    }

    /// `generative-deepseek`.
    Deepseek(GenerativeDeepseek => Deepseek) {
        /// The API's base URL.
        base_url: text,
        /// The model.
        model: text,
        /// Sampling temperature.
        temperature: number,
        /// The most tokens to generate.
        max_tokens: count,
        /// Penalty for tokens by how often they appeared.
        frequency_penalty: number,
        /// Penalty for tokens that appeared at all.
        presence_penalty: number,
        /// Nucleus sampling probability mass.
        top_p: number,
        /// Sequences that stop generation.
        stop: list,
    }
}

/// How hard an OpenAI reasoning model thinks ([`OpenAi::reasoning_effort`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasoningEffort {
    /// `minimal`.
    Minimal,
    /// `low`.
    Low,
    /// `medium`.
    Medium,
    /// `high`.
    High,
}

/// How long an OpenAI model's answers are ([`OpenAi::verbosity`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verbosity {
    /// `low`.
    Low,
    /// `medium`.
    Medium,
    /// `high`.
    High,
}

impl OpenAi {
    /// The reasoning effort of a reasoning model (sent as `reasoning_effort`).
    pub fn reasoning_effort(mut self, effort: ReasoningEffort) -> Self {
        use pb::generative_open_ai::ReasoningEffort as W;
        self.0.reasoning_effort = Some(match effort {
            ReasoningEffort::Minimal => W::Minimal,
            ReasoningEffort::Low => W::Low,
            ReasoningEffort::Medium => W::Medium,
            ReasoningEffort::High => W::High,
        } as i32);
        self
    }

    /// The verbosity of the answers (sent as `verbosity`).
    pub fn verbosity(mut self, verbosity: Verbosity) -> Self {
        use pb::generative_open_ai::Verbosity as W;
        self.0.verbosity = Some(match verbosity {
            Verbosity::Low => W::Low,
            Verbosity::Medium => W::Medium,
            Verbosity::High => W::High,
        } as i32);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openai_options_land_in_their_wire_fields() {
        let Provider(Kind::Openai(o)) = OpenAi::new()
            .model("m")
            .temperature(0.25)
            .top_p(0.5)
            .max_tokens(7)
            .n(2)
            .stop(["a", "b"])
            .frequency_penalty(0.1)
            .presence_penalty(0.2)
            .base_url("http://x")
            .is_azure(false)
            .reasoning_effort(ReasoningEffort::High)
            .verbosity(Verbosity::Low)
            .into()
        else {
            panic!("not openai")
        };
        assert_eq!(o.model.as_deref(), Some("m"));
        assert_eq!((o.temperature, o.top_p), (Some(0.25), Some(0.5)));
        assert_eq!((o.max_tokens, o.n), (Some(7), Some(2)));
        assert_eq!(o.stop.unwrap().values, ["a", "b"]);
        assert_eq!(
            (o.frequency_penalty, o.presence_penalty),
            (Some(0.1), Some(0.2))
        );
        assert_eq!(o.base_url.as_deref(), Some("http://x"));
        assert_eq!(o.is_azure, Some(false));
        assert_eq!(
            o.reasoning_effort,
            Some(pb::generative_open_ai::ReasoningEffort::High as i32)
        );
        assert_eq!(
            o.verbosity,
            Some(pb::generative_open_ai::Verbosity::Low as i32)
        );
        assert_eq!(o.api_version, None);
    }

    #[test]
    fn every_provider_maps_to_its_module() {
        let all: Vec<Provider> = vec![
            Anthropic::new().top_k(3).into(),
            Anyscale::new().into(),
            Aws::new().service("bedrock").into(),
            Cohere::new().k(2).into(),
            Dummy::new().into(),
            Mistral::new().into(),
            Ollama::new().api_endpoint("http://o").into(),
            OpenAi::new().into(),
            Google::new().location("eu").into(),
            Databricks::new().log_probs(true).into(),
            FriendliAi::new().into(),
            Nvidia::new().into(),
            Xai::new().into(),
            ContextualAi::new().knowledge(["k"]).into(),
            Deepseek::new().into(),
        ];
        let modules: Vec<&str> = all.iter().map(Provider::module).collect();
        assert_eq!(
            modules,
            [
                "generative-anthropic",
                "generative-anyscale",
                "generative-aws",
                "generative-cohere",
                "generative-dummy",
                "generative-mistral",
                "generative-ollama",
                "generative-openai",
                "generative-google",
                "generative-databricks",
                "generative-friendliai",
                "generative-nvidia",
                "generative-xai",
                "generative-contextualai",
                "generative-deepseek",
            ]
        );
        let Provider(Kind::Contextualai(c)) = &all[13] else {
            panic!()
        };
        assert_eq!(c.knowledge.as_ref().unwrap().values, ["k"]);
    }
}
