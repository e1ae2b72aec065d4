//! The runtime's semantics for any `Code`: the class fallbacks of RFC 3398, RFC 4497 and
//! RFC 5057, the header-rule types, and RFC 3261 §16.7's best-response choice, table by table
//! (facts copied from `shared/SEMANTICS.md` as data) and by property (proptest).

use proptest::prelude::*;
use proptest::sample::select;
use sip::{
    Code, DialogEffect, HeaderRule, Q850Table, Requirement, best_response, dialog_effect_fallback,
    is_auth_challenge, q850_fallback, response_fallback,
};

const TABLES: [Q850Table; 2] = [Q850Table::Rfc3398, Q850Table::Rfc4497];

fn code(n: u16) -> Code {
    Code::new(n).unwrap_or_else(|| panic!("{n} is in 100..=999"))
}

fn codes(list: &[u16]) -> Vec<Code> {
    list.iter().map(|&n| code(n)).collect()
}

/// The index of the response to forward and the code to send.
type Chosen = Option<(usize, u16)>;

fn best(list: &[u16]) -> Chosen {
    best_response(codes(list)).map(|(index, code)| (index, code.get()))
}

// --- Q.850 fallbacks -------------------------------------------------------------------------

/// (code, cause under RFC 3398 §8.2.6.1 / RFC 4497 §8.4.4 for a code no spec lists).
/// 1xx/2xx: not failures. 3xx: redirect instead (RFC 3398 §8.2.5). Everything else: 31,
/// whatever the class (491 and 493 are RFC 3261 codes the RFC 3398 table leaves to it).
const Q850_FALLBACK: &[(u16, Option<u8>)] = &[
    (100, None),
    (180, None),
    (199, None),
    (200, None),
    (299, None),
    (300, None),
    (302, None),
    (399, None),
    (400, Some(31)),
    (477, Some(31)),
    (491, Some(31)),
    (493, Some(31)),
    (499, Some(31)),
    (500, Some(31)),
    (599, Some(31)),
    (600, Some(31)),
    (699, Some(31)),
    (700, Some(31)),
    (999, Some(31)),
];

#[test]
fn q850_fallback_follows_the_flat_default_not_the_class() {
    for table in TABLES {
        for &(n, cause) in Q850_FALLBACK {
            assert_eq!(q850_fallback(code(n), table), cause, "{n} under {table:?}");
        }
    }
}

#[test]
fn q850_fallback_over_every_code() {
    for n in 100..=999 {
        let expected = if n < 400 { None } else { Some(31) };
        for table in TABLES {
            assert_eq!(q850_fallback(code(n), table), expected, "{n} under {table:?}");
        }
    }
}

#[test]
fn response_fallback_is_500_for_every_cause_and_none_outside_the_range() {
    for table in TABLES {
        assert_eq!(response_fallback(0, table), None);
        for cause in 1..=127 {
            assert_eq!(response_fallback(cause, table), Some(code(500)), "cause {cause}");
        }
        for cause in 128..=u8::MAX {
            assert_eq!(response_fallback(cause, table), None, "cause {cause}");
        }
    }
}

#[test]
fn the_default_table_is_rfc_3398() {
    assert_eq!(Q850Table::default(), Q850Table::Rfc3398);
}

#[test]
fn the_fallbacks_are_const() {
    const CAUSE: Option<u8> = q850_fallback(
        match Code::new(477) {
            Some(code) => code,
            None => panic!(),
        },
        Q850Table::Rfc3398,
    );
    const RESPONSE: Option<Code> = response_fallback(26, Q850Table::Rfc4497);
    const EFFECT: Option<DialogEffect> = dialog_effect_fallback(match Code::new(302) {
        Some(code) => code,
        None => panic!(),
    });
    const CHALLENGE: bool = is_auth_challenge(match Code::new(401) {
        Some(code) => code,
        None => panic!(),
    });
    assert_eq!(
        (CAUSE, RESPONSE, EFFECT, CHALLENGE),
        (Some(31), Code::new(500), Some(DialogEffect::Dialog), true)
    );
}

// --- RFC 5057 fallback -----------------------------------------------------------------------

