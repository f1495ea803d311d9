//! The plan: every change, in a stable order, printable for people and serializable for tools.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::change::{Change, ChangeClass};

/// What a migration would do, computed by [`Migrator::plan`](super::Migrator::plan) and carried out
/// exactly by [`Migrator::apply`](super::Migrator::apply).
///
/// `Display` prints one line per change (class, collection, what, how, why) without colour;
/// [`Plan::render`] with `color = true` colours the classes for terminals. The JSON form (serde) is
/// for tools; both are stable: changes are ordered by collection, then by class in the order apply
/// runs them, then as found.
///
/// ```
/// use weaviate_orm::migrate::Plan;
///
/// let plan = Plan { server_version: "1.39.0".into(), changes: vec![] };
/// assert!(plan.is_empty() && plan.is_in_sync());
/// assert_eq!(plan.to_string(), "No changes: the server matches the structs (Weaviate 1.39.0).\n");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The version of the server the plan was made against.
    pub server_version: String,
    /// Every change, in order.
    pub changes: Vec<Change>,
}

impl Plan {
    /// Whether there is nothing at all to report (not even drift).
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes `apply` would carry out (everything but drift).
    pub fn pending(&self) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(|c| c.class != ChangeClass::Drift)
    }

    /// Whether the server matches the structs: no pending change (drift may remain).
    pub fn is_in_sync(&self) -> bool {
        self.pending().next().is_none()
    }

    /// The pending changes `apply` would refuse as configured, with their reasons.
    pub fn blocked(&self) -> impl Iterator<Item = &Change> {
        self.pending().filter(|c| c.blocked.is_some())
    }

    /// How many changes of `class` the plan has.
    pub fn count(&self, class: ChangeClass) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// The plan for people: a summary line, then one line per change; `color` adds ANSI colours.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        if self.changes.is_empty() {
            out.push_str(&format!(
                "No changes: the server matches the structs (Weaviate {}).\n",
                self.server_version
            ));
            return out;
        }
        let counts: Vec<String> = [
            ChangeClass::Create,
            ChangeClass::InPlace,
            ChangeClass::Reindex,
            ChangeClass::Rebuild,
            ChangeClass::Drift,
        ]
        .into_iter()
        .filter_map(|class| {
            let n = self.count(class);
            (n > 0).then(|| format!("{n} {class}"))
        })
        .collect();
        let n = self.changes.len();
        out.push_str(&format!(
            "Plan against Weaviate {}: {n} change{} ({}).\n",
            self.server_version,
            if n == 1 { "" } else { "s" },
            counts.join(", ")
        ));
        let width = self
            .changes
            .iter()
            .map(|c| c.collection.len())
            .max()
            .unwrap_or(0);
        for c in &self.changes {
            let class = paint(
                color,
                class_color(c.class),
                &format!("{:<8}", c.class.as_str()),
            );
            out.push_str(&format!(
                "{class}  {:<width$}  {}  => {}  (because {})",
                c.collection,
                c.what,
                c.operation.summary(),
                c.reason,
            ));
            if let Some(blocked) = &c.blocked {
                out.push_str(&format!(
                    "  {}",
                    paint(color, RED, &format!("[refused: {blocked}]"))
                ));
            }
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

const RED: &str = "31";

fn class_color(class: ChangeClass) -> &'static str {
    match class {
        ChangeClass::Create => "32",
        ChangeClass::InPlace => "36",
        ChangeClass::Reindex => "33",
        ChangeClass::Rebuild => "35",
        ChangeClass::Drift => "2",
    }
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}
