//! `cargo xtask sync-iana` run as a maintainer runs it: the real binary, the committed spec
//! and snapshot, and IANA's real registry files kept in `specs/iana/snapshots/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use sip_codes_codegen::TableValue;
use sip_codes_codegen::kind::{RESPONSE_CODES, TABLE_KINDS, TableKind};

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

/// The report's sections: each heading, without its count and remedy, mapped to the values
/// listed under it (a code, or a token without its backquotes).
fn values(report: &str) -> BTreeMap<String, Vec<String>> {
    let mut sections = BTreeMap::new();
    for block in report.split("\n\n").skip(1) {
        let mut lines = block.lines();
        let Some(heading) = lines.next() else { continue };
        let values: Vec<String> = lines
            .filter_map(|line| line.strip_prefix("  ")?.split([' ', ':']).next())
            .map(|value| value.trim_matches('`').to_owned())
            .collect();
        if !values.is_empty() {
            sections.insert(heading.split(" (").next().unwrap().to_owned(), values);
        }
    }
    sections
}

/// [`values`] for the response codes.
fn sections(report: &str) -> BTreeMap<String, Vec<u16>> {
    values(report)
        .into_iter()
        .map(|(heading, codes)| (heading, codes.iter().map(|code| code.parse().unwrap()).collect()))
        .collect()
}

/// A report of several tables split into each table's report, by title.
fn tables(report: &str) -> BTreeMap<String, String> {
    let mut tables = BTreeMap::new();
    for block in report.split("== ").skip(1) {
        let (heading, body) = block.split_once(" ==\n").unwrap();
        let title = heading.split(" (IANA ").next().unwrap().to_owned();
        // The report of the last table ends where the run's summary starts.
        let body = body.split("\nDrift in ").next().unwrap().split("\nAll ").next().unwrap();
        tables.insert(title, body.to_owned());
    }
    tables
}

/// The tables with an IANA registry, and their specs under `specs/`.
fn registered_tables() -> Vec<&'static TableKind> {
    TABLE_KINDS.iter().filter(|kind| kind.registry.is_some()).collect()
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
fn committed_specs_are_in_sync_with_committed_snapshot() {
    let run = sync_iana(&["--check"]);
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "specs/iana.toml (75 codes) vs IANA snapshot specs/iana/sip-parameters-7.csv (75 codes)"
        )
    );
    // Every table with a registry has its spec, and each is compared with its own CSV.
    let tables = tables(&run.stdout);
    let titles: Vec<&str> = registered_tables().iter().map(|kind| kind.title).collect();
    assert_eq!(tables.keys().map(String::as_str).collect::<Vec<_>>(), sorted(&titles));
    for kind in registered_tables() {
        let report = &tables[kind.title];
        assert!(report.contains(&format!("specs/iana/{}.csv", kind.registry.unwrap())), "{report}");
        assert!(report.contains("In sync"), "{report}");
    }
    assert!(
        run.stdout.ends_with(&format!("All {} tables are in sync with IANA.\n", titles.len())),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("specs/option-tags.toml (36 tokens)"), "{}", run.stdout);
}

fn sorted<'a>(items: &[&'a str]) -> Vec<&'a str> {
    let mut items = items.to_vec();
    items.sort_unstable();
    items
}

/// specs/README.md lists the tables `sync-iana` follows: each as `TABLE_KINDS` has it.
#[test]
fn the_specs_readme_lists_every_registered_table() {
    let readme = committed("specs/README.md");
    for kind in registered_tables() {
        let spec =
            if kind.id == RESPONSE_CODES { "iana.toml".to_owned() } else { format!("{}.toml", kind.id) };
        let row = format!("| {} | `{}` | `{spec}` |", kind.title, kind.registry.unwrap());
        assert!(readme.contains(&row), "specs/README.md lacks the row {row}");
    }
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
    // Every other registry's CSV: the file named after the registry holds that registry.
    for kind in &registered_tables()[1..] {
        let registry = kind.registry.unwrap();
        let out = dir.path().join(format!("{registry}.csv"));
        let run = sync_iana(&["--import", path(&xml), "--snapshot", path(&out)]);
        assert_eq!(run.status, 0, "{registry}: {}", run.stderr);
        let committed = root().join(format!("specs/iana/{registry}.csv"));
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            std::fs::read_to_string(&committed).unwrap(),
            "{registry}"
        );
    }
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

