//! The search rules of specs/search.toml, as the CLI applies them: every case of
//! tests/data/search-cases.toml, run through `sip-codes --json`. The browser test runs the
//! same table against the reference page.

use std::collections::BTreeSet;

use serde_json::Value;

#[path = "../../tests/data/search_cases.rs"]
mod search_cases;

fn numbers(value: &Value, field: &str, key: Option<&str>) -> BTreeSet<u16> {
    value[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| key.map_or(item, |key| &item[key]).as_u64().unwrap() as u16)
        .collect()
}

#[test]
fn every_search_case_holds_in_the_cli() {
    let cases = search_cases::cases();
    let mut failures = Vec::new();
    for case in &cases {
        let output = assert_cmd::cargo::cargo_bin_cmd!("sip-codes")
            .arg("--json")
            .args(case.query.split_whitespace())
            .output()
            .unwrap();
        let document: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
        let listed = numbers(&document, "matches", Some("code"));
        let unregistered = numbers(&document, "unregistered", Some("code"));
        let invalid: Vec<&str> =
            document["invalid"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let mut problems = Vec::new();
        match case.exact() {
            Some(expected) if expected != listed => {
                problems.push(format!("lists {listed:?}, not {expected:?}"))
            }
            None if case.includes.is_empty() && !listed.is_empty() => {
                problems.push(format!("lists {listed:?}, expected none"))
            }
            _ => {}
        }
        let missing: Vec<_> = case.includes.iter().filter(|c| !listed.contains(c)).collect();
        let extra: Vec<_> = case.excludes.iter().filter(|c| listed.contains(c)).collect();
        if !missing.is_empty() {
            problems.push(format!("misses {missing:?} (lists {listed:?})"));
        }
        if !extra.is_empty() {
            problems.push(format!("lists {extra:?}, which it must not"));
        }
        if unregistered != BTreeSet::from_iter(case.unregistered.iter().copied()) {
            problems.push(format!("explains {unregistered:?} as unregistered, not {:?}", case.unregistered));
        }
        if invalid.len() != case.invalid.len()
            || !case.invalid.iter().zip(&invalid).all(|(typed, why)| why.starts_with(&format!("{typed} ")))
        {
            problems.push(format!("names {invalid:?} as invalid, not {:?}", case.invalid));
        }
        let answered = !listed.is_empty() || !unregistered.is_empty();
        if output.status.code() != Some(if answered { 0 } else { 1 }) {
            problems.push(format!("exits {:?}", output.status.code()));
        }
        if !problems.is_empty() {
            failures.push(format!("{:?}: {}", case.query, problems.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
