//! `cargo xtask docs`: the files made from the one spec through the one parser.
//!
//! Writes `docs/CODES.md`, the code table in `README.md` (between `<!-- codes:start -->` and
//! `<!-- codes:end -->`), `docs/index.html`, and `codegen/iana.toml`, the copy of the spec
//! the codegen package ships (a copy, not a symlink: symlinks break Windows checkouts).
//! With `--check` it writes nothing and fails when a file differs from what it would write.
//! Under `cargo test`, `xtask/tests/docs.rs` checks every file with
//! [`crate::ensure_file_contents`].

mod flows;
mod html;
mod markdown;
mod notes;

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use sip_codes::Class;
use sip_codes_codegen::spec::CauseEntry;
use sip_codes_codegen::{CodeEntry, Registry, load_spec, reference_url};

use notes::{Notes, SearchRules};

/// The spec the reference is generated from, relative to the workspace root.
const SPEC: &str = "specs/iana.toml";
/// The file whose code table lies between [`START_MARKER`] and [`END_MARKER`].
const README: &str = "README.md";
const START_MARKER: &str = "<!-- codes:start -->";
const END_MARKER: &str = "<!-- codes:end -->";
/// The copy of [`SPEC`] that `sip-codes-codegen` embeds and packages as `#[spec = iana]`.
const CODEGEN_COPY: &str = "codegen/iana.toml";
/// The command that writes every file of [`generated_files`], which each file names.
const COMMAND: &str = "cargo xtask docs";

const USAGE: &str = "usage: cargo xtask docs [--check] [--root DIR]

Regenerates docs/CODES.md, the code table in README.md, docs/index.html and
codegen/iana.toml (the spec's copy the codegen package ships) from specs/iana.toml;
the page also shows specs/notes.toml and applies specs/search.toml.

options:
  --check     write nothing; exit 1 if a generated file is stale
  --root DIR  the workspace to work in (default: the one holding this xtask)

exit status: 0 done or up to date, 1 stale (with --check), 2 bad input";

/// Runs `cargo xtask docs` with the arguments after `docs`.
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
    if options.check { check(&options.root, &files) } else { write(&options.root, &files) }
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
        let root = root.unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join(".."));
        Ok(Some(Options { check, root }))
    }
}

/// One generated file and what it must hold.
#[derive(Clone, Debug)]
pub struct GeneratedFile {
    /// Relative to the workspace root, `/`-separated.
    pub path: &'static str,
    /// What the file must hold.
    pub contents: String,
    /// The command that writes it, for messages: `cargo xtask docs`.
    pub command: &'static str,
}

/// Every file made from the spec: reads the spec and README under `root` (the workspace
/// root) and renders each file as `cargo xtask docs` writes it. An error says what to fix.
pub fn generated_files(root: &Path) -> Result<Vec<GeneratedFile>, String> {
    let spec_path = root.join(SPEC);
    let spec = std::fs::read_to_string(&spec_path)
        .map_err(|e| format!("cannot read {}: {e}", spec_path.display()))?;
    let read = |path: &str| {
        let full = root.join(path);
        std::fs::read_to_string(&full).map_err(|e| format!("cannot read {}: {e}", full.display()))
    };
    let mut reference = Reference::parse(&spec)?;
    reference.notes = Notes::parse(&read(notes::NOTES)?)?;
    reference.rules = SearchRules::parse(&read(notes::SEARCH)?)?;
    let readme_path = root.join(README);
    let readme = std::fs::read_to_string(&readme_path)
        .map_err(|e| format!("cannot read {}: {e}", readme_path.display()))?;
    let readme = splice_readme(&readme, &markdown::readme_table(&reference))?;
    let file = |path, contents| GeneratedFile { path, contents, command: COMMAND };
    Ok(vec![
        file("docs/CODES.md", markdown::codes_page(&reference)),
        file(README, readme),
        file("docs/index.html", html::page(&reference)),
        // Verbatim, so `<sip-codes bundled iana.toml>:547:8` in a message is line 547 here too.
        file(CODEGEN_COPY, spec),
    ])
}

