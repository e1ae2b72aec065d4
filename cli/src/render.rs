//! Answers as terminal text: one code in full, or a list of codes one per line.

use std::io::{self, Write};

use sip_codes::iana::StatusCode;
use textwrap::{Options, WordSplitter};

use crate::notes;
use crate::query::Answer;
use crate::text::{class_range, first_sentence, plain, truncate};
use crate::unregistered::Unknown;

/// Columns a label takes in the full view, indentation included.
const LABEL_WIDTH: usize = 14;
/// Narrowest column left for a list's summaries before they are dropped.
const MIN_SUMMARY: usize = 16;

/// Writes answers as text for people, `width` columns wide. Answers that name no code are
/// left to the caller, which reports them on stderr.
pub fn write_answers(out: &mut impl Write, answers: &[Answer], width: usize) -> io::Result<()> {
    let mut first = true;
    for answer in answers {
        if !answer.answered() {
            continue;
        }
        if !first {
            writeln!(out)?;
        }
        first = false;
        match answer {
            Answer::Code { status, other_phrase } => {
                write_code(out, *status, other_phrase.as_deref(), width)?
            }
            Answer::Unknown(unknown) => write_unknown(out, *unknown, width)?,
            Answer::Class(class, codes) => {
                let header =
                    format!("{} {}: {} ({} codes)", class_range(*class), class, class.meaning(), codes.len());
                for line in textwrap::wrap(&header, options(width)) {
                    writeln!(out, "{line}")?;
                }
                writeln!(out)?;
                write_list(out, codes, Summaries::Cut, width)?;
            }
            Answer::List(codes) => write_list(out, codes, Summaries::Cut, width)?,
            Answer::Search(codes, words) => write_list(out, codes, Summaries::Whole(words), width)?,
            Answer::Reasoned { heading, codes } => {
                writeln!(out, "{heading}:")?;
                let options = options(width).initial_indent("     ").subsequent_indent("     ");
                for (status, why) in codes {
                    writeln!(
                        out,
                        "{}  {}  ({} {})",
                        status.code(),
                        status.reason_phrase(),
                        class_range(status.class()),
                        status.class()
                    )?;
                    for line in textwrap::wrap(why, &options) {
                        writeln!(out, "{line}")?;
                    }
                }
            }
            Answer::Cause { status, why, .. } => {
                for line in textwrap::wrap(why, options(width)) {
                    writeln!(out, "{line}")?;
                }
                if let Some(status) = status {
                    writeln!(out)?;
                    write_code(out, *status, None, width)?;
                }
            }
            Answer::Invalid(_) => {}
        }
    }
    Ok(())
}

/// The full view of one code.
pub fn write_code(
    out: &mut impl Write,
    status: StatusCode,
    other_phrase: Option<&str>,
    width: usize,
) -> io::Result<()> {
    let deprecated = if status.is_deprecated() { "  (deprecated)" } else { "" };
    writeln!(out, "{status}{deprecated}")?;
    write_class(out, status.class(), width)?;
    for (i, reference) in status.references().iter().enumerate() {
        let value = match reference.url {
            Some(url) => format!("{:<9} {url}", reference.title),
            None => reference.title.to_owned(),
        };
        write_field(out, if i == 0 { "Defined in" } else { "" }, &value, width)?;
    }
    if !status.aliases().is_empty() {
        let former: Vec<String> = status.aliases().iter().map(|a| format!("\"{a}\"")).collect();
        write_field(out, "Formerly", &former.join(", "), width)?;
    }
    if let Some(phrase) = other_phrase {
        let note = format!(
            "\"{phrase}\" is not this code's phrase; peers may send any text, only the code carries meaning"
        );
        write_field(out, "Note", &note, width)?;
    }
    if !status.required_headers().is_empty() {
        write_field(out, "Must carry", &status.required_headers().join(", "), width)?;
    }
    if status.allows_retry_after() {
        write_field(out, "Retry-After", "allowed: it says when to try again", width)?;
    }
    if let Some(cause) = status.to_q850() {
        write_field(
            out,
            "Q.850",
            &format!("a gateway releases the call with cause {cause} (RFC 3398)"),
            width,
        )?;
    }
    if let Some(description) = status.description() {
        writeln!(out)?;
        write_paragraph(out, &plain(description), width)?;
    }
    // What to look for in a trace: the code's tip, then what it means for each method.
    for note in crate::notes::every_note(status.code()) {
        writeln!(out)?;
        write_paragraph(out, &note_line(note), width)?;
    }
    Ok(())
}

