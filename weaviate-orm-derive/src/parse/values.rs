//! Reading the meaning of [`meta`](crate::parse::meta) items: known keys, their shapes and their values,
//! with an error naming what was expected wherever the input does not fit.

use std::collections::HashSet;

use proc_macro2::Span;
use syn::Lit;

use crate::errors::{Errors, unknown};
use crate::parse::meta::{Expr, Item, Items};

/// A key allowed in some list, with an example of its use for error messages.
pub(crate) struct Setting {
    pub name: &'static str,
    pub example: &'static str,
}

/// Shorthand for a [`Setting`] table entry.
pub(crate) const fn setting(name: &'static str, example: &'static str) -> Setting {
    Setting { name, example }
}

/// Walks `items`: an item with an unknown name is an error listing the known ones (`what` names the
/// list, e.g. "field attribute"), a repeated one is an error, and every other item is passed to `f`
/// with its key entry.
pub(crate) fn walk<'a>(
    items: impl IntoIterator<Item = &'a Item>,
    what: &str,
    keys: &'static [Setting],
    errors: &mut Errors,
    mut f: impl FnMut(&'static Setting, &'a Item, &mut Errors),
) {
    let names: Vec<&str> = keys.iter().map(|k| k.name).collect();
    let mut seen = HashSet::new();
    for item in items {
        let Some(name) = item.name() else {
            errors.spanned(
                item,
                format!("expected a {what} here, {}", crate::errors::one_of(&names)),
            );
            continue;
        };
        let Some(key) = keys.iter().find(|k| k.name == name) else {
            errors.at(item.name_span(), unknown(what, &name, &names));
            continue;
        };
        if !seen.insert(key.name) {
            errors.at(item.name_span(), format!("`{name}` is given twice"));
            continue;
        }
        f(key, item, errors);
    }
}

impl Item {
    /// A flag: `name` (true) or `name = true` / `name = false`.
    pub(crate) fn flag(&self, key: &Setting, errors: &mut Errors) -> Option<bool> {
        match self {
            Item::Bare(Expr::Path(_)) => Some(true),
            Item::Assign {
                value: Expr::Lit(Lit::Bool(b)),
                ..
            } => Some(b.value),
            _ => {
                errors.spanned(
                    self,
                    format!("expected `{0}`, `{0} = true` or `{0} = false`", key.name),
                );
                None
            }
        }
    }

    /// The value of `name = value`.
    pub(crate) fn value(&self, key: &Setting, errors: &mut Errors) -> Option<&Expr> {
        match self {
            Item::Assign { value, .. } => Some(value),
            Item::Bare(_) => {
                errors.spanned(self, format!("expected a value: `{}`", key.example));
                None
            }
        }
    }

    /// The arguments of `name(...)`.
    pub(crate) fn args(&self, key: &Setting, errors: &mut Errors) -> Option<&Items> {
        match self {
            Item::Bare(Expr::Call(call)) => Some(&call.items),
            _ => {
                errors.spanned(self, format!("expected `{}`", key.example));
                None
            }
        }
    }

    /// `name` (no arguments: `Some(None)`) or `name(...)` (`Some(Some(args))`).
    pub(crate) fn flag_or_args(
        &self,
        key: &Setting,
        errors: &mut Errors,
    ) -> Option<Option<&Items>> {
        match self {
            Item::Bare(Expr::Path(_)) => Some(None),
            Item::Bare(Expr::Call(call)) => Some(Some(&call.items)),
            _ => {
                errors.spanned(
                    self,
                    format!("expected `{}` or `{}`", key.name, key.example),
                );
                None
            }
        }
    }
}

impl Expr {
    /// A string literal.
    pub(crate) fn string(&self, key: &Setting, errors: &mut Errors) -> Option<(String, Span)> {
        match self {
            Expr::Lit(Lit::Str(s)) => Some((s.value(), s.span())),
            other => {
                errors.spanned(
                    other,
                    format!(
                        "expected a string, found {}: `{}`",
                        other.describe(),
                        key.example
                    ),
                );
                None
            }
        }
    }

    /// An integer literal (possibly negative) within `min..=max`.
    pub(crate) fn int(
        &self,
        key: &Setting,
        min: i64,
        max: i64,
        errors: &mut Errors,
    ) -> Option<i64> {
        let parsed = match self {
            Expr::Lit(Lit::Int(i)) => i.base10_parse::<i64>().ok(),
            Expr::Neg(_, Lit::Int(i)) => i.base10_parse::<i64>().ok().map(|v| -v),
            _ => None,
        };
        match parsed {
            Some(v) if (min..=max).contains(&v) => Some(v),
            Some(v) => {
                let range = if max == i64::MAX {
                    format!("at least {min}")
                } else {
                    format!("from {min} to {max}")
                };
                errors.spanned(self, format!("`{}` must be {range}, got {v}", key.name));
                None
            }
            None => {
                errors.spanned(
                    self,
                    format!(
                        "expected an integer, found {}: `{}`",
                        self.describe(),
                        key.example
                    ),
                );
                None
            }
        }
    }

    /// A number (integer or float literal, possibly negative).
    pub(crate) fn number(&self, key: &Setting, errors: &mut Errors) -> Option<f64> {
        let parsed = match self {
            Expr::Lit(Lit::Int(i)) => i.base10_parse::<f64>().ok(),
            Expr::Lit(Lit::Float(f)) => f.base10_parse::<f64>().ok(),
            Expr::Neg(_, Lit::Int(i)) => i.base10_parse::<f64>().ok().map(|v| -v),
            Expr::Neg(_, Lit::Float(f)) => f.base10_parse::<f64>().ok().map(|v| -v),
            _ => None,
        };
        let parsed = parsed.filter(|v| v.is_finite());
        if parsed.is_none() {
            errors.spanned(
                self,
                format!(
                    "expected a number, found {}: `{}`",
                    self.describe(),
                    key.example
                ),
            );
        }
        parsed
    }

    /// A list of strings: `["a", "b"]`.
    pub(crate) fn strings(&self, key: &Setting, errors: &mut Errors) -> Option<Vec<String>> {
        let Expr::Array(array) = self else {
            errors.spanned(
                self,
                format!(
                    "expected a list of strings, found {}: `{}`",
                    self.describe(),
                    key.example
                ),
            );
            return None;
        };
        let mut out = Vec::new();
        let mut ok = true;
        for elem in &array.elems {
            match elem {
                Expr::Lit(Lit::Str(s)) => out.push(s.value()),
                other => {
                    errors.spanned(other, format!("expected a string: `{}`", key.example));
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }

    /// One of several names: `distance = cosine`. The error lists the names.
    pub(crate) fn choice<T: Clone>(
        &self,
        key: &Setting,
        choices: &[(&'static str, T)],
        errors: &mut Errors,
    ) -> Option<T> {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        let found = match self {
            Expr::Path(path) => path.get_ident().map(|i| i.to_string()),
            Expr::Lit(Lit::Str(s)) => Some(s.value()),
            _ => None,
        };
        let Some(found) = found else {
            errors.spanned(
                self,
                format!(
                    "expected {} for `{}`, found {}",
                    crate::errors::one_of(&names),
                    key.name,
                    self.describe()
                ),
            );
            return None;
        };
        match choices.iter().find(|(n, _)| *n == found) {
            Some((_, value)) => Some(value.clone()),
            None => {
                errors.spanned(
                    self,
                    unknown(&format!("`{}` value", key.name), &found, &names),
                );
                None
            }
        }
    }
}
