//! `impl WeaviateCollection`: name, config, id, vectors, the object to write, and the registration
//! of the collection for migrations.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::codegen::paths;
use crate::codegen::{config, handles, helpers};
use crate::model::{Collection, Model, Role};

/// `impl WeaviateCollection for T` and the `inventory` submission.
pub(crate) fn weaviate_collection(model: &Model, collection: &Collection) -> TokenStream {
    let ident = &model.ident;
    let name = &collection.name;
    let uuid = paths::uuid();
    let config = config::collection_config(model, collection);
    let fields_ty = handles::fields_ident(model);
    let id = id(model);
    let vectors = vectors(model);
    let set_id_and_vectors = set_id_and_vectors(model);
    let to_new_object = to_new_object(model, collection);
    let renames = renames(model, collection);
    let rust_type = ident.to_string();
    let property_names = model.properties().map(|(_, name)| name);

    quote! {
        impl ::weaviate_orm::typed::WeaviateCollection for #ident {
            const NAME: &'static str = #name;

            const PROPERTY_NAMES: &'static [&'static str] = &[#(#property_names),*];

            #renames

            type Fields = #fields_ty;

            fn collection_config() -> ::weaviate_orm::schema::CollectionConfig {
                #config
            }

            fn fields() -> Self::Fields {
                #ident::fields()
            }

            fn id(&self) -> ::core::option::Option<#uuid::Uuid> {
                #id
            }

            fn vectors(&self) -> ::weaviate_orm::data::Vectors {
                #vectors
            }

            fn set_id_and_vectors(
                &mut self,
                id: #uuid::Uuid,
                vectors: &::weaviate_orm::data::Vectors,
            ) -> ::weaviate_orm::Result<()> {
                let _ = (id, vectors);
                #set_id_and_vectors
                ::core::result::Result::Ok(())
            }

            #to_new_object
        }

        ::weaviate_orm::typed::registry::__inventory::submit! {
            ::weaviate_orm::typed::registry::RegisteredCollection {
                name: <#ident as ::weaviate_orm::typed::WeaviateCollection>::NAME,
                rust_type: ::core::concat!(::core::module_path!(), "::", #rust_type),
                config: <#ident as ::weaviate_orm::typed::WeaviateCollection>::collection_config,
                renames: <#ident as ::weaviate_orm::typed::WeaviateCollection>::RENAMES,
            }
        }
    }
}

