//! Properties of the generated types over generated inputs (proptest): round trips, the
//! agreement of `from_bytes` and `FromStr` on any input, and the totality of `interpret`.
//!
//! Parsing is checked against an oracle written from the documented rule: an input is
//! accepted exactly when it is a known code's three digits, alone or followed by one space
//! and then nothing (RFC 3261's empty Reason-Phrase), the code's reason phrase or one of its
//! aliases, in any ASCII case.

use proptest::prelude::*;
use proptest::sample::select;
use sip::iana::StatusCode;
use sip::{Class, ParseError};
use sip_codes_tests::VendorStatus;

/// What a generated type offers, so that each property runs on IANA's and the vendor type.
trait Generated:
    'static + Copy + Eq + std::fmt::Debug + std::fmt::Display + std::str::FromStr<Err = ParseError>
{
    const ALL: &'static [Self];
    fn code(self) -> u16;
    fn reason_phrase(self) -> &'static str;
    fn aliases(self) -> &'static [&'static str];
    fn class(self) -> Class;
    fn from_code(code: u16) -> Option<Self>;
    fn from_bytes(bytes: &[u8]) -> Result<Self, ParseError>;
    fn interpret(code: u16) -> Option<Self>;
}

macro_rules! generated {
    ($ty:ty) => {
        impl Generated for $ty {
            const ALL: &'static [Self] = <$ty>::ALL;
            fn code(self) -> u16 {
                <$ty>::code(self)
            }
            fn reason_phrase(self) -> &'static str {
                <$ty>::reason_phrase(self)
            }
            fn aliases(self) -> &'static [&'static str] {
                <$ty>::aliases(self)
            }
            fn class(self) -> Class {
                <$ty>::class(self)
            }
            fn from_code(code: u16) -> Option<Self> {
                <$ty>::from_code(code)
            }
            fn from_bytes(bytes: &[u8]) -> Result<Self, ParseError> {
                <$ty>::from_bytes(bytes)
            }
            fn interpret(code: u16) -> Option<Self> {
                <$ty>::interpret(code)
            }
        }
    };
}
generated!(StatusCode);
generated!(VendorStatus);

/// The status `input` denotes by the documented rule, if any.
fn oracle<T: Generated>(input: &[u8]) -> Option<T> {
    T::ALL.iter().copied().find(|status| {
        let Some(rest) = input.strip_prefix(status.code().to_string().as_bytes()) else { return false };
        match rest.strip_prefix(b" ") {
            None => rest.is_empty(),
            Some(phrase) => {
                phrase.is_empty()
                    || std::iter::once(status.reason_phrase())
                        .chain(status.aliases().iter().copied())
                        .any(|known| phrase.eq_ignore_ascii_case(known.as_bytes()))
            }
        }
    })
}

/// Checks every parsing property on one input.
fn check_parse<T: Generated>(input: &[u8]) -> Result<(), TestCaseError> {
    let parsed = T::from_bytes(input);
    prop_assert_eq!(parsed.ok(), oracle::<T>(input));
    match std::str::from_utf8(input) {
        Ok(text) => prop_assert_eq!(text.parse::<T>(), parsed),
        // Every phrase is UTF-8 and ASCII case folding keeps other bytes, so an accepted
        // input is UTF-8.
        Err(_) => prop_assert!(parsed.is_err(), "accepted non-UTF-8 input as {:?}", parsed),
    }
    if let Some(code) = parsed.err().and_then(|error| error.code()) {
        // An error that names a code read it from the input's first three bytes.
        let digits = format!("{code:03}");
        prop_assert_eq!(&input[..3], digits.as_bytes());
    }
    Ok(())
}

