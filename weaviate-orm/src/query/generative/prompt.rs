//! Prompts with `{property}` placeholders, checked against their collection: at compile time with
//! [`prompt!`](crate::prompt!), at run time with [`Prompt::new`].
//!
//! The grammar is the server's (`{([\w\s]*?)}` in Weaviate's generative modules): `{`, a property
//! name (ASCII letters, digits, `_`), `}`. A `{` that is not followed by a name is literal text (so
//! JSON in a prompt is fine: `{"a": 1}`). Refused here, because the server would not do what was
//! meant: a `{` that starts a name and is not closed by `}` (the server sends it literally), an
//! empty `{}`, and whitespace inside the braces (`{ title }`: the server looks up a property
//! named `" title "` and fails the search).

use std::fmt;
use std::marker::PhantomData;

use crate::collection::CollectionKind;
use crate::error::{Error, Result};
use crate::filter::Untyped;
use crate::typed::WeaviateCollection;

/// A prompt (or grouped task) for searches on collection `C`, its `{property}` placeholders
/// checked against `C`'s properties. Made by [`prompt!`](crate::prompt!) (checked at compile time)
/// or [`Prompt::new`] (checked at run time); a prompt of one collection cannot be used in a search
/// of another.
///
/// ```
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, lang: String }
/// use weaviate_orm::prompt;
/// use weaviate_orm::query::generative::Prompt;
///
/// let checked = prompt!(Article, "Summarize {title} in {lang}");
/// assert_eq!(checked.placeholders(), ["title", "lang"]);
///
/// let dynamic = Prompt::<Article>::new(format!("Translate {{title}} to {}", "French")).unwrap();
/// assert_eq!(dynamic.as_str(), "Translate {title} to French");
///
/// let wrong = Prompt::<Article>::new("Summarize {body}").unwrap_err();
/// assert!(wrong.to_string().contains("`{body}` is not a property of `Article`"));
/// ```
pub struct Prompt<C> {
    text: String,
    _collection: PhantomData<fn() -> C>,
}

impl<C> Clone for Prompt<C> {
    fn clone(&self) -> Self {
        Prompt {
            text: self.text.clone(),
            _collection: PhantomData,
        }
    }
}

impl<C> fmt::Debug for Prompt<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Prompt").field(&self.text).finish()
    }
}

impl<C> PartialEq for Prompt<C> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl<C> fmt::Display for Prompt<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<C: PromptCollection> Prompt<C> {
    /// A prompt built at run time, checked now: every placeholder must be a property of `C`
    /// (for [`Untyped`], only the syntax is checked: the properties are the server's to know).
    /// A refusal is [`Error::InvalidInput`] naming the placeholder; nothing is sent.
    pub fn new(text: impl Into<String>) -> Result<Self> {
        let text = text.into();
        let message = check_message(C::__PROPERTY_NAMES, C::__NAME, &text);
        if !message.is_empty() {
            return Err(Error::invalid(message.as_str()));
        }
        Ok(Prompt {
            text,
            _collection: PhantomData,
        })
    }
}

impl<C> Prompt<C> {
    /// The prompt's text, placeholders included.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The property names of the placeholders, in order.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let mut at = 0;
        while let Some(found) = next_placeholder(self.text.as_bytes(), at) {
            match found {
                Found::Placeholder { name, end } => {
                    out.push(&self.text[name.0..name.1]);
                    at = end;
                }
                Found::Literal { next } => at = next,
                Found::Unclosed | Found::Empty | Found::Spaced { .. } => break,
            }
        }
        out
    }

    /// Used by [`prompt!`](crate::prompt!) after its compile-time check.
    #[doc(hidden)]
    pub fn __checked(text: &'static str) -> Self {
        Prompt {
            text: text.to_owned(),
            _collection: PhantomData,
        }
    }

    pub(crate) fn into_string(self) -> String {
        self.text
    }
}

