//! The macro's own input, `[$crate] attributes* visibility enum Name;`, read from plain
//! token trees.
//!
//! The grammar is five tokens and some attributes, so it is read by hand: syn would cost
//! every user crate seconds of build time. The trees are [`Token`]s, this crate's own
//! mirror of `proc_macro`'s, so the parser runs in unit tests and the crate needs neither
//! `proc_macro` nor proc-macro2: the macro crate converts its input, and tools tokenize text
//! through the `proc-macro2` feature.

use crate::expand::CompileError;

/// One token tree of the invocation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub tree: Tree,
    /// The caller's name for this token, given back with every error and splice that
    /// refers to it, so that the macro can put the right span on them.
    pub id: usize,
}

/// The kinds of token tree, as in `proc_macro::TokenTree`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tree {
    /// An identifier or keyword, as written (`pub`, `StatusCode`, `$crate`).
    Ident(String),
    /// A punctuation character; `joint` when the next character belongs to the same
    /// operator (the first `:` of `::`).
    Punct {
        /// The character.
        ch: char,
        /// Whether the next token is glued to this one.
        joint: bool,
    },
    /// A literal as written, quotes and escapes included (`"iana.toml"`, `42`).
    Literal(String),
    /// Tokens in delimiters.
    Group {
        /// The delimiters.
        delimiter: Delimiter,
        /// What is inside them.
        tokens: Vec<Token>,
    },
}

/// The delimiters of a [`Tree::Group`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delimiter {
    /// `( ... )`
    Parenthesis,
    /// `{ ... }`
    Brace,
    /// `[ ... ]`
    Bracket,
    /// Invisible delimiters, from a macro_rules fragment.
    None,
}

impl Token {
    fn is_ident(&self, name: &str) -> bool {
        matches!(&self.tree, Tree::Ident(ident) if ident == name)
    }

    fn is_punct(&self, ch: char) -> bool {
        matches!(self.tree, Tree::Punct { ch: found, .. } if found == ch)
    }

    fn group(&self, delimiter: Delimiter) -> Option<&[Token]> {
        match &self.tree {
            Tree::Group { delimiter: found, tokens } if *found == delimiter => Some(tokens),
            _ => None,
        }
    }
}

