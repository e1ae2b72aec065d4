//! IANA's registries: the response codes (`sip-parameters-7`), read from either format IANA
//! publishes, the full `sip-parameters.xml` or the `sip-parameters-7.csv` export, and written
//! back in IANA's CSV layout; and every other table's registry ([`parse_table`]), read from
//! the XML or the project's CSV of it. The project keeps each as `specs/iana/<registry>.csv`.

use std::collections::BTreeMap;

use sip_codes_codegen::TableValue;
use sip_codes_codegen::kind::{TableKind, Values, token_problem};

/// The id of the response-code registry inside IANA's `sip-parameters.xml`.
pub const REGISTRY_ID: &str = "sip-parameters-7";

/// The header of IANA's `sip-parameters-7.csv`: its columns are named after the registry's
/// table on iana.org.
pub const CSV_HEADER: [&str; 3] = ["Response Code", "Description", "Reference"];

/// IANA writes "(Deprecated)" after the phrase of a deprecated code: status, not phrase.
const DEPRECATED_SUFFIX: &str = "(deprecated)";

/// One registered response code, as IANA lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Registration {
    /// The code, 100..=699.
    pub code: u16,
    /// The Reason-Phrase, without IANA's "(Deprecated)" suffix.
    pub phrase: String,
    /// Whether IANA marks the code "(Deprecated)".
    pub deprecated: bool,
    /// IANA's references, e.g. `["RFC6228"]`; empty for the codes RFC 3261 defines, whose
    /// cell IANA leaves blank.
    pub references: Vec<String>,
    /// The line of the snapshot file the registration is on, for messages.
    pub line: usize,
}

impl Registration {
    /// The references as the spec writes them: RFC 3261 where IANA leaves the cell blank,
    /// since the registry's note says such codes are defined by RFC 3261.
    pub fn spec_references(&self) -> Vec<String> {
        if self.references.is_empty() { vec!["RFC3261".to_owned()] } else { self.references.clone() }
    }

    /// IANA's Description cell: the phrase, with " (Deprecated)" for a deprecated code.
    pub fn iana_description(&self) -> String {
        if self.deprecated { format!("{} (Deprecated)", self.phrase) } else { self.phrase.clone() }
    }
}

/// The registry as one snapshot holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    /// The date the XML file says IANA last updated it; the CSV export does not say.
    pub updated: Option<String>,
    /// The registered codes, in code order.
    pub codes: Vec<Registration>,
}

impl Snapshot {
    /// The registration of `code`, if IANA registers it.
    pub fn get(&self, code: u16) -> Option<&Registration> {
        self.codes.binary_search_by_key(&code, |r| r.code).ok().map(|i| &self.codes[i])
    }
}

/// Reads a snapshot in either of IANA's formats, told apart by content: the XML starts
/// with `<`. `path` is how the file is named in messages, which read `path:line: message`.
pub fn parse(path: &str, text: &str) -> Result<Snapshot, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match text.trim_start().chars().next() {
        None => Err(format!(
            "{path}: the file is empty; expected IANA's sip-parameters.xml or sip-parameters-7.csv"
        )),
        Some('<') => parse_xml(path, text),
        Some(_) => parse_csv(path, text),
    }
}

fn parse_xml(path: &str, text: &str) -> Result<Snapshot, String> {
    let document =
        roxmltree::Document::parse(text).map_err(|e| format!("{path}: not well-formed XML: {e}"))?;
    let line_of = |node: roxmltree::Node<'_, '_>| document.text_pos_at(node.range().start).row as usize;
    let root = document.root_element();
    let updated = child(root, "updated").map(|node| collapse_whitespace(&text_of(node)));
    let registry = document
        .descendants()
        .find(|node| node.has_tag_name_local("registry") && node.attribute("id") == Some(REGISTRY_ID))
        .ok_or_else(|| {
            format!(
                "{path}: no <registry id=\"{REGISTRY_ID}\"> (SIP response codes) in this XML; \
                 expected IANA's sip-parameters.xml from https://www.iana.org/assignments/sip-parameters/"
            )
        })?;
    let mut codes = Registrations::new(path);
    for record in registry.children().filter(|node| node.has_tag_name_local("record")) {
        let line = line_of(record);
        let value = child(record, "value")
            .map(text_of)
            .ok_or_else(|| format!("{path}:{line}: a <record> of {REGISTRY_ID} has no <value>"))?;
        let Some(code) = parse_value(&value).map_err(|message| format!("{path}:{line}: {message}"))? else {
            continue;
        };
        let description = child(record, "description").map(text_of).unwrap_or_default();
        let (phrase, deprecated) = split_deprecated(&description)
            .map_err(|message| format!("{path}:{line}: code {code}: {message}"))?;
        let mut references = Vec::new();
        for xref in record.children().filter(|node| node.has_tag_name_local("xref")) {
            let reference = xref_name(xref).ok_or_else(|| {
                format!("{path}:{}: code {code}: an <xref> without a `data` attribute or text", line_of(xref))
            })?;
            references.push(reference);
        }
        codes.add(Registration { code, phrase, deprecated, references, line })?;
    }
    Ok(Snapshot { updated, codes: codes.finish()? })
}

