//! The model to Rust source, one module per generated item: the enum and its tables
//! ([`tables`]), its inherent methods ([`methods`]), its trait impls ([`impls`]), the
//! per-class matchers ([`classes`]) and the SIP semantics accessors ([`semantics`]). Each
//! writes templates of plain Rust into an [`Expansion`] (see [`out`]).
//!
//! Lookups go through one table: `SLOTS` maps `code - 100` to the entry's position, and
//! per-entry arrays hold the phrase, the "486 Busy Here" line, the description and the
//! references. Nothing is typed twice and every lookup is two loads.

mod classes;
mod for_each;
mod impls;
mod methods;
mod out;
mod references;
mod semantics;
mod tables;
mod values;

use std::fmt::{self, Display};

pub use out::{CompileError, Expansion, SPLICE_PREFIX, Splice};
pub use references::{reference_link, reference_title, reference_url};

use crate::input::Input;
use crate::load::Model;
use crate::spec::CodeEntry;
use out::Var;

/// The class enums' identifiers, by class digit 1 to 6: the runtime's `Class` variants.
pub(crate) const CLASS_VARIANTS: [&str; 6] =
    ["Provisional", "Success", "Redirection", "ClientError", "ServerError", "GlobalFailure"];

/// The derives every generated enum shares.
pub(crate) const DERIVES: &str = "#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug, \
     ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::cmp::PartialOrd, ::core::cmp::Ord)]\n";

/// What every generator needs: the invocation and the merged spec, and the splices that
/// carry the invocation's tokens.
pub(crate) struct Gen<'a> {
    pub input: &'a Input,
    pub entries: &'a [CodeEntry],
    /// The type's name, as text.
    pub ty: &'a str,
    /// `#[sip_codes(other)]`: the type has a last variant `Other(Code)`.
    pub open: bool,
    /// Splices: the crate path, the visibility, the attributes, the matcher module's name,
    /// and the names where they are defined (the type, the six class enums).
    krate: usize,
    vis: usize,
    attrs: usize,
    module: usize,
    ty_def: usize,
    pub class_defs: [usize; 6],
}

impl Gen<'_> {
    /// The variant name of `code`, if the spec defines it.
    pub fn variant_of(&self, code: u16) -> Option<&str> {
        self.entries.iter().find(|e| e.code == code).map(|e| e.name.as_str())
    }

    /// The number of variants the specs define (`Other` not counted).
    pub fn count(&self) -> usize {
        self.entries.len()
    }

    /// The rows of the per-entry data tables: one per variant, and a last one that `Other`
    /// reads (no phrase, no references, the RFC defaults) in an open type.
    pub fn rows(&self) -> usize {
        self.count() + usize::from(self.open)
    }

    /// `then` in an open type, else nothing: a table's last row, an arm for `Other`.
    pub fn if_open<'t>(&self, then: &'t str) -> &'t str {
        if self.open { then } else { "" }
    }

    /// Writes `template`: `$krate`, `$vis`, `$attrs`, `$ty`, `$module` and `$ty_def` are the
    /// type's, other `$name`s come from `vars`.
    pub fn fill(&self, out: &mut Expansion, template: &str, vars: &[(&str, &dyn Display)]) {
        self.fill_parts(out, template, vars, &[]);
    }

    /// `template` filled on its own, to go into another template as a part: what a piece
    /// that names `$krate` is.
    pub fn part(&self, template: &str, vars: &[(&str, &dyn Display)]) -> Expansion {
        let mut part = Expansion::default();
        self.fill(&mut part, template, vars);
        part
    }

    /// [`fill`](Self::fill), with `parts` too: lists written on their own because they hold
    /// splices (`$krate`), which a text variable cannot.
    pub fn fill_parts(
        &self,
        out: &mut Expansion,
        template: &str,
        vars: &[(&str, &dyn Display)],
        parts: &[(&str, &Expansion)],
    ) {
        // A template bug is a generator bug: every build reports it as a compile error (which
        // the generator's tests assert never happens) rather than emitting broken code quietly.
        let used = std::cell::RefCell::new(Vec::new());
        let missing = std::cell::RefCell::new(Vec::new());
        if let Some(problem) = out::unbalanced(template) {
            out.error(
                None,
                format!("sip_codes!: a template is not balanced ({problem}); please report this"),
            );
        }
        out.fill(template, &|name| {
            used.borrow_mut().push(name.to_owned());
            self.var(name, vars, parts, &missing)
        });
        for name in missing.into_inner() {
            out.error(
                None,
                format!("sip_codes!: template variable `${name}` has no value; please report this"),
            );
        }
        let used = used.into_inner();
        for name in vars.iter().map(|(name, _)| name).chain(parts.iter().map(|(name, _)| name)) {
            if !used.iter().any(|u| u == name) {
                out.error(
                    None,
                    format!(
                        "sip_codes!: template variable `${name}` is given but not used; please report this"
                    ),
                );
            }
        }
    }

    /// The value of template variable `name`.
    fn var<'v>(
        &self,
        name: &str,
        vars: &[(&str, &dyn Display)],
        parts: &'v [(&str, &Expansion)],
        missing: &std::cell::RefCell<Vec<String>>,
    ) -> Var<'v> {
        match name {
            "krate" => Var::Splice(self.krate),
            "vis" => Var::Splice(self.vis),
            "attrs" => Var::Splice(self.attrs),
            "ty_def" => Var::Splice(self.ty_def),
            // Spliced everywhere, not only where it is defined: the module's name is the
            // enum's in snake_case, which may be a keyword of the macro's edition only
            // (`gen` in 2024), so it must carry the user's span and edition.
            "module" => Var::Splice(self.module),
            "ty" => Var::Text(self.ty.to_owned().into()),
            _ => {
                match (vars.iter().find(|(var, _)| *var == name), parts.iter().find(|(var, _)| *var == name))
                {
                    (Some((_, value)), _) => Var::Text(value.to_string().into()),
                    (None, Some((_, part))) => Var::Part(part),
                    (None, None) => {
                        missing.borrow_mut().push(name.to_owned());
                        Var::Text("".into())
                    }
                }
            }
        }
    }
}

