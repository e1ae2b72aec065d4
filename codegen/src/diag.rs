//! Problems found in spec files, located as `path:line:col`.

use std::fmt;
use std::sync::Arc;

/// A place in a spec file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Which of the merged spec files, by position in the invocation (0 for the first).
    pub file: usize,
    /// The file's path as shown to the user.
    pub path: Arc<str>,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `source`.
    ///
    /// Scans `source`: the spec reader locates its many offsets with one shared line index
    /// instead.
    pub fn at(file: usize, path: &Arc<str>, source: &str, offset: usize) -> Location {
        LineIndex::new(source).location(file, path, offset)
    }

    /// The start of a file, for problems that belong to the file as a whole.
    pub fn start_of(file: usize, path: &Arc<str>) -> Location {
        Location { file, path: Arc::clone(path), line: 1, column: 1 }
    }
}

/// Bytes per block of [`LineIndex::chars_before`]: a lookup counts at most this many bytes.
const BLOCK: usize = 64;

/// Turns byte offsets in one source into lines and columns, each lookup in O(log n) time
/// after one O(n) pass, so that a spec with many problems is located in linear time overall.
pub(crate) struct LineIndex<'a> {
    source: &'a str,
    /// The byte offset where each line starts; the first is 0.
    line_starts: Vec<usize>,
    /// How many characters start before each `BLOCK`-byte block, plus the total at the end.
    chars_before: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `source`.
    pub(crate) fn new(source: &'a str) -> Self {
        let bytes = source.as_bytes();
        let line_starts = std::iter::once(0)
            .chain(bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1))
            .collect();
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 2);
        let mut chars = 0;
        for block in bytes.chunks(BLOCK) {
            chars_before.push(chars);
            chars += count_chars(block);
        }
        chars_before.push(chars);
        LineIndex { source, line_starts, chars_before }
    }

    /// The location of byte `offset`; an offset past the end or inside a character moves
    /// back to the nearest character boundary.
    pub(crate) fn location(&self, file: usize, path: &Arc<str>, offset: usize) -> Location {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        // Lines that start at or before `offset`: at least the first.
        let line = self.line_starts.partition_point(|start| *start <= offset);
        let line_start = self.line_starts[line - 1];
        Location {
            file,
            path: Arc::clone(path),
            line,
            column: self.chars_to(offset) - self.chars_to(line_start) + 1,
        }
    }

    /// Characters in `source[..offset]`, for a character boundary `offset`.
    fn chars_to(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        self.chars_before[block] + count_chars(&self.source.as_bytes()[block * BLOCK..offset])
    }
}

/// Characters that start in `bytes`: every byte but UTF-8 continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|b| (**b as i8) >= -0x40).count()
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path, self.line, self.column)
    }
}

/// One problem in a spec: displays as `path:line:col: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for Diagnostic {}

impl Diagnostic {
    fn order_key(&self) -> (usize, usize, usize) {
        (self.location.file, self.location.line, self.location.column)
    }
}

/// Every problem found while loading specs, in the spirit of serde_derive's `Ctxt`: each pass
/// reports into it and carries on, and the caller turns the whole lot into one report.
///
/// Memory is bounded by the cap, not by the input: past `cap` problems only the ones that
/// come first in the files (by file, line, column) are kept, and the rest are counted.
#[derive(Clone, Debug)]
pub struct Diagnostics {
    kept: Vec<Diagnostic>,
    omitted: usize,
    cap: usize,
}

impl Default for Diagnostics {
    fn default() -> Self {
        Diagnostics::with_cap(crate::MAX_REPORTED)
    }
}

impl Diagnostics {
    /// A collector that keeps the first `cap` problems and counts the others.
    pub fn with_cap(cap: usize) -> Self {
        Diagnostics { kept: Vec::new(), omitted: 0, cap }
    }

    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.kept.len() < self.cap {
            self.kept.push(diagnostic);
            return;
        }
        self.omitted += 1;
        // Keep the ones that come first in the files: replace the latest kept one if this
        // one comes before it. The scan is over at most `cap` entries.
        let Some((latest, _)) = self.kept.iter().enumerate().max_by_key(|(_, d)| d.order_key()) else {
            return;
        };
        if diagnostic.order_key() < self.kept[latest].order_key() {
            self.kept[latest] = diagnostic;
        }
    }

    /// Records a problem at `location`.
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic { location, message: message.into() });
    }

    /// Problems that are counted but not kept.
    pub fn add_omitted(&mut self, count: usize) {
        self.omitted += count;
    }

    /// Whether no problem was found.
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.omitted == 0
    }

    /// How many problems were found, kept or not.
    pub fn len(&self) -> usize {
        self.kept.len() + self.omitted
    }

    /// How many problems were found beyond the kept ones.
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// The kept problems in file order.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut kept = self.kept.clone();
        kept.sort_by_key(Diagnostic::order_key);
        kept
    }

    /// The kept problems in file order.
    pub fn iter(&self) -> impl Iterator<Item = Diagnostic> {
        self.sorted().into_iter()
    }

    /// Adds another collector's problems.
    pub fn extend(&mut self, other: Diagnostics) {
        self.omitted += other.omitted;
        for diagnostic in other.kept {
            self.push(diagnostic);
        }
    }

    /// One line per kept problem, and a last line counting the others.
    pub fn report(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.iter().map(|d| d.to_string()).collect();
        if self.omitted > 0 {
            lines.push(more_problems(self.omitted, self.kept.len()));
        }
        lines
    }
}

/// The line that counts the problems a report leaves out.
pub fn more_problems(omitted: usize, shown: usize) -> String {
    format!(
        "... and {omitted} more problem{} in the spec files (only the first {shown} are shown)",
        if omitted == 1 { "" } else { "s" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_characters_from_one() {
        let path: Arc<str> = "spec.toml".into();
        let source = "a = 1\nré = 2\n";
        assert_eq!(Location::at(0, &path, source, 0).to_string(), "spec.toml:1:1");
        assert_eq!(Location::at(0, &path, source, 6).to_string(), "spec.toml:2:1");
        // "é" is two bytes but one column.
        assert_eq!(Location::at(0, &path, source, 9).to_string(), "spec.toml:2:3");
        assert_eq!(Location::at(0, &path, source, 999).to_string(), "spec.toml:3:1");
        // Inside "é": back to its start.
        assert_eq!(Location::at(0, &path, source, 8).to_string(), "spec.toml:2:2");
    }

    #[test]
    fn index_agrees_with_a_plain_count_across_blocks() {
        let path: Arc<str> = "spec.toml".into();
        // Lines longer than a block, multi-byte characters straddling block edges, a final
        // line without a newline.
        let source = format!("{}\n\n{}é\nx", "ü".repeat(100), "a".repeat(63));
        let index = LineIndex::new(&source);
        for offset in (0..=source.len() + 1).filter(|o| source.is_char_boundary(*o) || *o > source.len()) {
            let before = &source[..offset.min(source.len())];
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let expected = (before.matches('\n').count() + 1, before[line_start..].chars().count() + 1);
            let found = index.location(0, &path, offset);
            assert_eq!((found.line, found.column), expected, "offset {offset}");
        }
    }
}
