//! The inherent methods: lookups, parsing, `interpret`, predicates and `classify`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{CLASS_VARIANTS, Gen};
use crate::names::snake_case;

pub(crate) fn generate(g: &Gen<'_>) -> TokenStream {
    let Gen { entries, variants, ty, krate, module, .. } = g;
    let count = g.count();
    // Methods that read a table go through `slot`; an enum without variants has no slot.
    let table = |name: TokenStream| {
        if count == 0 { quote!(match self {}) } else { quote!(Self::#name[self.slot()]) }
    };
    let slot_fn = (count > 0).then(|| {
        quote! {
            #[inline]
            const fn slot(self) -> usize {
                Self::SLOTS[self as usize - 100] as usize
            }
        }
    });
    let code_body = if count == 0 { quote!(match self {}) } else { quote!(self as u16) };
    let phrase = table(quote!(PHRASES));
    let line = table(quote!(LINES));
    let status_line = table(quote!(STATUS_LINES));
    let description = table(quote!(DESCRIPTIONS));
    let references = table(quote!(REFERENCES));
    let has_aliases = entries.iter().any(|e| !e.aliases.is_empty());
    let aliases = if has_aliases { table(quote!(ALIASES)) } else { quote!(&[]) };
    let alias_check = has_aliases.then(|| {
        quote! {
            let aliases = Self::ALIASES[status.slot()];
            let mut i = 0;
            while i < aliases.len() {
                if phrase.eq_ignore_ascii_case(aliases[i].as_bytes()) {
                    return ::core::result::Result::Ok(status);
                }
                i += 1;
            }
        }
    });
    let listed = |keep: &dyn Fn(&crate::spec::CodeEntry) -> bool, otherwise: TokenStream| {
        let matching: Vec<_> =
            entries.iter().zip(variants).filter(|(e, _)| keep(e)).map(|(_, v)| v).collect();
        if matching.is_empty() { otherwise } else { quote!(::core::matches!(self, #(Self::#matching)|*)) }
    };
    let is_deprecated = listed(&|e| e.deprecated, quote!(false));
    let is_registered = match listed(&|e| !e.registered, TokenStream::new()) {
        unregistered if unregistered.is_empty() => quote!(true),
        unregistered => quote!(!#unregistered),
    };
    let interpret = interpret(g);
    let class_of_variant =
        entries.iter().map(|e| format_ident!("{}", CLASS_VARIANTS[usize::from(e.class_digit()) - 1]));
    let predicates = CLASS_VARIANTS.iter().enumerate().map(|(digit, class)| {
        let method = format_ident!("is_{}", snake_case(class));
        let class = format_ident!("{class}");
        let doc = format!("Whether the code is {}xx: `Class::{class}`.", digit + 1);
        quote! {
            #[doc = #doc]
            #[must_use]
            #[inline]
            pub const fn #method(self) -> bool {
                ::core::matches!(self.class(), #krate::Class::#class)
            }
        }
    });

    quote! {
        #[allow(dead_code)]
        impl #ty {
            #slot_fn

            /// The three-digit code, e.g. `486`.
            #[must_use]
            #[inline]
            pub const fn code(self) -> u16 {
                #code_body
            }

            /// The canonical Reason-Phrase, e.g. `"Busy Here"`. Peers may send other text:
            /// only the code carries meaning.
            #[must_use]
            #[inline]
            pub const fn reason_phrase(self) -> &'static str {
                #phrase
            }

            /// The code and phrase as `Display` writes them, e.g. `"486 Busy Here"`.
            #[must_use]
            #[inline]
            pub const fn as_str(self) -> &'static str {
                #line
            }

            /// The whole status line of a response with this code, e.g.
            /// `"SIP/2.0 486 Busy Here\r\n"`: writing a response's first line is one copy.
            #[must_use]
            #[inline]
            pub const fn status_line(self) -> &'static str {
                #status_line
            }

            /// What the code means in practice, as the spec describes it (Markdown).
            #[must_use]
            #[inline]
            pub const fn description(self) -> ::core::option::Option<&'static str> {
                #description
            }

            /// The documents that define the code, with their titles and links.
            #[must_use]
            #[inline]
            pub const fn references(self) -> &'static [#krate::Reference] {
                #references
            }

            /// Former phrases of the code that parsing also accepts.
            #[must_use]
            #[inline]
            pub const fn aliases(self) -> &'static [&'static str] {
                #aliases
            }

            /// Whether the registry marks the code deprecated.
            #[must_use]
            #[inline]
            pub const fn is_deprecated(self) -> bool {
                #is_deprecated
            }

            /// Whether IANA registers the code; `false` for vendor codes in the spec.
            #[must_use]
            #[inline]
            pub const fn is_registered(self) -> bool {
                #is_registered
            }

            /// The class given by the code's first digit.
            #[must_use]
            #[inline]
            pub const fn class(self) -> #krate::Class {
                #krate::__private::class_of(self.code())
            }

            #(#predicates)*

            /// Whether the response ends the transaction: 2xx to 6xx.
            #[must_use]
            #[inline]
            pub const fn is_final(self) -> bool {
                self.class().is_final()
            }

            /// The code's variant, or `None` for a code this type does not define.
            #[must_use]
            #[inline]
            pub const fn from_code(code: u16) -> ::core::option::Option<Self> {
                match code {
                    100..=699 => {}
                    _ => return ::core::option::Option::None,
                }
                let slot = Self::SLOTS[(code - 100) as usize] as usize;
                if slot < #count {
                    ::core::option::Option::Some(Self::VARIANTS[slot])
                } else {
                    ::core::option::Option::None
                }
            }

            /// Parses `b"486"`, `b"486 "` or `b"486 Busy Here"` (phrase in any ASCII case), by
            /// the same rules as `FromStr`: SIP parsers hold bytes.
            ///
            /// # Errors
            /// A [`ParseError`](#krate::ParseError) that says what was wrong: malformed
            /// input, a code outside 100..=699, a code this type does not define, or a phrase
            /// that is not the code's.
            #[inline]
            #[allow(clippy::needless_bitwise_bool)]
            pub fn from_bytes(bytes: &[u8]) -> ::core::result::Result<Self, #krate::ParseError> {
                // The common case inline: exactly three digits, so a code in 100..=699.
                if let [hundreds, tens, units] = *bytes {
                    let (hundreds, tens, units) =
                        (hundreds.wrapping_sub(b'0'), tens.wrapping_sub(b'0'), units.wrapping_sub(b'0'));
                    // `&`, not `&&`: one branch for the three checks.
                    if (hundreds.wrapping_sub(1) < 6) & (tens < 10) & (units < 10) {
                        let code = u16::from(hundreds) * 100 + u16::from(tens) * 10 + u16::from(units);
                        return match Self::from_code(code) {
                            ::core::option::Option::Some(status) => ::core::result::Result::Ok(status),
                            ::core::option::Option::None => ::core::result::Result::Err(#krate::ParseError::new(
                                #krate::ParseErrorKind::UnknownCode(code),
                            )),
                        };
                    }
                }
                Self::from_bytes_general(bytes)
            }

            // Every input `from_bytes` leaves to the shared syntax rules; out of line, so the
            // common case stays small where it is inlined.
            #[inline(never)]
            fn from_bytes_general(bytes: &[u8]) -> ::core::result::Result<Self, #krate::ParseError> {
                let (code, phrase) = #krate::__private::split_status(bytes)?;
                let ::core::option::Option::Some(status) = Self::from_code(code) else {
                    return ::core::result::Result::Err(#krate::ParseError::new(
                        #krate::ParseErrorKind::UnknownCode(code),
                    ));
                };
                // No phrase, or an empty one (RFC 3261 §25.1 allows it): `split_status` says `None`.
                let ::core::option::Option::Some(phrase) = phrase else {
                    return ::core::result::Result::Ok(status);
                };
                if phrase.eq_ignore_ascii_case(status.reason_phrase().as_bytes()) {
                    return ::core::result::Result::Ok(status);
                }
                #alias_check
                ::core::result::Result::Err(#krate::ParseError::new(#krate::ParseErrorKind::ReasonMismatch {
                    code,
                    expected: status.reason_phrase(),
                }))
            }

            #interpret

            /// Splits the code by class, for matches that list one class code by code and
            /// handle the others with one arm each, without a `_` arm.
            #[must_use]
            #[inline]
            #[allow(clippy::too_many_lines)]
            pub const fn classify(self) -> #module::Classified {
                match self {
                    #(Self::#variants => #module::Classified::#class_of_variant(#module::#class_of_variant::#variants),)*
                }
            }
        }
    }
}

