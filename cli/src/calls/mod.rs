//! Messages grouped into calls (by Call-ID) and transactions (by CSeq number and method),
//! each response read for the request it answers, and one summary per call.
//!
//! One module a concern: `transactions` reads each message into the transaction it
//! belongs to, `dialogs` holds a call's state, `checks` says what a response means and
//! what is wrong with it, `summaries` tells how a call ended.
//!
//! Memory is bounded by [`MAX_CALLS`] calls of bounded size, never by the trace: past the
//! cap, calls that have ended are summarised and dropped, and if that is not enough the
//! least recently active open calls are summarised early (their summary says so).

mod checks;
mod dialogs;
mod kind;
mod summaries;
mod timing;
mod transactions;

use std::collections::{HashMap, VecDeque};

use crate::message::{Message, Start};

pub use checks::meaning;
use dialogs::Call;
pub use kind::NoteKind;
pub(crate) use kind::note_kind_slugs;
pub use summaries::{Outcome, Summary};
pub use timing::{Seconds, Timing};
use transactions::{read_request, read_response};

/// The most calls held at once.
pub const MAX_CALLS: usize = 10_000;
/// The most steps a call's flow keeps; later steps are counted.
pub const MAX_FLOW: usize = 64;
/// The most transactions a call remembers; the oldest is forgotten first.
pub(crate) const MAX_TRANSACTIONS: usize = 32;
/// The most problems a call's summary lists; later ones are counted.
pub(crate) const MAX_PROBLEMS: usize = 8;
/// The most distinct responses a transaction remembers.
pub(crate) const MAX_RESPONSES: usize = 16;

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
    /// What the note is about; `--json` writes its stable slug.
    pub kind: NoteKind,
    /// Info or problem.
    pub level: Level,
    /// The note for people.
    pub text: String,
}

impl Note {
    pub(crate) fn info(kind: NoteKind, text: impl Into<String>) -> Note {
        Note { kind, level: Level::Info, text: text.into() }
    }

    pub(crate) fn problem(kind: NoteKind, text: impl Into<String>) -> Note {
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
    /// The packet that completed it, when read from a capture.
    pub origin: Option<crate::capture::Origin>,
    /// Whether the logging side sent or received it, when a log says so.
    pub direction: Option<crate::message::Direction>,
}

/// Every call open so far.
#[derive(Debug)]
pub struct Calls {
    calls: HashMap<String, Call>,
    next_order: u64,
    max_calls: usize,
    /// Summaries of calls dropped to stay under the cap, waiting to be printed.
    evicted: Vec<Summary>,
    /// Keep each call's messages as arrows for a ladder.
    pub ladder: bool,
}

impl Default for Calls {
    fn default() -> Self {
        Calls::new(MAX_CALLS)
    }
}

impl Calls {
    /// At most `max_calls` calls held at once.
    pub fn new(max_calls: usize) -> Calls {
        Calls {
            calls: HashMap::new(),
            next_order: 0,
            max_calls: max_calls.max(1),
            evicted: Vec::new(),
            ladder: false,
        }
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
                from_capture: message.origin.is_some(),
                retransmissions: 0,
                double_answers: 0,
                clock: timing::Clock::default(),
                arrows: Vec::new(),
                arrows_dropped: 0,
            };
            self.next_order += 1;
            self.calls.insert(id.clone(), call);
        }
        let mut call = message.call_id.as_ref().and_then(|id| self.calls.get_mut(id));
        if let Some(call) = call.as_deref_mut() {
            call.last_line = message.line;
            if self.ladder
                && let Some(origin) = message.origin
            {
                if call.arrows.len() < crate::ladder::MAX_ARROWS {
                    let label = match start {
                        Start::Request { method, .. } => method.clone(),
                        Start::Response { code, phrase, .. } => format!("{code} {phrase}"),
                    };
                    call.arrows.push(crate::ladder::Arrow {
                        time: origin.time,
                        src: origin.src,
                        dst: origin.dst,
                        label,
                    });
                } else {
                    call.arrows_dropped += 1;
                }
            }
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
        NoteKind::Sipfrag,
        "inside a message/sipfrag body: how the call started by a REFER is going (RFC 3515), \
         not a response of this call",
    ));
    Annotated {
        line: message.line,
        code,
        phrase,
        method: None,
        cseq: None,
        call_id: None,
        notes,
        origin: message.origin,
        direction: message.direction,
    }
}

#[cfg(test)]
mod tests {
    use super::summaries::describe;
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
        assert!(a.notes.iter().any(|n| n.kind == NoteKind::RetryAfter && n.level == Level::Problem), "{a:?}");
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

