//! The migration command line (feature `cli`).
//!
//! An application gets a migration tool over its own structs with one three-line binary,
//! `src/bin/migrate.rs`:
//!
//! ```no_run
//! #[tokio::main]
//! async fn main() -> std::process::ExitCode { weaviate_orm::cli::run().await }
//! ```
//!
//! (with `weaviate-orm = { version = "...", features = ["cli"] }` and
//! `tokio = { version = "1", features = ["macros", "rt-multi-thread"] }`). The collections are the
//! `#[derive(WeaviateCollection)]` structs linked into that binary, found through the registry
//! ([`Client::migrator`](crate::Client::migrator) with no explicit list); when they live in the
//! application's library crate, name it once in the binary (`use my_app as _;`) so it is linked.
//!
//! ```text
//! cargo run --bin migrate                      # = plan: what apply would do, changes nothing
//! cargo run --bin migrate -- apply             # prints the plan, asks "Apply these N changes? [y/N]"
//! cargo run --bin migrate -- apply --yes --allow-rebuild Article
//! cargo run --bin migrate -- status --check    # CI: exit 1 when apply has something to do
//! ```
//!
//! | command | what it does |
//! |---|---|
//! | `plan` (default) | dry run: prints the [`Plan`](crate::migrate::Plan) |
//! | `apply` | prints the plan, asks on the terminal unless `--yes`, applies it with progress, prints the summary |
//! | `status [--check] [--strict]` | whether the server matches; `--check`: exit 1 on pending changes (`--strict`: drift too) |
//! | `rebuild NAME [--yes]` | like `apply`, with NAME rebuilt even when nothing requires it |
//! | `drop-old NAME [--yes]` | deletes the old collections (`NAME_vN`) that rebuilds of NAME kept |
//! | `export` | the structs' schema as Weaviate JSON, `{"classes": [...]}` (no server needed) |
//! | `schema`, `doctor`, `generate` | the server-side commands of the `weaviate-orm` binary (below) |
//!
//! `plan`, `apply` and `rebuild` take the opt-ins of [`Migrator`](crate::migrate::Migrator):
//! `--allow-rebuild NAME` (repeatable) or `--allow-rebuild-all`, `--allow-alias-gap NAME`,
//! `--prune NAME`, `--behind-alias`; `plan`, `apply`, `status`, `rebuild` and `export` take
//! `--collection NAME` (repeatable) to look only at some declared collections. Every command takes
//! `--json` (machine-readable output: the plan, the [`ApplyReport`](crate::migrate::ApplyReport), a
//! [`Status`]), `--color auto|always|never` (auto: colour when stdout is a terminal and `NO_COLOR` is
//! unset) and `--url`, `--grpc-url`, `--api-key`, which override `WEAVIATE_URL`,
//! `WEAVIATE_GRPC_URL` and `WEAVIATE_API_KEY` (see [`ClientBuilder::from_env`](crate::ClientBuilder::from_env)).
//!
//! `apply` never applies silently: without `--yes` it asks on the terminal, and when standard input
//! is not a terminal it refuses with exit code 2. Progress (a bar per reindex task and per copy) is
//! drawn on stderr when stderr is a terminal, as plain lines otherwise; stdout carries the plan and
//! the summary (or the JSON).
//!
//! Exit codes: [`EXIT_OK`] (0) success; [`EXIT_FAILURE`] (1) a failure (the error's message is
//! printed), a declined confirmation, or differences found by `status --check`; [`EXIT_USAGE`] (2)
//! a usage error or a confirmation that cannot be asked.
//!
//! The standalone `weaviate-orm` binary (`cargo install weaviate-orm --features cli`) has no
//! structs; it runs the server-side commands: `schema` (the live schema: a table, or the JSON with
//! `--json`), `doctor` (REST, gRPC health, authentication, server version, modules; exit 1 when a
//! check fails) and `generate [NAMES...] [--out FILE]` (Rust structs from the live schema).
//!
//! For tests and embedding, [`run_with`] takes the arguments and two writers; it never asks (it has no
//! terminal), so `apply` needs `--yes` there:
//!
//! ```
//! use std::process::ExitCode;
//! use weaviate_orm::WeaviateCollection;
//!
//! /// A note.
//! #[derive(WeaviateCollection)]
//! struct CliDocNote {
//!     body: String,
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let (mut out, mut err) = (Vec::new(), Vec::new());
//! let args = ["migrate", "export", "--collection", "CliDocNote"];
//! let code = weaviate_orm::cli::run_with(args, &mut out, &mut err).await;
//! assert_eq!(code, ExitCode::SUCCESS, "{}", String::from_utf8_lossy(&err));
//! let schema: serde_json::Value = serde_json::from_slice(&out).unwrap();
//! assert_eq!(schema["classes"][0]["class"], "CliDocNote");
//! # }
//! ```