/// `interpret`: the code's own variant, else the code RFC 3261 §8.1.3.2 treats it as.
fn interpret(g: &Gen<'_>) -> TokenStream {
    let targets: Option<Vec<_>> =
        [183u16, 200, 300, 400, 500, 600].into_iter().map(|c| g.variant_of(c)).collect();
    let body = match targets {
        Some(targets) => {
            let [provisional, success, redirection, client, server, global] = &targets[..] else {
                unreachable!("six targets")
            };
            quote! {
                if let ::core::option::Option::Some(status) = Self::from_code(code) {
                    return ::core::option::Option::Some(status);
                }
                match code {
                    100..=199 => ::core::option::Option::Some(Self::#provisional),
                    200..=299 => ::core::option::Option::Some(Self::#success),
                    300..=399 => ::core::option::Option::Some(Self::#redirection),
                    400..=499 => ::core::option::Option::Some(Self::#client),
                    500..=599 => ::core::option::Option::Some(Self::#server),
                    600..=699 => ::core::option::Option::Some(Self::#global),
                    _ => ::core::option::Option::None,
                }
            }
        }
        // Only reached when the spec already failed to compile: a stub that type-checks.
        None => quote! {
            let _ = code;
            ::core::option::Option::None
        },
    };
    quote! {
        /// Maps any code onto this type as RFC 3261 §8.1.3.2 asks a UAC to: a known code is
        /// itself, an unknown 1xx is treated as 183 Session Progress, and an unknown final
        /// code as the x00 of its class (so 477 behaves as 400 Bad Request). `None` outside
        /// 100..=699.
        #[must_use]
        #[inline]
        pub const fn interpret(code: u16) -> ::core::option::Option<Self> {
            #body
        }
    }
}
