//! What the user asked for (`486`, `48`, `4xx`, `global`, `busy`, `codec mismatch`,
//! `cause 17`) and which codes answer it, by the rules of `specs/search.toml`.

use std::sync::LazyLock;

use sip_codes::iana::StatusCode;
use sip_codes::{Class, Q850Table};

use crate::data::{CLASS_NAMES, NEGATIONS, Q850_CAUSES, SPELLINGS, SYMPTOMS, Symptom, VOCABULARY};
use crate::unregistered::{self, Unknown};
use crate::{notes, text};

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
    /// Words to find in phrases and descriptions, or a symptom ("codec mismatch").
    Text(String),
    /// A Q.850 cause, 1 to 127: the response a gateway sends for it.
    Cause(u8),
    /// "q.850" alone: every code a cause the spec lists becomes.
    Q850,
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
    /// Codes whose text holds the words given (the second field), best first; empty when
    /// none does.
    Search(Vec<StatusCode>, String),
    /// Codes that answer the query for a stated reason: a symptom's codes, or the codes Q.850
    /// causes become.
    Reasoned {
        /// What the list is, for people: "\"no answer\" is reported by".
        heading: String,
        /// Each code, in order, with why it is listed.
        codes: Vec<(StatusCode, String)>,
    },
    /// A Q.850 cause and the response a gateway sends for it (RFC 3398 §7.2.4.1).
    Cause {
        /// The cause, 1 to 127.
        cause: u8,
        /// The response, or `None` when the gateway sends none (cause 16 ends the call instead).
        status: Option<StatusCode>,
        /// The response by RFC 4497 (QSIG), which differs on a few causes.
        qsig: Option<StatusCode>,
        /// What the cause becomes, in a sentence.
        why: String,
    },
    /// Why the query cannot name a code.
    Invalid(String),
}

impl Answer {
    /// Whether the answer names at least one registered code.
    pub fn matched(&self) -> bool {
        match self {
            Answer::Code { .. } => true,
            Answer::Class(_, codes) | Answer::List(codes) | Answer::Search(codes, _) => !codes.is_empty(),
            Answer::Reasoned { codes, .. } => !codes.is_empty(),
            Answer::Cause { status, .. } => status.is_some(),
            Answer::Unknown(_) | Answer::Invalid(_) => false,
        }
    }

    /// The codes the answer lists, in order, each with why when the answer says.
    pub fn codes(&self) -> Vec<(StatusCode, Option<&str>)> {
        match self {
            Answer::Code { status, .. } => vec![(*status, None)],
            Answer::Class(_, codes) | Answer::List(codes) | Answer::Search(codes, _) => {
                codes.iter().map(|&status| (status, None)).collect()
            }
            Answer::Reasoned { codes, .. } => {
                codes.iter().map(|(status, why)| (*status, Some(why.as_str()))).collect()
            }
            Answer::Cause { status, why, .. } => {
                status.iter().map(|&status| (status, Some(why.as_str()))).collect()
            }
            Answer::Unknown(_) | Answer::Invalid(_) => Vec::new(),
        }
    }

    /// Whether the answer tells the user something: a registered code, or what an
    /// unregistered one stands for. A lookup that answers nothing exits 1.
    pub fn answered(&self) -> bool {
        match self {
            Answer::Unknown(unknown) => unknown.is_known(),
            Answer::Cause { .. } => true,
            other => other.matched(),
        }
    }
}

