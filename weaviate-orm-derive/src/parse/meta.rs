//! The syntax of `#[weaviate(...)]`, before any meaning is given to it.
//!
//! ```text
//! items := item (',' item)* ','?
//! item  := key '=' expr            e.g. `name = "Article"`, `index = hnsw(ef = 64)`
//!        | expr                    e.g. `skip`, `targets(Author, Publisher)`, `"my-module"`
//! key   := identifier (keywords allowed) | string literal
//! expr  := literal | '-' number | path | path '(' items ')' | '[' expr,* ']'
//! ```
//!
//! Every attribute is parsed into this tree first; the meaning (which keys exist where, which values
//! they take) is checked afterwards, so that one wrong key does not hide the errors after it.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, TokenStreamExt};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Ident, Lit, LitStr, Token, bracketed, parenthesized, token};

/// A comma-separated list of items: the content of `#[weaviate(...)]` or of a call's parentheses.
pub(crate) struct Items(pub Vec<Item>);

/// One item of a list.
pub(crate) enum Item {
    /// `key = value`.
    Assign {
        key: Key,
        eq: Token![=],
        value: Expr,
    },
    /// A value on its own: a flag (`skip`), a call (`targets(A, B)`), a literal.
    Bare(Expr),
}

/// The key of `key = value`.
pub(crate) enum Key {
    /// An identifier (keywords such as `type` are allowed).
    Ident(Ident),
    /// A string, taken verbatim (for module settings Weaviate spells in its own way).
    Str(LitStr),
}

/// A value.
pub(crate) enum Expr {
    /// A string, number or boolean literal.
    Lit(Lit),
    /// A negative number: `-1`.
    Neg(Token![-], Lit),
    /// A path: `cosine`, `Author`, `crate::models::Author`.
    Path(syn::Path),
    /// A path with arguments: `hnsw(ef = 64)`, `module("my-module")`.
    Call(Call),
    /// A list: `[title, body]`, `["a", "b"]`.
    Array(Array),
}

/// `path(items)`.
pub(crate) struct Call {
    pub path: syn::Path,
    pub paren: token::Paren,
    pub items: Items,
}

/// `[expr, ...]`.
pub(crate) struct Array {
    pub bracket: token::Bracket,
    pub elems: Vec<Expr>,
}

impl Parse for Items {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let list = Punctuated::<Item, Token![,]>::parse_terminated(input)?;
        Ok(Items(list.into_iter().collect()))
    }
}

impl Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let is_assign = input.peek2(Token![=]) && !input.peek2(Token![==]);
        if is_assign && input.peek(LitStr) {
            return Ok(Item::Assign {
                key: Key::Str(input.parse()?),
                eq: input.parse()?,
                value: input.parse()?,
            });
        }
        if is_assign && input.peek(Ident::peek_any) {
            return Ok(Item::Assign {
                key: Key::Ident(Ident::parse_any(input)?),
                eq: input.parse()?,
                value: input.parse()?,
            });
        }
        Ok(Item::Bare(input.parse()?))
    }
}

impl Parse for Expr {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Lit) {
            return Ok(Expr::Lit(input.parse()?));
        }
        if input.peek(Token![-]) {
            let minus: Token![-] = input.parse()?;
            let lit: Lit = input.parse()?;
            return match lit {
                Lit::Int(_) | Lit::Float(_) => Ok(Expr::Neg(minus, lit)),
                other => Err(syn::Error::new_spanned(
                    other,
                    "expected a number after `-`",
                )),
            };
        }
        if input.peek(token::Bracket) {
            let content;
            let bracket = bracketed!(content in input);
            let elems = Punctuated::<Expr, Token![,]>::parse_terminated(&content)?;
            return Ok(Expr::Array(Array {
                bracket,
                elems: elems.into_iter().collect(),
            }));
        }
        let lookahead = input.lookahead1();
        if lookahead.peek(Ident::peek_any) || lookahead.peek(Token![::]) {
            let path = syn::Path::parse_mod_style(input)?;
            if input.peek(token::Paren) {
                let content;
                let paren = parenthesized!(content in input);
                let items: Items = content.parse()?;
                return Ok(Expr::Call(Call { path, paren, items }));
            }
            return Ok(Expr::Path(path));
        }
        Err(lookahead.error())
    }
}

impl Key {
    /// The key as written (identifiers without `r#`).
    pub(crate) fn name(&self) -> String {
        match self {
            Key::Ident(ident) => ident.unraw().to_string(),
            Key::Str(lit) => lit.value(),
        }
    }

    pub(crate) fn span(&self) -> Span {
        match self {
            Key::Ident(ident) => ident.span(),
            Key::Str(lit) => lit.span(),
        }
    }
}

impl Item {
    /// The item's name: the key of `key = value`, the identifier of a flag or a call.
    pub(crate) fn name(&self) -> Option<String> {
        match self {
            Item::Assign { key, .. } => Some(key.name()),
            Item::Bare(expr) => expr.ident().map(|i| i.unraw().to_string()),
        }
    }

