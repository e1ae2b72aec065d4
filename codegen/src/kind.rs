//! SIP's code tables: what a spec file's `[registry] table` may name, and the facts each
//! table's values follow (numbers in a range, or tokens with their RFC's case rule). The one
//! list the generator, the maintainer tools and the docs read.

/// The values a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Values {
    /// Numbers in `min..=max`, written with `digits` digits where that is fixed (0: any).
    Numeric {
        /// The smallest value.
        min: u16,
        /// The largest value.
        max: u16,
        /// The digits a value is written with on the wire, e.g. 3 for `warn-code = 3DIGIT`.
        digits: u8,
    },
    /// RFC 3261 tokens (§25.1: letters, digits and `-.!%*_+`'~`).
    Token {
        /// Whether a received token matches in any ASCII case: RFC 3261 §7.3.1 makes header
        /// values case-insensitive unless a field says otherwise, and ABNF's quoted strings
        /// (RFC 5234 §2.3) are too; methods are the exception (§7.1).
        ignore_case: bool,
    },
}

/// One of SIP's code tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableKind {
    /// What a spec's `[registry] table` says, and the spec file's name under `specs/`.
    pub id: &'static str,
    /// What the table is, for messages and docs: "Warning codes".
    pub title: &'static str,
    /// IANA's registry id in `sip-parameters.xml` (`sip-parameters-5`), or `None` for a
    /// table IANA does not keep (ITU-T's Q.850 causes).
    pub registry: Option<&'static str>,
    /// The values.
    pub values: Values,
    /// The header field or parameter that carries a value, for docs: "Warning".
    pub carried_in: &'static str,
    /// The document that defines the values' syntax.
    pub defined_in: &'static str,
    /// The name of the table's type in `sip_codes::iana` (`WarnCode`).
    pub type_name: &'static str,
    /// The runtime's feature that builds that type (`warning-codes`; `iana` for the
    /// response codes).
    pub feature: &'static str,
}

impl TableKind {
    /// The kind named `id`.
    pub fn named(id: &str) -> Option<&'static TableKind> {
        TABLE_KINDS.iter().find(|kind| kind.id == id)
    }

    /// Whether the table holds numbers.
    pub fn is_numeric(&self) -> bool {
        matches!(self.values, Values::Numeric { .. })
    }
}

/// The response codes' table: the kind of a spec that names none.
pub const RESPONSE_CODES: &str = "response-codes";

/// The Q.850 causes' table, whose `[code.response]` rows a response-code type also reads.
pub const Q850_CAUSES: &str = "q850-causes";

/// Every table, response codes first.
pub const TABLE_KINDS: &[TableKind] = &[
    TableKind {
        id: RESPONSE_CODES,
        title: "Response codes",
        registry: Some("sip-parameters-7"),
        values: Values::Numeric { min: 100, max: 699, digits: 3 },
        carried_in: "the Status-Line",
        defined_in: "RFC 3261 §7.2",
        type_name: "StatusCode",
        feature: "iana",
    },
    TableKind {
        id: "warning-codes",
        title: "Warning codes",
        registry: Some("sip-parameters-5"),
        values: Values::Numeric { min: 100, max: 999, digits: 3 },
        carried_in: "Warning",
        defined_in: "RFC 3261 §20.43",
        type_name: "WarnCode",
        feature: "warning-codes",
    },
    TableKind {
        id: Q850_CAUSES,
        title: "Q.850 cause values",
        registry: None,
        values: Values::Numeric { min: 1, max: 127, digits: 0 },
        carried_in: "Reason (protocol Q.850)",
        defined_in: "ITU-T Q.850; RFC 3326 §2",
        type_name: "Q850Cause",
        feature: "q850-causes",
    },
    TableKind {
        id: "reason-protocols",
        title: "Reason protocols",
        registry: Some("sip-parameters-3"),
        values: Values::Token { ignore_case: true },
        carried_in: "Reason",
        defined_in: "RFC 3326 §2",
        type_name: "ReasonProtocol",
        feature: "reason-protocols",
    },
    TableKind {
        id: "geolocation-error-codes",
        title: "Geolocation-Error codes",
        registry: Some("sip-parameters-68"),
        values: Values::Numeric { min: 100, max: 999, digits: 3 },
        carried_in: "Geolocation-Error",
        defined_in: "RFC 6442 §4.3",
        type_name: "GeolocationErrorCode",
        feature: "geolocation-error-codes",
    },
    TableKind {
        id: "alertmsg-error-codes",
        title: "AlertMsg-Error codes",
        registry: Some("sip-alertmsg-error-codes"),
        values: Values::Numeric { min: 100, max: 999, digits: 3 },
        carried_in: "AlertMsg-Error",
        defined_in: "RFC 8876 §4.1",
        type_name: "AlertMsgErrorCode",
        feature: "alertmsg-error-codes",
    },
    TableKind {
        id: "push-services",
        title: "Push notification services",
        registry: Some("sip-pns"),
        values: Values::Token { ignore_case: true },
        carried_in: "the pn-provider URI parameter",
        defined_in: "RFC 8599 §4.1",
        type_name: "PushService",
        feature: "push-services",
    },
    TableKind {
        id: "option-tags",
        title: "Option tags",
        registry: Some("sip-parameters-4"),
        values: Values::Token { ignore_case: true },
        carried_in: "Require, Supported, Unsupported, Proxy-Require",
        defined_in: "RFC 3261 §19.2",
        type_name: "OptionTag",
        feature: "option-tags",
    },
    TableKind {
        id: "subscription-state-reasons",
        title: "Subscription-State reason codes",
        registry: Some("sip-parameters-69"),
        values: Values::Token { ignore_case: true },
        carried_in: "Subscription-State (the reason parameter)",
        defined_in: "RFC 6665 §8.4",
        type_name: "SubscriptionStateReason",
        feature: "subscription-state-reasons",
    },
    TableKind {
        id: "methods",
        title: "Methods",
        registry: Some("sip-parameters-6"),
        values: Values::Token { ignore_case: false },
        carried_in: "the Request-Line and CSeq",
        defined_in: "RFC 3261 §7.1",
        type_name: "Method",
        feature: "methods",
    },
];

/// Why `token` is not an RFC 3261 token (§25.1), if it is not.
pub fn token_problem(token: &str) -> Option<String> {
    if token.is_empty() {
        return Some("must not be empty".to_owned());
    }
    token
        .chars()
        .find(|c| !is_token_char(*c))
        .map(|c| format!("holds {c:?}, which an RFC 3261 token cannot (letters, digits and -.!%*_+`'~ only)"))
}

/// Whether `c` may appear in an RFC 3261 token.
pub fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-.!%*_+`'~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_distinct_and_name_their_kinds() {
        for (i, kind) in TABLE_KINDS.iter().enumerate() {
            assert_eq!(TableKind::named(kind.id), Some(kind));
            assert!(
                TABLE_KINDS[i + 1..]
                    .iter()
                    .all(|other| other.id != kind.id
                        && other.registry.is_none_or(|r| Some(r) != kind.registry))
            );
        }
        assert_eq!(TABLE_KINDS[0].id, RESPONSE_CODES);
    }

    #[test]
    fn tokens_follow_rfc_3261() {
        for token in ["Q.850", "100rel", "INVITE", "apns", "no-resource", "sec-agree"] {
            assert_eq!(token_problem(token), None, "{token}");
        }
        assert!(token_problem("").is_some());
        assert!(token_problem("Q 850").unwrap().contains("' '"));
        assert!(token_problem("a;b").unwrap().contains("';'"));
        assert!(token_problem("é").is_some());
    }
}
