use core::fmt;

/// Why a string, byte string or number is not a status code, or bytes are not a status line.
///
/// Returned by `FromStr`, `from_bytes` and `TryFrom<u16>` of every type `sip_codes!`
/// generates and of [`Code`](crate::Code), and by [`StatusLine::parse`](crate::StatusLine::parse)
/// and [`StatusLine::new`](crate::StatusLine::new). Its `Display` says what was wrong;
/// [`ParseError::kind`] tells it to code.
///
/// ```
/// use sip_codes::{iana::StatusCode, ParseErrorKind};
///
/// let err = "486 Busy".parse::<StatusCode>().unwrap_err();
/// assert_eq!(err.to_string(), "reason phrase does not match code 486: expected \"Busy Here\"");
/// assert_eq!("477".parse::<StatusCode>().unwrap_err().kind(), ParseErrorKind::UnknownCode(477));
/// assert_eq!("4860".parse::<StatusCode>().unwrap_err().kind(), ParseErrorKind::TooManyDigits);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ParseError {
    kind: ParseErrorKind,
}

/// The reason a [`ParseError`] was returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The input is empty.
    Empty,
    /// The input does not start with three ASCII digits (e.g. "+486", " 486", "48", "４８６").
    InvalidDigit,
    /// A fourth digit follows the first three (e.g. "4860", "0486").
    TooManyDigits,
    /// Something other than a single space follows the code (e.g. "486-Busy").
    MissingSpace,
    /// The input holds a carriage return or line feed, which a status line cannot.
    LineBreak,
    /// The code is outside SIP's range 100..=699.
    OutOfRange(u16),
    /// The code is in range but not defined by this type's spec.
    UnknownCode(u16),
    /// A token (a Reason protocol, an option tag, a method) that this type's spec does not
    /// define.
    UnknownToken,
    /// The reason phrase is not the code's canonical phrase (compared in any ASCII case).
    ReasonMismatch {
        /// The code that was read.
        code: u16,
        /// The phrase the code's type expects.
        expected: &'static str,
    },
    /// Something other than a digit follows the three digits where nothing may: `Code`
    /// parses the digits alone (e.g. "486 Busy Here" given to `Code::from_bytes`).
    TrailingInput,
    /// The number is not a Status-Code: RFC 3261 allows three digits from 100 to 999
    /// (`Code`, `StatusLine`; generated types report [`OutOfRange`](Self::OutOfRange) for
    /// their narrower 100..=699).
    InvalidCode(u16),
    /// The input ends before the CRLF that ends the status line: it is incomplete (read
    /// more and parse again) or truncated.
    MissingCrlf,
    /// No CRLF within the first [`StatusLine::MAX_LEN`](crate::StatusLine::MAX_LEN) bytes;
    /// the parser stops looking there.
    LineTooLong,
    /// A CR not followed by LF, or an LF not preceded by CR, inside the status line.
    BareLineBreak {
        /// The position of the CR or LF in the input.
        offset: usize,
    },
    /// A byte RFC 3261's Reason-Phrase grammar does not allow, such as NUL or another
    /// control character.
    ForbiddenByte {
        /// The position of the byte: in the input for `StatusLine::parse`, in the phrase for
        /// `StatusLine::new`.
        offset: usize,
        /// The byte.
        byte: u8,
    },
    /// The line does not start with the SIP-Version `SIP/2.0` (compared in any ASCII case,
    /// RFC 3261 §7.1) and one space.
    BadVersion,
    /// A header value ([`Reason`](crate::Reason), [`Warning`](crate::Warning)) is empty or
    /// blank, or a comma-separated list of them holds an empty element (`a, , b`).
    EmptyValue,
    /// A token belongs at this position and there is none: a Reason protocol, a parameter
    /// name or value, or a Warning's warn-agent (RFC 3261 §25.1's `token`).
    ExpectedToken {
        /// The position in the input where the token should start.
        offset: usize,
    },
    /// A byte the header's grammar does not allow where it stands, e.g. a second comma, a
    /// control character in a quoted string, or a CR or LF (a folded header must be unfolded
    /// first, RFC 3261 §7.3.1).
    UnexpectedByte {
        /// The position of the byte in the input (for a constructor, in the argument).
        offset: usize,
        /// The byte (the first byte of a multi-byte character).
        byte: u8,
    },
    /// A Reason `cause` parameter whose value is not `1*DIGIT` (RFC 3326 §2), or is larger
    /// than 65535.
    InvalidCause {
        /// The position of the value (just after `=`) in the input.
        offset: usize,
    },
    /// A value RFC 3261 §25.1 makes a `quoted-string` does not start with `"`: a Reason's
    /// `text` (RFC 3326 §2) or a Warning's warn-text.
    ExpectedQuotedString {
        /// The position where the opening `"` belongs.
        offset: usize,
    },
    /// A quoted string is not closed: no `"` ends it before the end of the value.
    UnterminatedQuotedString {
        /// The position of the opening `"`.
        offset: usize,
    },
    /// A Reason parameter that may appear once (`cause`, `text`, `location`) appears again.
    DuplicateParameter {
        /// The position of the repeated parameter's name.
        offset: usize,
    },
    /// A Warning value does not start with a three-digit warn-code and a space (RFC 3261
    /// §20.43), or a constructor was given a warn-code above 999.
    InvalidWarnCode,
    /// A cause outside what the constructor accepts: a Q.850 cause value is 1..=127.
    CauseOutOfRange(u16),
}