fn write_unknown(out: &mut impl Write, unknown: Unknown, width: usize) -> io::Result<()> {
    let Unknown::Unregistered { code, class, treated_as } = unknown else {
        // A code outside SIP's range that a stack is known to use locally (pjsip's 7xx).
        if let Unknown::OutOfRange(code) = unknown
            && let Some(seen) = notes::wild(code)
        {
            writeln!(out, "{}", unknown.headline())?;
            write_field(out, "In traces", seen, width)?;
            if let Some(rule) = unknown.rule() {
                writeln!(out)?;
                write_paragraph(out, rule, width)?;
            }
        }
        return Ok(());
    };
    for line in textwrap::wrap(&unknown.headline(), options(width)) {
        writeln!(out, "{line}")?;
    }
    write_class(out, class, width)?;
    if let Some(seen) = notes::wild(code) {
        write_field(out, "In traces", seen, width)?;
    }
    writeln!(out)?;
    if let Some(rule) = unknown.rule() {
        write_paragraph(out, rule, width)?;
    }
    if let Some(description) = treated_as.description() {
        writeln!(out)?;
        let summary = format!("{treated_as}: {}", first_sentence(&plain(description)));
        write_paragraph(out, &summary, width)?;
    }
    Ok(())
}

/// A note as the full view and search results show it: "Tip: ..." or "To INVITE: ...".
pub fn note_line(note: &notes::Note) -> String {
    match &note.method {
        None => format!("Tip: {}", note.text),
        Some(method) => format!("To {method}: {}", note.text),
    }
}

fn write_class(out: &mut impl Write, class: sip_codes::Class, width: usize) -> io::Result<()> {
    let finality = if class.is_final() { "final" } else { "not final" };
    let value = format!("{} {class}, {finality}: {}", class_range(class), class.meaning());
    write_field(out, "Class", &value, width)
}

