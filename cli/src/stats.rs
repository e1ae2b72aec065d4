//! `sip-codes stats`: a trace or capture counted rather than annotated. Messages by method
//! and by code, responses by the method they answer, retransmissions, how calls ended,
//! setup and post-dial times, and the RFC 6076 §4 ratios.
//!
//! The ratios count session attempts: a call whose first request is an INVITE is one
//! attempt, whatever its retries after a 401/407 challenge; its result is the answer, or
//! else the final response of its last INVITE. SER (§4.6) is answered attempts over those
//! not redirected (3xx); SEER (§4.7) counts 200, 480, 486, 600 and 603 as effective over the
//! same; ISA (§4.8) is attempts ending in 408, 500, 503 or 504 over all; SCR (§4.9) is
//! attempts answered and ended by a BYE that got a 2xx, over all.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::calls::{Annotated, Outcome, Seconds, Summary};
use crate::message::{Message, Start};

/// The most distinct methods counted; others are counted together.
const MAX_METHODS: usize = 64;

/// What was counted.
#[derive(Debug, Default, Serialize)]
pub struct Stats {
    /// Requests by method, retransmissions included.
    pub requests: BTreeMap<String, u64>,
    /// Responses by code, retransmissions included.
    pub responses: BTreeMap<u16, u64>,
    /// Responses by the method their CSeq names, then by code.
    pub responses_by_method: BTreeMap<String, BTreeMap<u16, u64>>,
    /// Requests of methods past the cap of distinct methods.
    pub other_requests: u64,
    /// Retransmitted requests and responses.
    pub retransmissions: u64,
    /// Calls by outcome ("hung-up", "busy", ...).
    pub outcomes: BTreeMap<&'static str, u64>,
    /// The first INVITE to the first 2xx, over answered calls, in seconds.
    pub setup_time: Spread,
    /// The first INVITE to the first 18x, in seconds.
    pub post_dial_delay: Spread,
    /// The RFC 6076 ratios, in percent; `null` when no attempt counts.
    pub rfc6076: Ratios,
    #[serde(skip)]
    attempts: Attempts,
}

/// Minimum, mean and maximum of a time, with how many calls gave it.
#[derive(Debug, Default, Serialize)]
pub struct Spread {
    /// Calls that gave a value.
    pub count: u64,
    /// The smallest, in seconds.
    pub min: Option<f64>,
    /// The mean, in seconds.
    pub avg: Option<f64>,
    /// The largest, in seconds.
    pub max: Option<f64>,
    #[serde(skip)]
    sum: f64,
}

impl Spread {
    fn add(&mut self, value: Option<Seconds>) {
        let Some(value) = value else { return };
        let seconds = value.nanos as f64 / 1e9;
        self.count += 1;
        self.sum += seconds;
        self.min = Some(self.min.map_or(seconds, |m| m.min(seconds)));
        self.max = Some(self.max.map_or(seconds, |m| m.max(seconds)));
        // Rounded to the microsecond: a mean of captured times is not more precise.
        self.avg = Some((self.sum / self.count as f64 * 1e6).round() / 1e6);
    }
}

#[derive(Debug, Default)]
struct Attempts {
    total: u64,
    redirected: u64,
    answered: u64,
    effective: u64,
    ineffective: u64,
    completed: u64,
}

/// RFC 6076 §4.6 to §4.9, in percent.
#[derive(Debug, Default, Serialize)]
pub struct Ratios {
    /// Session attempts counted (calls whose first request is an INVITE).
    pub attempts: u64,
    /// Session Establishment Ratio.
    pub ser: Option<f64>,
    /// Session Establishment Effectiveness Ratio.
    pub seer: Option<f64>,
    /// Ineffective Session Attempts.
    pub isa: Option<f64>,
    /// Session Completion Ratio.
    pub scr: Option<f64>,
}

fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 10_000.0 / whole as f64).round() / 100.0)
}

