//! SIP messages as a trace shows them: start lines found inside a line of text (after a
//! timestamp, a log prefix or the header bytes `tcpdump -A` prints), messages flattened onto
//! one line (ngrep's `..`, a log's `\r\n`), and the few header fields `explain` reads.
//!
//! Status lines are read by the runtime's [`StatusLine::parse`]; this module only finds
//! where one starts.

use sip_codes::{ParseErrorKind, StatusLine};

use crate::header;

/// The methods of RFC 3261 and its extensions, to tell a method from letters glued before it.
const KNOWN_METHODS: [&str; 14] = [
    "INVITE",
    "ACK",
    "BYE",
    "CANCEL",
    "OPTIONS",
    "REGISTER",
    "PRACK",
    "SUBSCRIBE",
    "NOTIFY",
    "PUBLISH",
    "INFO",
    "REFER",
    "MESSAGE",
    "UPDATE",
];

/// The most header fields whose names a message keeps: enough for any real message.
const MAX_HEADER_NAMES: usize = 64;
/// The most Reason or Warning values a message keeps.
const MAX_VALUES: usize = 4;
/// The longest header value kept.
const MAX_VALUE: usize = 512;

/// The first line of a SIP message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Start {
    /// `METHOD Request-URI SIP/2.0`.
    Request {
        /// The method, as sent.
        method: String,
        /// The Request-URI.
        uri: String,
    },
    /// `SIP/2.0 code phrase`.
    Response {
        /// 100..=999, as [`StatusLine::parse`] reads it.
        code: u16,
        /// The Reason-Phrase as sent, lossily decoded.
        phrase: String,
        /// Why the line as sent is not a well-formed status line, when the code could still
        /// be read after collapsing the extra blanks around it.
        malformed: Option<String>,
    },
}

/// A start line found in a line of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    /// Where it begins in the line.
    pub at: usize,
    /// What it is.
    pub start: Start,
}

/// How a line of text reads inside a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Empty (or blanks only): the end of a message's header fields.
    Blank,
    /// `Name: value`.
    Header,
    /// More blanks in front than the header fields have: a folded header line.
    Continuation,
    /// Anything else: prose, a log line, a body line.
    Other,
}

/// `tcpdump`'s one-line packet summary (`12:00:01.000123 IP 192.0.2.1.5060 > ...: SIP: ...`):
/// it repeats the payload's first line, which is read where the payload shows it.
pub fn is_packet_summary(line: &[u8]) -> bool {
    if !line.first().is_some_and(u8::is_ascii_digit) {
        return false;
    }
    let head = &line[..line.len().min(80)];
    let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
    (has(b" IP ") || has(b" IP6 ")) && memchr::memmem::find(line, b" > ").is_some()
}

/// ngrep's packet header on a line of its own (`-W byline`): `U 192.0.2.1:5060 -> 192.0.2.2:5060 #1`,
/// `T [2001:db8::1]:5060 -> ... [AP] #3`, with `-t` a date and time after the letter.
pub fn is_ngrep_header(line: &[u8]) -> bool {
    let Some((&protocol, rest)) = line.split_first() else {
        return false;
    };
    if !b"TUI?".contains(&protocol) || !rest.starts_with(b" ") || find_version(line, 0).is_some() {
        return false;
    }
    let words: Vec<&[u8]> = line.split(|&b| b == b' ').filter(|w| !w.is_empty()).collect();
    let Some(arrow) = words.iter().position(|w| *w == b"->") else {
        return false;
    };
    let address =
        |w: &[u8]| w.contains(&b':') && w.iter().all(|b| b.is_ascii_hexdigit() || b".:[]".contains(b));
    arrow >= 2
        && address(words[arrow - 1])
        && words.get(arrow + 1).is_some_and(|w| address(w))
        && words[arrow + 2..].iter().all(|w| w.starts_with(b"#") || w.starts_with(b"["))
}

