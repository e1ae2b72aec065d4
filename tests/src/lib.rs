//! Test support for sip-codes: spec types the behaviour tests share. The crate is
//! `#![no_std]` and denies warnings and missing docs, so building it checks that expansions
//! hold up under both.
#![no_std]
#![deny(warnings, missing_docs)]

sip::sip_codes! {
    /// IANA's codes plus the vendor codes in `tests/specs/vendor-example.toml`.
    #[spec = iana]
    #[spec = "../specs/vendor-example.toml"]
    pub enum VendorStatus;
}

sip::sip_codes! {
    /// IANA's codes with the changes in `tests/specs/carrier-example.toml`: Asterisk's Q.850
    /// causes for 480 and 408 and cause 38, and a Retry-After that 503 must carry.
    #[spec = iana]
    #[spec = "../specs/carrier-example.toml"]
    pub enum CarrierStatus;
}

sip::sip_codes! {
    /// IANA's codes as an open type, which holds any code 100..=999, with the variant names of
    /// `tests/specs/stack-names.toml` (`OK`, `NotAcceptableGlobal`).
    #[spec = iana]
    #[spec = "../specs/stack-names.toml"]
    #[sip_codes(other)]
    pub enum StackStatus;
}