/// What a prompt of collection `C` can be made from: a [`Prompt<C>`], or, for untyped searches, a
/// string (checked when the search is built). Typed searches take a `Prompt<C>` only, so their
/// placeholders are always checked against `C`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a prompt of collection `{C}`",
    label = "expected a `Prompt<{C}>`",
    note = "typed searches take `prompt!({C}, \"... {{property}} ...\")` or `Prompt::<{C}>::new(text)?`; a prompt of another collection does not fit"
)]
pub trait IntoPrompt<C>: crate::sealed::SealedFor<C> {
    /// The prompt, or why it is refused.
    #[doc(hidden)]
    fn __into_prompt(self) -> Result<Prompt<C>>;
}

impl<C> IntoPrompt<C> for Prompt<C> {
    fn __into_prompt(self) -> Result<Prompt<C>> {
        Ok(self)
    }
}

impl IntoPrompt<Untyped> for &str {
    fn __into_prompt(self) -> Result<Prompt<Untyped>> {
        Prompt::new(self)
    }
}

impl IntoPrompt<Untyped> for String {
    fn __into_prompt(self) -> Result<Prompt<Untyped>> {
        Prompt::new(self)
    }
}

impl IntoPrompt<Untyped> for &String {
    fn __into_prompt(self) -> Result<Prompt<Untyped>> {
        Prompt::new(self.as_str())
    }
}

/// The collections a prompt can be checked against: every struct deriving
/// [`WeaviateCollection`] (its [`PROPERTY_NAMES`](WeaviateCollection::PROPERTY_NAMES)) and
/// [`Untyped`] (syntax only). Implemented by this crate only.
pub trait PromptCollection: CollectionKind {
    #[doc(hidden)]
    const __PROPERTY_NAMES: Option<&'static [&'static str]>;
    #[doc(hidden)]
    const __NAME: &'static str;
}

impl PromptCollection for Untyped {
    const __PROPERTY_NAMES: Option<&'static [&'static str]> = None;
    const __NAME: &'static str = "the collection";
}

impl<T: WeaviateCollection> PromptCollection for T {
    const __PROPERTY_NAMES: Option<&'static [&'static str]> = Some(T::PROPERTY_NAMES);
    const __NAME: &'static str = T::NAME;
}

/// A prompt for searches on a derived collection, its placeholders checked at compile time: a
/// `{name}` that is not a property of the collection, an empty `{}`, an unclosed `{name` or
/// whitespace inside the braces (`{ name }`) fails the build with a message naming it. Gives a [`Prompt<C>`](crate::query::generative::Prompt).
///
/// ```
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String, lang: String }
/// let prompt = weaviate_orm::prompt!(Article, "Summarize {title} in {lang}");
/// assert_eq!(prompt.placeholders(), ["title", "lang"]);
/// ```
///
/// ```compile_fail
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String }
/// // error: prompt!: `{lang}` is not a property of `Article` (its properties: title)
/// let prompt = weaviate_orm::prompt!(Article, "Summarize {title} in {lang}");
/// ```
#[macro_export]
macro_rules! prompt {
    ($collection:ty, $prompt:expr $(,)?) => {
        $crate::query::generative::Prompt::<$collection>::__checked(
            const {
                let message = $crate::query::generative::__check_prompt(
                    ::core::option::Option::Some(
                        <$collection as $crate::WeaviateCollection>::PROPERTY_NAMES,
                    ),
                    <$collection as $crate::WeaviateCollection>::NAME,
                    $prompt,
                );
                if !message.is_empty() {
                    ::core::panic!("{}", message.as_str());
                }
                $prompt
            },
        )
    };
}

/// Why a prompt is refused, as text built at compile time (empty: accepted).
#[doc(hidden)]
pub struct CheckMessage {
    buf: [u8; 512],
    len: usize,
}

impl CheckMessage {
    const fn new() -> Self {
        CheckMessage {
            buf: [0; 512],
            len: 0,
        }
    }

    const fn push(mut self, s: &str) -> Self {
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() && self.len < self.buf.len() {
            self.buf[self.len] = bytes[i];
            self.len += 1;
            i += 1;
        }
        self
    }

    const fn push_bytes(self, bytes: &[u8], from: usize, to: usize) -> Self {
        let (head, _) = bytes.split_at(to);
        let (_, part) = head.split_at(from);
        match std::str::from_utf8(part) {
            Ok(s) => self.push(s),
            Err(_) => self,
        }
    }

