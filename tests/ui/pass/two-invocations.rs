// Two invocations in one crate and one module, with different names and specs: each gets its
// own type and its own matcher module (`status_code`, `local_status`), and nothing clashes.
#![deny(warnings)]

sip::sip_codes! {
    #[spec = iana]
    pub enum StatusCode;
}

sip::sip_codes! {
    #[spec = "specs/small.toml"]
    pub enum LocalStatus;
}

fn main() {
    assert_eq!(StatusCode::ALL.len(), 75);
    assert_eq!(LocalStatus::ALL.len(), 9);

    // 181 is IANA's, not the small spec's: each type interprets it by its own codes.
    assert_eq!(StatusCode::from_code(181), Some(StatusCode::CallIsBeingForwarded));
    assert_eq!(LocalStatus::from_code(181), None);
    assert_eq!(LocalStatus::interpret(181), Some(LocalStatus::SessionProgress));
    assert_eq!("181".parse::<LocalStatus>().unwrap_err().kind(), sip::ParseErrorKind::UnknownCode(181));

    // The same code in both types, converted through its number.
    let local = LocalStatus::BusyHere;
    let iana = StatusCode::try_from(u16::from(local)).unwrap();
    assert_eq!(iana, StatusCode::BusyHere);
    assert_eq!(local.to_string(), iana.to_string());

    assert!(matches!(
        local.classify(),
        local_status::Classified::ClientError(local_status::ClientError::BusyHere)
    ));
    assert!(matches!(
        iana.classify(),
        status_code::Classified::ClientError(status_code::ClientError::BusyHere)
    ));
}
