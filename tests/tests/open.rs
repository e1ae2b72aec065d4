//! `#[sip_codes(other)]`: an open type holds every code 100..=999, the ones its specs do not
//! define in `Other(Code)`; and `[[update]]` renames (`tests/specs/stack-names.toml`).
//! `StackStatus` is generated in `tests/src/lib.rs`.

use sip::iana::StatusCode;
use sip::{Class, Code, DialogEffect, ParseErrorKind, Q850Table};
use sip_codes_tests::StackStatus;
use sip_codes_tests::stack_status::{Classified, ClientError};

fn code(n: u16) -> Code {
    Code::new(n).unwrap()
}

#[test]
fn from_code_is_total_over_100_to_999() {
    for n in 0..=1100u16 {
        let status = StackStatus::from_code(n);
        match Code::new(n) {
            None => assert_eq!(status, None, "{n}"),
            Some(c) => {
                let status = status.unwrap_or_else(|| panic!("{n} has no variant"));
                assert_eq!(status.code(), n);
                assert_eq!(StackStatus::from(c), status);
                assert_eq!(Code::from(status), c);
                assert_eq!(StackStatus::try_from(n), Ok(status));
                // A code the spec defines gets its own variant, never `Other`.
                assert_eq!(
                    matches!(status, StackStatus::Other(_)),
                    StatusCode::from_code(n).is_none(),
                    "{n}"
                );
            }
        }
    }
    assert_eq!(StackStatus::try_from(99).unwrap_err().kind(), ParseErrorKind::OutOfRange(99));
    assert_eq!(StackStatus::try_from(1000).unwrap_err().kind(), ParseErrorKind::OutOfRange(1000));
}

#[test]
fn other_writes_the_bare_code_and_parses_any_phrase() {
    let local = StackStatus::Other(code(477));
    assert_eq!(local.to_string(), "477");
    assert_eq!(local.as_str(), "477");
    assert_eq!(format!("{local:>5}"), "  477");
    assert_eq!(local.reason_phrase(), "");
    assert_eq!(local.status_line(), "SIP/2.0 477 \r\n");
    assert_eq!(StackStatus::Other(code(999)).status_line(), "SIP/2.0 999 \r\n");
    for text in ["477", "477 ", "477 Sending Failed", "477 anything at all"] {
        assert_eq!(text.parse::<StackStatus>(), Ok(local), "{text}");
    }
    assert_eq!("701 Vendor".parse::<StackStatus>(), Ok(StackStatus::Other(code(701))));
    assert_eq!(StackStatus::from_bytes(b"999"), Ok(StackStatus::Other(code(999))));
    // Defined codes keep their phrase check; malformed input is still refused.
    assert_eq!("486 Busy Here".parse::<StackStatus>(), Ok(StackStatus::BusyHere));
    assert!(matches!(
        "486 Busy".parse::<StackStatus>().unwrap_err().kind(),
        ParseErrorKind::ReasonMismatch { code: 486, .. }
    ));
    assert_eq!("1000".parse::<StackStatus>().unwrap_err().kind(), ParseErrorKind::TooManyDigits);
    assert_eq!("099".parse::<StackStatus>().unwrap_err().kind(), ParseErrorKind::OutOfRange(99));
    assert_eq!("47".parse::<StackStatus>().unwrap_err().kind(), ParseErrorKind::InvalidDigit);
    // What Display writes parses back, for every code.
    for n in 100..=999 {
        let status = StackStatus::from_code(n).unwrap();
        assert_eq!(status.to_string().parse::<StackStatus>(), Ok(status), "{n}");
    }
}

#[test]
fn other_has_no_table_entry_and_the_rfc_defaults() {
    let local = StackStatus::Other(code(477));
    assert_eq!(local.description(), None);
    assert!(local.references().is_empty() && local.aliases().is_empty());
    assert!(!local.is_registered() && !local.is_deprecated());
    assert!(local.required_headers().is_empty() && local.header_rules().is_empty());
    assert!(!local.allows_retry_after());
    assert_eq!(local.class(), Some(Class::ClientError));
    assert!(local.is_client_error() && local.is_final());
    // RFC 3398 §8.2.6.1: a final response the table does not list is cause 31.
    assert_eq!(local.to_q850(), Some(31));
    assert_eq!(local.to_q850_with(Q850Table::Rfc4497), Some(31));
    assert_eq!(StackStatus::Other(code(188)).to_q850(), None);
    // RFC 5057: an unknown 4xx ends the transaction only.
    assert_eq!(local.dialog_effect("INVITE"), Some(DialogEffect::Transaction));
    // 7xx has no class: nothing is final or an error.
    let vendor = StackStatus::Other(code(701));
    assert_eq!(vendor.class(), None);
    assert!(!vendor.is_final() && !vendor.is_global_failure() && !vendor.is_provisional());
}

