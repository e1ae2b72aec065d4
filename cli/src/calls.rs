//! Messages grouped into calls (by Call-ID) and transactions (by CSeq number and method),
//! each response read for the request it answers, and one summary per call.
//!
//! Memory is bounded by [`MAX_CALLS`] calls of bounded size, never by the trace: past the
//! cap, calls that have ended are summarised and dropped, and if that is not enough the
//! least recently active open calls are summarised early (their summary says so).

use std::collections::{HashMap, VecDeque};

use sip_codes::iana::StatusCode;
use sip_codes::{Class, Requirement};

use crate::header::{self, Reason};
use crate::message::{Message, Start};
use crate::notes;
use crate::query::is_phrase_of;
use crate::text::{first_sentence, plain, printable};
use crate::unregistered::Unknown;

/// The most calls held at once.
pub const MAX_CALLS: usize = 10_000;
/// The most steps a call's flow keeps; later steps are counted.
pub const MAX_FLOW: usize = 64;
/// The most transactions a call remembers; the oldest is forgotten first.
const MAX_TRANSACTIONS: usize = 32;
/// The most problems a call's summary lists; later ones are counted.
const MAX_PROBLEMS: usize = 8;
/// The most distinct responses a transaction remembers.
const MAX_RESPONSES: usize = 16;

/// How much a note matters to the reader.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// What the message means.
    Info,
    /// Something is wrong or missing.
    Problem,
}

/// One thing said about a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// What the note is about, a stable word for scripts: "meaning", "phrase", "method", ...
    pub kind: &'static str,
    /// Info or problem.
    pub level: Level,
    /// The note for people.
    pub text: String,
}

impl Note {
    fn info(kind: &'static str, text: impl Into<String>) -> Note {
        Note { kind, level: Level::Info, text: text.into() }
    }

    fn problem(kind: &'static str, text: impl Into<String>) -> Note {
        Note { kind, level: Level::Problem, text: text.into() }
    }
}

/// What `explain` says about one message.
#[derive(Clone, Debug)]
pub struct Annotated {
    /// The line its start line is on.
    pub line: u64,
    /// The status code, for a response.
    pub code: Option<u16>,
    /// The Reason-Phrase as sent, for a response.
    pub phrase: Option<String>,
    /// The request's method, or for a response the method its CSeq names.
    pub method: Option<String>,
    /// The CSeq number.
    pub cseq: Option<u32>,
    /// The Call-ID.
    pub call_id: Option<String>,
    /// The notes, meaning first.
    pub notes: Vec<Note>,
}

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
    /// Busy (486 or 600).
    Busy,
    /// Declined (603).
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
    /// Steps past [`MAX_FLOW`], not kept.
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
}

/// One transaction of a call.
#[derive(Clone, Debug)]
struct Transaction {
    cseq: u32,
    method: String,
    /// The line of its request, if the trace has it.
    request_line: Option<u64>,
    /// Distinct responses, with the line each was first seen on.
    responses: Vec<(u16, u64)>,
    /// The first final response.
    final_code: Option<(u16, u64)>,
}

#[derive(Clone, Debug)]
struct Call {
    id: String,
    order: u64,
    first_line: u64,
    last_line: u64,
    flow: Vec<String>,
    flow_dropped: u64,
    transactions: VecDeque<Transaction>,
    /// Each problem once, with the lines it was seen on.
    problems: Vec<(Vec<u64>, String)>,
    problems_dropped: u64,
    /// The method of the first request seen; `None` until one is.
    first_method: Option<String>,
    /// A CANCEL said another branch answered (`Reason: SIP;cause=200`).
    answered_elsewhere: bool,
}

impl Call {
    fn transaction(&mut self, cseq: u32, method: &str) -> &mut Transaction {
        let at = self.transactions.iter().position(|t| t.cseq == cseq && t.method == method);
        let at = match at {
            Some(at) => at,
            None => {
                if self.transactions.len() == MAX_TRANSACTIONS {
                    self.transactions.pop_front();
                }
                self.transactions.push_back(Transaction {
                    cseq,
                    method: method.to_owned(),
                    request_line: None,
                    responses: Vec::new(),
                    final_code: None,
                });
                self.transactions.len() - 1
            }
        };
        &mut self.transactions[at]
    }

