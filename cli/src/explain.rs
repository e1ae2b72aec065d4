//! `sip-codes explain`: reads a SIP trace as text (`tcpdump -A`, ngrep, sngrep's text export,
//! SIPp `-trace_msg`, Kamailio sipdump, pjsua, proxy logs), echoes it, and after every message says what it means for the call it
//! belongs to; ends with one summary per call.
//!
//! Streaming: a line is never held past [`MAX_LINE`] bytes (longer lines are read in
//! pieces), calls are capped by [`calls::MAX_CALLS`], and the output is flushed whenever the
//! input would block, so `tcpdump -l -A | sip-codes explain` and typing at a terminal show
//! each message as it comes.

use std::io::{self, ErrorKind, Read, Write};

use crate::calls::{self, Annotated, Calls, Summary};
use crate::capture;
use crate::message::{self, Found, Kind, Message, Start};
use crate::stats::Stats;
use crate::text::printable;
use crate::{json, render};

/// The longest piece of a line handled at once; a longer line is read in pieces of this
/// size, each searched for SIP messages, and only its first piece is shown.
pub const MAX_LINE: usize = 64 * 1024;

/// How the trace is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Print only status lines, prefixed with their line number, and their annotations.
    pub status_only: bool,
    /// JSON Lines instead of the echoed trace: one object per annotated message, one per call.
    pub json: bool,
    /// Colour the annotations (terminal escape sequences).
    pub color: bool,
    /// The most calls held at once.
    pub max_calls: usize,
    /// Count instead of annotating (`sip-codes stats`): nothing is written, the counts are in
    /// [`Totals::stats`].
    pub stats: bool,
    /// Draw each call of a capture as a ladder after its summary.
    pub ladder: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            status_only: false,
            json: false,
            color: false,
            max_calls: calls::MAX_CALLS,
            stats: false,
            ladder: false,
        }
    }
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Totals {
    /// Lines read.
    pub lines: u64,
    /// Status lines found, registered or not.
    pub status_lines: u64,
    /// Calls summarised.
    pub calls: u64,
    /// For a pcap or pcapng capture: what it held, and why reading stopped early if it did.
    pub capture: Option<(capture::Report, Option<String>)>,
    /// The counts, when [`Options::stats`] asked for them.
    pub stats: Option<Box<Stats>>,
}

/// Reads `input` and writes the annotated trace to `out`.
///
/// # Errors
/// Reading or writing failed.
pub fn explain(input: impl Read, out: &mut impl Write, options: Options) -> io::Result<Totals> {
    let mut lines = Lines::new(input);
    let is_capture = capture::is_capture(lines.peek(out)?);
    // Counting writes nothing: the quiet path is JSON's, with the writing left out.
    let counting = options.stats;
    let options = Options { json: options.json || counting, ..options };
    let mut explainer = Explainer {
        stats: counting.then(Box::default),
        header_time: None,
        out,
        options,
        calls: {
            let mut calls = Calls::new(options.max_calls);
            calls.ladder = options.ladder && !options.json;
            calls
        },
        message: None,
        totals: Totals::default(),
        binary_bytes: 0,
        long: None,
        sipfrag_body: false,
        ngrep: NgrepDots::Off,
        log_direction: None,
        repeat: false,
    };
    if is_capture {
        let mut reader = capture::Capture::new();
        let mut packets = Vec::new();
        let mut error = None;
        loop {
            let chunk = lines.chunk(explainer.out)?;
            if chunk.is_empty() {
                break;
            }
            let result = reader.push(chunk, &mut packets);
            for packet in packets.drain(..) {
                explainer.packet(&packet)?;
            }
            if let Err(e) = result {
                error = Some(e.to_string());
                break;
            }
        }
        let report = reader.finish(&mut packets);
        for packet in packets.drain(..) {
            explainer.packet(&packet)?;
        }
        explainer.totals.lines = report.frames;
        explainer.finish()?;
        if explainer.options.json && explainer.stats.is_none() {
            json::write_capture(explainer.out, &report, error.as_deref())?;
        }
        explainer.totals.capture = Some((report, error));
    } else {
        while let Some(piece) = lines.next(explainer.out)? {
            explainer.piece(&piece)?;
        }
        explainer.finish()?;
    }
    explainer.out.flush()?;
    let mut totals = explainer.totals;
    totals.stats = explainer.stats;
    Ok(totals)
}

