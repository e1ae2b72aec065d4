//! The semantics every generated type carries, checked on `sip::iana::StatusCode` against the
//! facts of `shared/SEMANTICS.md`, copied here as data: Q.850 both ways under RFC 3398 and
//! RFC 4497, the RFC 5057 effect per method, and the header rules (Retry-After included).
//!
//! Every code of the type is checked, so a code without a row is checked against the
//! documented default (31 one way, 500 the other, RFC 5057's class defaults, no header rule).

#![allow(clippy::type_complexity)] // Tables of (code, expected values) rows.

use std::collections::BTreeMap;

use DialogEffect::{Dialog as D, Transaction as T, Usage as U};
use Requirement::{May, Must, Should};
use sip::iana::StatusCode;
use sip::{
    Code, DialogEffect, HeaderRule, Q850Table, Requirement, dialog_effect_fallback, q850_fallback,
    response_fallback,
};

type Effect = DialogEffect;

/// (code, RFC 3398 cause, RFC 4497 cause): every code with a row, RFC 3398 §8.2.6.1 and
/// RFC 4497 §8.4.4 Table 2 (505 keyed as 505, not RFC 3398's misprinted 504).
const TO_Q850: &[(u16, Option<u8>, Option<u8>)] = &[
    (400, Some(41), Some(41)),
    (401, Some(21), Some(21)),
    (402, Some(21), Some(21)),
    (403, Some(21), Some(21)),
    (404, Some(1), Some(1)),
    (405, Some(63), Some(63)),
    (406, Some(79), Some(79)),
    (407, Some(21), Some(21)),
    (408, Some(102), Some(102)),
    (410, Some(22), Some(22)),
    (413, Some(127), Some(127)),
    (414, Some(127), Some(127)),
    (415, Some(79), Some(79)),
    (416, Some(127), Some(127)),
    (420, Some(127), Some(127)),
    (421, Some(127), Some(127)),
    (423, Some(127), Some(127)),
    (480, Some(18), Some(18)),
    (481, Some(41), Some(41)),
    (482, Some(25), Some(25)),
    (483, Some(25), Some(25)),
    (484, Some(28), Some(28)),
    (485, Some(1), Some(1)),
    (486, Some(17), Some(17)),
    (487, None, Some(31)),
    (488, Some(31), Some(31)),
    (500, Some(41), Some(41)),
    (501, Some(79), Some(79)),
    (502, Some(38), Some(38)),
    (503, Some(41), Some(41)),
    (504, Some(102), Some(102)),
    (505, Some(127), Some(127)),
    (513, Some(127), Some(127)),
    (600, Some(17), Some(17)),
    (603, Some(21), Some(21)),
    (604, Some(1), Some(1)),
    (606, Some(31), Some(31)),
];

/// (cause, RFC 3398 response, RFC 4497 response): every cause with a row, RFC 3398 §7.2.4.1
/// and RFC 4497 §8.4.1 Table 1; a cause one RFC does not list gets its default, 500.
const FROM_Q850: &[(u8, Option<u16>, Option<u16>)] = &[
    (1, Some(404), Some(404)),
    (2, Some(404), Some(404)),
    (3, Some(404), Some(404)),
    (16, None, None),
    (17, Some(486), Some(486)),
    (18, Some(408), Some(408)),
    (19, Some(480), Some(480)),
    (20, Some(480), Some(480)),
    (21, Some(403), Some(403)),
    (22, Some(410), Some(410)),
    (23, Some(410), Some(410)),
    (26, Some(404), Some(500)),
    (27, Some(502), Some(502)),
    (28, Some(484), Some(484)),
    (29, Some(501), Some(501)),
    (31, Some(480), Some(480)),
    (34, Some(503), Some(503)),
    (38, Some(503), Some(503)),
    (41, Some(503), Some(503)),
    (42, Some(503), Some(503)),
    (44, None, None),
    (47, Some(503), Some(503)),
    (55, Some(403), Some(403)),
    (57, Some(403), Some(403)),
    (58, Some(503), Some(503)),
    (65, Some(488), Some(488)),
    (69, Some(500), Some(501)),
    (70, Some(488), Some(488)),
    (79, Some(501), Some(501)),
    (87, Some(403), Some(403)),
    (88, Some(503), Some(503)),
    (102, Some(504), Some(504)),
    (111, Some(500), Some(500)),
    (127, Some(500), Some(500)),
];