    /// Where the item's name is (for errors about the item as a whole, the key is enough).
    pub(crate) fn name_span(&self) -> Span {
        match self {
            Item::Assign { key, .. } => key.span(),
            Item::Bare(expr) => expr.ident().map_or_else(|| expr.first_span(), Ident::span),
        }
    }
}

impl Expr {
    /// The identifier when the expression is a one-segment path or a call of one.
    pub(crate) fn ident(&self) -> Option<&Ident> {
        match self {
            Expr::Path(path) | Expr::Call(Call { path, .. }) => path.get_ident(),
            _ => None,
        }
    }

    /// The span of the first token.
    pub(crate) fn first_span(&self) -> Span {
        match self {
            Expr::Lit(lit) => lit.span(),
            Expr::Neg(minus, _) => minus.span,
            Expr::Path(path) | Expr::Call(Call { path, .. }) => path
                .segments
                .first()
                .map_or_else(Span::call_site, |s| s.ident.span()),
            Expr::Array(array) => array.bracket.span.open(),
        }
    }

    /// What kind of value this is, for messages ("a string", "a list", ...).
    pub(crate) fn describe(&self) -> &'static str {
        match self {
            Expr::Lit(Lit::Str(_)) => "a string",
            Expr::Lit(Lit::Int(_)) | Expr::Neg(_, Lit::Int(_)) => "an integer",
            Expr::Lit(Lit::Float(_)) | Expr::Neg(..) => "a number",
            Expr::Lit(Lit::Bool(_)) => "a boolean",
            Expr::Lit(_) => "a literal",
            Expr::Path(_) => "a name",
            Expr::Call(_) => "a call",
            Expr::Array(_) => "a list",
        }
    }
}

impl ToTokens for Key {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Key::Ident(ident) => ident.to_tokens(tokens),
            Key::Str(lit) => lit.to_tokens(tokens),
        }
    }
}

impl ToTokens for Item {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Item::Assign { key, eq, value } => {
                key.to_tokens(tokens);
                eq.to_tokens(tokens);
                value.to_tokens(tokens);
            }
            Item::Bare(expr) => expr.to_tokens(tokens),
        }
    }
}

impl ToTokens for Items {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                tokens.append(proc_macro2::Punct::new(',', proc_macro2::Spacing::Alone));
            }
            item.to_tokens(tokens);
        }
    }
}

impl ToTokens for Expr {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            Expr::Lit(lit) => lit.to_tokens(tokens),
            Expr::Neg(minus, lit) => {
                minus.to_tokens(tokens);
                lit.to_tokens(tokens);
            }
            Expr::Path(path) => path.to_tokens(tokens),
            Expr::Call(call) => {
                call.path.to_tokens(tokens);
                call.paren.surround(tokens, |t| call.items.to_tokens(t));
            }
            Expr::Array(array) => array.bracket.surround(tokens, |t| {
                for (i, elem) in array.elems.iter().enumerate() {
                    if i > 0 {
                        t.append(proc_macro2::Punct::new(',', proc_macro2::Spacing::Alone));
                    }
                    elem.to_tokens(t);
                }
            }),
        }
    }
}

/// Parses the `#[weaviate(...)]` attributes among `attrs` into items; a malformed attribute is an
/// error (and contributes no items), the others are still read.
pub(crate) fn weaviate_items(
    attrs: &[syn::Attribute],
    errors: &mut crate::errors::Errors,
) -> Vec<Item> {
    let mut items = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("weaviate")) {
        match &attr.meta {
            syn::Meta::List(list) => match syn::parse2::<Items>(list.tokens.clone()) {
                Ok(parsed) => items.extend(parsed.0),
                Err(e) => errors.push(e),
            },
            other => errors.spanned(
                other,
                "expected `#[weaviate(...)]` with a list of settings, e.g. `#[weaviate(rename = \"title\")]`",
            ),
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn parse(tokens: TokenStream) -> Items {
        syn::parse2(tokens).expect("parses")
    }

    #[test]
    fn nested_items_parse_and_print_back() {
        let tokens = quote! {
            vector(name = "v", source = [title, body], vectorizer = text2vec_openai(model = "m", "baseURL" = "u"),
                   index = hnsw(ef = -1, quantizer = pq(segments = 8))),
            skip, targets(crate::A, B), type = "code", r#match = 1.5
        };
        let items = parse(tokens.clone());
        assert_eq!(items.0.len(), 5);
        assert_eq!(items.0[0].name().as_deref(), Some("vector"));
        assert_eq!(items.0[1].name().as_deref(), Some("skip"));
        assert_eq!(items.0[3].name().as_deref(), Some("type"));
        assert_eq!(items.0[4].name().as_deref(), Some("match"));
        assert_eq!(items.to_token_stream().to_string(), tokens.to_string());
    }

    #[test]
    fn syntax_errors_are_errors_not_panics() {
        assert!(syn::parse2::<Items>(quote!(a = )).is_err());
        assert!(syn::parse2::<Items>(quote!(a = -"x")).is_err());
        assert!(syn::parse2::<Items>(quote!(a b)).is_err());
    }
}
