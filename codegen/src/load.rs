//! Loading specs: read every file, merge them, check what spans files. The one pipeline the
//! macro and the project's tools share, so both see the same spec the same way.

use std::sync::Arc;

use crate::diag::{Diagnostics, Location};
use crate::kind::TableKind;
use crate::spec::{CauseEntry, CodeEntry, Registry, ValueEntry, read_spec_into};
use crate::valid;

/// The merged specs of one type: what the generator turns into code.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Model {
    /// The first `[registry]` table among the files.
    pub registry: Option<Registry>,
    /// Every code, in code order.
    pub entries: Vec<CodeEntry>,
    /// Every `[[q850]]` row, in cause order, later files' rows replacing earlier ones.
    pub causes: Vec<CauseEntry>,
    /// The table the specs hold: `None` for the response codes (`entries`), else the kind
    /// whose values are in `values`.
    pub kind: Option<&'static TableKind>,
    /// The values of another table, in value order.
    pub values: Vec<ValueEntry>,
}

/// Reads and merges spec files given as `(shown path, text)`, in order; a file whose text is
/// `None` could not be read (that is reported elsewhere) and is skipped. Problems go to
/// `diagnostics`; the entries that had problems but still have a code and a name are added
/// as stubs when `with_stubs` is set (the macro's fallback, so one mistake is one error).
pub fn load(files: &[(Arc<str>, Option<&str>)], diagnostics: &mut Diagnostics, with_stubs: bool) -> Model {
    let mut codes = Vec::with_capacity(files.len());
    let mut causes = Vec::with_capacity(files.len());
    let mut updates = Vec::with_capacity(files.len());
    let mut stubs = Vec::new();
    let mut registry = None;
    let mut kind: Option<(Option<&'static TableKind>, Location)> = None;
    let mut values = Vec::new();
    let mut value_updates = Vec::new();
    for (index, (path, text)) in files.iter().enumerate() {
        let Some(text) = text else { continue };
        let spec = read_spec_into(index, path, text, diagnostics);
        let (this_kind, at) = match spec.kind {
            Some((kind, at)) => (Some(kind), at),
            None => (None, Location::start_of(index, path)),
        };
        // A response-code type takes the Q.850 causes' spec for its `[code.response]` rows:
        // how a cause maps to a response is the response codes' semantics, kept with the
        // causes' names (`#[spec = iana]` reads both).
        if matches!(&kind, Some((None, _))) && this_kind.is_some_and(|k| k.id == crate::kind::Q850_CAUSES) {
            causes.push(spec.causes);
            continue;
        }
        match &kind {
            None => kind = Some((this_kind, at)),
            Some((first, first_at)) if *first != this_kind => {
                let title = |k: Option<&TableKind>| k.map_or("response codes", |k| k.title).to_lowercase();
                diagnostics.error(
                    at,
                    format!(
                        "this spec holds {}, but the spec at {first_at} holds {}: one type is made from specs of one table",
                        title(this_kind),
                        title(*first)
                    ),
                );
                continue;
            }
            Some(_) => {}
        }
        values.push(spec.values);
        value_updates.push(spec.value_updates);
        registry = registry.or(spec.registry);
        codes.push(spec.codes);
        causes.push(spec.causes);
        updates.push(spec.updates);
        stubs.extend(spec.stubs);
    }
    let mut entries = valid::merge(codes, diagnostics);
    valid::apply_updates(&mut entries, updates, diagnostics);
    // A response-code type's causes: its own `[[q850]]` rows and the Q.850 causes' spec's
    // `[code.response]` rows. Another table's type has none (the Q.850 causes' own type
    // reads its rows, and leaves them to the response codes).
    let responses = matches!(kind, Some((None, _)));
    let causes = if responses { valid::merge_causes(causes, &entries, diagnostics) } else { Vec::new() };
    if with_stubs {
        valid::add_stubs(&mut entries, stubs);
    }
    let kind = kind.and_then(|(kind, _)| kind);
    let values = match kind {
        Some(kind) => {
            let mut merged = valid::merge_values(values, kind, diagnostics);
            valid::apply_value_updates(&mut merged, value_updates, diagnostics);
            merged
        }
        None => Vec::new(),
    };
    Model { registry, entries, causes, kind, values }
}

/// Reports, against the last file, the codes `interpret` needs that the merged spec lacks,
/// unless other problems were found already. A type needs them; a tool that only reads or
/// repairs a spec (`sync-iana --write` restores deleted codes) may do without.
pub fn check_interpret(model: &Model, files: &[(Arc<str>, Option<&str>)], diagnostics: &mut Diagnostics) {
    if model.kind.is_some() {
        return;
    }
    let missing = valid::missing_interpret_codes(&model.entries);
    let all_read = files.iter().all(|(_, text)| text.is_some());
    if missing.is_empty() || !diagnostics.is_empty() || !all_read {
        return;
    }
    if let Some((path, _)) = files.last() {
        let last = files.len() - 1;
        let missing: Vec<String> = missing.iter().map(u16::to_string).collect();
        diagnostics.error(
            Location::start_of(last, path),
            format!(
                "the spec lacks {}, which `interpret` maps unknown codes onto (RFC 3261 §8.1.3.2: every UA must understand 100, 183 and the x00 of each class); add them, e.g. with `#[spec = iana]`",
                missing.join(", ")
            ),
        );
    }
}

/// Loads one spec file for a tool, with every check the macro makes: the model, or every
/// problem as `path:line:col: message` lines.
///
/// # Errors
/// The report's lines when the spec has problems.
pub fn load_spec(path: &str, text: &str) -> Result<Model, Vec<String>> {
    let mut diagnostics = Diagnostics::default();
    let files = [(Arc::from(path), Some(text))];
    let model = load(&files, &mut diagnostics, false);
    check_interpret(&model, &files, &mut diagnostics);
    if diagnostics.is_empty() { Ok(model) } else { Err(diagnostics.report()) }
}
