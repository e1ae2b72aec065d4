//! SIP framing: where a message starts and ends in a UDP datagram or a TCP byte stream.
//! A stream message ends after its header fields and the `Content-Length` bytes of body
//! (RFC 3261 §18.3); a datagram holds one message. CRLF keep-alives (RFC 5626 §3.5.1)
//! between messages are skipped.

use crate::message;

/// The longest header section looked for in a stream before its bytes are taken for
/// something that is not SIP.
pub const MAX_HEADERS: usize = 64 * 1024;
/// The largest body a stream message may announce; a larger Content-Length is not believed.
pub const MAX_BODY: usize = 1024 * 1024;

/// Where the message at the start of some bytes ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Extent {
    /// The message is the first this many bytes.
    Complete(usize),
    /// More bytes are needed to tell.
    Incomplete,
    /// The bytes do not start with a SIP start line (or announce an impossible body).
    NotSip,
}

/// How many CR and LF bytes open `bytes` (keep-alives, or the end of the last message).
pub fn keepalive_len(bytes: &[u8]) -> usize {
    bytes.iter().take_while(|&&b| b == b'\r' || b == b'\n').count()
}

/// Whether `line` (without its line end) is a SIP request or status line from its first byte.
pub fn is_start_line(line: &[u8]) -> bool {
    line.first().is_some_and(u8::is_ascii_alphabetic)
        && message::find_start(line.strip_suffix(b"\r").unwrap_or(line)).is_some_and(|f| f.at == 0)
}

/// Whether a TCP segment may open a message: after any keep-alive, its first line is a start
/// line, or, cut by the segment's end, begins like one (`SIP/`, or a method and a space).
pub fn may_open(segment: &[u8]) -> bool {
    let rest = &segment[keepalive_len(segment)..];
    match memchr::memchr(b'\n', rest) {
        Some(end) => is_start_line(&rest[..end]),
        None => {
            let method = rest.iter().take_while(|b| b.is_ascii_uppercase()).count();
            rest.len() >= 4
                && (rest[..4].eq_ignore_ascii_case(b"SIP/")
                    || (method > 0 && rest.get(method) == Some(&b' ')))
        }
    }
}

/// The extent of the message at the start of a stream's bytes.
pub fn stream_message(bytes: &[u8]) -> Extent {
    let Some(first_end) = memchr::memchr(b'\n', &bytes[..bytes.len().min(MAX_HEADERS)]) else {
        return if bytes.len() >= MAX_HEADERS { Extent::NotSip } else { Extent::Incomplete };
    };
    if !is_start_line(&bytes[..first_end]) {
        return Extent::NotSip;
    }
    let Some((headers_end, content_length)) = headers(bytes) else {
        return if bytes.len() >= MAX_HEADERS { Extent::NotSip } else { Extent::Incomplete };
    };
    match content_length {
        Some(n) if n > MAX_BODY => Extent::NotSip,
        n => {
            let end = headers_end + n.unwrap_or(0);
            if bytes.len() >= end { Extent::Complete(end) } else { Extent::Incomplete }
        }
    }
}

/// The message in a datagram: after any keep-alive, up to its Content-Length when that is
/// shorter than the datagram; `None` when the datagram holds no SIP message.
pub fn datagram_message(datagram: &[u8]) -> Option<&[u8]> {
    let bytes = &datagram[keepalive_len(datagram)..];
    let first_end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    if !is_start_line(&bytes[..first_end]) {
        return None;
    }
    match headers(bytes) {
        Some((end, Some(n))) if end.saturating_add(n) < bytes.len() => Some(&bytes[..end + n]),
        _ => Some(bytes),
    }
}

