//! Hostile spec files: huge, deeply nested, full of duplicates, not UTF-8, not a file. The
//! reader must answer each with a clear error (or a clean success), never a panic, a stack
//! overflow or a quadratic wait.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sip_codes_codegen::spec::{MAX_SPEC_BYTES, read_spec_into};
use sip_codes_codegen::{Diagnostics, Expansion, MAX_REPORTED, expand_str, merge, read_spec};

/// The codes `interpret` needs, so that a spec built on them is complete.
const BASE: &str = "\
[[code]]\ncode = 100\nreason = \"Trying\"\n\
[[code]]\ncode = 183\nreason = \"Session Progress\"\n\
[[code]]\ncode = 200\nreason = \"OK\"\n\
[[code]]\ncode = 300\nreason = \"Multiple Choices\"\n\
[[code]]\ncode = 400\nreason = \"Bad Request\"\n\
[[code]]\ncode = 500\nreason = \"Server Internal Error\"\n\
[[code]]\ncode = 600\nreason = \"Busy Everywhere\"\n";

/// The kept problems, in file order, and how many were found in all.
fn read(source: &str) -> (Vec<String>, usize) {
    let (_, diagnostics) = read_spec(0, &Arc::from("t.toml"), source);
    (diagnostics.iter().map(|d| d.to_string()).collect(), diagnostics.len())
}

/// A file of this test's own under Cargo's scratch folder for integration tests.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-specs");
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Expands `#[spec = "<path>"] pub enum StatusCode;` as the macro would.
fn expand_file(path: &Path) -> Expansion {
    expand_str(&format!("[::sip_codes] #[spec = {:?}] pub enum StatusCode;", path.to_str().unwrap())).unwrap()
}

/// The messages of the expansion's `compile_error!`s.
fn compile_errors(output: &Expansion) -> Vec<String> {
    output.errors().iter().map(|e| e.message.clone()).collect()
}

#[test]
fn a_megabyte_of_descriptions_expands() {
    let mut spec = String::from(BASE);
    let paragraph = "Busy *here*, with `code`, a [link](https://example.com) and ünïcödé. ".repeat(140);
    for code in 401..=499 {
        writeln!(
            spec,
            "[[code]]\ncode = {code}\nreason = \"Vendor {code}\"\ndescription = \"\"\"\n{paragraph}\"\"\""
        )
        .unwrap();
    }
    assert!((1_000_000..=MAX_SPEC_BYTES).contains(&spec.len()), "{} bytes", spec.len());
    let (read, diagnostics) = read_spec(0, &Arc::from("t.toml"), &spec);
    assert!(diagnostics.is_empty(), "{:?}", diagnostics.report());
    assert_eq!(read.codes.len(), 7 + 99);
    assert_eq!(read.codes[7].description.as_deref(), Some(paragraph.as_str()));

    let path = scratch("descriptions.toml");
    std::fs::write(&path, &spec).unwrap();
    let output = expand_file(&path);
    assert_eq!(compile_errors(&output), Vec::<String>::new());
    assert!(output.to_source().contains("Vendor401"));
}

#[test]
fn a_spec_past_the_size_cap_is_one_error_and_is_not_parsed() {
    let spec = format!("{BASE}{}", "[[code]]\ncode = 486\nreason = \"Busy Here\"\n".repeat(250_000));
    assert!(spec.len() > 10_000_000);
    let (kept, found) = read(&spec);
    assert_eq!(found, 1);
    assert_eq!(
        kept,
        [format!(
            "t.toml:1:1: the spec file is {} bytes; a spec may have at most 1048576 bytes (1 MiB)",
            spec.len()
        )]
    );
    // The macro does not even read such a file.
    let path = scratch("too-large.toml");
    std::fs::write(&path, &spec).unwrap();
    assert_eq!(
        compile_errors(&expand_file(&path)),
        [format!(
            "{}:1:1: the spec file is {} bytes; a spec may have at most 1048576 bytes (1 MiB)",
            path.display(),
            spec.len()
        )]
    );
    // One byte under the cap is read.
    let mut at_cap = String::from(BASE);
    at_cap.push_str(&"#".repeat(MAX_SPEC_BYTES - BASE.len()));
    assert_eq!(read(&at_cap), (vec![], 0));
}

