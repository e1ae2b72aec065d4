use core::fmt;

/// A document that defines a status code: its registry name, its title and where to read it.
///
/// ```
/// use sip_codes::iana::StatusCode;
///
/// let rfc = StatusCode::BusyHere.references()[0];
/// assert_eq!(rfc.id, "RFC3261");
/// assert_eq!(rfc.title, "RFC 3261");
/// assert_eq!(rfc.url, Some("https://www.rfc-editor.org/rfc/rfc3261"));
/// assert_eq!(rfc.to_string(), "RFC 3261");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Reference {
    /// The reference as the registry spells it, e.g. `"RFC3261"`.
    pub id: &'static str,
    /// How to name it to a reader, e.g. `"RFC 3261"`.
    pub title: &'static str,
    /// Where it can be read: the RFC Editor for RFCs, the IETF datatracker for drafts, 3GPP's
    /// and the ITU's pages for their specifications.
    pub url: Option<&'static str>,
}

/// Writes the title.
impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.title)
    }
}
