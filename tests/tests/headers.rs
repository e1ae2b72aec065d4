//! The Reason (RFC 3326, RFC 6432, RFC 8606, RFC 9366) and Warning (RFC 3261 §20.43) header
//! values, and the Warning-aware Q.850 mapping for 488 and 606 (RFC 3398 §8.2.6.1, RFC 4497
//! §8.4.4): header values from public sources, each named where it is used, error cases
//! with their offsets, `Display` then `parse` round trips (also by proptest), and inputs
//! large enough that a quadratic scan would not finish.

use proptest::prelude::*;
use sip::iana::StatusCode;
use sip::{
    Code, ParseErrorKind, Q850Table, Reason, Warning, is_bearer_warning, q850_fallback, q850_for_response,
    q850_for_warning,
};

const TABLES: [Q850Table; 2] = [Q850Table::Rfc3398, Q850Table::Rfc4497];

fn reason(value: &str) -> Reason<'_> {
    Reason::parse(value).unwrap_or_else(|err| panic!("{value:?}: {err}"))
}

fn warning(value: &str) -> Warning<'_> {
    Warning::parse(value).unwrap_or_else(|err| panic!("{value:?}: {err}"))
}

fn reason_error(value: &str) -> ParseErrorKind {
    Reason::parse(value).map(|r| r.to_string()).unwrap_err().kind()
}

fn warning_error(value: &str) -> ParseErrorKind {
    Warning::parse(value).map(|w| w.to_string()).unwrap_err().kind()
}

/// `Display` then `parse` gives the value back, and `Display` is stable from there on.
fn assert_reason_round_trip(value: &Reason<'_>) {
    let written = value.to_string();
    let again = Reason::parse(&written).unwrap_or_else(|err| panic!("{written:?}: {err}"));
    assert_eq!(&again, value, "{written:?}");
    assert_eq!(again.to_string(), written);
}

fn assert_warning_round_trip(value: &Warning<'_>) {
    let written = value.to_string();
    let again = Warning::parse(&written).unwrap_or_else(|err| panic!("{written:?}: {err}"));
    assert_eq!(&again, value, "{written:?}");
    assert_eq!(again.to_string(), written);
}

// --- Reason: real values ---------------------------------------------------------------------

/// (value, protocol, cause, text as on the wire, source).
type ReasonCase = (&'static str, &'static str, Option<u16>, Option<&'static str>, &'static str);

