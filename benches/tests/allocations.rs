//! Every benchmarked operation of sip-codes runs without touching the heap: each runs over
//! the whole benchmark mix under a counting global allocator (the one `allocation-counter`
//! installs, which counts per thread), and must be seen allocating nothing.

use std::hint::black_box;

use allocation_counter::measure;
use sip_codes::iana::StatusCode;
use sip_codes::{
    Class, Code, Q850Table, StatusLine, best_response, dialog_effect_fallback, q850_fallback,
    response_fallback,
};
use sip_codes_benches::{KNOWN, LINES, MIX, MIX_BYTES, MIX_STR, ours, rsip};

/// How many allocations `op` makes, reallocations included.
fn allocations(op: impl FnOnce()) -> u64 {
    measure(op).count_total
}

#[test]
fn the_counter_sees_allocations() {
    assert_eq!(allocations(|| drop(black_box(String::from("486 Busy Here")))), 1);
    // rsip keeps an unknown code's phrase in a `String`: the peer allocates where we do not.
    assert!(allocations(|| drop(black_box(rsip::lookup(477)))) >= 1);
}

#[test]
fn from_code_and_reason_phrase_do_not_allocate() {
    let mut found = 0;
    let count = allocations(|| {
        for &code in &MIX {
            if black_box(ours::lookup(code)).is_some() {
                found += 1;
            }
        }
    });
    assert_eq!(count, 0);
    assert_eq!(found, KNOWN.len());
}

#[test]
fn from_bytes_and_parse_do_not_allocate_on_success_or_error() {
    let mut parsed = 0;
    let malformed: [&[u8]; 8] =
        [b"", b"4860", b"0486", b"+486", b"486\tBusy", b"486 Busy", b"486\r\n", b"700"];
    let count = allocations(|| {
        for (&bytes, &text) in MIX_BYTES.iter().zip(&MIX_STR) {
            parsed += usize::from(black_box(ours::from_bytes(bytes)).is_ok());
            parsed += usize::from(black_box(ours::parse(text)).is_ok());
        }
        for bytes in malformed {
            assert!(black_box(ours::from_bytes(bytes)).is_err());
        }
        assert_eq!(ours::from_bytes(b"486 busy here"), Ok(StatusCode::BusyHere));
    });
    assert_eq!(count, 0);
    assert_eq!(parsed, 2 * KNOWN.len());
}

#[test]
fn display_into_a_reused_string_does_not_allocate() {
    let values = ours::values();
    let mut out = String::with_capacity(64);
    let mut written = 0;
    let count = allocations(|| {
        for &status in &values {
            ours::display(&mut out, status);
            written += black_box(&out).len();
        }
    });
    assert_eq!(count, 0);
    assert_eq!(written, values.iter().map(|status| status.as_str().len()).sum::<usize>());
    assert_eq!(out, "603 Decline");
    let count = allocations(|| {
        for &status in &values {
            ours::push_line(&mut out, status);
            black_box(&out);
        }
    });
    assert_eq!(count, 0);
}

#[test]
fn interpret_does_not_allocate() {
    let mut interpreted = Vec::with_capacity(MIX.len());
    let count = allocations(|| {
        for &code in &MIX {
            interpreted.push(black_box(ours::interpret(code)));
        }
    });
    assert_eq!(count, 0);
    assert_eq!(interpreted.last(), Some(&Some(StatusCode::BadRequest)));
    assert!(interpreted.iter().all(Option::is_some));
}

#[test]
fn classify_class_and_is_final_do_not_allocate() {
    let values = ours::values();
    let mut finals = 0;
    let mut client_errors = 0;
    let count = allocations(|| {
        for &status in &values {
            black_box(ours::classify(status));
            if black_box(ours::class(status)) == Class::ClientError {
                client_errors += 1;
            }
            finals += usize::from(black_box(ours::is_final(status)));
        }
    });
    assert_eq!(count, 0);
    assert_eq!(finals, 12);
    assert_eq!(client_errors, 8);
}

