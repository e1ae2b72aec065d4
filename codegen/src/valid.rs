//! Checks across entries and files: duplicate codes, duplicate variant names, and the codes
//! RFC 3261 §8.1.3.2 needs for `interpret`.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::kind::{TableKind, Values};
use crate::spec::{CauseEntry, CodeEntry, Mapping, TableValue, Update, ValueEntry, ValueUpdate};

/// The codes every UA must understand (RFC 3261 §8.1.3.2): `interpret` maps unknown codes
/// onto them.
pub const INTERPRET_CODES: [u16; 7] = [100, 183, 200, 300, 400, 500, 600];

/// Merges the entries of several files into one list in code order. A code or variant name
/// defined twice is reported with both places, and the later definition is dropped.
pub fn merge(files: Vec<Vec<CodeEntry>>, diagnostics: &mut Diagnostics) -> Vec<CodeEntry> {
    let mut by_code: HashMap<u16, Location> = HashMap::new();
    // By the name's SCREAMING_SNAKE_CASE form, which `for_each!` hands on as a constant's
    // name: `Ok` and `OK` clash there.
    let mut by_name: HashMap<String, (u16, String, Location)> = HashMap::new();
    let mut merged = Vec::new();
    for entry in files.into_iter().flatten() {
        if let Some(first) = by_code.get(&entry.code) {
            diagnostics.push(Diagnostic {
                message: format!("code {} is defined twice; first defined at {first}", entry.code),
                location: entry.location,
            });
            continue;
        }
        if let Some((other, other_name, first)) =
            by_name.get(&crate::names::screaming_snake_case(&entry.name))
        {
            let how = if entry.explicit_name { "is named" } else { "derives the name" };
            let clash = if *other_name == entry.name {
                format!("which code {other} at {first} already uses")
            } else {
                format!(
                    "the same constant `{}` as code {other}'s `{other_name}` at {first}",
                    crate::names::screaming_snake_case(other_name)
                )
            };
            diagnostics.push(Diagnostic {
                message: format!(
                    "code {} {how} `{}`, {clash}; give one of them a distinct `name`",
                    entry.code, entry.name
                ),
                location: entry.location,
            });
            continue;
        }
        by_code.insert(entry.code, entry.location.clone());
        by_name.insert(
            crate::names::screaming_snake_case(&entry.name),
            (entry.code, entry.name.clone(), entry.location.clone()),
        );
        merged.push(entry);
    }
    merged.sort_by_key(|entry| entry.code);
    merged
}

/// Adds the entries that had problems (see [`SpecFile::stubs`](crate::SpecFile::stubs))
/// where their code and name are still free, silently: their problems are reported already,
/// and their variants keep user code that names them from adding errors of its own.
pub fn add_stubs(entries: &mut Vec<CodeEntry>, stubs: Vec<CodeEntry>) {
    if stubs.is_empty() {
        return;
    }
    let mut codes: HashSet<u16> = entries.iter().map(|e| e.code).collect();
    let mut names: HashSet<String> = entries.iter().map(|e| e.name.clone()).collect();
    for stub in stubs {
        if !codes.contains(&stub.code) && !names.contains(&stub.name) {
            codes.insert(stub.code);
            names.insert(stub.name.clone());
            entries.push(stub);
        }
    }
    entries.sort_by_key(|entry| entry.code);
}

/// Merges the `[[q850]]` rows of several files in cause order. A later file's row for a cause
/// replaces an earlier file's (a carrier's own mapping over RFC 3398's); a cause listed twice
/// in one file is an error. A row that maps to a code the merged spec does not define is an
/// error too.
pub fn merge_causes(
    files: Vec<Vec<CauseEntry>>,
    entries: &[CodeEntry],
    diagnostics: &mut Diagnostics,
) -> Vec<CauseEntry> {
    let defined: HashSet<u16> = entries.iter().map(|e| e.code).collect();
    let mut by_cause: HashMap<u8, CauseEntry> = HashMap::new();
    for file in files {
        let mut in_file: HashMap<u8, Location> = HashMap::new();
        for row in file {
            if let Some(first) = in_file.get(&row.cause) {
                diagnostics.push(Diagnostic {
                    message: format!("cause {} is listed twice; first at {first}", row.cause),
                    location: row.location,
                });
                continue;
            }
            for (table, mapping) in [("rfc3398", row.rfc3398), ("rfc4497", row.rfc4497)] {
                // A guard, not a let chain: the crate builds with Rust 1.85.
                match mapping {
                    Mapping::Some(code) if !defined.contains(&code) => diagnostics.push(Diagnostic {
                        message: format!(
                            "cause {} maps to {code} in `{table}`, which the spec does not define",
                            row.cause
                        ),
                        location: row.location.clone(),
                    }),
                    _ => {}
                }
            }
            in_file.insert(row.cause, row.location.clone());
            by_cause.insert(row.cause, row);
        }
    }
    let mut merged: Vec<CauseEntry> = by_cause.into_values().collect();
    merged.sort_by_key(|row| row.cause);
    merged
}

