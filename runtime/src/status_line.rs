use core::fmt;

use crate::{Code, ParseError, ParseErrorKind, SipStatus};

/// The first line of a SIP response, `SIP-Version SP Status-Code SP Reason-Phrase CRLF`
/// (RFC 3261 §7.2), borrowed from the bytes it was read from and kept byte for byte.
///
/// [`parse`](Self::parse) reads what a stack receives: any code 100..=999 as a [`Code`], any
/// phrase the grammar allows (or none), the version in any ASCII case. The line writes
/// itself back exactly as received, so a proxy can forward a code and phrase it does not know
/// unchanged, as RFC 3261 §16.7 asks. [`new`](Self::new) builds a line to send and refuses a
/// phrase that could inject a header. [`meaning`](Self::meaning) reads the code through a
/// generated type, RFC 3261 §8.1.3.2 included.
///
/// ```
/// use sip_codes::{iana::StatusCode, StatusLine};
///
/// let message = b"SIP/2.0 477 Sending Failed\r\nVia: SIP/2.0/UDP 192.0.2.4\r\n\r\n";
/// let (line, headers) = StatusLine::parse(message)?;
/// assert_eq!(line.code(), 477);
/// assert_eq!(line.reason(), b"Sending Failed");
/// assert!(headers.starts_with(b"Via:"));
///
/// // No registry defines 477: act on it as 400 Bad Request, and know that it was a guess.
/// let reading = line.meaning::<StatusCode>().unwrap();
/// assert_eq!(reading.status, StatusCode::BadRequest);
/// assert!(reading.interpreted);
///
/// // Forward it unchanged.
/// let mut out = [0u8; 64];
/// let written = line.write_to(&mut out).unwrap();
/// assert_eq!(&out[..written], b"SIP/2.0 477 Sending Failed\r\n");
/// # Ok::<(), sip_codes::ParseError>(())
/// ```
///
/// # What `parse` accepts
///
/// - The SIP-Version `SIP/2.0` in any ASCII case (`sip/2.0`): RFC 3261 §7.1 compares it
///   without case. [`version`](Self::version) gives the bytes as received.
/// - Exactly one SP, exactly three digits making a code 100..=999 (RFC 3261's
///   `extension-code`; 7xx to 9xx appear in real traces), one SP.
/// - A Reason-Phrase of any length (empty too) made of HTAB, SP, the visible ASCII
///   characters and any byte from 0x80 up: every phrase RFC 3261's grammar allows (any
///   UTF-8), plus visible ASCII its grammar leaves out (`"`, `[`, a bare `%`) and Latin-1
///   bytes from old stacks, which a receiver has no reason to refuse and a proxy must forward.
/// - `SIP/2.0 200\r\n`, with no SP after the code (sofia-sip and pjsip accept it): read as an
///   empty phrase. The line remembers the missing SP, so it still writes back byte for byte;
///   a line built with [`new`](Self::new) always has the SP.
///
/// It refuses, with a [`ParseError`] that says why and never a panic: a version other than
/// SIP/2.0 ([`BadVersion`](ParseErrorKind::BadVersion)), fewer or more than three digits
/// ([`InvalidDigit`](ParseErrorKind::InvalidDigit), [`TooManyDigits`](ParseErrorKind::TooManyDigits):
/// RFC 4475's `SIP/2.0 4294967301`), a code below 100 ([`InvalidCode`](ParseErrorKind::InvalidCode)),
/// anything but one SP around the code ([`MissingSpace`](ParseErrorKind::MissingSpace)), a
/// CR or LF that is not the final CRLF ([`BareLineBreak`](ParseErrorKind::BareLineBreak)),
/// another control character or DEL in the phrase ([`ForbiddenByte`](ParseErrorKind::ForbiddenByte)),
/// and no CRLF ([`MissingCrlf`](ParseErrorKind::MissingCrlf) when the input ends first,
/// [`LineTooLong`](ParseErrorKind::LineTooLong) after [`MAX_LEN`](Self::MAX_LEN) bytes).
///
/// The error is the first problem in reading order, and an input that is a prefix of a
/// valid line is always `MissingCrlf`, so a stream reader can tell "read more" from "bad".
/// `parse` looks at no more than `MAX_LEN` bytes, however long the input. It expects the line
/// at the start of `input`: skipping the CRLFs a stream transport may send before a message
/// (RFC 3261 §7.5) is the framer's job.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatusLine<'a> {
    version: &'a [u8],
    reason: &'a [u8],
    code: Code,
    /// Whether an SP separates the code from the (possibly empty) phrase; `false` only for a
    /// received `SIP/2.0 200\r\n`.
    reason_space: bool,
}