    fn find(&self, cseq: u32, method: &str) -> Option<&Transaction> {
        self.transactions.iter().find(|t| t.cseq == cseq && t.method == method)
    }

    fn step(&mut self, step: String) {
        if self.flow.len() < MAX_FLOW {
            self.flow.push(step);
        } else {
            self.flow_dropped += 1;
        }
    }

    /// Notes a problem; the same problem again only adds its line.
    fn problem(&mut self, line: u64, text: &str) {
        if let Some((lines, _)) = self.problems.iter_mut().find(|(_, t)| t == text) {
            if lines.len() < MAX_PROBLEMS {
                lines.push(line);
            }
        } else if self.problems.len() < MAX_PROBLEMS {
            self.problems.push((vec![line], text.to_owned()));
        } else {
            self.problems_dropped += 1;
        }
    }

    fn answered(&self) -> Option<&Transaction> {
        self.transactions
            .iter()
            .find(|t| t.method == "INVITE" && t.final_code.is_some_and(|(c, _)| (200..300).contains(&c)))
    }

    /// Whether nothing more is expected: a summary now would not change later.
    fn has_ended(&self) -> bool {
        let outcome = self.outcome().0;
        !matches!(outcome, Outcome::Up | Outcome::Open)
    }

    fn outcome(&self) -> (Outcome, String) {
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
                Some((c @ (486 | 600), _)) => (Outcome::Busy, format!("busy ({})", describe(c))),
                Some((603, _)) => (Outcome::Declined, format!("declined ({})", describe(603))),
                Some((c @ 300..=399, _)) => {
                    (Outcome::Redirected, format!("redirected ({}), no new INVITE in the trace", describe(c)))
                }
                Some((c @ (401 | 407), _)) => (
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
            Some((c @ (401 | 407), _)) => (
                Outcome::Challenged,
                format!(
                    "{method} challenged ({}), not sent again with credentials in the trace",
                    describe(c)
                ),
            ),
            Some((c @ 300..=399, _)) => {
                (Outcome::Redirected, format!("{method} redirected ({})", describe(c)))
            }
            Some((c, _)) => (Outcome::Failed, format!("{method} failed with {}", describe(c))),
            None => (Outcome::Open, format!("{method} has no final response at the end of the trace")),
        }
    }

    fn summary(&self, early: Option<String>) -> Summary {
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
        }
    }
}

/// "486 Busy Here", or "477 (unregistered)".
fn describe(code: u16) -> String {
    match StatusCode::from_code(code) {
        Some(status) => status.to_string(),
        None => format!("{code} (unregistered)"),
    }
}

/// Every call open so far.
#[derive(Debug)]
pub struct Calls {
    calls: HashMap<String, Call>,
    next_order: u64,
    max_calls: usize,
    /// Summaries of calls dropped to stay under the cap, waiting to be printed.
    evicted: Vec<Summary>,
}

impl Default for Calls {
    fn default() -> Self {
        Calls::new(MAX_CALLS)
    }
}

impl Calls {
    /// At most `max_calls` calls held at once.
    pub fn new(max_calls: usize) -> Calls {
        Calls { calls: HashMap::new(), next_order: 0, max_calls: max_calls.max(1), evicted: Vec::new() }
    }

