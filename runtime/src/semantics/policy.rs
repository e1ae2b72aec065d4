//! What a final response means for the call and for the router that placed it: the call's
//! outcome and whether to try the next route. Stacks and tools disagree today (sngrep counts
//! 480 as busy, failover lists are typed by hand per deployment), so the choices are data in
//! the spec, each with its reason, and a deployment overrides them with `[[update]]`. These
//! are the rules by class for a code the spec gives none.

use crate::{Class, Code};

/// What a response says about how the call went, as a call summary or a CDR counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CallOutcome {
    /// Still in progress (1xx).
    Progress,
    /// Answered (2xx).
    Answered,
    /// Sent elsewhere (3xx): the caller may try the Contact it gives.
    Redirected,
    /// Asked for credentials (401, 407): the caller resends with them.
    Challenged,
    /// The callee is busy (486, 600).
    Busy,
    /// The callee did not answer or is not reachable now (408, 480).
    NoAnswer,
    /// The callee or a service on its behalf refused the call (603, 607, 608).
    Declined,
    /// The caller gave up: the INVITE was cancelled (487).
    Cancelled,
    /// Any other failure.
    Failed,
}

impl CallOutcome {
    /// Every outcome, in declaration order.
    pub const ALL: [CallOutcome; 9] = [
        CallOutcome::Progress,
        CallOutcome::Answered,
        CallOutcome::Redirected,
        CallOutcome::Challenged,
        CallOutcome::Busy,
        CallOutcome::NoAnswer,
        CallOutcome::Declined,
        CallOutcome::Cancelled,
        CallOutcome::Failed,
    ];

    /// A stable word for scripts and specs: `"no-answer"`; what a spec's `outcome` says.
    ///
    /// ```
    /// use sip_codes::{iana::StatusCode, CallOutcome};
    ///
    /// assert_eq!(StatusCode::TemporarilyUnavailable.outcome(), CallOutcome::NoAnswer);
    /// assert_eq!(CallOutcome::NoAnswer.key(), "no-answer");
    /// ```
    pub const fn key(self) -> &'static str {
        match self {
            CallOutcome::Progress => "progress",
            CallOutcome::Answered => "answered",
            CallOutcome::Redirected => "redirected",
            CallOutcome::Challenged => "challenged",
            CallOutcome::Busy => "busy",
            CallOutcome::NoAnswer => "no-answer",
            CallOutcome::Declined => "declined",
            CallOutcome::Cancelled => "cancelled",
            CallOutcome::Failed => "failed",
        }
    }
}

/// What a router (a proxy placing a call over routes or carriers, an SBC, a dialer) does
/// with a final response to the INVITE it sent down one route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RouteAction {
    /// A provisional response: wait for the final one.
    Wait,
    /// The call is answered: nothing more to try.
    Done,
    /// Try the targets the 3xx's Contact lists.
    FollowRedirect,
    /// This route failed where another may not: try the next route or carrier.
    NextRoute,
    /// The answer holds whatever the route: send it upstream and try no other.
    Stop,
    /// The request must change before it can succeed (credentials, a timer, an offer): fix
    /// it and resend on the same route.
    FixAndResend,
}

impl RouteAction {
    /// Every action, in declaration order.
    pub const ALL: [RouteAction; 6] = [
        RouteAction::Wait,
        RouteAction::Done,
        RouteAction::FollowRedirect,
        RouteAction::NextRoute,
        RouteAction::Stop,
        RouteAction::FixAndResend,
    ];

    /// A stable word for scripts and specs: `"next-route"`; what a spec's `route` says.
    pub const fn key(self) -> &'static str {
        match self {
            RouteAction::Wait => "wait",
            RouteAction::Done => "done",
            RouteAction::FollowRedirect => "follow-redirect",
            RouteAction::NextRoute => "next-route",
            RouteAction::Stop => "stop",
            RouteAction::FixAndResend => "fix-and-resend",
        }
    }
}

/// The outcome of a code the spec gives none, by class: 1xx progress, 2xx answered, 3xx
/// redirected, and any other final code (700..=999 too) a failure.
///
/// ```
/// use sip_codes::{outcome_fallback, CallOutcome, Code};
///
/// assert_eq!(outcome_fallback(Code::new(477).unwrap()), CallOutcome::Failed);
/// assert_eq!(outcome_fallback(Code::new(299).unwrap()), CallOutcome::Answered);
/// ```
pub const fn outcome_fallback(code: Code) -> CallOutcome {
    match code.class() {
        Some(Class::Provisional) => CallOutcome::Progress,
        Some(Class::Success) => CallOutcome::Answered,
        Some(Class::Redirection) => CallOutcome::Redirected,
        Some(Class::ClientError | Class::ServerError | Class::GlobalFailure) | None => CallOutcome::Failed,
    }
}

/// The route action for a code the spec gives none, by what RFC 3261 §21 says of its class:
/// a 4xx failed at this server and would fail the same way on another route to the same
/// callee (stop); a 5xx is this server's failure and "another server may succeed" (next
/// route); a 6xx fails everywhere (stop). 700..=999 have no class: stop.
///
/// ```
/// use sip_codes::{route_fallback, Code, RouteAction};
///
/// assert_eq!(route_fallback(Code::new(477).unwrap()), RouteAction::Stop);
/// assert_eq!(route_fallback(Code::new(599).unwrap()), RouteAction::NextRoute);
/// assert_eq!(route_fallback(Code::new(302).unwrap()), RouteAction::FollowRedirect);
/// ```
pub const fn route_fallback(code: Code) -> RouteAction {
    match code.class() {
        Some(Class::Provisional) => RouteAction::Wait,
        Some(Class::Success) => RouteAction::Done,
        Some(Class::Redirection) => RouteAction::FollowRedirect,
        Some(Class::ServerError) => RouteAction::NextRoute,
        Some(Class::ClientError | Class::GlobalFailure) | None => RouteAction::Stop,
    }
}