/// How a generated type reads a received code: [`StatusLine::meaning`].
///
/// ```
/// use sip_codes::{iana::StatusCode, Reading, StatusLine};
///
/// let (line, _) = StatusLine::parse(b"SIP/2.0 183 Ringing\r\n")?;
/// assert_eq!(
///     line.meaning::<StatusCode>(),
///     Some(Reading { status: StatusCode::SessionProgress, interpreted: false }),
/// );
/// # Ok::<(), sip_codes::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reading<T> {
    /// The code as the type reads it: the code itself when the type defines it, else the
    /// code RFC 3261 §8.1.3.2 treats it as.
    pub status: T,
    /// `true` when the type does not define the code and `status` is RFC 3261 §8.1.3.2's
    /// stand-in for it (183 for a 1xx, the x00 of the class for a final code), so a stack can
    /// log or count the responses it had to guess at.
    pub interpreted: bool,
}

/// The buffer given to [`StatusLine::write_to`] is shorter than the line; nothing was
/// written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct BufferTooSmall {
    /// The bytes the line needs, CRLF included.
    pub needed: usize,
}

impl fmt::Display for BufferTooSmall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the status line needs a buffer of {} bytes", self.needed)
    }
}

impl core::error::Error for BufferTooSmall {}

/// `input[i]` may appear in a received Reason-Phrase: HTAB, SP to `~`, and 0x80 up.
static PHRASE_BYTE: [bool; 256] = {
    let mut allowed = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        allowed[byte] = byte == 0x09 || (byte >= 0x20 && byte != 0x7F);
        byte += 1;
    }
    allowed
};

/// An ASCII byte RFC 3261's Reason-Phrase allows by itself: reserved, unreserved, SP, HTAB
/// (`%` is allowed only as `escaped`, and bytes from 0x80 as UTF-8; both are checked apart).
static GRAMMAR_ASCII: [bool; 128] = {
    let mut allowed = [false; 128];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        allowed[byte] = b.is_ascii_alphanumeric()
            || matches!(
                b,
                // reserved
                b';' | b'/' | b'?' | b':' | b'@' | b'&' | b'=' | b'+' | b'$' | b','
                // mark
                | b'-' | b'_' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')'
                | b' ' | b'\t'
            );
        byte += 1;
    }
    allowed
};

const VERSION: &[u8; 7] = b"SIP/2.0";

impl<'a> StatusLine<'a> {
    /// The most bytes a status line may take, CRLF included: [`parse`](Self::parse) looks
    /// for the CRLF no further. Generous: real phrases take tens of bytes, and SIP's own
    /// messages over UDP stay under 1300 (RFC 3261 §18.1.1).
    pub const MAX_LEN: usize = 8192;

    /// Reads a status line from the start of `input` and returns it with the bytes after its
    /// CRLF (the headers, for a whole message). See the [type's documentation](Self) for
    /// what it accepts.
    ///
    /// ```
    /// use sip_codes::{ParseErrorKind, StatusLine};
    ///
    /// let (line, rest) = StatusLine::parse(b"sip/2.0 100 \r\n")?; // RFC 4475 §3.1.1.13
    /// assert_eq!((line.version(), line.code().get(), line.reason()), (&b"sip/2.0"[..], 100, &b""[..]));
    /// assert!(rest.is_empty());
    ///
    /// let kind = |input: &[u8]| StatusLine::parse(input).unwrap_err().kind();
    /// assert_eq!(kind(b"SIP/2.0 4294967301 better not break the receiver\r\n"), ParseErrorKind::TooManyDigits);
    /// assert_eq!(kind(b"SIP/2.0 200 OK\nVia: x\r\n"), ParseErrorKind::BareLineBreak { offset: 14 });
    /// assert_eq!(kind(b"SIP/7.0 200 OK\r\n"), ParseErrorKind::BadVersion);
    /// assert_eq!(kind(b"SIP/2.0 200 O"), ParseErrorKind::MissingCrlf);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// A [`ParseError`] whose [`kind`](ParseError::kind) says what is wrong, as listed in the
    /// [type's documentation](Self).
    pub fn parse(input: &'a [u8]) -> Result<(StatusLine<'a>, &'a [u8]), ParseError> {
        let err = |kind| Err(ParseError::new(kind));
        // "SIP/2.0 " in any ASCII case: OR-ing 0x20 into the three letters lower-cases them
        // and maps nothing else onto them.
        match input.first_chunk::<8>() {
            Some(head) if u64::from_le_bytes(*head) | 0x0020_2020 == u64::from_le_bytes(*b"sip/2.0 ") => {}
            _ => {
                let expected = b"SIP/2.0 ";
                let seen = &input[..input.len().min(8)];
                return if seen.eq_ignore_ascii_case(&expected[..seen.len()]) {
                    err(ParseErrorKind::MissingCrlf)
                } else {
                    err(ParseErrorKind::BadVersion)
                };
            }
        }
        let mut code = 0u16;
        for at in 8..11 {
            match input.get(at) {
                None => return err(ParseErrorKind::MissingCrlf),
                Some(digit @ b'0'..=b'9') => code = code * 10 + u16::from(digit - b'0'),
                Some(_) => return err(ParseErrorKind::InvalidDigit),
            }
        }
        let Some(code) = Code::new(code) else { return err(ParseErrorKind::InvalidCode(code)) };
        let (reason_start, reason_space) = match input.get(11) {
            None => return err(ParseErrorKind::MissingCrlf),
            Some(b' ') => (12, true),
            Some(b'\r') => (11, false),
            Some(b'\n') => return err(ParseErrorKind::BareLineBreak { offset: 11 }),
            Some(b'0'..=b'9') => return err(ParseErrorKind::TooManyDigits),
            Some(_) => return err(ParseErrorKind::MissingSpace),
        };
        let limit = input.len().min(Self::MAX_LEN);
        let at = phrase_end(input, reason_start, limit);
        if at == limit {
            return err(if limit == Self::MAX_LEN {
                ParseErrorKind::LineTooLong
            } else {
                ParseErrorKind::MissingCrlf
            });
        }
        match input[at] {
            b'\r' => match input.get(at + 1) {
                _ if at + 2 > Self::MAX_LEN => return err(ParseErrorKind::LineTooLong),
                Some(b'\n') => {}
                Some(_) => return err(ParseErrorKind::BareLineBreak { offset: at }),
                None => return err(ParseErrorKind::MissingCrlf),
            },
            b'\n' => return err(ParseErrorKind::BareLineBreak { offset: at }),
            byte => return err(ParseErrorKind::ForbiddenByte { offset: at, byte }),
        }
        let line = StatusLine { version: &input[..7], reason: &input[reason_start..at], code, reason_space };
        Ok((line, &input[at + 2..]))
    }