    /// Reads one message: its annotation (every response, and requests with something to
    /// say), and the call it belongs to updated.
    pub fn read(&mut self, message: &Message) -> Option<Annotated> {
        let start = message.start.as_ref()?;
        if message.in_sipfrag {
            return Some(sipfrag(message, start));
        }
        if let Some(id) = &message.call_id
            && !self.calls.contains_key(id)
        {
            if self.calls.len() >= self.max_calls {
                self.make_room();
            }
            let call = Call {
                id: id.clone(),
                order: self.next_order,
                first_line: message.line,
                last_line: message.line,
                flow: Vec::new(),
                flow_dropped: 0,
                transactions: VecDeque::new(),
                problems: Vec::new(),
                problems_dropped: 0,
                first_method: None,
                answered_elsewhere: false,
            };
            self.next_order += 1;
            self.calls.insert(id.clone(), call);
        }
        let mut call = message.call_id.as_ref().and_then(|id| self.calls.get_mut(id));
        if let Some(call) = call.as_deref_mut() {
            call.last_line = message.line;
        }
        let annotated = match start {
            Start::Request { method, .. } => read_request(message, method, call.as_deref_mut()),
            Start::Response { code, phrase, malformed } => {
                Some(read_response(message, *code, phrase, malformed.as_deref(), call.as_deref_mut()))
            }
        };
        if let (Some(call), Some(annotated)) = (call, &annotated) {
            for note in annotated.notes.iter().filter(|n| n.level == Level::Problem) {
                call.problem(annotated.line, &note.text);
            }
        }
        annotated
    }

    /// Summaries of calls dropped to stay under the cap since the last call.
    pub fn take_evicted(&mut self) -> Vec<Summary> {
        std::mem::take(&mut self.evicted)
    }

    /// Every call still held, summarised in the order they were first seen.
    pub fn finish(&mut self) -> Vec<Summary> {
        let mut calls: Vec<Call> = self.calls.drain().map(|(_, c)| c).collect();
        calls.sort_by_key(|c| c.order);
        let mut summaries = self.take_evicted();
        summaries.extend(calls.iter().map(|c| c.summary(None)));
        summaries
    }

    /// Drops every call that has ended and, if that leaves the table more than nine tenths
    /// full, the least recently active open calls, keeping their summaries for printing.
    fn make_room(&mut self) {
        let mut ended: Vec<Call> = Vec::new();
        self.calls.retain(|_, call| {
            if call.has_ended() {
                ended.push(call.clone());
                false
            } else {
                true
            }
        });
        ended.sort_by_key(|c| c.order);
        self.evicted.extend(ended.iter().map(|c| c.summary(None)));
        let keep = self.max_calls - self.max_calls / 10;
        if self.calls.len() >= keep.max(1) {
            let mut open: Vec<(u64, String)> =
                self.calls.values().map(|c| (c.last_line, c.id.clone())).collect();
            open.sort();
            let excess = self.calls.len() + 1 - keep.max(1);
            for (_, id) in open.into_iter().take(excess) {
                if let Some(call) = self.calls.remove(&id) {
                    let why = format!(
                        "summarised before the end of the trace: more than {} calls were open at once; \
                         later messages of this call start a new summary",
                        self.max_calls
                    );
                    self.evicted.push(call.summary(Some(why)));
                }
            }
        }
    }
}

/// A status line inside a NOTIFY's `message/sipfrag` body: its meaning, and that it belongs
/// to the call the REFER started, not to this one.
fn sipfrag(message: &Message, start: &Start) -> Annotated {
    let (code, phrase) = match start {
        Start::Response { code, phrase, .. } => (Some(*code), Some(phrase.clone())),
        Start::Request { .. } => (None, None),
    };
    let mut notes = code.map(|c| meaning(c, phrase.as_deref().unwrap_or_default())).unwrap_or_default();
    notes.push(Note::info(
        "sipfrag",
        "inside a message/sipfrag body: how the call started by a REFER is going (RFC 3515), \
         not a response of this call",
    ));
    Annotated { line: message.line, code, phrase, method: None, cseq: None, call_id: None, notes }
}

