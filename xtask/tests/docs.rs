//! `cargo xtask docs`: the committed generated files are current, and `--check` catches and
//! names a stale one.

use xtask::{ensure_file_contents, generated_files, workspace_root};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn xtask_docs(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).arg("docs").args(args).output().expect("xtask runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of the files `cargo xtask docs` reads and writes, in a fresh folder under target/.
fn scratch_workspace(name: &str) -> PathBuf {
    let root =
        Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("xtask-docs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for file in [
        "specs/iana.toml",
        "specs/notes.toml",
        "specs/search.toml",
        "README.md",
        "docs/CODES.md",
        "docs/index.html",
        "codegen/iana.toml",
    ] {
        let to = root.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(workspace().join(file), &to).unwrap_or_else(|e| panic!("copy {file}: {e}"));
    }
    root
}

/// docs/CODES.md, the README's table, docs/index.html and codegen/iana.toml: a stale file
/// is rewritten and fails the test, naming `cargo xtask docs`.
#[test]
fn every_generated_file_is_up_to_date() {
    let root = workspace_root();
    let files = generated_files(root).unwrap_or_else(|e| panic!("{e}"));
    for file in &files {
        ensure_file_contents(&root.join(file.path), &file.contents, file.command);
    }
    let paths: Vec<&str> = files.iter().map(|file| file.path).collect();
    assert_eq!(paths, ["docs/CODES.md", "README.md", "docs/index.html", "codegen/iana.toml"]);
}

/// The codegen package embeds and ships its own copy of the spec; a symlink would break
/// Windows checkouts, and the copy must be the spec itself, byte for byte.
#[test]
fn codegen_ships_a_copy_of_the_spec_not_a_symlink() {
    let copy = workspace().join("codegen/iana.toml");
    let kind = std::fs::symlink_metadata(&copy).expect("codegen/iana.toml exists").file_type();
    assert!(kind.is_file(), "codegen/iana.toml must be a regular file, not a symlink");
    let spec = std::fs::read_to_string(workspace().join("specs/iana.toml")).unwrap();
    ensure_file_contents(&copy, &spec, "cargo xtask docs");
}

#[test]
fn check_names_the_stale_file_and_a_run_brings_it_back() {
    let root = scratch_workspace("stale");
    let codes = root.join("docs/CODES.md");
    let committed = std::fs::read_to_string(&codes).unwrap();
    std::fs::write(&codes, committed.replace("Busy Here", "Busy")).unwrap();
    std::fs::remove_file(root.join("docs/index.html")).unwrap();
    let root_arg = root.to_str().unwrap();

    let output = xtask_docs(&["--check", "--root", root_arg]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("docs/CODES.md is stale (first difference on line "), "{stderr}");
    assert!(stderr.contains("docs/index.html is missing: run `cargo xtask docs`"), "{stderr}");
    assert!(!stderr.contains("README.md"), "README.md is current: {stderr}");
    assert_eq!(
        std::fs::read_to_string(&codes).unwrap(),
        committed.replace("Busy Here", "Busy"),
        "--check wrote"
    );

    let output = xtask_docs(&["--root", root_arg]);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(stdout.contains("wrote docs/CODES.md") && stdout.contains("README.md is up to date"), "{stdout}");
    // Generation is deterministic: a fresh run reproduces the committed files byte for byte.
    assert_eq!(std::fs::read_to_string(&codes).unwrap(), committed);
    let page = std::fs::read_to_string(workspace().join("docs/index.html")).unwrap();
    assert_eq!(std::fs::read_to_string(root.join("docs/index.html")).unwrap(), page);
    assert!(xtask_docs(&["--check", "--root", root_arg]).status.success());
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_readme_without_markers_is_an_error_naming_them() {
    let root = scratch_workspace("markers");
    let readme = root.join("README.md");
    let without = std::fs::read_to_string(&readme).unwrap().replace("<!-- codes:end -->", "");
    std::fs::write(&readme, without).unwrap();
    let output = xtask_docs(&["--root", root.to_str().unwrap()]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("README.md has no `<!-- codes:end -->` line"), "{stderr}");
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn a_broken_spec_is_reported_with_its_place_and_nothing_is_written() {
    let root = scratch_workspace("spec");
    let spec = root.join("specs/iana.toml");
    let broken = std::fs::read_to_string(&spec).unwrap().replacen("code = 100", "code = 99", 1);
    std::fs::write(&spec, broken).unwrap();
    std::fs::remove_file(root.join("docs/CODES.md")).unwrap();
    let output = xtask_docs(&["--root", root.to_str().unwrap()]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("specs/iana.toml:") && stderr.contains("code 99 is outside SIP's range"),
        "{stderr}"
    );
    assert!(!root.join("docs/CODES.md").exists());
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn bad_flags_exit_2_with_usage() {
    let output = xtask_docs(&["--chek"]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--chek") && stderr.contains("usage: cargo xtask docs"), "{stderr}");
}

#[test]
fn each_generated_file_names_its_command() {
    for file in ["docs/CODES.md", "docs/index.html"] {
        let contents = std::fs::read_to_string(workspace().join(file)).unwrap();
        let head: String = contents.lines().take(2).collect();
        assert!(head.contains("Generated by `cargo xtask docs`"), "{file}: {head}");
    }
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let table = readme.split("<!-- codes:start -->").nth(1).unwrap();
    assert!(table.trim_start().starts_with("<!-- Generated by `cargo xtask docs`"), "{table}");
}

#[test]
fn the_page_loads_nothing_from_outside() {
    let page = std::fs::read_to_string(workspace().join("docs/index.html")).unwrap();
    for needle in ["src=", "<link", "url(", "@import", "@font-face", "fetch(", "XMLHttpRequest"] {
        assert!(!page.contains(needle), "docs/index.html holds `{needle}`");
    }
    assert!(page.contains("default-src 'none'"), "the page declares that it loads nothing");
    let spec = std::fs::read_to_string(workspace().join("specs/iana.toml")).unwrap();
    let codes = spec.lines().filter(|line| line.trim() == "[[code]]").count();
    assert_eq!(page.matches("\" class=\"code\"").count(), codes, "one article per code");
    assert!(page.contains("<article id=\"486\" class=\"code\""));
}

#[test]
fn the_page_lists_exactly_the_codes_of_the_iana_status_code() {
    let page = std::fs::read_to_string(workspace().join("docs/index.html")).unwrap();
    let on_page: Vec<u16> = page
        .split("<article id=\"")
        .skip(1)
        .filter(|rest| rest.contains("\" class=\"code\"") && rest.find("\" class=\"code\"") < rest.find('>'))
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect();
    let in_type: Vec<u16> = sip_codes::iana::StatusCode::ALL.iter().map(|status| status.code()).collect();
    assert_eq!(on_page, in_type);
}

/// The values of `attribute="..."` in `html`, in order.
fn attribute_values<'a>(html: &'a str, attribute: &str) -> Vec<&'a str> {
    let needle = format!(" {attribute}=\"");
    html.match_indices(&needle)
        .map(|(at, _)| {
            let rest = &html[at + needle.len()..];
            &rest[..rest.find('"').expect("a closed attribute")]
        })
        .collect()
}

/// Every `href="#..."` names an element of the page (or is a filter state the script reads),
/// every id is unique, and every external link is an RFC, IANA or project address.
#[test]
fn every_link_of_the_page_resolves() {
    let page = std::fs::read_to_string(workspace().join("docs/index.html")).unwrap();
    let ids = attribute_values(&page, "id");
    let mut seen = std::collections::BTreeSet::new();
    for id in &ids {
        assert!(seen.insert(*id), "id {id:?} appears twice");
    }
    let mut problems = Vec::new();
    let hrefs = attribute_values(&page, "href");
    assert!(hrefs.len() > 300, "{} links", hrefs.len());
    for href in &hrefs {
        if let Some(fragment) = href.strip_prefix('#') {
            let filter =
                fragment.strip_prefix("q=").is_some_and(|q| !q.is_empty() && !q.contains(['"', '<', ' ']));
            if !(fragment.is_empty() || filter || seen.contains(fragment)) {
                problems.push(format!("{href}: no element has this id"));
            }
            continue;
        }
        if !is_known_external(href) {
            problems.push(format!("{href}: not an RFC, IANA or project address"));
        }
    }
    for label in attribute_values(&page, "aria-labelledby") {
        if !seen.contains(label) {
            problems.push(format!("aria-labelledby={label:?} names no element"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for anchor in ["486", "4xx", "wild", "flows", "flow-busy", "477", "701", "about", "q850-17"] {
        assert!(seen.contains(anchor), "#{anchor} is missing");
    }
}

fn is_known_external(href: &str) -> bool {
    if let Some(rest) = href.strip_prefix("https://www.rfc-editor.org/rfc/rfc") {
        let (number, section) = rest.split_once("#section-").unwrap_or((rest, "1"));
        let number_ok = !number.is_empty() && number.len() <= 4 && number.bytes().all(|b| b.is_ascii_digit());
        let section_ok = !section.is_empty()
            && !section.starts_with('.')
            && !section.ends_with('.')
            && section.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        return number_ok && section_ok;
    }
    if let Some(name) = href.strip_prefix("https://datatracker.ietf.org/doc/") {
        return name.starts_with("draft-")
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-/".contains(&b));
    }
    href == "https://www.iana.org/assignments/sip-parameters/"
        || href == "https://github.com/sip-codes/sip-codes/issues"
}

#[test]
fn the_link_check_tells_good_addresses_from_bad() {
    assert!(is_known_external("https://www.rfc-editor.org/rfc/rfc3261#section-8.1.3.2"));
    assert!(is_known_external("https://www.rfc-editor.org/rfc/rfc3261"));
    assert!(!is_known_external("https://www.rfc-editor.org/rfc/rfc3261#section-"));
    assert!(!is_known_external("https://www.rfc-editor.org/rfc/rfcX"));
    assert!(!is_known_external("http://example.com/"));
}

/// Each code's facts come from `StatusCode`'s methods, so spot checks against them hold.
#[test]
fn the_page_shows_each_codes_semantics() {
    use sip_codes::iana::StatusCode;
    let page = std::fs::read_to_string(workspace().join("docs/index.html")).unwrap();
    let card = |code: u16| {
        let start = page.find(&format!("<article id=\"{code}\"")).unwrap();
        &page[start..start + page[start..].find("</article>").unwrap()]
    };
    for status in StatusCode::ALL {
        let card = card(status.code());
        for name in status.required_headers() {
            assert!(
                card.contains(&format!("<span class=\"kw must\">MUST</span> <code>{name}</code>")),
                "{status}"
            );
        }
        assert_eq!(
            card.contains("<span class=\"yes\">allowed</span>"),
            status.allows_retry_after(),
            "{status}"
        );
        assert_eq!(card.contains("<dt>In a dialog</dt>"), status.dialog_effect("").is_some(), "{status}");
    }
    assert!(card(487).contains("RFC 4497 (QSIG) differs"));
    assert!(card(487).contains("look for the CANCEL"), "the tip from specs/notes.toml");
    assert!(card(401).contains("WWW-Authenticate"));
    assert!(card(477).contains("<a href=\"#400\">400 Bad Request</a>"), "477 as a stack reads it");
    assert!(card(701).contains("a forking proxy that gets one passes <a href=\"#500\">500</a>"));
}
