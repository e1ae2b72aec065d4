//! Transactions: each request and response read into the transaction it belongs to (by
//! CSeq number and method), and what it means there.

use sip_codes::iana::StatusCode;

use super::checks::{
    dialog_effect, for_method, meaning, missing_headers, reason_notes, retry_after, warning_notes,
};
use super::dialogs::Call;
use super::summaries::describe;
use super::{Annotated, MAX_RESPONSES, MAX_TRANSACTIONS, Note};
use crate::message::Message;

/// One transaction of a call.
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

pub(crate) fn read_request(message: &Message, method: &str, call: Option<&mut Call>) -> Option<Annotated> {
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
        origin: message.origin,
    })
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
        origin: message.origin,
    }
}