/// Where the header section ends (after its empty line) and the Content-Length it gives.
fn headers(bytes: &[u8]) -> Option<(usize, Option<usize>)> {
    let mut content_length = None;
    let mut at = 0;
    let limit = bytes.len().min(MAX_HEADERS);
    while at < limit {
        let end = at + memchr::memchr(b'\n', &bytes[at..limit])?;
        let line = &bytes[at..end];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return Some((end + 1, content_length));
        }
        if let Some(colon) = line.iter().position(|&b| b == b':') {
            let name = line[..colon].trim_ascii();
            if name.eq_ignore_ascii_case(b"content-length") || name.eq_ignore_ascii_case(b"l") {
                let value = line[colon + 1..].trim_ascii();
                let digits = value.iter().take_while(|b| b.is_ascii_digit()).count();
                content_length = std::str::from_utf8(&value[..digits.min(12)])
                    .ok()
                    .and_then(|v| v.parse::<usize>().ok())
                    .or(Some(usize::MAX));
            }
        }
        at = end + 1;
    }
    None
}

/// A WebSocket handshake at the start of a stream (RFC 6455 §4): the client's `GET` or the
/// server's `101`, with `Upgrade: websocket`. `Complete` gives its length, headers included.
pub fn websocket_handshake(bytes: &[u8]) -> Extent {
    let head = &bytes[..bytes.len().min(16)];
    // Agrees with the opening so far (a stream may have only its first bytes yet).
    let opens = |prefix: &[u8]| {
        let n = head.len().min(prefix.len());
        head[..n] == prefix[..n]
    };
    if !(opens(b"GET ") || opens(b"HTTP/1.1 101")) {
        return Extent::NotSip;
    }
    let Some((end, _)) = headers(bytes) else {
        return if bytes.len() >= MAX_HEADERS { Extent::NotSip } else { Extent::Incomplete };
    };
    let upgrade = bytes[..end].split(|&b| b == b'\n').any(|line| {
        let line = line.to_ascii_lowercase();
        line.starts_with(b"upgrade:") && memchr::memmem::find(&line, b"websocket").is_some()
    });
    if upgrade && (bytes.starts_with(b"GET ") || bytes.starts_with(b"HTTP/1.1 101")) {
        Extent::Complete(end)
    } else {
        Extent::NotSip
    }
}

/// A WebSocket frame's header read (RFC 6455 §5.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WebSocketFrame {
    /// The last frame of its message.
    pub fin: bool,
    /// 0 continuation, 1 text, 2 binary, 8 and up control.
    pub opcode: u8,
    /// The masking key (client to server).
    pub mask: Option<[u8; 4]>,
    /// The header's length.
    pub header: usize,
    /// `Complete` with header and payload length; `NotSip` for a frame over [`MAX_BODY`].
    pub extent: Extent,
}

/// The frame at the start of `bytes`; `None` until its header is there.
pub fn websocket_frame(bytes: &[u8]) -> Option<WebSocketFrame> {
    let (b0, b1) = (*bytes.first()?, *bytes.get(1)?);
    let (len, mut header) = match b1 & 0x7f {
        126 => (u64::from(u16::from_be_bytes([*bytes.get(2)?, *bytes.get(3)?])), 4),
        127 => {
            let raw: [u8; 8] = bytes.get(2..10)?.try_into().ok()?;
            (u64::from_be_bytes(raw), 10)
        }
        n => (u64::from(n), 2),
    };
    let mask = if b1 & 0x80 != 0 {
        let key: [u8; 4] = bytes.get(header..header + 4)?.try_into().ok()?;
        header += 4;
        Some(key)
    } else {
        None
    };
    let extent = match usize::try_from(len) {
        Ok(len) if len <= MAX_BODY => {
            if bytes.len() >= header + len {
                Extent::Complete(header + len)
            } else {
                Extent::Incomplete
            }
        }
        _ => Extent::NotSip,
    };
    Some(WebSocketFrame { fin: b0 & 0x80 != 0, opcode: b0 & 0x0f, mask, header, extent })
}