/// Lower case, single spaces, and "RFC 3261" as one word "rfc3261".
fn normalize(text: &str) -> String {
    let text = text.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, _) in text.match_indices("rfc ") {
        let starts_word = !text[..at].chars().last().is_some_and(char::is_alphanumeric);
        if starts_word && text[at + 4..].starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(&text[copied..at + 3]);
            copied = at + 4;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// [`normalize`]d text with each spelling of a synonym replaced, as a whole word, by the
/// synonym's first spelling.
fn canonical(text: &str) -> String {
    let mut text = normalize(text);
    for (spelling, word) in SPELLINGS {
        text = replace_words(&text, spelling, word);
    }
    text
}

/// `text` with every whole-word `from` replaced by `to`.
fn replace_words(text: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, _) in text.match_indices(from) {
        let end = at + from.len();
        let before = text[..at].chars().last();
        let after = text[end..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
            continue;
        }
        out.push_str(&text[copied..at]);
        out.push_str(to);
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}

/// Whether a word of `text` starts with `term`.
fn has_word_starting(text: &str, term: &str) -> bool {
    text.match_indices(term).any(|(at, _)| !text[..at].chars().last().is_some_and(char::is_alphanumeric))
}

/// A query word that names codes by number: a code, a decade or a class.
fn is_numbered(token: &str) -> bool {
    let bytes = token.as_bytes();
    is_numeric(token)
        || (bytes.len() == 3
            && bytes[0].is_ascii_digit()
            && bytes[1..].iter().skip_while(|b| b.is_ascii_digit()).all(|b| b.eq_ignore_ascii_case(&b'x'))
            && bytes[1..].iter().any(|b| b.eq_ignore_ascii_case(&b'x')))
}

/// Splits the command line's words into queries by the rules of `specs/search.toml`: numbers,
/// patterns and classes each name codes ("486 487", "48x", "6xx"); a code followed by words is
/// a status line ("486 Busy"); the other words are one keyword search ("busy").
pub fn parse(words: &[String]) -> Vec<Query> {
    let mut tokens: Vec<&str> = words.iter().flat_map(|w| w.split_whitespace()).collect();
    // A status line pasted from a trace: "SIP/2.0 486 Busy Here".
    if tokens.len() > 1 && tokens[0].eq_ignore_ascii_case("SIP/2.0") {
        tokens.remove(0);
    }
    if tokens.is_empty() {
        return vec![Query::Text(String::new())];
    }
    let whole = normalize(&tokens.join(" "));
    for (class, names) in CLASS_NAMES {
        if names.contains(&whole.as_str()) {
            return vec![Query::Class(*class)];
        }
    }
    if let Some(query) = parse_cause(&whole) {
        return vec![query];
    }
    // "RFC 3261" is one keyword, not a word and a number.
    let normalized: Vec<String> = whole.split(' ').map(str::to_owned).collect();
    if normalized.len() != tokens.len() {
        return vec![Query::Text(tokens.join(" "))];
    }
    if let [first, rest @ ..] = tokens.as_slice()
        && first.len() == 3
        && is_numeric(first)
        && !rest.is_empty()
        && !rest.iter().any(|t| is_numbered(t))
    {
        return vec![match parse_one(first) {
            Query::Code { code, .. } => Query::Code { code, phrase: Some(rest.join(" ")) },
            other => other,
        }];
    }
    let mut queries = Vec::new();
    let mut keywords = Vec::new();
    for token in tokens {
        if is_numbered(token) {
            queries.push(parse_one(token));
        } else {
            keywords.push(token);
        }
    }
    if !keywords.is_empty() {
        queries.push(Query::Text(keywords.join(" ")));
    }
    queries
}

/// A Q.850 cause as search rule 3 reads it: "cause 17", "q.850 17", "Q.850;cause=17",
/// "Reason: Q.850;cause=17;text=...", or "q.850" alone; `None` for any other query.
fn parse_cause(normalized: &str) -> Option<Query> {
    let mut tokens = normalized
        .split(|c: char| c.is_whitespace() || ";=:,".contains(c))
        .filter(|t| !t.is_empty())
        .peekable();
    tokens.next_if_eq(&"reason");
    let q850 = tokens.next_if(|t| *t == "q.850" || *t == "q850").is_some();
    let cause = tokens.next_if_eq(&"cause").is_some();
    if !q850 && !cause {
        return None;
    }
    let Some(number) = tokens.next() else {
        return q850.then_some(Query::Q850);
    };
    if !is_numeric(number) || tokens.next().is_some_and(|rest| !rest.starts_with("text")) {
        return None;
    }
    Some(match number.parse::<u8>() {
        Ok(cause @ 1..=127) => Query::Cause(cause),
        _ => Query::Invalid(format!("{number} is not a Q.850 cause: causes run from 1 to 127")),
    })
}

fn is_numeric(token: &str) -> bool {
    !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit())
}

