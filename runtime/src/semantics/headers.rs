/// How strongly an RFC asks for a header field in a response: its RFC 2119 keyword.
///
/// Ordered from the strongest to the weakest, so `rule.requirement <= Requirement::Should`
/// selects what a response ought to carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Requirement {
    /// MUST: a response without the field is wrong (when the rule's condition holds).
    Must,
    /// SHOULD: leave the field out only for a reason.
    Should,
    /// MAY: the RFC allows the field and says what it means here.
    May,
}

impl Requirement {
    /// The keyword as RFCs write it: "MUST", "SHOULD" or "MAY".
    pub const fn keyword(self) -> &'static str {
        match self {
            Requirement::Must => "MUST",
            Requirement::Should => "SHOULD",
            Requirement::May => "MAY",
        }
    }
}

/// One rule tying a header field to a status code, as a spec's `[[code.header]]` states it.
///
/// The generated `header_rules()` returns every rule for a code, `required_headers()` the
/// names of the unconditional MUSTs and `allows_retry_after()` whether any rule names
/// Retry-After. The facts come from RFC 3261 (§8.2, §20 Tables 2 and 3, §21, §22) and from
/// the RFC that defines each extension code; `source` names the section.
///
/// Rules that hold for a whole class rather than a code are not repeated per code: the To
/// tag a UAS adds to every response but 100 (RFC 3261 §8.2.6.2), Error-Info on any 3xx–6xx
/// (Table 2), `Require: 100rel` and RSeq on a reliable 1xx (RFC 3262 §3), and a Q.850 Reason
/// on any response but 100 (RFC 6432 §3).
///
/// ```
/// use sip_codes::{HeaderRule, Requirement};
///
/// const RULE: HeaderRule = HeaderRule {
///     name: "WWW-Authenticate",
///     requirement: Requirement::Must,
///     condition: None,
///     source: "RFC 3261 §22.2",
/// };
/// assert!(RULE.is_unconditional_must());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HeaderRule {
    /// The header field's canonical name, e.g. "Retry-After".
    pub name: &'static str,
    /// How strongly the RFC asks for it.
    pub requirement: Requirement,
    /// When the rule applies, in plain words ("when the condition is temporary"); `None`
    /// when it applies to every response with the code.
    pub condition: Option<&'static str>,
    /// The RFC section that states the rule, e.g. "RFC 3261 §21.4.11".
    pub source: &'static str,
}

impl HeaderRule {
    /// A MUST with no condition: every response with the code carries the field. These are
    /// the names `required_headers()` lists.
    pub const fn is_unconditional_must(&self) -> bool {
        matches!(self.requirement, Requirement::Must) && self.condition.is_none()
    }
}
