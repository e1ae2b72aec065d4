use core::fmt;

/// The class of a SIP response: the first digit of its code (RFC 3261 §7.2, §21).
///
/// ```
/// use sip_codes::Class;
///
/// assert_eq!(Class::from_code(486), Some(Class::ClientError));
/// assert_eq!(Class::from_code(99), None);
/// assert!(Class::GlobalFailure.is_final() && !Class::Provisional.is_final());
/// assert_eq!(Class::ServerError.to_string(), "Server Error");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Class {
    /// 1xx: the request is in progress. Not final; never acknowledged with ACK.
    Provisional = 1,
    /// 2xx: the request succeeded.
    Success = 2,
    /// 3xx: retry elsewhere; the `Contact` header lists where.
    Redirection = 3,
    /// 4xx: the request failed at this server; it may succeed if changed or sent elsewhere.
    ClientError = 4,
    /// 5xx: this server failed; another server may succeed.
    ServerError = 5,
    /// 6xx: the request fails everywhere; a forking proxy cancels every other branch.
    GlobalFailure = 6,
}

impl Class {
    /// The six classes in code order.
    pub const ALL: [Class; 6] = [
        Class::Provisional,
        Class::Success,
        Class::Redirection,
        Class::ClientError,
        Class::ServerError,
        Class::GlobalFailure,
    ];

    /// The class of `code`, or `None` outside SIP's range 100..=699.
    #[inline]
    pub const fn from_code(code: u16) -> Option<Class> {
        match code {
            100..=699 => Some(class_of(code)),
            _ => None,
        }
    }

    /// The first digit of the class's codes, 1 to 6.
    #[inline]
    pub const fn digit(self) -> u8 {
        self as u8
    }

    /// The class's x00 code (100, 200, ... 600): what a UAC treats an unrecognized final
    /// response of this class as (RFC 3261 §8.1.3.2).
    #[inline]
    pub const fn base_code(self) -> u16 {
        self as u16 * 100
    }

    /// Whether responses of this class end the transaction: every class but 1xx.
    #[inline]
    pub const fn is_final(self) -> bool {
        !matches!(self, Class::Provisional)
    }

    /// What the class means for the receiver, as a clause that reads after a colon:
    /// "4xx Client Error: the request failed at this server; ...".
    pub const fn meaning(self) -> &'static str {
        match self {
            Class::Provisional => "the request is in progress; more responses follow",
            Class::Success => "the request succeeded",
            Class::Redirection => "retry elsewhere; the Contact header lists where",
            Class::ClientError => {
                "the request failed at this server; it may succeed if changed or sent elsewhere"
            }
            Class::ServerError => "this server failed; another server may succeed",
            Class::GlobalFailure => {
                "the request fails everywhere; a forking proxy cancels its other branches"
            }
        }
    }

    /// The class's name as RFC 3261 §7.2 gives it: "Provisional", "Success",
    /// "Redirection", "Client Error", "Server Error", "Global Failure".
    pub const fn name(self) -> &'static str {
        match self {
            Class::Provisional => "Provisional",
            Class::Success => "Success",
            Class::Redirection => "Redirection",
            Class::ClientError => "Client Error",
            Class::ServerError => "Server Error",
            Class::GlobalFailure => "Global Failure",
        }
    }

    /// The class's name in IANA's registry and RFC 3261 §21: "Provisional", "Successful",
    /// "Redirection", "Request Failure", "Server Failure", "Global Failures".
    pub const fn registry_name(self) -> &'static str {
        match self {
            Class::Provisional => "Provisional",
            Class::Success => "Successful",
            Class::Redirection => "Redirection",
            Class::ClientError => "Request Failure",
            Class::ServerError => "Server Failure",
            Class::GlobalFailure => "Global Failures",
        }
    }
}

/// The class of a code known to be in 100..=699, by its first digit: the one place that maps
/// a code to its class, for [`Class::from_code`] and every generated type.
#[doc(hidden)]
#[inline]
pub const fn class_of(code: u16) -> Class {
    match code {
        0..=199 => Class::Provisional,
        200..=299 => Class::Success,
        300..=399 => Class::Redirection,
        400..=499 => Class::ClientError,
        500..=599 => Class::ServerError,
        _ => Class::GlobalFailure,
    }
}

/// Writes the RFC 3261 §7.2 name, as [`Class::name`].
impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}
