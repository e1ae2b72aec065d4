use core::fmt;
use core::iter::FusedIterator;

use crate::header_syntax::{
    Elements, Unescaped, check_plain_text, error, is_space, is_token_byte, quoted_string, skip_space, trim,
    unexpected,
};
use crate::{ParseError, ParseErrorKind};

/// One value of a `Warning` header field (RFC 3261 §20.43): a three-digit warn-code, the
/// host or pseudonym that added it, and a quoted text, e.g. `305 gw.example.com "Incompatible
/// media format"` on a 488.
///
/// ```text
/// warning-value = warn-code SP warn-agent SP warn-text      (RFC 3261 §25.1)
/// warn-code     = 3DIGIT
/// warn-agent    = hostport / pseudonym                      pseudonym = token
/// warn-text     = quoted-string
/// ```
///
/// It borrows from the text it was parsed from and never allocates.
///
/// ```
/// use sip_codes::Warning;
///
/// let warning = Warning::parse(r#"307 isi.edu "Session parameter 'foo' not understood""#)?;
/// assert_eq!(warning.code(), 307);
/// assert_eq!(warning.agent(), "isi.edu");
/// assert_eq!(warning.text(), "Session parameter 'foo' not understood");
/// assert_eq!(warning.to_string(), r#"307 isi.edu "Session parameter 'foo' not understood""#);
///
/// let ours = Warning::new(305, "gw.example.com:5060", "Incompatible media format")?;
/// assert_eq!(ours.to_string(), r#"305 gw.example.com:5060 "Incompatible media format""#);
/// # Ok::<(), sip_codes::ParseError>(())
/// ```
///
/// # What `parse` accepts
///
/// - Any three digits as the warn-code: the grammar's `3DIGIT`. RFC 3261 §20.43 defines
///   300..=399 and IANA's registry adds to them; what a code means is the caller's (or
///   [`q850_for_warning`](crate::q850_for_warning)'s) business. Leading zeros are kept
///   (`012` is 12 and is written back as `012`).
/// - A warn-agent made of the characters a `hostport` (a host name, an IPv4 address or a
///   bracketed IPv6 reference, then an optional `:port`) or a `pseudonym` (a token) is
///   made of: token characters, `:`, `[` and `]`. Their order is not checked, so an IPv6
///   address without brackets, as SER-derived proxies write it in their 392 warnings
///   (`392 2001:db8::1:5060 "Noisy feedback tells: ..."`), is read too; RFC 3261 §20.43
///   makes the agent a name for debugging, nothing a receiver acts on.
/// - A warn-text that is a quoted string, with `\"` and `\\` escapes;
///   [`text`](Self::text) keeps them, [`text_unescaped`](Self::text_unescaped) undoes them.
/// - Between the parts, one or more SP or HTAB where the grammar has one SP (a folded header
///   leaves several once unfolded), and SP or HTAB around the whole value.
///
/// It refuses, with a [`ParseError`] that says where, never a panic, and in time linear in
/// the input: an empty value ([`EmptyValue`](ParseErrorKind::EmptyValue)); a code that is
/// not three digits followed by a space ([`InvalidWarnCode`](ParseErrorKind::InvalidWarnCode));
/// a missing agent ([`ExpectedToken`](ParseErrorKind::ExpectedToken)); an unquoted or
/// unclosed text ([`ExpectedQuotedString`](ParseErrorKind::ExpectedQuotedString),
/// [`UnterminatedQuotedString`](ParseErrorKind::UnterminatedQuotedString)); and any byte
/// out of place, a comma, CR or LF included ([`UnexpectedByte`](ParseErrorKind::UnexpectedByte)).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Warning<'a> {
    code: u16,
    agent: &'a str,
    /// Between the quotes, escapes kept.
    text: &'a str,
}

/// The end of the warn-agent starting at `at`: one or more token characters, `:`, `[` and
/// `]`.
fn agent_end(input: &str, at: usize, base: usize) -> Result<usize, ParseError> {
    let bytes = input.as_bytes();
    let end =
        at + bytes[at..].iter().take_while(|&&b| is_token_byte(b) || matches!(b, b':' | b'[' | b']')).count();
    if end == at {
        return match bytes.get(at) {
            None => error(ParseErrorKind::ExpectedToken { offset: base + at }),
            Some(_) => unexpected(input, at, base),
        };
    }
    Ok(end)
}