/// Inputs near the accepted ones: digits (often a known code's), a separator that is often
/// one space, and a phrase that is often a known one with its case, spacing or line breaks
/// changed.
fn near_miss<T: Generated>() -> impl Strategy<Value = String> {
    select(T::ALL).prop_flat_map(|status| {
        let digits = prop_oneof![
            3 => Just(status.code().to_string()),
            1 => "[0-9]{0,5}",
            1 => "[0-9٤４]{3}",
        ];
        let separator =
            prop_oneof![4 => Just(" "), 1 => select(&["", "  ", "\t", "\r", "\n", "\r\n", "-", ":"][..])];
        let known: Vec<&'static str> =
            std::iter::once(status.reason_phrase()).chain(status.aliases().iter().copied()).collect();
        let phrase = prop_oneof![
            3 => select(known).prop_map(str::to_owned),
            1 => select(T::ALL).prop_map(|other| other.reason_phrase().to_owned()),
            1 => "[ -~]{0,24}",
            1 => any::<String>(),
        ];
        let edit = prop_oneof![
            3 => Just(Edit::None),
            2 => Just(Edit::Upper),
            2 => Just(Edit::Lower),
            2 => any::<u64>().prop_map(Edit::FlipCase),
            1 => (any::<prop::sample::Index>(), select(&[" ", "\r", "\n", "\r\n", "\t", "é", "\0"][..]))
                .prop_map(|(at, text)| Edit::Insert(at, text)),
            1 => any::<prop::sample::Index>().prop_map(Edit::Truncate),
        ];
        (digits, separator, phrase, edit).prop_map(|(digits, separator, phrase, edit)| {
            format!("{digits}{separator}{}", edit.apply(&phrase))
        })
    })
}

#[derive(Clone, Debug)]
enum Edit {
    None,
    Upper,
    Lower,
    /// Flips the ASCII case of the characters whose bit is set.
    FlipCase(u64),
    Insert(prop::sample::Index, &'static str),
    Truncate(prop::sample::Index),
}

impl Edit {
    fn apply(&self, phrase: &str) -> String {
        let boundary = |at: &prop::sample::Index| {
            let boundaries: Vec<usize> = (0..=phrase.len()).filter(|i| phrase.is_char_boundary(*i)).collect();
            *at.get(&boundaries)
        };
        match self {
            Edit::None => phrase.to_owned(),
            Edit::Upper => phrase.to_ascii_uppercase(),
            Edit::Lower => phrase.to_ascii_lowercase(),
            Edit::FlipCase(bits) => phrase
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if bits >> (i % 64) & 1 == 1 {
                        if c.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c.to_ascii_uppercase() }
                    } else {
                        c
                    }
                })
                .collect(),
            Edit::Insert(at, text) => {
                let at = boundary(at);
                format!("{}{text}{}", &phrase[..at], &phrase[at..])
            }
            Edit::Truncate(at) => phrase[..boundary(at)].to_owned(),
        }
    }
}

proptest! {
    #[test]
    fn display_then_parse_is_identity(status in select(StatusCode::ALL), vendor in select(VendorStatus::ALL)) {
        prop_assert_eq!(status.to_string().parse::<StatusCode>(), Ok(status));
        prop_assert_eq!(StatusCode::from_bytes(status.to_string().as_bytes()), Ok(status));
        prop_assert_eq!(vendor.to_string().parse::<VendorStatus>(), Ok(vendor));
        prop_assert_eq!(VendorStatus::from_bytes(vendor.to_string().as_bytes()), Ok(vendor));
    }

    #[test]
    fn display_then_parse_is_identity_in_any_ascii_case(status in select(StatusCode::ALL), bits in any::<u64>()) {
        let text = Edit::FlipCase(bits).apply(&status.to_string());
        prop_assert_eq!(text.parse::<StatusCode>(), Ok(status), "{}", text);
    }

    #[test]
    fn from_code_of_code_is_identity(status in select(StatusCode::ALL), vendor in select(VendorStatus::ALL)) {
        prop_assert_eq!(StatusCode::from_code(status.code()), Some(status));
        prop_assert_eq!(StatusCode::try_from(status.code()), Ok(status));
        prop_assert_eq!(u16::from(status), status.code());
        prop_assert_eq!(VendorStatus::from_code(vendor.code()), Some(vendor));
    }

    #[test]
    fn from_code_agrees_with_all(code in any::<u16>()) {
        prop_assert_eq!(StatusCode::from_code(code), StatusCode::ALL.iter().copied().find(|s| s.code() == code));
        prop_assert_eq!(VendorStatus::from_code(code), VendorStatus::ALL.iter().copied().find(|s| s.code() == code));
    }

    #[test]
    fn interpret_is_total_and_keeps_the_class(code in any::<u16>()) {
        check_interpret::<StatusCode>(code)?;
        check_interpret::<VendorStatus>(code)?;
    }

    #[test]
    fn interpret_is_total_and_keeps_the_class_in_range(code in 100u16..=699) {
        check_interpret::<StatusCode>(code)?;
        check_interpret::<VendorStatus>(code)?;
    }

    #[test]
    fn from_bytes_and_from_str_agree_on_any_string(text in any::<String>()) {
        check_parse::<StatusCode>(text.as_bytes())?;
        check_parse::<VendorStatus>(text.as_bytes())?;
    }

    #[test]
    fn from_bytes_and_from_str_agree_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
        check_parse::<StatusCode>(&bytes)?;
        check_parse::<VendorStatus>(&bytes)?;
    }
}