/// (code, effect of an unlisted code): RFC 5057 §5.1 Tables 1–2 (unknown 4xx as 400, unknown
/// 5xx as 500 per note 13, unknown 6xx as 600 per note 17, 3xx dialog-wide), no effect for
/// 1xx/2xx, and the crate's choice for 700..=999 (narrowest effect).
const DIALOG_FALLBACK: &[(u16, Option<DialogEffect>)] = &[
    (100, None),
    (183, None),
    (199, None),
    (200, None),
    (204, None),
    (300, Some(DialogEffect::Dialog)),
    (302, Some(DialogEffect::Dialog)),
    (399, Some(DialogEffect::Dialog)),
    (400, Some(DialogEffect::Transaction)),
    (477, Some(DialogEffect::Transaction)),
    (499, Some(DialogEffect::Transaction)),
    (500, Some(DialogEffect::Transaction)),
    (599, Some(DialogEffect::Transaction)),
    (600, Some(DialogEffect::Transaction)),
    (699, Some(DialogEffect::Transaction)),
    (700, Some(DialogEffect::Transaction)),
    (999, Some(DialogEffect::Transaction)),
];

#[test]
fn dialog_effect_fallback_by_class() {
    for &(n, effect) in DIALOG_FALLBACK {
        assert_eq!(dialog_effect_fallback(code(n)), effect, "{n}");
    }
    for n in 100..=999 {
        let expected = match n {
            100..=299 => None,
            300..=399 => Some(DialogEffect::Dialog),
            _ => Some(DialogEffect::Transaction),
        };
        assert_eq!(dialog_effect_fallback(code(n)), expected, "{n}");
    }
}

#[test]
fn dialog_effects_order_from_narrowest_to_widest() {
    assert!(DialogEffect::Transaction < DialogEffect::Usage);
    assert!(DialogEffect::Usage < DialogEffect::Dialog);
}

// --- header rules ----------------------------------------------------------------------------

#[test]
fn requirements_order_from_strongest_and_spell_their_keyword() {
    assert!(Requirement::Must < Requirement::Should && Requirement::Should < Requirement::May);
    let keywords = [Requirement::Must, Requirement::Should, Requirement::May].map(Requirement::keyword);
    assert_eq!(keywords, ["MUST", "SHOULD", "MAY"]);
}

#[test]
fn only_an_unconditional_must_is_required() {
    let rule = |requirement, condition| HeaderRule {
        name: "Retry-After",
        requirement,
        condition,
        source: "RFC 3261 §21.5.1",
    };
    assert!(rule(Requirement::Must, None).is_unconditional_must());
    assert!(!rule(Requirement::Must, Some("when rejecting an overlapping INVITE")).is_unconditional_must());
    assert!(!rule(Requirement::Should, None).is_unconditional_must());
    assert!(!rule(Requirement::May, None).is_unconditional_must());
}

// --- RFC 3261 §16.7 --------------------------------------------------------------------------

#[test]
fn auth_challenges_are_401_and_407_only() {
    for n in 100..=999 {
        assert_eq!(is_auth_challenge(code(n)), n == 401 || n == 407, "{n}");
    }
}

/// (finals in arrival order, expected (index, code to send)): RFC 3261 §16.7 step 6 with the
/// crate's documented choices for 2xx, 1xx and 700..=999.
const BEST: &[(&[u16], Chosen)] = &[
    // The RFC's worked example.
    (&[503, 407, 501, 404], Some((1, 407))),
    // Empty context: the caller sends 408 (INVITE) or nothing (non-INVITE, RFC 4320).
    (&[], None),
    (&[100, 180, 183], None),
    // A 6xx wins over every other class, and the first 6xx is the one.
    (&[302, 404, 500, 603], Some((3, 603))),
    (&[600, 603], Some((0, 600))),
    (&[486, 606, 401, 600], Some((1, 606))),
    // A 2xx is forwarded at once (step 5); if one is here it wins, over a 6xx too.
    (&[603, 200], Some((1, 200))),
    (&[486, 202, 200], Some((1, 202))),
    // Lowest class.
    (&[500, 404, 302], Some((2, 302))),
    (&[502, 486], Some((1, 486))),
    (&[504, 501], Some((0, 504))),
    // Within 4xx: 401, 407, 415, 420, 484 first; then the earliest.
    (&[404, 486, 484], Some((2, 484))),
    (&[403, 415], Some((1, 415))),
    (&[480, 420, 401], Some((1, 420))),
    (&[404, 486], Some((0, 404))),
    // 503 is never chosen over anything else; alone it goes up as 500.
    (&[503, 504], Some((1, 504))),
    (&[503, 699], Some((1, 699))),
    (&[503], Some((0, 500))),
    (&[503, 503, 503], Some((0, 500))),
    (&[180, 503], Some((1, 500))),
    // 700..=999 lose to every class, win over 503, and go up as 500.
    (&[799, 599], Some((1, 599))),
    (&[999, 302], Some((1, 302))),
    (&[503, 799, 700], Some((1, 500))),
    (&[999], Some((0, 500))),
    // 1xx are skipped but counted.
    (&[100, 183, 486], Some((2, 486))),
];

