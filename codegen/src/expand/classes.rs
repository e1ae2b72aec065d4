//! The per-class matchers: one enum per class in a module named after the type, and
//! `Classified`, so that a match lists one class code by code and the compiler checks it.

use std::fmt::Write as _;

use super::{CLASS_VARIANTS, DERIVES, Expansion, Gen, doc, doc_aliases, list};
use crate::spec::CodeEntry;

pub(crate) fn generate(out: &mut Expansion, g: &Gen<'_>) {
    let Gen { input, entries, ty, .. } = g;
    let non_exhaustive = if input.non_exhaustive { "#[non_exhaustive]" } else { "" };
    // Inner docs (`#![doc]`), so the links resolve inside the module, as its items' do: an
    // outer doc on a module resolves them in the parent, where `super::` goes too far.
    let module_doc = doc(&format!(
        "Exhaustive matchers for [`{ty}`](super::{ty}): one enum per class, and [`Classified`] \
         from [`{ty}::classify`](super::{ty}::classify), and [`for_each!`](for_each!), which hands the \
         variant list to another macro.\n\nMatch whole classes with one arm \
         each and list one class code by code, without a `_` arm: when the spec gains a code, \
         the compiler points at exactly the matches that must handle it."
    ));
    out.push_str(&super::for_each::definition(g));
    let module_doc = module_doc.replace("#[doc = ", "#![doc = ");
    // The module's items are a part, filled into `mod $module { .. }` whole.
    let mut items = Expansion::default();
    let outer = out;
    let out = &mut items;
    let classes: Vec<Vec<&CodeEntry>> =
        (1u16..=6).map(|digit| entries.iter().filter(|e| e.class_digit() == digit).collect()).collect();
    for ((digit, class), members) in (1u16..).zip(CLASS_VARIANTS).zip(&classes) {
        let count = members.len();
        let mut variants = String::new();
        for entry in members {
            // The full documentation is on the type's variants; these link there.
            let (code, reason, variant) = (entry.code, &entry.reason, &entry.name);
            variants.push_str(&doc(&format!(
                "`{code} {reason}`: see [`{ty}::{variant}`](super::{ty}::{variant})."
            )));
            variants.push_str(&doc_aliases(entry));
            let _ = writeln!(variants, "    {variant} = {code},");
        }
        let enum_doc = doc(&format!(
            "The {digit}xx codes of [`{ty}`](super::{ty}) (`Class::{class}`): {count} codes, named as in `{ty}`."
        ));
        // Spanned on the user's enum name, so notes about a class enum point there.
        let mut name = Expansion::default();
        name.put(g.class_defs[usize::from(digit) - 1]);
        g.fill_parts(
            out,
            "\n$enum_doc$repr\n$derives$non_exhaustive\n#[allow(clippy::doc_markdown)]\npub enum $name {\n$variants}\n",
            &[
                ("enum_doc", &enum_doc),
                ("repr", &if count > 0 { "#[repr(u16)]" } else { "" }),
                ("derives", &DERIVES),
                ("non_exhaustive", &non_exhaustive),
                ("variants", &variants),
            ],
            &[("name", &name)],
        );
    }
    let classified_variants = list((1..).zip(CLASS_VARIANTS), "\n", |(digit, class), o| {
        let _ = write!(o, "    #[doc = \"A {digit}xx code.\"]\n    {class}({class}),");
    });
    let other = g.part(
        g.if_open(
            "\n    /// A code the type does not define (its `Other`), of any class or of none\
             \n    /// (700..=999): act on it by `Code::class`.\
             \n    Other($krate::Code),",
        ),
        &[],
    );
    g.fill_parts(
        out,
        r#"
/// A status code split by class; see the module documentation.
$derives
pub enum Classified {
$classified_variants$other
}
"#,
        &[("derives", &DERIVES), ("classified_variants", &classified_variants)],
        &[("other", &other)],
    );
    g.fill_parts(
        outer,
        "\n#[allow(dead_code)]\n$vis mod $module {\n$module_doc$reexport$items}\n",
        &[("module_doc", &module_doc), ("reexport", &super::for_each::reexport(g))],
        &[("items", &items)],
    );
    let out = outer;

    for (class, members) in CLASS_VARIANTS.iter().zip(&classes) {
        let names = || members.iter().map(|e| e.name.as_str());
        let all = list(names(), ", ", |v, o| {
            let _ = write!(o, "Self::{v}");
        });
        let (code_body, status_body) = if members.is_empty() {
            ("match self {}".to_owned(), "match self {}".to_owned())
        } else {
            let arms = list(names(), " ", |v, o| {
                let _ = write!(o, "Self::{v} => {ty}::{v},");
            });
            ("self as u16".to_owned(), format!("match self {{ {arms} }}"))
        };
        let mut try_arms = list(names(), "\n            ", |v, o| {
            let _ = write!(o, "{ty}::{v} => ::core::result::Result::Ok(Self::{v}),");
        });
        // The catch-all arm exists only if some code is of another class, or `Other`.
        if members.len() < entries.len() || g.open {
            try_arms.push_str("\n            other => ::core::result::Result::Err(other),");
        }
        g.fill(
            out,
            CLASS_IMPLS,
            &[
                ("class", class),
                ("all", &all),
                ("code_body", &code_body),
                ("status_body", &status_body),
                ("try_arms", &try_arms),
            ],
        );
    }
    let mut classified_arms = list(CLASS_VARIANTS, "\n            ", |class, o| {
        let _ = write!(o, "Self::{class}(status) => status.status(),");
    });
    if g.open {
        let _ = write!(classified_arms, "\n            Self::Other(code) => {}::Other(code),", g.ty);
    }
    let class_ty = if g.open { "::core::option::Option<$krate::Class>" } else { "$krate::Class" };
    g.fill(out, &CLASSIFIED_IMPLS.replace("$class_ty", class_ty), &[("classified_arms", &classified_arms)]);
}

