//! `cargo xtask sync-iana`: keeps `specs/iana.toml` equal to IANA's response-code registry.
//!
//! The project keeps IANA's registry as `specs/iana/sip-parameters-7.csv`, in IANA's CSV
//! layout; `--import FILE` writes it from a file downloaded from IANA (the full
//! `sip-parameters.xml` or the `sip-parameters-7.csv` export). Without `--import`, the
//! command compares the spec with the snapshot and prints a report; `--check` makes drift
//! an error and `--write` edits the spec to match.
//!
//! The spec is read by `sip-codes-codegen`'s `read_spec`, the parser the macro uses.
//!
//! Exit status: 0 in sync (or written), 1 on drift with `--check`, 2 on bad input.

mod compare;
mod edit;
pub mod snapshot;

use std::path::PathBuf;
use std::process::ExitCode;

use sip_codes_codegen::CodeEntry;

use compare::{Subject, compare, report};
use snapshot::Snapshot;

use crate::workspace_root;

const USAGE: &str = "usage: cargo xtask sync-iana [--snapshot FILE] [--spec FILE] [--check | --write]
       cargo xtask sync-iana --import FILE [--snapshot FILE] [--check | --write]

Compares the spec with the project's snapshot of IANA's SIP response-code registry
(sip-parameters-7) and reports every difference.

options:
  --import FILE    write the snapshot from IANA's sip-parameters.xml or sip-parameters-7.csv
                   (download from https://www.iana.org/assignments/sip-parameters/)
  --snapshot FILE  the snapshot, IANA's XML or CSV [default: specs/iana/sip-parameters-7.csv]
  --spec FILE      the spec to compare [default: specs/iana.toml]
  --check          exit with status 1 when the spec differs from the snapshot
  --write          edit the spec to match: add missing codes, update phrases, deprecation
                   and references, keeping comments, descriptions and key order
  -h, --help       print this help

exit status: 0 in sync (or written), 1 drift with --check, 2 bad input";

/// The project's snapshot of the registry, relative to the workspace root.
const DEFAULT_SNAPSHOT: &str = "specs/iana/sip-parameters-7.csv";
/// The spec kept equal to the registry, relative to the workspace root.
const DEFAULT_SPEC: &str = "specs/iana.toml";

/// What to do after comparing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Report,
    Check,
    Write,
}

/// A file named on the command line or by default, with how messages show it.
#[derive(Clone, Debug)]
struct File {
    path: PathBuf,
    shown: String,
}

impl File {
    /// A default path: resolved against the workspace root, shown relative to it, so the
    /// command works from any directory.
    fn default(relative: &str) -> File {
        File { path: workspace_root().join(relative), shown: relative.to_owned() }
    }

    fn given(path: PathBuf) -> File {
        File { shown: path.display().to_string(), path }
    }

    fn read(&self) -> Result<String, String> {
        let bytes = std::fs::read(&self.path).map_err(|e| format!("cannot read {}: {e}", self.shown))?;
        String::from_utf8(bytes).map_err(|e| {
            let line =
                e.as_bytes()[..e.utf8_error().valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
            format!("{}:{line}: the file is not UTF-8 text", self.shown)
        })
    }

    fn write(&self, contents: &str) -> Result<(), String> {
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&self.path, contents).map_err(|e| format!("cannot write {}: {e}", self.shown))
    }
}

#[derive(Debug)]
struct Options {
    import: Option<File>,
    snapshot: File,
    spec: File,
    mode: Mode,
}

