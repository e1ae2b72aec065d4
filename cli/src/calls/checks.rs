//! What a response means for its request, and what is wrong with it: the code's meaning,
//! the per-method note, required header fields, Retry-After, Reason and Warning.

use super::NoteKind;
use sip_codes::iana::StatusCode;
use sip_codes::{Class, Requirement};

use super::Note;
use super::summaries::describe;
use crate::header::{self, Reason};
use crate::message::Message;
use crate::notes;
use crate::query::is_phrase_of;
use crate::text::{first_sentence, plain, printable};
use crate::unregistered::Unknown;

/// What a failure to a request inside the established dialog ends, by RFC 5057 §5.1.
pub(crate) fn dialog_effect(effect: sip_codes::DialogEffect, method: &str) -> String {
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
            notes.push(Note::info(NoteKind::Unregistered, unknown.headline()));
        }
        if let Some(seen) = notes::wild(code) {
            notes.push(Note::info(NoteKind::Unregistered, seen));
        }
        return notes;
    };
    let deprecated = if status.is_deprecated() { " (deprecated)" } else { "" };
    let summary =
        status.description().map(|d| format!(" - {}", first_sentence(&plain(d)))).unwrap_or_default();
    let mut notes =
        vec![Note::info(NoteKind::Meaning, format!("{status}{deprecated}: {}{summary}", status.class()))];
    if phrase.is_empty() {
        // An empty Reason-Phrase is allowed: nothing to flag.
    } else if status.aliases().iter().any(|a| a.eq_ignore_ascii_case(&phrase)) {
        notes.push(Note::info(
            NoteKind::Phrase,
            format!(
                "\"{phrase}\" is a former phrase of {code}; the registry now says \"{}\"",
                status.reason_phrase()
            ),
        ));
    } else if !is_phrase_of(status, &phrase) {
        notes.push(Note::info(
            NoteKind::Phrase,
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
pub(crate) fn for_method(code: u16, method: &str, cancel_seen: bool) -> Option<String> {
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
pub(crate) fn missing_headers(
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
                NoteKind::Header,
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
pub(crate) fn retry_after(status: StatusCode, message: &Message) -> Vec<Note> {
    let Some(value) = &message.retry_after else {
        if status == StatusCode::ServiceUnavailable && !message.names.is_empty() {
            return vec![Note::info(
                NoteKind::RetryAfter,
                "no Retry-After: the client handles this 503 as a 500 (RFC 3261 §21.5.4) and tries another server",
            )];
        }
        return Vec::new();
    };
    let value = printable(value);
    let Some(seconds) = header::retry_after_seconds(&value) else {
        return vec![Note::problem(
            NoteKind::RetryAfter,
            format!("Retry-After \"{value}\" is not a number of seconds (RFC 3261 §20.33)"),
        )];
    };
    let mut notes =
        vec![Note::info(NoteKind::RetryAfter, format!("Retry-After: try again in {}", duration(seconds)))];
    if !status.allows_retry_after() {
        notes.push(Note::problem(
            NoteKind::RetryAfter,
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

/// Each Reason value named from the registry data (`sip_codes::iana`: the protocol, a Q.850
/// cause's name, a SIP or STIR cause's phrase); on a response, a Q.850 cause compared with the
/// status by the RFC 3398 table.
pub(crate) fn reason_notes(reasons: &[Reason], status: Option<StatusCode>) -> Vec<Note> {
    use sip_codes::iana::{Q850Cause, ReasonProtocol};
    let mut notes = Vec::new();
    for reason in reasons {
        let protocol = printable(&reason.protocol);
        if let Some(problem) = &reason.problem {
            notes.push(Note::problem(
                NoteKind::Reason,
                format!("Reason: {protocol} does not parse: {problem}"),
            ));
            continue;
        }
        let text = reason.text.as_deref().map(|t| format!(", text \"{}\"", printable(t))).unwrap_or_default();
        let registered = ReasonProtocol::from_token(&reason.protocol);
        let Some(cause) = reason.cause else {
            let what = if registered.is_some() { "" } else { " (a protocol IANA does not register)" };
            notes.push(Note::info(
                NoteKind::Reason,
                format!("Reason: {protocol}{what} without a numeric cause{text}"),
            ));
            continue;
        };
        match registered {
            Some(ReasonProtocol::Q850) => {
                let name = Q850Cause::from_code(cause)
                    .map_or_else(|| "not a Q.850 cause value".to_owned(), |c| c.text().to_owned());
                notes.push(Note::info(
                    NoteKind::Reason,
                    format!("Reason: Q.850 cause {cause} ({name}){text}"),
                ));
                if let (Some(status), Ok(cause)) = (status, u8::try_from(cause))
                    && let Some(note) = compare_q850(status, cause)
                {
                    notes.push(note);
                }
            }
            Some(ReasonProtocol::Sip) => {
                let named = describe(cause);
                let extra = if cause == 200 {
                    ": the call was answered elsewhere (another branch took it)"
                } else {
                    ""
                };
                notes.push(Note::info(NoteKind::Reason, format!("Reason: SIP cause {named}{extra}{text}")));
            }
            // RFC 8224 §6.2.2: the cause is the STIR response code the verifier would send.
            Some(ReasonProtocol::Stir) => {
                let named = describe(cause);
                notes.push(Note::info(
                    NoteKind::Reason,
                    format!("Reason: STIR cause {named}: the identity check that failed (RFC 8224){text}"),
                ));
            }
            Some(other) => {
                let about =
                    other.description().map(|d| format!(": {}", first_sentence(d))).unwrap_or_default();
                notes.push(Note::info(
                    NoteKind::Reason,
                    format!("Reason: {protocol} cause {cause}{about}{text}"),
                ));
            }
            None => notes.push(Note::info(
                NoteKind::Reason,
                format!("Reason: {protocol} cause {cause} (a protocol IANA does not register){text}"),
            )),
        }
    }
    notes
}

/// A Geolocation-Error (RFC 6442 §4.3) or AlertMsg-Error (RFC 8876 §4.1) code named from its
/// registry.
pub(crate) fn error_code_notes(geolocation: Option<u16>, alert: Option<u16>) -> Vec<Note> {
    use sip_codes::iana::{AlertMsgErrorCode, GeolocationErrorCode};
    let geolocation = geolocation.map(|code| {
        let named = GeolocationErrorCode::from_code(code).map(|v| (v.text(), v.description()));
        error_code_note(NoteKind::GeolocationError, "Geolocation-Error", "RFC 6442 §8.3", code, named)
    });
    let alert = alert.map(|code| {
        let named = AlertMsgErrorCode::from_code(code).map(|v| (v.text(), v.description()));
        error_code_note(NoteKind::AlertMsgError, "AlertMsg-Error", "RFC 8876", code, named)
    });
    geolocation.into_iter().chain(alert).collect()
}

/// One error header's code: its registry's text and description, or a problem for a code its
/// registry (defined in `rfc`) does not hold.
fn error_code_note(
    kind: NoteKind,
    header: &str,
    rfc: &str,
    code: u16,
    named: Option<(&str, Option<&str>)>,
) -> Note {
    match named {
        Some((text, description)) => {
            Note::info(kind, format!("{header} {code} ({text}): {}", description.unwrap_or_default()))
        }
        None => Note::problem(kind, format!("{header} {code}: IANA registers no such code ({rfc})")),
    }
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
    let name = |c: u8| sip_codes::iana::Q850Cause::from_code(u16::from(c)).map_or("unnamed", |c| c.text());
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
        NoteKind::Reason,
        format!(
            "the Q.850 cause disagrees with the status: {one_way}, and {other_way}; the status code decides (RFC 6432 §4)"
        ),
    ))
}

/// Each Warning value with its warn-code named from the registry (`sip_codes::iana::WarnCode`).
pub(crate) fn warning_notes(warnings: &[header::Warning]) -> Vec<Note> {
    warnings
        .iter()
        .map(|w| {
            let text = printable(&w.text);
            let agent = printable(&w.agent);
            match sip_codes::iana::WarnCode::from_code(w.code) {
                Some(name) => Note::info(
                    NoteKind::Warning,
                    format!("Warning {} ({}) from {agent}: \"{text}\"", w.code, name.text()),
                ),
                None if (300..400).contains(&w.code) => Note::info(
                    NoteKind::Warning,
                    format!("Warning {} (unregistered warn-code) from {agent}: \"{text}\"", w.code),
                ),
                None => Note::problem(
                    NoteKind::Warning,
                    format!(
                        "Warning {} from {agent}: IANA registers no such warn-code; the registered ones run from 300 to 399 (RFC 3261 §20.43)",
                        w.code
                    ),
                ),
            }
        })
        .collect()
}
