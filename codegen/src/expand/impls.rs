//! The trait impls: `Display`, `FromStr`, conversions, comparisons with `u16`, `SipStatus`.

use super::{Expansion, Gen};

pub(crate) fn generate(out: &mut Expansion, g: &Gen<'_>) {
    g.fill(out, TEMPLATE, &[]);
    g.fill(out, NUMBER_IMPLS, &[]);
    g.fill(out, if g.open { OPEN } else { CLOSED }, &[]);
}

const TEMPLATE: &str = r#"
#[automatically_derived]
impl ::core::fmt::Display for $ty {
    /// Writes the code and the canonical phrase: `486 Busy Here`.
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        // `pad` saves registers before its own fast path; skip it when nothing pads.
        if f.width().is_none() && f.precision().is_none() {
            f.write_str(self.as_str())
        } else {
            f.pad(self.as_str())
        }
    }
}

#[automatically_derived]
impl ::core::convert::TryFrom<u16> for $ty {
    type Error = $krate::ParseError;

    #[inline]
    fn try_from(code: u16) -> ::core::result::Result<Self, Self::Error> {
        match Self::from_code(code) {
            ::core::option::Option::Some(status) => ::core::result::Result::Ok(status),
            ::core::option::Option::None => ::core::result::Result::Err($krate::ParseError::new(
                match code {
                    100..=699 => $krate::ParseErrorKind::UnknownCode(code),
                    _ => $krate::ParseErrorKind::OutOfRange(code),
                },
            )),
        }
    }
}

#[automatically_derived]
impl ::core::convert::From<$ty> for $krate::Code {
    /// The code as the type that holds any code from the wire.
    #[inline]
    fn from(status: $ty) -> $krate::Code {
        match $krate::Code::new(status.code()) {
            ::core::option::Option::Some(code) => code,
            // Every code a generated type holds is in 100..=999.
            ::core::option::Option::None => ::core::unreachable!(),
        }
    }
}

"#;

/// A closed type: `SipStatus` (its codes are all in 100..=699), and `TryFrom<Code>`.
const CLOSED: &str = r#"
#[automatically_derived]
impl $krate::SipStatus for $ty {
    #[inline]
    fn code(&self) -> u16 {
        $ty::code(*self)
    }
    #[inline]
    fn reason_phrase(&self) -> &'static str {
        $ty::reason_phrase(*self)
    }
    #[inline]
    fn class(&self) -> $krate::Class {
        $ty::class(*self)
    }
    #[inline]
    fn from_code(code: u16) -> ::core::option::Option<Self> {
        $ty::from_code(code)
    }
    #[inline]
    fn interpret(code: u16) -> ::core::option::Option<Self> {
        $ty::interpret(code)
    }
}

#[automatically_derived]
impl $krate::__private::Sealed for $ty {}

#[automatically_derived]
impl ::core::convert::TryFrom<$krate::Code> for $ty {
    /// The code, when this type does not define it.
    type Error = $krate::Code;

    #[inline]
    fn try_from(code: $krate::Code) -> ::core::result::Result<Self, $krate::Code> {
        match Self::from_code(code.get()) {
            ::core::option::Option::Some(status) => ::core::result::Result::Ok(status),
            ::core::option::Option::None => ::core::result::Result::Err(code),
        }
    }
}

$krate::__private::impl_serde!($ty);
"#;

/// An open type (`#[sip_codes(other)]`): `From<Code>` is total. It does not implement
/// `SipStatus`, whose codes are 100..=699 with a class: `Other` may hold 700..=999.
const OPEN: &str = r#"
#[automatically_derived]
impl ::core::convert::From<$krate::Code> for $ty {
    /// The code's own variant where the spec defines it, else `Other(code)`.
    #[inline]
    fn from(code: $krate::Code) -> $ty {
        match Self::defined(code.get()) {
            ::core::option::Option::Some(status) => status,
            ::core::option::Option::None => Self::Other(code),
        }
    }
}

$krate::__private::impl_serde!(open $ty);
"#;

/// A type whose values are numbers (response codes, Warning codes, Q.850 causes) parses from
/// text, converts to its number and compares with one.
pub(crate) const NUMBER_IMPLS: &str = r#"
#[automatically_derived]
impl ::core::str::FromStr for $ty {
    type Err = $krate::ParseError;

    /// Parses the code alone, or the code and its text in any ASCII case (`"486"`, `"486 Busy
    /// Here"`), as `from_bytes` does.
    #[inline]
    fn from_str(s: &str) -> ::core::result::Result<Self, Self::Err> {
        Self::from_bytes(s.as_bytes())
    }
}
#[automatically_derived]
impl ::core::convert::From<$ty> for u16 {
    #[inline]
    fn from(value: $ty) -> u16 {
        value.code()
    }
}

#[automatically_derived]
impl ::core::cmp::PartialEq<u16> for $ty {
    /// Whether this is the code `other`: `value == 486`.
    #[inline]
    fn eq(&self, other: &u16) -> bool {
        self.code() == *other
    }
}

#[automatically_derived]
impl ::core::cmp::PartialEq<$ty> for u16 {
    /// Whether `other` is this code: `486 == value`.
    #[inline]
    fn eq(&self, other: &$ty) -> bool {
        *self == other.code()
    }
}
"#;
