//! The per-class matchers: one enum per class in a module named after the type, and
//! `Classified`, so that a match lists one class code by code and the compiler checks it.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{CLASS_VARIANTS, Gen, doc, doc_aliases, number};

pub(crate) fn generate(g: &Gen<'_>) -> TokenStream {
    let Gen { input, entries, variants, ty, module, krate, .. } = g;
    let vis = &input.vis;
    let derives = g.derives();
    let non_exhaustive = input.non_exhaustive.then(|| quote!(#[non_exhaustive]));
    let mut enums = TokenStream::new();
    let mut impls = TokenStream::new();
    let mut classified_variants = TokenStream::new();
    let mut classified_status = TokenStream::new();
    for (digit, class_name) in (1u16..).zip(CLASS_VARIANTS) {
        // Spanned on the user's enum name, so notes about a class enum point there.
        let class = Ident::new(class_name, ty.span());
        let members: Vec<usize> = (0..entries.len()).filter(|&i| entries[i].class_digit() == digit).collect();
        let names: Vec<&Ident> = members.iter().map(|&i| &variants[i]).collect();
        let codes = members.iter().map(|&i| number(entries[i].code));
        // The full documentation is on the type's variants; these link there.
        let docs: Vec<String> = members
            .iter()
            .map(|&i| {
                let (entry, variant) = (&entries[i], &variants[i]);
                format!("`{} {}`: see [`{ty}::{variant}`](super::{ty}::{variant}).", entry.code, entry.reason)
            })
            .collect();
        let aliases = members.iter().map(|&i| doc_aliases(&entries[i]));
        let count = members.len();
        let repr = (count > 0).then(|| quote!(#[repr(u16)]));
        let enum_doc = format!(
            "The {digit}xx codes of [`{ty}`](super::{ty}) (`Class::{class_name}`): {count} codes, named as in `{ty}`."
        );
        enums.extend(quote! {
            #[doc = #enum_doc]
            #repr
            #derives
            #non_exhaustive
            #[allow(clippy::doc_markdown)]
            pub enum #class {
                #(
                    #[doc = #docs]
                    #aliases
                    #names = #codes,
                )*
            }
        });
        let classified_doc = format!("A {digit}xx code.");
        classified_variants.extend(quote! {
            #[doc = #classified_doc]
            #class(#class),
        });
        classified_status.extend(quote!(Self::#class(status) => status.status(),));
        let (code_body, status_body) = if count == 0 {
            (quote!(match self {}), quote!(match self {}))
        } else {
            (quote!(self as u16), quote!(match self { #(Self::#names => #ty::#names,)* }))
        };
        // The catch-all arm exists only if some code is of another class.
        let others = (count < entries.len()).then(|| quote!(other => ::core::result::Result::Err(other),));
        impls.extend(quote! {
            #[allow(dead_code)]
            impl #module::#class {
                /// Every code of this class, in code order.
                pub const ALL: &'static [Self] = &[#(Self::#names),*];

                /// The three-digit code.
                #[must_use]
                #[inline]
                pub const fn code(self) -> u16 {
                    #code_body
                }

                /// The same code as the full status type.
                #[must_use]
                #[inline]
                #[allow(clippy::too_many_lines)]
                pub const fn status(self) -> #ty {
                    #status_body
                }

                /// The canonical Reason-Phrase.
                #[must_use]
                #[inline]
                pub const fn reason_phrase(self) -> &'static str {
                    self.status().reason_phrase()
                }
            }

            #[automatically_derived]
            impl ::core::convert::From<#module::#class> for #ty {
                #[inline]
                fn from(status: #module::#class) -> #ty {
                    status.status()
                }
            }

            #[automatically_derived]
            impl ::core::convert::TryFrom<#ty> for #module::#class {
                /// The code, when it is of another class.
                type Error = #ty;

                #[inline]
                #[allow(clippy::too_many_lines)]
                fn try_from(status: #ty) -> ::core::result::Result<Self, #ty> {
                    match status {
                        #(#ty::#names => ::core::result::Result::Ok(Self::#names),)*
                        #others
                    }
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #module::#class {
                /// Writes the code and the canonical phrase, as the full status type does.
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::fmt::Display::fmt(&self.status(), f)
                }
            }
        });
    }
    let module_doc = doc(&format!(
        "Exhaustive matchers for [`{ty}`](super::{ty}): one enum per class, and [`Classified`] \
         from [`{ty}::classify`](super::{ty}::classify).\n\nMatch whole classes with one arm \
         each and list one class code by code, without a `_` arm: when the spec gains a code, \
         the compiler points at exactly the matches that must handle it."
    ));
    quote! {
        #module_doc
        #[allow(dead_code)]
        #vis mod #module {
            #enums

            /// A status code split by class; see the module documentation.
            #derives
            pub enum Classified {
                #classified_variants
            }
        }

        #impls

        #[allow(dead_code)]
        impl #module::Classified {
            /// The same code as the full status type.
            #[must_use]
            #[inline]
            pub const fn status(self) -> #ty {
                match self {
                    #classified_status
                }
            }

            /// The class.
            #[must_use]
            #[inline]
            pub const fn class(self) -> #krate::Class {
                self.status().class()
            }
        }

        #[automatically_derived]
        impl ::core::convert::From<#module::Classified> for #ty {
            #[inline]
            fn from(status: #module::Classified) -> #ty {
                status.status()
            }
        }
    }
}
