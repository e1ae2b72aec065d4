//! A spec file as a tree of spanned values: `toml`'s `DeTable` (TOML 1.1, with spans), in
//! the small shape the spec reader walks, tables in file order.
//!
//! Two bounds come before `toml` sees a byte, so that no document, legal or hostile, can
//! overflow a stack or hold memory beyond the file's size: [`MAX_DEPTH`] on how deep tables,
//! arrays and dotted keys nest, checked by a scan of the text, and a syntax pass of
//! `toml_parser` (which `toml` itself runs on) that keeps the first errors and counts the
//! rest, so a megabyte of broken lines is reported line by line at a cost that follows the
//! cap. Only a document without syntax errors is built; `toml` then reports its first
//! semantic error (a key defined twice, a table reopened).

use std::ops::Range;

use toml::de::{DeTable, DeValue};
use toml_parser::parser::{RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, Expected, ParseError, Source};

/// How deeply tables, arrays and dotted keys may nest, counting every `[`, `{` and `.`
/// outside strings and comments. A spec needs four (`[[code.header]]`); `toml` and dropping
/// its tree recurse once per level, so this keeps a 2 MiB thread's stack far from full.
pub const MAX_DEPTH: usize = 64;

/// A value and where it is in the source, as a byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Spanned<T> {
    pub span: Range<usize>,
    pub value: T,
}

impl<T> Spanned<T> {
    /// The value.
    pub fn get_ref(&self) -> &T {
        &self.value
    }

    /// Where the value is, as a byte range of the source.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

/// A TOML value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// The decoded string.
    String(String),
    Integer(Integer),
    Float,
    Boolean(bool),
    Datetime,
    Array(Vec<Spanned<Value>>),
    Table(Table),
}

impl Value {
    /// The value's type as `toml`'s `DeValue::type_str` names it.
    pub fn type_str(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer(_) => "integer",
            Value::Float => "float",
            Value::Boolean(_) => "boolean",
            Value::Datetime => "datetime",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }
}

/// An integer as `toml` decodes it: sign kept, `0x`/`0o`/`0b` prefix and `_` separators
/// dropped, so the digits are what `i64::from_str_radix(digits, radix)` takes. Its range is
/// the reader's to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Integer {
    digits: String,
    radix: u32,
}

impl Integer {
    /// The digits, in [`Integer::radix`], with their sign.
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// 10, 16, 8 or 2.
    pub fn radix(&self) -> u32 {
        self.radix
    }
}

/// A table: its entries in the order their keys appear in the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Table {
    entries: Vec<(Spanned<String>, Spanned<Value>)>,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Spanned<Value>> {
        self.entries.iter().find(|(k, _)| k.value == key).map(|(_, value)| value)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
}

impl<'t> IntoIterator for &'t Table {
    type Item = (&'t Spanned<String>, &'t Spanned<Value>);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'t, (Spanned<String>, Spanned<Value>)>,
        fn(&'t (Spanned<String>, Spanned<Value>)) -> Self::Item,
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(key, value)| (key, value))
    }
}

/// One problem that keeps the document from being read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TomlError {
    pub span: Range<usize>,
    pub message: String,
}

/// Parses a whole document. Returns the root table, or at most `max_errors` problems (in
/// file order) and the count of those beyond them.
pub(crate) fn parse(source: &str, max_errors: usize) -> Result<Table, (Vec<TomlError>, usize)> {
    if let Some(at) = too_deep(source) {
        let message = format!("it nests tables, arrays and dotted keys more than {MAX_DEPTH} levels deep");
        return Err((vec![TomlError { span: at..at, message }], 0));
    }
    let mut errors = Errors { kept: Vec::new(), max: max_errors, total: 0 };
    {
        let toml = Source::new(source);
        let tokens: Vec<_> = toml.lex().collect();
        let mut events = ();
        let mut validate = ValidateWhitespace::new(&mut events, toml);
        let mut guard = RecursionGuard::new(&mut validate, MAX_DEPTH as u32);
        toml_parser::parser::parse_document(&tokens, &mut guard, &mut errors);
    }
    if errors.total > 0 {
        let dropped = errors.total - errors.kept.len();
        return Err((errors.kept, dropped));
    }
    match DeTable::parse(source) {
        Ok(root) => Ok(table(root.into_inner())),
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            Err((vec![TomlError { span, message: error.message().trim_end().to_owned() }], 0))
        }
    }
}

fn table(table: DeTable<'_>) -> Table {
    let mut entries: Vec<(Spanned<String>, Spanned<Value>)> = table
        .into_iter()
        .map(|(key, value)| {
            let key = Spanned { span: key.span(), value: key.into_inner().into_owned() };
            (key, spanned(value))
        })
        .collect();
    // `toml`'s map is ordered by key; the reader reports in file order.
    entries.sort_by_key(|(key, _)| key.span.start);
    Table { entries }
}

fn spanned(value: toml::Spanned<DeValue<'_>>) -> Spanned<Value> {
    let span = value.span();
    let value = match value.into_inner() {
        DeValue::String(s) => Value::String(s.into_owned()),
        DeValue::Integer(i) => Value::Integer(Integer { digits: i.as_str().to_owned(), radix: i.radix() }),
        DeValue::Float(_) => Value::Float,
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(_) => Value::Datetime,
        DeValue::Array(items) => Value::Array(items.into_iter().map(spanned).collect()),
        DeValue::Table(t) => Value::Table(table(t)),
    };
    Spanned { span, value }
}

