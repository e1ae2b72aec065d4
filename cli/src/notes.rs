//! The trace-reading notes of `specs/notes.toml`, which the CLI shares with the reference
//! page, looked up by code and method in the generated [`crate::data`].

pub use crate::data::Note;
use crate::data::{NOTES, WILD};

/// The note for a response with `code` to `method`, if the file has one.
pub fn for_method(code: u16, method: &str) -> Option<&'static str> {
    NOTES.iter().find(|n| n.code == code && n.method == Some(method)).map(|n| n.text)
}

/// Every note on `code`: its general tip first, then the per-method ones in file order.
pub fn every_note(code: u16) -> impl Iterator<Item = &'static Note> {
    let general = NOTES.iter().filter(move |n| n.code == code && n.method.is_none());
    general.chain(NOTES.iter().filter(move |n| n.code == code && n.method.is_some()))
}

/// The code's general tip, if the file has one.
pub fn for_code(code: u16) -> Option<&'static str> {
    NOTES.iter().find(|n| n.code == code && n.method.is_none()).map(|n| n.text)
}

/// Where an unregistered code is seen in real traces, if the file says.
pub fn wild(code: u16) -> Option<&'static str> {
    WILD.iter().find(|w| w.code == code).map(|w| w.text)
}

#[cfg(test)]
mod tests {
    use super::*;

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
