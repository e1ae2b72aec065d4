//! The comparison of a spec with IANA's registry, and the report a maintainer reads.

use std::fmt::{self, Write as _};

use sip_codes_codegen::{CodeEntry, TableValue, ValueEntry};

use super::snapshot::{Record, Registration, Snapshot, TableRegistry};

/// What `--write` puts in `description` for a code it adds: `--check` reports it until a
/// maintainer writes the description.
pub const DESCRIPTION_PLACEHOLDER: &str = "TODO: describe";

/// One way the spec and the registry disagree.
#[derive(Clone, Copy, Debug)]
pub enum Finding<'a> {
    /// IANA registers the code; the spec lacks it.
    Missing(&'a Registration),
    /// The spec has the code without `registered = false`; IANA does not register it.
    NotRegistered(&'a CodeEntry),
    /// The spec says `registered = false`, but IANA registers the code.
    RegisteredAfterAll(&'a CodeEntry, &'a Registration),
    /// IANA's phrase is one the spec keeps in `aliases`: one side has the code's former name.
    Renamed(&'a CodeEntry, &'a Registration),
    /// The phrases differ otherwise.
    Phrase(&'a CodeEntry, &'a Registration),
    /// IANA's "(Deprecated)" mark and the spec's `deprecated` differ.
    Deprecation(&'a CodeEntry, &'a Registration),
    /// The references differ (IANA's blank cell counting as RFC 3261).
    References(&'a CodeEntry, &'a Registration),
    /// The description is still `--write`'s placeholder.
    Placeholder(&'a CodeEntry),
}

impl Finding<'_> {
    /// Whether `--write` resolves it; the rest need a maintainer.
    pub fn fixed_by_write(&self) -> bool {
        !matches!(self, Finding::NotRegistered(_) | Finding::Placeholder(_))
    }

    fn section(&self) -> Section {
        match self {
            Finding::Missing(_) => Section::Missing,
            Finding::NotRegistered(_) => Section::NotRegistered,
            Finding::RegisteredAfterAll(..) => Section::RegisteredAfterAll,
            Finding::Renamed(..) => Section::Renamed,
            Finding::Phrase(..) => Section::Phrase,
            Finding::Deprecation(..) => Section::Deprecation,
            Finding::References(..) => Section::References,
            Finding::Placeholder(_) => Section::Placeholder,
        }
    }

    /// The code concerned.
    pub fn code(&self) -> u16 {
        match self {
            Finding::Missing(registration) => registration.code,
            Finding::NotRegistered(entry)
            | Finding::Placeholder(entry)
            | Finding::RegisteredAfterAll(entry, _)
            | Finding::Renamed(entry, _)
            | Finding::Phrase(entry, _)
            | Finding::Deprecation(entry, _)
            | Finding::References(entry, _) => entry.code,
        }
    }

    /// One line: what differs, then where.
    fn line(&self, snapshot_path: &str) -> (String, String) {
        let spec_place = |entry: &CodeEntry| entry.location.to_string();
        match self {
            Finding::Missing(r) => (
                format!(
                    "{} {}{}: {}",
                    r.code,
                    r.phrase,
                    deprecated_mark(r.deprecated),
                    refs(&r.spec_references())
                ),
                format!("{snapshot_path}:{}", r.line),
            ),
            Finding::NotRegistered(entry) => (format!("{} {}", entry.code, entry.reason), spec_place(entry)),
            Finding::RegisteredAfterAll(entry, r) => {
                (format!("{} spec {:?}, IANA {:?}", entry.code, entry.reason, r.phrase), spec_place(entry))
            }
            Finding::Renamed(entry, r) | Finding::Phrase(entry, r) => {
                (format!("{} spec {:?}, IANA {:?}", entry.code, entry.reason, r.phrase), spec_place(entry))
            }
            Finding::Deprecation(entry, r) => (
                format!(
                    "{} {}: spec {}, IANA {}",
                    entry.code,
                    entry.reason,
                    if entry.deprecated { "deprecated = true" } else { "not deprecated" },
                    if r.deprecated { "\"(Deprecated)\"" } else { "not deprecated" }
                ),
                spec_place(entry),
            ),
            Finding::References(entry, r) => (
                format!(
                    "{} {}: spec {}, IANA {}{}",
                    entry.code,
                    entry.reason,
                    refs(&entry.references),
                    refs(&r.spec_references()),
                    if r.references.is_empty() { " (blank cell: RFC 3261)" } else { "" }
                ),
                spec_place(entry),
            ),
            Finding::Placeholder(entry) => (format!("{} {}", entry.code, entry.reason), spec_place(entry)),
        }
    }
}

fn deprecated_mark(deprecated: bool) -> &'static str {
    if deprecated { " (Deprecated)" } else { "" }
}

