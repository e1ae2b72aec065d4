//! On the wire: `Code` and `StatusLine` on real status lines gathered from public material
//! (`data/status-lines.txt`, each group with its source), on the real lines a strict parser
//! rejects (`data/status-lines-invalid.txt`), and on generated inputs (proptest).

use proptest::prelude::*;
use sip::iana::StatusCode;
use sip::{Class, Code, ParseErrorKind, Reading, SipStatus, StatusLine};
use sip_codes_tests::VendorStatus;

const CORPUS: &str = include_str!("../data/status-lines.txt");
const INVALID: &str = include_str!("../data/status-lines-invalid.txt");

/// The data lines of a corpus file: every line that is neither blank nor a `#` comment,
/// exactly as written (a trailing SP is part of the line).
fn data_lines(file: &str) -> Vec<&str> {
    file.lines().filter(|line| !line.is_empty() && !line.starts_with('#')).collect()
}

/// Writes `line` into a fresh buffer and returns the bytes.
fn written(line: &StatusLine<'_>) -> Vec<u8> {
    let mut buf = vec![0; line.encoded_len()];
    assert_eq!(line.write_to(&mut buf), Ok(buf.len()));
    buf
}

#[test]
fn every_real_line_parses_writes_back_byte_for_byte_and_reads_right() {
    let lines = data_lines(CORPUS);
    assert!(lines.len() >= 150, "{} lines", lines.len());
    let mut codes = std::collections::BTreeSet::new();
    for text in lines {
        // As received: the line, its CRLF, and the headers after it.
        let message = format!("{text}\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n\r\n");
        let (line, rest) = StatusLine::parse(message.as_bytes()).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(rest, b"Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n\r\n", "{text:?}");
        let wire = format!("{text}\r\n");
        assert_eq!(written(&line), wire.as_bytes(), "{text:?}");
        assert_eq!(line.to_string(), wire, "{text:?}");
        assert_eq!(format!("{line:#}"), text);

        // The parts, as the grammar reads them.
        let (version, after) = text.split_at(7);
        assert_eq!(line.version(), version.as_bytes());
        assert_eq!(line.code().as_str(), &after[1..4]);
        assert_eq!(line.reason(), text.as_bytes().get(12..).unwrap_or_default(), "{text:?}");
        codes.insert(line.code().get());

        // The meaning: every code in the corpus is registered, so it reads as itself. The
        // phrase plays no part ("183 Ringing" is 183, "500 Internal Server Error" is 500).
        let code = line.code().get();
        let reading = line.meaning::<StatusCode>().unwrap();
        assert_eq!(reading, Reading { status: StatusCode::from_code(code).unwrap(), interpreted: false });
        assert_eq!(reading.status.code(), code);
        assert_eq!(Some(reading.status.class()), line.code().class());
        // A line built from the parts is the same line.
        assert_eq!(
            StatusLine::new(line.code(), line.reason()).map(|built| written(&built)),
            Ok(wire.into_bytes())
        );
    }
    assert!(codes.len() >= 25, "{} distinct codes: {codes:?}", codes.len());
}

#[test]
fn the_corpus_reads_as_one_stream() {
    let lines = data_lines(CORPUS);
    let stream: String = lines.iter().map(|line| format!("{line}\r\n")).collect();
    let mut rest = stream.as_bytes();
    for text in &lines {
        let (line, after) = StatusLine::parse(rest).unwrap();
        assert_eq!(format!("{line:#}"), *text);
        rest = after;
    }
    assert!(rest.is_empty());
}

