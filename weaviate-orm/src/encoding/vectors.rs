//! Vectors as bytes on the gRPC wire: little-endian f32; multi-vectors prefixed by their dimension as a
//! little-endian u16.

use std::collections::BTreeMap;

use crate::data::{Vector, Vectors};
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// Little-endian bytes of a single vector.
pub(crate) fn f32_bytes(v: &[f32]) -> Vec<u8> {
    let mut out = Vec::with_capacity(v.len() * 4);
    for x in v {
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

/// Decodes little-endian f32 bytes.
pub(crate) fn f32_from_bytes(bytes: &[u8]) -> Result<Vec<f32>> {
    if bytes.len() % 4 != 0 {
        return Err(Error::decode(format!(
            "vector bytes length {} is not a multiple of 4",
            bytes.len()
        )));
    }
    Ok(bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect())
}

/// Bytes of a multi-vector: u16 dimension, then the rows.
pub(crate) fn multi_bytes(rows: &[Vec<f32>]) -> Vec<u8> {
    let dim = rows.first().map_or(0, Vec::len);
    let mut out = Vec::with_capacity(2 + rows.len() * dim * 4);
    out.extend_from_slice(&(dim as u16).to_le_bytes());
    for row in rows {
        for x in row {
            out.extend_from_slice(&x.to_le_bytes());
        }
    }
    out
}

/// Decodes a multi-vector.
pub(crate) fn multi_from_bytes(bytes: &[u8]) -> Result<Vec<Vec<f32>>> {
    if bytes.is_empty() {
        return Ok(Vec::new());
    }
    if bytes.len() < 2 {
        return Err(Error::decode(
            "multi-vector bytes too short for the dimension header",
        ));
    }
    let dim = usize::from(u16::from_le_bytes([bytes[0], bytes[1]]));
    let body = &bytes[2..];
    if dim == 0 || body.len() % (dim * 4) != 0 {
        return Err(Error::decode(format!(
            "multi-vector of dimension {dim} cannot have {} value bytes",
            body.len()
        )));
    }
    body.chunks_exact(dim * 4).map(f32_from_bytes).collect()
}

/// The named vectors of an object as gRPC `Vectors` messages.
pub(crate) fn to_proto(named: &BTreeMap<String, Vector>) -> Vec<pb::Vectors> {
    named
        .iter()
        .map(|(name, v)| match v {
            Vector::Single(v) => pb::Vectors {
                name: name.clone(),
                vector_bytes: f32_bytes(v),
                r#type: pb::vectors::VectorType::SingleFp32 as i32,
                ..Default::default()
            },
            Vector::Multi(rows) => pb::Vectors {
                name: name.clone(),
                vector_bytes: multi_bytes(rows),
                r#type: pb::vectors::VectorType::MultiFp32 as i32,
                ..Default::default()
            },
        })
        .collect()
}

/// Vectors of a search result.
pub(crate) fn from_result(meta: &pb::MetadataResult) -> Result<Vectors> {
    let mut out = Vectors::default();
    if !meta.vector_bytes.is_empty() {
        out.default = Some(f32_from_bytes(&meta.vector_bytes)?);
    } else {
        #[allow(deprecated)]
        let legacy = &meta.vector;
        if !legacy.is_empty() {
            out.default = Some(legacy.clone());
        }
    }
    for v in &meta.vectors {
        let vector = if v.r#type == pb::vectors::VectorType::MultiFp32 as i32 {
            Vector::Multi(multi_from_bytes(&v.vector_bytes)?)
        } else {
            Vector::Single(f32_from_bytes(&v.vector_bytes)?)
        };
        out.named.insert(v.name.clone(), vector);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_vectors_round_trip_little_endian() {
        let v = vec![1.0f32, -2.5, 0.0];
        let bytes = f32_bytes(&v);
        assert_eq!(&bytes[..4], &1.0f32.to_le_bytes());
        assert_eq!(f32_from_bytes(&bytes).unwrap(), v);
        assert!(f32_from_bytes(&bytes[..5]).is_err());
    }

    #[test]
    fn multi_vectors_carry_a_u16_dimension_prefix() {
        let rows = vec![vec![1.0f32, 2.0], vec![3.0, 4.0], vec![5.0, 6.0]];
        let bytes = multi_bytes(&rows);
        assert_eq!(&bytes[..2], &[2, 0]);
        assert_eq!(bytes.len(), 2 + 6 * 4);
        assert_eq!(multi_from_bytes(&bytes).unwrap(), rows);
        assert!(multi_from_bytes(&[0, 0, 1, 2, 3, 4]).is_err());
        assert!(multi_from_bytes(&[2, 0, 1, 2, 3]).is_err());
    }
}