/// Generates the type and everything that goes with it into `out`.
pub fn generate(out: &mut Expansion, input: &Input, model: &Model) {
    let krate = out.add_splice(Splice::Tokens(input.krate.clone()));
    let vis = out.add_splice(Splice::Tokens(input.vis.clone()));
    let attrs = out.add_splice(Splice::Tokens(input.attrs.concat()));
    let ident = |name: &str| Splice::Ident { name: name.to_owned(), id: input.name_id };
    let module = out.add_splice(ident(&input.module));
    let ty_def = out.add_splice(ident(&input.name));
    let class_defs = CLASS_VARIANTS.map(|class| out.add_splice(ident(class)));
    let g = Gen {
        input,
        entries: &model.entries,
        ty: &input.name,
        open: input.other,
        krate,
        vis,
        attrs,
        module,
        ty_def,
        class_defs,
    };
    if let Some(kind) = model.kind {
        values::generate(out, &g, kind, &model.values);
        return;
    }
    tables::enum_and_tables(out, &g);
    methods::generate(out, &g);
    impls::generate(out, &g);
    classes::generate(out, &g);
    semantics::generate(out, &g, &model.causes);
}

/// The enum itself: the invocation's attributes, the docs, the derives and `variants`, then
/// `other` (an open type's `Other`, a part as it names `$krate`).
pub(crate) fn enum_item(
    out: &mut Expansion,
    g: &Gen<'_>,
    type_doc: &str,
    repr: &str,
    variants: &str,
    other: &Expansion,
) {
    let non_exhaustive = if g.input.non_exhaustive { "#[non_exhaustive]" } else { "" };
    g.fill_parts(
        out,
        r#"
$attrs
#[doc = ""]
$type_doc
$repr
$derives
$non_exhaustive
// Descriptions are prose from the spec, not code.
#[allow(clippy::doc_markdown)]
$vis enum $ty_def {
$variants$other
}
"#,
        &[
            ("type_doc", &type_doc),
            ("repr", &repr),
            ("derives", &DERIVES),
            ("non_exhaustive", &non_exhaustive),
            ("variants", &variants),
        ],
        &[("other", other)],
    );
}

/// `Self::A | Self::B`: a pattern matching each of the variants (or variant patterns, such
/// as `Other(_)`) given.
pub(crate) fn variants_pattern<'a>(variants: impl IntoIterator<Item = &'a str>) -> String {
    list(variants, " | ", |v, o| {
        o.push_str("Self::");
        o.push_str(v);
    })
}

/// `::core::matches!(self, Self::A | Self::B)` for the variants given, or `None` for none.
pub(crate) fn matches_any<'a>(variants: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let pattern = variants_pattern(variants);
    (!pattern.is_empty()).then(|| format!("::core::matches!(self, {pattern})"))
}

