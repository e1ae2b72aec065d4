//! `cargo xtask generate`: every generated file, in one run, in dependency order.
//!
//! 1. `codegen/iana.toml`, the copy of `specs/iana.toml` the codegen package ships and
//!    `#[spec = iana]` reads (a copy, not a symlink: symlinks break Windows checkouts);
//! 2. `runtime/src/iana/response_codes.rs`, the spec's expansion as Rust source, each other
//!    table's module beside it from its spec (`specs/warning-codes.toml` and the rest), and
//!    `runtime/src/iana.rs`, which declares them ([`crate::codegen`]);
//! 3. `cli/src/data.rs`, the CLI's notes and search rules ([`crate::notes`]);
//! 4. each published package's copies of `LICENSE-MIT` and `LICENSE-APACHE`;
//! 5. `docs/CODES.md`, `docs/index.html` and the code table in `README.md`.
//!
//! The page shows each code's facts through `sip_codes::iana::StatusCode`'s methods, which
//! this binary was compiled with. So when step 2 changes a module of `sip_codes::iana`, the command
//! hands over to a fresh build of itself (`cargo run -p xtask -- generate`) for the rest: one
//! run is always enough, and a second one changes nothing. With `--check` it writes nothing
//! and fails, showing the first differing line, when a committed file differs; CI runs that,
//! and `xtask/tests/generate.rs` checks every file under `cargo test`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use crate::codegen::{
    IANA_INDEX, IANA_MODULE, iana_index, iana_module, table_module, table_module_path, table_spec, tables,
};
use crate::docs::{self, Q850_SPEC, README, Reference, SPEC};
use crate::notes::{self, CLI_DATA, Notes, SearchRules};

/// The command that writes every generated file, which each file names.
pub const COMMAND: &str = "cargo xtask generate";

/// The copy of [`SPEC`] that `sip-codes-codegen` embeds and packages as `#[spec = iana]`.
const CODEGEN_COPY: &str = "codegen/iana.toml";

/// The copy of the Q.850 causes' spec the codegen package ships for `#[spec = iana]`.
const CODEGEN_Q850_COPY: &str = "codegen/q850-causes.toml";

/// The licence texts at the root, and the copy each published package ships.
const LICENSES: [(&str, &[&str]); 2] = [
    ("LICENSE-MIT", &["runtime/LICENSE-MIT", "macros/LICENSE-MIT", "codegen/LICENSE-MIT", "cli/LICENSE-MIT"]),
    (
        "LICENSE-APACHE",
        &["runtime/LICENSE-APACHE", "macros/LICENSE-APACHE", "codegen/LICENSE-APACHE", "cli/LICENSE-APACHE"],
    ),
];

/// What the generated files are made from, relative to the workspace root (the README is
/// also one of them: its table is replaced, the rest kept), besides the other tables' specs
/// ([`inputs`]).
pub const INPUTS: [&str; 6] = [SPEC, Q850_SPEC, notes::NOTES, notes::SEARCH, LICENSES[0].0, LICENSES[1].0];

/// [`INPUTS`] and the spec of every other table under `root`.
pub fn inputs(root: &Path) -> Vec<String> {
    let specs = tables(root).into_iter().map(table_spec);
    let mut inputs: Vec<String> = INPUTS.iter().map(|&input| input.to_owned()).collect();
    inputs.extend(specs.filter(|spec| !INPUTS.contains(&spec.as_str())));
    inputs
}

/// Set in the environment of the fresh build [`run`] hands over to.
const HANDED_OVER: &str = "SIP_CODES_GENERATE_HANDED_OVER";

const USAGE: &str = "usage: cargo xtask generate [--check] [--root DIR]

Regenerates, in this order: codegen/iana.toml (the copy of specs/iana.toml the codegen
package ships), runtime/src/iana.rs and runtime/src/iana/ (the expansions of every table's
spec under specs/), cli/src/data.rs (specs/notes.toml and
specs/search.toml as data), each package's LICENSE-MIT and LICENSE-APACHE, docs/CODES.md,
docs/index.html and the code table in README.md.