#[test]
fn the_real_lines_a_strict_parser_rejects() {
    let lines = data_lines(INVALID);
    assert_eq!(lines.len(), 7);
    for text in lines {
        let wire = format!("{text}\r\n");
        let parsed = StatusLine::parse(wire.as_bytes());
        match text {
            // RFC 4475 §3.1.2.19 "bigcode".
            "SIP/2.0 4294967301 better not break the receiver" => {
                assert_eq!(parsed.unwrap_err().kind(), ParseErrorKind::TooManyDigits);
            }
            // RFC 3665 §3.9's typo: two SP before the code.
            "SIP/2.0  486 Busy Here" => assert_eq!(parsed.unwrap_err().kind(), ParseErrorKind::InvalidDigit),
            "SIP2.0 200 OK" => assert_eq!(parsed.unwrap_err().kind(), ParseErrorKind::BadVersion),
            // No SP before the empty phrase: pjsip refuses it, sofia-sip and resiprocate
            // accept it, and so do we (documented), keeping the bytes as they came.
            "SIP/2.0 200" | "SIP/2.0 100" => {
                let (line, rest) = parsed.unwrap();
                assert!(rest.is_empty());
                assert_eq!(line.reason(), b"");
                assert_eq!(written(&line), wire.as_bytes());
                assert_eq!(line.to_string(), wire);
                // A line built with `new` always has the SP.
                assert_eq!(
                    written(&StatusLine::new(line.code(), "").unwrap()),
                    format!("{text} \r\n").as_bytes()
                );
            }
            other => panic!("no expectation for {other:?}"),
        }
    }
}

#[test]
fn codes_no_registry_defines_are_kept_and_read_by_rfc3261_8_1_3_2() {
    // (line, what iana::StatusCode reads it as). 409 and 411 are RFC 2543 leftovers, 477 is
    // Kamailio's local "sending to next hop failed", 7xx to 999 are stacks' internal codes.
    let cases: [(&str, Option<StatusCode>); 11] = [
        ("SIP/2.0 150 Something new", Some(StatusCode::SessionProgress)),
        ("SIP/2.0 409 Conflict", Some(StatusCode::BadRequest)),
        ("SIP/2.0 411 Length Required", Some(StatusCode::BadRequest)),
        ("SIP/2.0 477 Unfortunately error on sending to next hop occurred", Some(StatusCode::BadRequest)),
        ("SIP/2.0 490 Request Updated", Some(StatusCode::BadRequest)),
        ("SIP/2.0 599 Whatever", Some(StatusCode::ServerInternalError)),
        ("SIP/2.0 687 Dialog Terminated", Some(StatusCode::BusyEverywhere)),
        ("SIP/2.0 701 No response from destination server", None),
        ("SIP/2.0 702 Unable to resolve destination server", None),
        ("SIP/2.0 703 Timeout", None),
        ("SIP/2.0 999 Unknown", None),
    ];
    for (text, expected) in cases {
        let wire = format!("{text}\r\n");
        let (line, _) = StatusLine::parse(wire.as_bytes()).unwrap();
        assert_eq!(written(&line), wire.as_bytes());
        assert_eq!(StatusCode::from_code(line.code().get()), None, "{text}");
        assert_eq!(
            line.meaning::<StatusCode>(),
            expected.map(|status| Reading { status, interpreted: true })
        );
        assert_eq!(line.code().class().is_some(), expected.is_some());
    }
    // The vendor type defines some of them: read as themselves there.
    let (line, _) = StatusLine::parse(b"SIP/2.0 477 Sending Failed\r\n").unwrap();
    let vendor = VendorStatus::from_code(477).unwrap();
    assert_eq!(line.meaning::<VendorStatus>(), Some(Reading { status: vendor, interpreted: false }));
}

