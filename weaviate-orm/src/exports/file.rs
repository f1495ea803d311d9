//! Reading the Parquet files of an export back: as JSON properties and vectors, or as the
//! collection's own struct.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use parquet::record::{Field, Row};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::data::{Vector, Vectors};
use crate::error::{Error, Result};
use crate::typed::WeaviateCollection;

/// One object of an export file.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct ExportedObject {
    /// The object's id.
    pub id: Uuid,
    /// When it was created.
    pub created: DateTime<Utc>,
    /// When it was last updated.
    pub updated: DateTime<Utc>,
    /// Its properties, as Weaviate stores them (REST JSON: dates as strings, geo as
    /// `{latitude, longitude}`, references as lists of `{"beacon": ...}`).
    pub properties: Map<String, Value>,
    /// Its vectors: the legacy vector, named vectors and multi-vectors.
    pub vectors: Vectors,
}

impl ExportedObject {
    /// The object as the collection's struct `T`, with its id and vector fields set.
    ///
    /// Fails with [`Error::Decode`] when the properties do not fit `T` (a required property is
    /// missing, a value has the wrong type).
    pub fn decode<T: WeaviateCollection>(&self) -> Result<T> {
        let mut value = T::from_json_properties(&self.properties)?;
        value.set_id_and_vectors(self.id, &self.vectors)?;
        Ok(value)
    }
}

/// One Parquet file of an export: the objects of one shard (or key range of a shard) of one
/// collection. See the [module docs](super) for the layout.
///
/// ```no_run
/// # #[derive(weaviate_orm::WeaviateCollection)]
/// # struct Article { title: String }
/// # fn run() -> weaviate_orm::Result<()> {
/// use weaviate_orm::exports::ExportFile;
///
/// for file in ExportFile::in_directory("/var/lib/weaviate/exports/articles-2026-12", "Article")? {
///     println!("{} objects of tenant {:?}", file.len(), file.tenant());
///     for article in file.decode::<Article>() {
///         println!("{}", article?.title);
///     }
/// }
/// # Ok(()) }
/// ```
pub struct ExportFile {
    path: PathBuf,
    reader: SerializedFileReader<File>,
    collection: Option<String>,
    tenant: Option<String>,
}

impl std::fmt::Debug for ExportFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExportFile")
            .field("path", &self.path)
            .field("collection", &self.collection)
            .field("tenant", &self.tenant)
            .field("len", &self.len())
            .finish()
    }
}

fn unreadable(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Decode {
        message: format!("export file {}: {error}", path.display()),
    }
}

impl ExportFile {
    /// Opens an export file. A missing file is [`Error::InvalidInput`]; a file that is not
    /// Parquet is [`Error::Decode`].
    pub fn open(path: impl AsRef<Path>) -> Result<ExportFile> {
        let path = path.as_ref().to_path_buf();
        let file = File::open(&path).map_err(|error| {
            Error::invalid(format!(
                "cannot open export file {}: {error}",
                path.display()
            ))
        })?;
        let reader = SerializedFileReader::new(file).map_err(|error| unreadable(&path, error))?;
        let metadata = |key: &str| {
            reader
                .metadata()
                .file_metadata()
                .key_value_metadata()
                .and_then(|pairs| pairs.iter().find(|pair| pair.key == key))
                .and_then(|pair| pair.value.clone())
        };
        let collection = metadata("collection");
        let tenant = metadata("tenant");
        Ok(ExportFile {
            path,
            reader,
            collection,
            tenant,
        })
    }

