//! The spec's SIP semantics: header rules, Q.850 causes both ways and RFC 5057 effects.
//!
//! Each fact carries the RFC section it comes from (`source`), so the generated docs and the
//! reference page can cite it.

use std::ops::Range;

use crate::tree::{Spanned, Table, Value};

use super::{Reader, closest, list};
use crate::diag::Location;

/// What a code's entry says about it beyond its phrase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Semantics {
    /// `[code.q850]`: the Q.850 cause a gateway sends for this response.
    pub q850: Option<Q850Row>,
    /// `[code.rfc5057]`: what this response ends when it answers a request inside a dialog.
    pub rfc5057: Option<DialogRule>,
    /// `[[code.header]]`: header fields a response with this code must, should or may carry.
    pub headers: Vec<HeaderSpec>,
    /// `[code.policy]`: what the response means for the call and for a router.
    pub policy: Option<Policy>,
}

/// `[code.policy]`: the call outcome a final response means and what a router does next,
/// with the reason for the choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The runtime's `CallOutcome` variant, e.g. `"NoAnswer"`.
    pub outcome: &'static str,
    /// The runtime's `RouteAction` variant, e.g. `"NextRoute"`.
    pub route: &'static str,
    /// Why, in the spec's words.
    pub why: String,
}

/// The spec's words for the runtime's `CallOutcome` variants (`CallOutcome::key`).
pub const OUTCOMES: [(&str, &str); 9] = [
    ("progress", "Progress"),
    ("answered", "Answered"),
    ("redirected", "Redirected"),
    ("challenged", "Challenged"),
    ("busy", "Busy"),
    ("no-answer", "NoAnswer"),
    ("declined", "Declined"),
    ("cancelled", "Cancelled"),
    ("failed", "Failed"),
];

/// The spec's words for the runtime's `RouteAction` variants (`RouteAction::key`).
pub const ROUTES: [(&str, &str); 6] = [
    ("wait", "Wait"),
    ("done", "Done"),
    ("follow-redirect", "FollowRedirect"),
    ("next-route", "NextRoute"),
    ("stop", "Stop"),
    ("fix-and-resend", "FixAndResend"),
];

/// A value in a mapping table: the RFC's default for rows it does not list, no mapping at
/// all, or a value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mapping<T> {
    /// Not given: the RFC's default applies.
    #[default]
    Default,
    /// `"none"`: the RFC maps it to nothing.
    None,
    /// A value.
    Some(T),
}

impl<T> Mapping<T> {
    /// The same mapping with its value converted.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Mapping<U> {
        match self {
            Mapping::Default => Mapping::Default,
            Mapping::None => Mapping::None,
            Mapping::Some(value) => Mapping::Some(f(value)),
        }
    }
}

/// Whether `name` is an RFC 3261 `token`, as SIP method and header field names are.
fn is_token(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-.!%*_+`'~".contains(&b))
}

/// `[code.q850]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Q850Row {
    /// RFC 3398 §8.2.6.1 (ISUP).
    pub rfc3398: Mapping<u8>,
    /// RFC 4497 §8.4.4 Table 2 (QSIG).
    pub rfc4497: Mapping<u8>,
    /// Where the row comes from.
    pub source: String,
}

/// A `[[q850]]` row: a Q.850 cause and the response a gateway sends for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CauseEntry {
    /// The cause value, 1..=127.
    pub cause: u8,
    /// RFC 3398 §7.2.4.1.
    pub rfc3398: Mapping<u16>,
    /// RFC 4497 §8.4.1 Table 1.
    pub rfc4497: Mapping<u16>,
    /// Where the row comes from.
    pub source: String,
    /// Where the row's `cause` is.
    pub location: Location,
}

/// RFC 5057 §5.1's categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Only the transaction fails.
    Transaction,
    /// The dialog usage the request belongs to ends.
    Usage,
    /// The dialog and all its usages end.
    Dialog,
}

