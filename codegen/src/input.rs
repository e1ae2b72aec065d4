//! The macro's own input: `[$crate] attributes* visibility enum Name;`.
//!
//! Read from token trees by hand: the grammar is five tokens and some attributes, and
//! leaving syn out of the macro's dependencies saves every user crate seconds of build time.

use proc_macro2::{Delimiter, Ident, Literal, Span, TokenStream, TokenTree};
use quote::quote_spanned;

/// A string literal from the input: its value and where it is.
pub struct PathLiteral {
    value: String,
    span: Span,
}

impl PathLiteral {
    /// The literal's value, escapes resolved.
    pub fn value(&self) -> String {
        self.value.clone()
    }

    /// Where the literal is, for errors about the file it names.
    pub fn span(&self) -> Span {
        self.span
    }
}

/// Where a spec comes from.
pub enum SpecSource {
    /// `#[spec = "path/to/spec.toml"]`
    File(PathLiteral),
    /// `#[spec = iana]`: the registry spec bundled with the crate.
    Bundled(Ident),
}

/// Errors in the input, each a `compile_error!` at its span.
#[derive(Default)]
pub struct Errors(Vec<(Span, String)>);

impl Errors {
    fn push(&mut self, span: Span, message: impl Into<String>) {
        self.0.push((span, message.into()));
    }

