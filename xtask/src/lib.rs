//! Maintainer commands, run as `cargo xtask <command>` (alias in `.cargo/config.toml`).
//!
//! - `sync-iana`: keeps `specs/iana.toml` and the IANA snapshot in line with the registry.
//! - `generate`: regenerates every generated file, in dependency order (see [`generate`]).
//! - `bench-compile`: measures the compile cost of the macro against a hand-written enum.
//!
//! The commands live in this library, `main.rs` only hands them the arguments, so tests can
//! reach the pieces they check: IANA's registry files through [`snapshot`], and every
//! generated file through [`generated_files`] and [`ensure_file_contents`].

mod bench_compile;
pub mod codegen;
mod docs;
pub mod generate;
pub mod notes;
mod sync_iana;

use std::path::Path;
use std::process::ExitCode;

// The repository's README, its example run as a doctest here: xtask writes its code table,
// and the `sip-codes` crate tests its own README.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}

pub use generate::{GeneratedFile, generated_files};
pub use sync_iana::snapshot;

/// Runs the command named by the first argument with the rest.
pub fn run(args: impl IntoIterator<Item = String>) -> ExitCode {
    let mut args = args.into_iter();
    let command = args.next();
    let rest: Vec<String> = args.collect();
    match command.as_deref() {
        Some("--help" | "-h" | "help") | None => {
            println!("{USAGE}");
            if command.is_none() { ExitCode::from(2) } else { ExitCode::SUCCESS }
        }
        Some("sync-iana") => sync_iana::run(rest),
        Some("generate") => generate::run(rest),
        Some("bench-compile") => bench_compile::run(rest),
        Some(other) => {
            eprintln!("error: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The workspace root: xtask lives one level below it.
pub fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is a member of the workspace")
}

/// Fails the calling test when the committed file at `path` does not hold `contents`, after
/// writing `contents` there, so a second run passes and `git diff` shows the change. The
/// message names the file and `command`, the command that regenerates it.
///
/// Line endings are compared as `\n`, so a checkout with CRLF line endings is not stale.
/// This is rust-analyzer's `ensure_file_contents`: plain `cargo test` catches a generated
/// file that drifted from its source.
#[track_caller]
pub fn ensure_file_contents(path: &Path, contents: &str, command: &str) {
    let shown = path.strip_prefix(workspace_root()).unwrap_or(path).display().to_string();
    let current = std::fs::read_to_string(path);
    let problem = match &current {
        Ok(current) if normalize_newlines(current) == normalize_newlines(contents) => return,
        Ok(current) => {
            format!("{shown} is stale (first difference on line {})", first_difference(current, contents))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => format!("{shown} is missing"),
        Err(e) => format!("{shown} cannot be read ({e})"),
    };
    let written =
        path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(path, contents));
    let outcome = match written {
        Ok(()) => format!("it has been regenerated: review and commit it, or run `{command}`"),
        Err(e) => format!("writing it failed ({e}): run `{command}`"),
    };
    panic!("{problem}; {outcome}");
}

fn normalize_newlines(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') { text.replace("\r\n", "\n").into() } else { text.into() }
}

/// The 1-based line where two texts first differ.
fn first_difference(a: &str, b: &str) -> usize {
    let same = a.lines().zip(b.lines()).take_while(|(x, y)| x == y).count();
    same + 1
}

/// The options a command parsed, or its exit: usage printed for `--help` (success) or after
/// an error (status 2).
fn options_or_exit<T, E: std::fmt::Display>(
    parsed: Result<Option<T>, E>,
    usage: &str,
) -> Result<T, ExitCode> {
    match parsed {
        Ok(Some(options)) => Ok(options),
        Ok(None) => {
            println!("{usage}");
            Err(ExitCode::SUCCESS)
        }
        Err(message) => {
            eprintln!("error: {message}\n\n{usage}");
            Err(ExitCode::from(2))
        }
    }
}

const USAGE: &str = "usage: cargo xtask <command> [options]

commands:
  sync-iana      compare specs/iana.toml with the IANA snapshot (--check, --write, --import FILE)
  generate       regenerate every generated file from specs/ in one run: the spec's copy in
                 codegen/, runtime/src/iana.rs and runtime/src/iana/, cli/src/data.rs, the packages' licence
                 copies, docs/ and the README's code table (--check: fail if one is stale)
  bench-compile  measure the macro's compile cost against a hand-written enum";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_to_the_first_difference() {
        assert_eq!(first_difference("a\nb\nc\n", "a\nb\nd\n"), 3);
        assert_eq!(first_difference("a\n", "b\n"), 1);
        assert_eq!(first_difference("a\n", "a\nb\n"), 2);
    }

    #[test]
    fn ensure_file_contents_writes_and_fails_only_when_stale() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nested/generated.txt");
        let run = |contents: &str| {
            std::panic::catch_unwind(|| ensure_file_contents(&file, contents, "cargo xtask regenerate"))
                .map_err(|panic| panic.downcast_ref::<String>().cloned().unwrap_or_default())
        };
        let missing = run("a\nb\n").unwrap_err();
        assert!(missing.contains("generated.txt is missing; it has been regenerated"), "{missing}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "a\nb\n");
        assert_eq!(run("a\nb\n"), Ok(()));
        let stale = run("a\nc\n").unwrap_err();
        assert!(stale.contains("generated.txt is stale (first difference on line 2)"), "{stale}");
        assert!(stale.contains("run `cargo xtask regenerate`"), "{stale}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "a\nc\n");
        std::fs::write(&file, "a\r\nc\r\n").unwrap();
        assert_eq!(run("a\nc\n"), Ok(()), "CRLF line endings are not a difference");
    }
}
