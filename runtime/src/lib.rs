//! SIP status codes that are complete, correct against IANA's registry, and checked by the
//! compiler.
//!
//! The [`sip_codes!`] macro reads a TOML spec file at compile time and generates, inside your
//! crate, a status-code enum with `Display`, `FromStr`, class predicates, RFC 3261 §8.1.3.2
//! handling of unknown codes and exhaustive per-class matchers. This crate holds what every
//! generated type shares: [`Class`], [`SipStatus`] and [`ParseError`], and what a SIP stack
//! needs on the wire: [`Code`], any Status-Code 100..=999 as received, and [`StatusLine`], a
//! lenient, zero-copy status-line parser that writes the line back byte for byte.
//!
//! For the IANA registry and nothing more, use [`iana::StatusCode`]:
//!
//! ```
//! use sip_codes::iana::StatusCode;
//!
//! let busy: StatusCode = "486 Busy Here".parse()?;
//! assert_eq!(busy, StatusCode::BusyHere);
//! assert_eq!(busy.to_string(), "486 Busy Here");
//! assert!(busy.is_client_error() && busy.is_final());
//!
//! // RFC 3261 §8.1.3.2: an unknown final response is treated as the x00 of its class.
//! assert_eq!(StatusCode::interpret(477), Some(StatusCode::BadRequest));
//! # Ok::<(), sip_codes::ParseError>(())
//! ```
//!
//! A received response, read and forwarded:
//!
//! ```
//! use sip_codes::{iana::StatusCode, StatusLine};
//!
//! let (line, _headers) = StatusLine::parse(b"SIP/2.0 183 Ringing\r\n")?;
//! let reading = line.meaning::<StatusCode>().unwrap();
//! assert_eq!(reading.status, StatusCode::SessionProgress); // by its code; the phrase is free
//! let mut out = [0u8; 32];
//! let written = line.write_to(&mut out).unwrap();
//! assert_eq!(&out[..written], b"SIP/2.0 183 Ringing\r\n");
//! # Ok::<(), sip_codes::ParseError>(())
//! ```
//!
//! The values of two header fields tied to status codes are here too, zero-copy: [`Reason`]
//! (RFC 3326: why a BYE or CANCEL was sent, or the Q.850 cause behind a failure) and
//! [`Warning`] (RFC 3261 §20.43, which decides the Q.850 cause of a 488 or 606:
//! [`q850_for_warning`]).
//!
//! ```
//! use sip_codes::{Reason, Warning};
//!
//! let reason = Reason::parse(r#"Q.850;cause=16;text="Normal call clearing""#)?;
//! assert_eq!(reason.q850_cause(), Some(16));
//! let warning = Warning::parse(r#"305 gw.example.com "Incompatible media format""#)?;
//! assert_eq!(warning.code(), 305);
//! # Ok::<(), sip_codes::ParseError>(())
//! ```
//!
//! The crate is `#![no_std]` and has no dependency but its proc macro.
//!
//! # Features
//!
//! - `macro` (default): [`sip_codes!`].
//! - `iana` (default): [`iana::StatusCode`], the response codes.
//! - `warning-codes`, `q850-causes`, `reason-protocols`, `geolocation-error-codes`,
//!   `alertmsg-error-codes`, `push-services`, `option-tags`, `subscription-state-reasons`,
//!   `methods` (all default): the other tables in [`iana`], one type each; a crate that
//!   turns them off does not compile them.
//! - `headers` (default): [`Reason`] and [`Warning`] header values, and
//!   [`q850_for_response`]'s Warning-aware mapping of 488 and 606.
//! - `serde`: `Serialize` and `Deserialize` for [`Code`] and for every type `sip_codes!`
//!   generates, as the number (`486`). [`Code`] takes any 100..=999; a generated type
//!   refuses a code it does not define ("unknown status code 477"). It needs `serde` without
//!   its `derive` feature, so no `serde_derive` enters your build through this crate.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod class;
mod code;
mod error;
#[cfg(feature = "headers")]
mod header_syntax;
#[cfg(feature = "headers")]
mod q850;
#[cfg(feature = "headers")]
mod reason;
mod reference;
mod semantics;
#[cfg(feature = "serde")]
mod serde_support;
mod status;
mod status_line;
#[cfg(feature = "headers")]
mod warning;