    /// Whether there are none.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One `compile_error!` per error.
    pub fn to_compile_error(&self) -> TokenStream {
        self.0
            .iter()
            .map(|(span, message)| quote_spanned!(*span=> ::core::compile_error!(#message);))
            .collect()
    }
}

/// The parsed invocation.
pub struct Input {
    /// The runtime crate's path (`$crate` from the shim).
    pub krate: TokenStream,
    /// Attributes that pass through to the enum, as written.
    pub attrs: Vec<TokenStream>,
    /// The spec files in the order given.
    pub specs: Vec<SpecSource>,
    /// `#[sip_codes(non_exhaustive)]`
    pub non_exhaustive: bool,
    /// The enum's visibility, as written.
    pub vis: TokenStream,
    /// The enum's name.
    pub name: Ident,
    /// The matcher module's name: the enum's name in snake_case.
    pub module: Ident,
    /// Problems with the attributes. The type is still generated from the specs that were
    /// given right, so one bad attribute is one error, not a cascade.
    pub errors: Errors,
}

const SPEC_USAGE: &str = "expected `#[spec = \"path/to/spec.toml\"]` or `#[spec = iana]`";

/// Reads the invocation. A structural error (no `enum Name;`) is returned as the only error:
/// without a name there is nothing to generate.
pub fn parse(input: TokenStream) -> Result<Input, Errors> {
    let mut tokens = input.into_iter().peekable();
    let mut fatal = Errors::default();
    let krate = match tokens.next() {
        Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Bracket => group.stream(),
        other => {
            let span = other.map_or_else(Span::call_site, |t| t.span());
            fatal.push(
                span,
                "call `sip_codes!` through the `sip-codes` crate: `sip_codes::sip_codes! { ... }`",
            );
            return Err(fatal);
        }
    };
    let mut errors = Errors::default();
    let mut attrs = Vec::new();
    let mut specs = Vec::new();
    let mut non_exhaustive = false;
    let mut saw_spec = false;
    while let Some(TokenTree::Punct(pound)) = tokens.peek() {
        if pound.as_char() != '#' {
            break;
        }
        let pound = tokens.next().unwrap();
        let group = match tokens.next() {
            Some(TokenTree::Group(group)) if group.delimiter() == Delimiter::Bracket => group,
            other => {
                let span = other.map_or_else(|| pound.span(), |t| t.span());
                fatal.push(span, "expected an attribute `#[...]`");
                return Err(fatal);
            }
        };
        let mut inner = group.stream().into_iter();
        match inner.next() {
            Some(TokenTree::Ident(ident)) if ident == "spec" => {
                saw_spec = true;
                match spec_source(&ident, inner) {
                    Ok(source) => specs.push(source),
                    Err((span, message)) => errors.push(span, message),
                }
            }
            Some(TokenTree::Ident(ident)) if ident == "sip_codes" => match inner.next() {
                Some(TokenTree::Group(options)) if options.delimiter() == Delimiter::Parenthesis => {
                    for option in options.stream() {
                        match option {
                            TokenTree::Ident(option) if option == "non_exhaustive" => non_exhaustive = true,
                            TokenTree::Punct(comma) if comma.as_char() == ',' => {}
                            other => errors.push(
                                other.span(),
                                "unknown `sip_codes` option; the option is `non_exhaustive`",
                            ),
                        }
                    }
                }
                _ => errors.push(ident.span(), "expected `#[sip_codes(non_exhaustive)]`"),
            },
            _ => attrs.push(TokenStream::from_iter([pound, TokenTree::Group(group)])),
        }
    }
    let mut vis = TokenStream::new();
    if let Some(TokenTree::Ident(ident)) = tokens.peek()
        && ident == "pub"
    {
        vis.extend(tokens.next());
        if let Some(TokenTree::Group(group)) = tokens.peek()
            && group.delimiter() == Delimiter::Parenthesis
        {
            vis.extend(tokens.next());
        }
    }
    let expected_enum = "expected `enum Name;`, e.g. `pub enum StatusCode;`";
    match tokens.next() {
        Some(TokenTree::Ident(ident)) if ident == "enum" => {}
        other => {
            fatal.push(other.map_or_else(Span::call_site, |t| t.span()), expected_enum);
            return Err(fatal);
        }
    }
    let name = match tokens.next() {
        Some(TokenTree::Ident(name)) => name,
        other => {
            fatal.push(other.map_or_else(Span::call_site, |t| t.span()), "expected the enum's name");
            return Err(fatal);
        }
    };
    match tokens.next() {
        Some(TokenTree::Punct(semi)) if semi.as_char() == ';' => {}
        Some(TokenTree::Group(body)) if body.delimiter() == Delimiter::Brace => {
            fatal.push(body.span(), "expected `;`: the variants come from the spec file, not from a body");
            return Err(fatal);
        }
        other => {
            fatal.push(other.map_or_else(|| name.span(), |t| t.span()), "expected `;` after the enum's name");
            return Err(fatal);
        }
    }
    if let Some(extra) = tokens.next() {
        fatal.push(extra.span(), "unexpected input after `enum Name;`; one invocation generates one type");
        return Err(fatal);
    }
    let mut module = crate::names::snake_case(&name.to_string());
    if name == module {
        // The matcher module would take the enum's own name in the type namespace.
        errors.push(
            name.span(),
            format!(
                "`{name}` clashes with its generated matcher module `{module}`, which takes the enum's name in snake_case; name the enum in UpperCamelCase, e.g. `StatusCode`"
            ),
        );
        // Generate under another name, so this is the only error.
        module.push_str("_codes");
    }
    let module = Ident::new(&module, name.span());
    if !saw_spec {
        errors.push(name.span(), "missing spec: add `#[spec = \"path/to/spec.toml\"]` or `#[spec = iana]`");
    }
    Ok(Input { krate, attrs, specs, non_exhaustive, vis, name, module, errors })
}

/// The rest of `#[spec = ...]` after `spec`.
fn spec_source(
    spec: &Ident,
    mut rest: impl Iterator<Item = TokenTree>,
) -> Result<SpecSource, (Span, String)> {
    match rest.next() {
        Some(TokenTree::Punct(eq)) if eq.as_char() == '=' => {}
        other => return Err((other.map_or_else(|| spec.span(), |t| t.span()), SPEC_USAGE.to_owned())),
    }
    let source = match rest.next() {
        Some(TokenTree::Ident(ident)) if ident == "iana" => SpecSource::Bundled(ident),
        Some(TokenTree::Literal(literal)) => match string_value(&literal) {
            Some(value) => SpecSource::File(PathLiteral { value, span: literal.span() }),
            None => return Err((literal.span(), SPEC_USAGE.to_owned())),
        },
        other => return Err((other.map_or_else(|| spec.span(), |t| t.span()), SPEC_USAGE.to_owned())),
    };
    match rest.next() {
        None => Ok(source),
        Some(extra) => Err((extra.span(), SPEC_USAGE.to_owned())),
    }
}

/// The value of a string literal (`"..."` or `r#"..."#`), or `None` for any other literal.
fn string_value(literal: &Literal) -> Option<String> {
    let text = literal.to_string();
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
    use std::str::FromStr;

    use super::*;

    fn parse_str(input: &str) -> Result<Input, Vec<String>> {
        parse(TokenStream::from_str(input).unwrap())
            .map_err(|errors| errors.0.into_iter().map(|(_, message)| message).collect())
    }

    #[test]
    fn reads_attributes_visibility_and_name() {
        let input = parse_str(
            "[::sip] /// Docs.\n#[spec = iana] #[spec = r#\"a\\b.toml\"#] #[spec = \"c\\u{2d}\\x64.toml\"] \
             #[sip_codes(non_exhaustive)] #[allow(dead_code)] pub(crate) enum Code;",
        )
        .ok()
        .unwrap();
        assert_eq!(input.krate.to_string(), ":: sip");
        assert_eq!(input.attrs.len(), 2, "the doc comment and #[allow] pass through");
        assert_eq!(input.vis.to_string(), "pub (crate)");
        assert_eq!(input.name, "Code");
        assert!(input.non_exhaustive && input.errors.is_empty());
        let paths: Vec<String> = input
            .specs
            .iter()
            .map(|s| match s {
                SpecSource::File(path) => path.value(),
                SpecSource::Bundled(ident) => ident.to_string(),
            })
            .collect();
        assert_eq!(paths, ["iana", "a\\b.toml", "c-d.toml"]);
    }

    #[test]
    fn keeps_going_after_attribute_errors() {
        let input = parse_str("[::sip] #[spec = ianna] #[spec = 42] #[sip_codes(exhaustive)] enum Code;")
            .ok()
            .unwrap();
        let messages: Vec<&str> = input.errors.0.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [SPEC_USAGE, SPEC_USAGE, "unknown `sip_codes` option; the option is `non_exhaustive`"]
        );
        let input = parse_str("[::sip] enum Code;").ok().unwrap();
        assert!(input.errors.0[0].1.starts_with("missing spec"));
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
    }
}
