//! `cargo xtask sync-iana` run as a maintainer runs it: the real binary, the committed spec
//! and snapshot, and IANA's real registry files kept in `specs/iana/snapshots/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn committed_spec() -> String {
    std::fs::read_to_string(root().join("specs/iana.toml")).unwrap()
}

fn committed_snapshot() -> PathBuf {
    root().join("specs/iana/sip-parameters-7.csv")
}

/// One of IANA's real `sip-parameters.xml` files, as published on `date`.
fn iana_xml(date: &str) -> PathBuf {
    let path = root().join(format!("specs/iana/snapshots/sip-parameters-{date}.xml"));
    assert!(path.is_file(), "{} is missing: the repository keeps IANA's registry files", path.display());
    path
}

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn sync_iana(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask")).arg("sync-iana").args(args).output().unwrap();
    let run = Run {
        status: output.status.code().expect("xtask exits, it is not killed"),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(!run.stderr.contains("panicked"), "xtask panicked:\n{}", run.stderr);
    run
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The report's sections: each heading, without its count and remedy, mapped to the codes
/// listed under it.
fn sections(report: &str) -> BTreeMap<String, Vec<u16>> {
    let mut sections = BTreeMap::new();
    for block in report.split("\n\n").skip(1) {
        let mut lines = block.lines();
        let Some(heading) = lines.next() else { continue };
        let codes: Vec<u16> =
            lines.filter_map(|line| line.strip_prefix("  ")?.get(..3)?.parse().ok()).collect();
        if !codes.is_empty() {
            sections.insert(heading.split(" (").next().unwrap().to_owned(), codes);
        }
    }
    sections
}

/// The byte range of code `code`'s entry in a spec laid out like `specs/iana.toml`: from
/// its `[[code]]` line through its last line, entries being separated by blank lines.
fn entry_range(spec: &str, code: u16) -> std::ops::Range<usize> {
    let start =
        spec.find(&format!("[[code]]\ncode = {code}\n")).unwrap_or_else(|| panic!("no entry for {code}"));
    let end = spec[start..].find("\n\n").map_or(spec.len(), |i| start + i + 1);
    start..end
}

#[test]
fn committed_spec_is_in_sync_with_committed_snapshot() {
    let run = sync_iana(&["--check"]);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "specs/iana.toml (75 codes) vs IANA snapshot specs/iana/sip-parameters-7.csv (75 codes)"
        )
    );
    assert!(run.stdout.contains("In sync"), "{}", run.stdout);
}

