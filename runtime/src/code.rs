use core::fmt;
use core::num::NonZeroU16;
use core::str::FromStr;

use crate::{Class, ParseError, ParseErrorKind};

/// Any Status-Code a SIP message can carry: a number in 100..=999, whether or not any spec
/// defines it.
///
/// RFC 3261's grammar makes every three-digit number from 100 a Status-Code
/// (`extension-code = 3DIGIT`), and real traffic holds codes no registry has: Kamailio's
/// local 477, RFC 2543's 409 and 411, stacks' internal 7xx and 999. `Code` holds all of them,
/// in two bytes (`Option<Code>` too), so a stack can keep the code it received and forward
/// it unchanged.
///
/// # `Code` or a generated enum?
///
/// - Hold a **`Code`** for a code you *receive, forward or store*: the code of a parsed
///   [`StatusLine`](crate::StatusLine), a transaction's last response, a CDR field, a column
///   in a database. It never fails on a well-formed code, never loses one, and is the
///   interchange type between types generated from different specs.
/// - Hold a **generated enum** (such as [`iana::StatusCode`](crate::iana::StatusCode)) for a
///   code you *act on*: `match` on it, send it, read its phrase or class table. Get one from
///   a `Code` with the type's `from_code` (the code itself, or `None`) or `interpret` (RFC 3261
///   §8.1.3.2: an unknown code read as the x00 of its class).
///
/// ```
/// use sip_codes::{iana::StatusCode, Code};
///
/// // Received from a peer: no registry defines 477, but it is a valid code.
/// let received = Code::from_bytes(b"477")?;
/// assert_eq!(received, 477);
/// assert_eq!(received.as_str(), "477");
/// assert!(received.is_client_error() && received.is_final());
///
/// // Forwarded unchanged, stored as a number...
/// let stored: u16 = received.into();
/// assert_eq!(Code::new(stored), Some(received));
///
/// // ...and acted on as RFC 3261 §8.1.3.2 asks: 477 behaves as 400.
/// assert_eq!(StatusCode::from_code(received.get()), None);
/// assert_eq!(StatusCode::interpret(received.get()), Some(StatusCode::BadRequest));
/// # Ok::<(), sip_codes::ParseError>(())
/// ```
///
/// Codes 700..=999 have no class: [`Code::class`] is `None` for them and every class
/// predicate, [`Code::is_final`] included, is `false`, so they are never misreported as
/// global failures. A stack that meets one should treat it as malformed or as its own local
/// code, but can still forward it.
///
/// ```
/// use sip_codes::{Class, Code};
///
/// let vendor = Code::new(701).unwrap();
/// assert_eq!(vendor.class(), None);
/// assert!(!vendor.is_global_failure() && !vendor.is_final());
/// assert_eq!(Code::new(603).unwrap().class(), Some(Class::GlobalFailure));
/// assert_eq!(Code::new(99), None);
/// assert_eq!(Code::new(1000), None);
/// assert_eq!(size_of::<Option<Code>>(), 2);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(transparent)]
pub struct Code(NonZeroU16);

// The niche of `NonZeroU16` keeps `Option<Code>` as small as `Code`.
const _: () = assert!(size_of::<Code>() == 2 && size_of::<Option<Code>>() == 2);

/// "100101102...999": every code's three digits, in code order.
const DIGITS: [u8; 2700] = {
    let mut digits = [0u8; 2700];
    let mut code = 100;
    while code < 1000 {
        let at = (code - 100) * 3;
        digits[at] = b'0' + (code / 100) as u8;
        digits[at + 1] = b'0' + (code / 10 % 10) as u8;
        digits[at + 2] = b'0' + (code % 10) as u8;
        code += 1;
    }
    digits
};

const DIGITS_STR: &str = match core::str::from_utf8(&DIGITS) {
    Ok(digits) => digits,
    Err(_) => panic!("ASCII digits are UTF-8"),
};

/// `code - 100` to the code's three digits: one load, no formatting.
static STRINGS: [&str; 900] = {
    let mut strings = [""; 900];
    let mut i = 0;
    while i < 900 {
        // Bytes, not `str::split_at`, which is `const` only from Rust 1.87.
        let (_, rest) = DIGITS_STR.as_bytes().split_at(i * 3);
        strings[i] = match core::str::from_utf8(rest.split_at(3).0) {
            Ok(digits) => digits,
            Err(_) => panic!("ASCII digits are UTF-8"),
        };
        i += 1;
    }
    strings
};

