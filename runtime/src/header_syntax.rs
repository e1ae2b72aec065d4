//! The pieces of RFC 3261 §25.1's grammar that the Reason and Warning values share: tokens,
//! quoted strings, linear white space and comma-separated lists. Every scan here moves
//! forward only, so parsing a value of n bytes takes O(n) steps.

use core::fmt;
use core::iter::FusedIterator;
use core::str::Chars;

use crate::{ParseError, ParseErrorKind};

/// The text inside a quoted string with its backslash escapes undone (RFC 3261 §25.1:
/// `quoted-pair = "\" CHAR` stands for the character after the backslash), one `char` at a
/// time, without allocating.
///
/// Returned by [`Reason::text_unescaped`](crate::Reason::text_unescaped) and
/// [`Warning::text_unescaped`](crate::Warning::text_unescaped). `Display` writes the
/// unescaped text, so `write!(out, "{}", ...)` fills any `fmt::Write` and, with `alloc`,
/// `to_string()` gives a `String`.
///
/// ```
/// use sip_codes::Reason;
///
/// let reason = Reason::parse(r#"SIP;cause=603;text="said \"no\" \\ twice""#)?;
/// assert_eq!(reason.text(), Some(r#"said \"no\" \\ twice"#)); // as on the wire
/// let text = reason.text_unescaped().unwrap();
/// assert!(text.clone().eq(r#"said "no" \ twice"#.chars()));
/// assert_eq!(text.to_string(), r#"said "no" \ twice"#);
/// # Ok::<(), sip_codes::ParseError>(())
/// ```
#[derive(Clone, Debug)]
pub struct Unescaped<'a> {
    rest: Chars<'a>,
}

impl<'a> Unescaped<'a> {
    /// `raw` is the inside of a quoted string that [`quoted_string`] accepted.
    pub(crate) fn new(raw: &'a str) -> Self {
        Unescaped { rest: raw.chars() }
    }
}

impl Iterator for Unescaped<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        match self.rest.next()? {
            '\\' => self.rest.next(),
            c => Some(c),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (low, high) = self.rest.size_hint();
        (low.div_ceil(2), high)
    }
}

impl FusedIterator for Unescaped<'_> {}

impl fmt::Display for Unescaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.clone().try_for_each(|c| fmt::Write::write_char(f, c))
    }
}

/// RFC 3261 §25.1 `token`: alphanumerics and `-.!%*_+`'~`.
pub(crate) const fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(byte, b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~')
}

/// SP or HTAB: what linear white space is once a header is unfolded.
pub(crate) const fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t')
}

pub(crate) fn error<T>(kind: ParseErrorKind) -> Result<T, ParseError> {
    Err(ParseError::new(kind))
}

/// The error for the byte at `at`, which the grammar does not allow there.
pub(crate) fn unexpected<T>(input: &str, at: usize, base: usize) -> Result<T, ParseError> {
    error(ParseErrorKind::UnexpectedByte { offset: base + at, byte: input.as_bytes()[at] })
}

/// The first position at or after `at` that is not SP or HTAB.
pub(crate) fn skip_space(input: &str, mut at: usize) -> usize {
    let bytes = input.as_bytes();
    while at < bytes.len() && is_space(bytes[at]) {
        at += 1;
    }
    at
}

/// The end of the token starting at `at` (`at` itself when there is none).
pub(crate) fn token_end(input: &str, mut at: usize) -> usize {
    let bytes = input.as_bytes();
    while at < bytes.len() && is_token_byte(bytes[at]) {
        at += 1;
    }
    at
}

/// Reads the quoted string whose opening `"` is at `open`: returns the text between the
/// quotes (escapes kept) and the position after the closing quote.
///
/// RFC 3261 §25.1: `qdtext = LWS / %x21 / %x23-5B / %x5D-7E / UTF8-NONASCII` and
/// `quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)`. The input is unfolded, so LWS is SP
/// or HTAB; a CR or LF anywhere is refused, as is any other control character or DEL
/// outside a quoted-pair.
pub(crate) fn quoted_string(input: &str, open: usize, base: usize) -> Result<(&str, usize), ParseError> {
    let bytes = input.as_bytes();
    debug_assert_eq!(bytes.get(open), Some(&b'"'));
    let mut at = open + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'"' => return Ok((&input[open + 1..at], at + 1)),
            b'\\' => match bytes.get(at + 1) {
                None => break,
                Some(b'\r' | b'\n') | Some(0x80..) => return unexpected(input, at + 1, base),
                Some(_) => at += 2,
            },
            b'\t' | b' ' | 0x21..=0x7E | 0x80.. => at += 1,
            _ => return unexpected(input, at, base),
        }
    }
    error(ParseErrorKind::UnterminatedQuotedString { offset: base + open })
}

