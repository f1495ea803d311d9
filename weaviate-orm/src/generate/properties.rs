//! Properties and nested objects: field names and types, and the property attributes that differ
//! from what the server fills in.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::schema::{
    CollectionConfig, DataType, NestedProperty, Property, StopwordPreset, TextAnalyzerConfig,
    Tokenization,
};

use super::GenerateOptions;
use super::attr::{Expr, Item};
use super::model::{Derive, FieldDef, StructDef, Uses};
use super::names::{Scope, camel_case, snake_case, upper_camel_case};

/// What property planning needs from around it.
pub(crate) struct Ctx<'a> {
    pub options: &'a GenerateOptions,
    /// Collection name -> struct name, for reference targets.
    pub structs: &'a BTreeMap<String, String>,
    pub types: &'a mut Scope,
    pub uses: &'a mut Uses,
}

/// The fields of a struct: their Rust names and the `rename_all` choice.
pub(crate) struct Naming {
    /// Per property (same order): the field name as written, and `rename = "..."` when needed.
    pub fields: Vec<(String, Option<String>)>,
    /// Whether `rename_all = "camelCase"` is used.
    pub camel_case: bool,
}

/// Names the fields for `properties` in `scope`: snake_case names, with `rename_all = "camelCase"`
/// when that needs fewer `rename`s than names as written.
pub(crate) fn naming(properties: &[&str], scope: &mut Scope) -> Naming {
    let idents: Vec<String> = properties
        .iter()
        .map(|p| scope.field_name(&snake_case(p)))
        .collect();
    let unraw = |i: &String| i.trim_start_matches("r#").to_owned();
    let renames = |camel: bool| {
        properties
            .iter()
            .zip(&idents)
            .filter(|(p, i)| {
                let i = unraw(i);
                let name = if camel { camel_case(&i) } else { i };
                name != **p
            })
            .count()
    };
    let camel = renames(true) < renames(false);
    let fields = properties
        .iter()
        .zip(idents)
        .map(|(p, ident)| {
            let written = unraw(&ident);
            let name = if camel { camel_case(&written) } else { written };
            let rename = (name != *p).then(|| (*p).to_owned());
            (ident, rename)
        })
        .collect();
    Naming {
        fields,
        camel_case: camel,
    }
}

/// A property of a collection or of a nested object, seen the same way.
struct View<'p> {
    name: &'p str,
    data_type: &'p DataType,
    description: Option<&'p str>,
    tokenization: Option<&'p Tokenization>,
    index_filterable: Option<bool>,
    index_searchable: Option<bool>,
    index_range_filters: Option<bool>,
    text_analyzer: Option<&'p TextAnalyzerConfig>,
    nested: &'p [NestedProperty],
}

impl<'p> From<&'p Property> for View<'p> {
    fn from(p: &'p Property) -> Self {
        View {
            name: &p.name,
            data_type: &p.data_type,
            description: p.description.as_deref(),
            tokenization: p.tokenization.as_ref(),
            index_filterable: p.index_filterable,
            index_searchable: p.index_searchable,
            index_range_filters: p.index_range_filters,
            text_analyzer: p.text_analyzer.as_ref(),
            nested: &p.nested_properties,
        }
    }
}

impl<'p> From<&'p NestedProperty> for View<'p> {
    fn from(p: &'p NestedProperty) -> Self {
        View {
            name: &p.name,
            data_type: &p.data_type,
            description: p.description.as_deref(),
            tokenization: p.tokenization.as_ref(),
            index_filterable: p.index_filterable,
            index_searchable: p.index_searchable,
            index_range_filters: p.index_range_filters,
            text_analyzer: p.text_analyzer.as_ref(),
            nested: &p.nested_properties,
        }
    }
}

/// The settings the derive will set, shared by `Property` and `NestedProperty`.
#[derive(Default)]
struct Chosen {
    description: Option<String>,
    tokenization: Option<Tokenization>,
    index_filterable: Option<bool>,
    index_searchable: Option<bool>,
    index_range_filters: Option<bool>,
    text_analyzer: Option<TextAnalyzerConfig>,
    nested: Vec<NestedProperty>,
}

/// A planned field: the field, and the structs of its nested objects.
pub(crate) struct PlannedField<P> {
    pub field: FieldDef,
    pub desired: P,
    pub structs: Vec<StructDef>,
}

