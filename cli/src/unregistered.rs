//! Codes the registry does not hold: how a UAC treats them (RFC 3261 §8.1.3.2) and where
//! traces show them.

use sip_codes::Class;
use sip_codes::iana::StatusCode;

/// What a three-digit number means when it is not a registered status code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unknown {
    /// In 100..=699 but unregistered: a UAC treats it as `treated_as`.
    Unregistered {
        /// The code as received.
        code: u16,
        /// The class given by its first digit.
        class: Class,
        /// 183 for a 1xx, the class's x00 otherwise.
        treated_as: StatusCode,
    },
    /// Outside 100..=699: not a SIP status code at all.
    OutOfRange(u16),
}

impl Unknown {
    /// `None` when `code` is registered.
    pub fn of(code: u16) -> Option<Unknown> {
        if StatusCode::from_code(code).is_some() {
            return None;
        }
        Some(match (Class::from_code(code), StatusCode::interpret(code)) {
            (Some(class), Some(treated_as)) => Unknown::Unregistered { code, class, treated_as },
            _ => Unknown::OutOfRange(code),
        })
    }

    /// One line: "477 is not registered; a UAC treats it as 400 Bad Request (RFC 3261 §8.1.3.2)".
    pub fn headline(self) -> String {
        match self {
            Unknown::Unregistered { code, treated_as, .. } => {
                format!("{code} is not registered; a UAC treats it as {treated_as} (RFC 3261 §8.1.3.2)")
            }
            Unknown::OutOfRange(code) => out_of_range(code),
        }
    }

    /// Whether a lookup has something to say about it: every unregistered code in range, and
    /// the codes outside it that stacks are known to use (pjsip's 701 to 703).
    pub fn is_known(self) -> bool {
        match self {
            Unknown::Unregistered { .. } => true,
            Unknown::OutOfRange(code) => crate::notes::wild(code).is_some(),
        }
    }

    /// Why the UAC picks that code, in a sentence.
    pub fn rule(self) -> Option<&'static str> {
        match self {
            Unknown::Unregistered { class: Class::Provisional, .. } => Some(
                "A UAC handles an unrecognized provisional response other than 100 as 183 \
                 Session Progress.",
            ),
            Unknown::Unregistered { .. } => {
                Some("A UAC handles an unrecognized final response as the x00 code of its class.")
            }
            Unknown::OutOfRange(_) => Some(
                "No SIP stack may send it: a response's code is three digits from 100 to 699. \
                 Codes like this one are a library's own way to report a local failure, and \
                 show up in its logs and API, not on the wire.",
            ),
        }
    }
}

/// Why `code` is no status code at all.
pub fn out_of_range(code: impl std::fmt::Display) -> String {
    format!("{code} is not a SIP status code: SIP codes run from 100 to 699")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_final_codes_fall_back_to_the_class_base() {
        let unknown = Unknown::of(477).unwrap();
        assert_eq!(
            unknown,
            Unknown::Unregistered {
                code: 477,
                class: Class::ClientError,
                treated_as: StatusCode::BadRequest
            }
        );
        assert_eq!(
            unknown.headline(),
            "477 is not registered; a UAC treats it as 400 Bad Request (RFC 3261 §8.1.3.2)"
        );
    }

    #[test]
    fn unknown_provisional_codes_fall_back_to_183() {
        let Some(Unknown::Unregistered { treated_as, .. }) = Unknown::of(150) else { panic!("150") };
        assert_eq!(treated_as, StatusCode::SessionProgress);
    }

    #[test]
    fn registered_and_out_of_range_codes() {
        assert_eq!(Unknown::of(486), None);
        assert_eq!(Unknown::of(99), Some(Unknown::OutOfRange(99)));
        assert_eq!(Unknown::of(700), Some(Unknown::OutOfRange(700)));
    }
}