/// (code, RFC 5057 effect, per-method exceptions): every code RFC 5057 §5.1 or a later RFC
/// classifies, with the choices `specs/README.md` documents (408 usage, 489 by method).
const DIALOG: &[(u16, Effect, &[(&str, Effect)])] = &[
    (300, D, &[]),
    (301, D, &[]),
    (302, D, &[]),
    (305, D, &[]),
    (380, D, &[]),
    (400, T, &[]),
    (401, T, &[]),
    (402, T, &[]),
    (403, T, &[]),
    (404, D, &[]),
    (405, U, &[("INFO", T), ("MESSAGE", T), ("OPTIONS", T), ("PRACK", T), ("REFER", T), ("UPDATE", T)]),
    (406, T, &[]),
    (407, T, &[]),
    (408, U, &[]),
    (410, D, &[]),
    (412, T, &[]),
    (413, T, &[]),
    (414, T, &[]),
    (415, T, &[]),
    (416, D, &[]),
    (417, T, &[]),
    (420, T, &[]),
    (421, T, &[]),
    (422, T, &[]),
    (423, T, &[]),
    (424, T, &[]),
    (425, T, &[]),
    (428, T, &[]),
    (429, T, &[]),
    (430, T, &[]),
    (433, T, &[]),
    (436, T, &[]),
    (437, T, &[]),
    (438, T, &[]),
    (469, T, &[]),
    (480, U, &[]),
    (481, U, &[("CANCEL", T)]),
    (482, D, &[]),
    (483, D, &[]),
    (484, D, &[]),
    (485, D, &[]),
    (486, T, &[]),
    (487, T, &[]),
    (488, T, &[]),
    (489, T, &[("SUBSCRIBE", U), ("NOTIFY", U)]),
    (491, T, &[]),
    (493, T, &[]),
    (494, T, &[]),
    (500, T, &[]),
    (501, U, &[("INFO", T), ("MESSAGE", T), ("OPTIONS", T), ("PRACK", T), ("REFER", T), ("UPDATE", T)]),
    (502, D, &[]),
    (503, T, &[]),
    (504, T, &[]),
    (505, T, &[]),
    (513, T, &[]),
    (580, T, &[]),
    (600, T, &[]),
    (603, T, &[]),
    (604, D, &[]),
    (606, T, &[]),
    (607, T, &[]),
    (608, T, &[]),
];

