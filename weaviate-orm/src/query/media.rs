//! The query input of a media search: bytes, a file read when the search runs, or base64 text.

use std::fmt;
use std::path::PathBuf;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use crate::error::{Error, Result};

/// The kind of media a [`near_media`](super::Query::near_media) search vectorizes: the search
/// argument the collection's multi-modal vectorizer takes (`multi2vec-clip` takes images,
/// `multi2vec-bind` all of them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MediaKind {
    /// An image (`nearImage`).
    Image,
    /// Audio (`nearAudio`).
    Audio,
    /// Video (`nearVideo`).
    Video,
    /// A depth image (`nearDepth`).
    Depth,
    /// A thermal image (`nearThermal`).
    Thermal,
    /// Inertial-measurement data (`nearIMU`).
    Imu,
}

impl MediaKind {
    /// Every kind, in declaration order.
    ///
    /// ```
    /// use weaviate_orm::query::MediaKind;
    /// assert_eq!(MediaKind::ALL.len(), 6);
    /// assert_eq!(MediaKind::ALL[0], MediaKind::Image);
    /// ```
    pub const ALL: [MediaKind; 6] = [
        MediaKind::Image,
        MediaKind::Audio,
        MediaKind::Video,
        MediaKind::Depth,
        MediaKind::Thermal,
        MediaKind::Imu,
    ];

    /// The search's name in Weaviate's API (`nearImage`, `nearAudio`, ...).
    ///
    /// ```
    /// use weaviate_orm::query::MediaKind;
    /// assert_eq!(MediaKind::Imu.search_name(), "nearIMU");
    /// ```
    pub fn search_name(self) -> &'static str {
        match self {
            MediaKind::Image => "nearImage",
            MediaKind::Audio => "nearAudio",
            MediaKind::Video => "nearVideo",
            MediaKind::Depth => "nearDepth",
            MediaKind::Thermal => "nearThermal",
            MediaKind::Imu => "nearIMU",
        }
    }
}

impl fmt::Display for MediaKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.search_name())
    }
}

/// The query of a media search: raw bytes, a file (read when the search runs), or base64 text
/// (checked before sending). Sent base64-encoded; the vectorizer embeds the decoded bytes.
///
/// ```
/// use weaviate_orm::query::Media;
///
/// assert_eq!(Media::bytes(b"hi".to_vec()).to_base64()?, "aGk=");
/// assert_eq!(Media::base64("aGk=").to_base64()?, "aGk=");
/// assert!(Media::base64("not base64!").to_base64().is_err());
/// assert!(Media::file("/no/such/file.png").to_base64().is_err());
/// # Ok::<(), weaviate_orm::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Media(Source);

#[derive(Clone, PartialEq, Eq)]
enum Source {
    Bytes(Vec<u8>),
    File(PathBuf),
    Base64(String),
}

impl Media {
    /// These bytes (an image file's content, audio samples, ...).
    pub fn bytes(bytes: impl Into<Vec<u8>>) -> Self {
        Media(Source::Bytes(bytes.into()))
    }

    /// The content of this file, read each time the search runs; a file that cannot be read is an
    /// [`InvalidInput`](Error::InvalidInput) error and nothing is sent.
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Media(Source::File(path.into()))
    }

    /// Already base64-encoded content (standard alphabet, padded); anything else is an
    /// [`InvalidInput`](Error::InvalidInput) error and nothing is sent.
    pub fn base64(text: impl Into<String>) -> Self {
        Media(Source::Base64(text.into()))
    }

    /// The content as sent: standard base64 with padding. Reads the file of [`Media::file`].
    pub fn to_base64(&self) -> Result<String> {
        let encoded = match &self.0 {
            Source::Bytes(b) => STANDARD.encode(b),
            Source::File(path) => {
                let bytes = std::fs::read(path).map_err(|e| {
                    Error::invalid(format!(
                        "cannot read the media file {}: {e}",
                        path.display()
                    ))
                })?;
                STANDARD.encode(bytes)
            }
            Source::Base64(text) => {
                let trimmed = text.trim();
                STANDARD.decode(trimmed).map_err(|e| {
                    Error::invalid(format!(
                        "the media is not valid (padded, standard) base64: {e}"
                    ))
                })?;
                trimmed.to_owned()
            }
        };
        if encoded.is_empty() {
            return Err(Error::invalid("the media is empty"));
        }
        Ok(encoded)
    }
}

impl fmt::Debug for Media {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Source::Bytes(b) => write!(f, "Media::bytes({} bytes)", b.len()),
            Source::File(p) => write!(f, "Media::file({})", p.display()),
            Source::Base64(t) => write!(f, "Media::base64({} chars)", t.len()),
        }
    }
}

impl From<Vec<u8>> for Media {
    fn from(bytes: Vec<u8>) -> Self {
        Media::bytes(bytes)
    }
}

impl From<&[u8]> for Media {
    fn from(bytes: &[u8]) -> Self {
        Media::bytes(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_becomes_padded_base64_or_an_error_before_sending() {
        assert_eq!(Media::bytes(b"abc".to_vec()).to_base64().unwrap(), "YWJj");
        assert_eq!(Media::from(&b"ab"[..]).to_base64().unwrap(), "YWI=");
        assert_eq!(Media::base64(" YWI= ").to_base64().unwrap(), "YWI=");
        for bad in ["YWI", "Y W I =", "%%%="] {
            let err = Media::base64(bad).to_base64().unwrap_err();
            assert!(matches!(err, Error::InvalidInput { .. }), "{bad}: {err:?}");
        }
        assert!(Media::bytes(Vec::new()).to_base64().is_err());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.bin");
        std::fs::write(&path, b"abc").unwrap();
        let media = Media::file(&path);
        assert_eq!(media.to_base64().unwrap(), "YWJj");
        std::fs::remove_file(&path).unwrap();
        let err = media.to_base64().unwrap_err().to_string();
        assert!(err.contains("cannot read the media file"), "{err}");
        assert!(err.contains("m.bin"), "{err}");
    }

    #[test]
    fn kinds_name_their_searches() {
        let names: Vec<_> = MediaKind::ALL.iter().map(|k| k.to_string()).collect();
        assert_eq!(
            names,
            [
                "nearImage",
                "nearAudio",
                "nearVideo",
                "nearDepth",
                "nearThermal",
                "nearIMU"
            ]
        );
    }
}
