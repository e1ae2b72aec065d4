//! Turning the spec's Markdown descriptions into terminal text.

use sip_codes::Class;

/// Abbreviations whose final period does not end a sentence.
const ABBREVIATIONS: [&str; 5] = ["e.g", "i.e", "etc", "cf", "vs"];

/// The description as plain text: the spec's Markdown uses only inline code spans.
pub fn plain(markdown: &str) -> String {
    markdown.replace('`', "")
}

/// The first sentence of `text`, period included, or all of it when it has one sentence.
pub fn first_sentence(text: &str) -> &str {
    for (at, _) in text.match_indices(['.', '!', '?']) {
        let after = &text[at + 1..];
        let Some(rest) = after.strip_prefix(' ') else {
            continue;
        };
        let starts_sentence = rest.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let word = text[..at].rsplit([' ', '(']).next().unwrap_or_default();
        if starts_sentence && !ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str()) {
            return &text[..=at];
        }
    }
    text
}

/// The class as a code range, e.g. `"4xx"`.
pub fn class_range(class: Class) -> String {
    format!("{}xx", class.digit())
}

/// `text` cut to `width` columns, ending in an ellipsis when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if textwrap::core::display_width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = textwrap::core::display_width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push('…');
    out
}

/// Text that came from the outside (a trace) made safe to print on a terminal: control
/// characters, escape sequences among them, become `.` as `tcpdump -A` shows them.
pub fn printable(text: &str) -> String {
    text.chars().map(|c| if c.is_control() && c != '\t' { '.' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_skips_abbreviations_and_section_numbers() {
        assert_eq!(first_sentence("One, e.g. voicemail. Two."), "One, e.g. voicemail.");
        assert_eq!(first_sentence("See §8.1.3.2 of it. Then."), "See §8.1.3.2 of it.");
        assert_eq!(first_sentence("Only one"), "Only one");
        assert_eq!(first_sentence("Ends here. lower case goes on. Next"), "Ends here. lower case goes on.");
    }

    #[test]
    fn plain_drops_code_spans() {
        assert_eq!(plain("may carry `Retry-After`"), "may carry Retry-After");
    }

    #[test]
    fn truncate_marks_the_cut() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("a longer sentence", 10), "a longer…");
    }

    #[test]
    fn printable_neutralises_escape_sequences() {
        assert_eq!(printable("a\u{1b}[31mb\tc\0"), "a.[31mb\tc.");
    }
}
