//! serde (the runtime's `serde` feature, on here): `Code` and the generated types serialize
//! as the number and deserialize from it, checked with serde_json round trips.

use proptest::prelude::*;
use sip::Code;
use sip::iana::StatusCode;
use sip_codes_tests::VendorStatus;

/// The message of the error deserializing `$json` as `$ty` gives.
macro_rules! error {
    ($ty:ty, $json:expr) => {
        serde_json::from_str::<$ty>($json).unwrap_err().to_string()
    };
}

#[test]
fn code_is_the_number() {
    let code = Code::new(477).unwrap();
    assert_eq!(serde_json::to_string(&code).unwrap(), "477");
    assert_eq!(serde_json::from_str::<Code>("477").unwrap(), code);
    assert_eq!(serde_json::from_str::<Code>("999").unwrap(), 999);
    assert_eq!(serde_json::from_str::<Code>("100").unwrap(), 100);
    let codes: Vec<Option<Code>> = serde_json::from_str("[486, null, 701]").unwrap();
    assert_eq!(codes, [Code::new(486), None, Code::new(701)]);
    assert_eq!(serde_json::to_string(&codes).unwrap(), "[486,null,701]");
}

#[test]
fn code_refuses_what_is_not_a_status_code() {
    assert_eq!(error!(Code, "1000"), "status code 1000 is outside 100..=999 at line 1 column 4");
    assert_eq!(error!(Code, "99"), "status code 99 is outside 100..=999 at line 1 column 2");
    assert_eq!(error!(Code, "-486"), "status code -486 is outside 100..=999 at line 1 column 4");
    assert_eq!(error!(Code, "70000"), "status code 70000 is outside 100..=999 at line 1 column 5");
    assert!(error!(Code, "\"486\"").starts_with("invalid type: string \"486\", expected a SIP status code"));
    assert!(error!(Code, "486.0").starts_with("invalid type: floating point"));
}

#[test]
fn generated_types_are_the_number() {
    assert_eq!(serde_json::to_string(&StatusCode::BusyHere).unwrap(), "486");
    assert_eq!(serde_json::from_str::<StatusCode>("486").unwrap(), StatusCode::BusyHere);
    assert_eq!(error!(StatusCode, "477"), "unknown status code 477 at line 1 column 3");
    assert_eq!(error!(StatusCode, "701"), "unknown status code 701 at line 1 column 3");
    assert_eq!(error!(StatusCode, "-1"), "unknown status code -1 at line 1 column 2");
    assert!(error!(StatusCode, "\"BusyHere\"").starts_with("invalid type: string"));
    // The vendor type holds 477.
    let vendor = VendorStatus::from_code(477).unwrap();
    assert_eq!(serde_json::to_string(&vendor).unwrap(), "477");
    assert_eq!(serde_json::from_str::<VendorStatus>("477").unwrap(), vendor);
}

#[test]
fn every_generated_code_round_trips_and_agrees_with_code() {
    for &status in StatusCode::ALL {
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(json, status.code().to_string());
        assert_eq!(serde_json::from_str::<StatusCode>(&json).unwrap(), status);
        assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), status.code());
    }
    for &status in VendorStatus::ALL {
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(serde_json::from_str::<VendorStatus>(&json).unwrap(), status);
    }
}

proptest! {
    #[test]
    fn code_round_trips(number in 100u16..=999) {
        let code = Code::new(number).unwrap();
        let json = serde_json::to_string(&code).unwrap();
        prop_assert_eq!(&json, &number.to_string());
        prop_assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
    }

    #[test]
    fn deserializing_agrees_with_new_and_from_code(number in any::<i64>()) {
        let json = number.to_string();
        let expected = u16::try_from(number).ok();
        prop_assert_eq!(serde_json::from_str::<Code>(&json).ok(), expected.and_then(Code::new));
        prop_assert_eq!(serde_json::from_str::<StatusCode>(&json).ok(), expected.and_then(StatusCode::from_code));
    }
}