impl Stats {
    /// Counts one message.
    pub fn message(&mut self, message: &Message) {
        match &message.start {
            Some(Start::Request { method, .. }) => {
                if self.requests.len() < MAX_METHODS || self.requests.contains_key(method) {
                    *self.requests.entry(method.clone()).or_default() += 1;
                } else {
                    self.other_requests += 1;
                }
            }
            Some(Start::Response { code, .. }) if !message.in_sipfrag => {
                *self.responses.entry(*code).or_default() += 1;
                if let Some((_, method)) = &message.cseq
                    && (self.responses_by_method.len() < MAX_METHODS
                        || self.responses_by_method.contains_key(method))
                {
                    *self.responses_by_method.entry(method.clone()).or_default().entry(*code).or_default() +=
                        1;
                }
            }
            _ => {}
        }
    }

    /// Counts what an annotation says: retransmissions.
    pub fn annotation(&mut self, annotated: &Annotated) {
        if annotated.notes.iter().any(|n| n.kind == crate::calls::NoteKind::Retransmission) {
            self.retransmissions += 1;
        }
    }

    /// Counts one call.
    pub fn call(&mut self, call: &Summary) {
        *self.outcomes.entry(call.outcome.key()).or_default() += 1;
        self.setup_time.add(call.timing.answer_time);
        self.post_dial_delay.add(call.timing.post_dial_delay);
        if !call.session_attempt {
            return;
        }
        let code = call.setup_code.unwrap_or(0);
        let a = &mut self.attempts;
        a.total += 1;
        a.redirected += u64::from((300..400).contains(&code));
        a.answered += u64::from((200..300).contains(&code));
        a.effective += u64::from((200..300).contains(&code) || matches!(code, 480 | 486 | 600 | 603));
        a.ineffective += u64::from(matches!(code, 408 | 500 | 503 | 504));
        a.completed += u64::from(call.outcome == Outcome::HungUp);
        let not_redirected = a.total - a.redirected;
        self.rfc6076 = Ratios {
            attempts: a.total,
            ser: percent(a.answered, not_redirected),
            seer: percent(a.effective, not_redirected),
            isa: percent(a.ineffective, a.total),
            scr: percent(a.completed, a.total),
        };
    }

    /// The counts as a table for people.
    pub fn write_table(&self, out: &mut impl Write) -> io::Result<()> {
        let total_requests: u64 = self.requests.values().sum::<u64>() + self.other_requests;
        let total_responses: u64 = self.responses.values().sum();
        writeln!(out, "requests   {total_requests:>8}")?;
        for (method, n) in &self.requests {
            writeln!(out, "  {method:<16} {n:>8}")?;
        }
        if self.other_requests > 0 {
            writeln!(out, "  {:<16} {:>8}", "(other methods)", self.other_requests)?;
        }
        writeln!(out, "responses  {total_responses:>8}")?;
        for (code, n) in &self.responses {
            writeln!(out, "  {code:<16} {n:>8}")?;
        }
        writeln!(out, "responses by method")?;
        for (method, codes) in &self.responses_by_method {
            let list: Vec<String> = codes.iter().map(|(c, n)| format!("{c} x{n}")).collect();
            writeln!(out, "  {method:<16} {}", list.join(", "))?;
        }
        writeln!(out, "retransmissions {:>8}", self.retransmissions)?;
        let calls: u64 = self.outcomes.values().sum();
        writeln!(out, "calls      {calls:>8}")?;
        for (outcome, n) in &self.outcomes {
            writeln!(out, "  {outcome:<16} {n:>8}")?;
        }
        for (name, spread) in [("setup time", &self.setup_time), ("post-dial delay", &self.post_dial_delay)] {
            if let (Some(min), Some(avg), Some(max)) = (spread.min, spread.avg, spread.max) {
                writeln!(
                    out,
                    "{name:<16} min {min:.3} s, avg {avg:.3} s, max {max:.3} s ({} calls)",
                    spread.count
                )?;
            }
        }
        let r = &self.rfc6076;
        let show = |v: Option<f64>| v.map_or_else(|| "-".to_owned(), |v| format!("{v:.1}%"));
        writeln!(
            out,
            "RFC 6076 over {} attempts: SER {}, SEER {}, ISA {}, SCR {}",
            r.attempts,
            show(r.ser),
            show(r.seer),
            show(r.isa),
            show(r.scr)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_to_two_places() {
        assert_eq!(percent(1, 3), Some(33.33));
        assert_eq!(percent(0, 0), None);
        assert_eq!(percent(2, 2), Some(100.0));
    }
}
