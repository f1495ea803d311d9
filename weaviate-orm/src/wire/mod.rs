//! Generated protobuf types and gRPC client stubs for Weaviate's gRPC API.
//!
//! - [`v1`]: the `weaviate.v1` package: the `Weaviate` service
//!   ([`v1::weaviate_client::WeaviateClient`]: `Search`, `BatchObjects`, `BatchReferences`, `BatchDelete`,
//!   `TenantsGet`, `Aggregate` and the bidirectional `BatchStream`) and all of its messages.
//! - [`health`]: the standard `grpc.health.v1` package. This is the health service the Weaviate server
//!   registers (`/grpc.health.v1.Health/Check`, `List` and `Watch`); there is no `weaviate.v1` health
//!   service, only the look-alike messages `v1::WeaviateHealthCheckRequest`/`Response`.
//!
//! The sources are this project's own, wire-compatible descriptions in `proto/v1/*.proto` at the
//! repository root. The Rust files next to this module are generated from them by `protox` and
//! `tonic-prost-build` (client stubs only; `google.protobuf` types map to [`prost_types`]) and committed,
//! so building the crate needs no `protoc`. Do not edit them by hand: after changing a proto, run
//!
//! ```text
//! WEAVIATE_ORM_BLESS=1 cargo test -p weaviate-orm --test wire_fresh
//! ```
//!
//! Without the variable, that test fails if the committed files are stale.
//!
//! Byte fields carry packed little-endian numbers: vectors are float32s (a multi-vector starts with a
//! little-endian `u16` giving the inner dimension), `NumberValues`/`IntValues` are 8-byte float64s/int64s,
//! and ids in `MetadataResult::id_as_bytes` and `BatchDeleteObject::uuid` are the 16 raw bytes of the UUID.

/// The `weaviate.v1` package: the `Weaviate` service and its messages.
#[allow(
    missing_docs,
    deprecated,
    clippy::all,
    clippy::pedantic,
    clippy::nursery,
    unreachable_pub
)]
pub mod v1 {
    include!("weaviate.v1.rs");
}

/// The `grpc.health.v1` package: the standard gRPC health service, as registered by Weaviate.
#[allow(
    missing_docs,
    deprecated,
    clippy::all,
    clippy::pedantic,
    clippy::nursery,
    unreachable_pub
)]
pub mod health {
    include!("grpc.health.v1.rs");
}

#[cfg(test)]
mod tests {
    use super::health::health_check_response::ServingStatus;
    use super::health::{HealthCheckRequest, HealthCheckResponse};
    use super::v1;
    use prost::Message;
    use prost::encoding::{WireType, decode_key, decode_varint};

    /// Splits an encoded message into its top-level fields: (field number, wire type, payload). For
    /// length-delimited fields the payload is the content; for varints it is the varint's bytes.
    fn fields(mut buf: &[u8]) -> Vec<(u32, WireType, Vec<u8>)> {
        let mut out = Vec::new();
        while !buf.is_empty() {
            let (tag, wire_type) = decode_key(&mut buf).expect("field key");
            let payload = match wire_type {
                WireType::Varint => {
                    let before = buf;
                    decode_varint(&mut buf).expect("varint");
                    before[..before.len() - buf.len()].to_vec()
                }
                WireType::LengthDelimited => {
                    let len = usize::try_from(decode_varint(&mut buf).expect("length"))
                        .expect("length fits");
                    let (content, rest) = buf.split_at(len);
                    buf = rest;
                    content.to_vec()
                }
                WireType::ThirtyTwoBit => {
                    let (content, rest) = buf.split_at(4);
                    buf = rest;
                    content.to_vec()
                }
                WireType::SixtyFourBit => {
                    let (content, rest) = buf.split_at(8);
                    buf = rest;
                    content.to_vec()
                }
                other => panic!("unexpected wire type {other:?}"),
            };
            out.push((tag, wire_type, payload));
        }
        out
    }

    fn f32_bytes(values: &[f32]) -> Vec<u8> {
        values.iter().flat_map(|v| v.to_le_bytes()).collect()
    }

