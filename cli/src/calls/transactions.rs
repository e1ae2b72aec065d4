//! Transactions as RFC 3261 §17 names them: a request and its responses by the topmost Via's
//! branch (§17.1.3, §17.2.3), or for an RFC 2543 peer without a `z9hG4bK` branch by the Via's
//! sent-by (§17.2.3's fallback, simplified), grouped under the request's CSeq number and
//! method. One CSeq and method seen with several branches is the request crossing several
//! hops, or forked by a proxy; responses with different To tags are different branches of a
//! fork (§13.2.2.4: two 2xx with different tags are two answers). The same response again on
//! the same branch with the same tag is a retransmission: counted, not annotated again.

use super::NoteKind;
use sip_codes::iana::StatusCode;

use super::checks::{
    dialog_effect, error_code_notes, for_method, meaning, missing_headers, reason_notes, retry_after,
    warning_notes,
};
use super::dialogs::Call;
use super::summaries::describe;
use super::{Annotated, MAX_RESPONSES, MAX_TRANSACTIONS, Note};
use crate::capture::Timestamp;
use crate::message::Message;

/// The most branches (hops and forks) a transaction remembers.
const MAX_BRANCHES: usize = 16;
/// The most answers (2xx with distinct To tags) a transaction remembers.
const MAX_ANSWERS: usize = 8;

/// A response as a branch saw it.
#[derive(Clone, Debug)]
pub(crate) struct BranchResponse {
    pub(crate) code: u16,
    pub(crate) to_tag: Option<String>,
    pub(crate) line: u64,
}

/// One hop or fork of a transaction: one Via branch.
#[derive(Clone, Debug, Default)]
pub(crate) struct Branch {
    /// The branch parameter, `2543:` and the Via's sent-by without one, empty without a Via.
    pub(crate) id: String,
    /// The topmost Via without its parameters: who sent the request. Branches with the same
    /// sender are a fork of that sender's; with different senders, different hops.
    pub(crate) via: String,
    /// Times its request was seen.
    pub(crate) requests: u32,
    /// Its request's Request-URI: a request with the same branch and another URI is another
    /// hop whose proxy reused the branch (RFC 3665 §3.8 F18 does), not a retransmission.
    pub(crate) uri: String,
    /// The capture times of its request's first and last sending.
    pub(crate) request_times: Option<(Timestamp, Timestamp)>,
    /// Its distinct responses.
    pub(crate) responses: Vec<BranchResponse>,
    /// Its first final response.
    pub(crate) final_code: Option<(u16, u64)>,
    /// The line of a CANCEL for this branch.
    pub(crate) cancelled: Option<u64>,
}

/// One transaction of a call: a CSeq number and method, over every hop and fork.
#[derive(Clone, Debug)]
pub(crate) struct Transaction {
    pub(crate) cseq: u32,
    pub(crate) method: String,
    /// The line of its request, if the trace has it.
    pub(crate) request_line: Option<u64>,
    /// Distinct responses, with the line each was first seen on.
    pub(crate) responses: Vec<(u16, u64)>,
    /// The first final response.
    pub(crate) final_code: Option<(u16, u64)>,
    /// Its branches.
    pub(crate) branches: Vec<Branch>,
    /// 2xx responses by To tag, with their line: more than one is a double answer.
    pub(crate) answers: Vec<(Option<String>, u64)>,
    /// Retransmitted requests and responses.
    pub(crate) retransmissions: u64,
    /// Capture times: the request first sent, the first 18x, the first final response.
    pub(crate) sent: Option<Timestamp>,
    pub(crate) first_ringing: Option<Timestamp>,
    pub(crate) final_time: Option<Timestamp>,
}

impl Transaction {
    /// The branch with this id, added when new (past the cap, the oldest is forgotten).
    pub(crate) fn branch(&mut self, id: &str) -> &mut Branch {
        let at = match self.branches.iter().position(|b| b.id == id) {
            Some(at) => at,
            None => {
                if self.branches.len() == MAX_BRANCHES {
                    self.branches.remove(0);
                }
                self.branches.push(Branch { id: id.to_owned(), ..Branch::default() });
                self.branches.len() - 1
            }
        };
        &mut self.branches[at]
    }
}