/// Applies each file's `[[update]]` entries, in file order, to the merged entries. An update
/// must name a code an earlier file defines (a file changes its own codes in their `[[code]]`
/// entries), and a file may update a code once; a later file's update of the same code
/// applies after an earlier file's.
pub fn apply_updates(entries: &mut [CodeEntry], files: Vec<Vec<Update>>, diagnostics: &mut Diagnostics) {
    for file in files {
        let mut in_file: HashMap<u16, Location> = HashMap::new();
        for update in file {
            if let Some(first) = in_file.get(&update.code) {
                diagnostics.push(Diagnostic {
                    message: format!("code {} is updated twice in this file; first at {first}", update.code),
                    location: update.location,
                });
                continue;
            }
            in_file.insert(update.code, update.location.clone());
            let Ok(index) = entries.binary_search_by_key(&update.code, |entry| entry.code) else {
                diagnostics.push(Diagnostic {
                    message: format!(
                        "[[update]] of code {}, which no earlier spec defines; define it with [[code]], or list the spec that defines it first",
                        update.code
                    ),
                    location: update.location,
                });
                continue;
            };
            let defined = &entries[index].location;
            if defined.file >= update.location.file {
                let message = if defined.file == update.location.file {
                    format!(
                        "code {} is defined in this file at {defined}; change its [[code]] entry instead of updating it",
                        update.code
                    )
                } else {
                    format!(
                        "[[update]] of code {}, which a later spec defines at {defined}; list that spec first",
                        update.code
                    )
                };
                diagnostics.push(Diagnostic { message, location: update.location });
                continue;
            }
            let clash = update.name.as_ref().and_then(|(name, at)| {
                let clash = entries.iter().find(|e| e.code != update.code && same_name(&e.name, name))?;
                Some((name, at, clash))
            });
            if let Some((name, at, clash)) = clash {
                let (code, first) = (clash.code, &clash.location);
                let what = if clash.name == *name {
                    format!("which code {code} at {first} already uses")
                } else {
                    format!(
                        "the same constant `{}` as code {code}'s `{}` at {first}",
                        crate::names::screaming_snake_case(name),
                        clash.name
                    )
                };
                diagnostics.push(Diagnostic {
                    message: format!(
                        "[[update]] names code {} `{name}`, {what}; choose another name",
                        update.code
                    ),
                    location: at.clone(),
                });
                continue;
            }
            update.apply(&mut entries[index]);
        }
    }
}

/// Whether two variant names clash: the same name, or the same constant in `for_each!`'s
/// SCREAMING_SNAKE_CASE column (`Ok` and `OK`).
pub fn same_name(a: &str, b: &str) -> bool {
    a == b || crate::names::screaming_snake_case(a) == crate::names::screaming_snake_case(b)
}

/// The key a table compares its values by: a token in lower case where the table ignores
/// case, so `sip` and `SIP` are one value there.
fn value_key(value: &TableValue, kind: &TableKind) -> TableValue {
    match (value, kind.values) {
        (TableValue::Token(token), Values::Token { ignore_case: true }) => {
            TableValue::Token(token.to_ascii_lowercase())
        }
        _ => value.clone(),
    }
}

