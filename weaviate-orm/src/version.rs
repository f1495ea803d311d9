//! The server's version, and the gates of features that need a newer one.

use std::fmt;

use crate::client::Client;
use crate::error::{Error, Result};

/// A Weaviate release: `major.minor.patch`. A pre-release suffix (`1.39.0-rc.1`) counts as the
/// release itself: release candidates carry the release's endpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Version {
    major: u32,
    minor: u32,
    patch: u32,
}

impl Version {
    pub(crate) const fn new(major: u32, minor: u32, patch: u32) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// Reads `1.39.0`, `v1.39.0`, `1.39` or `1.39.0-rc.1`; `None` for anything else.
    pub(crate) fn parse(text: &str) -> Option<Version> {
        let core = text.trim().trim_start_matches('v');
        let core = core.split(['-', '+']).next().unwrap_or_default();
        let mut parts = core.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        let patch = match parts.next() {
            Some(p) => p.parse().ok()?,
            None => 0,
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Version::new(major, minor, patch))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// Whether `server` (the version the server reports) is `since` or newer; an unreadable version is
/// not.
pub(crate) fn at_least(server: &str, since: Version) -> bool {
    Version::parse(server).is_some_and(|v| v >= since)
}

/// [`Error::Unsupported`] when `server` is older than `since`. A version that cannot be read (a
/// custom build) passes: the server then decides.
pub(crate) fn check_supported(feature: &str, since: Version, server: &str) -> Result<()> {
    match Version::parse(server) {
        Some(v) if v < since => Err(Error::Unsupported {
            feature: feature.to_owned(),
            since: since.to_string(),
            server: server.to_owned(),
        }),
        _ => Ok(()),
    }
}

impl Client {
    /// The server's version: from the start-up checks, else read once now and kept.
    pub(crate) async fn server_version(&self) -> Result<String> {
        if let Some(meta) = self.cached_meta() {
            return Ok(meta.version.clone());
        }
        let meta = self.meta().await?;
        let version = meta.version.clone();
        // Another task may have set it meanwhile; either answer is the same server's.
        let _ = self.inner.meta.set(meta);
        Ok(version)
    }

    /// [`Error::Unsupported`] (nothing sent for `feature`) when the server is older than `since`.
    pub(crate) async fn require_version(&self, feature: &str, since: Version) -> Result<()> {
        check_supported(feature, since, &self.server_version().await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_with_prefix_suffix_and_without_patch() {
        assert_eq!(Version::parse("1.39.0"), Some(Version::new(1, 39, 0)));
        assert_eq!(Version::parse("v1.36.2"), Some(Version::new(1, 36, 2)));
        assert_eq!(Version::parse("1.36.0-rc.1"), Some(Version::new(1, 36, 0)));
        assert_eq!(Version::parse("1.38"), Some(Version::new(1, 38, 0)));
        for bad in ["", "x", "1", "1.x.0", "1.2.3.4"] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
        assert!(Version::new(1, 39, 0) > Version::new(1, 38, 9));
        assert!(Version::new(2, 0, 0) > Version::new(1, 99, 99));
    }

    #[test]
    fn at_least_compares_and_refuses_unreadable_versions() {
        assert!(at_least("1.39.0", Version::new(1, 36, 0)));
        assert!(at_least("1.36.0-rc.1", Version::new(1, 36, 0)));
        assert!(at_least("v2.0.1", Version::new(1, 36, 0)));
        assert!(!at_least("1.35.9", Version::new(1, 36, 0)));
        assert!(!at_least("", Version::new(1, 36, 0)));
    }

    #[test]
    fn the_gate_names_feature_since_and_server() {
        let since = Version::new(1, 39, 0);
        assert!(check_supported("x", since, "1.39.0").is_ok());
        assert!(check_supported("x", since, "1.40.1").is_ok());
        // A custom build's version string does not block: the server decides.
        assert!(check_supported("x", since, "dev").is_ok());
        let err = check_supported("changing an index", since, "1.38.2").unwrap_err();
        match &err {
            Error::Unsupported {
                feature,
                since,
                server,
            } => {
                assert_eq!(
                    (feature.as_str(), since.as_str(), server.as_str()),
                    ("changing an index", "1.39.0", "1.38.2")
                );
            }
            other => panic!("unexpected {other:?}"),
        }
        assert_eq!(
            err.to_string(),
            "changing an index needs Weaviate 1.39.0 or newer; the server runs 1.38.2"
        );
    }
}
