//! A call's timing, from capture timestamps: post-dial delay (the first INVITE to the first
//! 18x, RFC 6076 §4.2's SRD for a ringing call), answer time (to the first 2xx), duration
//! (the 2xx to the first BYE), time to failure (to a final failure of the last INVITE), and
//! retransmission runs ("INVITE sent 7 times over 32 s": RFC 3261 timer B fired).

use std::fmt;

use crate::capture::Timestamp;

/// The most retransmission runs a call remembers.
const MAX_RUNS: usize = 8;

/// A span of capture time, shown to the finer precision of its two ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Seconds {
    /// The span in nanoseconds (negative when the capture's clock stepped back).
    pub nanos: i128,
    /// Decimal digits after the point.
    pub digits: u8,
}

impl Seconds {
    /// From `start` to `end`.
    pub fn between(start: Timestamp, end: Timestamp) -> Seconds {
        // In i128: a pcapng offset can put two times nearly 2^64 seconds apart.
        let nanos = (i128::from(end.secs) - i128::from(start.secs)) * 1_000_000_000 + i128::from(end.nanos)
            - i128::from(start.nanos);
        Seconds { nanos, digits: start.digits.max(end.digits).min(9) }
    }
}

/// `4.343365`: seconds with the capture's digits.
impl fmt::Display for Seconds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.nanos < 0 { "-" } else { "" };
        let nanos = self.nanos.unsigned_abs();
        let (secs, frac) = (nanos / 1_000_000_000, nanos % 1_000_000_000);
        if self.digits == 0 {
            return write!(f, "{sign}{secs}");
        }
        let scale = 10u128.pow(9 - u32::from(self.digits));
        write!(f, "{sign}{secs}.{:0width$}", frac / scale, width = usize::from(self.digits))
    }
}

/// A request sent more than once on one branch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The request's method.
    pub method: String,
    /// Its CSeq number.
    pub cseq: u32,
    /// Times it was sent.
    pub sent: u32,
    /// From the first sending to the last.
    pub over: Option<Seconds>,
}

/// The moments a call's timing is read from.
#[derive(Clone, Debug, Default)]
pub(crate) struct Clock {
    invite: Option<Timestamp>,
    ringing: Option<Timestamp>,
    answered: Option<Timestamp>,
    bye: Option<Timestamp>,
    failed: Option<Timestamp>,
    runs: Vec<Resent>,
}

/// A request retransmitted: CSeq, method and branch; first and last time sent; times sent.
type Resent = (u32, String, String, Option<(Timestamp, Timestamp)>, u32);

/// A call's timing, each part when the capture shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timing {
    /// The first INVITE to the first 18x.
    pub post_dial_delay: Option<Seconds>,
    /// The first INVITE to the first 2xx to an INVITE.
    pub answer_time: Option<Seconds>,
    /// The first 2xx to an INVITE to the first BYE.
    pub duration: Option<Seconds>,
    /// The first INVITE to the final failure of the call's last INVITE, when none was answered.
    pub time_to_failure: Option<Seconds>,
    /// Requests sent more than once.
    pub retransmission_runs: Vec<Run>,
}

impl Clock {
    /// A request was sent at `time`.
    pub(crate) fn request(&mut self, method: &str, time: Option<Timestamp>) {
        let Some(time) = time else { return };
        match method {
            "INVITE" => {
                self.invite.get_or_insert(time);
            }
            "BYE" if self.answered.is_some() => {
                self.bye.get_or_insert(time);
            }
            _ => {}
        }
    }

    /// A request was sent again on its branch at `now`; `first` is when it was first sent.
    pub(crate) fn retransmission(
        &mut self,
        cseq: u32,
        method: &str,
        branch: &str,
        first: Option<Timestamp>,
        now: Option<Timestamp>,
    ) {
        let found = self.runs.iter().position(|r| r.0 == cseq && r.1 == method && r.2 == branch);
        match found {
            Some(at) => {
                let run = &mut self.runs[at];
                run.4 += 1;
                if let (Some(now), Some((_, last))) = (now, &mut run.3) {
                    *last = now;
                }
            }
            None if self.runs.len() < MAX_RUNS => {
                self.runs.push((cseq, method.to_owned(), branch.to_owned(), first.zip(now), 2));
            }
            None => {}
        }
    }

