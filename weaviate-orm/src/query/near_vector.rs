//! Vector search with query vectors.

use super::builder::{Operator, Ranked};
use super::targets::{TargetsSpec, check_threshold, target_methods, threshold_methods};
use crate::data::Vector;
use crate::encoding::vectors::{f32_bytes, multi_bytes};
use crate::error::{Error, Result};
use crate::wire::v1 as pb;

/// The near-vector operator, built by [`Query::near_vector`](super::Query::near_vector) (one query
/// vector, or a multi-vector) or [`Query::near_vector_per_target`](super::Query::near_vector_per_target)
/// (a query vector per target vector).
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # #[weaviate(vector(name = "own", dimensions = 3), vector(name = "colbert", index = hnsw(multi_vector)))]
/// # struct Doc { title: String }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::MetadataQuery;
///
/// let near = client.collection_of::<Doc>().query()
///     .near_vector(vec![0.1, 0.2, 0.3])
///     .target(Doc::vectors().own)
///     .distance(0.5)
///     .return_metadata(MetadataQuery::default().distance())
///     .await?;
/// let multi = client.collection_of::<Doc>().query()
///     .near_vector(vec![vec![0.1, 0.2], vec![0.3, 0.4]])
///     .target(Doc::vectors().colbert)
///     .await?;
/// # let _ = (near, multi); Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct NearVector {
    query: QueryVectors,
    pub(crate) certainty: Option<f64>,
    pub(crate) distance: Option<f64>,
    pub(crate) targets: Option<TargetsSpec>,
}

#[derive(Clone, Debug)]
enum QueryVectors {
    One(Vector),
    PerTarget(Vec<(String, Vector)>),
}

/// A query vector in its wire form (the server reads the type; the name is informative).
pub(crate) fn vector_proto(name: &str, vector: &Vector) -> Result<pb::Vectors> {
    vector.validate(if name.is_empty() { "query" } else { name })?;
    let empty = match vector {
        Vector::Single(v) => v.is_empty(),
        Vector::Multi(rows) => rows.is_empty(),
    };
    if empty {
        return Err(Error::invalid("the query vector is empty"));
    }
    Ok(match vector {
        Vector::Single(v) => pb::Vectors {
            name: name.to_owned(),
            vector_bytes: f32_bytes(v),
            r#type: pb::vectors::VectorType::SingleFp32 as i32,
            ..Default::default()
        },
        Vector::Multi(rows) => pb::Vectors {
            name: name.to_owned(),
            vector_bytes: multi_bytes(rows),
            r#type: pb::vectors::VectorType::MultiFp32 as i32,
            ..Default::default()
        },
    })
}

impl NearVector {
    pub(crate) fn one(vector: Vector) -> Self {
        NearVector {
            query: QueryVectors::One(vector),
            certainty: None,
            distance: None,
            targets: None,
        }
    }

    pub(crate) fn per_target(vectors: Vec<(String, Vector)>) -> Self {
        NearVector {
            query: QueryVectors::PerTarget(vectors),
            certainty: None,
            distance: None,
            targets: None,
        }
    }

    pub(crate) fn to_proto(&self) -> Result<pb::NearVector> {
        check_threshold(self.certainty, self.distance)?;
        let mut out = pb::NearVector {
            certainty: self.certainty,
            distance: self.distance,
            ..Default::default()
        };
        match &self.query {
            QueryVectors::One(v) => {
                out.vectors = vec![vector_proto("", v)?];
                out.targets = self
                    .targets
                    .as_ref()
                    .map(TargetsSpec::to_proto)
                    .transpose()?;
            }
            QueryVectors::PerTarget(list) => {
                if list.is_empty() {
                    return Err(Error::invalid("no query vectors given"));
                }
                let mut order: Vec<String> = Vec::new();
                for (name, _) in list {
                    if name.is_empty() {
                        return Err(Error::invalid("a target vector name is empty"));
                    }
                    if !order.contains(name) {
                        order.push(name.clone());
                    }
                }
                out.vector_for_targets = order
                    .iter()
                    .map(|name| {
                        Ok(pb::VectorForTarget {
                            name: name.clone(),
                            vectors: list
                                .iter()
                                .filter(|(n, _)| n == name)
                                .map(|(n, v)| vector_proto(n, v))
                                .collect::<Result<Vec<_>>>()?,
                            ..Default::default()
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                let targets = match &self.targets {
                    Some(t) => t.to_proto_ordered(&order)?,
                    None => TargetsSpec::default_for(&order).to_proto()?,
                };
                out.targets = Some(targets);
            }
        }
        Ok(out)
    }
}

impl Operator for NearVector {
    fn __apply(&self, request: &mut pb::SearchRequest) -> Result<()> {
        request.near_vector = Some(self.to_proto()?);
        Ok(())
    }
}

impl Ranked for NearVector {}

target_methods!(NearVector);
threshold_methods!(NearVector);
