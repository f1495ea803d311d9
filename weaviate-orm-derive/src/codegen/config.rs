//! The schema the struct describes: `collection_config()` and the properties / nested properties.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::spanned::Spanned;

use crate::codegen::{helpers, index, json, modules};
use crate::model::{Collection, FieldModel, Model, RefKind, Role};

/// The data type of a property field: the `data_type` override, the `targets` of a `MultiReference`,
/// or the field type's own.
fn data_type(field: &FieldModel) -> TokenStream {
    let ty = &field.ty;
    if let Some((variant, _)) = &field.attrs.data_type {
        return quote!(::weaviate_orm::schema::DataType::#variant);
    }
    if let (
        Role::Property {
            reference: RefKind::Multi,
            ..
        },
        Some((targets, _)),
    ) = (&field.role, &field.attrs.targets)
    {
        let names = targets.iter().map(
            |t| quote_spanned!(t.span()=> <#t as ::weaviate_orm::typed::WeaviateCollection>::NAME),
        );
        return quote!(::weaviate_orm::schema::DataType::references([#(#names),*]));
    }
    let property = helpers::property(ty);
    quote!(#property::data_type())
}

/// The setter calls shared by `Property` and `NestedProperty`.
fn common_settings(field: &FieldModel) -> Vec<TokenStream> {
    let a = &field.attrs;
    let mut calls = Vec::new();
    if let Some(description) = &a.description {
        calls.push(quote!(.description(#description)));
    }
    if let Some((variant, _)) = &a.tokenization {
        calls.push(quote!(.tokenization(::weaviate_orm::schema::Tokenization::#variant)));
    }
    if let Some(b) = a.index_filterable {
        calls.push(quote!(.index_filterable(#b)));
    }
    if let Some((b, _)) = a.index_searchable {
        calls.push(quote!(.index_searchable(#b)));
    }
    if let Some((b, _)) = a.index_range_filters {
        calls.push(quote!(.index_range_filters(#b)));
    }
    if let Some((analyzer, _)) = &a.text_analyzer {
        let analyzer = &analyzer.config;
        calls.push(quote!(.text_analyzer(#analyzer)));
    }
    if !matches!(
        field.role,
        Role::Property {
            reference: RefKind::Multi | RefKind::Single,
            ..
        }
    ) {
        let property = helpers::property(&field.ty);
        calls.push(quote!(.nested_properties(#property::nested_properties())));
    }
    calls
}

/// `Property::new(name, type).setting(...)...` for a collection property.
fn property(field: &FieldModel, name: &str, modules: &[String]) -> TokenStream {
    let data_type = data_type(field);
    let mut calls = common_settings(field);
    for module in modules {
        if let Some((b, _)) = field.attrs.skip_vectorization {
            calls.push(quote!(.skip_vectorization(#module, #b)));
        }
        if let Some((b, _)) = field.attrs.vectorize_property_name {
            calls.push(quote!(.vectorize_property_name(#module, #b)));
        }
    }
    quote!(::weaviate_orm::schema::Property::new(#name, #data_type) #(#calls)*)
}

/// `NestedProperty::new(name, type).setting(...)...`.
fn nested_property(field: &FieldModel, name: &str) -> TokenStream {
    let data_type = data_type(field);
    let calls = common_settings(field);
    quote!(::weaviate_orm::schema::NestedProperty::new(#name, #data_type) #(#calls)*)
}

/// The body of `WeaviateObject::nested_properties()`.
pub(crate) fn nested_properties(model: &Model) -> TokenStream {
    let properties = model.properties().map(|(f, name)| nested_property(f, name));
    quote!(::std::vec![#(#properties),*])
}

/// The body of `WeaviateCollection::collection_config()`.
pub(crate) fn collection_config(model: &Model, collection: &Collection) -> TokenStream {
    let modules = model.vectorizer_modules();
    let attrs = &collection.attrs;
    let mut calls = Vec::new();
    if let Some(description) = &attrs.description {
        calls.push(quote!(.description(#description)));
    }
    for (field, name) in model.properties() {
        let property = property(field, name, &modules);
        calls.push(quote!(.property(#property)));
    }
    for (vector, sources) in attrs.vectors.iter().zip(&collection.sources) {
        let name = &vector.name;
        let source_names: Vec<String> = sources
            .iter()
            .filter_map(|(i, _)| model.fields[*i].property_name().map(str::to_owned))
            .collect();
        let vectorizer = match &vector.vectorizer {
            None => quote!(::weaviate_orm::schema::Vectorizer::none()),
            Some(module) => {
                let base = modules::vectorizer(module);
                if source_names.is_empty() {
                    base
                } else if module.is_ref2vec() {
                    let list = json::value_tokens(&serde_json::Value::from(source_names.clone()));
                    quote!(#base.setting("referenceProperties", #list))
                } else {
                    quote!(#base.source_properties([#(#source_names),*]))
                }
            }
        };
        let index = vector.index.as_ref().map(index::vector_config_call);
        calls.push(
            quote!(.vector(#name, ::weaviate_orm::schema::VectorConfig::new(#vectorizer) #index)),
        );
    }
    if let Some(module) = &attrs.vectorizer {
        let name = &module.name;
        calls.push(quote!(.vectorizer(#name)));
        if !module.settings.is_empty() {
            let settings = modules::settings(module);
            calls.push(quote!(.module_config(#name, #settings)));
        }
    }
    if let Some(index) = &attrs.vector_index {
        calls.push(index::legacy_call(index));
    }
    if let Some(module) = &attrs.generative {
        let name = &module.name;
        let settings = modules::settings(module);
        calls.push(quote!(.generative(#name, #settings)));
    }
    if let Some(module) = &attrs.reranker {
        let name = &module.name;
        let settings = modules::settings(module);
        calls.push(quote!(.reranker(#name, #settings)));
    }
    calls.extend(attrs.config_calls.iter().map(ToTokens::to_token_stream));
    quote!(::weaviate_orm::schema::CollectionConfig::new(
        <Self as ::weaviate_orm::typed::WeaviateCollection>::NAME
    ) #(#calls)*)
}
