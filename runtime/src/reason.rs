use core::fmt;
use core::iter::FusedIterator;

use crate::header_syntax::{
    Elements, Unescaped, check_plain_text, error, quoted_string, skip_space, token_end, trim, unexpected,
};
use crate::{Code, ParseError, ParseErrorKind};

/// One value of a `Reason` header field (RFC 3326 §2, updated by RFC 6432, RFC 8606 and
/// RFC 9366): why a request such as BYE or CANCEL was sent, or, in a response, the Q.850
/// cause behind it.
///
/// ```text
/// reason-value  = protocol *(SEMI reason-params)
/// reason-params = protocol-cause / reason-text / reason-extension
/// protocol-cause = "cause" EQUAL 1*DIGIT     reason-text = "text" EQUAL quoted-string
/// ```
///
/// It borrows from the text it was parsed from and never allocates.
///
/// ```
/// use sip_codes::Reason;
///
/// // RFC 3326 §2's example, as a gateway sends it in a CANCEL.
/// let reason = Reason::parse(r#"Q.850 ;cause=16 ;text="Terminated""#)?;
/// assert_eq!(reason.protocol(), "Q.850");
/// assert_eq!(reason.cause(), Some(16));
/// assert_eq!(reason.q850_cause(), Some(16));
/// assert_eq!(reason.text(), Some("Terminated"));
/// assert_eq!(reason.to_string(), r#"Q.850;cause=16;text="Terminated""#);
///
/// // One to send in a BYE.
/// let bye = Reason::q850(16, Some("Normal call clearing"))?;
/// assert_eq!(bye.to_string(), r#"Q.850;cause=16;text="Normal call clearing""#);
/// # Ok::<(), sip_codes::ParseError>(())
/// ```
///
/// # What it recognises
///
/// - The protocol is any token. RFC 3326 defines `SIP` (the cause is a SIP status code) and
///   `Q.850` (the cause is an ITU-T Q.850 cause value in decimal); IANA's Reason Protocols
///   registry adds others (RFC 4411's `Preemption`, RFC 8224's `STIR`, 3GPP's). This type
///   reads them all alike; [`sip_code`](Self::sip_code) and [`q850_cause`](Self::q850_cause)
///   interpret the cause for the two RFC 3326 protocols.
/// - `cause`: `1*DIGIT` (RFC 3326 §2), read as a number up to 65535. A larger one is
///   refused rather than truncated (SIP codes stop at 999 and Q.850 causes at 127).
/// - `text`: a quoted string (RFC 3326 §2). [`text`](Self::text) gives it as on the wire,
///   backslash escapes included; [`text_unescaped`](Self::text_unescaped) undoes them.
/// - Every other parameter is a `reason-extension` (RFC 3261's `generic-param`: a name and
///   an optional token, host or quoted-string value), in [`extensions`](Self::extensions):
///   RFC 8606's `location` (also through [`location`](Self::location)), RFC 9410's `ppi`,
///   and any other.
///
/// # Case
///
/// RFC 3326's grammar spells the protocols and parameter names as ABNF strings and tokens,
/// which RFC 3261 §7.3.1 compares without regard to case: `q.850;CAUSE=16` is the Q.850
/// cause 16. [`protocol`](Self::protocol) and the names in [`extensions`](Self::extensions)
/// are returned as received; [`is_protocol`](Self::is_protocol) compares in any ASCII case.
/// The `text` is compared as received (a quoted string is case-sensitive).
///
/// # What `parse` refuses
///
/// With a [`ParseError`] that says where, never a panic, and in time linear in the input:
/// an empty value ([`EmptyValue`](ParseErrorKind::EmptyValue)); a missing protocol or
/// parameter name ([`ExpectedToken`](ParseErrorKind::ExpectedToken)); a `cause` that is not
/// digits or exceeds 65535 ([`InvalidCause`](ParseErrorKind::InvalidCause)); a `text` that
/// is not quoted ([`ExpectedQuotedString`](ParseErrorKind::ExpectedQuotedString)) or not
/// closed ([`UnterminatedQuotedString`](ParseErrorKind::UnterminatedQuotedString)); a second
/// `cause`, `text` or `location` ([`DuplicateParameter`](ParseErrorKind::DuplicateParameter));
/// and any other byte out of place, a comma or a CR or LF included
/// ([`UnexpectedByte`](ParseErrorKind::UnexpectedByte)). Spaces and tabs are allowed around
/// `;` and `=` (RFC 3261's `SEMI` and `EQUAL`) and around the whole value. The input is one
/// value of an unfolded header field; [`parse_all`](Self::parse_all) reads a list.
///
/// # Equality
///
/// Two values are equal when their protocol (as spelled), cause, text (as on the wire) and
/// extensions (in order) are; the order of `cause` and `text` and the spaces around `;` do
/// not count, so `Reason::parse(&reason.to_string())` equals `reason`.
#[derive(Clone, Copy, Debug)]
pub struct Reason<'a> {
    protocol: &'a str,
    cause: Option<u16>,
    /// Between the quotes, escapes kept.
    text: Option<&'a str>,
    /// Everything after the protocol, as received (empty for a value built here): where
    /// [`extensions`](Self::extensions) reads from.
    params: &'a str,
}

