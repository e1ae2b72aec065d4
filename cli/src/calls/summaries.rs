//! How a call ended, and its end-of-call summary.

use sip_codes::iana::StatusCode;
use sip_codes::{CallOutcome, Code, outcome_fallback};

use super::MAX_PROBLEMS;
use super::dialogs::Call;

/// How a call ended, as far as the trace shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Answered and hung up with a BYE that got a 2xx.
    HungUp,
    /// Answered; a BYE was sent but got no 2xx in the trace.
    ByeUnanswered,
    /// Answered and still up when the trace ends.
    Up,
    /// The caller cancelled it (487 to the INVITE).
    Cancelled,
    /// Busy: the code's outcome in the registry data is busy (486, 600).
    Busy,
    /// No answer: the callee did not answer or takes no calls now (408, 480).
    NoAnswer,
    /// Declined: the callee or a service for it refused the call (603, 607, 608).
    Declined,
    /// Redirected (3xx) with no new INVITE after it.
    Redirected,
    /// Challenged (401, 407) and not sent again with credentials.
    Challenged,
    /// Another final failure.
    Failed,
    /// A request other than INVITE got a 2xx.
    Done,
    /// No final response to the call's first request before the trace ends.
    Open,
}

impl Outcome {
    /// A stable word for scripts.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::HungUp => "hung-up",
            Outcome::ByeUnanswered => "bye-unanswered",
            Outcome::Up => "up",
            Outcome::Cancelled => "cancelled",
            Outcome::Busy => "busy",
            Outcome::NoAnswer => "no-answer",
            Outcome::Declined => "declined",
            Outcome::Redirected => "redirected",
            Outcome::Challenged => "challenged",
            Outcome::Failed => "failed",
            Outcome::Done => "done",
            Outcome::Open => "open",
        }
    }

    /// Whether the call went as a caller would want.
    pub fn is_success(self) -> bool {
        matches!(self, Outcome::HungUp | Outcome::Up | Outcome::Done)
    }
}

/// The end-of-call summary.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The Call-ID.
    pub call_id: String,
    /// The lines of its first and last message.
    pub lines: (u64, u64),
    /// Requests by method and responses by code, each step once per transaction.
    pub flow: Vec<String>,
    /// Steps past [`MAX_FLOW`](super::MAX_FLOW), not kept.
    pub flow_dropped: u64,
    /// How it ended.
    pub outcome: Outcome,
    /// The outcome for people.
    pub outcome_text: String,
    /// What was wrong, with line numbers.
    pub problems: Vec<String>,
    /// Problems past the cap, not kept.
    pub problems_dropped: u64,
    /// Why the summary was printed before the end of the trace, if it was.
    pub early: Option<String>,
    /// Read from a capture: `lines` are frame numbers.
    pub from_capture: bool,
    /// Retransmitted requests and responses, counted and not read again.
    pub retransmissions: u64,
    /// Second answers to an INVITE from another branch of a fork (another To tag).
    pub double_answers: u64,
    /// Post-dial delay, answer time, duration, time to failure, retransmission runs: from
    /// capture timestamps, so empty for a text trace.
    pub timing: super::Timing,
    /// Whether the call is a session attempt (RFC 6076): its first request is an INVITE.
    pub session_attempt: bool,
    /// For a session attempt, the code that settled it: the answer, or else the final
    /// response of its last INVITE; `None` while none came.
    pub setup_code: Option<u16>,
    /// Its messages as arrows, when a ladder was asked for.
    pub arrows: Vec<crate::ladder::Arrow>,
    /// Arrows past the cap.
    pub arrows_dropped: u64,
}

/// What a final code means for the call: the registry's data for a registered code, the
/// rule of its class for another.
fn call_outcome(code: u16) -> CallOutcome {
    match StatusCode::from_code(code) {
        Some(status) => status.outcome(),
        None => Code::new(code).map_or(CallOutcome::Failed, outcome_fallback),
    }
}

