use crate::{Class, Code};

/// What a failure response to a request sent inside a dialog ends: the three categories of
/// RFC 5057 §5.1 (Table 2 and its notes), ordered from the narrowest to the widest.
///
/// A dialog can carry several usages at once (an INVITE session and a subscription, say), and
/// each generated type's `dialog_effect(method)` says which of them a failure takes down.
/// RFC 5057 is Informational; where other RFCs answer the same question differently, the
/// spec follows one of them and says why:
///
/// - **408**: Table 2 says [`Transaction`](DialogEffect::Transaction), its note 4 says to
///   handle it like a transaction timeout, which §5.2 confines to the usage, and RFC 3261
///   §12.2.1.2 ends the whole dialog. We say [`Usage`](DialogEffect::Usage): the note is the
///   RFC's own reading of its row, it sits between the two extremes, and sofia-sip and
///   pjsip behave this way.
/// - **481**: RFC 3261 §12.2.1.2 ends the dialog; RFC 5057 note 8 ends only the usage whose
///   state the peer lost (the dialog goes too when that was its last usage). We say
///   [`Usage`](DialogEffect::Usage), as the later and usage-aware RFC does, and
///   [`Transaction`](DialogEffect::Transaction) for a 481 answering a CANCEL.
/// - **502**: [`Dialog`](DialogEffect::Dialog), per RFC 5057 note 14, although RFC 6665's
///   list of responses that end a subscription leaves 502 out (that list only says what
///   must end a subscription, it does not keep 502 from ending the dialog).
/// - **3xx**: RFC 5057 does not put redirection in Table 2; it says a redirect inside a
///   dialog is poorly understood and whatever it does applies to the dialog as a whole. We
///   say [`Dialog`](DialogEffect::Dialog), the one category that spans every usage.
/// - **405, 501** ([`Usage`](DialogEffect::Usage)) and **489** (usage only for SUBSCRIBE and
///   NOTIFY): the method decides, per notes 3 and 12; the spec carries the per-method rows.
///
/// Codes defined after RFC 5057 take their category from their own RFC (424, 425, 433, 469
/// and 607 are [`Transaction`](DialogEffect::Transaction); see `specs/README.md`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DialogEffect {
    /// "Transaction Only": the request failed, nothing else did. The dialog and all its usages
    /// carry on (the local CSeq still counts the request).
    Transaction,
    /// "Destroys Usage": the usage the request belongs to ends (the INVITE session, or the one
    /// subscription); the dialog and its other usages remain. A dialog left without usages
    /// ends with its last one.
    Usage,
    /// "Destroys Dialog": the dialog ends, and every usage it carries with it.
    Dialog,
}

/// RFC 5057 §5.1: the effect of a failure response whose code the spec has no row for.
///
/// - 1xx, 2xx: `None`; RFC 5057 covers failures only.
/// - 3xx: [`Dialog`](DialogEffect::Dialog), as for every 3xx (see [`DialogEffect`]).
/// - 4xx, 5xx, 6xx: [`Transaction`](DialogEffect::Transaction): Table 2 treats an unknown
///   4xx as 400, an unknown 5xx as 500 (note 13) and an unknown 6xx as 600 (note 17), and all
///   three touch only the transaction. RFC 3261 §8.1.3.2 reads unknown finals the same way.
/// - 700..=999: [`Transaction`](DialogEffect::Transaction). No RFC gives these codes a
///   meaning; a response nobody can interpret is not a reason to tear down state the peer may
///   still hold, so it gets the narrowest effect, the same as every unknown 4xx–6xx.
///
/// ```
/// use sip_codes::{dialog_effect_fallback, Code, DialogEffect};
///
/// let code = |n| Code::new(n).unwrap();
/// assert_eq!(dialog_effect_fallback(code(477)), Some(DialogEffect::Transaction));
/// assert_eq!(dialog_effect_fallback(code(399)), Some(DialogEffect::Dialog));
/// assert_eq!(dialog_effect_fallback(code(299)), None);
/// assert_eq!(dialog_effect_fallback(code(799)), Some(DialogEffect::Transaction));
/// ```
pub const fn dialog_effect_fallback(code: Code) -> Option<DialogEffect> {
    match code.class() {
        Some(Class::Provisional | Class::Success) => None,
        Some(Class::Redirection) => Some(DialogEffect::Dialog),
        Some(Class::ClientError | Class::ServerError | Class::GlobalFailure) | None => {
            Some(DialogEffect::Transaction)
        }
    }
}