/// What names a message's transaction within its CSeq and method: the topmost Via's branch
/// when it has RFC 3261's magic cookie, else (RFC 2543) the Via's sent-by.
pub(crate) fn branch_id(message: &Message) -> String {
    match (&message.branch, &message.via) {
        (Some(branch), _) if branch.starts_with("z9hG4bK") => branch.clone(),
        (_, Some(via)) => format!("2543:{via}"),
        (Some(branch), None) => branch.clone(),
        (None, None) => String::new(),
    }
}

impl Call {
    pub(crate) fn transaction(&mut self, cseq: u32, method: &str) -> &mut Transaction {
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
                    branches: Vec::new(),
                    answers: Vec::new(),
                    retransmissions: 0,
                    sent: None,
                    first_ringing: None,
                    final_time: None,
                });
                self.transactions.len() - 1
            }
        };
        &mut self.transactions[at]
    }

    pub(crate) fn find(&self, cseq: u32, method: &str) -> Option<&Transaction> {
        self.transactions.iter().find(|t| t.cseq == cseq && t.method == method)
    }
}

/// "2nd", "3rd", "11th".
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(crate) fn read_request(message: &Message, method: &str, call: Option<&mut Call>) -> Option<Annotated> {
    let mut notes = Vec::new();
    let cseq = message.cseq.as_ref().map(|(n, _)| *n);
    let time = message.time();
    let annotated = |notes| Annotated {
        line: message.line,
        code: None,
        phrase: None,
        method: Some(method.to_owned()),
        cseq,
        call_id: message.call_id.clone(),
        notes,
        origin: message.origin,
        direction: message.direction,
    };
    if let Some(call) = call {
        if call.first_method.is_none() {
            call.first_method = Some(method.to_owned());
        }
        if let Some(n) = cseq {
            let uri = match &message.start {
                Some(crate::message::Start::Request { uri, .. }) => uri.as_str(),
                _ => "",
            };
            let mut id = branch_id(message);
            let reused = call
                .find(n, method)
                .is_some_and(|t| t.branches.iter().any(|b| b.id == id && b.requests > 0 && b.uri != uri));
            if reused {
                id = format!("{id} {uri}");
            }
            // A request seen again on its branch: a retransmission, counted and said once.
            let retransmitted =
                call.find(n, method).and_then(|t| t.branches.iter().find(|b| b.id == id && b.requests > 0));
            if let Some(branch) = retransmitted {
                let nth = branch.requests + 1;
                let first_sent = branch.request_times.map(|(first, _)| first);
                call.clock.retransmission(n, method, &id, first_sent, time);
                let first = call.find(n, method).and_then(|t| t.request_line).unwrap_or(message.line);
                let transaction = call.transaction(n, method);
                transaction.retransmissions += 1;
                let branch = transaction.branch(&id);
                branch.requests += 1;
                if let (Some(time), Some((_, last))) = (time, &mut branch.request_times) {
                    *last = time;
                }
                call.retransmissions += 1;
                let text = format!(
                    "{method} sent the {} time (first on line {first}): a retransmission",
                    ordinal(nth)
                );
                return Some(annotated(vec![Note::info(NoteKind::Retransmission, text)]));
            }
            if method == "CANCEL" {
                let elsewhere = message
                    .reasons
                    .iter()
                    .any(|r| r.protocol.eq_ignore_ascii_case("SIP") && r.cause == Some(200));
                call.answered_elsewhere |= elsewhere;
                notes.extend(cancel_notes(call, n, &id, message.line));
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
                        notes.push(Note::info(NoteKind::Retry, text));
                    }
                }
            }
            call.clock.request(method, time);
            let transaction = call.transaction(n, method);
            let first = transaction.request_line.is_none();
            transaction.request_line.get_or_insert(message.line);
            if let Some(time) = time {
                transaction.sent.get_or_insert(time);
            }
            let branch = transaction.branch(&id);
            branch.requests += 1;
            if branch.via.is_empty() {
                branch.via = message.via.clone().unwrap_or_default();
            }
            if branch.uri.is_empty() {
                branch.uri = uri.to_owned();
            }
            if let Some(time) = time {
                branch.request_times.get_or_insert((time, time));
            }
            if first {
                call.step(method.to_owned());
            }
        }
    }
    notes.extend(reason_notes(&message.reasons, None));
    if notes.is_empty() {
        return None;
    }
    Some(annotated(notes))
}