fn read_request(message: &Message, method: &str, call: Option<&mut Call>) -> Option<Annotated> {
    let mut notes = Vec::new();
    let cseq = message.cseq.as_ref().map(|(n, _)| *n);
    if let Some(call) = call {
        if call.first_method.is_none() {
            call.first_method = Some(method.to_owned());
        }
        if let Some(n) = cseq {
            if method == "CANCEL" {
                let elsewhere = message
                    .reasons
                    .iter()
                    .any(|r| r.protocol.eq_ignore_ascii_case("SIP") && r.cause == Some(200));
                call.answered_elsewhere |= elsewhere;
                if let Some((code, line)) = call.find(n, "INVITE").and_then(|t| t.final_code) {
                    notes.push(Note::info(
                        "cancel",
                        format!("CANCEL after the INVITE already got its final response ({code}, line {line}): it changes nothing"),
                    ));
                }
            }
            if method == "INVITE" || method == "REGISTER" {
                let challenged = call.transactions.iter().rev().find(|t| {
                    t.method == method
                        && t.cseq < n
                        && t.final_code.is_some_and(|(c, _)| c == 401 || c == 407)
                });
                if let Some(t) = challenged {
                    let (code, line) = t.final_code.unwrap_or((0, 0));
                    let credentials = message.has("authorization") || message.has("proxy-authorization");
                    let text = if credentials {
                        format!("sent again with credentials after the {code} on line {line}")
                    } else if message.names.is_empty() {
                        format!("sent again after the {code} on line {line}")
                    } else {
                        format!(
                            "sent again after the {code} on line {line}, but without Authorization or Proxy-Authorization"
                        )
                    };
                    if call.find(n, method).is_none() {
                        notes.push(Note::info("retry", text));
                    }
                }
            }
            let transaction = call.transaction(n, method);
            let first = transaction.request_line.is_none();
            transaction.request_line.get_or_insert(message.line);
            if first {
                call.step(method.to_owned());
            }
        }
    }
    notes.extend(reason_notes(&message.reasons, None));
    if notes.is_empty() {
        return None;
    }
    Some(Annotated {
        line: message.line,
        code: None,
        phrase: None,
        method: Some(method.to_owned()),
        cseq,
        call_id: message.call_id.clone(),
        notes,
    })
}

fn read_response(
    message: &Message,
    code: u16,
    phrase: &str,
    malformed: Option<&str>,
    call: Option<&mut Call>,
) -> Annotated {
    let (cseq, method) = match &message.cseq {
        Some((n, m)) => (Some(*n), Some(m.as_str())),
        None => (None, None),
    };
    let status = StatusCode::from_code(code);
    let mut notes = Vec::new();
    // Whether this code was already seen in this transaction: another hop or a retransmission.
    let mut repeat_of = None;
    let mut answered_before = false;
    let mut cancel_seen = false;
    if let (Some(call), Some(n), Some(m)) = (call, cseq, method) {
        // In the dialog the answer set up, not another branch of the INVITE that set it up.
        answered_before = call.answered().is_some_and(|t| !(t.cseq == n && t.method == m));
        cancel_seen = call.find(n, "CANCEL").is_some();
        let transaction = call.transaction(n, m);
        if let Some(&(_, line)) = transaction.responses.iter().find(|(c, _)| *c == code) {
            repeat_of = Some(line);
        } else {
            if transaction.responses.len() < MAX_RESPONSES {
                transaction.responses.push((code, message.line));
            }
            if code >= 200 && transaction.final_code.is_none() {
                transaction.final_code = Some((code, message.line));
            }
            call.step(code.to_string());
        }
    }
    match repeat_of {
        Some(line) => notes.push(Note::info(
            "repeat",
            format!(
                "{} again for CSeq {} {} (first on line {line}): another hop or a retransmission",
                describe(code),
                cseq.unwrap_or_default(),
                method.unwrap_or_default()
            ),
        )),
        None => notes.extend(meaning(code, phrase)),
    }
    if let Some(why) = malformed {
        notes.push(Note::problem("malformed", why.to_owned()));
    }
    if let (Some(m), None) = (method, repeat_of)
        && let Some(text) = for_method(code, m, cancel_seen)
    {
        notes.push(Note::info("method", format!("to {m}: {text}")));
    }
    if let (Some(status), Some(m), true) = (status, method, answered_before && code >= 300)
        && let Some(effect) = status.dialog_effect(m)
    {
        notes.push(Note::info("dialog", dialog_effect(effect, m)));
    }
    if method == Some("ACK") {
        notes.push(Note::problem(
            "ack",
            "a response whose CSeq names ACK: ACK is never answered, so the CSeq is wrong or the response is stray",
        ));
    }
    if let Some(status) = status {
        if !message.names.is_empty() {
            notes.extend(missing_headers(status, method, message, answered_before));
        }
        notes.extend(retry_after(status, message));
        if code == 100 && message.reasons.iter().any(|r| r.protocol.eq_ignore_ascii_case("Q.850")) {
            notes.push(Note::problem(
                "reason",
                "a Q.850 Reason on 100 Trying, which is hop by hop and never carries one (RFC 6432 §3)",
            ));
        }
        notes.extend(reason_notes(&message.reasons, Some(status)));
    } else {
        notes.extend(reason_notes(&message.reasons, None));
    }
    notes.extend(warning_notes(&message.warnings));
    Annotated {
        line: message.line,
        code: Some(code),
        phrase: Some(phrase.to_owned()),
        method: method.map(str::to_owned),
        cseq,
        call_id: message.call_id.clone(),
        notes,
    }
}

