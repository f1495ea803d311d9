//! `impl WeaviateObject`: the struct to and from property values (REST JSON and gRPC), and, for
//! nested object types, `impl PropertyValue` so that they can be fields of other structs.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::codegen::paths;
use crate::codegen::{config, helpers};
use crate::model::{Model, Role};

/// `impl WeaviateObject for T`.
pub(crate) fn weaviate_object(model: &Model) -> TokenStream {
    let ident = &model.ident;
    let json = paths::serde_json();
    let nested_properties = config::nested_properties(model);

    let writes = model.properties().map(|(field, name)| {
        let member = &field.ident;
        let ty = &field.ty;
        let property = helpers::property(ty);
        quote! {
            if let ::core::option::Option::Some(value) = #property::to_json(&self.#member, #name)? {
                properties.insert(::std::string::String::from(#name), value);
            }
        }
    });

    let reads = |read: TokenStream, inputs: TokenStream| -> Vec<TokenStream> {
        model
            .fields
            .iter()
            .map(|field| {
                let member = &field.ident;
                let ty = &field.ty;
                match &field.role {
                    Role::Property { name, .. } => {
                        let property = helpers::property(ty);
                        quote!(#member: #property::#read(#inputs, #name)?)
                    }
                    _ => quote_spanned!(ty.span()=> #member: <#ty as ::core::default::Default>::default()),
                }
            })
            .collect()
    };
    let json_reads = reads(quote!(read_json), quote!(properties));
    let grpc_reads = reads(quote!(read_grpc), quote!(properties, references));

    quote! {
        impl ::weaviate_orm::typed::WeaviateObject for #ident {
            fn nested_properties() -> ::std::vec::Vec<::weaviate_orm::schema::NestedProperty> {
                #nested_properties
            }

            fn to_properties(
                &self,
            ) -> ::weaviate_orm::Result<#json::Map<::std::string::String, #json::Value>> {
                #[allow(unused_mut)]
                let mut properties = #json::Map::new();
                #(#writes)*
                ::core::result::Result::Ok(properties)
            }

            fn from_json_properties(
                properties: &#json::Map<::std::string::String, #json::Value>,
            ) -> ::weaviate_orm::Result<Self> {
                let _ = properties;
                ::core::result::Result::Ok(#ident {
                    #(#json_reads),*
                })
            }

            fn from_grpc_properties(
                properties: &::weaviate_orm::wire::v1::Properties,
                references: &[::weaviate_orm::wire::v1::RefPropertiesResult],
            ) -> ::weaviate_orm::Result<Self> {
                let _ = (properties, references);
                ::core::result::Result::Ok(#ident {
                    #(#grpc_reads),*
                })
            }
        }
    }
}

/// `impl PropertyValue for T` of a nested object type: data type `object`, nested properties from the
/// fields, values through the runtime's nested helpers.
pub(crate) fn nested_property_value(model: &Model) -> TokenStream {
    let ident = &model.ident;
    let json = paths::serde_json();
    quote! {
        impl ::weaviate_orm::typed::markers::NestedValue for #ident {}

        impl ::weaviate_orm::typed::PropertyValue for #ident {
            fn data_type() -> ::weaviate_orm::schema::DataType {
                ::weaviate_orm::schema::DataType::Object
            }

            fn nested_properties() -> ::std::vec::Vec<::weaviate_orm::schema::NestedProperty> {
                <Self as ::weaviate_orm::typed::WeaviateObject>::nested_properties()
            }

            fn to_json(&self) -> ::weaviate_orm::Result<::core::option::Option<#json::Value>> {
                ::weaviate_orm::typed::__nested_to_json(self)
            }

            fn from_json(value: &#json::Value) -> ::weaviate_orm::Result<Self> {
                ::weaviate_orm::typed::__nested_from_json(value)
            }

            fn from_grpc(value: &::weaviate_orm::wire::v1::Value) -> ::weaviate_orm::Result<Self> {
                ::weaviate_orm::typed::__nested_from_grpc(value)
            }

            fn __from_grpc_object(
                properties: &::weaviate_orm::wire::v1::Properties,
            ) -> ::weaviate_orm::Result<Self> {
                <Self as ::weaviate_orm::typed::WeaviateObject>::from_grpc_properties(properties, &[])
            }
        }
    }
}