/// One class enum's methods and conversions.
const CLASS_IMPLS: &str = r#"
#[allow(dead_code)]
impl $module::$class {
    /// Every code of this class, in code order.
    pub const ALL: &'static [Self] = &[$all];

    /// The three-digit code.
    #[must_use]
    #[inline]
    pub const fn code(self) -> u16 {
        $code_body
    }

    /// The same code as the full status type.
    #[must_use]
    #[inline]
    #[allow(clippy::too_many_lines)]
    pub const fn status(self) -> $ty {
        $status_body
    }

    /// The canonical Reason-Phrase.
    #[must_use]
    #[inline]
    pub const fn reason_phrase(self) -> &'static str {
        self.status().reason_phrase()
    }
}

#[automatically_derived]
impl ::core::convert::From<$module::$class> for $ty {
    #[inline]
    fn from(status: $module::$class) -> $ty {
        status.status()
    }
}

#[automatically_derived]
impl ::core::convert::TryFrom<$ty> for $module::$class {
    /// The code, when it is of another class.
    type Error = $ty;

    #[inline]
    #[allow(clippy::too_many_lines)]
    fn try_from(status: $ty) -> ::core::result::Result<Self, $ty> {
        match status {
            $try_arms
        }
    }
}

#[automatically_derived]
impl ::core::fmt::Display for $module::$class {
    /// Writes the code and the canonical phrase, as the full status type does.
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        ::core::fmt::Display::fmt(&self.status(), f)
    }
}
"#;

/// `Classified`'s methods and conversion.
const CLASSIFIED_IMPLS: &str = r#"
#[allow(dead_code)]
impl $module::Classified {
    /// The same code as the full status type.
    #[must_use]
    #[inline]
    pub const fn status(self) -> $ty {
        match self {
            $classified_arms
        }
    }

    /// The class.
    #[must_use]
    #[inline]
    pub const fn class(self) -> $class_ty {
        self.status().class()
    }
}

#[automatically_derived]
impl ::core::convert::From<$module::Classified> for $ty {
    #[inline]
    fn from(status: $module::Classified) -> $ty {
        status.status()
    }
}
"#;