    /// Every value of SIP's other tables named from the registry data (`sip_codes::iana`),
    /// none from a table of the CLI's own.
    #[test]
    fn values_of_every_table_are_named_from_the_registry() {
        let mut calls = Calls::default();
        let read =
            |calls: &mut Calls, code, headers: &[&str]| texts(&calls.read(&response(code, headers)).unwrap());
        let warning = read(&mut calls, 488, &["CSeq: 1 INVITE", "Warning: 308 ua.example.com \"fr, de\""]);
        assert!(
            warning.iter().any(|t| t.starts_with("Warning 308 (Incompatible language specification)")),
            "{warning:?}"
        );
        let q850 = read(&mut calls, 503, &["CSeq: 2 INVITE", "Reason: Q.850;cause=47"]);
        assert!(
            q850.iter().any(|t| t == "Reason: Q.850 cause 47 (resource unavailable, unspecified)"),
            "{q850:?}"
        );
        let geo = read(
            &mut calls,
            424,
            &["CSeq: 3 INVITE", "Geolocation-Error: 100 ;code=\"Cannot Process Location\""],
        );
        assert!(
            geo.iter().any(|t| t.starts_with("Geolocation-Error 100 (Cannot Process Location): ")),
            "{geo:?}"
        );
        let alert = read(&mut calls, 425, &["CSeq: 4 INVITE", "AlertMsg-Error: 101"]);
        assert!(
            alert
                .iter()
                .any(|t| t
                    .starts_with("AlertMsg-Error 101 (Alert payload was not present or could not be found)")),
            "{alert:?}"
        );
        let stir = read(
            &mut calls,
            438,
            &["CSeq: 5 INVITE", "Reason: STIR;cause=438;text=\"Invalid Identity Header\""],
        );
        assert!(
            stir.iter().any(|t| t.starts_with("Reason: STIR cause 438 Invalid Identity Header")),
            "{stir:?}"
        );
        let unknown = read(&mut calls, 424, &["CSeq: 6 INVITE", "Geolocation-Error: 999"]);
        assert!(unknown.iter().any(|t| t.contains("IANA registers no such code")), "{unknown:?}");
    }

