//! Answers as one JSON document for scripts (`--json`). The field names are stable.

use serde::Serialize;
use sip_codes::iana::StatusCode;

use crate::notes;
use crate::query::Answer;
use crate::text::{class_range, first_sentence, plain};
use crate::unregistered::Unknown;

/// The whole answer to one command line.
#[derive(Serialize)]
pub struct Document {
    /// The words as given, joined by spaces.
    pub query: String,
    /// Registered codes that matched, best first, each once.
    pub matches: Vec<Code>,
    /// Codes in 100..=699 that the registry does not hold, with how a UAC treats them.
    pub unregistered: Vec<Unregistered>,
    /// Numbers outside 100..=699 that a stack is known to use for its own failures (pjsip's
    /// 701 to 703): never on the wire, but in logs and APIs.
    pub local: Vec<Local>,
    /// Why a part of the query names no code (e.g. "999 is not a SIP status code: ...").
    pub invalid: Vec<String>,
    /// Q.850 causes asked for ("cause 17"), with the response a gateway sends for each.
    pub causes: Vec<Cause>,
    /// When keywords found nothing, what they may have meant ("busy" for "bussy"); `null`
    /// otherwise.
    pub suggestion: Option<String>,
}

/// A Q.850 cause and what a gateway makes of it.
#[derive(Serialize)]
pub struct Cause {
    /// The cause, 1 to 127.
    pub cause: u8,
    /// The response by RFC 3398 (ISUP); `null` when the gateway sends none.
    pub response: Option<u16>,
    /// The response by RFC 4497 (QSIG).
    pub qsig_response: Option<u16>,
    /// The same for people.
    pub text: String,
}

/// A registered code.
#[derive(Serialize)]
pub struct Code {
    /// The three-digit code.
    pub code: u16,
    /// The registry's Reason-Phrase.
    pub reason_phrase: String,
    /// `SIP/2.0 486 Busy Here`.
    pub status_line: String,
    /// RFC 3261 §7.2's class name: "Provisional" ... "Global Failure".
    pub class: &'static str,
    /// The class as a range: "1xx" ... "6xx".
    pub class_range: String,
    /// Whether the response ends the transaction (2xx to 6xx).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Whether the registry marks it deprecated.
    pub deprecated: bool,
    /// Former phrases that parsers still accept.
    pub aliases: Vec<&'static str>,
    /// The documents that define it.
    pub references: Vec<Reference>,
    /// The description's first sentence, plain text.
    pub summary: Option<String>,
    /// The description, Markdown.
    pub description: Option<&'static str>,
    /// For a keyword search, the note that matched when the code's own text did not (e.g.
    /// "timeout" finds 480 through its tip); `null` otherwise.
    pub matched_note: Option<MatchedNote>,
    /// Why the code answers a symptom ("codec mismatch") or a Q.850 cause; `null` otherwise.
    pub why: Option<String>,
}

/// A note from `specs/notes.toml` that a search matched.
#[derive(Serialize)]
pub struct MatchedNote {
    /// The request method the note is about; `null` for the code's general tip.
    pub method: Option<&'static str>,
    /// The note.
    pub text: &'static str,
}

/// A document that defines a code.
#[derive(Serialize)]
pub struct Reference {
    /// As the registry spells it: "RFC3261".
    pub id: &'static str,
    /// For people: "RFC 3261".
    pub title: &'static str,
    /// Where to read it, when known.
    pub url: Option<&'static str>,
}

/// An unregistered code in 100..=699.
#[derive(Serialize)]
pub struct Unregistered {
    /// The code.
    pub code: u16,
    /// Its class's name.
    pub class: &'static str,
    /// The code a UAC treats it as (RFC 3261 §8.1.3.2).
    pub treated_as: u16,
    /// That code's Reason-Phrase.
    pub treated_as_reason_phrase: &'static str,
    /// Where the code is commonly seen, if known.
    pub note: Option<&'static str>,
}

/// A number outside SIP's range that a stack uses locally.
#[derive(Serialize)]
pub struct Local {
    /// The number.
    pub code: u16,
    /// Which stack uses it, and for what.
    pub note: &'static str,
    /// Why it is not a status code.
    pub rule: Option<&'static str>,
}

impl Code {
    /// The JSON form of a registered code.
    pub fn new(status: StatusCode) -> Code {
        Code {
            code: status.code(),
            reason_phrase: status.reason_phrase().to_owned(),
            status_line: format!("SIP/2.0 {status}"),
            class: status.class().name(),
            class_range: class_range(status.class()),
            is_final: status.is_final(),
            deprecated: status.is_deprecated(),
            aliases: status.aliases().to_vec(),
            references: status
                .references()
                .iter()
                .map(|r| Reference { id: r.id, title: r.title, url: r.url })
                .collect(),
            summary: status.description().map(|d| first_sentence(&plain(d)).to_owned()),
            description: status.description(),
            matched_note: None,
            why: None,
        }
    }
}