/// (code, header, requirement, conditional, source): every rule of SEMANTICS.md §6 the spec
/// encodes, in the spec's order.
const HEADERS: &[(u16, &str, Requirement, bool, &str)] = &[
    (100, "Timestamp", Must, true, "RFC 3261 §8.2.6.1"),
    (180, "Alert-Info", May, false, "RFC 3261 §20 Table 2"),
    (199, "Reason", Must, false, "RFC 6228 §5, §6"),
    (200, "Contact", Must, true, "RFC 3261 §12.1.1; §20 Table 2"),
    (200, "Record-Route", Must, true, "RFC 3261 §12.1.1"),
    (200, "Allow", Should, true, "RFC 3261 §11.2; §20 Table 2"),
    (200, "Supported", Should, true, "RFC 3261 §11.2; §20 Table 2"),
    (200, "Accept", Should, true, "RFC 3261 §11.2; §20 Table 2"),
    (200, "Accept-Encoding", Should, true, "RFC 3261 §11.2; §20 Table 2"),
    (200, "Accept-Language", Should, true, "RFC 3261 §11.2; §20 Table 2"),
    (200, "Contact", Must, true, "RFC 3261 §10.3 step 8"),
    (200, "Date", Should, true, "RFC 3261 §10.3 step 8"),
    (200, "SIP-ETag", Must, true, "RFC 3903 §6 step 6; §11.3 Table 6"),
    (200, "Expires", Must, true, "RFC 3903 §6 step 6; §11.3 Table 6"),
    (200, "Expires", Must, true, "RFC 6665 §3.1.1"),
    (204, "Expires", Must, false, "RFC 6665 §3.1.1; RFC 5839 §5.6, §7.1"),
    (300, "Contact", Should, false, "RFC 3261 §21.3.1"),
    (301, "Contact", May, false, "RFC 3261 §20 Table 2; §21.3.2"),
    (302, "Contact", May, false, "RFC 3261 §20 Table 2; §21.3.3"),
    (305, "Contact", Must, false, "RFC 3261 §21.3.4"),
    (401, "WWW-Authenticate", Must, false, "RFC 3261 §22.2; §20 Table 3"),
    (401, "Proxy-Authenticate", May, false, "RFC 3261 §20 Table 3"),
    (404, "Retry-After", May, false, "RFC 3261 §20.33; §20 Table 3"),
    (405, "Allow", Must, false, "RFC 3261 §8.2.1, §21.4.6; §20 Table 2"),
    (407, "Proxy-Authenticate", Must, false, "RFC 3261 §22.3; §20 Table 3"),
    (407, "WWW-Authenticate", May, false, "RFC 3261 §20 Table 3"),
    (413, "Retry-After", Should, true, "RFC 3261 §21.4.11; §20.33"),
    (415, "Accept", Must, true, "RFC 3261 §8.2.3, §21.4.13; §20 Table 2"),
    (415, "Accept-Encoding", Must, true, "RFC 3261 §8.2.3, §21.4.13; §20 Table 2"),
    (415, "Accept-Language", Must, true, "RFC 3261 §8.2.3, §21.4.13; §20 Table 2"),
    (417, "Accept-Resource-Priority", May, false, "RFC 4412 §4.6.2"),
    (420, "Unsupported", Must, false, "RFC 3261 §8.2.2.3, §21.4.15; §20 Table 3"),
    (421, "Require", Must, false, "RFC 3261 §21.4.16"),
    (421, "Security-Server", Must, true, "RFC 3329 §2.3.1, §2.6"),
    (422, "Min-SE", Must, false, "RFC 4028 §5, §6"),
    (423, "Min-Expires", Must, false, "RFC 3261 §10.3 step 7, §21.4.17; RFC 3903 §6 step 4"),
    (424, "Geolocation-Error", Must, false, "RFC 6442 §4.3"),
    (425, "AlertMsg-Error", Must, false, "RFC 8876 §5.1, §5.2"),
    (469, "Recv-Info", Must, false, "RFC 6086 §4.2.2"),
    (470, "Permission-Missing", Should, false, "RFC 5360 §5.9.2"),
    (480, "Retry-After", May, false, "RFC 3261 §20.33, §21.4.18"),
    (485, "Contact", May, false, "RFC 3261 §21.4.23; §20 Table 2"),
    (486, "Retry-After", May, false, "RFC 3261 §20.33, §21.4.24"),
    (488, "Warning", Should, false, "RFC 3261 §13.3.1.3, §21.4.26"),
    (494, "Security-Server", Must, false, "RFC 3329 §2.3.2, §2.6"),
    (500, "Retry-After", May, true, "RFC 3261 §20.33, §21.5.1"),
    (500, "Retry-After", Must, true, "RFC 3261 §14.2"),
    (503, "Retry-After", May, true, "RFC 3261 §21.5.4; RFC 7339 §5.10.2"),
    (600, "Retry-After", May, false, "RFC 3261 §20.33, §21.6.1"),
    (603, "Retry-After", May, false, "RFC 3261 §20.33, §21.6.2"),
    (606, "Warning", May, false, "RFC 3261 §21.6.4"),
    (608, "Call-Info", Must, true, "RFC 8688 §3.1"),
];

const TABLES: [Q850Table; 2] = [Q850Table::Rfc3398, Q850Table::Rfc4497];

fn status(code: u16) -> StatusCode {
    StatusCode::from_code(code).unwrap_or_else(|| panic!("{code} is registered"))
}

fn wire(status: StatusCode) -> Code {
    Code::new(status.code()).expect("a registered code is a wire code")
}

// --- SIP -> Q.850 ----------------------------------------------------------------------------

#[test]
fn to_q850_over_every_code() {
    let rows: BTreeMap<u16, (Option<u8>, Option<u8>)> =
        TO_Q850.iter().map(|&(c, a, b)| (c, (a, b))).collect();
    assert_eq!(rows.len(), 37);
    for &status in StatusCode::ALL {
        let code = status.code();
        let (rfc3398, rfc4497) = rows.get(&code).copied().unwrap_or_else(|| {
            // No row: nothing for 1xx to 3xx, 31 for every other code (not its class's x00 cause).
            let default = if code < 400 { None } else { Some(31) };
            (default, default)
        });
        assert_eq!(status.to_q850(), rfc3398, "{code}");
        assert_eq!(status.to_q850_with(Q850Table::Rfc3398), rfc3398, "{code}");
        assert_eq!(status.to_q850_with(Q850Table::default()), rfc3398, "{code}");
        assert_eq!(status.to_q850_with(Q850Table::Rfc4497), rfc4497, "{code}");
        if !rows.contains_key(&code) {
            for table in TABLES {
                assert_eq!(status.to_q850_with(table), q850_fallback(wire(status), table), "{code}");
            }
        }
    }
}