    /// [`parse`](Self::parse) for text: the rest is a `&str` too. What a tokenizer over
    /// `&str` calls.
    ///
    /// ```
    /// use sip_codes::StatusLine;
    ///
    /// let (line, headers) = StatusLine::parse_str("SIP/2.0 180 Ringing\r\nVia: x\r\n")?;
    /// assert_eq!((line.code().get(), line.reason_str()), (180, Some("Ringing")));
    /// assert_eq!(headers, "Via: x\r\n");
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// As [`parse`](Self::parse).
    #[inline]
    pub fn parse_str(input: &'a str) -> Result<(StatusLine<'a>, &'a str), ParseError> {
        let (line, rest) = Self::parse(input.as_bytes())?;
        // The rest starts after an LF, so on a character boundary.
        Ok((line, &input[input.len() - rest.len()..]))
    }

    /// Reads `Status-Code SP Reason-Phrase` at the start of `input`, for a parser that has
    /// read the SIP-Version (and the SP after it) itself, as a tokenizer of whole messages
    /// does. It stops before the line's end: the rest starts at the CR or LF, or is empty
    /// when `input` is the line alone, so the caller's own grammar takes the CRLF.
    ///
    /// The code is any 100..=999 and the phrase any that [`parse`](Self::parse) accepts,
    /// borrowed from `input`; with no SP after the code (`200\r\n`, or `200` alone) the
    /// phrase is empty and the line remembers the missing SP. Input that ends inside the
    /// phrase reads as a whole line: a stream reader that may hold a partial line checks that
    /// the rest starts with the line's end before it trusts the phrase. The line's
    /// [`version`](Self::version) is `SIP/2.0`, which the caller has checked: it writes back
    /// `SIP/2.0 ` and the bytes read here, exactly.
    ///
    /// ```
    /// use sip_codes::{ParseErrorKind, StatusLine};
    ///
    /// let (line, rest) = StatusLine::parse_after_version(b"477 Sending Failed\r\nVia: x\r\n")?;
    /// assert_eq!((line.code().get(), line.reason()), (477, &b"Sending Failed"[..]));
    /// assert_eq!(rest, b"\r\nVia: x\r\n");
    /// assert_eq!(line.to_string(), "SIP/2.0 477 Sending Failed\r\n");
    ///
    /// // A line its tokenizer already split off.
    /// let (line, rest) = StatusLine::parse_after_version(b"200")?;
    /// assert_eq!((line.code().get(), line.reason(), rest), (200, &b""[..], &b""[..]));
    ///
    /// let kind = |input: &[u8]| StatusLine::parse_after_version(input).unwrap_err().kind();
    /// assert_eq!(kind(b"48 Busy"), ParseErrorKind::InvalidDigit);
    /// assert_eq!(kind(b"4860 Busy"), ParseErrorKind::TooManyDigits);
    /// assert_eq!(kind(b"486\tBusy"), ParseErrorKind::MissingSpace);
    /// assert_eq!(kind(b"486 Busy\x00Here"), ParseErrorKind::ForbiddenByte { offset: 8, byte: 0 });
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// From a [nom](https://docs.rs/nom) parser over bytes, which reads the version and the
    /// CRLF itself:
    ///
    /// ```
    /// use nom::bytes::complete::tag;
    /// use nom::{IResult, Parser};
    /// use sip_codes::StatusLine;
    ///
    /// fn status(input: &[u8]) -> IResult<&[u8], StatusLine<'_>> {
    ///     StatusLine::parse_after_version(input)
    ///         .map(|(line, rest)| (rest, line))
    ///         .map_err(|_| nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Verify)))
    /// }
    ///
    /// fn status_line(input: &[u8]) -> IResult<&[u8], StatusLine<'_>> {
    ///     let (rest, (_, line, _)) = (tag("SIP/2.0 "), status, tag("\r\n")).parse(input)?;
    ///     Ok((rest, line))
    /// }
    ///
    /// let (headers, line) = status_line(b"SIP/2.0 486 Busy Here\r\nVia: x\r\n").unwrap();
    /// assert_eq!((line.code().get(), line.reason()), (486, &b"Busy Here"[..]));
    /// assert_eq!(headers, b"Via: x\r\n");
    /// assert!(status_line(b"SIP/2.0 48 Busy\r\n").is_err());
    /// ```
    ///
    /// # Errors
    /// [`InvalidDigit`](ParseErrorKind::InvalidDigit) unless `input` starts with three
    /// digits, [`TooManyDigits`](ParseErrorKind::TooManyDigits),
    /// [`InvalidCode`](ParseErrorKind::InvalidCode) below 100,
    /// [`MissingSpace`](ParseErrorKind::MissingSpace) for anything but SP, CR or LF after
    /// the code, [`ForbiddenByte`](ParseErrorKind::ForbiddenByte) for a control character
    /// other than HTAB, CR and LF, or DEL, in the phrase, and
    /// [`LineTooLong`](ParseErrorKind::LineTooLong) when the phrase runs past
    /// [`MAX_LEN`](Self::MAX_LEN). Offsets count from the start of `input`.
    pub fn parse_after_version(input: &'a [u8]) -> Result<(StatusLine<'a>, &'a [u8]), ParseError> {
        let err = |kind| Err(ParseError::new(kind));
        let [a, b, c, ref after @ ..] = *input else { return err(ParseErrorKind::InvalidDigit) };
        if !(a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit()) {
            return err(ParseErrorKind::InvalidDigit);
        }
        let code = u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0');
        let Some(code) = Code::new(code) else { return err(ParseErrorKind::InvalidCode(code)) };
        let reason_start = match after.first() {
            None | Some(b'\r' | b'\n') => {
                let line = StatusLine { version: VERSION, reason: &[], code, reason_space: false };
                return Ok((line, after));
            }
            Some(b' ') => 4,
            Some(b'0'..=b'9') => return err(ParseErrorKind::TooManyDigits),
            Some(_) => return err(ParseErrorKind::MissingSpace),
        };
        // The line ends at MAX_LEN at the latest, counting the version and CRLF it lacks here.
        let limit = input.len().min(Self::MAX_LEN - VERSION.len() - 3);
        let at = phrase_end(input, reason_start, limit);
        match input.get(at) {
            None | Some(b'\r' | b'\n') => {}
            Some(_) if at == limit => return err(ParseErrorKind::LineTooLong),
            Some(&byte) => return err(ParseErrorKind::ForbiddenByte { offset: at, byte }),
        }
        let line =
            StatusLine { version: VERSION, reason: &input[reason_start..at], code, reason_space: true };
        Ok((line, &input[at..]))
    }

