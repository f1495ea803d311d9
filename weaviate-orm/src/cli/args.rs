//! The command line's grammar (clap derive): global flags, commands and their flags.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The text under every `--help`: what the exit codes mean.
pub(crate) const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success (status --check: the server matches the structs)
  1  failure: the server or the migration failed, the confirmation was declined, or
     status --check found pending changes (drift too with --strict)
  2  usage error, or a confirmation that cannot be asked (no terminal and no --yes)";

/// Everything on the command line.
#[derive(Debug, Parser)]
#[command(version, after_help = EXIT_CODES_HELP)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: Global,
    // `plan`'s flags without a command: `migrate -c Article` is `migrate plan -c Article`. (Not
    // `args_conflicts_with_subcommands`: that refuses global flags before a command.)
    #[command(flatten)]
    pub plan: PlanArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// The command to run: `plan` (with the flags given) when none is named. Flags of `plan` before
    /// another command's name are an error naming them.
    pub(crate) fn command_or_plan(self) -> Result<Command, String> {
        match self.command {
            None => Ok(Command::Plan(self.plan)),
            Some(command) if self.plan == PlanArgs::default() => Ok(command),
            Some(command) => Err(format!(
                "the flags of `plan` given before `{}` belong after a command's name: write                  `{} --collection NAME ...`",
                command.name(),
                command.name()
            )),
        }
    }
}

/// Flags every command takes, before or after the command's name.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct Global {
    /// Print machine-readable JSON on stdout instead of text
    #[arg(long, global = true)]
    pub json: bool,
    /// When to colour the output: auto = when stdout is a terminal and NO_COLOR is unset
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// REST URL of the server [default: $WEAVIATE_URL, else http://localhost:8080]
    #[arg(long, value_name = "URL", global = true)]
    pub url: Option<String>,
    /// gRPC URL of the server [default: $WEAVIATE_GRPC_URL; with --url: its host, port 50051]
    #[arg(long = "grpc-url", value_name = "URL", global = true)]
    pub grpc_url: Option<String>,
    /// API key; an empty KEY means none [default: $WEAVIATE_API_KEY; prefer the variable, a flag is
    /// visible to other users]
    #[arg(long = "api-key", value_name = "KEY", global = true)]
    pub api_key: Option<String>,
}

/// `--color`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether stdout is a terminal and whether `NO_COLOR` is set (to anything
    /// but the empty string, as no-color.org says).
    pub(crate) fn enabled(self, stdout_is_terminal: bool, no_color: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_is_terminal && !no_color,
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand, Clone, PartialEq, Eq)]
pub(crate) enum Command {
    /// Show what `apply` would do, without changing anything (the default command)
    Plan(PlanArgs),
    /// Print the plan, ask, then carry it out
    Apply(ApplyArgs),
    /// Say whether the server matches the structs (--check: exit 1 when it does not)
    Status(StatusArgs),
    /// Rebuild one collection even when nothing requires it, then apply the whole plan (asks first)
    Rebuild(RebuildArgs),
    /// Delete the old collections a rebuild of NAME kept (asks first)
    #[command(name = "drop-old")]
    DropOld(DropOldArgs),
    /// Print the structs' schema as Weaviate JSON ({"classes": [...]}, the bodies of POST /v1/schema)
    Export(Select),
    /// Print the server's live schema (a short table; the full JSON with --json)
    Schema,
    /// Check the connection: REST, gRPC health, server version, modules, authentication
    Doctor,
    /// Generate Rust structs from collections on the server
    Generate(GenerateArgs),
}

impl Command {
    /// The command's name as typed.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Command::Plan(_) => "plan",
            Command::Apply(_) => "apply",
            Command::Status(_) => "status",
            Command::Rebuild(_) => "rebuild",
            Command::DropOld(_) => "drop-old",
            Command::Export(_) => "export",
            Command::Schema => "schema",
            Command::Doctor => "doctor",
            Command::Generate(_) => "generate",
        }
    }

    /// Whether the command works from the program's structs (and so needs some).
    pub(crate) fn needs_structs(&self) -> bool {
        !matches!(
            self,
            Command::Schema | Command::Doctor | Command::Generate(_)
        )
    }
}