/// Exit 1 and name each file of `files` that differs from what its command would write, with
/// that command; write nothing.
pub(crate) fn check(root: &Path, files: &[GeneratedFile]) -> ExitCode {
    let mut stale = 0;
    for file in files {
        let current = std::fs::read_to_string(root.join(file.path)).ok();
        match current {
            Some(current) if current == file.contents => {}
            Some(current) => {
                stale += 1;
                let line = crate::first_difference(&current, &file.contents);
                eprintln!("{} is stale (first difference on line {line}): run `{}`", file.path, file.command);
            }
            None => {
                stale += 1;
                eprintln!("{} is missing: run `{}`", file.path, file.command);
            }
        }
    }
    if stale == 0 {
        println!("generated files are up to date ({})", paths(files));
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Writes each file of `files` that differs from its contents.
pub(crate) fn write(root: &Path, files: &[GeneratedFile]) -> ExitCode {
    for file in files {
        let path = root.join(file.path);
        if std::fs::read_to_string(&path).is_ok_and(|current| current == file.contents) {
            println!("{} is up to date", file.path);
            continue;
        }
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, &file.contents));
        match written {
            Ok(()) => println!("wrote {}", file.path),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}

fn paths(files: &[GeneratedFile]) -> String {
    files.iter().map(|f| f.path).collect::<Vec<_>>().join(", ")
}

/// Replaces what lies between the README's code-table markers with `table`.
fn splice_readme(readme: &str, table: &str) -> Result<String, String> {
    let missing = |marker: &str| {
        format!(
            "{README} has no `{marker}` line; the code table goes between `{START_MARKER}` and \
             `{END_MARKER}`, each on a line of its own"
        )
    };
    let start = readme.find(START_MARKER).ok_or_else(|| missing(START_MARKER))? + START_MARKER.len();
    let end = start + readme[start..].find(END_MARKER).ok_or_else(|| missing(END_MARKER))?;
    if readme[end..].contains(START_MARKER) || readme[..start - START_MARKER.len()].contains(END_MARKER) {
        return Err(format!(
            "{README} must hold `{START_MARKER}` and `{END_MARKER}` once each, in that order"
        ));
    }
    Ok(format!("{}\n{table}{}", &readme[..start], &readme[end..]))
}

/// The spec as the generated files show it: every code, in code order, with the notes and
/// search rules the page adds.
struct Reference {
    registry: Registry,
    codes: Vec<CodeEntry>,
    /// The `[[q850]]` rows, in cause order.
    causes: Vec<CauseEntry>,
    /// Q.850 cause names, from the comments beside the spec's `cause = 17  # user busy` lines.
    cause_names: Vec<(u8, String)>,
    notes: Notes,
    rules: SearchRules,
}

impl Reference {
    /// The spec's text, as read from [`SPEC`].
    fn parse(text: &str) -> Result<Reference, String> {
        let model = load_spec(SPEC, text)
            .map_err(|problems| format!("the spec has problems; fix them first:\n{}", problems.join("\n")))?;
        Ok(Reference {
            registry: model.registry.unwrap_or_default(),
            codes: model.entries,
            causes: model.causes,
            cause_names: cause_names(text),
            notes: Notes::default(),
            rules: SearchRules { class: Vec::new(), synonym: Vec::new() },
        })
    }

    /// "user busy" for cause 17, when the spec's comment names it.
    fn cause_name(&self, cause: u8) -> Option<&str> {
        self.cause_names.iter().find(|(c, _)| *c == cause).map(|(_, name)| name.as_str())
    }

    /// The registry's name, or a plain fallback.
    fn registry_name(&self) -> &str {
        self.registry.name.as_deref().unwrap_or("SIP response codes")
    }

    /// The codes of one class, in code order.
    fn codes_of(&self, class: Class) -> impl Iterator<Item = &CodeEntry> {
        self.codes.iter().filter(move |entry| class_of(entry) == class)
    }

    fn find(&self, code: u16) -> Option<&CodeEntry> {
        self.codes.iter().find(|entry| entry.code == code)
    }

    /// "2026-08-17" style, as the spec's `[registry] updated` gives it.
    fn updated(&self) -> Option<&str> {
        self.registry.updated.as_deref()
    }
}

/// `read_spec` rejects codes outside 100..=699, so every entry has a class.
fn class_of(entry: &CodeEntry) -> Class {
    Class::from_code(entry.code).expect("read_spec keeps codes within 100..=699")
}

/// What a class means for the receiver, in one or two sentences (RFC 3261 §7.2, §21).
fn class_note(class: Class) -> &'static str {
    match class {
        Class::Provisional => {
            "Not final: the request is in progress. A 1xx stops INVITE retransmissions and is never \
             acknowledged with ACK."
        }
        Class::Success => {
            "Final: the request succeeded. A 2xx to INVITE establishes the dialog and is acknowledged \
             end to end."
        }
        Class::Redirection => "Final: retry elsewhere; the `Contact` header lists where.",
        Class::ClientError => {
            "Final: the request failed at this server. It may succeed if changed or sent elsewhere; \
             a 4xx ends only its own branch of a forked request."
        }
        Class::ServerError => {
            "Final: this server failed to fulfil a valid request; another server may succeed."
        }
        Class::GlobalFailure => {
            "Final: the request will fail everywhere. A forking proxy cancels every other branch."
        }
    }
}

/// The names the spec's comments give Q.850 causes: `cause = 17            # user busy`.
fn cause_names(spec: &str) -> Vec<(u8, String)> {
    spec.lines()
        .filter_map(|line| {
            let (value, comment) = line.strip_prefix("cause = ")?.split_once('#')?;
            Some((value.trim().parse().ok()?, comment.trim().to_owned()))
        })
        .collect()
}

/// How the unknown-code rule reads, for the pages' introductions.
fn unknown_code_rule(reference: &Reference) -> String {
    let phrase = |code: u16| reference.find(code).map_or(String::new(), |entry| format!(" {}", entry.reason));
    format!(
        "A code a stack does not know follows RFC 3261 §8.1.3.2: an unrecognized final response \
         counts as the x00 of its class (477 behaves as 400{}), and an unrecognized provisional \
         response other than 100 as 183{}.",
        phrase(400),
        phrase(183),
    )
}

/// A reference as a link target: "RFC 3261" and its URL, if it names an RFC or a draft.
struct Link {
    title: String,
    url: Option<String>,
}

impl Link {
    fn of(reference: &str) -> Link {
        Link { title: sip_codes_codegen::reference_title(reference), url: reference_url(reference) }
    }
}

impl fmt::Display for Link {
    /// As Markdown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.url {
            Some(url) => write!(f, "[{}]({url})", markdown::escape(&self.title)),
            None => f.write_str(&markdown::escape(&self.title)),
        }
    }
}