#[test]
fn best_response_and_the_fallbacks_do_not_allocate() {
    let context = MIX.map(|code| Code::new(code).expect("in 100..=999"));
    let lone_503 = [Code::new(503).expect("in 100..=999"); 4];
    let mut mapped = 0;
    let count = allocations(|| {
        // Arrays, slices and lazy iterators: the choice keeps no buffer of its own.
        assert_eq!(black_box(best_response(black_box(context))).map(|(index, _)| index), Some(3));
        let finals = context.iter().copied().filter(|code| code.get() != 200);
        assert_eq!(black_box(best_response(finals)).map(|(_, code)| code.get()), Some(603));
        assert_eq!(black_box(best_response(lone_503)).map(|(_, code)| code.get()), Some(500));
        assert_eq!(best_response((100..=999).filter_map(Code::new)), Code::new(200).map(|code| (100, code)));
        for &code in &context {
            mapped += usize::from(black_box(q850_fallback(code, Q850Table::Rfc3398)).is_some());
            mapped += usize::from(black_box(dialog_effect_fallback(code)).is_some());
        }
        for cause in 0..=u8::MAX {
            mapped += usize::from(black_box(response_fallback(cause, Q850Table::Rfc4497)).is_some());
        }
    });
    assert_eq!(count, 0);
    assert_eq!(mapped, 11 + 12 + 127);
}

#[test]
fn status_line_parse_meaning_and_write_to_do_not_allocate() {
    let mut buf = [0u8; 128];
    let (mut parsed, mut interpreted, mut written) = (0, 0, 0);
    let count = allocations(|| {
        for input in LINES {
            let (line, rest) = black_box(StatusLine::parse(black_box(input))).unwrap();
            parsed += usize::from(rest.is_empty());
            if let Some(reading) = black_box(line.meaning::<StatusCode>()) {
                interpreted += usize::from(reading.interpreted);
            }
            written += black_box(line.write_to(&mut buf)).unwrap();
        }
        // Errors too.
        for input in
            [&b"SIP/2.0 4294967301 x\r\n"[..], b"SIP/2.0 200 OK\n", b"HTTP/1.1 200 OK\r\n", b"SIP/2.0 2"]
        {
            assert!(black_box(StatusLine::parse(black_box(input))).is_err());
        }
        let code = Code::new(486).unwrap();
        assert!(black_box(StatusLine::new(code, "Busy Here")).is_ok());
        assert!(black_box(StatusLine::new(code, "Busy\r\nVia: x")).is_err());
    });
    assert_eq!(count, 0);
    assert_eq!(parsed, LINES.len());
    assert_eq!(interpreted, 1);
    assert_eq!(written, LINES.iter().map(|line| line.len()).sum::<usize>());
}

#[test]
fn status_line_of_every_registered_code_does_not_allocate() {
    let mut bytes = 0;
    let count = allocations(|| {
        for status in StatusCode::ALL {
            let line = black_box(black_box(*status).status_line());
            bytes += line.len();
        }
    });
    assert_eq!(count, 0);
    // "SIP/2.0 " + three digits + " " + phrase + CRLF for each code.
    let expected: usize =
        StatusCode::ALL.iter().map(|status| 8 + 3 + 1 + status.reason_phrase().len() + 2).sum();
    assert_eq!(bytes, expected);
}

#[test]
fn code_as_str_and_from_bytes_do_not_allocate() {
    let mut total = 0;
    let count = allocations(|| {
        for number in 100..=999 {
            let code = black_box(Code::new(black_box(number))).unwrap();
            let text = black_box(code.as_str());
            total += usize::from(black_box(Code::from_bytes(text.as_bytes())) == Ok(code));
        }
        for input in [&b""[..], b"099", b"1000", b"48", b"486 "] {
            assert!(black_box(Code::from_bytes(black_box(input))).is_err());
        }
    });
    assert_eq!(count, 0);
    assert_eq!(total, 900);
}
