//! Specs of SIP's other code tables (`[registry] table = "warning-codes"` and the rest of
//! [`TABLE_KINDS`](crate::kind::TABLE_KINDS)): `[[code]]` entries for numeric tables,
//! `[[token]]` entries for token tables, and `[[update]]`s of either.

use std::ops::Range;

use super::{Reader, SpecFile};
use crate::diag::Location;
use crate::kind::{TableKind, Values, token_problem};
use crate::names;
use crate::tree::{Spanned, Table, Value};

/// A value of a table other than the response codes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableValue {
    /// A number: a Warning code, a Q.850 cause.
    Code(u16),
    /// A token as registered: `Q.850`, `100rel`, `INVITE`.
    Token(String),
}

impl std::fmt::Display for TableValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TableValue::Code(code) => write!(f, "{code}"),
            TableValue::Token(token) => write!(f, "`{token}`"),
        }
    }
}

/// One `[[code]]` or `[[token]]` entry of such a table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueEntry {
    /// The value.
    pub value: TableValue,
    /// A numeric value's text as its registry words it ("Incompatible network protocol");
    /// `None` for a token, which is its own text.
    pub text: Option<String>,
    /// The variant name: `name` if given, else derived from the text or the token.
    pub name: String,
    /// Whether `name` was given.
    pub explicit_name: bool,
    /// References, e.g. `["RFC3261"]`.
    pub references: Vec<String>,
    /// Markdown: what the value means, in the spec's words.
    pub description: Option<String>,
    /// Whether the registry marks the value deprecated or obsolete.
    pub deprecated: bool,
    /// Where the value is.
    pub location: Location,
}

/// An `[[update]]` of a value an earlier spec defines: a new name or description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueUpdate {
    /// The value updated.
    pub value: TableValue,
    /// A new variant name, and where it is.
    pub name: Option<(String, Location)>,
    /// A new description.
    pub description: Option<String>,
    /// Where the update's value is.
    pub location: Location,
}

/// The keys of a `[[code]]` entry of a numeric table, in the order the specs write them.
pub const VALUE_CODE_KEYS: &[&str] = &["code", "text", "name", "references", "description", "deprecated"];
/// The keys of a `[[token]]` entry, in the order the specs write them.
pub const TOKEN_KEYS: &[&str] = &["token", "name", "references", "description", "deprecated"];
/// The keys of a Q.850 cause's entry: a numeric table's, and `response`, the SIP response
/// RFC 3398 and RFC 4497 map the cause to.
const CAUSE_KEYS: &[&str] = &["code", "text", "name", "references", "description", "deprecated", "response"];
const RESPONSE_KEYS: &[&str] = &["rfc3398", "rfc4497", "source"];
const UPDATE_KEYS: &[&str] = &["name", "description"];

