//! Finding (or building) the `weaviate-server` binary, in the places and layout `scripts/weaviate`
//! uses.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::EmbeddedError;

/// The server version the scripts pin (`scripts/weaviate`'s DEFAULT_VERSION).
pub const DEFAULT_VERSION: &str = "v1.39.0";
/// The Go module path the scripts build the server from.
pub const MODULE: &str = "github.com/weaviate/weaviate/cmd/weaviate-server";
/// The Go version the server's go.mod asks for at [`DEFAULT_VERSION`].
pub(crate) const GO_REQUIRED: &str = "1.26";

/// Where a binary came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Located {
    /// An existing binary.
    Found(PathBuf),
    /// Nothing found; build into this cache path with Go.
    Build(PathBuf),
}

/// The environment discovery reads, as functions so tests can supply their own.
pub(crate) struct Lookup<'a> {
    /// An environment variable (None when unset or empty).
    pub var: &'a dyn Fn(&str) -> Option<String>,
    /// Whether a path is an executable file.
    pub is_executable: &'a dyn Fn(&Path) -> bool,
}

impl Lookup<'_> {
    fn get(&self, name: &str) -> Option<String> {
        (self.var)(name).filter(|v| !v.is_empty())
    }
}

/// The process's real environment and file system.
pub(crate) fn real_lookup<R>(f: impl FnOnce(&Lookup<'_>) -> R) -> R {
    let var = |name: &str| std::env::var(name).ok();
    let is_executable = |path: &Path| is_executable(path);
    f(&Lookup {
        var: &var,
        is_executable: &is_executable,
    })
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// `$WEAVIATE_ORM_CACHE`, else `${XDG_CACHE_HOME:-$HOME/.cache}/weaviate-orm` (as the scripts).
pub(crate) fn cache_root(env: &Lookup<'_>) -> Option<PathBuf> {
    if let Some(dir) = env.get("WEAVIATE_ORM_CACHE") {
        return Some(dir.into());
    }
    let base = match env.get("XDG_CACHE_HOME") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env.get("HOME")?).join(".cache"),
    };
    Some(base.join("weaviate-orm"))
}

/// The cached binary of `version`: `<cache root>/bin/<version>/weaviate-server`.
pub(crate) fn cached_binary(env: &Lookup<'_>, version: &str) -> Option<PathBuf> {
    Some(
        cache_root(env)?
            .join("bin")
            .join(version)
            .join("weaviate-server"),
    )
}

/// A version like `v1.39.0` or `v1.40.0-rc.1` (what `go install MODULE@VERSION` takes).
pub(crate) fn valid_version(version: &str) -> bool {
    // The scripts' pattern: ^v[0-9]+\.[0-9]+\.[0-9]+([-.][A-Za-z0-9.]+)?$
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let Some(rest) = version.strip_prefix('v') else {
        return false;
    };
    let mut parts = rest.splitn(3, '.');
    let (Some(major), Some(minor), Some(tail)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let end = tail
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(tail.len());
    let (patch, suffix) = tail.split_at(end);
    let suffix_ok = match suffix.as_bytes() {
        [] => true,
        [b'-' | b'.', more @ ..] => {
            !more.is_empty() && more.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'.')
        }
        _ => false,
    };
    digits(major) && digits(minor) && digits(patch) && suffix_ok
}

/// Where the binary of `version` is, in the order:
/// 1. `explicit` (the options' binary), which must exist;
/// 2. `$WEAVIATE_SERVER_BIN` (as the scripts), which must exist;
/// 3. the scripts' cache, `<cache root>/bin/<version>/weaviate-server`;
/// 4. `weaviate-server` on `$PATH`;
/// 5. otherwise [`Located::Build`] into the cache path (when building is allowed).
///
/// `searched` collects every path looked at, for the error message.
pub(crate) fn locate(
    env: &Lookup<'_>,
    version: &str,
    explicit: Option<&Path>,
    searched: &mut Vec<PathBuf>,
) -> Result<Option<Located>, EmbeddedError> {
    let must_exist = |path: PathBuf, what: &str| {
        if (env.is_executable)(&path) {
            Ok(Some(Located::Found(path)))
        } else {
            Err(EmbeddedError::BinaryNotFound {
                version: version.to_owned(),
                searched: vec![path.clone()],
                hint: format!("{what} {} is not an executable file", path.display()),
            })
        }
    };
    if let Some(path) = explicit {
        return must_exist(
            path.to_owned(),
            "the binary given in EmbeddedOptions::binary,",
        );
    }
    if let Some(path) = env.get("WEAVIATE_SERVER_BIN") {
        return must_exist(path.into(), "WEAVIATE_SERVER_BIN =");
    }
    let cached = cached_binary(env, version);
    if let Some(path) = &cached {
        searched.push(path.clone());
        if (env.is_executable)(path) {
            return Ok(Some(Located::Found(path.clone())));
        }
    }
    if let Some(path) = env.get("PATH") {
        for dir in std::env::split_paths(&path) {
            let candidate = dir.join("weaviate-server");
            searched.push(candidate.clone());
            if (env.is_executable)(&candidate) {
                return Ok(Some(Located::Found(candidate)));
            }
        }
    }
    Ok(cached.map(Located::Build))
}

