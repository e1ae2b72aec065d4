//! RFC 3398 §8.2.6.1 and RFC 4497 §8.4.4 read the Q.850 cause for 488 and 606 from the
//! response's Warning header field; the per-code tables (`to_q850`) cannot, so this module
//! does.

#[cfg(feature = "iana")]
use crate::Code;
use crate::Q850Table;

/// Whether a Warning's warn-code says that the session description asked for a bearer the
/// far end cannot provide, which RFC 3398 §8.2.6.1 maps to Q.850 cause 65 "bearer
/// capability not implemented" on a 488 or 606: **304** "Media type not available" and
/// **305** "Incompatible media format" (RFC 3261 §20.43).
///
/// # Why these two
///
/// RFC 3398 §8.2.6.1 (p.47) names no warn-code: it recommends cause 31 for most of them and
/// cause 65 when the warning "speaks to" an unavailable bearer capability. In ISDN, the
/// bearer capability (Q.931's information element) describes what the call carries: its
/// information transfer capability (speech, 3.1 kHz audio, unrestricted digital, video),
/// its rate and its user-information layer 1 protocol (the G.711 law). In a session
/// description the same facts are the media type (304: audio or video not available) and
/// the media format (305: no codec in common). RFC 4497 §8.4.4 (Table 2, note 8) allows 65
/// only where a new attempt with a different bearer capability might succeed, which is
/// what these two warnings imply: offer another media type or format and the call can
/// work. So both tables read them alike.
///
/// The other codes RFC 3261 §20.43 and IANA's registry define stay at 31:
///
/// - 300, 301, 302 (network protocol, address format, transport protocol): the IP
///   transport of the media, which the PSTN side's bearer capability does not describe.
/// - 303 (bandwidth units not understood), 306 and 307 (attribute or parameter not
///   understood): the description's syntax, not the bearer.
/// - 370 (insufficient bandwidth): the resource exists but is short now; "not implemented"
///   would tell the PSTN that the bearer can never be had.
/// - 308 (language, RFC 8373), 330 and 331 (multicast, unicast), 380 and 381 (SIPS, RFC
///   5630) and 399 (miscellaneous, on which RFC 3261 forbids automated action).
///
/// ```
/// use sip_codes::is_bearer_warning;
///
/// assert!(is_bearer_warning(304) && is_bearer_warning(305));
/// assert!(!is_bearer_warning(370) && !is_bearer_warning(399));
/// ```
#[must_use]
pub const fn is_bearer_warning(warn_code: u16) -> bool {
    matches!(warn_code, MEDIA_TYPE_NOT_AVAILABLE | INCOMPATIBLE_MEDIA_FORMAT)
}

/// The Q.850 cause for a 488 "Not Acceptable Here" or 606 "Not Acceptable" response, read
/// with its Warning's warn-code (RFC 3398 §8.2.6.1, RFC 4497 §8.4.4 Table 2): 65 "bearer
/// capability not implemented" when [`is_bearer_warning`], else 31 "normal, unspecified",
/// also without a Warning (`None`). The two tables agree (see [`is_bearer_warning`] for
/// RFC 4497's narrower condition).
///
/// This is the one place where the SIP-to-Q.850 tables depend on more than the code: the
/// generated `to_q850` and `to_q850_with` give 31 for 488 and 606, the value without a
/// Warning, and so does [`q850_fallback`](crate::q850_fallback) for codes a spec lacks. A
/// gateway that has the response's Warning asks this function for those two codes, or
/// [`q850_for_response`] for any code.
///
/// With several Warning values, pass the first whose code [`is_bearer_warning`], if any:
/// one warning about the bearer is enough for cause 65.
///
/// ```
/// use sip_codes::{q850_for_warning, Q850Table, Warning};
///
/// let warning = Warning::parse(r#"305 gw.example.com "Incompatible media format""#)?;
/// assert_eq!(q850_for_warning(Some(warning.code()), Q850Table::Rfc3398), 65);
/// assert_eq!(q850_for_warning(Some(370), Q850Table::Rfc3398), 31);
/// assert_eq!(q850_for_warning(None, Q850Table::Rfc4497), 31);
///
/// // A header with several values.
/// let header = r#"399 sbc "Transcoding disabled", 304 gw "Media type not available""#;
/// let bearer = Warning::parse_all(header).flatten().map(|w| w.code()).find(|&code| sip_codes::is_bearer_warning(code));
/// assert_eq!(q850_for_warning(bearer, Q850Table::Rfc3398), 65);
/// # Ok::<(), sip_codes::ParseError>(())
/// ```
#[must_use]
pub const fn q850_for_warning(warn_code: Option<u16>, table: Q850Table) -> u8 {
    match (warn_code, table) {
        (Some(code), Q850Table::Rfc3398 | Q850Table::Rfc4497) if is_bearer_warning(code) => {
            BEARER_CAPABILITY_NOT_IMPLEMENTED
        }
        (_, Q850Table::Rfc3398 | Q850Table::Rfc4497) => NORMAL_UNSPECIFIED,
    }
}

