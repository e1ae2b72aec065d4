//! `sip-codes explain`: annotates every status line of a SIP trace read as text (sngrep,
//! `tcpdump -A`, proxy logs), streaming, with memory bounded by [`MAX_LINE`].

use std::borrow::Cow;
use std::io::{self, BufRead, ErrorKind, Write};

use sip_codes::iana::StatusCode;

use crate::query::is_phrase_of;
use crate::text::{first_sentence, plain, printable};
use crate::unregistered::{Unknown, seen_in_traces};

/// The longest line kept; the rest of a longer line is counted and skipped, so a file
/// without newlines costs no more memory than this.
pub const MAX_LINE: usize = 64 * 1024;

/// How the trace is shown.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Print only status lines, prefixed with their line number, and their annotations.
    pub status_only: bool,
}

/// What a run found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Lines read.
    pub lines: u64,
    /// Status lines found, registered or not.
    pub status_lines: u64,
    /// Whether the input started like a pcap or pcapng capture rather than text.
    pub capture: bool,
}

/// A status line found inside a line of the trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found<'a> {
    /// The three digits as a number (0 to 999).
    pub code: u16,
    /// The Reason-Phrase as sent, without the line end.
    pub phrase: Cow<'a, str>,
}

impl Found<'_> {
    fn into_owned(self) -> Found<'static> {
        Found { code: self.code, phrase: Cow::Owned(self.phrase.into_owned()) }
    }
}

/// Reads `input` line by line, writes each line (or, with `status_only`, each status line)
/// to `out` and an annotation after every status line.
///
/// # Errors
/// Reading or writing failed.
pub fn explain(mut input: impl BufRead, out: &mut impl Write, options: Options) -> io::Result<Summary> {
    let mut summary = Summary { capture: looks_like_capture(fill(&mut input)?), ..Summary::default() };
    // A capture's bytes between the SIP messages are noise: show only what was found.
    let status_only = options.status_only || summary.capture;
    let mut lines = Lines::new(input);
    let mut previous: Vec<Found<'static>> = Vec::new();
    while let Some(line) = lines.next_line()? {
        summary.lines += 1;
        let found = find_status_lines(line.text);
        summary.status_lines += found.len() as u64;
        if status_only && found.is_empty() {
            continue;
        }
        if status_only {
            write!(out, "{}: ", summary.lines)?;
        }
        out.write_all(printable(&String::from_utf8_lossy(line.text)).as_bytes())?;
        if line.skipped > 0 {
            write!(out, " [... {} more bytes not shown]", line.skipped)?;
        }
        writeln!(out)?;
        // `tcpdump -A` repeats the status line in its packet summary just above the payload.
        if !found.is_empty() && found == previous {
            writeln!(out, "  ^ as above")?;
        } else {
            for status in &found {
                for note in annotate(status) {
                    writeln!(out, "  ^ {note}")?;
                }
            }
        }
        previous = found.into_iter().map(Found::into_owned).collect();
    }
    out.flush()?;
    Ok(summary)
}

/// `fill_buf`, retried when a signal interrupts the read.
fn fill(input: &mut impl BufRead) -> io::Result<&[u8]> {
    while let Err(e) = input.fill_buf() {
        if e.kind() != ErrorKind::Interrupted {
            return Err(e);
        }
    }
    input.fill_buf()
}

/// pcap (either byte order, micro- or nanosecond) and pcapng magic numbers.
fn looks_like_capture(start: &[u8]) -> bool {
    const MAGIC: [[u8; 4]; 5] = [
        [0xd4, 0xc3, 0xb2, 0xa1],
        [0xa1, 0xb2, 0xc3, 0xd4],
        [0x4d, 0x3c, 0xb2, 0xa1],
        [0xa1, 0xb2, 0x3c, 0x4d],
        [0x0a, 0x0d, 0x0d, 0x0a],
    ];
    start.len() >= 4 && MAGIC.iter().any(|m| start[..4] == *m)
}

/// One line of input, cut at [`MAX_LINE`] bytes.
struct Line<'a> {
    /// The line without its LF or CRLF.
    text: &'a [u8],
    /// Bytes past [`MAX_LINE`] that were read and dropped.
    skipped: u64,
}

/// Splits a reader into lines without ever holding more than [`MAX_LINE`] bytes of one.
struct Lines<R> {
    input: R,
    line: Vec<u8>,
}

impl<R: BufRead> Lines<R> {
    fn new(input: R) -> Self {
        Lines { input, line: Vec::new() }
    }