/// Runs `cargo xtask sync-iana` with the arguments after `sync-iana`.
pub fn run(args: Vec<String>) -> ExitCode {
    let options = match crate::options_or_exit(parse_args(args), USAGE) {
        Ok(options) => options,
        Err(exit) => return exit,
    };
    match execute(&options) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// The options, or `None` for `--help`.
fn parse_args(args: Vec<String>) -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut import = None;
    let mut snapshot = None;
    let mut spec = None;
    let mut mode = Mode::Report;
    let bad = |e: lexopt::Error| e.to_string();
    while let Some(arg) = parser.next().map_err(bad)? {
        match arg {
            Long("import") => import = Some(File::given(parser.value().map_err(bad)?.into())),
            Long("snapshot") => snapshot = Some(File::given(parser.value().map_err(bad)?.into())),
            Long("spec") => spec = Some(File::given(parser.value().map_err(bad)?.into())),
            Long("check") | Long("write") if mode != Mode::Report => {
                return Err("--check and --write exclude each other".to_owned());
            }
            Long("check") => mode = Mode::Check,
            Long("write") => mode = Mode::Write,
            Short('h') | Long("help") => return Ok(None),
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(Some(Options {
        import,
        snapshot: snapshot.unwrap_or_else(|| File::default(DEFAULT_SNAPSHOT)),
        spec: spec.unwrap_or_else(|| File::default(DEFAULT_SPEC)),
        mode,
    }))
}

fn execute(options: &Options) -> Result<ExitCode, String> {
    let snapshot = match &options.import {
        Some(import) => {
            let snapshot = snapshot::parse(&import.shown, &import.read()?)?;
            options.snapshot.write(&snapshot::to_csv(&snapshot))?;
            let updated =
                snapshot.updated.as_deref().map(|d| format!(", IANA updated {d}")).unwrap_or_default();
            println!(
                "sync-iana: wrote {} from {} ({} codes{updated})",
                options.snapshot.shown,
                import.shown,
                snapshot.codes.len()
            );
            if options.mode == Mode::Report {
                return Ok(ExitCode::SUCCESS);
            }
            println!();
            snapshot
        }
        None => read_snapshot(&options.snapshot)?,
    };
    let source = options.spec.read()?;
    let entries = read_spec_entries(&options.spec.shown, &source)?;
    let findings = compare(&entries, &snapshot);
    let write_command = write_command(options);
    let subject = Subject {
        spec_path: &options.spec.shown,
        entries: &entries,
        snapshot_path: &options.snapshot.shown,
        snapshot: &snapshot,
        write_command: &write_command,
    };
    print!("{}", report(&subject, &findings));
    match options.mode {
        Mode::Report => Ok(ExitCode::SUCCESS),
        Mode::Check if findings.is_empty() => Ok(ExitCode::SUCCESS),
        Mode::Check => Ok(ExitCode::from(1)),
        Mode::Write => {
            if !findings.iter().any(compare::Finding::fixed_by_write) {
                println!("\nNothing for --write to change in {}.", options.spec.shown);
                return Ok(ExitCode::SUCCESS);
            }
            let (written, changes) = edit::apply(&source, &entries, &findings)
                .map_err(|e| format!("{}: cannot edit the spec: {e}", options.spec.shown))?;
            // The edited spec must still be a valid spec before it replaces the old one.
            read_spec_entries(&options.spec.shown, &written).map_err(|e| {
                format!(
                    "--write left {} unchanged, as the edit would make it invalid:\n{e}",
                    options.spec.shown
                )
            })?;
            options.spec.write(&written)?;
            println!("\nWrote {}:", options.spec.shown);
            for change in &changes.done {
                println!("  {change}");
            }
            for note in &changes.notes {
                println!("note: {note}");
            }
            if options.spec.shown == DEFAULT_SPEC {
                println!(
                    "\nThen run `cargo xtask generate`: it rewrites the files made from {DEFAULT_SPEC} \
                     (codegen/iana.toml, runtime/src/iana/, docs/, the README's table)."
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `cargo xtask sync-iana --write` with the files of this run, for the report to suggest.
fn write_command(options: &Options) -> String {
    let mut command = "cargo xtask sync-iana".to_owned();
    let mut file = |flag: &str, file: &File, default: &str| {
        if file.shown != default {
            command.push_str(&format!(" {flag} {}", shell_word(&file.shown)));
        }
    };
    file("--snapshot", &options.snapshot, DEFAULT_SNAPSHOT);
    file("--spec", &options.spec, DEFAULT_SPEC);
    command + " --write"
}

/// A path as a shell reads it back: quoted when it holds anything but plain characters.
fn shell_word(word: &str) -> String {
    if word.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+:=@%,".contains(c)) && !word.is_empty() {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

fn read_snapshot(file: &File) -> Result<Snapshot, String> {
    let text = file.read().map_err(|e| {
        if file.path.exists() {
            e
        } else {
            format!("{e}\n(write the snapshot first: cargo xtask sync-iana --import sip-parameters.xml)")
        }
    })?;
    snapshot::parse(&file.shown, &text)
}

/// The spec's entries, read by the macro's own parser; every problem at once otherwise.
fn read_spec_entries(shown: &str, source: &str) -> Result<Vec<CodeEntry>, String> {
    // Only the codes, read and merged: `--write` restores codes a spec lost, so neither the
    // codes `interpret` needs nor the `[[q850]]` rows' targets may be required here.
    let (spec, mut diagnostics) = sip_codes_codegen::read_spec(0, &shown.into(), source);
    let entries = sip_codes_codegen::merge(vec![spec.codes], &mut diagnostics);
    if diagnostics.is_empty() {
        return Ok(entries);
    }
    Err(format!("the spec has problems:\n{}", diagnostics.report().join("\n")))
}
