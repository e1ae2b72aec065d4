//! The spec parser, validator and generator behind `sip_codes!`.
//!
//! One parser, two users: the proc macro (`sip-codes-macros`) calls [`expand`], and the
//! project's maintainer tools call [`read_spec`] and [`merge`] to read the same files the same
//! way. Nothing here uses `proc_macro` types, so every pass runs in plain unit tests.
//!
//! The passes, one module each: [`spec`] reads a TOML file into the model, [`valid`] checks
//! across entries and files, and `expand` turns the model into tokens.

mod diag;
mod expand;
mod input;
mod load;
mod names;
pub mod spec;
mod toml_doc;
pub mod valid;

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;

pub use diag::{Diagnostic, Diagnostics, Location};
pub use expand::{reference_link, reference_title, reference_url};
pub use load::{Model, check_interpret, load, load_spec};
pub use names::{derive_variant_name, snake_case};
pub use spec::{CodeEntry, Registry, SpecFile, read_spec};
pub use valid::merge;

use input::{Input, SpecSource};

/// The IANA registry spec bundled with the crate: what `#[spec = iana]` reads.
pub const BUNDLED_IANA_SPEC: &str = include_str!("../iana.toml");

/// How the bundled spec is named in messages.
pub const BUNDLED_IANA_PATH: &str = "<sip-codes bundled iana.toml>";

/// How many spec problems become `compile_error!`s; the rest are counted in one more, so
/// that a broken spec with thousands of entries still gives a readable build log.
pub const MAX_REPORTED: usize = 20;

/// Expands one `sip_codes!` invocation.
///
/// `invoking_file` gives the file a span's tokens come from (the macro passes
/// `Span::local_file`); relative spec paths resolve against that file's folder, or against
/// `CARGO_MANIFEST_DIR` where no file is known. Problems become `compile_error!`s spanned on
/// the spec path, next to stub items that keep the rest of the crate type-checking; past
/// [`MAX_REPORTED`] problems, one last error counts the rest.
pub fn expand(input: TokenStream, invoking_file: &dyn Fn(Span) -> Option<PathBuf>) -> TokenStream {
    let input: Input = match input::parse(input) {
        Ok(input) => input,
        Err(errors) => return errors.to_compile_error(),
    };
    let mut output = input.errors.to_compile_error();
    let mut spans = Vec::with_capacity(input.specs.len());
    let mut files: Vec<(Arc<str>, Option<Cow<'static, str>>)> = Vec::with_capacity(input.specs.len());
    for (index, source) in input.specs.iter().enumerate() {
        match source {
            SpecSource::Bundled(ident) => {
                spans.push(ident.span());
                files.push((Arc::from(BUNDLED_IANA_PATH), Some(Cow::Borrowed(BUNDLED_IANA_SPEC))));
            }
            SpecSource::File(literal) => {
                spans.push(literal.span());
                let path = resolve(&literal.value(), invoking_file(literal.span()));
                let shown: Arc<str> = Arc::from(path.display().to_string());
                match read_text(index, &shown, &path) {
                    Ok(text) => {
                        // Ties the crate's build to the spec file, so editing it re-expands the
                        // macro. A path that is not UTF-8 cannot be named in `include_str!`.
                        if let Some(exact) = path.to_str() {
                            output.extend(quote_spanned!(literal.span()=> const _: &str = ::core::include_str!(#exact);));
                        }
                        files.push((shown, Some(Cow::Owned(text))));
                    }
                    Err(message) => {
                        output.extend(quote_spanned!(literal.span()=> ::core::compile_error!(#message);));
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
    output.extend(report(&diagnostics, &spans));
    output.extend(expand::generate(&input, &model));
    output
}

/// The spec problems as `compile_error!`s, each spanned on its file's `#[spec]` literal.
fn report(diagnostics: &Diagnostics, spans: &[Span]) -> TokenStream {
    let mut output = TokenStream::new();
    let kept = diagnostics.sorted();
    for diagnostic in &kept {
        let message = diagnostic.to_string();
        let span = spans.get(diagnostic.location.file).copied().unwrap_or_else(Span::call_site);
        output.extend(quote_spanned!(span=> ::core::compile_error!(#message);));
    }
    if diagnostics.omitted() > 0 {
        let message = diag::more_problems(diagnostics.omitted(), kept.len());
        let span =
            kept.last().and_then(|d| spans.get(d.location.file)).copied().unwrap_or_else(Span::call_site);
        output.extend(quote_spanned!(span=> ::core::compile_error!(#message);));
    }
    output
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