    fn next_line(&mut self) -> io::Result<Option<Line<'_>>> {
        self.line.clear();
        let mut skipped = 0u64;
        let mut read_any = false;
        loop {
            let chunk = fill(&mut self.input)?;
            if chunk.is_empty() {
                if !read_any {
                    return Ok(None);
                }
                break;
            }
            read_any = true;
            let (end, used, done) = match memchr::memchr(b'\n', chunk) {
                Some(at) => (at, at + 1, true),
                None => (chunk.len(), chunk.len(), false),
            };
            let room = MAX_LINE - self.line.len();
            let keep = end.min(room);
            self.line.extend_from_slice(&chunk[..keep]);
            skipped += (end - keep) as u64;
            self.input.consume(used);
            if done {
                break;
            }
        }
        if skipped == 0 && self.line.last() == Some(&b'\r') {
            self.line.pop();
        }
        Ok(Some(Line { text: &self.line, skipped }))
    }
}

/// Every `SIP/2.0 NNN phrase` in `line`, wherever it starts (after a timestamp, a log
/// prefix, or the header bytes `tcpdump -A` prints before the payload). The SIP version is
/// matched without regard to case, as RFC 3261 §7.1 reads it; `Via: SIP/2.0/UDP` and
/// request lines, which end in `SIP/2.0`, are not status lines.
pub fn find_status_lines(line: &[u8]) -> Vec<Found<'_>> {
    let mut found = Vec::new();
    for slash in memchr::memchr_iter(b'/', line) {
        if slash < 3 || !line[slash - 3..slash].eq_ignore_ascii_case(b"SIP") {
            continue;
        }
        let Some(rest) = line[slash + 1..].strip_prefix(b"2.0") else {
            continue;
        };
        let spaces = rest.iter().take_while(|&&b| b == b' ' || b == b'\t').count();
        let rest = &rest[spaces..];
        if spaces == 0 || rest.len() < 3 || !rest[..3].iter().all(u8::is_ascii_digit) {
            continue;
        }
        if rest.get(3).is_some_and(u8::is_ascii_alphanumeric) {
            continue;
        }
        let code = rest[..3].iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        found.push(Found { code, phrase: phrase(&rest[3..]) });
    }
    found
}

/// The Reason-Phrase: up to CR, or a log's escaped `\r` or `\n`, trimmed, without a
/// closing quote that belongs to the log line.
fn phrase(after_code: &[u8]) -> Cow<'_, str> {
    let mut end = after_code.len();
    for (i, &b) in after_code.iter().enumerate() {
        let escaped_line_end = b == b'\\' && matches!(after_code.get(i + 1), Some(b'r' | b'n'));
        if b == b'\r' || b == b'\n' || escaped_line_end {
            end = i;
            break;
        }
    }
    let text = after_code[..end].trim_ascii().strip_suffix(b"\"").unwrap_or(&after_code[..end]).trim_ascii();
    String::from_utf8_lossy(text)
}

