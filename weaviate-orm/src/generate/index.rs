//! Vector indexes in the derive's syntax: `hnsw(distance = dot, quantizer = pq(segments = 8))`,
//! `flat(quantizer = bq(cache))`, `dynamic(threshold = 10000, hnsw(...), flat(...))`.
//!
//! Every setting is compared with what the server fills in for the settings chosen so far
//! ([`CollectionConfig::with_server_defaults_using`]), so defaults that depend on other settings (the
//! rescore limit of 1-bit RQ, ...) are left out too.

use crate::schema::{
    BqConfig, CollectionConfig, Distance, FilterStrategy, MultivectorAggregation,
    MultivectorConfig, MuveraConfig, PqConfig, PqEncoder, PqEncoderDistribution, PqEncoderType,
    RqConfig, ServerDefaults, SqConfig, VectorConfig, VectorIndexConfig, VectorIndexType,
};

use super::attr::{Expr, Item};

/// Where the index is: a named vector's, or the collection's legacy single vector's (whose defaults
/// differ: `DEFAULT_VECTOR_DISTANCE_METRIC` applies to it only).
#[derive(Clone, Copy)]
pub(crate) enum Site {
    Named,
    Legacy,
}

/// A planned index: the derive's expression (`None`: the server's default index) and the config the
/// derive builds from it.
pub(crate) struct PlannedIndex {
    pub expr: Option<Expr>,
    pub desired: Option<(VectorIndexType, VectorIndexConfig)>,
}

/// Plans the index `ty` / `live` of a vector at `site`.
pub(crate) fn plan(
    site: Site,
    ty: Option<&VectorIndexType>,
    live: Option<&VectorIndexConfig>,
    sd: &ServerDefaults,
) -> Result<PlannedIndex, String> {
    let ty = ty
        .cloned()
        .unwrap_or_else(|| sd.default_vector_index_type.clone());
    let empty = VectorIndexConfig::new();
    let live = live.unwrap_or(&empty);
    let fill = |cfg: &VectorIndexConfig| filled(site, &ty, cfg, sd);
    let (name, (items, desired)) = match &ty {
        VectorIndexType::Hnsw => ("hnsw", hnsw(live, &fill, false)?),
        VectorIndexType::Flat => ("flat", flat(live, &fill)?),
        VectorIndexType::Dynamic => ("dynamic", dynamic(live, &fill)?),
        VectorIndexType::Hfresh => {
            return Err(
                "vector index `hfresh`: the derive declares hnsw, flat and dynamic indexes only"
                    .into(),
            );
        }
        VectorIndexType::Dropped => {
            return Err(
                "the vector index was dropped (`vectorIndexType: none`): the derive cannot declare a vector without an index".into(),
            );
        }
        VectorIndexType::Other(other) => {
            return Err(format!(
                "vector index type `{other}`: the derive declares hnsw, flat and dynamic indexes only"
            ));
        }
    };
    if items.is_empty() && ty == sd.default_vector_index_type {
        return Ok(PlannedIndex {
            expr: None,
            desired: None,
        });
    }
    Ok(PlannedIndex {
        expr: Some(Expr::call_or_path(name, items)),
        desired: Some((ty, desired)),
    })
}

/// The index config the server makes of `cfg` at `site`.
fn filled(
    site: Site,
    ty: &VectorIndexType,
    cfg: &VectorIndexConfig,
    sd: &ServerDefaults,
) -> VectorIndexConfig {
    let filled = match site {
        Site::Named => CollectionConfig::new("X")
            .vector(
                "v",
                VectorConfig::self_provided().index(ty.clone(), cfg.clone()),
            )
            .with_server_defaults_using(sd)
            .vector_config
            .remove("v")
            .and_then(|v| v.vector_index_config),
        Site::Legacy => {
            CollectionConfig::new("X")
                .vector_index(ty.clone(), cfg.clone())
                .with_server_defaults_using(sd)
                .vector_index_config
        }
    };
    filled.unwrap_or_default()
}

