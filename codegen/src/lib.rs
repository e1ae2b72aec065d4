//! The spec parser, validator and generator behind `sip_codes!`.
//!
//! One parser, two users: the proc macro (`sip-codes-macros`) calls [`expand`], and the
//! project's maintainer tools call [`read_spec`] and [`merge`] to read the same files the same
//! way. Nothing here uses `proc_macro` types, or proc-macro2 and quote: the input is this
//! crate's own [`Token`] trees and the output is source text ([`Expansion`]), so every pass
//! runs in plain unit tests and the macro's only dependency is `toml` (its parser, no serde).
//!
//! The passes, one module each: [`spec`] reads a TOML file into the model, [`valid`] checks
//! across entries and files, and `expand` turns the model into Rust source.
//!
//! Feature `proc-macro2` (off for the macro) adds [`expand_str`] and [`from_proc_macro2`],
//! for tools that start from text.

mod diag;
mod expand;
mod input;
pub mod kind;
mod load;
mod names;
pub mod spec;
mod tree;
pub mod valid;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use diag::{Diagnostic, Diagnostics, Location};
pub use expand::{
    CompileError, Expansion, SPLICE_PREFIX, Splice, reference_link, reference_title, reference_url,
};
#[cfg(feature = "proc-macro2")]
pub use input::from_proc_macro2;
pub use input::{Delimiter, Token, Tree, write_tokens};
pub use load::{Model, check_interpret, load, load_spec};
pub use names::{derive_variant_name, snake_case};
pub use spec::{CodeEntry, Registry, SpecFile, TableValue, ValueEntry, read_spec};
pub use valid::merge;

use input::SpecSource;

/// The IANA registry spec bundled with the crate: what `#[spec = iana]` reads.
pub const BUNDLED_IANA_SPEC: &str = include_str!("../iana.toml");

/// How the bundled spec is named in messages.
pub const BUNDLED_IANA_PATH: &str = "<sip-codes bundled iana.toml>";

/// The Q.850 causes' spec bundled with the crate: `#[spec = iana]` reads it after
/// [`BUNDLED_IANA_SPEC`] for the responses the causes map to.
pub const BUNDLED_Q850_SPEC: &str = include_str!("../q850-causes.toml");

/// How the bundled Q.850 spec is named in messages.
pub const BUNDLED_Q850_PATH: &str = "<sip-codes bundled q850-causes.toml>";

/// How many spec problems become `compile_error!`s; the rest are counted in one more, so
/// that a broken spec with thousands of entries still gives a readable build log.
pub const MAX_REPORTED: usize = 20;

