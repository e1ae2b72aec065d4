use crate::{Class, Code};

/// Which RFC's table a gateway uses between SIP status codes and Q.850 cause values.
///
/// Both RFCs map in both directions, and agree on most rows:
///
/// | | SIP to Q.850 (`to_q850`) | Q.850 to SIP (`from_q850`) |
/// |---|---|---|
/// | [`Rfc3398`](Q850Table::Rfc3398) (SIP–ISUP) | §8.2.6.1 | §7.2.4.1 |
/// | [`Rfc4497`](Q850Table::Rfc4497) (SIP–QSIG) | §8.4.4, Table 2 | §8.4.1, Table 1 |
///
/// Where they part, per row (the generated accessors and the fallbacks below follow these):
///
/// - Cause 26: RFC 3398 gives 404; RFC 4497 has no row, so its default 500 applies.
/// - Cause 69: RFC 3398 has no row (500); RFC 4497 gives 501.
/// - Cause 21: 403 in both. RFC 3398 lets a gateway answer 603 instead when the cause's
///   location is the user, and RFC 4497 requires 603 in that case. The table does not see the
///   location, so a caller that has it makes that choice.
/// - Code 487: RFC 3398 maps it to no cause; RFC 4497 (note 7) falls back to its default 31
///   for the case where the gateway still has to clear the call.
/// - Codes 488 and 606: both RFCs pick the cause from the Warning header, 65 when it reports
///   an unusable bearer capability and 31 otherwise (RFC 4497 narrows 65 to cases where a new
///   attempt with other bearer capabilities could work). Without the Warning the table
///   says 31; a caller that reads the Warning chooses 65.
/// - Code 505: RFC 3398's table lists "504 Version Not Supported" next to 504 "Server
///   Time-out", a typo for 505 (RFC 4497 prints 505). We read the row as 505, so 505 maps to
///   127 under both tables and 504 keeps 102.
/// - Code 406: 79 in both; only RFC 3398 asks the gateway to retry before clearing.
///
/// Neither RFC has a per-class default: an unlisted code maps to 31, an unlisted cause to 500
/// (see [`q850_fallback`] and [`response_fallback`]). RFC 3398's rows are recommendations;
/// RFC 4497, a BCP, states its defaults with SHALL.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
// Generated types index their per-table rows with `table as usize`: keep this order.
pub enum Q850Table {
    /// RFC 3398, SIP to ISUP interworking: the table most gateways implement. The default.
    #[default]
    Rfc3398,
    /// RFC 4497, SIP to QSIG interworking (private networks).
    Rfc4497,
}

/// RFC 3398 §8.2.6.1 and RFC 4497 §8.4.4: the Q.850 cause for a SIP response whose code the
/// spec has no row for.
///
/// - 1xx and 2xx: `None`. They are not failures; a gateway releases the call on a BYE or
///   CANCEL instead (cause 16).
/// - 3xx: `None`. RFC 3398 §8.2.5 has the gateway follow the redirection (possibly with a new
///   call attempt toward the PSTN); if it releases instead, cause 23 with the new number in
///   the diagnostic is its option, not a mapping of the code. RFC 4497 adds nothing here.
/// - Every other code, 700..=999 included: 31 "normal, unspecified". Both RFCs send codes
///   their table does not list (extensions, later versions of SIP) to 31, not to the cause
///   of their class's x00 code: an unknown 4xx is not a 400 (41) here, although RFC 3261
///   §8.1.3.2 reads it as 400 otherwise.
///
/// The two tables share this default; `table` keeps the call shaped like the generated
/// `to_q850_with`.
///
/// ```
/// use sip_codes::{q850_fallback, Code, Q850Table};
///
/// let code = |n| Code::new(n).unwrap();
/// assert_eq!(q850_fallback(code(477), Q850Table::Rfc3398), Some(31));
/// assert_eq!(q850_fallback(code(599), Q850Table::Rfc4497), Some(31));
/// assert_eq!(q850_fallback(code(302), Q850Table::Rfc3398), None);
/// assert_eq!(q850_fallback(code(183), Q850Table::Rfc3398), None);
/// ```
pub const fn q850_fallback(code: Code, table: Q850Table) -> Option<u8> {
    match (code.class(), table) {
        (Some(Class::Provisional | Class::Success | Class::Redirection), _) => None,
        (_, Q850Table::Rfc3398 | Q850Table::Rfc4497) => Some(NORMAL_UNSPECIFIED),
    }
}

/// RFC 3398 §7.2.4.1 and RFC 4497 §8.4.1: the SIP response for a Q.850 cause the spec has no
/// row for: 500 "Server Internal Error" for every cause value 1..=127, `None` for 0 and for
/// anything above 127 (the cause value is a 7-bit field and 0 is not a cause).
///
/// Neither RFC groups causes by their Q.850 class for this; the flat 500 is the whole rule
/// (RFC 3398 says SHOULD, RFC 4497 SHALL). The rows that deliberately give no response are
/// the spec's, not this function's: cause 16 (normal clearing) becomes a BYE or CANCEL, and
/// cause 44 (requested channel not available) makes the gateway retry on another channel.
/// When a gateway must answer the INVITE anyway, RFC 4497 (notes 2 and 3 of Table 1) falls
/// back to this default, so `from_q850_with(cause, table).or(response_fallback(cause, table))`
/// reads as RFC 4497 intends.
///
/// ```
/// use sip_codes::{response_fallback, Code, Q850Table};
///
/// assert_eq!(response_fallback(99, Q850Table::Rfc3398), Code::new(500));
/// assert_eq!(response_fallback(127, Q850Table::Rfc4497), Code::new(500));
/// assert_eq!(response_fallback(0, Q850Table::Rfc3398), None);
/// assert_eq!(response_fallback(128, Q850Table::Rfc3398), None);
/// ```
pub const fn response_fallback(cause: u8, table: Q850Table) -> Option<Code> {
    match (cause, table) {
        (1..=127, Q850Table::Rfc3398 | Q850Table::Rfc4497) => Code::new(SERVER_INTERNAL_ERROR),
        _ => None,
    }
}

/// Q.850 cause 31, "normal, unspecified".
const NORMAL_UNSPECIFIED: u8 = 31;

/// 500 Server Internal Error.
const SERVER_INTERNAL_ERROR: u16 = 500;
