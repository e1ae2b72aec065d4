//! SIP's other code tables through `sip_codes!`: a numeric table (Warning codes, Q.850
//! causes) and token tables (Reason protocols, case-insensitive; methods, case-sensitive),
//! generated from the specs under `specs/` in `tests/src/lib.rs`.

use sip::ParseErrorKind;
use sip_codes_tests::{Method, Q850Cause, ReasonProtocol, WarnCode};

#[test]
fn a_numeric_table_looks_up_writes_and_parses() {
    let warning = WarnCode::from_code(308).unwrap();
    assert_eq!(warning, WarnCode::IncompatibleLanguageSpecification);
    assert_eq!(warning.code(), 308);
    assert_eq!(warning.text(), "Incompatible language specification");
    assert_eq!(warning.to_string(), "308 Incompatible language specification");
    assert_eq!(warning.references()[0].id, "RFC8373");
    assert!(warning.description().is_some_and(|d| d.contains("hlang")));
    assert_eq!(WarnCode::from_code(309), None);
    assert_eq!(WarnCode::ALL.len(), 15);
    assert!(WarnCode::ALL.windows(2).all(|pair| pair[0].code() < pair[1].code()));
    for &value in WarnCode::ALL {
        assert_eq!(value.to_string().parse::<WarnCode>(), Ok(value));
        assert_eq!(value.code().to_string().parse::<WarnCode>(), Ok(value));
        assert_eq!(WarnCode::try_from(value.code()), Ok(value));
        assert_eq!(value, value.code());
    }
    assert_eq!("370 INSUFFICIENT BANDWIDTH".parse::<WarnCode>(), Ok(WarnCode::InsufficientBandwidth));
    let kind = |s: &str| s.parse::<WarnCode>().unwrap_err().kind();
    assert_eq!(kind("309"), ParseErrorKind::UnknownCode(309));
    assert_eq!(kind("30"), ParseErrorKind::InvalidDigit);
    assert_eq!(kind("3080"), ParseErrorKind::TooManyDigits);
    assert!(matches!(kind("308 Wrong"), ParseErrorKind::ReasonMismatch { code: 308, .. }));
    assert_eq!(serde_json::to_string(&warning).unwrap(), "308");
    assert_eq!(serde_json::from_str::<WarnCode>("399").unwrap(), WarnCode::MiscellaneousWarning);
}

#[test]
fn q850_causes_take_one_to_three_digits() {
    assert_eq!(Q850Cause::from_code(17).map(Q850Cause::text), Some("user busy"));
    assert_eq!("17".parse::<Q850Cause>().map(Q850Cause::code), Ok(17));
    assert_eq!("128".parse::<Q850Cause>().unwrap_err().kind(), ParseErrorKind::OutOfRange(128));
    assert_eq!(
        Q850Cause::from_code(47).map(|c| c.to_string()).as_deref(),
        Some("47 resource unavailable, unspecified")
    );
}

#[test]
fn token_tables_follow_their_rfcs_case_rules() {
    // Reason protocols compare in any case (RFC 3261 §7.3.1; RFC 3326's ABNF).
    assert_eq!(ReasonProtocol::from_token("Q.850"), Some(ReasonProtocol::Q850));
    assert_eq!(ReasonProtocol::from_token("q.850"), Some(ReasonProtocol::Q850));
    assert_eq!("sip".parse::<ReasonProtocol>(), Ok(ReasonProtocol::Sip));
    assert_eq!(ReasonProtocol::Stir.as_str(), "STIR");
    assert_eq!(ReasonProtocol::FiveGmm.to_string(), "5GMM");
    assert_eq!("Q.851".parse::<ReasonProtocol>().unwrap_err().kind(), ParseErrorKind::UnknownToken);
    // Methods do not (RFC 3261 §7.1).
    assert_eq!(Method::from_token("INVITE"), Some(Method::Invite));
    assert_eq!(Method::from_token("invite"), None);
    assert_eq!(Method::ALL.len(), 14);
    assert_eq!(serde_json::to_string(&Method::Prack).unwrap(), "\"PRACK\"");
    assert_eq!(serde_json::from_str::<Method>("\"BYE\"").unwrap(), Method::Bye);
    assert!(serde_json::from_str::<Method>("\"bye\"").is_err());
}

macro_rules! warn_rows {
    ($(($name:ident, $constant:ident, $code:literal, $text:literal)),* $(,)?) => {
        [$((stringify!($constant), $code, $text)),*]
    };
}

macro_rules! token_rows {
    ($(($name:ident, $constant:ident, $token:literal)),* $(,)?) => {
        [$((stringify!($constant), $token)),*]
    };
}

#[test]
fn for_each_hands_each_table_on() {
    let warnings = sip_codes_tests::warn_code::for_each!(warn_rows);
    assert!(warnings.contains(&(
        "INCOMPATIBLE_LANGUAGE_SPECIFICATION",
        308,
        "Incompatible language specification"
    )));
    let protocols = sip_codes_tests::reason_protocol::for_each!(token_rows);
    assert!(protocols.contains(&("Q850", "Q.850")));
    assert_eq!(protocols.len(), ReasonProtocol::ALL.len());
}