impl<'a> Warning<'a> {
    /// Reads one warning-value, e.g. the part after `Warning:` of a header field with a
    /// single value. See the [type's documentation](Self) for what it accepts.
    ///
    /// ```
    /// use sip_codes::{ParseErrorKind, Warning};
    ///
    /// let warning = Warning::parse(r#"370 [2001:db8::1]:5060 "Insufficient bandwidth""#)?;
    /// assert_eq!((warning.code(), warning.agent()), (370, "[2001:db8::1]:5060"));
    ///
    /// let kind = |value| Warning::parse(value).unwrap_err().kind();
    /// assert_eq!(kind("   "), ParseErrorKind::EmptyValue);
    /// assert_eq!(kind(r#"30 host "x""#), ParseErrorKind::InvalidWarnCode);
    /// assert_eq!(kind(r#"3050 host "x""#), ParseErrorKind::InvalidWarnCode);
    /// assert_eq!(kind("305 host"), ParseErrorKind::ExpectedQuotedString { offset: 8 });
    /// assert_eq!(kind("305 host Incompatible"), ParseErrorKind::ExpectedQuotedString { offset: 9 });
    /// assert_eq!(kind(r#"305 host "x"!"#), ParseErrorKind::UnexpectedByte { offset: 12, byte: b'!' });
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// A [`ParseError`] whose [`kind`](ParseError::kind) says what is wrong and where, as
    /// listed in the [type's documentation](Self#what-parse-accepts).
    pub fn parse(value: &'a str) -> Result<Warning<'a>, ParseError> {
        Self::parse_at(value, 0)
    }

    /// [`parse`](Self::parse) of `value`, which starts at `base` in what the caller holds.
    fn parse_at(value: &'a str, base: usize) -> Result<Warning<'a>, ParseError> {
        let (base, value) = trim(base, value);
        let bytes = value.as_bytes();
        if bytes.is_empty() {
            return error(ParseErrorKind::EmptyValue);
        }
        let code = match bytes {
            [a, b, c, space, ..]
                if a.is_ascii_digit() && b.is_ascii_digit() && c.is_ascii_digit() && is_space(*space) =>
            {
                u16::from(a - b'0') * 100 + u16::from(b - b'0') * 10 + u16::from(c - b'0')
            }
            _ => return error(ParseErrorKind::InvalidWarnCode),
        };
        let agent_at = skip_space(value, 4);
        let agent_end = agent_end(value, agent_at, base)?;
        let text_at = skip_space(value, agent_end);
        match bytes.get(text_at) {
            // The agent ends at a byte that is neither its own nor a space.
            Some(_) if text_at == agent_end => return unexpected(value, text_at, base),
            Some(b'"') => {}
            _ => return error(ParseErrorKind::ExpectedQuotedString { offset: base + text_at }),
        }
        let (text, end) = quoted_string(value, text_at, base)?;
        // The value is trimmed, so a space here has something after it: point at that.
        let after = skip_space(value, end);
        if after != bytes.len() {
            return unexpected(value, after, base);
        }
        Ok(Warning { code, agent: &value[agent_at..agent_end], text })
    }

    /// Reads every value of a Warning header field: RFC 3261 §20.43 lets a response carry
    /// several. Commas inside the quoted texts do not split. Each value is parsed on its
    /// own, so a bad one gives an `Err` and the iterator goes on with the next; error
    /// offsets count from the start of `header`.
    ///
    /// ```
    /// use sip_codes::Warning;
    ///
    /// // RFC 3261 §20.43's examples, as one header field.
    /// let header = r#"307 isi.edu "Session parameter 'foo' not understood", 301 isi.edu "Incompatible network address type 'E.164'""#;
    /// let codes: Vec<u16> = Warning::parse_all(header).map(|warning| warning.map(|w| w.code())).collect::<Result<_, _>>()?;
    /// assert_eq!(codes, [307, 301]);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    pub fn parse_all(header: &'a str) -> Warnings<'a> {
        Warnings { elements: Elements::new(header) }
    }

    /// A value to send. `code` is at most 999 (written with three digits), `agent` is a
    /// host, `host:port` or pseudonym as [`parse`](Self::parse) accepts it (write an IPv6
    /// address in brackets, `[2001:db8::1]:5060`), and `text` is
    /// written between quotes as it is, so it may hold any character but `"`, `\` and
    /// control characters other than HTAB.
    ///
    /// ```
    /// use sip_codes::{ParseErrorKind, Warning};
    ///
    /// assert_eq!(
    ///     Warning::new(370, "192.0.2.1", "Insufficient bandwidth")?.to_string(),
    ///     r#"370 192.0.2.1 "Insufficient bandwidth""#,
    /// );
    /// assert_eq!(Warning::new(1000, "host", "x").unwrap_err().kind(), ParseErrorKind::InvalidWarnCode);
    /// assert_eq!(Warning::new(399, "a b", "x").unwrap_err().kind(), ParseErrorKind::UnexpectedByte { offset: 1, byte: b' ' });
    /// assert_eq!(Warning::new(399, "host", "C:\\").unwrap_err().kind(), ParseErrorKind::UnexpectedByte { offset: 2, byte: b'\\' });
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// [`InvalidWarnCode`](ParseErrorKind::InvalidWarnCode) for a code above 999;
    /// [`ExpectedToken`](ParseErrorKind::ExpectedToken) for an empty agent;
    /// [`UnexpectedByte`](ParseErrorKind::UnexpectedByte) for a byte the agent or the text
    /// cannot hold (its offset is in the argument it came from).
    pub fn new(code: u16, agent: &'a str, text: &'a str) -> Result<Warning<'a>, ParseError> {
        if code > 999 {
            return error(ParseErrorKind::InvalidWarnCode);
        }
        let end = agent_end(agent, 0, 0)?;
        if end != agent.len() {
            return unexpected(agent, end, 0);
        }
        check_plain_text(text)?;
        Ok(Warning { code, agent, text })
    }

