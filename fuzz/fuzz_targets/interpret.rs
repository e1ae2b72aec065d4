//! `interpret` on any u16 (the first two input bytes, little-endian): never panics, is
//! `Some` exactly for 100..=699, keeps the code's class, and is the identity on known codes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sip_codes::Class;

macro_rules! check {
    ($ty:ty, $code:expr) => {{
        let code: u16 = $code;
        let interpreted = <$ty>::interpret(code);
        assert_eq!(interpreted.is_some(), (100..=699).contains(&code), "{code}");
        if let Some(status) = interpreted {
            assert_eq!(Some(status.class()), Class::from_code(code), "{code} -> {status:?}");
            if let Some(known) = <$ty>::from_code(code) {
                assert_eq!(status, known);
            } else if code < 200 {
                assert_eq!(status.code(), 183, "{code}");
            } else {
                assert_eq!(status.code(), code / 100 * 100, "{code}");
            }
        }
    }};
}

fuzz_target!(|data: &[u8]| {
    let code = match data {
        [] => return,
        [low] => u16::from(*low),
        [low, high, ..] => u16::from_le_bytes([*low, *high]),
    };
    check!(sip_codes::iana::StatusCode, code);
    check!(sip_codes_tests::VendorStatus, code);
});
