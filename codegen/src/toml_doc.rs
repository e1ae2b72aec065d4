//! A TOML document builder on `toml_parser`'s event parser.
//!
//! `toml_parser` lexes, parses tokens into events with spans, and decodes keys and scalars.
//! This module builds the tree from those events and checks what the parser leaves to its
//! user: duplicate keys, tables defined twice, headers and dotted keys that reach into values
//! that cannot be extended, and the date-times the decoder passes through unchecked. The
//! semantics follow `toml::de::DeTable` (TOML 1.1 as `toml` 1.2 reads it), which the tests
//! compare against.
//!
//! Unlike `DeTable::parse_recoverable`, the tree is built straight from the event stream (no
//! buffer of events) and only the first `max_errors` errors are kept; the rest are counted.
//! What a hostile file can make us hold is the source, its tokens (24 bytes each) and the
//! capped errors.

use std::collections::HashMap;
use std::fmt::{self, Write as _};
use std::mem;
use std::ops::Range;

use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, Expected, ParseError, Raw, Source, Span};

/// How deep arrays and inline tables may nest, as in `toml`.
const MAX_NESTING: u32 = 80;
/// How many parts a dotted key or a header may have, as in `toml`.
const MAX_KEY_PARTS: usize = 80;
/// How deep the tree may get once headers, dotted keys and nested values add up. Dropping the
/// tree recurses, so this keeps even a small thread's stack safe.
const MAX_DEPTH: usize = 256;
/// Tables with more entries than this look keys up through a hash index.
const INDEXED_LEN: usize = 8;

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
    /// The float as decoded: `_` separators dropped, e.g. `1000.5`, `-inf`, `nan`.
    Float(String),
    Boolean(bool),
    /// The date-time as written (it is checked, not converted).
    Datetime(String),
    Array(Vec<Spanned<Value>>),
    Table(Table),
}

impl Value {
    /// The value's type as `toml`'s `DeValue::type_str` names it.
    pub fn type_str(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Integer(_) => "integer",
            Value::Float(_) => "float",
            Value::Boolean(_) => "boolean",
            Value::Datetime(_) => "datetime",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }

    #[cfg(test)]
    pub fn as_integer(&self) -> Option<&Integer> {
        match self {
            Value::Integer(i) => Some(i),
            _ => None,
        }
    }

    #[cfg(test)]
    pub fn as_array(&self) -> Option<&[Spanned<Value>]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    #[cfg(test)]
    pub fn as_table(&self) -> Option<&Table> {
        match self {
            Value::Table(table) => Some(table),
            _ => None,
        }
    }
}

/// An integer as `toml_parser` decodes it: sign kept, `0x`/`0o`/`0b` prefix and `_`
/// separators dropped, so `raw` is what `i64::from_str_radix(raw, radix)` takes (the same
/// text as `toml`'s `DeInteger::as_str`). Its range is not checked: see [`Integer::value`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Integer {
    raw: String,
    radix: u32,
}

impl Integer {
    /// The value, or `None` if it does not fit an `i64`.
    #[cfg(test)]
    pub fn value(&self) -> Option<i64> {
        i64::from_str_radix(&self.raw, self.radix).ok()
    }

    /// The digits, in [`Integer::radix`], with their sign.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// 10, 16, 8 or 2.
    pub fn radix(&self) -> u32 {
        self.radix
    }
}

/// A table: its entries in the order their keys first appear.
#[derive(Clone, Default)]
pub(crate) struct Table {
    entries: Vec<Entry>,
    /// Key to position, once the table has more than [`INDEXED_LEN`] entries.
    index: Option<HashMap<String, usize>>,
}

#[derive(Clone)]
pub(crate) struct Entry {
    key: Spanned<String>,
    value: Spanned<Value>,
    origin: Origin,
}

/// How an entry came to be, which decides what may extend it later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    /// Written after `=`: a scalar, an array or an inline table. Nothing extends it.
    Value,
    /// A table created on a header's path (`a` for `[a.b]`); `[a]` may still define it.
    Implicit,
    /// A table created or extended by dotted keys (`a` for `a.b = 1`); no header may define
    /// it, though headers may define tables inside it.
    Dotted,
    /// A table defined by its own `[header]`; dotted keys may not extend it.
    Header,
    /// An array of tables, one element per `[[header]]`.
    ArrayOfTables,
}

impl Table {
    /// The entries, in the order their keys first appear.
    pub fn iter(&self) -> impl Iterator<Item = (&Spanned<String>, &Spanned<Value>)> {
        self.entries.iter().map(|entry| (&entry.key, &entry.value))
    }

    pub fn get(&self, key: &str) -> Option<&Spanned<Value>> {
        self.find(key).and_then(|i| self.entries.get(i)).map(|entry| &entry.value)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    fn find(&self, key: &str) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.entries.iter().position(|entry| entry.key.value == key),
        }
    }

    /// Appends an entry whose key is not in the table yet; returns its position.
    fn push(&mut self, key: Spanned<String>, value: Spanned<Value>, origin: Origin) -> usize {
        let position = self.entries.len();
        if let Some(index) = &mut self.index {
            index.insert(key.value.clone(), position);
        }
        self.entries.push(Entry { key, value, origin });
        if self.index.is_none() && self.entries.len() > INDEXED_LEN {
            let index = self.entries.iter().enumerate().map(|(i, e)| (e.key.value.clone(), i)).collect();
            self.index = Some(index);
        }
        position
    }
}

impl<'t> IntoIterator for &'t Table {
    type Item = (&'t Spanned<String>, &'t Spanned<Value>);
    type IntoIter = std::iter::Map<std::slice::Iter<'t, Entry>, fn(&'t Entry) -> Self::Item>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|entry| (&entry.key, &entry.value))
    }
}

impl PartialEq for Table {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl Eq for Table {}

impl fmt::Debug for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// One problem in a document: a syntax error from `toml_parser` or a semantic one found here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TomlError {
    pub span: Range<usize>,
    pub message: String,
}

