//! The spec model and the pass that reads one TOML spec file into it.
//!
//! Reading never stops at the first problem: every entry is checked and every problem is
//! returned, each located as `path:line:col`.

use std::ops::Range;
use std::sync::Arc;

use crate::tree::{self, Spanned, Table, Value};

use crate::diag::{Diagnostics, LineIndex, Location};
use crate::names;

mod semantics;
mod values;

pub use semantics::{
    CauseEntry, DialogRule, Effect, HeaderSpec, Mapping, OUTCOMES, Policy, Q850Row, ROUTES, Requirement,
    Semantics,
};
pub use values::{TableValue, ValueEntry, ValueUpdate};

/// The `[registry]` table: where a spec's codes come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Registry {
    /// e.g. "IANA SIP Response Codes".
    pub name: Option<String>,
    /// e.g. `https://www.iana.org/assignments/sip-parameters/`.
    pub source: Option<String>,
    /// The registry's last-updated date, e.g. "2026-08-17".
    pub updated: Option<String>,
    /// Which of SIP's code tables the spec holds (`table = "warning-codes"`); `None` for the
    /// response codes, which a spec need not name.
    pub table: Option<String>,
}

/// One `[[code]]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeEntry {
    /// The status code, 100..=699.
    pub code: u16,
    /// The canonical Reason-Phrase.
    pub reason: String,
    /// The variant name: `name` if given, else derived from `reason`.
    pub name: String,
    /// Whether `name` was given explicitly.
    pub explicit_name: bool,
    /// References, e.g. `["RFC3261"]`.
    pub references: Vec<String>,
    /// Markdown that becomes the variant's rustdoc.
    pub description: Option<String>,
    /// Whether the registry marks the code deprecated.
    pub deprecated: bool,
    /// Former phrases that parsing still accepts.
    pub aliases: Vec<String>,
    /// `false` for codes IANA does not register (vendor codes).
    pub registered: bool,
    /// What the RFCs say a response with this code carries and does: header rules, Q.850
    /// causes, RFC 5057 effect. Empty where the spec says nothing.
    pub semantics: Semantics,
    /// Where the entry's `code` value is.
    pub location: Location,
}

impl CodeEntry {
    /// The code's class digit, 1 to 6.
    pub fn class_digit(&self) -> u16 {
        self.code / 100
    }
}

/// One spec file, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SpecFile {
    /// The `[registry]` table, if present.
    pub registry: Option<Registry>,
    /// The `[[code]]` entries that were read without problems, in file order.
    pub codes: Vec<CodeEntry>,
    /// Entries with problems whose code and variant name are still known. The macro
    /// generates their variants next to the errors, so code that names them keeps
    /// type-checking and the user sees the spec's errors alone. Empty for a clean file.
    pub stubs: Vec<CodeEntry>,
    /// The `[[q850]]` rows: Q.850 cause to response, keyed by cause.
    pub causes: Vec<CauseEntry>,
    /// The `[[update]]` entries: changes to codes an earlier file defines.
    pub updates: Vec<Update>,
    /// The table the spec holds, from `[registry] table`, and where that is (the file's
    /// start when it names none): `None` for the response codes.
    pub kind: Option<(&'static crate::kind::TableKind, Location)>,
    /// The entries of a table other than the response codes, in file order.
    pub values: Vec<ValueEntry>,
    /// The `[[update]]`s of such a table.
    pub value_updates: Vec<ValueUpdate>,
}

/// One `[[update]]` entry: what a later spec (a vendor's, a carrier's) changes about a code
/// an earlier spec defines. Each key given replaces the earlier value as a whole; the keys
/// an update may give are those of [`CODE_KEYS`] marked `update`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Update {
    /// The code updated.
    pub code: u16,
    /// A new variant name, and where it is: a stack's own name for the code (`OK` for 200).
    /// The phrase and references stay the defining spec's.
    pub name: Option<(String, Location)>,
    /// A new description.
    pub description: Option<String>,
    /// New former phrases.
    pub aliases: Option<Vec<String>>,
    /// A new `[code.q850]` row.
    pub q850: Option<Q850Row>,
    /// A new `[code.rfc5057]` rule.
    pub rfc5057: Option<DialogRule>,
    /// New `[[code.header]]` rules, replacing all of the earlier ones.
    pub headers: Option<Vec<HeaderSpec>>,
    /// A new `[code.policy]`: a deployment's own outcome and route action.
    pub policy: Option<Policy>,
    /// Where the update's `code` value is.
    pub location: Location,
}