#[test]
fn eighteen_thousand_problems_on_one_megabyte_line_are_located() {
    // Every entry's code is out of range, all on one line: 18,000 diagnostics whose
    // columns are counted through a long line of multi-byte characters. Locating each by
    // rescanning the file would take hours; the line index takes a moment.
    let mut spec = String::from("code = [");
    let mut expected_last_column = 0;
    for i in 0..18_000 {
        if i == 17_999 {
            expected_last_column = spec.chars().count() + 1 + "{ code = ".len();
        }
        spec.push_str("{ code = 9, reason = \"Überall besetzt, überall\" }, ");
    }
    spec.push_str("]\n");
    assert!((900_000..=MAX_SPEC_BYTES).contains(&spec.len()), "{} bytes", spec.len());
    let mut all = Diagnostics::with_cap(18_000);
    read_spec_into(0, &Arc::from("t.toml"), &spec, &mut all);
    let diagnostics: Vec<String> = all.iter().map(|d| d.to_string()).collect();
    assert_eq!(diagnostics.len(), 18_000);
    assert_eq!(diagnostics[0], "t.toml:1:18: code 9 is outside SIP's range 100..=699");
    assert_eq!(
        diagnostics[17_999],
        format!("t.toml:1:{expected_last_column}: code 9 is outside SIP's range 100..=699")
    );
}

#[test]
fn a_megabyte_of_syntax_errors_is_reported_line_by_line() {
    // The syntax pass finds an error on every line (the second `=`, where `toml` puts its
    // first): 250,000 diagnostics, each located.
    let spec = "= =\n".repeat(250_000);
    let (kept, found) = read(&spec);
    assert!(found >= 250_000, "{found}");
    // Only the first ones are kept: memory follows the cap, not the input.
    assert_eq!(kept.len(), MAX_REPORTED);
    assert_eq!(kept[0], "t.toml:1:3: invalid TOML: extra `=`, expected nothing");
    assert_eq!(kept[1], "t.toml:2:3: invalid TOML: extra `=`, expected nothing");
    let last = kept.last().unwrap();
    assert!(last.starts_with("t.toml:") && !last.starts_with("t.toml:250000:"), "{last}");
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let cases = [
        ("arrays", format!("code = {}", "[".repeat(depth))),
        ("closed arrays", format!("code = {}{}", "[".repeat(depth), "]".repeat(depth))),
        ("inline tables", format!("code = {}{}", "{ a = ".repeat(depth), "}".repeat(depth))),
        ("dotted keys", format!("{} = 1", vec!["a"; depth].join("."))),
        ("table headers", format!("[{}]", vec!["a"; depth].join("."))),
        ("array of tables headers", format!("[[{}]]", vec!["a"; depth].join("."))),
        ("brackets alone", "[".repeat(depth)),
    ];
    for (what, spec) in cases {
        // The test thread's 2 MiB stack is smaller than rustc's, where the macro runs.
        let (diagnostics, _) = read(&spec);
        assert!(!diagnostics.is_empty(), "{what}");
        assert!(diagnostics[0].starts_with("t.toml:1:"), "{what}: {}", diagnostics[0]);
        assert!(diagnostics[0].contains("invalid TOML"), "{what}: {}", diagnostics[0]);
    }
}

