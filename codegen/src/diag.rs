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
    pub fn at(file: usize, path: &Arc<str>, source: &str, offset: usize) -> Location {
        let mut offset = offset.min(source.len());
        while !source.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &source[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Location {
            file,
            path: Arc::clone(path),
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
        }
    }

    /// The start of a file, for problems that belong to the file as a whole.
    pub fn start_of(file: usize, path: &Arc<str>) -> Location {
        Location { file, path: Arc::clone(path), line: 1, column: 1 }
    }
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
    }
}