/// A top-level property of the collection `owner` (its struct), with `modules` the collection's
/// vectorizer modules.
pub(crate) fn property(
    p: &Property,
    (ident, rename): &(String, Option<String>),
    owner: &str,
    modules: &[String],
    ctx: &mut Ctx,
) -> Result<PlannedField<Property>, String> {
    check_property_name(&p.name, false)?;
    let sd = &ctx.options.server_defaults;
    let base = filled_property(Property::new(&p.name, p.data_type.clone()), ctx);
    let (mut items, ty, chosen, structs) =
        common(View::from(p), View::from(&base), owner, true, ctx)?;
    let mut desired = Property::new(&p.name, p.data_type.clone());
    desired = apply(desired, chosen);
    for (key, setting) in [
        ("skip", "skip_vectorization"),
        ("vectorizePropertyName", "vectorize_property_name"),
    ] {
        if let Some(on) = module_flag(p, modules, key, sd)? {
            items.push(Item::flag(setting, on));
            for module in modules {
                desired = desired.module_setting(module, key, on);
            }
        }
    }
    if let Some(rename) = rename {
        items.insert(0, Item::assign("rename", Expr::Str(rename.clone())));
    }
    Ok(PlannedField {
        field: FieldDef {
            ident: ident.clone(),
            doc: doc_of(p.description.as_deref(), &p.name, &p.data_type),
            attrs: items,
            ty,
        },
        desired,
        structs,
    })
}

fn apply(mut p: Property, c: Chosen) -> Property {
    p.description = c.description;
    p.tokenization = c.tokenization;
    p.index_filterable = c.index_filterable;
    p.index_searchable = c.index_searchable;
    p.index_range_filters = c.index_range_filters;
    p.text_analyzer = c.text_analyzer;
    p.nested_properties = c.nested;
    p
}

fn apply_nested(mut p: NestedProperty, c: Chosen) -> NestedProperty {
    p.description = c.description;
    p.tokenization = c.tokenization;
    p.index_filterable = c.index_filterable;
    p.index_searchable = c.index_searchable;
    p.index_range_filters = c.index_range_filters;
    p.text_analyzer = c.text_analyzer;
    p.nested_properties = c.nested;
    p
}

/// The doc comment of a field: the description, or the property's name and type.
fn doc_of(description: Option<&str>, name: &str, data_type: &DataType) -> Vec<String> {
    match description {
        Some(d) if !d.trim().is_empty() => doc_lines(d),
        _ => vec![format!(
            "Property `{name}` (`{}`).",
            data_type.to_strings().join("`, `")
        )],
    }
}

/// `text` as doc comment lines (a code fence would make rustdoc compile the description as a doc
/// test, so fences are broken up).
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_end().replace("```", "` ` `"))
        .collect()
}

/// `skip_vectorization` / `vectorize_property_name` of a property: the derive sets them for all of
/// the collection's vectorizer modules at once, so they must agree (or all be the defaults).
fn module_flag(
    p: &Property,
    modules: &[String],
    key: &str,
    sd: &crate::schema::ServerDefaults,
) -> Result<Option<bool>, String> {
    let live: Vec<Option<&Value>> = modules
        .iter()
        .map(|m| {
            p.module_config
                .as_ref()
                .and_then(|mc| mc.get(m))
                .and_then(|s| s.get(key))
        })
        .collect();
    let defaults: Vec<Option<&Value>> = modules
        .iter()
        .map(|m| sd.modules.get(m).and_then(|d| d.property.get(key)))
        .collect();
    if live == defaults {
        return Ok(None);
    }
    let values: Option<Vec<bool>> = live.iter().map(|v| v.and_then(Value::as_bool)).collect();
    match values.as_deref() {
        Some([first, rest @ ..]) if rest.iter().all(|v| v == first) => Ok(Some(*first)),
        _ => {
            let per_module: Vec<String> = modules
                .iter()
                .zip(&live)
                .map(|(m, v)| match v {
                    Some(v) => format!("{v} for {m}"),
                    None => format!("unset for {m}"),
                })
                .collect();
            Err(format!(
                "property `{}`: moduleConfig `{key}` is {}; the derive sets it for all of the collection's vectorizers at once",
                p.name,
                per_module.join(", ")
            ))
        }
    }
}

