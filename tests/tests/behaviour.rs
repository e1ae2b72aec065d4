//! What the generated type does, checked over every code and every u16.

use std::collections::BTreeMap;

use sip::iana::StatusCode;
use sip::iana::status_code::{Classified, ClientError, GlobalFailure, Provisional};
use sip::{Class, ParseErrorKind, SipStatus};
use sip_codes_tests::VendorStatus;

#[test]
fn display_and_from_str_round_trip_every_code() {
    for &status in StatusCode::ALL {
        let text = status.to_string();
        assert_eq!(text, format!("{} {}", status.code(), status.reason_phrase()));
        assert_eq!(text, status.as_str());
        assert_eq!(text.parse::<StatusCode>(), Ok(status), "{text}");
        assert_eq!(status.code().to_string().parse::<StatusCode>(), Ok(status));
        assert_eq!(StatusCode::from_bytes(text.as_bytes()), Ok(status));
        assert_eq!(text.to_ascii_uppercase().parse::<StatusCode>(), Ok(status));
        assert_eq!(text.to_ascii_lowercase().parse::<StatusCode>(), Ok(status));
    }
    for &status in VendorStatus::ALL {
        assert_eq!(status.to_string().parse::<VendorStatus>(), Ok(status));
    }
}

#[test]
fn from_code_over_all_u16_agrees_with_all() {
    let known: BTreeMap<u16, StatusCode> = StatusCode::ALL.iter().map(|s| (s.code(), *s)).collect();
    assert_eq!(known.len(), StatusCode::ALL.len(), "ALL holds each code once");
    for code in 0..=u16::MAX {
        assert_eq!(StatusCode::from_code(code), known.get(&code).copied(), "{code}");
        assert_eq!(StatusCode::try_from(code).ok(), known.get(&code).copied(), "{code}");
    }
    assert!(StatusCode::ALL.windows(2).all(|w| w[0] < w[1]), "ALL is in code order");
    assert!(StatusCode::ALL.iter().all(|s| u16::from(*s) == *s as u16));
}

#[test]
fn interpret_follows_rfc3261_8_1_3_2_over_all_u16() {
    for code in 0..=u16::MAX {
        let expected = match (StatusCode::from_code(code), code) {
            (Some(known), _) => Some(known),
            (None, 100..=199) => Some(StatusCode::SessionProgress),
            (None, 200..=699) => StatusCode::from_code(code / 100 * 100),
            (None, _) => None,
        };
        assert_eq!(StatusCode::interpret(code), expected, "{code}");
    }
    assert_eq!(StatusCode::interpret(477), Some(StatusCode::BadRequest));
    assert_eq!(StatusCode::interpret(199), Some(StatusCode::EarlyDialogTerminated));
    assert_eq!(StatusCode::interpret(150), Some(StatusCode::SessionProgress));
    assert_eq!(StatusCode::interpret(299), Some(StatusCode::OK));
    assert_eq!(StatusCode::interpret(699), Some(StatusCode::BusyEverywhere));
    assert_eq!(StatusCode::interpret(700), None);
    assert_eq!(StatusCode::interpret(99), None);
    // A vendor's spec knows its own code; IANA's type maps it.
    assert_eq!(VendorStatus::interpret(477), Some(VendorStatus::NextHopUnreachable));
}

#[test]
fn predicates_and_class_follow_the_first_digit() {
    for &status in StatusCode::ALL {
        let digit = status.code() / 100;
        assert_eq!(status.class().digit() as u16, digit, "{status}");
        assert_eq!(Class::from_code(status.code()), Some(status.class()));
        assert_eq!(status.is_provisional(), digit == 1, "{status}");
        assert_eq!(status.is_success(), digit == 2, "{status}");
        assert_eq!(status.is_redirection(), digit == 3, "{status}");
        assert_eq!(status.is_client_error(), digit == 4, "{status}");
        assert_eq!(status.is_server_error(), digit == 5, "{status}");
        assert_eq!(status.is_global_failure(), digit == 6, "{status}");
        assert_eq!(status.is_final(), digit >= 2, "{status}");
        // The trait's provided methods agree with the inherent ones.
        let dynamic: &dyn SipStatus = &status;
        assert_eq!(dynamic.class(), status.class());
        assert_eq!(dynamic.is_final(), status.is_final());
        assert_eq!(dynamic.is_client_error(), status.is_client_error());
        assert_eq!(dynamic.reason_phrase(), status.reason_phrase());
    }
}