fn parse_csv(path: &str, text: &str) -> Result<Snapshot, String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    // csv counts records, not lines, so a quoted cell with a line break would throw its
    // count off: lines come from byte offsets instead. A record's offset may point at the
    // end of the previous line's CRLF.
    let line_at = |byte: u64| {
        let bytes = text.as_bytes();
        let mut start = (byte as usize).min(bytes.len());
        while bytes.get(start).is_some_and(|b| *b == b'\r' || *b == b'\n') {
            start += 1;
        }
        bytes[..start].iter().filter(|b| **b == b'\n').count() + 1
    };
    let header = reader.headers().map_err(|e| csv_error(path, &e, line_at))?.clone();
    let names: Vec<&str> = header.iter().map(str::trim).collect();
    let known_header = names.len() == 3
        && (names[0].eq_ignore_ascii_case(CSV_HEADER[0]) || names[0].eq_ignore_ascii_case("Value"))
        && names[1].eq_ignore_ascii_case(CSV_HEADER[1])
        && names[2].eq_ignore_ascii_case(CSV_HEADER[2]);
    if !known_header {
        return Err(format!(
            "{path}:1: the header is {:?}, not IANA's sip-parameters-7.csv header \"{}\"",
            header.iter().collect::<Vec<_>>().join(","),
            CSV_HEADER.join(",")
        ));
    }
    let mut codes = Registrations::new(path);
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e, line_at))?;
        let line = record.position().map_or(0, |p| line_at(p.byte()));
        let Some(code) = parse_value(&record[0]).map_err(|message| format!("{path}:{line}: {message}"))?
        else {
            continue;
        };
        let (phrase, deprecated) = split_deprecated(&record[1])
            .map_err(|message| format!("{path}:{line}: code {code}: {message}"))?;
        let references = parse_references(&record[2])
            .map_err(|message| format!("{path}:{line}: code {code}: {message}"))?;
        codes.add(Registration { code, phrase, deprecated, references, line })?;
    }
    Ok(Snapshot { updated: None, codes: codes.finish()? })
}

fn csv_error(path: &str, error: &csv::Error, line_at: impl Fn(u64) -> usize) -> String {
    let line = error.position().map(|p| format!(":{}", line_at(p.byte()))).unwrap_or_default();
    let what = match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("a row has {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "the file is not UTF-8 text".to_owned(),
        _ => error.to_string(),
    };
    format!("{path}{line}: malformed CSV: {what}")
}

/// Gathers registrations, refusing a code listed twice.
struct Registrations<'a> {
    path: &'a str,
    by_code: BTreeMap<u16, Registration>,
}

impl<'a> Registrations<'a> {
    fn new(path: &'a str) -> Self {
        Registrations { path, by_code: BTreeMap::new() }
    }

    fn add(&mut self, registration: Registration) -> Result<(), String> {
        if let Some(first) = self.by_code.get(&registration.code) {
            return Err(format!(
                "{}:{}: code {} is listed twice; first on line {}",
                self.path, registration.line, registration.code, first.line
            ));
        }
        self.by_code.insert(registration.code, registration);
        Ok(())
    }

    fn finish(self) -> Result<Vec<Registration>, String> {
        if self.by_code.is_empty() {
            return Err(format!("{}: the registry lists no response codes", self.path));
        }
        Ok(self.by_code.into_values().collect())
    }
}

