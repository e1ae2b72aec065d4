//! Answers as one JSON document for scripts (`--json`). The field names are stable.

use serde::Serialize;
use sip_codes::iana::StatusCode;

use crate::query::Answer;
use crate::text::{class_range, first_sentence, plain};
use crate::unregistered::{Unknown, seen_in_traces};

/// The whole answer to one command line.
#[derive(Serialize)]
pub struct Document {
    /// The words as given, joined by spaces.
    pub query: String,
    /// Registered codes that matched, best first, each once.
    pub matches: Vec<Code>,
    /// Codes in 100..=699 that the registry does not hold, with how a UAC treats them.
    pub unregistered: Vec<Unregistered>,
    /// Why a part of the query names no code (e.g. "999 is not a SIP status code: ...").
    pub invalid: Vec<String>,
}

/// A registered code.
#[derive(Serialize)]
pub struct Code {
    /// The three-digit code.
    pub code: u16,
    /// The registry's Reason-Phrase.
    pub reason_phrase: String,
    /// `SIP/2.0 486 Busy Here`.
    pub status_line: String,
    /// RFC 3261 §7.2's class name: "Provisional" ... "Global Failure".
    pub class: &'static str,
    /// The class as a range: "1xx" ... "6xx".
    pub class_range: String,
    /// Whether the response ends the transaction (2xx to 6xx).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// Whether the registry marks it deprecated.
    pub deprecated: bool,
    /// Former phrases that parsers still accept.
    pub aliases: Vec<&'static str>,
    /// The documents that define it.
    pub references: Vec<Reference>,
    /// The description's first sentence, plain text.
    pub summary: Option<String>,
    /// The description, Markdown.
    pub description: Option<&'static str>,
}

/// A document that defines a code.
#[derive(Serialize)]
pub struct Reference {
    /// As the registry spells it: "RFC3261".
    pub id: &'static str,
    /// For people: "RFC 3261".
    pub title: &'static str,
    /// Where to read it, when known.
    pub url: Option<&'static str>,
}

/// An unregistered code in 100..=699.
#[derive(Serialize)]
pub struct Unregistered {
    /// The code.
    pub code: u16,
    /// Its class's name.
    pub class: &'static str,
    /// The code a UAC treats it as (RFC 3261 §8.1.3.2).
    pub treated_as: u16,
    /// That code's Reason-Phrase.
    pub treated_as_reason_phrase: &'static str,
    /// Where the code is commonly seen, if known.
    pub note: Option<&'static str>,
}

impl Code {
    /// The JSON form of a registered code.
    pub fn new(status: StatusCode) -> Code {
        Code {
            code: status.code(),
            reason_phrase: status.reason_phrase().to_owned(),
            status_line: format!("SIP/2.0 {status}"),
            class: status.class().name(),
            class_range: class_range(status.class()),
            is_final: status.is_final(),
            deprecated: status.is_deprecated(),
            aliases: status.aliases().to_vec(),
            references: status
                .references()
                .iter()
                .map(|r| Reference { id: r.id, title: r.title, url: r.url })
                .collect(),
            summary: status.description().map(|d| first_sentence(&plain(d)).to_owned()),
            description: status.description(),
        }
    }
}

impl Document {
    /// Gathers the answers to `query` into one document.
    pub fn new(query: String, answers: &[Answer]) -> Document {
        let mut document =
            Document { query, matches: Vec::new(), unregistered: Vec::new(), invalid: Vec::new() };
        let mut seen = Vec::new();
        for answer in answers {
            let codes: &[StatusCode] = match answer {
                Answer::Code { status, .. } => std::slice::from_ref(status),
                Answer::Class(_, codes) | Answer::List(codes) | Answer::Search(codes) => codes,
                Answer::Unknown(Unknown::Unregistered { code, class, treated_as }) => {
                    document.unregistered.push(Unregistered {
                        code: *code,
                        class: class.name(),
                        treated_as: treated_as.code(),
                        treated_as_reason_phrase: treated_as.reason_phrase(),
                        note: seen_in_traces(*code),
                    });
                    &[]
                }
                Answer::Unknown(unknown @ Unknown::OutOfRange(_)) => {
                    document.invalid.push(unknown.headline());
                    &[]
                }
                Answer::Invalid(why) => {
                    document.invalid.push(why.clone());
                    &[]
                }
            };
            for &status in codes {
                if !seen.contains(&status) {
                    seen.push(status);
                    document.matches.push(Code::new(status));
                }
            }
        }
        document
    }
}
