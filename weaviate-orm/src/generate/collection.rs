//! One live collection -> the `#[derive(WeaviateCollection)]` struct (and its nested objects'
//! structs), plus the config the derive builds from it, to check against the live one.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::schema::{
    Bm25Config, CollectionConfig, DataType, DeletionStrategy, InvertedIndexConfig,
    MultiTenancyConfig, ObjectTtlConfig, ReplicationConfig, ShardingConfig, StopwordConfig,
    StopwordPreset, VectorConfig, Vectorizer,
};

use super::attr::{Expr, Item, Key};
use super::index::{self, Site};
use super::model::{Derive, FieldDef, StructDef};
use super::modules::{self, Slot};
use super::names::{Scope, is_identifier, is_keyword, snake_case};
use super::properties::{self, Ctx, doc_lines};

/// The structs of `live` and the config the derive makes of them.
pub(crate) fn plan(
    live: &CollectionConfig,
    ctx: &mut Ctx,
) -> Result<(Vec<StructDef>, CollectionConfig), String> {
    crate::names::check_collection_name(&live.name)
        .map_err(|e| format!("the derive refuses this name: {e}"))?;
    let ident = ctx
        .structs
        .get(&live.name)
        .cloned()
        .unwrap_or_else(|| live.name.clone());
    ctx.uses.add("WeaviateCollection");
    let mut attrs = Vec::new();
    let mut desired = CollectionConfig::new(&live.name);
    if ident != live.name {
        attrs.push(Item::assign("name", Expr::Str(live.name.clone())));
    }
    if let Some(d) = &live.description {
        attrs.push(Item::assign("description", Expr::Str(d.clone())));
        desired = desired.description(d);
    }

    // Fields: the id first, then the properties.
    let mut scope = Scope::default();
    let mut fields = Vec::new();
    if ctx.options.id_field {
        ctx.uses.add("Uuid");
        let id = scope.field_name("id");
        fields.push(FieldDef {
            ident: id,
            doc: vec!["The object id.".into()],
            attrs: vec![Item::flag("id", true)],
            ty: "Option<Uuid>".into(),
        });
    }
    let names: Vec<&str> = live.properties.iter().map(|p| p.name.as_str()).collect();
    let naming = properties::naming(&names, &mut scope);
    if naming.camel_case {
        attrs.push(Item::assign("rename_all", Expr::Str("camelCase".into())));
    }
    let sources: BTreeMap<&str, (&str, &DataType)> = live
        .properties
        .iter()
        .zip(&naming.fields)
        .map(|(p, (ident, _))| (p.name.as_str(), (ident.as_str(), &p.data_type)))
        .collect();

    // Vectors, which decide the vectorizer modules the properties' settings apply to.
    let vectors = vectors(live, &sources, ctx)?;
    let mut modules: Vec<String> = vectors.modules.clone();
    modules.sort();
    modules.dedup();

    let mut structs = Vec::new();
    for (p, naming) in live.properties.iter().zip(&naming.fields) {
        let planned = properties::property(p, naming, &ident, &modules, ctx)?;
        fields.push(planned.field);
        desired = desired.property(planned.desired);
        structs.extend(planned.structs);
    }
    attrs.extend(vectors.items);
    for (name, config) in vectors.named {
        desired = desired.vector(name, config);
    }
    if let Some(module) = vectors.legacy_vectorizer {
        desired = desired.vectorizer(module);
    }
    if let Some((ty, config)) = vectors.legacy_index {
        desired = desired.vector_index(ty, config);
    }
    for (module, settings) in vectors.module_config {
        desired = desired.module_config(module, settings);
    }
    for (name, multi) in vectors.fields {
        let (ident, attr, doc) = if name.is_empty() {
            let ident = scope.field_name("vector");
            (
                ident,
                Item::flag("vector", true),
                "The collection's vector.".to_owned(),
            )
        } else {
            let ident = scope.field_name(&snake_case(&name));
            let doc = format!("Vector `{name}`.");
            (ident, Item::assign("vector", Expr::Str(name)), doc)
        };
        fields.push(FieldDef {
            ident,
            doc: vec![doc],
            attrs: vec![attr],
            ty: if multi {
                "Option<Vec<Vec<f32>>>".into()
            } else {
                "Option<Vec<f32>>".into()
            },
        });
    }

    let (ttl_item, ttl) = object_ttl(live)?;
    let (inverted_item, inverted) = inverted_index(live, ttl.as_ref(), ctx)?;
    attrs.extend(inverted_item);
    if let Some(inverted) = inverted {
        desired = desired.inverted_index_config(inverted);
    }
    let (mt_item, mt) = multi_tenancy(live);
    attrs.extend(mt_item);
    if let Some(mt) = mt {
        desired = desired.multi_tenancy_config(mt);
    }
    let (replication_item, replication) = replication(live, ctx)?;
    attrs.extend(replication_item);
    if let Some(replication) = replication {
        desired = desired.replication_config(replication);
    }
    let (sharding_item, sharding) = sharding(live, ctx)?;
    attrs.extend(sharding_item);
    if let Some(sharding) = sharding {
        desired = desired.sharding_config(sharding);
    }
    attrs.extend(ttl_item);
    if let Some(ttl) = ttl {
        desired = desired.object_ttl_config(ttl);
    }

    let doc = match &live.description {
        Some(d) if !d.trim().is_empty() => doc_lines(d),
        _ => vec![format!("The `{}` collection.", live.name)],
    };
    let mut all = vec![StructDef {
        ident,
        doc,
        derive: Derive::Collection,
        attrs,
        fields,
    }];
    all.extend(structs);
    Ok((all, desired))
}

