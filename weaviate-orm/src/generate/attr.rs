//! The attribute language of the derive as a small tree (`key = value`, flags, calls, lists), and its
//! layout as rustfmt would print it.
//!
//! rustfmt reformats an attribute only when its content is a "meta list" (every value a literal, no
//! lists, no negative numbers, no string keys); it leaves every other attribute as written. The
//! layout here is rustfmt's for meta lists: one line when it fits in 100 columns; otherwise a single
//! call item overflows (`#[weaviate(inverted_index(` ... `))]`) and several items go one per line,
//! indented by four, without a trailing comma. Attributes that are not meta lists get the same
//! layout, which rustfmt then keeps, so every attribute is printed the one way.

use std::fmt::Write as _;

/// The width rustfmt fills (its default `max_width`).
pub(crate) const MAX_WIDTH: usize = 100;

/// A value: `"text"`, `r#"{...}"#`, `8`, `-1`, `0.7`, `true`, `cosine`, `hnsw(ef = 64)`, `[a, b]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Expr {
    Str(String),
    /// A raw string, for JSON.
    RawStr(String),
    Int(i64),
    UInt(u64),
    Float(f64),
    Bool(bool),
    /// An identifier or path.
    Path(String),
    Call(String, Vec<Item>),
    Array(Vec<Expr>),
}

/// One item of a list: `key = value` or a bare value (a flag, a call).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Assign(Key, Expr),
    Bare(Expr),
}

/// The key of `key = value`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Key {
    Ident(String),
    /// A key kept verbatim: `"baseURL" = ...`.
    Str(String),
}

impl Item {
    /// `key = value` with an identifier key.
    pub(crate) fn assign(key: &str, value: Expr) -> Item {
        Item::Assign(Key::Ident(key.to_owned()), value)
    }

    /// A flag: `name` when on, `name = false` when off.
    pub(crate) fn flag(name: &str, on: bool) -> Item {
        if on {
            Item::Bare(Expr::Path(name.to_owned()))
        } else {
            Item::assign(name, Expr::Bool(false))
        }
    }

    /// `name`, or `name(items)` when there are items.
    pub(crate) fn call_or_flag(name: &str, items: Vec<Item>) -> Item {
        Item::Bare(Expr::call_or_path(name, items))
    }

    /// The item on one line.
    pub(crate) fn one_line(&self) -> String {
        match self {
            Item::Assign(key, value) => format!("{} = {}", key.text(), value.one_line()),
            Item::Bare(value) => value.one_line(),
        }
    }

    /// The call this item opens (`name(` or `key = name(`) and its items, if it is a call.
    fn as_call(&self) -> Option<(String, &[Item])> {
        match self {
            Item::Bare(Expr::Call(name, items)) => Some((format!("{name}("), items)),
            Item::Assign(key, Expr::Call(name, items)) => {
                Some((format!("{} = {name}(", key.text()), items))
            }
            _ => None,
        }
    }
}

impl Key {
    fn text(&self) -> String {
        match self {
            Key::Ident(ident) => ident.clone(),
            Key::Str(s) => string_literal(s),
        }
    }
}

impl Expr {
    /// `name`, or `name(items)` when there are items.
    pub(crate) fn call_or_path(name: &str, items: Vec<Item>) -> Expr {
        if items.is_empty() {
            Expr::Path(name.to_owned())
        } else {
            Expr::Call(name.to_owned(), items)
        }
    }

    /// A list of strings.
    pub(crate) fn strings<S: AsRef<str>>(values: &[S]) -> Expr {
        Expr::Array(
            values
                .iter()
                .map(|s| Expr::Str(s.as_ref().to_owned()))
                .collect(),
        )
    }

    pub(crate) fn one_line(&self) -> String {
        match self {
            Expr::Str(s) => string_literal(s),
            Expr::RawStr(s) => raw_string_literal(s),
            Expr::Int(i) => i.to_string(),
            Expr::UInt(u) => u.to_string(),
            Expr::Float(f) => float_literal(*f),
            Expr::Bool(b) => b.to_string(),
            Expr::Path(p) => p.clone(),
            Expr::Call(name, items) => format!("{name}({})", join(items)),
            Expr::Array(values) => {
                let values: Vec<String> = values.iter().map(Expr::one_line).collect();
                format!("[{}]", values.join(", "))
            }
        }
    }
}

