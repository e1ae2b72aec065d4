//! `Reason` and `Warning` header values on arbitrary input: never a panic, and what parses
//! writes back to a value that parses to the same thing.
//!
//! Checks, on the input read as UTF-8 (invalid sequences replaced): `parse` and every
//! element of `parse_all` either fail with an error whose offset points at the byte it
//! names, or give a value whose `Display` parses back to an equal value with the same
//! `Display`; `parse` of the whole input agrees with `parse_all` when it yields one element;
//! the typed accessors stay in their ranges; the unescaped text has no more characters than
//! the raw; a value rebuilt with the constructors from a parsed value's parts (when its text
//! needs no escapes) equals it; `q850_for_warning` gives 31 or 65 for any warn-code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_codes::{ParseError, ParseErrorKind, Q850Table, Reason, Warning, q850_for_warning};

fuzz_target!(|input: &[u8]| {
    let input = String::from_utf8_lossy(input);
    let input = input.as_ref();

    let whole = Reason::parse(input);
    check_error(input, whole.err());
    let mut elements = 0;
    for value in Reason::parse_all(input) {
        elements += 1;
        match value {
            Ok(value) => check_reason(&value),
            Err(err) => check_error(input, Some(err)),
        }
    }
    assert!(elements >= 1);
    if elements == 1 {
        assert_eq!(Reason::parse_all(input).next().unwrap(), whole);
    }

    let whole = Warning::parse(input);
    check_error(input, whole.err());
    let mut elements = 0;
    for value in Warning::parse_all(input) {
        elements += 1;
        match value {
            Ok(value) => check_warning(&value),
            Err(err) => check_error(input, Some(err)),
        }
    }
    if elements == 1 {
        assert_eq!(Warning::parse_all(input).next().unwrap(), whole);
    }

    if let [a, b, ..] = input.as_bytes() {
        let code = u16::from_le_bytes([*a, *b]);
        for table in [Q850Table::Rfc3398, Q850Table::Rfc4497] {
            assert!(matches!(q850_for_warning(Some(code), table), 31 | 65));
        }
    }
});

fn check_error(input: &str, err: Option<ParseError>) {
    let Some(err) = err else { return };
    assert!(!err.to_string().is_empty());
    match err.kind() {
        ParseErrorKind::UnexpectedByte { offset, byte } => assert_eq!(input.as_bytes()[offset], byte),
        ParseErrorKind::UnterminatedQuotedString { offset } => assert_eq!(input.as_bytes()[offset], b'"'),
        ParseErrorKind::ExpectedToken { offset }
        | ParseErrorKind::InvalidCause { offset }
        | ParseErrorKind::ExpectedQuotedString { offset }
        | ParseErrorKind::DuplicateParameter { offset } => assert!(offset <= input.len()),
        _ => {}
    }
}

fn check_reason(value: &Reason<'_>) {
    let written = value.to_string();
    let again = Reason::parse(&written).expect("a parsed Reason writes back parseable");
    assert_eq!(&again, value);
    assert_eq!(again.to_string(), written);
    if let Some(code) = value.sip_code() {
        assert!((100..=999).contains(&code.get()));
    }
    if let Some(cause) = value.q850_cause() {
        assert!((1..=127).contains(&cause));
    }
    if let (Some(raw), Some(text)) = (value.text(), value.text_unescaped()) {
        assert!(text.count() <= raw.chars().count());
    }
    let plain = value.text().is_none_or(|text| !text.contains(['\\', '"']));
    if plain && value.extensions().next().is_none() {
        let rebuilt = Reason::new(value.protocol(), value.cause(), value.text()).expect("parts of a parsed value");
        assert_eq!(&rebuilt, value);
    }
}

fn check_warning(value: &Warning<'_>) {
    assert!(value.code() <= 999);
    let written = value.to_string();
    let again = Warning::parse(&written).expect("a parsed Warning writes back parseable");
    assert_eq!(&again, value);
    assert_eq!(again.to_string(), written);
    assert!(value.text_unescaped().count() <= value.text().chars().count());
    if !value.text().contains(['\\', '"']) {
        assert_eq!(Warning::new(value.code(), value.agent(), value.text()), Ok(*value));
    }
}