options:
  --check     write nothing; exit 1 and show the first difference if a file is stale
  --root DIR  the workspace to work in (default: the one holding this xtask)

exit status: 0 done or up to date, 1 stale (with --check), 2 bad input";

/// One generated file and what it must hold.
#[derive(Clone, Debug)]
pub struct GeneratedFile {
    /// Relative to the workspace root, `/`-separated.
    pub path: &'static str,
    /// What the file must hold.
    pub contents: String,
}

/// Every generated file, in the order `cargo xtask generate` writes them, from the inputs
/// under `root` (the workspace root). An error says what to fix.
///
/// The pages are rendered with the `runtime/src/iana.rs` this binary was built with; when
/// that file is stale, so may they be, and [`run`] rebuilds before writing them.
pub fn generated_files(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let read = |path: &str| {
        let full = root.join(path);
        std::fs::read_to_string(&full).map_err(|e| format!("cannot read {}: {e}", full.display()))
    };
    let spec = read(SPEC)?;
    let q850 = read(Q850_SPEC)?;
    let mut reference = Reference::parse(&spec, &q850)?;
    let registered = |code| reference.find(code).is_some();
    let notes = Notes::parse(&read(notes::NOTES)?, &registered)?;
    let mut rules = SearchRules::parse(&read(notes::SEARCH)?, &registered)?;
    rules.learn_vocabulary(reference.names());
    let causes = reference.causes();
    let mut files = vec![
        // Verbatim, so `<sip-codes bundled iana.toml>:547:8` in a message is line 547 here too.
        GeneratedFile { path: CODEGEN_COPY, contents: spec },
        GeneratedFile { path: CODEGEN_Q850_COPY, contents: q850 },
        GeneratedFile { path: IANA_MODULE, contents: iana_module(&root.join(SPEC))? },
    ];
    let tables = tables(root);
    files.push(GeneratedFile { path: IANA_INDEX, contents: iana_index(&tables) });
    for kind in &tables {
        // Leaked: a few short paths, once per run of a maintainer's command.
        let path: &'static str = Box::leak(table_module_path(kind).into_boxed_str());
        files.push(GeneratedFile { path, contents: table_module(kind, &root.join(table_spec(kind)))? });
    }
    files.push(GeneratedFile { path: CLI_DATA, contents: notes::cli_module(&notes, &rules, &causes) });
    for (license, copies) in LICENSES {
        let text = read(license)?;
        files.extend(copies.iter().map(|&path| GeneratedFile { path, contents: text.clone() }));
    }
    reference.notes = notes;
    reference.rules = rules;
    let pages = docs::pages(&reference, &read(README)?)?;
    files.extend(pages.into_iter().map(|(path, contents)| GeneratedFile { path, contents }));
    Ok(files)
}

/// Runs `cargo xtask generate` with the arguments after `generate`.
pub fn run(args: Vec<String>) -> ExitCode {
    let options = match crate::options_or_exit(Options::parse(args), USAGE) {
        Ok(options) => options,
        Err(exit) => return exit,
    };
    let files = match generated_files(&options.root) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    if options.check {
        return check(&options.root, &files);
    }
    let pages = files.iter().position(|file| file.path == "docs/CODES.md").unwrap_or(files.len());
    let written = match write(&options.root, &files[..pages]) {
        Ok(written) => written,
        Err(exit) => return exit,
    };
    if written.iter().any(|path| path.starts_with("runtime/src/iana")) {
        return hand_over(&options.root);
    }
    match write(&options.root, &files[pages..]) {
        Ok(_) => ExitCode::SUCCESS,
        Err(exit) => exit,
    }
}

