//! The benchmarks compare like with like: every library reads every input to the same code,
//! so no time is a fast error path.

use sip_codes_benches::{LINES, MIX, MIX_BYTES, head_inputs, http, ours, rsip};

fn code_of(line: &[u8]) -> u16 {
    std::str::from_utf8(&line[8..11]).expect("digits").parse().expect("a number")
}

#[test]
fn every_parser_reads_every_line_to_its_code() {
    let http_heads = head_inputs("HTTP/1.1");
    let sip_heads = head_inputs("SIP/2.0");
    for ((line, http_head), sip_head) in LINES.iter().zip(&http_heads).zip(&sip_heads) {
        let code = code_of(line);
        let (parsed, rest) = ours::status_line(line).expect("ours reads the line");
        assert_eq!((parsed.code().get(), rest), (code, &b""[..]));

        let mut headers = [httparse::EMPTY_HEADER; 0];
        let mut response = httparse::Response::new(&mut headers);
        assert_eq!(response.parse(http_head), Ok(httparse::Status::Complete(http_head.len())));
        assert_eq!(response.code, Some(code));
        assert!(http::httparse(http_head).is_ok_and(|status| status.is_complete()));

        let response = rsip::parse_response(sip_head).expect("rsip reads the head");
        assert_eq!(u16::from(response.status_code), code, "{}", String::from_utf8_lossy(line));
    }
}

#[test]
fn the_written_lines_are_the_same_text() {
    let mut out = String::new();
    for (ours_value, http_value) in ours::values().into_iter().zip(http::values()) {
        ours::write_status_line(&mut out, ours_value);
        // http's phrases are HTTP's: the same line only where the two registries agree.
        let theirs = http::format_status_line(http_value);
        assert_eq!(out.len() > 12, theirs.len() > 12);
        assert!(out.starts_with(&theirs[..12]), "{out:?} {theirs:?}");
    }
}

#[test]
fn code_from_bytes_agrees_with_http_on_the_mix() {
    for (&bytes, &code) in MIX_BYTES.iter().zip(&MIX) {
        assert_eq!(ours::code_from_bytes(bytes).map(sip_codes::Code::get).ok(), Some(code));
        assert_eq!(http::from_bytes(bytes).map(|status| status.as_u16()).ok(), Some(code));
    }
}