    /// The warn-code, 0..=999.
    ///
    /// ```
    /// # use sip_codes::Warning;
    /// assert_eq!(Warning::parse(r#"399 devnull "Noisy""#)?.code(), 399);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub const fn code(&self) -> u16 {
        self.code
    }

    /// The warn-agent as received: `host`, `host:port`, `[IPv6]:port` or a pseudonym.
    ///
    /// ```
    /// # use sip_codes::Warning;
    /// assert_eq!(Warning::parse(r#"392 10.0.0.1:5060 "Noisy feedback""#)?.agent(), "10.0.0.1:5060");
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub const fn agent(&self) -> &'a str {
        self.agent
    }

    /// The warn-text between its quotes, as on the wire: backslash escapes are kept. See
    /// [`text_unescaped`](Self::text_unescaped) for the text itself.
    ///
    /// ```
    /// # use sip_codes::Warning;
    /// assert_eq!(Warning::parse(r#"304 host "Media type not available""#)?.text(), "Media type not available");
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub const fn text(&self) -> &'a str {
        self.text
    }

    /// The warn-text with its escapes undone, as `char`s; `Display` writes it.
    ///
    /// ```
    /// # use sip_codes::Warning;
    /// let warning = Warning::parse(r#"399 host "path C:\\sip\\conf""#)?;
    /// assert_eq!(warning.text_unescaped().to_string(), r"path C:\sip\conf");
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub fn text_unescaped(&self) -> Unescaped<'a> {
        Unescaped::new(self.text)
    }
}

impl fmt::Display for Warning<'_> {
    /// `code agent "text"` with single spaces, the code in three digits and the text as
    /// held, escapes included.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:03} {} \"{}\"", self.code, self.agent, self.text)
    }
}

/// The values of a Warning header field, each parsed on its own: [`Warning::parse_all`].
#[derive(Clone, Debug)]
pub struct Warnings<'a> {
    elements: Elements<'a>,
}

impl<'a> Iterator for Warnings<'a> {
    type Item = Result<Warning<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (offset, element) = self.elements.next()?;
        Some(Warning::parse_at(element, offset))
    }
}

impl FusedIterator for Warnings<'_> {}