    /// [`parse_after_version`](Self::parse_after_version) for text, from a `&str` tokenizer.
    ///
    /// ```
    /// use sip_codes::StatusLine;
    ///
    /// // A hand-written tokenizer over &str: split the first line, check the version, and
    /// // hand the rest of the line over.
    /// fn read_status(message: &str) -> Option<(StatusLine<'_>, &str)> {
    ///     let (first, headers) = message.split_once("\r\n")?;
    ///     let after = first.strip_prefix("SIP/2.0 ")?;
    ///     let (line, rest) = StatusLine::parse_after_version_str(after).ok()?;
    ///     rest.is_empty().then_some((line, headers))
    /// }
    ///
    /// let (line, headers) = read_status("SIP/2.0 603 Decline\r\nVia: x\r\n").unwrap();
    /// assert_eq!((line.code().get(), line.reason_str()), (603, Some("Decline")));
    /// assert_eq!(headers, "Via: x\r\n");
    /// assert!(read_status("SIP/2.0 603 Decline\nVia: x\r\n").is_none());
    /// ```
    ///
    /// # Errors
    /// As [`parse_after_version`](Self::parse_after_version).
    #[inline]
    pub fn parse_after_version_str(input: &'a str) -> Result<(StatusLine<'a>, &'a str), ParseError> {
        let (line, rest) = Self::parse_after_version(input.as_bytes())?;
        // The rest starts at an ASCII byte (CR or LF) or is empty: a character boundary.
        Ok((line, &input[input.len() - rest.len()..]))
    }