impl Call {
    pub(crate) fn outcome(&self) -> (Outcome, String) {
        if let Some(invite) = self.answered() {
            let code = invite.final_code.map_or(200, |(c, _)| c);
            let bye = self.transactions.iter().rev().find(|t| t.method == "BYE");
            return match bye.and_then(|b| b.final_code) {
                Some((c, _)) if (200..300).contains(&c) => {
                    (Outcome::HungUp, format!("answered ({code}), then hung up normally (BYE answered {c})"))
                }
                Some((c, _)) => (
                    Outcome::ByeUnanswered,
                    format!("answered ({code}); the BYE failed with {}", describe(c)),
                ),
                None if bye.is_some() => (
                    Outcome::ByeUnanswered,
                    format!("answered ({code}); BYE sent, no response to it in the trace"),
                ),
                None => (Outcome::Up, format!("answered ({code}), still up at the end of the trace")),
            };
        }
        let last_invite = self.transactions.iter().rev().find(|t| t.method == "INVITE");
        if let Some(invite) = last_invite {
            let cancelled = self.find(invite.cseq, "CANCEL").is_some();
            return match invite.final_code {
                Some((487, _)) if cancelled && self.answered_elsewhere => (
                    Outcome::Cancelled,
                    "cancelled because another branch answered (CANCEL with Reason SIP cause 200, then 487)"
                        .into(),
                ),
                Some((487, _)) if cancelled => {
                    (Outcome::Cancelled, "cancelled by the caller (CANCEL, then 487)".into())
                }
                Some((487, _)) => {
                    (Outcome::Cancelled, "terminated with 487, no CANCEL for it in the trace".into())
                }
                // What the code means for the call is data (`StatusCode::outcome`, the spec's
                // `[code.policy]`, or its class's rule), not a list kept here.
                Some((c, _)) if matches!(call_outcome(c), CallOutcome::Busy) => {
                    (Outcome::Busy, format!("busy ({})", describe(c)))
                }
                Some((c, _)) if matches!(call_outcome(c), CallOutcome::NoAnswer) => {
                    (Outcome::NoAnswer, format!("no answer ({})", describe(c)))
                }
                Some((c, _)) if matches!(call_outcome(c), CallOutcome::Declined) => {
                    (Outcome::Declined, format!("declined ({})", describe(c)))
                }
                Some((c, _)) if matches!(call_outcome(c), CallOutcome::Redirected) => {
                    (Outcome::Redirected, format!("redirected ({}), no new INVITE in the trace", describe(c)))
                }
                Some((c, _)) if matches!(call_outcome(c), CallOutcome::Challenged) => (
                    Outcome::Challenged,
                    format!("challenged ({}), not sent again with credentials in the trace", describe(c)),
                ),
                Some((c, _)) => (Outcome::Failed, format!("failed with {}", describe(c))),
                None if cancelled => (
                    Outcome::Open,
                    "CANCEL sent; still no final response to the INVITE at the end of the trace".into(),
                ),
                None => (
                    Outcome::Open,
                    "still open at the end of the trace (no final response to the INVITE)".into(),
                ),
            };
        }
        let method =
            self.first_method.clone().or_else(|| self.transactions.front().map(|t| t.method.clone()));
        let Some(method) = method else {
            return (Outcome::Open, "no request or response with a CSeq".into());
        };
        let last = self.transactions.iter().rev().find(|t| t.method == method);
        match last.and_then(|t| t.final_code) {
            Some((c, _)) if (200..300).contains(&c) => {
                (Outcome::Done, format!("{method} accepted ({})", describe(c)))
            }
            Some((c, _)) if matches!(call_outcome(c), CallOutcome::Challenged) => (
                Outcome::Challenged,
                format!(
                    "{method} challenged ({}), not sent again with credentials in the trace",
                    describe(c)
                ),
            ),
            Some((c, _)) if matches!(call_outcome(c), CallOutcome::Redirected) => {
                (Outcome::Redirected, format!("{method} redirected ({})", describe(c)))
            }
            Some((c, _)) => (Outcome::Failed, format!("{method} failed with {}", describe(c))),
            None => (Outcome::Open, format!("{method} has no final response at the end of the trace")),
        }
    }

    pub(crate) fn summary(&self, early: Option<String>) -> Summary {
        let (outcome, outcome_text) = self.outcome();
        let mut problems: Vec<String> = self
            .problems
            .iter()
            .map(|(lines, text)| {
                let numbers: Vec<String> = lines.iter().map(u64::to_string).collect();
                let label = if lines.len() == 1 { "line" } else { "lines" };
                format!("{label} {}: {text}", numbers.join(", "))
            })
            .collect();
        let mut problems_dropped = self.problems_dropped;
        for t in &self.transactions {
            let acked = self.find(t.cseq, "ACK").is_some();
            if let (true, Some((code, line)), false) = (t.method == "INVITE", t.final_code, acked)
                && (200..300).contains(&code)
            {
                let text =
                    format!("line {line}: no ACK for the {code} to INVITE (CSeq {}) in the trace", t.cseq);
                if problems.len() < MAX_PROBLEMS {
                    problems.push(text);
                } else {
                    problems_dropped += 1;
                }
            }
        }
        Summary {
            call_id: self.id.clone(),
            lines: (self.first_line, self.last_line),
            flow: self.flow.clone(),
            flow_dropped: self.flow_dropped,
            outcome,
            outcome_text,
            problems,
            problems_dropped,
            early,
            from_capture: self.from_capture,
            retransmissions: self.retransmissions,
            double_answers: self.double_answers,
            timing: self.clock.timing(),
            session_attempt: self.first_method.as_deref() == Some("INVITE"),
            setup_code: self
                .answered()
                .and_then(|t| t.final_code)
                .or_else(|| {
                    self.transactions.iter().rev().find(|t| t.method == "INVITE").and_then(|t| t.final_code)
                })
                .map(|(code, _)| code),
            arrows: self.arrows.clone(),
            arrows_dropped: self.arrows_dropped,
        }
    }
}

/// "486 Busy Here", or "477 (unregistered)".
pub(crate) fn describe(code: u16) -> String {
    match StatusCode::from_code(code) {
        Some(status) => status.to_string(),
        None => format!("{code} (unregistered)"),
    }
}
