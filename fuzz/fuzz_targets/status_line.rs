//! `StatusLine::parse` on arbitrary bytes: never panics, and what it accepts it writes back
//! byte for byte.
//!
//! Checks, on every input: an accepted line is a prefix of the input ending in its first
//! CRLF, within `MAX_LEN` bytes; `write_to`, `encoded_len` and `Display` (for UTF-8) give
//! that prefix; the code is 100..=999 and its digits are the input's bytes 8..11; the
//! reason holds no CR or LF; `meaning` agrees with `from_code`/`interpret`; rebuilding the
//! line with `new` succeeds exactly when the phrase is in RFC 3261's grammar, and then
//! parses back to the same line. An error's offsets point at the byte they name, and
//! `MissingCrlf` is only returned for inputs shorter than `MAX_LEN` with no CRLF.
//!
//! `parse_after_version` on the same bytes: never panics, stops at a line end or the end of
//! the input, writes back `SIP/2.0 ` and what it read, and agrees with `parse` on
//! `SIP/2.0 ` followed by the input; its `&str` form agrees with it on UTF-8 input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_codes::iana::StatusCode;
use sip_codes::{Code, ParseErrorKind, StatusLine};

fuzz_target!(|input: &[u8]| {
    after_version(input);
    match StatusLine::parse(input) {
        Ok((line, rest)) => {
            let consumed = &input[..input.len() - rest.len()];
            assert!(consumed.len() <= StatusLine::MAX_LEN);
            assert!(consumed.ends_with(b"\r\n"));
            let end = consumed.len() - 2;
            assert!(!consumed[..end].contains(&b'\r') && !consumed[..end].contains(&b'\n'));
            let mut buf = vec![0u8; line.encoded_len()];
            assert_eq!(line.write_to(&mut buf), Ok(consumed.len()));
            assert_eq!(buf, consumed);
            if let Ok(text) = core::str::from_utf8(consumed) {
                assert_eq!(line.to_string(), text);
            }
            let code = line.code().get();
            assert!((100..=999).contains(&code));
            assert_eq!(line.code().as_str().as_bytes(), &input[8..11]);
            assert_eq!(Code::from_bytes(&input[8..11]), Ok(line.code()));
            match line.meaning::<StatusCode>() {
                Some(reading) => {
                    assert_eq!(reading.interpreted, StatusCode::from_code(code).is_none());
                    assert_eq!(Some(reading.status), StatusCode::interpret(code));
                }
                None => assert!(code >= 700),
            }
            if let Ok(built) = StatusLine::new(line.code(), line.reason()) {
                let mut out = vec![0u8; built.encoded_len()];
                built.write_to(&mut out).unwrap();
                assert_eq!(StatusLine::parse(&out), Ok((built, &[][..])));
            }
        }
        Err(error) => {
            assert!(!error.to_string().is_empty());
            match error.kind() {
                ParseErrorKind::BareLineBreak { offset } => assert!(matches!(input[offset], b'\r' | b'\n')),
                ParseErrorKind::ForbiddenByte { offset, byte } => assert_eq!(input[offset], byte),
                ParseErrorKind::MissingCrlf => {
                    assert!(input.len() < StatusLine::MAX_LEN);
                    assert!(!input.windows(2).any(|pair| pair == b"\r\n"));
                }
                _ => {}
            }
        }
    }
});

fn after_version(input: &[u8]) {
    let result = StatusLine::parse_after_version(input);
    let mut whole = b"SIP/2.0 ".to_vec();
    whole.extend_from_slice(input);
    if let Ok((line, rest)) = StatusLine::parse(&whole) {
        let (part, part_rest) = result.expect("a line that parses whole parses after its version");
        assert_eq!((part.code(), part.reason()), (line.code(), line.reason()));
        assert_eq!(&part_rest[2..], rest);
    }
    if let Ok(text) = core::str::from_utf8(input) {
        let from_str = StatusLine::parse_after_version_str(text).map(|(line, rest)| (line, rest.as_bytes()));
        assert_eq!(from_str, result);
    }
    match result {
        Ok((line, rest)) => {
            assert!(rest.is_empty() || matches!(rest[0], b'\r' | b'\n'));
            let consumed = &input[..input.len() - rest.len()];
            let mut buf = vec![0u8; line.encoded_len()];
            let written = line.write_to(&mut buf).unwrap();
            assert!(written <= StatusLine::MAX_LEN);
            let mut expected = b"SIP/2.0 ".to_vec();
            expected.extend_from_slice(consumed);
            expected.extend_from_slice(b"\r\n");
            assert_eq!(buf, expected);
        }
        Err(error) => {
            if let ParseErrorKind::ForbiddenByte { offset, byte } = error.kind() {
                assert_eq!(input[offset], byte);
            }
        }
    }
}