/// "SIP/2.0 100 \r\nSIP/2.0 101 \r\n...": every code's line with an empty phrase.
const BARE_LINE_BYTES: [u8; 900 * 14] = {
    let mut lines = [0u8; 900 * 14];
    let mut i = 0;
    while i < 900 {
        let mut j = 0;
        while j < 14 {
            lines[i * 14 + j] = match j {
                8..=10 => DIGITS[i * 3 + j - 8],
                _ => b"SIP/2.0 ... \r\n"[j],
            };
            j += 1;
        }
        i += 1;
    }
    lines
};

const BARE_LINES_STR: &str = match core::str::from_utf8(&BARE_LINE_BYTES) {
    Ok(lines) => lines,
    Err(_) => panic!("ASCII lines are UTF-8"),
};

/// `code - 100` to `"SIP/2.0 ddd \r\n"`.
static BARE_LINES: [&str; 900] = {
    let mut lines = [""; 900];
    let mut i = 0;
    while i < 900 {
        // Bytes, not `str::split_at`, which is `const` only from Rust 1.87.
        let (_, rest) = BARE_LINES_STR.as_bytes().split_at(i * 14);
        lines[i] = match core::str::from_utf8(rest.split_at(14).0) {
            Ok(line) => line,
            Err(_) => panic!("ASCII lines are UTF-8"),
        };
        i += 1;
    }
    lines
};

impl Code {
    /// The smallest code, 100.
    pub const MIN: Code = Code(NonZeroU16::new(100).unwrap());
    /// The largest code, 999.
    pub const MAX: Code = Code(NonZeroU16::new(999).unwrap());

    /// The code `code`, or `None` outside 100..=999.
    ///
    /// ```
    /// use sip_codes::Code;
    ///
    /// const BUSY: Code = Code::new(486).unwrap();
    /// assert_eq!(BUSY.get(), 486);
    /// assert_eq!(Code::new(0), None);
    /// ```
    #[inline]
    pub const fn new(code: u16) -> Option<Code> {
        if code < 100 || code > 999 {
            return None;
        }
        match NonZeroU16::new(code) {
            Some(code) => Some(Code(code)),
            None => None,
        }
    }

    /// The number, 100..=999.
    #[inline]
    pub const fn get(self) -> u16 {
        self.0.get()
    }

    /// Parses exactly three ASCII digits, `b"100"` to `b"999"`: the Status-Code field of a
    /// status line, without the space or phrase around it.
    ///
    /// ```
    /// use sip_codes::{Code, ParseErrorKind};
    ///
    /// assert_eq!(Code::from_bytes(b"999")?.get(), 999);
    /// let kind = |input: &[u8]| Code::from_bytes(input).unwrap_err().kind();
    /// assert_eq!(kind(b"099"), ParseErrorKind::InvalidCode(99));
    /// assert_eq!(kind(b"4294967301"), ParseErrorKind::TooManyDigits);
    /// assert_eq!(kind(b"486 Busy Here"), ParseErrorKind::TrailingInput);
    /// assert_eq!(kind(b"48"), ParseErrorKind::InvalidDigit);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// [`ParseErrorKind::Empty`], [`InvalidDigit`](ParseErrorKind::InvalidDigit) when the
    /// input does not start with three ASCII digits, [`TooManyDigits`](ParseErrorKind::TooManyDigits)
    /// for a fourth digit, [`TrailingInput`](ParseErrorKind::TrailingInput) for anything else
    /// after the digits, [`InvalidCode`](ParseErrorKind::InvalidCode) below 100.
    #[inline]
    pub const fn from_bytes(bytes: &[u8]) -> Result<Code, ParseError> {
        if let [hundreds, tens, units] = *bytes {
            let (hundreds, tens, units) =
                (hundreds.wrapping_sub(b'0'), tens.wrapping_sub(b'0'), units.wrapping_sub(b'0'));
            // `&`, not `&&`: one branch for the common case.
            if (hundreds.wrapping_sub(1) < 9) & (tens < 10) & (units < 10) {
                let code = hundreds as u16 * 100 + tens as u16 * 10 + units as u16;
                if let Some(code) = NonZeroU16::new(code) {
                    return Ok(Code(code));
                }
            }
        }
        Err(ParseError::new(Self::from_bytes_error(bytes)))
    }