/// The planned vectors of a collection.
#[derive(Default)]
struct Vectors {
    items: Vec<Item>,
    named: Vec<(String, VectorConfig)>,
    legacy_vectorizer: Option<String>,
    legacy_index: Option<(
        crate::schema::VectorIndexType,
        crate::schema::VectorIndexConfig,
    )>,
    /// The class-level `moduleConfig` entries the derive sets (legacy vectorizer, generative, reranker).
    module_config: Vec<(String, Value)>,
    /// The vectorizer modules (not `none`), for the properties' module settings.
    modules: Vec<String>,
    /// Vector fields to add (`vector_fields`): the vector name (empty: the legacy vector) and
    /// whether it is a multi-vector.
    fields: Vec<(String, bool)>,
}

fn vectors(
    live: &CollectionConfig,
    sources: &BTreeMap<&str, (&str, &DataType)>,
    ctx: &mut Ctx,
) -> Result<Vectors, String> {
    let options = ctx.options;
    let sd = &options.server_defaults;
    let mut out = Vectors::default();
    let legacy_module = if live.vector_config.is_empty() {
        legacy(live, &mut out, ctx)?
    } else {
        if live.has_legacy_vector_index() {
            return Err("the collection has both named vectors and a collection-level vector; the derive declares one or the other".into());
        }
        None
    };
    for (name, vc) in &live.vector_config {
        let planned =
            named_vector(name, vc, sources, sd).map_err(|e| format!("vector `{name}`: {e}"))?;
        out.items.push(planned.0);
        out.modules.extend(planned.2);
        if ctx.options.vector_fields {
            let multi = vc
                .vector_index_config
                .as_ref()
                .and_then(|c| c.multivector.as_ref())
                .is_some_and(|m| m.enabled == Some(true));
            out.fields.push((name.clone(), multi));
        }
        out.named.push((name.clone(), planned.1));
    }

    // Generative and reranker modules, and nothing else, beside the legacy vectorizer's settings.
    let mut generative = Vec::new();
    let mut reranker = Vec::new();
    for (module, settings) in live.module_config.iter().flatten() {
        if Some(module) == legacy_module.as_ref() {
            continue;
        }
        if module.starts_with("generative-") {
            generative.push((module, settings));
        } else if module.starts_with("reranker-") {
            reranker.push((module, settings));
        } else {
            return Err(format!(
                "moduleConfig `{module}`: not the collection's vectorizer, a generative or a reranker module; the derive has no place for it"
            ));
        }
    }
    for (key, slot, found) in [
        ("generative", Slot::Generative, generative),
        ("reranker", Slot::Reranker, reranker),
    ] {
        match found.as_slice() {
            [] => {}
            [(module, settings)] => {
                let Value::Object(map) = settings else {
                    return Err(format!(
                        "moduleConfig `{module}`: its settings are not an object"
                    ));
                };
                let expr = modules::module_expr(module, map, slot)?;
                out.items.push(Item::assign(key, expr));
                out.module_config
                    .push(((*module).clone(), Value::Object(map.clone())));
            }
            several => {
                let names: Vec<&str> = several.iter().map(|(m, _)| m.as_str()).collect();
                return Err(format!(
                    "several {key} modules ({}); the derive takes one",
                    names.join(", ")
                ));
            }
        }
    }
    Ok(out)
}

