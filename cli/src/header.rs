//! The header fields `explain` decodes: names (compact forms included), Retry-After, Reason
//! and Warning values, and the Q.850 cause and warn-code names they carry.

/// RFC 3261 §7.3.3 and later RFCs' compact forms, with the full name each stands for.
const COMPACT: [(u8, &str); 19] = [
    (b'a', "Accept-Contact"),
    (b'b', "Referred-By"),
    (b'c', "Content-Type"),
    (b'd', "Request-Disposition"),
    (b'e', "Content-Encoding"),
    (b'f', "From"),
    (b'i', "Call-ID"),
    (b'j', "Reject-Contact"),
    (b'k', "Supported"),
    (b'l', "Content-Length"),
    (b'm', "Contact"),
    (b'n', "Identity-Info"),
    (b'o', "Event"),
    (b'r', "Refer-To"),
    (b's', "Subject"),
    (b't', "To"),
    (b'u', "Allow-Events"),
    (b'v', "Via"),
    (b'x', "Session-Expires"),
];

/// The header fields most messages carry, as keys: looked up rather than allocated.
const COMMON: [&str; 40] = [
    "via",
    "from",
    "to",
    "call-id",
    "cseq",
    "contact",
    "max-forwards",
    "content-length",
    "content-type",
    "user-agent",
    "server",
    "allow",
    "supported",
    "require",
    "record-route",
    "route",
    "expires",
    "authorization",
    "proxy-authorization",
    "www-authenticate",
    "proxy-authenticate",
    "reason",
    "warning",
    "retry-after",
    "event",
    "subscription-state",
    "session-expires",
    "min-se",
    "rseq",
    "rack",
    "p-asserted-identity",
    "privacy",
    "accept",
    "allow-events",
    "date",
    "organization",
    "content-disposition",
    "x-serialnumber",
    "refer-to",
    "referred-by",
];

/// A header field name as a key: its full name (compact forms expanded) in lower case.
pub fn key(name: &[u8]) -> std::borrow::Cow<'static, str> {
    use std::borrow::Cow;
    if let [letter] = name {
        let letter = letter.to_ascii_lowercase();
        if let Some((_, full)) = COMPACT.iter().find(|(c, _)| *c == letter) {
            return Cow::Owned(full.to_ascii_lowercase());
        }
    }
    if let Some(common) = COMMON.iter().find(|c| c.as_bytes().eq_ignore_ascii_case(name)) {
        return Cow::Borrowed(common);
    }
    Cow::Owned(String::from_utf8_lossy(name).to_ascii_lowercase())
}

/// RFC 3261 §25.1's `token` characters, one flag a byte.
const TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(c, b'-' | b'.' | b'!' | b'%' | b'*' | b'_' | b'+' | b'`' | b'\'' | b'~');
        b += 1;
    }
    table
};

/// A `token` character of RFC 3261 §25.1, which header field names are made of.
pub fn is_token_byte(b: u8) -> bool {
    TOKEN[usize::from(b)]
}

/// `Name: value` at the start of `line` (after any indentation): the name and the value,
/// trimmed. `None` when the line is not a header field.
pub fn split(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let line = line.trim_ascii_start();
    let name_len = line.iter().take_while(|&&b| is_token_byte(b)).count();
    if name_len == 0 {
        return None;
    }
    let rest = line[name_len..].trim_ascii_start();
    let value = rest.strip_prefix(b":")?;
    Some((&line[..name_len], value.trim_ascii()))
}

/// A Retry-After value (RFC 3261 §20.33): the delay in seconds, before any comment or
/// parameter.
pub fn retry_after_seconds(value: &str) -> Option<u64> {
    let digits: &str = value.split([' ', '\t', '(', ';']).next()?;
    digits.parse().ok()
}

/// One value of a Reason header (RFC 3326 §2): `protocol ;cause=N ;text="..."`, read by
/// `sip_codes::Reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// `SIP`, `Q.850`, or another token as written.
    pub protocol: String,
    /// The cause, when it is a number.
    pub cause: Option<u16>,
    /// The text parameter without its quotes and escapes.
    pub text: Option<String>,
    /// Why the value does not parse, when it does not (the value as written is in
    /// `protocol` then).
    pub problem: Option<String>,
}

/// Every value of a Reason header (values are separated by commas outside quotes).
pub fn reasons(value: &str) -> Vec<Reason> {
    sip_codes::Reason::parse_all(value)
        .map(|one| match one {
            Ok(reason) => Reason {
                protocol: reason.protocol().to_owned(),
                cause: reason.cause(),
                text: reason.text_unescaped().map(|text| text.collect()),
                problem: None,
            },
            Err(error) => Reason {
                protocol: value.trim().to_owned(),
                cause: None,
                text: None,
                problem: Some(error.to_string()),
            },
        })
        .collect()
}

/// One value of a Warning header (RFC 3261 §20.43): `warn-code SP warn-agent SP "text"`, read
/// by `sip_codes::Warning`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The three-digit warn-code.
    pub code: u16,
    /// The host (or pseudonym) that added the warning.
    pub agent: String,
    /// The text without its quotes and escapes.
    pub text: String,
}

