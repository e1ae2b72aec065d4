// Attributes other than `#[spec]` and `#[sip_codes]` pass through to the enum, doc comments
// included. The check that bites: `Legacy_Status` is not UpperCamelCase, so under
// `deny(warnings)` this compiles only if the user's `#[allow(non_camel_case_types)]` reached
// the enum.
#![deny(warnings)]

sip::sip_codes! {
    /// Status codes under the name an older API used.
    #[doc = "A second paragraph, as an attribute."]
    #[doc(alias = "Response")]
    #[cfg_attr(all(), doc = "A third, behind `cfg_attr`.")]
    #[allow(non_camel_case_types)]
    #[spec = "specs/small.toml"]
    pub enum Legacy_Status;
}

fn main() {
    let status = Legacy_Status::interpret(487).unwrap();
    assert_eq!(status, Legacy_Status::BadRequest);
    assert_eq!(status.to_string(), "400 Bad Request");
    assert_eq!("400 bad request".parse::<Legacy_Status>(), Ok(status));
    assert!(matches!(
        status.classify(),
        legacy_status::Classified::ClientError(legacy_status::ClientError::BadRequest)
    ));
}