#[test]
fn fifteen_thousand_entries_give_a_readable_report() {
    // Every code 100..=699 once under a distinct name, then the same codes again and again.
    let mut spec = String::new();
    for i in 0..15_000 {
        let code = 100 + i % 600;
        writeln!(spec, "[[code]]\ncode = {code}\nreason = \"Vendor {code}\"\nname = \"Vendor{code}\"")
            .unwrap();
    }
    let (read, diagnostics) = read_spec(0, &Arc::from("t.toml"), &spec);
    assert!(diagnostics.is_empty(), "{:?}", diagnostics.report());
    assert!(spec.len() <= MAX_SPEC_BYTES, "{} bytes", spec.len());
    assert_eq!(read.codes.len(), 15_000);
    let mut problems = Diagnostics::default();
    let merged = merge(vec![read.codes], &mut problems);
    assert_eq!(merged.len(), 600);
    assert_eq!(problems.len(), 14_400);

    let path = scratch("entries.toml");
    std::fs::write(&path, &spec).unwrap();
    let output = expand_file(&path);
    let errors = compile_errors(&output);
    assert_eq!(errors.len(), MAX_REPORTED + 1);
    let shown = path.display();
    assert_eq!(errors[0], format!("{shown}:2402:8: code 100 is defined twice; first defined at {shown}:2:8"));
    assert_eq!(
        errors[MAX_REPORTED],
        format!(
            "... and {} more problems in the spec files (only the first {MAX_REPORTED} are shown)",
            14_400 - MAX_REPORTED
        )
    );
    // The stub type is still there, so the rest of the user's crate type-checks.
    let source = output.to_source().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(source.contains("pub enum StatusCode {"));
}

#[test]
fn many_duplicates_of_one_code_are_capped() {
    let spec = format!("{BASE}{}", "[[code]]\ncode = 486\nreason = \"Busy Here\"\n".repeat(25_000));
    assert!(spec.len() <= MAX_SPEC_BYTES, "{} bytes", spec.len());
    let path = scratch("duplicates.toml");
    std::fs::write(&path, &spec).unwrap();
    let errors = compile_errors(&expand_file(&path));
    assert_eq!(errors.len(), MAX_REPORTED + 1);
    assert!(
        errors[..MAX_REPORTED].iter().all(|e| e.contains(": code 486 is defined twice; first defined at "))
    );
    assert!(errors[MAX_REPORTED].starts_with(&format!("... and {} more problems", 24_999 - MAX_REPORTED)));
}

#[test]
fn invalid_utf8_is_located() {
    let path = scratch("latin1.toml");
    let mut bytes = BASE.as_bytes().to_vec();
    bytes.extend_from_slice(b"[[code]]\ncode = 486\nreason = \"Besetzt \xfcberall\"\n");
    std::fs::write(&path, bytes).unwrap();
    let errors = compile_errors(&expand_file(&path));
    // Line 24 of the file; the column counts the 18 characters before the bad byte.
    assert_eq!(
        errors,
        [format!("{}:24:19: the spec file is not valid UTF-8 (it must be UTF-8 TOML)", path.display())]
    );
}

#[test]
fn a_directory_is_not_a_spec() {
    let dir = scratch("a-directory.toml");
    std::fs::create_dir_all(&dir).unwrap();
    let errors = compile_errors(&expand_file(&dir));
    assert_eq!(
        errors,
        [format!("spec path {} is a directory; `#[spec = \"...\"]` names a TOML file", dir.display())]
    );
}

#[test]
fn a_missing_file_names_the_path_and_the_reason() {
    let path = scratch("no-such-spec.toml");
    let errors = compile_errors(&expand_file(&path));
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with(&format!("cannot read spec file {}: ", path.display())), "{errors:?}");
}

#[cfg(unix)]
#[test]
fn a_device_is_not_read() {
    // Reading /dev/zero would never end.
    let errors = compile_errors(&expand_file(Path::new("/dev/zero")));
    assert_eq!(errors, ["spec path /dev/zero is not a regular file; `#[spec = \"...\"]` names a TOML file"]);
}

#[test]
fn a_megabyte_long_reason_phrase_expands() {
    let reason = "Busy".repeat(250_000);
    let spec = format!("{BASE}[[code]]\ncode = 486\nreason = \"{reason}\"\n");
    let path = scratch("long-reason.toml");
    std::fs::write(&path, spec).unwrap();
    let output = expand_file(&path);
    assert_eq!(compile_errors(&output), Vec::<String>::new());
    assert!(output.to_source().contains(&format!("\"486 {reason}\"")));
}