/// `sip_codes::iana::OptionTag`, made by `sync-iana --write` from IANA's 2026 file, against
/// that file: tokens in IANA's order, and references.
#[test]
fn the_iana_option_tag_matches_the_2026_registry() {
    use sip_codes::iana::OptionTag;

    let xml = iana_xml("2026-08-17");
    let kind = TableKind::named("option-tags").unwrap();
    let registry = xtask::snapshot::parse_table(path(&xml), &std::fs::read_to_string(&xml).unwrap(), kind)
        .unwrap()
        .unwrap();
    let ours: Vec<TableValue> =
        OptionTag::ALL.iter().map(|tag| TableValue::Token(tag.as_str().to_owned())).collect();
    let theirs: Vec<TableValue> = registry.records.iter().map(|record| record.value.clone()).collect();
    assert_eq!(ours, theirs);
    for (tag, record) in OptionTag::ALL.iter().zip(&registry.records) {
        assert_eq!(tag.references().iter().map(|r| r.id).collect::<Vec<_>>(), record.references, "{tag:?}");
        assert_eq!(
            OptionTag::from_token(&tag.as_str().to_uppercase()),
            Some(*tag),
            "option tags ignore case"
        );
    }
    assert_eq!(OptionTag::from_token("100rel"), Some(OptionTag::Rel100));
    assert_eq!(OptionTag::from_token("siprec").map(OptionTag::as_str), Some("siprec"));
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

/// Each table's sections, for the tables that drift.
/// Table title to section heading to the values listed.
type Drift = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// A section's heading and the values listed under it.
type Section<'a> = (&'a str, &'a [&'a str]);

fn drift(report: &str) -> Drift {
    tables(report)
        .into_iter()
        .map(|(title, report)| (title, values(&report)))
        .filter(|(_, sections)| !sections.is_empty())
        .collect()
}