/// What a failure to a request inside the established dialog ends, by RFC 5057 §5.1.
fn dialog_effect(effect: sip_codes::DialogEffect, method: &str) -> String {
    use sip_codes::DialogEffect;
    let what = match effect {
        DialogEffect::Transaction => "fails only this request; the call and the dialog carry on",
        DialogEffect::Usage if method == "SUBSCRIBE" || method == "NOTIFY" => {
            "ends the subscription this request belongs to; the dialog's other usages remain"
        }
        DialogEffect::Usage => {
            "ends the usage this request belongs to (for the call's INVITE session, the call)"
        }
        DialogEffect::Dialog => "ends the whole dialog and every usage in it, the call included",
    };
    format!("inside the established dialog this {what} (RFC 5057 §5.1)")
}

/// The code's class and meaning, and anything odd about the phrase.
pub fn meaning(code: u16, phrase: &str) -> Vec<Note> {
    let phrase = printable(phrase);
    let Some(status) = StatusCode::from_code(code) else {
        let mut notes = Vec::new();
        if let Some(unknown) = Unknown::of(code) {
            notes.push(Note::info("unregistered", unknown.headline()));
        }
        if let Some(seen) = notes::wild(code) {
            notes.push(Note::info("unregistered", seen));
        }
        return notes;
    };
    let deprecated = if status.is_deprecated() { " (deprecated)" } else { "" };
    let summary =
        status.description().map(|d| format!(" - {}", first_sentence(&plain(d)))).unwrap_or_default();
    let mut notes = vec![Note::info("meaning", format!("{status}{deprecated}: {}{summary}", status.class()))];
    if phrase.is_empty() {
        // An empty Reason-Phrase is allowed: nothing to flag.
    } else if status.aliases().iter().any(|a| a.eq_ignore_ascii_case(&phrase)) {
        notes.push(Note::info(
            "phrase",
            format!(
                "\"{phrase}\" is a former phrase of {code}; the registry now says \"{}\"",
                status.reason_phrase()
            ),
        ));
    } else if !is_phrase_of(status, &phrase) {
        notes.push(Note::info(
            "phrase",
            format!(
                "phrase \"{phrase}\" differs from the registered \"{}\"; only the code carries meaning",
                status.reason_phrase()
            ),
        ));
    }
    notes
}

/// What the response means for the method it answers: the notes file's per-method note,
/// then, for a failure (3xx to 6xx), its general troubleshooting tip; a 487 says whether
/// its CANCEL is in the trace. A 1xx or 2xx without a note for its method gets none: the
/// tips of those codes are about other methods (200's is about INVITE's ACK).
fn for_method(code: u16, method: &str, cancel_seen: bool) -> Option<String> {
    let tip = || if code >= 300 { notes::for_code(code) } else { None };
    let text = notes::for_method(code, method).or_else(tip)?;
    if code == 487 && method == "INVITE" && !cancel_seen {
        return Some(format!(
            "{text} No CANCEL for this CSeq is in the trace: it was not captured, or a proxy \
             cancelled this branch itself after another branch answered."
        ));
    }
    Some(text.to_owned())
}

