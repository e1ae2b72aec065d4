//! Reference names to titles and links: "RFC3261" to "RFC 3261" at the RFC Editor, "3GPP TS
//! 24.229" to 3GPP's page for it, "ITU-T Q.850" to the ITU's.

/// A Markdown link for a reference: RFCs to the RFC Editor, drafts to the datatracker.
pub fn reference_link(reference: &str) -> String {
    match reference_url(reference) {
        Some(url) => format!("[{}]({url})", reference_title(reference)),
        None => reference.to_owned(),
    }
}

/// "RFC3261" to "RFC 3261"; other references as they are.
pub fn reference_title(reference: &str) -> String {
    match rfc_number(reference) {
        Some(number) => format!("RFC {number}"),
        None => reference.to_owned(),
    }
}

/// Where a reference can be read, if it names an RFC, an Internet-Draft, a 3GPP technical
/// specification or an ITU-T Recommendation.
pub fn reference_url(reference: &str) -> Option<String> {
    if let Some(number) = rfc_number(reference) {
        return Some(format!("https://www.rfc-editor.org/rfc/rfc{number}"));
    }
    let technical_spec = reference.strip_prefix("3GPP TS ").and_then(|spec| {
        let (series, number) = spec.split_once('.')?;
        let digits = |part: &str, len| part.len() == len && part.chars().all(|c| c.is_ascii_digit());
        (digits(series, 2) && digits(number, 3))
            .then(|| format!("https://www.3gpp.org/DynaReport/{series}{number}.htm"))
    });
    if technical_spec.is_some() {
        return technical_spec;
    }
    let recommendation = reference
        .strip_prefix("ITU-T ")
        .filter(|r| !r.is_empty() && r.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'));
    if let Some(recommendation) = recommendation {
        return Some(format!("https://www.itu.int/rec/T-REC-{recommendation}"));
    }
    let draft = reference.to_ascii_lowercase();
    (draft.starts_with("draft-") && draft.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        .then(|| format!("https://datatracker.ietf.org/doc/{draft}/"))
}

fn rfc_number(reference: &str) -> Option<u32> {
    let rest = reference.strip_prefix("RFC").or_else(|| reference.strip_prefix("rfc"))?;
    rest.trim_start().parse().ok()
}