/// Which declared collections a command looks at.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct Select {
    /// Only this declared collection (repeatable); then collections no struct declares are not
    /// reported as drift [default: every struct of the program]
    #[arg(long = "collection", short = 'c', value_name = "NAME")]
    pub collections: Vec<String>,
}

/// The opt-ins of a migration.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct OptIns {
    /// Allow rebuilding NAME: a new collection, every object copied, the name switched (repeatable)
    #[arg(long = "allow-rebuild", value_name = "NAME")]
    pub allow_rebuild: Vec<String>,
    /// Allow rebuilding every collection
    #[arg(long = "allow-rebuild-all", conflicts_with = "allow_rebuild")]
    pub allow_rebuild_all: bool,
    /// Allow the first rebuild of NAME, a real collection today, to delete it after the verified copy
    /// so an alias can take its name: the name resolves to nothing for a moment (repeatable)
    #[arg(long = "allow-alias-gap", value_name = "NAME")]
    pub allow_alias_gap: Vec<String>,
    /// Remove the properties and vectors of NAME that no struct declares (by a rebuild; their values
    /// are lost) (repeatable)
    #[arg(long = "prune", value_name = "NAME")]
    pub prune: Vec<String>,
    /// Create new collections behind an alias (physical Name_v1, alias Name), so later rebuilds
    /// switch the name without a gap
    #[arg(long = "behind-alias")]
    pub behind_alias: bool,
}

/// `plan`.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct PlanArgs {
    #[command(flatten)]
    pub select: Select,
    #[command(flatten)]
    pub opt_ins: OptIns,
}

/// `apply`.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct ApplyArgs {
    #[command(flatten)]
    pub select: Select,
    #[command(flatten)]
    pub opt_ins: OptIns,
    /// Apply without asking (needed when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `status`.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub select: Select,
    /// Exit 1 when apply has something to do (for CI)
    #[arg(long)]
    pub check: bool,
    /// With --check: drift (on the server, declared by no struct) counts as a difference too
    #[arg(long, requires = "check")]
    pub strict: bool,
}