/// Where the text first nests deeper than [`MAX_DEPTH`]: every `[` and `{` opens a level
/// until its bracket closes, and every `.` of a line adds one (a dotted key's parts; a float's
/// or a date's point is counted too, harmlessly). Strings and comments are skipped.
fn too_deep(source: &str) -> Option<usize> {
    let bytes = source.as_bytes();
    let (mut brackets, mut dots) = (0usize, 0usize);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'#' => {
                while bytes.get(at).is_some_and(|&b| b != b'\n') {
                    at += 1;
                }
                continue;
            }
            b'"' | b'\'' => {
                at = string_end(bytes, at);
                continue;
            }
            b'\n' => dots = 0,
            b'.' => dots += 1,
            b'[' | b'{' => brackets += 1,
            b']' | b'}' => brackets = brackets.saturating_sub(1),
            _ => {}
        }
        if brackets + dots > MAX_DEPTH {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// The offset after the string that starts at `start` (`"`, `'`, `"""` or `'''`), or the
/// end of the text if it does not close.
fn string_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let multiline = bytes.get(start..start + 3).is_some_and(|q| q.iter().all(|&b| b == quote));
    let mut at = start + if multiline { 3 } else { 1 };
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'\\' if quote == b'"' => at += 1,
            b'\n' if !multiline => return at,
            _ if byte == quote => {
                if !multiline {
                    return at + 1;
                }
                if bytes.get(at..at + 3).is_some_and(|q| q.iter().all(|&b| b == quote)) {
                    // Up to two more quotes may close the string as its content.
                    let mut end = at + 3;
                    while end < at + 5 && bytes.get(end) == Some(&quote) {
                        end += 1;
                    }
                    return end;
                }
            }
            _ => {}
        }
        at += 1;
    }
    bytes.len()
}

/// Keeps the first `max` errors and counts them all.
struct Errors {
    kept: Vec<TomlError>,
    max: usize,
    total: usize,
}

impl ErrorSink for Errors {
    fn report_error(&mut self, error: ParseError) {
        self.total += 1;
        if self.kept.len() < self.max {
            let span = error.unexpected().or(error.context()).unwrap_or_default();
            self.kept.push(TomlError { span: span.start()..span.end(), message: describe(&error) });
        }
    }
}

/// The message as `toml` words it: the description, then what was expected.
fn describe(error: &ParseError) -> String {
    let mut message = error.description().to_owned();
    if let Some(expected) = error.expected() {
        message.push_str(", expected ");
        if expected.is_empty() {
            message.push_str("nothing");
        }
        for (i, expected) in expected.iter().enumerate() {
            if i > 0 {
                message.push_str(", ");
            }
            match expected {
                Expected::Literal("\n") => message.push_str("newline"),
                Expected::Literal(literal) if literal.chars().all(|c| c.is_ascii_control()) => {
                    message.push_str(&format!("`{}`", literal.escape_debug()));
                }
                Expected::Literal(literal) => message.push_str(&format!("`{literal}`")),
                Expected::Description(description) => message.push_str(description),
                _ => message.push_str("etc"),
            }
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> Table {
        parse(source, 20).unwrap_or_else(|(errors, _)| panic!("{errors:?}"))
    }

    #[test]
    fn keeps_file_order_spans_and_decoded_values() {
        let source =
            "[registry]\nname = \"R\"\n\n[[code]]\ncode = 0x1E6\nreason = 'Busy Here'\nz = 1_000\na = true\n";
        let root = read(source);
        let keys: Vec<&str> = (&root).into_iter().map(|(k, _)| k.value.as_str()).collect();
        assert_eq!(keys, ["registry", "code"]);
        let Value::Array(codes) = root.get("code").unwrap().get_ref() else { panic!("an array") };
        let Value::Table(code) = codes[0].get_ref() else { panic!("a table") };
        let keys: Vec<&str> = code.into_iter().map(|(k, _)| k.value.as_str()).collect();
        assert_eq!(keys, ["code", "reason", "z", "a"], "file order, not the map's");
        let Value::Integer(integer) = code.get("code").unwrap().get_ref() else { panic!("an integer") };
        assert_eq!((integer.as_str(), integer.radix()), ("1E6", 16));
        let value = code.get("reason").unwrap();
        assert_eq!(value.get_ref(), &Value::String("Busy Here".into()));
        assert_eq!(&source[value.span()], "'Busy Here'");
    }

    #[test]
    fn syntax_errors_are_capped_and_counted() {
        let (kept, dropped) = parse(&"= =\n".repeat(1000), 20).unwrap_err();
        assert_eq!(kept.len(), 20);
        assert!(dropped >= 1000 - 20, "{dropped}");
        assert!(kept.windows(2).all(|pair| pair[0].span.start <= pair[1].span.start));
    }

    #[test]
    fn semantic_errors_come_from_toml() {
        let (kept, _) = parse("a = 1\na = 2\n", 20).unwrap_err();
        assert_eq!(kept.len(), 1);
        assert!(kept[0].message.contains("duplicate key"), "{kept:?}");
        assert_eq!(kept[0].span.start, 6);
    }

    #[test]
    fn depth_is_bounded_before_parsing() {
        let deepest = format!("a = {}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parse(&deepest, 20).is_ok());
        let deeper = format!("a = {}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        let (kept, _) = parse(&deeper, 20).unwrap_err();
        assert_eq!(kept[0].span.start, 4 + MAX_DEPTH);
        assert!(kept[0].message.contains("more than 64 levels"));
        let dotted = format!("{} = 1", vec!["a"; MAX_DEPTH + 2].join("."));
        assert!(parse(&dotted, 20).is_err());
        // Brackets, dots and quotes in strings and comments do not count.
        let quoted = format!(
            "a = \"{0}\"\nb = '{0}'\nc = \"\"\"{0}\n\"\"\"\"\nd = '''{0}'''\n# {0}\n",
            "[{.".repeat(100)
        );
        assert!(parse(&quoted, 20).is_ok(), "{:?}", parse(&quoted, 20).err());
    }
}