/// A parameter of a [`Reason`] value other than `cause` and `text`, as received:
/// [`Reason::extensions`].
///
/// ```
/// use sip_codes::Reason;
///
/// let reason = Reason::parse("Q.850;cause=16;location=LN;ppi")?;
/// let mut extensions = reason.extensions();
/// let location = extensions.next().unwrap();
/// assert_eq!((location.name(), location.value()), ("location", Some("LN")));
/// assert_eq!(extensions.next().unwrap().to_string(), "ppi");
/// assert_eq!(extensions.next(), None);
/// # Ok::<(), sip_codes::ParseError>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ReasonParam<'a> {
    name: &'a str,
    value: Option<&'a str>,
}

impl<'a> ReasonParam<'a> {
    /// The name, as received.
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// let reason = Reason::parse("Q.850;cause=16;LOCATION=LN")?;
    /// assert_eq!(reason.extensions().next().unwrap().name(), "LOCATION");
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub const fn name(&self) -> &'a str {
        self.name
    }

    /// The value after `=`, as received: a token, a host, or a quoted string with its
    /// quotes; `None` for a parameter without `=`.
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// let reason = Reason::parse(r#"X-Vendor;cause=1;note="a, b";flag"#)?;
    /// let values: Vec<_> = reason.extensions().map(|param| param.value()).collect();
    /// assert_eq!(values, [Some(r#""a, b""#), None]);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub const fn value(&self) -> Option<&'a str> {
        self.value
    }

    /// Whether the parameter is called `name`, compared in any ASCII case as RFC 3261
    /// §7.3.1 compares parameter names.
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// let reason = Reason::parse("Q.850;cause=16;Location=LN")?;
    /// assert!(reason.extensions().next().unwrap().is("location"));
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

impl fmt::Display for ReasonParam<'_> {
    /// `name` or `name=value`, as received.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            Some(value) => write!(f, "{}={value}", self.name),
            None => f.write_str(self.name),
        }
    }
}

/// What [`read_param`] found: a parameter and where its parts are.
struct ReadParam<'a> {
    param: ReasonParam<'a>,
    name_at: usize,
    /// Where the value starts, or where it belonged when there is none.
    value_at: usize,
    end: usize,
}