impl Update {
    /// Applies the update to `entry`.
    pub fn apply(self, entry: &mut CodeEntry) {
        if let Some((name, _)) = self.name {
            entry.name = name;
            entry.explicit_name = true;
        }
        if let Some(description) = self.description {
            entry.description = Some(description);
        }
        if let Some(aliases) = self.aliases {
            entry.aliases = aliases;
        }
        if let Some(q850) = self.q850 {
            entry.semantics.q850 = Some(q850);
        }
        if let Some(rfc5057) = self.rfc5057 {
            entry.semantics.rfc5057 = Some(rfc5057);
        }
        if let Some(headers) = self.headers {
            entry.semantics.headers = headers;
        }
        if let Some(policy) = self.policy {
            entry.semantics.policy = Some(policy);
        }
    }
}

/// A key of a `[[code]]` entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key as written in the spec.
    pub name: &'static str,
    /// Whether `cargo xtask sync-iana` writes it from IANA's registry (the others are ours).
    pub synced: bool,
    /// Whether an `[[update]]` in a later file may replace it (`code` names the entry).
    pub update: bool,
}

/// The keys a `[[code]]` entry may have, in the order `specs/iana.toml` writes them. The one
/// list of keys: the reader, its messages and `cargo xtask sync-iana` all use it.
pub const CODE_KEYS: &[Key] = &[
    Key { name: "code", synced: true, update: true },
    Key { name: "reason", synced: true, update: false },
    Key { name: "references", synced: true, update: false },
    Key { name: "name", synced: false, update: true },
    Key { name: "deprecated", synced: true, update: false },
    Key { name: "aliases", synced: false, update: true },
    Key { name: "registered", synced: false, update: false },
    Key { name: "description", synced: false, update: true },
    Key { name: "q850", synced: false, update: true },
    Key { name: "rfc5057", synced: false, update: true },
    Key { name: "header", synced: false, update: true },
    Key { name: "policy", synced: false, update: true },
];

/// The names of [`CODE_KEYS`].
pub fn code_key_names() -> Vec<&'static str> {
    CODE_KEYS.iter().map(|k| k.name).collect()
}

/// The names of the [`CODE_KEYS`] an `[[update]]` may give.
pub fn update_key_names() -> Vec<&'static str> {
    CODE_KEYS.iter().filter(|k| k.update).map(|k| k.name).collect()
}

const REGISTRY_KEYS: &[&str] = &["name", "source", "updated", "table"];

/// The largest spec file read, in bytes. IANA's spec is about 100 KiB and a spec of all 600
/// codes with descriptions about 200 KiB; the cap keeps what a hostile file can make the
/// reader hold (its text, about 24 bytes of tokens per byte, the tree) bounded.
pub const MAX_SPEC_BYTES: usize = 1 << 20;

/// The message for a spec of `len` bytes, past [`MAX_SPEC_BYTES`].
pub fn too_large(len: impl std::fmt::Display) -> String {
    format!("the spec file is {len} bytes; a spec may have at most {MAX_SPEC_BYTES} bytes (1 MiB)")
}

/// Reads one spec file. `file` numbers it among merged files; `path` is how it is shown.
///
/// Returns the entries that are well-formed and a diagnostic for every problem; an entry
/// with a problem goes to [`SpecFile::stubs`] when its code and name are known, and is left
/// out otherwise.
pub fn read_spec(file: usize, path: &Arc<str>, source: &str) -> (SpecFile, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let spec = read_spec_into(file, path, source, &mut diagnostics);
    (spec, diagnostics)
}