    /// The files of `collection` in an export's directory (its [`path`](super::Export::path) on
    /// the `filesystem` backend, or a downloaded copy), sorted by file name. The collection is read
    /// from each file's metadata, not guessed from its name.
    pub fn in_directory(directory: impl AsRef<Path>, collection: &str) -> Result<Vec<ExportFile>> {
        let directory = directory.as_ref();
        let entries = std::fs::read_dir(directory).map_err(|error| {
            Error::invalid(format!(
                "cannot list export directory {}: {error}",
                directory.display()
            ))
        })?;
        let mut paths = Vec::new();
        for entry in entries {
            let path = entry.map_err(|error| unreadable(directory, error))?.path();
            if path.extension().is_some_and(|ext| ext == "parquet") {
                paths.push(path);
            }
        }
        paths.sort();
        let mut files = Vec::new();
        for path in paths {
            let file = ExportFile::open(path)?;
            if file.collection() == Some(collection) {
                files.push(file);
            }
        }
        Ok(files)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The collection, from the file's metadata.
    pub fn collection(&self) -> Option<&str> {
        self.collection.as_deref()
    }

    /// The tenant (of a multi-tenant collection), from the file's metadata.
    pub fn tenant(&self) -> Option<&str> {
        self.tenant.as_deref()
    }

    /// The number of objects in the file.
    pub fn len(&self) -> u64 {
        u64::try_from(self.reader.metadata().file_metadata().num_rows()).unwrap_or(0)
    }

    /// Whether the file holds no object.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The objects, read one row group at a time (memory stays bounded by a row group, not the
    /// file).
    pub fn objects(self) -> impl Iterator<Item = Result<ExportedObject>> {
        let path = self.path;
        let rows = RowIter::from_file_into(Box::new(self.reader));
        rows.map(move |row| {
            row.map_err(|error| unreadable(&path, error))
                .and_then(|row| object_of(&row).map_err(|error| unreadable(&path, error)))
        })
    }

    /// The objects as the collection's struct `T` (see [`ExportedObject::decode`]).
    pub fn decode<T: WeaviateCollection>(self) -> impl Iterator<Item = Result<T>> {
        self.objects()
            .map(|object| object.and_then(|object| object.decode::<T>()))
    }
}

/// One row of the export schema (`id`, `creation_time`, `update_time`, `vector`, `named_vectors`,
/// `multi_vectors`, `properties`) as an object.
fn object_of(row: &Row) -> std::result::Result<ExportedObject, String> {
    let mut id = None;
    let mut created = None;
    let mut updated = None;
    let mut properties = Map::new();
    let mut vectors = Vectors::default();
    for (name, field) in row.get_column_iter() {
        match (name.as_str(), field) {
            (_, Field::Null) => {}
            ("id", Field::Str(text)) => {
                id = Some(Uuid::parse_str(text).map_err(|e| format!("id `{text}`: {e}"))?);
            }
            ("creation_time", Field::Long(ms)) => created = Some(time(*ms)?),
            ("update_time", Field::Long(ms)) => updated = Some(time(*ms)?),
            ("vector", Field::Bytes(bytes)) => vectors.default = Some(floats(bytes.data())?),
            ("properties", Field::Bytes(bytes)) => properties = json(name, bytes.data())?,
            ("named_vectors", Field::Bytes(bytes)) => {
                let named: BTreeMap<String, Vec<f32>> = json(name, bytes.data())?;
                vectors
                    .named
                    .extend(named.into_iter().map(|(k, v)| (k, Vector::Single(v))));
            }
            ("multi_vectors", Field::Bytes(bytes)) => {
                let multi: BTreeMap<String, Vec<Vec<f32>>> = json(name, bytes.data())?;
                vectors
                    .named
                    .extend(multi.into_iter().map(|(k, v)| (k, Vector::Multi(v))));
            }
            (name, field) => return Err(format!("unexpected column `{name}`: {field}")),
        }
    }
    Ok(ExportedObject {
        id: id.ok_or("a row has no id")?,
        created: created.ok_or("a row has no creation_time")?,
        updated: updated.ok_or("a row has no update_time")?,
        properties,
        vectors,
    })
}

fn time(ms: i64) -> std::result::Result<DateTime<Utc>, String> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| format!("time {ms} ms is out of range"))
}

fn floats(bytes: &[u8]) -> std::result::Result<Vec<f32>, String> {
    if bytes.len() % 4 != 0 {
        return Err(format!(
            "a vector of {} bytes is not a list of f32",
            bytes.len()
        ));
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|chunk| f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
        .collect())
}

fn json<T: serde::de::DeserializeOwned>(
    column: &str,
    bytes: &[u8],
) -> std::result::Result<T, String> {
    serde_json::from_slice(bytes).map_err(|e| format!("column `{column}`: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_are_little_endian_f32s() {
        let bytes: Vec<u8> = [1.5f32, -2.0]
            .iter()
            .flat_map(|f| f.to_le_bytes())
            .collect();
        assert_eq!(floats(&bytes).unwrap(), [1.5, -2.0]);
        assert!(floats(&bytes[..5]).unwrap_err().contains("5 bytes"));
        assert_eq!(
            time(1796161831956).unwrap().to_rfc3339(),
            "2026-12-01T21:50:31.956+00:00"
        );
    }

    #[test]
    fn a_file_that_is_not_parquet_is_a_decode_error() {
        let dir = std::env::temp_dir().join(format!("wv-export-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("Ex_s_0000.parquet");
        std::fs::write(&path, b"not parquet").unwrap();
        assert!(
            matches!(ExportFile::open(&path), Err(Error::Decode { message }) if message.contains("Ex_s_0000"))
        );
        assert!(matches!(
            ExportFile::in_directory(dir.join("missing"), "Ex"),
            Err(Error::InvalidInput { .. })
        ));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