type Fill<'a> = &'a dyn Fn(&VectorIndexConfig) -> VectorIndexConfig;
type Getter<T> = fn(&VectorIndexConfig) -> Option<T>;
type Setter<T> = fn(&mut VectorIndexConfig, T);

/// An integer setting: its name, how to read and set it, and the derive's range.
struct IntSetting<C> {
    name: &'static str,
    get: fn(&C) -> Option<i64>,
    set: fn(&mut C, i64),
    min: i64,
    max: i64,
}

/// `name = value` for each integer setting whose live value differs from the filled-in one.
fn int_settings<C>(
    live: &C,
    desired: &mut C,
    fill: &dyn Fn(&C) -> C,
    settings: &[IntSetting<C>],
    items: &mut Vec<Item>,
) -> Result<(), String> {
    for s in settings {
        let Some(value) = (s.get)(live) else { continue };
        if Some(value) == (s.get)(&fill(desired)) {
            continue;
        }
        if !(s.min..=s.max).contains(&value) {
            let range = if s.max == i64::MAX {
                format!("at least {}", s.min)
            } else {
                format!("from {} to {}", s.min, s.max)
            };
            return Err(format!(
                "`{}` is {value}, and the derive takes {range}",
                s.name
            ));
        }
        (s.set)(desired, value);
        items.push(Item::assign(s.name, Expr::Int(value)));
    }
    Ok(())
}

fn distance(d: &Distance) -> Result<Expr, String> {
    let name = match d {
        Distance::Cosine => "cosine",
        Distance::Dot => "dot",
        Distance::L2Squared => "l2_squared",
        Distance::Hamming => "hamming",
        Distance::Manhattan => "manhattan",
        Distance::Other(other) => {
            return Err(format!("distance `{other}` has no name in the derive"));
        }
    };
    Ok(Expr::Path(name.to_owned()))
}

/// `distance = ...` when it differs.
fn plan_distance(
    live: &VectorIndexConfig,
    desired: &mut VectorIndexConfig,
    fill: Fill,
    items: &mut Vec<Item>,
) -> Result<(), String> {
    if let Some(d) = &live.distance {
        if Some(d) != fill(desired).distance.as_ref() {
            items.push(Item::assign("distance", distance(d)?));
            desired.distance = Some(d.clone());
        }
    }
    Ok(())
}

macro_rules! int_setting {
    ($name:literal, $field:ident, $min:expr, $max:expr) => {
        IntSetting {
            name: $name,
            get: |c: &VectorIndexConfig| c.$field,
            set: |c: &mut VectorIndexConfig, v| c.$field = Some(v),
            min: $min,
            max: $max,
        }
    };
}

/// An integer setting of a quantizer (`pq`, `bq`, `sq`, `rq`) from `min` up.
macro_rules! int_setting_of {
    ($q:ident, $name:literal, $field:ident, $min:expr) => {
        IntSetting {
            name: $name,
            get: |c: &VectorIndexConfig| c.$q.as_ref().and_then(|q| q.$field),
            set: |c: &mut VectorIndexConfig, v| {
                quantizer_mut!($q, c).$field = Some(v);
            },
            min: $min,
            max: i64::MAX,
        }
    };
}

/// The quantizer config of an index, created (enabled) if absent.
macro_rules! quantizer_mut {
    (pq, $c:expr) => {
        pq_mut($c)
    };
    (bq, $c:expr) => {
        bq_mut($c)
    };
    (sq, $c:expr) => {
        sq_mut($c)
    };
    (rq, $c:expr) => {
        rq_mut($c)
    };
}