/// [`read_spec`] into a collector shared with other files.
pub fn read_spec_into(file: usize, path: &Arc<str>, source: &str, diagnostics: &mut Diagnostics) -> SpecFile {
    let lines = LineIndex::new(source);
    let mut reader = Reader { file, path, source, lines, diagnostics };
    reader.read()
}

/// An entry as read: clean, or with problems but a code and a name to stub it with.
enum Entry {
    Clean(CodeEntry),
    Stub(CodeEntry),
}

struct Reader<'a> {
    file: usize,
    path: &'a Arc<str>,
    source: &'a str,
    /// Locates every diagnostic without rescanning the file, which would be quadratic in a
    /// large spec with many problems.
    lines: LineIndex<'a>,
    diagnostics: &'a mut Diagnostics,
}

impl Reader<'_> {
    fn location(&self, span: &Range<usize>) -> Location {
        self.lines.location(self.file, self.path, span.start)
    }

    fn error(&mut self, span: &Range<usize>, message: impl Into<String>) {
        let location = self.location(span);
        self.diagnostics.error(location, message);
    }

    fn read(&mut self) -> SpecFile {
        if self.source.len() > MAX_SPEC_BYTES {
            self.error(&(0..0), too_large(self.source.len()));
            return SpecFile::default();
        }
        let document = match tree::parse(self.source, crate::MAX_REPORTED) {
            Ok(document) => document,
            Err((errors, dropped)) => {
                // A document with syntax errors is not read further: recovered values would
                // only add confusing follow-on errors.
                for error in errors {
                    let message = format!("invalid TOML: {}", error.message.trim_end());
                    self.error(&error.span, message);
                }
                self.diagnostics.add_omitted(dropped);
                return SpecFile::default();
            }
        };
        let mut spec = SpecFile::default();
        if let Some(registry) = document.get("registry") {
            spec.registry = self.read_registry(registry);
        }
        let table = document.get("registry").and_then(|r| match r.get_ref() {
            Value::Table(t) => t.get("table"),
            _ => None,
        });
        if let Some(table) = table {
            let Some(id) = spec.registry.as_ref().and_then(|r| r.table.as_deref()) else { return spec };
            match crate::kind::TableKind::named(id) {
                Some(kind) if kind.id == crate::kind::RESPONSE_CODES => {}
                Some(kind) => {
                    spec.kind = Some((kind, self.location(&table.span())));
                    self.read_values(&document, kind, &mut spec);
                    return spec;
                }
                None => {
                    let ids: Vec<&str> = crate::kind::TABLE_KINDS.iter().map(|k| k.id).collect();
                    self.error(
                        &table.span(),
                        format!("unknown table {id:?}; a spec holds one of {}", list(&ids)),
                    );
                    return spec;
                }
            }
        }
        let mut saw_codes = false;
        for (key, value) in &document {
            match key.get_ref().as_str() {
                "registry" => {}
                "code" => {
                    saw_codes = true;
                    for entry in self.array_of_tables("code", "code", value) {
                        match self.read_entry(entry) {
                            Some(Entry::Clean(entry)) => spec.codes.push(entry),
                            Some(Entry::Stub(entry)) => spec.stubs.push(entry),
                            None => {}
                        }
                    }
                }
                "update" => {
                    saw_codes = true;
                    for entry in self.array_of_tables("update", "update", value) {
                        spec.updates.extend(self.read_update(entry));
                    }
                }
                "q850" => {
                    saw_codes = true;
                    spec.causes = self.read_causes(value);
                }
                other => self.error(
                    &key.span(),
                    format!(
                        "unknown key `{other}`; a spec has `[registry]`, `[[code]]`, `[[update]]` and `[[q850]]` entries"
                    ),
                ),
            }
        }
        if !saw_codes {
            self.error(&(0..0), "the spec has no `[[code]]`, `[[update]]` or `[[q850]]` entries");
        }
        spec
    }

    /// The entries of the array of tables `key` (written `[[header]]`), or an error.
    fn array_of_tables<'v>(
        &mut self,
        key: &str,
        header: &str,
        value: &'v Spanned<Value>,
    ) -> &'v [Spanned<Value>] {
        match value.get_ref() {
            Value::Array(entries) => entries,
            other => {
                let message = format!(
                    "`{key}` must be an array of tables (`[[{header}]]`), found {}",
                    other.type_str()
                );
                self.error(&value.span(), message);
                &[]
            }
        }
    }

    /// The table `value` must be, or an error saying that `subject` must be one.
    fn table<'v>(&mut self, subject: &str, value: &'v Spanned<Value>) -> Option<&'v Table> {
        match value.get_ref() {
            Value::Table(table) => Some(table),
            other => {
                self.error(&value.span(), format!("{subject} must be a table, found {}", other.type_str()));
                None
            }
        }
    }

    fn read_update(&mut self, value: &Spanned<Value>) -> Option<Update> {
        let table = self.table("each `update` entry", value)?;
        let before = self.diagnostics.len();
        let mut code = None;
        let mut update = Update {
            code: 0,
            name: None,
            description: None,
            aliases: None,
            q850: None,
            rfc5057: None,
            headers: None,
            policy: None,
            location: Location::start_of(self.file, self.path),
        };
        for (key, value) in table {
            match key.get_ref().as_str() {
                "code" => code = self.code(value),
                "name" => update.name = self.name(value).map(|name| (name, self.location(&value.span()))),
                "description" => update.description = self.string("description", value),
                "aliases" => {
                    update.aliases =
                        Some(self.strings("aliases", value, |r, s, span| r.check_phrase("aliases", s, span)));
                }
                "q850" => update.q850 = self.q850_row(value),
                "rfc5057" => update.rfc5057 = self.dialog_rule(value),
                "header" => update.headers = Some(self.header_specs(value)),
                "policy" => update.policy = self.policy(value),
                other => {
                    let keys = update_key_names();
                    let message = if CODE_KEYS.iter().any(|k| k.name == other) {
                        format!("`{other}` cannot be changed by an [[update]]; it takes {}", list(&keys))
                    } else if let Some(key) = closest(other, &keys) {
                        format!("unknown key `{other}` in [[update]]; did you mean `{key}`?")
                    } else {
                        format!("unknown key `{other}` in [[update]]; expected one of {}", list(&keys))
                    };
                    self.error(&key.span(), message);
                }
            }
        }
        if code.is_none() && !table.contains_key("code") {
            self.error(&value.span(), "missing `code` in [[update]] entry");
        }
        let (code, span) = code?;
        update.code = code;
        update.location = self.location(&span);
        (self.diagnostics.len() == before).then_some(update)
    }

    fn read_registry(&mut self, value: &Spanned<Value>) -> Option<Registry> {
        let table = self.table("`registry`", value)?;
        let mut registry = Registry::default();
        for (key, value) in table {
            let key_name = key.get_ref().as_str();
            let slot = match key_name {
                "name" => &mut registry.name,
                "source" => &mut registry.source,
                "updated" => &mut registry.updated,
                "table" => &mut registry.table,
                other => {
                    let message = format!(
                        "unknown key `{other}` in [registry]; expected one of {}",
                        list(REGISTRY_KEYS)
                    );
                    self.error(&key.span(), message);
                    continue;
                }
            };
            *slot = self.string(key_name, value);
        }
        Some(registry)
    }

    fn read_entry(&mut self, value: &Spanned<Value>) -> Option<Entry> {
        let table = self.table("each `code` entry", value)?;
        let before = self.diagnostics.len();
        let mut code = None;
        let mut reason = None;
        let mut raw_reason = None;
        let mut name = None;
        let mut references = Vec::new();
        let mut description = None;
        let mut deprecated = false;
        let mut aliases = Vec::new();
        let mut registered = true;
        let mut semantics = Semantics::default();
        for (key, value) in table {
            let key_name = key.get_ref().as_str();
            match key_name {
                "code" => code = self.code(value),
                "reason" => {
                    raw_reason = self.string("reason", value);
                    reason = raw_reason.clone().and_then(|r| self.check_phrase("reason", r, value.span()));
                }
                "name" => name = self.name(value),
                "references" => {
                    references = self.strings("references", value, |r, s, span| r.reference(s, span))
                }
                "description" => description = self.string("description", value),
                "deprecated" => deprecated = self.boolean("deprecated", value).unwrap_or(false),
                "aliases" => {
                    aliases = self.strings("aliases", value, |r, s, span| r.check_phrase("aliases", s, span))
                }
                "registered" => registered = self.boolean("registered", value).unwrap_or(true),
                "q850" => semantics.q850 = self.q850_row(value),
                "rfc5057" => semantics.rfc5057 = self.dialog_rule(value),
                "header" => semantics.headers = self.header_specs(value),
                "policy" => semantics.policy = self.policy(value),
                other => {
                    let keys = code_key_names();
                    let message = match closest(other, &keys) {
                        Some(key) => format!("unknown key `{other}` in [[code]]; did you mean `{key}`?"),
                        None => {
                            format!("unknown key `{other}` in [[code]]; expected one of {}", list(&keys))
                        }
                    };
                    self.error(&key.span(), message);
                }
            }
        }
        let entry_span = value.span();
        let described =
            code.as_ref().map_or_else(|| "this [[code]] entry".to_owned(), |(c, _)| format!("code {c}"));
        if code.is_none() && !table.contains_key("code") {
            self.error(&entry_span, "missing `code` in [[code]] entry");
        }
        if reason.is_none() && !table.contains_key("reason") {
            self.error(&entry_span, format!("missing `reason` for {described}"));
        }
        let (code, code_span) = code?;
        let (name, explicit_name) = match (name, &reason) {
            (Some(name), _) => (Some(name), true),
            (None, Some(reason)) => match names::derive_variant_name(reason) {
                Ok(name) => (Some(name), false),
                Err(message) => {
                    self.error(&code_span, format!("code {code}: {message}"));
                    (None, false)
                }
            },
            // A stub may still take its name from a phrase the grammar refuses.
            (None, None) => (raw_reason.as_deref().and_then(|r| names::derive_variant_name(r).ok()), false),
        };
        let clean = self.diagnostics.len() == before;
        let entry = CodeEntry {
            code,
            explicit_name,
            references,
            description,
            deprecated,
            aliases,
            registered,
            semantics,
            location: self.location(&code_span),
            name: name?,
            reason: reason.or(raw_reason).unwrap_or_default(),
        };
        Some(if clean { Entry::Clean(entry) } else { Entry::Stub(entry) })
    }

    fn code(&mut self, value: &Spanned<Value>) -> Option<(u16, Range<usize>)> {
        let span = value.span();
        let Value::Integer(integer) = value.get_ref() else {
            self.error(&span, format!("`code` must be an integer, found {}", value.get_ref().type_str()));
            return None;
        };
        let digits = integer.as_str().replace('_', "");
        match i64::from_str_radix(&digits, integer.radix()) {
            Ok(code @ 100..=699) => Some((code as u16, span)),
            Ok(code) => {
                self.error(&span, format!("code {code} is outside SIP's range 100..=699"));
                None
            }
            Err(_) => {
                self.error(&span, format!("code {} is outside SIP's range 100..=699", integer.as_str()));
                None
            }
        }
    }

    fn name(&mut self, value: &Spanned<Value>) -> Option<String> {
        let name = self.string("name", value)?;
        match names::check_variant_name(&name) {
            Ok(()) => Some(name),
            Err(message) => {
                self.error(&value.span(), message);
                None
            }
        }
    }

    /// A Reason-Phrase as RFC 3261 §25.1 allows it, with no surrounding whitespace so that
    /// `Display` and `FromStr` round-trip.
    fn check_phrase(&mut self, key: &str, phrase: String, span: Range<usize>) -> Option<String> {
        let problem = if phrase.is_empty() {
            Some("must not be empty".to_owned())
        } else if phrase.contains(['\r', '\n']) {
            Some("contains a line break (CR or LF), which a Reason-Phrase cannot hold".to_owned())
        } else if let Some(c) = phrase.chars().find(|c| c.is_control() && *c != '\t') {
            Some(format!(
                "contains the control character U+{:04X}, which a Reason-Phrase cannot hold",
                c as u32
            ))
        } else if phrase.starts_with([' ', '\t']) || phrase.ends_with([' ', '\t']) {
            Some("must not start or end with whitespace".to_owned())
        } else if let Some(c) = phrase.chars().find(|c| "\"#<>[\\]^`{|}".contains(*c)) {
            Some(format!("contains {c:?}, which RFC 3261's Reason-Phrase grammar does not allow"))
        } else if !percent_escapes_are_valid(&phrase) {
            Some("has a `%` that is not followed by two hex digits (RFC 3261 `escaped`)".to_owned())
        } else {
            None
        };
        match problem {
            Some(problem) => {
                self.error(&span, format!("`{key}` {problem}"));
                None
            }
            None => Some(phrase),
        }
    }

    fn reference(&mut self, reference: String, span: Range<usize>) -> Option<String> {
        if reference.trim().is_empty()
            || reference.trim() != reference
            || reference.chars().any(char::is_control)
        {
            self.error(
                &span,
                format!("reference {reference:?} must be a non-empty name such as \"RFC3261\""),
            );
            return None;
        }
        Some(reference)
    }

    fn string(&mut self, key: &str, value: &Spanned<Value>) -> Option<String> {
        match value.get_ref() {
            Value::String(s) => Some(s.to_string()),
            other => {
                self.error(&value.span(), format!("`{key}` must be a string, found {}", other.type_str()));
                None
            }
        }
    }

    fn boolean(&mut self, key: &str, value: &Spanned<Value>) -> Option<bool> {
        match value.get_ref() {
            Value::Boolean(b) => Some(*b),
            other => {
                self.error(&value.span(), format!("`{key}` must be a boolean, found {}", other.type_str()));
                None
            }
        }
    }

    fn strings(
        &mut self,
        key: &str,
        value: &Spanned<Value>,
        check: impl Fn(&mut Self, String, Range<usize>) -> Option<String>,
    ) -> Vec<String> {
        let items: &[Spanned<Value>] = match value.get_ref() {
            Value::Array(items) => items,
            other => {
                self.error(
                    &value.span(),
                    format!("`{key}` must be an array of strings, found {}", other.type_str()),
                );
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.get_ref() {
                Value::String(s) => {
                    if let Some(s) = check(self, s.to_string(), item.span()) {
                        out.push(s);
                    }
                }
                other => {
                    self.error(&item.span(), format!("`{key}` must hold strings, found {}", other.type_str()))
                }
            }
        }
        out
    }
}