mod args;
mod connect;
mod migrations;
mod progress;
mod server;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

pub use migrations::Status;

use crate::client::Client;
use args::{Cli, Command};
use connect::Target;

/// Exit code of a command that succeeded.
pub const EXIT_OK: u8 = 0;
/// Exit code of a failure (printed with its message), a declined confirmation, or differences found
/// by `status --check`.
pub const EXIT_FAILURE: u8 = 1;
/// Exit code of a usage error, or of a confirmation that cannot be asked (no terminal, no `--yes`).
pub const EXIT_USAGE: u8 = 2;

/// Runs the migration command line of this program over `std::env::args`, printing to stdout and
/// stderr and asking on the terminal; see the [module docs](self).
///
/// ```no_run
/// #[tokio::main]
/// async fn main() -> std::process::ExitCode { weaviate_orm::cli::run().await }
/// ```
pub async fn run() -> ExitCode {
    run_on_terminal(Mode::App).await
}

/// Runs the migration command line with `args` (the first is the program's name, as in
/// `std::env::args`), printing to `out` and `err`. It treats neither as a terminal: no colour with
/// `--color auto`, plain progress lines, and no question is asked, so `apply` without `--yes`
/// refuses with exit code 2.
pub async fn run_with(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    execute(Mode::App, args, out, err, Terminals::NONE).await
}

/// Runs the standalone `weaviate-orm` binary over `std::env::args`: the server-side commands
/// (`schema`, `doctor`, `generate`); the struct commands say that they need an application's own
/// binary ([`run`]).
pub async fn run_standalone() -> ExitCode {
    run_on_terminal(Mode::Standalone).await
}

/// [`run_standalone`] with `args`, `out` and `err`, like [`run_with`].
pub async fn run_standalone_with(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    execute(Mode::Standalone, args, out, err, Terminals::NONE).await
}

async fn run_on_terminal(mode: Mode) -> ExitCode {
    let terminals = Terminals {
        stdin: std::io::stdin().is_terminal(),
        stdout: std::io::stdout().is_terminal(),
        stderr: std::io::stderr().is_terminal(),
    };
    let mut out = std::io::stdout();
    let mut err = std::io::stderr();
    execute(mode, std::env::args_os(), &mut out, &mut err, terminals).await
}

/// Which program runs: an application's own binary (its structs are the schema) or the standalone
/// `weaviate-orm` binary (no structs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    App,
    Standalone,
}

/// Which of the standard streams are terminals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Terminals {
    stdin: bool,
    stdout: bool,
    stderr: bool,
}

impl Terminals {
    const NONE: Terminals = Terminals {
        stdin: false,
        stdout: false,
        stderr: false,
    };
}

/// A command's failure: the exit code and the message printed as `error: ...`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fail {
    code: u8,
    message: String,
}

impl Fail {
    /// A failure (exit code 1).
    pub(crate) fn failure(message: impl Into<String>) -> Self {
        Fail {
            code: EXIT_FAILURE,
            message: message.into(),
        }
    }

    /// A usage error or a refusal to ask (exit code 2).
    pub(crate) fn usage(message: impl Into<String>) -> Self {
        Fail {
            code: EXIT_USAGE,
            message: message.into(),
        }
    }
}

impl From<crate::Error> for Fail {
    fn from(e: crate::Error) -> Self {
        Fail::failure(e.to_string())
    }
}

impl From<std::io::Error> for Fail {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            // The reader went away (`| head`): nobody is left to tell.
            return Fail {
                code: EXIT_FAILURE,
                message: String::new(),
            };
        }
        Fail::failure(format!("cannot write the output: {e}"))
    }
}

/// What a command runs with: where it prints, whether it may colour and ask, where it connects.
pub(crate) struct Ctx<'a> {
    pub(crate) out: &'a mut dyn Write,
    pub(crate) err: &'a mut dyn Write,
    terminals: Terminals,
    pub(crate) json: bool,
    pub(crate) color: bool,
    target: Target,
}