#[test]
fn code_and_the_generated_types_agree_on_every_u16() {
    for number in 0..=u16::MAX {
        let code = Code::new(number);
        assert_eq!(code.is_some(), (100..=999).contains(&number));
        assert_eq!(Code::try_from(number).ok(), code);
        for status in [
            StatusCode::from_code(number).map(|s| (s.code(), s.class())),
            VendorStatus::from_code(number).map(|s| (s.code(), s.class())),
        ]
        .into_iter()
        .flatten()
        {
            let code = code.expect("a generated code is a Code");
            assert_eq!(status.0, code);
            assert_eq!(code, status.0);
            assert_eq!(Some(status.1), code.class());
            assert_eq!(code.is_final(), status.1.is_final());
        }
        // A generated type interprets exactly the codes that have a class.
        assert_eq!(StatusCode::interpret(number).is_some(), code.and_then(Code::class).is_some(), "{number}");
        assert_eq!(VendorStatus::interpret(number).is_some(), code.and_then(Code::class).is_some());
        if let Some(code) = code {
            assert_eq!(code.as_str(), format!("{number}"));
            assert_eq!(code.to_string(), format!("{number}"));
            assert_eq!(code.as_str().parse::<Code>(), Ok(code));
            assert_eq!(code.class(), Class::from_code(number));
            let predicates = [
                code.is_provisional(),
                code.is_success(),
                code.is_redirection(),
                code.is_client_error(),
                code.is_server_error(),
                code.is_global_failure(),
            ];
            let class_digit = code.class().map(|class| usize::from(class.digit()));
            for (digit, holds) in (1..).zip(predicates) {
                assert_eq!(holds, class_digit == Some(digit), "{number}");
            }
        }
    }
}

#[test]
fn sip_status_is_generic_over_the_generated_types() {
    fn read<T: SipStatus>(code: u16) -> Option<(u16, bool)> {
        let line = format!("SIP/2.0 {code} x\r\n");
        let (line, _) = StatusLine::parse(line.as_bytes()).ok()?;
        line.meaning::<T>().map(|reading| (reading.status.code(), reading.interpreted))
    }
    assert_eq!(read::<StatusCode>(486), Some((486, false)));
    assert_eq!(read::<StatusCode>(477), Some((400, true)));
    assert_eq!(read::<StatusCode>(199), Some((199, false)));
    assert_eq!(read::<StatusCode>(198), Some((183, true)));
    assert_eq!(read::<VendorStatus>(486), Some((486, false)));
    assert_eq!(read::<StatusCode>(799), None);
    assert_eq!(read::<StatusCode>(99), None);
}

#[test]
fn errors_say_why() {
    let message = |input: &[u8]| StatusLine::parse(input).unwrap_err().to_string();
    assert_eq!(
        message(b"SIP/2.0 200 OK"),
        "the status line does not end with CRLF (the input may be incomplete)"
    );
    assert_eq!(
        message(b"SIP/3.0 200 OK\r\n"),
        "a status line must start with the SIP-Version \"SIP/2.0\" and a space"
    );
    assert_eq!(message(b"SIP/2.0 099 Low\r\n"), "status code 099 is below 100");
    assert_eq!(message(b"SIP/2.0 4294967301 x\r\n"), "a status code has exactly three digits, found more");
    assert_eq!(message(b"SIP/2.0 20 OK\r\n"), "a status code must start with three ASCII digits");
    assert_eq!(
        message(b"SIP/2.0 200 OK\nVia: x\r\n"),
        "bare CR or LF at byte 14: a status line ends with CRLF and its reason phrase holds neither"
    );
    assert_eq!(
        message(b"SIP/2.0 200 O\x01K\r\n"),
        "byte 0x01 at offset 13 is not allowed in a reason phrase"
    );
    let long = [b"SIP/2.0 200 ".as_slice(), &[b'a'; 9000]].concat();
    assert_eq!(message(&long), "no CRLF in the first 8192 bytes: the status line is too long");
    assert_eq!(Code::try_from(1000).unwrap_err().to_string(), "status code 1000 is outside 100..=999");
    assert_eq!(
        "486 Busy".parse::<Code>().unwrap_err().to_string(),
        "expected the three digits of a status code alone"
    );
    assert_eq!(StatusLine::parse(b"SIP/2.0 099 Low\r\n").unwrap_err().code(), Some(99));
}