    #[test]
    fn warnings_are_named() {
        let mut calls = Calls::default();
        let a = calls
            .read(&response(488, &["CSeq: 1 INVITE", "Warning: 305 proxy.example.com \"no codec\""]))
            .unwrap();
        assert!(
            texts(&a).contains(
                &"Warning 305 (Incompatible media format) from proxy.example.com: \"no codec\"".to_owned()
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

    /// The outcome comes from the registry's data: 480 is no answer (not busy, as sngrep
    /// counts it), 608 declined, 477 a failure by its class.
    #[test]
    fn outcomes_follow_the_registry_data() {
        for (code, outcome) in [
            (480, Outcome::NoAnswer),
            (408, Outcome::NoAnswer),
            (600, Outcome::Busy),
            (608, Outcome::Declined),
            (477, Outcome::Failed),
            (407, Outcome::Challenged),
        ] {
            let mut calls = Calls::default();
            let call_id = format!("Call-ID: o{code}");
            let invite = [call_id.as_str(), "CSeq: 1 INVITE"];
            calls.read(&request("INVITE", &invite));
            calls.read(&response(code, &invite));
            assert_eq!(calls.finish()[0].outcome, outcome, "{code}");
        }
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

    fn kinds(a: &Annotated) -> Vec<&'static str> {
        a.notes.iter().map(|n| n.kind.slug()).collect()
    }

    /// A forking proxy's view: the INVITE to two phones (two branches), both ring, one
    /// answers; the proxy cancels the other, which answers 487.
    #[test]
    fn a_fork_is_one_branch_per_to_tag_and_the_cancel_of_the_loser_is_no_failure() {
        let mut calls = Calls::default();
        let b1 = ["Call-ID: f", "CSeq: 1 INVITE", "Via: SIP/2.0/UDP proxy;branch=z9hG4bK-1"];
        let b2 = ["Call-ID: f", "CSeq: 1 INVITE", "Via: SIP/2.0/UDP proxy;branch=z9hG4bK-2"];
        calls.read(&request("INVITE", &b1));
        calls.read(&request("INVITE", &b2));
        calls.read(&response(180, &[b1[0], b1[1], b1[2], "To: <sip:b@x>;tag=one"]));
        let ring2 = calls.read(&response(180, &[b2[0], b2[1], b2[2], "To: <sip:b@x>;tag=two"])).unwrap();
        assert_eq!(kinds(&ring2), ["response.meaning", "dialog.fork", "response.method"], "{ring2:?}");
        calls.read(&response(200, &[b1[0], b1[1], b1[2], "To: <sip:b@x>;tag=one"]));
        let cancel = calls
            .read(&request("CANCEL", &["Call-ID: f", "CSeq: 1 CANCEL", b2[2], "Reason: SIP;cause=200"]))
            .unwrap();
        assert!(texts(&cancel)[0].starts_with("CANCEL of a branch that has not answered"), "{cancel:?}");
        let terminated = calls.read(&response(487, &[b2[0], b2[1], b2[2], "To: <sip:b@x>;tag=two"])).unwrap();
        assert!(
            texts(&terminated)
                .iter()
                .any(|t| t.starts_with("this branch was cancelled because another branch answered")),
            "{terminated:?}"
        );
        calls.read(&request("ACK", &["Call-ID: f", "CSeq: 1 ACK"]));
        let summary = &calls.finish()[0];
        assert_eq!(summary.flow.join(" "), "INVITE 180 180 200 CANCEL 487 ACK");
        assert_eq!(summary.outcome, Outcome::Up);
    }

    /// Two 200s with different To tags answer the INVITE twice; the same 200 again on the
    /// same branch is a retransmission, counted and not read again.
    #[test]
    fn a_double_answer_is_not_a_retransmission() {
        let mut calls = Calls::default();
        let via = "Via: SIP/2.0/UDP a;branch=z9hG4bK-x";
        calls.read(&request("INVITE", &["Call-ID: d", "CSeq: 1 INVITE", via]));
        let first = calls
            .read(&response(200, &["Call-ID: d", "CSeq: 1 INVITE", via, "To: <sip:b@x>;tag=A"]))
            .unwrap();
        assert_eq!(kinds(&first)[0], "response.meaning");
        let again = calls
            .read(&response(200, &["Call-ID: d", "CSeq: 1 INVITE", via, "To: <sip:b@x>;tag=A"]))
            .unwrap();
        assert_eq!(kinds(&again), ["transaction.retransmission"], "{again:?}");
        let second = calls
            .read(&response(200, &["Call-ID: d", "CSeq: 1 INVITE", via, "To: <sip:b@x>;tag=B"]))
            .unwrap();
        assert!(kinds(&second).contains(&"dialog.fork"), "{second:?}");
        assert!(texts(&second).iter().any(|t| t.starts_with("a second answer to this INVITE")), "{second:?}");
        let resent = calls.read(&request("INVITE", &["Call-ID: d", "CSeq: 1 INVITE", via])).unwrap();
        assert_eq!(kinds(&resent), ["transaction.retransmission"]);
        assert!(texts(&resent)[0].starts_with("INVITE sent the 2nd time"), "{resent:?}");
        let summary = &calls.finish()[0];
        assert_eq!(summary.flow.join(" "), "INVITE 200 200");
        assert_eq!(summary.retransmissions, 2);
        assert_eq!(summary.double_answers, 1);
    }

    /// A B2BUA keeping the Call-ID gives each leg its own To tag: different tags on branches
    /// of different senders are two legs, not a fork.
    #[test]
    fn legs_of_a_b2bua_are_not_a_fork() {
        let mut calls = Calls::default();
        let caller = ["Call-ID: b", "CSeq: 1 INVITE", "Via: SIP/2.0/UDP alice;branch=z9hG4bK-a"];
        let b2bua = ["Call-ID: b", "CSeq: 1 INVITE", "Via: SIP/2.0/UDP sbc;branch=z9hG4bK-s"];
        calls.read(&request("INVITE", &caller));
        calls.read(&request("INVITE", &b2bua));
        calls.read(&response(200, &[b2bua[0], b2bua[1], b2bua[2], "To: <sip:b@x>;tag=callee"]));
        let upstream =
            calls.read(&response(200, &[caller[0], caller[1], caller[2], "To: <sip:b@x>;tag=sbc"])).unwrap();
        assert_eq!(kinds(&upstream)[0], "message.repeat", "{upstream:?}");
        assert!(!kinds(&upstream).contains(&"dialog.fork"), "{upstream:?}");
        assert_eq!(calls.finish()[0].double_answers, 0);
    }

    /// Without a `z9hG4bK` branch (RFC 2543), the Via's sent-by names the transaction.
    #[test]
    fn rfc_2543_branches_fall_back_to_the_via() {
        let mut calls = Calls::default();
        let old = ["Call-ID: o", "CSeq: 5 OPTIONS", "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=1"];
        calls.read(&request("OPTIONS", &old));
        calls.read(&response(200, &old));
        let again = calls.read(&response(200, &old)).unwrap();
        assert_eq!(kinds(&again), ["transaction.retransmission"]);
        let other_hop = ["Call-ID: o", "CSeq: 5 OPTIONS", "Via: SIP/2.0/UDP 192.0.2.7:5060"];
        let relayed = calls.read(&response(200, &other_hop)).unwrap();
        assert_eq!(kinds(&relayed), ["message.repeat"], "{relayed:?}");
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