    /// A line to send: `SIP/2.0`, `code` and `reason`, which may be empty and must be a
    /// Reason-Phrase as RFC 3261 §25.1 defines it: reserved and unreserved characters, SP,
    /// HTAB, `%` and two hex digits, and UTF-8. So a phrase taken from elsewhere (a database,
    /// a peer, a user) cannot inject a header or end the message early.
    ///
    /// ```
    /// use sip_codes::{Code, ParseErrorKind, StatusLine};
    ///
    /// let busy = Code::new(486).unwrap();
    /// let line = StatusLine::new(busy, "Occupé, rappelez plus tard")?;
    /// assert_eq!(line.to_string(), "SIP/2.0 486 Occupé, rappelez plus tard\r\n");
    ///
    /// let injected = StatusLine::new(busy, "Busy Here\r\nContact: <sip:evil@example.com>");
    /// assert_eq!(injected.unwrap_err().kind(), ParseErrorKind::ForbiddenByte { offset: 9, byte: b'\r' });
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// [`ParseErrorKind::ForbiddenByte`] for the first byte the grammar does not allow:
    /// CR, LF and other controls, DEL, `"#<>[\]^`{|}`, a `%` without two hex digits after it,
    /// and bytes from 0x80 that are not UTF-8 sequences or continuation bytes.
    pub fn new<R: AsRef<[u8]> + ?Sized>(code: Code, reason: &'a R) -> Result<StatusLine<'a>, ParseError> {
        let reason = reason.as_ref();
        if let Some(offset) = first_forbidden(reason) {
            return Err(ParseError::new(ParseErrorKind::ForbiddenByte { offset, byte: reason[offset] }));
        }
        Ok(StatusLine { version: VERSION, reason, code, reason_space: true })
    }

    /// The Status-Code, 100..=999.
    #[inline]
    pub const fn code(&self) -> Code {
        self.code
    }

    /// The Reason-Phrase exactly as received, without the SP before it; possibly empty, and
    /// not necessarily UTF-8 (see the [type's documentation](Self)). Only the code carries
    /// meaning: compare codes, not phrases.
    #[inline]
    pub const fn reason(&self) -> &'a [u8] {
        self.reason
    }

    /// The Reason-Phrase as text, or `None` when the peer sent bytes that are not UTF-8
    /// (Latin-1 from an old stack).
    ///
    /// ```
    /// use sip_codes::StatusLine;
    ///
    /// let (line, _) = StatusLine::parse(b"SIP/2.0 486 Occup\xE9\r\n")?;
    /// assert_eq!(line.reason_str(), None);
    /// assert_eq!(line.reason(), b"Occup\xE9");
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[inline]
    pub const fn reason_str(&self) -> Option<&'a str> {
        match core::str::from_utf8(self.reason) {
            Ok(reason) => Some(reason),
            Err(_) => None,
        }
    }

    /// The SIP-Version exactly as received: `SIP/2.0` in some ASCII case.
    #[inline]
    pub const fn version(&self) -> &'a [u8] {
        self.version
    }

    /// How `T` reads the code: the code's own variant (`interpreted: false`), or RFC 3261
    /// §8.1.3.2's reading of a code `T` does not define (`interpreted: true`: 183 for a 1xx,
    /// the x00 of the class for a final code). `None` for 700..=999, which have no class.
    ///
    /// ```
    /// use sip_codes::{iana::StatusCode, StatusLine};
    ///
    /// let (line, _) = StatusLine::parse(b"SIP/2.0 701 Vendor Local\r\n")?;
    /// assert_eq!(line.meaning::<StatusCode>(), None);
    /// let (line, _) = StatusLine::parse(b"SIP/2.0 199 Early Dialog Terminated\r\n")?;
    /// assert!(!line.meaning::<StatusCode>().unwrap().interpreted);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[inline]
    pub fn meaning<T: SipStatus>(&self) -> Option<Reading<T>> {
        let code = self.code.get();
        match T::from_code(code) {
            Some(status) => Some(Reading { status, interpreted: false }),
            None => T::interpret(code).map(|status| Reading { status, interpreted: true }),
        }
    }

    /// The bytes [`write_to`](Self::write_to) writes, CRLF included.
    #[inline]
    pub const fn encoded_len(&self) -> usize {
        self.version.len() + 4 + self.reason_space as usize + self.reason.len() + 2
    }

    /// Writes the line, CRLF included, at the start of `buf` and returns its length: the
    /// bytes it was parsed from, exactly, or the line [`new`](Self::new) built. No
    /// allocation.
    ///
    /// ```
    /// use sip_codes::StatusLine;
    ///
    /// let received = b"SIP/2.0 200\r\n"; // no SP, no phrase: kept as it came
    /// let (line, _) = StatusLine::parse(received)?;
    /// let mut buf = [0u8; 16];
    /// let written = line.write_to(&mut buf).unwrap();
    /// assert_eq!(&buf[..written], received);
    /// assert_eq!(line.write_to(&mut [0u8; 4]).unwrap_err().needed, 13);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// [`BufferTooSmall`] when `buf` is shorter than [`encoded_len`](Self::encoded_len); then
    /// nothing is written.
    pub fn write_to(&self, buf: &mut [u8]) -> Result<usize, BufferTooSmall> {
        let needed = self.encoded_len();
        let Some(out) = buf.get_mut(..needed) else { return Err(BufferTooSmall { needed }) };
        let (version, rest) = out.split_at_mut(self.version.len());
        version.copy_from_slice(self.version);
        let (code, rest) = rest.split_at_mut(4);
        code[0] = b' ';
        code[1..].copy_from_slice(self.code.as_str().as_bytes());
        let rest = if self.reason_space {
            rest[0] = b' ';
            &mut rest[1..]
        } else {
            rest
        };
        let (reason, crlf) = rest.split_at_mut(self.reason.len());
        reason.copy_from_slice(self.reason);
        crlf.copy_from_slice(b"\r\n");
        Ok(needed)
    }
}