/// Merges the values of several files of one table in value order: a value defined twice
/// (for a table that ignores case, twice in any case) or a variant name used twice is
/// reported with both places, and the later one is dropped.
pub fn merge_values(
    files: Vec<Vec<ValueEntry>>,
    kind: &TableKind,
    diagnostics: &mut Diagnostics,
) -> Vec<ValueEntry> {
    let mut by_value: HashMap<TableValue, (TableValue, Location)> = HashMap::new();
    let mut by_name: HashMap<String, (TableValue, Location)> = HashMap::new();
    let mut merged = Vec::new();
    for entry in files.into_iter().flatten() {
        let key = value_key(&entry.value, kind);
        if let Some((first, at)) = by_value.get(&key) {
            let how = if *first == entry.value {
                String::new()
            } else {
                format!(
                    " as {first}, which differs only in case: {} compare in any case",
                    kind.title.to_lowercase()
                )
            };
            diagnostics.push(Diagnostic {
                message: format!("{} is defined twice{how}; first defined at {at}", entry.value),
                location: entry.location,
            });
            continue;
        }
        let constant = crate::names::screaming_snake_case(&entry.name);
        if let Some((other, at)) = by_name.get(&constant) {
            diagnostics.push(Diagnostic {
                message: format!(
                    "{} is named `{}`, which {other} at {at} already uses (as the constant `{constant}`); give one of them a distinct `name`",
                    entry.value, entry.name
                ),
                location: entry.location,
            });
            continue;
        }
        by_value.insert(key, (entry.value.clone(), entry.location.clone()));
        by_name.insert(constant, (entry.value.clone(), entry.location.clone()));
        merged.push(entry);
    }
    merged.sort_by(|a, b| a.value.cmp(&b.value));
    merged
}

/// Applies each file's `[[update]]`s to the merged values, as [`apply_updates`] does for
/// response codes.
pub fn apply_value_updates(
    entries: &mut [ValueEntry],
    files: Vec<Vec<ValueUpdate>>,
    diagnostics: &mut Diagnostics,
) {
    for file in files {
        for update in file {
            let Some(index) = entries.iter().position(|e| e.value == update.value) else {
                diagnostics.push(Diagnostic {
                    message: format!(
                        "[[update]] of {}, which no earlier spec defines; define it, or list the spec that defines it first",
                        update.value
                    ),
                    location: update.location,
                });
                continue;
            };
            if entries[index].location.file >= update.location.file {
                diagnostics.push(Diagnostic {
                    message: format!(
                        "{} is defined at {}; change its entry instead of updating it",
                        update.value, entries[index].location
                    ),
                    location: update.location,
                });
                continue;
            }
            if let Some((name, at)) = &update.name {
                if let Some(clash) =
                    entries.iter().find(|e| e.value != update.value && same_name(&e.name, name))
                {
                    diagnostics.push(Diagnostic {
                        message: format!(
                            "[[update]] names {} `{name}`, which {} at {} already uses; choose another name",
                            update.value, clash.value, clash.location
                        ),
                        location: at.clone(),
                    });
                    continue;
                }
                entries[index].name.clone_from(name);
                entries[index].explicit_name = true;
            }
            if let Some(description) = update.description {
                entries[index].description = Some(description);
            }
        }
    }
}

