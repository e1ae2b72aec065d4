//! `specs/notes.toml` (trace-reading notes) and `specs/search.toml` (the search rules), read
//! with serde. The CLI reads the same two files; the page gets the rules as JSON.

use serde::{Deserialize, Serialize};

/// The notes file, relative to the workspace root.
pub(super) const NOTES: &str = "specs/notes.toml";
/// The search rules, relative to the workspace root.
pub(super) const SEARCH: &str = "specs/search.toml";

/// A note on what a response means in practice.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub(super) struct Note {
    pub code: u16,
    /// `None` for the code's general troubleshooting tip.
    pub method: Option<String>,
    pub text: String,
}

/// An unregistered code seen in real traces.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub(super) struct Wild {
    pub code: u16,
    pub text: String,
}

/// `specs/notes.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Notes {
    #[serde(default)]
    pub note: Vec<Note>,
    #[serde(default)]
    pub wild: Vec<Wild>,
}

impl Notes {
    pub(super) fn parse(text: &str) -> Result<Notes, String> {
        let notes: Notes = toml::from_str(text).map_err(|e| format!("{NOTES}: {e}"))?;
        for note in &notes.note {
            if !(100..=699).contains(&note.code) {
                return Err(format!("{NOTES}: note for {} is outside 100..=699", note.code));
            }
        }
        Ok(notes)
    }

    /// The code's general tip, then its per-method notes, in file order.
    pub(super) fn for_code(&self, code: u16) -> impl Iterator<Item = &Note> {
        let general = self.note.iter().filter(move |n| n.code == code && n.method.is_none());
        general.chain(self.note.iter().filter(move |n| n.code == code && n.method.is_some()))
    }
}

/// `specs/search.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct SearchRules {
    pub class: Vec<ClassNames>,
    pub synonym: Vec<Synonym>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ClassNames {
    pub digit: u16,
    pub names: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Synonym {
    pub words: Vec<String>,
}

/// What the page's script reads: the class names, and each spelling with the word it is
/// rewritten to, longest first (a stable sort, as the CLI's).
#[derive(Serialize)]
struct PageRules<'a> {
    classes: &'a [ClassNames],
    spellings: Vec<(&'a str, &'a str)>,
}

impl SearchRules {
    pub(super) fn parse(text: &str) -> Result<SearchRules, String> {
        let rules: SearchRules = toml::from_str(text).map_err(|e| format!("{SEARCH}: {e}"))?;
        for group in &rules.synonym {
            match group.words.first() {
                Some(word) if !word.contains(' ') && *word == word.to_lowercase() => {}
                _ => {
                    return Err(format!(
                        "{SEARCH}: a synonym's first spelling must be one lower-case word: {:?}",
                        group.words
                    ));
                }
            }
        }
        Ok(rules)
    }

    /// The rules as JSON for the page, safe inside a `<script>` element.
    pub(super) fn page_json(&self) -> String {
        let mut spellings: Vec<(&str, &str)> = self
            .synonym
            .iter()
            .flat_map(|group| group.words.iter().skip(1).map(|word| (word.as_str(), group.words[0].as_str())))
            .collect();
        spellings.sort_by_key(|(spelling, _)| std::cmp::Reverse(spelling.chars().count()));
        let json = serde_json::to_string(&PageRules { classes: &self.class, spellings })
            .expect("strings and numbers serialize");
        json.replace('<', "\\u003c")
    }
}
