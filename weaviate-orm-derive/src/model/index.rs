//! A vector index, as parsed from `index = ...` / `vector_index = ...`.

use crate::model::builder::Builder;

/// The kind of index.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    Hnsw,
    Flat,
    Dynamic,
}

/// A parsed index: its kind and its `VectorIndexConfig`.
pub(crate) struct Index {
    pub kind: Kind,
    pub config: Builder,
}