/// One number or pattern: "486", "48", "4", "48x", "4xx".
fn parse_one(token: &str) -> Query {
    let digits = token.trim_end_matches(['x', 'X']);
    let first = token.as_bytes()[0];
    let in_range = (b'1'..=b'6').contains(&first);
    match (token.len(), digits.len()) {
        (1, 1) | (3, 1) if in_range => {
            Query::Class(Class::from_code(u16::from(first - b'0') * 100).expect("a digit from 1 to 6"))
        }
        (3, 1) => Query::Invalid(format!("{token} is not a SIP class: classes run from 1xx to 6xx")),
        (2, 2) | (3, 2) if in_range => Query::Prefix(digits.to_owned()),
        (3, 3) => match token.parse::<u16>() {
            Ok(code @ 100..=699) => Query::Code { code, phrase: None },
            Ok(code) if notes::wild(code).is_some() => Query::Code { code, phrase: None },
            _ => Query::Invalid(unregistered::out_of_range(token)),
        },
        _ => Query::Invalid(unregistered::out_of_range(token)),
    }
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
        Query::Text(words) => {
            if let Some(symptom) = symptom(words) {
                return Answer::Reasoned {
                    heading: format!("\"{}\" is reported by", normalize(words)),
                    codes: symptom
                        .codes
                        .iter()
                        .map(|&(code, why)| {
                            (StatusCode::from_code(code).expect("xtask checks symptom codes"), why.to_owned())
                        })
                        .collect(),
                };
            }
            match search(words).as_slice() {
                // One hit, e.g. a phrase typed whole: show it in full.
                &[status] => Answer::Code { status, other_phrase: None },
                found => Answer::Search(found.to_vec(), words.clone()),
            }
        }
        Query::Cause(cause) => {
            let status = StatusCode::from_q850(*cause);
            let qsig = StatusCode::from_q850_with(*cause, Q850Table::Rfc4497);
            Answer::Cause { cause: *cause, status, qsig, why: cause_sentence(*cause, status, qsig) }
        }
        Query::Q850 => Answer::Reasoned {
            heading: "Q.850 causes become these responses at a gateway (RFC 3398 §7.2.4.1)".to_owned(),
            codes: q850_codes(),
        },
        Query::Invalid(why) => Answer::Invalid(why.clone()),
    }
}

/// "17 (user busy)": a cause the spec gives a row, with ITU-T Q.850's name for it
/// (`sip_codes::iana::Q850Cause`); "99" for another, as the page's cause table shows them.
fn cause_label(cause: u8) -> String {
    let named = Q850_CAUSES.contains(&cause).then(|| sip_codes::iana::Q850Cause::from_code(u16::from(cause)));
    match named.flatten() {
        Some(named) => format!("{cause} ({})", named.text()),
        None => cause.to_string(),
    }
}

/// What a cause becomes at a gateway, in the words the page uses too.
fn cause_sentence(cause: u8, status: Option<StatusCode>, qsig: Option<StatusCode>) -> String {
    let named = |status: Option<StatusCode>| status.map_or("no response".to_owned(), |s| s.to_string());
    let mut sentence = format!(
        "Q.850 cause {} becomes {} at a gateway (RFC 3398 §7.2.4.1)",
        cause_label(cause),
        named(status)
    );
    if status.is_none() {
        sentence.push_str(": it clears the call with BYE or CANCEL, or retries, instead");
    }
    sentence.push('.');
    if qsig != status {
        sentence.push_str(&format!(" RFC 4497 (QSIG) gives {}.", named(qsig)));
    }
    sentence
}