/// Parses a whole document. Returns the root table (None if there were errors) and at most
/// `max_errors` errors, plus the count of errors beyond them.
///
/// Errors come in file order, each spanned on what is wrong (the offending key for the
/// semantic ones). Besides the source and the tree, memory holds the tokens (24 bytes each,
/// about one per byte for the worst inputs) while parsing, and the kept errors.
pub(crate) fn parse(source: &str, max_errors: usize) -> (Option<Spanned<Table>>, Vec<TomlError>, usize) {
    let toml = Source::new(source);
    // Counted first so the buffer is allocated once at its exact size: growing it by doubling
    // would briefly hold three times the tokens.
    let count = toml.lex().count();
    let mut tokens = Vec::with_capacity(count);
    tokens.extend(toml.lex());

    let mut errors = Errors { kept: Vec::new(), max: max_errors, total: 0 };
    let mut builder = Builder::new(source);
    {
        let mut validate = ValidateWhitespace::new(&mut builder, toml);
        let mut guard = RecursionGuard::new(&mut validate, MAX_NESTING);
        toml_parser::parser::parse_document(&tokens, &mut guard, &mut errors);
    }
    drop(tokens);
    let dropped = errors.total - errors.kept.len();
    let root = (errors.total == 0).then_some(Spanned { span: 0..source.len(), value: builder.root });
    (root, errors.kept, dropped)
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
                    let _ = write!(message, "`{}`", literal.escape_debug());
                }
                Expected::Literal(literal) => {
                    let _ = write!(message, "`{literal}`");
                }
                Expected::Description(description) => message.push_str(description),
                _ => message.push_str("etc"),
            }
        }
    }
    message
}

fn report(error: &mut dyn ErrorSink, span: &Range<usize>, message: String) {
    error.report_error(ParseError::new(message).with_unexpected(Span::new_unchecked(span.start, span.end)));
}

/// A key as written: its decoded parts, `a.b.c` for `a . "b" . c`.
type Key = Vec<Spanned<String>>;

/// An array or inline table whose closing bracket has not come yet.
enum Frame {
    Array { start: usize, depth: usize, items: Vec<Spanned<Value>> },
    Inline { start: usize, depth: usize, table: Table, key: Option<Key> },
}

impl Frame {
    fn depth(&self) -> usize {
        match self {
            Frame::Array { depth, .. } | Frame::Inline { depth, .. } => *depth,
        }
    }
}

/// Receives the parser's events and builds the tree.
///
/// A key's parts gather in `key` until a `=` (a key-value pair's key) or a header's closing
/// bracket (a header's path) takes them. A value completes on its scalar or its closing
/// bracket and goes to the innermost open array or inline table, or else to the table of the
/// last header.
struct Builder<'s> {
    source: &'s str,
    root: Table,
    /// The table that key-value pairs go to: its steps from the root (an entry's position in
    /// its table; an array of tables is entered at its last element). `None` after a header
    /// with an error, whose pairs go to `detached` to be checked and dropped.
    current: Option<Vec<usize>>,
    /// An upper bound on the depth of the current table.
    current_depth: usize,
    detached: Table,
    /// The open header: where it starts and whether it is `[[...]]`.
    header: Option<(usize, bool)>,
    key: Key,
    /// How many parts the key has, counting those past [`MAX_KEY_PARTS`] that are not kept.
    key_parts: usize,
    key_end: usize,
    /// Whether a part of the key had a syntax error.
    key_broken: bool,
    /// Whether a `.` came after the last key part, so the next part continues the key.
    key_continues: bool,
    /// The key of a top-level key-value pair waiting for its value.
    pending: Option<Key>,
    frames: Vec<Frame>,
}

impl<'s> Builder<'s> {
    fn new(source: &'s str) -> Self {
        Builder {
            source,
            root: Table::default(),
            current: Some(Vec::new()),
            current_depth: 0,
            detached: Table::default(),
            header: None,
            key: Vec::new(),
            key_parts: 0,
            key_end: 0,
            key_broken: false,
            key_continues: false,
            pending: None,
            frames: Vec::new(),
        }
    }

    fn raw(&self, span: Span, encoding: Option<Encoding>) -> Raw<'s> {
        let text = self.source.get(span.start()..span.end()).unwrap_or("");
        Raw::new_unchecked(text, encoding, span)
    }

    fn take_key(&mut self, error: &mut dyn ErrorSink) -> Option<Key> {
        let key = mem::take(&mut self.key);
        let parts = mem::replace(&mut self.key_parts, 0);
        let broken = mem::replace(&mut self.key_broken, false);
        self.key_continues = false;
        if broken {
            return None;
        }
        if parts > MAX_KEY_PARTS {
            let start = key.first().map_or(self.key_end, |part| part.span.start);
            let message = format!("a key may have at most {MAX_KEY_PARTS} parts; this one has {parts}");
            report(error, &(start..self.key_end), message);
            return None;
        }
        (!key.is_empty()).then_some(key)
    }

    fn open_header(&mut self, span: Span, is_array: bool) {
        self.header = Some((span.start(), is_array));
        self.key.clear();
        self.key_parts = 0;
        self.key_broken = false;
        self.key_continues = false;
        self.pending = None;
        // Until the header proves good, pairs are checked but kept nowhere.
        self.current = None;
        self.current_depth = 0;
        self.detached = Table::default();
    }

    fn close_header(&mut self, span: Span, error: &mut dyn ErrorSink) {
        let Some((start, is_array)) = self.header.take() else { return };
        let Some(key) = self.take_key(error) else { return };
        let mut steps = Vec::with_capacity(key.len());
        if define_table(&mut self.root, key, start..span.end(), is_array, &mut steps, error) {
            self.current_depth = 2 * steps.len();
            self.current = Some(steps);
        }
    }

    /// The depth at which a value that completes now would sit.
    fn value_depth(&self) -> usize {
        match self.frames.last() {
            Some(Frame::Array { depth, .. }) => depth + 1,
            Some(Frame::Inline { depth, key, .. }) => depth + key.as_ref().map_or(1, Vec::len),
            None => self.current_depth + self.pending.as_ref().map_or(1, Vec::len),
        }
    }

    fn open(&mut self, frame: Frame, span: Span, error: &mut dyn ErrorSink) -> bool {
        let depth = frame.depth();
        self.frames.push(frame);
        if depth > MAX_DEPTH {
            report(error, &(span.start()..span.end()), format!("values nest deeper than {MAX_DEPTH} levels"));
            return false;
        }
        true
    }

    /// Hands a finished value to the innermost open array or inline table, or to the current
    /// table.
    fn complete(&mut self, value: Spanned<Value>, error: &mut dyn ErrorSink) {
        match self.frames.last_mut() {
            Some(Frame::Array { items, .. }) => items.push(value),
            Some(Frame::Inline { table, key, depth, .. }) => {
                if let Some(key) = key.take() {
                    insert(table, *depth, key, value, error);
                }
            }
            None => {
                let Some(key) = self.pending.take() else { return };
                let table = match &self.current {
                    Some(steps) => table_at(&mut self.root, steps),
                    None => None,
                };
                let table = match table {
                    Some(table) => table,
                    None => &mut self.detached,
                };
                insert(table, self.current_depth, key, value, error);
            }
        }
    }

    fn close(&mut self, span: Span, error: &mut dyn ErrorSink) {
        let Some(frame) = self.frames.pop() else { return };
        let value = match frame {
            Frame::Array { start, items, .. } => {
                Spanned { span: start..span.end(), value: Value::Array(items) }
            }
            Frame::Inline { start, table, .. } => {
                Spanned { span: start..span.end(), value: Value::Table(table) }
            }
        };
        self.complete(value, error);
    }
}