/// How to get a server binary, for [`EmbeddedError::BinaryNotFound`].
pub(crate) fn install_hint(version: &str, cache: Option<&Path>) -> String {
    let cache = cache.map_or_else(
        || format!("~/.cache/weaviate-orm/bin/{version}/"),
        |p| format!("{}/", p.join("bin").join(version).display()),
    );
    format!(
        "install Go {GO_REQUIRED} or newer (https://go.dev/dl) and it is built once into {cache} \
         (or run `scripts/weaviate install`, or `GOBIN=<dir> go install {MODULE}@{version}`), \
         or point WEAVIATE_SERVER_BIN or EmbeddedOptions::binary at an existing weaviate-server"
    )
}

/// Whether a `go` command runs here.
pub(crate) fn go_available() -> bool {
    Command::new("go")
        .args(["env", "GOVERSION"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Builds `version` into `target` like `scripts/weaviate install`: `go install -v` into a temporary
/// GOBIN beside the cache dir, then a rename into place (a killed build leaves no partial binary).
/// Go's output goes to stderr. Blocking: minutes (10-20 on 2 cores the first time).
pub(crate) fn build(version: &str, target: &Path) -> Result<PathBuf, EmbeddedError> {
    let bin_root = target
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(bin_root).map_err(EmbeddedError::io(format!(
        "creating {}",
        bin_root.display()
    )))?;
    let tmp = bin_root.join(format!(
        ".build-{version}.{}-{:08x}",
        std::process::id(),
        fastrand::u32(..)
    ));
    std::fs::create_dir_all(&tmp)
        .map_err(EmbeddedError::io(format!("creating {}", tmp.display())))?;
    let command = format!("go install -v -ldflags=-s -w {MODULE}@{version}");
    eprintln!(
        "weaviate-orm: building weaviate-server {version} (10-20 min on 2 cores, cached in {} afterwards)",
        bin_root.display()
    );
    eprintln!("weaviate-orm: GOBIN={} {command}", tmp.display());
    let started = std::time::Instant::now();
    let status = Command::new("go")
        .args([
            "install",
            "-v",
            "-ldflags=-s -w",
            &format!("{MODULE}@{version}"),
        ])
        .env("GOBIN", &tmp)
        .stdin(Stdio::null())
        .stdout(stderr_stdio())
        .stderr(Stdio::inherit())
        .status();
    let cleanup = || {
        let _ = std::fs::remove_dir_all(&tmp);
    };
    let status = match status {
        Ok(status) => status,
        Err(e) => {
            cleanup();
            return Err(EmbeddedError::io(format!("running `{command}`"))(e));
        }
    };
    if !status.success() {
        cleanup();
        return Err(EmbeddedError::BuildFailed {
            version: version.to_owned(),
            command,
            status: status.to_string(),
        });
    }
    let built = tmp.join("weaviate-server");
    let dir = target.parent().unwrap_or(Path::new("."));
    let moved = std::fs::create_dir_all(dir).and_then(|()| std::fs::rename(&built, target));
    cleanup();
    moved.map_err(EmbeddedError::io(format!(
        "moving the built server to {}",
        target.display()
    )))?;
    eprintln!(
        "weaviate-orm: built {} in {}s",
        target.display(),
        started.elapsed().as_secs()
    );
    Ok(target.to_owned())
}

/// Go's stdout goes to our stderr (as in the scripts), so a program's stdout stays its own.
fn stderr_stdio() -> Stdio {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stderr().as_fd().try_clone_to_owned() {
            return Stdio::from(fd);
        }
    }
    Stdio::inherit()
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    fn locate_with(
        vars: &[(&str, &str)],
        executables: &[&str],
        explicit: Option<&str>,
    ) -> (Result<Option<Located>, EmbeddedError>, Vec<PathBuf>) {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let executables: HashSet<PathBuf> = executables.iter().map(PathBuf::from).collect();
        let var = |name: &str| vars.get(name).cloned();
        let is_executable = |path: &Path| executables.contains(path);
        let env = Lookup {
            var: &var,
            is_executable: &is_executable,
        };
        let mut searched = Vec::new();
        let found = locate(&env, "v1.39.0", explicit.map(Path::new), &mut searched);
        (found, searched)
    }

    fn found(path: &str) -> Option<Located> {
        Some(Located::Found(PathBuf::from(path)))
    }

    #[test]
    fn discovery_order_is_explicit_env_cache_path_then_build() {
        let cached = "/c/bin/v1.39.0/weaviate-server";
        let all = [
            "/opt/explicit",
            "/opt/from-env",
            cached,
            "/usr/bin/weaviate-server",
        ];
        let vars = [
            ("WEAVIATE_ORM_CACHE", "/c"),
            ("WEAVIATE_SERVER_BIN", "/opt/from-env"),
            ("PATH", "/usr/local/bin:/usr/bin"),
        ];
        // 1. The options' binary wins.
        assert_eq!(
            locate_with(&vars, &all, Some("/opt/explicit")).0.unwrap(),
            found("/opt/explicit")
        );
        // 2. Then WEAVIATE_SERVER_BIN.
        assert_eq!(
            locate_with(&vars, &all, None).0.unwrap(),
            found("/opt/from-env")
        );
        // 3. Then the scripts' cache.
        let vars = [
            ("WEAVIATE_ORM_CACHE", "/c"),
            ("PATH", "/usr/local/bin:/usr/bin"),
        ];
        assert_eq!(locate_with(&vars, &all, None).0.unwrap(), found(cached));
        // 4. Then PATH, in order; everything looked at is recorded.
        let (got, searched) = locate_with(&vars, &["/usr/bin/weaviate-server"], None);
        assert_eq!(got.unwrap(), found("/usr/bin/weaviate-server"));
        assert_eq!(
            searched,
            [
                cached,
                "/usr/local/bin/weaviate-server",
                "/usr/bin/weaviate-server"
            ]
            .map(PathBuf::from)
        );
        // 5. Nothing: build into the cache path.
        assert_eq!(
            locate_with(&vars, &[], None).0.unwrap(),
            Some(Located::Build(PathBuf::from(cached)))
        );
    }

    #[test]
    fn the_cache_root_follows_the_scripts() {
        let cache = |vars: &[(&str, &str)]| {
            let (got, _) = locate_with(vars, &[], None);
            match got.unwrap() {
                Some(Located::Build(p)) => p,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(
            cache(&[("HOME", "/home/u")]),
            PathBuf::from("/home/u/.cache/weaviate-orm/bin/v1.39.0/weaviate-server")
        );
        assert_eq!(
            cache(&[("HOME", "/home/u"), ("XDG_CACHE_HOME", "/x")]),
            PathBuf::from("/x/weaviate-orm/bin/v1.39.0/weaviate-server")
        );
        assert_eq!(
            cache(&[("XDG_CACHE_HOME", "/x"), ("WEAVIATE_ORM_CACHE", "/w")]),
            PathBuf::from("/w/bin/v1.39.0/weaviate-server")
        );
        // No HOME, no cache variables: nothing to build into.
        assert_eq!(locate_with(&[], &[], None).0.unwrap(), None);
    }

    #[test]
    fn a_missing_explicit_binary_is_an_error_not_a_fallback() {
        let vars = [("WEAVIATE_ORM_CACHE", "/c")];
        let cached = ["/c/bin/v1.39.0/weaviate-server"];
        let err = locate_with(&vars, &cached, Some("/nope")).0.unwrap_err();
        assert!(err.to_string().contains("/nope"), "{err}");
        let vars = [
            ("WEAVIATE_ORM_CACHE", "/c"),
            ("WEAVIATE_SERVER_BIN", "/gone"),
        ];
        let err = locate_with(&vars, &cached, None).0.unwrap_err();
        assert!(
            err.to_string().contains("WEAVIATE_SERVER_BIN = /gone"),
            "{err}"
        );
    }

    #[test]
    fn the_hint_says_how_to_install_and_where_the_build_goes() {
        let hint = install_hint("v1.39.0", Some(Path::new("/c")));
        assert!(
            hint.contains("install Go 1.26 or newer (https://go.dev/dl)"),
            "{hint}"
        );
        assert!(hint.contains("built once into /c/bin/v1.39.0/"), "{hint}");
        assert!(hint.contains("WEAVIATE_SERVER_BIN"), "{hint}");
    }

    #[test]
    fn versions_are_checked_like_the_scripts() {
        for ok in ["v1.39.0", "v1.40.0-rc.1", "v10.0.12", "v1.2.3.beta"] {
            assert!(valid_version(ok), "{ok}");
        }
        for bad in [
            "1.39.0",
            "v1.39",
            "v1..0",
            "latest",
            "v1.39.0-",
            "v1.39.0 x",
            "",
        ] {
            assert!(!valid_version(bad), "{bad}");
        }
    }
}
