//! Marker traits that let the compiler check attribute rules against field types. The derive emits
//! calls such as `require_text::<FieldType>()` at the field's span, so a wrong attribute fails with a
//! message pointing at the field.

/// Types whose Weaviate type is `text` or `text[]` (tokenization and `index_searchable` apply).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a text property, so it takes no tokenization or searchable index",
    label = "not `String`, `Vec<String>` or an `Option` of them",
    note = "tokenization and `index_searchable` apply to text properties only"
)]
pub trait TextProperty {}

/// Types whose Weaviate type is `int`, `number` or `date` (and arrays): range indexes apply.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a number or date property, so it takes no range index",
    label = "not an integer, float or date type",
    note = "`index_range_filters` applies to int, number and date properties only"
)]
pub trait RangeProperty {}

/// Types that are cross-references to other collections.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a reference to a collection",
    label = "the target must derive `WeaviateCollection`",
    note = "use `Reference<T>` where `T: WeaviateCollection`, or `MultiReference` with `#[weaviate(targets(A, B))]`"
)]
pub trait ReferenceProperty {}

/// Types that can carry a vector of a named vector (`#[weaviate(vector = "name")]`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot carry a vector",
    label = "expected `Vec<f32>`, `Vec<Vec<f32>>` (multi-vector) or an `Option` of them"
)]
pub trait VectorValue {
    /// The vector as the engine's [`Vector`](crate::data::Vector), `None` when absent.
    fn to_vector(&self) -> Option<crate::data::Vector>;
    /// Reads the vector back; `None` when the server sent none.
    fn from_vector(vector: Option<&crate::data::Vector>) -> crate::Result<Self>
    where
        Self: Sized;
}

/// Types that can be the `#[weaviate(id)]` field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be the object id",
    label = "the id field must be `uuid::Uuid` or `Option<uuid::Uuid>`"
)]
pub trait IdValue {
    /// The id, `None` for an unset optional id.
    fn to_id(&self) -> Option<uuid::Uuid>;
    /// The id read from the server.
    fn from_id(id: uuid::Uuid) -> Self;
}

/// Compile-time checks the derive calls; they do nothing at run time.
pub fn require_text<T: TextProperty + ?Sized>() {}
/// See [`require_text`].
pub fn require_range<T: RangeProperty + ?Sized>() {}
/// See [`require_text`].
pub fn require_reference<T: ReferenceProperty + ?Sized>() {}
/// See [`require_text`].
pub fn require_vector<T: VectorValue + ?Sized>() {}
/// See [`require_text`].
pub fn require_id<T: IdValue + ?Sized>() {}
/// See [`require_text`].
pub fn require_property<T: super::PropertyValue + ?Sized>() {}
/// See [`require_text`]; the target of a reference must be a collection.
pub fn require_collection<T: super::WeaviateCollection + ?Sized>() {}