/// The Q.850 cause a gateway sends to the PSTN for a SIP response, by the IANA registry's
/// table, with the Warning taken into account: [`q850_for_warning`] for 488 and 606;
/// [`iana::StatusCode::to_q850_with`](crate::iana::StatusCode::to_q850_with) for the other
/// registered codes; [`q850_fallback`](crate::q850_fallback) for the rest. `warning` is the
/// response's warn-code, `None` when it has no Warning; it changes nothing for other codes.
///
/// For a type generated from your own specs, the same reading is
/// `if matches!(code, 488 | 606) { Some(q850_for_warning(warning, table)) } else { status.to_q850_with(table) }`.
///
/// RFC 3398 §8.2.6.1 puts one rule before all of this: when the response encapsulates an
/// ISUP REL, its cause is copied instead.
///
/// ```
/// use sip_codes::{q850_for_response, Code, Q850Table};
///
/// let code = |n| Code::new(n).unwrap();
/// assert_eq!(q850_for_response(code(488), Some(304), Q850Table::Rfc3398), Some(65));
/// assert_eq!(q850_for_response(code(606), Some(399), Q850Table::Rfc3398), Some(31));
/// assert_eq!(q850_for_response(code(488), None, Q850Table::Rfc4497), Some(31));
/// assert_eq!(q850_for_response(code(486), Some(304), Q850Table::Rfc3398), Some(17));
/// assert_eq!(q850_for_response(code(477), None, Q850Table::Rfc3398), Some(31));
/// assert_eq!(q850_for_response(code(487), None, Q850Table::Rfc3398), None);
/// ```
#[cfg(feature = "iana")]
#[cfg_attr(docsrs, doc(cfg(feature = "iana")))]
#[must_use]
pub const fn q850_for_response(code: Code, warning: Option<u16>, table: Q850Table) -> Option<u8> {
    match code.get() {
        NOT_ACCEPTABLE_HERE | GLOBAL_NOT_ACCEPTABLE => Some(q850_for_warning(warning, table)),
        number => match crate::iana::StatusCode::from_code(number) {
            Some(status) => status.to_q850_with(table),
            None => crate::q850_fallback(code, table),
        },
    }
}

/// RFC 3261 §20.43's 304 "Media type not available".
const MEDIA_TYPE_NOT_AVAILABLE: u16 = 304;
/// RFC 3261 §20.43's 305 "Incompatible media format".
const INCOMPATIBLE_MEDIA_FORMAT: u16 = 305;
/// 488 Not Acceptable Here.
#[cfg(feature = "iana")]
const NOT_ACCEPTABLE_HERE: u16 = 488;
/// 606 Not Acceptable.
#[cfg(feature = "iana")]
const GLOBAL_NOT_ACCEPTABLE: u16 = 606;
/// Q.850 cause 31, "normal, unspecified".
const NORMAL_UNSPECIFIED: u8 = 31;
/// Q.850 cause 65, "bearer capability not implemented".
const BEARER_CAPABILITY_NOT_IMPLEMENTED: u8 = 65;