/// Reads `SEMI name [EQUAL value]` starting at `at`, where only spaces may come first; `None`
/// at the end of the input. Offsets in errors are `base` plus the position in `input`.
fn read_param(input: &str, at: usize, base: usize) -> Result<Option<ReadParam<'_>>, ParseError> {
    let bytes = input.as_bytes();
    let at = skip_space(input, at);
    match bytes.get(at) {
        None => return Ok(None),
        Some(b';') => {}
        Some(_) => return unexpected(input, at, base),
    }
    let name_at = skip_space(input, at + 1);
    let name_end = token_end(input, name_at);
    if name_end == name_at {
        return match bytes.get(name_at) {
            Some(b',' | b'\r' | b'\n') => unexpected(input, name_at, base),
            _ => error(ParseErrorKind::ExpectedToken { offset: base + name_at }),
        };
    }
    let name = &input[name_at..name_end];
    let after_name = skip_space(input, name_end);
    if bytes.get(after_name) != Some(&b'=') {
        let param = ReasonParam { name, value: None };
        return Ok(Some(ReadParam { param, name_at, value_at: name_end, end: name_end }));
    }
    let value_at = skip_space(input, after_name + 1);
    let end = match bytes.get(value_at) {
        Some(b'"') => quoted_string(input, value_at, base)?.1,
        // An IPv6reference (RFC 3261 §25.1 `host`).
        Some(b'[') => {
            let close = value_at
                + 1
                + bytes[value_at + 1..]
                    .iter()
                    .take_while(|b| b.is_ascii_hexdigit() || matches!(b, b':' | b'.'))
                    .count();
            match bytes.get(close) {
                Some(b']') if close > value_at + 1 => close + 1,
                Some(_) => return unexpected(input, close, base),
                None => return error(ParseErrorKind::ExpectedToken { offset: base + close }),
            }
        }
        _ => token_end(input, value_at),
    };
    if end == value_at {
        return match bytes.get(value_at) {
            Some(b',' | b'\r' | b'\n') => unexpected(input, value_at, base),
            _ => error(ParseErrorKind::ExpectedToken { offset: base + value_at }),
        };
    }
    let param = ReasonParam { name, value: Some(&input[value_at..end]) };
    Ok(Some(ReadParam { param, name_at, value_at, end }))
}

