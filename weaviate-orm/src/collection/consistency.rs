//! Consistency levels of reads and writes on replicated collections.

use crate::wire::v1 as pb;

/// How many replicas must answer a read or acknowledge a write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConsistencyLevel {
    /// One replica.
    One,
    /// A majority of replicas.
    Quorum,
    /// Every replica.
    All,
}

impl ConsistencyLevel {
    pub(crate) fn as_rest(self) -> &'static str {
        match self {
            ConsistencyLevel::One => "ONE",
            ConsistencyLevel::Quorum => "QUORUM",
            ConsistencyLevel::All => "ALL",
        }
    }

    pub(crate) fn as_grpc(self) -> i32 {
        (match self {
            ConsistencyLevel::One => pb::ConsistencyLevel::One,
            ConsistencyLevel::Quorum => pb::ConsistencyLevel::Quorum,
            ConsistencyLevel::All => pb::ConsistencyLevel::All,
        }) as i32
    }
}
