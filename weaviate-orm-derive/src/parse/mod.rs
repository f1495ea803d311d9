//! Parsing: the derive input into the model's typed parts, with every error of the attributes'
//! grammar and values. meta.rs reads `#[weaviate(...)]` into items, values.rs gives them meaning
//! (known keys, shapes, ranges); collection/, field.rs, index.rs, quantizer.rs, modules.rs and
//! json.rs read the settings of each kind. Nothing here produces tokens.

mod collection;
mod field;
mod index;
mod json;
pub(crate) mod meta;
mod modules;
mod quantizer;
mod values;

use syn::{Data, DeriveInput, Fields, Ident, Type, Visibility};

pub(crate) use field::TOKENIZATIONS;

use crate::errors::Errors;
use crate::model::{CollectionAttrs, Derive, FieldAttrs, RenameAll};
use values::{Setting, setting, walk};

/// The struct as parsed: its name, visibility, collection settings (for `Derive::Collection`) and
/// fields with their settings. Roles and cross-field rules are [`crate::validate`]'s.
pub(crate) struct Parsed {
    pub ident: Ident,
    pub vis: Visibility,
    pub collection: Option<CollectionAttrs>,
    pub rename_all: RenameAll,
    pub fields: Vec<ParsedField>,
}

/// One named field and its `#[weaviate(...)]` settings.
pub(crate) struct ParsedField {
    pub ident: Ident,
    pub ty: Type,
    pub attrs: FieldAttrs,
}

static OBJECT_KEYS: &[Setting] = &[setting("rename_all", "rename_all = \"camelCase\"")];

/// Parses the input; `None` when it cannot be understood at all (errors say why). Other errors are
/// pushed into `errors` and the parts are still returned, so that validation adds its own.
pub(crate) fn input(input: &DeriveInput, derive: Derive, errors: &mut Errors) -> Option<Parsed> {
    let derive_name = match derive {
        Derive::Collection => "WeaviateCollection",
        Derive::Object => "WeaviateObject",
    };
    let named = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(named) => Some(named),
            _ => None,
        },
        _ => None,
    };
    let Some(named) = named else {
        errors.at(
            input.ident.span(),
            format!("`#[derive({derive_name})]` needs a struct with named fields"),
        );
        return None;
    };
    if !input.generics.params.is_empty() {
        errors.spanned(
            &input.generics,
            format!("`#[derive({derive_name})]` does not support generic structs"),
        );
    }

    let struct_items = meta::weaviate_items(&input.attrs, errors);
    let (collection_attrs, rename_all) = match derive {
        Derive::Collection => {
            let attrs = collection::parse(&struct_items, errors);
            let rename_all = attrs.rename_all;
            (Some(attrs), rename_all)
        }
        Derive::Object => {
            let mut rename_all = RenameAll::Verbatim;
            let collection_only: Vec<&str> =
                collection::COLLECTION_KEYS.iter().map(|k| k.name).collect();
            let mut known = Vec::new();
            for item in &struct_items {
                match item.name() {
                    Some(n) if n == "renamed_from" => {
                        errors.at(
                            item.name_span(),
                            "`renamed_from` gives a collection's former name, and a nested object is no collection (it has no name on the server); remove it",
                        );
                    }
                    Some(n) if n != "rename_all" && collection_only.contains(&n.as_str()) => {
                        errors.at(
                            item.name_span(),
                            format!(
                                "`{n}` configures a collection (`#[derive(WeaviateCollection)]`); a nested object takes only `rename_all`"
                            ),
                        );
                    }
                    _ => known.push(item),
                }
            }
            walk(
                known,
                "nested object attribute",
                OBJECT_KEYS,
                errors,
                |k, item, errors| {
                    let choices = [
                        ("camelCase", RenameAll::CamelCase),
                        ("none", RenameAll::Verbatim),
                    ];
                    if let Some(r) = item
                        .value(k, errors)
                        .and_then(|v| v.choice(k, &choices, errors))
                    {
                        rename_all = r;
                    }
                },
            );
            (None, rename_all)
        }
    };

    let mut fields = Vec::new();
    for field in &named.named {
        let Some(ident) = field.ident.clone() else {
            continue;
        };
        let items = meta::weaviate_items(&field.attrs, errors);
        let attrs = field::parse(&items, errors);
        fields.push(ParsedField {
            ident,
            ty: field.ty.clone(),
            attrs,
        });
    }
    Some(Parsed {
        ident: input.ident.clone(),
        vis: input.vis.clone(),
        collection: collection_attrs,
        rename_all,
        fields,
    })
}