impl<'a> Reason<'a> {
    /// Reads one reason-value, e.g. the part after `Reason:` of a header field with a single
    /// value. See the [type's documentation](Self) for what it accepts.
    ///
    /// ```
    /// use sip_codes::{ParseErrorKind, Reason};
    ///
    /// // RFC 3326 §3.1: a forking proxy cancels the other branches.
    /// let reason = Reason::parse(r#"SIP ;cause=200 ;text="Call completed elsewhere""#)?;
    /// assert_eq!(reason.sip_code().map(|code| code.get()), Some(200));
    ///
    /// let kind = |value| Reason::parse(value).unwrap_err().kind();
    /// assert_eq!(kind(""), ParseErrorKind::EmptyValue);
    /// assert_eq!(kind(";cause=16"), ParseErrorKind::ExpectedToken { offset: 0 });
    /// assert_eq!(kind("Q.850;cause=sixteen"), ParseErrorKind::InvalidCause { offset: 12 });
    /// assert_eq!(kind("Q.850;text=Terminated"), ParseErrorKind::ExpectedQuotedString { offset: 11 });
    /// assert_eq!(kind("Q.850;cause=16;cause=17"), ParseErrorKind::DuplicateParameter { offset: 15 });
    /// assert_eq!(kind("SIP;cause=200, Q.850;cause=16"), ParseErrorKind::UnexpectedByte { offset: 13, byte: b',' });
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// A [`ParseError`] whose [`kind`](ParseError::kind) says what is wrong and where, as
    /// listed in the [type's documentation](Self#what-parse-refuses).
    pub fn parse(value: &'a str) -> Result<Reason<'a>, ParseError> {
        Self::parse_at(value, 0)
    }

    /// [`parse`](Self::parse) of `value`, which starts at `base` in what the caller holds.
    fn parse_at(value: &'a str, base: usize) -> Result<Reason<'a>, ParseError> {
        let (base, value) = trim(base, value);
        if value.is_empty() {
            return error(ParseErrorKind::EmptyValue);
        }
        let protocol_end = token_end(value, 0);
        if protocol_end == 0 {
            return match value.as_bytes()[0] {
                b';' => error(ParseErrorKind::ExpectedToken { offset: base }),
                _ => unexpected(value, 0, base),
            };
        }
        let params = &value[protocol_end..];
        let mut reason = Reason { protocol: &value[..protocol_end], cause: None, text: None, params };
        let mut location = false;
        let mut at = 0;
        let base = base + protocol_end;
        while let Some(read) = read_param(params, at, base)? {
            at = read.end;
            let name = read.param.name;
            let duplicate = error(ParseErrorKind::DuplicateParameter { offset: base + read.name_at });
            if name.eq_ignore_ascii_case("cause") {
                if reason.cause.is_some() {
                    return duplicate;
                }
                let invalid = ParseError::new(ParseErrorKind::InvalidCause { offset: base + read.value_at });
                let digits = read.param.value.ok_or(invalid)?;
                reason.cause = Some(parse_cause(digits).ok_or(invalid)?);
            } else if name.eq_ignore_ascii_case("text") {
                if reason.text.is_some() {
                    return duplicate;
                }
                match read.param.value {
                    Some(quoted) if quoted.starts_with('"') => {
                        reason.text = Some(&quoted[1..quoted.len() - 1])
                    }
                    _ => return error(ParseErrorKind::ExpectedQuotedString { offset: base + read.value_at }),
                }
            } else if name.eq_ignore_ascii_case("location") {
                if location {
                    return duplicate;
                }
                location = true;
            }
        }
        Ok(reason)
    }

    /// Reads every value of a Reason header field: `SIP;cause=200, Q.850;cause=16` holds
    /// two. Commas inside quoted strings do not split. Each value is parsed on its own, so a
    /// bad one gives an `Err` and the iterator goes on with the next; error offsets count
    /// from the start of `header`.
    ///
    /// RFC 3326 §2 asks that the values carry different protocols; RFC 9366 allows several
    /// with the same protocol where that protocol says what they mean. Both are for the
    /// caller to check: every value is given.
    ///
    /// ```
    /// use sip_codes::{ParseErrorKind, Reason};
    ///
    /// let header = r#"SIP;cause=200;text="Call completed elsewhere", Q.850;cause=16;text="Terminated""#;
    /// let reasons: Vec<Reason> = Reason::parse_all(header).collect::<Result<_, _>>()?;
    /// assert_eq!(reasons[0].sip_code().map(|code| code.get()), Some(200));
    /// assert_eq!(reasons[1].q850_cause(), Some(16));
    ///
    /// let mut values = Reason::parse_all("Q.850;cause=x, SIP;cause=487");
    /// assert_eq!(values.next().unwrap().unwrap_err().kind(), ParseErrorKind::InvalidCause { offset: 12 });
    /// assert_eq!(values.next().unwrap()?.cause(), Some(487));
    /// assert!(values.next().is_none());
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    pub fn parse_all(header: &'a str) -> Reasons<'a> {
        Reasons { elements: Elements::new(header) }
    }

    /// A value to send, for any protocol: `protocol` must be a token, and `text`, when
    /// given, is written between quotes as it is, so it may hold any character but `"`, `\`
    /// and control characters other than HTAB (send text that needs escapes by writing it
    /// escaped and [parsing](Self::parse) it).
    ///
    /// ```
    /// use sip_codes::{ParseErrorKind, Reason};
    ///
    /// // A preemption reason, as RFC 4411 registers it.
    /// let reason = Reason::new("preemption", Some(1), Some("UA Preemption"))?;
    /// assert_eq!(reason.to_string(), r#"preemption;cause=1;text="UA Preemption""#);
    ///
    /// let err = Reason::new("Q.850", Some(16), Some("say \"bye\"")).unwrap_err();
    /// assert_eq!(err.kind(), ParseErrorKind::UnexpectedByte { offset: 4, byte: b'"' });
    /// assert_eq!(Reason::new("", None, None).unwrap_err().kind(), ParseErrorKind::ExpectedToken { offset: 0 });
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// [`ExpectedToken`](ParseErrorKind::ExpectedToken) for an empty protocol,
    /// [`UnexpectedByte`](ParseErrorKind::UnexpectedByte) for a byte a token or the text
    /// cannot hold (its offset is in the argument it came from).
    pub fn new(
        protocol: &'a str,
        cause: Option<u16>,
        text: Option<&'a str>,
    ) -> Result<Reason<'a>, ParseError> {
        if protocol.is_empty() {
            return error(ParseErrorKind::ExpectedToken { offset: 0 });
        }
        let end = token_end(protocol, 0);
        if end != protocol.len() {
            return unexpected(protocol, end, 0);
        }
        if let Some(text) = text {
            check_plain_text(text)?;
        }
        Ok(Reason { protocol, cause, text, params: "" })
    }

    /// `SIP;cause=<code>`, with an optional text: what a forking proxy puts in a CANCEL
    /// (RFC 3326 §3.1), or a third-party call controller in a BYE (RFC 3326 §3).
    ///
    /// ```
    /// use sip_codes::{iana::StatusCode, Code, Reason};
    ///
    /// let reason = Reason::sip(Code::new(200).unwrap(), Some("Call completed elsewhere"))?;
    /// assert_eq!(reason.to_string(), r#"SIP;cause=200;text="Call completed elsewhere""#);
    /// assert_eq!(Reason::sip(StatusCode::Decline.into(), None)?.to_string(), "SIP;cause=603");
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// As [`new`](Self::new), for the text.
    pub fn sip(code: Code, text: Option<&'a str>) -> Result<Reason<'a>, ParseError> {
        Self::new("SIP", Some(code.get()), text)
    }

    /// `Q.850;cause=<cause>`, with an optional text: what a PSTN gateway puts in a BYE,
    /// CANCEL (RFC 3326 §3) or failure response (RFC 6432 §3).
    ///
    /// ```
    /// use sip_codes::{ParseErrorKind, Reason};
    ///
    /// assert_eq!(Reason::q850(17, Some("User busy"))?.to_string(), r#"Q.850;cause=17;text="User busy""#);
    /// assert_eq!(Reason::q850(128, None).unwrap_err().kind(), ParseErrorKind::CauseOutOfRange(128));
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    ///
    /// # Errors
    /// [`CauseOutOfRange`](ParseErrorKind::CauseOutOfRange) for a cause outside 1..=127
    /// (Q.850's cause value is seven bits, and 0 is not a cause); as [`new`](Self::new) for
    /// the text.
    pub fn q850(cause: u8, text: Option<&'a str>) -> Result<Reason<'a>, ParseError> {
        if !matches!(cause, 1..=127) {
            return error(ParseErrorKind::CauseOutOfRange(u16::from(cause)));
        }
        Self::new("Q.850", Some(u16::from(cause)), text)
    }

    /// The protocol, as received (`SIP`, `Q.850`, `q.850`, `STIR`, ...).
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// assert_eq!(Reason::parse("STIR;cause=438")?.protocol(), "STIR");
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub const fn protocol(&self) -> &'a str {
        self.protocol
    }

    /// Whether the protocol is `name`, compared in any ASCII case (see
    /// [Case](Self#case)).
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// assert!(Reason::parse("q.850;cause=16")?.is_protocol("Q.850"));
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub fn is_protocol(&self, name: &str) -> bool {
        self.protocol.eq_ignore_ascii_case(name)
    }

    /// The `cause` parameter, whatever the protocol.
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// assert_eq!(Reason::parse("Preemption;cause=2")?.cause(), Some(2));
    /// assert_eq!(Reason::parse("SIP")?.cause(), None);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub const fn cause(&self) -> Option<u16> {
        self.cause
    }

    /// The cause as a SIP status code: for the protocol `SIP` (any case) and a cause
    /// 100..=999, else `None`.
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// assert_eq!(Reason::parse("SIP;cause=486")?.sip_code().map(|code| code.get()), Some(486));
    /// assert_eq!(Reason::parse("SIP;cause=42")?.sip_code(), None);
    /// assert_eq!(Reason::parse("Q.850;cause=486")?.sip_code(), None);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub fn sip_code(&self) -> Option<Code> {
        match self.cause {
            Some(cause) if self.is_protocol("SIP") => Code::new(cause),
            _ => None,
        }
    }

    /// The cause as a Q.850 cause value: for the protocol `Q.850` (any case) and a cause
    /// 1..=127, else `None`.
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// assert_eq!(Reason::parse("Q.850;cause=47")?.q850_cause(), Some(47));
    /// assert_eq!(Reason::parse("Q.850;cause=200")?.q850_cause(), None);
    /// assert_eq!(Reason::parse("SIP;cause=47")?.q850_cause(), None);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub fn q850_cause(&self) -> Option<u8> {
        match self.cause {
            Some(cause @ 1..=127) if self.is_protocol("Q.850") => Some(cause as u8),
            _ => None,
        }
    }

