//! The other code tables' parsers (`sip_codes::iana::WarnCode`, `Q850Cause` and the token
//! tables) on arbitrary UTF-8: never panic; `FromStr` agrees with `from_bytes`; what a numeric
//! table accepts is its code alone or its code and text (in any ASCII case), and prints back
//! to itself; what a token table accepts is one of its tokens, by the table's case rule, and
//! `Display` gives that token.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_codes::iana::{
    AlertMsgErrorCode, GeolocationErrorCode, Method, PushService, Q850Cause, ReasonProtocol,
    SubscriptionStateReason, WarnCode,
};

macro_rules! numeric {
    ($ty:ty, $text:expr) => {{
        let text: &str = $text;
        let parsed = text.parse::<$ty>();
        assert_eq!(parsed, <$ty>::from_bytes(text.as_bytes()), "{text:?}");
        if let Ok(value) = parsed {
            let code = value.code().to_string();
            assert!(text == code || text == format!("{code} ") || value.to_string().eq_ignore_ascii_case(text), "{text:?}");
            assert_eq!(value.to_string().parse::<$ty>(), Ok(value));
            assert_eq!(<$ty>::from_code(value.code()), Some(value));
        }
    }};
}

macro_rules! token {
    ($ty:ty, $text:expr, $ignore_case:expr) => {{
        let text: &str = $text;
        match text.parse::<$ty>() {
            Ok(value) => {
                if $ignore_case {
                    assert!(value.as_str().eq_ignore_ascii_case(text), "{text:?}");
                } else {
                    assert_eq!(value.as_str(), text);
                }
                assert_eq!(<$ty>::from_token(&value.to_string()), Some(value));
            }
            Err(_) => assert!(<$ty>::from_token(text).is_none()),
        }
    }};
}

fuzz_target!(|text: &str| {
    numeric!(WarnCode, text);
    numeric!(Q850Cause, text);
    numeric!(GeolocationErrorCode, text);
    numeric!(AlertMsgErrorCode, text);
    token!(ReasonProtocol, text, true);
    token!(PushService, text, true);
    token!(SubscriptionStateReason, text, true);
    token!(Method, text, false);
});
