//! Vector index configs as the server parses them.

use super::ServerDefaults;
use crate::schema::collection::CollectionConfig;
use crate::schema::vector_index::{
    BqConfig, Distance, MultivectorAggregation, MultivectorConfig, MuveraConfig, PqConfig,
    PqEncoder, PqEncoderDistribution, PqEncoderType, RqConfig, SqConfig, VectorIndexConfig,
    VectorIndexType,
};

/// Mirrors `usecases/schema/parser.go` `Parser.parseVectorIndexConfig` (the legacy vector, unless
/// the class is vectorless) and `Parser.parseTargetVectorsIndexConfig` (each named vector but a
/// dropped one): every index config filled by [`index_defaults`], then
/// [`apply_default_quantization`]. `has_named` is whether the desired config declared named vectors.
pub(super) fn parse(c: &mut CollectionConfig, has_named: bool, sd: &ServerDefaults) {
    let vectorless = !has_named && c.vector_index_type.is_none() && c.vectorizer.is_none();
    if !vectorless && (!has_named || c.vector_index_type.is_some()) {
        let ty = c
            .vector_index_type
            .clone()
            .unwrap_or_else(|| sd.default_vector_index_type.clone());
        let user = c.vector_index_config.take().unwrap_or_default();
        let mut parsed = index_defaults(&ty, user, sd);
        apply_default_quantization(&ty, &mut parsed, sd);
        c.vector_index_config = Some(parsed);
    }
    for vc in c.vector_config.values_mut() {
        let ty = vc
            .vector_index_type
            .clone()
            .unwrap_or_else(|| sd.default_vector_index_type.clone());
        if ty == VectorIndexType::Dropped {
            continue;
        }
        let user = vc.vector_index_config.take().unwrap_or_default();
        let mut parsed = index_defaults(&ty, user, sd);
        apply_default_quantization(&ty, &mut parsed, sd);
        vc.vector_index_config = Some(parsed);
    }
}

/// Mirrors `entities/vectorindex/config.go` `ParseAndValidateConfig`, which dispatches to the index
/// type's own `ParseAndValidateConfig` / `UserConfig.SetDefaults` (`hnsw`, `flat`, `dynamic`,
/// `hfresh`): the server keeps only the fields of its index type and fills every one of them.
fn index_defaults(
    ty: &VectorIndexType,
    user: VectorIndexConfig,
    sd: &ServerDefaults,
) -> VectorIndexConfig {
    match ty {
        VectorIndexType::Hnsw => hnsw_defaults(user, sd),
        VectorIndexType::Flat => flat_defaults(user),
        VectorIndexType::Dynamic => VectorIndexConfig {
            distance: Some(user.distance.unwrap_or(Distance::Cosine)),
            threshold: Some(user.threshold.unwrap_or(10_000)),
            hnsw: Some(Box::new(hnsw_defaults(
                user.hnsw.map(|b| *b).unwrap_or_default(),
                sd,
            ))),
            flat: Some(Box::new(flat_defaults(
                user.flat.map(|b| *b).unwrap_or_default(),
            ))),
            extra: user.extra,
            ..Default::default()
        },
        VectorIndexType::Hfresh => {
            let rq_user = user.rq.unwrap_or_default();
            VectorIndexConfig {
                max_posting_size_kb: Some(user.max_posting_size_kb.unwrap_or(48)),
                replicas: Some(user.replicas.unwrap_or(4)),
                search_probe: Some(user.search_probe.unwrap_or(256)),
                distance: Some(user.distance.unwrap_or(Distance::Cosine)),
                rq: Some(RqConfig {
                    enabled: Some(true),
                    bits: Some(1),
                    rescore_limit: Some(rq_user.rescore_limit.filter(|v| *v >= 0).unwrap_or(350)),
                    cache: None,
                    extra: rq_user.extra,
                }),
                extra: user.extra,
                ..Default::default()
            }
        }
        VectorIndexType::Dropped | VectorIndexType::Other(_) => user,
    }
}

