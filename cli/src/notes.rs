//! `specs/notes.toml`: the trace-reading notes the CLI shares with the reference page, read
//! once at first use.

use std::sync::OnceLock;

use serde::Deserialize;

/// The file, built into the binary.
const SOURCE: &str = include_str!("../../specs/notes.toml");

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    /// What a response means in practice, per code or per code and method.
    #[serde(default)]
    pub note: Vec<Note>,
    /// Unregistered codes seen in real traces.
    #[serde(default)]
    pub wild: Vec<Wild>,
}

/// One `[[note]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The status code.
    pub code: u16,
    /// The request method the note is about; `None` for the code's general tip.
    pub method: Option<String>,
    /// One or two sentences.
    pub text: String,
}

/// One `[[wild]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wild {
    /// The unregistered code.
    pub code: u16,
    /// Where it comes from.
    pub text: String,
}

/// The parsed file. The file is part of the build and a test parses it, so a failure here
/// is a bug in this crate.
pub fn all() -> &'static Notes {
    static NOTES: OnceLock<Notes> = OnceLock::new();
    NOTES.get_or_init(|| parse(SOURCE).expect("specs/notes.toml is checked by the tests"))
}

/// Reads a notes file.
pub fn parse(source: &str) -> Result<Notes, toml::de::Error> {
    toml::from_str(source)
}

/// The note for a response with `code` to `method`, if the file has one.
pub fn for_method(code: u16, method: &str) -> Option<&'static str> {
    all().note.iter().find(|n| n.code == code && n.method.as_deref() == Some(method)).map(|n| n.text.as_str())
}

/// Every note on `code`: its general tip first, then the per-method ones in file order.
pub fn every_note(code: u16) -> impl Iterator<Item = &'static Note> {
    let notes = &all().note;
    let general = notes.iter().filter(move |n| n.code == code && n.method.is_none());
    general.chain(notes.iter().filter(move |n| n.code == code && n.method.is_some()))
}

/// The code's general tip, if the file has one.
pub fn for_code(code: u16) -> Option<&'static str> {
    all().note.iter().find(|n| n.code == code && n.method.is_none()).map(|n| n.text.as_str())
}

/// Where an unregistered code is seen in real traces, if the file says.
pub fn wild(code: u16) -> Option<&'static str> {
    all().wild.iter().find(|w| w.code == code).map(|w| w.text.as_str())
}

#[cfg(test)]
mod tests {
    use sip_codes::iana::StatusCode;

    use super::*;

    #[test]
    fn the_file_parses_and_names_valid_codes_and_methods() {
        let notes = parse(SOURCE).unwrap();
        assert!(!notes.note.is_empty());
        for note in &notes.note {
            assert!(StatusCode::from_code(note.code).is_some(), "{} is not a registered code", note.code);
            assert!(!note.text.trim().is_empty(), "empty note for {}", note.code);
            if let Some(method) = &note.method {
                assert!(
                    !method.is_empty() && method.bytes().all(|b| b.is_ascii_uppercase()),
                    "{method:?} is not a method name"
                );
            }
        }
        for wild in &notes.wild {
            // pjsip's 701-703 are seen too: any three digits a stack may receive.
            assert!((100..=999).contains(&wild.code), "{} is out of range", wild.code);
            assert!(StatusCode::from_code(wild.code).is_none(), "{} is registered", wild.code);
        }
    }

    #[test]
    fn each_code_and_method_has_at_most_one_note() {
        let notes = parse(SOURCE).unwrap();
        for (i, a) in notes.note.iter().enumerate() {
            for b in &notes.note[i + 1..] {
                assert!(
                    !(a.code == b.code && a.method == b.method),
                    "two notes for {} {:?}",
                    a.code,
                    a.method
                );
            }
        }
    }

    #[test]
    fn every_note_gives_the_general_tip_first() {
        let notes: Vec<&Note> = every_note(487).collect();
        assert!(notes.len() >= 2 && notes[0].method.is_none(), "{notes:?}");
        assert!(notes[1..].iter().all(|note| note.method.is_some()));
        assert!(wild(477).is_some_and(|text| text.contains("Kamailio")));
        assert_eq!(wild(486), None);
    }

    #[test]
    fn lookups_find_the_method_note_and_the_tip() {
        assert!(for_method(487, "INVITE").unwrap().contains("CANCEL"));
        assert!(for_code(487).is_some());
        assert!(for_method(487, "NO-SUCH").is_none());
    }
}
