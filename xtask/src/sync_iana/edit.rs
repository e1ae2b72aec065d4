//! `--write`: brings a spec in line with the registry by editing the TOML document in place,
//! so that every comment, description, blank line and key order of the file survives.

use std::collections::HashSet;

use sip_codes_codegen::kind::TableKind;
use sip_codes_codegen::spec::{CODE_KEYS, TOKEN_KEYS, VALUE_CODE_KEYS};
use sip_codes_codegen::{CodeEntry, TableValue, ValueEntry, derive_variant_name};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use super::compare::{DESCRIPTION_PLACEHOLDER, Finding, ValueFinding};
use super::snapshot::{Record, Registration};

/// What an edit changed, for the message after writing.
#[derive(Debug, Default)]
pub struct Changes {
    /// One line per change, e.g. "added 425 Bad Alert Message".
    pub done: Vec<String>,
    /// Consequences a maintainer should know about, e.g. a variant name that changes.
    pub notes: Vec<String>,
}

/// Applies the findings `--write` resolves to the spec's text; the others are left alone.
///
/// `entries` are the spec's entries as read from `source`.
pub fn apply(
    source: &str,
    entries: &[CodeEntry],
    findings: &[Finding<'_>],
) -> Result<(String, Changes), String> {
    let mut document: DocumentMut = source.parse().map_err(|e| format!("invalid TOML: {e}"))?;
    let Some(codes) = document.get_mut("code").and_then(Item::as_array_of_tables_mut) else {
        return Err("--write edits `[[code]]` tables, and this spec writes `code` another way".to_owned());
    };
    let mut changes = Changes::default();
    let mut names: HashSet<String> = entries.iter().map(|e| e.name.clone()).collect();
    for finding in findings {
        match *finding {
            Finding::Missing(_) | Finding::NotRegistered(_) | Finding::Placeholder(_) => {}
            Finding::RegisteredAfterAll(entry, _) => {
                table_of(codes, entry.code)?.remove("registered");
                changes.done.push(format!("{}: removed `registered = false`", entry.code));
            }
            Finding::Renamed(entry, iana) | Finding::Phrase(entry, iana) => {
                rename(table_of(codes, entry.code)?, entry, iana);
                changes.done.push(format!(
                    "{}: reason {:?} (was {:?}, now in `aliases`)",
                    entry.code, iana.phrase, entry.reason
                ));
                if !entry.explicit_name {
                    let name = derive_variant_name(&iana.phrase).unwrap_or_default();
                    if name != entry.name {
                        changes.notes.push(format!(
                            "{}: the variant name changes from `{}` to `{name}`, a breaking change for users; add `name = \"{}\"` to keep it",
                            entry.code, entry.name, entry.name
                        ));
                        names.insert(name);
                    }
                }
            }
            Finding::Deprecation(entry, iana) => {
                let table = table_of(codes, entry.code)?;
                if iana.deprecated {
                    set(table, "deprecated", Value::from(true));
                } else {
                    table.remove("deprecated");
                }
                changes.done.push(format!(
                    "{}: {}",
                    entry.code,
                    if iana.deprecated { "deprecated = true" } else { "no longer deprecated" }
                ));
            }
            Finding::References(entry, iana) => {
                let references = iana.spec_references();
                set(table_of(codes, entry.code)?, "references", strings(&references));
                changes.done.push(format!("{}: references {}", entry.code, references.join(", ")));
            }
        }
    }
    for finding in findings {
        if let Finding::Missing(registration) = *finding {
            let name = new_name(registration, &names);
            if let Some(name) = &name {
                changes.notes.push(format!(
                    "{}: its derived variant name is taken or impossible, so --write named it `{name}`; choose a better `name`",
                    registration.code
                ));
                names.insert(name.clone());
            } else if let Ok(derived) = derive_variant_name(&registration.phrase) {
                names.insert(derived);
            }
            insert_code(codes, new_table(registration, name));
            changes.done.push(format!(
                "added {} {} (description: {DESCRIPTION_PLACEHOLDER:?})",
                registration.code, registration.phrase
            ));
        }
    }
    Ok((document.to_string(), changes))
}

/// The `[[code]]` table of `code`.
fn table_of(codes: &mut ArrayOfTables, code: u16) -> Result<&mut Table, String> {
    codes
        .iter_mut()
        .find(|table| code_of(table) == Some(code))
        .ok_or_else(|| format!("no `[[code]]` table with `code = {code}` to edit"))
}

fn code_of(table: &Table) -> Option<u16> {
    table.get("code")?.as_integer()?.try_into().ok()
}

/// IANA's phrase becomes the reason; the spec's phrase joins `aliases`, IANA's leaves them.
fn rename(table: &mut Table, entry: &CodeEntry, iana: &Registration) {
    set(table, "reason", Value::from(iana.phrase.as_str()));
    let mut aliases: Vec<String> = entry.aliases.iter().filter(|a| **a != iana.phrase).cloned().collect();
    if !aliases.contains(&entry.reason) {
        aliases.push(entry.reason.clone());
    }
    set(table, "aliases", strings(&aliases));
}

fn strings(items: &[String]) -> Value {
    Value::Array(items.iter().map(String::as_str).collect::<Array>())
}

/// Sets `key`, keeping the old value's surrounding whitespace and comment, or adds it where
/// [`CODE_KEYS`] orders it (the order `specs/iana.toml` writes keys in): before the first
/// existing key that comes later.
fn set(table: &mut Table, key: &str, value: Value) {
    let order: Vec<&str> = CODE_KEYS.iter().map(|k| k.name).collect();
    set_key(table, &order, key, value);
}

/// Sets `key`, as [`set`] does, where `order` puts it.
fn set_key(table: &mut Table, order: &[&str], key: &str, value: Value) {
    if let Some(Item::Value(old)) = table.get_mut(key) {
        let decor = old.decor().clone();
        *old = value;
        *old.decor_mut() = decor;
        return;
    }
    let rank = |k: &str| order.iter().position(|o| *o == k).unwrap_or(order.len());
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_owned()).collect();
    let Some(before) = keys.iter().position(|k| rank(k) > rank(key)) else {
        table.insert(key, Item::Value(value));
        return;
    };
    // A table appends new keys; to put one in the middle, take the later keys out (with
    // their formatting) and put them back after it.
    let later: Vec<_> = keys[before..].iter().filter_map(|k| table.remove_entry(k)).collect();
    table.insert(key, Item::Value(value));
    for (k, item) in later {
        table.insert_formatted(&k, item);
    }
}