proptest! {
    // Cheap cases, and an alias (2 of 75 IANA codes have one) needs many to come up.
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn from_bytes_and_from_str_agree_on_near_misses(text in near_miss::<StatusCode>()) {
        check_parse::<StatusCode>(text.as_bytes())?;
        check_parse::<VendorStatus>(text.as_bytes())?;
    }

    #[test]
    fn from_bytes_and_from_str_agree_on_near_misses_with_any_bytes_inserted(
        text in near_miss::<StatusCode>(),
        at in any::<prop::sample::Index>(),
        bytes in prop::collection::vec(any::<u8>(), 1..4),
    ) {
        let mut input = text.into_bytes();
        let at = at.index(input.len() + 1);
        input.splice(at..at, bytes);
        check_parse::<StatusCode>(&input)?;
        check_parse::<VendorStatus>(&input)?;
    }

    #[test]
    fn from_bytes_and_from_str_agree_on_vendor_near_misses(text in near_miss::<VendorStatus>()) {
        check_parse::<VendorStatus>(text.as_bytes())?;
    }
}

fn check_interpret<T: Generated>(code: u16) -> Result<(), TestCaseError> {
    let interpreted = T::interpret(code);
    prop_assert_eq!(interpreted.is_some(), (100..=699).contains(&code), "{}", code);
    if let Some(status) = interpreted {
        prop_assert_eq!(Some(status.class()), Class::from_code(code), "{} -> {:?}", code, status);
        // RFC 3261 §8.1.3.2: a known code is itself, an unknown 1xx is 183, an unknown
        // final code is the x00 of its class.
        let expected = match T::from_code(code) {
            Some(known) => known.code(),
            None if code < 200 => 183,
            None => code / 100 * 100,
        };
        prop_assert_eq!(status.code(), expected, "{}", code);
    }
    Ok(())
}

/// The near-miss generator does reach accepted inputs and each kind of error, so the
/// properties above are not checked on rejections alone.
#[test]
fn near_misses_reach_acceptance_and_every_kind_of_error() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use sip::ParseErrorKind as Kind;

    let mut runner = TestRunner::deterministic();
    let strategy = near_miss::<StatusCode>();
    let mut accepted = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for _ in 0..5_000 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        match text.parse::<StatusCode>() {
            Ok(_) => accepted += 1,
            Err(error) => {
                kinds.insert(match error.kind() {
                    Kind::Empty => "empty",
                    Kind::InvalidDigit => "invalid digit",
                    Kind::TooManyDigits => "too many digits",
                    Kind::MissingSpace => "missing space",
                    Kind::LineBreak => "line break",
                    Kind::OutOfRange(_) => "out of range",
                    Kind::UnknownCode(_) => "unknown code",
                    Kind::ReasonMismatch { .. } => "reason mismatch",
                    _ => "other",
                });
            }
        }
    }
    assert!(accepted > 500, "{accepted} of 5000 accepted");
    for kind in [
        "invalid digit",
        "too many digits",
        "missing space",
        "line break",
        "out of range",
        "unknown code",
        "reason mismatch",
    ] {
        assert!(kinds.contains(kind), "no near miss gave {kind}: {kinds:?}");
    }
}
