//! The derive input, understood: what each field is (a property, the id, a vector, skipped), the
//! collection's settings, and every rule that spans several fields (unique names, former names, one
//! id, declared vectors, vector sources that are properties).

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, Ident, Type, Visibility};

use crate::collection_attrs::{self, CollectionAttrs, NamedVector, RenameAll, Source};
use crate::errors::Errors;
use crate::field_attrs::{self, FieldAttrs};
use crate::meta;
use crate::names;
use crate::values::{Setting, setting, walk};

/// Which derive is expanding.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Derive {
    /// `#[derive(WeaviateCollection)]`.
    Collection,
    /// `#[derive(WeaviateObject)]`: a nested object type.
    Object,
}

/// The analysed struct.
pub(crate) struct Model {
    pub ident: Ident,
    pub vis: Visibility,
    pub fields: Vec<FieldModel>,
    /// The collection (for `Derive::Collection`).
    pub collection: Option<Collection>,
}

/// A collection's name, settings and resolved named vectors.
pub(crate) struct Collection {
    pub name: String,
    pub attrs: CollectionAttrs,
    /// Per named vector (same order as `attrs.vectors`): its sources as indexes into `fields`, with
    /// the span where each was named.
    pub sources: Vec<Vec<(usize, Span)>>,
}

/// One field of the struct.
pub(crate) struct FieldModel {
    pub ident: Ident,
    pub ty: Type,
    pub attrs: FieldAttrs,
    pub role: Role,
}

/// What a field is.
pub(crate) enum Role {
    /// A property stored under `name`.
    Property { name: String, reference: RefKind },
    /// The object id.
    Id,
    /// A vector: named (`Some`) or the collection's single vector (`None`).
    Vector(Option<String>),
    /// Not stored.
    Skip,
}

/// Whether a property is a cross-reference, as far as its type's name tells.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefKind {
    None,
    /// `Reference<T>`.
    Single,
    /// `MultiReference` (its targets come from `targets(...)`).
    Multi,
}

impl FieldModel {
    /// The property name, when the field is a property.
    pub(crate) fn property_name(&self) -> Option<&str> {
        match &self.role {
            Role::Property { name, .. } => Some(name),
            _ => None,
        }
    }
}

impl Model {
    /// The property fields, in order.
    pub(crate) fn properties(&self) -> impl Iterator<Item = (&FieldModel, &str)> {
        self.fields
            .iter()
            .filter_map(|f| f.property_name().map(|n| (f, n)))
    }

    /// The distinct vectorizer modules of the collection (not `none`), for per-property module
    /// settings such as `skip_vectorization`.
    pub(crate) fn vectorizer_modules(&self) -> Vec<String> {
        let Some(c) = &self.collection else {
            return Vec::new();
        };
        let mut modules: Vec<String> = c
            .attrs
            .vectorizer
            .iter()
            .chain(c.attrs.vectors.iter().filter_map(|v| v.vectorizer.as_ref()))
            .filter(|m| !m.is_none())
            .map(|m| m.name.clone())
            .collect();
        modules.sort();
        modules.dedup();
        modules
    }
}

static OBJECT_KEYS: &[Setting] = &[setting("rename_all", "rename_all = \"camelCase\"")];

/// Analyses the input; `None` when it cannot be understood at all (errors say why). Other errors are
/// pushed into `errors` and the model is still returned, so that later checks add their own.
pub(crate) fn analyze(input: &DeriveInput, derive: Derive, errors: &mut Errors) -> Option<Model> {
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
            let attrs = collection_attrs::parse(&struct_items, errors);
            let rename_all = attrs.rename_all;
            (Some(attrs), rename_all)
        }
        Derive::Object => {
            let mut rename_all = RenameAll::Verbatim;
            let collection_only: Vec<&str> = collection_attrs::COLLECTION_KEYS
                .iter()
                .map(|k| k.name)
                .collect();
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
        let attrs = field_attrs::parse(&items, errors);
        let role = field_role(&ident, &field.ty, &attrs, derive, rename_all, errors);
        fields.push(FieldModel {
            ident,
            ty: field.ty.clone(),
            attrs,
            role,
        });
    }

    check_unique_properties(&fields, errors);
    if derive == Derive::Collection {
        check_renamed_properties(&fields, errors);
    }
    let collection = collection_attrs.map(|attrs| collection(input, attrs, &fields, errors));
    let model = Model {
        ident: input.ident.clone(),
        vis: input.vis.clone(),
        fields,
        collection,
    };
    check_module_settings(&model, errors);
    Some(model)
}