/// A CANCEL matched to the INVITE it cancels: the INVITE's branch with the CANCEL's branch
/// (RFC 3261 §9.1 gives them the same), else any branch when the trace lacks that one.
fn cancel_notes(call: &mut Call, cseq: u32, id: &str, line: u64) -> Vec<Note> {
    let Some(invite) = call.transactions.iter_mut().find(|t| t.cseq == cseq && t.method == "INVITE") else {
        return Vec::new();
    };
    let answer = invite.answers.first().map(|(_, l)| *l);
    let mut notes = Vec::new();
    if let Some(branch) = invite.branches.iter_mut().find(|b| b.id == id) {
        branch.cancelled.get_or_insert(line);
        match (branch.final_code, answer) {
            (Some((code, at)), _) => notes.push(Note::info(
                NoteKind::Cancel,
                format!("CANCEL after this branch of the INVITE already got its final response ({code}, line {at}): it changes nothing"),
            )),
            (None, Some(at)) => notes.push(Note::info(
                NoteKind::Cancel,
                format!(
                    "CANCEL of a branch that has not answered, after another branch answered (line {at}): \
                     the forking proxy ends the other branches (RFC 3261 §16.7 step 10)"
                ),
            )),
            (None, None) => {}
        }
    } else if let Some((code, at)) = invite.final_code
        && invite.branches.iter().all(|b| b.final_code.is_some())
    {
        notes.push(Note::info(
            NoteKind::Cancel,
            format!("CANCEL after the INVITE already got its final response ({code}, line {at}): it changes nothing"),
        ));
    }
    notes
}

