//! `cargo xtask sync-iana`: keeps the specs of SIP's code tables equal to IANA's registries:
//! `specs/iana.toml` (the response codes) and `specs/<table>.toml` for every table of
//! [`TABLE_KINDS`] that has an IANA registry and a spec.
//!
//! The project keeps each registry as `specs/iana/<registry>.csv` (`sip-parameters-7.csv` for
//! the response codes, in IANA's CSV layout); `--import FILE` writes them from a file
//! downloaded from IANA (the full `sip-parameters.xml`, or one registry's CSV export).
//! Without `--import`, the command compares every spec with its registry and prints a
//! report per table; `--check` makes drift an error and `--write` edits the specs to match.
//!
//! The specs are read by `sip-codes-codegen`, the parser the macro uses.
//!
//! Exit status: 0 in sync (or written), 1 on drift with `--check`, 2 on bad input.

mod compare;
mod edit;
pub mod snapshot;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sip_codes_codegen::kind::{RESPONSE_CODES, TABLE_KINDS, TableKind};
use sip_codes_codegen::{CodeEntry, ValueEntry};

use compare::{Subject, TableSubject, compare, compare_values, report, report_values};
use snapshot::{Snapshot, TableRegistry};

use crate::codegen::table_spec;
use crate::workspace_root;

const USAGE: &str =
    "usage: cargo xtask sync-iana [--snapshot FILE] [--table ID | --spec FILE] [--check | --write]
       cargo xtask sync-iana --import FILE [--snapshot FILE] [--check | --write]

Compares the spec of each of SIP's code tables (specs/iana.toml for the response codes,
specs/<table>.toml for the others) with the project's snapshot of its IANA registry and
reports every difference, table by table.

options:
  --import FILE    write the snapshot from IANA's sip-parameters.xml (every registry) or one
                   registry's CSV (download from https://www.iana.org/assignments/sip-parameters/)
  --snapshot FILE  compare with (or import into) this snapshot: IANA's XML holds every table;
                   a CSV holds the table whose registry names the file (sip-parameters-5.csv),
                   else the response codes [default: specs/iana/<registry>.csv for each table]
  --table ID       only this table (warning-codes, option-tags, ...); with --write, creates
                   its spec when there is none
  --spec FILE      only this spec, of the table its [registry] names [default: each table's]
  --check          exit with status 1 when a spec differs from the snapshot
  --write          edit the specs to match: add missing values, update phrases, texts,
                   deprecation and references, keeping comments, descriptions and key order
  -h, --help       print this help

exit status: 0 in sync (or written), 1 drift with --check, 2 bad input";

/// Where the project keeps its snapshot, one CSV per registry, relative to the workspace root.
const SNAPSHOT_DIR: &str = "specs/iana";
/// The spec kept equal to the response-code registry, relative to the workspace root.
const RESPONSE_SPEC: &str = "specs/iana.toml";

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
    snapshot: Option<File>,
    spec: Option<File>,
    table: Option<&'static TableKind>,
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
    let mut options = Options { import: None, snapshot: None, spec: None, table: None, mode: Mode::Report };
    let bad = |e: lexopt::Error| e.to_string();
    while let Some(arg) = parser.next().map_err(bad)? {
        match arg {
            Long("import") => options.import = Some(File::given(parser.value().map_err(bad)?.into())),
            Long("snapshot") => options.snapshot = Some(File::given(parser.value().map_err(bad)?.into())),
            Long("spec") => options.spec = Some(File::given(parser.value().map_err(bad)?.into())),
            Long("table") => {
                let id = parser.value().map_err(bad)?.string().map_err(bad)?;
                options.table = Some(registered_kind(&id)?);
            }
            Long("check") | Long("write") if options.mode != Mode::Report => {
                return Err("--check and --write exclude each other".to_owned());
            }
            Long("check") => options.mode = Mode::Check,
            Long("write") => options.mode = Mode::Write,
            Short('h') | Long("help") => return Ok(None),
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(Some(options))
}

/// The table `id` names, if IANA keeps a registry of it.
fn registered_kind(id: &str) -> Result<&'static TableKind, String> {
    let ids: Vec<&str> = TABLE_KINDS.iter().filter(|k| k.registry.is_some()).map(|k| k.id).collect();
    match TableKind::named(id) {
        Some(kind) if kind.registry.is_some() => Ok(kind),
        Some(kind) => Err(format!(
            "{} have no IANA registry to compare with; the tables: {}",
            kind.title,
            ids.join(", ")
        )),
        None => Err(format!("unknown table `{id}`; the tables: {}", ids.join(", "))),
    }
}

/// The registry id of a table that has one.
fn registry_id(kind: &TableKind) -> &'static str {
    kind.registry.expect("only tables with an IANA registry are compared")
}