#[test]
fn to_q850_defaults_and_exceptions() {
    for code in [100, 180, 183, 199, 200, 202, 204, 300, 302, 380] {
        assert_eq!(status(code).to_q850(), None, "{code}: not a failure");
    }
    assert_eq!(status(487).to_q850(), None, "RFC 3398 maps 487 to nothing");
    for code in [491, 493, 412, 430, 555, 580, 607, 608] {
        assert_eq!(status(code).to_q850(), Some(31), "{code}: RFC 3398's flat default");
    }
    // An unlisted 4xx is not read as 400 (41), nor an unlisted 6xx as 600 (17).
    assert_ne!(status(491).to_q850(), status(400).to_q850());
    assert_ne!(status(607).to_q850(), status(600).to_q850());
}

#[test]
fn to_q850_where_rfc_4497_differs_or_could_be_thought_to() {
    let both = |code: u16| {
        (status(code).to_q850_with(Q850Table::Rfc3398), status(code).to_q850_with(Q850Table::Rfc4497))
    };
    assert_eq!(both(487), (None, Some(31)), "RFC 4497 note 7");
    assert_eq!(both(488), (Some(31), Some(31)), "65 only with a bearer-capability Warning");
    assert_eq!(both(606), (Some(31), Some(31)), "65 only with a bearer-capability Warning");
    assert_eq!(both(505), (Some(127), Some(127)), "RFC 3398's \"504 Version Not Supported\" is 505");
    assert_eq!(both(504), (Some(102), Some(102)));
    assert_eq!(both(406), (Some(79), Some(79)), "only the retry flag differs");
}

// --- Q.850 -> SIP ----------------------------------------------------------------------------

#[test]
fn from_q850_over_every_cause() {
    let rows: BTreeMap<u8, (Option<u16>, Option<u16>)> =
        FROM_Q850.iter().map(|&(c, a, b)| (c, (a, b))).collect();
    assert_eq!(rows.len(), 34);
    for cause in 0..=u8::MAX {
        let (rfc3398, rfc4497) = rows.get(&cause).copied().unwrap_or({
            let default = if (1..=127).contains(&cause) { Some(500) } else { None };
            (default, default)
        });
        let code = |found: Option<StatusCode>| found.map(StatusCode::code);
        assert_eq!(code(StatusCode::from_q850(cause)), rfc3398, "cause {cause}");
        assert_eq!(code(StatusCode::from_q850_with(cause, Q850Table::Rfc3398)), rfc3398, "cause {cause}");
        assert_eq!(code(StatusCode::from_q850_with(cause, Q850Table::Rfc4497)), rfc4497, "cause {cause}");
        if !rows.contains_key(&cause) {
            for table in TABLES {
                let fallback = response_fallback(cause, table).map(Code::get);
                assert_eq!(code(StatusCode::from_q850_with(cause, table)), fallback, "cause {cause}");
            }
        }
    }
}

#[test]
fn from_q850_defaults_and_exceptions() {
    assert_eq!(StatusCode::from_q850(16), None, "normal clearing becomes BYE or CANCEL");
    assert_eq!(StatusCode::from_q850(44), None, "the gateway retries on another channel");
    assert_eq!(StatusCode::from_q850(0), None);
    assert_eq!(StatusCode::from_q850(128), None);
    assert_eq!(StatusCode::from_q850(255), None);
    for cause in [4, 25, 52, 54, 66, 99, 126] {
        assert_eq!(StatusCode::from_q850(cause), Some(StatusCode::ServerInternalError), "cause {cause}");
    }
    assert_eq!(StatusCode::from_q850(17), Some(StatusCode::BusyHere));
    assert_eq!(StatusCode::from_q850(31), Some(StatusCode::TemporarilyUnavailable));
    assert_eq!(StatusCode::from_q850(102), Some(StatusCode::ServerTimeOut));
}

#[test]
fn from_q850_where_rfc_4497_differs() {
    let both = |cause: u8| {
        let with = |table| StatusCode::from_q850_with(cause, table).map(StatusCode::code);
        (with(Q850Table::Rfc3398), with(Q850Table::Rfc4497))
    };
    assert_eq!(both(26), (Some(404), Some(500)), "RFC 4497 has no row for 26");
    assert_eq!(both(69), (Some(500), Some(501)), "RFC 3398 has no row for 69");
    assert_eq!(both(21), (Some(403), Some(403)), "603 needs the location, which the table does not see");
    assert_eq!(both(111), (Some(500), Some(500)));
    assert_eq!(both(127), (Some(500), Some(500)));
}

