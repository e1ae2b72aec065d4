//! The library behind the `sip-codes` binary: the lookups and the trace reader. It is not a
//! stable API; it exists so that the binary, the fuzz targets and the benchmarks call the
//! same code. The modules are hidden from the documentation for that reason.

#[doc(hidden)]
pub mod calls;
#[doc(hidden)]
pub mod capture;
#[doc(hidden)]
pub mod explain;
#[doc(hidden)]
pub mod header;
#[doc(hidden)]
pub mod json;
#[doc(hidden)]
pub mod ladder;
#[doc(hidden)]
pub mod message;
#[doc(hidden)]
pub mod notes;
#[doc(hidden)]
pub mod query;
#[doc(hidden)]
pub mod render;
#[doc(hidden)]
pub mod stats;
#[doc(hidden)]
pub mod text;
#[doc(hidden)]
pub mod unregistered;