/// Decides a field's role and checks that its attributes fit it.
fn field_role(
    ident: &Ident,
    ty: &Type,
    attrs: &FieldAttrs,
    derive: Derive,
    rename_all: RenameAll,
    errors: &mut Errors,
) -> Role {
    let roles: Vec<(&str, Span)> = [
        ("id", attrs.id),
        ("vector", attrs.vector.as_ref().map(|v| v.1)),
        ("skip", attrs.skip),
    ]
    .into_iter()
    .filter_map(|(n, s)| s.map(|s| (n, s)))
    .collect();
    if let [(first, _), rest @ ..] = roles.as_slice() {
        for (other, span) in rest {
            errors.at(
                *span,
                format!("a field cannot be both `{first}` and `{other}`"),
            );
        }
    }
    if derive == Derive::Object {
        let collection_only = [
            ("id", attrs.id),
            ("vector", attrs.vector.as_ref().map(|v| v.1)),
            ("key", attrs.key),
            ("targets", attrs.targets.as_ref().map(|t| t.1)),
            ("skip_vectorization", attrs.skip_vectorization.map(|t| t.1)),
            (
                "vectorize_property_name",
                attrs.vectorize_property_name.map(|t| t.1),
            ),
        ];
        for (name, span) in collection_only {
            if let Some(span) = span {
                errors.at(
                    span,
                    format!(
                        "`{name}` applies to fields of a collection (`#[derive(WeaviateCollection)]`), not of a nested object"
                    ),
                );
            }
        }
    }
    if let Some((_, span)) = &attrs.renamed_from {
        match derive {
            Derive::Object => errors.at(
                *span,
                "`renamed_from` applies to top-level properties of a collection; a migration cannot rename a property inside a nested object, so remove it (to keep the stored name while renaming the Rust field, use `#[weaviate(rename = \"...\")]`)",
            ),
            Derive::Collection => {
                let not_a_property = if attrs.id.is_some() {
                    Some("the id field is not a property (its name does not matter to Weaviate); remove `renamed_from`")
                } else if attrs.vector.is_some() {
                    Some("this field holds a vector, not a property (Weaviate knows a vector by its `vector = \"...\"` name, not by the field's); remove `renamed_from`")
                } else if attrs.skip.is_some() {
                    Some("a `skip` field is not stored; remove `renamed_from`, or remove `skip` to keep the old property's values in this field")
                } else {
                    None
                };
                if let Some(why) = not_a_property {
                    errors.at(
                        *span,
                        format!("`renamed_from` gives a property's former name, but {why}"),
                    );
                }
            }
        }
    }
    let role = if attrs.id.is_some() {
        Some(("id", Role::Id))
    } else if let Some((name, _)) = &attrs.vector {
        Some(("vector", Role::Vector(name.as_ref().map(|n| n.0.clone()))))
    } else if attrs.skip.is_some() {
        Some(("skip", Role::Skip))
    } else {
        None
    };
    if let Some((role_name, role)) = role {
        for (setting, span) in attrs.property_settings() {
            errors.at(
                span,
                format!("`{setting}` applies to properties; this field is marked `{role_name}` and is not stored as a property"),
            );
        }
        return role;
    }

    let name = match &attrs.rename {
        Some((name, _)) => name.clone(),
        None => {
            let written = syn::ext::IdentExt::unraw(ident).to_string();
            match rename_all {
                RenameAll::CamelCase => names::camel_case(&written),
                RenameAll::Verbatim => written,
            }
        }
    };
    let name_span = attrs.rename.as_ref().map_or_else(|| ident.span(), |r| r.1);
    if let Err(message) = names::check_property_name(&name, derive == Derive::Object) {
        errors.at(name_span, message);
    }

    let reference = ref_kind(ty);
    if derive == Derive::Object && reference != RefKind::None {
        errors.spanned(ty, "nested objects cannot hold references (Weaviate allows them only on collection properties)");
    }
    match (&attrs.targets, reference) {
        (None, RefKind::Multi) if derive == Derive::Collection => errors.spanned(
            ty,
            "a `MultiReference` property needs its target collections: `#[weaviate(targets(Author, Publisher))]`",
        ),
        (Some((_, span)), kind) if kind != RefKind::Multi => errors.at(
            *span,
            "`targets(...)` applies to `MultiReference` fields; a `Reference<T>` targets `T`",
        ),
        _ => {}
    }
    Role::Property { name, reference }
}

/// `Reference<..>` / `MultiReference` by the last segment of the type's path.
pub(crate) fn ref_kind(ty: &Type) -> RefKind {
    let Type::Path(path) = ty else {
        return RefKind::None;
    };
    match path.path.segments.last() {
        Some(last) if last.ident == "MultiReference" => RefKind::Multi,
        Some(last) if last.ident == "Reference" && !last.arguments.is_empty() => RefKind::Single,
        _ => RefKind::None,
    }
}

