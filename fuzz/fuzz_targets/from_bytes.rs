//! `from_bytes` on arbitrary bytes: never panics, and accepts exactly what the rule says.
//!
//! The rule, checked against an oracle written here from the docs: the input is a known
//! code's three digits, alone or followed by one space and then nothing (an empty phrase),
//! its reason phrase or one of its aliases in any ASCII case. Anything else is an error; an accepted input is UTF-8 and
//! `FromStr` agrees with it.
#![no_main]

use libfuzzer_sys::fuzz_target;

macro_rules! check {
    ($ty:ty, $data:expr) => {{
        let data: &[u8] = $data;
        let parsed = <$ty>::from_bytes(data);
        let expected = <$ty>::ALL.iter().copied().find(|status| {
            let code = status.code().to_string();
            let Some(rest) = data.strip_prefix(code.as_bytes()) else { return false };
            match rest.strip_prefix(b" ") {
                None => rest.is_empty(),
                Some(phrase) => phrase.is_empty() || core::iter::once(status.reason_phrase())
                    .chain(status.aliases().iter().copied())
                    .any(|known| phrase.eq_ignore_ascii_case(known.as_bytes())),
            }
        });
        assert_eq!(parsed.ok(), expected, "{:?}", String::from_utf8_lossy(data));
        match (parsed, core::str::from_utf8(data)) {
            (Ok(status), Ok(text)) => assert_eq!(text.parse::<$ty>(), Ok(status)),
            (Ok(status), Err(_)) => panic!("accepted non-UTF-8 input as {status:?}"),
            (Err(error), Ok(text)) => assert_eq!(text.parse::<$ty>(), Err(error)),
            (Err(_), Err(_)) => {}
        }
    }};
}

fuzz_target!(|data: &[u8]| {
    check!(sip_codes::iana::StatusCode, data);
    check!(sip_codes_tests::VendorStatus, data);
});