/// Writes tokens back as source text: what tools print, and what the tests compare.
pub fn write_tokens(tokens: &[Token], out: &mut String) {
    for (i, token) in tokens.iter().enumerate() {
        match &token.tree {
            Tree::Ident(text) | Tree::Literal(text) => out.push_str(text),
            Tree::Punct { ch, joint } => {
                out.push(*ch);
                if *joint {
                    continue;
                }
            }
            Tree::Group { delimiter, tokens } => {
                let (open, close) = match delimiter {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                out.push_str(open);
                write_tokens(tokens, out);
                out.push_str(close);
            }
        }
        if i + 1 < tokens.len() {
            out.push(' ');
        }
    }
}

/// Tokens from proc-macro2's trees, numbered in the order a depth-first walk meets them
/// (the same order the macro crate's `convert` numbers `proc_macro`'s in: the two are one
/// rule over two libraries' types).
#[cfg(feature = "proc-macro2")]
pub fn from_proc_macro2(stream: proc_macro2::TokenStream) -> Vec<Token> {
    fn convert(stream: proc_macro2::TokenStream, next: &mut usize) -> Vec<Token> {
        stream
            .into_iter()
            .map(|tree| {
                let id = *next;
                *next += 1;
                let tree = match tree {
                    proc_macro2::TokenTree::Ident(ident) => Tree::Ident(ident.to_string()),
                    proc_macro2::TokenTree::Punct(punct) => Tree::Punct {
                        ch: punct.as_char(),
                        joint: punct.spacing() == proc_macro2::Spacing::Joint,
                    },
                    proc_macro2::TokenTree::Literal(literal) => Tree::Literal(literal.to_string()),
                    proc_macro2::TokenTree::Group(group) => Tree::Group {
                        delimiter: match group.delimiter() {
                            proc_macro2::Delimiter::Parenthesis => Delimiter::Parenthesis,
                            proc_macro2::Delimiter::Brace => Delimiter::Brace,
                            proc_macro2::Delimiter::Bracket => Delimiter::Bracket,
                            proc_macro2::Delimiter::None => Delimiter::None,
                        },
                        tokens: convert(group.stream(), next),
                    },
                };
                Token { tree, id }
            })
            .collect()
    }
    convert(stream, &mut 0)
}

/// A string literal from the input: its value and which token it is.
pub struct PathLiteral {
    /// The literal's value, escapes resolved.
    pub value: String,
    /// The literal's token.
    pub id: usize,
}

/// Where a spec comes from.
pub enum SpecSource {
    /// `#[spec = "path/to/spec.toml"]`
    File(PathLiteral),
    /// `#[spec = iana]`: the registry spec bundled with the crate; the token of `iana`.
    Bundled(usize),
}

/// Errors in the input, each to become a `compile_error!` at its token (`None`: at the
/// invocation as a whole).
#[derive(Default)]
pub struct Errors(pub Vec<CompileError>);

impl Errors {
    fn push(&mut self, at: Option<&Token>, message: impl Into<String>) {
        self.0.push(CompileError { token: at.map(|t| t.id), message: message.into() });
    }

    /// Whether there are none.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The parsed invocation.
pub struct Input {
    /// The runtime crate's path (`$crate` from the shim).
    pub krate: Vec<Token>,
    /// Attributes that pass through to the enum, as written: `#` and its brackets.
    pub attrs: Vec<Vec<Token>>,
    /// The spec files in the order given.
    pub specs: Vec<SpecSource>,
    /// `#[sip_codes(non_exhaustive)]`
    pub non_exhaustive: bool,
    /// `#[sip_codes(other)]`: a last variant `Other(Code)` holds every code the specs do
    /// not define.
    pub other: bool,
    /// The token of the `other` option, for errors about it.
    pub other_id: Option<usize>,
    /// The enum's visibility, as written.
    pub vis: Vec<Token>,
    /// The enum's name.
    pub name: String,
    /// The token of the enum's name.
    pub name_id: usize,
    /// The matcher module's name: the enum's name in snake_case.
    pub module: String,
    /// Where the invocation is, as the compiler tells it (empty when unknown): names the
    /// exported `for_each!` macro uniquely in the crate.
    pub site: String,
    /// Problems with the attributes. The type is still generated from the specs that were
    /// given right, so one bad attribute is one error, not a cascade.
    pub errors: Errors,
}

const OPTIONS_USAGE: &str =
    "unknown `sip_codes` option; the options are `non_exhaustive` and `other`, e.g. `#[sip_codes(other)]`";

const SPEC_USAGE: &str = "expected `#[spec = \"path/to/spec.toml\"]` or `#[spec = iana]`";

/// Reads the invocation. A structural error (no `enum Name;`) is returned as the only error:
/// without a name there is nothing to generate.
pub fn parse(input: &[Token]) -> Result<Input, Errors> {
    let input = flatten(input);
    let mut tokens = input.iter().peekable();
    let mut fatal = Errors::default();
    let krate = match tokens.next() {
        Some(token) if token.group(Delimiter::Bracket).is_some() => {
            token.group(Delimiter::Bracket).unwrap_or_default().to_vec()
        }
        other => {
            fatal.push(
                other,
                "call `sip_codes!` through the `sip-codes` crate: `sip_codes::sip_codes! { ... }`",
            );
            return Err(fatal);
        }
    };
    let mut errors = Errors::default();
    let mut attrs = Vec::new();
    let mut specs = Vec::new();
    let mut non_exhaustive = false;
    let mut other = None;
    let mut saw_spec = false;
    while let Some(pound) = tokens.next_if(|t| t.is_punct('#')) {
        let (group, inner) = match tokens.next() {
            Some(group) if group.group(Delimiter::Bracket).is_some() => {
                (group, flatten(group.group(Delimiter::Bracket).unwrap_or_default()))
            }
            other => {
                fatal.push(other.or(Some(pound)), "expected an attribute `#[...]`");
                return Err(fatal);
            }
        };
        match inner.first() {
            Some(ident) if ident.is_ident("spec") => {
                saw_spec = true;
                match spec_source(ident, &inner[1..]) {
                    Ok(source) => specs.push(source),
                    Err(error) => errors.0.push(error),
                }
            }
            Some(ident) if ident.is_ident("sip_codes") => {
                match inner.get(1).and_then(|t| t.group(Delimiter::Parenthesis)) {
                    Some(options) => {
                        for option in options {
                            if option.is_ident("non_exhaustive") {
                                non_exhaustive = true;
                            } else if option.is_ident("other") {
                                other = Some(option.id);
                            } else if !option.is_punct(',') {
                                errors.push(Some(option), OPTIONS_USAGE);
                            }
                        }
                    }
                    None => errors.push(Some(ident), OPTIONS_USAGE),
                }
            }
            _ => attrs.push(vec![pound.clone(), group.clone()]),
        }
    }
    let mut vis = Vec::new();
    if let Some(public) = tokens.next_if(|t| t.is_ident("pub")) {
        vis.push(public.clone());
        if let Some(scope) = tokens.next_if(|t| t.group(Delimiter::Parenthesis).is_some()) {
            vis.push(scope.clone());
        }
    }
    let expected_enum = "expected `enum Name;`, e.g. `pub enum StatusCode;`";
    match tokens.next() {
        Some(token) if token.is_ident("enum") => {}
        other => {
            fatal.push(other, expected_enum);
            return Err(fatal);
        }
    }
    let (name, name_token) = match tokens.next() {
        Some(token @ Token { tree: Tree::Ident(name), .. }) => (name.clone(), token),
        other => {
            fatal.push(other, "expected the enum's name");
            return Err(fatal);
        }
    };
    match tokens.next() {
        Some(semi) if semi.is_punct(';') => {}
        Some(body) if body.group(Delimiter::Brace).is_some() => {
            fatal.push(Some(body), "expected `;`: the variants come from the spec file, not from a body");
            return Err(fatal);
        }
        other => {
            fatal.push(other.or(Some(name_token)), "expected `;` after the enum's name");
            return Err(fatal);
        }
    }
    if let Some(extra) = tokens.next() {
        fatal.push(Some(extra), "unexpected input after `enum Name;`; one invocation generates one type");
        return Err(fatal);
    }
    if !is_plain_identifier(&name) {
        fatal.push(
            Some(name_token),
            format!(
                "`{name}` cannot name the enum: use a plain identifier such as `StatusCode`, not a raw one"
            ),
        );
        return Err(fatal);
    }
    if name.starts_with(crate::expand::SPLICE_PREFIX) {
        fatal.push(
            Some(name_token),
            format!("`{name}` is a name `sip_codes!` keeps for itself; choose another"),
        );
        return Err(fatal);
    }
    let mut module = crate::names::snake_case(&name);
    if name == module {
        // The matcher module would take the enum's own name in the type namespace.
        errors.push(
            Some(name_token),
            format!(
                "`{name}` clashes with its generated matcher module `{module}`, which takes the enum's name in snake_case; name the enum in UpperCamelCase, e.g. `StatusCode`"
            ),
        );
        // Generate under another name, so this is the only error.
        module.push_str("_codes");
    }
    if !saw_spec {
        errors.push(
            Some(name_token),
            "missing spec: add `#[spec = \"path/to/spec.toml\"]` or `#[spec = iana]`",
        );
    }
    Ok(Input {
        krate,
        attrs,
        specs,
        non_exhaustive,
        other: other.is_some(),
        other_id: other,
        vis,
        name,
        name_id: name_token.id,
        module,
        site: String::new(),
        errors,
    })
}

/// The tokens with invisible groups opened: what a user's macro_rules passes for a
/// fragment (`$vis:vis`, `#[$meta]`, `$path:literal`) reads as if written out.
fn flatten(tokens: &[Token]) -> Vec<Token> {
    let mut flat = Vec::with_capacity(tokens.len());
    for token in tokens {
        match &token.tree {
            Tree::Group { delimiter: Delimiter::None, tokens } => flat.extend(flatten(tokens)),
            _ => flat.push(token.clone()),
        }
    }
    flat
}

/// Whether `name` is an identifier the generator can write and derive a module name from:
/// no `r#` prefix, no `$crate`, letters, digits and `_` only, not starting with a digit.
fn is_plain_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
        && name != "_"
}

/// The rest of `#[spec = ...]` after `spec`; an error names the token it is about.
fn spec_source(spec: &Token, rest: &[Token]) -> Result<SpecSource, CompileError> {
    let usage = |at: Option<&Token>| CompileError {
        token: Some(at.unwrap_or(spec).id),
        message: SPEC_USAGE.to_owned(),
    };
    match rest.first() {
        Some(eq) if eq.is_punct('=') => {}
        other => return Err(usage(other)),
    }
    let source = match rest.get(1) {
        Some(token) if token.is_ident("iana") => SpecSource::Bundled(token.id),
        Some(token @ Token { tree: Tree::Literal(literal), .. }) => match string_value(literal) {
            Some(value) => SpecSource::File(PathLiteral { value, id: token.id }),
            None => return Err(usage(Some(token))),
        },
        other => return Err(usage(other)),
    };
    match rest.get(2) {
        None => Ok(source),
        Some(extra) => Err(usage(Some(extra))),
    }
}

/// The value of a string literal (`"..."` or `r#"..."#`), or `None` for any other literal.
fn string_value(text: &str) -> Option<String> {
    if let Some(raw) = text.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let body = raw.get(hashes..raw.len().checked_sub(hashes)?)?;
        return body.strip_prefix('"')?.strip_suffix('"').map(str::to_owned);
    }
    let body = text.strip_prefix('"')?.strip_suffix('"')?;
    let mut value = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            value.push(c);
            continue;
        }
        match chars.next()? {
            'n' => value.push('\n'),
            'r' => value.push('\r'),
            't' => value.push('\t'),
            '0' => value.push('\0'),
            '\\' => value.push('\\'),
            '\'' => value.push('\''),
            '"' => value.push('"'),
            'x' => {
                let hex: String = [chars.next()?, chars.next()?].iter().collect();
                value.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
            }
            'u' => {
                chars.next().filter(|c| *c == '{')?;
                let hex: String = chars.by_ref().take_while(|c| *c != '}').filter(|c| *c != '_').collect();
                value.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            '\n' => while chars.next_if(|c| c.is_whitespace()).is_some() {},
            _ => return None,
        }
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(input: &str) -> Result<Input, Vec<String>> {
        parse(&from_proc_macro2(input.parse().unwrap()))
            .map_err(|errors| errors.0.into_iter().map(|error| error.message).collect())
    }

    fn text(tokens: &[Token]) -> String {
        let mut out = String::new();
        write_tokens(tokens, &mut out);
        out
    }

    #[test]
    fn reads_attributes_visibility_and_name() {
        let input = parse_str(
            "[::sip] /// Docs.\n#[spec = iana] #[spec = r#\"a\\b.toml\"#] #[spec = \"c\\u{2d}\\x64.toml\"] \
             #[sip_codes(non_exhaustive, other)] #[allow(dead_code)] pub(crate) enum Code;",
        )
        .ok()
        .unwrap();
        assert_eq!(text(&input.krate), ":: sip");
        assert_eq!(input.attrs.len(), 2, "the doc comment and #[allow] pass through");
        assert_eq!(text(&input.vis), "pub (crate)");
        assert_eq!(text(&input.attrs[1]), "# [allow (dead_code)]");
        assert_eq!(input.name, "Code");
        assert!(input.non_exhaustive && input.other && input.errors.is_empty());
        let paths: Vec<String> = input
            .specs
            .iter()
            .map(|s| match s {
                SpecSource::File(path) => path.value.clone(),
                SpecSource::Bundled(_) => "iana".to_owned(),
            })
            .collect();
        assert_eq!(paths, ["iana", "a\\b.toml", "c-d.toml"]);
    }

    #[test]
    fn keeps_going_after_attribute_errors() {
        let input = parse_str("[::sip] #[spec = ianna] #[spec = 42] #[sip_codes(exhaustive)] enum Code;")
            .ok()
            .unwrap();
        let messages: Vec<&str> = input.errors.0.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages, [SPEC_USAGE, SPEC_USAGE, OPTIONS_USAGE]);
        let input = parse_str("[::sip] enum Code;").ok().unwrap();
        assert!(input.errors.0[0].message.starts_with("missing spec"));
    }

    #[test]
    fn refuses_what_is_not_an_enum_declaration() {
        assert_eq!(
            parse_str("[::sip] #[spec = iana] struct Code;").err().unwrap()[0],
            "expected `enum Name;`, e.g. `pub enum StatusCode;`"
        );
        assert!(
            parse_str("[::sip] #[spec = iana] enum Code { A }").err().unwrap()[0].contains("not from a body")
        );
        assert!(
            parse_str("[::sip] #[spec = iana] enum Code; enum Other;").err().unwrap()[0].contains("one type")
        );
        assert!(
            parse_str("#[spec = iana] enum Code;").err().unwrap()[0]
                .contains("through the `sip-codes` crate")
        );
        // The splice marks' form: such a name would be replaced in the output.
        assert!(
            parse_str("[::sip] #[spec = iana] enum __sip_codes_splice_0;").err().unwrap()[0]
                .contains("keeps for itself")
        );
    }

    #[test]
    fn refuses_names_it_cannot_write() {
        for name in ["r#Code", "_"] {
            let Err(errors) = parse_str(&format!("[::sip] #[spec = iana] enum {name};")) else {
                panic!("{name} accepted")
            };
            assert!(errors[0].contains("plain identifier"), "{name}: {errors:?}");
        }
    }

    #[test]
    fn reads_through_invisible_groups() {
        // What a user's macro_rules hands over for `$vis:vis`, `#[$meta]` and `$path:literal`.
        let invisible = |id, tokens| Token { tree: Tree::Group { delimiter: Delimiter::None, tokens }, id };
        let mut tokens = from_proc_macro2("[::sip] #[X] pub(crate) enum Code;".parse().unwrap());
        let Tree::Group { tokens: attr, .. } = &mut tokens[2].tree else { panic!("the attribute") };
        let spec = from_proc_macro2("spec = \"a.toml\"".parse().unwrap());
        *attr = vec![invisible(100, spec)];
        let vis = tokens.drain(3..5).collect();
        tokens.insert(3, invisible(101, vis));
        let input = parse(&tokens).ok().unwrap();
        assert!(input.errors.is_empty(), "{:?}", input.errors.0);
        assert!(matches!(&input.specs[..], [SpecSource::File(path)] if path.value == "a.toml"));
        assert_eq!(text(&input.vis), "pub (crate)");
    }

    #[test]
    fn errors_and_splices_name_their_tokens() {
        // Numbered depth-first: `[` 0, `::` 1 and 2, `sip` 3, `#` 4, `[...]` 5 ...
        let input = parse_str("[::sip] #[spec = 42] pub enum Code;").ok().unwrap();
        assert_eq!(input.krate.iter().map(|t| t.id).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(
            input.errors.0,
            [CompileError { token: Some(8), message: SPEC_USAGE.to_owned() }],
            "on the literal `42`"
        );
        assert_eq!(input.vis[0].id, 9);
        assert_eq!((input.name.as_str(), input.name_id), ("Code", 11));
    }
}