    /// The `text` parameter between its quotes, as on the wire: backslash escapes are kept
    /// (`\"`, `\\`). For text without them, this is the text itself; otherwise see
    /// [`text_unescaped`](Self::text_unescaped).
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// let reason = Reason::parse(r#"Q.850;cause=16;text="Normal call clearing""#)?;
    /// assert_eq!(reason.text(), Some("Normal call clearing"));
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub const fn text(&self) -> Option<&'a str> {
        self.text
    }

    /// The `text` parameter with its escapes undone, as `char`s; `Display` writes it.
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// let reason = Reason::parse(r#"SIP;cause=480;text="\"Bob\" is away""#)?;
    /// assert_eq!(reason.text_unescaped().unwrap().to_string(), r#""Bob" is away"#);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub fn text_unescaped(&self) -> Option<Unescaped<'a>> {
        self.text.map(Unescaped::new)
    }

    /// RFC 8606's `location` parameter, the ISUP location of a Q.850 cause (`U`, `LPN`,
    /// `LN`, `TN`, `RLN`, `RPN`, `INTL`, `BI`, `LOC-6`, ...), as received. RFC 8606 §4 gives
    /// it meaning only next to a Q.850 cause; this returns it whatever the protocol.
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// let reason = Reason::parse(r#"Q.850;cause=1;text="Unallocated number";location=LN"#)?;
    /// assert_eq!(reason.location(), Some("LN"));
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    #[must_use]
    pub fn location(&self) -> Option<&'a str> {
        self.extensions().find(|param| param.is("location")).and_then(|param| param.value)
    }

    /// The parameters other than `cause` and `text`, in the order received (RFC 3326's
    /// `reason-extension`). A value built by a constructor has none.
    ///
    /// ```
    /// # use sip_codes::Reason;
    /// let reason = Reason::parse("Q.850;cause=16;location=LN;ppi=\"<sip:alice@atlanta.example.com>\"")?;
    /// let names: Vec<&str> = reason.extensions().map(|param| param.name()).collect();
    /// assert_eq!(names, ["location", "ppi"]);
    /// # Ok::<(), sip_codes::ParseError>(())
    /// ```
    pub fn extensions(&self) -> ReasonExtensions<'a> {
        ReasonExtensions { params: self.params, at: 0 }
    }
}