/// What a stock server makes of a property with only a name and a data type.
fn filled_property(p: Property, ctx: &Ctx) -> Property {
    let filled = CollectionConfig::new("X")
        .property(p.clone())
        .with_server_defaults_using(&ctx.options.server_defaults);
    filled.properties.into_iter().next().unwrap_or(p)
}

/// What a stock server makes of a nested property with only a name and a data type.
fn filled_nested(np: NestedProperty, ctx: &Ctx) -> NestedProperty {
    let filled = CollectionConfig::new("X")
        .property(Property::new("p", DataType::Object).nested_property(np.clone()))
        .with_server_defaults_using(&ctx.options.server_defaults);
    filled
        .properties
        .into_iter()
        .next()
        .and_then(|p| p.nested_properties.into_iter().next())
        .unwrap_or(np)
}

/// The settings, type and nested structs of a property (top-level or nested), compared with
/// `base`, the same property as the server fills it in.
fn common(
    p: View,
    base: View,
    owner: &str,
    top_level: bool,
    ctx: &mut Ctx,
) -> Result<(Vec<Item>, String, Chosen, Vec<StructDef>), String> {
    let name = p.name;
    let mut items = Vec::new();
    let mut chosen = Chosen::default();
    let dt = p.data_type;
    let (ty, structs) = field_type(
        p.name,
        dt,
        p.nested,
        owner,
        top_level,
        &mut items,
        &mut chosen,
        ctx,
    )?;
    if let Some(d) = p.description {
        items.push(Item::assign("description", Expr::Str(d.to_owned())));
        chosen.description = Some(d.to_owned());
    }
    let mut tokenization_item = None;
    if let Some(t) = p.tokenization {
        if Some(t) != base.tokenization {
            if !dt.is_text() {
                return Err(format!(
                    "property `{name}`: tokenization on a `{}` property (the derive takes it on text only)",
                    dt.to_strings().join(",")
                ));
            }
            let ident = tokenization(t).ok_or_else(|| {
                format!("property `{name}`: tokenization `{t}` has no name in the derive")
            })?;
            tokenization_item = Some(ident);
            items.push(Item::assign("tokenization", Expr::Path(ident.into())));
            chosen.tokenization = Some(t.clone());
        }
    }
    if let Some(on) = p.index_filterable {
        if Some(on) != base.index_filterable {
            items.push(Item::flag("index_filterable", on));
            chosen.index_filterable = Some(on);
        }
    }
    if let Some(on) = p.index_searchable {
        if Some(on) != base.index_searchable {
            if on && !dt.is_text() {
                return Err(format!(
                    "property `{name}`: a searchable index on a non-text property (the derive takes `index_searchable` on text only)"
                ));
            }
            items.push(Item::flag("index_searchable", on));
            chosen.index_searchable = Some(on);
        }
    }
    if let Some(on) = p.index_range_filters {
        if Some(on) != base.index_range_filters {
            if on && !matches!(dt, DataType::Int | DataType::Number | DataType::Date) {
                return Err(format!(
                    "property `{name}`: a range index on a `{}` property (the derive takes `index_range_filters` on int, number and date only)",
                    dt.to_strings().join(",")
                ));
            }
            items.push(Item::flag("index_range_filters", on));
            chosen.index_range_filters = Some(on);
        }
    }
    if let Some(analyzer) = p.text_analyzer.filter(|a| !a.is_empty()) {
        let (item, config) = text_analyzer(name, analyzer, dt, tokenization_item, &chosen)?;
        items.push(item);
        chosen.text_analyzer = Some(config);
    }
    Ok((items, ty, chosen, structs))
}

fn tokenization(t: &Tokenization) -> Option<&'static str> {
    Some(match t {
        Tokenization::Word => "word",
        Tokenization::Lowercase => "lowercase",
        Tokenization::Whitespace => "whitespace",
        Tokenization::Field => "field",
        Tokenization::Trigram => "trigram",
        Tokenization::Gse => "gse",
        Tokenization::GseCh => "gse_ch",
        Tokenization::KagomeJa => "kagome_ja",
        Tokenization::KagomeKr => "kagome_kr",
        Tokenization::Other(_) => return None,
    })
}

