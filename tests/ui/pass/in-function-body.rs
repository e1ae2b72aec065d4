// Invocations inside function bodies: the type and its matcher module are local items, usable
// right there; the same name in two bodies does not clash.
#![deny(warnings)]

fn phrase_per_iana(code: u16) -> Option<&'static str> {
    sip::sip_codes! {
        #[spec = iana]
        enum Local;
    }
    Local::from_code(code).map(Local::reason_phrase)
}

fn main() {
    sip::sip_codes! {
        /// Only the small spec's codes.
        #[spec = "specs/small.toml"]
        enum Local;
    }
    use local::{Classified, ClientError};

    fn should_retry(status: Local) -> bool {
        match status.classify() {
            Classified::ClientError(ClientError::BusyHere) | Classified::ServerError(_) => true,
            Classified::ClientError(ClientError::BadRequest)
            | Classified::Provisional(_)
            | Classified::Success(_)
            | Classified::Redirection(_)
            | Classified::GlobalFailure(_) => false,
        }
    }

    let busy: Local = "486 Busy Here".parse().unwrap();
    assert_eq!(busy.to_string(), "486 Busy Here");
    assert!(should_retry(busy));
    assert!(should_retry(Local::interpret(503).unwrap()));
    assert!(!should_retry(Local::interpret(404).unwrap()));
    assert_eq!(Local::interpret(404), Some(Local::BadRequest));
    assert_eq!(Local::from_code(181), None);

    assert_eq!(phrase_per_iana(181), Some("Call Is Being Forwarded"));
    assert_eq!(phrase_per_iana(477), None);
}
