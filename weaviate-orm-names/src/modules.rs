//! The Weaviate v1.39.0 modules the derive knows by identifier (`text2vec_openai` for
//! `text2vec-openai`); the code generator writes only these that way, so both use this list.

/// The vectorizer modules of Weaviate v1.39.0.
pub const VECTORIZERS: &[&str] = &[
    "text2vec-aws",
    "text2vec-bigram",
    "text2vec-cohere",
    "text2vec-contextionary",
    "text2vec-databricks",
    "text2vec-digitalocean",
    "text2vec-google",
    "text2vec-gpt4all",
    "text2vec-huggingface",
    "text2vec-jinaai",
    "text2vec-mistral",
    "text2vec-model2vec",
    "text2vec-morph",
    "text2vec-nvidia",
    "text2vec-octoai",
    "text2vec-ollama",
    "text2vec-openai",
    "text2vec-transformers",
    "text2vec-voyageai",
    "text2vec-weaviate",
    "text2multivec-jinaai",
    "multi2vec-aws",
    "multi2vec-bind",
    "multi2vec-clip",
    "multi2vec-cohere",
    "multi2vec-google",
    "multi2vec-jinaai",
    "multi2vec-nvidia",
    "multi2vec-twelvelabs",
    "multi2vec-voyageai",
    "multi2multivec-jinaai",
    "multi2multivec-weaviate",
    "img2vec-neural",
    "ref2vec-centroid",
];

/// The generative modules of Weaviate v1.39.0.
pub const GENERATIVE: &[&str] = &[
    "generative-anthropic",
    "generative-anyscale",
    "generative-aws",
    "generative-cohere",
    "generative-contextualai",
    "generative-databricks",
    "generative-deepseek",
    "generative-dummy",
    "generative-friendliai",
    "generative-google",
    "generative-mistral",
    "generative-nvidia",
    "generative-octoai",
    "generative-ollama",
    "generative-openai",
    "generative-xai",
];

/// The reranker modules of Weaviate v1.39.0.
pub const RERANKERS: &[&str] = &[
    "reranker-cohere",
    "reranker-contextualai",
    "reranker-dummy",
    "reranker-jinaai",
    "reranker-nvidia",
    "reranker-transformers",
    "reranker-voyageai",
];

/// What a module does for a collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleKind {
    /// A vectorizer (`text2vec-*`, `multi2vec-*`, `ref2vec-*`, ...).
    Vectorizer,
    /// A generative module (`generative-*`).
    Generative,
    /// A reranker (`reranker-*`).
    Reranker,
}

impl ModuleKind {
    /// The modules of this kind the derive knows by identifier.
    ///
    /// ```
    /// use weaviate_orm_names::modules::ModuleKind;
    ///
    /// assert!(ModuleKind::Reranker.known().contains(&"reranker-dummy"));
    /// ```
    pub fn known(self) -> &'static [&'static str] {
        match self {
            ModuleKind::Vectorizer => VECTORIZERS,
            ModuleKind::Generative => GENERATIVE,
            ModuleKind::Reranker => RERANKERS,
        }
    }
}

/// Why a module name is refused by [`custom_module_name`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModuleNameProblem {
    /// Empty, or not only lowercase letters, digits, `-` and `_`.
    BadCharacters,
    /// A generative module not starting with `generative-`, a reranker not starting with
    /// `reranker-`, or a vectorizer starting with either.
    WrongKind,
}

/// A module name written out (`module("my-module")` in the derive): lowercase letters, digits,
/// `-` and `_`, with the prefix of its kind.
///
/// ```
/// use weaviate_orm_names::modules::{ModuleKind, ModuleNameProblem, custom_module_name};
///
/// assert!(custom_module_name("text2vec-mine", ModuleKind::Vectorizer).is_ok());
/// assert_eq!(
///     custom_module_name("mine", ModuleKind::Generative),
///     Err(ModuleNameProblem::WrongKind)
/// );
/// ```
pub fn custom_module_name(name: &str, kind: ModuleKind) -> Result<(), ModuleNameProblem> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        return Err(ModuleNameProblem::BadCharacters);
    }
    let prefix_ok = match kind {
        ModuleKind::Generative => name.starts_with("generative-"),
        ModuleKind::Reranker => name.starts_with("reranker-"),
        ModuleKind::Vectorizer => {
            !name.starts_with("generative-") && !name.starts_with("reranker-")
        }
    };
    if prefix_ok {
        Ok(())
    } else {
        Err(ModuleNameProblem::WrongKind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn custom_module_names() {
        use ModuleKind::*;
        for (name, kind, expected) in [
            ("text2vec-mine", Vectorizer, Ok(())),
            ("my_vectorizer-2", Vectorizer, Ok(())),
            ("generative-mine", Generative, Ok(())),
            ("reranker-mine", Reranker, Ok(())),
            ("", Vectorizer, Err(ModuleNameProblem::BadCharacters)),
            (
                "Text2vec",
                Vectorizer,
                Err(ModuleNameProblem::BadCharacters),
            ),
            (
                "my module",
                Vectorizer,
                Err(ModuleNameProblem::BadCharacters),
            ),
            (
                "generative-mine",
                Vectorizer,
                Err(ModuleNameProblem::WrongKind),
            ),
            (
                "reranker-mine",
                Vectorizer,
                Err(ModuleNameProblem::WrongKind),
            ),
            ("mine", Generative, Err(ModuleNameProblem::WrongKind)),
            (
                "generative-mine",
                Reranker,
                Err(ModuleNameProblem::WrongKind),
            ),
        ] {
            assert_eq!(custom_module_name(name, kind), expected, "{name} {kind:?}");
        }
        for list in [VECTORIZERS, GENERATIVE, RERANKERS] {
            assert!(list.windows(2).all(|w| w[0] != w[1]));
        }
        for kind in [Vectorizer, Generative, Reranker] {
            for name in kind.known() {
                assert_eq!(custom_module_name(name, kind), Ok(()), "{name}");
            }
        }
    }
}