#[test]
fn best_response_table() {
    for &(finals, expected) in BEST {
        assert_eq!(best(finals), expected, "{finals:?}");
    }
}

#[test]
fn the_section_16_7_example_forwards_the_407() {
    let context = codes(&[503, 407, 501, 404]);
    let (index, send) = best_response(context.iter().copied()).expect("a final response");
    assert_eq!(context[index], send);
    assert_eq!(send.get(), 407);
    assert!(is_auth_challenge(send));
}

#[test]
fn best_response_stops_reading_at_a_2xx() {
    let mut read = 0;
    let finals = [486, 200, 603, 404].map(code).into_iter().inspect(|_| read += 1);
    assert_eq!(best_response(finals), Some((1, code(200))));
    assert_eq!(read, 2);
}

/// The rule of the documentation, written as a search per step rather than a running best.
fn oracle(list: &[u16]) -> Chosen {
    let first = |keep: &dyn Fn(u16) -> bool| list.iter().position(|&n| keep(n)).map(|i| (i, list[i]));
    first(&|n| (200..300).contains(&n))
        .or_else(|| first(&|n| (600..700).contains(&n)))
        .or_else(|| first(&|n| (300..400).contains(&n)))
        .or_else(|| first(&|n| matches!(n, 401 | 407 | 415 | 420 | 484)))
        .or_else(|| first(&|n| (400..500).contains(&n)))
        .or_else(|| first(&|n| (500..600).contains(&n) && n != 503))
        .or_else(|| first(&|n| n >= 700).map(|(i, _)| (i, 500)))
        .or_else(|| first(&|n| n == 503).map(|(i, _)| (i, 500)))
}

fn any_code() -> impl Strategy<Value = u16> {
    prop_oneof![
        select(vec![
            100, 180, 183, 200, 202, 302, 401, 404, 407, 415, 420, 484, 486, 487, 500, 501, 503, 504, 600,
            603, 606, 700, 999
        ]),
        Just(503),
        100u16..=999,
    ]
}

fn contexts() -> impl Strategy<Value = Vec<u16>> {
    prop::collection::vec(any_code(), 0..12)
}

proptest! {
    #[test]
    fn best_response_agrees_with_the_rule(list in contexts()) {
        prop_assert_eq!(best(&list), oracle(&list));
    }

    #[test]
    fn best_response_never_picks_a_503_over_anything_else(list in contexts()) {
        if let Some((index, send)) = best(&list) {
            prop_assert_ne!(send, 503);
            if list[index] == 503 {
                prop_assert!(list.iter().all(|&n| n == 503 || n < 200), "{:?}", list);
                prop_assert_eq!(send, 500);
            }
        }
    }

    #[test]
    fn best_response_picks_the_first_6xx_unless_a_2xx_came(list in contexts()) {
        let first_6xx = list.iter().position(|n| (600..700).contains(n));
        let any_2xx = list.iter().any(|n| (200..300).contains(n));
        if let (Some(index), false) = (first_6xx, any_2xx) {
            prop_assert_eq!(best(&list), Some((index, list[index])));
        }
    }

    #[test]
    fn best_response_forwards_what_it_points_at(list in contexts()) {
        match best(&list) {
            None => prop_assert!(list.iter().all(|&n| n < 200)),
            Some((index, send)) => {
                prop_assert!(index < list.len() && list[index] >= 200);
                let rewritten = list[index] == 503 || list[index] >= 700;
                prop_assert_eq!(send, if rewritten { 500 } else { list[index] });
            }
        }
    }

    #[test]
    fn best_response_depends_only_on_the_codes_and_their_order(list in contexts()) {
        let from_vec = best_response(codes(&list));
        let from_slice = best_response(codes(&list).iter().copied());
        let from_chain = best_response(codes(&list).into_iter().chain(core::iter::empty()));
        let from_array: Option<(usize, Code)> = match list.as_slice() {
            [a, b] => best_response([code(*a), code(*b)]),
            _ => from_vec,
        };
        prop_assert_eq!(from_vec, from_slice);
        prop_assert_eq!(from_vec, from_chain);
        prop_assert_eq!(from_vec, from_array);
        prop_assert_eq!(from_vec, best_response(codes(&list)));
    }

    #[test]
    fn provisional_responses_only_shift_the_index(list in contexts(), at in 0usize..12, n in 100u16..200) {
        let at = at.min(list.len());
        let mut with_1xx = list.clone();
        with_1xx.insert(at, n);
        let shifted = best(&list).map(|(index, send)| (if index >= at { index + 1 } else { index }, send));
        prop_assert_eq!(best(&with_1xx), shifted);
    }
}