fn percent_escapes_are_valid(phrase: &str) -> bool {
    let bytes = phrase.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'%')
        .all(|(i, _)| bytes.get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)))
}

/// The key `key` was probably meant to be: one at most two edits away.
fn closest<'k>(key: &str, keys: &[&'k str]) -> Option<&'k str> {
    keys.iter().map(|k| (edit_distance(key, k), *k)).filter(|(d, _)| *d <= 2).min().map(|(_, k)| k)
}

/// Levenshtein distance, over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

fn list(keys: &[&str]) -> String {
    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> (SpecFile, Vec<String>) {
        let (spec, diagnostics) = read_spec(0, &Arc::from("t.toml"), source);
        (spec, diagnostics.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn reads_every_key() {
        let (spec, errors) = read(
            "[registry]\nname = \"R\"\nupdated = \"2026-08-17\"\n\n[[code]]\ncode = 436\nreason = \"Bad Identity Info\"\n\
             references = [\"RFC8224\"]\ndescription = \"d\"\naliases = [\"Bad Identity-Info\"]\n\n\
             [[code]]\ncode = 0x1E6\nreason = \"Accepted\"\nname = \"Accepted\"\ndeprecated = true\nregistered = false\n",
        );
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(spec.registry.unwrap().updated.as_deref(), Some("2026-08-17"));
        let [first, second] = &spec.codes[..] else { panic!("two entries expected") };
        assert_eq!((first.code, first.name.as_str(), first.explicit_name), (436, "BadIdentityInfo", false));
        assert_eq!(first.aliases, ["Bad Identity-Info"]);
        assert_eq!(first.location.to_string(), "t.toml:6:8");
        assert_eq!(
            (second.code, second.deprecated, second.registered, second.explicit_name),
            (486, true, false, true)
        );
    }

    #[test]
    fn reports_every_problem_with_its_place() {
        let (spec, errors) = read(
            "[[code]]\ncode = 99\nreason = \"x\"\n\n[[code]]\ncode = 486\nreason = \"Busy\\nHere\"\ncolour = 1\n\n\
             [[code]]\nreason = \"No Code\"\n\n[[code]]\ncode = \"487\"\nreason = \"Bad<Phrase>\"\nname = \"bad_name\"\n",
        );
        assert!(spec.codes.is_empty());
        assert_eq!(
            errors,
            [
                "t.toml:2:8: code 99 is outside SIP's range 100..=699",
                "t.toml:7:10: `reason` contains a line break (CR or LF), which a Reason-Phrase cannot hold",
                "t.toml:8:1: unknown key `colour` in [[code]]; expected one of `code`, `reason`, `references`, `name`, `deprecated`, `aliases`, `registered`, `description`, `q850`, `rfc5057`, `header`, `policy`",
                "t.toml:10:1: missing `code` in [[code]] entry",
                "t.toml:14:8: `code` must be an integer, found string",
                "t.toml:15:10: `reason` contains '<', which RFC 3261's Reason-Phrase grammar does not allow",
                "t.toml:16:8: `name` must be an UpperCamelCase Rust identifier such as `BusyHere`, found \"bad_name\"",
            ]
        );
    }

    #[test]
    fn suggests_the_key_that_was_meant_and_keeps_stubs() {
        let (spec, errors) = read(
            "[[code]]\ncode = 486\nreasn = \"Busy Here\"\nname = \"BusyHere\"\n\n\
             [[code]]\ncode = 487\nreason = \"Request Terminated\"\ncolour = 1\n\n\
             [[code]]\ncode = 488\n",
        );
        assert_eq!(
            errors,
            [
                "t.toml:1:1: missing `reason` for code 486",
                "t.toml:3:1: unknown key `reasn` in [[code]]; did you mean `reason`?",
                "t.toml:9:1: unknown key `colour` in [[code]]; expected one of `code`, `reason`, `references`, `name`, `deprecated`, `aliases`, `registered`, `description`, `q850`, `rfc5057`, `header`, `policy`",
                "t.toml:11:1: missing `reason` for code 488",
            ]
        );
        assert!(spec.codes.is_empty());
        // Code and name known: stubs. 488 has no name to give its variant.
        let stubs: Vec<(u16, &str)> = spec.stubs.iter().map(|e| (e.code, e.name.as_str())).collect();
        assert_eq!(stubs, [(486, "BusyHere"), (487, "RequestTerminated")]);
    }

    #[test]
    fn reports_syntax_errors_with_their_place() {
        let (_, errors) = read("[[code]]\ncode = 486\nreason = \"Busy Here\n");
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("t.toml:3:20: invalid TOML: "), "{errors:?}");
    }

    #[test]
    fn checks_reason_phrase_grammar() {
        for (reason, problem) in [
            (r#""""#, "must not be empty"),
            (r#""Busy\u0007""#, "U+0007"),
            (r#"" Busy""#, "whitespace"),
            (r#""100% Busy""#, "`%`"),
            (r#""Busy {Here}""#, "'{'"),
        ] {
            let source = format!("[[code]]\ncode = 486\nreason = {reason}\n");
            let (_, errors) = read(&source);
            assert!(errors.len() == 1 && errors[0].contains(problem), "{reason:?}: {errors:?}");
        }
        let (spec, errors) =
            read("[[code]]\ncode = 486\nreason = \"Besetzt %C3%BC Überall\\tjetzt\"\nname = \"Busy\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(spec.codes[0].reason, "Besetzt %C3%BC Überall\tjetzt");
    }
}