/// Whether a line is binary data rather than text: a NUL, or more control bytes (or bytes
/// that are not UTF-8) than text ever has.
fn is_binary(line: &[u8]) -> bool {
    if line.contains(&0) {
        return true;
    }
    let controls = line.iter().filter(|&&b| (b < 0x20 && b != b'\t' && b != b'\r') || b == 0x7f).count();
    if controls * 10 > line.len() {
        return true;
    }
    std::str::from_utf8(line).is_err() && {
        let high = line.iter().filter(|&&b| b >= 0x80).count();
        (controls + high) * 4 > line.len()
    }
}

/// A piece of a line: the whole line, or a [`MAX_LINE`] part of a longer one.
struct Piece<'a> {
    /// The bytes, without LF or CRLF.
    text: &'a [u8],
    /// The line's number, from 1.
    line: u64,
    /// Where the piece starts in its line.
    offset: u64,
    /// Whether the line ends with this piece.
    last: bool,
}

/// Splits a reader into pieces of lines, holding at most two [`MAX_LINE`]s of input. It
/// flushes the output before every read that may block, and reads no more once a read
/// returned end of input (a terminal's Ctrl-D).
struct Lines<R> {
    input: R,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    eof: bool,
    line: u64,
    offset: u64,
}

impl<R: Read> Lines<R> {
    fn new(input: R) -> Self {
        Lines {
            input,
            buf: vec![0; 2 * MAX_LINE].into_boxed_slice(),
            start: 0,
            end: 0,
            eof: false,
            line: 0,
            offset: 0,
        }
    }

