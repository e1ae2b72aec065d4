//! The `sip_codes!` proc macro. Use it through the `sip-codes` crate, whose `sip_codes!`
//! passes its own path in so renamed dependencies and `#![no_std]` crates work.
//!
//! This crate is a thin entry point over `proc_macro` alone: the spec parser, validator and
//! generator live in `sip-codes-codegen`, which reads plain token trees and writes Rust
//! source. This crate converts the input to those trees, parses the source it gets back,
//! and puts the invocation's own tokens (with their spans) where the source marks them.

use proc_macro::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use sip_codes_codegen::{SPLICE_PREFIX, Splice, Token, Tree};

/// `Span::local_file` for Rust 1.85 to 1.87, where the compiler has it only as an unstable
/// method: there method resolution passes over the unstable method and takes this one, which
/// knows no file. From 1.88 the compiler's own, stable and inherent, takes precedence.
trait LocalFile {
    #[allow(dead_code)] // Called only by compilers before 1.88.
    fn local_file(&self) -> Option<std::path::PathBuf> {
        None
    }
}

impl LocalFile for Span {}

/// Expands `[$crate] attributes* visibility enum Name;` into a status-code type.
/// Called by `sip_codes::sip_codes!`; see its documentation.
#[proc_macro]
pub fn expand(input: TokenStream) -> TokenStream {
    let mut originals = Vec::new();
    let tokens = convert(input, &mut originals);
    // The compiler knows which file a token comes from; spec paths resolve against it. Before
    // Rust 1.88 it cannot say (see `LocalFile`), and codegen resolves them against the crate root.
    #[allow(clippy::incompatible_msrv, unstable_name_collisions)]
    let invoking_file = |id: usize| originals.get(id).and_then(|t: &TokenTree| t.span().local_file());
    // A span's `Debug` (file and byte offsets) tells this invocation from any other.
    let site =
        |id: usize| originals.get(id).map(|t: &TokenTree| format!("{:?}", t.span())).unwrap_or_default();
    let expansion = sip_codes_codegen::expand(&tokens, &invoking_file, &site);
    let span_of =
        |id: Option<usize>| id.and_then(|id| originals.get(id)).map_or_else(Span::call_site, TokenTree::span);

    let mut output = TokenStream::new();
    for error in expansion.errors() {
        output.extend(compile_error(&error.message, span_of(error.token)));
    }
    // Each splice's tokens, made once: a splice is marked in many places (the crate path
    // and the module's name at every use).
    let splices: Vec<Vec<TokenTree>> = expansion
        .splices()
        .iter()
        .map(|splice| match splice {
            Splice::Tokens(tokens) => tokens.iter().filter_map(|t| originals.get(t.id).cloned()).collect(),
            Splice::Ident { name, id } => spanned_ident(name, span_of(Some(*id))).into_iter().collect(),
        })
        .collect();
    match expansion.marked_source().parse::<TokenStream>() {
        Ok(generated) => output.extend(splice(generated, &splices)),
        // The generator writes only what parses; this says so if it ever does not.
        Err(error) => output.extend(compile_error(
            &format!("sip_codes!: the generated code does not parse ({error}); please report this"),
            Span::call_site(),
        )),
    }
    output
}

/// The input as the generator's token trees; `originals[id]` is the tree numbered `id`,
/// depth first, the order `sip_codes_codegen::from_proc_macro2` numbers proc-macro2's trees in.
fn convert(stream: TokenStream, originals: &mut Vec<TokenTree>) -> Vec<Token> {
    stream
        .into_iter()
        .map(|tree| {
            let id = originals.len();
            originals.push(tree.clone());
            let tree = match tree {
                TokenTree::Ident(ident) => Tree::Ident(ident.to_string()),
                TokenTree::Punct(punct) => {
                    Tree::Punct { ch: punct.as_char(), joint: punct.spacing() == Spacing::Joint }
                }
                TokenTree::Literal(literal) => Tree::Literal(literal.to_string()),
                TokenTree::Group(group) => Tree::Group {
                    delimiter: match group.delimiter() {
                        Delimiter::Parenthesis => sip_codes_codegen::Delimiter::Parenthesis,
                        Delimiter::Brace => sip_codes_codegen::Delimiter::Brace,
                        Delimiter::Bracket => sip_codes_codegen::Delimiter::Bracket,
                        Delimiter::None => sip_codes_codegen::Delimiter::None,
                    },
                    tokens: convert(group.stream(), originals),
                },
            };
            Token { tree, id }
        })
        .collect()
}

/// `stream` with every splice mark replaced by the splice's tokens. Each level is collected
/// and handed to the compiler at once: a tree at a time would be a round trip each.
fn splice(stream: TokenStream, splices: &[Vec<TokenTree>]) -> TokenStream {
    let mut output: Vec<TokenTree> = Vec::new();
    for tree in stream {
        match tree {
            TokenTree::Group(group) => {
                let mut spliced = Group::new(group.delimiter(), splice(group.stream(), splices));
                spliced.set_span(group.span());
                output.push(TokenTree::Group(spliced));
            }
            TokenTree::Ident(ident) => {
                let text = ident.to_string();
                let index = text.strip_prefix(SPLICE_PREFIX).and_then(|n| n.parse::<usize>().ok());
                match index.and_then(|i| splices.get(i)) {
                    Some(tokens) => output.extend(tokens.iter().cloned()),
                    None => output.push(TokenTree::Ident(ident)),
                }
            }
            other => output.push(other),
        }
    }
    output.into_iter().collect()
}

/// `name` as an identifier at `span`. Parsed rather than built with `Ident::new`, which
/// panics on a string that is no identifier: the generator only names identifiers it has
/// checked, and this keeps it so.
fn spanned_ident(name: &str, span: Span) -> TokenStream {
    let mut trees =
        name.parse::<TokenStream>().map(|s| s.into_iter().collect::<Vec<_>>()).unwrap_or_default();
    match trees.as_mut_slice() {
        [TokenTree::Ident(ident)] => {
            ident.set_span(span);
            TokenStream::from_iter(trees)
        }
        _ => compile_error(&format!("sip_codes!: `{name}` is not an identifier; please report this"), span),
    }
}

/// `::core::compile_error!("message");`, every token at `span`.
fn compile_error(message: &str, span: Span) -> TokenStream {
    let punct = |ch, spacing| {
        let mut punct = Punct::new(ch, spacing);
        punct.set_span(span);
        TokenTree::Punct(punct)
    };
    let mut literal = Literal::string(message);
    literal.set_span(span);
    let mut args = Group::new(Delimiter::Parenthesis, TokenStream::from(TokenTree::Literal(literal)));
    args.set_span(span);
    TokenStream::from_iter([
        punct(':', Spacing::Joint),
        punct(':', Spacing::Alone),
        TokenTree::Ident(Ident::new("core", span)),
        punct(':', Spacing::Joint),
        punct(':', Spacing::Alone),
        TokenTree::Ident(Ident::new("compile_error", span)),
        punct('!', Spacing::Alone),
        TokenTree::Group(args),
        punct(';', Spacing::Alone),
    ])
}
