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
    search_cases::assert_every_case(|case| {
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
        let in_order: Vec<u16> = document["matches"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["code"].as_u64().unwrap() as u16)
            .collect();
        let reasons: Vec<&str> = document["matches"]
            .as_array()
            .unwrap()
            .iter()
            .chain(document["causes"].as_array().unwrap())
            .filter_map(|item| item["why"].as_str().or(item["text"].as_str()))
            .collect();
        let mut problems = case.listing_problems(&listed, &BTreeSet::new());
        problems.extend(case.answer_problems(
            &in_order,
            &reasons.join("\n"),
            document["suggestion"].as_str(),
        ));
        if unregistered != BTreeSet::from_iter(case.unregistered.iter().copied()) {
            problems.push(format!("explains {unregistered:?} as unregistered, not {:?}", case.unregistered));
        }
        if invalid.len() != case.invalid.len()
            || !case.invalid.iter().zip(&invalid).all(|(typed, why)| why.starts_with(&format!("{typed} ")))
        {
            problems.push(format!("names {invalid:?} as invalid, not {:?}", case.invalid));
        }
        let answered = !listed.is_empty() || !unregistered.is_empty() || !reasons.is_empty();
        if output.status.code() != Some(if answered { 0 } else { 1 }) {
            problems.push(format!("exits {:?}", output.status.code()));
        }
        problems
    });
}