/// Every code a cause the spec lists becomes by RFC 3398, in code order, with those causes;
/// the code every other cause becomes says so.
fn q850_codes() -> Vec<(StatusCode, String)> {
    let mut codes: Vec<(StatusCode, Vec<String>)> = Vec::new();
    let mut add = |status: StatusCode, label: String| match codes.iter_mut().find(|(s, _)| *s == status) {
        Some((_, labels)) => labels.push(label),
        None => codes.push((status, vec![label])),
    };
    for &cause in Q850_CAUSES {
        if let Some(status) = StatusCode::from_q850(cause) {
            add(status, cause_label(cause));
        }
    }
    let unlisted = (1..=127).find(|cause| !Q850_CAUSES.contains(cause));
    if let Some(status) = unlisted.and_then(StatusCode::from_q850) {
        add(status, "every cause without a row of its own".to_owned());
    }
    codes.sort_by_key(|(status, _)| status.code());
    codes
        .into_iter()
        .map(|(status, labels)| {
            let plural = if labels.len() == 1 && labels[0].starts_with(|c: char| c.is_ascii_digit()) {
                ""
            } else {
                "s"
            };
            (
                status,
                format!(
                    "Q.850 cause{plural} {} become{} it.",
                    labels.join(", "),
                    if plural.is_empty() { "s" } else { "" }
                ),
            )
        })
        .collect()
}

/// The symptom whose phrase the keywords are, as a whole, after spellings are unified.
pub fn symptom(words: &str) -> Option<&'static Symptom> {
    static PHRASES: LazyLock<Vec<(String, &'static Symptom)>> = LazyLock::new(|| {
        SYMPTOMS
            .iter()
            .flat_map(|symptom| {
                symptom.phrases.iter().map(move |phrase| (terms(&canonical(phrase)).join(" "), symptom))
            })
            .collect()
    });
    let key = terms(&canonical(words)).join(" ");
    PHRASES.iter().find(|(phrase, _)| *phrase == key).map(|(_, symptom)| *symptom)
}

/// Whether `phrase` is the code's phrase or a former one, ignoring ASCII case.
pub fn is_phrase_of(status: StatusCode, phrase: &str) -> bool {
    status.reason_phrase().eq_ignore_ascii_case(phrase)
        || status.aliases().iter().any(|a| a.eq_ignore_ascii_case(phrase))
}

/// What a keyword search reads of one code, [`canonical`]: its phrases and Rust name apart
/// (for ranking), and everything the page's card marks as searchable.
struct Searchable {
    status: StatusCode,
    names: Vec<String>,
    /// The words of `names`, for ranking.
    name_words: Vec<String>,
    /// The code's own text: names, description, reference titles.
    own: String,
    /// `own` and the notes.
    text: String,
}

static INDEX: LazyLock<Vec<Searchable>> = LazyLock::new(|| {
    StatusCode::ALL
        .iter()
        .map(|&status| {
            let mut names: Vec<String> = std::iter::once(status.reason_phrase())
                .chain(status.aliases().iter().copied())
                .map(canonical)
                .collect();
            names.push(canonical(&format!("{status:?}")));
            let mut parts = names.clone();
            parts.push(canonical(&text::plain(status.description().unwrap_or_default())));
            parts.extend(status.references().iter().map(|r| canonical(r.title)));
            let own = parts.join(" ");
            parts.extend(notes::every_note(status.code()).map(|note| canonical(note.text)));
            let name_words = names.iter().flat_map(|name| words_of(name)).map(str::to_owned).collect();
            Searchable { status, names, name_words, own, text: parts.join(" ") }
        })
        .collect()
});

/// The words of `text`: its runs of letters and digits.
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty())
}

/// Whether `term` names the code (search rule 7): a word of its phrases or Rust name starts
/// with it, or with a negation and then it ("auth" names "unauthorized").
fn names(code: &Searchable, term: &str) -> bool {
    code.name_words.iter().any(|word| {
        word.starts_with(term)
            || NEGATIONS
                .iter()
                .any(|negation| word.strip_prefix(negation).is_some_and(|rest| rest.starts_with(term)))
    })
}