fn refs(references: &[String]) -> String {
    if references.is_empty() { "no references".to_owned() } else { references.join(", ") }
}

/// The report's sections, in the order it prints them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Missing,
    NotRegistered,
    RegisteredAfterAll,
    Renamed,
    Phrase,
    Deprecation,
    References,
    Placeholder,
}

impl Section {
    const ALL: [Section; 8] = [
        Section::Missing,
        Section::NotRegistered,
        Section::RegisteredAfterAll,
        Section::Renamed,
        Section::Phrase,
        Section::Deprecation,
        Section::References,
        Section::Placeholder,
    ];

    /// The heading, and what resolves the findings under it.
    fn heading(self) -> (&'static str, &'static str) {
        match self {
            Section::Missing => (
                "Registered by IANA but missing from the spec",
                "--write adds them with a description placeholder",
            ),
            Section::NotRegistered => (
                "In the spec but not registered by IANA",
                "by hand: remove them, or mark vendor codes `registered = false`",
            ),
            Section::RegisteredAfterAll => {
                ("Marked `registered = false` but registered by IANA", "--write removes `registered = false`")
            }
            Section::Renamed => (
                "Renamed: IANA's phrase is a former phrase the spec keeps in `aliases`",
                "--write makes IANA's phrase the `reason` and keeps the spec's in `aliases`",
            ),
            Section::Phrase => {
                ("Phrases that differ", "--write takes IANA's phrase and keeps the spec's in `aliases`")
            }
            Section::Deprecation => {
                ("Deprecation that differs", "--write follows IANA's \"(Deprecated)\" mark")
            }
            Section::References => ("References that differ", "--write takes IANA's references"),
            Section::Placeholder => {
                ("Descriptions still to write", "by hand: replace the placeholder with a description")
            }
        }
    }
}

/// Every difference between the spec's entries and the registry, in code order per kind.
pub fn compare<'a>(entries: &'a [CodeEntry], snapshot: &'a Snapshot) -> Vec<Finding<'a>> {
    let mut findings = Vec::new();
    for registration in &snapshot.codes {
        if !entries.iter().any(|e| e.code == registration.code) {
            findings.push(Finding::Missing(registration));
        }
    }
    for entry in entries {
        let Some(registration) = snapshot.get(entry.code) else {
            if entry.registered {
                findings.push(Finding::NotRegistered(entry));
            }
            continue;
        };
        if !entry.registered {
            findings.push(Finding::RegisteredAfterAll(entry, registration));
        }
        if entry.reason != registration.phrase {
            if entry.aliases.contains(&registration.phrase) {
                findings.push(Finding::Renamed(entry, registration));
            } else {
                findings.push(Finding::Phrase(entry, registration));
            }
        }
        if entry.deprecated != registration.deprecated {
            findings.push(Finding::Deprecation(entry, registration));
        }
        if entry.references != registration.spec_references() {
            findings.push(Finding::References(entry, registration));
        }
    }
    for entry in entries {
        if is_placeholder(entry.description.as_deref()) {
            findings.push(Finding::Placeholder(entry));
        }
    }
    findings.sort_by_key(|f| (f.section(), f.code()));
    findings
}

/// Whether a description is `--write`'s placeholder.
pub fn is_placeholder(description: Option<&str>) -> bool {
    description.is_some_and(|d| d.trim() == DESCRIPTION_PLACEHOLDER)
}

/// What was compared, for the report's first line.
pub struct Subject<'a> {
    /// The spec's path as shown.
    pub spec_path: &'a str,
    /// The spec's entries.
    pub entries: &'a [CodeEntry],
    /// The snapshot's path as shown.
    pub snapshot_path: &'a str,
    /// The snapshot.
    pub snapshot: &'a Snapshot,
    /// The command that writes the fixes, as the maintainer would type it.
    pub write_command: &'a str,
}