    /// Why `from_bytes` refused `bytes`; out of the fast path.
    #[cold]
    const fn from_bytes_error(bytes: &[u8]) -> ParseErrorKind {
        match *bytes {
            [] => ParseErrorKind::Empty,
            [a, b, c, ref rest @ ..] if a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit() => {
                match rest {
                    [] => ParseErrorKind::InvalidCode(
                        (a - b'0') as u16 * 100 + (b - b'0') as u16 * 10 + (c - b'0') as u16,
                    ),
                    [d, ..] if d.is_ascii_digit() => ParseErrorKind::TooManyDigits,
                    _ => ParseErrorKind::TrailingInput,
                }
            }
            _ => ParseErrorKind::InvalidDigit,
        }
    }

    /// The three digits, `"100"` to `"999"`, from a static table: no formatting, no
    /// allocation.
    ///
    /// ```
    /// assert_eq!(sip_codes::Code::new(477).unwrap().as_str(), "477");
    /// ```
    #[inline]
    pub const fn as_str(self) -> &'static str {
        STRINGS[(self.get() - 100) as usize]
    }

    /// `"SIP/2.0 477 \r\n"`: the status line of a response with this code and an empty
    /// Reason-Phrase (RFC 3261 §25.1 allows one), from a static table. What an open
    /// generated type's `Other` variant writes as its line.
    #[doc(hidden)]
    #[inline]
    pub const fn bare_status_line(self) -> &'static str {
        BARE_LINES[(self.get() - 100) as usize]
    }

    /// The class given by the first digit, or `None` for 700..=999, which RFC 3261 gives no
    /// class.
    #[inline]
    pub const fn class(self) -> Option<Class> {
        Class::from_code(self.get())
    }

    /// 1xx: the request is in progress; not final.
    #[inline]
    pub const fn is_provisional(self) -> bool {
        matches!(self.get(), 100..=199)
    }

    /// 2xx: the request succeeded.
    #[inline]
    pub const fn is_success(self) -> bool {
        matches!(self.get(), 200..=299)
    }

    /// 3xx: retry at another location.
    #[inline]
    pub const fn is_redirection(self) -> bool {
        matches!(self.get(), 300..=399)
    }

    /// 4xx: the request failed at this server.
    #[inline]
    pub const fn is_client_error(self) -> bool {
        matches!(self.get(), 400..=499)
    }

    /// 5xx: this server failed; another server may succeed.
    #[inline]
    pub const fn is_server_error(self) -> bool {
        matches!(self.get(), 500..=599)
    }

    /// 6xx: the request fails at every server.
    #[inline]
    pub const fn is_global_failure(self) -> bool {
        matches!(self.get(), 600..=699)
    }

    /// 2xx to 6xx: the response ends the transaction. `false` for 1xx and for 700..=999,
    /// which have no class.
    #[inline]
    pub const fn is_final(self) -> bool {
        matches!(self.get(), 200..=699)
    }
}

/// Prints the number, as `Code(486)`.
impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({})", self.get())
    }
}

/// Writes the three digits: `477`.
impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// Parses exactly three ASCII digits, as [`Code::from_bytes`].
impl FromStr for Code {
    type Err = ParseError;

    #[inline]
    fn from_str(s: &str) -> Result<Code, ParseError> {
        Code::from_bytes(s.as_bytes())
    }
}

/// Any number in 100..=999; [`ParseErrorKind::InvalidCode`] otherwise.
impl TryFrom<u16> for Code {
    type Error = ParseError;

    #[inline]
    fn try_from(code: u16) -> Result<Code, ParseError> {
        Code::new(code).ok_or(ParseError::new(ParseErrorKind::InvalidCode(code)))
    }
}

impl From<Code> for u16 {
    #[inline]
    fn from(code: Code) -> u16 {
        code.get()
    }
}

