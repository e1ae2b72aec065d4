//! The trace-reading notes of `specs/notes.toml`, shared with the reference page: per-code
//! tips, per-method readings and where unregistered codes come from.

use std::sync::LazyLock;

use serde::Deserialize;

/// The file, compiled in: the binary carries its notes and reads no file at run time.
const NOTES: &str = include_str!("../../specs/notes.toml");

/// A note on what a response means in practice.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The status code.
    pub code: u16,
    /// The method whose responses the note reads; `None` for the code's general tip.
    pub method: Option<String>,
    /// One or two sentences.
    pub text: String,
}

/// Where an unregistered code is seen.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Wild {
    /// The code, registered nowhere.
    pub code: u16,
    /// Who sends it and why.
    pub text: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    note: Vec<Note>,
    #[serde(default)]
    wild: Vec<Wild>,
}

/// Parsed once; a test parses it too, so a broken file fails `cargo test`, not a user.
static FILE: LazyLock<File> = LazyLock::new(|| parse(NOTES).unwrap_or_default());

fn parse(text: &str) -> Result<File, toml::de::Error> {
    toml::from_str(text)
}

/// Every note on `code`: the general tip first, then per method, in file order.
pub fn for_code(code: u16) -> impl Iterator<Item = &'static Note> {
    let general = FILE.note.iter().filter(move |n| n.code == code && n.method.is_none());
    general.chain(FILE.note.iter().filter(move |n| n.code == code && n.method.is_some()))
}

/// Where an unregistered code is commonly seen, for the codes traces show often.
pub fn wild(code: u16) -> Option<&'static str> {
    FILE.wild.iter().find(|w| w.code == code).map(|w| w.text.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_file_parses() {
        let file = parse(NOTES).unwrap_or_else(|e| panic!("specs/notes.toml: {e}"));
        assert!(!file.note.is_empty() && !file.wild.is_empty());
    }

    #[test]
    fn wild_codes_come_from_the_file() {
        assert!(wild(477).is_some_and(|text| text.contains("Kamailio")));
        assert_eq!(wild(486), None);
    }

    #[test]
    fn the_general_tip_comes_first() {
        let notes: Vec<_> = for_code(487).collect();
        assert!(notes[0].method.is_none(), "{notes:?}");
    }
}
