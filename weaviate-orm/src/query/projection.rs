//! Projections: structs holding a subset of a collection's fields, checked at compile time.

use uuid::Uuid;

use crate::data::Vectors;
use crate::error::Result;
use crate::typed::{__read_grpc, Field, PropertyValue, WeaviateCollection, WeaviateObject};
use crate::wire::v1 as pb;

/// A type that search results of collection `C` can decode into: `C` itself, or a struct holding a
/// subset of `C`'s fields, declared with [`projection!`](crate::projection!).
///
/// A typed search asks the server only for the properties of its projection.
/// [`Search::returning`](super::Search::returning) picks the projection:
///
/// ```no_run
/// # async fn run(client: weaviate_orm::Client) -> weaviate_orm::Result<()> {
/// use weaviate_orm::WeaviateCollection;
///
/// #[derive(WeaviateCollection)]
/// struct Article {
///     #[weaviate(rename = "headline")]
///     title: String,
///     body: String,
///     views: i64,
/// }
///
/// weaviate_orm::projection! {
///     /// Just what a listing shows.
///     #[derive(Debug, Clone)]
///     pub struct ArticleSummary of Article {
///         pub title: String,
///         pub views: i64,
///     }
/// }
///
/// let summaries = client.collection_of::<Article>().query()
///     .fetch_objects()
///     .returning::<ArticleSummary>()
///     .limit(20)
///     .await?;
/// println!("{}: {} views", summaries[0].title, summaries[0].views);
/// # Ok(()) }
/// ```
///
/// Each field of the projection must be a field of the collection's struct with the same name and
/// type (else it does not compile), and reads the same property (renames included). The id, the
/// metadata and the vectors are on the [`Hit`](super::Hit). A projection of `Article` cannot be
/// used in a query on another collection.
///
/// Declare projections with [`projection!`](crate::projection!): its decoding method takes wire
/// types, which are not part of the stable API.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a projection of collection `{C}`",
    label = "cannot decode results of `{C}`",
    note = "a query on `{C}` returns `{C}` or a projection declared with `weaviate_orm::projection! {{ struct Name of {C} {{ .. }} }}`"
)]
pub trait Projection<C: WeaviateCollection>: Sized + Send + 'static {
    /// The Weaviate names of the properties read (each a property of `C`).
    fn property_names() -> Vec<String>;

    /// Decodes a search result's properties and references. A required property that is missing is
    /// a [`Decode`](crate::Error::Decode) error naming the property. Hidden (the wire types may
    /// change with Weaviate's proto files): [`projection!`](crate::projection!) implements it.
    #[doc(hidden)]
    fn decode_projection(
        properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
    ) -> Result<Self>;

    /// Sets the id and the vectors of the object (for a struct with id or vector fields).
    fn apply_id_and_vectors(&mut self, id: Uuid, vectors: &Vectors) -> Result<()> {
        let _ = (id, vectors);
        Ok(())
    }
}

/// The collection's own struct: every property.
impl<T: WeaviateCollection> Projection<T> for T {
    fn property_names() -> Vec<String> {
        T::collection_config()
            .properties
            .into_iter()
            .map(|p| p.name)
            .collect()
    }

    fn decode_projection(
        properties: &pb::Properties,
        references: &[pb::RefPropertiesResult],
    ) -> Result<Self> {
        <T as WeaviateObject>::from_grpc_properties(properties, references)
    }

    fn apply_id_and_vectors(&mut self, id: Uuid, vectors: &Vectors) -> Result<()> {
        <T as WeaviateCollection>::set_id_and_vectors(self, id, vectors)
    }
}

/// Reads the property of `field` (what [`projection!`](crate::projection!) generates for each
/// field; the handle's type `Field<C, T>` is what checks the field's type at compile time).
pub fn __read_projection_field<C, T: PropertyValue>(
    field: Field<C, T>,
    properties: &pb::Properties,
    references: &[pb::RefPropertiesResult],
) -> Result<T> {
    __read_grpc::<T>(properties, references, field.name())
}

/// Declares a [`Projection`]: a struct holding some fields of a collection's struct, to decode
/// search results into (`search.returning::<Projection>()`), and to update just those properties
/// with (`data.update(id, projection)`: it is an [`IntoPatch`](crate::data::IntoPatch) too).
///
/// ```
/// use weaviate_orm::WeaviateCollection;
/// use weaviate_orm::query::Projection;
///
/// #[derive(WeaviateCollection)]
/// struct Article {
///     #[weaviate(rename = "headline")]
///     title: String,
///     body: String,
///     views: Option<i64>,
/// }
///
/// weaviate_orm::projection! {
///     /// Titles and view counts.
///     #[derive(Debug, PartialEq)]
///     pub struct TitleViews of Article {
///         pub title: String,
///         pub views: Option<i64>,
///     }
/// }
///
/// assert_eq!(<TitleViews as Projection<Article>>::property_names(), ["headline", "views"]);
/// ```
///
/// Every field must exist in the collection's struct with the same type:
///
/// ```compile_fail
/// # use weaviate_orm::WeaviateCollection;
/// # #[derive(WeaviateCollection)]
/// # struct Article { title: String }
/// weaviate_orm::projection! {
///     struct Wrong of Article {
///         title: i64, // `title` is a `String`
///     }
/// }
/// ```
///
/// Generic structs are not supported. Field attributes other than documentation and lints have
/// no effect on the decoding (the collection's struct decides the property names).
#[macro_export]
macro_rules! projection {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident of $collection:ty {
            $(
                $(#[$field_meta:meta])*
                $field_vis:vis $field:ident : $field_ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $(
                $(#[$field_meta])*
                $field_vis $field: $field_ty,
            )*
        }

        impl $crate::query::Projection<$collection> for $name {
            fn property_names() -> ::std::vec::Vec<::std::string::String> {
                let _fields = <$collection as $crate::WeaviateCollection>::fields();
                ::std::vec![$(
                    ::std::string::ToString::to_string($crate::typed::Field::name(&_fields.$field))
                ),*]
            }

            fn decode_projection(
                _properties: &$crate::wire::v1::Properties,
                _references: &[$crate::wire::v1::RefPropertiesResult],
            ) -> $crate::Result<Self> {
                let _fields = <$collection as $crate::WeaviateCollection>::fields();
                ::std::result::Result::Ok($name {
                    $(
                        $field: {
                            // The handle's type checks the field's type: a mismatch is reported
                            // at the projection's field.
                            let $field = _fields.$field;
                            let $field: $crate::typed::Field<$collection, $field_ty> = $field;
                            $crate::query::__read_projection_field($field, _properties, _references)?
                        },
                    )*
                })
            }
        }

        impl $crate::data::IntoPatch<$collection> for $name {
            fn __into_patch(self) -> $crate::Result<$crate::data::NewObject> {
                let _fields = <$collection as $crate::WeaviateCollection>::fields();
                let patch = $crate::data::Patch::<$collection>::new();
                $(
                    // The field's type is checked by the decoding above (a mismatch is reported
                    // once, there): this handle takes only the field's name.
                    let name = $crate::typed::Field::name(&_fields.$field);
                    let $field = $crate::typed::Field::<$collection, $field_ty>::new(name);
                    let patch = patch.set::<$field_ty>($field, self.$field);
                )*
                $crate::data::IntoPatch::<$collection>::__into_patch(patch)
            }
        }
    };
}
