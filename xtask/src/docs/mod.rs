//! The pages made from the one spec through the one parser: `docs/CODES.md`, the code table
//! in `README.md` (between `<!-- codes:start -->` and `<!-- codes:end -->`) and
//! `docs/index.html`, which also shows `specs/notes.toml` and applies `specs/search.toml`.
//! `cargo xtask generate` writes them (see [`crate::generate`]).

mod flows;
mod html;
mod markdown;

use std::fmt;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use sip_codes::Class;
use sip_codes_codegen::spec::CauseEntry;
use sip_codes_codegen::{CodeEntry, Registry, reference_url};

use crate::generate::COMMAND;
use crate::notes::{Notes, SearchRules};

/// The spec the reference is generated from, relative to the workspace root.
pub(crate) const SPEC: &str = "specs/iana.toml";

/// The Q.850 causes' spec, which holds the responses the causes map to.
pub(crate) const Q850_SPEC: &str = "specs/q850-causes.toml";
/// The file whose code table lies between [`START_MARKER`] and [`END_MARKER`].
pub(crate) const README: &str = "README.md";
const START_MARKER: &str = "<!-- codes:start -->";
const END_MARKER: &str = "<!-- codes:end -->";

/// The pages, as `(path, contents)` in the order they are written: `docs/CODES.md`,
/// `docs/index.html`, then `readme` (the README's current text) with its table replaced.
pub(crate) fn pages(reference: &Reference, readme: &str) -> Result<Vec<(&'static str, String)>, String> {
    let readme = splice_readme(readme, &markdown::readme_table(reference))?;
    Ok(vec![
        ("docs/CODES.md", markdown::codes_page(reference)),
        ("docs/index.html", html::page(reference)),
        (README, readme),
    ])
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
pub(crate) struct Reference {
    registry: Registry,
    codes: Vec<CodeEntry>,
    /// The `[[q850]]` rows, in cause order.
    causes: Vec<CauseEntry>,
    pub(crate) notes: Notes,
    pub(crate) rules: SearchRules,
}

impl Reference {
    /// The spec's text, as read from [`SPEC`]; notes and rules are added after.
    pub(crate) fn parse(text: &str, q850: &str) -> Result<Reference, String> {
        // As `#[spec = iana]` reads them: the response codes, then the Q.850 causes' spec
        // for the responses the causes map to.
        let files = [(std::sync::Arc::from(SPEC), Some(text)), (std::sync::Arc::from(Q850_SPEC), Some(q850))];
        let mut diagnostics = sip_codes_codegen::Diagnostics::default();
        let model = sip_codes_codegen::load(&files, &mut diagnostics, false);
        sip_codes_codegen::check_interpret(&model, &files, &mut diagnostics);
        if !diagnostics.is_empty() {
            return Err(format!(
                "the spec has problems; fix them first:\n{}",
                diagnostics.report().join("\n")
            ));
        }
        Ok(Reference {
            registry: model.registry.unwrap_or_default(),
            codes: model.entries,
            causes: model.causes,
            notes: Notes::default(),
            rules: SearchRules::default(),
        })
    }

    /// "user busy" for cause 17: ITU-T Q.850's name, from `sip_codes::iana::Q850Cause`.
    fn cause_name(&self, cause: u8) -> Option<&'static str> {
        sip_codes::iana::Q850Cause::from_code(u16::from(cause)).map(sip_codes::iana::Q850Cause::text)
    }

    /// Every code's phrase and former phrases, for the search vocabulary.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.codes
            .iter()
            .flat_map(|entry| std::iter::once(&entry.reason).chain(&entry.aliases))
            .map(String::as_str)
    }

    /// The `[[q850]]` causes with their names ("" when the spec's comment gives none).
    pub(crate) fn causes(&self) -> Vec<u8> {
        self.causes.iter().map(|row| row.cause).collect()
    }

    /// The registry's name, or a plain fallback.
    fn registry_name(&self) -> &str {
        self.registry.name.as_deref().unwrap_or("SIP response codes")
    }

    /// The codes of one class, in code order.
    fn codes_of(&self, class: Class) -> impl Iterator<Item = &CodeEntry> {
        self.codes.iter().filter(move |entry| class_of(entry) == class)
    }

    /// The spec's entry for `code`.
    pub(crate) fn find(&self, code: u16) -> Option<&CodeEntry> {
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
}