    #[test]
    fn batch_object_field_numbers() {
        let uuid = "9f0b2c1e-8d3a-4b6f-a1c2-3d4e5f607182";
        let named = v1::Vectors {
            name: "title".into(),
            vector_bytes: f32_bytes(&[0.5, -1.0]),
            r#type: v1::vectors::VectorType::SingleFp32.into(),
            ..Default::default()
        };
        let object = v1::BatchObject {
            uuid: uuid.into(),
            collection: "Article".into(),
            tenant: "t1".into(),
            vector_bytes: f32_bytes(&[1.0, 2.0, 3.0]),
            vectors: vec![named.clone()],
            properties: Some(v1::batch_object::Properties {
                non_ref_properties: Some(prost_types::Struct::default()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let encoded = fields(&object.encode_to_vec());
        let numbers: Vec<u32> = encoded.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(numbers, [1, 3, 4, 5, 6, 23]);
        assert!(
            encoded
                .iter()
                .all(|(_, wt, _)| *wt == WireType::LengthDelimited)
        );
        assert_eq!(encoded[0].2, uuid.as_bytes());
        assert_eq!(encoded[2].2, b"Article");
        assert_eq!(encoded[3].2, b"t1");
        assert_eq!(encoded[4].2, f32_bytes(&[1.0, 2.0, 3.0]));

        // Inside Vectors: name = 1, vector_bytes = 3, type = 4 (varint 1 = SINGLE_FP32).
        let inner = fields(&encoded[5].2);
        let numbers: Vec<u32> = inner.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(numbers, [1, 3, 4]);
        assert_eq!(inner[0].2, b"title");
        assert_eq!(inner[1].2, f32_bytes(&[0.5, -1.0]));
        assert_eq!(
            (inner[2].1, inner[2].2.as_slice()),
            (WireType::Varint, &[1u8][..])
        );

        assert_eq!(
            v1::BatchObject::decode(object.encode_to_vec().as_slice()).expect("decode"),
            object
        );
    }

    #[test]
    #[allow(deprecated)]
    fn deprecated_float_lists_are_packed() {
        // proto3 packs repeated numbers; the old `vector` field must stay packed (one length-delimited
        // field 2 holding 4-byte floats), like the server's own encoding.
        let object = v1::BatchObject {
            vector: vec![1.0, 2.0],
            ..Default::default()
        };
        let encoded = fields(&object.encode_to_vec());
        assert_eq!(
            encoded,
            [(2, WireType::LengthDelimited, f32_bytes(&[1.0, 2.0]))]
        );
    }

    #[test]
    fn batch_stream_oneof_numbers() {
        let start = v1::BatchStreamRequest {
            message: Some(v1::batch_stream_request::Message::Start(
                v1::batch_stream_request::Start {
                    consistency_level: Some(v1::ConsistencyLevel::Quorum.into()),
                },
            )),
        };
        let encoded = fields(&start.encode_to_vec());
        assert_eq!(encoded.len(), 1);
        assert_eq!((encoded[0].0, encoded[0].1), (1, WireType::LengthDelimited));
        // Start.consistency_level = 1, QUORUM = 2.
        assert_eq!(encoded[0].2, [0x08, 0x02]);

        let stop = v1::BatchStreamRequest {
            message: Some(v1::batch_stream_request::Message::Stop(
                v1::batch_stream_request::Stop {},
            )),
        };
        assert_eq!(stop.encode_to_vec(), [0x1a, 0x00]); // field 3, empty

        // Reply: field 3 is reserved; Started = 4, Acks = 6, OutOfMemory = 7.
        let started = v1::BatchStreamReply {
            message: Some(v1::batch_stream_reply::Message::Started(
                v1::batch_stream_reply::Started {},
            )),
        };
        assert_eq!(started.encode_to_vec(), [0x22, 0x00]);
        let oom = v1::BatchStreamReply {
            message: Some(v1::batch_stream_reply::Message::OutOfMemory(
                v1::batch_stream_reply::OutOfMemory {
                    wait_time: 300,
                    ..Default::default()
                },
            )),
        };
        assert_eq!(fields(&oom.encode_to_vec())[0].0, 7);
    }

    #[test]
    fn search_request_field_numbers() {
        let request = v1::SearchRequest {
            collection: "Article".into(),
            limit: 10,
            uses_127_api: true,
            filters: Some(v1::Filters {
                operator: v1::filters::Operator::Equal.into(),
                target: Some(v1::FilterTarget {
                    target: Some(v1::filter_target::Target::Property("title".into())),
                }),
                test_value: Some(v1::filters::TestValue::ValueText("x".into())),
                ..Default::default()
            }),
            metadata: Some(v1::MetadataRequest {
                uuid: true,
                ..Default::default()
            }),
            ..Default::default()
        };
        let encoded = fields(&request.encode_to_vec());
        let numbers: Vec<u32> = encoded.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(numbers, [1, 21, 30, 40, 102]);

        let filter = fields(&encoded[3].2);
        let numbers: Vec<u32> = filter.iter().map(|(n, _, _)| *n).collect();
        assert_eq!(numbers, [1, 4, 20]);
    }

    #[test]
    fn search_reply_decodes_typed_properties() {
        // A reply as the server would send it: non_ref_props (11) holding a text value (13) and a
        // packed int list (ListValue.int_values = 7, IntValues.values = 8-byte little-endian).
        let mut fields_map = std::collections::HashMap::new();
        fields_map.insert(
            "title".to_owned(),
            v1::Value {
                kind: Some(v1::value::Kind::TextValue("Hello".into())),
            },
        );
        let ints: Vec<u8> = [7_i64, -1].iter().flat_map(|v| v.to_le_bytes()).collect();
        fields_map.insert(
            "counts".to_owned(),
            v1::Value {
                kind: Some(v1::value::Kind::ListValue(v1::ListValue {
                    kind: Some(v1::list_value::Kind::IntValues(v1::IntValues {
                        values: ints,
                    })),
                })),
            },
        );
        let result = v1::SearchResult {
            properties: Some(v1::PropertiesResult {
                non_ref_props: Some(v1::Properties { fields: fields_map }),
                ..Default::default()
            }),
            ..Default::default()
        };
        let props = fields(&result.encode_to_vec());
        assert_eq!(props[0].0, 1);
        assert_eq!(fields(&props[0].2)[0].0, 11);

        let text = v1::Value {
            kind: Some(v1::value::Kind::TextValue("Hi".into())),
        };
        assert_eq!(text.encode_to_vec(), [0x6a, 0x02, b'H', b'i']); // field 13, length 2
    }

    #[test]
    fn health_messages_match_standard_and_weaviate_shapes() {
        let request = HealthCheckRequest {
            service: "weaviate".into(),
        };
        let bytes = request.encode_to_vec();
        let same = v1::WeaviateHealthCheckRequest::decode(bytes.as_slice()).expect("decode");
        assert_eq!(same.service, "weaviate");

        let response = HealthCheckResponse {
            status: ServingStatus::Serving.into(),
        };
        assert_eq!(response.encode_to_vec(), [0x08, 0x01]);
        let same =
            v1::WeaviateHealthCheckResponse::decode([0x08, 0x01].as_slice()).expect("decode");
        assert_eq!(
            same.status(),
            v1::weaviate_health_check_response::ServingStatus::Serving
        );
    }

    #[test]
    fn enum_numbers() {
        assert_eq!(v1::ConsistencyLevel::All as i32, 3);
        assert_eq!(v1::TenantActivityStatus::Frozen as i32, 4);
        assert_eq!(v1::TenantActivityStatus::Onloading as i32, 11);
        assert_eq!(v1::filters::Operator::Not as i32, 15);
        assert_eq!(v1::vectors::VectorType::MultiFp32 as i32, 2);
        assert_eq!(v1::CombinationMethod::TypeManual as i32, 5);
        assert_eq!(
            v1::TenantActivityStatus::from_str_name("TENANT_ACTIVITY_STATUS_HOT"),
            Some(v1::TenantActivityStatus::Hot)
        );
    }

    /// Compile-level check: the Weaviate client has its seven methods with the expected request and
    /// reply types (BatchStream sends a stream and receives a stream), and the health client has
    /// Check, List and Watch.
    fn client_stubs_exist(channel: tonic::transport::Channel) {
        use std::future::Future;
        use tonic::codec::Streaming;
        use tonic::{Response, Status};

        fn replies<T>(call: impl Future<Output = Result<Response<T>, Status>>) {
            drop(call);
        }

        let mut client = v1::weaviate_client::WeaviateClient::new(channel.clone());
        replies::<v1::SearchReply>(client.search(v1::SearchRequest::default()));
        replies::<v1::BatchObjectsReply>(client.batch_objects(v1::BatchObjectsRequest::default()));
        replies::<v1::BatchReferencesReply>(
            client.batch_references(v1::BatchReferencesRequest::default()),
        );
        replies::<v1::BatchDeleteReply>(client.batch_delete(v1::BatchDeleteRequest::default()));
        replies::<v1::TenantsGetReply>(client.tenants_get(v1::TenantsGetRequest::default()));
        replies::<v1::AggregateReply>(client.aggregate(v1::AggregateRequest::default()));
        replies::<Streaming<v1::BatchStreamReply>>(
            client.batch_stream(futures_util::stream::empty::<v1::BatchStreamRequest>()),
        );

        let mut health = super::health::health_client::HealthClient::new(channel);
        replies::<HealthCheckResponse>(health.check(HealthCheckRequest::default()));
        replies::<super::health::HealthListResponse>(
            health.list(super::health::HealthListRequest {}),
        );
        replies::<Streaming<HealthCheckResponse>>(health.watch(HealthCheckRequest::default()));
    }

    #[test]
    fn client_stubs_compile() {
        // Taking the function's address forces it to be type-checked and kept.
        let f: fn(tonic::transport::Channel) = client_stubs_exist;
        let _ = f;
    }
}