const REASONS: &[ReasonCase] = &[
    // RFC 3326 §2, the four examples of the header (with their spaces before `;`).
    (
        r#"SIP ;cause=200 ;text="Call completed elsewhere""#,
        "SIP",
        Some(200),
        Some("Call completed elsewhere"),
        "RFC 3326 §2",
    ),
    (r#"Q.850 ;cause=16 ;text="Terminated""#, "Q.850", Some(16), Some("Terminated"), "RFC 3326 §2"),
    (r#"SIP ;cause=600 ;text="Busy Everywhere""#, "SIP", Some(600), Some("Busy Everywhere"), "RFC 3326 §2"),
    (
        r#"SIP ;cause=580 ;text="Precondition Failure""#,
        "SIP",
        Some(580),
        Some("Precondition Failure"),
        "RFC 3326 §2",
    ),
    // RFC 4411's preemption reason values (its registered protocol, in lower case).
    (
        r#"preemption ;cause=1 ;text="UA Preemption""#,
        "preemption",
        Some(1),
        Some("UA Preemption"),
        "RFC 4411",
    ),
    (
        r#"preemption ;cause=2 ;text="Reserved Resources Preempted""#,
        "preemption",
        Some(2),
        Some("Reserved Resources Preempted"),
        "RFC 4411",
    ),
    // The project's CLI fixture `cli/tests/fixtures/problems.txt` (written for its tests,
    // in the shapes FreeSWITCH and Asterisk send).
    (
        r#"Q.850;cause=16;text="Normal call clearing""#,
        "Q.850",
        Some(16),
        Some("Normal call clearing"),
        "problems.txt",
    ),
    ("Q.850;cause=16", "Q.850", Some(16), None, "problems.txt"),
    (
        r#"SIP;cause=200;text="Call completed elsewhere""#,
        "SIP",
        Some(200),
        Some("Call completed elsewhere"),
        "problems.txt",
    ),
    // ATIS-1000099's 603+ "Network Blocked" Reason (FreeSWITCH's 603+ tests send it): a `;`
    // and `=` inside the quoted text, then RFC 8606's location.
    (
        r#"SIP;cause=603;text="v=analytics1;url=https://example.com/redress";location=TN"#,
        "SIP",
        Some(603),
        Some("v=analytics1;url=https://example.com/redress"),
        "ATIS-1000099",
    ),
    (
        r#"Q.850;cause=21;text="v=analytics1;url=https://example.com/redress";location=LN"#,
        "Q.850",
        Some(21),
        Some("v=analytics1;url=https://example.com/redress"),
        "ATIS-1000099",
    ),
];

#[test]
fn reads_real_reason_values() {
    for &(value, protocol, cause, text, source) in REASONS {
        let parsed = reason(value);
        assert_eq!(parsed.protocol(), protocol, "{source}: {value}");
        assert_eq!(parsed.cause(), cause, "{source}: {value}");
        assert_eq!(parsed.text(), text, "{source}: {value}");
        assert_reason_round_trip(&parsed);
    }
}

#[test]
fn reads_the_cause_by_protocol() {
    // RFC 3326 §2: SIP's cause is a status code, Q.850's a cause value; the protocol
    // compares in any ASCII case (an ABNF string).
    let cancel = reason(r#"SIP ;cause=200 ;text="Call completed elsewhere""#);
    assert_eq!(cancel.sip_code(), Code::new(200));
    assert_eq!(cancel.q850_cause(), None);
    assert_eq!(
        StatusCode::try_from(cancel.sip_code().unwrap()).map(|status| status.reason_phrase()),
        Ok("OK")
    );

    let gateway = reason(r#"q.850 ;CAUSE=16 ;Text="Terminated""#);
    assert!(gateway.is_protocol("Q.850"));
    assert_eq!(gateway.q850_cause(), Some(16));
    assert_eq!(gateway.text(), Some("Terminated"));
    assert_eq!(gateway.sip_code(), None);
    // Written back with the protocol as received and the parameter names canonical.
    assert_eq!(gateway.to_string(), r#"q.850;cause=16;text="Terminated""#);

    // RFC 8224's STIR reuses SIP codes as its causes (here 438 Invalid Identity Header), but
    // is not SIP: the generic accessors read it.
    let stir = reason(r#"STIR;cause=438;text="Invalid Identity Header""#);
    assert_eq!((stir.cause(), stir.sip_code(), stir.q850_cause()), (Some(438), None, None));

    // Out of each protocol's range: the cause stays readable, the typed accessors say None.
    assert_eq!(reason("SIP;cause=99").sip_code(), None);
    assert_eq!(reason("SIP;cause=1000").sip_code(), None);
    assert_eq!(reason("Q.850;cause=0").q850_cause(), None);
    assert_eq!(reason("Q.850;cause=128").q850_cause(), None);
    assert_eq!(reason("Q.850;cause=0016").q850_cause(), Some(16));
    assert_eq!(reason("Q.850;cause=65535").cause(), Some(65535));
}

#[test]
fn reads_location_and_other_extensions() {
    // RFC 8606 §4: location carries the Q.850 location (LN: local network).
    let released = reason(r#"Q.850;cause=16;text="Terminated";location=LN"#);
    assert_eq!(released.location(), Some("LN"));
    assert_eq!(released.to_string(), r#"Q.850;cause=16;text="Terminated";location=LN"#);
    // Names compare in any case; a value keeps its case and its quotes; order is kept.
    let many = reason(
        r#"Q.850 ; cause = 16 ; LOCATION = LOC-6 ; ppi="<sip:a@example.com>" ; flag ; host=[2001:db8::1]"#,
    );
    assert_eq!(many.location(), Some("LOC-6"));
    let extensions: Vec<(&str, Option<&str>)> = many.extensions().map(|p| (p.name(), p.value())).collect();
    assert_eq!(
        extensions,
        [
            ("LOCATION", Some("LOC-6")),
            ("ppi", Some("\"<sip:a@example.com>\"")),
            ("flag", None),
            ("host", Some("[2001:db8::1]")),
        ]
    );
    assert_eq!(
        many.to_string(),
        r#"Q.850;cause=16;LOCATION=LOC-6;ppi="<sip:a@example.com>";flag;host=[2001:db8::1]"#
    );
    assert_reason_round_trip(&many);
    // Equality ignores the order of cause and text and the spaces around `;`.
    assert_eq!(reason(r#"SIP;text="x";cause=487"#), reason(r#"SIP ; cause=487 ; text="x""#));
    assert_ne!(reason("SIP;cause=487"), reason("sip;cause=487"));
    assert_ne!(reason("SIP;cause=487;a"), reason("SIP;cause=487;b"));
}

#[test]
fn unescapes_text_without_allocating() {
    // RFC 3261 §25.1: quoted-pair = "\" followed by the character itself.
    let value = reason(r#"SIP;cause=480;text="\"Bob\" said \\o/, goodbye""#);
    assert_eq!(value.text(), Some(r#"\"Bob\" said \\o/, goodbye"#));
    let mut out = String::new();
    for c in value.text_unescaped().unwrap() {
        out.push(c);
    }
    assert_eq!(out, r#""Bob" said \o/, goodbye"#);
    assert_eq!(value.text_unescaped().unwrap().to_string(), out);
    assert_reason_round_trip(&value);
    // A comma inside the quotes does not split a list.
    let list: Vec<_> = Reason::parse_all(value.to_string().as_str()).map(|r| r.map(|r| r.cause())).collect();
    assert_eq!(list, [Ok(Some(480))]);
    // Non-ASCII text (UTF8-NONASCII in qdtext) passes through.
    assert_eq!(reason(r#"Q.850;cause=17;text="Usuário ocupado""#).text(), Some("Usuário ocupado"));
}

#[test]
fn reads_a_header_with_several_values() {
    // RFC 3326 §2: one SIP and one Q.850 value in one header field.
    let header = r#"SIP ;cause=200 ;text="Call completed elsewhere", Q.850 ;cause=16 ;text="Terminated""#;
    let values: Vec<Reason> = Reason::parse_all(header).collect::<Result<_, _>>().unwrap();
    assert_eq!(values.len(), 2);
    assert_eq!(values[0].sip_code(), Code::new(200));
    assert_eq!(values[1].q850_cause(), Some(16));

    // A bad value is reported with its offset in the whole header, and the next is read.
    let header = "SIP;cause=487, Q.850;cause=;text=\"x\",STIR;cause=436 , ";
    let results: Vec<_> = Reason::parse_all(header).map(|r| r.map(|r| r.cause())).collect();
    assert_eq!(results.len(), 4);
    assert_eq!(results[0], Ok(Some(487)));
    assert_eq!(results[1].unwrap_err().kind(), ParseErrorKind::ExpectedToken { offset: 27 });
    assert_eq!(&header[27..28], ";");
    assert_eq!(results[2], Ok(Some(436)));
    assert_eq!(results[3].unwrap_err().kind(), ParseErrorKind::EmptyValue);

    assert_eq!(
        Reason::parse_all("").map(|r| r.unwrap_err().kind()).collect::<Vec<_>>(),
        [ParseErrorKind::EmptyValue]
    );
}

#[test]
fn refuses_bad_reason_values_saying_where() {
    use ParseErrorKind::*;
    let cases: &[(&str, ParseErrorKind)] = &[
        ("", EmptyValue),
        (" \t ", EmptyValue),
        (";cause=16", ExpectedToken { offset: 0 }),
        ("\"SIP\";cause=16", UnexpectedByte { offset: 0, byte: b'"' }),
        ("SIP;", ExpectedToken { offset: 4 }),
        ("SIP;;cause=200", ExpectedToken { offset: 4 }),
        ("SIP cause=200", UnexpectedByte { offset: 4, byte: b'c' }),
        ("SIP/2.0;cause=200", UnexpectedByte { offset: 3, byte: b'/' }),
        ("SIP;cause", InvalidCause { offset: 9 }),
        ("SIP;cause=", ExpectedToken { offset: 10 }),
        ("SIP;cause=2OO", InvalidCause { offset: 10 }),
        ("SIP;cause=\"200\"", InvalidCause { offset: 10 }),
        ("SIP;cause=-1", InvalidCause { offset: 10 }),
        ("SIP;cause=65536", InvalidCause { offset: 10 }),
        ("SIP;cause=99999999999999999999", InvalidCause { offset: 10 }),
        ("Q.850;cause=16;text=Terminated", ExpectedQuotedString { offset: 20 }),
        ("Q.850;cause=16;text", ExpectedQuotedString { offset: 19 }),
        ("Q.850;cause=16;text=\"Terminated", UnterminatedQuotedString { offset: 20 }),
        ("Q.850;cause=16;text=\"ends in \\\"", UnterminatedQuotedString { offset: 20 }),
        ("Q.850;cause=16;text=\"a\"b", UnexpectedByte { offset: 23, byte: b'b' }),
        ("Q.850;cause=16;text=\"bell\u{7}\"", UnexpectedByte { offset: 25, byte: 7 }),
        ("Q.850;cause=16;text=\"del\u{7f}\"", UnexpectedByte { offset: 24, byte: 0x7F }),
        ("Q.850;cause=16;text=\"\\é\"", UnexpectedByte { offset: 22, byte: 0xC3 }),
        ("Q.850;cause=16;cause=16", DuplicateParameter { offset: 15 }),
        ("Q.850;text=\"a\";TEXT=\"b\"", DuplicateParameter { offset: 15 }),
        ("Q.850;location=LN;location=U", DuplicateParameter { offset: 18 }),
        ("Q.850;cause=16\r\nVia: x", UnexpectedByte { offset: 14, byte: b'\r' }),
        ("Q.850;cause=16;text=\"folded\r\n line\"", UnexpectedByte { offset: 27, byte: b'\r' }),
        ("SIP;cause=200, Q.850;cause=16", UnexpectedByte { offset: 13, byte: b',' }),
        ("SIP;cause=200;x=", ExpectedToken { offset: 16 }),
        ("SIP;cause=200;x=[", ExpectedToken { offset: 17 }),
        ("SIP;cause=200;x=[]", UnexpectedByte { offset: 17, byte: b']' }),
        ("SIP;cause=200;x=[::1", ExpectedToken { offset: 20 }),
        ("SIP;cause=200;x=a b", UnexpectedByte { offset: 18, byte: b'b' }),
    ];
    for &(value, expected) in cases {
        assert_eq!(reason_error(value), expected, "{value:?}");
        let err = Reason::parse(value).unwrap_err();
        assert!(!err.to_string().is_empty());
        if let UnexpectedByte { offset, byte } = expected {
            assert_eq!(value.as_bytes()[offset], byte, "{value:?}");
        }
    }
    assert_eq!(
        Reason::parse("Q.850;cause=16\r\n").unwrap_err().to_string(),
        "line break (0x0D) at byte 14: a header value must be unfolded before it is parsed"
    );
    assert_eq!(
        Reason::parse("Q.850;cause=16;text=Terminated").unwrap_err().to_string(),
        "expected a quoted string at byte 20"
    );
    assert_eq!(
        Reason::parse("SIP;cause=65536").unwrap_err().to_string(),
        "the cause at byte 10 must be a decimal number up to 65535"
    );
}

#[test]
fn builds_values_to_send() {
    // A gateway's BYE or CANCEL (RFC 3326 §3), with the text of cause 16.
    let bye = Reason::q850(16, Some("Normal call clearing")).unwrap();
    assert_eq!(bye.to_string(), r#"Q.850;cause=16;text="Normal call clearing""#);
    assert_eq!(bye, reason(r#"Q.850;cause=16;text="Normal call clearing""#));
    assert_reason_round_trip(&bye);
    let cancel = Reason::sip(Code::new(200).unwrap(), Some("Call completed elsewhere")).unwrap();
    assert_eq!(cancel.to_string(), r#"SIP;cause=200;text="Call completed elsewhere""#);
    assert_eq!(Reason::sip(StatusCode::Rejected.into(), None).unwrap().to_string(), "SIP;cause=608");
    assert_eq!(Reason::new("STIR", Some(438), None).unwrap().to_string(), "STIR;cause=438");
    assert_eq!(Reason::new("X-Vendor", None, None).unwrap().to_string(), "X-Vendor");
    assert_eq!(Reason::new("Q.850", None, Some("")).unwrap().to_string(), r#"Q.850;text="""#);
    assert_eq!(Reason::q850(127, Some("Interworking, unspecified")).unwrap().q850_cause(), Some(127));
    assert_eq!(Reason::q850(1, Some("Tab\there é")).unwrap().text(), Some("Tab\there é"));

    use ParseErrorKind::*;
    assert_eq!(Reason::q850(0, None).unwrap_err().kind(), CauseOutOfRange(0));
    assert_eq!(Reason::q850(128, None).unwrap_err().kind(), CauseOutOfRange(128));
    assert_eq!(
        Reason::q850(255, None).unwrap_err().to_string(),
        "cause 255 is not a Q.850 cause value (1..=127)"
    );
    assert_eq!(Reason::new("", Some(1), None).unwrap_err().kind(), ExpectedToken { offset: 0 });
    assert_eq!(
        Reason::new("Q 850", Some(1), None).unwrap_err().kind(),
        UnexpectedByte { offset: 1, byte: b' ' }
    );
    assert_eq!(
        Reason::new("Q.850;", Some(1), None).unwrap_err().kind(),
        UnexpectedByte { offset: 5, byte: b';' }
    );
    for (text, offset, byte) in
        [("a\"b", 1, b'"'), ("a\\b", 1, b'\\'), ("a\r\nb", 1, b'\r'), ("\0", 0, 0), ("\u{7f}", 0, 0x7F)]
    {
        assert_eq!(
            Reason::q850(16, Some(text)).unwrap_err().kind(),
            UnexpectedByte { offset, byte },
            "{text:?}"
        );
    }
}

// --- Warning ---------------------------------------------------------------------------------

/// (value, code, agent, text as on the wire, source).
const WARNINGS: &[(&str, u16, &str, &str, &str)] = &[
    // RFC 3261 §20.43's examples.
    (
        r#"307 isi.edu "Session parameter 'foo' not understood""#,
        307,
        "isi.edu",
        "Session parameter 'foo' not understood",
        "RFC 3261 §20.43",
    ),
    (
        r#"301 isi.edu "Incompatible network address type 'E.164'""#,
        301,
        "isi.edu",
        "Incompatible network address type 'E.164'",
        "RFC 3261 §20.43",
    ),
    // The project's CLI fixture `cli/tests/fixtures/problems.txt` (a 488).
    (
        r#"305 gw.example.com "Incompatible media format""#,
        305,
        "gw.example.com",
        "Incompatible media format",
        "problems.txt",
    ),
    // NIST JAIN-SIP's WarningParserTest.
    (r#"399 foo.bar.com "hold requested""#, 399, "foo.bar.com", "hold requested", "JAIN-SIP"),
    (
        r#"392 192.168.89.71:5060 "Noisy feedback tells: pid=936 req_src_ip=192.168.89.20 in_uri=sip:xxx@yyyy.org:5061 out_uri=sip:xxx@yyyy.org:5061 via_cnt==1""#,
        392,
        "192.168.89.71:5060",
        "Noisy feedback tells: pid=936 req_src_ip=192.168.89.20 in_uri=sip:xxx@yyyy.org:5061 out_uri=sip:xxx@yyyy.org:5061 via_cnt==1",
        "JAIN-SIP",
    ),
    // An OpenIMSCore S-CSCF's 392 in a REGISTER response (SER's debugging warning).
    (
        r#"392 0.0.0.0:4060 "Noisy feedback tells:  pid=562 req_src_ip=172.17.0.3 req_src_port=3061 in_uri=sip:open-ims.test out_uri=sip:open-ims.test via_cnt==1""#,
        392,
        "0.0.0.0:4060",
        "Noisy feedback tells:  pid=562 req_src_ip=172.17.0.3 req_src_port=3061 in_uri=sip:open-ims.test out_uri=sip:open-ims.test via_cnt==1",
        "OpenIMSCore",
    ),
    // The same proxy on IPv6 writes the address without brackets, against RFC 3261's
    // hostport; read anyway (the agent is for debugging).
    (
        r#"392 2001:5C0:1502:1800:0:0:0:226:6060 "Noisy feedback tells:  pid=24454""#,
        392,
        "2001:5C0:1502:1800:0:0:0:226:6060",
        "Noisy feedback tells:  pid=24454",
        "OpenIMSCore",
    ),
    // The bracketed form RFC 3261 §25.1 asks for, and a pseudonym.
    (
        r#"370 [2001:db8::1]:5060 "Insufficient bandwidth""#,
        370,
        "[2001:db8::1]:5060",
        "Insufficient bandwidth",
        "RFC 3261 §25.1",
    ),
    (r#"399 devnull "Miscellaneous warning""#, 399, "devnull", "Miscellaneous warning", "RFC 3261 §25.1"),
];

#[test]
fn reads_real_warning_values() {
    for &(value, code, agent, text, source) in WARNINGS {
        let parsed = warning(value);
        assert_eq!((parsed.code(), parsed.agent(), parsed.text()), (code, agent, text), "{source}: {value}");
        assert_eq!(parsed.to_string(), value, "{source}");
        assert_warning_round_trip(&parsed);
    }
}

#[test]
fn reads_a_warning_header_with_several_values() {
    // NIST JAIN-SIP's WarningParserTest: three values, one with a space before its comma.
    let header = r#"312 ii.edu "Soda",  351 i.edu "Inetwork address 'E.164'" , 323 ii.edu "Sodwea""#;
    let values: Vec<Warning> = Warning::parse_all(header).collect::<Result<_, _>>().unwrap();
    let codes: Vec<u16> = values.iter().map(Warning::code).collect();
    assert_eq!(codes, [312, 351, 323]);
    assert_eq!(values[1].text(), "Inetwork address 'E.164'");

    // A comma in the text does not split; a bad value is reported with its offset in the
    // header and the next one read.
    let header = r#"399 a "x, y", 30 b "z", 304 c "Media type not available""#;
    let results: Vec<_> = Warning::parse_all(header).map(|w| w.map(|w| w.code())).collect();
    assert_eq!(results, [Ok(399), Err(sip::ParseError::new(ParseErrorKind::InvalidWarnCode)), Ok(304)]);
    let results: Vec<_> = Warning::parse_all(r#"399 a "x", 399 b"#).map(|w| w.map(|w| w.code())).collect();
    assert_eq!(results[1].unwrap_err().kind(), ParseErrorKind::ExpectedQuotedString { offset: 16 });
}

#[test]
fn keeps_warning_escapes_and_unescapes_on_demand() {
    let value = warning(r#"399 host "the \"media\" path is C:\\sip""#);
    assert_eq!(value.text(), r#"the \"media\" path is C:\\sip"#);
    assert_eq!(value.text_unescaped().to_string(), r#"the "media" path is C:\sip"#);
    assert_warning_round_trip(&value);
    // Leading zeros and spaces: the code keeps three digits, the spaces become one.
    let value = warning("  012 \t host   \"x\"  ");
    assert_eq!((value.code(), value.agent(), value.text()), (12, "host", "x"));
    assert_eq!(value.to_string(), r#"012 host "x""#);
}

#[test]
fn refuses_bad_warning_values_saying_where() {
    use ParseErrorKind::*;
    let cases: &[(&str, ParseErrorKind)] = &[
        ("", EmptyValue),
        ("\t", EmptyValue),
        ("305", InvalidWarnCode),
        ("305\"x\"", InvalidWarnCode),
        ("30 host \"x\"", InvalidWarnCode),
        ("3050 host \"x\"", InvalidWarnCode),
        ("３０５ host \"x\"", InvalidWarnCode),
        ("abc host \"x\"", InvalidWarnCode),
        ("305  \"x\"", UnexpectedByte { offset: 5, byte: b'"' }),
        ("305 host", ExpectedQuotedString { offset: 8 }),
        ("305 host Incompatible media format", ExpectedQuotedString { offset: 9 }),
        ("305 host\"x\"", UnexpectedByte { offset: 8, byte: b'"' }),
        ("305 host,x \"y\"", UnexpectedByte { offset: 8, byte: b',' }),
        ("305 host \"x", UnterminatedQuotedString { offset: 9 }),
        ("305 host \"x\" extra", UnexpectedByte { offset: 13, byte: b'e' }),
        ("305 host \"x\", 306 host \"y\"", UnexpectedByte { offset: 12, byte: b',' }),
        ("305 host \"x\r\n y\"", UnexpectedByte { offset: 11, byte: b'\r' }),
        ("305 h@st \"x\"", UnexpectedByte { offset: 5, byte: b'@' }),
    ];
    for &(value, expected) in cases {
        assert_eq!(warning_error(value), expected, "{value:?}");
        let err = Warning::parse(value).unwrap_err();
        assert!(!err.to_string().is_empty());
        if let UnexpectedByte { offset, byte } = expected {
            assert_eq!(value.as_bytes()[offset], byte, "{value:?}");
        }
    }
    assert_eq!(
        Warning::parse("30").unwrap_err().to_string(),
        "a warning value must start with a three-digit warn-code and a space"
    );
}

#[test]
fn builds_warnings_to_send() {
    let built = Warning::new(305, "gw.example.com", "Incompatible media format").unwrap();
    assert_eq!(built, warning(r#"305 gw.example.com "Incompatible media format""#));
    assert_eq!(Warning::new(7, "[::1]:5060", "").unwrap().to_string(), r#"007 [::1]:5060 """#);
    use ParseErrorKind::*;
    assert_eq!(Warning::new(1000, "host", "x").unwrap_err().kind(), InvalidWarnCode);
    assert_eq!(Warning::new(399, "", "x").unwrap_err().kind(), ExpectedToken { offset: 0 });
    assert_eq!(
        Warning::new(399, "host name", "x").unwrap_err().kind(),
        UnexpectedByte { offset: 4, byte: b' ' }
    );
    assert_eq!(
        Warning::new(399, "host", "say \"hi\"").unwrap_err().kind(),
        UnexpectedByte { offset: 4, byte: b'"' }
    );
    assert_eq!(
        Warning::new(399, "host", "two\nlines").unwrap_err().kind(),
        UnexpectedByte { offset: 3, byte: b'\n' }
    );
}

// --- Q.850 for 488 and 606 -------------------------------------------------------------------

#[test]
fn maps_488_and_606_by_their_warning() {
    // RFC 3398 §8.2.6.1 p.47 (rule R5 of shared/SEMANTICS.md): 65 for a warning about an
    // unavailable bearer capability, 31 for the other warn-codes and without a Warning.
    // Every three-digit code, both tables: 65 exactly for 304 and 305.
    for table in TABLES {
        for warn in 0..=999u16 {
            let expected = if matches!(warn, 304 | 305) { 65 } else { 31 };
            assert_eq!(is_bearer_warning(warn), expected == 65);
            assert_eq!(q850_for_warning(Some(warn), table), expected, "{warn} {table:?}");
            for code in [488, 606] {
                assert_eq!(q850_for_response(Code::new(code).unwrap(), Some(warn), table), Some(expected));
            }
        }
        assert_eq!(q850_for_warning(None, table), 31);
        // Without a Warning, the Warning-aware reading is the plain table's default.
        for status in [StatusCode::NotAcceptableHere, StatusCode::GlobalNotAcceptable] {
            assert_eq!(status.to_q850_with(table), Some(31));
            assert_eq!(q850_for_response(status.into(), None, table), Some(31));
        }
    }
    // The problems.txt 488 carries 305 "Incompatible media format": cause 65.
    let w = warning(r#"305 gw.example.com "Incompatible media format""#);
    assert_eq!(q850_for_response(Code::new(488).unwrap(), Some(w.code()), Q850Table::Rfc3398), Some(65));
}

#[test]
fn leaves_every_other_code_to_the_plain_table() {
    // The Warning changes only 488 and 606: every other code maps as `to_q850_with` (a
    // registered code) or `q850_fallback` (any other), whatever the warn-code.
    for table in TABLES {
        for number in 100..=999u16 {
            if matches!(number, 488 | 606) {
                continue;
            }
            let code = Code::new(number).unwrap();
            let plain = match StatusCode::from_code(number) {
                Some(status) => status.to_q850_with(table),
                None => q850_fallback(code, table),
            };
            for warn in [None, Some(304), Some(305), Some(399)] {
                assert_eq!(q850_for_response(code, warn, table), plain, "{number} {warn:?} {table:?}");
            }
        }
    }
    assert_eq!(q850_for_response(Code::new(486).unwrap(), Some(305), Q850Table::Rfc3398), Some(17));
    assert_eq!(q850_for_response(Code::new(487).unwrap(), None, Q850Table::Rfc3398), None);
    assert_eq!(q850_for_response(Code::new(487).unwrap(), None, Q850Table::Rfc4497), Some(31));
    assert_eq!(q850_for_response(Code::new(302).unwrap(), Some(305), Q850Table::Rfc3398), None);
}

// --- Bounded work ----------------------------------------------------------------------------

#[test]
fn hostile_inputs_take_linear_time() {
    // Each of these is a few MB; a scan that restarted per parameter, per comma or per
    // escape would take hours, so the test would not finish.
    let params = format!("X{}", ";a=b".repeat(500_000));
    let parsed = reason(&params);
    assert_eq!(parsed.extensions().count(), 500_000);
    assert_eq!(parsed.location(), None);
    assert_eq!(parsed.to_string(), params);

    let escapes = format!("SIP;cause=1;text=\"{}\"", "\\\"".repeat(1_000_000));
    assert_eq!(reason(&escapes).text_unescaped().unwrap().count(), 1_000_000);
    let unclosed = format!("SIP;text=\"{}", "\\\",".repeat(1_000_000));
    assert_eq!(
        Reason::parse(&unclosed).unwrap_err().kind(),
        ParseErrorKind::UnterminatedQuotedString { offset: 9 }
    );
    assert_eq!(Reason::parse_all(&unclosed).count(), 1);

    let commas = ",".repeat(1_000_000);
    assert_eq!(Reason::parse_all(&commas).filter(Result::is_err).count(), 1_000_001);
    let list = "304 h \"x\",".repeat(300_000);
    assert_eq!(Warning::parse_all(&list).filter(Result::is_ok).count(), 300_000);
    let spaces = format!("SIP{};cause=1", " ".repeat(1_000_000));
    assert_eq!(reason(&spaces).cause(), Some(1));
}

// --- Properties ------------------------------------------------------------------------------

fn token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9.!%*_+`'~-]{1,12}"
}

/// Text a constructor takes as it is: no `"`, `\` or control character but HTAB.
fn plain_text() -> impl Strategy<Value = String> {
    "[ \t!#-\\[\\]-~é€😀]{0,24}"
}

/// The inside of a quoted string as it may arrive: plain text and escapes.
fn wire_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![plain_text(), "\\\\[\\x00-\\x09\\x0b\\x0c\\x0e-\\x7f]"], 0..4)
        .prop_map(|parts| parts.concat())
}

fn gen_value() -> impl Strategy<Value = String> {
    prop_oneof![token(), wire_text().prop_map(|t| format!("\"{t}\"")), "\\[[0-9a-f:.]{1,10}\\]"]
}

fn space() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec!["", " ", "\t", "  "])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn built_reasons_round_trip(protocol in token(), cause in any::<Option<u16>>(), text in prop::option::of(plain_text())) {
        let built = Reason::new(&protocol, cause, text.as_deref()).unwrap();
        assert_reason_round_trip(&built);
        let again = built.to_string();
        let parsed = Reason::parse(&again).unwrap();
        prop_assert_eq!(parsed.protocol(), protocol.as_str());
        prop_assert_eq!(parsed.cause(), cause);
        prop_assert_eq!(parsed.text(), text.as_deref());
        prop_assert!(parsed.text_unescaped().map(|t| t.eq(text.as_deref().unwrap_or("").chars())).unwrap_or(text.is_none()));
    }

    #[test]
    fn received_reasons_round_trip(
        protocol in token(),
        params in prop::collection::vec((space(), token(), space(), prop::option::of((space(), gen_value()))), 0..5),
        cause in prop::option::of(0u32..70_000),
        text in prop::option::of(wire_text()),
    ) {
        let mut value = protocol.clone();
        if let Some(cause) = cause {
            value.push_str(&format!(" ;cause={cause}"));
        }
        for (before, name, after, value_part) in &params {
            value.push_str(&format!("{before};{after}{name}"));
            if let Some((around, gen_value)) = value_part {
                value.push_str(&format!("{around}={around}{gen_value}"));
            }
        }
        if let Some(text) = &text {
            value.push_str(&format!(";text=\"{text}\""));
        }
        match Reason::parse(&value) {
            Ok(parsed) => {
                prop_assert_eq!(parsed.protocol(), protocol.as_str());
                prop_assert_eq!(parsed.cause().map(u32::from), cause);
                assert_reason_round_trip(&parsed);
            }
            Err(err) => {
                // Only the rules on top of generic-param refuse it: a too-large cause, or a
                // generated extension called cause, text or location.
                let names: Vec<String> = params.iter().map(|p| p.1.to_ascii_lowercase()).collect();
                let clash = names.iter().any(|n| n == "cause" || n == "text")
                    || names.iter().filter(|n| *n == "location").count() > 1;
                prop_assert!(clash || cause.is_some_and(|c| c > 65_535), "{:?}: {}", value, err);
            }
        }
    }

    #[test]
    fn built_warnings_round_trip(code in 0u16..1000, agent in "[A-Za-z0-9.:\\[\\]-]{1,20}", text in plain_text()) {
        let built = Warning::new(code, &agent, &text).unwrap();
        assert_warning_round_trip(&built);
        prop_assert_eq!(built.text_unescaped().collect::<String>(), text);
    }

    #[test]
    fn arbitrary_input_never_panics_and_what_parses_round_trips(input in "\\PC{0,40}|[ -~\t\r\n\"\\\\;=,]{0,40}") {
        for value in Reason::parse_all(&input) {
            match value {
                Ok(value) => assert_reason_round_trip(&value),
                Err(err) => { let _ = err.to_string(); }
            }
        }
        for value in Warning::parse_all(&input) {
            match value {
                Ok(value) => assert_warning_round_trip(&value),
                Err(err) => {
                    if let ParseErrorKind::UnexpectedByte { offset, byte } = err.kind() {
                        prop_assert_eq!(input.as_bytes()[offset], byte);
                    }
                }
            }
        }
        if let Err(ParseErrorKind::UnexpectedByte { offset, byte }) = Reason::parse(&input).map_err(|err| err.kind()) {
            prop_assert_eq!(input.as_bytes()[offset], byte);
        }
    }
}