pub use class::Class;
pub use code::Code;
pub use error::{ParseError, ParseErrorKind};
#[cfg(feature = "headers")]
#[cfg_attr(docsrs, doc(cfg(feature = "headers")))]
pub use header_syntax::Unescaped;
#[cfg(all(feature = "headers", feature = "iana"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "headers", feature = "iana"))))]
pub use q850::q850_for_response;
#[cfg(feature = "headers")]
#[cfg_attr(docsrs, doc(cfg(feature = "headers")))]
pub use q850::{is_bearer_warning, q850_for_warning};
#[cfg(feature = "headers")]
#[cfg_attr(docsrs, doc(cfg(feature = "headers")))]
pub use reason::{Reason, ReasonExtensions, ReasonParam, Reasons};
pub use reference::Reference;
pub use semantics::{
    CallOutcome, DialogEffect, HeaderRule, Q850Table, Requirement, RouteAction, best_response,
    dialog_effect_fallback, is_auth_challenge, outcome_fallback, q850_fallback, response_fallback,
    route_fallback,
};
pub use status::SipStatus;
pub use status_line::{BufferTooSmall, Reading, StatusLine};
#[cfg(feature = "headers")]
#[cfg_attr(docsrs, doc(cfg(feature = "headers")))]
pub use warning::{Warning, Warnings};