    /// Nothing to report.
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The message (cut at 512 bytes).
    pub const fn as_str(&self) -> &str {
        let (used, _) = self.buf.split_at(self.len);
        match std::str::from_utf8(used) {
            Ok(s) => s,
            Err(e) => match std::str::from_utf8(used.split_at(e.valid_up_to()).0) {
                Ok(s) => s,
                Err(_) => "",
            },
        }
    }
}

/// Checks `prompt` against `names` (`None`: syntax only), for [`prompt!`](crate::prompt!) and
/// [`Prompt::new`]; the message is empty when the prompt is accepted.
#[doc(hidden)]
pub const fn __check_prompt(
    names: Option<&[&str]>,
    collection: &str,
    prompt: &str,
) -> CheckMessage {
    check_message(names, collection, prompt)
}

const fn check_message(names: Option<&[&str]>, collection: &str, prompt: &str) -> CheckMessage {
    let bytes = prompt.as_bytes();
    let mut at = 0;
    while let Some(found) = next_placeholder(bytes, at) {
        match found {
            Found::Literal { next } => at = next,
            Found::Unclosed => {
                return CheckMessage::new()
                    .push("prompt: unclosed `{` in \"")
                    .push(prompt)
                    .push("\": a placeholder is `{property}`");
            }
            Found::Spaced { start, end } => {
                return CheckMessage::new()
                    .push("prompt: `")
                    .push_bytes(bytes, start, end)
                    .push("` has whitespace inside the braces: the server looks the property up as written; write `{name}`");
            }
            Found::Empty => {
                return CheckMessage::new()
                    .push("prompt: empty placeholder `{}` in \"")
                    .push(prompt)
                    .push("\": a placeholder names a property, `{property}`");
            }
            Found::Placeholder { name, end } => {
                if let Some(names) = names {
                    if !contains(names, bytes, name.0, name.1) {
                        let mut m = CheckMessage::new()
                            .push("prompt: `{")
                            .push_bytes(bytes, name.0, name.1)
                            .push("}` is not a property of `")
                            .push(collection)
                            .push("` (its properties: ");
                        let mut i = 0;
                        while i < names.len() {
                            if i > 0 {
                                m = m.push(", ");
                            }
                            m = m.push(names[i]);
                            i += 1;
                        }
                        if names.is_empty() {
                            m = m.push("none");
                        }
                        return m.push(")");
                    }
                }
                at = end;
            }
        }
    }
    CheckMessage::new()
}

const fn contains(names: &[&str], bytes: &[u8], from: usize, to: usize) -> bool {
    let mut i = 0;
    while i < names.len() {
        let n = names[i].as_bytes();
        if n.len() == to - from {
            let mut j = 0;
            while j < n.len() && n[j] == bytes[from + j] {
                j += 1;
            }
            if j == n.len() {
                return true;
            }
        }
        i += 1;
    }
    false
}

/// What the scanner found from a position on.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Found {
    /// A placeholder: the name's byte range and the position after its `}`.
    Placeholder { name: (usize, usize), end: usize },
    /// `{ name }`: whitespace inside the braces; the byte range of the whole placeholder.
    Spaced { start: usize, end: usize },
    /// A `{` that is literal text; scanning goes on at `next`.
    Literal { next: usize },
    /// `{name` without its `}`.
    Unclosed,
    /// `{}` or `{  }`.
    Empty,
}

const fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The server's `\s`: tab, newline, form feed, carriage return, space.
const fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// The next `{` at or after `from` and what it starts; `None` when there is none.
const fn next_placeholder(bytes: &[u8], from: usize) -> Option<Found> {
    let mut i = from;
    while i < bytes.len() && bytes[i] != b'{' {
        i += 1;
    }
    if i >= bytes.len() {
        return None;
    }
    let mut j = i + 1;
    let mut word = false;
    let mut space = false;
    while j < bytes.len() && (is_word(bytes[j]) || is_space(bytes[j])) {
        word |= is_word(bytes[j]);
        space |= is_space(bytes[j]);
        j += 1;
    }
    let closed = j < bytes.len() && bytes[j] == b'}';
    Some(match (closed, word) {
        (true, true) if space => Found::Spaced {
            start: i,
            end: j + 1,
        },
        (true, true) => Found::Placeholder {
            name: (i + 1, j),
            end: j + 1,
        },
        (true, false) => Found::Empty,
        (false, true) => Found::Unclosed,
        (false, false) => Found::Literal { next: i + 1 },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: &[&str] = &["title", "lang", "body_text"];

    fn check(prompt: &str) -> String {
        check_message(Some(NAMES), "Article", prompt)
            .as_str()
            .to_owned()
    }

    #[test]
    fn accepts_known_placeholders() {
        assert_eq!(check("Summarize {title} in {lang}, {body_text}."), "");
        assert_eq!(check("no placeholders at all"), "");
        assert_eq!(check(""), "");
    }

    #[test]
    fn braces_that_start_no_name_are_literal_like_the_server() {
        assert_eq!(
            check(r#"Answer as JSON: {"summary": "..."} about {title}"#),
            ""
        );
        assert_eq!(check("a } alone, and { \"x\" }"), "");
        // `{{title}}`: the server interpolates the inner `{title}`.
        assert_eq!(check("{{title}}"), "");
    }

    #[test]
    fn refuses_an_unknown_placeholder_naming_it_and_the_properties() {
        assert_eq!(
            check("Summarize {title} for {audience}"),
            "prompt: `{audience}` is not a property of `Article` (its properties: title, lang, body_text)"
        );
        assert_eq!(
            check_message(Some(&[]), "Empty", "{x}").as_str(),
            "prompt: `{x}` is not a property of `Empty` (its properties: none)"
        );
        // Names are compared exactly (Weaviate's property names are case-sensitive).
        assert!(!check("{Title}").is_empty());
        assert!(!check("{titl}").is_empty());
        assert!(!check("{titles}").is_empty());
    }

    #[test]
    fn refuses_whitespace_inside_the_braces() {
        // The server's property extraction does not trim: `{ lang }` asks for property " lang ".
        assert_eq!(
            check("in { lang }"),
            "prompt: `{ lang }` has whitespace inside the braces: the server looks the property up as written; write `{name}`"
        );
        assert!(check("{title }").starts_with("prompt: `{title }` has whitespace"));
        assert!(check("{body text}").starts_with("prompt: `{body text}` has whitespace"));
    }

    #[test]
    fn refuses_unclosed_and_empty_placeholders() {
        assert_eq!(
            check("Summarize {title"),
            "prompt: unclosed `{` in \"Summarize {title\": a placeholder is `{property}`"
        );
        assert!(check("{title, lang}").starts_with("prompt: unclosed `{`"));
        assert!(check("Fill in: {}").starts_with("prompt: empty placeholder `{}`"));
        assert!(check("{   }").starts_with("prompt: empty placeholder"));
    }

    #[test]
    fn untyped_checks_the_syntax_only() {
        assert!(check_message(None, "x", "{anything} {goes}").is_empty());
        assert!(!check_message(None, "x", "{unclosed").is_empty());
    }

    #[test]
    fn placeholders_are_listed_in_order() {
        let p: Prompt<Untyped> = Prompt::new("{a} {\"json\"} {b}{a}").unwrap();
        assert_eq!(p.placeholders(), ["a", "b", "a"]);
    }

    #[test]
    fn runtime_refusal_is_invalid_input() {
        let e = Prompt::<Untyped>::new("oops {x").unwrap_err();
        assert!(matches!(e, Error::InvalidInput { .. }), "{e:?}");
    }

    #[test]
    fn a_long_message_is_cut_on_a_char_boundary() {
        let long = format!("{} {{nope}}", "é".repeat(400));
        let m = check(&long);
        assert!(m.len() <= 512 && m.starts_with("prompt: `{nope}`"), "{m}");
        let unclosed = format!("{{x {}", "é".repeat(400));
        assert!(check(&unclosed).len() <= 512);
    }
}