/// A row's value: a code, or `None` for the class rows ("1xx" .. "6xx") that older
/// snapshots list among the codes.
fn parse_value(value: &str) -> Result<Option<u16>, String> {
    let value = value.trim();
    let bytes = value.as_bytes();
    if bytes.len() == 3 && (b'1'..=b'6').contains(&bytes[0]) && bytes[1..].eq_ignore_ascii_case(b"xx") {
        return Ok(None);
    }
    match value.parse::<u16>() {
        Ok(code @ 100..=699) if value.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(code)),
        _ => Err(format!("value {value:?} is not a response code 100..=699")),
    }
}

/// Splits IANA's description into the phrase and the deprecation mark.
fn split_deprecated(description: &str) -> Result<(String, bool), String> {
    let description = collapse_whitespace(description);
    let (phrase, deprecated) = match description.len().checked_sub(DEPRECATED_SUFFIX.len()) {
        Some(at)
            if description.is_char_boundary(at)
                && description[at..].eq_ignore_ascii_case(DEPRECATED_SUFFIX) =>
        {
            (description[..at].trim_end().to_owned(), true)
        }
        _ => (description, false),
    };
    if phrase.is_empty() {
        return Err("the description (the Reason-Phrase) is empty".to_owned());
    }
    Ok((phrase, deprecated))
}

/// Reads a Reference cell as IANA writes it: `[RFC3903]`, `[RFC4412][RFC7134]`, or blank.
fn parse_references(cell: &str) -> Result<Vec<String>, String> {
    let mut references = Vec::new();
    let mut rest = cell.trim();
    while !rest.is_empty() {
        let name = rest
            .strip_prefix('[')
            .and_then(|after| after.split_once(']'))
            .map(|(name, after)| {
                rest = after.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
                collapse_whitespace(name)
            })
            .filter(|name| !name.is_empty())
            .ok_or_else(|| {
                format!("the reference cell {cell:?} is not a list of [NAME] items, as IANA writes it")
            })?;
        references.push(name);
    }
    Ok(references)
}

/// How IANA names an `<xref>` in its CSV: `rfc3261` as `RFC3261`, a draft, person or other
/// reference by its `data`, a URI by its text when it has one.
fn xref_name(xref: roxmltree::Node<'_, '_>) -> Option<String> {
    let data = xref.attribute("data").map(collapse_whitespace).unwrap_or_default();
    let text = collapse_whitespace(&text_of(xref));
    let name = match xref.attribute("type") {
        Some("rfc") => data.to_ascii_uppercase(),
        Some("uri") if !text.is_empty() => text,
        _ if data.is_empty() => text,
        _ => data,
    };
    (!name.is_empty()).then_some(name)
}

fn child<'a, 'input>(node: roxmltree::Node<'a, 'input>, name: &str) -> Option<roxmltree::Node<'a, 'input>> {
    node.children().find(|child| child.has_tag_name_local(name))
}

/// All text inside `node`, markup removed.
fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants().filter(roxmltree::Node::is_text).filter_map(|n| n.text()).collect()
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

trait LocalName {
    fn has_tag_name_local(&self, name: &str) -> bool;
}

impl LocalName for roxmltree::Node<'_, '_> {
    /// IANA's elements live in its namespace; only the local name matters here.
    fn has_tag_name_local(&self, name: &str) -> bool {
        self.is_element() && self.tag_name().name() == name
    }
}

/// The snapshot in IANA's CSV layout: its header, then one row per code with the
/// Description cell as IANA writes it and references as `[RFC3261]` items.
pub fn to_csv(snapshot: &Snapshot) -> String {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let mut write = |row: [&str; 3]| writer.write_record(row).expect("writing CSV into memory cannot fail");
    write(CSV_HEADER);
    for registration in &snapshot.codes {
        let references: String = registration.references.iter().map(|r| format!("[{r}]")).collect();
        write([&registration.code.to_string(), &registration.iana_description(), &references]);
    }
    let bytes = writer.into_inner().expect("writing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("the CSV is built from strings")
}

/// The header of the project's snapshot of a registry other than the response codes:
/// IANA's columns, the references named as the specs name them.
pub const TABLE_CSV_HEADER: [&str; 3] = ["Value", "Description", "Reference"];

/// One record of a registry other than the response codes (Warning codes, option tags and
/// the rest of [`TABLE_KINDS`](sip_codes_codegen::kind::TABLE_KINDS)), as IANA lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The code or the token.
    pub value: TableValue,
    /// IANA's Description cell, whitespace collapsed: `Incompatible network protocol: One or
    /// more ...`, `"Cannot Process Location"`, or empty (the methods have none).
    pub description: String,
    /// The references as the specs name them: `RFC3261`, `3GPP TS 24.229`, `ITU-T Q.850`.
    pub references: Vec<String>,
    /// The line of the snapshot file the record is on, for messages.
    pub line: usize,
}