/// Generates a SIP status-code enum from one or more spec files.
///
/// ```
/// sip_codes::sip_codes! {
///     /// The status codes this proxy knows.
///     #[spec = iana]
///     pub enum StatusCode;
/// }
///
/// let code = StatusCode::from_code(183).unwrap();
/// assert_eq!(code, StatusCode::SessionProgress);
/// assert_eq!(code.to_string(), "183 Session Progress");
/// ```
///
/// # Input
///
/// - `#[spec = "PATH"]`: a spec file, resolved like `include_str!`, relative to the file that
///   holds the invocation (before Rust 1.88, which cannot tell a macro that file, relative to
///   the crate root). Repeat it to merge several files; a code defined twice is an error.
///   Editing a spec file rebuilds the crate.
/// - `#[spec = iana]`: the IANA registry spec bundled with this crate, e.g.
///   `#[spec = iana] #[spec = "vendor.toml"]` for IANA plus a vendor's codes.
/// - `#[sip_codes(non_exhaustive)]`: marks the enum `#[non_exhaustive]`.
/// - `#[sip_codes(other)]`: makes the type *open*, with a last variant `Other(Code)` for every
///   code 100..=999 the specs do not define (see [below](#an-open-type)).
/// - Any other attribute, doc comments included, passes through to the enum.
/// - Then the visibility, `enum` and the name you choose: `pub(crate) enum Response;`.
///
/// # Output
///
/// For `pub enum StatusCode`: the `#[repr(u16)]` enum (discriminant = code), its
/// methods (`code`, `reason_phrase`, `class`, `from_code`, `from_bytes`, `interpret`,
/// `classify`, the `is_*` predicates, `ALL`, ...), `Display`, `FromStr`, `TryFrom<u16>`,
/// `From<StatusCode> for u16`, [`SipStatus`], and a module `status_code` with one enum per
/// class plus `Classified`, for matches the compiler checks class by class. See
/// [`iana::StatusCode`] for the generated API, documented.
///
/// The matcher module also holds `for_each!`, which hands the variant list to another macro
/// (see [below](#another-type-from-the-same-table)); for a `pub` type, other crates reach it
/// as `your_crate::status_code::for_each!`.
///
/// A malformed spec is a compile error that reads `path:line:col: message`, for every problem
/// at once.
///
/// # An open type
///
/// A stack stores whatever arrives. With `#[sip_codes(other)]`, `Other(Code)` holds any code
/// the specs do not define, so one type holds every received code and `From<Code>` is total:
///
/// ```
/// use sip_codes::Code;
///
/// sip_codes::sip_codes! {
///     /// Every IANA code, and any other in `Other`.
///     #[spec = iana]
///     #[sip_codes(other)]
///     pub enum StatusCode;
/// }
///
/// let received = StatusCode::from(Code::new(477).unwrap());
/// assert_eq!(received, StatusCode::Other(Code::new(477).unwrap()));
/// assert_eq!(received.code(), 477);
/// assert_eq!(StatusCode::from(Code::new(486).unwrap()), StatusCode::BusyHere);
///
/// // Acted on by its class; RFC 3261 §8.1.3.2's reading is still there.
/// assert!(received.is_client_error());
/// assert_eq!(StatusCode::interpret(477), Some(StatusCode::BadRequest));
///
/// // Written and parsed as the bare code: its phrase is not known.
/// assert_eq!(received.to_string(), "477");
/// assert_eq!("477 Sending Failed".parse::<StatusCode>(), Ok(received));
/// assert_eq!(received.status_line(), "SIP/2.0 477 \r\n");
///
/// // The exhaustive matchers give it an arm of its own.
/// match received.classify() {
///     status_code::Classified::Other(code) => assert_eq!(code.class(), Some(sip_codes::Class::ClientError)),
///     _ => unreachable!(),
/// }
/// ```
///
/// What each part does with `Other`:
///
/// - `code()` is the held code; `class()` is an `Option<Class>`, `None` for 700..=999, and the
///   `is_*` predicates are `false` there.
/// - `Display` and `as_str()` write the bare code (`477`), `reason_phrase()` is empty and
///   `status_line()` is `SIP/2.0 477 \r\n` (RFC 3261 allows an empty Reason-Phrase);
///   `description()`, `references()` and `aliases()` are empty; `is_registered()` is `false`.
/// - `FromStr`, `from_bytes`, `from_code` and `TryFrom<u16>` give `Other` for any code
///   100..=999 the spec does not define, with any phrase; a defined code keeps its phrase
///   check. `interpret` never gives `Other`: it says which defined code to act as.
/// - serde writes the number and reads any 100..=999.
/// - `classify()` gives `Classified::Other(code)`; the per-class enums stay closed.
/// - The rules take the RFCs' defaults for the code's class: `to_q850` 31 for a final code,
///   `dialog_effect` by RFC 5057's class rules, no required headers.
/// - An open type does not implement [`SipStatus`], whose codes are 100..=699 with a class;
///   `ALL` lists the defined variants.
///
/// Build `Other` through `From<Code>`, `from_code` or parsing: they never put a defined code
/// in it, so equality and hashing stay by code. Without the attribute nothing changes.
///
/// # Another type from the same table
///
/// A crate that keeps a type of its own (an enum with a catch-all arm, a newtype with
/// constants) builds it from the list instead of typing it: `for_each!(my_macro)` expands to
/// `my_macro! { (Trying, TRYING, 100, "Trying"), (Ringing, RINGING, 180, "Ringing"), ... }`,
/// one tuple per variant in code order: the variant's name, the same name in
/// SCREAMING_SNAKE_CASE, the code as an integer literal and the reason phrase as a string
/// literal, each tuple followed by a comma. That shape is stable.
///
/// An enum shaped as rsip's, with an arm for any other code and its phrase:
///
/// ```
/// macro_rules! status_code {
///     ($(($name:ident, $constant:ident, $code:literal, $phrase:literal),)*) => {
///         #[derive(Debug, Clone, PartialEq, Eq)]
///         pub enum StatusCode {
///             $($name,)*
///             Other(u16, String),
///         }
///
///         impl StatusCode {
///             pub fn code(&self) -> u16 {
///                 match self {
///                     $(Self::$name => $code,)*
///                     Self::Other(code, _) => *code,
///                 }
///             }
///
///             pub fn from_wire(code: u16, phrase: &str) -> Self {
///                 match code {
///                     $($code => Self::$name,)*
///                     _ => Self::Other(code, phrase.to_owned()),
///                 }
///             }
///         }
///
///         impl std::fmt::Display for StatusCode {
///             fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///                 match self {
///                     $(Self::$name => f.write_str(concat!($code, " ", $phrase)),)*
///                     Self::Other(code, phrase) => write!(f, "{code} {phrase}"),
///                 }
///             }
///         }
///     };
/// }
/// sip_codes::iana::status_code::for_each!(status_code);
///
/// assert_eq!(StatusCode::from_wire(486, "Busy"), StatusCode::BusyHere);
/// assert_eq!(StatusCode::BusyHere.to_string(), "486 Busy Here");
/// assert_eq!(StatusCode::from_wire(477, "Sending Failed").to_string(), "477 Sending Failed");
/// assert_eq!(StatusCode::Rejected.code(), 608);
/// ```
///
/// A newtype shaped as ezk-sip-types', with a constant per code and a phrase lookup:
///
/// ```
/// #[derive(Debug, Clone, Copy, PartialEq, Eq)]
/// pub struct StatusCode(u16);
///
/// macro_rules! constants {
///     ($(($name:ident, $constant:ident, $code:literal, $phrase:literal),)*) => {
///         impl StatusCode {
///             $(pub const $constant: StatusCode = StatusCode($code);)*
///
///             pub fn text(self) -> Option<&'static str> {
///                 match self.0 {
///                     $($code => Some($phrase),)*
///                     _ => None,
///                 }
///             }
///         }
///     };
/// }
/// sip_codes::iana::status_code::for_each!(constants);
///
/// assert_eq!(StatusCode::REJECTED, StatusCode(608));
/// assert_eq!(StatusCode::CONDITIONAL_REQUEST_FAILED.text(), Some("Conditional Request Failed"));
/// assert_eq!(StatusCode(477).text(), None);
/// ```
///
/// A spec that renames a variant with `[[update]]` (`code = 606`, `name = "NotAcceptableGlobal"`) hands the new
/// name on; the phrase stays the registry's.
#[cfg(feature = "macro")]
#[cfg_attr(docsrs, doc(cfg(feature = "macro")))]
#[macro_export]
macro_rules! sip_codes {
    ($($input:tt)*) => {
        $crate::__private::expand! { [$crate] $($input)* }
    };
}