/// `rebuild NAME`.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct RebuildArgs {
    /// The collection to rebuild (a declared one)
    #[arg(value_name = "NAME")]
    pub name: String,
    #[command(flatten)]
    pub select: Select,
    #[command(flatten)]
    pub opt_ins: OptIns,
    /// Apply without asking (needed when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `drop-old NAME`.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct DropOldArgs {
    /// The collection whose old copies are deleted (a declared one)
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Delete without asking (needed when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `generate [NAMES...]`.
#[derive(Debug, Args, Clone, Default, PartialEq, Eq)]
pub(crate) struct GenerateArgs {
    /// The collections to generate structs for [default: every collection on the server]
    #[arg(value_name = "NAMES")]
    pub names: Vec<String>,
    /// Write the source to FILE instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("migrate").chain(args.iter().copied()))
    }

    #[test]
    fn the_grammar_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn no_command_means_plan_with_defaults() {
        let cli = parse(&[]).unwrap();
        assert_eq!(cli.command, None);
        assert_eq!(cli.global, Global::default());
        assert_eq!(cli.plan, PlanArgs::default());
        let cli = parse(&["-c", "Article", "--allow-rebuild", "Article", "--json"]).unwrap();
        assert_eq!(cli.command, None);
        assert_eq!(cli.plan.select.collections, ["Article"]);
        assert_eq!(cli.plan.opt_ins.allow_rebuild, ["Article"]);
        assert!(cli.global.json);
        // Before a command they are caught by `Cli::command_or_plan`.
        let cli = parse(&["-c", "Article", "status"]).unwrap();
        assert!(cli.command_or_plan().is_err());
        let cli = parse(&["--json", "status", "-c", "Article"]).unwrap();
        assert!(matches!(cli.command_or_plan(), Ok(Command::Status(_))));
        let cli = parse(&["-c", "Article"]).unwrap();
        let Ok(Command::Plan(plan)) = cli.command_or_plan() else {
            panic!()
        };
        assert_eq!(plan.select.collections, ["Article"]);
    }

    #[test]
    fn global_flags_go_before_or_after_the_command() {
        let before = parse(&["--json", "--color", "never", "--url", "http://h:1", "plan"]).unwrap();
        let after = parse(&["plan", "--json", "--color=never", "--url=http://h:1"]).unwrap();
        assert_eq!(before.global, after.global);
        assert!(before.global.json);
        assert_eq!(before.global.color, ColorChoice::Never);
        assert_eq!(before.global.url.as_deref(), Some("http://h:1"));
        let keys = parse(&["doctor", "--grpc-url", "http://h:2", "--api-key", "k"]).unwrap();
        assert_eq!(keys.global.grpc_url.as_deref(), Some("http://h:2"));
        assert_eq!(keys.global.api_key.as_deref(), Some("k"));
    }

    #[test]
    fn apply_takes_repeatable_opt_ins() {
        let cli = parse(&[
            "apply",
            "--allow-rebuild",
            "Article",
            "--allow-rebuild=Author",
            "--allow-alias-gap",
            "Article",
            "--prune",
            "Author",
            "--behind-alias",
            "-c",
            "Article",
            "--collection",
            "Author",
            "-y",
        ])
        .unwrap();
        let Some(Command::Apply(a)) = cli.command else {
            panic!("not apply: {cli:?}")
        };
        assert_eq!(a.opt_ins.allow_rebuild, ["Article", "Author"]);
        assert_eq!(a.opt_ins.allow_alias_gap, ["Article"]);
        assert_eq!(a.opt_ins.prune, ["Author"]);
        assert!(a.opt_ins.behind_alias && a.yes && !a.opt_ins.allow_rebuild_all);
        assert_eq!(a.select.collections, ["Article", "Author"]);
    }

    #[test]
    fn allow_rebuild_all_excludes_named_rebuilds() {
        assert!(parse(&["apply", "--allow-rebuild-all"]).is_ok());
        let e = parse(&["apply", "--allow-rebuild-all", "--allow-rebuild", "A"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn strict_needs_check() {
        let Some(Command::Status(s)) = parse(&["status", "--check", "--strict"]).unwrap().command
        else {
            panic!()
        };
        assert!(s.check && s.strict);
        let e = parse(&["status", "--strict"]).unwrap_err();
        assert_eq!(e.kind(), clap::error::ErrorKind::MissingRequiredArgument);
    }

    #[test]
    fn rebuild_and_drop_old_need_a_name() {
        for cmd in ["rebuild", "drop-old"] {
            let e = parse(&[cmd]).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        }
        let Some(Command::DropOld(d)) = parse(&["drop-old", "Article", "--yes"]).unwrap().command
        else {
            panic!()
        };
        assert_eq!((d.name.as_str(), d.yes), ("Article", true));
    }

    #[test]
    fn generate_takes_names_and_an_output_file() {
        let Some(Command::Generate(g)) = parse(&["generate", "A", "B", "--out", "src/model.rs"])
            .unwrap()
            .command
        else {
            panic!()
        };
        assert_eq!(g.names, ["A", "B"]);
        assert_eq!(g.out, Some(PathBuf::from("src/model.rs")));
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for args in [
            &["--color", "sometimes"][..],
            &["frobnicate"],
            &["plan", "--yes"],
            &["apply", "--allow-rebuild"],
        ] {
            let e = parse(args).unwrap_err();
            assert_eq!(e.exit_code(), 2, "{args:?}: {e}");
        }
    }

    #[test]
    fn colour_follows_the_terminal_and_no_color() {
        assert!(ColorChoice::Auto.enabled(true, false));
        assert!(!ColorChoice::Auto.enabled(true, true));
        assert!(!ColorChoice::Auto.enabled(false, false));
        assert!(ColorChoice::Always.enabled(false, true));
        assert!(!ColorChoice::Never.enabled(true, false));
    }
}