/// sngrep's header before each message of its text export (F2, "Save as .txt"): the date
/// and time it was captured, in sngrep's local time zone, then `source -> destination`:
/// `2005/07/04 09:32:52.844249 192.168.1.2:5060 -> 212.242.33.35:5060`.
pub fn is_sngrep_header(line: &[u8]) -> bool {
    let words: Vec<&[u8]> = line.split(|&b| b == b' ').filter(|w| !w.is_empty()).collect();
    let [date, clock, src, b"->", dst] = words[..] else {
        return false;
    };
    let address =
        |w: &[u8]| w.contains(&b':') && w.iter().all(|b| b.is_ascii_hexdigit() || b".:[]".contains(b));
    date.len() == 10
        && date.iter().all(|&b| b.is_ascii_digit() || b == b'/')
        && clock.contains(&b':')
        && address(src)
        && address(dst)
        && header_time(line).is_some()
}

/// Whether the side that logged a message sent or received it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Sent by the logging side.
    Sent,
    /// Received by the logging side.
    Received,
}

impl Direction {
    /// Its name in `--json`.
    pub fn key(self) -> &'static str {
        match self {
            Direction::Sent => "sent",
            Direction::Received => "received",
        }
    }
}

/// What a line of a log framing SIP messages says of the next message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogFrame {
    /// When it was logged.
    pub time: Option<crate::capture::Timestamp>,
    /// Sent or received.
    pub direction: Option<Direction>,
    /// The next message repeats one already logged (SIPp's `Unexpected UDP message
    /// received:`), and is not read again.
    pub repeat: bool,
}

/// A line of a SIP log's framing, and what it says of the next message:
/// - SIPp `-trace_msg`: `----------------------------------------------- 2026-12-02 13:42:42.284287`
///   (the time), `UDP message sent (509 bytes):`, `UDP message received [309] bytes :`, and
///   `Unexpected UDP message received:` before a copy of a message logged just above;
/// - pjsip's message log (pjsua): `TX` or `RX` and the time, read by `pjsip_frame`;
/// - Kamailio's sipdump module (text mode): `tag: rcv` or `tag: snd`, and `time: 1796219023.295435`
///   (seconds since the Unix epoch) in the record before `~~~~~~~~~~~~~~~~~~~~` and the message.
pub fn log_frame(line: &[u8]) -> Option<LogFrame> {
    const SIPP_RULE: &[u8] = b"-----------------------------------------------";
    if let Some(rest) = line.strip_prefix(SIPP_RULE) {
        let rest = rest.trim_ascii();
        if rest.first().is_some_and(u8::is_ascii_digit) {
            let time = header_time(rest)?;
            return Some(LogFrame { time: Some(time), ..LogFrame::default() });
        }
        return rest.is_empty().then(LogFrame::default);
    }
    match line.trim_ascii_end() {
        b"tag: rcv" => return Some(LogFrame { direction: Some(Direction::Received), ..LogFrame::default() }),
        b"tag: snd" => return Some(LogFrame { direction: Some(Direction::Sent), ..LogFrame::default() }),
        _ => {}
    }
    if let Some(seconds) = line.strip_prefix(b"time: ") {
        let (whole, fraction) = std::str::from_utf8(seconds).ok()?.trim().split_once('.')?;
        if whole.len() < 9 || whole.len() > 12 || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let time = header_time(format!("{whole}.{fraction}").as_bytes())?;
        return Some(LogFrame { time: Some(time), ..LogFrame::default() });
    }
    let words: Vec<&[u8]> = line.split(|&b| b == b' ').filter(|w| !w.is_empty()).collect();
    if let Some(frame) = pjsip_frame(line, &words) {
        return Some(frame);
    }
    let transport = |w: &[u8]| matches!(w, b"UDP" | b"TCP" | b"TLS" | b"SCTP" | b"WS" | b"WSS");
    match words[..] {
        [t, b"message", b"sent", size, b"bytes):"] if transport(t) && size.starts_with(b"(") => {
            Some(LogFrame { direction: Some(Direction::Sent), ..LogFrame::default() })
        }
        [t, b"message", b"received", size, b"bytes", b":"] if transport(t) && size.starts_with(b"[") => {
            Some(LogFrame { direction: Some(Direction::Received), ..LogFrame::default() })
        }
        [b"Unexpected", t, b"message", b"received:"] if transport(t) => {
            Some(LogFrame { repeat: true, ..LogFrame::default() })
        }
        _ => None,
    }
}