/// `1*DIGIT` up to 65535.
fn parse_cause(digits: &str) -> Option<u16> {
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u16, |cause, digit| {
        if !digit.is_ascii_digit() {
            return None;
        }
        cause.checked_mul(10)?.checked_add(u16::from(digit - b'0'))
    })
}

impl PartialEq for Reason<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.protocol == other.protocol
            && self.cause == other.cause
            && self.text == other.text
            && self.extensions().eq(other.extensions())
    }
}

impl Eq for Reason<'_> {}

impl fmt::Display for Reason<'_> {
    /// `protocol;cause=N;text="..."` followed by the extensions, without spaces: the form
    /// RFC 3326 §2's examples take. The text is written as held, escapes included.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.protocol)?;
        if let Some(cause) = self.cause {
            write!(f, ";cause={cause}")?;
        }
        if let Some(text) = self.text {
            write!(f, ";text=\"{text}\"")?;
        }
        self.extensions().try_for_each(|param| write!(f, ";{param}"))
    }
}

/// The parameters of a [`Reason`] other than `cause` and `text`: [`Reason::extensions`].
#[derive(Clone, Debug)]
pub struct ReasonExtensions<'a> {
    params: &'a str,
    at: usize,
}

impl<'a> Iterator for ReasonExtensions<'a> {
    type Item = ReasonParam<'a>;

    fn next(&mut self) -> Option<ReasonParam<'a>> {
        loop {
            // `params` was read by `Reason::parse`, so this finds no error.
            let read = read_param(self.params, self.at, 0).ok().flatten()?;
            self.at = read.end;
            if !read.param.is("cause") && !read.param.is("text") {
                return Some(read.param);
            }
        }
    }
}

impl FusedIterator for ReasonExtensions<'_> {}

/// The values of a Reason header field, each parsed on its own: [`Reason::parse_all`].
#[derive(Clone, Debug)]
pub struct Reasons<'a> {
    elements: Elements<'a>,
}

impl<'a> Iterator for Reasons<'a> {
    type Item = Result<Reason<'a>, ParseError>;

    fn next(&mut self) -> Option<Self::Item> {
        let (offset, element) = self.elements.next()?;
        Some(Reason::parse_at(element, offset))
    }
}

impl FusedIterator for Reasons<'_> {}
