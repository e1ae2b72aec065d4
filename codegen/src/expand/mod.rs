//! The model to tokens, one module per generated item: the enum and its tables
//! ([`tables`]), its inherent methods ([`methods`]), its trait impls ([`impls`]), the
//! per-class matchers ([`classes`]) and the SIP semantics accessors ([`semantics`]).
//!
//! Lookups go through one table: `SLOTS` maps `code - 100` to the entry's position, and
//! per-entry arrays hold the phrase, the "486 Busy Here" line, the description and the
//! references. Nothing is typed twice and every lookup is two loads.

mod classes;
mod impls;
mod methods;
mod references;
mod semantics;
mod tables;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub use references::{reference_link, reference_title, reference_url};

use crate::input::Input;
use crate::load::Model;
use crate::spec::CodeEntry;

/// The class enums' identifiers, by class digit 1 to 6: the runtime's `Class` variants.
pub(crate) const CLASS_VARIANTS: [&str; 6] =
    ["Provisional", "Success", "Redirection", "ClientError", "ServerError", "GlobalFailure"];

/// What every generator needs: the invocation and the merged spec, with the variant names.
pub(crate) struct Gen<'a> {
    pub input: &'a Input,
    pub entries: &'a [CodeEntry],
    pub variants: Vec<Ident>,
    pub krate: &'a TokenStream,
    pub ty: &'a Ident,
    pub module: &'a Ident,
}

impl Gen<'_> {
    /// The variant of `code`, if the spec defines it.
    pub fn variant_of(&self, code: u16) -> Option<&Ident> {
        self.entries.iter().position(|e| e.code == code).map(|i| &self.variants[i])
    }

    /// The number of variants.
    pub fn count(&self) -> usize {
        self.entries.len()
    }

    /// The derives every generated enum shares.
    pub fn derives(&self) -> TokenStream {
        quote! {
            #[derive(
                ::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, ::core::cmp::PartialEq,
                ::core::cmp::Eq, ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord
            )]
        }
    }
}

/// Generates the type and everything that goes with it.
pub fn generate(input: &Input, model: &Model) -> TokenStream {
    let entries = &model.entries[..];
    let g = Gen {
        input,
        entries,
        variants: entries.iter().map(|e| Ident::new(&e.name, Span::call_site())).collect(),
        krate: &input.krate,
        ty: &input.name,
        module: &input.module,
    };
    let mut output = tables::enum_and_tables(&g);
    output.extend(methods::generate(&g));
    output.extend(impls::generate(&g));
    output.extend(classes::generate(&g));
    output.extend(semantics::generate(&g, &model.causes));
    output
}

/// The rustdoc of a variant of the full type.
pub(crate) fn variant_doc(entry: &CodeEntry) -> String {
    let mut doc = format!("`{} {}`", entry.code, entry.reason);
    if entry.deprecated {
        doc.push_str(" (deprecated)");
    }
    if let Some(description) = &entry.description {
        doc.push_str("\n\n");
        doc.push_str(description.trim());
    }
    if entry.deprecated {
        doc.push_str("\n\n**Deprecated** in the registry: do not send it.");
    }
    if !entry.registered {
        doc.push_str("\n\n*Not registered with IANA*: a vendor or local code.");
    }
    if !entry.aliases.is_empty() {
        let aliases: Vec<String> = entry.aliases.iter().map(|a| format!("\"{a}\"")).collect();
        doc.push_str(&format!("\n\nParsing also accepts the former phrase {}.", aliases.join(", ")));
    }
    if !entry.references.is_empty() {
        let refs: Vec<String> = entry.references.iter().map(|r| reference_link(r)).collect();
        doc.push_str(&format!("\n\nDefined in {}.", refs.join(", ")));
    }
    doc
}

/// `#[doc = "..."]` attributes, one per line as `///` comments give them, so the expansion
/// reads as plain doc comments when printed.
pub(crate) fn doc(text: &str) -> TokenStream {
    text.lines()
        .map(|line| {
            let line = if line.is_empty() { String::new() } else { format!(" {line}") };
            quote!(#[doc = #line])
        })
        .collect()
}

/// An integer literal without a suffix: `486`, not `486u16`.
pub(crate) fn number(n: u16) -> proc_macro2::Literal {
    proc_macro2::Literal::u16_unsuffixed(n)
}

/// `#[doc(alias = ...)]` for the code and its phrase, so rustdoc's search finds "486" and
/// "busy here". A phrase rustdoc would refuse as an alias (quotes, tabs) is left out.
pub(crate) fn doc_aliases(entry: &CodeEntry) -> TokenStream {
    let code = entry.code.to_string();
    let phrase_ok = !entry.reason.is_empty()
        && !entry.reason.chars().any(|c| c.is_control() || c == '"' || c == '\'')
        && entry.reason != entry.name;
    if phrase_ok {
        let phrase = &entry.reason;
        quote!(#[doc(alias = #code, alias = #phrase)])
    } else {
        quote!(#[doc(alias = #code)])
    }
}
