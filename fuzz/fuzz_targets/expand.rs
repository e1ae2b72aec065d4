//! The whole macro pipeline on arbitrary spec bytes: the bytes are written to a file that a
//! `#[spec = "..."]` names (after a base spec of the codes `interpret` needs when the input's
//! length is odd), and `expand` must return source, never panic. The expansion has no
//! compile error exactly when the spec is good (and then its source must parse as Rust
//! items), and at most `MAX_REPORTED + 1` errors.
#![no_main]

use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use libfuzzer_sys::fuzz_target;
use sip_codes_codegen::{Diagnostics, MAX_REPORTED, expand_str, merge, read_spec, valid::missing_interpret_codes};

/// The codes `interpret` needs, merged in front of the fuzzed file for odd-length inputs so
/// that a file of other codes expands cleanly and the generator sees its names and phrases.
const BASE: &str = "\
[[code]]\ncode = 100\nreason = \"Trying\"\n\
[[code]]\ncode = 183\nreason = \"Session Progress\"\n\
[[code]]\ncode = 200\nreason = \"OK\"\n\
[[code]]\ncode = 300\nreason = \"Multiple Choices\"\n\
[[code]]\ncode = 400\nreason = \"Bad Request\"\n\
[[code]]\ncode = 500\nreason = \"Server Internal Error\"\n\
[[code]]\ncode = 600\nreason = \"Busy Everywhere\"\n";

/// The base spec and the fuzzed spec: one folder per fuzzing process, the fuzzed file
/// rewritten for every input.
static FILES: LazyLock<(String, PathBuf)> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("sip-codes-fuzz-expand-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create the temp dir");
    let base = dir.join("base.toml");
    std::fs::write(&base, BASE).expect("write the base spec");
    (format!("{:?}", base.to_str().expect("a UTF-8 temp path")), dir.join("spec.toml"))
});

fuzz_target!(|data: &[u8]| {
    let (base, spec) = &*FILES;
    std::fs::write(spec, data).expect("write the spec");
    let with_base = data.len() % 2 == 1;
    let specs = format!(
        "{} #[spec = {:?}]",
        if with_base { format!("#[spec = {base}]") } else { String::new() },
        spec.to_str().expect("a UTF-8 temp path")
    );
    let output =
        expand_str(&format!("[::sip_codes] {specs} pub enum StatusCode;")).expect("the invocation tokenizes");
    let errors = output.errors().len();
    assert!(errors <= MAX_REPORTED + 1, "{errors} compile errors");

    let good = std::str::from_utf8(data).is_ok_and(|text| {
        let mut files = Vec::new();
        let mut diagnostics = Diagnostics::default();
        if with_base {
            files.push(read_spec(0, &Arc::from("base.toml"), BASE).0.codes);
        }
        let (spec, found) = read_spec(files.len(), &Arc::from("spec.toml"), text);
        files.push(spec.codes);
        diagnostics.extend(found);
        let merged = merge(files, &mut diagnostics);
        diagnostics.is_empty() && missing_interpret_codes(&merged).is_empty()
    });
    assert_eq!(errors == 0, good, "{:?}", output.errors());
    if good {
        // Parsing the output costs three times the expansion: done only where the spec's
        // own text (names, phrases, descriptions) reaches the generated items.
        syn::parse_file(&output.to_source()).expect("expand returns Rust items");
    }
});