impl Ctx<'_> {
    /// A client with the start-up checks done (an unreachable server fails here, by address).
    pub(crate) async fn client(&self) -> Result<Client, Fail> {
        Ok(self.target.builder().build().await?)
    }

    /// A client built without any traffic (for `doctor`, which checks each thing itself).
    pub(crate) async fn unchecked_client(&self) -> Result<Client, Fail> {
        Ok(self.target.builder().skip_init_checks(true).build().await?)
    }

    /// Whether progress bars can be drawn (stderr is a terminal).
    pub(crate) fn draws_bars(&self) -> bool {
        self.terminals.stderr
    }

    /// Asks `question` on the terminal (`[y/N]`). `refusal` is the error when nobody can be asked
    /// (stdin is not a terminal): exit code 2. A "no" is a failure (exit code 1).
    pub(crate) fn confirm(&mut self, question: &str, refusal: String) -> Result<(), Fail> {
        if !self.terminals.stdin {
            return Err(Fail::usage(refusal));
        }
        write!(self.err, "{question} [y/N] ")?;
        self.err.flush()?;
        let mut answer = String::new();
        let read = std::io::stdin().read_line(&mut answer);
        if !matches!(read, Ok(n) if n > 0) {
            writeln!(self.err)?;
        }
        match answer.trim().to_ascii_lowercase().as_str() {
            "y" | "yes" => Ok(()),
            _ => Err(Fail::failure("cancelled: nothing was changed")),
        }
    }

    /// Writes `value` as pretty JSON and a newline to stdout.
    pub(crate) fn print_json(&mut self, value: &impl serde::Serialize) -> Result<(), Fail> {
        serde_json::to_writer_pretty(&mut *self.out, value).map_err(|e| {
            match e.io_error_kind() {
                Some(kind) => Fail::from(std::io::Error::from(kind)),
                None => Fail::failure(format!("cannot write the JSON output: {e}")),
            }
        })?;
        writeln!(self.out)?;
        Ok(())
    }
}

/// The grammar as this program presents it; an application's binary is named as it was run.
fn grammar(mode: Mode, program: Option<&OsString>) -> clap::Command {
    let cmd = Cli::command();
    match mode {
        Mode::App => cmd
            .name(
                program
                    .and_then(|p| std::path::Path::new(p).file_stem())
                    .map(|stem| stem.to_string_lossy().into_owned())
                    .filter(|name| !name.is_empty())
                    .unwrap_or_else(|| "migrate".to_owned()),
            )
            .about("Migrate a Weaviate schema to this program's structs (weaviate-orm)")
            .version(concat!("(weaviate-orm ", env!("CARGO_PKG_VERSION"), ")")),
        Mode::Standalone => cmd
            .name("weaviate-orm")
            .about(
                "Weaviate from the command line: the live schema, connection checks, Rust structs \
                 from a schema. Migrations run in your application's own binary: weaviate_orm::cli::run()",
            )
            .subcommand_required(true)
            .arg_required_else_help(true)
            // The struct commands answer with a pointer to `run()`, but are not offered.
            .mut_args(|arg| {
                let global = arg.is_global_set()
                    || matches!(arg.get_id().as_str(), "help" | "version");
                arg.hide(!global)
            })
            .mut_subcommands(|sub| {
                let name = sub.get_name().to_owned();
                sub.hide(!matches!(name.as_str(), "schema" | "doctor" | "generate" | "help"))
            }),
    }
}

async fn execute(
    mode: Mode,
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    terminals: Terminals,
) -> ExitCode {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let parsed = grammar(mode, args.first())
        .try_get_matches_from(args.iter().cloned())
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = u8::try_from(e.exit_code()).unwrap_or(EXIT_USAGE);
            let styled = e.render();
            let text = if !no_color && terminals.stderr {
                styled.ansi().to_string()
            } else {
                styled.to_string()
            };
            let stream: &mut dyn Write = if e.use_stderr() { err } else { out };
            // Nothing more can be said when the help itself cannot be written.
            let _ = write!(stream, "{text}");
            let _ = stream.flush();
            return ExitCode::from(code);
        }
    };
    let target = Target::resolve(&cli.global, |name| std::env::var(name).ok());
    let mut ctx = Ctx {
        out,
        err,
        terminals,
        json: cli.global.json,
        color: cli.global.color.enabled(terminals.stdout, no_color),
        target,
    };
    let result = match cli.command_or_plan() {
        Ok(command) => dispatch(mode, command, &mut ctx).await,
        Err(message) => Err(Fail::usage(message)),
    };
    let code = match result {
        Ok(code) => code,
        Err(fail) => {
            if !fail.message.is_empty() {
                let _ = writeln!(ctx.err, "error: {}", fail.message);
            }
            fail.code
        }
    };
    let _ = ctx.out.flush();
    let _ = ctx.err.flush();
    ExitCode::from(code)
}

