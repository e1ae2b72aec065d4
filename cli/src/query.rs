//! What the user asked for (`486`, `48`, `4xx`, `global`, `busy`) and which codes answer it.

use sip_codes::Class;
use sip_codes::iana::StatusCode;

use crate::text;
use crate::unregistered::{self, Unknown};

/// One question, parsed from the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Query {
    /// A three-digit code, possibly followed by the phrase a peer sent ("486 Busy").
    Code {
        /// The code.
        code: u16,
        /// The text after the code, if any.
        phrase: Option<String>,
    },
    /// Two digits: every code that starts with them ("48" is 480 to 489).
    Prefix(String),
    /// A class, as "4xx" or by name ("client error", "global").
    Class(Class),
    /// Words to find in phrases and descriptions.
    Text(String),
    /// Not a code SIP can have ("7xx", "1234", "99").
    Invalid(String),
}

/// What one query found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A registered code, with the phrase given alongside it when that is not the code's.
    Code {
        /// The code.
        status: StatusCode,
        /// A phrase given with the code that is neither its phrase nor a former one.
        other_phrase: Option<String>,
    },
    /// A code in 100..=699 that the registry does not hold.
    Unknown(Unknown),
    /// Codes of a class.
    Class(Class, Vec<StatusCode>),
    /// Codes that start with the digits given, in code order; empty when none does.
    List(Vec<StatusCode>),
    /// Codes whose text holds the words given, best first; empty when none does.
    Search(Vec<StatusCode>),
    /// Why the query cannot name a code.
    Invalid(String),
}

impl Answer {
    /// Whether the answer names at least one registered code.
    pub fn matched(&self) -> bool {
        match self {
            Answer::Code { .. } => true,
            Answer::Class(_, codes) | Answer::List(codes) | Answer::Search(codes) => !codes.is_empty(),
            Answer::Unknown(_) | Answer::Invalid(_) => false,
        }
    }
}

/// Names a class goes by, besides "4xx": RFC 3261's, IANA's and the words people type.
const CLASS_NAMES: [(Class, &[&str]); 6] = [
    (Class::Provisional, &["provisional", "informational", "1xx"]),
    (Class::Success, &["success", "successful", "2xx"]),
    (Class::Redirection, &["redirection", "redirect", "redirects", "3xx"]),
    (
        Class::ClientError,
        &["client error", "client errors", "client", "request failure", "request failures", "4xx"],
    ),
    (
        Class::ServerError,
        &["server error", "server errors", "server", "server failure", "server failures", "5xx"],
    ),
    (Class::GlobalFailure, &["global failure", "global failures", "global", "6xx"]),
];

/// Splits the command line's words into queries: several numbers or classes are looked up
/// one by one ("486 487"); anything else is one query ("client error", "486 Busy").
pub fn parse(words: &[String]) -> Vec<Query> {
    let mut tokens: Vec<&str> = words.iter().flat_map(|w| w.split_whitespace()).collect();
    // A status line pasted from a trace: "SIP/2.0 486 Busy Here".
    if tokens.len() > 1 && tokens[0].eq_ignore_ascii_case("SIP/2.0") {
        tokens.remove(0);
    }
    let joined = tokens.join(" ");
    if tokens.is_empty() {
        return vec![Query::Text(String::new())];
    }
    if tokens.len() > 1 && tokens.iter().all(|t| is_numeric(t) || is_class_range(t)) {
        return tokens.iter().map(|t| parse_one(t)).collect();
    }
    if let [first, rest @ ..] = tokens.as_slice()
        && first.len() == 3
        && first.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
    {
        return vec![match parse_one(first) {
            Query::Code { code, .. } => Query::Code { code, phrase: Some(rest.join(" ")) },
            other => other,
        }];
    }
    vec![parse_one(&joined)]
}

fn is_numeric(token: &str) -> bool {
    token.bytes().all(|b| b.is_ascii_digit())
}

fn is_class_range(token: &str) -> bool {
    let bytes = token.as_bytes();
    bytes.len() == 3 && bytes[0].is_ascii_digit() && bytes[1..].eq_ignore_ascii_case(b"xx")
}

fn parse_one(query: &str) -> Query {
    if is_numeric(query) {
        return match query.len() {
            1 => match Class::from_code(u16::from(query.as_bytes()[0] - b'0') * 100) {
                Some(class) => Query::Class(class),
                None => Query::Invalid(unregistered::out_of_range(query)),
            },
            2 if (b'1'..=b'6').contains(&query.as_bytes()[0]) => Query::Prefix(query.to_owned()),
            3 => match query.parse::<u16>() {
                Ok(code @ 100..=699) => Query::Code { code, phrase: None },
                _ => Query::Invalid(unregistered::out_of_range(query)),
            },
            _ => Query::Invalid(unregistered::out_of_range(query)),
        };
    }
    if is_class_range(query) {
        return match Class::from_code(u16::from(query.as_bytes()[0] - b'0') * 100) {
            Some(class) => Query::Class(class),
            None => Query::Invalid(format!("{query} is not a SIP class: classes run from 1xx to 6xx")),
        };
    }
    let lower = query.to_lowercase();
    for (class, names) in CLASS_NAMES {
        if names.contains(&lower.as_str()) {
            return Query::Class(class);
        }
    }
    Query::Text(query.to_owned())
}

