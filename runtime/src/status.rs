use crate::Class;

/// What every generated status-code type offers, for code that works with any of them.
///
/// `sip_codes!` implements it for the enums it generates. Implementors return a code in
/// 100..=699; the provided methods derive the class from it.
///
/// ```
/// use sip_codes::{iana::StatusCode, Class, SipStatus};
///
/// fn log_line(status: &impl SipStatus) -> (u16, &'static str, Class) {
///     (status.code(), status.reason_phrase(), status.class())
/// }
/// assert_eq!(log_line(&StatusCode::Ringing), (180, "Ringing", Class::Provisional));
/// ```
pub trait SipStatus {
    /// The three-digit code, 100..=699.
    fn code(&self) -> u16;

    /// The canonical Reason-Phrase, e.g. "Busy Here" for 486.
    fn reason_phrase(&self) -> &'static str;

    /// The class given by the code's first digit.
    #[inline]
    fn class(&self) -> Class {
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