/// `text_analyzer(ascii_fold, ascii_fold_ignore = [...], stopword_preset = ...)`, with the derive's
/// rules checked.
fn text_analyzer(
    name: &str,
    a: &TextAnalyzerConfig,
    dt: &DataType,
    tokenization: Option<&str>,
    chosen: &Chosen,
) -> Result<(Item, TextAnalyzerConfig), String> {
    let refuse = |why: &str| Err(format!("property `{name}`: textAnalyzer {why}"));
    if !dt.is_text() {
        return refuse("on a non-text property (the derive takes it on text only)");
    }
    if !a.extra.is_empty() {
        let keys: Vec<&String> = a.extra.keys().collect();
        return refuse(&format!("has settings the derive does not know: {keys:?}"));
    }
    let mut items = Vec::new();
    let mut config = TextAnalyzerConfig::new();
    let fold = a.ascii_fold == Some(true);
    if fold {
        items.push(Item::flag("ascii_fold", true));
        config = config.ascii_fold(true);
    }
    if let Some(ignore) = &a.ascii_fold_ignore {
        if !fold {
            return refuse("has asciiFoldIgnore without asciiFold (the derive refuses that)");
        }
        if ignore.iter().any(|c| c.chars().count() != 1) {
            return refuse("has an asciiFoldIgnore entry that is not a single character");
        }
        items.push(Item::assign("ascii_fold_ignore", Expr::strings(ignore)));
        config = config.ascii_fold_ignore(ignore.iter().cloned());
    }
    if let Some(t) = tokenization {
        if !["word", "lowercase", "whitespace", "field", "trigram"].contains(&t) {
            return refuse(&format!(
                "with tokenization `{t}` (the derive refuses that)"
            ));
        }
    }
    if let Some(preset) = &a.stopword_preset {
        if tokenization.is_some_and(|t| t != "word") {
            return refuse("has a stopwordPreset with a tokenization other than word");
        }
        let value = match preset {
            StopwordPreset::En => Expr::Path("en".into()),
            StopwordPreset::None => Expr::Path("none".into()),
            StopwordPreset::Other(other) => Expr::Str(other.clone()),
        };
        items.push(Item::assign("stopword_preset", value));
        config = config.stopword_preset(StopwordPreset::from(preset.as_str()));
    }
    if chosen.index_searchable == Some(false) && chosen.index_filterable == Some(false) {
        return refuse(
            "on a property without searchable and filterable index (the derive refuses that)",
        );
    }
    Ok((Item::call_or_flag("text_analyzer", items), config))
}

