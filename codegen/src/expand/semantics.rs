//! The SIP semantics accessors: header rules, Retry-After, Q.850 both ways, RFC 5057. Each
//! reads the spec's per-code facts; where the spec says nothing, the runtime's RFC defaults
//! apply (`q850_fallback`, `response_fallback`, `dialog_effect_fallback`).

use std::fmt::Write as _;

use super::{Expansion, Gen, list, lit, matches_any, variants_pattern};
use crate::spec::{CauseEntry, CodeEntry, DialogRule, Mapping};

/// In the generated Q.850 tables: no mapping, and "the RFC's default".
const NONE: u8 = 0;
const DEFAULT: u8 = 255;

pub(crate) fn generate(out: &mut Expansion, g: &Gen<'_>, causes: &[CauseEntry]) {
    let entries = g.entries;
    let count = g.count();
    if count == 0 {
        return;
    }
    let required = list(entries, ", ", |e, o| {
        let names = e
            .semantics
            .headers
            .iter()
            .filter(|h| h.when.is_none() && h.rule == crate::spec::Requirement::Must)
            .map(|h| lit(&h.name).to_string());
        let _ = write!(o, "&[{}]", list(names, ", ", |n, o| o.push_str(&n)));
    }) + g.if_open(", &[]");
    let retry_after = entries
        .iter()
        .filter(|e| e.semantics.headers.iter().any(|h| h.name.eq_ignore_ascii_case("Retry-After")))
        .map(|e| e.name.as_str());
    let allows_retry_after = matches_any(retry_after).unwrap_or_else(|| "false".to_owned());
    let q850 = |pick: fn(&crate::spec::Q850Row) -> Mapping<u8>| {
        let cells = list(entries, ", ", |e: &CodeEntry, o| {
            let cell = match e.semantics.q850.as_ref().map_or(Mapping::Default, pick) {
                Mapping::Default => DEFAULT,
                Mapping::None => NONE,
                Mapping::Some(cause) => cause,
            };
            let _ = write!(o, "{cell}");
        });
        // `Other`'s row: the RFC's default for its code.
        let other = if g.open { format!(", {DEFAULT}") } else { String::new() };
        format!("[{cells}{other}]")
    };
    let (q3398, q4497) = (q850(|r| r.rfc3398), q850(|r| r.rfc4497));
    // Cause to code; 0 is no response, 1 the RFC's default.
    let responses = |pick: fn(&CauseEntry) -> Mapping<u16>| {
        let mut table = [1u16; 128];
        table[0] = 0;
        for row in causes {
            table[usize::from(row.cause)] = match pick(row) {
                Mapping::Default => 1,
                Mapping::None => 0,
                Mapping::Some(code) => code,
            };
        }
        format!(
            "[{}]",
            list(table, ", ", |c, o| {
                let _ = write!(o, "{c}");
            })
        )
    };
    let (r3398, r4497) = (responses(|r| r.rfc3398), responses(|r| r.rfc4497));
    let (header_rules, arms) = (header_rules(g), dialog_effect_arms(g));
    let outcome_arms = policy_arms(g, |p| p.outcome, "CallOutcome", "outcome_fallback");
    let route_arms = policy_arms(g, |p| p.route, "RouteAction", "route_fallback");
    let reasons = list(entries, ", ", |e, o| {
        let _ = match &e.semantics.policy {
            Some(policy) => write!(o, "::core::option::Option::Some({})", lit(policy.why.trim())),
            None => write!(o, "::core::option::Option::None"),
        };
    }) + g.if_open(", ::core::option::Option::None");
    g.fill_parts(
        out,
        r#"
#[allow(dead_code)]
impl $ty {
    const HEADER_RULES: [&'static [$krate::HeaderRule]; $rows] = [$header_rules];
    const REQUIRED_HEADERS: [&'static [&'static str]; $rows] = [$required];
    // Per slot, RFC 3398 then RFC 4497: the cause, 0 for none, 255 for the default.
    const Q850: [[u8; $rows]; 2] = [$q3398, $q4497];
    // Per cause, RFC 3398 then RFC 4497: the code, 0 for none, 1 for the default.
    const RESPONSES: [[u16; 128]; 2] = [$r3398, $r4497];
    const POLICY_REASONS: [::core::option::Option<&'static str>; $rows] = [$reasons];

    /// The header fields a response with this code must carry, whatever the request:
    /// the spec's `must` rules without a condition (e.g. `WWW-Authenticate` on 401,
    /// RFC 3261 §22.2). See [`header_rules`](Self::header_rules) for the rest.
    #[must_use]
    #[inline]
    pub const fn required_headers(self) -> &'static [&'static str] {
        Self::REQUIRED_HEADERS[self.slot()]
    }

    /// Every header rule the spec gives for this code, MUST, SHOULD and MAY, with the
    /// condition under which it applies and the RFC section it comes from.
    #[must_use]
    #[inline]
    pub const fn header_rules(self) -> &'static [$krate::HeaderRule] {
        Self::HEADER_RULES[self.slot()]
    }

    /// Whether an RFC allows a `Retry-After` header on this code (RFC 3261 §20.33 and
    /// the codes' own sections): 404, 413, 480, 486, 500, 503, 600, 603 in the registry.
    #[must_use]
    #[inline]
    pub const fn allows_retry_after(self) -> bool {
        $allows_retry_after
    }

    /// The Q.850 cause a gateway sends to the PSTN for this response, by RFC 3398
    /// §8.2.6.1. `None` for 1xx, 2xx and 3xx (a gateway redirects instead, §8.2.5) and
    /// 487; 31 "normal, unspecified" for a final code the table does not list. For 488 and
    /// 606 the RFC decides by the response's Warning code: this is its default, 31, without
    /// one; `sip_codes::q850_for_response` reads the Warning (65 when it reports a bearer
    /// capability the callee lacks).
    #[must_use]
    #[inline]
    pub const fn to_q850(self) -> ::core::option::Option<u8> {
        self.to_q850_with($krate::Q850Table::Rfc3398)
    }

    /// The Q.850 cause for this response by the given table: RFC 3398 (ISUP) or RFC
    /// 4497 (QSIG), which differ on 487, 488/606, 505 and 406.
    #[must_use]
    #[inline]
    pub const fn to_q850_with(self, table: $krate::Q850Table) -> ::core::option::Option<u8> {
        // The tables' rows follow `Q850Table`'s variants: RFC 3398, then RFC 4497.
        match Self::Q850[table as usize][self.slot()] {
            $none => ::core::option::Option::None,
            $default => match $krate::Code::new(self.code()) {
                ::core::option::Option::Some(code) => $krate::q850_fallback(code, table),
                ::core::option::Option::None => ::core::option::Option::None,
            },
            cause => ::core::option::Option::Some(cause),
        }
    }

    /// The response a gateway sends for a Q.850 cause from the PSTN, by RFC 3398
    /// §7.2.4.1: 500 for a cause the table does not list, `None` for cause 16 (normal
    /// clearing becomes a BYE or CANCEL, not a response) and outside 1..=127.
    #[must_use]
    #[inline]
    pub const fn from_q850(cause: u8) -> ::core::option::Option<Self> {
        Self::from_q850_with(cause, $krate::Q850Table::Rfc3398)
    }

    /// The response for a Q.850 cause by the given table: RFC 3398 or RFC 4497, which
    /// differ on causes 21, 26 and 69.
    #[must_use]
    #[inline]
    pub const fn from_q850_with(cause: u8, table: $krate::Q850Table) -> ::core::option::Option<Self> {
        if cause == 0 || cause > 127 {
            return ::core::option::Option::None;
        }
        match Self::RESPONSES[table as usize][cause as usize] {
            0 => ::core::option::Option::None,
            1 => match $krate::response_fallback(cause, table) {
                ::core::option::Option::Some(code) => Self::from_code(code.get()),
                ::core::option::Option::None => ::core::option::Option::None,
            },
            code => Self::from_code(code),
        }
    }

    /// What this final response means for the call, as a call summary or a CDR counts it:
    /// the spec's choice for the code (see [`policy_reason`](Self::policy_reason)), else the
    /// rule of its class.
    #[must_use]
    #[allow(clippy::too_many_lines)]
    pub const fn outcome(self) -> $krate::CallOutcome {
        match self {$outcome_arms
        }
    }

    /// What a router that sent an INVITE down one route (a proxy choosing among carriers, an
    /// SBC, a dialer) does with this final response: try the next route, stop, fix the
    /// request and resend, follow a redirect. The spec's choice for the code, else the rule of
    /// its class (RFC 3261 §21: a 5xx is one server's failure, a 4xx or 6xx holds on any
    /// route). A deployment changes it with an `[[update]]`'s `[update.policy]`.
    #[must_use]
    #[allow(clippy::too_many_lines)]
    pub const fn route_action(self) -> $krate::RouteAction {
        match self {$route_arms
        }
    }

    /// Why the spec chose this code's [`outcome`](Self::outcome) and
    /// [`route_action`](Self::route_action); `None` where the class's rule applies.
    #[must_use]
    #[inline]
    pub const fn policy_reason(self) -> ::core::option::Option<&'static str> {
        Self::POLICY_REASONS[self.slot()]
    }

    /// What this response ends when it answers `method` inside a dialog, by RFC 5057
    /// §5.1 (the transaction, the dialog usage, or the whole dialog), with the
    /// method-specific rules the spec gives (a 481 to CANCEL ends only the CANCEL).
    /// `None` for 1xx and 2xx. Method names compare case-sensitively, as in SIP.
    #[must_use]
    // One arm per distinct rule: the match grows with the spec.
    #[allow(clippy::too_many_lines)]
    pub const fn dialog_effect(self, method: &str) -> ::core::option::Option<$krate::DialogEffect> {
        let _ = method;
        match self {$arms
        }
    }
}
"#,
        &[
            ("rows", &g.rows()),
            ("required", &required),
            ("q3398", &q3398),
            ("q4497", &q4497),
            ("r3398", &r3398),
            ("r4497", &r4497),
            ("allows_retry_after", &allows_retry_after),
            ("reasons", &reasons),
            ("none", &NONE),
            ("default", &DEFAULT),
        ],
        &[
            ("header_rules", &header_rules),
            ("arms", &arms),
            ("outcome_arms", &outcome_arms),
            ("route_arms", &route_arms),
        ],
    );
}

