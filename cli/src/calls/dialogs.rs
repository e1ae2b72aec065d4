//! A call's state: the messages of one Call-ID, its flow, its problems and its transactions.

use std::collections::VecDeque;

use super::Outcome;
use super::transactions::Transaction;
use super::{MAX_FLOW, MAX_PROBLEMS};

/// One call: every message with its Call-ID.
#[derive(Clone, Debug)]
pub(crate) struct Call {
    pub(crate) id: String,
    pub(crate) order: u64,
    pub(crate) first_line: u64,
    pub(crate) last_line: u64,
    pub(crate) flow: Vec<String>,
    pub(crate) flow_dropped: u64,
    pub(crate) transactions: VecDeque<Transaction>,
    /// Each problem once, with the lines it was seen on.
    pub(crate) problems: Vec<(Vec<u64>, String)>,
    pub(crate) problems_dropped: u64,
    /// The method of the first request seen; `None` until one is.
    pub(crate) first_method: Option<String>,
    /// A CANCEL said another branch answered (`Reason: SIP;cause=200`).
    pub(crate) answered_elsewhere: bool,
    /// Read from a capture: its line numbers are frame numbers.
    pub(crate) from_capture: bool,
    /// Retransmitted requests and responses.
    pub(crate) retransmissions: u64,
    /// 2xx to an INVITE from a second branch (another To tag).
    pub(crate) double_answers: u64,
    /// The moments its timing is read from.
    pub(crate) clock: super::timing::Clock,
    /// Its messages as arrows, for `explain --ladder`.
    pub(crate) arrows: Vec<crate::ladder::Arrow>,
    /// Arrows past the cap.
    pub(crate) arrows_dropped: u64,
}

impl Call {
    pub(crate) fn step(&mut self, step: String) {
        if self.flow.len() < MAX_FLOW {
            self.flow.push(step);
        } else {
            self.flow_dropped += 1;
        }
    }

    /// Notes a problem; the same problem again only adds its line.
    pub(crate) fn problem(&mut self, line: u64, text: &str) {
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

    pub(crate) fn answered(&self) -> Option<&Transaction> {
        self.transactions
            .iter()
            .find(|t| t.method == "INVITE" && t.final_code.is_some_and(|(c, _)| (200..300).contains(&c)))
    }

    /// Whether nothing more is expected: a summary now would not change later.
    pub(crate) fn has_ended(&self) -> bool {
        let outcome = self.outcome().0;
        !matches!(outcome, Outcome::Up | Outcome::Open)
    }
}