impl ParseError {
    /// An error of the given kind.
    #[inline]
    pub const fn new(kind: ParseErrorKind) -> Self {
        ParseError { kind }
    }

    /// What was wrong with the input.
    #[inline]
    pub const fn kind(&self) -> ParseErrorKind {
        self.kind
    }

    /// The code that was read, when the input held one (also one out of range).
    pub const fn code(&self) -> Option<u16> {
        match self.kind {
            ParseErrorKind::OutOfRange(code)
            | ParseErrorKind::UnknownCode(code)
            | ParseErrorKind::InvalidCode(code)
            | ParseErrorKind::ReasonMismatch { code, .. } => Some(code),
            _ => None,
        }
    }
}

impl From<ParseErrorKind> for ParseError {
    fn from(kind: ParseErrorKind) -> Self {
        ParseError { kind }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            ParseErrorKind::Empty => f.write_str("empty status code"),
            ParseErrorKind::InvalidDigit => f.write_str("a status code must start with three ASCII digits"),
            ParseErrorKind::TooManyDigits => {
                f.write_str("a status code has exactly three digits, found more")
            }
            ParseErrorKind::MissingSpace => {
                f.write_str("expected a single space between the code and the reason phrase")
            }
            ParseErrorKind::LineBreak => {
                f.write_str("a status code or reason phrase cannot contain CR or LF")
            }
            ParseErrorKind::OutOfRange(code) => {
                write!(f, "status code {code} is outside SIP's range 100..=699")
            }
            ParseErrorKind::UnknownCode(code) => write!(f, "unknown status code {code}"),
            ParseErrorKind::UnknownToken => f.write_str("not a token this type defines"),
            ParseErrorKind::ReasonMismatch { code, expected } => {
                write!(f, "reason phrase does not match code {code}: expected {expected:?}")
            }
            ParseErrorKind::TrailingInput => f.write_str("expected the three digits of a status code alone"),
            ParseErrorKind::InvalidCode(code) if code < 100 => {
                write!(f, "status code {code:03} is below 100")
            }
            ParseErrorKind::InvalidCode(code) => write!(f, "status code {code} is outside 100..=999"),
            ParseErrorKind::MissingCrlf => {
                f.write_str("the status line does not end with CRLF (the input may be incomplete)")
            }
            ParseErrorKind::LineTooLong => write!(
                f,
                "no CRLF in the first {} bytes: the status line is too long",
                crate::StatusLine::MAX_LEN
            ),
            ParseErrorKind::BareLineBreak { offset } => write!(
                f,
                "bare CR or LF at byte {offset}: a status line ends with CRLF and its reason phrase holds neither"
            ),
            ParseErrorKind::ForbiddenByte { offset, byte } => {
                write!(f, "byte 0x{byte:02X} at offset {offset} is not allowed in a reason phrase")
            }
            ParseErrorKind::BadVersion => {
                f.write_str("a status line must start with the SIP-Version \"SIP/2.0\" and a space")
            }
            ParseErrorKind::EmptyValue => f.write_str("empty header value"),
            ParseErrorKind::ExpectedToken { offset } => write!(
                f,
                "expected a token (a protocol, parameter name or value, or warn-agent) at byte {offset}"
            ),
            ParseErrorKind::UnexpectedByte { offset, byte: byte @ (b'\r' | b'\n') } => write!(
                f,
                "line break (0x{byte:02X}) at byte {offset}: a header value must be unfolded before it is parsed"
            ),
            ParseErrorKind::UnexpectedByte { offset, byte } => {
                write!(f, "byte 0x{byte:02X} at offset {offset} is not allowed there")
            }
            ParseErrorKind::InvalidCause { offset } => {
                write!(f, "the cause at byte {offset} must be a decimal number up to 65535")
            }
            ParseErrorKind::ExpectedQuotedString { offset } => {
                write!(f, "expected a quoted string at byte {offset}")
            }
            ParseErrorKind::UnterminatedQuotedString { offset } => {
                write!(f, "the quoted string opened at byte {offset} is not closed")
            }
            ParseErrorKind::DuplicateParameter { offset } => {
                write!(f, "the parameter at byte {offset} was already given")
            }
            ParseErrorKind::InvalidWarnCode => {
                f.write_str("a warning value must start with a three-digit warn-code and a space")
            }
            ParseErrorKind::CauseOutOfRange(cause) => {
                write!(f, "cause {cause} is not a Q.850 cause value (1..=127)")
            }
        }
    }
}

