//! Tests that build a real crate using the macro with cargo: the lint check of an expansion
//! and the rebuild after a spec edit. The crates live under `target/tests/fixture-crates`,
//! with a target dir of their own (as trybuild's), pinned to this workspace's `Cargo.lock`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Writes a crate named `name` with the given `lib.rs`/`main.rs` and extra files, and returns
/// its directory.
fn fixture_crate(name: &str, files: &[(&str, &str)]) -> PathBuf {
    fixture_crate_in(name, "2024", files)
}

/// [`fixture_crate`] in another edition.
fn fixture_crate_in(name: &str, edition: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = workspace().join("target/tests/fixture-crates");
    let dir = root.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let runtime = workspace().join("runtime");
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"{edition}\"\npublish = false\n\n\
         [dependencies]\nsip-codes = {{ path = {runtime:?} }}\n\n[workspace]\n",
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    for (path, contents) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    let target = workspace().join("target/tests/fixture-crates/target");
    let output = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .expect("cargo runs");
    if !output.status.success() {
        panic!("cargo {args:?} failed in {}:\n{}", dir.display(), String::from_utf8_lossy(&output.stderr));
    }
    output
}

const LINT_LIB: &str = r#"//! A crate whose lints are as strict as a careful user's.
#![no_std]
#![deny(warnings, missing_docs, missing_debug_implementations, unreachable_pub)]
#![deny(clippy::all, clippy::pedantic)]
#![forbid(unsafe_code)]

sip_codes::sip_codes! {
    /// IANA's codes, public.
    #[spec = iana]
    pub enum StatusCode;
}

sip_codes::sip_codes! {
    /// IANA plus a vendor file, public and non-exhaustive.
    #[spec = iana]
    #[spec = "../vendor.toml"]
    #[sip_codes(non_exhaustive)]
    pub enum VendorCode;
}

sip_codes::sip_codes! {
    /// IANA's codes, open: any other code in `Other`.
    #[spec = iana]
    #[sip_codes(other)]
    pub enum OpenCode;
}

mod private {
    sip_codes::sip_codes! {
        /// Private: unused items must not warn.
        #[spec = "../vendor-full.toml"]
        pub(crate) enum Internal;
    }

    sip_codes::sip_codes! {
        /// Private and open.
        #[spec = "../vendor-full.toml"]
        #[sip_codes(other, non_exhaustive)]
        pub(crate) enum InternalOpen;
    }
}

/// Uses a private expansion, inside a function body.
pub fn local_phrase(code: u16) -> Option<&'static str> {
    sip_codes::sip_codes! {
        /// In a function body.
        #[spec = iana]
        enum Local;
    }
    let _ = private::Internal::ALL;
    Local::from_code(code).map(Local::reason_phrase)
}
"#;

const VENDOR: &str = r#"[[code]]
code = 477
reason = "Next Hop Unreachable"
registered = false
"#;

#[test]
fn an_expansion_passes_deny_warnings_missing_docs_and_clippy() {
    let dir = fixture_crate(
        "lint-fixture",
        &[("src/lib.rs", LINT_LIB), ("vendor.toml", VENDOR), ("vendor-full.toml", &spec(""))],
    );
    let output = cargo(&dir, &["clippy", "--all-targets", "--quiet", "--", "-D", "warnings"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("warning"), "clippy printed warnings:\n{stderr}");
    // rustdoc too: every generated intra-doc link resolves.
    let output = Command::new(env!("CARGO"))
        .args(["doc", "--no-deps", "--quiet"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", workspace().join("target/tests/fixture-crates/target"))
        .env("RUSTDOCFLAGS", "-D warnings")
        .output()
        .unwrap();
    assert!(output.status.success(), "rustdoc failed:\n{}", String::from_utf8_lossy(&output.stderr));
}

const EDITION_2021_LIB: &str = r#"//! An edition 2021 crate: `gen` is an identifier here, though a keyword in the
//! macro's edition, and a wrapping macro hands fragments over in invisible groups.
#![deny(warnings)]

sip_codes::sip_codes! {
    /// Its matcher module is `gen`.
    #[spec = iana]
    pub enum Gen;
}

/// Whether a code is a 4xx, through the module named `gen`.
pub fn client_error(status: Gen) -> bool {
    matches!(status.classify(), gen::Classified::ClientError(_))
}

/// A user's own wrapper: `$vis`, `$path` and the attributes reach `sip_codes!` as fragments.
macro_rules! status_type {
    ($(#[$meta:meta])* $vis:vis enum $name:ident from $path:literal) => {
        sip_codes::sip_codes! {
            $(#[$meta])*
            #[spec = $path]
            $vis enum $name;
        }
    };
}

status_type! {
    /// Generated through the wrapper.
    #[allow(clippy::all)]
    pub(crate) enum Wrapped from "../vendor-full.toml"
}

/// The wrapper's type is there.
pub fn wrapped_count() -> usize {
    Wrapped::ALL.len()
}
"#;

#[test]
fn an_edition_2021_crate_and_a_wrapping_macro_build() {
    let dir = fixture_crate_in(
        "edition-2021-fixture",
        "2021",
        &[("src/lib.rs", EDITION_2021_LIB), ("vendor-full.toml", &spec(""))],
    );
    cargo(&dir, &["build", "--quiet"]);
}

const REBUILD_MAIN: &str = r#"sip_codes::sip_codes! {
    #[spec = "../spec.toml"]
    enum StatusCode;
}

fn main() {
    for status in StatusCode::ALL {
        println!("{status}");
    }
}
"#;

/// A spec with just the codes `interpret` needs, plus `extra`.
fn spec(extra: &str) -> String {
    let mut spec = String::new();
    for (code, reason) in [
        (100, "Trying"),
        (183, "Session Progress"),
        (200, "OK"),
        (300, "Multiple Choices"),
        (400, "Bad Request"),
        (500, "Server Internal Error"),
        (600, "Busy Everywhere"),
    ] {
        spec.push_str(&format!("[[code]]\ncode = {code}\nreason = \"{reason}\"\n\n"));
    }
    spec + extra
}

#[test]
fn editing_the_spec_re_expands_the_macro() {
    let dir = fixture_crate("rebuild-fixture", &[("src/main.rs", REBUILD_MAIN), ("spec.toml", &spec(""))]);
    let before = cargo(&dir, &["run", "--quiet"]);
    let before = String::from_utf8_lossy(&before.stdout).into_owned();
    assert!(before.contains("183 Session Progress") && !before.contains("486"), "{before}");

    // Only the spec changes: cargo must notice it through the expansion's `include_str!`.
    std::fs::write(dir.join("spec.toml"), spec("[[code]]\ncode = 486\nreason = \"Busy Here\"\n")).unwrap();
    let after = cargo(&dir, &["run", "--quiet"]);
    let after = String::from_utf8_lossy(&after.stdout);
    assert!(after.contains("486 Busy Here"), "the edit was not picked up:\n{after}");
}