/// Two properties may not share a name; Weaviate compares names case-insensitively.
fn check_unique_properties(fields: &[FieldModel], errors: &mut Errors) {
    let mut seen: Vec<(String, &FieldModel)> = Vec::new();
    for field in fields {
        let Some(name) = field.property_name() else {
            continue;
        };
        let lower = name.to_lowercase();
        match seen.iter().find(|(n, _)| *n == lower) {
            Some((_, first)) => {
                let span = field
                    .attrs
                    .rename
                    .as_ref()
                    .map_or_else(|| field.ident.span(), |r| r.1);
                errors.at(
                    span,
                    format!(
                        "property name `{name}` is already used by field `{}`{}; give one of them another name with `#[weaviate(rename = \"...\")]`",
                        first.ident,
                        if first.property_name() == Some(name) { "" } else { " (Weaviate compares property names case-insensitively)" }
                    ),
                );
            }
            None => seen.push((lower, field)),
        }
    }
}

/// A property's `renamed_from`: a name a property can have on the server, not the property's own
/// name, not another property's current name and not another property's former name (Weaviate
/// compares property names case-insensitively).
fn check_renamed_properties(fields: &[FieldModel], errors: &mut Errors) {
    let mut former: Vec<(String, &FieldModel)> = Vec::new();
    for field in fields {
        let (Some(name), Some((from, span))) = (field.property_name(), &field.attrs.renamed_from)
        else {
            continue;
        };
        if let Err(message) = names::check_former_property_name(from) {
            errors.at(*span, message);
            continue;
        }
        let lower = from.to_lowercase();
        if from == name {
            errors.at(
                *span,
                format!(
                    "`{from}` is this property's current name; `renamed_from` takes the name the property had before (remove it if the property was not renamed)"
                ),
            );
            continue;
        }
        if lower == name.to_lowercase() {
            errors.at(
                *span,
                format!(
                    "`{from}` and `{name}` are the same property to Weaviate (it compares property names case-insensitively), so a change of case is no rename; to keep the server's spelling, use `#[weaviate(rename = \"{from}\")]` instead"
                ),
            );
            continue;
        }
        let in_use = fields.iter().find(|other| {
            !std::ptr::eq(*other, field)
                && other
                    .property_name()
                    .is_some_and(|n| n.to_lowercase() == lower)
        });
        if let Some(other) = in_use {
            let case = if other.property_name() == Some(from.as_str()) {
                ""
            } else {
                "; Weaviate compares property names case-insensitively"
            };
            errors.at(
                *span,
                format!(
                    "`{from}` is still the name of a property (field `{}`{case}), so it cannot be this property's former name; to rename a property and give its old name to another one, migrate twice: first the rename, then the other property",
                    other.ident
                ),
            );
            continue;
        }
        match former.iter().find(|(n, _)| *n == lower) {
            Some((_, first)) => errors.at(
                *span,
                format!(
                    "`{from}` is already the former name of field `{}`{}; the old property's values can move to one property only, so keep `renamed_from` on the field that takes them over",
                    first.ident,
                    if first.attrs.renamed_from.as_ref().map(|r| r.0.as_str()) == Some(from.as_str()) {
                        ""
                    } else {
                        " (Weaviate compares property names case-insensitively)"
                    }
                ),
            ),
            None => former.push((lower, field)),
        }
    }
}

