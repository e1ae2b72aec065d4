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
    /// The listing starts with these codes, in this order.
    #[serde(default)]
    pub first: Vec<u16>,
    /// The listing ends with these codes, in this order.
    #[serde(default)]
    pub last: Vec<u16>,
    /// The answer says why a code is listed (a symptom's reason, what a Q.850 cause
    /// becomes) in words that hold this text.
    pub why: Option<String>,
    /// The near miss's suggestion; without it, the answer suggests nothing.
    pub suggestion: Option<String>,
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

impl Case {
    /// What is wrong with the order of the codes a view lists, its reasons (every "why" the
    /// view shows, joined) and its suggestion.
    pub fn answer_problems(&self, in_order: &[u16], reasons: &str, suggestion: Option<&str>) -> Vec<String> {
        let mut problems = Vec::new();
        if !in_order.starts_with(&self.first) {
            problems.push(format!("lists {in_order:?}, not starting with {:?}", self.first));
        }
        if !in_order.ends_with(&self.last) {
            problems.push(format!("lists {in_order:?}, not ending with {:?}", self.last));
        }
        match &self.why {
            Some(why) if !reasons.contains(why.as_str()) => {
                problems.push(format!("says why as {reasons:?}, without {why:?}"))
            }
            None if !reasons.is_empty() => problems.push(format!("says why unasked: {reasons:?}")),
            _ => {}
        }
        if suggestion != self.suggestion.as_deref() {
            problems.push(format!("suggests {suggestion:?}, not {:?}", self.suggestion));
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