/// The offset of the first byte from `at` (before `limit`) that a received Reason-Phrase
/// cannot hold: a control character other than HTAB (the CR of the CRLF, say), or DEL.
#[inline]
fn phrase_end(input: &[u8], mut at: usize, limit: usize) -> usize {
    // Eight bytes at a time while none is below 0x20 or DEL (HTAB included: the byte loop
    // below takes it), then byte by byte to the CR.
    while let Some(chunk) = input.get(at..limit).and_then(<[u8]>::first_chunk::<8>) {
        const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
        const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
        let word = u64::from_ne_bytes(*chunk);
        let del = word ^ (ONES * 0x7F);
        // Exact "some byte is below n" tests for n <= 0x80 (Hacker's Delight 6-1): a byte
        // below 0x20 in `word`, a zero byte (DEL) in `del`.
        let stop = (word.wrapping_sub(ONES * 0x20) & !word) | (del.wrapping_sub(ONES) & !del);
        if stop & HIGHS != 0 {
            break;
        }
        at += 8;
    }
    while at < limit && PHRASE_BYTE[usize::from(input[at])] {
        at += 1;
    }
    at
}

/// The offset of the first byte of `reason` that RFC 3261's Reason-Phrase does not allow.
fn first_forbidden(reason: &[u8]) -> Option<usize> {
    let is_hex = |at: usize| reason.get(at).is_some_and(u8::is_ascii_hexdigit);
    let is_continuation = |at: usize| reason.get(at).is_some_and(|&byte| matches!(byte, 0x80..=0xBF));
    let mut at = 0;
    while let Some(&byte) = reason.get(at) {
        // UTF8-NONASCII: a lead byte and its continuation bytes. A continuation byte is
        // also allowed alone (UTF8-CONT).
        let length = match byte {
            0x00..=0x7F if GRAMMAR_ASCII[usize::from(byte)] => 1,
            b'%' if is_hex(at + 1) && is_hex(at + 2) => 3,
            0x80..=0xBF => 1,
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            0xF8..=0xFB => 5,
            0xFC..=0xFD => 6,
            _ => return Some(at),
        };
        if byte >= 0xC0 && !(1..length).all(|next| is_continuation(at + next)) {
            return Some(at);
        }
        at += length;
    }
    None
}

/// Writes the line with its CRLF, exactly as received when the phrase is UTF-8, as RFC 3261
/// requires (any invalid sequence is written as U+FFFD; [`StatusLine::write_to`] writes
/// the bytes themselves). The alternate form, `{:#}`, leaves out the CRLF, for logs.
///
/// ```
/// use sip_codes::StatusLine;
///
/// let (line, _) = StatusLine::parse(b"SIP/2.0 180 Ringing\r\n")?;
/// assert_eq!(line.to_string(), "SIP/2.0 180 Ringing\r\n");
/// assert_eq!(format!("{line:#}"), "SIP/2.0 180 Ringing");
/// # Ok::<(), sip_codes::ParseError>(())
/// ```
impl fmt::Display for StatusLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_lossy(f, self.version)?;
        f.write_str(" ")?;
        f.write_str(self.code.as_str())?;
        if self.reason_space {
            f.write_str(" ")?;
        }
        write_lossy(f, self.reason)?;
        if !f.alternate() {
            f.write_str("\r\n")?;
        }
        Ok(())
    }
}