#[test]
fn from_str_accepts_only_the_status_line_forms() {
    assert_eq!("486".parse(), Ok(StatusCode::BusyHere));
    assert_eq!("486 Busy Here".parse(), Ok(StatusCode::BusyHere));
    assert_eq!("486 BUSY HERE".parse(), Ok(StatusCode::BusyHere));
    assert_eq!("486 busy here".parse(), Ok(StatusCode::BusyHere));
    // RFC 3261 §25.1 allows an empty Reason-Phrase; RFC 4475 §3.1.1.13 sends "100 ".
    assert_eq!("486 ".parse(), Ok(StatusCode::BusyHere));
    assert_eq!(StatusCode::from_bytes(b"100 "), Ok(StatusCode::Trying));
    let kind = |input: &str| input.parse::<StatusCode>().unwrap_err().kind();
    assert_eq!(kind(""), ParseErrorKind::Empty);
    assert_eq!(kind("+486"), ParseErrorKind::InvalidDigit);
    assert_eq!(kind(" 486"), ParseErrorKind::InvalidDigit);
    assert_eq!(kind("４８６"), ParseErrorKind::InvalidDigit);
    assert_eq!(kind("0486"), ParseErrorKind::TooManyDigits);
    assert_eq!(kind("4860"), ParseErrorKind::TooManyDigits);
    assert_eq!(kind("477 "), ParseErrorKind::UnknownCode(477));
    assert_eq!(kind("486  "), ParseErrorKind::ReasonMismatch { code: 486, expected: "Busy Here" });
    assert_eq!(kind("486 \r\n"), ParseErrorKind::LineBreak);
    assert_eq!(kind("486  Busy Here"), ParseErrorKind::ReasonMismatch { code: 486, expected: "Busy Here" });
    assert_eq!(kind("486 Busy"), ParseErrorKind::ReasonMismatch { code: 486, expected: "Busy Here" });
    assert_eq!(kind("486 Busy Here "), ParseErrorKind::ReasonMismatch { code: 486, expected: "Busy Here" });
    assert_eq!(kind("486\r"), ParseErrorKind::LineBreak);
    assert_eq!(kind("486 Busy Here\r\n"), ParseErrorKind::LineBreak);
    assert_eq!(kind("486 Busy\nHere"), ParseErrorKind::LineBreak);
    assert_eq!(kind("\r\n486"), ParseErrorKind::LineBreak);
    assert_eq!(kind("486:Busy Here"), ParseErrorKind::MissingSpace);
    assert_eq!(kind("477"), ParseErrorKind::UnknownCode(477));
    assert_eq!(kind("477 Whatever"), ParseErrorKind::UnknownCode(477));
    assert_eq!(kind("700"), ParseErrorKind::OutOfRange(700));
    assert_eq!(kind("099"), ParseErrorKind::OutOfRange(99));
    // The messages say what was wrong.
    let message = |input: &str| input.parse::<StatusCode>().unwrap_err().to_string();
    assert_eq!(message("477"), "unknown status code 477");
    assert_eq!(message("700"), "status code 700 is outside SIP's range 100..=699");
    assert_eq!(message("48"), "a status code must start with three ASCII digits");
    assert_eq!(message("486 Busy"), "reason phrase does not match code 486: expected \"Busy Here\"");
    assert_eq!(StatusCode::try_from(477).unwrap_err().kind(), ParseErrorKind::UnknownCode(477));
    assert_eq!(StatusCode::try_from(42).unwrap_err().kind(), ParseErrorKind::OutOfRange(42));
}