/// The readable report: a summary line, one section per kind of difference, and a verdict.
pub fn report(subject: &Subject<'_>, findings: &[Finding<'_>]) -> String {
    let mut out = String::new();
    let updated =
        subject.snapshot.updated.as_deref().map(|d| format!(", IANA updated {d}")).unwrap_or_default();
    let _ = writeln!(
        out,
        "sync-iana: {} ({} codes) vs IANA snapshot {} ({} codes{updated})",
        subject.spec_path,
        subject.entries.len(),
        subject.snapshot_path,
        subject.snapshot.codes.len(),
    );
    let vendor: Vec<String> = subject
        .entries
        .iter()
        .filter(|e| !e.registered && subject.snapshot.get(e.code).is_none())
        .map(|e| e.code.to_string())
        .collect();
    if !vendor.is_empty() {
        let _ = writeln!(out, "Not compared, marked `registered = false`: {}", vendor.join(", "));
    }
    for section in Section::ALL {
        let lines: Vec<(String, String)> = findings
            .iter()
            .filter(|f| f.section() == section)
            .map(|f| f.line(subject.snapshot_path))
            .collect();
        if lines.is_empty() {
            continue;
        }
        let (heading, remedy) = section.heading();
        let _ = writeln!(out, "\n{heading} ({}); {remedy}:", lines.len());
        let width = lines.iter().map(|(what, _)| what.chars().count()).max().unwrap_or(0);
        for (what, place) in lines {
            let _ = writeln!(out, "  {what:<width$}  {place}");
        }
    }
    let _ = writeln!(out);
    let _ = write!(out, "{}", Verdict(findings, subject.write_command));
    out
}

struct Verdict<'a, 'b>(&'a [Finding<'b>], &'a str);

impl fmt::Display for Verdict<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (findings, command) = (self.0, self.1);
        if findings.is_empty() {
            return writeln!(f, "In sync: every code, phrase, deprecation mark and reference matches IANA.");
        }
        let fixable = findings.iter().filter(|f| f.fixed_by_write()).count();
        let plural = if findings.len() == 1 { "" } else { "s" };
        write!(f, "{} difference{plural}", findings.len())?;
        match (fixable, findings.len() - fixable) {
            (_, 0) => writeln!(f, "; `{command}` resolves all of them."),
            (0, manual) => writeln!(f, "; {manual} to resolve by hand."),
            (fixable, manual) => {
                writeln!(f, "; `{command}` resolves {fixable}, {manual} to resolve by hand.")
            }
        }
    }
}

/// One way the spec of another table (Warning codes, option tags, ...) and its registry
/// disagree. `--write` resolves every one.
#[derive(Clone, Copy, Debug)]
pub enum ValueFinding<'a> {
    /// IANA registers the value; the spec lacks it.
    Missing(&'a Record),
    /// The spec has the value, not marked `deprecated`; IANA does not register it.
    NotRegistered(&'a ValueEntry),
    /// The spec marks the value `deprecated`, but IANA registers it.
    DeprecatedButRegistered(&'a ValueEntry),
    /// A numeric value's text differs from IANA's.
    Text(&'a ValueEntry, &'a Record),
    /// The references differ.
    References(&'a ValueEntry, &'a Record),
}

impl ValueFinding<'_> {
    fn section(&self) -> (u8, &'static str, &'static str) {
        match self {
            ValueFinding::Missing(_) => (
                0,
                "Registered by IANA but missing from the spec",
                "--write adds them with IANA's text and references",
            ),
            ValueFinding::NotRegistered(_) => {
                (1, "In the spec but not registered by IANA", "--write marks them `deprecated = true`")
            }
            ValueFinding::DeprecatedButRegistered(_) => {
                (2, "Marked `deprecated` but registered by IANA", "--write removes `deprecated`")
            }
            ValueFinding::Text(..) => (3, "Texts that differ", "--write takes IANA's text"),
            ValueFinding::References(..) => (4, "References that differ", "--write takes IANA's references"),
        }
    }

    /// One line: what differs, then where.
    fn line(&self, snapshot_path: &str) -> (String, String) {
        let text = |text: &Option<String>| text.as_deref().map(|t| format!(" {t}")).unwrap_or_default();
        match self {
            ValueFinding::Missing(r) => (
                format!("{}{}: {}", r.value, text(&r.text()), refs(&r.references)),
                format!("{snapshot_path}:{}", r.line),
            ),
            ValueFinding::NotRegistered(entry) | ValueFinding::DeprecatedButRegistered(entry) => {
                (format!("{}{}", entry.value, text(&entry.text)), entry.location.to_string())
            }
            ValueFinding::Text(entry, r) => (
                format!(
                    "{} spec {:?}, IANA {:?}",
                    entry.value,
                    entry.text.as_deref().unwrap_or_default(),
                    r.text().unwrap_or_default()
                ),
                entry.location.to_string(),
            ),
            ValueFinding::References(entry, r) => (
                format!(
                    "{}{}: spec {}, IANA {}",
                    entry.value,
                    text(&entry.text),
                    refs(&entry.references),
                    refs(&r.references)
                ),
                entry.location.to_string(),
            ),
        }
    }
}

/// Every difference between a table's spec entries and its registry: by section, then in
/// the registry's order for what IANA has and the spec's order for the rest.
pub fn compare_values<'a>(entries: &'a [ValueEntry], registry: &'a TableRegistry) -> Vec<ValueFinding<'a>> {
    let mut findings = Vec::new();
    for record in &registry.records {
        let Some(entry) = entries.iter().find(|e| e.value == record.value) else {
            findings.push(ValueFinding::Missing(record));
            continue;
        };
        if entry.deprecated {
            findings.push(ValueFinding::DeprecatedButRegistered(entry));
        }
        if entry.text.is_some() && entry.text != record.text() {
            findings.push(ValueFinding::Text(entry, record));
        }
        if entry.references != record.references {
            findings.push(ValueFinding::References(entry, record));
        }
    }
    // In the spec's order: where a maintainer reads them.
    let mut unregistered: Vec<&ValueEntry> =
        entries.iter().filter(|e| !e.deprecated && registry.get(&e.value).is_none()).collect();
    unregistered.sort_by_key(|e| e.location.line);
    findings.extend(unregistered.into_iter().map(ValueFinding::NotRegistered));
    findings.sort_by_key(|f| f.section().0);
    findings
}

/// What was compared for another table, for the report's first line.
pub struct TableSubject<'a> {
    /// The spec's path as shown.
    pub spec_path: &'a str,
    /// The spec's entries.
    pub entries: &'a [ValueEntry],
    /// The snapshot's path as shown.
    pub snapshot_path: &'a str,
    /// The registry, `None` when the snapshot does not have it.
    pub registry: Option<&'a TableRegistry>,
    /// The command that writes the fixes, as the maintainer would type it.
    pub write_command: &'a str,
}