/// Mirrors `entities/vectorindex/hnsw/config.go` `UserConfig.SetDefaults` and
/// `ParseAndValidateConfig`.
fn hnsw_defaults(user: VectorIndexConfig, sd: &ServerDefaults) -> VectorIndexConfig {
    let pq = user.pq.unwrap_or_default();
    let encoder = pq.encoder.unwrap_or_default();
    let bq = user.bq.unwrap_or_default();
    let sq = user.sq.unwrap_or_default();
    let rq_given = user.rq.is_some();
    let rq = user.rq.unwrap_or_default();
    let rq_bits = rq.bits.unwrap_or(8);
    let rq_rescore = match rq.rescore_limit {
        Some(v) => v,
        None if rq_given && rq_bits == 1 => 512,
        None => 20,
    };
    let mv = user.multivector.unwrap_or_default();
    let muvera = mv.muvera.unwrap_or_default();
    VectorIndexConfig {
        distance: Some(user.distance.unwrap_or(Distance::Cosine)),
        ef: Some(user.ef.unwrap_or(-1)),
        ef_construction: Some(user.ef_construction.unwrap_or(128)),
        max_connections: Some(user.max_connections.unwrap_or(32)),
        dynamic_ef_min: Some(user.dynamic_ef_min.unwrap_or(100)),
        dynamic_ef_max: Some(user.dynamic_ef_max.unwrap_or(500)),
        dynamic_ef_factor: Some(user.dynamic_ef_factor.unwrap_or(8)),
        flat_search_cutoff: Some(user.flat_search_cutoff.unwrap_or(40_000)),
        vector_cache_max_objects: Some(user.vector_cache_max_objects.unwrap_or(1_000_000_000_000)),
        cleanup_interval_seconds: Some(user.cleanup_interval_seconds.unwrap_or(300)),
        skip: Some(user.skip.unwrap_or(false)),
        filter_strategy: Some(
            user.filter_strategy
                .unwrap_or_else(|| sd.hnsw_filter_strategy.clone()),
        ),
        pq: Some(PqConfig {
            enabled: Some(pq.enabled.unwrap_or(false)),
            bit_compression: Some(pq.bit_compression.unwrap_or(false)),
            segments: Some(pq.segments.unwrap_or(0)),
            centroids: Some(pq.centroids.unwrap_or(256)),
            training_limit: Some(pq.training_limit.unwrap_or(100_000)),
            encoder: Some(PqEncoder {
                encoder_type: Some(encoder.encoder_type.unwrap_or(PqEncoderType::Kmeans)),
                distribution: Some(
                    encoder
                        .distribution
                        .unwrap_or(PqEncoderDistribution::LogNormal),
                ),
                extra: encoder.extra,
            }),
            rescore_limit: None,
            cache: None,
            extra: pq.extra,
        }),
        bq: Some(BqConfig {
            enabled: Some(bq.enabled.unwrap_or(false)),
            rescore_limit: None,
            cache: None,
            extra: bq.extra,
        }),
        sq: Some(SqConfig {
            enabled: Some(sq.enabled.unwrap_or(false)),
            training_limit: Some(sq.training_limit.unwrap_or(100_000)),
            rescore_limit: Some(sq.rescore_limit.unwrap_or(20)),
            cache: None,
            extra: sq.extra,
        }),
        rq: Some(RqConfig {
            enabled: Some(rq.enabled.unwrap_or(false)),
            bits: Some(rq_bits),
            rescore_limit: Some(rq_rescore),
            cache: None,
            extra: rq.extra,
        }),
        multivector: Some(MultivectorConfig {
            enabled: Some(mv.enabled.unwrap_or(false)),
            muvera: Some(MuveraConfig {
                enabled: Some(muvera.enabled.unwrap_or(false)),
                ksim: Some(muvera.ksim.unwrap_or(4)),
                dprojections: Some(muvera.dprojections.unwrap_or(16)),
                repetitions: Some(muvera.repetitions.unwrap_or(10)),
                extra: muvera.extra,
            }),
            aggregation: Some(mv.aggregation.unwrap_or(MultivectorAggregation::MaxSim)),
            extra: mv.extra,
        }),
        skip_default_quantization: Some(user.skip_default_quantization.unwrap_or(false)),
        track_default_quantization: Some(user.track_default_quantization.unwrap_or(false)),
        extra: user.extra,
        ..Default::default()
    }
}

