//! Compile-time checks of field types against attributes: calls of the runtime's `require_*`
//! functions, spanned so that an unmet bound is reported at the field type or at the attribute that
//! asked for it (the marker traits' `#[diagnostic::on_unimplemented]` messages say what is wrong).

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;

use crate::model::{Model, Role};

/// `require_<what>::<ty>()` at the field type.
fn require(what: &str, ty: &syn::Type) -> TokenStream {
    let span = ty.span();
    let function = syn::Ident::new(&format!("require_{what}"), span);
    quote_spanned!(span=> ::weaviate_orm::typed::markers::#function::<#ty>();)
}

/// `require_<what>::<ty>()` at `span` (an attribute); the type's tokens are re-spanned too, so the
/// error points at the attribute wherever the compiler reports it.
fn require_at(what: &str, ty: &syn::Type, span: Span) -> TokenStream {
    let function = syn::Ident::new(&format!("require_{what}"), span);
    let ty = respan(quote!(#ty), span);
    quote_spanned!(span=> ::weaviate_orm::typed::markers::#function::<#ty>();)
}

/// The tokens with every span set to `span`.
pub(crate) fn respan(tokens: TokenStream, span: Span) -> TokenStream {
    tokens
        .into_iter()
        .map(|mut tt| {
            if let proc_macro2::TokenTree::Group(group) = &tt {
                let mut new =
                    proc_macro2::Group::new(group.delimiter(), respan(group.stream(), span));
                new.set_span(span);
                tt = proc_macro2::TokenTree::Group(new);
            } else {
                tt.set_span(span);
            }
            tt
        })
        .collect()
}

/// The body of a never-called function holding every check.
pub(crate) fn checks(model: &Model) -> TokenStream {
    let mut calls = Vec::new();
    for field in &model.fields {
        let ty = &field.ty;
        match &field.role {
            Role::Property { .. } => {
                calls.push(require("property", ty));
                // a nested object's fields: Weaviate refuses geo and phone numbers there (references
                // are reported from the syntax already)
                if model.collection.is_none()
                    && crate::model::RefKind::of(ty) == crate::model::RefKind::None
                {
                    calls.push(require("nested", ty));
                }
                let a = &field.attrs;
                if let Some((_, span)) = &a.tokenization {
                    calls.push(require_at("text", ty, *span));
                }
                if let Some((true, span)) = a.index_searchable {
                    calls.push(require_at("text", ty, span));
                }
                if let Some((_, span)) = &a.text_analyzer {
                    calls.push(require_at("text", ty, *span));
                }
                if let Some((true, span)) = a.index_range_filters {
                    calls.push(require_at("range", ty, span));
                }
                if let Some((targets, _)) = &a.targets {
                    // The struct itself is a collection (if this derive fails, saying so again would
                    // only add a misleading error).
                    let is_self = |t: &syn::Path| t.is_ident(&model.ident) || t.is_ident("Self");
                    for target in targets.iter().filter(|t| !is_self(t)) {
                        let span = target.span();
                        let target = respan(quote!(#target), span);
                        calls.push(quote_spanned!(span=>
                            ::weaviate_orm::typed::markers::require_collection::<#target>();
                        ));
                    }
                }
            }
            Role::Id => calls.push(require("id", ty)),
            Role::Vector(_) => calls.push(require("vector", ty)),
            Role::Skip => {}
        }
    }
    if let Some(collection) = &model.collection {
        for (vector, sources) in collection.attrs.vectors.iter().zip(&collection.sources) {
            let Some(module) = &vector.vectorizer else {
                continue;
            };
            let what = if module.is_ref2vec() {
                "reference"
            } else if module.vectorizes_text() || !module.is_multi_modal() {
                "text"
            } else {
                continue;
            };
            for (index, span) in sources {
                calls.push(require_at(what, &model.fields[*index].ty, *span));
            }
        }
    }
    quote! {
        #[allow(dead_code, clippy::all)]
        fn __weaviate_orm_checks() {
            #(#calls)*
        }
    }
}