/// A name for a new code when the derived one cannot be used: taken by another code, or
/// not derivable from the phrase. `None` when the derived name will do.
fn new_name(registration: &Registration, names: &HashSet<String>) -> Option<String> {
    match derive_variant_name(&registration.phrase) {
        Ok(name) if !names.contains(&name) => None,
        Ok(name) => Some(format!("{name}{}", registration.code)),
        Err(_) => Some(format!("Code{}", registration.code)),
    }
}

fn new_table(registration: &Registration, name: Option<String>) -> Table {
    let mut table = Table::new();
    table.insert("code", Item::Value(Value::from(i64::from(registration.code))));
    table.insert("reason", Item::Value(Value::from(registration.phrase.as_str())));
    table.insert("references", Item::Value(strings(&registration.spec_references())));
    if let Some(name) = name {
        table.insert("name", Item::Value(Value::from(name)));
    }
    if registration.deprecated {
        table.insert("deprecated", Item::Value(Value::from(true)));
    }
    table.insert("description", Item::Value(Value::from(DESCRIPTION_PLACEHOLDER)));
    table.decor_mut().set_prefix("\n");
    table
}

/// Inserts a new `[[code]]` table in code order. A table that opens a class takes over the
/// comment above the next table when that one is of the same class (e.g. the "4xx" banner
/// above 401 moves up to a new 400).
fn insert_code(codes: &mut ArrayOfTables, mut table: Table) {
    let code = code_of(&table).unwrap_or_default();
    let index = codes.iter().position(|t| code_of(t).is_some_and(|c| c > code)).unwrap_or(codes.len());
    if let Some(next) = codes.get_mut(index) {
        let same_class = code_of(next).is_some_and(|c| c / 100 == code / 100);
        let prefix = next.decor().prefix().and_then(|p| p.as_str()).unwrap_or("\n").to_owned();
        if same_class || !prefix.contains('#') {
            table.decor_mut().set_prefix(prefix);
            next.decor_mut().set_prefix("\n");
        }
    }
    codes.insert(index, table);
}