/// Mirrors `entities/vectorindex/flat/config.go` `UserConfig.SetDefaults` and
/// `ParseAndValidateConfig`.
fn flat_defaults(user: VectorIndexConfig) -> VectorIndexConfig {
    fn compression(
        enabled: Option<bool>,
        rescore: Option<i64>,
        cache: Option<bool>,
    ) -> (Option<bool>, Option<i64>, Option<bool>) {
        (
            Some(enabled.unwrap_or(false)),
            Some(rescore.unwrap_or(-1)),
            Some(cache.unwrap_or(false)),
        )
    }
    let pq = user.pq.unwrap_or_default();
    let bq = user.bq.unwrap_or_default();
    let sq = user.sq.unwrap_or_default();
    let rq = user.rq.unwrap_or_default();
    let (pq_e, pq_r, pq_c) = compression(pq.enabled, pq.rescore_limit, pq.cache);
    let (bq_e, bq_r, bq_c) = compression(bq.enabled, bq.rescore_limit, bq.cache);
    let (sq_e, sq_r, sq_c) = compression(sq.enabled, sq.rescore_limit, sq.cache);
    let (rq_e, rq_r, rq_c) = compression(rq.enabled, rq.rescore_limit, rq.cache);
    VectorIndexConfig {
        distance: Some(user.distance.unwrap_or(Distance::Cosine)),
        vector_cache_max_objects: Some(user.vector_cache_max_objects.unwrap_or(1_000_000_000_000)),
        pq: Some(PqConfig {
            enabled: pq_e,
            rescore_limit: pq_r,
            cache: pq_c,
            extra: pq.extra,
            ..Default::default()
        }),
        bq: Some(BqConfig {
            enabled: bq_e,
            rescore_limit: bq_r,
            cache: bq_c,
            extra: bq.extra,
        }),
        sq: Some(SqConfig {
            enabled: sq_e,
            rescore_limit: sq_r,
            cache: sq_c,
            extra: sq.extra,
            ..Default::default()
        }),
        rq: Some(RqConfig {
            enabled: rq_e,
            // `bits` is omitted by the server when 0.
            bits: Some(rq.bits.unwrap_or(8)).filter(|b| *b != 0),
            rescore_limit: rq_r,
            cache: rq_c,
            extra: rq.extra,
        }),
        skip_default_quantization: Some(user.skip_default_quantization.unwrap_or(false)),
        track_default_quantization: Some(user.track_default_quantization.unwrap_or(false)),
        extra: user.extra,
        ..Default::default()
    }
}

/// Mirrors `usecases/schema/class.go` `Handler.enableQuantization` / `setDefaultQuantization`: the
/// server's `DEFAULT_QUANTIZATION` for indexes without a quantizer.
fn apply_default_quantization(
    ty: &VectorIndexType,
    cfg: &mut VectorIndexConfig,
    sd: &ServerDefaults,
) {
    let Some(compression) = sd.default_quantization.as_deref().filter(|c| !c.is_empty()) else {
        return;
    };
    match ty {
        VectorIndexType::Hnsw => hnsw_default_quantization(cfg, compression),
        VectorIndexType::Flat => flat_default_quantization(cfg, compression),
        VectorIndexType::Dynamic => {
            if let Some(h) = &mut cfg.hnsw {
                hnsw_default_quantization(h, compression);
            }
            if let Some(f) = &mut cfg.flat {
                flat_default_quantization(f, compression);
            }
        }
        _ => {}
    }
}