/// MUST header fields the response lacks: the code's unconditional ones, and those whose
/// condition is answering this method.
fn missing_headers(
    status: StatusCode,
    method: Option<&str>,
    message: &Message,
    answered_before: bool,
) -> Vec<Note> {
    let mut notes = Vec::new();
    for rule in status.header_rules() {
        if rule.requirement != Requirement::Must || message.has(&rule.name.to_ascii_lowercase()) {
            continue;
        }
        let applies = match (rule.condition, method) {
            (None, _) => true,
            (Some(condition), Some(method)) => condition_applies(condition, method, answered_before),
            (Some(_), None) => false,
        };
        if applies {
            let when = rule.condition.map(|c| format!(" when {c}")).unwrap_or_default();
            notes.push(Note::problem(
                "header",
                format!(
                    "{} without {}, which it must carry{when} ({})",
                    status.code(),
                    rule.name,
                    rule.source
                ),
            ));
        }
    }
    notes
}

/// Whether a header rule's condition ("answering PUBLISH", "answering INVITE or OPTIONS",
/// "answering an INVITE that creates a dialog") holds for a response to `method`. Conditions
/// with more to them (after a colon, or about the request's content) are not checked.
fn condition_applies(condition: &str, method: &str, answered_before: bool) -> bool {
    let Some(rest) = condition.strip_prefix("answering ") else {
        return false;
    };
    if rest.contains(':') || rest.contains('(') {
        return false;
    }
    let creates_dialog = rest.ends_with("that creates a dialog");
    let names_method = rest.split([' ', ',']).any(|word| word == method);
    names_method && (!creates_dialog || !answered_before)
}

/// Retry-After: when to try again, and whether an RFC gives it a meaning on this code; a 503
/// without one is handled as 500.
fn retry_after(status: StatusCode, message: &Message) -> Vec<Note> {
    let Some(value) = &message.retry_after else {
        if status == StatusCode::ServiceUnavailable && !message.names.is_empty() {
            return vec![Note::info(
                "retry-after",
                "no Retry-After: the client handles this 503 as a 500 (RFC 3261 §21.5.4) and tries another server",
            )];
        }
        return Vec::new();
    };
    let value = printable(value);
    let Some(seconds) = header::retry_after_seconds(&value) else {
        return vec![Note::problem(
            "retry-after",
            format!("Retry-After \"{value}\" is not a number of seconds (RFC 3261 §20.33)"),
        )];
    };
    let mut notes =
        vec![Note::info("retry-after", format!("Retry-After: try again in {}", duration(seconds)))];
    if !status.allows_retry_after() {
        notes.push(Note::problem(
            "retry-after",
            format!(
                "Retry-After on a {}: no RFC gives it a meaning there (RFC 3261 §20.33 lists 404, 413, 480, 486, 500, 503, 600 and 603)",
                status.code()
            ),
        ));
    }
    notes
}

/// `90` as "90 s (1 min 30 s)".
fn duration(seconds: u64) -> String {
    match seconds {
        0..60 => format!("{seconds} s"),
        60..3600 => {
            let (m, s) = (seconds / 60, seconds % 60);
            if s == 0 { format!("{seconds} s ({m} min)") } else { format!("{seconds} s ({m} min {s} s)") }
        }
        _ => {
            let (h, m) = (seconds / 3600, seconds % 3600 / 60);
            if m == 0 { format!("{seconds} s ({h} h)") } else { format!("{seconds} s ({h} h {m} min)") }
        }
    }
}

/// Each Reason value named; on a response, a Q.850 cause compared with the status by the
/// RFC 3398 table.
fn reason_notes(reasons: &[Reason], status: Option<StatusCode>) -> Vec<Note> {
    let mut notes = Vec::new();
    for reason in reasons {
        let protocol = printable(&reason.protocol);
        let text = reason.text.as_deref().map(|t| format!(", text \"{}\"", printable(t))).unwrap_or_default();
        let Some(cause) = reason.cause else {
            notes.push(Note::info("reason", format!("Reason: {protocol} without a numeric cause{text}")));
            continue;
        };
        if protocol.eq_ignore_ascii_case("Q.850") {
            let name =
                header::q850_name(cause).map_or_else(|| "not a Q.850 cause value".to_owned(), str::to_owned);
            notes.push(Note::info("reason", format!("Reason: Q.850 cause {cause} ({name}){text}")));
            if let (Some(status), Ok(cause)) = (status, u8::try_from(cause))
                && let Some(note) = compare_q850(status, cause)
            {
                notes.push(note);
            }
        } else if protocol.eq_ignore_ascii_case("SIP") {
            let named = describe(cause);
            let extra =
                if cause == 200 { ": the call was answered elsewhere (another branch took it)" } else { "" };
            notes.push(Note::info("reason", format!("Reason: SIP cause {named}{extra}{text}")));
        } else {
            notes.push(Note::info("reason", format!("Reason: {protocol} cause {cause}{text}")));
        }
    }
    notes
}