    /// A response to an INVITE arrived at `time`.
    pub(crate) fn invite_response(&mut self, code: u16, time: Option<Timestamp>) {
        let Some(time) = time else { return };
        match code {
            180..=189 if self.answered.is_none() => {
                self.ringing.get_or_insert(time);
            }
            200..=299 => {
                self.answered.get_or_insert(time);
            }
            300.. if self.answered.is_none() => self.failed = Some(time),
            _ => {}
        }
    }

    /// The timing as far as the capture shows it.
    pub(crate) fn timing(&self) -> Timing {
        let span = |a: Option<Timestamp>, b: Option<Timestamp>| Some(Seconds::between(a?, b?));
        Timing {
            post_dial_delay: span(self.invite, self.ringing),
            answer_time: span(self.invite, self.answered),
            duration: span(self.answered, self.bye),
            time_to_failure: if self.answered.is_none() { span(self.invite, self.failed) } else { None },
            retransmission_runs: self
                .runs
                .iter()
                .map(|(cseq, method, _, times, sent)| Run {
                    method: method.clone(),
                    cseq: *cseq,
                    sent: *sent,
                    over: times.map(|(first, last)| Seconds::between(first, last)),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64, micros: u32) -> Option<Timestamp> {
        Some(Timestamp { secs, nanos: micros * 1000, digits: 6 })
    }

    #[test]
    fn spans_keep_the_capture_digits() {
        let s = Seconds::between(at(10, 900_000).unwrap(), at(12, 100_001).unwrap());
        assert_eq!(s.to_string(), "1.200001");
        let back = Seconds::between(at(12, 0).unwrap(), at(11, 500_000).unwrap());
        assert_eq!(back.to_string(), "-0.500000");
    }

    #[test]
    fn spans_between_the_ends_of_time_do_not_overflow() {
        let early = Timestamp { secs: i64::MIN, nanos: 0, digits: 0 };
        let late = Timestamp { secs: i64::MAX, nanos: 999_999_999, digits: 9 };
        assert!(Seconds::between(early, late).nanos > 0);
        assert!(Seconds::between(late, early).to_string().starts_with('-'));
    }

    #[test]
    fn a_call_answered_then_hung_up() {
        let mut clock = Clock::default();
        clock.request("INVITE", at(100, 0));
        clock.retransmission(1, "INVITE", "b", at(100, 0), at(100, 500_000));
        clock.retransmission(1, "INVITE", "b", at(100, 0), at(101, 500_000));
        clock.invite_response(180, at(102, 0));
        clock.invite_response(183, at(102, 500_000));
        clock.request("BYE", at(103, 0));
        clock.invite_response(200, at(104, 250_000));
        clock.request("BYE", at(110, 250_000));
        let t = clock.timing();
        assert_eq!(t.post_dial_delay.unwrap().to_string(), "2.000000");
        assert_eq!(t.answer_time.unwrap().to_string(), "4.250000");
        assert_eq!(t.duration.unwrap().to_string(), "6.000000");
        assert_eq!(t.time_to_failure, None);
        assert_eq!(t.retransmission_runs.len(), 1);
        assert_eq!(t.retransmission_runs[0].sent, 3);
        assert_eq!(t.retransmission_runs[0].over.unwrap().to_string(), "1.500000");
    }

    #[test]
    fn a_failed_call_and_a_text_trace() {
        let mut clock = Clock::default();
        clock.request("INVITE", at(5, 0));
        clock.invite_response(486, at(9, 1));
        assert_eq!(clock.timing().time_to_failure.unwrap().to_string(), "4.000001");
        let mut text = Clock::default();
        text.request("INVITE", None);
        text.invite_response(200, None);
        assert_eq!(text.timing(), Timing::default());
    }
}
