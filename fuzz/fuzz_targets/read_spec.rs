//! The spec reader and the merge pass on arbitrary bytes (read as UTF-8, invalid sequences
//! replaced): they return diagnostics, never panic, and what they return is consistent.
//!
//! Time is not asserted here; FUZZING.md runs this target with `-timeout` and
//! `-report_slow_units` so that a super-linear input shows up as a slow unit or a timeout.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use sip_codes_codegen::valid::{INTERPRET_CODES, missing_interpret_codes};
use sip_codes_codegen::{Diagnostic, Diagnostics, merge, read_spec};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let path: Arc<str> = Arc::from("fuzz.toml");
    let lines = text.matches('\n').count() + 1;
    let (spec, diagnostics) = read_spec(0, &path, &text);
    let in_file = |d: &Diagnostic| {
        d.location.file == 0 && (1..=lines).contains(&d.location.line) && d.location.column >= 1
    };
    for diagnostic in &diagnostics.sorted() {
        assert!(in_file(diagnostic), "{diagnostic:?}");
        assert!(!diagnostic.message.is_empty());
    }
    for entry in &spec.codes {
        assert!((100..=699).contains(&entry.code), "{entry:?}");
        assert!(!entry.reason.is_empty() && !entry.reason.contains(['\r', '\n']), "{entry:?}");
        assert!(entry.name.starts_with(|c: char| c.is_ascii_uppercase()), "{entry:?}");
        assert!(entry.name.chars().all(|c| c.is_ascii_alphanumeric()), "{entry:?}");
    }

    let mut once = Diagnostics::default();
    let merged = merge(vec![spec.codes.clone()], &mut once);
    assert!(merged.windows(2).all(|pair| pair[0].code < pair[1].code), "merged in code order, each once");
    for diagnostic in &once.sorted() {
        assert!(in_file(diagnostic), "{diagnostic:?}");
    }
    // The same file twice: every entry of the second copy is reported, and nothing else
    // changes.
    let mut twice = Diagnostics::default();
    let merged_twice = merge(vec![spec.codes.clone(), spec.codes.clone()], &mut twice);
    assert_eq!(merged_twice, merged);
    assert_eq!(twice.len(), once.len() + spec.codes.len());

    let missing = missing_interpret_codes(&merged);
    for code in INTERPRET_CODES {
        assert_eq!(missing.contains(&code), !merged.iter().any(|e| e.code == code));
    }
});