impl Document {
    /// Gathers the answers to `query` into one document.
    pub fn new(query: String, answers: &[Answer]) -> Document {
        let mut document = Document {
            query,
            matches: Vec::new(),
            unregistered: Vec::new(),
            local: Vec::new(),
            invalid: Vec::new(),
            causes: Vec::new(),
            suggestion: None,
        };
        let mut seen = Vec::new();
        for answer in answers {
            let words = match answer {
                Answer::Search(codes, words) => {
                    if codes.is_empty() && document.suggestion.is_none() {
                        document.suggestion = crate::query::suggest(words);
                    }
                    Some(words.as_str())
                }
                _ => None,
            };
            match answer {
                Answer::Cause { cause, status, qsig, why } => document.causes.push(Cause {
                    cause: *cause,
                    response: status.map(StatusCode::code),
                    qsig_response: qsig.map(StatusCode::code),
                    text: why.clone(),
                }),
                Answer::Unknown(Unknown::Unregistered { code, class, treated_as }) => {
                    document.unregistered.push(Unregistered {
                        code: *code,
                        class: class.name(),
                        treated_as: treated_as.code(),
                        treated_as_reason_phrase: treated_as.reason_phrase(),
                        note: notes::wild(*code),
                    });
                }
                Answer::Unknown(unknown @ Unknown::OutOfRange(code)) => match notes::wild(*code) {
                    Some(note) => document.local.push(Local { code: *code, note, rule: unknown.rule() }),
                    None => document.invalid.push(unknown.headline()),
                },
                Answer::Invalid(why) => document.invalid.push(why.clone()),
                _ => {}
            }
            for (status, why) in answer.codes() {
                if !seen.contains(&status) {
                    seen.push(status);
                    let mut code = Code::new(status);
                    code.matched_note = words
                        .and_then(|words| crate::query::matched_note(status, words))
                        .map(|note| MatchedNote { method: note.method, text: note.text });
                    code.why = why.map(str::to_owned);
                    document.matches.push(code);
                }
            }
        }
        document
    }
}

/// `explain --json`: one object per annotated message, `"kind"` "response" or "request".
#[derive(Serialize)]
pub struct ExplainedMessage<'a> {
    /// "response" or "request".
    pub kind: &'static str,
    /// The line its start line is on, from 1.
    pub line: u64,
    /// The status code (responses).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<u16>,
    /// The Reason-Phrase as sent (responses).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason_phrase: Option<&'a str>,
    /// The request's method, or the method a response's CSeq names.
    pub method: Option<&'a str>,
    /// The CSeq number.
    pub cseq: Option<u32>,
    /// The Call-ID.
    pub call_id: Option<&'a str>,
    /// What is said about it, meaning first.
    pub notes: Vec<ExplainedNote<'a>>,
    /// From a capture: the capture time of the packet that completed the message, seconds
    /// since the Unix epoch with the capture's precision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<Box<serde_json::value::RawValue>>,
    /// From a capture: the sender, `192.0.2.1:5060` or `[2001:db8::1]:5060`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub src: Option<String>,
    /// From a capture: the receiver.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dst: Option<String>,
    /// From a capture: "udp", "tcp" or "sctp".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transport: Option<&'static str>,
    /// From a capture: the frame that completed the message, from 1 (also in `line`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub frame: Option<u64>,
    /// From a log that says so (SIPp `-trace_msg`, Kamailio sipdump, pjsua): "sent" or "received"
    /// by the logging side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<&'static str>,
}

/// One note on a message.
#[derive(Serialize)]
pub struct ExplainedNote<'a> {
    #[doc = concat!("What it is about, as a stable dotted slug: one of ", crate::calls::note_kind_slugs!(), "and more may be added.")]
    pub kind: &'static str,
    /// "info" or "problem".
    pub level: &'static str,
    /// The note for people.
    pub text: &'a str,
}

/// `explain --json`: one object per call, `"kind": "call"`.
#[derive(Serialize)]
pub struct ExplainedCall<'a> {
    /// Always "call".
    pub kind: &'static str,
    /// The Call-ID.
    pub call_id: &'a str,
    /// The lines of its first and last message.
    pub first_line: u64,
    /// See `first_line`.
    pub last_line: u64,
    /// Requests by method and responses by code, each once per transaction.
    pub flow: &'a [String],
    /// Steps not kept past the cap.
    pub flow_dropped: u64,
    /// "hung-up", "bye-unanswered", "up", "cancelled", "busy", "declined", "redirected",
    /// "challenged", "failed", "done" or "open".
    pub outcome: &'static str,
    /// The outcome for people.
    pub outcome_text: &'a str,
    /// What was wrong, each with its line.
    pub problems: &'a [String],
    /// Problems not kept past the cap.
    pub problems_dropped: u64,
    /// Why the call was summarised before the end of the trace, if it was.
    pub early: Option<&'a str>,
    /// Retransmitted requests and responses, counted and not read again.
    pub retransmissions: u64,
    /// Second answers to an INVITE from another branch of a fork (another To tag).
    pub double_answers: u64,
    /// From capture timestamps, in seconds with the capture's precision; `null` parts (and
    /// every part of a text trace) were not seen.
    pub timing: CallTiming,
}