impl core::error::Error for ParseError {}

/// Splits `"486"` or `"486 Reason"` into the code and the phrase, with the syntax rules every
/// generated `FromStr` shares. The caller looks the code up and checks the phrase.
///
/// `"486 "` is the code alone: RFC 3261 §25.1 allows an empty Reason-Phrase after the space
/// (RFC 4475 §3.1.1.13 sends `SIP/2.0 100 `), so the phrase is `None` as for `"486"`.
#[doc(hidden)]
#[inline]
pub fn split_status(input: &[u8]) -> Result<(u16, Option<&[u8]>), ParseError> {
    split_status_up_to(input, 699)
}

/// [`split_status`] for a type that holds any code up to `max`: an open type (one with
/// `Other`) takes every code 100..=999.
#[doc(hidden)]
#[inline]
pub fn split_status_up_to(input: &[u8], max: u16) -> Result<(u16, Option<&[u8]>), ParseError> {
    let err = |kind| Err(ParseError { kind });
    let (digits, rest) = match input {
        [] => return err(ParseErrorKind::Empty),
        [a, b, c, rest @ ..] if a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit() => {
            ([*a, *b, *c], rest)
        }
        _ if input.contains(&b'\r') || input.contains(&b'\n') => {
            return err(ParseErrorKind::LineBreak);
        }
        _ => return err(ParseErrorKind::InvalidDigit),
    };
    let code = (digits[0] - b'0') as u16 * 100 + (digits[1] - b'0') as u16 * 10 + (digits[2] - b'0') as u16;
    let phrase = match rest {
        [] => None,
        [d, ..] if d.is_ascii_digit() => return err(ParseErrorKind::TooManyDigits),
        [b' '] => None,
        [b' ', phrase @ ..] => {
            if phrase.contains(&b'\r') || phrase.contains(&b'\n') {
                return err(ParseErrorKind::LineBreak);
            }
            Some(phrase)
        }
        [b'\r' | b'\n', ..] => return err(ParseErrorKind::LineBreak),
        _ => return err(ParseErrorKind::MissingSpace),
    };
    if code < 100 || code > max {
        return err(ParseErrorKind::OutOfRange(code));
    }
    Ok((code, phrase))
}

