//! The struct commands: plan, apply, status, rebuild, drop-old, export.

use serde::{Deserialize, Serialize};

use super::args::{ApplyArgs, DropOldArgs, OptIns, PlanArgs, RebuildArgs, Select, StatusArgs};
use super::progress::{Bars, Lines};
use super::{Ctx, EXIT_FAILURE, EXIT_OK, Fail};
use crate::client::Client;
use crate::migrate::{ApplyReport, ChangeClass, Desired, Migrator, Outcome, Plan};
use crate::schema::{CollectionConfig, uppercase_class_name};

/// What `status --json` prints: whether the server matches the structs, and the plan that says so.
///
/// ```
/// use weaviate_orm::cli::Status;
/// use weaviate_orm::migrate::Plan;
///
/// let status = Status::of(Plan { server_version: "1.39.0".into(), changes: vec![] });
/// assert!(status.in_sync);
/// assert_eq!(status.exit_code(true, true), 0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Status {
    /// Whether the server matches the structs: no pending change (drift may remain).
    pub in_sync: bool,
    /// How many changes `apply` would carry out.
    pub pending: usize,
    /// How many differences are only reported (on the server, declared by no struct).
    pub drift: usize,
    /// The plan the numbers come from.
    pub plan: Plan,
}

impl Status {
    /// The status of `plan`.
    pub fn of(plan: Plan) -> Status {
        let pending = plan.pending().count();
        Status {
            in_sync: pending == 0,
            pending,
            drift: plan.count(ChangeClass::Drift),
            plan,
        }
    }

    /// The exit code of `status`: 1 with `check` when changes are pending (with `strict`, drift
    /// too), else 0.
    pub fn exit_code(&self, check: bool, strict: bool) -> u8 {
        let differs = self.pending > 0 || (strict && self.drift > 0);
        if check && differs {
            EXIT_FAILURE
        } else {
            EXIT_OK
        }
    }

