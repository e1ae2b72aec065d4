//! What a response means for its request, and what is wrong with it: the code's meaning,
//! the per-method note, required header fields, Retry-After, Reason and Warning.

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
pub(crate) fn retry_after(status: StatusCode, message: &Message) -> Vec<Note> {
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
pub(crate) fn reason_notes(reasons: &[Reason], status: Option<StatusCode>) -> Vec<Note> {
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
pub(crate) fn warning_notes(warnings: &[header::Warning]) -> Vec<Note> {
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