impl Effect {
    /// The spelling in the spec and the runtime's variant name.
    pub fn name(self) -> &'static str {
        match self {
            Effect::Transaction => "Transaction",
            Effect::Usage => "Usage",
            Effect::Dialog => "Dialog",
        }
    }
}

/// `[code.rfc5057]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogRule {
    /// The effect for any method not listed in `methods`.
    pub effect: Effect,
    /// Methods whose effect differs, e.g. a 481 to CANCEL ends only the CANCEL transaction.
    pub methods: Vec<(String, Effect)>,
    /// A note in our own words.
    pub note: Option<String>,
    /// Where the rule comes from.
    pub source: String,
}

/// How strongly an RFC asks for a header field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requirement {
    /// MUST.
    Must,
    /// SHOULD.
    Should,
    /// MAY.
    May,
}

impl Requirement {
    /// The runtime's variant name.
    pub fn name(self) -> &'static str {
        match self {
            Requirement::Must => "Must",
            Requirement::Should => "Should",
            Requirement::May => "May",
        }
    }
}

/// A `[[code.header]]` rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderSpec {
    /// The header field's name, e.g. "WWW-Authenticate".
    pub name: String,
    /// MUST, SHOULD or MAY.
    pub rule: Requirement,
    /// The condition under which the rule applies; `None` when it always does.
    pub when: Option<String>,
    /// Where the rule comes from.
    pub source: String,
}

const Q850_KEYS: &[&str] = &["rfc3398", "rfc4497", "source"];
const RFC5057_KEYS: &[&str] = &["effect", "methods", "note", "source"];
const HEADER_KEYS: &[&str] = &["name", "rule", "when", "source"];
const CAUSE_KEYS: &[&str] = &["cause", "rfc3398", "rfc4497", "source"];
const POLICY_KEYS: &[&str] = &["outcome", "route", "why"];