/// Whether a Q.850 cause and a status agree by RFC 3398 (§8.2.6.1 one way, §7.2.4.1 the
/// other); `None` when they do.
fn compare_q850(status: StatusCode, cause: u8) -> Option<Note> {
    if status.class() == Class::Provisional || status.class() == Class::Success {
        return None;
    }
    let expected_cause = status.to_q850();
    let expected_status = StatusCode::from_q850(cause);
    let warning_based = matches!(status, StatusCode::NotAcceptableHere | StatusCode::GlobalNotAcceptable);
    if expected_cause == Some(cause) || expected_status == Some(status) || (warning_based && cause == 65) {
        return None;
    }
    let code = status.code();
    let name = |c: u8| header::q850_name(u16::from(c)).unwrap_or("unnamed");
    let one_way = match expected_cause {
        Some(c) => format!("RFC 3398 maps {code} to cause {c} ({})", name(c)),
        None => format!("RFC 3398 maps {code} to no cause"),
    };
    let other_way = match expected_status {
        Some(s) => format!("cause {cause} to {s}"),
        None if cause == 16 => format!("cause {cause} to a BYE or CANCEL, not a response"),
        None => format!("cause {cause} to no response"),
    };
    Some(Note::problem(
        "reason",
        format!(
            "the Q.850 cause disagrees with the status: {one_way}, and {other_way}; the status code decides (RFC 6432 §4)"
        ),
    ))
}

