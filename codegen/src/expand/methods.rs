//! The inherent methods: lookups, parsing, `interpret`, predicates and `classify`.

use std::fmt::Write as _;

use super::{CLASS_VARIANTS, Expansion, Gen, list, matches_any};
use crate::names::snake_case;

pub(crate) fn generate(out: &mut Expansion, g: &Gen<'_>) {
    // The methods are written as a part and filled into `impl $ty { .. }` whole, so that
    // every template is balanced on its own.
    let mut body = Expansion::default();
    let out_impl = out;
    let out = &mut body;
    let entries = g.entries;
    let count = g.count();
    // Methods that read a table go through `slot`; an enum without variants has no slot.
    let table = |name: &str| {
        if count == 0 { "match self {}".to_owned() } else { format!("Self::{name}[self.slot()]") }
    };
    // An open type's enum holds data, so `as` cannot read its discriminant: both are matches,
    // which compile to the same loads.
    let (slot_fn, code_body) = if g.open {
        let slots = list(entries.iter().enumerate(), "\n            ", |(slot, e), o| {
            let _ = write!(o, "Self::{} => {slot},", e.name);
        });
        let codes = list(entries, "\n            ", |e, o| {
            let _ = write!(o, "Self::{} => {},", e.name, e.code);
        });
        (
            format!(
                "// `Other`'s row is the last: no phrase, no references, the RFCs' defaults.\n    \
                 #[inline]\n    #[allow(clippy::too_many_lines)]\n    const fn slot(self) -> usize {{\n        match self {{\n            {slots}\n            \
                 Self::Other(_) => {count},\n        }}\n    }}"
            ),
            format!(
                "match self {{\n            {codes}\n            Self::Other(code) => code.get(),\n        }}"
            ),
        )
    } else if count > 0 {
        (
            "#[inline]\n    const fn slot(self) -> usize {\n        Self::SLOTS[self as usize - 100] as usize\n    }"
                .to_owned(),
            "self as u16".to_owned(),
        )
    } else {
        (String::new(), "match self {}".to_owned())
    };
    let other_arm = |then: &str| {
        if g.open { format!("Self::Other(code) => {then},\n            ") } else { String::new() }
    };
    // `Other` has no line of its own in the tables: the bare code, from the runtime's.
    let by_table = |name: &str, other: &str| {
        if g.open {
            format!("match self {{\n            {}_ => {},\n        }}", other_arm(other), table(name))
        } else {
            table(name)
        }
    };
    let has_aliases = entries.iter().any(|e| !e.aliases.is_empty());
    let aliases = if has_aliases { table("ALIASES") } else { "&[]".to_owned() };
    let alias_check = if has_aliases {
        "let aliases = Self::ALIASES[status.slot()];
        let mut i = 0;
        while i < aliases.len() {
            if phrase.eq_ignore_ascii_case(aliases[i].as_bytes()) {
                return ::core::result::Result::Ok(status);
            }
            i += 1;
        }"
    } else {
        ""
    };
    let names = |keep: fn(&crate::spec::CodeEntry) -> bool| {
        entries.iter().filter(move |e| keep(e)).map(|e| e.name.as_str())
    };
    let is_deprecated = matches_any(names(|e| e.deprecated)).unwrap_or_else(|| "false".to_owned());
    // An open type's `Other` is not registered either.
    let other = if g.open { Some("Other(_)") } else { None };
    let is_registered = matches_any(names(|e| !e.registered).chain(other))
        .map_or_else(|| "true".to_owned(), |m| format!("!{m}"));
    let class_fn = if g.open {
        "/// The class given by the code's first digit; `None` for 700..=999, which RFC 3261
    /// gives no class (only `Other` holds them).
    #[must_use]
    #[inline]
    pub const fn class(self) -> ::core::option::Option<$krate::Class> {
        $krate::Class::from_code(self.code())
    }"
    } else {
        "/// The class given by the code's first digit.
    #[must_use]
    #[inline]
    pub const fn class(self) -> $krate::Class {
        $krate::__private::class_of(self.code())
    }"
    };
    let phrase = table("PHRASES");
    let line = by_table("LINES", "code.as_str()");
    let status_line = by_table("STATUS_LINES", "code.bare_status_line()");
    let (description, references) = (table("DESCRIPTIONS"), table("REFERENCES"));
    g.fill_parts(
        out,
        r#"
    $slot_fn

    /// The three-digit code, e.g. `486`.
    #[must_use]
    #[inline]
    pub const fn code(self) -> u16 {
        $code_body
    }

    /// The canonical Reason-Phrase, e.g. `"Busy Here"`. Peers may send other text:
    /// only the code carries meaning.
    #[must_use]
    #[inline]
    pub const fn reason_phrase(self) -> &'static str {
        $phrase
    }

    /// The code and phrase as `Display` writes them, e.g. `"486 Busy Here"`.
    #[must_use]
    #[inline]
    pub const fn as_str(self) -> &'static str {
        $line
    }

    /// The whole status line of a response with this code, e.g.
    /// `"SIP/2.0 486 Busy Here\r\n"`: writing a response's first line is one copy.
    #[must_use]
    #[inline]
    pub const fn status_line(self) -> &'static str {
        $status_line
    }

    /// What the code means in practice, as the spec describes it (Markdown).
    #[must_use]
    #[inline]
    pub const fn description(self) -> ::core::option::Option<&'static str> {
        $description
    }

    /// The documents that define the code, with their titles and links.
    #[must_use]
    #[inline]
    pub const fn references(self) -> &'static [$krate::Reference] {
        $references
    }

    /// Former phrases of the code that parsing also accepts.
    #[must_use]
    #[inline]
    pub const fn aliases(self) -> &'static [&'static str] {
        $aliases
    }

    /// Whether the registry marks the code deprecated.
    #[must_use]
    #[inline]
    pub const fn is_deprecated(self) -> bool {
        $is_deprecated
    }

    /// Whether IANA registers the code; `false` for vendor codes in the spec.
    #[must_use]
    #[inline]
    pub const fn is_registered(self) -> bool {
        $is_registered
    }

    $class_fn

