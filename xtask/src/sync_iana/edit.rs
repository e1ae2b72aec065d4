//! `--write`: brings a spec in line with the registry by editing the TOML document in place,
//! so that every comment, description, blank line and key order of the file survives.

use std::collections::HashSet;

use sip_codes_codegen::spec::CODE_KEYS;
use sip_codes_codegen::{CodeEntry, derive_variant_name};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, Value};

use super::compare::{DESCRIPTION_PLACEHOLDER, Finding};
use super::snapshot::Registration;

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
    if let Some(Item::Value(old)) = table.get_mut(key) {
        let decor = old.decor().clone();
        *old = value;
        *old.decor_mut() = decor;
        return;
    }
    let rank = |k: &str| CODE_KEYS.iter().position(|o| o.name == k).unwrap_or(CODE_KEYS.len());
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
}