/// `  Label       value`, the value wrapped under itself.
fn write_field(out: &mut impl Write, label: &str, value: &str, width: usize) -> io::Result<()> {
    let initial = format!("  {label:<width$}", width = LABEL_WIDTH - 2);
    let subsequent = " ".repeat(LABEL_WIDTH);
    let options = options(width).initial_indent(&initial).subsequent_indent(&subsequent);
    for line in textwrap::wrap(value, options) {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

fn write_paragraph(out: &mut impl Write, text: &str, width: usize) -> io::Result<()> {
    let options = options(width).initial_indent("  ").subsequent_indent("  ");
    for line in textwrap::wrap(text, options) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// How a list shows each code's first sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Summaries<'a> {
    /// Cut to the row's width: an overview, one line per code.
    Cut,
    /// Wrapped under itself: results of a search for these words, where the sentence shows
    /// why the code matched, followed by the note that matched when the code's own text
    /// did not.
    Whole(&'a str),
}

/// Wrapping at `width` without breaking words at hyphens ("Request-URI", "Min-SE").
fn options(width: usize) -> Options<'static> {
    Options::new(width).word_splitter(WordSplitter::NoHyphenation)
}

/// One row per code: code, phrase, class when the list spans classes, first sentence cut to
/// fit; or, for [`Summaries::Whole`], code, phrase and class with the sentence wrapped below.
pub fn write_list(
    out: &mut impl Write,
    codes: &[StatusCode],
    summaries: Summaries<'_>,
    width: usize,
) -> io::Result<()> {
    let phrase_of = |s: &StatusCode| {
        if s.is_deprecated() {
            format!("{} (deprecated)", s.reason_phrase())
        } else {
            s.reason_phrase().to_owned()
        }
    };
    let summary_of = |s: &StatusCode| s.description().map(|d| plain(first_sentence(d)));
    if let Summaries::Whole(words) = summaries {
        let options = options(width).initial_indent("     ").subsequent_indent("     ");
        for status in codes {
            writeln!(
                out,
                "{}  {}  ({} {})",
                status.code(),
                phrase_of(status),
                class_range(status.class()),
                status.class()
            )?;
            if let Some(summary) = summary_of(status) {
                for line in textwrap::wrap(&summary, &options) {
                    writeln!(out, "{line}")?;
                }
            }
            if let Some(note) = crate::query::matched_note(*status, words) {
                for line in textwrap::wrap(&note_line(note), &options) {
                    writeln!(out, "{line}")?;
                }
            }
        }
        return Ok(());
    }
    let phrase_width = codes.iter().map(|s| textwrap::core::display_width(&phrase_of(s))).max().unwrap_or(0);
    let mixed = codes.windows(2).any(|w| w[0].class() != w[1].class());
    let class_width = if mixed { codes.iter().map(|s| s.class().name().len()).max().unwrap_or(0) } else { 0 };
    for status in codes {
        let mut row = format!("{}  {:<phrase_width$}", status.code(), phrase_of(status));
        if mixed {
            row.push_str(&format!("  {:<class_width$}", status.class().name()));
        }
        let room = width.saturating_sub(textwrap::core::display_width(&row) + 2);
        match summary_of(status) {
            Some(summary) if room >= MIN_SUMMARY => writeln!(out, "{row}  {}", truncate(&summary, room))?,
            _ => writeln!(out, "{}", row.trim_end())?,
        }
    }
    Ok(())
}

/// The styles of `explain`'s text output, used only when colour is on.
mod style {
    use anstyle::{AnsiColor, Style};

    pub const PROBLEM: Style = AnsiColor::Yellow.on_default().bold();
    pub const CALL: Style = Style::new().bold();
    pub const GOOD: Style = AnsiColor::Green.on_default();
    pub const BAD: Style = AnsiColor::Red.on_default();
    pub const NOTE: Style = AnsiColor::Cyan.on_default();
}

/// `text` in `style` when `color` is on.
fn paint(text: &str, style: anstyle::Style, color: bool) -> String {
    if color { format!("{style}{text}{style:#}") } else { text.to_owned() }
}

/// An explained message's notes under it: `  ^ ` for what it means, `  ! ` for what is wrong.
pub fn write_annotation(
    out: &mut impl Write,
    annotated: &crate::calls::Annotated,
    color: bool,
) -> io::Result<()> {
    use crate::calls::Level;
    for note in &annotated.notes {
        match note.level {
            Level::Info => writeln!(out, "{}", paint(&format!("  ^ {}", note.text), style::NOTE, color))?,
            Level::Problem => {
                writeln!(out, "{}", paint(&format!("  ! {}", note.text), style::PROBLEM, color))?
            }
        }
    }
    Ok(())
}

/// One call's summary: its Call-ID, lines and flow, how it ended, and what was wrong.
pub fn write_call(out: &mut impl Write, call: &crate::calls::Summary, color: bool) -> io::Result<()> {
    let mut flow = call.flow.join(" ");
    if call.flow_dropped > 0 {
        flow.push_str(&format!(" ... ({} more steps not kept)", call.flow_dropped));
    }
    let (first, last) = call.lines;
    let id = crate::text::printable(&call.call_id);
    writeln!(out)?;
    let unit = if call.from_capture { "frames" } else { "lines" };
    writeln!(out, "{}", paint(&format!("call {id} ({unit} {first}-{last}): {flow}"), style::CALL, color))?;
    let outcome = if call.outcome.is_success() { style::GOOD } else { style::BAD };
    writeln!(out, "  = {}", paint(&call.outcome_text, outcome, color))?;
    let timing = &call.timing;
    let mut times = Vec::new();
    if let Some(s) = timing.post_dial_delay {
        times.push(format!("post-dial delay {s} s"));
    }
    if let Some(s) = timing.answer_time {
        times.push(format!("answered after {s} s"));
    }
    if let Some(s) = timing.duration {
        times.push(format!("lasted {s} s to the BYE"));
    }
    if let Some(s) = timing.time_to_failure {
        times.push(format!("failed after {s} s"));
    }
    if !times.is_empty() {
        writeln!(out, "  ~ {}", times.join(", "))?;
    }
    for run in &timing.retransmission_runs {
        let over = run.over.map(|s| format!(" over {s} s")).unwrap_or_default();
        writeln!(out, "  ~ {} (CSeq {}) sent {} times{over}", run.method, run.cseq, run.sent)?;
    }
    if call.retransmissions > 0 {
        let plural = if call.retransmissions == 1 { "" } else { "s" };
        writeln!(out, "  ~ {} retransmission{plural}, counted and not read again", call.retransmissions)?;
    }
    if call.double_answers > 0 {
        let plural = if call.double_answers == 1 { "" } else { "s" };
        writeln!(out, "  ~ answered {} more time{plural} by other branches of a fork", call.double_answers)?;
    }
    for problem in &call.problems {
        writeln!(out, "{}", paint(&format!("  ! {problem}"), style::PROBLEM, color))?;
    }
    if call.problems_dropped > 0 {
        writeln!(
            out,
            "{}",
            paint(&format!("  ! ... and {} more problems", call.problems_dropped), style::PROBLEM, color)
        )?;
    }
    if let Some(early) = &call.early {
        writeln!(out, "  ({early})")?;
    }
    Ok(())
}
