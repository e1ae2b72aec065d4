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

sip::sip_codes! {
    /// The Warning codes (IANA's warn-codes), from `specs/warning-codes.toml`.
    #[spec = "../../specs/warning-codes.toml"]
    pub enum WarnCode;
}

sip::sip_codes! {
    /// The Reason protocols, from `specs/reason-protocols.toml`.
    #[spec = "../../specs/reason-protocols.toml"]
    pub enum ReasonProtocol;
}

sip::sip_codes! {
    /// The methods, from `specs/methods.toml`.
    #[spec = "../../specs/methods.toml"]
    pub enum Method;
}

sip::sip_codes! {
    /// Q.850 causes, from `specs/q850-causes.toml`.
    #[spec = "../../specs/q850-causes.toml"]
    pub enum Q850Cause;
}