/// The Rust type of a property, with `data_type` / `targets` attributes and nested structs.
#[allow(clippy::too_many_arguments)]
fn field_type(
    name: &str,
    dt: &DataType,
    nested: &[NestedProperty],
    owner: &str,
    top_level: bool,
    items: &mut Vec<Item>,
    chosen: &mut Chosen,
    ctx: &mut Ctx,
) -> Result<(String, Vec<StructDef>), String> {
    let optional = ctx.options.optional_scalars;
    let scalar = |ty: &str| {
        if optional {
            format!("Option<{ty}>")
        } else {
            ty.to_owned()
        }
    };
    let array = |ty: &str| format!("Vec<{ty}>");
    let date = "DateTime<FixedOffset>";
    let uses = &mut *ctx.uses;
    let ty = match dt {
        DataType::Text => scalar("String"),
        DataType::TextArray => array("String"),
        DataType::Int => scalar("i64"),
        DataType::IntArray => array("i64"),
        DataType::Number => scalar("f64"),
        DataType::NumberArray => array("f64"),
        DataType::Bool => scalar("bool"),
        DataType::BoolArray => array("bool"),
        DataType::Date | DataType::DateArray => {
            uses.add("DateTime");
            uses.add("FixedOffset");
            if *dt == DataType::Date {
                scalar(date)
            } else {
                array(date)
            }
        }
        DataType::Uuid => {
            uses.add("Uuid");
            scalar("Uuid")
        }
        DataType::UuidArray => {
            uses.add("Uuid");
            array("Uuid")
        }
        DataType::GeoCoordinates | DataType::PhoneNumber => {
            if !top_level {
                return Err(format!(
                    "nested property `{name}` is `{}`, which Weaviate and the derive allow on collection properties only",
                    dt.to_strings().join(",")
                ));
            }
            let ty = if *dt == DataType::GeoCoordinates {
                "GeoCoordinates"
            } else {
                "PhoneNumber"
            };
            uses.add(if *dt == DataType::GeoCoordinates {
                "GeoCoordinates"
            } else {
                "PhoneNumber"
            });
            scalar(ty)
        }
        DataType::Blob | DataType::BlobHash => {
            uses.add("Blob");
            if *dt == DataType::BlobHash {
                items.push(Item::assign("data_type", Expr::Str("blobHash".into())));
            }
            scalar("Blob")
        }
        DataType::Object | DataType::ObjectArray => {
            let (ident, desired, structs) = object(owner, name, nested, ctx)?;
            chosen.nested = desired;
            let ty = if *dt == DataType::Object {
                scalar(&ident)
            } else {
                array(&ident)
            };
            return Ok((ty, structs));
        }
        DataType::Reference(targets) => {
            if !top_level {
                return Err(format!(
                    "nested property `{name}` is a reference, which Weaviate allows on collection properties only"
                ));
            }
            let structs: Vec<&String> = targets
                .iter()
                .map(|t| {
                    ctx.structs.get(t).ok_or_else(|| {
                        format!(
                            "property `{name}` references collection `{t}`, which is not among the collections to generate; pass its config too"
                        )
                    })
                })
                .collect::<Result<_, _>>()?;
            match structs.as_slice() {
                [] => return Err(format!("property `{name}` is a reference without targets")),
                [one] => {
                    uses.add("Reference");
                    format!("Reference<{one}>")
                }
                several => {
                    uses.add("MultiReference");
                    let targets = several
                        .iter()
                        .map(|s| Item::Bare(Expr::Path((*s).clone())))
                        .collect();
                    items.push(Item::Bare(Expr::Call("targets".into(), targets)));
                    "MultiReference".to_owned()
                }
            }
        }
        DataType::Other(v) => {
            return Err(format!(
                "property `{name}` has data type `{}`, which the derive does not know",
                v.join(",")
            ));
        }
    };
    Ok((ty, Vec::new()))
}

/// The struct of a nested object: `<Owner><Property>`, deriving `WeaviateObject`.
fn object(
    owner: &str,
    property: &str,
    nested: &[NestedProperty],
    ctx: &mut Ctx,
) -> Result<(String, Vec<NestedProperty>, Vec<StructDef>), String> {
    ctx.uses.add("WeaviateObject");
    let ident = ctx
        .types
        .type_name(&format!("{owner}{}", upper_camel_case(property)), "Object");
    let mut scope = Scope::default();
    let names: Vec<&str> = nested.iter().map(|p| p.name.as_str()).collect();
    let naming = naming(&names, &mut scope);
    let mut fields = Vec::new();
    let mut desired = Vec::new();
    let mut children = Vec::new();
    for (np, (field_ident, rename)) in nested.iter().zip(&naming.fields) {
        check_property_name(&np.name, true)?;
        let base = filled_nested(NestedProperty::new(&np.name, np.data_type.clone()), ctx);
        let (mut items, ty, chosen, structs) =
            common(View::from(np), View::from(&base), &ident, false, ctx)?;
        if let Some(rename) = rename {
            items.insert(0, Item::assign("rename", Expr::Str(rename.clone())));
        }
        desired.push(apply_nested(
            NestedProperty::new(&np.name, np.data_type.clone()),
            chosen,
        ));
        fields.push(FieldDef {
            ident: field_ident.clone(),
            doc: doc_of(np.description.as_deref(), &np.name, &np.data_type),
            attrs: items,
            ty,
        });
        children.extend(structs);
    }
    let mut attrs = Vec::new();
    if naming.camel_case {
        attrs.push(Item::assign("rename_all", Expr::Str("camelCase".into())));
    }
    let mut structs = vec![StructDef {
        ident: ident.clone(),
        doc: vec![format!(
            "The nested object of property `{property}` of `{owner}`."
        )],
        derive: Derive::Object,
        attrs,
        fields,
    }];
    structs.extend(children);
    Ok((ident, desired, structs))
}

/// The derive's rules for property names (it refuses the others at compile time).
fn check_property_name(name: &str, nested: bool) -> Result<(), String> {
    weaviate_orm_names::declared_property_name(name, nested)
        .map_err(|e| format!("property `{name}`: the derive refuses this name: {e}"))
}
