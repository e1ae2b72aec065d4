//! The `sip_codes!` proc macro. Use it through the `sip-codes` crate, whose `sip_codes!`
//! passes its own path in so renamed dependencies and `#![no_std]` crates work.
//!
//! This crate is a thin entry point: the spec parser, validator and generator live in
//! `sip-codes-codegen`, which the project's tools share.

use proc_macro::TokenStream;

/// Expands `[$crate] attributes* visibility enum Name;` into a status-code type.
/// Called by `sip_codes::sip_codes!`; see its documentation.
#[proc_macro]
pub fn expand(input: TokenStream) -> TokenStream {
    // The compiler knows which file a span comes from; spec paths resolve against it.
    let invoking_file = |span: proc_macro2::Span| span.unwrap().local_file();
    sip_codes_codegen::expand(input.into(), &invoking_file).into()
}
