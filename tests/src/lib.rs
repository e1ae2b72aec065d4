//! Test support for sip-codes: spec types used by the behaviour tests, and the README's
//! examples as doctests.
#![no_std]
#![deny(warnings, missing_docs)]

sip::sip_codes! {
    /// IANA's codes plus the vendor codes in `../specs/vendor-example.toml`.
    #[spec = iana]
    #[spec = "../../specs/vendor-example.toml"]
    pub enum VendorStatus;
}

#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