"#,
        &[
            ("slot_fn", &slot_fn),
            ("code_body", &code_body),
            ("phrase", &phrase),
            ("line", &line),
            ("status_line", &status_line),
            ("description", &description),
            ("references", &references),
            ("aliases", &aliases),
            ("is_deprecated", &is_deprecated),
            ("is_registered", &is_registered),
        ],
        &[("class_fn", &g.part(class_fn, &[]))],
    );
    let some = |class: &str| {
        if g.open {
            format!("::core::option::Option::Some($krate::Class::{class})")
        } else {
            format!("$krate::Class::{class}")
        }
    };
    for (digit, class) in (1..).zip(CLASS_VARIANTS) {
        g.fill(
            out,
            &format!(
                r#"
    #[doc = "Whether the code is ${{digit}}xx: `Class::$class`."]
    #[must_use]
    #[inline]
    pub const fn is_$method(self) -> bool {{
        ::core::matches!(self.class(), {})
    }}
"#,
                some(class)
            ),
            &[("digit", &digit), ("class", &class), ("method", &snake_case(class))],
        );
    }
    let is_final = if g.open {
        "match self.class() {\n            ::core::option::Option::Some(class) => class.is_final(),\n            ::core::option::Option::None => false,\n        }"
    } else {
        "self.class().is_final()"
    };
    let lookup = format!(
        "match code {{
            100..=699 => {{}}
            _ => return ::core::option::Option::None,
        }}
        let slot = Self::SLOTS[(code - 100) as usize] as usize;
        if slot < {count} {{
            ::core::option::Option::Some(Self::VARIANTS[slot])
        }} else {{
            ::core::option::Option::None
        }}"
    );
    let from_code = if g.open {
        format!(
            "/// The code's variant: its own where the spec defines it, else `Other`; `None` outside
    /// 100..=999.
    #[must_use]
    #[inline]
    pub const fn from_code(code: u16) -> ::core::option::Option<Self> {{
        match Self::defined(code) {{
            ::core::option::Option::Some(status) => ::core::option::Option::Some(status),
            ::core::option::Option::None => match $krate::Code::new(code) {{
                ::core::option::Option::Some(code) => ::core::option::Option::Some(Self::Other(code)),
                ::core::option::Option::None => ::core::option::Option::None,
            }},
        }}
    }}

    // The variant the spec defines for `code`, never `Other`.
    #[inline]
    const fn defined(code: u16) -> ::core::option::Option<Self> {{
        {lookup}
    }}"
        )
    } else {
        format!(
            "/// The code's variant, or `None` for a code this type does not define.
    #[must_use]
    #[inline]
    pub const fn from_code(code: u16) -> ::core::option::Option<Self> {{
        {lookup}
    }}"
        )
    };
    let split = if g.open {
        "$krate::__private::split_status_up_to(bytes, 999)?"
    } else {
        "$krate::__private::split_status(bytes)?"
    };
    // A code the spec does not define has no phrase to check.
    let other_phrase = g.if_open(
        "
        if let Self::Other(_) = status {
            return ::core::result::Result::Ok(status);
        }",
    );
    g.fill_parts(
        out,
        r#"

    /// Whether the response ends the transaction: 2xx to 6xx$final_other.
    #[must_use]
    #[inline]
    pub const fn is_final(self) -> bool {
        $is_final
    }

    $from_code

    /// Parses `b"486"`, `b"486 "` or `b"486 Busy Here"` (phrase in any ASCII case), by
    /// the same rules as `FromStr`: SIP parsers hold bytes.
    ///
    /// # Errors
    /// A `ParseError` that says what was wrong: malformed
    /// input, a code outside 100..=699, a code this type does not define, or a phrase
    /// that is not the code's.
    #[inline]
    #[allow(clippy::needless_bitwise_bool)]
    pub fn from_bytes(bytes: &[u8]) -> ::core::result::Result<Self, $krate::ParseError> {
        // The common case inline: exactly three digits, so a code in 100..=699.
        if let [hundreds, tens, units] = *bytes {
            let (hundreds, tens, units) =
                (hundreds.wrapping_sub(b'0'), tens.wrapping_sub(b'0'), units.wrapping_sub(b'0'));
            // `&`, not `&&`: one branch for the three checks.
            if (hundreds.wrapping_sub(1) < 6) & (tens < 10) & (units < 10) {
                let code = u16::from(hundreds) * 100 + u16::from(tens) * 10 + u16::from(units);
                return match Self::from_code(code) {
                    ::core::option::Option::Some(status) => ::core::result::Result::Ok(status),
                    ::core::option::Option::None => ::core::result::Result::Err($krate::ParseError::new(
                        $krate::ParseErrorKind::UnknownCode(code),
                    )),
                };
            }
        }
        Self::from_bytes_general(bytes)
    }

    // Every input `from_bytes` leaves to the shared syntax rules; out of line, so the
    // common case stays small where it is inlined.
    #[inline(never)]
    fn from_bytes_general(bytes: &[u8]) -> ::core::result::Result<Self, $krate::ParseError> {
        let (code, phrase) = $split;
        let ::core::option::Option::Some(status) = Self::from_code(code) else {
            return ::core::result::Result::Err($krate::ParseError::new(
                $krate::ParseErrorKind::UnknownCode(code),
            ));
        };$other_phrase
        // No phrase, or an empty one (RFC 3261 §25.1 allows it): `split_status` says `None`.
        let ::core::option::Option::Some(phrase) = phrase else {
            return ::core::result::Result::Ok(status);
        };
        if phrase.eq_ignore_ascii_case(status.reason_phrase().as_bytes()) {
            return ::core::result::Result::Ok(status);
        }
        $alias_check
        ::core::result::Result::Err($krate::ParseError::new($krate::ParseErrorKind::ReasonMismatch {
            code,
            expected: status.reason_phrase(),
        }))
    }

"#,
        &[
            ("alias_check", &alias_check),
            ("final_other", &g.if_open("; `false` for 700..=999, which have no class")),
            ("is_final", &is_final),
            ("other_phrase", &other_phrase),
        ],
        &[("from_code", &g.part(&from_code, &[])), ("split", &g.part(split, &[]))],
    );
    interpret(out, g);
    // The module's name is spliced with the enum name's span at every use, so it is read
    // in the user's edition (`gen` is a keyword in 2024 only): the arms are a part.
    let mut arms = Expansion::default();
    for entry in entries {
        let class = CLASS_VARIANTS[usize::from(entry.class_digit()) - 1];
        g.fill(
            &mut arms,
            "\n            Self::$variant => $module::Classified::$class($module::$class::$variant),",
            &[("variant", &entry.name), ("class", &class)],
        );
    }
    if g.open {
        g.fill(&mut arms, "\n            Self::Other(code) => $module::Classified::Other(code),", &[]);
    }
    g.fill_parts(
        out,
        r#"

    /// Splits the code by class, for matches that list one class code by code and
    /// handle the others with one arm each, without a `_` arm.$classify_other
    #[must_use]
    #[inline]
    #[allow(clippy::too_many_lines)]
    pub const fn classify(self) -> $module::Classified {
        match self {$arms
        }
    }
"#,
        &[(
            "classify_other",
            &g.if_open("\n    /// `Other` is `Classified::Other`, whatever its class: a code to act on by its class's\n    /// rules, which the compiler cannot list."),
        )],
        &[("arms", &arms)],
    );
    g.fill_parts(out_impl, "\n#[allow(dead_code)]\nimpl $ty {$body}\n", &[], &[("body", &body)]);
}