/// Codes where a word starts with every keyword (after spelling variants are unified), best
/// first by search rule 7: the phrase, a former phrase or the Rust name typed whole; then by
/// how many keywords name the code, most first; then current codes before deprecated ones;
/// then code order.
pub fn search(words: &str) -> Vec<StatusCode> {
    let query = canonical(words);
    let terms = terms(&query);
    if terms.is_empty() {
        return Vec::new();
    }
    let squashed: String = query.chars().filter(|c| c.is_alphanumeric()).collect();
    let mut ranked: Vec<(usize, bool, u16, StatusCode)> = INDEX
        .iter()
        .filter(|code| terms.iter().all(|term| has_word_starting(&code.text, term)))
        .map(|code| {
            let rank = if code.names.iter().any(|name| *name == query || *name == squashed) {
                0
            } else {
                1 + terms.iter().filter(|term| !names(code, term)).count()
            };
            (rank, code.status.is_deprecated(), code.status.code(), code.status)
        })
        .collect();
    ranked.sort_by_key(|&(rank, deprecated, code, _)| (rank, deprecated, code));
    ranked.into_iter().map(|(.., status)| status).collect()
}

/// What keywords that find nothing may have meant (search rule 6): each keyword no code's
/// text has a word for, replaced by the nearest word of the vocabulary; `None` when a keyword
/// has no near word, or none needed replacing.
pub fn suggest(words: &str) -> Option<String> {
    let query = canonical(words);
    let mut changed = false;
    let mut out = Vec::new();
    for term in terms(&query) {
        if INDEX.iter().any(|code| has_word_starting(&code.text, term)) {
            out.push(term);
            continue;
        }
        let nearest = nearest_word(term)?;
        changed |= nearest != term;
        out.push(nearest);
    }
    (changed && !out.is_empty()).then(|| out.join(" "))
}

/// The vocabulary word nearest to `term`: at most 1 edit for 3 to 5 letters, 2 for more, the
/// first alphabetically on a tie.
fn nearest_word(term: &str) -> Option<&'static str> {
    let limit = match term.chars().count() {
        0..=2 => return None,
        3..=5 => 1,
        _ => 2,
    };
    let mut best: Option<(usize, &'static str)> = None;
    for word in VOCABULARY {
        let distance = edit_distance(term, word);
        if distance <= limit && best.is_none_or(|(least, _)| distance < least) {
            best = Some((distance, word));
        }
    }
    best.map(|(_, word)| word)
}

/// Edits that turn `a` into `b`: insert, delete or replace a letter, or swap two neighbours
/// (the optimal string alignment distance).
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    rows[0] = (0..=b.len()).collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// The keywords of a [`canonical`] query.
fn terms(query: &str) -> Vec<&str> {
    query
        .split(' ')
        .map(|term| term.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|term| !term.is_empty())
        .collect()
}

