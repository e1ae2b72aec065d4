//! `for_each!`: the variant list handed to another macro, so that another crate builds its
//! own type (an enum with a catch-all arm, a newtype with constants) from the same table.
//!
//! `<module>::for_each!(my_macro)` expands to
//! `my_macro! { (Trying, TRYING, 100, "Trying"), (Ringing, RINGING, 180, "Ringing"), ... }`:
//! one tuple per variant in code order, the shape other crates are written against.
//!
//! A `macro_rules!` macro cannot be named by path unless it is re-exported with `use`: a
//! public type's macro is `#[macro_export]`ed under a hidden name unique to the invocation
//! and re-exported in the matcher module, so other crates reach it there; any other type's
//! stays local to the crate.

use std::fmt::Write as _;

use super::{Gen, list, lit};
use crate::names::screaming_snake_case;

/// The hidden name of the type's `macro_rules!` macro: unique per invocation, since
/// exported macros share the crate root and two modules may each generate a `StatusCode`.
pub(crate) fn macro_name(g: &Gen<'_>) -> String {
    // FNV-1a over where the invocation is and what it names.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in g.input.site.bytes().chain([0]).chain(g.ty.bytes()) {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    if g.input.site.is_empty() {
        format!("__sip_codes_for_each_{}", g.input.module)
    } else {
        format!("__sip_codes_for_each_{}_{hash:016x}", g.input.module)
    }
}

/// Whether the type is `pub`, so its `for_each!` is exported for other crates.
pub(crate) fn exported(g: &Gen<'_>) -> bool {
    matches!(&g.input.vis[..], [token] if matches!(&token.tree, crate::input::Tree::Ident(v) if v == "pub"))
}

/// The `macro_rules!` definition of a response-code type; written before the matcher
/// module, which re-exports it (a macro is in scope only after its definition).
pub(crate) fn definition(g: &Gen<'_>) -> String {
    let tuples = list(g.entries, ", ", |e, o| {
        let _ = write!(o, "({}, {}, {}, {})", e.name, screaming_snake_case(&e.name), e.code, lit(&e.reason));
    });
    let example = g.entries.iter().find(|e| e.code == 486).or(g.entries.first());
    let example = example.map_or_else(String::new, |e| {
        format!(", e.g. `({}, {}, {}, {})`", e.name, screaming_snake_case(&e.name), e.code, lit(&e.reason))
    });
    let other = if g.input.other { " The `Other` variant has no tuple: it holds no one code." } else { "" };
    let shape = format!(
        "`(Name, SCREAMING_NAME, code, \"Reason Phrase\")`: the variant's name, the same name in \
         SCREAMING_SNAKE_CASE, the code as an integer literal and the reason phrase as a string \
         literal{example}.{other}"
    );
    definition_with(g, &tuples, &shape)
}

/// The `macro_rules!` definition that hands `tuples` (written out, comma-separated) on;
/// `shape` says in the docs what a tuple holds.
pub(crate) fn definition_with(g: &Gen<'_>, tuples: &str, shape: &str) -> String {
    let ty = g.ty;
    let module = &g.input.module;
    let docs = super::doc(&format!(
        "Calls the macro it is given with the variant list of `{ty}`, so that another type can be \
         built from the same table without typing it.\n\n\
         `{module}::for_each!(my_macro)` expands to `my_macro! {{ (..), (..), }}`: one tuple per \
         variant, in order, each followed by a comma, shaped {shape} The tuple's shape is \
         stable; a new value in the spec adds a tuple."
    ));
    let (attrs, name) = if exported(g) {
        ("#[doc(hidden)]\n#[macro_export]\n", macro_name(g))
    } else {
        ("#[allow(unused_macros)]\n", macro_name(g))
    };
    // `$` is this module's own: templates use it for variables, so the macro is written here.
    format!(
        "\n{docs}{attrs}macro_rules! {name} {{\n    \
         ($($m:ident)::+ $(,)?) => {{ $($m)::+ ! {{ {tuples}, }} }};\n    \
         ($($any:tt)*) => {{ ::core::compile_error! {{ \"`for_each!` takes the path of a macro to call with the variant list, such as `my_macro` or `my_crate::my_macro`: `{module}::for_each!(my_macro);`\" }} }};\n\
         }}\n"
    )
}

/// The re-export inside the matcher module.
pub(crate) fn reexport(g: &Gen<'_>) -> String {
    let name = macro_name(g);
    if exported(g) {
        format!("#[doc(inline)]\npub use {name} as for_each;\n")
    } else {
        format!("#[doc(inline)]\n#[allow(unused_imports)]\npub(crate) use {name} as for_each;\n")
    }
}