/// `interpret`: the code's own variant, else the code RFC 3261 §8.1.3.2 treats it as.
fn interpret(out: &mut Expansion, g: &Gen<'_>) {
    let targets: Option<Vec<&str>> =
        [183u16, 200, 300, 400, 500, 600].into_iter().map(|c| g.variant_of(c)).collect();
    // An open type's `from_code` gives `Other` for an unknown code; interpret reads it as a
    // code the type defines.
    let lookup = if g.open { "defined" } else { "from_code" };
    let body = match targets.as_deref() {
        Some([provisional, success, redirection, client, server, global]) => format!(
            "if let ::core::option::Option::Some(status) = Self::{lookup}(code) {{
            return ::core::option::Option::Some(status);
        }}
        match code {{
            100..=199 => ::core::option::Option::Some(Self::{provisional}),
            200..=299 => ::core::option::Option::Some(Self::{success}),
            300..=399 => ::core::option::Option::Some(Self::{redirection}),
            400..=499 => ::core::option::Option::Some(Self::{client}),
            500..=599 => ::core::option::Option::Some(Self::{server}),
            600..=699 => ::core::option::Option::Some(Self::{global}),
            _ => ::core::option::Option::None,
        }}"
        ),
        // Only reached when the spec already failed to compile: a stub that type-checks.
        _ => "let _ = code;\n        ::core::option::Option::None".to_owned(),
    };
    g.fill(
        out,
        r#"
    /// Maps any code onto this type as RFC 3261 §8.1.3.2 asks a UAC to: a known code is
    /// itself, an unknown 1xx is treated as 183 Session Progress, and an unknown final
    /// code as the x00 of its class (so 477 behaves as 400 Bad Request). `None` outside
    /// 100..=699.$interpret_other
    #[must_use]
    #[inline]
    pub const fn interpret(code: u16) -> ::core::option::Option<Self> {
        $body
    }
"#,
        &[
            ("body", &body),
            (
                "interpret_other",
                &g.if_open(
                    "\n    ///\n    /// It never gives `Other`: that is [`from_code`](Self::from_code)'s answer for a code \
                     \n    /// the type does not define, and this is how to act on one.",
                ),
            ),
        ],
    );
}