#[test]
fn a_gateway_round_trip_keeps_the_common_failures() {
    // Busy, no answer and unallocated number survive SIP -> Q.850 -> SIP.
    for (code, cause) in [(486, 17), (600, 17), (404, 1), (604, 1), (410, 22), (484, 28)] {
        assert_eq!(status(code).to_q850(), Some(cause), "{code}");
    }
    assert_eq!(StatusCode::from_q850(17).and_then(StatusCode::to_q850), Some(17));
    assert_eq!(StatusCode::from_q850(1).and_then(StatusCode::to_q850), Some(1));
}

#[test]
fn the_q850_accessors_are_const() {
    const CAUSE: Option<u8> = StatusCode::BusyHere.to_q850();
    const CAUSE_4497: Option<u8> = StatusCode::RequestTerminated.to_q850_with(Q850Table::Rfc4497);
    const RESPONSE: Option<StatusCode> = StatusCode::from_q850(17);
    const RESPONSE_4497: Option<StatusCode> = StatusCode::from_q850_with(69, Q850Table::Rfc4497);
    assert_eq!((CAUSE, CAUSE_4497), (Some(17), Some(31)));
    assert_eq!((RESPONSE, RESPONSE_4497), (Some(StatusCode::BusyHere), Some(StatusCode::NotImplemented)));
}

// --- RFC 5057 --------------------------------------------------------------------------------

/// Methods every code is asked about, on top of those its row names.
const METHODS: [&str; 8] = ["INVITE", "BYE", "SUBSCRIBE", "NOTIFY", "CANCEL", "INFO", "REFER", "FOO"];

#[test]
fn dialog_effect_over_every_code_and_method() {
    let rows: BTreeMap<u16, (Effect, &[(&str, Effect)])> =
        DIALOG.iter().map(|&(c, e, m)| (c, (e, m))).collect();
    assert_eq!(rows.len(), 62);
    for &status in StatusCode::ALL {
        let code = status.code();
        let (effect, methods) = match rows.get(&code) {
            Some(&(effect, methods)) => (Some(effect), methods),
            None => (dialog_effect_fallback(wire(status)), &[][..]),
        };
        for method in METHODS.iter().copied().chain(methods.iter().map(|&(m, _)| m)) {
            let expected =
                methods.iter().find(|&&(m, _)| m == method).map(|&(_, e)| Some(e)).unwrap_or(effect);
            assert_eq!(status.dialog_effect(method), expected, "{code} to {method}");
        }
    }
}

#[test]
fn dialog_effect_rows_worth_naming() {
    assert_eq!(status(200).dialog_effect("BYE"), None, "not a failure");
    assert_eq!(status(183).dialog_effect("INVITE"), None, "not a failure");
    assert_eq!(status(302).dialog_effect("INVITE"), Some(D), "3xx: the whole dialog");
    assert_eq!(status(404).dialog_effect("BYE"), Some(D), "the remote target is broken");
    assert_eq!(status(408).dialog_effect("BYE"), Some(U), "note 4 over Table 2 and RFC 3261");
    assert_eq!(status(481).dialog_effect("BYE"), Some(U), "RFC 5057 over RFC 3261 §12.2.1.2");
    assert_eq!(status(481).dialog_effect("CANCEL"), Some(T), "a 481 to CANCEL fails only the CANCEL");
    assert_eq!(status(481).dialog_effect("cancel"), Some(U), "methods are case-sensitive");
    assert_eq!(status(489).dialog_effect("SUBSCRIBE"), Some(U));
    assert_eq!(status(489).dialog_effect("NOTIFY"), Some(U));
    assert_eq!(status(489).dialog_effect("INVITE"), Some(T), "only meaningful for subscriptions");
    assert_eq!(status(405).dialog_effect("INVITE"), Some(U));
    assert_eq!(status(405).dialog_effect("INFO"), Some(T), "INFO is not integral to the usage");
    assert_eq!(status(501).dialog_effect("UPDATE"), Some(T));
    assert_eq!(status(502).dialog_effect("NOTIFY"), Some(D), "RFC 5057 over RFC 6665's list");
    assert_eq!(status(503).dialog_effect("INVITE"), Some(T));
    assert_eq!(status(603).dialog_effect("INVITE"), Some(T));
    for code in [439, 440, 470, 555] {
        assert_eq!(status(code).dialog_effect("INVITE"), Some(T), "{code}: no RFC says, the default applies");
    }
}