    /// The status for people: one line, then the plan's change lines.
    pub fn render(&self, color: bool) -> String {
        let version = &self.plan.server_version;
        let mut text = if self.pending > 0 {
            let drift = if self.drift > 0 {
                format!(" (and {} drift, reported only)", self.drift)
            } else {
                String::new()
            };
            format!(
                "Out of sync with Weaviate {version}: {} pending change{}{drift}; `apply` carries {} out:\n",
                self.pending,
                plural(self.pending),
                if self.pending == 1 { "it" } else { "them" }
            )
        } else if self.drift > 0 {
            format!(
                "In sync: the server matches the structs (Weaviate {version}); {} drift, reported only:\n",
                self.drift
            )
        } else {
            format!("In sync: the server matches the structs (Weaviate {version}).\n")
        };
        for line in self.plan.render(color).lines().skip(1) {
            text.push_str(line);
            text.push('\n');
        }
        text
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The collections a command works on: the declared ones (all, or those `--collection` names).
/// `None` as the selection means every struct of the program (so undeclared collections are drift).
struct Declared {
    all: Vec<Desired>,
    selected: Option<Vec<Desired>>,
}

impl Declared {
    fn read(select: &Select) -> Result<Declared, Fail> {
        let all = Desired::registered();
        if all.is_empty() {
            return Err(Fail::usage(
                "this program declares no collection: no #[derive(WeaviateCollection)] struct is linked \
                 into it (when the structs live in your library crate, name it in the binary: `use my_app as _;`)",
            ));
        }
        let mut declared = Declared {
            all,
            selected: None,
        };
        if !select.collections.is_empty() {
            let mut selected = Vec::new();
            for name in &select.collections {
                let d = declared.find(name)?.clone();
                if !selected.iter().any(|s: &Desired| s.name() == d.name()) {
                    selected.push(d);
                }
            }
            declared.selected = Some(selected);
        }
        Ok(declared)
    }

    /// The declared collection `name` (as the server spells it, or as written in the struct).
    fn find(&self, name: &str) -> Result<&Desired, Fail> {
        let wanted = uppercase_class_name(name);
        self.all.iter().find(|d| d.name() == wanted).ok_or_else(|| {
            let names: Vec<String> = self.all.iter().map(Desired::name).collect();
            Fail::usage(format!(
                "no struct declares a collection `{name}`; the declared collections are: {}",
                names.join(", ")
            ))
        })
    }

    /// Adds `name` to an explicit selection (a no-op when every struct is selected).
    fn include(&mut self, name: &str) -> Result<(), Fail> {
        let d = self.find(name)?.clone();
        if let Some(selected) = &mut self.selected {
            if !selected.iter().any(|s| s.name() == d.name()) {
                selected.push(d);
            }
        }
        Ok(())
    }

    /// The configs of the selected collections.
    fn configs(&self) -> Vec<&CollectionConfig> {
        self.selected
            .as_ref()
            .unwrap_or(&self.all)
            .iter()
            .map(|d| &d.config)
            .collect()
    }

    /// Fails when an opt-in names a collection no struct declares (before anything is sent).
    fn check(&self, opt_ins: &OptIns) -> Result<(), Fail> {
        for name in opt_ins
            .allow_rebuild
            .iter()
            .chain(&opt_ins.allow_alias_gap)
            .chain(&opt_ins.prune)
        {
            self.find(name)?;
        }
        Ok(())
    }

    /// A migrator over the selection with the opt-ins; opt-ins must name declared collections.
    fn migrator(&self, client: &Client, opt_ins: &OptIns) -> Result<Migrator, Fail> {
        let mut m = client.migrator();
        if let Some(selected) = &self.selected {
            for d in selected {
                m = m.desired(d.clone());
            }
        }
        for name in &opt_ins.allow_rebuild {
            m = m.allow_rebuild(&self.find(name)?.name());
        }
        if opt_ins.allow_rebuild_all {
            m = m.allow_rebuild_all();
        }
        for name in &opt_ins.allow_alias_gap {
            m = m.allow_alias_gap(&self.find(name)?.name());
        }
        for name in &opt_ins.prune {
            m = m.prune(&self.find(name)?.name());
        }
        Ok(m.behind_alias(opt_ins.behind_alias))
    }
}

/// `plan`: prints the plan; changes nothing.
pub(super) async fn plan(ctx: &mut Ctx<'_>, a: PlanArgs) -> Result<u8, Fail> {
    let declared = Declared::read(&a.select)?;
    declared.check(&a.opt_ins)?;
    let client = ctx.client().await?;
    let m = declared.migrator(&client, &a.opt_ins)?;
    let plan = m.plan().await?;
    if ctx.json {
        ctx.print_json(&plan)?;
    } else {
        write!(ctx.out, "{}", plan.render(ctx.color))?;
    }
    Ok(EXIT_OK)
}

/// `apply`: prints the plan, asks, applies it with progress, prints the summary.
pub(super) async fn apply(ctx: &mut Ctx<'_>, a: ApplyArgs) -> Result<u8, Fail> {
    let declared = Declared::read(&a.select)?;
    declared.check(&a.opt_ins)?;
    let client = ctx.client().await?;
    let m = declared.migrator(&client, &a.opt_ins)?;
    plan_confirm_apply(ctx, m, a.yes).await
}

/// `rebuild NAME`: `apply` with NAME rebuilt even when nothing requires it.
pub(super) async fn rebuild(ctx: &mut Ctx<'_>, a: RebuildArgs) -> Result<u8, Fail> {
    let mut declared = Declared::read(&a.select)?;
    let name = declared.find(&a.name)?.name();
    declared.include(&name)?;
    declared.check(&a.opt_ins)?;
    let client = ctx.client().await?;
    let m = declared
        .migrator(&client, &a.opt_ins)?
        .force_rebuild(&name)
        .allow_rebuild(&name);
    plan_confirm_apply(ctx, m, a.yes).await
}

async fn plan_confirm_apply(ctx: &mut Ctx<'_>, m: Migrator, yes: bool) -> Result<u8, Fail> {
    let plan = m.plan().await?;
    if !ctx.json {
        write!(ctx.out, "{}", plan.render(ctx.color))?;
        ctx.out.flush()?;
    }
    let pending = plan.pending().count();
    // A plan with refused changes goes straight to apply, which refuses it with the reasons: there
    // is nothing to ask about.
    let refused = plan.blocked().next().is_some();
    if pending > 0 && !refused && !yes {
        if ctx.json && ctx.terminals.stdin {
            write!(ctx.err, "{}", plan.render(false))?;
        }
        confirm_count(ctx, pending, "apply", "change")?;
    }
    let report = apply_with_progress(ctx, m, &plan).await?;
    if ctx.json {
        ctx.print_json(&report)?;
    } else {
        write!(ctx.out, "{}", summary(&report, ctx.color))?;
    }
    let left = report.after.pending().count();
    if left > 0 {
        return Err(Fail::failure(format!(
            "apply finished, but the server still differs from the structs in {left} change{}",
            plural(left)
        )));
    }
    Ok(EXIT_OK)
}

/// Asks "Apply these N changes?" (`verb`, `noun`); without a terminal, refuses with exit code 2 and
/// says to pass `--yes`.
fn confirm_count(ctx: &mut Ctx<'_>, n: usize, verb: &str, noun: &str) -> Result<(), Fail> {
    let mut letters = verb.chars();
    let capitalized: String = letters
        .next()
        .map(|first| first.to_ascii_uppercase().to_string() + letters.as_str())
        .unwrap_or_default();
    let (these, them) = if n == 1 {
        ("this", "it")
    } else {
        ("these", "them")
    };
    ctx.confirm(
        &format!("{capitalized} {these} {n} {noun}{}?", plural(n)),
        format!(
            "refusing to {verb} {n} {noun}{} without confirmation: standard input is not a terminal, \
             so nobody can be asked; pass --yes to {verb} {them}",
            plural(n)
        ),
    )
}

/// Runs apply, drawing bars on a terminal's stderr or writing plain lines to `ctx.err` as they come.
async fn apply_with_progress(
    ctx: &mut Ctx<'_>,
    m: Migrator,
    plan: &Plan,
) -> Result<ApplyReport, Fail> {
    if ctx.draws_bars() {
        let bars = Bars::new();
        let m = m.progress(bars.clone());
        let result = tokio::select! {
            result = m.apply(plan) => result,
            () = interrupt() => {
                bars.finish();
                return Err(cancel(ctx, &m, plan).await);
            }
        };
        bars.finish();
        return Ok(result?);
    }
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
    let m = m.progress(Lines::new(tx));
    let applying = m.apply(plan);
    tokio::pin!(applying);
    let interrupted = interrupt();
    tokio::pin!(interrupted);
    let result = loop {
        tokio::select! {
            result = &mut applying => break result,
            Some(line) = rx.recv() => writeln!(ctx.err, "{line}")?,
            () = &mut interrupted => return Err(cancel(ctx, &m, plan).await),
        }
    };
    while let Ok(line) = rx.try_recv() {
        writeln!(ctx.err, "{line}")?;
    }
    Ok(result?)
}

/// Resolves on Ctrl-C (never, when the signal cannot be watched).
async fn interrupt() {
    if tokio::signal::ctrl_c().await.is_err() {
        std::future::pending::<()>().await;
    }
}

/// After a Ctrl-C during apply: stops the server's reindex tasks of the plan too (apply itself only
/// waits for them), and says what was and was not done.
async fn cancel(ctx: &mut Ctx<'_>, m: &Migrator, plan: &Plan) -> Fail {
    let _ = writeln!(
        ctx.err,
        "interrupted: cancelling the plan's reindex tasks on the server"
    );
    let message = match m.cancel_reindexes(plan).await {
        Ok(ids) if ids.is_empty() => {
            "apply interrupted; no reindex task was running. Plan again to see what is left"
                .to_owned()
        }
        Ok(ids) => format!(
            "apply interrupted; cancelled reindex task{} {} (their indexes keep the previous configuration). Plan again to see what is left",
            plural(ids.len()),
            ids.join(", ")
        ),
        Err(e) => format!(
            "apply interrupted; cancelling its reindex tasks failed: {e}. They may still run on the server"
        ),
    };
    Fail::failure(message)
}

/// What apply did, for people.
pub(crate) fn summary(report: &ApplyReport, color: bool) -> String {
    let count = |f: fn(&Outcome) -> bool| report.applied.iter().filter(|a| f(&a.outcome)).count();
    let done = count(|o| matches!(o, Outcome::Done));
    let already = count(|o| matches!(o, Outcome::AlreadyDone { .. }));
    let drift = report.after.count(ChangeClass::Drift);
    let mut text = String::new();
    if done + already == 0 {
        text.push_str("Nothing to apply: the server already matches the structs");
    } else {
        text.push_str(&format!("Applied {done} change{}", plural(done)));
        if already > 0 {
            text.push_str(&format!(
                "; {already} found already done (another migrator was first)"
            ));
        }
    }
    if !report.after.is_in_sync() {
        text.push_str(". The server still differs:\n");
        for line in report.after.render(color).lines().skip(1) {
            text.push_str(line);
            text.push('\n');
        }
        return text;
    }
    if done + already > 0 {
        text.push_str(". The server now matches the structs");
    }
    if drift > 0 {
        text.push_str(&format!(" ({drift} drift, reported only: see `status`)"));
    }
    text.push_str(".\n");
    text
}

/// `status`: whether the server matches; `--check` turns differences into exit code 1.
pub(super) async fn status(ctx: &mut Ctx<'_>, a: StatusArgs) -> Result<u8, Fail> {
    let declared = Declared::read(&a.select)?;
    let client = ctx.client().await?;
    let m = declared.migrator(&client, &OptIns::default())?;
    let status = Status::of(m.plan().await?);
    if ctx.json {
        ctx.print_json(&status)?;
    } else {
        write!(ctx.out, "{}", status.render(ctx.color))?;
    }
    Ok(status.exit_code(a.check, a.strict))
}

/// What `drop-old --json` prints.
#[derive(Serialize)]
struct Dropped<'a> {
    collection: &'a str,
    dropped: Vec<String>,
}

/// `drop-old NAME`: deletes the old collections rebuilds of NAME kept, after asking.
pub(super) async fn drop_old(ctx: &mut Ctx<'_>, a: DropOldArgs) -> Result<u8, Fail> {
    let declared = Declared::read(&Select::default())?;
    let name = declared.find(&a.name)?.name();
    let client = ctx.client().await?;
    let m = client.migrator();
    let old = m.old_collections_of(&name).await?;
    if old.is_empty() {
        if ctx.json {
            ctx.print_json(&Dropped {
                collection: &name,
                dropped: Vec::new(),
            })?;
        } else {
            writeln!(ctx.out, "No old collections of {name}.")?;
        }
        return Ok(EXIT_OK);
    }
    if !ctx.json {
        writeln!(
            ctx.out,
            "Old collections of {name}, kept by rebuilds: {} (deleting them deletes their objects).",
            old.join(", ")
        )?;
        ctx.out.flush()?;
    }
    if !a.yes {
        confirm_count(ctx, old.len(), "delete", "collection")?;
    }
    let dropped = m.drop_old(&name).await?;
    if ctx.json {
        ctx.print_json(&Dropped {
            collection: &name,
            dropped,
        })?;
    } else {
        writeln!(ctx.out, "Deleted {}.", dropped.join(", "))?;
    }
    Ok(EXIT_OK)
}

/// The document `export` prints: the bodies of `POST /v1/schema`.
#[derive(Serialize)]
struct Classes<'a> {
    classes: Vec<&'a CollectionConfig>,
}

