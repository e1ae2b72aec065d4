// The tests crate depends on the runtime renamed, `sip = { package = "sip-codes", ... }`, so
// no crate named `sip_codes` is in scope here: the expansion must reach the runtime through
// the shim's `$crate`, never by the package's name.
#![deny(warnings)]

use sip::{Class, ParseErrorKind, SipStatus};

sip::sip_codes! {
    #[spec = iana]
    pub enum StatusCode;
}

fn main() {
    let busy: StatusCode = "486 busy HERE".parse().unwrap();
    assert_eq!(busy, StatusCode::BusyHere);
    assert_eq!(busy.to_string(), "486 Busy Here");
    assert_eq!(busy.class(), Class::ClientError);
    assert_eq!(SipStatus::reason_phrase(&busy), "Busy Here");
    assert_eq!("477".parse::<StatusCode>().unwrap_err().kind(), ParseErrorKind::UnknownCode(477));
    assert_eq!(StatusCode::interpret(477), Some(StatusCode::BadRequest));
    assert_eq!(StatusCode::interpret(199), Some(StatusCode::EarlyDialogTerminated));
    assert_eq!(StatusCode::interpret(198), Some(StatusCode::SessionProgress));
    assert!(matches!(
        busy.classify(),
        status_code::Classified::ClientError(status_code::ClientError::BusyHere)
    ));
    // The same registry as the runtime's own `sip::iana::StatusCode`.
    assert_eq!(StatusCode::ALL.len(), sip::iana::StatusCode::ALL.len());
}