fn enabled<T>(q: &Option<T>, get: impl Fn(&T) -> Option<bool>) -> bool {
    q.as_ref().and_then(get).unwrap_or(false)
}

fn hnsw_default_quantization(cfg: &mut VectorIndexConfig, compression: &str) {
    cfg.track_default_quantization = Some(false);
    if enabled(&cfg.pq, |q| q.enabled)
        || enabled(&cfg.sq, |q| q.enabled)
        || enabled(&cfg.rq, |q| q.enabled)
        || enabled(&cfg.bq, |q| q.enabled)
        || cfg.skip_default_quantization == Some(true)
    {
        return;
    }
    match compression {
        "none" => return,
        "pq" => cfg.pq.get_or_insert_with(Default::default).enabled = Some(true),
        "sq" => cfg.sq.get_or_insert_with(Default::default).enabled = Some(true),
        "bq" => cfg.bq.get_or_insert_with(Default::default).enabled = Some(true),
        "rq-1" | "rq-4" | "rq-8" => {
            let rq = cfg.rq.get_or_insert_with(Default::default);
            rq.enabled = Some(true);
            rq.bits = Some(i64::from(compression.as_bytes()[3] - b'0'));
            rq.rescore_limit = Some(if compression == "rq-1" { 512 } else { 20 });
        }
        _ => return,
    }
    cfg.track_default_quantization = Some(true);
}

