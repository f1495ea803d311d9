//! The batch modes: how items are grouped into requests and paced. Client-side batching over the unary
//! RPCs ([`unary`], fixed or [`dynamic`] sizes) and server-side batching over `BatchStream`
//! ([`stream`]). Each builds on [`super::pipeline`] and none uses another: the stream sends the objects
//! of a message with unclear results again over `BatchObjects` through the pipeline's retry loop, not
//! through the unary mode.

pub(crate) mod dynamic;
pub(crate) mod stream;
pub(crate) mod unary;