/// `const RENAMES` when the collection or a property has a `renamed_from`; nothing otherwise (the
/// trait's default is `Renames::NONE`).
fn renames(model: &Model, collection: &Collection) -> TokenStream {
    let properties: Vec<TokenStream> = model
        .properties()
        .filter_map(|(f, to)| {
            let from = &f.attrs.renamed_from.as_ref()?.0;
            Some(quote!(::weaviate_orm::typed::PropertyRename { from: #from, to: #to }))
        })
        .collect();
    let former = collection.attrs.renamed_from.as_ref().map(|r| &r.0);
    if former.is_none() && properties.is_empty() {
        return TokenStream::new();
    }
    let former = match former {
        Some(former) => quote!(::core::option::Option::Some(#former)),
        None => quote!(::core::option::Option::None),
    };
    quote! {
        const RENAMES: ::weaviate_orm::typed::Renames = ::weaviate_orm::typed::Renames {
            collection: #former,
            properties: &[#(#properties),*],
        };
    }
}

/// The body of `id()`: the id field, else the key fields' deterministic id, else `None`.
fn id(model: &Model) -> TokenStream {
    let id_field = model.fields.iter().find(|f| matches!(f.role, Role::Id));
    let keys: Vec<TokenStream> = model
        .fields
        .iter()
        .filter(|f| f.attrs.key.is_some() && f.property_name().is_some())
        .map(|f| {
            let member = &f.ident;
            let ty = &f.ty;
            let property = helpers::property(ty);
            quote!(#property::key(&self.#member))
        })
        .collect();
    let derived = (!keys.is_empty()).then(|| {
        quote!(::weaviate_orm::typed::deterministic_id(
            ::weaviate_orm::typed::key_namespace::<Self>(),
            &[#(#keys),*],
        ))
    });
    let own = id_field.map(|f| {
        let member = &f.ident;
        let ty = &f.ty;
        quote_spanned!(ty.span()=> <#ty as ::weaviate_orm::typed::markers::IdValue>::to_id(&self.#member))
    });
    match (own, derived) {
        (Some(own), Some(derived)) => {
            quote!(#own.or_else(|| ::core::option::Option::Some(#derived)))
        }
        (Some(own), None) => own,
        (None, Some(derived)) => quote!(::core::option::Option::Some(#derived)),
        (None, None) => quote!(::core::option::Option::None),
    }
}

/// The body of `vectors()`.
fn vectors(model: &Model) -> TokenStream {
    let inserts: Vec<TokenStream> = model
        .fields
        .iter()
        .filter_map(|f| {
            let Role::Vector(target) = &f.role else {
                return None;
            };
            let member = &f.ident;
            let ty = &f.ty;
            let to_vector = quote_spanned!(ty.span()=>
                <#ty as ::weaviate_orm::typed::markers::VectorValue>::to_vector(&self.#member)
            );
            Some(match target {
                Some(name) => quote! {
                    if let ::core::option::Option::Some(vector) = #to_vector {
                        vectors.named.insert(::std::string::String::from(#name), vector);
                    }
                },
                None => quote! {
                    if let ::core::option::Option::Some(::weaviate_orm::data::Vector::Single(vector)) = #to_vector {
                        vectors.default = ::core::option::Option::Some(vector);
                    }
                },
            })
        })
        .collect();
    if inserts.is_empty() {
        return quote!(::weaviate_orm::data::Vectors::default());
    }
    quote! {
        let mut vectors = ::weaviate_orm::data::Vectors::default();
        #(#inserts)*
        vectors
    }
}

/// The statements of `set_id_and_vectors()`.
fn set_id_and_vectors(model: &Model) -> TokenStream {
    let statements = model.fields.iter().filter_map(|f| {
        let member = &f.ident;
        let ty = &f.ty;
        match &f.role {
            Role::Id => Some(quote_spanned!(ty.span()=>
                self.#member = <#ty as ::weaviate_orm::typed::markers::IdValue>::from_id(id);
            )),
            Role::Vector(Some(name)) => Some(quote_spanned!(ty.span()=>
                self.#member = <#ty as ::weaviate_orm::typed::markers::VectorValue>::from_vector(vectors.get(#name))?;
            )),
            Role::Vector(None) => Some(quote_spanned!(ty.span()=>
                let default = vectors.default.clone().map(::weaviate_orm::data::Vector::Single);
                self.#member = <#ty as ::weaviate_orm::typed::markers::VectorValue>::from_vector(default.as_ref())?;
            )),
            _ => None,
        }
    });
    quote!(#(#statements)*)
}

/// An override of `to_new_object()` checking the declared dimensions of named vectors and that the
/// collection's single vector is not a multi-vector; nothing when there is nothing to check.
fn to_new_object(model: &Model, collection: &Collection) -> TokenStream {
    let mut checks = Vec::new();
    for vector in &collection.attrs.vectors {
        let Some(dimensions) = vector.dimensions else {
            continue;
        };
        let name = &vector.name;
        checks.push(quote! {
            if let ::core::option::Option::Some(vector) = object.vectors.named.get(#name) {
                let found: &[usize] = &match vector {
                    ::weaviate_orm::data::Vector::Single(v) => ::std::vec![v.len()],
                    ::weaviate_orm::data::Vector::Multi(rows) => rows.iter().map(::std::vec::Vec::len).collect(),
                };
                if let ::core::option::Option::Some(wrong) = found.iter().find(|len| **len != #dimensions) {
                    return ::core::result::Result::Err(::weaviate_orm::Error::InvalidInput {
                        message: ::std::format!(
                            "vector `{}` has {} dimensions, but the collection declares `dimensions = {}`",
                            #name, wrong, #dimensions
                        ),
                    });
                }
            }
        });
    }
    for f in &model.fields {
        if let Role::Vector(None) = f.role {
            let member = &f.ident;
            let ty = &f.ty;
            let field = member.to_string();
            checks.push(quote_spanned!(ty.span()=>
                if let ::core::option::Option::Some(::weaviate_orm::data::Vector::Multi(_)) =
                    <#ty as ::weaviate_orm::typed::markers::VectorValue>::to_vector(&self.#member)
                {
                    return ::core::result::Result::Err(::weaviate_orm::Error::InvalidInput {
                        message: ::std::format!(
                            "field `{}` holds a multi-vector, but the collection's single vector takes one vector; declare a named vector with `index = hnsw(multi_vector)`",
                            #field
                        ),
                    });
                }
            ));
        }
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        fn to_new_object(&self) -> ::weaviate_orm::Result<::weaviate_orm::data::NewObject> {
            let mut object = ::weaviate_orm::data::NewObject::from_map(
                <Self as ::weaviate_orm::typed::WeaviateObject>::to_properties(self)?,
            );
            object.id = <Self as ::weaviate_orm::typed::WeaviateCollection>::id(self);
            object.vectors = <Self as ::weaviate_orm::typed::WeaviateCollection>::vectors(self);
            #(#checks)*
            ::core::result::Result::Ok(object)
        }
    }
}