/// The legacy single vector: `vectorizer = ...` and `vector_index = ...`. Returns the vectorizer
/// module whose settings are in the class `moduleConfig`.
fn legacy(
    live: &CollectionConfig,
    out: &mut Vectors,
    ctx: &mut Ctx,
) -> Result<Option<String>, String> {
    let options = ctx.options;
    let sd = &options.server_defaults;
    let module = live
        .vectorizer
        .clone()
        .unwrap_or_else(|| sd.default_vectorizer.clone());
    let mut settings_module = None;
    if module != Vectorizer::NONE {
        let live_settings = live
            .module_config
            .as_ref()
            .and_then(|mc| mc.get(&module))
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let settings = without_defaults(&module, live_settings, sd);
        let expr = modules::module_expr(&module, &settings, Slot::Vectorizer)
            .map_err(|e| format!("vectorizer: {e}"))?;
        out.items.push(Item::assign("vectorizer", expr));
        out.legacy_vectorizer = Some(module.clone());
        if !settings.is_empty() {
            out.module_config
                .push((module.clone(), Value::Object(settings)));
        }
        out.modules.push(module.clone());
        settings_module = Some(module.clone());
    } else if module != sd.default_vectorizer {
        out.items
            .push(Item::assign("vectorizer", Expr::Path("none".into())));
        out.legacy_vectorizer = Some(module.clone());
    }
    let planned = index::plan(
        Site::Legacy,
        live.vector_index_type.as_ref(),
        live.vector_index_config.as_ref(),
        sd,
    )
    .map_err(|e| format!("vector index: {e}"))?;
    if let Some(expr) = planned.expr {
        out.items.push(Item::assign("vector_index", expr));
    }
    out.legacy_index = planned.desired;
    if ctx.options.vector_fields {
        let multi = live
            .vector_index_config
            .as_ref()
            .and_then(|c| c.multivector.as_ref())
            .is_some_and(|m| m.enabled == Some(true));
        out.fields.push((String::new(), multi));
    }
    Ok(settings_module)
}

/// `settings` without the values the server fills in for `module` anyway.
fn without_defaults(
    module: &str,
    mut settings: Map<String, Value>,
    sd: &crate::schema::ServerDefaults,
) -> Map<String, Value> {
    if let Some(defaults) = sd.modules.get(module) {
        settings.retain(|k, v| defaults.class.get(k) != Some(v));
    }
    settings
}

