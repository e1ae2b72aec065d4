//! The generated source and what goes with it: the parts taken from the invocation
//! ([`Splice`]s) and the compile errors.
//!
//! The generator writes Rust source text rather than token trees: text is what the
//! committed `iana.rs` is, it is what a reader of the generator sees in its templates, and
//! it keeps the macro crate free of proc-macro2 and quote. The few parts that must keep the
//! invocation's spans (the crate path, which may be `$crate` and cannot be written as
//! text; the attributes; the names where they are defined) are spliced in as tokens.

use std::fmt::Write as _;

use crate::input::{Token, write_tokens};

/// How a splice is marked in [`Expansion::marked_source`]: this prefix and the splice's
/// index, as one identifier. No other identifier in the source takes this form: variant
/// names are UpperCamelCase with no `_`, the input parser refuses an enum named so, and the
/// matcher module's name is itself a splice, never written as text.
pub const SPLICE_PREFIX: &str = "__sip_codes_splice_";

/// A part of the output taken from the invocation, so that it keeps the invocation's spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Splice {
    /// Tokens of the invocation as written: the crate path, the attributes, the visibility.
    Tokens(Vec<Token>),
    /// A generated identifier with the span of the invocation's token `id`: the enum, its
    /// module and the class enums where they are defined, so that messages about them point
    /// at the name the user wrote.
    Ident {
        /// The identifier.
        name: String,
        /// The token whose span it takes.
        id: usize,
    },
}

/// A `compile_error!` to emit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    /// The invocation's token the error is spanned on; `None` for the invocation as a whole.
    pub token: Option<usize>,
    /// What is wrong.
    pub message: String,
}

/// One expansion of `sip_codes!`: the compile errors first, then the generated items.
#[derive(Clone, Debug, Default)]
pub struct Expansion {
    text: String,
    /// `(byte offset in text, splice index)`, in text order.
    marks: Vec<(usize, usize)>,
    splices: Vec<Splice>,
    errors: Vec<CompileError>,
}

impl Expansion {
    /// The compile errors, in the order to emit them.
    pub fn errors(&self) -> &[CompileError] {
        &self.errors
    }

    /// The splices that [`marked_source`](Self::marked_source)'s marks stand for.
    pub fn splices(&self) -> &[Splice] {
        &self.splices
    }

    /// The generated items as source text, each splice written as an identifier
    /// `__sip_codes_splice_N` (see [`SPLICE_PREFIX`]) for the macro to replace with tokens.
    /// The compile errors are not in it.
    pub fn marked_source(&self) -> String {
        self.render(|index, out| {
            let _ = write!(out, " {SPLICE_PREFIX}{index} ");
        })
    }

    /// The whole expansion as source text, splices written out and errors as
    /// `::core::compile_error!`s: what tools print and parse.
    pub fn to_source(&self) -> String {
        let mut out = String::new();
        for error in &self.errors {
            let _ = writeln!(out, "::core::compile_error!({:?});", error.message);
        }
        out.push_str(&self.render(|index, out| {
            out.push(' ');
            match &self.splices[index] {
                Splice::Tokens(tokens) => write_tokens(tokens, out),
                Splice::Ident { name, .. } => out.push_str(name),
            }
            out.push(' ');
        }));
        out
    }

    fn render(&self, mut splice: impl FnMut(usize, &mut String)) -> String {
        let mut out = String::with_capacity(self.text.len() + self.marks.len() * 24);
        let mut from = 0;
        for &(at, index) in &self.marks {
            out.push_str(&self.text[from..at]);
            splice(index, &mut out);
            from = at;
        }
        out.push_str(&self.text[from..]);
        out
    }

    /// Adds a compile error.
    pub(crate) fn error(&mut self, token: Option<usize>, message: impl Into<String>) {
        self.errors.push(CompileError { token, message: message.into() });
    }

    /// Adds compile errors found elsewhere (the invocation's).
    pub(crate) fn add_errors(&mut self, errors: impl IntoIterator<Item = CompileError>) {
        self.errors.extend(errors);
    }

    /// Registers a splice; [`put`](Self::put) marks where it goes.
    pub(crate) fn add_splice(&mut self, splice: Splice) -> usize {
        self.splices.push(splice);
        self.splices.len() - 1
    }

    /// Appends a part written on its own, whose marks name this expansion's splices: a list
    /// that holds `$krate` is written as a part, then filled into its template whole.
    pub(crate) fn append(&mut self, part: &Expansion) {
        debug_assert!(part.splices.is_empty(), "a part holds text, marks and errors, never splices");
        self.errors.extend(part.errors.iter().cloned());
        let shift = self.text.len();
        self.marks.extend(part.marks.iter().map(|&(at, index)| (at + shift, index)));
        self.text.push_str(&part.text);
    }

