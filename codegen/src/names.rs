//! Variant names: derived from a reason phrase, or checked when given.

/// The UpperCamelCase variant name for a reason phrase: its ASCII words, acronyms as words.
///
/// "OK" gives `Ok`, "Request-URI Too Long" gives `RequestUriTooLong` and
/// "Call/Transaction Does Not Exist" gives `CallTransactionDoesNotExist`. Apostrophes join
/// their word ("Don't" gives `Dont`).
///
/// # Errors
/// When the phrase has a non-ASCII letter, starts with a digit or has no letters, so that
/// no identifier follows from it; the message asks for an explicit `name`.
pub fn derive_variant_name(reason: &str) -> Result<String, String> {
    let mut name = String::with_capacity(reason.len());
    for word in reason.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}')) {
        let mut chars = word.chars().filter(|c| *c != '\'' && *c != '\u{2019}');
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    if name.is_empty() {
        return Err(format!(
            "cannot derive a variant name from reason {reason:?}: it has no letters; add `name = \"...\"`"
        ));
    }
    if !name.is_ascii() {
        return Err(format!(
            "cannot derive a variant name from reason {reason:?}: it has non-ASCII letters; add `name = \"...\"`"
        ));
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "cannot derive a variant name from reason {reason:?}: it starts with a digit; add `name = \"...\"`"
        ));
    }
    if name == "Self" {
        return Err(format!(
            "cannot derive a variant name from reason {reason:?}: `Self` is a keyword; add `name = \"...\"`"
        ));
    }
    Ok(name)
}

/// Checks an explicit `name`: an UpperCamelCase Rust identifier that does not collide with
/// the generated `ALL` constant.
pub fn check_variant_name(name: &str) -> Result<(), String> {
    let well_formed =
        name.starts_with(|c: char| c.is_ascii_uppercase()) && name.chars().all(|c| c.is_ascii_alphanumeric());
    if !well_formed {
        return Err(format!(
            "`name` must be an UpperCamelCase Rust identifier such as `BusyHere`, found {name:?}"
        ));
    }
    if name == "Self" || name == "ALL" {
        return Err(format!("`name` cannot be `{name}`: the generated type already uses it"));
    }
    Ok(())
}

/// `StatusCode` to `status_code`: the name of the module that holds the per-class enums.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let after_lower = i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let acronym_end =
                i > 0 && chars[i - 1].is_uppercase() && chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if (after_lower || acronym_end) && !out.ends_with('_') {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `BusyHere` to `BUSY_HERE`: the variant's name as a constant, in `for_each!`'s tuples.
pub fn screaming_snake_case(name: &str) -> String {
    snake_case(name).to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_upper_camel_case_with_acronyms_as_words() {
        for (reason, name) in [
            ("OK", "Ok"),
            ("Request-URI Too Long", "RequestUriTooLong"),
            ("Call/Transaction Does Not Exist", "CallTransactionDoesNotExist"),
            ("Server Time-out", "ServerTimeOut"),
            ("Version Not Supported", "VersionNotSupported"),
            ("Bad Identity-Info", "BadIdentityInfo"),
            ("Don't Panic", "DontPanic"),
            ("Push Notification Service Not Supported", "PushNotificationServiceNotSupported"),
        ] {
            assert_eq!(derive_variant_name(reason).as_deref(), Ok(name), "{reason}");
        }
    }

    #[test]
    fn refuses_phrases_without_an_identifier() {
        assert!(derive_variant_name("!!!").unwrap_err().contains("no letters"));
        assert!(derive_variant_name("Überlastet").unwrap_err().contains("non-ASCII"));
        assert!(derive_variant_name("3GPP Reject").unwrap_err().contains("digit"));
        assert!(derive_variant_name("self").unwrap_err().contains("keyword"));
    }

    #[test]
    fn checks_explicit_names() {
        assert!(check_variant_name("GlobalNotAcceptable").is_ok());
        assert!(check_variant_name("busy_here").is_err());
        assert!(check_variant_name("Busy Here").is_err());
        assert!(check_variant_name("1xx").is_err());
        assert!(check_variant_name("ALL").is_err());
        assert!(check_variant_name("Self").is_err());
    }

    #[test]
    fn snake_cases_type_names() {
        assert_eq!(snake_case("StatusCode"), "status_code");
        assert_eq!(snake_case("Response"), "response");
        assert_eq!(snake_case("SIPStatus"), "sip_status");
        assert_eq!(snake_case("Vendor3Code"), "vendor3_code");
        assert_eq!(screaming_snake_case("CallTransactionDoesNotExist"), "CALL_TRANSACTION_DOES_NOT_EXIST");
        assert_eq!(screaming_snake_case("RequestUriTooLong"), "REQUEST_URI_TOO_LONG");
        assert_eq!(screaming_snake_case("OK"), "OK");
        assert_eq!(screaming_snake_case("Ok"), "OK");
    }
}