/// `vector(name = "...", source = [...], vectorizer = ..., index = ...)`, the config the derive
/// makes of it, and its vectorizer module (unless `none`).
fn named_vector(
    name: &str,
    vc: &VectorConfig,
    sources: &BTreeMap<&str, (&str, &DataType)>,
    sd: &crate::schema::ServerDefaults,
) -> Result<(Item, VectorConfig, Option<String>), String> {
    if weaviate_orm_names::vector_name(name).is_err() {
        return Err("the derive refuses this vector name".into());
    }
    let mut items = vec![Item::assign("name", Expr::Str(name.to_owned()))];
    let vectorizer = vc
        .vectorizer
        .clone()
        .ok_or("the server reports no vectorizer for it")?;
    let mut module = None;
    let desired_vectorizer = if vectorizer.is_self_provided() {
        if !vectorizer.settings.is_empty() {
            return Err(
                "the `none` vectorizer has settings, which the derive cannot declare".into(),
            );
        }
        Vectorizer::none()
    } else {
        let m = vectorizer.module.clone();
        let mut settings = without_defaults(&m, vectorizer.settings.clone(), sd);
        let (key, want): (&str, fn(&DataType) -> bool) = if modules::is_ref2vec(&m) {
            ("referenceProperties", DataType::is_reference)
        } else {
            ("properties", DataType::is_text)
        };
        let mut source_names = Vec::new();
        if !modules::is_multi_modal(&m) {
            let listed: Option<Vec<String>> = settings
                .get(key)
                .and_then(Value::as_array)
                .and_then(|a| a.iter().map(|v| v.as_str().map(str::to_owned)).collect());
            if let Some(listed) = listed.filter(|l| !l.is_empty()) {
                let fields: Option<Vec<&str>> = listed
                    .iter()
                    .map(|p| {
                        sources
                            .get(p.as_str())
                            .filter(|(_, dt)| want(dt))
                            .map(|(ident, _)| *ident)
                    })
                    .collect();
                if let Some(fields) = fields {
                    settings.remove(key);
                    let fields = fields
                        .into_iter()
                        .map(|f| Expr::Path(f.to_owned()))
                        .collect();
                    items.push(Item::assign("source", Expr::Array(fields)));
                    source_names = listed;
                }
            }
        }
        let expr = modules::module_expr(&m, &settings, Slot::Vectorizer)?;
        items.push(Item::assign("vectorizer", expr));
        let mut v = Vectorizer::new(&m);
        v.settings = settings;
        if !source_names.is_empty() {
            v = if modules::is_ref2vec(&m) {
                v.setting("referenceProperties", Value::from(source_names))
            } else {
                v.source_properties(source_names)
            };
        }
        module = Some(m);
        v
    };
    let planned = index::plan(
        Site::Named,
        vc.vector_index_type.as_ref(),
        vc.vector_index_config.as_ref(),
        sd,
    )?;
    let mut desired = VectorConfig::new(desired_vectorizer);
    if let Some(expr) = planned.expr {
        items.push(Item::assign("index", expr));
    }
    if let Some((ty, config)) = planned.desired {
        desired = desired.index(ty, config);
    }
    Ok((Item::call_or_flag("vector", items), desired, module))
}

/// `inverted_index(...)` for the settings that differ from the server's.
fn inverted_index(
    live: &CollectionConfig,
    ttl: Option<&ObjectTtlConfig>,
    ctx: &Ctx,
) -> Result<(Option<Item>, Option<InvertedIndexConfig>), String> {
    let sd = &ctx.options.server_defaults;
    let Some(l) = &live.inverted_index_config else {
        return Ok((None, None));
    };
    if l.tokenizer_user_dict.is_some() {
        return Err("invertedIndexConfig.tokenizerUserDict: the derive has no attribute for tokenizer user dictionaries".into());
    }
    let fill = |d: &InvertedIndexConfig| {
        let mut c = CollectionConfig::new("X").inverted_index_config(d.clone());
        c.object_ttl_config = ttl.cloned();
        c.with_server_defaults_using(sd)
            .inverted_index_config
            .unwrap_or_default()
    };
    let mut d = InvertedIndexConfig::new();
    let mut items = Vec::new();
    if let Some(bm25) = &l.bm25 {
        if Some(bm25) != fill(&d).bm25.as_ref() {
            let mut sub = Vec::new();
            if let Some(b) = bm25.b {
                if !(0.0..=1.0).contains(&b) {
                    return Err(format!("bm25 `b` is {b}, and the derive takes 0 to 1"));
                }
                sub.push(Item::assign("b", Expr::Float(b)));
            }
            if let Some(k1) = bm25.k1 {
                if k1 < 0.0 {
                    return Err(format!("bm25 `k1` is {k1}, and the derive takes 0 or more"));
                }
                sub.push(Item::assign("k1", Expr::Float(k1)));
            }
            items.push(Item::Bare(Expr::Call("bm25".into(), sub)));
            d.bm25 = Some(Bm25Config {
                b: bm25.b,
                k1: bm25.k1,
                extra: Map::new(),
            });
        }
    }
    if let Some(sw) = &l.stopwords {
        if Some(sw) != fill(&d).stopwords.as_ref() {
            let mut sub = Vec::new();
            let mut config = StopwordConfig::default();
            match &sw.preset {
                None | Some(StopwordPreset::En) => {}
                Some(StopwordPreset::None) => {
                    sub.push(Item::assign("preset", Expr::Path("none".into())));
                    config = StopwordConfig::new(StopwordPreset::None);
                }
                Some(StopwordPreset::Other(other)) => {
                    return Err(format!(
                        "stopwords preset `{other}`: the derive takes `en` or `none` for the collection"
                    ));
                }
            }
            if let Some(words) = &sw.additions {
                sub.push(Item::assign("additions", Expr::strings(words)));
                config = config.additions(words.iter().cloned());
            }
            if let Some(words) = &sw.removals {
                sub.push(Item::assign("removals", Expr::strings(words)));
                config = config.removals(words.iter().cloned());
            }
            items.push(Item::Bare(Expr::Call("stopwords".into(), sub)));
            d.stopwords = Some(config);
        }
    }
    if let Some(presets) = l.stopword_presets.as_ref().filter(|p| !p.is_empty()) {
        let sub = presets
            .iter()
            .map(|(name, words)| {
                let key = if is_identifier(name) && !is_keyword(name) {
                    Key::Ident(name.clone())
                } else {
                    Key::Str(name.clone())
                };
                Item::Assign(key, Expr::strings(words))
            })
            .collect();
        items.push(Item::Bare(Expr::Call("stopword_presets".into(), sub)));
        for (name, words) in presets {
            d = d.stopword_preset(name.clone(), words.iter().cloned());
        }
    }
    type Flag = (
        &'static str,
        fn(&InvertedIndexConfig) -> Option<bool>,
        fn(&mut InvertedIndexConfig),
    );
    let flags: [Flag; 3] = [
        (
            "index_timestamps",
            |c| c.index_timestamps,
            |c| c.index_timestamps = Some(true),
        ),
        (
            "index_null_state",
            |c| c.index_null_state,
            |c| c.index_null_state = Some(true),
        ),
        (
            "index_property_length",
            |c| c.index_property_length,
            |c| c.index_property_length = Some(true),
        ),
    ];
    for (name, get, set) in flags {
        if get(l) == Some(true) && get(&fill(&d)) != Some(true) {
            items.push(Item::flag(name, true));
            set(&mut d);
        }
    }
    if let Some(seconds) = l.cleanup_interval_seconds {
        if Some(seconds) != fill(&d).cleanup_interval_seconds {
            if seconds < 1 {
                return Err(format!(
                    "inverted index cleanupIntervalSeconds is {seconds}, and the derive takes 1 or more"
                ));
            }
            items.push(Item::assign("cleanup_interval_seconds", Expr::Int(seconds)));
            d.cleanup_interval_seconds = Some(seconds);
        }
    }
    if items.is_empty() {
        return Ok((None, None));
    }
    Ok((
        Some(Item::Bare(Expr::Call("inverted_index".into(), items))),
        Some(d),
    ))
}

