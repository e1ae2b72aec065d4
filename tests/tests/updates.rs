//! A later spec's `[[update]]` entries and `[[q850]]` rows change codes an earlier spec
//! defines: `tests/specs/carrier-example.toml` over IANA's spec, as `CarrierStatus`. What the
//! carrier changes differs from `sip::iana::StatusCode`; everything else is the same.

use sip::iana::StatusCode;
use sip::{Code, Q850Table, Requirement};
use sip_codes_tests::CarrierStatus;

fn both(code: u16) -> (CarrierStatus, StatusCode) {
    (
        CarrierStatus::from_code(code).expect("an IANA code"),
        StatusCode::from_code(code).expect("an IANA code"),
    )
}

#[test]
fn the_updated_q850_causes_replace_rfc_3398s() {
    for (code, rfc3398, carrier) in [(480, 18, 19), (408, 102, 18)] {
        let (ours, iana) = both(code);
        assert_eq!(iana.to_q850(), Some(rfc3398), "{code}");
        assert_eq!(ours.to_q850(), Some(carrier), "{code}");
        assert_eq!(ours.to_q850_with(Q850Table::Rfc4497), Some(carrier), "{code}");
    }
}

#[test]
fn the_replaced_cause_row_maps_to_the_carriers_response() {
    assert_eq!(StatusCode::from_q850(38).map(StatusCode::code), Some(503));
    assert_eq!(CarrierStatus::from_q850(38).map(CarrierStatus::code), Some(500));
}

#[test]
fn the_updated_header_rules_replace_the_codes_rules() {
    let (ours, iana) = both(503);
    assert!(
        iana.header_rules()
            .iter()
            .any(|rule| rule.name == "Retry-After" && rule.requirement == Requirement::May)
    );
    assert_eq!(ours.header_rules().len(), 1);
    assert_eq!(ours.header_rules()[0].name, "Retry-After");
    assert_eq!(ours.header_rules()[0].requirement, Requirement::Must);
    assert_eq!(ours.required_headers(), ["Retry-After"]);
    assert!(iana.required_headers().is_empty());
}

#[test]
fn the_updated_description_replaces_the_earlier_one() {
    let (ours, iana) = both(480);
    assert_ne!(ours.description(), iana.description());
    assert!(ours.description().is_some_and(|text| text.contains("cause 19")));
    // The phrase, the name and the class are the defining spec's.
    assert_eq!(ours.reason_phrase(), iana.reason_phrase());
    assert_eq!(format!("{ours:?}"), format!("{iana:?}"));
}

#[test]
fn every_other_code_and_cause_is_ianas() {
    let changed = [480, 408, 503, 404];
    for &iana in StatusCode::ALL {
        let ours = CarrierStatus::try_from(Code::from(iana)).expect("the same codes");
        assert_eq!(ours.reason_phrase(), iana.reason_phrase());
        if changed.contains(&iana.code()) {
            continue;
        }
        assert_eq!(ours.to_q850(), iana.to_q850(), "{iana}");
        assert_eq!(ours.to_q850_with(Q850Table::Rfc4497), iana.to_q850_with(Q850Table::Rfc4497), "{iana}");
        assert_eq!(ours.header_rules(), iana.header_rules(), "{iana}");
        assert_eq!(ours.description(), iana.description(), "{iana}");
        assert_eq!(ours.route_action(), iana.route_action(), "{iana}");
        assert_eq!(ours.outcome(), iana.outcome(), "{iana}");
        for method in ["INVITE", "BYE", "SUBSCRIBE", "CANCEL"] {
            assert_eq!(ours.dialog_effect(method), iana.dialog_effect(method), "{iana} {method}");
        }
    }
    for cause in 0..=u8::MAX {
        if cause != 38 {
            assert_eq!(
                CarrierStatus::from_q850(cause).map(CarrierStatus::code),
                StatusCode::from_q850(cause).map(StatusCode::code),
                "cause {cause}"
            );
        }
    }
    assert_eq!(CarrierStatus::ALL.len(), StatusCode::ALL.len());
}

#[test]
fn the_updated_policy_replaces_the_codes_route_action() {
    let (ours, iana) = both(404);
    assert_eq!(iana.route_action(), sip::RouteAction::Stop);
    assert_eq!(ours.route_action(), sip::RouteAction::NextRoute);
    assert!(ours.policy_reason().is_some_and(|why| why.contains("no route")));
    assert_eq!(iana.policy_reason(), None, "the class's rule");
}
