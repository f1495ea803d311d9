//! The batch modes: how items are grouped into requests and paced. Client-side batching over the unary
//! RPCs ([`unary`], fixed or [`dynamic`] sizes) and server-side batching over `BatchStream`
//! ([`stream`]). Each builds on [`super::pipeline`]; none uses another, except that the stream sends
//! objects with unclear results again through the pipeline's unary retry loop.

pub(crate) mod dynamic;
pub(crate) mod stream;
pub(crate) mod unary;
