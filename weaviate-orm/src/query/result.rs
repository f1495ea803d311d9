//! What each search result decodes into: [`Hit<T>`] for typed queries, [`Object`] for untyped ones.

use std::ops::{Deref, DerefMut};

use uuid::Uuid;

use super::decode::{self, result_id};
use super::plan::typed_plan;
use super::projection::Projection;
use super::references::QueryReference;
use crate::data::{Metadata, Object, Vectors};
use crate::encoding::vectors;
use crate::error::{Error, Result};
use crate::filter::Untyped;
use crate::names::check_property_name;
use crate::sealed::SealedFor;
use crate::typed::{WeaviateCollection, in_object};
use crate::wire::v1 as pb;

/// One result of a typed search: the object's id, the decoded struct `T` (the collection's struct or
/// a [projection](Projection) of it), and the metadata and vectors that were asked for.
///
/// `Hit<T>` dereferences to `T`, so `hit.title` reads the struct's field.
///
/// ```no_run
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection, Debug)]
/// # struct Article { title: String }
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::query::{Hit, MetadataQuery};
///
/// let hits = client.collection_of::<Article>().query()
///     .bm25("rust")
///     .return_metadata(MetadataQuery::default().score())
///     .await?;
/// for hit in &hits {
///     println!("{} scored {:?}: {}", hit.id, hit.metadata.score, hit.title);
/// }
/// let articles: Vec<Article> = hits.into_iter().map(Hit::into_object).collect();
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Hit<T> {
    /// The object's id.
    pub id: Uuid,
    /// The decoded object.
    pub object: T,
    /// The metadata asked for with [`return_metadata`](super::Search::return_metadata) (and the
    /// rerank score after [`rerank`](super::Search::rerank)); the other fields are `None`.
    pub metadata: Metadata,
    /// The vectors asked for with [`include_vectors`](super::Search::include_vectors) or
    /// [`include_vector`](super::Search::include_vector) (also written into `T`'s vector fields).
    pub vectors: Vectors,
}

impl<T> Hit<T> {
    /// The decoded object, without id and metadata.
    pub fn into_object(self) -> T {
        self.object
    }
}

impl<T> Deref for Hit<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.object
    }
}

impl<T> DerefMut for Hit<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.object
    }
}

/// What a query asks for and how it reads results, as far as the result type is concerned.
#[doc(hidden)]
#[derive(Clone, Debug, Default)]
pub struct ShapeContext {
    pub(crate) collection: String,
    pub(crate) tenant: Option<String>,
    /// Untyped: the properties to return (`None`: all non-blob properties).
    pub(crate) properties: Option<Vec<String>>,
    /// Untyped, crate-internal: an exact properties request (takes precedence over `properties`).
    pub(crate) request: Option<pb::PropertiesRequest>,
    /// Untyped: the references to return.
    pub(crate) references: Vec<QueryReference>,
    /// Typed: reference properties to expand, with what to ask of their targets.
    pub(crate) expand: Vec<(String, pb::PropertiesRequest)>,
}

/// A type search results decode into: [`Object`] for untyped queries ([`Untyped`]), [`Hit<P>`]
/// for typed queries on `C`, where `P` is `C` or a [`Projection`] of `C`. Implemented by this crate
/// only.
pub trait ResultShape<C>: SealedFor<C> + Sized + Send + 'static {
    #[doc(hidden)]
    fn __properties(context: &ShapeContext) -> Result<pb::PropertiesRequest>;
    #[doc(hidden)]
    fn __decode(result: &pb::SearchResult, context: &ShapeContext) -> Result<Self>;
    #[doc(hidden)]
    fn __id(&self) -> Uuid;
}

impl ResultShape<Untyped> for Object {
    fn __properties(context: &ShapeContext) -> Result<pb::PropertiesRequest> {
        let mut request = match (&context.request, &context.properties) {
            (Some(request), _) => request.clone(),
            (None, None) => pb::PropertiesRequest {
                return_all_nonref_properties: true,
                ..Default::default()
            },
            (None, Some(names)) => {
                for n in names {
                    check_property_name(n)?;
                }
                pb::PropertiesRequest {
                    non_ref_properties: names.clone(),
                    ..Default::default()
                }
            }
        };
        for r in &context.references {
            request.ref_properties.push(r.to_proto()?);
        }
        Ok(request)
    }

    fn __decode(result: &pb::SearchResult, context: &ShapeContext) -> Result<Self> {
        decode::object(result, &context.collection, context.tenant.as_deref())
    }

    fn __id(&self) -> Uuid {
        self.id
    }
}

impl<C: WeaviateCollection, P: Projection<C>> ResultShape<C> for Hit<P> {
    fn __properties(context: &ShapeContext) -> Result<pb::PropertiesRequest> {
        if let Some(names) = &context.properties {
            // Explicit properties (the untyped fetch's `typed()`): only those, no references.
            for n in names {
                check_property_name(n)?;
            }
            return Ok(pb::PropertiesRequest {
                non_ref_properties: names.clone(),
                ..Default::default()
            });
        }
        let typed = typed_plan::<C, P>()?;
        if context.expand.is_empty() {
            return Ok(typed.request.clone());
        }
        typed.plan.properties(&context.expand)
    }

    fn __decode(result: &pb::SearchResult, _context: &ShapeContext) -> Result<Self> {
        let meta = result
            .metadata
            .as_ref()
            .ok_or_else(|| Error::decode("search result without metadata"))?;
        let id = result_id(meta)?;
        let empty = pb::Properties::default();
        let (props, refs) = match &result.properties {
            Some(p) => (
                p.non_ref_props.as_ref().unwrap_or(&empty),
                p.ref_props.as_slice(),
            ),
            None => (&empty, &[][..]),
        };
        let mut object = P::decode_projection(props, refs).map_err(|e| in_object(e, id))?;
        let vectors = vectors::from_result(meta).map_err(|e| in_object(e, id))?;
        object
            .apply_id_and_vectors(id, &vectors)
            .map_err(|e| in_object(e, id))?;
        Ok(Hit {
            id,
            object,
            metadata: decode::metadata(meta),
            vectors,
        })
    }

    fn __id(&self) -> Uuid {
        self.id
    }
}