/// pjsip's message log (pjsua, pjsua2, `msg_logging`): `13:54:15.336  pjsua_core.c  ....TX 1199
/// bytes Request msg INVITE/cseq=16379 (tdta0x...) to UDP 127.0.0.1:5070:`, or `!.RX 348 bytes
/// Response msg 180/INVITE/...`, the message on the lines after it, then `--end msg--`.
fn pjsip_frame(line: &[u8], words: &[&[u8]]) -> Option<LogFrame> {
    if !line.trim_ascii_end().ends_with(b":") {
        return None;
    }
    let at = words.iter().position(|w| {
        let w = w.iter().position(|b| !b"!.".contains(b)).map_or(&[][..], |i| &w[i..]);
        w == b"TX" || w == b"RX"
    })?;
    let [marker, size, b"bytes", kind, b"msg", ..] = words[at..] else {
        return None;
    };
    if !size.iter().all(u8::is_ascii_digit) || !matches!(kind, b"Request" | b"Response") {
        return None;
    }
    let direction = if marker.ends_with(b"TX") { Direction::Sent } else { Direction::Received };
    Some(LogFrame { time: header_time(line), direction: Some(direction), repeat: false })
}

/// The capture time a packet header line opens with: tcpdump's `12:54:46.556175` (seconds
/// into the day: good for timing within a day), `-tt`'s `1311857686.556175`, `-tttt`'s
/// `2011-07-28 12:54:46.556175`, or ngrep `-t`'s `U 2011/07/28 12:54:46.556175` after its
/// protocol letter.
pub fn header_time(line: &[u8]) -> Option<crate::capture::Timestamp> {
    let text = std::str::from_utf8(&line[..line.len().min(64)]).ok()?;
    let mut words = text.split_ascii_whitespace();
    let mut first = words.next()?;
    if first.len() == 1 {
        first = words.next()?;
    }
    let (date, clock) = if first.contains(['-', '/']) { (Some(first), words.next()?) } else { (None, first) };
    let (whole, fraction) = clock.split_once('.')?;
    if fraction.is_empty() || fraction.len() > 9 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits = fraction.len() as u8;
    let nanos: u32 = fraction.parse::<u32>().ok()? * 10u32.pow(9 - u32::from(digits));
    let secs = if whole.contains(':') {
        let parts: Vec<i64> = whole.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
        let [h, m, s] = parts[..] else { return None };
        if !(0..=23).contains(&h) || !(0..=59).contains(&m) || !(0..=60).contains(&s) {
            return None;
        }
        let day = match date {
            Some(date) => {
                let parts: Vec<i64> =
                    date.split(['-', '/']).map(|p| p.parse().ok()).collect::<Option<_>>()?;
                let [y, mo, d] = parts[..] else { return None };
                if !(1970..=9999).contains(&y) || !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
                    return None;
                }
                days_from_civil(y, mo, d)
            }
            None => 0,
        };
        day * 86_400 + h * 3600 + m * 60 + s
    } else if date.is_none() && whole.len() >= 9 && whole.len() <= 12 {
        whole.parse().ok()?
    } else {
        return None;
    };
    Some(crate::capture::Timestamp { secs, nanos, digits })
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (the well-known
/// era-based conversion).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Where `SIP/2.0` starts (in any case) at or after `from`, not followed by `/` (a Via).
fn find_version(line: &[u8], from: usize) -> Option<usize> {
    memchr::memchr_iter(b'/', &line[from..]).map(|i| from + i).find_map(|slash| {
        // `checked_sub`: a `/` in the first three bytes has no room for `SIP` before it.
        let at = slash.checked_sub(3).filter(|&at| at >= from)?;
        let ok = line[at..slash].eq_ignore_ascii_case(b"SIP")
            && line[slash + 1..].starts_with(b"2.0")
            && line.get(slash + 4) != Some(&b'/');
        ok.then_some(at)
    })
}

/// Where a message flattened onto one line breaks its lines: ngrep's `..` (CRLF shown as
/// dots) or a log's escaped `\r\n`. Found only after a start line, at a break followed by a
/// header field name, so the dots `tcpdump -A` prints for header bytes are not taken for one.
pub fn flattened_break(line: &[u8]) -> Option<&'static [u8]> {
    let version = find_version(line, 0)?;
    for separator in [&b".."[..], b"\\r\\n"] {
        let mut from = version;
        while let Some(i) = memchr::memmem::find(&line[from..], separator) {
            let after = &line[from + i + separator.len()..];
            let name = after.iter().take_while(|&&b| header::is_token_byte(b) && b != b'.').count();
            if name > 0 && after[name..].trim_ascii_start().starts_with(b":") {
                return Some(separator);
            }
            from += i + separator.len();
        }
    }
    None
}