impl EventReceiver for Builder<'_> {
    fn std_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(span, false);
    }

    fn std_table_close(&mut self, span: Span, error: &mut dyn ErrorSink) {
        self.close_header(span, error);
    }

    fn array_table_open(&mut self, span: Span, _error: &mut dyn ErrorSink) {
        self.open_header(span, true);
    }

    fn array_table_close(&mut self, span: Span, error: &mut dyn ErrorSink) {
        self.close_header(span, error);
    }

    fn inline_table_open(&mut self, span: Span, error: &mut dyn ErrorSink) -> bool {
        let frame = Frame::Inline {
            start: span.start(),
            depth: self.value_depth(),
            table: Table::default(),
            key: None,
        };
        self.open(frame, span, error)
    }

    fn inline_table_close(&mut self, span: Span, error: &mut dyn ErrorSink) {
        self.close(span, error);
    }

    fn array_open(&mut self, span: Span, error: &mut dyn ErrorSink) -> bool {
        let frame = Frame::Array { start: span.start(), depth: self.value_depth(), items: Vec::new() };
        self.open(frame, span, error)
    }

    fn array_close(&mut self, span: Span, error: &mut dyn ErrorSink) {
        self.close(span, error);
    }

    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        if !self.key_continues {
            self.key.clear();
            self.key_parts = 0;
            self.key_broken = false;
        }
        self.key_continues = false;
        let mut decoded = String::new();
        let mut broken = false;
        let mut sink = |problem: ParseError| {
            broken = true;
            error.report_error(problem);
        };
        self.raw(span, encoding).decode_key(&mut decoded, &mut sink);
        // A key with a syntax error (the parser stands in an empty one where a key is
        // missing) is not used: it would only add follow-on errors such as duplicate keys.
        self.key_broken |= broken;
        self.key_parts += 1;
        self.key_end = span.end();
        if self.key_parts <= MAX_KEY_PARTS + 1 {
            self.key.push(Spanned { span: span.start()..span.end(), value: decoded });
        }
    }

    fn key_sep(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        self.key_continues = true;
    }

    fn key_val_sep(&mut self, _span: Span, error: &mut dyn ErrorSink) {
        let key = self.take_key(error);
        match self.frames.last_mut() {
            Some(Frame::Inline { key: pending, .. }) => *pending = key,
            Some(Frame::Array { .. }) => {}
            None => self.pending = key,
        }
    }

    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, error: &mut dyn ErrorSink) {
        let raw = self.raw(span, encoding);
        let mut decoded = String::new();
        let value = match raw.decode_scalar(&mut decoded, error) {
            ScalarKind::String => Value::String(decoded),
            ScalarKind::Boolean(value) => Value::Boolean(value),
            ScalarKind::Float => Value::Float(decoded),
            ScalarKind::Integer(radix) => Value::Integer(Integer { raw: decoded, radix: radix.value() }),
            ScalarKind::DateTime => {
                if let Err(problem) = check_datetime(&decoded) {
                    report(error, &(span.start()..span.end()), problem.to_owned());
                }
                Value::Datetime(decoded)
            }
        };
        self.complete(Spanned { span: span.start()..span.end(), value }, error);
    }

    fn newline(&mut self, _span: Span, _error: &mut dyn ErrorSink) {
        if self.frames.is_empty() {
            self.pending = None;
        }
    }
}

