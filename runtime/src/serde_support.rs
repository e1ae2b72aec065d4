//! What the `serde` impls of generated types share (see `__impl_serde!` in `lib.rs`); the
//! impls for `Code` are in `code.rs`.

use core::fmt;
use core::marker::PhantomData;

use serde::Deserializer;
use serde::de::{Error, Visitor};

use crate::SipStatus;

/// Deserializes a generated type from its code number: "unknown status code 477" for a
/// number the type does not define.
pub fn deserialize_status<'de, T: SipStatus, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_u16(StatusVisitor(PhantomData))
}

struct StatusVisitor<T>(PhantomData<T>);

impl<T: SipStatus> Visitor<'_> for StatusVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a SIP status code as an integer")
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<T, E> {
        u16::try_from(value)
            .ok()
            .and_then(T::from_code)
            .ok_or_else(|| E::custom(format_args!("unknown status code {value}")))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<T, E> {
        u16::try_from(value)
            .ok()
            .and_then(T::from_code)
            .ok_or_else(|| E::custom(format_args!("unknown status code {value}")))
    }
}

/// Deserializes a token table's type from its token, borrowed or not: "unknown token ..."
/// for one the type does not define.
pub fn deserialize_token<'de, T, D: Deserializer<'de>>(
    deserializer: D,
    from_token: fn(&str) -> Option<T>,
) -> Result<T, D::Error> {
    deserializer.deserialize_str(TokenVisitor(from_token))
}

struct TokenVisitor<T>(fn(&str) -> Option<T>);

impl<T> Visitor<'_> for TokenVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a token of the table as a string")
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        (self.0)(value).ok_or_else(|| E::custom(format_args!("unknown token {value:?}")))
    }
}