    /// Appends text.
    pub(crate) fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
    }

    /// Marks splice `index` at the end of the text so far.
    pub(crate) fn put(&mut self, index: usize) {
        self.marks.push((self.text.len(), index));
    }

    /// Writes `template`, replacing each `$name` (or `${name}`) with the value `var` gives for it: text
    /// (written), or a splice (marked). Templates are Rust source, where `$` appears nowhere
    /// else.
    pub(crate) fn fill<'a>(&mut self, template: &str, var: &dyn Fn(&str) -> Var<'a>) {
        let mut rest = template;
        while let Some(at) = rest.find('$') {
            self.text.push_str(&rest[..at]);
            let after = &rest[at + 1..];
            let len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
            // `${name}` where a letter follows: `${digit}xx`.
            let (name, skip) = match after.strip_prefix('{').and_then(|a| a.split_once('}')) {
                Some((name, _)) => (name, name.len() + 2),
                None => (&after[..len], len),
            };
            match var(name) {
                Var::Text(text) => self.text.push_str(&text),
                Var::Splice(index) => self.put(index),
                Var::Part(part) => self.append(part),
            }
            rest = &after[skip..];
        }
        self.text.push_str(rest);
    }
}

/// Why `template` is not balanced on its own, if it is not: a bracket closed that it did
/// not open, or one left open. String and character literals and comments are skipped;
/// `$variables` are left out, as their values are checked where they are made.
pub(crate) fn unbalanced(template: &str) -> Option<String> {
    let bytes = template.as_bytes();
    let mut open: Vec<u8> = Vec::new();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        match byte {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                while bytes.get(at).is_some_and(|&b| b != b'\n') {
                    at += 1;
                }
            }
            b'"' => {
                at += 1;
                while let Some(&b) = bytes.get(at) {
                    match b {
                        b'\\' => at += 1,
                        b'"' => break,
                        _ => {}
                    }
                    at += 1;
                }
            }
            // A character literal ('{' or '\''), not a lifetime ('static).
            b'\'' if bytes.get(at + 2) == Some(&b'\'') => at += 2,
            b'\'' if bytes.get(at + 1) == Some(&b'\\') => at += 3,
            b'(' | b'[' | b'{' => open.push(byte),
            b')' | b']' | b'}' => {
                let expected = match byte {
                    b')' => b'(',
                    b']' => b'[',
                    _ => b'{',
                };
                if open.pop() != Some(expected) {
                    return Some(format!("`{}` at byte {at} closes what it did not open", char::from(byte)));
                }
            }
            _ => {}
        }
        at += 1;
    }
    open.last().map(|&b| format!("`{}` is left open", char::from(b)))
}

/// A template variable's value.
pub(crate) enum Var<'a> {
    /// Text to write.
    Text(std::borrow::Cow<'a, str>),
    /// A splice to mark.
    Splice(usize),
    /// A part to append, marks and all.
    Part(&'a Expansion),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Tree;

    #[test]
    fn balance_skips_strings_comments_and_characters() {
        assert_eq!(unbalanced("impl X { fn f() -> &'static str { \"{\" } }"), None);
        assert_eq!(unbalanced("// an open { in a comment\nfn f() { let c = '{'; let d = '\\''; }"), None);
        assert_eq!(unbalanced("mod m {"), Some("`{` is left open".to_owned()));
        assert_eq!(unbalanced("} }"), Some("`}` at byte 0 closes what it did not open".to_owned()));
        assert_eq!(unbalanced("[(])"), Some("`]` at byte 2 closes what it did not open".to_owned()));
    }

    #[test]
    fn splices_are_marked_for_the_macro_and_written_out_for_tools() {
        let mut expansion = Expansion::default();
        let krate =
            expansion.add_splice(Splice::Tokens(vec![Token { tree: Tree::Ident("$crate".into()), id: 7 }]));
        let name = expansion.add_splice(Splice::Ident { name: "Status".into(), id: 3 });
        expansion.fill("enum $def {} impl ${ty}x { fn f() -> $krate::Class {} }", &|var| match var {
            "def" => Var::Splice(name),
            "krate" => Var::Splice(krate),
            _ => Var::Text(var.to_uppercase().into()),
        });
        // A part's marks move with it.
        let mut part = Expansion::default();
        part.push_str("[");
        part.put(krate);
        part.push_str("::A]");
        expansion.fill(" const X: $list;", &|_| Var::Part(&part));
        expansion.error(Some(3), "a \"quoted\" problem");
        assert_eq!(
            expansion.marked_source(),
            "enum  __sip_codes_splice_1  {} impl TYx { fn f() ->  __sip_codes_splice_0 ::Class {} } \
             const X: [ __sip_codes_splice_0 ::A];"
        );
        assert_eq!(
            expansion.to_source(),
            "::core::compile_error!(\"a \\\"quoted\\\" problem\");\n\
             enum  Status  {} impl TYx { fn f() ->  $crate ::Class {} } const X: [ $crate ::A];"
        );
    }
}