/// Splits `"308"` or `"308 Text"` into a value of a numeric code table and its text: one to
/// three digits (exactly `digits` where that is not 0) making a number in `min..=max`, then
/// optionally one SP and the text. What the generated `FromStr` of a Warning code, a Q.850
/// cause and the like shares.
#[doc(hidden)]
pub fn split_table_value(
    input: &[u8],
    digits: u8,
    min: u16,
    max: u16,
) -> Result<(u16, Option<&[u8]>), ParseError> {
    let err = |kind| Err(ParseError { kind });
    let count = input.iter().take_while(|b| b.is_ascii_digit()).count();
    if count == 0 {
        return err(if input.is_empty() { ParseErrorKind::Empty } else { ParseErrorKind::InvalidDigit });
    }
    let wanted = if digits == 0 { 1..=3 } else { usize::from(digits)..=usize::from(digits) };
    if count > *wanted.end() {
        return err(ParseErrorKind::TooManyDigits);
    }
    if count < *wanted.start() {
        return err(ParseErrorKind::InvalidDigit);
    }
    let code = input[..count].iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
    let text = match &input[count..] {
        [] | [b' '] => None,
        [b' ', text @ ..] => {
            if text.contains(&b'\r') || text.contains(&b'\n') {
                return err(ParseErrorKind::LineBreak);
            }
            Some(text)
        }
        _ => return err(ParseErrorKind::MissingSpace),
    };
    if code < min || code > max {
        return err(ParseErrorKind::OutOfRange(code));
    }
    Ok((code, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_table_values() {
        assert_eq!(split_table_value(b"308", 3, 100, 999), Ok((308, None)));
        assert_eq!(
            split_table_value(b"308 Incompatible", 3, 100, 999),
            Ok((308, Some(&b"Incompatible"[..])))
        );
        assert_eq!(split_table_value(b"17", 0, 1, 127), Ok((17, None)));
        let kind =
            |input: &[u8], digits, min, max| split_table_value(input, digits, min, max).unwrap_err().kind();
        assert_eq!(kind(b"", 3, 100, 999), ParseErrorKind::Empty);
        assert_eq!(kind(b"30", 3, 100, 999), ParseErrorKind::InvalidDigit);
        assert_eq!(kind(b"3080", 3, 100, 999), ParseErrorKind::TooManyDigits);
        assert_eq!(kind(b"128", 0, 1, 127), ParseErrorKind::OutOfRange(128));
        assert_eq!(kind(b"0", 0, 1, 127), ParseErrorKind::OutOfRange(0));
        assert_eq!(kind(b"308-x", 3, 100, 999), ParseErrorKind::MissingSpace);
        assert_eq!(kind(b"308 a\nb", 3, 100, 999), ParseErrorKind::LineBreak);
    }

    fn kind(input: &str) -> ParseErrorKind {
        split_status(input.as_bytes()).unwrap_err().kind()
    }

    #[test]
    fn accepts_code_alone_and_code_with_phrase() {
        assert_eq!(split_status(b"486"), Ok((486, None)));
        assert_eq!(split_status(b"486 Busy Here"), Ok((486, Some(&b"Busy Here"[..]))));
    }

    #[test]
    fn accepts_an_empty_phrase_after_the_space() {
        // RFC 3261 §25.1: Reason-Phrase = *(...); RFC 4475 §3.1.1.13 sends "SIP/2.0 100 ".
        assert_eq!(split_status(b"486 "), Ok((486, None)));
        assert_eq!(split_status(b"100 "), Ok((100, None)));
        // Everything else stays as it was: a phrase of one space is a phrase.
        assert_eq!(split_status(b"486  "), Ok((486, Some(&b" "[..]))));
        assert_eq!(kind("486 \r\n"), ParseErrorKind::LineBreak);
        assert_eq!(kind("700 "), ParseErrorKind::OutOfRange(700));
    }

    #[test]
    fn names_each_syntax_error() {
        assert_eq!(kind(""), ParseErrorKind::Empty);
        assert_eq!(kind("+486"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind(" 486"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind("48"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind("٤٨٦"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind("0486"), ParseErrorKind::TooManyDigits);
        assert_eq!(kind("4860"), ParseErrorKind::TooManyDigits);
        assert_eq!(kind("486\tBusy Here"), ParseErrorKind::MissingSpace);
        assert_eq!(kind("486\r\n"), ParseErrorKind::LineBreak);
        assert_eq!(kind("486 Busy\r\nHere"), ParseErrorKind::LineBreak);
        assert_eq!(kind("\n486"), ParseErrorKind::LineBreak);
        assert_eq!(kind("099"), ParseErrorKind::OutOfRange(99));
        assert_eq!(kind("700 Vendor"), ParseErrorKind::OutOfRange(700));
    }
}