impl fmt::Debug for StatusLine<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Bytes<'b>(&'b [u8]);
        impl fmt::Debug for Bytes<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"")?;
                for chunk in self.0.utf8_chunks() {
                    for c in chunk.valid().chars() {
                        fmt::Display::fmt(&c.escape_debug(), f)?;
                    }
                    for byte in chunk.invalid() {
                        write!(f, "\\x{byte:02X}")?;
                    }
                }
                f.write_str("\"")
            }
        }
        let mut debug = f.debug_struct("StatusLine");
        debug.field("version", &Bytes(self.version)).field("code", &self.code.get());
        debug.field("reason", &Bytes(self.reason));
        if !self.reason_space {
            debug.field("reason_space", &false);
        }
        debug.finish()
    }
}

fn write_lossy(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for chunk in bytes.utf8_chunks() {
        f.write_str(chunk.valid())?;
        if !chunk.invalid().is_empty() {
            f.write_str("\u{FFFD}")?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(input: &[u8]) -> ParseErrorKind {
        StatusLine::parse(input).unwrap_err().kind()
    }

    fn round_trip(input: &[u8]) -> StatusLine<'_> {
        let (line, rest) = StatusLine::parse(input).unwrap();
        let mut buf = [0u8; 256];
        let written = line.write_to(&mut buf).unwrap();
        assert_eq!(&buf[..written], &input[..input.len() - rest.len()]);
        assert_eq!(written, line.encoded_len());
        line
    }

    #[test]
    fn reads_the_three_parts_and_returns_the_rest() {
        let (line, rest) = StatusLine::parse(b"SIP/2.0 486 Busy Here\r\nVia: x\r\n").unwrap();
        assert_eq!(line.version(), b"SIP/2.0");
        assert_eq!(line.code(), 486);
        assert_eq!(line.reason(), b"Busy Here");
        assert_eq!(rest, b"Via: x\r\n");
    }

    #[test]
    fn accepts_what_a_stack_receives() {
        assert_eq!(round_trip(b"SIP/2.0 100 \r\n").reason(), b"");
        assert_eq!(round_trip(b"SIP/2.0 200\r\n").reason(), b"");
        assert_eq!(round_trip(b"sip/2.0 200 ok\r\n").version(), b"sip/2.0");
        assert_eq!(round_trip(b"SiP/2.0 999 x\r\n").code(), 999);
        assert_eq!(round_trip("SIP/2.0 200 Tr\u{e8}s bien\r\n".as_bytes()).code(), 200);
        assert_eq!(round_trip(b"SIP/2.0 486 Occup\xe9\r\n").reason(), b"Occup\xe9");
        assert_eq!(round_trip(b"SIP/2.0 500 a\tb \"[%]\"  \r\n").reason(), b"a\tb \"[%]\"  ");
        assert_eq!(round_trip(b"SIP/2.0 200  OK\r\n").reason(), b" OK");
    }

    #[test]
    fn names_each_error() {
        assert_eq!(kind(b""), ParseErrorKind::MissingCrlf);
        assert_eq!(kind(b"sip/2"), ParseErrorKind::MissingCrlf);
        assert_eq!(kind(b"SIP/2.0 48"), ParseErrorKind::MissingCrlf);
        assert_eq!(kind(b"SIP/2.0 486"), ParseErrorKind::MissingCrlf);
        assert_eq!(kind(b"SIP/2.0 486 Busy"), ParseErrorKind::MissingCrlf);
        assert_eq!(kind(b"SIP/2.0 486 Busy\r"), ParseErrorKind::MissingCrlf);
        assert_eq!(kind(b"HTTP/1.1 200 OK\r\n"), ParseErrorKind::BadVersion);
        assert_eq!(kind(b"SIP/2.1 200 OK\r\n"), ParseErrorKind::BadVersion);
        assert_eq!(kind(b"SIP/2.0\t200 OK\r\n"), ParseErrorKind::BadVersion);
        assert_eq!(kind(b"SIP/2.00 200 OK\r\n"), ParseErrorKind::BadVersion);
        assert_eq!(kind(b" SIP/2.0 200 OK\r\n"), ParseErrorKind::BadVersion);
        assert_eq!(kind(b"SIP/2.0  200 OK\r\n"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind(b"SIP/2.0 20 OK\r\n"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind(b"SIP/2.0 099 Low\r\n"), ParseErrorKind::InvalidCode(99));
        assert_eq!(kind(b"SIP/2.0 000\r\n"), ParseErrorKind::InvalidCode(0));
        assert_eq!(
            kind(b"SIP/2.0 4294967301 better not break the receiver\r\n"),
            ParseErrorKind::TooManyDigits
        );
        assert_eq!(kind(b"SIP/2.0 200\tOK\r\n"), ParseErrorKind::MissingSpace);
        assert_eq!(kind(b"SIP/2.0 200\n"), ParseErrorKind::BareLineBreak { offset: 11 });
        assert_eq!(kind(b"SIP/2.0 200\rX"), ParseErrorKind::BareLineBreak { offset: 11 });
        assert_eq!(kind(b"SIP/2.0 200 O\rK\r\n"), ParseErrorKind::BareLineBreak { offset: 13 });
        assert_eq!(kind(b"SIP/2.0 200 OK\n"), ParseErrorKind::BareLineBreak { offset: 14 });
        assert_eq!(kind(b"SIP/2.0 200 O\0K\r\n"), ParseErrorKind::ForbiddenByte { offset: 13, byte: 0 });
        assert_eq!(kind(b"SIP/2.0 200 O\x7fK\r\n"), ParseErrorKind::ForbiddenByte { offset: 13, byte: 0x7F });
    }

    #[test]
    fn finds_every_byte_at_every_position_of_a_phrase() {
        // Covers the eight-bytes-at-a-time scan at each alignment, and its tail.
        for at in 0..40 {
            for byte in 0..=255u8 {
                let mut input = [b'a'; 12 + 40 + 2];
                input[..12].copy_from_slice(b"SIP/2.0 200 ");
                input[52..].copy_from_slice(b"\r\n");
                input[12 + at] = byte;
                let offset = 12 + at;
                let expected = match byte {
                    b'\t' | 0x20..=0x7E | 0x80..=0xFF => Ok(52),
                    b'\r' | b'\n' => Err(ParseErrorKind::BareLineBreak { offset }),
                    _ => Err(ParseErrorKind::ForbiddenByte { offset, byte }),
                };
                let parsed = StatusLine::parse(&input).map(|(line, _)| line.reason().len() + 12);
                assert_eq!(parsed.map_err(|e| e.kind()), expected, "{byte:#x} at {at}");
            }
        }
    }

    #[test]
    fn looks_no_further_than_max_len() {
        let mut long = [b'a'; StatusLine::MAX_LEN + 10];
        long[..12].copy_from_slice(b"SIP/2.0 200 ");
        assert_eq!(kind(&long), ParseErrorKind::LineTooLong);
        // CRLF as the last two of MAX_LEN bytes: the longest line.
        let max = StatusLine::MAX_LEN;
        long[max - 2..max].copy_from_slice(b"\r\n");
        let (line, rest) = StatusLine::parse(&long).unwrap();
        assert_eq!(line.encoded_len(), max);
        assert_eq!(rest.len(), 10);
        // One byte more is too long, whether the input ends there or not.
        long[max - 2] = b'a';
        long[max - 1..max + 1].copy_from_slice(b"\r\n");
        assert_eq!(kind(&long), ParseErrorKind::LineTooLong);
        assert_eq!(kind(&long[..max]), ParseErrorKind::LineTooLong);
        assert_eq!(kind(&long[..max - 1]), ParseErrorKind::MissingCrlf);
    }

    #[test]
    fn new_refuses_what_the_grammar_forbids() {
        let code = Code::new(486).unwrap();
        let forbidden = |reason: &[u8]| match StatusLine::new(code, reason) {
            Err(error) => match error.kind() {
                ParseErrorKind::ForbiddenByte { offset, byte } => {
                    assert_eq!(reason[offset], byte);
                    Some(offset)
                }
                other => panic!("{other:?}"),
            },
            Ok(_) => None,
        };
        for ok in [
            &b""[..],
            b"Busy Here",
            b"a;/?:@&=+$,-_.!~*'() \tz",
            b"100%25",
            b"%aF",
            b"\x80\xbf",
            "é€😀".as_bytes(),
        ] {
            assert_eq!(forbidden(ok), None, "{ok:?}");
        }
        for (reason, at) in [
            (&b"Busy\r\nVia: x"[..], 4),
            (b"Busy\nVia", 4),
            (b"a\0", 1),
            (b"\x7f", 0),
            (b"\"quoted\"", 0),
            (b"a#", 1),
            (b"<>", 0),
            (b"[", 0),
            (b"\\", 0),
            (b"^", 0),
            (b"`", 0),
            (b"{|}", 0),
            (b"100%", 3),
            (b"%4", 0),
            (b"%4g", 0),
            (b"Occup\xe9", 5),
            (b"\xc3", 0),
            (b"\xe2\x82", 0),
            (b"\xfe", 0),
            (b"\xff", 0),
        ] {
            assert_eq!(forbidden(reason), Some(at), "{reason:?}");
        }
    }

    #[test]
    fn new_then_parse_is_identity() {
        let line = StatusLine::new(Code::new(701).unwrap(), "Local").unwrap();
        let mut buf = [0u8; 32];
        let written = line.write_to(&mut buf).unwrap();
        assert_eq!(&buf[..written], b"SIP/2.0 701 Local\r\n");
        assert_eq!(StatusLine::parse(&buf[..written]), Ok((line, &[][..])));
        assert_eq!(line.write_to(&mut buf[..written - 1]), Err(BufferTooSmall { needed: written }));
    }
}