impl PartialEq<u16> for Code {
    #[inline]
    fn eq(&self, other: &u16) -> bool {
        self.get() == *other
    }
}

impl PartialEq<Code> for u16 {
    #[inline]
    fn eq(&self, other: &Code) -> bool {
        *self == other.get()
    }
}

#[cfg(feature = "serde")]
mod serde_impls {
    use core::fmt;

    use serde::de::{Error, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use super::Code;

    /// Serializes as the number, `486`.
    impl Serialize for Code {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_u16(self.get())
        }
    }

    /// Deserializes from an integer in 100..=999; any other is an error such as
    /// "status code 1000 is outside 100..=999".
    impl<'de> Deserialize<'de> for Code {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Code, D::Error> {
            deserializer.deserialize_u16(CodeVisitor)
        }
    }

    struct CodeVisitor;

    impl Visitor<'_> for CodeVisitor {
        type Value = Code;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a SIP status code, an integer in 100..=999")
        }

        fn visit_u64<E: Error>(self, value: u64) -> Result<Code, E> {
            u16::try_from(value)
                .ok()
                .and_then(Code::new)
                .ok_or_else(|| E::custom(format_args!("status code {value} is outside 100..=999")))
        }

        fn visit_i64<E: Error>(self, value: i64) -> Result<Code, E> {
            u16::try_from(value)
                .ok()
                .and_then(Code::new)
                .ok_or_else(|| E::custom(format_args!("status code {value} is outside 100..=999")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_exactly_100_to_999() {
        for code in 0..=u16::MAX {
            let held = Code::new(code);
            assert_eq!(held.is_some(), (100..=999).contains(&code), "{code}");
            assert_eq!(Code::try_from(code).ok(), held);
            if let Some(held) = held {
                assert_eq!(held.get(), code);
                assert_eq!(held, code);
                assert_eq!(code, held);
                assert_eq!(u16::from(held), code);
                assert_eq!(held.class(), Class::from_code(code));
                assert_eq!(held.is_final(), held.class().is_some_and(Class::is_final));
            } else {
                assert_eq!(Code::try_from(code).unwrap_err().kind(), ParseErrorKind::InvalidCode(code));
            }
        }
    }

    #[test]
    fn as_str_and_from_bytes_are_inverse_on_every_code() {
        for code in 100..=999 {
            let held = Code::new(code).unwrap();
            let mut expected = [0u8; 3];
            expected[0] = b'0' + (code / 100) as u8;
            expected[1] = b'0' + (code / 10 % 10) as u8;
            expected[2] = b'0' + (code % 10) as u8;
            assert_eq!(held.as_str().as_bytes(), expected);
            assert_eq!(Code::from_bytes(&expected), Ok(held));
            assert_eq!(held.as_str().parse::<Code>(), Ok(held));
        }
    }

    #[test]
    fn from_bytes_names_each_error() {
        let kind = |input: &[u8]| Code::from_bytes(input).unwrap_err().kind();
        assert_eq!(kind(b""), ParseErrorKind::Empty);
        assert_eq!(kind(b"4"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind(b"48"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind(b" 486"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind(b"+486"), ParseErrorKind::InvalidDigit);
        assert_eq!(kind("٤٨٦".as_bytes()), ParseErrorKind::InvalidDigit);
        assert_eq!(kind(b"000"), ParseErrorKind::InvalidCode(0));
        assert_eq!(kind(b"099"), ParseErrorKind::InvalidCode(99));
        assert_eq!(kind(b"1000"), ParseErrorKind::TooManyDigits);
        assert_eq!(kind(b"4294967301"), ParseErrorKind::TooManyDigits);
        assert_eq!(kind(b"486 "), ParseErrorKind::TrailingInput);
        assert_eq!(kind(b"486\r\n"), ParseErrorKind::TrailingInput);
    }

    #[test]
    fn class_predicates_are_false_above_699() {
        for code in 700..=999 {
            let held = Code::new(code).unwrap();
            assert_eq!(held.class(), None);
            assert!(
                !(held.is_provisional()
                    || held.is_success()
                    || held.is_redirection()
                    || held.is_client_error()
                    || held.is_server_error()
                    || held.is_global_failure()
                    || held.is_final())
            );
        }
    }
}