/// The first start line in `line`, request or response.
pub fn find_start(line: &[u8]) -> Option<Found> {
    let mut from = 0;
    while let Some(at) = find_version(line, from) {
        let after = &line[at + 7..];
        if after.first().is_some_and(|b| *b == b' ' || *b == b'\t') {
            if let Some(start) = response(&line[at..]) {
                return Some(Found { at, start });
            }
        } else if (after.trim_ascii().is_empty() || after.starts_with(b"\""))
            && let Some(found) = request(line, at)
        {
            return Some(found);
        }
        from = at + 7;
    }
    None
}

/// `METHOD SP Request-URI SP` just before the `SIP/2.0` at `version`.
fn request(line: &[u8], version: usize) -> Option<Found> {
    let before = line[..version].strip_suffix(b" ")?;
    let uri_start = before.iter().rposition(|&b| b == b' ').map_or(0, |i| i + 1);
    let uri = &before[uri_start..];
    let scheme = uri.iter().position(|&b| b == b':')?;
    if scheme == 0 || !uri[..scheme].iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    let before_uri = before[..uri_start].strip_suffix(b" ")?;
    let mut method_len = before_uri.iter().rev().take_while(|b| b.is_ascii_uppercase()).count();
    if method_len == 0 {
        return None;
    }
    // Glued to other bytes (`tcpdump -A` prints the TCP header's as text: `..}#AKINVITE`),
    // the method is the longest known one the letters end with, when there is one.
    let glued =
        method_len < before_uri.len() && !before_uri[before_uri.len() - method_len - 1].is_ascii_whitespace();
    if glued {
        let letters = &before_uri[before_uri.len() - method_len..];
        if let Some(known) =
            KNOWN_METHODS.iter().filter(|m| letters.ends_with(m.as_bytes())).map(|m| m.len()).max()
        {
            method_len = known;
        }
    }
    let at = before_uri.len() - method_len;
    Some(Found {
        at,
        start: Start::Request {
            method: String::from_utf8_lossy(&before_uri[at..]).into_owned(),
            uri: String::from_utf8_lossy(uri).into_owned(),
        },
    })
}

/// A status line at the start of `text` (which runs to the end of the line), read by
/// [`StatusLine::parse`] with the CRLF the trace dropped put back.
fn response(text: &[u8]) -> Option<Start> {
    let text = &text[..text.len().min(StatusLine::MAX_LEN - 2)];
    let mut line = Vec::with_capacity(text.len() + 2);
    line.extend_from_slice(text);
    // A log that quotes the message leaves its closing quote on the line.
    if line.last() == Some(&b'"') {
        line.pop();
    }
    let end = line.len() - line.iter().rev().take_while(|b| b.is_ascii_whitespace()).count();
    // Keep a single trailing SP: `SIP/2.0 100 ` has an empty phrase (RFC 4475 §3.1.1.13).
    let keep = if end < line.len() && line[end] == b' ' && end == 11 { end + 1 } else { end };
    line.truncate(keep);
    line.extend_from_slice(b"\r\n");
    match StatusLine::parse(&line) {
        Ok((status, _)) => Some(response_of(&status, None)),
        Err(e) => match e.kind() {
            // A control byte (in a binary line): the phrase ends there.
            ParseErrorKind::ForbiddenByte { offset, .. } | ParseErrorKind::BareLineBreak { offset }
                if offset > 11 =>
            {
                let mut cut = line[..offset].trim_ascii_end().to_vec();
                cut.extend_from_slice(b"\r\n");
                StatusLine::parse(&cut).ok().map(|(status, _)| response_of(&status, None))
            }
            _ => {
                // RFC 3665 §3.9 prints `SIP/2.0  486 Busy Here`: say so, and read the code.
                let rest = line[7..].trim_ascii_start();
                let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
                if digits != 3 || rest.get(3).is_some_and(|b| !b.is_ascii_whitespace()) {
                    return None;
                }
                let mut fixed = b"SIP/2.0 ".to_vec();
                fixed.extend_from_slice(&rest[..3]);
                fixed.push(b' ');
                fixed.extend_from_slice(rest[3..].trim_ascii());
                fixed.extend_from_slice(b"\r\n");
                if fixed == line {
                    return None;
                }
                let (status, _) = StatusLine::parse(&fixed).ok()?;
                let why = format!(
                    "extra blanks around the code: RFC 3261 §7.2 allows exactly one SP on each side \
                     (the status-line parser says: {e}); read as {} anyway",
                    status.code()
                );
                Some(response_of(&status, Some(why)))
            }
        },
    }
}