/// Writes `items` separated by `separator`, each as `item` writes it.
pub(crate) fn list<T>(
    items: impl IntoIterator<Item = T>,
    separator: &str,
    item: impl Fn(T, &mut String),
) -> String {
    let mut out = String::new();
    for (i, x) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        item(x, &mut out);
    }
    out
}

/// A string as a Rust string literal.
pub(crate) fn lit(text: &str) -> Lit<'_> {
    Lit(text)
}

/// See [`lit`].
pub(crate) struct Lit<'a>(&'a str);

impl Display for Lit<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `Debug` for `str` writes a valid Rust string literal: quotes and backslashes
        // escaped, control and unprintable characters as `\u{..}`.
        write!(f, "{:?}", self.0)
    }
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
    if let Some(policy) = &entry.semantics.policy {
        let word = |words: &[(&str, &str)], variant: &str| {
            words.iter().find(|(_, v)| *v == variant).map_or(variant.to_owned(), |(w, _)| w.replace('-', " "))
        };
        doc.push_str(&format!(
            "\n\nFor the call: {}. For a router: {}. {}",
            word(&crate::spec::OUTCOMES, policy.outcome),
            word(&crate::spec::ROUTES, policy.route),
            policy.why.trim()
        ));
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
pub(crate) fn doc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.lines() {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        out.push_str("#[doc = ");
        out.push_str(&lit(&line).to_string());
        out.push_str("]\n");
    }
    out
}

/// `#[doc(alias = ...)]` for the code and its phrase, so rustdoc's search finds "486" and
/// "busy here". A phrase rustdoc would refuse as an alias (quotes, tabs) is left out.
pub(crate) fn doc_aliases(entry: &CodeEntry) -> String {
    let code = entry.code.to_string();
    let phrase_ok = !entry.reason.is_empty()
        && !entry.reason.chars().any(|c| c.is_control() || c == '"' || c == '\'')
        && entry.reason != entry.name;
    if phrase_ok {
        format!("#[doc(alias = {}, alias = {})]\n", lit(&code), lit(&entry.reason))
    } else {
        format!("#[doc(alias = {})]\n", lit(&code))
    }
}

#[cfg(test)]
mod tests {
    use crate::expand_str;

    /// Expands `invocation` and checks what every expansion must be: no errors (template
    /// bugs among them), and source that tokenizes.
    fn expand_clean(invocation: &str) -> String {
        let expansion = expand_str(invocation).unwrap();
        assert!(expansion.errors().is_empty(), "{invocation}: {:?}", expansion.errors());
        let source = expansion.to_source();
        if let Err(error) = source.parse::<proc_macro2::TokenStream>() {
            panic!("{invocation}: the expansion does not tokenize: {error}");
        }
        source
    }

    #[test]
    fn the_registry_expands_closed_open_and_non_exhaustive() {
        for options in
            ["", "#[sip_codes(other)]", "#[sip_codes(non_exhaustive)]", "#[sip_codes(other, non_exhaustive)]"]
        {
            let source = expand_clean(&format!("[crate] #[spec = iana] {options} pub enum StatusCode;"));
            assert!(source.contains("pub use __sip_codes_for_each_status_code as for_each"), "{options}");
            assert!(source.contains("(BusyHere, BUSY_HERE, 486, \"Busy Here\")"), "{options}");
            assert_eq!(source.contains("Other("), options.contains("other"), "{options}");
            assert_eq!(source.contains("::SipStatus for StatusCode"), !options.contains("other"));
        }
        // A type that is not `pub` keeps its `for_each!` in the crate.
        let source = expand_clean("[crate] #[spec = iana] pub(crate) enum StatusCode;");
        assert!(source.contains("pub(crate) use __sip_codes_for_each_status_code as for_each"));
        assert!(!source.contains("#[macro_export]"));
    }

    #[test]
    fn a_synthetic_six_hundred_code_spec_expands() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../benches/specs/synthetic-600.toml");
        for options in ["", "#[sip_codes(other)]"] {
            let source = expand_clean(&format!("[crate] #[spec = {path:?}] {options} pub enum Synthetic;"));
            // Every code 100..=699 is defined: the slot table is wide and `Other` holds 7xx-9xx only.
            assert!(source.contains("const SLOTS: [u16; 600]"), "{options}");
        }
    }
}