/// Links each "RFC 3262" mention in a Markdown description to the RFC, unless it already
/// sits in a link or a code span, so both the Markdown and the HTML reference link them.
fn link_rfc_mentions(description: &str) -> String {
    let mut out = String::with_capacity(description.len());
    let mut copied = 0;
    let mut links = 0usize;
    for (event, range) in Parser::new(description).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. }) => links += 1,
            Event::End(TagEnd::Link) => links = links.saturating_sub(1),
            Event::Text(_) if links == 0 => {
                for mention in rfc_mentions(&description[range.clone()]) {
                    let mention = range.start + mention.start..range.start + mention.end;
                    let text = &description[mention.clone()];
                    let Some(url) = reference_url(text) else { continue };
                    out.push_str(&description[copied..mention.start]);
                    out.push_str(&format!("[{text}]({url})"));
                    copied = mention.end;
                }
            }
            _ => {}
        }
    }
    out.push_str(&description[copied..]);
    out
}

/// Byte ranges of "RFC 3262" or "RFC3262" standing as words in `text`.
fn rfc_mentions(text: &str) -> Vec<std::ops::Range<usize>> {
    let bytes = text.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("RFC").map(|i| from + i) {
        from = at + 3;
        if at > 0 && is_word(bytes[at - 1]) {
            continue;
        }
        let mut end = at + 3;
        if bytes.get(end) == Some(&b' ') {
            end += 1;
        }
        let digits = bytes[end..].iter().take_while(|b| b.is_ascii_digit()).count();
        end += digits;
        if digits == 0 || bytes.get(end).is_some_and(|b| is_word(*b)) {
            continue;
        }
        found.push(at..end);
        from = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_rfc_mentions_outside_code_and_links() {
        let linked = link_rfc_mentions(
            "With `100rel` (RFC 3262) or RFC3311, not `RFC 4028` nor [RFC 6665](x) nor RFCs nor XRFC 1.",
        );
        assert_eq!(
            linked,
            "With `100rel` ([RFC 3262](https://www.rfc-editor.org/rfc/rfc3262)) or \
             [RFC3311](https://www.rfc-editor.org/rfc/rfc3311), not `RFC 4028` nor [RFC 6665](x) nor RFCs nor XRFC 1."
        );
    }

    #[test]
    fn splices_between_markers_only() {
        let readme = "# T\n\n<!-- codes:start -->\nold\n<!-- codes:end -->\n\nrest\n";
        assert_eq!(
            splice_readme(readme, "new\n").unwrap(),
            "# T\n\n<!-- codes:start -->\nnew\n<!-- codes:end -->\n\nrest\n"
        );
        let error = splice_readme("# T\n<!-- codes:start -->\n", "new\n").unwrap_err();
        assert!(error.contains("has no `<!-- codes:end -->` line"), "{error}");
        let error =
            splice_readme("<!-- codes:end -->\n<!-- codes:start -->\n<!-- codes:end -->\n", "").unwrap_err();
        assert!(error.contains("once each, in that order"), "{error}");
    }

    #[test]
    fn cause_names_come_from_the_spec_comments() {
        let names = cause_names("[[q850]]\ncause = 17            # user busy\nrfc3398 = 486\ncause = 2\n");
        assert_eq!(names, [(17, "user busy".to_owned())]);
    }
}
