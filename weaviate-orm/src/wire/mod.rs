//! Generated gRPC wire types (filled in by the proto work).