async fn dispatch(mode: Mode, command: Command, ctx: &mut Ctx<'_>) -> Result<u8, Fail> {
    if mode == Mode::Standalone && command.needs_structs() {
        return Err(Fail::usage(needs_structs(command.name())));
    }
    match command {
        Command::Plan(a) => migrations::plan(ctx, a).await,
        Command::Apply(a) => migrations::apply(ctx, a).await,
        Command::Status(a) => migrations::status(ctx, a).await,
        Command::Rebuild(a) => migrations::rebuild(ctx, a).await,
        Command::DropOld(a) => migrations::drop_old(ctx, a).await,
        Command::Export(a) => migrations::export(ctx, a),
        Command::Schema => server::schema(ctx).await,
        Command::Doctor => server::doctor(ctx).await,
        Command::Generate(a) => server::generate(ctx, a).await,
    }
}

/// Why the standalone binary does not run `command`, and what to do instead.
fn needs_structs(command: &str) -> String {
    format!(
        "`{command}` works from your application's structs, and this program has none. Give your \
         application its own migrate binary, src/bin/migrate.rs (weaviate-orm with the `cli` feature):\n\n    \
         #[tokio::main]\n    async fn main() -> std::process::ExitCode {{ weaviate_orm::cli::run().await }}\n\n\
         then run `cargo run --bin migrate -- {command}`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn standalone(args: &[&str]) -> (ExitCode, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_standalone_with(
            std::iter::once("weaviate-orm").chain(args.iter().copied()),
            &mut out,
            &mut err,
        )
        .await;
        (
            code,
            String::from_utf8_lossy(&out).into_owned(),
            String::from_utf8_lossy(&err).into_owned(),
        )
    }

    #[tokio::test]
    async fn the_standalone_binary_points_struct_commands_to_run() {
        for cmd in ["plan", "apply", "status", "export"] {
            let (code, out, err) = standalone(&[cmd]).await;
            assert_eq!(code, ExitCode::from(EXIT_USAGE), "{cmd}");
            assert!(out.is_empty(), "{out}");
            assert!(err.contains("weaviate_orm::cli::run().await"), "{err}");
            assert!(
                err.contains(&format!("cargo run --bin migrate -- {cmd}")),
                "{err}"
            );
        }
    }

    #[tokio::test]
    async fn the_standalone_binary_needs_a_command() {
        let (code, _, err) = standalone(&[]).await;
        assert_eq!(code, ExitCode::from(EXIT_USAGE));
        assert!(err.contains("doctor") && err.contains("schema"), "{err}");
    }

    #[tokio::test]
    async fn help_goes_to_stdout_and_exits_0() {
        let (code, out, err) = standalone(&["--help"]).await;
        assert_eq!(code, ExitCode::SUCCESS, "{err}");
        assert!(out.contains("Exit codes:"), "{out}");
        assert!(out.starts_with("Weaviate from the command line"), "{out}");
        let (code, out, _) = standalone(&["--version"]).await;
        assert_eq!(code, ExitCode::SUCCESS);
        assert!(out.starts_with("weaviate-orm "), "{out}");
    }

    #[tokio::test]
    async fn an_application_binary_is_named_as_it_was_run() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_with(
            ["/app/target/debug/my-migrate", "--version"],
            &mut out,
            &mut err,
        )
        .await;
        assert_eq!(code, ExitCode::SUCCESS);
        assert_eq!(
            String::from_utf8_lossy(&out),
            concat!(
                "my-migrate (weaviate-orm ",
                env!("CARGO_PKG_VERSION"),
                ")\n"
            )
        );
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_with(["my-migrate", "--help"], &mut out, &mut err).await;
        assert_eq!(code, ExitCode::SUCCESS);
        let help = String::from_utf8_lossy(&out);
        assert!(
            help.contains("Usage: my-migrate [OPTIONS] [COMMAND]"),
            "{help}"
        );
        assert!(
            help.contains("rebuild") && help.contains("--collection"),
            "{help}"
        );
    }

    #[tokio::test]
    async fn usage_errors_exit_2_on_stderr() {
        let (code, out, err) = standalone(&["doctor", "--colour", "never"]).await;
        assert_eq!(code, ExitCode::from(EXIT_USAGE));
        assert!(out.is_empty());
        assert!(
            err.contains("--color"),
            "clap suggests the right flag: {err}"
        );
    }

    #[tokio::test]
    async fn bad_urls_fail_before_any_request() {
        let (code, _, err) = standalone(&["schema", "--url", "ftp://nowhere"]).await;
        assert_eq!(code, ExitCode::from(EXIT_FAILURE));
        assert!(
            err.starts_with("error: invalid input: invalid HTTP URL `ftp://nowhere`"),
            "{err}"
        );
    }

    #[test]
    fn failures_carry_their_exit_code() {
        assert_eq!(Fail::usage("x").code, 2);
        assert_eq!(Fail::failure("x").code, 1);
        let e: Fail = crate::Error::NotFound {
            message: "gone".into(),
        }
        .into();
        assert_eq!(e, Fail::failure("not found: gone"));
    }
}