/// The note that brought `status` into the results for `words`, when the code's own text
/// (phrases, name, description, reference titles) lacks a keyword: the note that holds most
/// of the missing ones, the first on a tie. A search result shows it, so the reader sees why
/// the code is there ("timeout" finds 480 through its tip).
pub fn matched_note(status: StatusCode, words: &str) -> Option<&'static notes::Note> {
    let query = canonical(words);
    let own = &INDEX.iter().find(|code| code.status == status)?.own;
    let missing: Vec<&str> = terms(&query).into_iter().filter(|term| !has_word_starting(own, term)).collect();
    if missing.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &'static notes::Note)> = None;
    for note in notes::every_note(status.code()) {
        let text = canonical(note.text);
        let held = missing.iter().filter(|term| has_word_starting(&text, term)).count();
        if held > 0 && best.is_none_or(|(most, _)| held > most) {
            best = Some((held, note));
        }
    }
    best.map(|(_, note)| note)
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
    fn numbers_beside_keywords_are_looked_up_too() {
        assert_eq!(
            parse(&words("busy 486")),
            [Query::Code { code: 486, phrase: None }, Query::Text("busy".into())]
        );
        assert_eq!(
            parse(&words("100 48x 6")),
            [
                Query::Code { code: 100, phrase: None },
                Query::Prefix("48".into()),
                Query::Class(Class::GlobalFailure)
            ]
        );
        assert_eq!(parse(&words("099")), [Query::Invalid(unregistered::out_of_range("099"))]);
        assert_eq!(parse(&words("RFC 3262")), [Query::Text("RFC 3262".into())]);
    }

    #[test]
    fn spellings_are_unified_as_whole_words() {
        assert_eq!(canonical("Server  Time-out"), "server timeout");
        assert_eq!(canonical("it timed out; overtime out"), "it timeout; overtime out");
        assert_eq!(normalize("See RFC 3261, not XRFC 1 or rfc x"), "see rfc3261, not xrfc 1 or rfc x");
        assert!(has_word_starting("busy here", "her") && !has_word_starting("busy here", "usy"));
    }

    #[test]
    fn busy_finds_486_and_600_first() {
        let found = search("busy");
        assert_eq!(&found[..2], [StatusCode::BusyHere, StatusCode::BusyEverywhere]);
    }

    #[test]
    fn a_match_through_a_note_names_the_note() {
        // 480's own text says nothing of timeouts; its tip does.
        let found = search("timeout");
        assert!(found.contains(&StatusCode::TemporarilyUnavailable), "{found:?}");
        let note = matched_note(StatusCode::TemporarilyUnavailable, "timeout").expect("the tip matched");
        assert!(canonical(note.text).contains("timeout"), "{}", note.text);
        // 408's phrase holds the word: no note is needed to say why.
        assert!(matched_note(StatusCode::RequestTimeout, "timeout").is_none());
    }

    #[test]
    fn exact_phrase_ranks_first() {
        let found = search("not acceptable");
        assert_eq!(&found[..2], [StatusCode::NotAcceptable, StatusCode::GlobalNotAcceptable]);
        assert!(found.contains(&StatusCode::NotAcceptableHere));
    }

    #[test]
    fn a_word_that_names_a_code_ranks_it_first() {
        let found = search("auth");
        assert_eq!(&found[..2], [StatusCode::Unauthorized, StatusCode::ProxyAuthenticationRequired]);
        // 202 only mentions authorization in its description, and is deprecated.
        assert_eq!(found.last(), Some(&StatusCode::Accepted), "{found:?}");
    }

    #[test]
    fn causes_parse_in_every_spelling_a_trace_shows() {
        for query in
            ["cause 17", "q.850 17", "Q850 17", "Q.850;cause=17", "Reason: Q.850;cause=17;text=\"User busy\""]
        {
            assert_eq!(parse(&words(query)), [Query::Cause(17)], "{query}");
        }
        assert_eq!(parse(&words("q.850")), [Query::Q850]);
        assert!(
            matches!(&parse(&words("cause 200"))[..], [Query::Invalid(why)] if why.starts_with("200 is not a Q.850 cause"))
        );
        assert_eq!(parse(&words("cause busy")), [Query::Text("cause busy".into())]);
        let Answer::Cause { status, why, .. } = answer(&Query::Cause(17)) else { panic!() };
        assert_eq!(status, Some(StatusCode::BusyHere));
        assert_eq!(why, "Q.850 cause 17 (user busy) becomes 486 Busy Here at a gateway (RFC 3398 §7.2.4.1).");
        let Answer::Cause { status: None, why, .. } = answer(&Query::Cause(16)) else { panic!() };
        assert!(why.contains("no response"), "{why}");
    }

    #[test]
    fn symptoms_are_matched_whole_and_never_shadow_a_phrase_or_class() {
        assert!(symptom("Codec  Mismatch").is_some());
        assert!(symptom("do not disturb").is_some_and(|s| s.codes[0].0 == 480));
        assert!(symptom("codec").is_none());
        for status in StatusCode::ALL {
            assert!(symptom(status.reason_phrase()).is_none(), "a symptom shadows {status}");
        }
        for (_, names) in CLASS_NAMES {
            assert!(names.iter().all(|name| symptom(name).is_none()));
        }
        let mut seen = Vec::new();
        for phrase in SYMPTOMS.iter().flat_map(|s| s.phrases) {
            let key = terms(&canonical(phrase)).join(" ");
            assert!(!seen.contains(&key), "{phrase:?} repeats another symptom's phrase");
            seen.push(key);
        }
    }

    #[test]
    fn near_misses_get_the_nearest_word() {
        assert_eq!(suggest("bussy"), Some("busy".into()));
        assert_eq!(suggest("codec mismatsh"), Some("codec mismatch".into()));
        assert_eq!(suggest("busy"), None);
        assert_eq!(suggest("zzzz"), None);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
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