impl Record {
    /// A numeric value's text as a spec writes it: IANA's description without the
    /// explanation after a colon (Warning codes: "Text: longer explanation") and without the
    /// quotes around it (Geolocation-Error and AlertMsg-Error codes: `"Quoted text"`).
    /// `None` for a token, which is its own text.
    pub fn text(&self) -> Option<String> {
        let TableValue::Code(_) = self.value else { return None };
        let description = self.description.trim();
        let text = match description.strip_prefix('"').and_then(|d| d.strip_suffix('"')) {
            Some(quoted) => quoted,
            None => description.split_once(':').map_or(description, |(text, _)| text),
        };
        Some(text.trim().to_owned())
    }
}

/// A registry other than the response codes, as one snapshot holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRegistry {
    /// The table.
    pub kind: &'static TableKind,
    /// IANA's title for it ("Warning Codes (warn-codes)"); the CSV layout does not keep it.
    pub title: Option<String>,
    /// The date the XML file says IANA last updated the file.
    pub updated: Option<String>,
    /// The records: numeric tables in code order, token tables in IANA's order.
    pub records: Vec<Record>,
}

impl TableRegistry {
    /// The record of `value`, if IANA registers it.
    pub fn get(&self, value: &TableValue) -> Option<&Record> {
        self.records.iter().find(|record| record.value == *value)
    }
}

/// The registry of `kind` (which has one) from a snapshot in either layout: IANA's
/// `sip-parameters.xml`, or the project's CSV of that registry. `None` when the XML has no
/// such registry: IANA had not created it yet (AlertMsg-Error codes before 2020).
pub fn parse_table(
    path: &str,
    text: &str,
    kind: &'static TableKind,
) -> Result<Option<TableRegistry>, String> {
    let registry_id = kind.registry.ok_or_else(|| format!("{} have no IANA registry", kind.title))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Records { path, kind, records: Vec::new() };
    if !text.trim_start().starts_with('<') {
        read_table_csv(path, text, &mut records)?;
        return Ok(Some(TableRegistry { kind, title: None, updated: None, records: records.finish() }));
    }
    let document =
        roxmltree::Document::parse(text).map_err(|e| format!("{path}: not well-formed XML: {e}"))?;
    let line_of = |node: roxmltree::Node<'_, '_>| document.text_pos_at(node.range().start).row as usize;
    let updated = child(document.root_element(), "updated").map(|node| collapse_whitespace(&text_of(node)));
    let Some(registry) = document
        .descendants()
        .find(|node| node.has_tag_name_local("registry") && node.attribute("id") == Some(registry_id))
    else {
        return Ok(None);
    };
    let title = child(registry, "title").map(|node| collapse_whitespace(&text_of(node)));
    for record in registry.children().filter(|node| node.has_tag_name_local("record")) {
        let line = line_of(record);
        let value = child(record, "value")
            .map(text_of)
            .ok_or_else(|| format!("{path}:{line}: a <record> of {registry_id} has no <value>"))?;
        let description =
            child(record, "description").map(|node| collapse_whitespace(&text_of(node))).unwrap_or_default();
        let references = record
            .children()
            .filter(|node| node.has_tag_name_local("xref"))
            .filter_map(spec_reference)
            .collect();
        records.add(&value, description, references, line)?;
    }
    Ok(Some(TableRegistry { kind, title, updated, records: records.finish() }))
}

fn read_table_csv(path: &str, text: &str, records: &mut Records<'_>) -> Result<(), String> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| csv_error(path, &e, |_| 1))?.clone();
    if header.iter().map(str::trim).ne(TABLE_CSV_HEADER) {
        return Err(format!(
            "{path}:1: the header is {:?}, not the snapshot's \"{}\"",
            header.iter().collect::<Vec<_>>().join(","),
            TABLE_CSV_HEADER.join(",")
        ));
    }
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(path, &e, |_| 0))?;
        // The project's CSV has no line breaks inside cells: the record's line is its number.
        let line = record.position().map_or(0, |p| p.line() as usize);
        let references =
            parse_references(&record[2]).map_err(|message| format!("{path}:{line}: {message}"))?;
        records.add(&record[0], collapse_whitespace(&record[1]), references, line)?;
    }
    Ok(())
}

