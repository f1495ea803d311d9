//! Items private to one expansion (inside its anonymous `const`): every use of a property's
//! `PropertyValue` goes through the trait `__WeaviateOrmProperty`, implemented for every
//! `PropertyValue` type. An unsupported field type then fails the same obligation ("required for
//! `T` to implement `__WeaviateOrmProperty`") at the same span everywhere, which the compiler reports
//! once (beside the error of `require_property`), instead of once per generated use. The names are
//! prefixed so that they cannot shadow the user's types, which are named inside the same block.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Type;
use syn::spanned::Spanned;

use crate::codegen::paths;

/// `<ty as __WeaviateOrmProperty>` at the type's span.
pub(crate) fn property(ty: &Type) -> TokenStream {
    quote_spanned!(ty.span()=> <#ty as __WeaviateOrmProperty>)
}

/// The helper items.
pub(crate) fn items() -> TokenStream {
    let json = paths::serde_json();
    quote! {
        #[allow(dead_code)]
        trait __WeaviateOrmProperty: ::core::marker::Sized {
            fn data_type() -> ::weaviate_orm::schema::DataType;
            fn nested_properties() -> ::std::vec::Vec<::weaviate_orm::schema::NestedProperty>;
            /// The value as JSON; an encoding error names the property.
            fn to_json(
                value: &Self,
                name: &str,
            ) -> ::weaviate_orm::Result<::core::option::Option<#json::Value>>;
            /// The value of a key field, as `deterministic_id` takes it (`null` when absent).
            fn key(value: &Self) -> #json::Value;
            fn read_json(
                properties: &#json::Map<::std::string::String, #json::Value>,
                name: &str,
            ) -> ::weaviate_orm::Result<Self>;
            fn read_grpc(
                properties: &::weaviate_orm::wire::v1::Properties,
                references: &[::weaviate_orm::wire::v1::RefPropertiesResult],
                name: &str,
            ) -> ::weaviate_orm::Result<Self>;
        }

        impl<T: ::weaviate_orm::typed::PropertyValue> __WeaviateOrmProperty for T {
            fn data_type() -> ::weaviate_orm::schema::DataType {
                <T as ::weaviate_orm::typed::PropertyValue>::data_type()
            }

            fn nested_properties() -> ::std::vec::Vec<::weaviate_orm::schema::NestedProperty> {
                <T as ::weaviate_orm::typed::PropertyValue>::nested_properties()
            }

            fn to_json(
                value: &Self,
                name: &str,
            ) -> ::weaviate_orm::Result<::core::option::Option<#json::Value>> {
                <T as ::weaviate_orm::typed::PropertyValue>::to_json(value).map_err(|error| match error {
                    ::weaviate_orm::Error::InvalidInput { message } => ::weaviate_orm::Error::InvalidInput {
                        message: ::std::format!("property `{}`: {}", name, message),
                    },
                    other => other,
                })
            }

            fn key(value: &Self) -> #json::Value {
                <T as ::weaviate_orm::typed::PropertyValue>::to_json(value)
                    .ok()
                    .flatten()
                    .unwrap_or_default()
            }

            fn read_json(
                properties: &#json::Map<::std::string::String, #json::Value>,
                name: &str,
            ) -> ::weaviate_orm::Result<Self> {
                ::weaviate_orm::typed::__read_json::<T>(properties, name)
            }

            fn read_grpc(
                properties: &::weaviate_orm::wire::v1::Properties,
                references: &[::weaviate_orm::wire::v1::RefPropertiesResult],
                name: &str,
            ) -> ::weaviate_orm::Result<Self> {
                ::weaviate_orm::typed::__read_grpc::<T>(properties, references, name)
            }
        }
    }
}
