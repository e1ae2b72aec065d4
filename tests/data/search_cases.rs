//! The table of search cases in `search-cases.toml`: one schema and one reading of what a
//! case expects, for the two tests that run the table, the CLI's (`cli/tests/search.rs`) and
//! the reference page's (`xtask/tests/browser.rs`), which include this file with `#[path]`.

use std::collections::BTreeSet;

use serde::Deserialize;
use sip_codes::iana::StatusCode;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    case: Vec<Case>,
}

/// One `[[case]]`: a query and what its answer must hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// As typed.
    pub query: String,
    /// Exactly these codes are listed.
    pub codes: Option<Vec<u16>>,
    /// Exactly the registered codes of this class digit are listed.
    pub class: Option<u16>,
    /// At least these codes are listed.
    #[serde(default)]
    pub includes: Vec<u16>,
    /// None of these codes is listed.
    #[serde(default)]
    pub excludes: Vec<u16>,
    /// These codes are explained as unregistered.
    #[serde(default)]
    pub unregistered: Vec<u16>,
    /// These words, as typed, are named as no status code.
    #[serde(default)]
    pub invalid: Vec<String>,
}

impl Case {
    /// The codes the answer lists exactly, from `codes` or `class`; `None` when the case
    /// gives neither (then only `includes` and `excludes` constrain it).
    pub fn exact(&self) -> Option<BTreeSet<u16>> {
        self.codes.clone().map(BTreeSet::from_iter).or_else(|| {
            self.class
                .map(|digit| StatusCode::ALL.iter().map(|s| s.code()).filter(|c| c / 100 == digit).collect())
        })
    }
}

impl Case {
    /// What is wrong with the codes a view lists for this case: `also` holds the codes the
    /// view adds besides the expected ones (the page shows the code an unregistered one is
    /// treated as; the CLI adds none).
    pub fn listing_problems(&self, listed: &BTreeSet<u16>, also: &BTreeSet<u16>) -> Vec<String> {
        let mut problems = Vec::new();
        match self.exact() {
            Some(mut expected) => {
                expected.extend(also);
                if expected != *listed {
                    problems.push(format!("lists {listed:?}, not {expected:?}"));
                }
            }
            None if self.includes.is_empty() && listed != also => {
                problems.push(format!("lists {listed:?}, expected {also:?}"))
            }
            None => {}
        }
        let missing: Vec<_> = self.includes.iter().filter(|c| !listed.contains(c)).collect();
        let extra: Vec<_> = self.excludes.iter().filter(|c| listed.contains(c)).collect();
        if !missing.is_empty() {
            problems.push(format!("misses {missing:?} (lists {listed:?})"));
        }
        if !extra.is_empty() {
            problems.push(format!("lists {extra:?}, which it must not"));
        }
        problems
    }
}

/// Runs `check` on every case and fails with every case whose problems are not empty.
pub fn assert_every_case(mut check: impl FnMut(&Case) -> Vec<String>) {
    let cases = cases();
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| {
            let problems = check(case);
            (!problems.is_empty()).then(|| format!("{:?}: {}", case.query, problems.join("; ")))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// Every case, in file order.
pub fn cases() -> Vec<Case> {
    let cases: Cases =
        toml::from_str(include_str!("search-cases.toml")).expect("tests/data/search-cases.toml parses");
    cases.case
}