#[test]
fn interpret_never_gives_other() {
    assert_eq!(StackStatus::interpret(477), Some(StackStatus::BadRequest));
    assert_eq!(StackStatus::interpret(188), Some(StackStatus::SessionProgress));
    assert_eq!(StackStatus::interpret(486), Some(StackStatus::BusyHere));
    assert_eq!(StackStatus::interpret(701), None);
    for n in 100..=699 {
        let read = StackStatus::interpret(n).unwrap();
        assert!(!matches!(read, StackStatus::Other(_)), "{n}");
        assert_eq!(read.code(), StatusCode::interpret(n).unwrap().code(), "{n}");
    }
}

#[test]
fn defined_codes_behave_as_the_closed_types() {
    for &iana in StatusCode::ALL {
        let ours = StackStatus::from_code(iana.code()).unwrap();
        assert_eq!(ours.code(), iana.code());
        assert_eq!(ours.to_string(), iana.to_string());
        assert_eq!(ours.status_line(), iana.status_line());
        assert_eq!(ours.class(), Some(iana.class()));
        assert_eq!(ours.is_final(), iana.is_final());
        assert_eq!(ours.description(), iana.description());
        assert_eq!(ours.to_q850(), iana.to_q850());
        assert_eq!(ours.header_rules(), iana.header_rules());
        assert_eq!(ours.dialog_effect("BYE"), iana.dialog_effect("BYE"));
        assert_eq!(ours.is_registered(), iana.is_registered());
    }
    assert_eq!(StackStatus::ALL.len(), StatusCode::ALL.len(), "ALL holds the defined codes only");
    for cause in 0..=130u8 {
        assert_eq!(
            StackStatus::from_q850(cause).map(StackStatus::code),
            StatusCode::from_q850(cause).map(StatusCode::code),
            "cause {cause}"
        );
    }
}

#[test]
fn classify_gives_other_its_own_arm() {
    fn action(status: StackStatus) -> &'static str {
        match status.classify() {
            Classified::Provisional(_) | Classified::Success(_) | Classified::Redirection(_) => "pass",
            Classified::ClientError(ClientError::BusyHere) => "busy",
            Classified::ClientError(_) | Classified::ServerError(_) | Classified::GlobalFailure(_) => "fail",
            Classified::Other(code) => match code.class() {
                Some(class) if class.is_final() => "fail by class",
                Some(_) => "pass by class",
                None => "malformed",
            },
        }
    }
    assert_eq!(action(StackStatus::BusyHere), "busy");
    assert_eq!(action(StackStatus::Other(code(477))), "fail by class");
    assert_eq!(action(StackStatus::Other(code(188))), "pass by class");
    assert_eq!(action(StackStatus::Other(code(701))), "malformed");
    assert_eq!(StackStatus::Other(code(477)).classify().status(), StackStatus::Other(code(477)));
    assert_eq!(Classified::Other(code(701)).class(), None);
    assert_eq!(ClientError::try_from(StackStatus::Other(code(477))), Err(StackStatus::Other(code(477))));
}

#[test]
fn an_update_renames_a_variant_and_keeps_the_registrys_phrase() {
    assert_eq!(StackStatus::UnsupportedCertificate.code(), 437);
    assert_eq!(StackStatus::UnsupportedCertificate.to_string(), "437 Unsupported Credential");
    assert_eq!(StackStatus::NotAcceptableGlobal.to_string(), "606 Not Acceptable");
    assert_eq!(StackStatus::NotAcceptableGlobal.references(), StatusCode::GlobalNotAcceptable.references());
    assert_eq!(format!("{:?}", StackStatus::NotAcceptableGlobal), "NotAcceptableGlobal");
    // The registry's former phrase still parses, as it does for the registry's type.
    assert_eq!("437 Unsupported Certificate".parse::<StackStatus>(), Ok(StackStatus::UnsupportedCertificate));
    assert_eq!(StackStatus::OK.code(), 200);
}

#[test]
fn serde_takes_any_code() {
    let local = StackStatus::Other(code(477));
    assert_eq!(serde_json::to_string(&local).unwrap(), "477");
    assert_eq!(serde_json::from_str::<StackStatus>("477").unwrap(), local);
    assert_eq!(serde_json::from_str::<StackStatus>("486").unwrap(), StackStatus::BusyHere);
    assert_eq!(serde_json::from_str::<StackStatus>("999").unwrap(), StackStatus::Other(code(999)));
    let err = serde_json::from_str::<StackStatus>("1000").unwrap_err().to_string();
    assert!(err.contains("outside 100..=999"), "{err}");
}