pub(crate) fn read_response(
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
    let annotated = |notes| Annotated {
        line: message.line,
        code: Some(code),
        phrase: Some(phrase.to_owned()),
        method: method.map(str::to_owned),
        cseq,
        call_id: message.call_id.clone(),
        notes,
        origin: message.origin,
        direction: message.direction,
    };
    let status = StatusCode::from_code(code);
    let mut notes = Vec::new();
    // Already seen on another hop (another branch, the same To tag): said briefly.
    let mut repeat_of = None;
    let mut answered_before = false;
    let mut cancel_seen = false;
    // This branch was cancelled after another branch answered (the line of that answer).
    let mut cancelled_for = None;
    if let (Some(call), Some(n), Some(m)) = (call, cseq, method) {
        // In the dialog the answer set up, not another branch of the INVITE that set it up.
        answered_before = call.answered().is_some_and(|t| !(t.cseq == n && t.method == m));
        cancel_seen = call.find(n, "CANCEL").is_some();
        let id = branch_id(message);
        let to_tag = message.to_tag.clone();
        let time = message.time();
        let is_retransmission = call
            .find(n, m)
            .and_then(|t| t.branches.iter().find(|b| b.id == id))
            .is_some_and(|b| b.responses.iter().any(|r| r.code == code && r.to_tag == to_tag));
        if m == "INVITE" && !is_retransmission {
            call.clock.invite_response(code, time);
        }
        let transaction = call.transaction(n, m);
        let branch = transaction.branch(&id);
        let again = branch.responses.iter().find(|r| r.code == code && r.to_tag == to_tag).map(|r| r.line);
        if let Some(first) = again {
            transaction.retransmissions += 1;
            call.retransmissions += 1;
            let text = format!(
                "{} retransmitted for CSeq {n} {m} (first on line {first}): counted, not read again",
                describe(code)
            );
            return annotated(vec![Note::info(NoteKind::Retransmission, text)]);
        }
        if branch.via.is_empty() {
            branch.via = message.via.clone().unwrap_or_default();
        }
        let via = branch.via.clone();
        // A fork: responses with different To tags to the branches one sender made (RFC 3261
        // §13.2.2.4, §12.1): on the forking proxy's side each branch has its own, on the
        // caller's side one branch gets them all. Different tags on branches of different
        // senders are a B2BUA's legs, not a fork.
        let tagged_before =
            |r: &&BranchResponse| r.to_tag.is_some() && to_tag.is_some() && r.to_tag != to_tag;
        let siblings = || transaction.branches.iter().filter(|b| b.via == via).flat_map(|b| &b.responses);
        let early_elsewhere = siblings().filter(tagged_before).find(|r| r.code < 300).map(|r| r.line);
        let answered_elsewhere =
            siblings().filter(tagged_before).find(|r| (200..300).contains(&r.code)).map(|r| r.line);
        let branch = transaction.branch(&id);
        if branch.responses.len() < MAX_RESPONSES {
            branch.responses.push(BranchResponse { code, to_tag: to_tag.clone(), line: message.line });
        }
        if code >= 200 && branch.final_code.is_none() {
            branch.final_code = Some((code, message.line));
        }
        let branch_cancelled = branch.cancelled.is_some();
        let other_answer = transaction.answers.iter().find(|(tag, _)| *tag != to_tag).map(|(_, l)| *l);
        if code == 487 && m == "INVITE" && branch_cancelled {
            cancelled_for = other_answer;
        }
        if let Some(time) = time {
            if (180..190).contains(&code) {
                transaction.first_ringing.get_or_insert(time);
            }
            if code >= 200 {
                transaction.final_time.get_or_insert(time);
            }
        }
        let mut step = false;
        if (200..300).contains(&code) && m == "INVITE" {
            let known = transaction.answers.iter().any(|(tag, _)| *tag == to_tag);
            if !known && transaction.answers.len() < MAX_ANSWERS {
                transaction.answers.push((to_tag.clone(), message.line));
            }
            if !known && let Some(first) = answered_elsewhere {
                // §13.2.2.4: each 2xx from another branch makes its own dialog.
                notes.push(Note::info(
                    NoteKind::Fork,
                    format!(
                        "a second answer to this INVITE, from another branch (To tag {}; the first answer is on line {first}): \
                         the caller must ACK it and, keeping one call, end the other with a BYE (RFC 3261 §13.2.2.4)",
                        to_tag.as_deref().unwrap_or("none")
                    ),
                ));
                step = true;
            }
        }
        let seen = transaction.responses.iter().find(|(c, _)| *c == code).map(|(_, l)| *l);
        // A second answer is a step of its own: `INVITE 180 200 200`.
        let double_answer = step;
        match seen {
            // The same code from another branch of a fork: a 180 from each phone rung.
            Some(_) if !step && m == "INVITE" && code < 200 && early_elsewhere.is_some() => {
                notes.push(Note::info(
                    NoteKind::Fork,
                    format!(
                        "{} from another branch of a fork (To tag {}; another tag on line {}): another early dialog (RFC 3261 §12.1)",
                        describe(code),
                        to_tag.as_deref().unwrap_or("none"),
                        early_elsewhere.unwrap_or_default()
                    ),
                ));
                call.step(code.to_string());
            }
            // The same response relayed by another hop.
            Some(line) if !step => repeat_of = Some(line),
            _ => {
                if transaction.responses.len() < MAX_RESPONSES && seen.is_none() {
                    transaction.responses.push((code, message.line));
                }
                if code >= 200 && transaction.final_code.is_none() {
                    transaction.final_code = Some((code, message.line));
                }
                call.step(code.to_string());
            }
        }
        if double_answer {
            call.double_answers += 1;
        }
    }
    match repeat_of {
        Some(line) => notes.push(Note::info(
            NoteKind::Repeat,
            format!(
                "{} again for CSeq {} {} (first on line {line}): the same response on another hop",
                describe(code),
                cseq.unwrap_or_default(),
                method.unwrap_or_default()
            ),
        )),
        None if notes.is_empty() => notes.extend(meaning(code, phrase)),
        None => notes.splice(0..0, meaning(code, phrase)).for_each(drop),
    }
    if let Some(why) = malformed {
        notes.push(Note::problem(NoteKind::Malformed, why.to_owned()));
    }
    if let (Some(m), None) = (method, repeat_of)
        && let Some(text) = for_method(code, m, cancel_seen)
    {
        notes.push(Note::info(NoteKind::Method, format!("to {m}: {text}")));
    }
    if let Some(line) = cancelled_for {
        notes.push(Note::info(
            NoteKind::Fork,
            format!(
                "this branch was cancelled because another branch answered (line {line}): not the caller's doing, and the call goes on"
            ),
        ));
    }
    if let (Some(status), Some(m), true) = (status, method, answered_before && code >= 300)
        && let Some(effect) = status.dialog_effect(m)
    {
        notes.push(Note::info(NoteKind::Dialog, dialog_effect(effect, m)));
    }
    if method == Some("ACK") {
        notes.push(Note::problem(
            NoteKind::Ack,
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
                NoteKind::Reason,
                "a Q.850 Reason on 100 Trying, which is hop by hop and never carries one (RFC 6432 §3)",
            ));
        }
        notes.extend(reason_notes(&message.reasons, Some(status)));
    } else {
        notes.extend(reason_notes(&message.reasons, None));
    }
    notes.extend(warning_notes(&message.warnings));
    notes.extend(error_code_notes(message.geolocation_error, message.alertmsg_error));
    annotated(notes)
}