/// Applies the findings of another table (Warning codes, option tags, ...) to its spec's
/// text, in place as [`apply`] does: texts and references take IANA's, values IANA lists
/// and the spec lacks are added (codes in code order, tokens after the token IANA lists
/// before them), values IANA no longer lists are marked `deprecated = true`. A variant name
/// that a new text would change is kept with an explicit `name`.
///
/// `entries` are the spec's entries as read from `source`; `records` the registry's.
pub fn apply_values(
    source: &str,
    kind: &TableKind,
    entries: &[ValueEntry],
    records: &[Record],
    findings: &[ValueFinding<'_>],
) -> Result<(String, Changes), String> {
    let mut document: DocumentMut = source.parse().map_err(|e| format!("invalid TOML: {e}"))?;
    let entry_key = if kind.is_numeric() { "code" } else { "token" };
    let keys = if kind.is_numeric() { VALUE_CODE_KEYS } else { TOKEN_KEYS };
    if !document.contains_key(entry_key) {
        document.insert(entry_key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let Some(tables) = document.get_mut(entry_key).and_then(Item::as_array_of_tables_mut) else {
        return Err(format!(
            "--write edits `[[{entry_key}]]` tables, and this spec writes `{entry_key}` another way"
        ));
    };
    let mut changes = Changes::default();
    let mut names: HashSet<String> = entries.iter().map(|e| e.name.clone()).collect();
    for finding in findings {
        match *finding {
            ValueFinding::Missing(_) => {}
            ValueFinding::NotRegistered(entry) => {
                set_key(value_table(tables, &entry.value)?, keys, "deprecated", Value::from(true));
                changes.done.push(format!("{}: deprecated = true (IANA does not register it)", entry.value));
            }
            ValueFinding::DeprecatedButRegistered(entry) => {
                value_table(tables, &entry.value)?.remove("deprecated");
                changes.done.push(format!("{}: removed `deprecated` (IANA registers it)", entry.value));
            }
            ValueFinding::Text(entry, record) => {
                let text = record.text().unwrap_or_default();
                let table = value_table(tables, &entry.value)?;
                set_key(table, keys, "text", Value::from(text.as_str()));
                changes.done.push(format!(
                    "{}: text {text:?} (was {:?})",
                    entry.value,
                    entry.text.as_deref().unwrap_or_default()
                ));
                if !entry.explicit_name && derive_variant_name(&text).ok().as_ref() != Some(&entry.name) {
                    set_key(table, keys, "name", Value::from(entry.name.as_str()));
                    changes.notes.push(format!(
                        "{}: `name = \"{}\"` keeps the variant name the old text gave",
                        entry.value, entry.name
                    ));
                }
            }
            ValueFinding::References(entry, record) => {
                set_key(value_table(tables, &entry.value)?, keys, "references", strings(&record.references));
                changes.done.push(format!("{}: references {}", entry.value, record.references.join(", ")));
            }
        }
    }
    for finding in findings {
        let ValueFinding::Missing(record) = *finding else { continue };
        let text = record.text();
        let derived = derive_variant_name(text.as_deref().unwrap_or(&value_word(&record.value)));
        let name = match derived {
            Ok(name) if !names.contains(&name) => {
                names.insert(name);
                None
            }
            _ => {
                let name = fallback_name(kind, &record.value, &names);
                names.insert(name.clone());
                changes.notes.push(format!(
                    "{}: no variant name follows from it, so --write named it `{name}`; choose a better `name` if you like",
                    record.value
                ));
                Some(name)
            }
        };
        let mut table = Table::new();
        let value = match &record.value {
            TableValue::Code(code) => Value::from(i64::from(*code)),
            TableValue::Token(token) => Value::from(token.as_str()),
        };
        table.insert(entry_key, Item::Value(value));
        if let Some(text) = &text {
            table.insert("text", Item::Value(Value::from(text.as_str())));
        }
        if let Some(name) = name {
            table.insert("name", Item::Value(Value::from(name)));
        }
        table.insert("references", Item::Value(strings(&record.references)));
        table.decor_mut().set_prefix("\n");
        let index = insertion_index(tables, records, record);
        tables.insert(index, table);
        changes.done.push(format!(
            "added {}{}",
            record.value,
            text.map(|t| format!(" {t}")).unwrap_or_default()
        ));
    }
    Ok((document.to_string(), changes))
}

/// The value as the words a name is derived from.
fn value_word(value: &TableValue) -> String {
    match value {
        TableValue::Code(code) => code.to_string(),
        TableValue::Token(token) => token.clone(),
    }
}

/// A name for a new value whose derived name cannot be used. A token that starts with
/// digits keeps its words and ends with the digits (`100rel` gives `Rel100`); a value
/// without letters, or whose name is taken, is named as the response codes' `--write` names
/// them (`Code308`), or `Token199` for a token.
fn fallback_name(kind: &TableKind, value: &TableValue, names: &HashSet<String>) -> String {
    let word = value_word(value);
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let turned = format!("{} {}", &word[digits..], &word[..digits]);
    match derive_variant_name(&turned) {
        Ok(name) if !names.contains(&name) => name,
        _ => {
            let tail =
                derive_variant_name(&format!("x {word}")).map(|n| n[1..].to_owned()).unwrap_or_default();
            format!("{}{tail}", if kind.is_numeric() { "Code" } else { "Token" })
        }
    }
}

/// Where a new value's table goes: a code before the first larger code; a token after the
/// nearest token IANA lists before it that the spec has, else first.
fn insertion_index(tables: &ArrayOfTables, records: &[Record], record: &Record) -> usize {
    if let TableValue::Code(code) = record.value {
        return tables
            .iter()
            .position(|t| table_value(t).is_some_and(|v| matches!(v, TableValue::Code(c) if c > code)))
            .unwrap_or(tables.len());
    }
    let at = records.iter().position(|r| r.value == record.value).unwrap_or(0);
    records[..at]
        .iter()
        .rev()
        .find_map(|before| tables.iter().position(|t| table_value(t).as_ref() == Some(&before.value)))
        .map_or(0, |index| index + 1)
}

/// The value a `[[code]]` or `[[token]]` table holds.
fn table_value(table: &Table) -> Option<TableValue> {
    if let Some(token) = table.get("token").and_then(Item::as_str) {
        return Some(TableValue::Token(token.to_owned()));
    }
    Some(TableValue::Code(table.get("code")?.as_integer()?.try_into().ok()?))
}

/// The table of `value`.
fn value_table<'a>(tables: &'a mut ArrayOfTables, value: &TableValue) -> Result<&'a mut Table, String> {
    tables
        .iter_mut()
        .find(|table| table_value(table).as_ref() == Some(value))
        .ok_or_else(|| format!("no table with {value} to edit"))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::sync_iana::compare::compare;
    use crate::sync_iana::snapshot;

    const SPEC: &str = r#"# Header comment.

[registry]
name = "Test"

# ---- 1xx ----

[[code]]
code = 180
reason = "Ringing"   # trailing comment
references = ["RFC3261"]
description = "Ringing."

# ---- 4xx ----

[[code]]
code = 401
reason = "Unauthorized"
references = [ "RFC3261" ]  # spaced
description = """\
Multi-line \
description."""

[[code]]
code = 437
reason = "Unsupported Certificate"
references = ["RFC4474"]
description = "Old name."
"#;

    const CSV: &str = "Response Code,Description,Reference\n100,Trying,\n180,Ringing,\n202,Accepted (Deprecated),[RFC6665]\n\
                       400,Bad Request,\n401,Unauthorized,\n437,Unsupported Credential,[RFC8224]\n";

    fn write(source: &str, csv: &str) -> (String, Changes) {
        let (spec, errors) = sip_codes_codegen::read_spec(0, &Arc::from("t.toml"), source);
        assert!(errors.is_empty(), "{errors:?}");
        let snapshot = snapshot::parse("s.csv", csv).unwrap();
        let findings = compare(&spec.codes, &snapshot);
        apply(source, &spec.codes, &findings).unwrap()
    }

    #[test]
    fn adds_codes_in_order_and_edits_in_place() {
        let (written, changes) = write(SPEC, CSV);
        let expected = r#"# Header comment.

[registry]
name = "Test"

# ---- 1xx ----

[[code]]
code = 100
reason = "Trying"
references = ["RFC3261"]
description = "TODO: describe"

[[code]]
code = 180
reason = "Ringing"   # trailing comment
references = ["RFC3261"]
description = "Ringing."

[[code]]
code = 202
reason = "Accepted"
references = ["RFC6665"]
deprecated = true
description = "TODO: describe"

# ---- 4xx ----

[[code]]
code = 400
reason = "Bad Request"
references = ["RFC3261"]
description = "TODO: describe"

[[code]]
code = 401
reason = "Unauthorized"
references = [ "RFC3261" ]  # spaced
description = """\
Multi-line \
description."""

[[code]]
code = 437
reason = "Unsupported Credential"
references = ["RFC8224"]
aliases = ["Unsupported Certificate"]
description = "Old name."
"#;
        assert_eq!(written, expected);
        assert_eq!(changes.done.len(), 5, "{changes:?}");
        assert!(
            changes.notes[0].contains("`UnsupportedCertificate` to `UnsupportedCredential`"),
            "{changes:?}"
        );
        // Written once, nothing is left for --write.
        let (again, changes) = write(&written, CSV);
        assert_eq!(again, written);
        assert!(changes.done.is_empty(), "{changes:?}");
    }

    #[test]
    fn names_a_new_code_whose_derived_name_is_taken() {
        let spec = "[[code]]\ncode = 406\nreason = \"Not Acceptable\"\nreferences = [\"RFC3261\"]\n";
        let csv = "Response Code,Description,Reference\n406,Not Acceptable,\n606,Not Acceptable,\n";
        let (written, changes) = write(spec, csv);
        assert!(written.ends_with("code = 606\nreason = \"Not Acceptable\"\nreferences = [\"RFC3261\"]\nname = \"NotAcceptable606\"\ndescription = \"TODO: describe\"\n"), "{written}");
        assert_eq!(changes.notes.len(), 1);
    }

    #[test]
    fn follows_deprecation_and_registration_both_ways() {
        let spec = "[[code]]\ncode = 202\nreason = \"Accepted\"\nreferences = [\"RFC6665\"]\nregistered = false\n\n\
                    [[code]]\ncode = 480\nreason = \"Temporarily Unavailable\"\nreferences = [\"RFC3261\"]\ndeprecated = true\n";
        let csv = "Response Code,Description,Reference\n202,Accepted (Deprecated),[RFC6665]\n480,Temporarily Unavailable,\n";
        let (written, _) = write(spec, csv);
        assert_eq!(
            written,
            "[[code]]\ncode = 202\nreason = \"Accepted\"\nreferences = [\"RFC6665\"]\ndeprecated = true\n\n\
             [[code]]\ncode = 480\nreason = \"Temporarily Unavailable\"\nreferences = [\"RFC3261\"]\n"
        );
    }

    fn write_values(source: &str, csv: &str, id: &str) -> (String, Changes) {
        let kind = sip_codes_codegen::kind::TableKind::named(id).unwrap();
        let model = sip_codes_codegen::load_spec("t.toml", source).unwrap();
        let registry = snapshot::parse_table("s.csv", csv, kind).unwrap().unwrap();
        let findings = crate::sync_iana::compare::compare_values(&model.values, &registry);
        apply_values(source, kind, &model.values, &registry.records, &findings).unwrap()
    }

    #[test]
    fn adds_tokens_where_iana_lists_them_naming_those_that_start_with_digits() {
        let spec = "[registry]\ntable = \"option-tags\"\n\n# Ours.\n[[token]]\ntoken = \"gruu\"\nreferences = [\"RFC5627\"]\ndescription = \"Mine.\"\n";
        let csv = "Value,Description,Reference\n100rel,x,[RFC3262]\n199,x,[RFC6228]\ngruu,x,[RFC5627]\nice,x,[RFC5768]\n";
        let (written, changes) = write_values(spec, csv, "option-tags");
        assert_eq!(
            written,
            "[registry]\ntable = \"option-tags\"\n\n[[token]]\ntoken = \"100rel\"\nname = \"Rel100\"\nreferences = [\"RFC3262\"]\n\n\
             [[token]]\ntoken = \"199\"\nname = \"Token199\"\nreferences = [\"RFC6228\"]\n\n\
             # Ours.\n[[token]]\ntoken = \"gruu\"\nreferences = [\"RFC5627\"]\ndescription = \"Mine.\"\n\n\
             [[token]]\ntoken = \"ice\"\nreferences = [\"RFC5768\"]\n"
        );
        assert_eq!(changes.notes.len(), 2, "{changes:?}");
        let (again, changes) = write_values(&written, csv, "option-tags");
        assert_eq!((again, changes.done.len()), (written, 0));
    }

    #[test]
    fn adds_codes_in_order_and_names_one_whose_name_is_taken() {
        let spec = "[registry]\ntable = \"warning-codes\"\n\n[[code]]\ncode = 300\ntext = \"Busy\"\nreferences = [\"RFC3261\"]\n\n\
                    [[code]]\ncode = 399\ntext = \"Other\"\nreferences = [\"RFC3261\"]\n";
        let csv = "Value,Description,Reference\n300,Busy: x,[RFC3261]\n308,Busy: y,[RFC8373]\n399,Other,[RFC3261]\n";
        let (written, _) = write_values(spec, csv, "warning-codes");
        assert!(
            written.contains("references = [\"RFC3261\"]\n\n[[code]]\ncode = 308\ntext = \"Busy\"\nname = \"Code308\"\nreferences = [\"RFC8373\"]\n\n[[code]]\ncode = 399"),
            "{written}"
        );
    }
}