mod policy {
    use sip::iana::StatusCode;
    use sip::{CallOutcome, Class, Code, RouteAction, outcome_fallback, route_fallback};

    #[test]
    fn the_spec_chooses_for_the_codes_that_differ_from_their_class() {
        let expect = [
            (401, CallOutcome::Challenged, RouteAction::FixAndResend),
            (407, CallOutcome::Challenged, RouteAction::FixAndResend),
            (408, CallOutcome::NoAnswer, RouteAction::NextRoute),
            (480, CallOutcome::NoAnswer, RouteAction::Stop),
            (486, CallOutcome::Busy, RouteAction::Stop),
            (487, CallOutcome::Cancelled, RouteAction::Stop),
            (488, CallOutcome::Failed, RouteAction::FixAndResend),
            (503, CallOutcome::Failed, RouteAction::NextRoute),
            (505, CallOutcome::Failed, RouteAction::Stop),
            (600, CallOutcome::Busy, RouteAction::Stop),
            (603, CallOutcome::Declined, RouteAction::Stop),
            (608, CallOutcome::Declined, RouteAction::Stop),
        ];
        for (code, outcome, route) in expect {
            let status = StatusCode::from_code(code).unwrap();
            assert_eq!((status.outcome(), status.route_action()), (outcome, route), "{code}");
            assert!(status.policy_reason().is_some_and(|why| why.len() > 20), "{code} says why");
        }
    }

    #[test]
    fn every_other_code_follows_its_class() {
        for &status in StatusCode::ALL {
            let code = Code::from(status);
            if status.policy_reason().is_none() {
                assert_eq!(status.outcome(), outcome_fallback(code), "{status}");
                assert_eq!(status.route_action(), route_fallback(code), "{status}");
            }
            // Whatever the spec says, a provisional code waits and a 2xx is done.
            match status.class() {
                Class::Provisional => assert_eq!(status.route_action(), RouteAction::Wait),
                Class::Success => assert_eq!(status.outcome(), CallOutcome::Answered),
                _ => assert!(!matches!(status.route_action(), RouteAction::Wait | RouteAction::Done)),
            }
        }
        assert_eq!(StatusCode::NotFound.route_action(), RouteAction::Stop);
        assert_eq!(StatusCode::ServerInternalError.route_action(), RouteAction::NextRoute);
        assert_eq!(StatusCode::MovedTemporarily.route_action(), RouteAction::FollowRedirect);
    }

    #[test]
    fn keys_are_distinct_words() {
        let outcomes: Vec<&str> = CallOutcome::ALL.iter().map(|o| o.key()).collect();
        let routes: Vec<&str> = RouteAction::ALL.iter().map(|r| r.key()).collect();
        for keys in [&outcomes, &routes] {
            let mut sorted = keys.to_vec();
            sorted.sort_unstable();
            sorted.dedup();
            assert_eq!(sorted.len(), keys.len(), "{keys:?}");
        }
        assert_eq!(
            outcomes,
            [
                "progress",
                "answered",
                "redirected",
                "challenged",
                "busy",
                "no-answer",
                "declined",
                "cancelled",
                "failed"
            ]
        );
    }
}
