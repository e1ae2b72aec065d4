use crate::Class;

/// What every generated status-code type offers, for code that works with any of them.
///
/// `sip_codes!` implements it for the enums it generates, and only for them: the trait is
/// *sealed* (its supertrait is a hidden one that only generated code implements; an
/// implementation by hand is not supported and may break in any release). So every
/// implementor's [`code`](Self::code) is in 100..=699, which the spec reader enforces, and
/// [`class`](Self::class) can never misreport a code outside that range, as it would if
/// anyone could return 701 and be called a global failure. A code from the wire that may be
/// anything is a [`Code`](crate::Code), whose [`class`](crate::Code::class) is an `Option`.
///
/// The trait stays dyn-compatible (`&dyn SipStatus`): the two constructors,
/// [`from_code`](Self::from_code) and [`interpret`](Self::interpret), require `Self: Sized`.
///
/// ```
/// use sip_codes::{iana::StatusCode, Class, SipStatus};
///
/// fn log_line(status: &impl SipStatus) -> (u16, &'static str, Class) {
///     (status.code(), status.reason_phrase(), status.class())
/// }
/// assert_eq!(log_line(&StatusCode::Ringing), (180, "Ringing", Class::Provisional));
///
/// // Generic over the generated type: what a stack does with any code it receives.
/// fn act_on<T: SipStatus>(code: u16) -> Option<T> {
///     T::from_code(code).or_else(|| T::interpret(code))
/// }
/// assert_eq!(act_on::<StatusCode>(477), Some(StatusCode::BadRequest));
/// ```
pub trait SipStatus: crate::__private::Sealed {
    /// The three-digit code, 100..=699.
    fn code(&self) -> u16;

    /// The canonical Reason-Phrase, e.g. "Busy Here" for 486.
    fn reason_phrase(&self) -> &'static str;

    /// The code's variant, or `None` for a code this type does not define (any `u16`).
    fn from_code(code: u16) -> Option<Self>
    where
        Self: Sized;

    /// Maps any code onto this type as RFC 3261 §8.1.3.2 asks a UAC to: a known code is
    /// itself, an unknown 1xx is read as 183 Session Progress and an unknown final code as
    /// the x00 of its class. `None` outside 100..=699.
    fn interpret(code: u16) -> Option<Self>
    where
        Self: Sized;

    /// The class given by the code's first digit.
    #[inline]
    fn class(&self) -> Class {
        // Sealed: only `sip_codes!` implements the trait, and its codes are in 100..=699.
        debug_assert!(matches!(self.code(), 100..=699));
        crate::class::class_of(self.code())
    }

    /// 1xx: the request is still in progress.
    #[inline]
    fn is_provisional(&self) -> bool {
        matches!(self.class(), Class::Provisional)
    }

    /// 2xx: the request succeeded.
    #[inline]
    fn is_success(&self) -> bool {
        matches!(self.class(), Class::Success)
    }

    /// 3xx: the request should be retried at another location.
    #[inline]
    fn is_redirection(&self) -> bool {
        matches!(self.class(), Class::Redirection)
    }

    /// 4xx: the request failed at this server.
    #[inline]
    fn is_client_error(&self) -> bool {
        matches!(self.class(), Class::ClientError)
    }

    /// 5xx: the server failed to fulfil a valid request.
    #[inline]
    fn is_server_error(&self) -> bool {
        matches!(self.class(), Class::ServerError)
    }

    /// 6xx: the request fails at every server.
    #[inline]
    fn is_global_failure(&self) -> bool {
        matches!(self.class(), Class::GlobalFailure)
    }

    /// 2xx to 6xx: the response ends the transaction.
    #[inline]
    fn is_final(&self) -> bool {
        self.class().is_final()
    }
}