/// The codes `interpret` needs that the spec lacks.
pub fn missing_interpret_codes(entries: &[CodeEntry]) -> Vec<u16> {
    INTERPRET_CODES.into_iter().filter(|code| !entries.iter().any(|e| e.code == *code)).collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::spec::read_spec;

    fn entries(file: usize, path: &str, source: &str) -> Vec<CodeEntry> {
        let (spec, errors) = read_spec(file, &Arc::from(path), source);
        assert!(errors.is_empty(), "{errors:?}");
        spec.codes
    }

    #[test]
    fn merges_in_code_order_and_names_both_places_of_a_duplicate() {
        let a = entries(
            0,
            "a.toml",
            "[[code]]\ncode = 486\nreason = \"Busy Here\"\n[[code]]\ncode = 100\nreason = \"Trying\"\n",
        );
        let b = entries(
            1,
            "b.toml",
            "[[code]]\ncode = 486\nreason = \"Busy\"\n[[code]]\ncode = 199\nreason = \"Early Dialog Terminated\"\n",
        );
        let mut diagnostics = Diagnostics::default();
        let merged = merge(vec![a, b], &mut diagnostics);
        assert_eq!(merged.iter().map(|e| e.code).collect::<Vec<_>>(), [100, 199, 486]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(
            diagnostics.sorted()[0].to_string(),
            "b.toml:2:8: code 486 is defined twice; first defined at a.toml:2:8"
        );
    }

    #[test]
    fn updates_apply_in_file_order_and_only_to_earlier_files_codes() {
        let read = |file: usize, path: &str, source: &str| read_spec(file, &Arc::from(path), source).0;
        let base =
            read(0, "base.toml", "[[code]]\ncode = 486\nreason = \"Busy Here\"\ndescription = \"base\"\n");
        let first =
            read(1, "first.toml", "[[update]]\ncode = 486\ndescription = \"first\"\naliases = [\"Busy\"]\n");
        let second = read(
            2,
            "second.toml",
            "[[update]]\ncode = 486\ndescription = \"second\"\n[[update]]\ncode = 600\ndescription = \"x\"\n",
        );
        let later = read(3, "later.toml", "[[code]]\ncode = 600\nreason = \"Busy Everywhere\"\n");
        let mut diagnostics = Diagnostics::default();
        let mut merged = merge(vec![base.codes, later.codes], &mut diagnostics);
        apply_updates(&mut merged, vec![first.updates, second.updates], &mut diagnostics);
        // The later file's description wins; the aliases of the first stay, as no later
        // update gives them.
        assert_eq!(merged[0].description.as_deref(), Some("second"));
        assert_eq!(merged[0].aliases, ["Busy"]);
        assert_eq!(merged[1].description, None);
        assert_eq!(
            diagnostics.report(),
            [
                "second.toml:5:8: [[update]] of code 600, which a later spec defines at later.toml:2:8; list that spec first"
            ]
        );
    }

    #[test]
    fn renames_keep_the_phrase_and_refuse_a_name_or_constant_in_use() {
        let read = |file: usize, path: &str, source: &str| read_spec(file, &Arc::from(path), source).0;
        let base = read(
            0,
            "base.toml",
            "[[code]]\ncode = 200\nreason = \"OK\"\n[[code]]\ncode = 400\nreason = \"Bad Request\"\n\
             [[code]]\ncode = 486\nreason = \"Busy Here\"\n",
        );
        let names = read(
            1,
            "names.toml",
            "[[update]]\ncode = 200\nname = \"OK\"\n[[update]]\ncode = 486\nname = \"BADRequest\"\n\
             [[update]]\ncode = 400\nname = \"BadRequest\"\n",
        );
        let mut diagnostics = Diagnostics::default();
        let mut merged = merge(vec![base.codes], &mut diagnostics);
        apply_updates(&mut merged, vec![names.updates], &mut diagnostics);
        assert_eq!(
            (merged[0].name.as_str(), merged[0].reason.as_str(), merged[0].explicit_name),
            ("OK", "OK", true)
        );
        assert_eq!(merged[2].name, "BusyHere", "a refused rename leaves the name");
        assert_eq!(merged[1].name, "BadRequest", "renaming a code to its own name is no clash");
        assert_eq!(
            diagnostics.report(),
            [
                "names.toml:6:8: [[update]] names code 486 `BADRequest`, the same constant `BAD_REQUEST` as code 400's `BadRequest` at base.toml:5:8; choose another name"
            ]
        );
    }

    #[test]
    fn names_both_codes_that_share_a_variant_name() {
        let a = entries(
            0,
            "a.toml",
            "[[code]]\ncode = 406\nreason = \"Not Acceptable\"\n[[code]]\ncode = 606\nreason = \"Not Acceptable\"\n",
        );
        let mut diagnostics = Diagnostics::default();
        merge(vec![a], &mut diagnostics);
        assert_eq!(
            diagnostics.sorted()[0].to_string(),
            "a.toml:5:8: code 606 derives the name `NotAcceptable`, which code 406 at a.toml:2:8 already uses; give one of them a distinct `name`"
        );
    }

    #[test]
    fn adds_stubs_only_where_code_and_name_are_free() {
        let mut merged = entries(0, "a.toml", "[[code]]\ncode = 486\nreason = \"Busy Here\"\n");
        let stubs = entries(
            1,
            "b.toml",
            "[[code]]\ncode = 486\nreason = \"Other\"\n[[code]]\ncode = 600\nreason = \"Busy Here\"\n\
             [[code]]\ncode = 480\nreason = \"Away\"\n[[code]]\ncode = 481\nreason = \"Away\"\n",
        );
        add_stubs(&mut merged, stubs);
        let kept: Vec<(u16, &str)> = merged.iter().map(|e| (e.code, e.name.as_str())).collect();
        assert_eq!(kept, [(480, "Away"), (486, "BusyHere")]);
    }

    #[test]
    fn lists_codes_interpret_needs() {
        let a = entries(
            0,
            "a.toml",
            "[[code]]\ncode = 100\nreason = \"Trying\"\n[[code]]\ncode = 200\nreason = \"OK\"\n",
        );
        assert_eq!(missing_interpret_codes(&a), [183, 300, 400, 500, 600]);
    }
}