/// Follows `steps` from `table` down to the table they lead to.
fn table_at<'t>(mut table: &'t mut Table, steps: &[usize]) -> Option<&'t mut Table> {
    for &step in steps {
        table = match &mut table.entries.get_mut(step)?.value.value {
            Value::Table(next) => next,
            Value::Array(items) => match &mut items.last_mut()?.value {
                Value::Table(next) => next,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(table)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Via {
    Header,
    DottedKey,
}

/// Walks `path` down from `table`, creating the tables that are missing, and returns the last.
/// Each entry's position goes to `steps`. Reports and returns `None` where the path meets a
/// value that `via` may not extend.
fn descend<'t>(
    mut table: &'t mut Table,
    path: &[Spanned<String>],
    via: Via,
    steps: &mut Vec<usize>,
    error: &mut dyn ErrorSink,
) -> Option<&'t mut Table> {
    for (n, key) in path.iter().enumerate() {
        let position = match table.find(&key.value) {
            Some(position) => position,
            None => {
                let origin = if via == Via::Header { Origin::Implicit } else { Origin::Dotted };
                let value = Spanned { span: key.span.clone(), value: Value::Table(Table::default()) };
                table.push(key.clone(), value, origin)
            }
        };
        steps.push(position);
        let entry = table.entries.get_mut(position)?;
        let origin = entry.origin;
        table = match (&mut entry.value.value, origin, via) {
            (Value::Table(next), Origin::Implicit | Origin::Dotted, _) => {
                if via == Via::DottedKey {
                    entry.origin = Origin::Dotted;
                }
                next
            }
            (Value::Table(next), Origin::Header, Via::Header) => next,
            (Value::Array(items), Origin::ArrayOfTables, Via::Header) => match &mut items.last_mut()?.value {
                Value::Table(next) => next,
                _ => return None,
            },
            (value, origin, _) => {
                let why = match origin {
                    Origin::Header => {
                        "a table defined by a [header], which dotted keys cannot extend".to_owned()
                    }
                    Origin::ArrayOfTables => "an array of tables, which dotted keys cannot extend".to_owned(),
                    _ => written(value),
                };
                report(error, &key.span, format!("cannot extend `{}`: it is {why}", name(&path[..=n])));
                return None;
            }
        };
    }
    Some(table)
}

/// Defines the table of a `[header]` (or appends an element for `[[header]]`); on success
/// `steps` leads to it.
fn define_table(
    root: &mut Table,
    mut path: Key,
    span: Range<usize>,
    is_array: bool,
    steps: &mut Vec<usize>,
    error: &mut dyn ErrorSink,
) -> bool {
    let Some(last) = path.pop() else { return false };
    let Some(parent) = descend(root, &path, Via::Header, steps, error) else { return false };
    let Some(position) = parent.find(&last.value) else {
        let position = if is_array {
            let element = Spanned { span: span.clone(), value: Value::Table(Table::default()) };
            parent.push(last, Spanned { span, value: Value::Array(vec![element]) }, Origin::ArrayOfTables)
        } else {
            parent.push(last, Spanned { span, value: Value::Table(Table::default()) }, Origin::Header)
        };
        steps.push(position);
        return true;
    };
    let Some(entry) = parent.entries.get_mut(position) else { return false };
    let mut full = || {
        path.push(last.clone());
        name(&path)
    };
    let problem = match (&mut entry.value.value, entry.origin, is_array) {
        (Value::Table(_), Origin::Implicit, false) => {
            entry.origin = Origin::Header;
            entry.key = last.clone();
            entry.value.span = span;
            None
        }
        (Value::Array(items), Origin::ArrayOfTables, true) => {
            items.push(Spanned { span, value: Value::Table(Table::default()) });
            None
        }
        (_, Origin::Header, false) => Some(format!("table [{}] is defined twice", full())),
        (_, Origin::Dotted, false) => Some(format!("table [{}] is already defined by dotted keys", full())),
        (_, Origin::ArrayOfTables, false) => {
            let name = full();
            Some(format!("`{name}` is an array of tables; [{name}] cannot define it again"))
        }
        (_, Origin::Implicit | Origin::Dotted | Origin::Header, true) => {
            let name = full();
            Some(format!("`{name}` is already defined as a table, so [[{name}]] cannot append to it"))
        }
        (Value::Array(_), _, true) => {
            let name = full();
            Some(format!("[[{name}]] cannot append to `{name}`: it is a statically defined array"))
        }
        (value, _, _) => {
            let what = written(value);
            Some(format!("`{}` is already defined as {what}", full()))
        }
    };
    match problem {
        Some(message) => {
            report(error, &last.span, message);
            false
        }
        None => {
            steps.push(position);
            true
        }
    }
}

/// Inserts a key-value pair into `table`, which sits at `depth`.
fn insert(table: &mut Table, depth: usize, mut key: Key, value: Spanned<Value>, error: &mut dyn ErrorSink) {
    let Some(last) = key.pop() else { return };
    if depth + key.len() > MAX_DEPTH {
        report(error, &last.span, format!("values nest deeper than {MAX_DEPTH} levels"));
        return;
    }
    let Some(parent) = descend(table, &key, Via::DottedKey, &mut Vec::new(), error) else { return };
    if parent.find(&last.value).is_some() {
        key.push(last);
        let span = key.last().map(|part| part.span.clone()).unwrap_or_default();
        report(error, &span, format!("duplicate key `{}`", name(&key)));
        return;
    }
    parent.push(last, value, Origin::Value);
}

/// How a value written after `=` is described in messages.
fn written(value: &Value) -> String {
    match value {
        Value::Table(_) => "an inline table, which cannot be extended".to_owned(),
        Value::Array(_) => "a static array, which cannot be extended".to_owned(),
        Value::Integer(_) => "an integer".to_owned(),
        other => format!("a {}", other.type_str()),
    }
}

/// A key for messages: bare parts as they are, others quoted.
fn name(path: &[Spanned<String>]) -> String {
    let mut name = String::new();
    for (i, part) in path.iter().enumerate() {
        if i > 0 {
            name.push('.');
        }
        let bare = !part.value.is_empty()
            && part.value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if bare {
            name.push_str(&part.value);
        } else {
            let _ = write!(name, "\"{}\"", part.value.escape_debug());
        }
    }
    name
}

/// Checks a date-time the way `toml_datetime` reads one: an offset date-time, a local
/// date-time, a local date or a local time (RFC 3339 with TOML's `t`/space separators,
/// lowercase `z`, and TOML 1.1's optional seconds).
fn check_datetime(text: &str) -> Result<(), &'static str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let first = digits(bytes, &mut at);
    if first.is_empty() {
        return Err("invalid datetime, expected year or hour");
    }
    match bytes.get(at) {
        Some(b'-') => {
            at += 1;
            let month = digits(bytes, &mut at);
            if bytes.get(at) != Some(&b'-') {
                return Err("invalid date, expected `-` (MM-DD)");
            }
            at += 1;
            let day = digits(bytes, &mut at);
            if first.len() != 4 {
                return Err("invalid date, expected a four-digit year (YYYY)");
            }
            if month.len() != 2 {
                return Err("invalid date, expected a two-digit month (MM)");
            }
            if day.len() != 2 {
                return Err("invalid date, expected a two-digit day (DD)");
            }
            let (year, month, day) = (number(first), number(month), number(day));
            if !(1..=12).contains(&month) {
                return Err("invalid date, expected month between 01 and 12");
            }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if !(1..=days).contains(&day) {
                return Err("invalid date, expected a day that exists in that month");
            }
            match bytes.get(at) {
                None => return Ok(()),
                Some(b'T' | b't' | b' ') => at += 1,
                Some(_) => return Err("invalid date-time, expected `T` between date and time"),
            }
            check_time(bytes, &mut at)?;
            match bytes.get(at) {
                None => return Ok(()),
                Some(b'Z' | b'z') => at += 1,
                Some(b'+' | b'-') => {
                    at += 1;
                    let hours = digits(bytes, &mut at);
                    if bytes.get(at) != Some(&b':') {
                        return Err("invalid offset, expected `:` (HH:MM)");
                    }
                    at += 1;
                    let minutes = digits(bytes, &mut at);
                    if hours.len() != 2 || minutes.len() != 2 {
                        return Err("invalid offset, expected HH:MM");
                    }
                    if number(hours) > 23 || number(minutes) > 59 {
                        return Err("invalid offset, expected hours 00 to 23 and minutes 00 to 59");
                    }
                }
                Some(_) => return Err("invalid offset, expected `Z`, +HH:MM or -HH:MM"),
            }
        }
        Some(b':') => {
            at = 0;
            check_time(bytes, &mut at)?;
        }
        _ => return Err("invalid datetime, expected `-` (YYYY-MM) or `:` (HH:MM)"),
    }
    if at == bytes.len() { Ok(()) } else { Err("invalid datetime") }
}