impl Reader<'_> {
    /// Reports an unknown key of the table `what`.
    pub(super) fn unknown_key(&mut self, what: &str, key: &str, span: &Range<usize>, keys: &[&str]) {
        let message = match closest(key, keys) {
            Some(meant) => format!("unknown key `{key}` in {what}; did you mean `{meant}`?"),
            None => format!("unknown key `{key}` in {what}; expected one of {}", list(keys)),
        };
        self.error(span, message);
    }

    /// A required `source`, or an error.
    pub(super) fn source_of(&mut self, what: &str, table: &Table, span: &Range<usize>) -> String {
        match table.get("source") {
            Some(value) => self.string("source", value).unwrap_or_default(),
            None => {
                self.error(
                    span,
                    format!("missing `source` in {what}: name the RFC section, e.g. \"RFC 3261 §21.4.2\""),
                );
                String::new()
            }
        }
    }

    /// An integer in `range`, or `"none"`.
    pub(super) fn mapping(
        &mut self,
        key: &str,
        value: &Spanned<Value>,
        range: Range<i64>,
        what: &str,
    ) -> Mapping<i64> {
        match value.get_ref() {
            Value::String(s) if s == "none" => Mapping::None,
            Value::Integer(integer) => {
                match i64::from_str_radix(&integer.as_str().replace('_', ""), integer.radix()) {
                    Ok(n) if range.contains(&n) => Mapping::Some(n),
                    _ => {
                        self.error(
                            &value.span(),
                            format!(
                                "`{key}` must be {what} {}..={}, found {}",
                                range.start,
                                range.end - 1,
                                integer.as_str()
                            ),
                        );
                        Mapping::Default
                    }
                }
            }
            other => {
                self.error(
                    &value.span(),
                    format!("`{key}` must be {what} or \"none\", found {}", other.type_str()),
                );
                Mapping::Default
            }
        }
    }

    pub(super) fn q850_row(&mut self, value: &Spanned<Value>) -> Option<Q850Row> {
        let table = self.table("`q850`", value)?;
        let mut row = Q850Row { rfc3398: Mapping::Default, rfc4497: Mapping::Default, source: String::new() };
        for (key, value) in table {
            // `mapping` checks the range, so the casts keep every value.
            match key.get_ref().as_str() {
                "rfc3398" => {
                    row.rfc3398 = self.mapping("rfc3398", value, 1..128, "a Q.850 cause").map(|n| n as u8)
                }
                "rfc4497" => {
                    row.rfc4497 = self.mapping("rfc4497", value, 1..128, "a Q.850 cause").map(|n| n as u8)
                }
                "source" => {}
                other => self.unknown_key("[code.q850]", other, &key.span(), Q850_KEYS),
            }
        }
        row.source = self.source_of("[code.q850]", table, &value.span());
        Some(row)
    }

    pub(super) fn dialog_rule(&mut self, value: &Spanned<Value>) -> Option<DialogRule> {
        let table = self.table("`rfc5057`", value)?;
        let mut effect = None;
        let mut methods = Vec::new();
        let mut note = None;
        for (key, value) in table {
            match key.get_ref().as_str() {
                "effect" => effect = self.effect("effect", value),
                "methods" => {
                    if let Some(overrides) = self.table("`methods`", value) {
                        for (method, value) in overrides {
                            let name = method.get_ref().as_str();
                            if !is_token(name) {
                                self.error(
                                    &method.span(),
                                    format!(
                                        "`{name}` is not a SIP method name (an RFC 3261 token such as INVITE)"
                                    ),
                                );
                                continue;
                            }
                            if let Some(effect) = self.effect(name, value) {
                                methods.push((name.to_owned(), effect));
                            }
                        }
                    }
                }
                "note" => note = self.string("note", value),
                "source" => {}
                other => self.unknown_key("[code.rfc5057]", other, &key.span(), RFC5057_KEYS),
            }
        }
        let source = self.source_of("[code.rfc5057]", table, &value.span());
        let Some(effect) = effect else {
            if !table.contains_key("effect") {
                self.error(
                    &value.span(),
                    "missing `effect` in [code.rfc5057]: \"transaction\", \"usage\" or \"dialog\"",
                );
            }
            return None;
        };
        Some(DialogRule { effect, methods, note, source })
    }

    pub(super) fn policy(&mut self, value: &Spanned<Value>) -> Option<Policy> {
        let table = self.table("`policy`", value)?;
        let (mut outcome, mut route, mut why) = (None, None, None);
        for (key, item) in table {
            match key.get_ref().as_str() {
                "outcome" => outcome = self.word("outcome", item, &OUTCOMES),
                "route" => route = self.word("route", item, &ROUTES),
                "why" => why = self.string("why", item),
                other => self.unknown_key("[code.policy]", other, &key.span(), POLICY_KEYS),
            }
        }
        for key in POLICY_KEYS {
            if !table.contains_key(key) {
                self.error(&value.span(), format!("missing `{key}` in [code.policy]"));
            }
        }
        Some(Policy { outcome: outcome?, route: route?, why: why? })
    }

    /// One of `words`' spec words, as its runtime variant.
    fn word(
        &mut self,
        key: &str,
        value: &Spanned<Value>,
        words: &[(&str, &'static str)],
    ) -> Option<&'static str> {
        let found = self.string(key, value)?;
        match words.iter().find(|(word, _)| *word == found) {
            Some((_, variant)) => Some(variant),
            None => {
                let names: Vec<String> = words.iter().map(|(word, _)| format!("\"{word}\"")).collect();
                self.error(
                    &value.span(),
                    format!("`{key}` must be one of {}, found {found:?}", names.join(", ")),
                );
                None
            }
        }
    }

    fn effect(&mut self, key: &str, value: &Spanned<Value>) -> Option<Effect> {
        let found = self.string(key, value)?;
        match found.as_str() {
            "transaction" => Some(Effect::Transaction),
            "usage" => Some(Effect::Usage),
            "dialog" => Some(Effect::Dialog),
            other => {
                self.error(
                    &value.span(),
                    format!("`{key}` must be \"transaction\", \"usage\" or \"dialog\", found {other:?}"),
                );
                None
            }
        }
    }

    pub(super) fn header_specs(&mut self, value: &Spanned<Value>) -> Vec<HeaderSpec> {
        let items = self.array_of_tables("header", "code.header", value);
        let mut rules = Vec::with_capacity(items.len());
        for item in items {
            let Some(table) = self.table("`header`", item) else { continue };
            let mut name = None;
            let mut rule = None;
            let mut when = None;
            for (key, value) in table {
                match key.get_ref().as_str() {
                    "name" => name = self.header_name(value),
                    "rule" => {
                        rule = self.string("rule", value).and_then(|r| match r.as_str() {
                            "must" => Some(Requirement::Must),
                            "should" => Some(Requirement::Should),
                            "may" => Some(Requirement::May),
                            other => {
                                self.error(
                                    &value.span(),
                                    format!(
                                        "`rule` must be \"must\", \"should\" or \"may\", found {other:?}"
                                    ),
                                );
                                None
                            }
                        })
                    }
                    "when" => when = self.string("when", value),
                    "source" => {}
                    other => self.unknown_key("[[code.header]]", other, &key.span(), HEADER_KEYS),
                }
            }
            let source = self.source_of("[[code.header]]", table, &item.span());
            for (key, found) in [("name", name.is_some()), ("rule", rule.is_some())] {
                if !found && !table.contains_key(key) {
                    self.error(&item.span(), format!("missing `{key}` in [[code.header]]"));
                }
            }
            if let (Some(name), Some(rule)) = (name, rule) {
                rules.push(HeaderSpec { name, rule, when, source });
            }
        }
        rules
    }

    /// A header field name: an RFC 3261 token.
    fn header_name(&mut self, value: &Spanned<Value>) -> Option<String> {
        let name = self.string("name", value)?;
        if !is_token(&name) {
            self.error(
                &value.span(),
                format!("`name` must be a header field name such as \"Retry-After\", found {name:?}"),
            );
            return None;
        }
        Some(name)
    }

    /// `rfc3398` or `rfc4497` of a cause's row: the response that RFC gives the cause.
    pub(super) fn response_mapping(&mut self, key: &str, value: &Spanned<Value>) -> Mapping<u16> {
        self.mapping(key, value, 100..700, "a status code").map(|n| n as u16)
    }

    pub(super) fn read_causes(&mut self, value: &Spanned<Value>) -> Vec<CauseEntry> {
        let items = self.array_of_tables("q850", "q850", value);
        let mut causes = Vec::with_capacity(items.len());
        for item in items {
            let Some(table) = self.table("`q850`", item) else { continue };
            let mut cause = None;
            let mut rfc3398 = Mapping::Default;
            let mut rfc4497 = Mapping::Default;
            for (key, value) in table {
                match key.get_ref().as_str() {
                    "cause" => {
                        if let Mapping::Some(n) = self.mapping("cause", value, 1..128, "a Q.850 cause") {
                            cause = Some((n as u8, value.span()));
                        }
                    }
                    "rfc3398" => rfc3398 = self.response_mapping("rfc3398", value),
                    "rfc4497" => rfc4497 = self.response_mapping("rfc4497", value),
                    "source" => {}
                    other => self.unknown_key("[[q850]]", other, &key.span(), CAUSE_KEYS),
                }
            }
            let source = self.source_of("[[q850]]", table, &item.span());
            match cause {
                Some((cause, span)) => causes.push(CauseEntry {
                    cause,
                    rfc3398,
                    rfc4497,
                    source,
                    location: self.location(&span),
                }),
                None if !table.contains_key("cause") => {
                    self.error(&item.span(), "missing `cause` in [[q850]]")
                }
                None => {}
            }
        }
        causes
    }
}
