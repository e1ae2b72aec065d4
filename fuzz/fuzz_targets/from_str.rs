//! `FromStr` on arbitrary UTF-8: never panics, agrees with `from_bytes`, and what it accepts
//! prints back as the same text up to ASCII case (or as the code with its phrase when the
//! input held the code alone, the code and an empty phrase, or an alias).
#![no_main]

use libfuzzer_sys::fuzz_target;

macro_rules! check {
    ($ty:ty, $text:expr) => {{
        let text: &str = $text;
        let parsed = text.parse::<$ty>();
        assert_eq!(parsed, <$ty>::from_bytes(text.as_bytes()), "{text:?}");
        if let Ok(status) = parsed {
            let shown = status.to_string();
            let code = status.code().to_string();
            let alias =
                status.aliases().iter().any(|alias| text.eq_ignore_ascii_case(&format!("{code} {alias}")));
            let empty_phrase = text.strip_suffix(' ') == Some(code.as_str());
            assert!(
                shown.eq_ignore_ascii_case(text) || text == code || empty_phrase || alias,
                "{text:?} read as {shown:?}"
            );
            assert_eq!(shown.parse::<$ty>(), Ok(status));
        }
    }};
}

fuzz_target!(|text: &str| {
    check!(sip_codes::iana::StatusCode, text);
    check!(sip_codes_tests::VendorStatus, text);
});
