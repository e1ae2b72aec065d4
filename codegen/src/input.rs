//! The macro's own input: `[$crate] attributes* visibility enum Name;`.

use proc_macro2::{Ident, TokenStream};
use syn::parse::{Parse, ParseStream};
use syn::{Attribute, Expr, ExprLit, ExprPath, Lit, LitStr, Token, Visibility};

/// Where a spec comes from.
pub enum SpecSource {
    /// `#[spec = "path/to/spec.toml"]`
    File(LitStr),
    /// `#[spec = iana]`: the registry spec bundled with the crate.
    Bundled(Ident),
}

/// The parsed invocation.
pub struct Input {
    /// The runtime crate's path (`$crate` from the shim).
    pub krate: TokenStream,
    /// Attributes that pass through to the enum.
    pub attrs: Vec<Attribute>,
    /// The spec files in the order given.
    pub specs: Vec<SpecSource>,
    /// `#[sip_codes(non_exhaustive)]`
    pub non_exhaustive: bool,
    /// The enum's visibility.
    pub vis: Visibility,
    /// The enum's name.
    pub name: Ident,
    /// Problems with the attributes. The type is still generated from the specs that were
    /// given right, so one bad attribute is one error, not a cascade.
    pub errors: Option<syn::Error>,
}

impl Parse for Input {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let krate;
        syn::bracketed!(krate in input);
        let krate: TokenStream = krate.parse()?;
        let mut attrs = Vec::new();
        let mut specs = Vec::new();
        let mut non_exhaustive = false;
        let mut saw_spec = false;
        let mut errors: Option<syn::Error> = None;
        let mut push_error = |error: syn::Error| match &mut errors {
            Some(errors) => errors.combine(error),
            None => errors = Some(error),
        };
        for attr in Attribute::parse_outer(input)? {
            if attr.path().is_ident("spec") {
                saw_spec = true;
                match spec_source(&attr) {
                    Ok(source) => specs.push(source),
                    Err(error) => push_error(error),
                }
            } else if attr.path().is_ident("sip_codes") {
                let parsed = attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("non_exhaustive") {
                        non_exhaustive = true;
                        Ok(())
                    } else {
                        Err(meta.error("unknown `sip_codes` option; the option is `non_exhaustive`"))
                    }
                });
                if let Err(error) = parsed {
                    push_error(error);
                }
            } else {
                attrs.push(attr);
            }
        }
        let vis: Visibility = input.parse()?;
        input
            .parse::<Token![enum]>()
            .map_err(|e| syn::Error::new(e.span(), "expected `enum Name;`, e.g. `pub enum StatusCode;`"))?;
        let name: Ident = input.parse()?;
        if input.peek(syn::token::Brace) {
            return Err(input.error("expected `;`: the variants come from the spec file, not from a body"));
        }
        input.parse::<Token![;]>()?;
        if !input.is_empty() {
            return Err(input.error("unexpected input after `enum Name;`; one invocation generates one type"));
        }
        let module = crate::names::snake_case(&name.to_string());
        if name == module {
            // The matcher module would take the enum's own name in the type namespace.
            push_error(syn::Error::new(
                name.span(),
                format!(
                    "`{name}` clashes with its generated matcher module `{module}`, which takes the enum's name in snake_case; name the enum in UpperCamelCase, e.g. `StatusCode`"
                ),
            ));
        }
        if !saw_spec {
            push_error(syn::Error::new(
                name.span(),
                "missing spec: add `#[spec = \"path/to/spec.toml\"]` or `#[spec = iana]`",
            ));
        }
        Ok(Input { krate, attrs, specs, non_exhaustive, vis, name, errors })
    }
}

fn spec_source(attr: &Attribute) -> syn::Result<SpecSource> {
    let usage = "expected `#[spec = \"path/to/spec.toml\"]` or `#[spec = iana]`";
    let value = &attr.meta.require_name_value().map_err(|e| syn::Error::new(e.span(), usage))?.value;
    match value {
        Expr::Lit(ExprLit { lit: Lit::Str(path), .. }) => Ok(SpecSource::File(path.clone())),
        Expr::Path(ExprPath { path, qself: None, .. }) if path.is_ident("iana") => {
            Ok(SpecSource::Bundled(path.segments[0].ident.clone()))
        }
        other => Err(syn::Error::new_spanned(other, usage)),
    }
}