fn response_of(status: &StatusLine<'_>, malformed: Option<String>) -> Start {
    Start::Response {
        code: status.code().get(),
        phrase: String::from_utf8_lossy(status.reason()).trim().to_owned(),
        malformed,
    }
}

/// A message being read, and what `explain` keeps of it.
#[derive(Clone, Debug, Default)]
pub struct Message {
    /// The line number of its start line.
    pub line: u64,
    /// Its start line; `None` only before one is seen.
    pub start: Option<Start>,
    /// Call-ID.
    pub call_id: Option<String>,
    /// CSeq: sequence number and method.
    pub cseq: Option<(u32, String)>,
    /// Retry-After, as sent.
    pub retry_after: Option<String>,
    /// Reason values.
    pub reasons: Vec<header::Reason>,
    /// Warning values.
    pub warnings: Vec<header::Warning>,
    /// The code of a Geolocation-Error header (RFC 6442 §4.3).
    pub geolocation_error: Option<u16>,
    /// The code of an AlertMsg-Error header (RFC 8876 §4.1).
    pub alertmsg_error: Option<u16>,
    /// Content-Type, lower case, without parameters.
    pub content_type: Option<String>,
    /// Every header field name seen, as [`header::key`]s.
    pub names: Vec<std::borrow::Cow<'static, str>>,
    /// Whether it is the body of a `message/sipfrag` (a NOTIFY reporting a REFER's progress),
    /// not a message of this trace.
    pub in_sipfrag: bool,
    /// The packet that completed it, when read from a capture.
    pub origin: Option<crate::capture::Origin>,
    /// When a text trace's packet header (tcpdump's summary line, ngrep's `-t` header) says
    /// it was captured: for timing only.
    pub header_time: Option<crate::capture::Timestamp>,
    /// Whether the logging side sent or received it, when a log says so.
    pub direction: Option<Direction>,
    /// The topmost Via's branch parameter; with `via`, what names its transaction.
    pub branch: Option<String>,
    /// The topmost Via value, without its parameters (RFC 2543's transaction key).
    pub via: Option<String>,
    /// The From tag.
    pub from_tag: Option<String>,
    /// The To tag.
    pub to_tag: Option<String>,
    /// The blanks in front of its header fields (RFC text indents them).
    indent: Option<usize>,
}

impl Message {
    /// A message starting at `line` with `start`.
    pub fn new(line: u64, start: Start) -> Message {
        Message { line, start: Some(start), ..Message::default() }
    }

    /// When it was captured: from the capture, or from the text trace's packet header.
    pub fn time(&self) -> Option<crate::capture::Timestamp> {
        self.origin.map(|o| o.time).or(self.header_time)
    }

    /// Whether a header field with this (lower-case, full) name was seen.
    pub fn has(&self, key: &str) -> bool {
        self.names.iter().any(|n| n == key)
    }

    /// How `line` reads inside this message.
    pub fn kind(&self, line: &[u8]) -> Kind {
        let blanks = line.iter().take_while(|b| **b == b' ' || **b == b'\t').count();
        if blanks == line.len() {
            return Kind::Blank;
        }
        if let Some(indent) = self.indent {
            if blanks > indent {
                return Kind::Continuation;
            }
            if blanks < indent {
                return Kind::Other;
            }
        }
        if header::split(line).is_some() { Kind::Header } else { Kind::Other }
    }