/// Gathers the records of one registry, refusing a value the table cannot hold or one
/// listed twice.
struct Records<'a> {
    path: &'a str,
    kind: &'static TableKind,
    records: Vec<Record>,
}

impl Records<'_> {
    fn add(
        &mut self,
        value: &str,
        description: String,
        references: Vec<String>,
        line: usize,
    ) -> Result<(), String> {
        let (path, value) = (self.path, value.trim());
        let value = match self.kind.values {
            Values::Numeric { min, max, .. } => match value.parse::<u16>() {
                Ok(code) if (min..=max).contains(&code) && value.bytes().all(|b| b.is_ascii_digit()) => {
                    TableValue::Code(code)
                }
                _ => {
                    return Err(format!(
                        "{path}:{line}: value {value:?} is not one of the {}, {min}..={max}",
                        self.kind.title.to_lowercase()
                    ));
                }
            },
            Values::Token { .. } => match token_problem(value) {
                None => TableValue::Token(value.to_owned()),
                Some(problem) => return Err(format!("{path}:{line}: token {value:?} {problem}")),
            },
        };
        if let Some(first) = self.records.iter().find(|r| r.value == value) {
            return Err(format!("{path}:{line}: {value} is listed twice; first on line {}", first.line));
        }
        self.records.push(Record { value, description, references, line });
        Ok(())
    }

    fn finish(mut self) -> Vec<Record> {
        if self.kind.is_numeric() {
            self.records.sort_by(|a, b| a.value.cmp(&b.value));
        }
        self.records
    }
}

/// An `<xref>` of a record as the specs name references: `rfc3261` as `RFC3261`, a 3GPP or
/// ITU-T document by its number without IANA's clause or version ("3GPP TS 24.301 subclause
/// 9.9.3.9" as `3GPP TS 24.301`), a draft by its name. `None` for the registrant (a
/// `person`), who is not a reference, and for a footnote of the registry's (a `note`).
fn spec_reference(xref: roxmltree::Node<'_, '_>) -> Option<String> {
    if matches!(xref.attribute("type"), Some("person" | "note")) {
        return None;
    }
    let name = xref_name(xref)?;
    for body in ["3GPP TS ", "ITU-T "] {
        if let Some(rest) = name.strip_prefix(body) {
            let number = rest.split([' ', ',']).next().unwrap_or_default();
            return Some(format!("{body}{number}"));
        }
    }
    Some(name)
}