/// Checks text a constructor is given to put between quotes as it is: printable text, any
/// non-ASCII character, SP and HTAB, but no `"` or `\` (which would need escaping) and no
/// other control character.
pub(crate) fn check_plain_text(text: &str) -> Result<(), ParseError> {
    match text.bytes().position(|b| !matches!(b, b'\t' | b' ' | 0x21 | 0x23..=0x5B | 0x5D..=0x7E | 0x80..)) {
        Some(at) => unexpected(text, at, 0),
        None => Ok(()),
    }
}

/// Splits a header field value into its comma-separated elements, leaving commas inside
/// quoted strings alone (RFC 3261 §7.3.1: a header with several values is one value list).
/// Yields each element as `(offset, element)`, untrimmed; an element with an unclosed quote
/// runs to the end of the input, where its parser reports it.
#[derive(Clone, Debug)]
pub(crate) struct Elements<'a> {
    input: &'a str,
    /// Where the next element starts; `None` once the last one was given.
    next: Option<usize>,
}

impl<'a> Elements<'a> {
    pub(crate) fn new(input: &'a str) -> Self {
        Elements { input, next: Some(0) }
    }
}

impl<'a> Iterator for Elements<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let start = self.next?;
        let bytes = self.input.as_bytes();
        let mut at = start;
        let mut quoted = false;
        while at < bytes.len() {
            match (bytes[at], quoted) {
                (b',', false) => {
                    self.next = Some(at + 1);
                    return Some((start, &self.input[start..at]));
                }
                (b'"', _) => quoted = !quoted,
                (b'\\', true) => at += 1,
                _ => {}
            }
            at += 1;
        }
        self.next = None;
        Some((start, &self.input[start..]))
    }
}

impl FusedIterator for Elements<'_> {}

/// Trims SP and HTAB from both ends of `element`, which starts at `offset`, and returns the
/// trimmed value with its own offset.
pub(crate) fn trim(offset: usize, element: &str) -> (usize, &str) {
    let start = skip_space(element, 0);
    let mut end = element.len();
    while end > start && is_space(element.as_bytes()[end - 1]) {
        end -= 1;
    }
    (offset + start, &element[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_outside_quotes_only() {
        let parts: [(usize, &str); 3] = [(0, "a"), (2, " \"x,\\\",y\""), (12, " b")];
        assert!(Elements::new("a, \"x,\\\",y\", b").eq(parts));
        assert!(Elements::new("").eq([(0, "")]));
        assert!(Elements::new(",").eq([(0, ""), (1, "")]));
        assert!(Elements::new("\"open, never closed").eq([(0, "\"open, never closed")]));
    }

    #[test]
    fn reads_quoted_strings() {
        assert_eq!(quoted_string("\"a\\\"b\" rest", 0, 0), Ok(("a\\\"b", 6)));
        assert_eq!(
            quoted_string("\"abc", 0, 10).unwrap_err().kind(),
            ParseErrorKind::UnterminatedQuotedString { offset: 10 }
        );
        assert_eq!(
            quoted_string("\"a\\", 0, 0).unwrap_err().kind(),
            ParseErrorKind::UnterminatedQuotedString { offset: 0 }
        );
        assert_eq!(
            quoted_string("\"a\u{7}\"", 0, 0).unwrap_err().kind(),
            ParseErrorKind::UnexpectedByte { offset: 2, byte: 7 }
        );
        assert_eq!(quoted_string("\"é\"", 0, 0), Ok(("é", 4)));
    }

    #[test]
    fn unescapes() {
        assert!(Unescaped::new(r#"a\"b\\c\d"#).eq("a\"b\\cd".chars()));
    }
}