fn hnsw(
    live: &VectorIndexConfig,
    fill: Fill,
    in_dynamic: bool,
) -> Result<(Vec<Item>, VectorIndexConfig), String> {
    let mut items = Vec::new();
    let mut desired = VectorIndexConfig::new();
    plan_distance(live, &mut desired, fill, &mut items)?;
    let settings: [IntSetting<VectorIndexConfig>; 9] = [
        int_setting!("ef", ef, -1, i64::MAX),
        int_setting!("ef_construction", ef_construction, 4, i64::MAX),
        int_setting!("max_connections", max_connections, 4, 2047),
        int_setting!("dynamic_ef_min", dynamic_ef_min, 0, i64::MAX),
        int_setting!("dynamic_ef_max", dynamic_ef_max, 0, i64::MAX),
        int_setting!("dynamic_ef_factor", dynamic_ef_factor, 0, i64::MAX),
        int_setting!("flat_search_cutoff", flat_search_cutoff, 0, i64::MAX),
        int_setting!(
            "vector_cache_max_objects",
            vector_cache_max_objects,
            0,
            i64::MAX
        ),
        int_setting!(
            "cleanup_interval_seconds",
            cleanup_interval_seconds,
            0,
            i64::MAX
        ),
    ];
    int_settings(live, &mut desired, fill, &settings, &mut items)?;
    if let Some(skip) = live.skip {
        if Some(skip) != fill(&desired).skip {
            items.push(Item::flag("skip", skip));
            desired.skip = Some(skip);
        }
    }
    if let Some(strategy) = &live.filter_strategy {
        if Some(strategy) != fill(&desired).filter_strategy.as_ref() {
            let name = match strategy {
                FilterStrategy::Sweeping => "sweeping",
                FilterStrategy::Acorn => "acorn",
                FilterStrategy::Other(other) => {
                    return Err(format!(
                        "filter strategy `{other}` has no name in the derive"
                    ));
                }
            };
            items.push(Item::assign("filter_strategy", Expr::Path(name.into())));
            desired.filter_strategy = Some(strategy.clone());
        }
    }
    quantizer(live, &mut desired, fill, false, &mut items)?;
    multivector(live, &mut desired, fill, in_dynamic, &mut items)?;
    Ok((items, desired))
}

fn flat(live: &VectorIndexConfig, fill: Fill) -> Result<(Vec<Item>, VectorIndexConfig), String> {
    let mut items = Vec::new();
    let mut desired = VectorIndexConfig::new();
    plan_distance(live, &mut desired, fill, &mut items)?;
    let settings = [int_setting!(
        "vector_cache_max_objects",
        vector_cache_max_objects,
        0,
        i64::MAX
    )];
    int_settings(live, &mut desired, fill, &settings, &mut items)?;
    quantizer(live, &mut desired, fill, true, &mut items)?;
    Ok((items, desired))
}

fn dynamic(live: &VectorIndexConfig, fill: Fill) -> Result<(Vec<Item>, VectorIndexConfig), String> {
    let mut items = Vec::new();
    let mut desired = VectorIndexConfig::new();
    plan_distance(live, &mut desired, fill, &mut items)?;
    let settings = [int_setting!("threshold", threshold, 0, i64::MAX)];
    int_settings(live, &mut desired, fill, &settings, &mut items)?;
    let outer = desired.clone();
    if let Some(live_hnsw) = &live.hnsw {
        let stage_fill = |stage: &VectorIndexConfig| {
            let mut d = outer.clone();
            d.hnsw = Some(Box::new(stage.clone()));
            fill(&d).hnsw.map(|b| *b).unwrap_or_default()
        };
        let (stage_items, stage) = hnsw(live_hnsw, &stage_fill, true)
            .map_err(|e| format!("the hnsw stage of the dynamic index: {e}"))?;
        if !stage_items.is_empty() {
            items.push(Item::call_or_flag("hnsw", stage_items));
            desired.hnsw = Some(Box::new(stage));
        }
    }
    if let Some(live_flat) = &live.flat {
        let stage_fill = |stage: &VectorIndexConfig| {
            let mut d = outer.clone();
            d.flat = Some(Box::new(stage.clone()));
            fill(&d).flat.map(|b| *b).unwrap_or_default()
        };
        let (stage_items, stage) = flat(live_flat, &stage_fill)
            .map_err(|e| format!("the flat stage of the dynamic index: {e}"))?;
        if !stage_items.is_empty() {
            items.push(Item::call_or_flag("flat", stage_items));
            desired.flat = Some(Box::new(stage));
        }
    }
    Ok((items, desired))
}