impl Reader<'_> {
    /// Reads the entries of a spec that holds `kind`, after its `[registry]`.
    pub(super) fn read_values(&mut self, document: &Table, kind: &'static TableKind, spec: &mut SpecFile) {
        let entry_key = if kind.is_numeric() { "code" } else { "token" };
        let mut saw_values = false;
        for (key, value) in document {
            match key.get_ref().as_str() {
                "registry" => {}
                "update" => {
                    saw_values = true;
                    for entry in self.array_of_tables("update", "update", value) {
                        spec.value_updates.extend(self.read_value_update(entry, kind));
                    }
                }
                other if other == entry_key => {
                    saw_values = true;
                    for entry in self.array_of_tables(entry_key, entry_key, value) {
                        spec.values.extend(self.read_value(entry, kind, &mut spec.causes));
                    }
                }
                other => self.error(
                    &key.span(),
                    format!(
                        "unknown key `{other}`; a spec of {} has `[registry]`, `[[{entry_key}]]` and `[[update]]` entries",
                        kind.title.to_lowercase()
                    ),
                ),
            }
        }
        if !saw_values {
            self.error(&(0..0), format!("the spec has no `[[{entry_key}]]` or `[[update]]` entries"));
        }
    }

    fn read_value(
        &mut self,
        value: &Spanned<Value>,
        kind: &'static TableKind,
        causes: &mut Vec<crate::spec::CauseEntry>,
    ) -> Option<ValueEntry> {
        let table =
            self.table(&format!("each `{}` entry", if kind.is_numeric() { "code" } else { "token" }), value)?;
        let before = self.diagnostics.len();
        let (mut found, mut text, mut name) = (None, None, None);
        let (mut references, mut description, mut deprecated) = (Vec::new(), None, false);
        let q850 = kind.id == crate::kind::Q850_CAUSES;
        let keys = if q850 {
            CAUSE_KEYS
        } else if kind.is_numeric() {
            VALUE_CODE_KEYS
        } else {
            TOKEN_KEYS
        };
        let mut response = None;
        for (key, item) in table {
            match key.get_ref().as_str() {
                "code" if kind.is_numeric() => found = self.table_value("code", item, kind),
                "token" if !kind.is_numeric() => found = self.table_value("token", item, kind),
                "text" if kind.is_numeric() => {
                    text = self.string("text", item).and_then(|t| self.check_phrase("text", t, item.span()));
                }
                "name" => name = self.name(item),
                "references" => {
                    references = self.strings("references", item, |r, s, span| r.reference(s, span))
                }
                "description" => description = self.string("description", item),
                "deprecated" => deprecated = self.boolean("deprecated", item).unwrap_or(false),
                "response" if q850 => response = Some(item),
                other => self.unknown_key(
                    if kind.is_numeric() { "[[code]]" } else { "[[token]]" },
                    other,
                    &key.span(),
                    keys,
                ),
            }
        }
        let entry = if kind.is_numeric() { "code" } else { "token" };
        if found.is_none() && !table.contains_key(entry) {
            self.error(&value.span(), format!("missing `{entry}` in [[{entry}]] entry"));
        }
        if kind.is_numeric() && text.is_none() && !table.contains_key("text") {
            self.error(&value.span(), "missing `text`: the words its registry gives the value");
        }
        let (found, span) = found?;
        if let (Some(item), &TableValue::Code(cause)) = (response, &found) {
            causes.extend(self.cause_response(item, cause as u8, &span));
        }
        let derived_from = match (&found, &text) {
            (TableValue::Token(token), _) => Some(token.as_str()),
            (TableValue::Code(_), text) => text.as_deref(),
        };
        let (name, explicit_name) = match (name, derived_from) {
            (Some(name), _) => (name, true),
            (None, Some(from)) => match names::derive_variant_name(from) {
                Ok(name) => (name, false),
                Err(message) => {
                    self.error(&span, format!("{found}: {message}"));
                    return None;
                }
            },
            (None, None) => return None,
        };
        (self.diagnostics.len() == before).then(|| ValueEntry {
            value: found,
            text,
            name,
            explicit_name,
            references,
            description,
            deprecated,
            location: self.location(&span),
        })
    }

    fn read_value_update(&mut self, value: &Spanned<Value>, kind: &'static TableKind) -> Option<ValueUpdate> {
        let table = self.table("each `update` entry", value)?;
        let before = self.diagnostics.len();
        let entry = if kind.is_numeric() { "code" } else { "token" };
        let (mut found, mut name, mut description) = (None, None, None);
        for (key, item) in table {
            match key.get_ref().as_str() {
                k if k == entry => found = self.table_value(entry, item, kind),
                "name" => name = self.name(item).map(|name| (name, self.location(&item.span()))),
                "description" => description = self.string("description", item),
                other => {
                    let keys: Vec<&str> = std::iter::once(entry).chain(UPDATE_KEYS.iter().copied()).collect();
                    self.unknown_key("[[update]]", other, &key.span(), &keys);
                }
            }
        }
        if found.is_none() && !table.contains_key(entry) {
            self.error(&value.span(), format!("missing `{entry}` in [[update]] entry"));
        }
        let (found, span) = found?;
        (self.diagnostics.len() == before).then(|| ValueUpdate {
            value: found,
            name,
            description,
            location: self.location(&span),
        })
    }

    /// `[code.response]` of a Q.850 cause: the response RFC 3398 and RFC 4497 map it to
    /// (`"none"`: no response; absent: that RFC's default), with the section it comes from.
    fn cause_response(
        &mut self,
        value: &Spanned<Value>,
        cause: u8,
        at: &Range<usize>,
    ) -> Option<crate::spec::CauseEntry> {
        use crate::spec::Mapping;
        let table = self.table("`response`", value)?;
        let (mut rfc3398, mut rfc4497) = (Mapping::Default, Mapping::Default);
        for (key, item) in table {
            match key.get_ref().as_str() {
                "rfc3398" => rfc3398 = self.response_mapping("rfc3398", item),
                "rfc4497" => rfc4497 = self.response_mapping("rfc4497", item),
                "source" => {}
                other => self.unknown_key("[code.response]", other, &key.span(), RESPONSE_KEYS),
            }
        }
        let source = self.source_of("[code.response]", table, &value.span());
        Some(crate::spec::CauseEntry { cause, rfc3398, rfc4497, source, location: self.location(at) })
    }

    /// A `code` in the kind's range, or a `token` by RFC 3261's grammar.
    fn table_value(
        &mut self,
        key: &str,
        value: &Spanned<Value>,
        kind: &TableKind,
    ) -> Option<(TableValue, Range<usize>)> {
        let span = value.span();
        match (kind.values, value.get_ref()) {
            (Values::Numeric { min, max, .. }, Value::Integer(integer)) => {
                let digits = integer.as_str().replace('_', "");
                match i64::from_str_radix(&digits, integer.radix()) {
                    Ok(code) if (i64::from(min)..=i64::from(max)).contains(&code) => {
                        Some((TableValue::Code(code as u16), span))
                    }
                    _ => {
                        let title = kind.title.to_lowercase();
                        self.error(
                            &span,
                            format!(
                                "code {} is outside the range of {title}, {min}..={max}",
                                integer.as_str()
                            ),
                        );
                        None
                    }
                }
            }
            (Values::Token { .. }, Value::String(token)) => match token_problem(token) {
                None => Some((TableValue::Token(token.clone()), span)),
                Some(problem) => {
                    self.error(&span, format!("token {token:?} {problem}"));
                    None
                }
            },
            (Values::Numeric { .. }, other) => {
                self.error(&span, format!("`{key}` must be an integer, found {}", other.type_str()));
                None
            }
            (Values::Token { .. }, other) => {
                self.error(&span, format!("`{key}` must be a string, found {}", other.type_str()));
                None
            }
        }
    }
}