/// Where the next line that is a SIP start line begins, after the first byte; `None` when
/// no complete line in `bytes` is one.
pub fn next_start(bytes: &[u8]) -> Option<usize> {
    let mut search = 0;
    while let Some(newline) = memchr::memchr(b'\n', &bytes[search..]) {
        let begin = search + newline + 1;
        let end = begin + memchr::memchr(b'\n', &bytes[begin..])?;
        if is_start_line(&bytes[begin..end]) {
            return Some(begin);
        }
        search = begin;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const INVITE: &[u8] = b"INVITE sip:b@x SIP/2.0\r\nCall-ID: 1\r\nContent-Length: 4\r\n\r\nv=0\n";
    const OK: &[u8] = b"SIP/2.0 200 OK\r\nl: 0\r\n\r\n";

    #[test]
    fn a_stream_message_ends_after_its_body() {
        let mut stream = INVITE.to_vec();
        stream.extend_from_slice(OK);
        assert_eq!(stream_message(&stream), Extent::Complete(INVITE.len()));
        assert_eq!(stream_message(OK), Extent::Complete(OK.len()));
        assert_eq!(stream_message(&INVITE[..INVITE.len() - 1]), Extent::Incomplete);
        assert_eq!(stream_message(&INVITE[..10]), Extent::Incomplete);
        assert_eq!(stream_message(b"\x16\x03\x01\x02\x00\x01\x00\n"), Extent::NotSip);
        assert_eq!(stream_message(b"SIP/2.0 200 OK\r\nContent-Length: 99999999999\r\n\r\n"), Extent::NotSip);
    }

    #[test]
    fn a_datagram_is_one_message_cut_to_its_length() {
        let mut datagram = b"\r\n".to_vec();
        datagram.extend_from_slice(INVITE);
        datagram.extend_from_slice(b"padding");
        assert_eq!(datagram_message(&datagram), Some(INVITE));
        assert_eq!(datagram_message(b"\r\n\r\n"), None);
        assert_eq!(datagram_message(b"\x00\x01\x00\x00stun"), None);
        assert_eq!(datagram_message(b"SIP/2.0 100 Trying\r\n"), Some(&b"SIP/2.0 100 Trying\r\n"[..]));
    }

    #[test]
    fn a_segment_may_open_a_message_even_cut_short() {
        assert!(may_open(b"INVITE sip:b@x SIP/2.0\r\nVia: x"));
        assert!(may_open(b"\r\nINVITE sip:b@"));
        assert!(may_open(b"SIP/2.0 1"));
        assert!(!may_open(b"Content-Length: 0\r\n\r\n"));
        assert!(!may_open(b"a=sendrecv"));
        assert!(!may_open(b"v=0\r\no=IPP 1 2 IN IP4 10.0.0.1\r\n"));
    }

    #[test]
    fn websocket_handshakes_and_frames() {
        let get = b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nSec-WebSocket-Protocol: sip\r\n\r\n";
        assert_eq!(websocket_handshake(get), Extent::Complete(get.len()));
        assert_eq!(websocket_handshake(&get[..20]), Extent::Incomplete);
        assert_eq!(websocket_handshake(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"), Extent::NotSip);
        assert_eq!(websocket_handshake(OK), Extent::NotSip);
        assert_eq!(websocket_handshake(b"GE"), Extent::Incomplete);
        // A masked text frame of 5 bytes, and a 126-length one cut short.
        let frame = [0x81, 0x85, 1, 2, 3, 4, b'h' ^ 1, b'e' ^ 2, b'l' ^ 3, b'l' ^ 4, b'o' ^ 1];
        let read = websocket_frame(&frame).unwrap();
        assert_eq!((read.fin, read.opcode, read.header, read.extent), (true, 1, 6, Extent::Complete(11)));
        assert_eq!(websocket_frame(&[0x82, 126, 1, 0, 0]).unwrap().extent, Extent::Incomplete);
        assert_eq!(websocket_frame(&[0x82, 127, 0xff, 0, 0, 0, 0, 0, 0, 0]).unwrap().extent, Extent::NotSip);
        assert_eq!(websocket_frame(&[0x82]), None);
    }

    #[test]
    fn the_next_start_line_is_found_after_junk() {
        let mut stream = b"a=sendrecv\r\nv=0\r\n".to_vec();
        let at = stream.len();
        stream.extend_from_slice(OK);
        assert_eq!(next_start(&stream), Some(at));
        assert_eq!(next_start(b"junk\r\nmore junk\r\n"), None);
    }
}