// --- header rules ----------------------------------------------------------------------------

#[test]
fn header_rules_over_every_code() {
    let mut rows: BTreeMap<u16, Vec<(&str, Requirement, bool, &str)>> = BTreeMap::new();
    for &(code, name, requirement, conditional, source) in HEADERS {
        rows.entry(code).or_default().push((name, requirement, conditional, source));
    }
    assert_eq!(HEADERS.len(), 52);
    for &status in StatusCode::ALL {
        let code = status.code();
        let expected = rows.remove(&code).unwrap_or_default();
        let rules: Vec<(&str, Requirement, bool, &str)> = status
            .header_rules()
            .iter()
            .map(|rule: &HeaderRule| (rule.name, rule.requirement, rule.condition.is_some(), rule.source))
            .collect();
        assert_eq!(rules, expected, "{code}");
        for rule in status.header_rules() {
            assert!(rule.condition.is_none_or(|when| !when.is_empty()), "{code}: empty condition");
        }
        let required: Vec<&str> = status
            .header_rules()
            .iter()
            .filter(|rule| rule.is_unconditional_must())
            .map(|rule| rule.name)
            .collect();
        assert_eq!(status.required_headers(), required.as_slice(), "{code}");
        let retry = status.header_rules().iter().any(|rule| rule.name == "Retry-After");
        assert_eq!(status.allows_retry_after(), retry, "{code}");
    }
    assert!(rows.is_empty(), "rules for codes the type lacks: {rows:?}");
}

#[test]
fn required_headers_named_by_the_issue() {
    let required = [
        (199, &["Reason"][..]),
        (204, &["Expires"]),
        (305, &["Contact"]),
        (401, &["WWW-Authenticate"]),
        (405, &["Allow"]),
        (407, &["Proxy-Authenticate"]),
        (420, &["Unsupported"]),
        (421, &["Require"]),
        (422, &["Min-SE"]),
        (423, &["Min-Expires"]),
        (424, &["Geolocation-Error"]),
        (425, &["AlertMsg-Error"]),
        (469, &["Recv-Info"]),
        (494, &["Security-Server"]),
    ];
    for &status in StatusCode::ALL {
        let expected =
            required.iter().find(|(code, _)| *code == status.code()).map_or(&[][..], |(_, names)| names);
        assert_eq!(status.required_headers(), expected, "{}", status.code());
    }
    // Conditional or weaker rules stay out of required_headers but are in header_rules.
    let names = |code| status(code).header_rules().iter().map(|rule| rule.name).collect::<Vec<_>>();
    assert_eq!(names(415), ["Accept", "Accept-Encoding", "Accept-Language"]);
    assert_eq!(names(608), ["Call-Info"]);
    assert!(names(421).contains(&"Security-Server"));
}

#[test]
fn retry_after_is_allowed_on_exactly_the_rfc_3261_codes() {
    let allowed: Vec<u16> = StatusCode::ALL
        .iter()
        .filter(|status| status.allows_retry_after())
        .map(|status| status.code())
        .collect();
    assert_eq!(allowed, [404, 413, 480, 486, 500, 503, 600, 603]);
    let retry_after = |code| {
        status(code)
            .header_rules()
            .iter()
            .filter(|rule| rule.name == "Retry-After")
            .map(|rule| rule.requirement)
            .collect::<Vec<_>>()
    };
    assert_eq!(retry_after(413), [Should], "when the condition is temporary");
    assert_eq!(retry_after(500), [May, Must], "MUST for an INVITE overlapping a pending one");
    assert_eq!(retry_after(503), [May]);
    assert_eq!(retry_after(408), []);
    assert_eq!(retry_after(491), [], "491 uses its own randomized timers");
}

#[test]
fn the_header_accessors_are_const() {
    const REQUIRED: &[&str] = StatusCode::Unauthorized.required_headers();
    const RETRY: bool = StatusCode::BusyHere.allows_retry_after();
    const RULES: &[HeaderRule] = StatusCode::ServerInternalError.header_rules();
    assert_eq!((REQUIRED, RETRY, RULES.len()), (&["WWW-Authenticate"][..], true, 2));
}