/// The table a CSV snapshot holds: the one whose registry names the file
/// (`sip-parameters-5.csv`), else the response codes, whose CSV the project kept first.
fn csv_kind(path: &Path) -> &'static TableKind {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    TABLE_KINDS.iter().find(|k| k.registry == Some(stem)).unwrap_or(&TABLE_KINDS[0])
}

/// The project's CSV of a registry.
fn default_csv(kind: &TableKind) -> File {
    File::default(&format!("{SNAPSHOT_DIR}/{}.csv", registry_id(kind)))
}

/// The spec a table is kept in, by default.
fn default_spec(kind: &TableKind) -> File {
    if kind.id == RESPONSE_CODES { File::default(RESPONSE_SPEC) } else { File::default(&table_spec(kind)) }
}

/// Where the registries come from.
enum Source {
    /// The project's CSVs, one per registry.
    Project,
    /// IANA's XML, every registry.
    Xml { shown: String, text: String },
    /// One CSV, of one table.
    Csv { file: File, kind: &'static TableKind },
}

impl Source {
    fn new(snapshot: Option<&File>) -> Result<Source, String> {
        let Some(file) = snapshot else { return Ok(Source::Project) };
        let text = read_snapshot(file)?;
        Ok(if is_xml(&text) {
            Source::Xml { shown: file.shown.clone(), text }
        } else {
            Source::Csv { file: file.clone(), kind: csv_kind(&file.path) }
        })
    }

    /// The file a table's registry is read from: how it is shown, and its text.
    fn file_of(&self, kind: &'static TableKind) -> Result<(String, Cow<'_, str>), String> {
        let file = match self {
            Source::Xml { shown, text } => return Ok((shown.clone(), Cow::Borrowed(text))),
            Source::Project => default_csv(kind),
            Source::Csv { file, kind: held } if held.id == kind.id => file.clone(),
            Source::Csv { file, kind: held } => {
                return Err(format!(
                    "{} holds {}, not {}",
                    file.shown,
                    held.title.to_lowercase(),
                    kind.title.to_lowercase()
                ));
            }
        };
        Ok((file.shown.clone(), Cow::Owned(read_snapshot(&file)?)))
    }

    fn response_codes(&self) -> Result<(String, Snapshot), String> {
        let (shown, text) = self.file_of(&TABLE_KINDS[0])?;
        let snapshot = snapshot::parse(&shown, &text)?;
        Ok((shown, snapshot))
    }

