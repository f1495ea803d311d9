//! Encoding between the engine's model (JSON properties, [`Vectors`](crate::data::Vectors)) and the wire:
//! gRPC protobuf values and vector bytes, REST object JSON.

pub(crate) mod grpc_values;
pub(crate) mod rest_object;
pub(crate) mod vectors;