/// Runs the command again in a fresh build of this xtask, which compiles the
/// `runtime/src/iana.rs` just written, for the pages that show its facts.
fn hand_over(root: &Path) -> ExitCode {
    if std::env::var_os(HANDED_OVER).is_some() {
        eprintln!("error: {IANA_MODULE} changed again in a fresh build: the generator is not deterministic");
        return ExitCode::from(2);
    }
    println!("rebuilding xtask with the new {IANA_MODULE} for the pages");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let status = Command::new(cargo)
        .args(["run", "--quiet", "--package", "xtask", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .args(["--", "generate", "--root"])
        .arg(root)
        .env(HANDED_OVER, "1")
        .status();
    match status {
        Ok(status) if status.success() => ExitCode::SUCCESS,
        Ok(status) => ExitCode::from(status.code().and_then(|code| u8::try_from(code).ok()).unwrap_or(2)),
        Err(e) => {
            eprintln!("error: cannot run cargo to rebuild xtask: {e}");
            ExitCode::from(2)
        }
    }
}

struct Options {
    check: bool,
    root: PathBuf,
}

impl Options {
    /// `Ok(None)` asks for the usage text.
    fn parse(args: Vec<String>) -> Result<Option<Options>, lexopt::Error> {
        use lexopt::prelude::*;
        let mut check = false;
        let mut root = None;
        let mut parser = lexopt::Parser::from_args(args.into_iter().map(OsString::from));
        while let Some(arg) = parser.next()? {
            match arg {
                Long("check") => check = true,
                Long("root") => root = Some(PathBuf::from(parser.value()?)),
                Long("help") | Short('h') => return Ok(None),
                _ => return Err(arg.unexpected()),
            }
        }
        let root = root.unwrap_or_else(|| crate::workspace_root().to_path_buf());
        Ok(Some(Options { check, root }))
    }
}

/// Exit 1 and name each file of `files` that differs from what the command would write,
/// with its first differing lines; write nothing.
fn check(root: &Path, files: &[GeneratedFile]) -> ExitCode {
    let mut stale = 0;
    for file in files {
        let current = std::fs::read_to_string(root.join(file.path)).ok();
        match current {
            Some(current) if current == file.contents => {}
            Some(current) => {
                stale += 1;
                let line = crate::first_difference(&current, &file.contents);
                let shown = |text: &str| text.lines().nth(line - 1).unwrap_or("(end of file)").to_owned();
                eprintln!(
                    "{} is stale (first difference on line {line}):\n  - {}\n  + {}",
                    file.path,
                    shorten(&shown(&current)),
                    shorten(&shown(&file.contents)),
                );
            }
            None => {
                stale += 1;
                eprintln!("{} is missing", file.path);
            }
        }
    }
    if stale == 0 {
        println!("{} generated files are up to date", files.len());
        ExitCode::SUCCESS
    } else {
        eprintln!("run `{COMMAND}` and commit the result");
        ExitCode::from(1)
    }
}

/// A line cut to 120 characters, for messages.
fn shorten(line: &str) -> String {
    match line.char_indices().nth(120) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line.to_owned(),
    }
}

/// Writes each file of `files` that differs from its contents; the paths written, or the
/// exit after an error.
fn write(root: &Path, files: &[GeneratedFile]) -> Result<Vec<&'static str>, ExitCode> {
    let mut written = Vec::new();
    for file in files {
        let path = root.join(file.path);
        if std::fs::read_to_string(&path).is_ok_and(|current| current == file.contents) {
            println!("{} is up to date", file.path);
            continue;
        }
        let result = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &file.contents));
        match result {
            Ok(()) => {
                println!("wrote {}", file.path);
                written.push(file.path);
            }
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                return Err(ExitCode::from(2));
            }
        }
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_for_messages() {
        assert_eq!(shorten("short"), "short");
        let long = "x".repeat(200);
        assert_eq!(shorten(&long).chars().count(), 121);
    }
}
