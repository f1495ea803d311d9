//! Collecting every error of a derive input, so that one build reports all of them.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;

/// The errors found so far. Parsing and validation push into it and go on with the next attribute;
/// the expansion fails at the end if anything was pushed.
#[derive(Default)]
pub(crate) struct Errors {
    errors: Vec<syn::Error>,
}

impl Errors {
    /// Records an error at a span.
    pub(crate) fn at(&mut self, span: Span, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// Records an error covering some tokens (first to last token, also on stable Rust).
    pub(crate) fn spanned(&mut self, tokens: impl ToTokens, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error that syn already built.
    pub(crate) fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// Whether nothing went wrong.
    pub(crate) fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// All errors as one `syn::Error` (rendered as one `compile_error!` each), `None` if there are none.
    pub(crate) fn combined(self) -> Option<syn::Error> {
        let mut errors = self.errors.into_iter();
        let mut first = errors.next()?;
        for error in errors {
            first.combine(error);
        }
        Some(first)
    }

    /// The errors as `compile_error!` invocations, appended to `tokens`.
    pub(crate) fn into_compile_errors(self) -> TokenStream {
        self.combined()
            .map(|e| e.to_compile_error())
            .unwrap_or_default()
    }
}

/// Every message of a combined error, one per line (for tests).
#[cfg(test)]
pub(crate) fn messages(error: syn::Error) -> String {
    error
        .into_iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// "one of `a`, `b` or `c`".
pub(crate) fn one_of(choices: &[&str]) -> String {
    let quoted: Vec<String> = choices.iter().map(|c| format!("`{c}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("one of {} or {last}", init.join(", ")),
    }
}

/// The message for a word that is not among `choices`: names the valid ones and, when a choice is
/// close to what was written, suggests it.
pub(crate) fn unknown(what: &str, found: &str, choices: &[&str]) -> String {
    let mut message = format!("unknown {what} `{found}`");
    if let Some(close) = closest(found, choices) {
        message.push_str(&format!("; did you mean `{close}`?"));
    }
    if !choices.is_empty() {
        message.push_str(&format!("\nexpected {}", one_of(choices)));
    }
    message
}

/// The choice nearest to `found` by edit distance, when it is near enough to be a typo.
pub(crate) fn closest<'a>(found: &str, choices: &[&'a str]) -> Option<&'a str> {
    let found = found.to_ascii_lowercase();
    choices
        .iter()
        .map(|c| (edit_distance(&found, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= c.len().div_ceil(3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_name_the_nearest_choice() {
        assert_eq!(
            closest("tokenisation", &["tokenization", "rename"]),
            Some("tokenization")
        );
        assert_eq!(closest("xyz", &["tokenization", "rename"]), None);
        let message = unknown("attribute", "renam", &["rename", "skip"]);
        assert_eq!(
            message,
            "unknown attribute `renam`; did you mean `rename`?\nexpected one of `rename` or `skip`"
        );
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