/// The collection's name, the id and vector fields, and the named vectors' sources.
fn collection(
    input: &DeriveInput,
    attrs: CollectionAttrs,
    fields: &[FieldModel],
    errors: &mut Errors,
) -> Collection {
    let (name, name_span) = attrs
        .name
        .clone()
        .unwrap_or_else(|| (input.ident.to_string(), input.ident.span()));
    if let Err(message) = names::check_collection_name(&name) {
        let hint = if attrs.name.is_none() {
            "; set the name with `#[weaviate(name = \"...\")]`"
        } else {
            ""
        };
        errors.at(name_span, format!("{message}{hint}"));
    }
    if let Some((former, span)) = &attrs.renamed_from {
        if let Err(message) = names::check_former_collection_name(former, &name) {
            errors.at(*span, message);
        }
    }

    let mut id_field: Option<&FieldModel> = None;
    for field in fields.iter().filter(|f| matches!(f.role, Role::Id)) {
        match id_field {
            Some(first) => errors.at(
                field.attrs.id.unwrap_or_else(|| field.ident.span()),
                format!("the object id is already field `{}`; a collection has one `#[weaviate(id)]` field", first.ident),
            ),
            None => id_field = Some(field),
        }
    }

    let declared: Vec<&str> = attrs.vectors.iter().map(|v| v.name.as_str()).collect();
    let mut vector_fields: Vec<(Option<&str>, &FieldModel)> = Vec::new();
    for field in fields {
        let Role::Vector(target) = &field.role else {
            continue;
        };
        let span = field
            .attrs
            .vector
            .as_ref()
            .and_then(|v| v.0.as_ref().map(|n| n.1))
            .unwrap_or_else(|| field.ident.span());
        match target {
            Some(name) if !declared.contains(&name.as_str()) => {
                let message = if declared.is_empty() {
                    format!(
                        "no named vector `{name}` is declared: add `#[weaviate(vector(name = \"{name}\"))]` to the struct"
                    )
                } else {
                    format!(
                        "{}; or declare it with `#[weaviate(vector(name = \"{name}\"))]` on the struct",
                        crate::errors::unknown("named vector", name, &declared)
                    )
                };
                errors.at(span, message);
            }
            None if !declared.is_empty() => errors.at(
                span,
                format!(
                    "this collection has named vectors, so say which one the field holds: {}",
                    declared
                        .iter()
                        .map(|n| format!("`vector = \"{n}\"`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            _ => {}
        }
        let target = target.as_deref();
        if let Some((_, first)) = vector_fields.iter().find(|(t, _)| *t == target) {
            errors.at(
                span,
                format!(
                    "vector {} is already held by field `{}`",
                    target.map_or_else(|| "of the collection".to_owned(), |t| format!("`{t}`")),
                    first.ident
                ),
            );
        } else {
            vector_fields.push((target, field));
        }
    }

    for field in fields {
        let Some((name, span)) = field
            .attrs
            .text_analyzer
            .as_ref()
            .and_then(|a| a.0.stopword_preset.as_ref())
        else {
            continue;
        };
        if name != "en" && name != "none" && !attrs.stopword_presets.contains(name) {
            let mut known = vec!["en", "none"];
            known.extend(attrs.stopword_presets.iter().map(String::as_str));
            errors.at(
                *span,
                format!(
                    "{}; declare user-defined presets with `#[weaviate(inverted_index(stopword_presets({name} = [\"...\"])))]`",
                    crate::errors::unknown("stopword preset", name, &known)
                ),
            );
        }
    }

    let sources = attrs
        .vectors
        .iter()
        .map(|v| resolve_sources(v, fields, errors))
        .collect();
    Collection {
        name,
        attrs,
        sources,
    }
}

/// The fields a named vector's `source = [...]` names; each must be a property of the struct.
fn resolve_sources(
    vector: &NamedVector,
    fields: &[FieldModel],
    errors: &mut Errors,
) -> Vec<(usize, Span)> {
    let properties: Vec<String> = fields
        .iter()
        .filter(|f| f.property_name().is_some())
        .map(|f| f.ident.to_string())
        .collect();
    let property_refs: Vec<&str> = properties.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    for source in &vector.sources {
        let (found, span, written) = match source {
            Source::Field(ident) => (
                fields.iter().position(|f| f.ident == *ident),
                ident.span(),
                ident.to_string(),
            ),
            Source::Property(name, span) => (
                fields
                    .iter()
                    .position(|f| f.property_name() == Some(name.as_str())),
                *span,
                name.clone(),
            ),
        };
        match found {
            Some(i) if fields[i].property_name().is_some() => out.push((i, span)),
            Some(_) => errors.at(
                span,
                format!(
                    "`{written}` is not a property (it is the id, a vector or skipped), so it cannot be a source of vector `{}`",
                    vector.name
                ),
            ),
            None => errors.at(
                span,
                format!(
                    "{} (sources of vector `{}` must be properties of this struct)",
                    crate::errors::unknown("source field", &written, &property_refs),
                    vector.name
                ),
            ),
        }
    }
    out
}

/// `skip_vectorization` and `vectorize_property_name` configure the collection's vectorizers, so
/// the collection needs one.
fn check_module_settings(model: &Model, errors: &mut Errors) {
    if model.collection.is_none() || !model.vectorizer_modules().is_empty() {
        return;
    }
    for field in &model.fields {
        for (name, span) in [
            (
                "skip_vectorization",
                field.attrs.skip_vectorization.map(|s| s.1),
            ),
            (
                "vectorize_property_name",
                field.attrs.vectorize_property_name.map(|s| s.1),
            ),
        ] {
            if let Some(span) = span {
                errors.at(
                    span,
                    format!(
                        "`{name}` configures the collection's vectorizer, and this collection has none (set `vectorizer = ...` or a `vector(..., vectorizer = ...)`)"
                    ),
                );
            }
        }
    }
}