fn expected(tables: &[(&str, &[Section<'_>])]) -> Drift {
    tables
        .iter()
        .map(|(title, sections)| {
            let sections = sections
                .iter()
                .map(|(heading, values)| {
                    (heading.to_string(), values.iter().map(|v| v.to_string()).collect())
                })
                .collect();
            (title.to_string(), sections)
        })
        .collect()
}

const NOT_REGISTERED: &str = "In the spec but not registered by IANA";

#[test]
fn reports_the_2015_registry_as_older_than_the_spec() {
    let xml = iana_xml("2015-04-09");
    let run = sync_iana(&["--snapshot", path(&xml), "--check"]);
    assert_eq!(run.status, 1, "{}{}", run.stdout, run.stderr);
    let tables = tables(&run.stdout);
    // The class rows "1xx" .. "6xx" are not codes.
    let response_codes = &tables["Response codes"];
    assert!(response_codes.contains("(71 codes, IANA updated 2015-04-09)"), "{response_codes}");
    let sections = sections(response_codes);
    let expected_codes: BTreeMap<String, Vec<u16>> = [
        (NOT_REGISTERED, vec![425, 555, 607, 608]),
        ("Renamed: IANA's phrase is a former phrase the spec keeps in `aliases`", vec![436, 437]),
        ("References that differ", vec![428, 436, 437, 438]),
    ]
    .into_iter()
    .map(|(name, codes)| (name.to_owned(), codes))
    .collect();
    assert_eq!(sections, expected_codes, "{response_codes}");
    assert!(response_codes.contains("437 spec \"Unsupported Credential\", IANA \"Unsupported Certificate\""));
    assert!(response_codes.contains("428 Use Identity Header: spec RFC8224, IANA RFC4474"));

    // The other tables: what IANA registered after April 2015, each under its table.
    let mut drift = drift(&run.stdout);
    drift.remove("Response codes");
    let reason_protocols: &[&str] = &[
        "EMM",
        "ESM",
        "S1AP-RNL",
        "S1AP-TL",
        "S1AP-NAS",
        "S1AP-MISC",
        "S1AP-PROT",
        "DIAMETER",
        "IKEV2",
        "RELEASE_CAUSE",
        "FAILURE_CAUSE",
        "STIR",
        "5GMM",
        "5GSM",
        "NGAP-RNL",
        "NGAP-TL",
        "NGAP-NAS",
        "NGAP-MISC",
        "NGAP-PROT",
    ];
    let want = expected(&[
        // RFC 8373 (2018).
        ("Warning codes", &[(NOT_REGISTERED, &["308"])]),
        // 3GPP's protocols from 2017 on, RFC 8224's STIR (2018).
        ("Reason protocols", &[(NOT_REGISTERED, reason_protocols)]),
        // RFC 8876 (2020) and RFC 8599 (2019) created these registries.
        ("AlertMsg-Error codes", &[(NOT_REGISTERED, &["100", "101", "102", "103"])]),
        ("Push notification services", &[(NOT_REGISTERED, &["apns", "fcm", "webpush"])]),
        // RFC 7614's explicitsub and nosub, RFC 7866's siprec and record-aware, RFC 8840's trickle-ice.
        (
            "Option tags",
            &[(NOT_REGISTERED, &["explicitsub", "nosub", "record-aware", "siprec", "trickle-ice"])],
        ),
    ]);
    assert_eq!(drift, want, "{}", run.stdout);
    assert!(
        tables["Warning codes"]
            .contains("308 Incompatible language specification  specs/warning-codes.toml:")
    );
    assert!(tables["AlertMsg-Error codes"].contains("(no such registry in this snapshot"));
    for title in ["Geolocation-Error codes", "Subscription-State reason codes", "Methods"] {
        assert!(tables[title].contains("In sync"), "{title}: {}", tables[title]);
    }
    assert!(
        run.stdout.contains(
            "Drift in 6 of 9 tables: Response codes, Warning codes, Reason protocols, AlertMsg-Error codes, \
             Push notification services, Option tags."
        ),
        "{}",
        run.stdout
    );
    // Without --check the report is the same, and drift is not an error.
    let report_only = sync_iana(&["--snapshot", path(&xml)]);
    assert_eq!((report_only.status, report_only.stdout), (0, run.stdout));
}

#[test]
fn reports_the_2019_registry_with_its_draft_references() {
    let xml = iana_xml("2019-07-18");
    let run = sync_iana(&["--snapshot", path(&xml), "--check"]);
    assert_eq!(run.status, 1, "{}{}", run.stdout, run.stderr);
    let tables = tables(&run.stdout);
    assert!(
        tables["Response codes"].contains("608 Rejected: spec RFC8688, IANA RFC-ietf-sipcore-rejected-09"),
        "{}",
        run.stdout
    );
    assert!(
        tables["Option tags"]
            .contains("`trickle-ice`: spec RFC8840, IANA RFC-ietf-mmusic-trickle-ice-sip-18"),
        "{}",
        run.stdout
    );
    let want = expected(&[
        ("Response codes", &[(NOT_REGISTERED, &["425"]), ("References that differ", &["608"])]),
        // Registered from 2019 on: STIR and 3GPP's 5G protocols.
        (
            "Reason protocols",
            &[(
                NOT_REGISTERED,
                &["STIR", "5GMM", "5GSM", "NGAP-RNL", "NGAP-TL", "NGAP-NAS", "NGAP-MISC", "NGAP-PROT"],
            )],
        ),
        ("AlertMsg-Error codes", &[(NOT_REGISTERED, &["100", "101", "102", "103"])]),
        ("Option tags", &[("References that differ", &["trickle-ice"])]),
    ]);
    assert_eq!(drift(&run.stdout), want, "{}", run.stdout);
    // 3GPP's documents are named without IANA's clause or version ("3GPP TS 24.229 v14.4.0").
    assert!(!tables["Reason protocols"].contains("References that differ"), "{}", run.stdout);
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

fn committed(spec: &str) -> String {
    std::fs::read_to_string(root().join(spec)).unwrap()
}

/// Replaces the one occurrence of each `from` in `text`.
fn edited(text: &str, edits: &[(&str, &str)]) -> String {
    let mut text = text.to_owned();
    for (from, to) in edits {
        assert_eq!(text.matches(from).count(), 1, "{from}");
        text = text.replace(from, to);
    }
    text
}

#[test]
fn write_brings_a_numeric_table_in_line_keeping_comments_descriptions_and_names() {
    let original = committed("specs/warning-codes.toml");
    let entry_308 =
        "[[code]]\ncode = 308\ntext = \"Incompatible language specification\"\nreferences = [\"RFC8373\"]\n";
    let description_308 =
        original[original.find(entry_308).unwrap() + entry_308.len()..].lines().next().unwrap();
    let spec = edited(
        &original,
        &[
            // 308 lost; a comment and a hand-written description the edits must keep.
            (&format!("{entry_308}{description_308}\n\n"), ""),
            ("code = 380\n", "code = 380   # RFC 5630 §3.1.3\n"),
            ("description = \"A free-form warning", "description = \"Ours: a free-form warning"),
            // Texts and references as an older copy might have them.
            ("text = \"Miscellaneous warning\"", "text = \"Misc warning\""),
            (
                "code = 381\ntext = \"SIPS Required\"\nreferences = [\"RFC5630\"]",
                "code = 381\ntext = \"SIPS Required\"\nreferences = [\"RFC3261\"]",
            ),
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("warning-codes.toml");
    std::fs::write(&file, &spec).unwrap();

    let check = sync_iana(&["--spec", path(&file), "--check"]);
    assert_eq!(check.status, 1, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.starts_with("== Warning codes (IANA sip-parameters-5) ==\n"), "{}", check.stdout);
    let want = expected(&[(
        "Warning codes",
        &[
            ("Registered by IANA but missing from the spec", &["308"]),
            ("Texts that differ", &["399"]),
            ("References that differ", &["381"]),
        ],
    )]);
    assert_eq!(drift(&check.stdout), want, "{}", check.stdout);
    assert!(
        check.stdout.contains("399 spec \"Misc warning\", IANA \"Miscellaneous warning\""),
        "{}",
        check.stdout
    );

    let write = sync_iana(&["--spec", path(&file), "--write"]);
    assert_eq!(write.status, 0, "{}{}", write.stdout, write.stderr);
    // 308 comes back without its description, which is the project's to write; 399 keeps
    // the variant name its old text gave, so users' code still compiles.
    let expected_spec = edited(
        &original,
        &[
            (&format!("{entry_308}{description_308}\n"), entry_308),
            ("code = 380\n", "code = 380   # RFC 5630 §3.1.3\n"),
            ("description = \"A free-form warning", "description = \"Ours: a free-form warning"),
            (
                "text = \"Miscellaneous warning\"\n",
                "text = \"Miscellaneous warning\"\nname = \"MiscWarning\"\n",
            ),
        ],
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), expected_spec, "{}", write.stdout);
    assert!(write.stdout.contains("`name = \"MiscWarning\"` keeps the variant name"), "{}", write.stdout);
    let check = sync_iana(&["--spec", path(&file), "--check"]);
    assert_eq!(check.status, 0, "{}", check.stdout);
}

#[test]
fn write_marks_tokens_iana_does_not_list_and_unmarks_them_when_it_does() {
    let original = committed("specs/option-tags.toml");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("option-tags.toml");
    std::fs::write(&file, &original).unwrap();

    // Against IANA's registry of 2015, the tags registered since are marked.
    let old = iana_xml("2015-04-09");
    let write = sync_iana(&["--snapshot", path(&old), "--spec", path(&file), "--write"]);
    assert_eq!(write.status, 0, "{}{}", write.stdout, write.stderr);
    let marked = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        marked,
        edited(
            &original,
            &[
                (
                    "token = \"siprec\"\nreferences = [\"RFC7866\"]\n",
                    "token = \"siprec\"\nreferences = [\"RFC7866\"]\ndeprecated = true\n"
                ),
                (
                    "token = \"nosub\"\nreferences = [\"RFC7614\"]\n",
                    "token = \"nosub\"\nreferences = [\"RFC7614\"]\ndeprecated = true\n"
                ),
                (
                    "token = \"explicitsub\"\nreferences = [\"RFC7614\"]\n",
                    "token = \"explicitsub\"\nreferences = [\"RFC7614\"]\ndeprecated = true\n"
                ),
                (
                    "token = \"record-aware\"\nreferences = [\"RFC7866\"]\n",
                    "token = \"record-aware\"\nreferences = [\"RFC7866\"]\ndeprecated = true\n"
                ),
                (
                    "token = \"trickle-ice\"\nreferences = [\"RFC8840\"]\n",
                    "token = \"trickle-ice\"\nreferences = [\"RFC8840\"]\ndeprecated = true\n"
                ),
            ]
        )
    );
    let check = sync_iana(&["--snapshot", path(&old), "--spec", path(&file), "--check"]);
    assert_eq!(check.status, 0, "{}", check.stdout);
    assert!(
        check.stdout.contains(
            "Not compared, marked `deprecated` and not registered: `explicitsub`, `nosub`, `record-aware`, `siprec`, `trickle-ice`"
        ),
        "{}",
        check.stdout
    );

    // Against the project's snapshot they are registered again: the file is as committed,
    // with the comment on 199's name.
    let check = sync_iana(&["--spec", path(&file), "--check"]);
    assert_eq!(check.status, 1);
    assert_eq!(
        values(&tables(&check.stdout)["Option tags"]).get("Marked `deprecated` but registered by IANA"),
        Some(&["explicitsub", "nosub", "record-aware", "siprec", "trickle-ice"].map(String::from).to_vec()),
        "{}",
        check.stdout
    );
    let write = sync_iana(&["--spec", path(&file), "--write"]);
    assert_eq!(write.status, 0, "{}{}", write.stdout, write.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);
}

#[test]
fn write_creates_the_spec_of_a_table_that_has_none() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("option-tags.toml");
    let xml = iana_xml("2026-08-17");
    let check =
        sync_iana(&["--snapshot", path(&xml), "--table", "option-tags", "--spec", path(&file), "--check"]);
    assert_eq!(check.status, 1);
    assert!(check.stdout.contains("option-tags.toml (no such file) (0 tokens)"), "{}", check.stdout);

    let write =
        sync_iana(&["--snapshot", path(&xml), "--table", "option-tags", "--spec", path(&file), "--write"]);
    assert_eq!(write.status, 0, "{}{}", write.stdout, write.stderr);
    assert!(
        write
            .stdout
            .contains("note: `100rel`: no variant name follows from it, so --write named it `Rel100`")
    );
    // The committed spec is this file, with a better name for 199 written by hand.
    let created = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        edited(
            &created,
            &[(
                "name = \"Token199\"\n",
                "name = \"EarlyDialogTerminated\"   # the tag says the UA supports the 199 response (RFC 6228)\n"
            )]
        ),
        committed("specs/option-tags.toml")
    );
    assert!(created.contains("[registry]\ntable = \"option-tags\"\nname = \"IANA SIP Option Tags\"\n"));
    assert!(created.contains("updated = \"2026-08-17\"\n"));
    assert!(!created.contains("description = "), "the descriptions are the project's own words");
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
    let warning_codes = root().join("specs/warning-codes.toml");
    let cases: [(&[&str], String); 14] = [
        (&["--frobnicate"], "--frobnicate".to_owned()),
        (
            &["--table", "warn-codes"],
            "unknown table `warn-codes`; the tables: response-codes, warning-codes".to_owned(),
        ),
        (&["--table", "q850-causes"], "Q.850 cause values have no IANA registry to compare with".to_owned()),
        (
            &["--table", "methods", "--spec", path(&warning_codes)],
            format!("{} holds warning codes, not methods", warning_codes.display()),
        ),
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