/// `outcome`'s or `route_action`'s arms: one per variant the spec chooses, listing its codes,
/// then the runtime's rule by class for the rest (and for `Other`).
fn policy_arms(
    g: &Gen<'_>,
    pick: fn(&crate::spec::Policy) -> &'static str,
    ty: &str,
    fallback: &str,
) -> Expansion {
    let mut part = Expansion::default();
    let mut chosen: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut unchosen = g.open;
    for entry in g.entries {
        let Some(policy) = &entry.semantics.policy else {
            unchosen = true;
            continue;
        };
        let variant = pick(policy);
        match chosen.iter_mut().find(|(v, _)| *v == variant) {
            Some((_, codes)) => codes.push(&entry.name),
            None => chosen.push((variant, vec![&entry.name])),
        }
    }
    for (variant, codes) in chosen {
        let codes = variants_pattern(codes);
        g.fill(
            &mut part,
            "\n            $codes => $krate::$policy_ty::$variant,",
            &[("codes", &codes), ("policy_ty", &ty), ("variant", &variant)],
        );
    }
    if unchosen {
        g.fill(
            &mut part,
            r#"
            _ => match $krate::Code::new(self.code()) {
                ::core::option::Option::Some(code) => $krate::$fallback(code),
                // Every code a generated type holds is in 100..=999.
                ::core::option::Option::None => ::core::unreachable!(),
            },"#,
            &[("fallback", &fallback)],
        );
    }
    part
}