    /// The first bytes of the input, read once.
    fn peek(&mut self, out: &mut impl Write) -> io::Result<&[u8]> {
        if self.end == 0 && !self.eof {
            self.fill(out)?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    /// The bytes read and not yet handed out, or the next read's: empty at the end of input.
    fn chunk(&mut self, out: &mut impl Write) -> io::Result<&[u8]> {
        if self.start == self.end {
            if self.eof {
                return Ok(&[]);
            }
            self.start = 0;
            self.end = 0;
            self.fill(out)?;
        }
        let (start, end) = (self.start, self.end);
        self.start = end;
        Ok(&self.buf[start..end])
    }

    /// One read into the free end of the buffer, after flushing `out`.
    fn fill(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.start > 0 {
            self.buf.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        out.flush()?;
        loop {
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    return Ok(());
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn next(&mut self, out: &mut impl Write) -> io::Result<Option<Piece<'_>>> {
        loop {
            let available = &self.buf[self.start..self.end];
            let newline = memchr::memchr(b'\n', &available[..available.len().min(MAX_LINE + 1)]);
            let (len, used, last) = if let Some(at) = newline {
                (at, at + 1, true)
            } else if available.len() >= MAX_LINE {
                let cut = cut_point(&available[..MAX_LINE]);
                (cut, cut, false)
            } else if self.eof {
                if available.is_empty() && self.offset == 0 {
                    return Ok(None);
                }
                (available.len(), available.len(), true)
            } else {
                self.fill(out)?;
                continue;
            };
            let at = self.start;
            self.start += used;
            let offset = self.offset;
            if offset == 0 {
                self.line += 1;
            }
            self.offset = if last { 0 } else { offset + len as u64 };
            let mut text = &self.buf[at..at + len];
            if last {
                text = text.strip_suffix(b"\r").unwrap_or(text);
            }
            return Ok(Some(Piece { text, line: self.line, offset, last }));
        }
    }
}

/// Where to cut a full piece: before a `SIP/2.0` the cut would split, so the next piece
/// finds it whole.
fn cut_point(piece: &[u8]) -> usize {
    const VERSION: &[u8] = b"SIP/2.0 000";
    let tail = piece.len().saturating_sub(VERSION.len());
    (tail..piece.len())
        .find(|&i| {
            let rest = &piece[i..];
            rest.iter()
                .zip(VERSION)
                .all(|(b, v)| if v.is_ascii_digit() { b.is_ascii_digit() } else { b.eq_ignore_ascii_case(v) })
        })
        .filter(|&i| i > 0)
        .unwrap_or(piece.len())
}

/// A line longer than [`MAX_LINE`] being read.
struct LongLine {
    /// Whether its first piece was shown and its line end not yet written.
    open: bool,
    /// Bytes read and not shown since.
    skipped: u64,
}

struct Explainer<'w, W> {
    out: &'w mut W,
    options: Options,
    calls: Calls,
    message: Option<Message>,
    totals: Totals,
    /// Binary bytes read and not shown since the last text line.
    binary_bytes: u64,
    long: Option<LongLine>,
    /// The last message had a `message/sipfrag` body, which is being read.
    sipfrag_body: bool,
    /// Whether the lines of the packet being read end in ngrep's `.` for CR.
    ngrep: NgrepDots,
    /// The counts, for `sip-codes stats`.
    stats: Option<Box<Stats>>,
    /// The time the last packet header line gave, for the next message.
    header_time: Option<capture::Timestamp>,
    /// The direction a log's framing gave, for the next message.
    log_direction: Option<message::Direction>,
    /// A log said the next message repeats one logged before: it is not read again.
    repeat: bool,
}

/// `ngrep -W byline` prints each line's CR as a trailing `.`, the blank line ending the
/// header fields as a lone `.`. Whether a packet's lines carry it is read from its first
/// line: a start line that reads only without its last `.`, or that ends in `.` where a CR
/// would be (`SIP/2.0 200 OK.`), marks the whole packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NgrepDots {
    /// Not in an ngrep packet, or in one whose lines end without the dot.
    Off,
    /// After an ngrep packet header, before the packet's first line.
    Pending,
    /// Each line of this packet ends with a `.` standing for its CR.
    On,
}

impl<W: Write> Explainer<'_, W> {
    fn echoes(&self) -> bool {
        !self.options.json && !self.options.status_only
    }

    fn piece(&mut self, piece: &Piece<'_>) -> io::Result<()> {
        if piece.offset > 0 {
            return self.later_piece(piece);
        }
        self.totals.lines += 1;
        let text = self.without_ngrep_dot(piece.text);
        let binary = is_binary(text);
        let flattened = if binary { None } else { message::flattened_break(text) };
        let segments = match flattened {
            Some(separator) => split_flattened(text, separator),
            None => vec![text],
        };
        let summary = message::is_packet_summary(segments[0]);
        let found = if summary { None } else { message::find_start(segments[0]) };
        let frame = if binary || found.is_some() { None } else { message::log_frame(text) };
        let ends_message = summary
            || frame.is_some()
            || binary
            || found.is_some()
            || self.message.as_ref().is_some_and(|m| m.kind(segments[0]) == Kind::Other);
        if ends_message {
            self.finish_message()?;
        }
        if summary {
            self.sipfrag_body = false;
            self.header_time = message::header_time(segments[0]);
        } else if let Some(frame) = frame {
            self.sipfrag_body = false;
            self.header_time = frame.time.or(self.header_time);
            self.log_direction = frame.direction.or(self.log_direction);
            self.repeat = frame.repeat;
        } else if message::is_ngrep_header(text) || message::is_sngrep_header(text) || flattened.is_some() {
            // ngrep `-t`: the header on a line of its own (byline) or before the message
            // (single); sngrep's text export: the header on a line of its own.
            self.header_time = message::header_time(text);
        }
        self.echo(piece, binary, found.as_ref())?;
        for (i, segment) in segments.iter().enumerate() {
            let found = if i == 0 { found.clone() } else { None };
            self.segment(piece.line, segment, found)?;
        }
        if flattened.is_some() {
            self.finish_message()?;
        }
        Ok(())
    }

    /// The line without the `.` ngrep `-W byline` prints for its CR, when its packet has them.
    fn without_ngrep_dot<'a>(&mut self, text: &'a [u8]) -> &'a [u8] {
        if message::is_ngrep_header(text) {
            self.ngrep = NgrepDots::Pending;
            return text;
        }
        if self.ngrep == NgrepDots::Pending && !text.is_empty() {
            let dotted = text
                .strip_suffix(b".")
                .is_some_and(|start| message::find_start(start).is_some_and(|found| found.at == 0));
            self.ngrep = if dotted { NgrepDots::On } else { NgrepDots::Off };
        }
        match self.ngrep {
            NgrepDots::On => text.strip_suffix(b".").unwrap_or(text),
            NgrepDots::Off | NgrepDots::Pending => text,
        }
    }

    /// Shows a line as the options ask.
    fn echo(&mut self, piece: &Piece<'_>, binary: bool, found: Option<&Found>) -> io::Result<()> {
        if self.options.json {
            return Ok(());
        }
        let is_response = matches!(found, Some(Found { start: Start::Response { .. }, .. }));
        if binary {
            if let (Some(found), true) = (found, is_response || !self.options.status_only) {
                self.binary_marker()?;
                if self.options.status_only {
                    write!(self.out, "{}: ", piece.line)?;
                }
                let shown = printable(&String::from_utf8_lossy(&piece.text[found.at..]));
                writeln!(self.out, "{shown}")?;
            } else {
                self.binary_bytes += piece.text.len() as u64 + 1;
            }
            return Ok(());
        }
        if self.options.status_only {
            if is_response {
                write!(self.out, "{}: ", piece.line)?;
                self.write_text(piece)?;
            }
            return Ok(());
        }
        self.binary_marker()?;
        self.write_text(piece)
    }

    fn write_text(&mut self, piece: &Piece<'_>) -> io::Result<()> {
        self.out.write_all(printable(&String::from_utf8_lossy(piece.text)).as_bytes())?;
        if piece.last {
            writeln!(self.out)
        } else {
            self.long = Some(LongLine { open: true, skipped: 0 });
            Ok(())
        }
    }

    fn binary_marker(&mut self) -> io::Result<()> {
        if self.binary_bytes > 0 {
            if self.echoes() {
                writeln!(self.out, "[... {} bytes of binary data not shown]", self.binary_bytes)?;
            }
            self.binary_bytes = 0;
        }
        Ok(())
    }

    /// A piece after the first of a long line: searched for a start line, not shown.
    fn later_piece(&mut self, piece: &Piece<'_>) -> io::Result<()> {
        let long = self.long.get_or_insert(LongLine { open: false, skipped: 0 });
        match message::find_start(piece.text) {
            Some(found) => {
                let (open, skipped) = (long.open, long.skipped);
                *long = LongLine { open: false, skipped: 0 };
                self.finish_message()?;
                if !self.options.json {
                    if open {
                        self.end_long_line(skipped)?;
                    }
                    let shown = printable(&String::from_utf8_lossy(&piece.text[found.at..]));
                    let at = piece.offset + found.at as u64;
                    writeln!(self.out, "[line {}, from byte {at}:] {shown}", piece.line)?;
                }
                if matches!(found.start, Start::Response { .. }) {
                    self.totals.status_lines += 1;
                }
                self.message = Some(Message::new(piece.line, found.start));
            }
            None => long.skipped += piece.text.len() as u64,
        }
        if piece.last
            && let Some(long) = self.long.take()
            && !self.options.json
        {
            if long.open {
                self.end_long_line(long.skipped)?;
            } else if long.skipped > 0 {
                writeln!(self.out, "[... {} more bytes of line {} not shown]", long.skipped, piece.line)?;
            }
        }
        Ok(())
    }

    fn end_long_line(&mut self, skipped: u64) -> io::Result<()> {
        if skipped > 0 {
            writeln!(self.out, " [... {skipped} more bytes not shown]")
        } else {
            writeln!(self.out)
        }
    }

    /// One line of a message, or one part of a message flattened onto one line.
    fn segment(&mut self, line: u64, segment: &[u8], found: Option<Found>) -> io::Result<()> {
        if let Some(found) = found {
            self.finish_message()?;
            if std::mem::take(&mut self.repeat) {
                self.header_time = None;
                self.log_direction = None;
                return Ok(());
            }
            let response = matches!(found.start, Start::Response { .. });
            if response {
                self.totals.status_lines += 1;
            }
            let mut message = Message::new(line, found.start);
            message.in_sipfrag = response && self.sipfrag_body;
            message.header_time = self.header_time.take();
            message.direction = self.log_direction.take();
            self.sipfrag_body = false;
            self.message = Some(message);
            return Ok(());
        }
        let Some(message) = &mut self.message else {
            return Ok(());
        };
        match message.kind(segment) {
            Kind::Header => message.add_header(segment),
            Kind::Continuation => {}
            Kind::Blank => {
                // A NOTIFY's sipfrag body holds a status line of another call's progress.
                let sipfrag = message.content_type.as_deref() == Some("message/sipfrag");
                self.finish_message()?;
                self.sipfrag_body = sipfrag;
            }
            Kind::Other => self.finish_message()?,
        }
        Ok(())
    }

    /// A message read from a capture: shown after a line saying where it was captured (the
    /// frame number stands for the line number), then annotated.
    fn packet(&mut self, packet: &capture::Packet) -> io::Result<()> {
        self.finish_message()?;
        self.sipfrag_body = false;
        let origin = packet.origin;
        let mut lines = packet.bytes.split(|&b| b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l));
        let Some(first) = lines.next() else { return Ok(()) };
        let found = message::find_start(first);
        let is_response = matches!(found, Some(Found { start: Start::Response { .. }, .. }));
        if is_response {
            self.totals.status_lines += 1;
        }
        if self.echoes() {
            writeln!(
                self.out,
                "frame {} at {}: {} {} -> {}",
                origin.frame,
                origin.time,
                origin.transport.key().to_ascii_uppercase(),
                origin.src,
                origin.dst
            )?;
            self.out.write_all(printable(&String::from_utf8_lossy(first)).as_bytes())?;
            writeln!(self.out)?;
        } else if self.options.status_only && is_response && !self.options.json {
            writeln!(self.out, "{}: {}", origin.frame, printable(&String::from_utf8_lossy(first)))?;
        }
        let Some(found) = found else { return Ok(()) };
        let mut message = Message::new(origin.frame, found.start);
        message.origin = Some(origin);
        self.message = Some(message);
        let mut body = false;
        for line in lines {
            if self.echoes() {
                self.out.write_all(printable(&String::from_utf8_lossy(line)).as_bytes())?;
                writeln!(self.out)?;
            }
            if body {
                // A NOTIFY's sipfrag body: its status line is another call's progress.
                if self.sipfrag_body
                    && let Some(found) = message::find_start(line)
                {
                    self.segment(origin.frame, line, Some(found))?;
                    if let Some(message) = &mut self.message {
                        message.origin = Some(origin);
                    }
                }
                continue;
            }
            self.segment(origin.frame, line, None)?;
            body = self.message.is_none();
        }
        self.finish_message()?;
        self.sipfrag_body = false;
        Ok(())
    }

    /// The message read so far is complete: annotate it.
    fn finish_message(&mut self) -> io::Result<()> {
        let Some(message) = self.message.take() else {
            return Ok(());
        };
        if let Some(stats) = &mut self.stats {
            stats.message(&message);
        }
        if let Some(annotated) = self.calls.read(&message) {
            self.annotation(&annotated)?;
        }
        for summary in self.calls.take_evicted() {
            self.summary(&summary)?;
        }
        Ok(())
    }

    fn annotation(&mut self, annotated: &Annotated) -> io::Result<()> {
        if let Some(stats) = &mut self.stats {
            stats.annotation(annotated);
            return Ok(());
        }
        if self.options.json {
            json::write_annotation(self.out, annotated)
        } else {
            render::write_annotation(self.out, annotated, self.options.color)
        }
    }

    fn summary(&mut self, summary: &Summary) -> io::Result<()> {
        self.totals.calls += 1;
        if let Some(stats) = &mut self.stats {
            stats.call(summary);
            return Ok(());
        }
        if self.options.json {
            json::write_call(self.out, summary)
        } else {
            render::write_call(self.out, summary, self.options.color)?;
            crate::ladder::write(self.out, &summary.arrows, summary.arrows_dropped)
        }
    }

    fn finish(&mut self) -> io::Result<()> {
        self.finish_message()?;
        self.binary_marker()?;
        for summary in self.calls.finish() {
            self.summary(&summary)?;
        }
        Ok(())
    }
}