/// The enabled quantizer: `quantizer = pq(...)`, or `quantizer = none` for an index that skips the
/// server's default quantization.
fn quantizer(
    live: &VectorIndexConfig,
    desired: &mut VectorIndexConfig,
    fill: Fill,
    flat: bool,
    items: &mut Vec<Item>,
) -> Result<(), String> {
    let on = |e: Option<bool>| e == Some(true);
    let enabled: Vec<&str> = [
        ("pq", on(live.pq.as_ref().and_then(|q| q.enabled))),
        ("bq", on(live.bq.as_ref().and_then(|q| q.enabled))),
        ("sq", on(live.sq.as_ref().and_then(|q| q.enabled))),
        ("rq", on(live.rq.as_ref().and_then(|q| q.enabled))),
    ]
    .into_iter()
    .filter_map(|(name, on)| on.then_some(name))
    .collect();
    let base = fill(desired);
    let name = match enabled.as_slice() {
        [] => {
            if live.skip_default_quantization == Some(true)
                && base.skip_default_quantization != Some(true)
            {
                items.push(Item::assign("quantizer", Expr::Path("none".into())));
                desired.skip_default_quantization = Some(true);
            }
            return Ok(());
        }
        [one] => *one,
        several => {
            return Err(format!(
                "several quantizers are enabled ({}); the derive takes one",
                several.join(", ")
            ));
        }
    };
    let same_as_default = match name {
        "pq" => live.pq == base.pq,
        "bq" => live.bq == base.bq,
        "sq" => live.sq == base.sq,
        _ => live.rq == base.rq,
    };
    if same_as_default {
        // The server's DEFAULT_QUANTIZATION.
        return Ok(());
    }
    if flat && (name == "pq" || name == "sq") {
        return Err(format!(
            "a flat index with `{name}`: the derive (like Weaviate) takes only bq and rq on flat indexes"
        ));
    }
    let mut sub = Vec::new();
    match name {
        "pq" => pq(live, desired, fill, &mut sub)?,
        "bq" => {
            desired.bq = Some(BqConfig::new());
            if flat {
                let settings = [int_setting_of!(bq, "rescore_limit", rescore_limit, -1)];
                int_settings(live, desired, fill, &settings, &mut sub)?;
                cache(
                    live.bq.as_ref().and_then(|q| q.cache),
                    desired,
                    fill,
                    |c| c.bq.as_ref().and_then(|q| q.cache),
                    |c, v| bq_mut(c).cache = Some(v),
                    &mut sub,
                );
            }
        }
        "sq" => {
            desired.sq = Some(SqConfig::new());
            let settings = [
                int_setting_of!(sq, "training_limit", training_limit, 0),
                int_setting_of!(sq, "rescore_limit", rescore_limit, -1),
            ];
            int_settings(live, desired, fill, &settings, &mut sub)?;
        }
        _ => {
            desired.rq = Some(RqConfig::new());
            if let Some(bits) = live.rq.as_ref().and_then(|q| q.bits) {
                if Some(bits) != fill(desired).rq.and_then(|q| q.bits) {
                    let allowed: &[i64] = if flat { &[1, 8] } else { &[1, 4, 8] };
                    if !allowed.contains(&bits) {
                        return Err(format!(
                            "rq with {bits} bits: the derive takes 1, 4 or 8 on hnsw and 1 or 8 on flat"
                        ));
                    }
                    sub.push(Item::assign("bits", Expr::Int(bits)));
                    rq_mut(desired).bits = Some(bits);
                }
            }
            let settings = [int_setting_of!(rq, "rescore_limit", rescore_limit, -1)];
            int_settings(live, desired, fill, &settings, &mut sub)?;
            if flat {
                cache(
                    live.rq.as_ref().and_then(|q| q.cache),
                    desired,
                    fill,
                    |c| c.rq.as_ref().and_then(|q| q.cache),
                    |c, v| rq_mut(c).cache = Some(v),
                    &mut sub,
                );
            }
        }
    }
    items.push(Item::assign("quantizer", Expr::call_or_path(name, sub)));
    Ok(())
}