/// `dialog_effect`'s arms: one per distinct rule, listing every code that has it, in code
/// order, and the runtime's RFC 5057 default for the codes the spec gives no rule.
fn dialog_effect_arms(g: &Gen<'_>) -> Expansion {
    let mut part = Expansion::default();
    let mut rules: Vec<(&DialogRule, Vec<&str>)> = Vec::new();
    let mut unruled = false;
    for entry in g.entries {
        let Some(rule) = &entry.semantics.rfc5057 else {
            unruled = true;
            continue;
        };
        match rules.iter_mut().find(|(r, _)| r.effect == rule.effect && r.methods == rule.methods) {
            Some((_, codes)) => codes.push(&entry.name),
            None => rules.push((rule, vec![&entry.name])),
        }
    }
    for (rule, codes) in rules {
        let codes = variants_pattern(codes);
        let mut methods = Expansion::default();
        for (method, e) in &rule.methods {
            g.fill(
                &mut methods,
                "\n                if $krate::__private::method_is(method, $method) {\
                 \n                    return ::core::option::Option::Some($krate::DialogEffect::$effect);\
                 \n                }",
                &[("method", &lit(method)), ("effect", &e.name())],
            );
        }
        g.fill_parts(
            &mut part,
            "\n            $codes => {$methods\
             \n                ::core::option::Option::Some($krate::DialogEffect::$effect)\n            }",
            &[("codes", &codes), ("effect", &rule.effect.name())],
            &[("methods", &methods)],
        );
    }
    if g.open {
        g.fill(&mut part, "\n            Self::Other(code) => $krate::dialog_effect_fallback(code),", &[]);
    }
    if unruled {
        g.fill(
            &mut part,
            r#"
            _ => match $krate::Code::new(self.code()) {
                ::core::option::Option::Some(code) => $krate::dialog_effect_fallback(code),
                ::core::option::Option::None => ::core::option::Option::None,
            },"#,
            &[],
        );
    }
    part
}

/// `HEADER_RULES`' cells, a part: they name the runtime's types, so `$krate`.
fn header_rules(g: &Gen<'_>) -> Expansion {
    let entries = g.entries;
    let mut part = Expansion::default();
    for (i, entry) in entries.iter().enumerate() {
        part.push_str(if i > 0 { ", &[" } else { "&[" });
        for (j, rule) in entry.semantics.headers.iter().enumerate() {
            let condition = match &rule.when {
                Some(when) => format!("::core::option::Option::Some({})", lit(when)),
                None => "::core::option::Option::None".to_owned(),
            };
            g.fill(
                &mut part,
                "$comma$krate::HeaderRule { name: $name, requirement: $krate::Requirement::$requirement, \
                 condition: $condition, source: $source }",
                &[
                    ("comma", &if j > 0 { ", " } else { "" }),
                    ("name", &lit(&rule.name)),
                    ("requirement", &rule.rule.name()),
                    ("condition", &condition),
                    ("source", &lit(&rule.source)),
                ],
            );
        }
        part.push_str("]");
    }
    part.push_str(g.if_open(", &[]"));
    part
}