/// `multi_tenancy`, `multi_tenancy(auto_tenant_creation, ...)`.
fn multi_tenancy(live: &CollectionConfig) -> (Option<Item>, Option<MultiTenancyConfig>) {
    let Some(mt) = &live.multi_tenancy_config else {
        return (None, None);
    };
    let enabled = mt.enabled == Some(true);
    let creation = mt.auto_tenant_creation == Some(true);
    let activation = mt.auto_tenant_activation == Some(true);
    if !enabled && !creation && !activation {
        return (None, None);
    }
    let mut items = Vec::new();
    let mut config = MultiTenancyConfig {
        enabled: Some(enabled),
        ..Default::default()
    };
    if !enabled {
        items.push(Item::assign("enabled", Expr::Bool(false)));
    }
    if creation {
        items.push(Item::flag("auto_tenant_creation", true));
        config = config.auto_tenant_creation(true);
    }
    if activation {
        items.push(Item::flag("auto_tenant_activation", true));
        config = config.auto_tenant_activation(true);
    }
    (
        Some(Item::call_or_flag("multi_tenancy", items)),
        Some(config),
    )
}

/// `replication(factor = ..., deletion_strategy = ...)`.
fn replication(
    live: &CollectionConfig,
    ctx: &Ctx,
) -> Result<(Option<Item>, Option<ReplicationConfig>), String> {
    let Some(r) = &live.replication_config else {
        return Ok((None, None));
    };
    if r.async_config.is_some() {
        return Err("replicationConfig.asyncConfig: the derive has no attribute for the tuning of asynchronous replication".into());
    }
    let base = CollectionConfig::new("X")
        .with_server_defaults_using(&ctx.options.server_defaults)
        .replication_config
        .unwrap_or_default();
    let mut items = Vec::new();
    let mut config = ReplicationConfig::default();
    if let Some(factor) = r.factor.filter(|f| Some(*f) != base.factor) {
        if factor < 1 {
            return Err(format!(
                "replication factor {factor}: the derive takes 1 or more"
            ));
        }
        items.push(Item::assign("factor", Expr::Int(factor)));
        config.factor = Some(factor);
    }
    if let Some(strategy) = r
        .deletion_strategy
        .as_ref()
        .filter(|s| Some(*s) != base.deletion_strategy.as_ref())
    {
        let name = match strategy {
            DeletionStrategy::NoAutomatedResolution => "no_automated_resolution",
            DeletionStrategy::DeleteOnConflict => "delete_on_conflict",
            DeletionStrategy::TimeBasedResolution => "time_based_resolution",
            DeletionStrategy::Other(other) => {
                return Err(format!(
                    "replication deletion strategy `{other}` has no name in the derive"
                ));
            }
        };
        items.push(Item::assign("deletion_strategy", Expr::Path(name.into())));
        config.deletion_strategy = Some(strategy.clone());
    }
    if items.is_empty() {
        return Ok((None, None));
    }
    Ok((
        Some(Item::Bare(Expr::Call("replication".into(), items))),
        Some(config),
    ))
}