/// A call's timing in `--json`.
#[derive(Serialize)]
pub struct CallTiming {
    /// The first INVITE to the first 18x.
    pub post_dial_delay: Option<Box<serde_json::value::RawValue>>,
    /// The first INVITE to the first 2xx.
    pub answer_time: Option<Box<serde_json::value::RawValue>>,
    /// The first 2xx to the first BYE.
    pub duration: Option<Box<serde_json::value::RawValue>>,
    /// The first INVITE to the final failure, for a call not answered.
    pub time_to_failure: Option<Box<serde_json::value::RawValue>>,
    /// Requests sent more than once on one branch.
    pub retransmission_runs: Vec<RetransmissionRun>,
}

/// A request sent more than once.
#[derive(Serialize)]
pub struct RetransmissionRun {
    /// The method.
    pub method: String,
    /// The CSeq number.
    pub cseq: u32,
    /// Times sent.
    pub sent: u32,
    /// Seconds from the first sending to the last, when timed.
    pub over: Option<Box<serde_json::value::RawValue>>,
}

fn seconds(span: Option<crate::calls::Seconds>) -> Option<Box<serde_json::value::RawValue>> {
    span.and_then(|s| serde_json::value::RawValue::from_string(s.to_string()).ok())
}

/// Writes one explained message as a line of JSON.
pub fn write_annotation(
    out: &mut impl std::io::Write,
    annotated: &crate::calls::Annotated,
) -> std::io::Result<()> {
    use crate::calls::Level;
    let origin = annotated.origin.as_ref();
    let object = ExplainedMessage {
        time: origin.and_then(|o| serde_json::value::RawValue::from_string(o.time.to_string()).ok()),
        src: origin.map(|o| o.src.to_string()),
        dst: origin.map(|o| o.dst.to_string()),
        transport: origin.map(|o| o.transport.key()),
        frame: origin.map(|o| o.frame),
        direction: annotated.direction.map(crate::message::Direction::key),
        kind: if annotated.code.is_some() { "response" } else { "request" },
        line: annotated.line,
        code: annotated.code,
        reason_phrase: annotated.phrase.as_deref(),
        method: annotated.method.as_deref(),
        cseq: annotated.cseq,
        call_id: annotated.call_id.as_deref(),
        notes: annotated
            .notes
            .iter()
            .map(|n| ExplainedNote {
                kind: n.kind.slug(),
                level: if n.level == Level::Problem { "problem" } else { "info" },
                text: &n.text,
            })
            .collect(),
    };
    serde_json::to_writer(&mut *out, &object).map_err(std::io::Error::from)?;
    writeln!(out)
}

/// `explain --json` on a capture: one object at the end, `"kind": "capture"`.
#[derive(Serialize)]
pub struct CaptureReport<'a> {
    /// Always "capture".
    pub kind: &'static str,
    /// Frames read.
    pub frames: u64,
    /// SIP messages read from them.
    pub messages: u64,
    /// What was skipped or dropped by a cap, one sentence each; empty when nothing was.
    pub dropped: &'a [String],
    /// Why reading stopped before the end of the file, if it did.
    pub error: Option<&'a str>,
}

/// Writes the capture's report as a line of JSON.
pub fn write_capture(
    out: &mut impl std::io::Write,
    report: &crate::capture::Report,
    error: Option<&str>,
) -> std::io::Result<()> {
    let dropped = report.dropped();
    let object = CaptureReport {
        kind: "capture",
        frames: report.frames,
        messages: report.messages,
        dropped: &dropped,
        error,
    };
    serde_json::to_writer(&mut *out, &object).map_err(std::io::Error::from)?;
    writeln!(out)
}

/// Writes one call summary as a line of JSON.
pub fn write_call(out: &mut impl std::io::Write, call: &crate::calls::Summary) -> std::io::Result<()> {
    let object = ExplainedCall {
        kind: "call",
        call_id: &call.call_id,
        first_line: call.lines.0,
        last_line: call.lines.1,
        flow: &call.flow,
        flow_dropped: call.flow_dropped,
        outcome: call.outcome.key(),
        outcome_text: &call.outcome_text,
        problems: &call.problems,
        problems_dropped: call.problems_dropped,
        early: call.early.as_deref(),
        retransmissions: call.retransmissions,
        double_answers: call.double_answers,
        timing: CallTiming {
            post_dial_delay: seconds(call.timing.post_dial_delay),
            answer_time: seconds(call.timing.answer_time),
            duration: seconds(call.timing.duration),
            time_to_failure: seconds(call.timing.time_to_failure),
            retransmission_runs: call
                .timing
                .retransmission_runs
                .iter()
                .map(|r| RetransmissionRun {
                    method: r.method.clone(),
                    cseq: r.cseq,
                    sent: r.sent,
                    over: seconds(r.over),
                })
                .collect(),
        },
    };
    serde_json::to_writer(&mut *out, &object).map_err(std::io::Error::from)?;
    writeln!(out)
}