fn flat_default_quantization(cfg: &mut VectorIndexConfig, compression: &str) {
    cfg.track_default_quantization = Some(false);
    if enabled(&cfg.rq, |q| q.enabled)
        || enabled(&cfg.bq, |q| q.enabled)
        || cfg.skip_default_quantization == Some(true)
    {
        return;
    }
    match compression {
        "rq-1" | "rq-8" => {
            let rq = cfg.rq.get_or_insert_with(Default::default);
            rq.enabled = Some(true);
            rq.bits = Some(i64::from(compression.as_bytes()[3] - b'0'));
            rq.rescore_limit = Some(-1);
            rq.cache = Some(false);
        }
        "bq" => {
            let bq = cfg.bq.get_or_insert_with(Default::default);
            bq.enabled = Some(true);
            bq.rescore_limit = Some(-1);
            bq.cache = Some(false);
        }
        _ => return,
    }
    cfg.track_default_quantization = Some(true);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{FilterStrategy, VectorConfig};

    fn sd() -> ServerDefaults {
        ServerDefaults::default()
    }

    fn rq(bits: Option<i64>, rescore_limit: Option<i64>) -> RqConfig {
        RqConfig {
            enabled: Some(true),
            bits,
            rescore_limit,
            ..Default::default()
        }
    }

    #[test]
    fn hnsw_is_filled_with_the_servers_defaults() {
        let sweeping = ServerDefaults {
            hnsw_filter_strategy: FilterStrategy::Sweeping,
            ..sd()
        };
        // (user config, server, ef, efConstruction, maxConnections, filter strategy, rq bits, rq rescore)
        let cases = [
            (
                VectorIndexConfig::new(),
                sd(),
                -1,
                128,
                32,
                FilterStrategy::Acorn,
                8,
                20,
            ),
            (
                VectorIndexConfig::new(),
                sweeping,
                -1,
                128,
                32,
                FilterStrategy::Sweeping,
                8,
                20,
            ),
            (
                VectorIndexConfig::new()
                    .ef(64)
                    .max_connections(16)
                    .rq(rq(Some(1), None)),
                sd(),
                64,
                128,
                16,
                FilterStrategy::Acorn,
                1,
                512,
            ),
            (
                VectorIndexConfig::new().rq(rq(Some(4), None)),
                sd(),
                -1,
                128,
                32,
                FilterStrategy::Acorn,
                4,
                20,
            ),
            (
                VectorIndexConfig::new().rq(rq(None, Some(7))),
                sd(),
                -1,
                128,
                32,
                FilterStrategy::Acorn,
                8,
                7,
            ),
        ];
        for (user, server, ef, efc, max_connections, strategy, bits, rescore) in cases {
            let h = index_defaults(&VectorIndexType::Hnsw, user, &server);
            assert_eq!(
                (h.ef, h.ef_construction, h.max_connections),
                (Some(ef), Some(efc), Some(max_connections))
            );
            assert_eq!(h.filter_strategy, Some(strategy));
            assert_eq!(h.distance, Some(Distance::Cosine));
            assert_eq!(h.vector_cache_max_objects, Some(1_000_000_000_000));
            let r = h.rq.unwrap();
            assert_eq!((r.bits, r.rescore_limit), (Some(bits), Some(rescore)));
            let pq = h.pq.unwrap();
            assert_eq!(
                (pq.enabled, pq.segments, pq.centroids),
                (Some(false), Some(0), Some(256))
            );
            let mv = h.multivector.unwrap();
            assert_eq!(mv.aggregation, Some(MultivectorAggregation::MaxSim));
            assert_eq!(h.threshold, None, "only the fields of hnsw");
        }
    }

    #[test]
    fn every_index_type_keeps_only_its_own_fields() {
        let user = || {
            VectorIndexConfig::new()
                .ef(64)
                .threshold(5)
                .distance(Distance::Dot)
        };
        let flat = index_defaults(&VectorIndexType::Flat, user(), &sd());
        assert_eq!((flat.ef, flat.threshold), (None, None));
        assert_eq!(flat.distance, Some(Distance::Dot));
        let bq = flat.bq.unwrap();
        assert_eq!(
            (bq.enabled, bq.rescore_limit, bq.cache),
            (Some(false), Some(-1), Some(false))
        );
        assert_eq!(flat.rq.unwrap().bits, Some(8));

        let dynamic = index_defaults(&VectorIndexType::Dynamic, user(), &sd());
        assert_eq!((dynamic.ef, dynamic.threshold), (None, Some(5)));
        assert_eq!(dynamic.hnsw.unwrap().ef, Some(-1));
        assert_eq!(dynamic.flat.unwrap().distance, Some(Distance::Cosine));
        let empty_dynamic =
            index_defaults(&VectorIndexType::Dynamic, VectorIndexConfig::new(), &sd());
        assert_eq!(empty_dynamic.threshold, Some(10_000));

        // (hfresh user rq rescore limit, expected)
        for (rescore, expected) in [(None, 350), (Some(-5), 350), (Some(100), 100)] {
            let h = index_defaults(
                &VectorIndexType::Hfresh,
                VectorIndexConfig::new().rq(rq(Some(8), rescore)),
                &sd(),
            );
            assert_eq!(
                (h.max_posting_size_kb, h.replicas, h.search_probe),
                (Some(48), Some(4), Some(256))
            );
            let r = h.rq.unwrap();
            assert_eq!(
                (r.enabled, r.bits, r.rescore_limit),
                (Some(true), Some(1), Some(expected))
            );
        }

        let other = index_defaults(&VectorIndexType::Other("x".into()), user(), &sd());
        assert_eq!(other, user());
    }

    #[test]
    fn default_quantization_applies_only_without_a_quantizer() {
        // (index type, DEFAULT_QUANTIZATION, user config, enabled quantizer, tracked)
        let cases = [
            (
                VectorIndexType::Hnsw,
                "pq",
                VectorIndexConfig::new(),
                Some("pq"),
                Some(true),
            ),
            (
                VectorIndexType::Hnsw,
                "sq",
                VectorIndexConfig::new(),
                Some("sq"),
                Some(true),
            ),
            (
                VectorIndexType::Hnsw,
                "bq",
                VectorIndexConfig::new(),
                Some("bq"),
                Some(true),
            ),
            (
                VectorIndexType::Hnsw,
                "rq-1",
                VectorIndexConfig::new(),
                Some("rq"),
                Some(true),
            ),
            (
                VectorIndexType::Hnsw,
                "none",
                VectorIndexConfig::new(),
                None,
                Some(false),
            ),
            (
                VectorIndexType::Hnsw,
                "pq",
                VectorIndexConfig::new().rq(rq(Some(8), None)),
                Some("rq"),
                Some(false),
            ),
            (
                VectorIndexType::Hnsw,
                "pq",
                VectorIndexConfig::new().skip_default_quantization(true),
                None,
                Some(false),
            ),
            (
                VectorIndexType::Flat,
                "pq",
                VectorIndexConfig::new(),
                None,
                Some(false),
            ),
            (
                VectorIndexType::Flat,
                "bq",
                VectorIndexConfig::new(),
                Some("bq"),
                Some(true),
            ),
            (
                VectorIndexType::Flat,
                "rq-8",
                VectorIndexConfig::new(),
                Some("rq"),
                Some(true),
            ),
        ];
        for (ty, compression, user, quantizer, tracked) in cases {
            let server = ServerDefaults {
                default_quantization: Some(compression.to_owned()),
                ..sd()
            };
            let mut cfg = index_defaults(&ty, user, &server);
            apply_default_quantization(&ty, &mut cfg, &server);
            let on = |e: Option<bool>| e == Some(true);
            let enabled: Vec<&str> = [
                ("pq", cfg.pq.as_ref().is_some_and(|q| on(q.enabled))),
                ("sq", cfg.sq.as_ref().is_some_and(|q| on(q.enabled))),
                ("bq", cfg.bq.as_ref().is_some_and(|q| on(q.enabled))),
                ("rq", cfg.rq.as_ref().is_some_and(|q| on(q.enabled))),
            ]
            .into_iter()
            .filter_map(|(n, e)| e.then_some(n))
            .collect();
            assert_eq!(
                enabled,
                quantizer.into_iter().collect::<Vec<_>>(),
                "{ty:?} {compression}"
            );
            assert_eq!(
                cfg.track_default_quantization, tracked,
                "{ty:?} {compression}"
            );
        }
        let rq1 = ServerDefaults {
            default_quantization: Some("rq-1".into()),
            ..sd()
        };
        let mut cfg = index_defaults(&VectorIndexType::Hnsw, VectorIndexConfig::new(), &rq1);
        apply_default_quantization(&VectorIndexType::Hnsw, &mut cfg, &rq1);
        let r = cfg.rq.unwrap();
        assert_eq!((r.bits, r.rescore_limit), (Some(1), Some(512)));
        let mut untouched = index_defaults(&VectorIndexType::Hnsw, VectorIndexConfig::new(), &sd());
        apply_default_quantization(&VectorIndexType::Hnsw, &mut untouched, &sd());
        assert_eq!(untouched.track_default_quantization, Some(false));
    }

    #[test]
    fn parse_fills_the_legacy_and_the_named_indexes() {
        // (config, has named vectors, legacy index filled, named "v" filled)
        let named = CollectionConfig::new("A").vector("v", VectorConfig::self_provided());
        let mut dropped = named.clone();
        dropped
            .vector_config
            .get_mut("v")
            .unwrap()
            .vector_index_type = Some(VectorIndexType::Dropped);
        let legacy = CollectionConfig::new("A").vectorizer("none");
        let cases = [
            (CollectionConfig::new("A"), false, false, None),
            (legacy, false, true, None),
            (named, true, false, Some(true)),
            (dropped, true, false, Some(false)),
        ];
        for (mut c, has_named, legacy_filled, named_filled) in cases {
            parse(&mut c, has_named, &sd());
            assert_eq!(c.vector_index_config.is_some(), legacy_filled);
            let v = c
                .vector_config
                .get("v")
                .map(|v| v.vector_index_config.is_some());
            assert_eq!(v, named_filled);
        }
    }
}
