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
    for file in ["specs/iana.toml", "README.md", "docs/CODES.md", "docs/index.html", "codegen/iana.toml"] {
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
    assert_eq!(page.matches("<article id=\"").count(), codes, "one article per code");
    assert!(page.contains("<article id=\"486\" class=\"code\""));
}

#[test]
fn the_page_lists_exactly_the_codes_of_the_iana_status_code() {
    let page = std::fs::read_to_string(workspace().join("docs/index.html")).unwrap();
    let on_page: Vec<u16> = page
        .split("<article id=\"")
        .skip(1)
        .map(|rest| rest[..rest.find('"').unwrap()].parse().unwrap())
        .collect();
    let in_type: Vec<u16> = sip_codes::iana::StatusCode::ALL.iter().map(|status| status.code()).collect();
    assert_eq!(on_page, in_type);
}