/// Each Warning value with its warn-code named.
fn warning_notes(warnings: &[header::Warning]) -> Vec<Note> {
    warnings
        .iter()
        .map(|w| {
            let text = printable(&w.text);
            let agent = printable(&w.agent);
            match header::warning_name(w.code) {
                Some(name) => {
                    Note::info("warning", format!("Warning {} ({name}) from {agent}: \"{text}\"", w.code))
                }
                None if (300..400).contains(&w.code) => Note::info(
                    "warning",
                    format!("Warning {} (unregistered warn-code) from {agent}: \"{text}\"", w.code),
                ),
                None => Note::problem(
                    "warning",
                    format!(
                        "Warning {} from {agent}: warn-codes run from 300 to 399 (RFC 3261 §20.43)",
                        w.code
                    ),
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(start: Start, headers: &[&str]) -> Message {
        let mut m = Message::new(1, start);
        for h in headers {
            m.add_header(h.as_bytes());
        }
        m
    }

    fn response(code: u16, headers: &[&str]) -> Message {
        message(Start::Response { code, phrase: describe(code)[4..].to_owned(), malformed: None }, headers)
    }

    fn request(method: &str, headers: &[&str]) -> Message {
        message(Start::Request { method: method.into(), uri: "sip:b@x".into() }, headers)
    }

    fn texts(a: &Annotated) -> Vec<String> {
        a.notes.iter().map(|n| n.text.clone()).collect()
    }

    #[test]
    fn a_407_without_proxy_authenticate_is_flagged() {
        let mut calls = Calls::default();
        let a = calls.read(&response(407, &["Call-ID: a", "CSeq: 1 INVITE"])).unwrap();
        assert!(texts(&a).iter().any(|t| t.starts_with("407 without Proxy-Authenticate")), "{a:?}");
        let a = calls
            .read(&response(407, &["Call-ID: b", "CSeq: 1 INVITE", "Proxy-Authenticate: Digest"]))
            .unwrap();
        assert!(a.notes.iter().all(|n| n.level == Level::Info), "{a:?}");
    }

    #[test]
    fn retry_after_is_read_and_checked() {
        let mut calls = Calls::default();
        let a = calls.read(&response(486, &["CSeq: 1 INVITE", "Retry-After: 90"])).unwrap();
        assert!(texts(&a).contains(&"Retry-After: try again in 90 s (1 min 30 s)".to_owned()), "{a:?}");
        let a = calls.read(&response(491, &["CSeq: 1 INVITE", "Retry-After: 5"])).unwrap();
        assert!(a.notes.iter().any(|n| n.kind == "retry-after" && n.level == Level::Problem), "{a:?}");
    }

    #[test]
    fn a_q850_reason_is_named_and_compared() {
        let mut calls = Calls::default();
        let a =
            calls.read(&response(486, &["CSeq: 1 INVITE", "Reason: Q.850;cause=17;text=\"busy\""])).unwrap();
        assert!(texts(&a).contains(&"Reason: Q.850 cause 17 (user busy), text \"busy\"".to_owned()), "{a:?}");
        assert!(a.notes.iter().all(|n| n.level == Level::Info), "{a:?}");
        let a = calls.read(&response(486, &["CSeq: 1 INVITE", "Reason: Q.850;cause=16"])).unwrap();
        let problem = a.notes.iter().find(|n| n.level == Level::Problem).unwrap();
        assert!(problem.text.contains("RFC 3398 maps 486 to cause 17 (user busy)"), "{problem:?}");
        assert!(problem.text.contains("cause 16 to a BYE or CANCEL"), "{problem:?}");
    }

    #[test]
    fn warnings_are_named() {
        let mut calls = Calls::default();
        let a = calls
            .read(&response(488, &["CSeq: 1 INVITE", "Warning: 305 proxy.example.com \"no codec\""]))
            .unwrap();
        assert!(
            texts(&a).contains(
                &"Warning 305 (incompatible media format) from proxy.example.com: \"no codec\"".to_owned()
            ),
            "{a:?}"
        );
    }

    #[test]
    fn a_call_is_summarised_with_its_flow_and_outcome() {
        let mut calls = Calls::default();
        let invite = ["Call-ID: c1", "CSeq: 1 INVITE"];
        calls.read(&request("INVITE", &invite));
        calls.read(&response(100, &invite));
        calls.read(&response(180, &invite));
        calls.read(&response(180, &invite));
        calls.read(&response(486, &invite));
        calls.read(&request("ACK", &["Call-ID: c1", "CSeq: 1 ACK"]));
        let summaries = calls.finish();
        assert_eq!(summaries.len(), 1);
        assert_eq!(summaries[0].flow.join(" "), "INVITE 100 180 486 ACK");
        assert_eq!(summaries[0].outcome, Outcome::Busy);
    }

    #[test]
    fn past_the_cap_ended_calls_are_summarised_first() {
        let mut calls = Calls::new(2);
        calls.read(&request("OPTIONS", &["Call-ID: a", "CSeq: 1 OPTIONS"]));
        calls.read(&response(200, &["Call-ID: a", "CSeq: 1 OPTIONS"]));
        calls.read(&request("INVITE", &["Call-ID: b", "CSeq: 1 INVITE"]));
        calls.read(&request("INVITE", &["Call-ID: c", "CSeq: 1 INVITE"]));
        calls.read(&request("INVITE", &["Call-ID: d", "CSeq: 1 INVITE"]));
        let evicted = calls.take_evicted();
        assert_eq!(evicted.iter().map(|s| s.call_id.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        assert!(evicted[0].early.is_none());
        assert!(evicted[1].early.as_deref().unwrap().contains("more than 2 calls"));
        assert_eq!(calls.finish().iter().map(|s| s.call_id.as_str()).collect::<Vec<_>>(), ["c", "d"]);
    }

    #[test]
    fn the_flow_is_capped() {
        let mut calls = Calls::default();
        for n in 0..100 {
            calls.read(&request("OPTIONS", &["Call-ID: a", &format!("CSeq: {n} OPTIONS")]));
        }
        let summary = &calls.finish()[0];
        assert_eq!(summary.flow.len(), MAX_FLOW);
        assert_eq!(summary.flow_dropped, 100 - MAX_FLOW as u64);
    }
}