/// What to say about one status line: its class and meaning, then any oddity.
pub fn annotate(found: &Found<'_>) -> Vec<String> {
    let code = found.code;
    let phrase = printable(&found.phrase);
    let Some(status) = StatusCode::from_code(code) else {
        let unknown = Unknown::of(code).expect("from_code found no code");
        let mut notes = vec![unknown.headline()];
        if let Some(seen) = seen_in_traces(code) {
            notes.push(seen.to_owned());
        }
        return notes;
    };
    let deprecated = if status.is_deprecated() { " (deprecated)" } else { "" };
    let meaning =
        status.description().map(|d| format!(" - {}", first_sentence(&plain(d)))).unwrap_or_default();
    let mut notes = vec![format!("{status}{deprecated}: {}{meaning}", status.class())];
    if phrase.is_empty() {
        // An empty Reason-Phrase is allowed: nothing to flag.
    } else if status.aliases().iter().any(|a| a.eq_ignore_ascii_case(&phrase)) {
        notes.push(format!(
            "\"{phrase}\" is a former phrase of {code}; the registry now says \"{}\"",
            status.reason_phrase()
        ));
    } else if !is_phrase_of(status, &phrase) {
        notes.push(format!(
            "phrase \"{phrase}\" differs from the registered \"{}\"; only the code carries meaning",
            status.reason_phrase()
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(line: &str) -> Vec<(u16, String)> {
        find_status_lines(line.as_bytes()).into_iter().map(|f| (f.code, f.phrase.into_owned())).collect()
    }

    #[test]
    fn finds_status_lines_with_prefixes() {
        assert_eq!(codes("SIP/2.0 486 Busy Here"), [(486, "Busy Here".to_owned())]);
        assert_eq!(codes("E..@.@....SIP/2.0 200 OK"), [(200, "OK".to_owned())]);
        assert_eq!(codes("2026-01-01 12:00:00 <- sip/2.0 180 Ringing\r"), [(180, "Ringing".to_owned())]);
        assert_eq!(
            codes("msg=\"SIP/2.0 603 Decline\\r\\nVia: SIP/2.0/UDP x\""),
            [(603, "Decline".to_owned())]
        );
        assert_eq!(codes("SIP/2.0 100"), [(100, String::new())]);
    }

    #[test]
    fn ignores_what_is_not_a_status_line() {
        assert!(codes("INVITE sip:bob@example.com SIP/2.0").is_empty());
        assert!(codes("Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK").is_empty());
        assert!(codes("SIP/2.0 4861 Busy").is_empty());
        assert!(codes("SIP/2.0 48 Busy").is_empty());
        assert!(codes("SIP/2.0486 Busy").is_empty());
    }

    #[test]
    fn annotates_meaning_phrase_and_unknown_codes() {
        let busy = annotate(&Found { code: 486, phrase: "Busy".into() });
        assert!(busy[0].starts_with("486 Busy Here: Client Error - "), "{busy:?}");
        assert!(busy[1].contains("\"Busy\" differs"), "{busy:?}");
        let ok = annotate(&Found { code: 200, phrase: "ok".into() });
        assert_eq!(ok.len(), 1, "{ok:?}");
        let unknown = annotate(&Found { code: 477, phrase: "Send failed".into() });
        assert!(unknown[0].contains("a UAC treats it as 400 Bad Request"), "{unknown:?}");
        let invalid = annotate(&Found { code: 999, phrase: "".into() });
        assert!(invalid[0].contains("not a SIP status code"), "{invalid:?}");
    }

    #[test]
    fn long_lines_are_cut_and_counted() {
        let mut input = vec![b'x'; MAX_LINE + 10];
        input.extend_from_slice(b"\nSIP/2.0 200 OK\r\n");
        let mut out = Vec::new();
        let summary = explain(&input[..], &mut out, Options::default()).unwrap();
        assert_eq!(summary.lines, 2);
        assert_eq!(summary.status_lines, 1);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("[... 10 more bytes not shown]"));
        assert!(out.contains("\nSIP/2.0 200 OK\n  ^ 200 OK: Success"));
    }
}

#[cfg(test)]
mod interactive {
    use std::cell::RefCell;
    use std::io::{self, BufReader, Read, Write};
    use std::rc::Rc;

    use super::{Options, explain};

    /// Output that, like a `BufWriter` on stdout, shows only what was flushed.
    #[derive(Clone, Default)]
    struct Screen {
        pending: Rc<RefCell<Vec<u8>>>,
        shown: Rc<RefCell<Vec<u8>>>,
    }

    impl Write for Screen {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.pending.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            let mut pending = self.pending.borrow_mut();
            self.shown.borrow_mut().extend(pending.drain(..));
            Ok(())
        }
    }

    /// A terminal: one typed message, then Ctrl-D, then text typed after it.
    struct Terminal {
        reads: usize,
        screen: Screen,
        shown_before_eof: Option<String>,
    }

    impl Read for Terminal {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.reads += 1;
            let typed: &[u8] = match self.reads {
                1 => b"SIP/2.0 200 OK\nCSeq: 1 OPTIONS\n\n",
                2 => {
                    self.shown_before_eof =
                        Some(String::from_utf8(self.screen.shown.borrow().clone()).unwrap());
                    b""
                }
                3 => b"SIP/2.0 486 Busy Here\n\n",
                _ => b"",
            };
            buf[..typed.len()].copy_from_slice(typed);
            Ok(typed.len())
        }
    }

    #[test]
    fn one_ctrl_d_ends_and_each_line_shows_before_the_next_read() {
        let mut screen = Screen::default();
        let terminal = Terminal { reads: 0, screen: screen.clone(), shown_before_eof: None };
        let mut input = BufReader::new(terminal);
        explain(&mut input, &mut screen, Options::default()).unwrap();
        let shown = String::from_utf8(screen.shown.borrow().clone()).unwrap();
        assert!(!shown.contains("486"), "read past Ctrl-D: {shown}");
        let before = input.get_ref().shown_before_eof.clone().unwrap();
        assert!(before.contains("SIP/2.0 200 OK\n"), "nothing shown while waiting: {before:?}");
        assert!(before.contains("  ^ 200 OK"), "no annotation while waiting: {before:?}");
    }
}
