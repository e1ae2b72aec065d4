//! The operations the benchmarks time, one module per library, on the same inputs.
//!
//! The criterion benchmarks (`benches/status.rs`) and the allocation test
//! (`tests/allocations.rs`) both call these functions, so the code that is timed is the code
//! that is proved not to allocate. Each function is what a user of that library would write
//! for the operation; `#[inline]` lets it inline into the benchmark loop as user code would.

/// The codes a SIP proxy typically sees, plus one code no registry defines (477).
pub const MIX: [u16; 16] = [100, 180, 183, 200, 302, 401, 404, 407, 408, 480, 486, 487, 488, 503, 603, 477];

/// [`MIX`] as the bytes a SIP parser holds.
pub const MIX_BYTES: [&[u8]; 16] = [
    b"100", b"180", b"183", b"200", b"302", b"401", b"404", b"407", b"408", b"480", b"486", b"487", b"488",
    b"503", b"603", b"477",
];

/// [`MIX`] as strings.
pub const MIX_STR: [&str; 16] = [
    "100", "180", "183", "200", "302", "401", "404", "407", "408", "480", "486", "487", "488", "503", "603",
    "477",
];

/// The codes of [`MIX`] that every library can hold as a value: all but the unknown 477,
/// which `sip_codes::iana::StatusCode` has no variant for.
pub const KNOWN: [u16; 15] = [100, 180, 183, 200, 302, 401, 404, 407, 408, 480, 486, 487, 488, 503, 603];

/// 16 real status lines as received (from `tests/data/status-lines.txt`, where each line's
/// source is named): canonical and other phrases, an empty phrase, a UTF-8 phrase (RFC 4475
/// §3.1.1.13), and codes no registry defines (477 from Kamailio, pjsip's 701).
pub const LINES: [&[u8]; 16] = [
    b"SIP/2.0 100 Trying\r\n",
    b"SIP/2.0 180 Ringing\r\n",
    b"SIP/2.0 183 Ringing\r\n",
    b"SIP/2.0 200 OK\r\n",
    b"SIP/2.0 302 Moved Temporarily\r\n",
    b"SIP/2.0 401 Authorization Required\r\n",
    b"SIP/2.0 407 Proxy Authorization Required\r\n",
    b"SIP/2.0 481 Call/Transaction Does Not Exist\r\n",
    b"SIP/2.0 486 Busy Here\r\n",
    b"SIP/2.0 487 Request Terminated\r\n",
    b"SIP/2.0 500 Internal Server Error\r\n",
    b"SIP/2.0 503 Maximum Calls In Progress\r\n",
    b"SIP/2.0 100 \r\n",
    "SIP/2.0 200 = 2**3 * 5**2 \u{43d}\u{43e} \u{441}\u{442}\u{43e}\r\n".as_bytes(),
    b"SIP/2.0 477 Sending Failed\r\n",
    b"SIP/2.0 701 Local\r\n",
];

/// [`LINES`] as the responses the peers parse: `HTTP/1.1` for httparse, and each line
/// followed by the empty line that ends a header section (httparse and rsip read a whole
/// head; neither has a status-line-only parser).
pub fn head_inputs(version: &str) -> Vec<Vec<u8>> {
    LINES
        .iter()
        .map(|line| {
            let mut head = version.as_bytes().to_vec();
            head.extend_from_slice(&line[b"SIP/2.0".len()..]);
            head.extend_from_slice(b"\r\n");
            head
        })
        .collect()
}

/// `sip_codes::iana::StatusCode`.
pub mod ours {
    use sip_codes::iana::StatusCode;
    use sip_codes::iana::status_code::Classified;
    use sip_codes::{Class, ParseError};
    use std::fmt::Write as _;

    /// [`KNOWN`](super::KNOWN) as values.
    pub fn values() -> Vec<StatusCode> {
        super::KNOWN.iter().map(|&code| StatusCode::from_code(code).expect("a registered code")).collect()
    }

    /// `from_code` + `reason_phrase`.
    #[inline]
    pub fn lookup(code: u16) -> Option<&'static str> {
        StatusCode::from_code(code).map(StatusCode::reason_phrase)
    }

    /// `from_bytes`.
    #[inline]
    pub fn from_bytes(bytes: &[u8]) -> Result<StatusCode, ParseError> {
        StatusCode::from_bytes(bytes)
    }

    /// `str::parse`.
    #[inline]
    pub fn parse(text: &str) -> Result<StatusCode, ParseError> {
        text.parse()
    }

    /// `Display` into a reused `String`.
    #[inline]
    pub fn display(out: &mut String, status: StatusCode) {
        out.clear();
        write!(out, "{status}").expect("writing to a String cannot fail");
    }

    /// `as_str` into a reused `String`: the same text without `core::fmt`.
    #[inline]
    pub fn push_line(out: &mut String, status: StatusCode) {
        out.clear();
        out.push_str(status.as_str());
    }

    /// `StatusLine::parse`: the version, the code as a [`sip_codes::Code`] and the phrase as
    /// received, and the bytes after the CRLF.
    #[inline]
    pub fn status_line(input: &[u8]) -> Result<(sip_codes::StatusLine<'_>, &[u8]), ParseError> {
        sip_codes::StatusLine::parse(input)
    }

    /// A response's first line into a reused buffer: one copy of `status_line()`.
    #[inline]
    pub fn write_status_line(out: &mut String, status: StatusCode) {
        out.clear();
        out.push_str(status.status_line());
    }

    /// `Code::from_bytes`: any three digits 100..=999, as `http::StatusCode::from_bytes`.
    #[inline]
    pub fn code_from_bytes(bytes: &[u8]) -> Result<sip_codes::Code, ParseError> {
        sip_codes::Code::from_bytes(bytes)
    }

    /// `interpret` (RFC 3261 §8.1.3.2).
    #[inline]
    pub fn interpret(code: u16) -> Option<StatusCode> {
        StatusCode::interpret(code)
    }

    /// `classify`.
    #[inline]
    pub fn classify(status: StatusCode) -> Classified {
        status.classify()
    }

    /// `class`.
    #[inline]
    pub fn class(status: StatusCode) -> Class {
        status.class()
    }

    /// `is_final`.
    #[inline]
    pub fn is_final(status: StatusCode) -> bool {
        status.is_final()
    }
}