fn join(items: &[Item]) -> String {
    items
        .iter()
        .map(Item::one_line)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A Rust string literal for `s` (`"..."` with escapes).
pub(crate) fn string_literal(s: &str) -> String {
    format!("{s:?}")
}

/// `r#"..."#` with as many `#` as `s` needs.
fn raw_string_literal(s: &str) -> String {
    let mut hashes = 1;
    while s.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{s}\"{h}")
}

/// A float literal that reads back as `f`: always with a `.` or an exponent.
pub(crate) fn float_literal(f: f64) -> String {
    format!("{f:?}")
}

/// The lines of `#[weaviate(items)]` at `indent` spaces, as rustfmt lays out a meta list.
pub(crate) fn attribute_lines(items: &[Item], indent: usize) -> Vec<String> {
    let mut lines = Vec::new();
    list_lines("#[weaviate(", items, ")]", indent, &mut lines);
    lines
}

/// `head` + items + `close` starting at `indent`: one line, the single call item overflowed, or one
/// item per line.
fn list_lines(head: &str, items: &[Item], close: &str, indent: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    let one = format!("{pad}{head}{}{close}", join(items));
    if one.len() <= MAX_WIDTH {
        out.push(one);
        return;
    }
    if let [single] = items {
        if let Some((open, inner)) = single.as_call() {
            if !inner.is_empty() {
                list_lines(
                    &format!("{head}{open}"),
                    inner,
                    &format!("){close}"),
                    indent,
                    out,
                );
                return;
            }
        }
    }
    out.push(format!("{pad}{head}"));
    for (i, item) in items.iter().enumerate() {
        let trailer = if i + 1 == items.len() { "" } else { "," };
        item_lines(item, trailer, indent + 4, out);
    }
    out.push(format!("{pad}{close}"));
}

/// One item of a vertical list, followed by `trailer`.
fn item_lines(item: &Item, trailer: &str, indent: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    let one = format!("{pad}{}{trailer}", item.one_line());
    if one.len() <= MAX_WIDTH {
        out.push(one);
        return;
    }
    match item.as_call() {
        Some((open, inner)) if !inner.is_empty() => {
            list_lines(&open, inner, &format!("){trailer}"), indent, out);
        }
        _ => out.push(one),
    }
}

/// Appends `lines` to `out`, one per line.
pub(crate) fn push_lines(out: &mut String, lines: &[String]) {
    for line in lines {
        let _ = writeln!(out, "{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_read_back() {
        assert_eq!(Expr::Str("a\"b\\c\né".into()).one_line(), r#""a\"b\\c\né""#);
        assert_eq!(
            Expr::RawStr(r##"{"a": "x"#"}"##.into()).one_line(),
            r###"r##"{"a": "x"#"}"##"###
        );
        assert_eq!(Expr::Float(0.7).one_line(), "0.7");
        assert_eq!(Expr::Float(1.0).one_line(), "1.0");
        assert_eq!(Expr::Int(-1).one_line(), "-1");
    }

    #[test]
    fn long_lists_break_like_rustfmt() {
        let flags: Vec<Item> = [
            "index_timestamps",
            "index_null_state",
            "index_property_length",
        ]
        .iter()
        .map(|f| Item::flag(f, true))
        .chain([Item::assign("cleanup_interval_seconds", Expr::Int(120))])
        .collect();
        let lines = attribute_lines(&[Item::call_or_flag("inverted_index", flags.clone())], 0);
        assert_eq!(
            lines,
            [
                "#[weaviate(inverted_index(",
                "    index_timestamps,",
                "    index_null_state,",
                "    index_property_length,",
                "    cleanup_interval_seconds = 120",
                "))]"
            ]
        );
        let mut two = vec![Item::assign("x", Expr::Int(1))];
        two.push(Item::call_or_flag("inverted_index", flags));
        let lines = attribute_lines(&two, 4);
        assert_eq!(lines[0], "    #[weaviate(");
        assert_eq!(lines[1], "        x = 1,");
        assert_eq!(lines[2], "        inverted_index(");
        assert_eq!(lines.last().map(String::as_str), Some("    )]"));
    }
}