/// `HH:MM[:SS[.fraction]]`.
fn check_time(bytes: &[u8], at: &mut usize) -> Result<(), &'static str> {
    let hour = digits(bytes, at);
    if bytes.get(*at) != Some(&b':') {
        return Err("invalid time, expected `:` (HH:MM)");
    }
    *at += 1;
    let minute = digits(bytes, at);
    let mut second: &[u8] = b"00";
    if bytes.get(*at) == Some(&b':') {
        *at += 1;
        second = digits(bytes, at);
        if bytes.get(*at) == Some(&b'.') {
            *at += 1;
            if digits(bytes, at).is_empty() {
                return Err("invalid time, expected digits after `.`");
            }
        }
    }
    if hour.len() != 2 || minute.len() != 2 || second.len() != 2 {
        return Err("invalid time, expected two digits each for hour, minute and second");
    }
    if number(hour) > 23 {
        return Err("invalid time, expected hour between 00 and 23");
    }
    if number(minute) > 59 {
        return Err("invalid time, expected minute between 00 and 59");
    }
    if number(second) > 60 {
        return Err("invalid time, expected second between 00 and 60");
    }
    Ok(())
}

/// The run of ASCII digits at `*at`, which moves past it.
fn digits<'b>(bytes: &'b [u8], at: &mut usize) -> &'b [u8] {
    let start = (*at).min(bytes.len());
    let len = bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
    *at = start + len;
    &bytes[start..*at]
}