/// A message flattened onto one line, cut at its line breaks: what comes before the start
/// line's `SIP/2.0` is never cut.
fn split_flattened<'a>(line: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let from = message::find_start(line).map_or(0, |f| f.at);
    let mut segments = Vec::new();
    let mut start = 0;
    for at in memchr::memmem::find_iter(&line[from..], separator) {
        let at = from + at;
        if at < start {
            continue;
        }
        segments.push(&line[start..at]);
        start = at + separator.len();
    }
    segments.push(&line[start..]);
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8], options: Options) -> (String, Totals) {
        let mut out = Vec::new();
        let totals = explain(input, &mut out, options).unwrap();
        (String::from_utf8(out).unwrap(), totals)
    }

    #[test]
    fn long_lines_are_cut_and_counted() {
        let mut input = vec![b'x'; MAX_LINE + 10];
        input.extend_from_slice(b"\nSIP/2.0 200 OK\r\n");
        let (out, totals) = run(&input, Options::default());
        assert_eq!(totals.lines, 2);
        assert_eq!(totals.status_lines, 1);
        assert!(out.contains(" [... 10 more bytes not shown]\n"), "{}", &out[MAX_LINE..]);
        assert!(out.contains("\nSIP/2.0 200 OK\n  ^ 200 OK: Success"));
    }

    #[test]
    fn a_status_line_cut_by_the_piece_size_is_found_whole() {
        let mut input = vec![b'x'; MAX_LINE - 4];
        input.extend_from_slice(b"SIP/2.0 486 Busy Here\n");
        let (out, totals) = run(&input, Options::default());
        assert_eq!(totals.status_lines, 1);
        assert!(
            out.contains(&format!("[line 1, from byte {}:] SIP/2.0 486 Busy Here\n", MAX_LINE - 4)),
            "{}",
            &out[MAX_LINE - 10..]
        );
        assert!(out.contains("  ^ 486 Busy Here: Client Error"));
    }

    #[test]
    fn flattened_messages_split_after_the_start_line_only() {
        let line = b"U 1.2.3.4:5060 -> 5.6.7.8:5060 SIP/2.0 486 Busy Here..Via: x..CSeq: 1 INVITE....v=0..";
        let segments = split_flattened(line, b"..");
        assert_eq!(segments[0], b"U 1.2.3.4:5060 -> 5.6.7.8:5060 SIP/2.0 486 Busy Here");
        assert_eq!(segments[1], b"Via: x");
        assert_eq!(segments[2], b"CSeq: 1 INVITE");
        assert_eq!(segments[3], b"");
    }

    #[test]
    fn binary_lines_are_counted_not_shown() {
        assert!(is_binary(b"\x00abc"));
        assert!(is_binary(&[1, 2, 3, 4, b'a']));
        assert!(!is_binary(b"E.....@.?.....d...c...SIP/2.0 200 OK"));
        assert!(!is_binary("Caf\u{e9} \u{e9}t\u{e9}".as_bytes()));
        let (out, _) = run(b"\x01\x02\x03\x04\nSIP/2.0 200 OK\n", Options::default());
        assert!(out.starts_with("[... 5 bytes of binary data not shown]\nSIP/2.0 200 OK\n"), "{out}");
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