#[test]
fn former_phrases_still_parse() {
    assert_eq!("437 Unsupported Certificate".parse(), Ok(StatusCode::UnsupportedCredential));
    assert_eq!("436 bad identity-info".parse(), Ok(StatusCode::BadIdentityInfo));
    assert_eq!(StatusCode::UnsupportedCredential.aliases(), ["Unsupported Certificate"]);
    // Display always writes the current phrase.
    assert_eq!(StatusCode::UnsupportedCredential.to_string(), "437 Unsupported Credential");
    // An alias of one code is no phrase of another.
    assert!("436 Unsupported Certificate".parse::<StatusCode>().is_err());
}

#[test]
fn classify_splits_by_class_and_converts_back() {
    for &status in StatusCode::ALL {
        let classified = status.classify();
        assert_eq!(classified.class(), status.class());
        assert_eq!(classified.status(), status);
        assert_eq!(StatusCode::from(classified), status);
        let code = match classified {
            Classified::Provisional(c) => c.code(),
            Classified::Success(c) => c.code(),
            Classified::Redirection(c) => c.code(),
            Classified::ClientError(c) => c.code(),
            Classified::ServerError(c) => c.code(),
            Classified::GlobalFailure(c) => c.code(),
        };
        assert_eq!(code, status.code());
    }
    assert_eq!(StatusCode::BusyHere.classify(), Classified::ClientError(ClientError::BusyHere));
    assert_eq!(ClientError::try_from(StatusCode::BusyHere), Ok(ClientError::BusyHere));
    assert_eq!(ClientError::try_from(StatusCode::Ringing), Err(StatusCode::Ringing));
    assert_eq!(StatusCode::from(GlobalFailure::Decline), StatusCode::Decline);
    assert_eq!(ClientError::BusyHere.to_string(), "486 Busy Here");
    assert_eq!(ClientError::BusyHere.reason_phrase(), "Busy Here");
    let per_class: usize = [
        Provisional::ALL.len(),
        sip::iana::status_code::Success::ALL.len(),
        sip::iana::status_code::Redirection::ALL.len(),
        ClientError::ALL.len(),
        sip::iana::status_code::ServerError::ALL.len(),
        GlobalFailure::ALL.len(),
    ]
    .iter()
    .sum();
    assert_eq!(per_class, StatusCode::ALL.len());
}

#[test]
fn the_iana_spec_gets_the_known_traps_right() {
    assert_eq!(StatusCode::ALL.len(), 75);
    for (code, phrase) in [
        (202, "Accepted"),
        (412, "Conditional Request Failed"),
        (416, "Unsupported URI Scheme"),
        (500, "Server Internal Error"),
        (504, "Server Time-out"),
        (606, "Not Acceptable"),
    ] {
        assert_eq!(StatusCode::from_code(code).map(StatusCode::reason_phrase), Some(phrase));
    }
    for code in [199, 204, 412, 417, 425, 430, 555, 607, 608] {
        assert!(StatusCode::from_code(code).is_some(), "{code} is registered");
    }
    for code in [409, 411, 426, 477, 490] {
        assert!(StatusCode::from_code(code).is_none(), "{code} is not registered");
    }
    assert!(StatusCode::Accepted.is_deprecated());
    assert_eq!(StatusCode::ALL.iter().filter(|s| s.is_deprecated()).count(), 1);
    assert_ne!(StatusCode::NotAcceptable, StatusCode::GlobalNotAcceptable);
    for &status in StatusCode::ALL {
        assert!(status.is_registered());
        assert!(!status.references().is_empty(), "{status} has references");
        let description = status.description().unwrap_or_default();
        assert!(description.len() > 40, "{status} has a description");
    }
    assert!(!VendorStatus::NextHopUnreachable.is_registered());
}