    fn table(&self, kind: &'static TableKind) -> Result<(String, Option<TableRegistry>), String> {
        let (shown, text) = self.file_of(kind)?;
        let registry = snapshot::parse_table(&shown, &text, kind)?;
        Ok((shown, registry))
    }
}

/// One table to compare, and its spec.
struct Selected {
    kind: &'static TableKind,
    spec: File,
}

/// The tables this run compares, and the tables with a registry but no spec it leaves out.
fn selected(options: &Options, source: &Source) -> Result<(Vec<Selected>, Vec<&'static TableKind>), String> {
    if let (Some(spec), Some(kind)) = (&options.spec, options.table)
        && !spec.path.exists()
    {
        // --write creates it.
        return Ok((vec![Selected { kind, spec: spec.clone() }], Vec::new()));
    }
    if let Some(spec) = &options.spec {
        let text = spec.read()?;
        let (file, _) = sip_codes_codegen::read_spec(0, &spec.shown.as_str().into(), &text);
        let kind = file.kind.map_or(&TABLE_KINDS[0], |(kind, _)| kind);
        if kind.registry.is_none() {
            return Err(format!("{}: {} have no IANA registry to compare with", spec.shown, kind.title));
        }
        if let Some(table) = options.table.filter(|t| t.id != kind.id) {
            return Err(format!(
                "{} holds {}, not {}",
                spec.shown,
                kind.title.to_lowercase(),
                table.title.to_lowercase()
            ));
        }
        return Ok((vec![Selected { kind, spec: spec.clone() }], Vec::new()));
    }
    let only = match (options.table, source) {
        (Some(kind), _) => Some(kind),
        (None, Source::Csv { kind, .. }) => Some(*kind),
        _ => None,
    };
    if let Some(kind) = only {
        return Ok((vec![Selected { kind, spec: default_spec(kind) }], Vec::new()));
    }
    let mut tables = Vec::new();
    let mut without_spec = Vec::new();
    for kind in TABLE_KINDS.iter().filter(|k| k.registry.is_some()) {
        let spec = default_spec(kind);
        if spec.path.is_file() {
            tables.push(Selected { kind, spec });
        } else {
            without_spec.push(kind);
        }
    }
    Ok((tables, without_spec))
}

fn execute(options: &Options) -> Result<ExitCode, String> {
    if let Some(import) = &options.import {
        import_snapshot(import, options.snapshot.as_ref())?;
        if options.mode == Mode::Report {
            return Ok(ExitCode::SUCCESS);
        }
        println!();
    }
    let source = Source::new(options.snapshot.as_ref())?;
    let (tables, without_spec) = selected(options, &source)?;
    let write_command = write_command(options);
    let mut drifted = Vec::new();
    let mut written = Vec::new();
    for (index, table) in tables.iter().enumerate() {
        if index > 0 {
            println!();
        }
        println!("== {} (IANA {}) ==", table.kind.title, registry_id(table.kind));
        let outcome = if table.kind.id == RESPONSE_CODES {
            sync_response_codes(options, &source, &table.spec, &write_command)?
        } else {
            sync_table(options, &source, table, &write_command)?
        };
        match outcome {
            Outcome::InSync => {}
            Outcome::Drift => drifted.push(table.kind.title),
            Outcome::Written => written.push(table.spec.shown.clone()),
        }
    }
    if tables.len() > 1 && options.mode != Mode::Write {
        match drifted.len() {
            0 => println!("\nAll {} tables are in sync with IANA.", tables.len()),
            n => println!("\nDrift in {n} of {} tables: {}.", tables.len(), drifted.join(", ")),
        }
    }
    for kind in without_spec {
        println!(
            "Not compared, no spec: {} ({}); `cargo xtask sync-iana --table {} --write` creates {}",
            kind.title,
            registry_id(kind),
            kind.id,
            table_spec(kind)
        );
    }
    if !written.is_empty() {
        println!(
            "\nThen run `cargo xtask generate`: it rewrites every file made from {} \
             (runtime/src/iana/ and the rest).",
            written.join(", ")
        );
    }
    Ok(if options.mode == Mode::Check && !drifted.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// What comparing one table came to.
enum Outcome {
    InSync,
    Drift,
    Written,
}

/// `--import`: IANA's XML into every registry's CSV, or one CSV into one; into `snapshot`
/// when given (one table: the registry that names it, else the response codes).
fn import_snapshot(import: &File, snapshot: Option<&File>) -> Result<(), String> {
    let text = import.read()?;
    let kinds: Vec<&'static TableKind> = match snapshot {
        Some(file) => vec![csv_kind(&file.path)],
        None if is_xml(&text) => TABLE_KINDS.iter().filter(|k| k.registry.is_some()).collect(),
        None => vec![csv_kind(&import.path)],
    };
    // Everything is read before anything is written, so a bad file leaves the snapshot alone.
    let mut files = Vec::new();
    for kind in kinds {
        let out = snapshot.cloned().unwrap_or_else(|| default_csv(kind));
        if kind.id == RESPONSE_CODES {
            let registry = snapshot::parse(&import.shown, &text)?;
            let updated =
                registry.updated.as_deref().map(|d| format!(", IANA updated {d}")).unwrap_or_default();
            let summary = format!("{} codes{updated}", registry.codes.len());
            files.push((out, snapshot::to_csv(&registry), summary));
        } else if let Some(registry) = snapshot::parse_table(&import.shown, &text, kind)? {
            let updated =
                registry.updated.as_deref().map(|d| format!(", IANA updated {d}")).unwrap_or_default();
            let summary = format!("{} values{updated}", registry.records.len());
            files.push((out, snapshot::table_to_csv(&registry), summary));
        } else {
            println!(
                "sync-iana: {} has no {} registry ({}); {} stays as it is",
                import.shown,
                kind.title,
                registry_id(kind),
                out.shown
            );
        }
    }
    for (out, csv, summary) in files {
        out.write(&csv)?;
        println!("sync-iana: wrote {} from {} ({summary})", out.shown, import.shown);
    }
    Ok(())
}

/// The response codes: `specs/iana.toml` against `sip-parameters-7`.
fn sync_response_codes(
    options: &Options,
    source: &Source,
    spec: &File,
    write_command: &str,
) -> Result<Outcome, String> {
    let (snapshot_path, snapshot) = source.response_codes()?;
    let text = spec.read()?;
    let entries = read_spec_entries(&spec.shown, &text)?;
    let findings = compare(&entries, &snapshot);
    let subject = Subject {
        spec_path: &spec.shown,
        entries: &entries,
        snapshot_path: &snapshot_path,
        snapshot: &snapshot,
        write_command,
    };
    print!("{}", report(&subject, &findings));
    match options.mode {
        Mode::Report | Mode::Check if findings.is_empty() => Ok(Outcome::InSync),
        Mode::Report | Mode::Check => Ok(Outcome::Drift),
        Mode::Write => {
            if !findings.iter().any(compare::Finding::fixed_by_write) {
                println!("\nNothing for --write to change in {}.", spec.shown);
                return Ok(Outcome::InSync);
            }
            let (written, changes) = edit::apply(&text, &entries, &findings)
                .map_err(|e| format!("{}: cannot edit the spec: {e}", spec.shown))?;
            // The edited spec must still be a valid spec before it replaces the old one.
            read_spec_entries(&spec.shown, &written).map_err(|e| {
                format!("--write left {} unchanged, as the edit would make it invalid:\n{e}", spec.shown)
            })?;
            spec.write(&written)?;
            print_changes(spec, &changes);
            Ok(Outcome::Written)
        }
    }
}

/// Another table: `specs/<table>.toml` against its registry.
fn sync_table(
    options: &Options,
    source: &Source,
    table: &Selected,
    write_command: &str,
) -> Result<Outcome, String> {
    let kind = table.kind;
    let spec = &table.spec;
    let (snapshot_path, registry) = source.table(kind)?;
    let exists = spec.path.exists();
    let text = if exists { spec.read()? } else { new_spec(kind, registry.as_ref()) };
    let entries = if exists { read_values(&spec.shown, &text)? } else { Vec::new() };
    let empty = TableRegistry { kind, title: None, updated: None, records: Vec::new() };
    let findings = compare_values(&entries, registry.as_ref().unwrap_or(&empty));
    let shown = if exists { spec.shown.clone() } else { format!("{} (no such file)", spec.shown) };
    let subject = TableSubject {
        spec_path: &shown,
        entries: &entries,
        snapshot_path: &snapshot_path,
        registry: registry.as_ref(),
        write_command,
    };
    print!("{}", report_values(&subject, &findings));
    match (options.mode, &registry) {
        (Mode::Report | Mode::Check, _) if findings.is_empty() => Ok(Outcome::InSync),
        (Mode::Report | Mode::Check, _) => Ok(Outcome::Drift),
        (Mode::Write, None) => {
            println!("\n--write leaves {} as it is: the snapshot has no registry to follow.", spec.shown);
            Ok(Outcome::InSync)
        }
        (Mode::Write, Some(_)) if findings.is_empty() => {
            println!("\nNothing for --write to change in {}.", spec.shown);
            Ok(Outcome::InSync)
        }
        (Mode::Write, Some(registry)) => {
            let (written, changes) = edit::apply_values(&text, kind, &entries, &registry.records, &findings)
                .map_err(|e| format!("{}: cannot edit the spec: {e}", spec.shown))?;
            read_values(&spec.shown, &written).map_err(|e| {
                format!("--write left {} unchanged, as the edit would make it invalid:\n{e}", spec.shown)
            })?;
            spec.write(&written)?;
            print_changes(spec, &changes);
            Ok(Outcome::Written)
        }
    }
}

fn print_changes(spec: &File, changes: &edit::Changes) {
    println!("\nWrote {}:", spec.shown);
    for change in &changes.done {
        println!("  {change}");
    }
    for note in &changes.notes {
        println!("note: {note}");
    }
}

/// The start of a spec `--write` creates for a table that has none: a header in the words
/// of the other specs and the `[registry]` table; the values follow.
fn new_spec(kind: &TableKind, registry: Option<&TableRegistry>) -> String {
    let id = registry_id(kind);
    let name = format!("IANA SIP {}", registry.and_then(|r| r.title.as_deref()).unwrap_or(kind.title));
    let updated = registry
        .and_then(|r| r.updated.as_deref())
        .map(|d| format!("updated = \"{d}\"\n"))
        .unwrap_or_default();
    format!(
        "# {name}: one of SIP's code tables, read by `sip_codes!` and by `cargo xtask generate`,\n\
         # which writes `sip_codes::iana`'s type for it. {} carry one ({}).\n\
         # `cargo xtask sync-iana` keeps the values, texts and references in line with IANA's registry;\n\
         # the descriptions are the project's own words (specs/README.md).\n\n\
         [registry]\n\
         table = \"{}\"\n\
         name = \"{name}\"\n\
         source = \"https://www.iana.org/assignments/sip-parameters/sip-parameters.xhtml#{id}\"\n\
         {updated}",
        kind.carried_in, kind.defined_in, kind.id
    )
}

/// The values of a table's spec, read with every check the macro makes.
fn read_values(shown: &str, text: &str) -> Result<Vec<ValueEntry>, String> {
    sip_codes_codegen::load_spec(shown, text)
        .map(|model| model.values)
        .map_err(|problems| format!("the spec has problems:\n{}", problems.join("\n")))
}

/// `cargo xtask sync-iana --write` with the files of this run, for the report to suggest.
fn write_command(options: &Options) -> String {
    let mut command = "cargo xtask sync-iana".to_owned();
    for (flag, file) in [("--snapshot", &options.snapshot), ("--spec", &options.spec)] {
        if let Some(file) = file {
            command.push_str(&format!(" {flag} {}", shell_word(&file.shown)));
        }
    }
    if let Some(kind) = options.table {
        command.push_str(&format!(" --table {}", kind.id));
    }
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

fn read_snapshot(file: &File) -> Result<String, String> {
    file.read().map_err(|e| {
        if file.path.exists() {
            e
        } else {
            format!("{e}\n(write the snapshot first: cargo xtask sync-iana --import sip-parameters.xml)")
        }
    })
}

/// Whether a snapshot's text is IANA's XML rather than a CSV.
fn is_xml(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim_start().starts_with('<')
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