fn pq_mut(c: &mut VectorIndexConfig) -> &mut PqConfig {
    c.pq.get_or_insert_with(PqConfig::new)
}

fn bq_mut(c: &mut VectorIndexConfig) -> &mut BqConfig {
    c.bq.get_or_insert_with(BqConfig::new)
}

fn sq_mut(c: &mut VectorIndexConfig) -> &mut SqConfig {
    c.sq.get_or_insert_with(SqConfig::new)
}

fn rq_mut(c: &mut VectorIndexConfig) -> &mut RqConfig {
    c.rq.get_or_insert_with(RqConfig::new)
}

/// The `cache` flag of a flat index's quantizer.
fn cache(
    live: Option<bool>,
    desired: &mut VectorIndexConfig,
    fill: Fill,
    get: Getter<bool>,
    set: Setter<bool>,
    items: &mut Vec<Item>,
) {
    if let Some(on) = live {
        if Some(on) != get(&fill(desired)) {
            items.push(Item::flag("cache", on));
            set(desired, on);
        }
    }
}

fn pq(
    live: &VectorIndexConfig,
    desired: &mut VectorIndexConfig,
    fill: Fill,
    sub: &mut Vec<Item>,
) -> Result<(), String> {
    desired.pq = Some(PqConfig::new());
    let settings = [
        int_setting_of!(pq, "segments", segments, 0),
        IntSetting {
            name: "centroids",
            get: |c: &VectorIndexConfig| c.pq.as_ref().and_then(|q| q.centroids),
            set: |c: &mut VectorIndexConfig, v| pq_mut(c).centroids = Some(v),
            min: 1,
            max: 65536,
        },
        int_setting_of!(pq, "training_limit", training_limit, 0),
    ];
    int_settings(live, desired, fill, &settings, sub)?;
    let live_pq = live.pq.clone().unwrap_or_default();
    if let Some(encoder) = &live_pq.encoder {
        let filled_encoder = fill(desired).pq.and_then(|q| q.encoder);
        if Some(encoder) != filled_encoder.as_ref() {
            let (name, ty) = match &encoder.encoder_type {
                Some(PqEncoderType::Kmeans) | None => ("kmeans", PqEncoderType::Kmeans),
                Some(PqEncoderType::Tile) => ("tile", PqEncoderType::Tile),
                Some(PqEncoderType::Other(other)) => {
                    return Err(format!("PQ encoder `{other}` has no name in the derive"));
                }
            };
            pq_mut(desired).encoder = Some(PqEncoder::new(ty));
            let mut encoder_items = Vec::new();
            if let Some(d) = &encoder.distribution {
                let filled = fill(desired)
                    .pq
                    .and_then(|q| q.encoder)
                    .and_then(|e| e.distribution);
                if Some(d) != filled.as_ref() {
                    let dname = match d {
                        PqEncoderDistribution::LogNormal => "log_normal",
                        PqEncoderDistribution::Normal => "normal",
                        PqEncoderDistribution::Other(other) => {
                            return Err(format!(
                                "PQ encoder distribution `{other}` has no name in the derive"
                            ));
                        }
                    };
                    encoder_items.push(Item::assign("distribution", Expr::Path(dname.into())));
                    if let Some(e) = &mut pq_mut(desired).encoder {
                        e.distribution = Some(d.clone());
                    }
                }
            }
            sub.push(Item::assign(
                "encoder",
                Expr::call_or_path(name, encoder_items),
            ));
        }
    }
    if let Some(on) = live_pq.bit_compression {
        if Some(on) != fill(desired).pq.and_then(|q| q.bit_compression) {
            sub.push(Item::flag("bit_compression", on));
            pq_mut(desired).bit_compression = Some(on);
        }
    }
    Ok(())
}