    /// Takes in a header field line.
    pub fn add_header(&mut self, line: &[u8]) {
        let Some((name, value)) = header::split(line) else {
            return;
        };
        if self.indent.is_none() {
            self.indent = Some(line.iter().take_while(|b| **b == b' ' || **b == b'\t').count());
        }
        let key = header::key(name);
        // Decoded only for the fields read: most header fields are only named.
        let text = || String::from_utf8_lossy(&value[..value.len().min(MAX_VALUE)]);
        match &*key {
            "call-id" => self.call_id = Some(text().into_owned()),
            "via" if self.via.is_none() => {
                let value = text();
                self.branch = header::param(&value, "branch");
                let first = value.split([',', ';']).next().unwrap_or_default();
                self.via = Some(first.trim().to_owned());
            }
            "from" => self.from_tag = header::param(&text(), "tag"),
            "to" => self.to_tag = header::param(&text(), "tag"),
            "cseq" => {
                let value = text();
                let mut parts = value.split_ascii_whitespace();
                if let (Some(number), Some(method)) = (parts.next(), parts.next())
                    && let Ok(number) = number.parse()
                {
                    self.cseq = Some((number, method.to_owned()));
                }
            }
            "retry-after" => self.retry_after = Some(text().into_owned()),
            "reason" => {
                let room = MAX_VALUES.saturating_sub(self.reasons.len());
                self.reasons.extend(header::reasons(&text()).into_iter().take(room));
            }
            "warning" => {
                let room = MAX_VALUES.saturating_sub(self.warnings.len());
                self.warnings.extend(header::warnings(&text()).into_iter().take(room));
            }
            "geolocation-error" => self.geolocation_error = header::error_code(&text()),
            "alertmsg-error" => self.alertmsg_error = header::error_code(&text()),
            "content-type" => {
                let media = text().split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
                self.content_type = Some(media);
            }
            _ => {}
        }
        if !self.has(&key) && self.names.len() < MAX_HEADER_NAMES {
            self.names.push(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(line: &str) -> Option<(u16, String)> {
        match find_start(line.as_bytes())?.start {
            Start::Response { code, phrase, .. } => Some((code, phrase)),
            Start::Request { .. } => None,
        }
    }

    fn method(line: &str) -> Option<String> {
        match find_start(line.as_bytes())?.start {
            Start::Request { method, .. } => Some(method),
            Start::Response { .. } => None,
        }
    }

    #[test]
    fn finds_status_lines_with_prefixes() {
        assert_eq!(status("SIP/2.0 486 Busy Here"), Some((486, "Busy Here".to_owned())));
        assert_eq!(status("E..@.@....SIP/2.0 200 OK"), Some((200, "OK".to_owned())));
        assert_eq!(status("2026-01-01 12:00:00 <- sip/2.0 180 Ringing"), Some((180, "Ringing".to_owned())));
        assert_eq!(status("reply: \"SIP/2.0 603 Decline\""), Some((603, "Decline".to_owned())));
        assert_eq!(status("SIP/2.0 100"), Some((100, String::new())));
        assert_eq!(status("SIP/2.0 100 "), Some((100, String::new())));
        assert_eq!(status("SIP/2.0 999 Strange"), Some((999, "Strange".to_owned())));
    }

    #[test]
    fn reads_a_status_line_with_two_spaces_and_says_so() {
        let found = find_start(b"   SIP/2.0  486 Busy Here").unwrap();
        let Start::Response { code, phrase, malformed } = found.start else { panic!() };
        assert_eq!((found.at, code, phrase.as_str()), (3, 486, "Busy Here"));
        assert!(malformed.unwrap().starts_with("extra blanks around the code"));
    }

    #[test]
    fn a_binary_line_ends_the_phrase_at_a_control_byte() {
        assert_eq!(
            status("SIP/2.0 503 Service Unavailable\0\u{1}xx"),
            Some((503, "Service Unavailable".to_owned()))
        );
    }

    #[test]
    fn ignores_what_is_not_a_status_line() {
        assert_eq!(status("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK"), None);
        assert_eq!(status("SIP/2.0 4861 Busy"), None);
        assert_eq!(status("SIP/2.0 48 Busy"), None);
        assert_eq!(status("SIP/2.0486 Busy"), None);
        assert_eq!(status("SIP/2.0 099 Low"), None);
    }

    #[test]
    fn finds_request_lines() {
        assert_eq!(method("INVITE sip:bob@example.com SIP/2.0").as_deref(), Some("INVITE"));
        assert_eq!(method("   BYE sip:alice@client.atlanta.example.com SIP/2.0").as_deref(), Some("BYE"));
        assert_eq!(
            method("E..q..@.@.....c...d...........ACK sip:bob@example.com SIP/2.0").as_deref(),
            Some("ACK")
        );
        assert_eq!(
            method("..).}#AKINVITE sip:201@10.33.6.101;user=phone SIP/2.0").as_deref(),
            Some("INVITE")
        );
        assert_eq!(
            method("..0....RIACK sip:201@10.33.6.101:5060;transport=tcp SIP/2.0").as_deref(),
            Some("ACK")
        );
        assert_eq!(method("..,.PRACK sip:a@b SIP/2.0").as_deref(), Some("PRACK"));
        assert_eq!(method("NEWMETHOD sip:a@b SIP/2.0").as_deref(), Some("NEWMETHOD"));
        assert_eq!(method("sip-codes explain SIP/2.0"), None);
        assert_eq!(method("INVITE bob SIP/2.0"), None);
    }

    #[test]
    fn a_slash_in_the_first_three_bytes_is_no_start_line() {
        // `slash - 3` once underflowed here, a panic in debug builds.
        for line in ["/", "a/", "ab/c", "/usr/sbin/kamailio[812]: INFO: SIP/2.0 200 OK"] {
            let _ = find_start(line.as_bytes());
            let _ = flattened_break(line.as_bytes());
        }
        assert_eq!(status("/usr/sbin/kamailio[812]: SIP/2.0 200 OK"), Some((200, "OK".to_owned())));
        assert_eq!(status("ab/c"), None);
    }

    #[test]
    fn packet_header_times_are_read() {
        let at = |line: &str| header_time(line.as_bytes()).map(|t| t.to_string());
        assert_eq!(
            at("12:54:46.556175 IP 10.33.6.100.64802 > 10.33.6.101.5060: Flags [P.]").as_deref(),
            Some("46486.556175")
        );
        assert_eq!(
            at("1311857686.562096 IP 10.33.6.100.64802 > 10.33.6.101.5060: UDP").as_deref(),
            Some("1311857686.562096")
        );
        assert_eq!(
            at("2011-07-28 12:54:46.556175 IP6 ::1.5060 > ::1.5062: UDP").as_deref(),
            Some("1311857686.556175")
        );
        assert_eq!(
            at("U 2011/07/28 12:54:46.556175 192.0.2.1:5060 -> 192.0.2.2:5060").as_deref(),
            Some("1311857686.556175")
        );
        assert_eq!(at("INVITE sip:b@x SIP/2.0"), None);
        assert_eq!(at("25:00:00.1 IP"), None);
        assert_eq!(at("U 192.0.2.1:5060 -> 192.0.2.2:5060 #1"), None);
    }

    #[test]
    fn ngrep_packet_headers_are_recognised() {
        assert!(is_ngrep_header(b"U 192.168.1.2:5060 -> 212.242.33.35:5060 #1"));
        assert!(is_ngrep_header(b"T 10.33.6.100:64802 -> 10.33.6.101:5060 [AP] #3"));
        assert!(is_ngrep_header(b"U 10.0.0.1:5060 -> 10.0.0.2:5060"));
        assert!(is_ngrep_header(b"U 2026/11/01 12:00:01.000123 [2001:db8::1]:5060 -> [2001:db8::2]:5060 #4"));
        assert!(!is_ngrep_header(b"U 10.0.0.1:5060 -> 10.0.0.2:5060 SIP/2.0 486 Busy Here..Via: x"));
        assert!(!is_ngrep_header(b"Unauthorized -> retry"));
        assert!(!is_ngrep_header(b"To: <sip:bob@10.0.0.2>"));
    }

    #[test]
    fn sngrep_headers_are_recognised() {
        let line = b"2005/07/04 09:32:52.844249 192.168.1.2:5060 -> 212.242.33.35:5060";
        assert!(is_sngrep_header(line));
        assert_eq!(header_time(line).map(|t| t.to_string()).as_deref(), Some("1120469572.844249"));
        assert!(is_sngrep_header(b"2026/11/01 12:00:01.000123 [2001:db8::1]:5060 -> [2001:db8::2]:5062"));
        assert!(!is_sngrep_header(b"U 2005/07/04 09:32:52.844249 192.168.1.2:5060 -> 212.242.33.35:5060"));
        assert!(!is_sngrep_header(b"2005/07/04 09:32:52.844249 192.168.1.2:5060 -> 212.242.33.35:5060 #1"));
        assert!(!is_sngrep_header(b"2005/07/04 99:32:52.844249 192.168.1.2:5060 -> 212.242.33.35:5060"));
    }

    #[test]
    fn log_frames_are_recognised() {
        let frame = |line: &str| log_frame(line.as_bytes());
        let time = |line: &str| frame(line).and_then(|f| f.time).map(|t| t.to_string());
        let direction = |line: &str| frame(line).and_then(|f| f.direction);
        assert_eq!(
            time("----------------------------------------------- 2026-12-02 13:42:42.284287").as_deref(),
            Some("1796218962.284287")
        );
        assert_eq!(frame("-----------------------------------------------"), Some(LogFrame::default()));
        assert_eq!(direction("UDP message sent (509 bytes):"), Some(Direction::Sent));
        assert_eq!(direction("TCP message received [309] bytes :"), Some(Direction::Received));
        assert!(frame("Unexpected UDP message received:").is_some_and(|f| f.repeat));
        assert_eq!(direction("tag: rcv"), Some(Direction::Received));
        assert_eq!(direction("tag: snd"), Some(Direction::Sent));
        assert_eq!(time("time: 1796219023.295435").as_deref(), Some("1796219023.295435"));
        assert_eq!(frame("time: 12:00"), None);
        assert_eq!(frame("---------------"), None);
        assert_eq!(frame("To: <sip:bob@example.com>"), None);
        assert_eq!(frame("UDP message sent"), None);
        let tx = "13:54:15.336           pjsua_core.c  ....TX 1199 bytes Request msg INVITE/cseq=16379 \
                  (tdta0x557ae3054a78) to UDP 127.0.0.1:5070:";
        assert_eq!(direction(tx), Some(Direction::Sent));
        assert_eq!(time(tx).as_deref(), Some("50055.336"));
        let rx = "13:00:18.400           pjsua_core.c !.RX 414 bytes Response msg 100/INVITE/cseq=18422 \
                  (rdata0x73937c000b98) from UDP 172.22.0.21:5060:";
        assert_eq!(direction(rx), Some(Direction::Received));
        assert_eq!(
            frame(
                "13:54:15.336  tsx0x5579e8  ....Sending Request msg INVITE/cseq=16379 (tdta0x5578) in state Null"
            ),
            None
        );
    }

    #[test]
    fn packet_summaries_are_recognised() {
        assert!(is_packet_summary(
            b"12:00:01.000123 IP 192.0.2.10.5060 > 198.51.100.20.5060: SIP: INVITE sip:b@x SIP/2.0"
        ));
        assert!(is_packet_summary(
            b"2026-11-01 12:00:01.000123 IP6 2001:db8::1.5060 > 2001:db8::2.5060: SIP"
        ));
        assert!(!is_packet_summary(b"12:00 INVITE sip:b@x SIP/2.0"));
    }

    #[test]
    fn flattened_messages_are_recognised() {
        assert_eq!(
            flattened_break(b"U 10.0.0.1:5060 -> 10.0.0.2:5060 SIP/2.0 486 Busy Here..Via: x"),
            Some(&b".."[..])
        );
        assert_eq!(flattened_break(b"got \"SIP/2.0 603 Decline\\r\\nVia: x\\r\\n\""), Some(&b"\\r\\n"[..]));
        assert_eq!(flattened_break(b"E.....@.?.....d...c...........SIP/2.0 486 Busy"), None);
        assert_eq!(flattened_break(b"Via: SIP/2.0/UDP host"), None);
    }

    #[test]
    fn messages_keep_the_fields_explain_reads() {
        let mut m = Message::new(1, Start::Request { method: "BYE".into(), uri: "sip:a@b".into() });
        for line in [
            "   i: abc@host",
            "   CSeq: 7 BYE",
            "   Reason: Q.850;cause=16",
            "   Content-Type: Application/SDP; charset=x",
        ] {
            assert_eq!(m.kind(line.as_bytes()), Kind::Header);
            m.add_header(line.as_bytes());
        }
        assert_eq!(m.call_id.as_deref(), Some("abc@host"));
        assert_eq!(m.cseq, Some((7, "BYE".to_owned())));
        assert_eq!(m.reasons[0].cause, Some(16));
        assert_eq!(m.content_type.as_deref(), Some("application/sdp"));
        assert_eq!(m.kind(b"    ;tag=folded"), Kind::Continuation);
        assert_eq!(m.kind(b"v=0"), Kind::Other);
        assert_eq!(m.kind(b"   "), Kind::Blank);
        assert!(m.has("call-id"));
    }
}