#[test]
fn committed_snapshot_is_an_import_of_the_2026_registry() {
    let xml = iana_xml("2026-08-17");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("nested/sip-parameters-7.csv");
    let run = sync_iana(&["--import", path(&xml), "--snapshot", path(&out)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stdout.contains("(75 codes, IANA updated 2026-08-17)"), "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        std::fs::read_to_string(committed_snapshot()).unwrap()
    );
}

/// The type users get, `sip_codes::iana::StatusCode`, against IANA's file itself: codes,
/// phrases, deprecation and references, read by the parser `sync-iana` uses.
#[test]
fn the_iana_status_code_matches_the_2026_registry() {
    use sip_codes::SipStatus;
    use sip_codes::iana::StatusCode;

    let xml = iana_xml("2026-08-17");
    let registry = xtask::snapshot::parse(path(&xml), &std::fs::read_to_string(&xml).unwrap()).unwrap();
    assert_eq!(registry.updated.as_deref(), Some("2026-08-17"));
    assert_eq!(registry.codes.len(), 75, "the 2026 registry lists 75 codes");
    let ours: Vec<u16> = StatusCode::ALL.iter().map(|status| status.code()).collect();
    let theirs: Vec<u16> = registry.codes.iter().map(|registration| registration.code).collect();
    assert_eq!(ours, theirs);
    for registration in &registry.codes {
        let code = registration.code;
        let status = StatusCode::from_code(code).unwrap();
        assert_eq!(status.reason_phrase(), registration.phrase, "{code}");
        assert_eq!(status.is_deprecated(), registration.deprecated, "{code}");
        assert_eq!(
            status.references().iter().map(|r| r.id).collect::<Vec<_>>(),
            registration.spec_references(),
            "{code}"
        );
    }
}

#[test]
fn importing_the_csv_snapshot_reproduces_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("again.csv");
    let run = sync_iana(&["--import", path(&committed_snapshot()), "--snapshot", path(&out)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let committed = std::fs::read_to_string(committed_snapshot()).unwrap();
    assert!(committed.starts_with("Response Code,Description,Reference\n100,Trying,\n"));
    assert!(committed.contains("\n202,Accepted (Deprecated),[RFC6665]\n"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), committed);
}

#[test]
fn reports_the_2015_registry_as_older_than_the_spec() {
    let xml = iana_xml("2015-04-09");
    let run = sync_iana(&["--snapshot", path(&xml), "--check"]);
    assert_eq!(run.status, 1, "{}{}", run.stdout, run.stderr);
    // The class rows "1xx" .. "6xx" are not codes.
    assert!(run.stdout.contains("(71 codes, IANA updated 2015-04-09)"), "{}", run.stdout);
    let sections = sections(&run.stdout);
    let expected: BTreeMap<String, Vec<u16>> = [
        ("In the spec but not registered by IANA", vec![425, 555, 607, 608]),
        ("Renamed: IANA's phrase is a former phrase the spec keeps in `aliases`", vec![436, 437]),
        ("References that differ", vec![428, 436, 437, 438]),
    ]
    .into_iter()
    .map(|(name, codes)| (name.to_owned(), codes))
    .collect();
    assert_eq!(sections, expected, "{}", run.stdout);
    assert!(run.stdout.contains("437 spec \"Unsupported Credential\", IANA \"Unsupported Certificate\""));
    assert!(run.stdout.contains("428 Use Identity Header: spec RFC8224, IANA RFC4474"));
    // Without --check the report is the same, and drift is not an error.
    let report_only = sync_iana(&["--snapshot", path(&xml)]);
    assert_eq!((report_only.status, report_only.stdout), (0, run.stdout));
}

#[test]
fn reports_the_2019_registry_with_its_draft_reference() {
    let xml = iana_xml("2019-07-18");
    let run = sync_iana(&["--snapshot", path(&xml), "--check"]);
    assert_eq!(run.status, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("608 Rejected: spec RFC8688, IANA RFC-ietf-sipcore-rejected-09"),
        "{}",
        run.stdout
    );
    let sections = sections(&run.stdout);
    assert_eq!(sections.get("In the spec but not registered by IANA"), Some(&vec![425]), "{}", run.stdout);
    assert_eq!(sections.len(), 2, "{}", run.stdout);
}

#[test]
fn write_restores_deleted_codes_and_changes_nothing_else() {
    let original = committed_spec();
    // A deprecated code and codes between others whose entries hold only keys that IANA's
    // registry determines (and the description): entries with semantic sub-tables hold facts
    // that --write cannot restore, so they are not deleted here.
    let deleted = [181, 182, 202, 440];
    let mut spec = original.clone();
    let mut expected = original.clone();
    for code in deleted.into_iter().rev() {
        let entry = entry_range(&original, code);
        let text = &original[entry.clone()];
        let keys: Vec<&str> =
            text.lines().filter(|l| l.contains(" = ")).map(|l| l.split(' ').next().unwrap()).collect();
        assert!(
            keys.iter().all(|k| ["code", "reason", "references", "deprecated", "description"].contains(k)),
            "{code}: {keys:?}"
        );
        // With the blank line that separates it from the entry before.
        spec.replace_range(entry.start - 1..entry.end, "");
        // What --write brings back: the entry with the description placeholder.
        let description = entry.start + text.find("description = ").unwrap();
        expected.replace_range(description..entry.end, "description = \"TODO: describe\"\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("iana.toml");
    std::fs::write(&file, &spec).unwrap();

    let check = sync_iana(&["--spec", path(&file), "--check"]);
    assert_eq!(check.status, 1);
    assert_eq!(
        sections(&check.stdout).get("Registered by IANA but missing from the spec"),
        Some(&deleted.to_vec()),
        "{}",
        check.stdout
    );

    let write = sync_iana(&["--spec", path(&file), "--write"]);
    assert_eq!(write.status, 0, "{}{}", write.stdout, write.stderr);
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, expected, "{}", write.stdout);

    // The placeholders stay on the report until descriptions are written.
    let check = sync_iana(&["--spec", path(&file), "--check"]);
    assert_eq!(check.status, 1);
    let mut remaining = BTreeMap::new();
    remaining.insert("Descriptions still to write".to_owned(), deleted.to_vec());
    assert_eq!(sections(&check.stdout), remaining, "{}", check.stdout);
}

#[test]
fn write_takes_iana_phrases_references_and_deprecation_in_place() {
    let original = committed_spec();
    let mut spec = original.clone();
    for (from, to) in [
        // 437 as it was before RFC 8224 renamed it.
        (
            "reason = \"Unsupported Credential\"\nreferences = [\"RFC8224\"]\naliases = [\"Unsupported Certificate\"]\n",
            "reason = \"Unsupported Certificate\"\nreferences = [\"RFC8224\"]\n",
        ),
        (
            "code = 428\nreason = \"Use Identity Header\"\nreferences = [\"RFC8224\"]\n",
            "code = 428\nreason = \"Use Identity Header\"\nreferences = [\"RFC4474\", \"RFC3261\"]\n",
        ),
        ("references = [\"RFC6665\"]\ndeprecated = true\n", "references = [\"RFC6665\"]\n"),
        ("code = 504\nreason = \"Server Time-out\"\n", "code = 504\nreason = \"Gateway Timeout\"\n"),
    ] {
        assert_eq!(spec.matches(from).count(), 1, "{from}");
        spec = spec.replace(from, to);
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("iana.toml");
    std::fs::write(&file, &spec).unwrap();

    let check = sync_iana(&["--spec", path(&file), "--check"]);
    assert_eq!(check.status, 1);
    let sections = sections(&check.stdout);
    assert_eq!(sections.get("Phrases that differ"), Some(&vec![437, 504]), "{}", check.stdout);
    assert_eq!(sections.get("References that differ"), Some(&vec![428]), "{}", check.stdout);
    assert_eq!(sections.get("Deprecation that differs"), Some(&vec![202]), "{}", check.stdout);

    let write = sync_iana(&["--spec", path(&file), "--write"]);
    assert_eq!(write.status, 0, "{}{}", write.stdout, write.stderr);
    let written = std::fs::read_to_string(&file).unwrap();
    // 437 comes back exactly as committed; 504 keeps the wrong phrase as an alias.
    let expected = original.replace(
        "code = 504\nreason = \"Server Time-out\"\nreferences = [\"RFC3261\"]\n",
        "code = 504\nreason = \"Server Time-out\"\nreferences = [\"RFC3261\"]\naliases = [\"Gateway Timeout\"]\n",
    );
    assert_ne!(expected, original);
    assert_eq!(written, expected, "{}", write.stdout);
    assert!(
        write.stdout.contains("the variant name changes from `GatewayTimeout` to `ServerTimeOut`"),
        "{}",
        write.stdout
    );
    assert_eq!(sync_iana(&["--spec", path(&file), "--check"]).status, 0);
}

#[test]
fn only_codes_marked_unregistered_may_be_missing_from_iana() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vendor.toml");
    let vendor = "\n[[code]]\ncode = 477\nreason = \"Send Failed\"\nregistered = false\n";
    std::fs::write(&file, committed_spec() + vendor).unwrap();
    let run = sync_iana(&["--spec", path(&file), "--check"]);
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert!(run.stdout.contains("Not compared, marked `registered = false`: 477"), "{}", run.stdout);

    std::fs::write(&file, committed_spec() + &vendor.replace("registered = false\n", "")).unwrap();
    let run = sync_iana(&["--spec", path(&file), "--check"]);
    assert_eq!(run.status, 1);
    assert_eq!(
        sections(&run.stdout).get("In the spec but not registered by IANA"),
        Some(&vec![477]),
        "{}",
        run.stdout
    );
    // --write leaves it for a maintainer to decide.
    let write = sync_iana(&["--spec", path(&file), "--write"]);
    assert_eq!(write.status, 0);
    assert!(write.stdout.contains("Nothing for --write to change"), "{}", write.stdout);
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        committed_spec() + &vendor.replace("registered = false\n", "")
    );
}

#[test]
fn bad_input_exits_2_saying_what_and_where() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        file.to_str().unwrap().to_owned()
    };
    let other_registry =
        write("other.xml", "<registry id=\"sip-parameters\"><registry id=\"sip-parameters-2\"/></registry>");
    let broken_xml =
        write("broken.xml", "<registry id=\"sip-parameters\">\n<registry id=\"sip-parameters-7\">\n");
    let short_row = write("short.csv", "Response Code,Description,Reference\n100,Trying,\n180,Ringing\n");
    let bad_value = write("value.csv", "Response Code,Description,Reference\n100,Trying,\n7xx,Unknown,\n");
    let broken_spec = write("spec.toml", "[[code]]\ncode = 486\nreason = \"Busy Here\n");
    let bad_spec = write(
        "bad.toml",
        "[[code]]\ncode = 486\nreason = \"Busy Here\"\n\n[[code]]\ncode = 486\nreason = \"Busy\"\n",
    );
    let missing = dir.path().join("missing.csv").to_str().unwrap().to_owned();
    let cases: [(&[&str], String); 11] = [
        (&["--frobnicate"], "--frobnicate".to_owned()),
        (&["--check", "--write"], "--check and --write exclude each other".to_owned()),
        (&["--snapshot"], "--snapshot".to_owned()),
        (&["--snapshot", &missing], format!("cannot read {missing}: ")),
        (
            &["--snapshot", &other_registry],
            format!("{other_registry}: no <registry id=\"sip-parameters-7\">"),
        ),
        (&["--snapshot", &broken_xml], format!("{broken_xml}: not well-formed XML: ")),
        (
            &["--snapshot", &short_row],
            format!("{short_row}:3: malformed CSV: a row has 2 fields where the header has 3"),
        ),
        (
            &["--snapshot", &bad_value],
            format!("{bad_value}:3: value \"7xx\" is not a response code 100..=699"),
        ),
        (&["--spec", &broken_spec], format!("{broken_spec}:3:20: invalid TOML")),
        (
            &["--spec", &bad_spec, "--write"],
            format!("{bad_spec}:6:8: code 486 is defined twice; first defined at {bad_spec}:2:8"),
        ),
        (&["--spec", dir.path().to_str().unwrap()], format!("cannot read {}: ", dir.path().display())),
    ];
    for (args, message) in cases {
        let run = sync_iana(args);
        assert_eq!(run.status, 2, "{args:?}: {}{}", run.stdout, run.stderr);
        assert!(run.stderr.contains(&message), "{args:?}: expected {message:?} in:\n{}", run.stderr);
    }
    // A failed import leaves the snapshot alone.
    let out = dir.path().join("out.csv");
    let run = sync_iana(&["--import", &other_registry, "--snapshot", path(&out)]);
    assert_eq!(run.status, 2);
    assert!(!out.exists());
    assert_eq!(std::fs::read_to_string(&bad_spec).unwrap().matches("[[code]]").count(), 2);
}
