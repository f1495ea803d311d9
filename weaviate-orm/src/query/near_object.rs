//! Vector search from a stored object's vector.

use uuid::Uuid;

use super::builder::{Operator, Ranked};
use super::targets::{TargetsSpec, check_threshold, target_methods, threshold_methods};
use crate::error::Result;
use crate::wire::v1 as pb;

/// The near-object operator, built by [`Query::near_object`](super::Query::near_object): objects
/// near the vector(s) of a stored object (the object itself comes first, at distance 0).
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client, id: uuid::Uuid) -> weaviate_orm::Result<()> {
/// let similar = client.collection("Article").query().near_object(id).target("title_vec").limit(5).await?;
/// # let _ = similar; Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct NearObject {
    id: Uuid,
    pub(crate) certainty: Option<f64>,
    pub(crate) distance: Option<f64>,
    pub(crate) targets: Option<TargetsSpec>,
}

impl NearObject {
    pub(crate) fn new(id: Uuid) -> Self {
        NearObject {
            id,
            certainty: None,
            distance: None,
            targets: None,
        }
    }
}

impl Operator for NearObject {
    fn __apply(&self, request: &mut pb::SearchRequest) -> Result<()> {
        check_threshold(self.certainty, self.distance)?;
        #[allow(deprecated)]
        let near = pb::NearObject {
            id: self.id.to_string(),
            certainty: self.certainty,
            distance: self.distance,
            targets: self
                .targets
                .as_ref()
                .map(TargetsSpec::to_proto)
                .transpose()?,
            ..Default::default()
        };
        request.near_object = Some(near);
        Ok(())
    }
}

impl Ranked for NearObject {}

target_methods!(NearObject);
threshold_methods!(NearObject);