/// `multi_vector`, `multi_vector(aggregation = max_sim, muvera(...))`.
fn multivector(
    live: &VectorIndexConfig,
    desired: &mut VectorIndexConfig,
    fill: Fill,
    in_dynamic: bool,
    items: &mut Vec<Item>,
) -> Result<(), String> {
    let Some(mv) = &live.multivector else {
        return Ok(());
    };
    if mv.enabled != Some(true) || Some(mv) == fill(desired).multivector.as_ref() {
        return Ok(());
    }
    if in_dynamic {
        return Err(
            "multi-vectors in a dynamic index: the derive (like Weaviate) takes them on hnsw only"
                .into(),
        );
    }
    desired.multivector = Some(MultivectorConfig::new());
    let mut sub = Vec::new();
    let base = fill(desired).multivector.unwrap_or_default();
    if let Some(aggregation) = &mv.aggregation {
        if Some(aggregation) != base.aggregation.as_ref() {
            match aggregation {
                MultivectorAggregation::MaxSim => {
                    sub.push(Item::assign("aggregation", Expr::Path("max_sim".into())));
                }
                MultivectorAggregation::Other(other) => {
                    return Err(format!(
                        "multi-vector aggregation `{other}` has no name in the derive"
                    ));
                }
            }
            if let Some(m) = &mut desired.multivector {
                m.aggregation = Some(aggregation.clone());
            }
        }
    }
    if let Some(muvera) = &mv.muvera {
        if muvera.enabled == Some(true) && Some(muvera) != base.muvera.as_ref() {
            if let Some(m) = &mut desired.multivector {
                m.muvera = Some(MuveraConfig::new());
            }
            let mut muvera_items = Vec::new();
            let live_mv = live.clone();
            let muvera_fill = |c: &MuveraConfig| {
                let mut d = desired.clone();
                if let Some(m) = &mut d.multivector {
                    m.muvera = Some(c.clone());
                }
                fill(&d)
                    .multivector
                    .and_then(|m| m.muvera)
                    .unwrap_or_default()
            };
            let settings: [IntSetting<MuveraConfig>; 3] = [
                IntSetting {
                    name: "ksim",
                    get: |c| c.ksim,
                    set: |c, v| c.ksim = Some(v),
                    min: 1,
                    max: 10,
                },
                IntSetting {
                    name: "dprojections",
                    get: |c| c.dprojections,
                    set: |c, v| c.dprojections = Some(v),
                    min: 1,
                    max: i64::MAX,
                },
                IntSetting {
                    name: "repetitions",
                    get: |c| c.repetitions,
                    set: |c, v| c.repetitions = Some(v),
                    min: 1,
                    max: i64::MAX,
                },
            ];
            let mut muvera_desired = MuveraConfig::new();
            let live_muvera = live_mv
                .multivector
                .and_then(|m| m.muvera)
                .unwrap_or_default();
            int_settings(
                &live_muvera,
                &mut muvera_desired,
                &muvera_fill,
                &settings,
                &mut muvera_items,
            )?;
            if let Some(m) = &mut desired.multivector {
                m.muvera = Some(muvera_desired);
            }
            sub.push(Item::call_or_flag("muvera", muvera_items));
        }
    }
    items.push(Item::call_or_flag("multi_vector", sub));
    Ok(())
}