/// Every value of a Warning header that parses.
pub fn warnings(value: &str) -> Vec<Warning> {
    sip_codes::Warning::parse_all(value)
        .filter_map(Result::ok)
        .map(|warning| Warning {
            code: warning.code(),
            agent: warning.agent().to_owned(),
            text: warning.text_unescaped().collect(),
        })
        .collect()
}

/// The code a Geolocation-Error (RFC 6442 §4.3) or AlertMsg-Error (RFC 8876 §4.1) value
/// starts with: `100 ;code="Cannot Process Location"`.
pub fn error_code(value: &str) -> Option<u16> {
    let digits = value.trim_start();
    let end = digits.find(|c: char| !c.is_ascii_digit()).unwrap_or(digits.len());
    (end == 3).then(|| digits[..end].parse().ok()).flatten()
}

/// A parameter of a Via, From or To value (`branch`, `tag`): its value, matched in any case,
/// looked for after the URI's closing `>` when there is one (a URI parameter is not a header
/// parameter) and before any comma (the next value).
pub fn param(value: &str, name: &str) -> Option<String> {
    let value = first_outside_quotes(value, b',').map_or(value, |end| &value[..end]);
    let mut params = match value.rfind('>') {
        Some(end) => &value[end + 1..],
        None => value,
    };
    // Skip what comes before the first `;`: the URI, or the Via's sent-by.
    let start = first_outside_quotes(params, b';')?;
    params = &params[start + 1..];
    loop {
        let end = first_outside_quotes(params, b';');
        let p = end.map_or(params, |end| &params[..end]);
        if let Some((key, v)) = p.split_once('=')
            && key.trim().eq_ignore_ascii_case(name)
        {
            return Some(v.trim().to_owned());
        }
        params = &params[end? + 1..];
    }
}

/// Where the first `separator` outside double quotes is in `text`.
fn first_outside_quotes(text: &str, separator: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    if !bytes.contains(&b'"') {
        return memchr::memchr(separator, bytes);
    }
    let (mut quoted, mut escaped) = (false, false);
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            _ if escaped => escaped = false,
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b if b == separator && !quoted => return Some(i),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_read_outside_the_uri() {
        let via = "SIP/2.0/UDP 192.0.2.1:5060;rport;Branch=z9hG4bK776, SIP/2.0/UDP x;branch=z9hG4bKother";
        assert_eq!(param(via, "branch").as_deref(), Some("z9hG4bK776"));
        assert_eq!(param("<sip:b@x;tag=uri>;tag=1c342", "tag").as_deref(), Some("1c342"));
        assert_eq!(param("\"A;tag=no\" <sip:a@x>", "tag"), None);
        assert_eq!(param("sip:a@x;tag=bare", "tag").as_deref(), Some("bare"));
    }

    #[test]
    fn compact_names_expand() {
        assert_eq!(key(b"i"), "call-id");
        assert_eq!(key(b"Call-ID"), "call-id");
        assert_eq!(key(b"WWW-Authenticate"), "www-authenticate");
    }

    #[test]
    fn header_lines_split_and_others_do_not() {
        assert_eq!(split(b"   CSeq: 1 INVITE"), Some((&b"CSeq"[..], &b"1 INVITE"[..])));
        assert_eq!(split(b"i : abc"), Some((&b"i"[..], &b"abc"[..])));
        assert_eq!(split(b"In this scenario, Alice"), None);
        assert_eq!(split(b"v=0"), None);
    }

    #[test]
    fn error_codes_are_read() {
        assert_eq!(error_code("100 ;code=\"Cannot Process Location\""), Some(100));
        assert_eq!(error_code(" 101"), Some(101));
        assert_eq!(error_code("1000"), None);
        assert_eq!(error_code("x"), None);
    }

    #[test]
    fn a_reason_that_does_not_parse_says_why() {
        let r = reasons("Q.850;cause=seventeen");
        assert_eq!(r.len(), 1);
        assert!(r[0].problem.is_some(), "{r:?}");
    }

    #[test]
    fn reason_values_are_read() {
        let r = reasons("Q.850;cause=16;text=\"Terminated, normally\", SIP ;cause=200");
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].protocol, "Q.850");
        assert_eq!(r[0].cause, Some(16));
        assert_eq!(r[0].text.as_deref(), Some("Terminated, normally"));
        assert_eq!(r[1].protocol, "SIP");
        assert_eq!(r[1].cause, Some(200));
    }

    #[test]
    fn warning_values_are_read() {
        let w = warnings(
            "370 devnull \"Choose a bigger pipe\", 307 isi.edu \"Session parameter 'foo' not understood\"",
        );
        assert_eq!(w.len(), 2);
        assert_eq!((w[0].code, w[0].agent.as_str()), (370, "devnull"));
        assert_eq!(w[1].text, "Session parameter 'foo' not understood");
    }

    #[test]
    fn retry_after_reads_the_seconds() {
        assert_eq!(retry_after_seconds("18000;duration=3600"), Some(18000));
        assert_eq!(retry_after_seconds("120 (I'm in a meeting)"), Some(120));
        assert_eq!(retry_after_seconds("soon"), None);
    }
}