#[test]
fn new_refuses_header_injection() {
    let code = Code::new(200).unwrap();
    for reason in ["OK\r\nContact: <sip:evil@example.com>", "OK\nContact: x", "OK\rX", "OK\0"] {
        let error = StatusLine::new(code, reason).unwrap_err();
        assert_eq!(
            error.kind(),
            ParseErrorKind::ForbiddenByte { offset: 2, byte: reason.as_bytes()[2] },
            "{reason:?}"
        );
    }
}

/// A Reason-Phrase RFC 3261 §25.1 allows: its ASCII characters, escapes and any UTF-8.
fn grammar_phrase() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9;/?:@&=+$,\\-_.!~*'() \t]{1,8}",
        1 => "%[0-9a-fA-F]{2}",
        1 => any::<char>().prop_filter("non-ASCII", |c| !c.is_ascii()).prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
}

/// Any byte `parse` accepts in a phrase: HTAB, SP to `~`, 0x80 up.
fn lenient_phrase() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        any::<u8>().prop_filter("phrase byte", |&b| b == b'\t' || (b >= 0x20 && b != 0x7F)),
        0..40,
    )
}

proptest! {
    #[test]
    fn parse_of_written_is_identity(code in 100u16..=999, reason in grammar_phrase()) {
        let line = StatusLine::new(Code::new(code).unwrap(), &reason).unwrap();
        let wire = written(&line);
        prop_assert_eq!(StatusLine::parse(&wire), Ok((line, &[][..])));
        prop_assert_eq!(line.to_string().into_bytes(), wire.clone());
        prop_assert_eq!(line.reason(), reason.as_bytes());
    }

    #[test]
    fn any_lenient_line_round_trips(
        code in 100u16..=999,
        version_case in any::<[bool; 3]>(),
        space in prop_oneof![9 => Just(true), 1 => Just(false)],
        reason in lenient_phrase(),
        rest in prop::collection::vec(any::<u8>(), 0..16),
    ) {
        let mut version = *b"SIP/2.0";
        for (byte, lower) in version.iter_mut().zip(version_case) {
            if lower { byte.make_ascii_lowercase() }
        }
        let reason = if space { reason } else { Vec::new() };
        let line = [&version[..], b" ", format!("{code}").as_bytes(), if space { b" " } else { b"" }, &reason, b"\r\n"].concat();
        let input = [&line[..], &rest].concat();
        let (parsed, after) = StatusLine::parse(&input).unwrap();
        prop_assert_eq!(after, &rest[..]);
        prop_assert_eq!(parsed.code(), code);
        prop_assert_eq!(parsed.version(), &version[..]);
        prop_assert_eq!(parsed.reason(), &reason[..]);
        prop_assert_eq!(written(&parsed), line.clone());
        // Every proper prefix of a valid line asks for more input.
        for end in 0..line.len() {
            prop_assert_eq!(StatusLine::parse(&line[..end]).unwrap_err().kind(), ParseErrorKind::MissingCrlf, "{}", end);
        }
    }

    #[test]
    fn parse_never_panics_and_accepts_only_what_it_writes_back(input in prop::collection::vec(any::<u8>(), 0..64)) {
        check_parse(&input)?;
    }

    #[test]
    fn parse_never_panics_after_a_valid_start(
        start in prop::sample::select(vec!["SIP/2.0 ", "sip/2.0 2", "SIP/2.0 486", "SIP/2.0 486 ", "SIP/2.0 200 OK"]),
        tail in prop::collection::vec(prop_oneof![
            4 => any::<u8>(),
            1 => prop::sample::select(vec![b'\r', b'\n', b' ', b'0', b'9']),
        ], 0..24),
    ) {
        check_parse(&[start.as_bytes(), &tail].concat())?;
    }
}