/// Looks a query up in the IANA registry.
pub fn answer(query: &Query) -> Answer {
    match query {
        Query::Code { code, phrase } => match StatusCode::from_code(*code) {
            Some(status) => {
                let other_phrase = phrase.as_ref().filter(|p| !is_phrase_of(status, p)).cloned();
                Answer::Code { status, other_phrase }
            }
            None => Answer::Unknown(Unknown::of(*code).expect("from_code found no code")),
        },
        Query::Prefix(prefix) => Answer::List(
            StatusCode::ALL.iter().copied().filter(|s| s.code().to_string().starts_with(prefix)).collect(),
        ),
        Query::Class(class) => {
            Answer::Class(*class, StatusCode::ALL.iter().copied().filter(|s| s.class() == *class).collect())
        }
        Query::Text(words) => match search(words).as_slice() {
            // One hit, e.g. a phrase typed whole: show it in full.
            &[status] => Answer::Code { status, other_phrase: None },
            found => Answer::Search(found.to_vec()),
        },
        Query::Invalid(why) => Answer::Invalid(why.clone()),
    }
}

/// Whether `phrase` is the code's phrase or a former one, ignoring ASCII case.
pub fn is_phrase_of(status: StatusCode, phrase: &str) -> bool {
    status.reason_phrase().eq_ignore_ascii_case(phrase)
        || status.aliases().iter().any(|a| a.eq_ignore_ascii_case(phrase))
}

/// Codes whose phrase, former phrase, variant name or description holds the words, best first:
/// exact phrase, then phrase containing them, then description containing them, then codes
/// holding every word somewhere.
pub fn search(words: &str) -> Vec<StatusCode> {
    let needle = words.trim().to_lowercase();
    if needle.is_empty() {
        return Vec::new();
    }
    let squashed: String = needle.chars().filter(|c| c.is_alphanumeric()).collect();
    let terms: Vec<&str> = needle.split_whitespace().collect();
    let mut ranked: Vec<(u8, StatusCode)> = StatusCode::ALL
        .iter()
        .filter_map(|&status| {
            let phrases: Vec<String> = std::iter::once(status.reason_phrase())
                .chain(status.aliases().iter().copied())
                .map(str::to_lowercase)
                .collect();
            let name = format!("{status:?}").to_lowercase();
            let description = text::plain(status.description().unwrap_or_default()).to_lowercase();
            let rank = if phrases.contains(&needle) || (!squashed.is_empty() && name == squashed) {
                0
            } else if phrases.iter().any(|p| p.contains(&needle)) {
                1
            } else if description.contains(&needle) {
                2
            } else if terms.len() > 1
                && terms.iter().all(|t| phrases.iter().any(|p| p.contains(t)) || description.contains(t))
            {
                3
            } else {
                return None;
            };
            Some((rank, status))
        })
        .collect();
    ranked.sort();
    ranked.into_iter().map(|(_, status)| status).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(str::to_owned).collect()
    }

    #[test]
    fn parses_numbers_classes_and_words() {
        assert_eq!(parse(&words("486")), [Query::Code { code: 486, phrase: None }]);
        assert_eq!(parse(&words("48")), [Query::Prefix("48".into())]);
        assert_eq!(parse(&words("4XX")), [Query::Class(Class::ClientError)]);
        assert_eq!(parse(&words("Client Error")), [Query::Class(Class::ClientError)]);
        assert_eq!(parse(&words("global")), [Query::Class(Class::GlobalFailure)]);
        assert_eq!(parse(&words("busy")), [Query::Text("busy".into())]);
        assert_eq!(parse(&words("486 Busy")), [Query::Code { code: 486, phrase: Some("Busy".into()) }]);
        assert_eq!(
            parse(&words("486 5xx")),
            [Query::Code { code: 486, phrase: None }, Query::Class(Class::ServerError)]
        );
        assert_eq!(
            parse(&words("SIP/2.0 486 Busy Here")),
            [Query::Code { code: 486, phrase: Some("Busy Here".into()) }]
        );
        assert!(matches!(parse(&words("999"))[..], [Query::Invalid(_)]));
        assert!(matches!(parse(&words("7xx"))[..], [Query::Invalid(_)]));
        assert!(matches!(parse(&words("7"))[..], [Query::Invalid(_)]));
        assert_eq!(parse(&words("6")), [Query::Class(Class::GlobalFailure)]);
        assert!(matches!(parse(&words("4860"))[..], [Query::Invalid(_)]));
    }

    #[test]
    fn busy_finds_486_and_600_first() {
        let found = search("busy");
        assert_eq!(&found[..2], [StatusCode::BusyHere, StatusCode::BusyEverywhere]);
    }

    #[test]
    fn exact_phrase_ranks_first() {
        let found = search("not acceptable");
        assert_eq!(&found[..2], [StatusCode::NotAcceptable, StatusCode::GlobalNotAcceptable]);
        assert!(found.contains(&StatusCode::NotAcceptableHere));
    }

    #[test]
    fn prefix_lists_the_decade() {
        let Answer::List(codes) = answer(&Query::Prefix("48".into())) else { panic!() };
        assert!(!codes.is_empty() && codes.iter().all(|c| (480..=489).contains(&c.code())));
    }

    #[test]
    fn former_phrase_is_accepted() {
        let status = StatusCode::from_code(436).unwrap();
        for alias in status.aliases() {
            assert!(is_phrase_of(status, alias));
        }
        assert!(!is_phrase_of(StatusCode::BusyHere, "Busy"));
    }
}