/// `http::StatusCode`, the reference the targets are set against.
pub mod http {
    use http::StatusCode;
    use sip_codes::Class;
    use std::fmt::Write as _;

    /// [`KNOWN`](super::KNOWN) as values.
    pub fn values() -> Vec<StatusCode> {
        super::KNOWN.iter().map(|&code| StatusCode::from_u16(code).expect("in 100..=999")).collect()
    }

    /// `from_u16` + `canonical_reason`.
    #[inline]
    pub fn lookup(code: u16) -> Option<&'static str> {
        StatusCode::from_u16(code).ok().and_then(|status| status.canonical_reason())
    }

    /// `from_u16` alone: the nearest http has to `interpret` (it does not map unknown codes).
    #[inline]
    pub fn from_u16(code: u16) -> Option<StatusCode> {
        StatusCode::from_u16(code).ok()
    }

    /// `from_bytes`.
    #[inline]
    pub fn from_bytes(bytes: &[u8]) -> Result<StatusCode, http::status::InvalidStatusCode> {
        StatusCode::from_bytes(bytes)
    }

    /// `Display` into a reused `String`.
    #[inline]
    pub fn display(out: &mut String, status: StatusCode) {
        out.clear();
        write!(out, "{status}").expect("writing to a String cannot fail");
    }

    /// The class as an http user computes it: the `is_*` predicates in turn.
    #[inline]
    pub fn class(status: StatusCode) -> Class {
        if status.is_informational() {
            Class::Provisional
        } else if status.is_success() {
            Class::Success
        } else if status.is_redirection() {
            Class::Redirection
        } else if status.is_client_error() {
            Class::ClientError
        } else if status.is_server_error() {
            Class::ServerError
        } else {
            Class::GlobalFailure
        }
    }

    /// Final means not 1xx.
    #[inline]
    pub fn is_final(status: StatusCode) -> bool {
        !status.is_informational()
    }

    /// A SIP status line as an http user writes it: `format!` with http's canonical phrase
    /// (a new `String` per line, as `format!` gives).
    #[inline]
    pub fn format_status_line(status: StatusCode) -> String {
        format!("SIP/2.0 {} {}\r\n", status.as_u16(), status.canonical_reason().unwrap_or(""))
    }

    /// The same with `write!` into a reused `String`, which spares the allocation.
    #[inline]
    pub fn write_status_line(out: &mut String, status: StatusCode) {
        out.clear();
        write!(out, "SIP/2.0 {} {}\r\n", status.as_u16(), status.canonical_reason().unwrap_or(""))
            .expect("writing to a String cannot fail");
    }

    /// `httparse::Response::parse` of a head with no header fields: the version, the code
    /// and the phrase, then the empty line.
    #[inline]
    pub fn httparse(input: &[u8]) -> Result<httparse::Status<usize>, httparse::Error> {
        let mut headers = [httparse::EMPTY_HEADER; 0];
        httparse::Response::new(&mut headers).parse(input)
    }
}

/// `rsip::StatusCode`, a SIP stack's own type.
pub mod rsip {
    use rsip::StatusCode;
    use rsip::common::status_code::StatusCodeKind;
    use std::fmt::Write as _;

    /// [`KNOWN`](super::KNOWN) as values.
    pub fn values() -> Vec<StatusCode> {
        super::KNOWN.iter().map(|&code| StatusCode::from(code)).collect()
    }

    /// `From<u16>`; rsip has no reason-phrase accessor (its `Display` writes the variant name).
    /// An unknown code becomes `Other(code, String)`, which allocates.
    #[inline]
    pub fn lookup(code: u16) -> StatusCode {
        StatusCode::from(code)
    }

    /// `Display` into a reused `String`.
    #[inline]
    pub fn display(out: &mut String, status: &StatusCode) {
        out.clear();
        write!(out, "{status}").expect("writing to a String cannot fail");
    }

    /// `kind`, rsip's class.
    #[inline]
    pub fn class(status: &StatusCode) -> StatusCodeKind {
        status.kind()
    }

    /// Final means not provisional.
    #[inline]
    pub fn is_final(status: &StatusCode) -> bool {
        status.kind() != StatusCodeKind::Provisional
    }

    /// `rsip::Response::try_from` on a head with no header fields, rsip's only way to read
    /// a status line (it builds the whole response: headers, body, an owned phrase).
    #[inline]
    pub fn parse_response(input: &[u8]) -> Result<rsip::Response, rsip::Error> {
        rsip::Response::try_from(input)
    }
}