/// Expands one `sip_codes!` invocation, given as its token trees.
///
/// `invoking_file` gives the file a token comes from (the macro passes `Span::local_file`);
/// `site` tells invocations apart within one crate by a token, the enum's name (the macro
/// gives its span as `Debug` shows it; tools give `""`), so that two public types of the same name in two
/// modules export distinct `for_each!` macros. Relative spec paths resolve against that file's folder, or against `CARGO_MANIFEST_DIR`
/// where no file is known. Problems become compile errors spanned on the spec path, next to
/// stub items that keep the rest of the crate type-checking; past [`MAX_REPORTED`]
/// problems, one last error counts the rest.
pub fn expand(
    input: &[Token],
    invoking_file: &dyn Fn(usize) -> Option<PathBuf>,
    site: &dyn Fn(usize) -> String,
) -> Expansion {
    let mut output = Expansion::default();
    let mut input = match input::parse(input) {
        Ok(input) => input,
        Err(errors) => {
            output.add_errors(errors.0);
            return output;
        }
    };
    output.add_errors(std::mem::take(&mut input.errors.0));
    input.site = site(input.name_id);
    let mut tokens = Vec::with_capacity(input.specs.len());
    let mut files: Vec<(Arc<str>, Option<Cow<'static, str>>)> = Vec::with_capacity(input.specs.len());
    let mut includes = String::new();
    for (index, source) in input.specs.iter().enumerate() {
        match source {
            SpecSource::Bundled(token) => {
                tokens.push(*token);
                files.push((Arc::from(BUNDLED_IANA_PATH), Some(Cow::Borrowed(BUNDLED_IANA_SPEC))));
                tokens.push(*token);
                files.push((Arc::from(BUNDLED_Q850_PATH), Some(Cow::Borrowed(BUNDLED_Q850_SPEC))));
            }
            SpecSource::File(literal) => {
                tokens.push(literal.id);
                let path = resolve(&literal.value, invoking_file(literal.id));
                let shown: Arc<str> = Arc::from(path.display().to_string());
                match read_text(index, &shown, &path) {
                    Ok(text) => {
                        // Ties the crate's build to the spec file, so editing it re-expands the
                        // macro. A path that is not UTF-8 cannot be named in `include_str!`.
                        if let Some(exact) = path.to_str() {
                            includes.push_str(&format!("const _: &str = ::core::include_str!({exact:?});\n"));
                        }
                        files.push((shown, Some(Cow::Owned(text))));
                    }
                    Err(message) => {
                        output.error(Some(literal.id), message);
                        files.push((shown, None));
                    }
                }
            }
        }
    }
    let files: Vec<(Arc<str>, Option<&str>)> =
        files.iter().map(|(path, text)| (path.clone(), text.as_deref())).collect();
    let mut diagnostics = Diagnostics::default();
    let model = load(&files, &mut diagnostics, true);
    load::check_interpret(&model, &files, &mut diagnostics);
    report(&mut output, &diagnostics, &tokens);
    if let (Some(option), Some(kind)) = (input.other_id, model.kind) {
        output.error(
            Some(option),
            format!(
                "`other` holds the response codes a spec does not define; this spec holds {}, which a type stores as they are defined",
                kind.title.to_lowercase()
            ),
        );
        input.other = false;
    }
    if let (Some(option), Some(clash)) = (input.other_id, model.entries.iter().find(|e| e.name == "Other")) {
        output.error(
            Some(option),
            format!(
                "`other` adds a variant `Other` for the codes the specs do not define, but code {} at {} is named `Other`; give it another name with `name`, or with an [[update]] in a later spec",
                clash.code, clash.location
            ),
        );
        // Generated closed, so this is the only error.
        input.other = false;
    }
    output.push_str(&includes);
    expand::generate(&mut output, &input, &model);
    output
}

/// Expands an invocation written as text, e.g. `[crate] #[spec = iana] pub enum StatusCode;`,
/// as the macro would from a file with no path: what tools and tests call.
///
/// # Errors
/// When the text does not tokenize as Rust.
#[cfg(feature = "proc-macro2")]
pub fn expand_str(input: &str) -> Result<Expansion, String> {
    let tokens: proc_macro2::TokenStream =
        input.parse().map_err(|e| format!("the invocation does not tokenize: {e}"))?;
    Ok(expand(&from_proc_macro2(tokens), &|_| None, &|_| String::new()))
}

/// The spec problems as compile errors, each spanned on its file's `#[spec]` token.
fn report(output: &mut Expansion, diagnostics: &Diagnostics, tokens: &[usize]) {
    let kept = diagnostics.sorted();
    for diagnostic in &kept {
        output.error(tokens.get(diagnostic.location.file).copied(), diagnostic.to_string());
    }
    if diagnostics.omitted() > 0 {
        let message = diag::more_problems(diagnostics.omitted(), kept.len());
        output.error(kept.last().and_then(|d| tokens.get(d.location.file)).copied(), message);
    }
}

fn resolve(literal: &str, invoking_file: Option<PathBuf>) -> PathBuf {
    let path = Path::new(literal);
    if path.is_absolute() {
        return path.to_path_buf();
    }
    let base = invoking_file
        .and_then(|file| {
            let file = if file.is_relative() {
                // rustc reports paths relative to the directory it runs in: the workspace root
                // for a workspace member, the package root otherwise.
                std::env::current_dir().ok()?.join(file)
            } else {
                file
            };
            file.parent().map(Path::to_path_buf)
        })
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from))
        .unwrap_or_default();
    base.join(path)
}

/// Reads a spec file; the error is the message to show.
fn read_text(index: usize, shown: &Arc<str>, path: &Path) -> Result<String, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read spec file {shown}: {e}"))?;
    if metadata.is_dir() {
        return Err(format!("spec path {shown} is a directory; `#[spec = \"...\"]` names a TOML file"));
    }
    if !metadata.is_file() {
        // A FIFO or a device such as /dev/zero could block or never end.
        return Err(format!(
            "spec path {shown} is not a regular file; `#[spec = \"...\"]` names a TOML file"
        ));
    }
    if metadata.len() > spec::MAX_SPEC_BYTES as u64 {
        let location = Location::start_of(index, shown);
        return Err(format!("{location}: {}", spec::too_large(metadata.len())));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read spec file {shown}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
        let location = Location::at(index, shown, &prefix, valid);
        format!("{location}: the spec file is not valid UTF-8 (it must be UTF-8 TOML)")
    })
}