/// The readable report of another table, laid out as the response codes' [`report`].
pub fn report_values(subject: &TableSubject<'_>, findings: &[ValueFinding<'_>]) -> String {
    let mut out = String::new();
    let unit = |n: usize, numeric: bool| match (numeric, n) {
        (true, 1) => "1 code".to_owned(),
        (true, n) => format!("{n} codes"),
        (false, 1) => "1 token".to_owned(),
        (false, n) => format!("{n} tokens"),
    };
    let numeric = subject.entries.first().map_or_else(
        || subject.registry.is_none_or(|r| r.kind.is_numeric()),
        |e| matches!(e.value, TableValue::Code(_)),
    );
    let registry = match subject.registry {
        Some(registry) => {
            let updated =
                registry.updated.as_deref().map(|d| format!(", IANA updated {d}")).unwrap_or_default();
            format!("({}{updated})", unit(registry.records.len(), numeric))
        }
        None => "(no such registry in this snapshot: IANA had not created it)".to_owned(),
    };
    let _ = writeln!(
        out,
        "sync-iana: {} ({}) vs IANA snapshot {} {registry}",
        subject.spec_path,
        unit(subject.entries.len(), numeric),
        subject.snapshot_path,
    );
    let retired: Vec<String> = subject
        .entries
        .iter()
        .filter(|e| e.deprecated && subject.registry.is_none_or(|r| r.get(&e.value).is_none()))
        .map(|e| e.value.to_string())
        .collect();
    if !retired.is_empty() {
        let _ = writeln!(out, "Not compared, marked `deprecated` and not registered: {}", retired.join(", "));
    }
    let mut sections: Vec<_> = findings.iter().map(ValueFinding::section).collect();
    sections.dedup();
    for (rank, heading, remedy) in sections {
        let lines: Vec<(String, String)> = findings
            .iter()
            .filter(|f| f.section().0 == rank)
            .map(|f| f.line(subject.snapshot_path))
            .collect();
        let _ = writeln!(out, "\n{heading} ({}); {remedy}:", lines.len());
        let width = lines.iter().map(|(what, _)| what.chars().count()).max().unwrap_or(0);
        for (what, place) in lines {
            let _ = writeln!(out, "  {what:<width$}  {place}");
        }
    }
    let _ = writeln!(out);
    if findings.is_empty() {
        let _ = writeln!(out, "In sync: every value, text and reference matches IANA.");
    } else {
        let plural = if findings.len() == 1 { "" } else { "s" };
        let _ = writeln!(
            out,
            "{} difference{plural}; `{}` resolves all of them.",
            findings.len(),
            subject.write_command
        );
    }
    out
}