/// What holds for `parse` on any input: no panic; an accepted line is a prefix of the input
/// that writes back byte for byte, and an error's offsets point at the byte they name.
fn check_parse(input: &[u8]) -> Result<(), TestCaseError> {
    match StatusLine::parse(input) {
        Ok((line, rest)) => {
            let consumed = &input[..input.len() - rest.len()];
            prop_assert_eq!(written(&line), consumed);
            prop_assert!(consumed.ends_with(b"\r\n"));
            prop_assert!(!line.reason().iter().any(|&b| b == b'\r' || b == b'\n'));
            prop_assert!((100..=999).contains(&line.code().get()));
        }
        Err(error) => {
            prop_assert!(!error.to_string().is_empty());
            match error.kind() {
                ParseErrorKind::BareLineBreak { offset } => {
                    prop_assert!(matches!(input[offset], b'\r' | b'\n'))
                }
                ParseErrorKind::ForbiddenByte { offset, byte } => prop_assert_eq!(input[offset], byte),
                ParseErrorKind::MissingCrlf => prop_assert!(input.len() < StatusLine::MAX_LEN),
                _ => {}
            }
        }
    }
    Ok(())
}

#[test]
fn a_tokenizer_that_read_the_version_gets_the_same_line() {
    for text in data_lines(CORPUS) {
        let message = format!("{text}\r\nVia: x\r\n");
        let (whole, _) = StatusLine::parse(message.as_bytes()).unwrap();
        // After "SIP/2.0 " (in whatever case): the code, phrase and rest, byte for byte.
        let after = &message[8..];
        let (line, rest) = StatusLine::parse_after_version(after.as_bytes()).unwrap();
        assert_eq!((line.code(), line.reason()), (whole.code(), whole.reason()), "{text:?}");
        assert_eq!(rest, b"\r\nVia: x\r\n", "{text:?}");
        let (line_str, rest_str) = StatusLine::parse_after_version_str(after).unwrap();
        assert_eq!(line_str, line);
        assert_eq!(rest_str, "\r\nVia: x\r\n");
        assert_eq!(line.reason_str(), std::str::from_utf8(whole.reason()).ok());
        // It writes SIP/2.0 and the bytes it read.
        let expected = format!("SIP/2.0 {}\r\n", &text[8..]);
        assert_eq!(written(&line), expected.as_bytes(), "{text:?}");
        // Split off by the caller: the same line, nothing left.
        let (alone, rest) = StatusLine::parse_after_version_str(&text[8..]).unwrap();
        assert_eq!((alone, rest), (line, ""));
        // And the whole-line form from text.
        let (from_str, headers) = StatusLine::parse_str(&message).unwrap();
        assert_eq!((from_str, headers), (whole, "Via: x\r\n"));
    }
}

proptest! {
    #[test]
    fn after_the_version_reads_as_the_whole_line_does(tail in proptest::collection::vec(any::<u8>(), 0..64)) {
        let mut message = b"SIP/2.0 ".to_vec();
        message.extend_from_slice(&tail);
        let whole = StatusLine::parse(&message);
        let after = StatusLine::parse_after_version(&tail);
        if let Ok((line, rest)) = whole {
            // A whole line that parses parses after its version too, with the CRLF left.
            let (part, part_rest) = after.unwrap();
            prop_assert_eq!((part.code(), part.reason()), (line.code(), line.reason()));
            prop_assert_eq!(&part_rest[2..], rest);
        }
        if let Ok((line, rest)) = StatusLine::parse_after_version(&tail) {
            // What it reads is a line, and the rest starts at a line end or is empty.
            prop_assert!(rest.is_empty() || rest[0] == b'\r' || rest[0] == b'\n');
            // It writes back the version, the bytes it read, and a CRLF.
            let mut expected = b"SIP/2.0 ".to_vec();
            expected.extend_from_slice(&tail[..tail.len() - rest.len()]);
            expected.extend_from_slice(b"\r\n");
            prop_assert_eq!(written(&line), expected);
        }
    }
}