/// `export`: the structs' schema as Weaviate JSON. Needs no server.
pub(super) fn export(ctx: &mut Ctx<'_>, select: Select) -> Result<u8, Fail> {
    let declared = Declared::read(&select)?;
    ctx.print_json(&Classes {
        classes: declared.configs(),
    })?;
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::migrate::{Applied, Change, Operation};

    fn change(class: ChangeClass, collection: &str, what: &str) -> Change {
        Change {
            class,
            collection: collection.into(),
            what: what.into(),
            reason: "because".into(),
            operation: Operation::None,
            blocked: None,
        }
    }

    fn plan(changes: Vec<Change>) -> Plan {
        Plan {
            server_version: "1.39.0".into(),
            changes,
        }
    }

    #[test]
    fn status_check_counts_pending_changes_and_drift_only_when_strict() {
        let in_sync = Status::of(plan(vec![]));
        let drift = Status::of(plan(vec![change(ChangeClass::Drift, "A", "property x")]));
        let pending = Status::of(plan(vec![change(ChangeClass::InPlace, "A", "description")]));
        for (status, check, strict, code) in [
            (&in_sync, false, false, 0),
            (&in_sync, true, false, 0),
            (&in_sync, true, true, 0),
            (&drift, true, false, 0),
            (&drift, true, true, 1),
            (&drift, false, false, 0),
            (&pending, false, false, 0),
            (&pending, true, false, 1),
            (&pending, true, true, 1),
        ] {
            assert_eq!(
                status.exit_code(check, strict),
                code,
                "{status:?} {check} {strict}"
            );
        }
        assert!(drift.in_sync && !pending.in_sync);
        assert_eq!((drift.pending, drift.drift), (0, 1));
    }

    #[test]
    fn status_says_in_words() {
        let text = Status::of(plan(vec![])).render(false);
        assert_eq!(
            text,
            "In sync: the server matches the structs (Weaviate 1.39.0).\n"
        );
        let text = Status::of(plan(vec![
            change(ChangeClass::InPlace, "A", "description"),
            change(ChangeClass::Drift, "A", "property x"),
        ]))
        .render(false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "Out of sync with Weaviate 1.39.0: 1 pending change (and 1 drift, reported only); `apply` carries it out:"
        );
        assert_eq!(lines.len(), 3, "{text}");
        assert!(lines[1].starts_with("in place  A  description"), "{text}");
    }

    #[test]
    fn the_summary_counts_outcomes() {
        let done = Applied {
            change: change(ChangeClass::Create, "A", "collection created"),
            outcome: Outcome::Done,
        };
        let report = ApplyReport {
            applied: vec![done.clone()],
            after: plan(vec![]),
        };
        assert_eq!(
            summary(&report, false),
            "Applied 1 change. The server now matches the structs.\n"
        );
        let report = ApplyReport {
            applied: vec![Applied {
                change: change(ChangeClass::Drift, "A", "property x"),
                outcome: Outcome::Reported,
            }],
            after: plan(vec![change(ChangeClass::Drift, "A", "property x")]),
        };
        assert_eq!(
            summary(&report, false),
            "Nothing to apply: the server already matches the structs (1 drift, reported only: see `status`).\n"
        );
        let report = ApplyReport {
            applied: vec![done],
            after: plan(vec![change(ChangeClass::InPlace, "A", "description")]),
        };
        let text = summary(&report, false);
        assert!(
            text.starts_with(
                "Applied 1 change. The server still differs:\nin place  A  description"
            ),
            "{text}"
        );
    }
}