/// The registry in the project's CSV layout: [`TABLE_CSV_HEADER`], then one row per record
/// with IANA's description and the references as `[RFC3261]` items.
pub fn table_to_csv(registry: &TableRegistry) -> String {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let mut write = |row: [&str; 3]| writer.write_record(row).expect("writing CSV into memory cannot fail");
    write(TABLE_CSV_HEADER);
    for record in &registry.records {
        let value = match &record.value {
            TableValue::Code(code) => code.to_string(),
            TableValue::Token(token) => token.clone(),
        };
        let references: String = record.references.iter().map(|r| format!("[{r}]")).collect();
        write([&value, &record.description, &references]);
    }
    let bytes = writer.into_inner().expect("writing CSV into memory cannot fail");
    String::from_utf8(bytes).expect("the CSV is built from strings")
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<registry xmlns="http://www.iana.org/assignments" id="sip-parameters">
  <updated>2026-08-17</updated>
  <registry id="sip-parameters-6"><record><value>BYE</value></record></registry>
  <registry id="sip-parameters-7">
    <record><value>1xx</value><description>Provisional</description></record>
    <record><value>100</value><description>Trying</description></record>
    <record><value>202</value><description>Accepted
      (Deprecated)</description><xref type="rfc" data="rfc6665"/></record>
    <record date="2019-07-18"><value>608</value><description>Rejected</description>
      <xref type="draft" data="RFC-ietf-sipcore-rejected-09"/><xref type="rfc" data="rfc8688"/></record>
  </registry>
</registry>
"#;

    #[test]
    fn reads_xml_skipping_class_rows() {
        let snapshot = parse("s.xml", XML).unwrap();
        assert_eq!(snapshot.updated.as_deref(), Some("2026-08-17"));
        let summary: Vec<_> = snapshot
            .codes
            .iter()
            .map(|r| (r.code, r.phrase.as_str(), r.deprecated, r.references.join("+"), r.line))
            .collect();
        assert_eq!(
            summary,
            [
                (100, "Trying", false, String::new(), 7),
                (202, "Accepted", true, "RFC6665".to_owned(), 8),
                (608, "Rejected", false, "RFC-ietf-sipcore-rejected-09+RFC8688".to_owned(), 10),
            ]
        );
        assert_eq!(snapshot.get(202).unwrap().spec_references(), ["RFC6665"]);
        assert_eq!(snapshot.get(100).unwrap().spec_references(), ["RFC3261"]);
        assert_eq!(snapshot.get(101), None);
    }

    #[test]
    fn csv_round_trips_through_iana_layout() {
        let snapshot = parse("s.xml", XML).unwrap();
        let csv = to_csv(&snapshot);
        assert_eq!(
            csv,
            "Response Code,Description,Reference\n100,Trying,\n202,Accepted (Deprecated),[RFC6665]\n\
             608,Rejected,[RFC-ietf-sipcore-rejected-09][RFC8688]\n"
        );
        let again = parse("s.csv", &csv).unwrap();
        assert_eq!(again.updated, None);
        assert_eq!(to_csv(&again), csv);
    }

    #[test]
    fn reads_csv_as_iana_writes_it() {
        let csv = "\u{feff}Value,Description,Reference\r\n1xx,Provisional,\r\n417,Unknown Resource-Priority,\"[RFC4412]\r\n[RFC7134]\"\r\n\
                   480,\"Temporarily Unavailable\",\r\n";
        let snapshot = parse("s.csv", csv).unwrap();
        assert_eq!(snapshot.codes[0].references, ["RFC4412", "RFC7134"]);
        assert_eq!((snapshot.codes[1].code, snapshot.codes[1].line), (480, 5));
    }

    #[test]
    fn says_what_is_wrong_and_where() {
        let cases = [
            ("", "s: the file is empty"),
            ("<registry><record></registry>", "s: not well-formed XML: "),
            (
                "<registry id=\"sip-parameters\"><registry id=\"sip-parameters-70\"/></registry>",
                "s: no <registry id=\"sip-parameters-7\">",
            ),
            (
                "<r><registry id=\"sip-parameters-7\">\n<record><value>99</value></record></registry></r>",
                "s:2: value \"99\" is not a response code",
            ),
            (
                "<r><registry id=\"sip-parameters-7\"></registry></r>",
                "s: the registry lists no response codes",
            ),
            ("Code,Phrase\n100,Trying\n", "s:1: the header is \"Code,Phrase\""),
            (
                "Value,Description,Reference\n100,Trying\n",
                "s:2: malformed CSV: a row has 2 fields where the header has 3",
            ),
            (
                "Value,Description,Reference\n100,Trying,\n100,Trying,\n",
                "s:3: code 100 is listed twice; first on line 2",
            ),
            (
                "Value,Description,Reference\n486,Busy Here,RFC3261\n",
                "s:2: code 486: the reference cell \"RFC3261\" is not",
            ),
            (
                "Value,Description,Reference\n486,,\n",
                "s:2: code 486: the description (the Reason-Phrase) is empty",
            ),
            ("Value,Description,Reference\n4860,Busy,\n", "s:2: value \"4860\" is not"),
        ];
        for (text, expected) in cases {
            let error = parse("s", text).unwrap_err();
            assert!(error.starts_with(expected), "{text:?}: {error}");
        }
    }

    const TABLES_XML: &str = r#"<registry xmlns="http://www.iana.org/assignments" id="sip-parameters">
  <updated>2026-08-17</updated>
  <registry id="sip-parameters-5">
    <title>Warning Codes (warn-codes)</title>
    <record><value>399</value><description>Miscellaneous warning: The warning text
      can include arbitrary information.</description><xref type="rfc" data="rfc3261"/></record>
    <record><value>308</value><description>Incompatible language specification: Requested
      languages not supported.</description><xref type="rfc" data="rfc8373"/></record>
  </registry>
  <registry id="sip-parameters-68">
    <record><value>100</value><description>"Cannot Process Location"</description><xref type="rfc" data="rfc6442"/></record>
  </registry>
  <registry id="sip-parameters-3">
    <record><value>Q.850</value><description>Cause value in decimal representation</description><xref type="text">ITU-T Q.850</xref></record>
    <record><value>S1AP-TL</value><description>Cause value</description>
      <xref type="uri" data="http://www.3gpp.org/DynaReport/36413.htm">3GPP TS 36.413 subclause 9.2.1.3</xref>
      <xref type="note" data="4"/><xref type="person" data="_3GPP"/></record>
    <record><value>FAILURE_CAUSE</value><description>cause value 1: Media bearer lost</description>
      <xref type="uri" data="http://www.3gpp.org/ftp/Specs/archive/24_series/24.229/">3GPP TS 24.229 v14.4.0</xref></record>
  </registry>
</registry>
"#;

    fn kind(id: &str) -> &'static TableKind {
        TableKind::named(id).unwrap()
    }

    #[test]
    fn reads_other_tables_texts_and_references_as_specs_write_them() {
        let warn = parse_table("s.xml", TABLES_XML, kind("warning-codes")).unwrap().unwrap();
        assert_eq!(warn.title.as_deref(), Some("Warning Codes (warn-codes)"));
        assert_eq!(warn.updated.as_deref(), Some("2026-08-17"));
        let rows: Vec<_> =
            warn.records.iter().map(|r| (r.value.clone(), r.text(), r.references.clone(), r.line)).collect();
        assert_eq!(
            rows,
            [
                (
                    TableValue::Code(308),
                    Some("Incompatible language specification".to_owned()),
                    vec!["RFC8373".to_owned()],
                    7
                ),
                (
                    TableValue::Code(399),
                    Some("Miscellaneous warning".to_owned()),
                    vec!["RFC3261".to_owned()],
                    5
                ),
            ]
        );
        let geo = parse_table("s.xml", TABLES_XML, kind("geolocation-error-codes")).unwrap().unwrap();
        assert_eq!(geo.records[0].text().as_deref(), Some("Cannot Process Location"));
        let reasons = parse_table("s.xml", TABLES_XML, kind("reason-protocols")).unwrap().unwrap();
        let references: Vec<_> = reasons.records.iter().map(|r| (r.text(), r.references.join("+"))).collect();
        assert_eq!(
            references,
            [
                (None, "ITU-T Q.850".to_owned()),
                (None, "3GPP TS 36.413".to_owned()),
                (None, "3GPP TS 24.229".to_owned())
            ]
        );
        // IANA had not created it: no registry, not an error.
        assert_eq!(parse_table("s.xml", TABLES_XML, kind("push-services")).unwrap(), None);
    }

    #[test]
    fn the_table_csv_round_trips() {
        let reasons = parse_table("s.xml", TABLES_XML, kind("reason-protocols")).unwrap().unwrap();
        let csv = table_to_csv(&reasons);
        assert_eq!(
            csv,
            "Value,Description,Reference\nQ.850,Cause value in decimal representation,[ITU-T Q.850]\n\
             S1AP-TL,Cause value,[3GPP TS 36.413]\nFAILURE_CAUSE,cause value 1: Media bearer lost,[3GPP TS 24.229]\n"
        );
        let again = parse_table("s.csv", &csv, kind("reason-protocols")).unwrap().unwrap();
        assert_eq!(again.records.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3, 4]);
        assert_eq!(table_to_csv(&again), csv);
    }

    #[test]
    fn says_what_is_wrong_with_another_table_and_where() {
        let cases = [
            ("Code,Text\n", "warning-codes", "s:1: the header is \"Code,Text\""),
            (
                "Value,Description,Reference\n99,Low,\n",
                "warning-codes",
                "s:2: value \"99\" is not one of the warning codes, 100..=999",
            ),
            ("Value,Description,Reference\nQ 850,x,\n", "reason-protocols", "s:2: token \"Q 850\" holds ' '"),
            (
                "Value,Description,Reference\nSIP,x,\nSIP,y,\n",
                "reason-protocols",
                "s:3: `SIP` is listed twice; first on line 2",
            ),
            ("Value,Description,Reference\nSIP,x,RFC3261\n", "reason-protocols", "s:2: the reference cell"),
        ];
        for (text, id, expected) in cases {
            let error = parse_table("s", text, kind(id)).unwrap_err();
            assert!(error.starts_with(expected), "{text:?}: {error}");
        }
    }
}
