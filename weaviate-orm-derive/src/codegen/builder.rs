//! Tokens of the model's builder values ([`crate::model::builder`]).

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::Ident;

use crate::model::builder::{Arg, Base, Builder, Setter};

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

impl ToTokens for Arg {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.extend(match self {
            Arg::Bool(b) => quote!(#b),
            Arg::Int(i) => quote!(#i),
            Arg::Float(f) => quote!(#f),
            Arg::Str(s) => quote!(#s),
            Arg::List(items) => quote!([#(#items),*]),
            Arg::Some(arg) => quote!(::core::option::Option::Some(#arg)),
            Arg::None => quote!(::core::option::Option::None),
            Arg::Variant { ty, variant } => {
                let (ty, variant) = (ident(ty), ident(variant));
                quote!(::weaviate_orm::schema::#ty::#variant)
            }
            Arg::Builder(b) => b.to_token_stream(),
        });
    }
}

impl ToTokens for Setter {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let method = ident(self.method);
        let args = &self.args;
        tokens.extend(quote!(.#method(#(#args),*)));
    }
}

impl ToTokens for Builder {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let setters = &self.setters;
        let base = match &self.base {
            Base::Call { ty, ctor, args } => {
                let (ty, ctor) = (ident(ty), ident(ctor));
                quote!(::weaviate_orm::schema::#ty::#ctor(#(#args),*))
            }
            Base::Fields { ty, fields } => {
                let ty = ident(ty);
                let fields = fields.iter().map(|(name, arg)| {
                    let name = ident(name);
                    quote!(#name: #arg,)
                });
                quote!(::weaviate_orm::schema::#ty {
                    #(#fields)*
                    ..::core::default::Default::default()
                })
            }
        };
        tokens.extend(quote!(#base #(#setters)*));
    }
}