/// `sharding(desired_count = ..., virtual_per_physical = ...)` (single-tenant collections).
fn sharding(
    live: &CollectionConfig,
    ctx: &Ctx,
) -> Result<(Option<Item>, Option<ShardingConfig>), String> {
    let Some(s) = &live.sharding_config else {
        return Ok((None, None));
    };
    if live.is_multi_tenant() {
        return Ok((None, None));
    }
    let base = CollectionConfig::new("X")
        .with_server_defaults_using(&ctx.options.server_defaults)
        .sharding_config
        .unwrap_or_default();
    let mut items = Vec::new();
    let mut config = ShardingConfig::default();
    for (name, value, default) in [
        ("desired_count", s.desired_count, base.desired_count),
        (
            "virtual_per_physical",
            s.virtual_per_physical,
            base.virtual_per_physical,
        ),
    ] {
        let Some(value) = value.filter(|v| Some(*v) != default) else {
            continue;
        };
        if value < 1 {
            return Err(format!(
                "sharding `{name}` is {value}, and the derive takes 1 or more"
            ));
        }
        items.push(Item::assign(name, Expr::Int(value)));
        if name == "desired_count" {
            config.desired_count = Some(value);
        } else {
            config.virtual_per_physical = Some(value);
        }
    }
    if items.is_empty() {
        return Ok((None, None));
    }
    Ok((
        Some(Item::Bare(Expr::Call("sharding".into(), items))),
        Some(config),
    ))
}

/// `object_ttl(delete_on = ..., ttl_seconds = ..., filter_expired_objects)`.
fn object_ttl(live: &CollectionConfig) -> Result<(Option<Item>, Option<ObjectTtlConfig>), String> {
    let Some(t) = &live.object_ttl_config else {
        return Ok((None, None));
    };
    if t.enabled != Some(true) {
        if t.delete_on.as_deref().unwrap_or("").is_empty()
            && t.default_ttl.unwrap_or(0) == 0
            && t.filter_expired_objects != Some(true)
        {
            return Ok((None, None));
        }
        return Err("objectTtlConfig is disabled but configured: the derive declares enabled time-to-live only".into());
    }
    let on = t.delete_on.clone().unwrap_or_default();
    let ttl = t.default_ttl.unwrap_or(0);
    if ttl < 1 {
        return Err(format!(
            "objectTtlConfig.defaultTtl is {ttl}, and the derive takes 1 or more"
        ));
    }
    let delete_on = match on.as_str() {
        "_creationTimeUnix" => Expr::Path("creation_time".into()),
        "_lastUpdateTimeUnix" => Expr::Path("update_time".into()),
        other => Expr::Str(other.to_owned()),
    };
    let mut items = vec![
        Item::assign("delete_on", delete_on),
        Item::assign("ttl_seconds", Expr::Int(ttl)),
    ];
    let mut config = ObjectTtlConfig::delete_on(on, ttl);
    if t.filter_expired_objects == Some(true) {
        items.push(Item::flag("filter_expired_objects", true));
        config = config.filter_expired_objects(true);
    }
    Ok((
        Some(Item::Bare(Expr::Call("object_ttl".into(), items))),
        Some(config),
    ))
}