/// The value of at most four ASCII digits.
fn number(digits: &[u8]) -> u32 {
    digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use toml::de::{DeTable, DeValue};

    use super::*;

    /// A tree both parsers can be brought to: keys sorted (`DeTable` sorts them), date-times
    /// in `toml`'s display form, and every key's and value's span.
    #[derive(Debug, PartialEq)]
    enum Tree {
        String(String),
        Integer(String, u32),
        Float(String),
        Boolean(bool),
        Datetime(String),
        Array(Vec<(Range<usize>, Tree)>),
        Table(BTreeMap<String, (Range<usize>, Range<usize>, Tree)>),
    }

    fn from_toml(value: &DeValue<'_>) -> Tree {
        match value {
            DeValue::String(s) => Tree::String(s.to_string()),
            DeValue::Integer(i) => Tree::Integer(i.as_str().to_owned(), i.radix()),
            DeValue::Float(f) => Tree::Float(f.as_str().to_owned()),
            DeValue::Boolean(b) => Tree::Boolean(*b),
            DeValue::Datetime(d) => Tree::Datetime(d.to_string()),
            DeValue::Array(items) => {
                Tree::Array(items.iter().map(|item| (item.span(), from_toml(item.get_ref()))).collect())
            }
            DeValue::Table(table) => Tree::Table(
                table
                    .iter()
                    .map(|(k, v)| (k.get_ref().to_string(), (k.span(), v.span(), from_toml(v.get_ref()))))
                    .collect(),
            ),
        }
    }

    fn from_ours(value: &Value) -> Tree {
        match value {
            Value::String(s) => Tree::String(s.clone()),
            Value::Integer(i) => Tree::Integer(i.as_str().to_owned(), i.radix()),
            Value::Float(f) => Tree::Float(f.clone()),
            Value::Boolean(b) => Tree::Boolean(*b),
            Value::Datetime(raw) => {
                // `toml` keeps a parsed date-time; compare in its display form.
                let doc = format!("x = {raw}");
                let table = DeTable::parse(&doc).expect("a date-time we accept, toml accepts");
                Tree::Datetime(table.get_ref().get("x").unwrap().get_ref().as_datetime().unwrap().to_string())
            }
            Value::Array(items) => {
                Tree::Array(items.iter().map(|item| (item.span.clone(), from_ours(&item.value))).collect())
            }
            Value::Table(table) => Tree::Table(
                table
                    .iter()
                    .map(|(k, v)| (k.value.clone(), (k.span.clone(), v.span.clone(), from_ours(&v.value))))
                    .collect(),
            ),
        }
    }

    /// Parses with both; both must accept the document and build the same tree.
    fn same_tree(doc: &str) {
        let expected = match DeTable::parse(doc) {
            Ok(table) => from_toml(&DeValue::Table(table.into_inner())),
            Err(e) => panic!("toml rejects {doc:?}: {e}"),
        };
        let (root, errors, dropped) = parse(doc, 20);
        assert_eq!((errors.as_slice(), dropped), (&[][..], 0), "{doc:?}");
        let root = root.expect("no errors, so a root");
        assert_eq!(root.span, 0..doc.len());
        assert_eq!(from_ours(&Value::Table(root.value)), expected, "{doc:?}");
    }

    const VALID: &[&str] = &[
        "",
        "\n\n# only a comment\n",
        "\u{feff}a = 1\n",
        "a = 1\r\nb = 2\r\n",
        // Integers
        "a = 0\nb = +17\nc = -17\nd = 1_000_000\ne = 0xDEAD_beef\nf = 0o755\ng = 0b1101_0101\nh = -0\n",
        "big = 99999999999999999999\nmin = -9223372036854775808\n",
        // Floats
        "a = 1.5\nb = -0.0\nc = 1e10\nd = 6.626e-34\ne = 5E+22\nf = 1_000.000_1\ng = inf\nh = -inf\ni = nan\nj = +nan\n",
        // Booleans
        "t = true\nf = false\n",
        // Date-times
        "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.999999-07:00\nc = 1979-05-27 07:32:00\n",
        "d = 1979-05-27\ne = 07:32:00\nf = 00:32:00.999999\ng = 1979-05-27t07:32:00z\nh = 07:32\n",
        "leap = 2000-02-29\nsecond = 23:59:60\noffset = 2024-01-01T00:00:00+23:59\n",
        "date = 1979-05-27 # a date, then a comment\n",
        // Strings
        r#"a = "tab\there \u00e9 \U0001F600 \"quoted\" \\ \b\f\n\r""#,
        r"a = 'C:\Users\nodejs\templates'",
        "a = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n",
        "a = \"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\\n    the lazy dog.\"\"\"\n",
        "a = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\nb = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n",
        "a = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''\nb = ''''That,' she said, 'is still pointless.''''\n",
        "a = \"\"\nb = ''\nc = \"\"\"\"\"\"\nd = ''''''\n",
        "a = \"\\e \\x41\"\n",
        "a = \"Überall, 日本語, emoji 😀\"\n",
        // Keys
        "bare_key = 1\nbare-key = 2\n1234 = 3\n\"127.0.0.1\" = 4\n\"ʎǝʞ\" = 5\n'key2' = 6\n'quoted \"value\"' = 7\n",
        "\"\" = 1\n",
        "name = \"Orange\"\nphysical.color = \"orange\"\nphysical.shape = \"round\"\nsite.\"google.com\" = true\n",
        "fruit.name = \"banana\"\nfruit. color = \"yellow\"\nfruit . flavor = \"banana\"\n",
        "3.14159 = \"pi\"\n",
        "apple.type = \"fruit\"\norange.type = \"fruit\"\napple.skin = \"thin\"\norange.skin = \"thick\"\n",
        // Tables
        "[table-1]\nkey1 = \"some string\"\nkey2 = 123\n\n[table-2]\nkey1 = \"another string\"\nkey2 = 456\n",
        "[dog.\"tater.man\"]\ntype.name = \"pug\"\n",
        "[a.b.c]\n[ d.e.f ]\n[ g .  h  . i ]\n[ j . \"ʞ\" . 'l' ]\n",
        "[x.y.z.w]\n[x]\n",
        "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n\n[fruit.apple.texture]\nsmooth = true\n",
        "[a.b.c]\nx = 1\n[a]\nb.y = 2\n",
        "[a]\n[a.b]\n[a.c]\nz = 1\n",
        "top = 1\n[t]\nx = 1\n[t.u]\ny = 2\n",
        "[a]\nb.c = 1\n[a.b.d]\ne = 2\n",
        // Arrays of tables
        "[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]  # empty table within the array\n\n[[products]]\nname = \"Nail\"\nsku = 284758393\n\ncolor = \"gray\"\n",
        "[[fruits]]\nname = \"apple\"\n\n[fruits.physical]\ncolor = \"red\"\nshape = \"round\"\n\n[[fruits.varieties]]\nname = \"red delicious\"\n\n[[fruits.varieties]]\nname = \"granny smith\"\n\n[[fruits]]\nname = \"banana\"\n\n[[fruits.varieties]]\nname = \"plantain\"\n",
        "[[code]]\ncode = 401\nreason = \"Unauthorized\"\n\n[code.q850]\nrfc3398 = 21\nsource = \"RFC 3398\"\n\n[code.rfc5057]\neffect = \"transaction\"\nmethods = { CANCEL = \"transaction\" }\n\n[[code.header]]\nname = \"WWW-Authenticate\"\nrule = \"must\"\n\n[[code.header]]\nname = \"Retry-After\"\nrule = \"may\"\n\n[[code]]\ncode = 486\nreason = \"Busy Here\"\n\n[[code.header]]\nname = \"Retry-After\"\nrule = \"may\"\n\n[code.q850]\nrfc3398 = 17\n\n[[q850]]\ncause = 17\nrfc3398 = 486\n",
        "[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n[a.c]\ny = 3\n",
        "[[a]]\n[[a.b]]\n[a.b.c]\nd = 1\n[[a.b]]\n[[a]]\n",
        // Inline tables
        "a = {}\nb = { x = 1 }\nc = { x = 1, y.z = 2, y.w = 3 }\nd = { e = { f = { g = 1 } } }\n",
        "name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = { x = 1, y = 2 }\nanimal = { type.name = \"pug\" }\n",
        "a = { x = 1, y = 2, }\nb = {\n  x = 1, # a comment\n  y = 2,\n}\n",
        // Arrays
        "a = []\nb = [1, 2, 3]\nc = [\"a\", 'b', \"\"\"c\"\"\"]\nd = [[1, 2], [3, 4, 5]]\ne = [1, \"mixed\", 2.5, true, 1979-05-27, [], {}]\n",
        "a = [\n  1,\n  2, # comment\n  # another\n]\nb = [ { x = 1 }, { x = 2, y = [ { z = 3 } ] } ]\n",
        "a = [ [ [ [ [ [ [ [ [ [ 1 ] ] ] ] ] ] ] ] ] ]\n",
        // Headers after dotted keys in a header's table, and sub-tables of implicit ones
        "[product]\ntype = { name = \"Nail\" }\n[other]\nx.y.z = 1\n[other.x.w]\n",
        "[a]\nx = 1\n[b]\n[a.c]\n",
    ];

    #[test]
    fn builds_the_same_tree_as_toml() {
        for doc in VALID {
            same_tree(doc);
        }
    }

    #[test]
    fn builds_the_same_tree_as_toml_for_the_specs() {
        same_tree(include_str!("../../specs/iana.toml"));
        same_tree(include_str!("../../benches/specs/synthetic-600.toml"));
    }

    #[test]
    fn keeps_insertion_order_and_answers_lookups() {
        let keys: Vec<String> = (0..50).rev().map(|i| format!("k{i}")).collect();
        let doc: String = keys.iter().map(|k| format!("{k} = 1\n")).collect();
        let (root, errors, _) = parse(&doc, 20);
        assert!(errors.is_empty(), "{errors:?}");
        let table = root.unwrap().value;
        assert_eq!(table.len(), 50);
        assert!(table.iter().map(|(k, _)| &k.value).eq(keys.iter()));
        assert!(table.contains_key("k7") && !table.contains_key("k50"));
        assert_eq!(table.get("k0").map(|v| v.span.clone()), Some(doc.len() - 2..doc.len() - 1));

        let (root, _, _) =
            parse("z = 1\n[[code]]\ncode = 0x1F\n[code.q850]\nx = 1\n[[code]]\ncode = 42\n", 20);
        let root = root.unwrap().value;
        assert!(root.iter().map(|(k, _)| k.value.as_str()).eq(["z", "code"]));
        let codes = root.get("code").unwrap().value.as_array().unwrap();
        assert_eq!(codes.len(), 2);
        let first = codes[0].value.as_table().unwrap();
        let code = first.get("code").unwrap().value.as_integer().unwrap();
        assert_eq!((code.as_str(), code.radix(), code.value()), ("1F", 16, Some(31)));
        assert!(first.contains_key("q850"));
        assert!(!codes[1].value.as_table().unwrap().contains_key("q850"));
        let big = parse("a = 99999999999999999999", 1).0.unwrap().value;
        assert_eq!(big.get("a").unwrap().value.as_integer().unwrap().value(), None);
        assert_eq!(big.get("a").unwrap().value.type_str(), "integer");
    }

    /// Each document, the span of its first error, and words its message must contain.
    const INVALID: &[(&str, Range<usize>, &str)] = &[
        // Semantic errors, spanned on the offending key
        ("a = 1\na = 2\n", 6..7, "duplicate key `a`"),
        ("a.b = 1\na.b = 2\n", 10..11, "duplicate key `a.b`"),
        ("\"a\" = 1\na = 2\n", 8..9, "duplicate key `a`"),
        ("[t]\nx = 1\nx = 2\n", 10..11, "duplicate key `x`"),
        ("[a]\n[a]\n", 5..6, "table [a] is defined twice"),
        ("[a.b]\n[a . b]\n", 11..12, "table [a.b] is defined twice"),
        ("[a]\nb = 1\n[a.b]\n", 13..14, "`a.b` is already defined as an integer"),
        ("a = [1]\n[[a]]\n", 10..11, "statically defined array"),
        ("a = []\n[a]\n", 8..9, "already defined as a static array"),
        ("a = {b = 1}\n[a.c]\n", 13..14, "cannot extend `a`: it is an inline table"),
        ("a = {b = 1}\na.c = 2\n", 12..13, "cannot extend `a`: it is an inline table"),
        ("a = {b = 1}\n[a]\n", 13..14, "already defined as an inline table"),
        ("a.b = 1\n[a]\n", 9..10, "table [a] is already defined by dotted keys"),
        ("[a.b]\n[a]\nb.c = 1\n", 10..11, "cannot extend `b`: it is a table defined by a [header]"),
        (
            "[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n",
            20..21,
            "cannot extend `b.c`: it is a table defined by a [header]",
        ),
        ("[[a]]\n[a]\n", 7..8, "`a` is an array of tables; [a] cannot define it again"),
        ("[a]\n[[a]]\n", 6..7, "[[a]] cannot append to it"),
        ("[[a.b]]\n[a]\nb.y = 2\n", 12..13, "cannot extend `b`: it is an array of tables"),
        ("a = 1\na.b = 2\n", 6..7, "cannot extend `a`: it is an integer"),
        ("a = \"s\"\n[a.b]\n", 9..10, "cannot extend `a`: it is a string"),
        ("a = [1]\n[a.b]\n", 9..10, "cannot extend `a`: it is a static array"),
        ("a = [{b = 1}]\n[a.c]\n", 15..16, "cannot extend `a`: it is a static array"),
        ("a = { b = 1, b = 2 }\n", 13..14, "duplicate key `b`"),
        ("a = { b = { c = 1 }, b.d = 2 }\n", 21..22, "cannot extend `b`: it is an inline table"),
        ("a = { b.c = 1, b = 2 }\n", 15..16, "duplicate key `b`"),
        ("a = [{ b = 1, b = 2 }]\n", 14..15, "duplicate key `b`"),
        ("[[a]]\nb = { c = 1 }\n[a.b.d]\n", 23..24, "cannot extend `a.b`: it is an inline table"),
        // Date-times that the decoder passes through
        ("a = 1979-13-01\n", 4..14, "invalid date"),
        ("a = 1979-02-29\n", 4..14, "invalid date"),
        ("a = 1979-04-31\n", 4..14, "invalid date"),
        ("a = 25:00:00\n", 4..12, "invalid time"),
        ("a = 12:60:00\n", 4..12, "invalid time"),
        ("a = 12:00:61\n", 4..12, "invalid time"),
        ("a = 1979-05-27T07:32:00+24:00\n", 4..29, "invalid offset"),
        ("a = 1979-05-27T07:32:00X\n", 4..24, "invalid offset"),
        ("a = 79-05-27\n", 4..12, "four-digit year"),
        ("a = 1979-5-27\n", 4..13, "two-digit month"),
        ("a = 1:32:00\n", 4..11, "invalid time"),
        ("a = 07:32:00.\n", 4..13, "invalid time"),
        ("a = 1979-05-27T\n", 4..15, "invalid time"),
        ("a = 1979-05-27T07:32:00Zjunk\n", 4..28, "invalid datetime"),
        // Syntax errors from toml_parser
        ("a = \"unterminated\n", 17..17, "invalid basic string"),
        ("a = \n", 4..4, "string values must be quoted"),
        ("= 1\n", 0..0, "unquoted keys cannot be empty"),
        ("a = [1,,2]\n", 7..8, "extra comma in array"),
        ("a = 01\n", 4..5, "unexpected leading zero"),
        ("a = 1__0\n", 5..6, "`_` may only go between digits"),
        ("a = bare\n", 4..8, "string values must be quoted"),
        ("[a\n", 2..2, "unclosed table"),
        ("[[a]\n", 4..4, "unclosed array table"),
        ("a = 1 b = 2\n", 4..7, "string values must be quoted"),
        ("a = \"\\q\"\n", 6..6, "missing escaped value"),
        ("a = 'x\u{7}'\n", 6..6, "invalid literal string"),
        ("# bell \u{7}\n", 7..7, "invalid comment character"),
        ("\"a\nb\" = 1\n", 2..2, "invalid basic string"),
        ("a = { b = 1\n", 11..11, "unclosed inline table"),
    ];

    #[test]
    fn reports_errors_where_toml_does() {
        for (doc, span, words) in INVALID {
            let theirs = DeTable::parse(doc).expect_err(doc);
            let (root, errors, dropped) = parse(doc, 20);
            assert!(root.is_none(), "{doc:?}");
            assert_eq!(dropped, 0, "{doc:?}");
            let first = errors.first().unwrap_or_else(|| panic!("no error for {doc:?}"));
            assert!(first.message.contains(words), "{doc:?}: {first:?}");
            assert_eq!(&first.span, span, "{doc:?}: {first:?} at {:?}", doc.get(first.span.clone()));
            // toml's first error is at the same place, except where we name the array of tables
            // a dotted key cannot extend (toml names the key after it), and where our errors
            // come in file order (toml reports the parser's errors before the decoder's).
            if !["[[a.b]]\n[a]\nb.y = 2\n", "a = 1 b = 2\n"].contains(doc) {
                assert_eq!(theirs.span().as_ref(), Some(span), "{doc:?}: toml says {}", theirs.message());
            }
        }
    }

    #[test]
    fn dotted_keys_cannot_reach_into_an_array_of_tables() {
        // toml-test's invalid/array/extend-defined-aot. toml 1.2 rejects `arr.y = 1` here (as
        // a duplicate key) but accepts `arr.y.z = 1`, adding `y` to the last element; we
        // reject both.
        for doc in ["[[t.arr]]\n[t]\narr.y = 1\n", "[[t.arr]]\n[t]\narr.y.z = 1\n"] {
            let (root, errors, _) = parse(doc, 20);
            assert!(root.is_none(), "{doc:?}");
            assert_eq!(errors[0].span, 14..17, "{doc:?}");
            assert_eq!(
                errors[0].message,
                "cannot extend `arr`: it is an array of tables, which dotted keys cannot extend"
            );
        }
    }

    #[test]
    fn counts_errors_past_the_cap() {
        let doc = "= =\n".repeat(1_000);
        let (_, all, none) = parse(&doc, usize::MAX);
        // An empty key, the extra `=`, a missing value; the parser stands in an empty key, so
        // no follow-on duplicate keys. (toml counts 2,999: it skips the value after an error.)
        assert_eq!((all.len(), none), (3 * 1_000, 0));
        assert!(all[..3].iter().map(|e| e.span.clone()).eq([0..0, 2..3, 3..3]), "{:?}", &all[..3]);
        for cap in [0, 1, 20] {
            let (root, kept, dropped) = parse(&doc, cap);
            assert!(root.is_none());
            assert_eq!(kept.as_slice(), &all[..cap]);
            assert_eq!(dropped, all.len() - cap);
        }
    }

    #[test]
    fn ten_megabytes_of_syntax_errors_keep_only_the_cap() {
        // 2.5 million lines of `= =`: toml collects 7.5 million errors (1.8 GB).
        let doc = "= =\n".repeat(2_500_000);
        let (root, kept, dropped) = parse(&doc, 20);
        assert!(root.is_none());
        assert_eq!(kept.len(), 20);
        assert_eq!(kept[0].span, 0..0);
        assert_eq!(kept.len() + dropped, 3 * 2_500_000);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        // The test thread's stack is 2 MiB, smaller than rustc's where the macro runs.
        let depth = 100_000;
        let cases = [
            ("arrays", format!("a = {}", "[".repeat(depth))),
            ("closed arrays", format!("a = {}{}", "[".repeat(depth), "]".repeat(depth))),
            ("inline tables", format!("a = {}{}", "{ a = ".repeat(depth), "}".repeat(depth))),
            ("inline tables of arrays", format!("a = {}1{}", "{ a = [".repeat(depth), "]}".repeat(depth))),
            ("dotted keys", format!("{} = 1", vec!["a"; depth].join("."))),
            ("table headers", format!("[{}]", vec!["a"; depth].join("."))),
            ("array of tables headers", format!("[[{}]]", vec!["a"; depth].join("."))),
            ("brackets alone", "[".repeat(depth)),
            ("braces alone", "a = ".to_owned() + &"{".repeat(depth)),
        ];
        for (what, doc) in cases {
            assert!(DeTable::parse(&doc).is_err(), "{what}");
            let (root, errors, _) = parse(&doc, 20);
            assert!(root.is_none(), "{what}");
            assert!(!errors.is_empty(), "{what}");
        }
        let (_, errors, _) = parse(&format!("a = {}{}", "[".repeat(depth), "]".repeat(depth)), 20);
        assert_eq!(errors[0].message, "cannot recurse further; max recursion depth met");
        let (_, errors, _) = parse(&format!("{} = 1", vec!["a"; 81].join(".")), 20);
        assert_eq!(errors[0].message, "a key may have at most 80 parts; this one has 81");
        assert_eq!(errors[0].span, 0..161);
        // At the limits, everything is still read.
        same_tree(&format!("{} = 1", vec!["a"; 80].join(".")));
        same_tree(&format!("a = {}{}", "[".repeat(80), "]".repeat(80)));
    }

    #[test]
    fn dotted_keys_in_nested_inline_tables_cannot_build_a_tree_too_deep_to_drop() {
        // 80 inline tables, each holding a key of 80 parts: 6,400 levels if nothing stopped it.
        let key = vec!["k"; 80].join(".");
        let doc = format!("a = {}1{}", format!("{{ {key} = ").repeat(79), " }".repeat(79));
        let (root, errors, _) = parse(&doc, 20);
        assert!(root.is_none());
        assert!(errors[0].message.contains("nest deeper than 256 levels"), "{errors:?}");
    }

    /// A cheap differential fuzzer: documents of lines drawn from a pool, parsed by both.
    /// Both accept or both reject; when both accept, the trees are the same.
    #[test]
    fn agrees_with_toml_on_generated_documents() {
        const LINES: &[&str] = &[
            "a = 1",
            "a.b = 2",
            "a.c = { d = 1 }",
            "b = [1, 2]",
            "b = { x = 1 }",
            "c.d.e = \"s\"",
            "[a]",
            "[a.b]",
            "[a.c]",
            "[b]",
            "[c.d]",
            "[[a]]",
            "[[a.b]]",
            "[[b]]",
            "[[c.d]]",
            "x = 1979-05-27",
            "x = 2",
            "y.z = 3",
            "b.y = 4",
            "d = [{ x = 1 }]",
            "[d.x]",
            "[[d]]",
            "e = 'lit'",
            "[e.f.g]",
            "[e]",
            "f = { g.h = 1, g.i = 2 }",
            "# comment",
            "",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        let mut accepted = 0;
        for _ in 0..20_000 {
            let lines = 1 + next(6);
            let doc: String = (0..lines).map(|_| format!("{}\n", LINES[next(LINES.len())])).collect();
            let ours = parse(&doc, 20);
            match DeTable::parse(&doc) {
                Ok(table) => {
                    accepted += 1;
                    assert!(ours.1.is_empty(), "{doc:?}: toml accepts, we report {:?}", ours.1);
                    let expected = from_toml(&DeValue::Table(table.into_inner()));
                    assert_eq!(from_ours(&Value::Table(ours.0.unwrap().value)), expected, "{doc:?}");
                }
                Err(e) => assert!(!ours.1.is_empty(), "{doc:?}: toml rejects ({e}), we accept"),
            }
        }
        assert!(accepted > 2_000, "{accepted}");
    }

    #[test]
    fn never_panics_on_mangled_documents() {
        let doc = include_str!("../../specs/iana.toml");
        let bytes = doc.as_bytes();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound as u64) as usize
        };
        const NOISE: &[u8] = b"[]{}=.,\"'#\n \\x1_-+:Tz";
        for _ in 0..300 {
            let mut mangled = bytes[..next(bytes.len())].to_vec();
            for _ in 0..8 {
                let at = next(mangled.len() + 1);
                mangled.insert(at, NOISE[next(NOISE.len())]);
            }
            let Ok(text) = String::from_utf8(mangled) else { continue };
            let (root, errors, dropped) = parse(&text, 5);
            assert_eq!(root.is_none(), !errors.is_empty() || dropped > 0);
            assert_eq!(DeTable::parse(&text).is_err(), root.is_none(), "{text}");
        }
    }
}