#[cfg(any(
    feature = "iana",
    feature = "warning-codes",
    feature = "q850-causes",
    feature = "reason-protocols",
    feature = "geolocation-error-codes",
    feature = "alertmsg-error-codes",
    feature = "push-services",
    feature = "option-tags",
    feature = "subscription-state-reasons",
    feature = "methods",
))]
#[rustfmt::skip] // Generated by `cargo xtask generate`, formatted by prettyplease.
pub mod iana;

// The README (this crate's page on crates.io), its examples run as doctests.
#[cfg(all(doctest, feature = "macro", feature = "iana"))]
#[doc = include_str!("../README.md")]
mod readme {}

/// Not public API: what generated code needs from this crate.
#[doc(hidden)]
pub mod __private {
    pub use crate::__impl_serde as impl_serde;
    pub use crate::class::class_of;
    pub use crate::error::{split_status, split_status_up_to, split_table_value};

    /// Whether `method` is `name`, compared case-sensitively as SIP compares methods; `const`,
    /// for the generated `dialog_effect`.
    #[must_use]
    pub const fn method_is(method: &str, name: &str) -> bool {
        let (method, name) = (method.as_bytes(), name.as_bytes());
        if method.len() != name.len() {
            return false;
        }
        let mut i = 0;
        while i < method.len() {
            if method[i] != name[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    #[cfg(feature = "serde")]
    pub use crate::serde_support::{deserialize_status, deserialize_token};
    #[cfg(feature = "serde")]
    pub use serde;
    #[cfg(feature = "macro")]
    pub use sip_codes_macros::expand;

    /// Seals [`SipStatus`](crate::SipStatus): only `sip_codes!` implements it, so every
    /// implementor's code is in 100..=699. Not public API; implementing it by hand is not
    /// supported.
    pub trait Sealed {}
}

/// Not public API: `serde` impls for a generated type, routed through this crate so the proc
/// macro need not know whether the `serde` feature is on. Without it, expands to nothing.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    ($ty:ty) => {};
    (open $ty:ty) => {};
    (table $ty:ty) => {};
    (token $ty:ty) => {};
}

/// Not public API: `serde` impls for a generated type, as the code number.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serde {
    // Every type whose values are numbers serializes as the number.
    (@number $ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_u16(<$ty>::code(*self))
            }
        }
    };
    ($ty:ty) => {
        $crate::__impl_serde!(@number $ty);

        #[automatically_derived]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_status(deserializer)
            }
        }
    };
    // A numeric code table's type (Warning codes, Q.850 causes): the number.
    (table $ty:ty) => {
        $crate::__impl_serde!(@number $ty);

        #[automatically_derived]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                let code = <u16 as $crate::__private::serde::Deserialize<'de>>::deserialize(deserializer)?;
                <$ty>::from_code(code).ok_or_else(|| {
                    <D::Error as $crate::__private::serde::de::Error>::custom(::core::format_args!(
                        "unknown value {code}"
                    ))
                })
            }
        }
    };
    // A token table's type (Reason protocols, option tags): the token.
    (token $ty:ty) => {
        #[automatically_derived]
        impl $crate::__private::serde::Serialize for $ty {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(<$ty>::as_str(*self))
            }
        }

        #[automatically_derived]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::deserialize_token(deserializer, <$ty>::from_token)
            }
        }
    };
    // An open type (`#[sip_codes(other)]`): any code 100..=999, through `Code`.
    (open $ty:ty) => {
        $crate::__impl_serde!(@number $ty);

        #[automatically_derived]
        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                <$crate::Code as $crate::__private::serde::Deserialize<'de>>::deserialize(deserializer)
                    .map(<$ty as ::core::convert::From<$crate::Code>>::from)
            }
        }
    };
}
