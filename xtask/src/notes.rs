//! `specs/notes.toml` (trace-reading notes) and `specs/search.toml` (the search rules): the
//! one schema both are read with. `cargo xtask generate` reads them here once, checks them,
//! and writes from that reading both the CLI's data module ([`CLI_DATA`], static arrays, so
//! the CLI needs no TOML reader) and the reference page (its notes, and the rules as JSON).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sip_codes::Class;

/// The notes file, relative to the workspace root.
pub const NOTES: &str = "specs/notes.toml";
/// The search rules, relative to the workspace root.
pub const SEARCH: &str = "specs/search.toml";
/// The CLI's data module, written from [`NOTES`] and [`SEARCH`], relative to the workspace root.
pub const CLI_DATA: &str = "cli/src/data.rs";

/// A note on what a response means in practice (`[[note]]`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Note {
    /// The status code, registered in the spec.
    pub code: u16,
    /// The request method the note is about; `None` for the code's general troubleshooting tip.
    pub method: Option<String>,
    /// One or two sentences, Markdown.
    pub text: String,
}

/// An unregistered code seen in real traces (`[[wild]]`).
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Wild {
    /// The code, 100..=999 and not registered in the spec.
    pub code: u16,
    /// Where it comes from.
    pub text: String,
}

/// `specs/notes.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Notes {
    /// Every `[[note]]`, in file order.
    #[serde(default)]
    pub note: Vec<Note>,
    /// Every `[[wild]]`, in file order.
    #[serde(default)]
    pub wild: Vec<Wild>,
}

impl Notes {
    /// Reads the notes file and checks it against `registered`, whether the spec defines a
    /// code. The error names the file and the entry.
    pub fn parse(text: &str, registered: &dyn Fn(u16) -> bool) -> Result<Notes, String> {
        let notes: Notes = toml::from_str(text).map_err(|e| format!("{NOTES}: {e}"))?;
        let mut problems = Vec::new();
        for (index, note) in notes.note.iter().enumerate() {
            if !registered(note.code) {
                problems.push(format!("a note for {}, which the spec does not define", note.code));
            }
            if note.text.trim().is_empty() {
                problems.push(format!("the note for {} is empty", note.code));
            }
            if let Some(method) = &note.method
                && (method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()))
            {
                problems.push(format!("the note for {}: {method:?} is not a method name", note.code));
            }
            if notes.note[..index].iter().any(|other| other.code == note.code && other.method == note.method)
            {
                problems.push(format!("two notes for {} {:?}", note.code, note.method));
            }
        }
        for (index, wild) in notes.wild.iter().enumerate() {
            // pjsip's 701-703 are seen too: any three digits a stack may receive.
            if !(100..=999).contains(&wild.code) {
                problems.push(format!("[[wild]] {} is not three digits", wild.code));
            } else if registered(wild.code) {
                problems.push(format!("[[wild]] {} is registered: give it a [[note]] instead", wild.code));
            }
            if notes.wild[..index].iter().any(|other| other.code == wild.code) {
                problems.push(format!("two [[wild]] entries for {}", wild.code));
            }
        }
        if problems.is_empty() { Ok(notes) } else { Err(format!("{NOTES}: {}", problems.join("; "))) }
    }

    /// The code's general tip, then its per-method notes, in file order.
    pub fn for_code(&self, code: u16) -> impl Iterator<Item = &Note> {
        let general = self.note.iter().filter(move |n| n.code == code && n.method.is_none());
        general.chain(self.note.iter().filter(move |n| n.code == code && n.method.is_some()))
    }
}

/// `specs/search.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchRules {
    /// Prefixes that negate a word of a name, for ranking ("un": "auth" names "Unauthorized").
    #[serde(default)]
    pub negations: Vec<String>,
    /// The names of each class a whole query may be.
    pub class: Vec<ClassNames>,
    /// Spellings of one word.
    pub synonym: Vec<Synonym>,
    /// What users type for a problem, and the codes that report it.
    #[serde(default)]
    pub symptom: Vec<Symptom>,
    /// The words a near miss is corrected to; set by [`SearchRules::learn_vocabulary`].
    #[serde(skip)]
    pub vocabulary: Vec<String>,
}

/// One `[[symptom]]`: phrases a user types for one problem, and the codes that report it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Symptom {
    /// Lower-case phrases, each a whole keyword query.
    pub phrases: Vec<String>,
    /// The codes, most telling first.
    pub codes: Vec<SymptomCode>,
}

/// A code a symptom points to, and why.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SymptomCode {
    /// A registered code.
    pub code: u16,
    /// One sentence: what the code says about the problem.
    pub why: String,
}

/// One `[[class]]`.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ClassNames {
    /// The class's first digit, 1 to 6.
    pub digit: u16,
    /// Lower-case names, each a whole query.
    pub names: Vec<String>,
}

/// One `[[synonym]]`: the first spelling is the one every other is rewritten to.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    /// The spellings; the first is one lower-case word.
    pub words: Vec<String>,
}

/// What the page's script reads: the class names, and each spelling with the word it is
/// rewritten to, longest first.
#[derive(Serialize)]
struct PageRules<'a> {
    classes: &'a [ClassNames],
    spellings: Vec<(&'a str, &'a str)>,
    negations: &'a [String],
    symptoms: &'a [Symptom],
    vocabulary: &'a [String],
}

impl SearchRules {
    /// Reads the rules file and checks it against `registered`, whether the spec defines a
    /// code; the error names the file.
    pub fn parse(text: &str, registered: &dyn Fn(u16) -> bool) -> Result<SearchRules, String> {
        let rules: SearchRules = toml::from_str(text).map_err(|e| format!("{SEARCH}: {e}"))?;
        if let Some(prefix) = rules.negations.iter().find(|p| !is_lower_word(p)) {
            return Err(format!("{SEARCH}: negation {prefix:?} is not one lower-case word"));
        }
        let mut phrases: Vec<&str> = Vec::new();
        for symptom in &rules.symptom {
            if symptom.phrases.is_empty() || symptom.codes.is_empty() {
                return Err(format!(
                    "{SEARCH}: a [[symptom]] needs phrases and codes: {:?}",
                    symptom.phrases
                ));
            }
            for phrase in &symptom.phrases {
                if *phrase != phrase.to_lowercase() || phrase.trim().is_empty() {
                    return Err(format!("{SEARCH}: symptom phrase {phrase:?} is not lower case"));
                }
                if phrase.split_whitespace().any(|word| word.bytes().all(|b| b.is_ascii_digit())) {
                    return Err(format!(
                        "{SEARCH}: symptom phrase {phrase:?} holds a number, which names codes"
                    ));
                }
                if phrases.contains(&phrase.as_str())
                    || rules.class.iter().any(|class| class.names.contains(phrase))
                {
                    return Err(format!(
                        "{SEARCH}: symptom phrase {phrase:?} is given twice or names a class"
                    ));
                }
                phrases.push(phrase);
            }
            for (index, entry) in symptom.codes.iter().enumerate() {
                if !registered(entry.code) {
                    return Err(format!(
                        "{SEARCH}: symptom {:?} points to {}, which the spec does not define",
                        symptom.phrases[0], entry.code
                    ));
                }
                if entry.why.trim().is_empty()
                    || symptom.codes[..index].iter().any(|other| other.code == entry.code)
                {
                    return Err(format!(
                        "{SEARCH}: symptom {:?}: {} is given twice or without why",
                        symptom.phrases[0], entry.code
                    ));
                }
            }
        }
        for (index, class) in rules.class.iter().enumerate() {
            if class_of(class.digit).is_none() {
                return Err(format!("{SEARCH}: [[class]] digit {} is not a SIP class (1 to 6)", class.digit));
            }
            if rules.class[..index].iter().any(|other| other.digit == class.digit) {
                return Err(format!("{SEARCH}: two [[class]] entries for digit {}", class.digit));
            }
            if let Some(name) = class.names.iter().find(|name| **name != name.to_lowercase()) {
                return Err(format!("{SEARCH}: class name {name:?} is not lower case"));
            }
        }
        for group in &rules.synonym {
            match group.words.first() {
                Some(word) if is_lower_word(word) => {}
                _ => {
                    return Err(format!(
                        "{SEARCH}: a synonym's first spelling must be one lower-case word: {:?}",
                        group.words
                    ));
                }
            }
        }
        Ok(rules)
    }

    /// Every spelling with the word it is rewritten to, longest first (a stable sort), so
    /// "timed out" is replaced before "time out" could take part of it. The CLI and the page
    /// both get this list, already sorted.
    pub fn spellings(&self) -> Vec<(&str, &str)> {
        let mut spellings: Vec<(&str, &str)> = self
            .synonym
            .iter()
            .flat_map(|group| group.words.iter().skip(1).map(|word| (word.as_str(), group.words[0].as_str())))
            .collect();
        spellings.sort_by_key(|(spelling, _)| std::cmp::Reverse(spelling.chars().count()));
        spellings
    }

    /// Sets the vocabulary a near miss is corrected to (search rule 6): every word of three
    /// letters or more of `names` (the codes' phrases and former phrases), the class names,
    /// the synonyms and the symptom phrases, lower case, sorted, each once.
    pub fn learn_vocabulary<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        let rules = self
            .class
            .iter()
            .flat_map(|class| &class.names)
            .chain(self.synonym.iter().flat_map(|group| &group.words))
            .chain(self.symptom.iter().flat_map(|symptom| &symptom.phrases))
            .map(String::as_str);
        let mut words: Vec<String> = names
            .into_iter()
            .map(str::to_owned)
            .chain(rules.map(str::to_owned))
            .flat_map(|text| {
                text.split(|c: char| !c.is_alphanumeric())
                    .filter(|word| word.chars().count() >= 3 && !word.chars().all(|c| c.is_ascii_digit()))
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            })
            .collect();
        words.sort();
        words.dedup();
        self.vocabulary = words;
    }

    /// The rules as JSON for the page, safe inside a `<script>` element.
    pub fn page_json(&self) -> String {
        let rules = PageRules {
            classes: &self.class,
            spellings: self.spellings(),
            negations: &self.negations,
            symptoms: &self.symptom,
            vocabulary: &self.vocabulary,
        };
        let json = serde_json::to_string(&rules).expect("strings and numbers serialize");
        json.replace('<', "\\u003c")
    }
}

/// One lower-case word, no space.
fn is_lower_word(word: &str) -> bool {
    !word.is_empty() && !word.contains(' ') && word == word.to_lowercase()
}

/// The class whose codes start with `digit`.
fn class_of(digit: u16) -> Option<Class> {
    digit.checked_mul(100).and_then(Class::from_code)
}

/// `cli/src/data.rs`: the notes and rules as static arrays, for the CLI, with `causes`, the
/// Q.850 causes the spec gives a row (their names are `sip_codes::iana::Q850Cause`'s).
pub fn cli_module(notes: &Notes, rules: &SearchRules, causes: &[u8]) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(
        "// @generated by `cargo xtask generate` from specs/notes.toml and specs/search.toml: do not\n\
         // edit. Change those files and run the command; `cargo test` fails while this file is stale.\n\n\
         //! The trace-reading notes of `specs/notes.toml` and the search rules of\n\
         //! `specs/search.toml`, as data. The reference page (`docs/index.html`) is written from the\n\
         //! same reading of the two files, so the terminal and the page show the same notes and\n\
         //! search alike.\n\n\
         use sip_codes::Class;\n\n\
         /// A `[[note]]`: what a response means in practice, per code or per code and method.\n\
         #[derive(Debug, PartialEq, Eq)]\n\
         pub struct Note {\n    \
             /// The status code, registered in the spec.\n    \
             pub code: u16,\n    \
             /// The request method the note is about; `None` for the code's general tip.\n    \
             pub method: Option<&'static str>,\n    \
             /// One or two sentences.\n    \
             pub text: &'static str,\n\
         }\n\n\
         /// A `[[wild]]`: an unregistered code seen in real traces.\n\
         #[derive(Debug, PartialEq, Eq)]\n\
         pub struct Wild {\n    \
             /// The code, never registered.\n    \
             pub code: u16,\n    \
             /// Where it comes from.\n    \
             pub text: &'static str,\n\
         }\n\n\
         /// A `[[symptom]]`: what users type for a problem, and the codes that report it.\n\
         #[derive(Debug, PartialEq, Eq)]\n\
         pub struct Symptom {\n    \
             /// Lower-case phrases, each a whole keyword query.\n    \
             pub phrases: &'static [&'static str],\n    \
             /// Each code, most telling first, with why it reports the problem.\n    \
             pub codes: &'static [(u16, &'static str)],\n\
         }\n\n\
         /// Every `[[note]]`, in file order.\n\
         pub static NOTES: &[Note] = &[\n",
    );
    for note in &notes.note {
        let method = note.method.as_ref().map_or("None".to_owned(), |m| format!("Some({m:?})"));
        let _ = writeln!(out, "    Note {{ code: {}, method: {method}, text: {:?} }},", note.code, note.text);
    }
    out.push_str("];\n\n/// Every `[[wild]]`, in file order.\npub static WILD: &[Wild] = &[\n");
    for wild in &notes.wild {
        let _ = writeln!(out, "    Wild {{ code: {}, text: {:?} }},", wild.code, wild.text);
    }
    out.push_str(
        "];\n\n/// Each `[[class]]`: the names a whole query may give the class.\n\
         pub static CLASS_NAMES: &[(Class, &[&str])] = &[\n",
    );
    for class in &rules.class {
        let class_name = format!("{:?}", class_of(class.digit).expect("checked by SearchRules::parse"));
        let _ = writeln!(out, "    (Class::{class_name}, &{:?}),", class.names);
    }
    out.push_str(
        "];\n\n/// Each spelling of a `[[synonym]]` with the word it is rewritten to, longest first, so\n\
         /// \"timed out\" is replaced before \"time out\" could take part of it.\n\
         pub static SPELLINGS: &[(&str, &str)] = &[\n",
    );
    for (spelling, word) in rules.spellings() {
        let _ = writeln!(out, "    ({spelling:?}, {word:?}),");
    }
    let _ = write!(
        out,
        "];\n\n/// Prefixes that negate a word of a name, for ranking.\n\
         pub static NEGATIONS: &[&str] = &{:?};\n\n\
         /// Every `[[symptom]]`, in file order.\n\
         pub static SYMPTOMS: &[Symptom] = &[\n",
        rules.negations
    );
    for symptom in &rules.symptom {
        let _ = writeln!(out, "    Symptom {{\n        phrases: &{:?},\n        codes: &[", symptom.phrases);
        for entry in &symptom.codes {
            let _ = writeln!(out, "            ({}, {:?}),", entry.code, entry.why);
        }
        out.push_str("        ],\n    },\n");
    }
    out.push_str(
        "];\n\n/// The words a near miss is corrected to: those of the phrases, former phrases, class\n\
         /// names, synonyms and symptoms, sorted.\n\
         pub static VOCABULARY: &[&str] = &[\n",
    );
    for word in &rules.vocabulary {
        let _ = writeln!(out, "    {word:?},");
    }
    out.push_str(
        "];\n\n/// The Q.850 causes the spec gives a row of their own (`[[q850]]`), in cause order.\n\
         pub static Q850_CAUSES: &[u8] = &[\n",
    );
    for cause in causes {
        let _ = writeln!(out, "    {cause},");
    }
    out.push_str("];\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTE: &str = "[[note]]\ncode = 486\ntext = \"Busy.\"\n";

    fn registered(code: u16) -> bool {
        sip_codes::iana::StatusCode::from_code(code).is_some()
    }

    #[test]
    fn notes_name_registered_codes_methods_and_unregistered_wild_codes() {
        assert!(Notes::parse(NOTE, &registered).is_ok());
        let bad = |text: &str| Notes::parse(text, &registered).unwrap_err();
        assert!(bad("[[note]]\ncode = 477\ntext = \"x\"\n").contains("a note for 477, which the spec"));
        assert!(bad("[[note]]\ncode = 486\ntext = \" \"\n").contains("the note for 486 is empty"));
        assert!(
            bad("[[note]]\ncode = 486\nmethod = \"invite\"\ntext = \"x\"\n").contains("not a method name")
        );
        assert!(bad(&format!("{NOTE}{NOTE}")).contains("two notes for 486 None"));
        assert!(bad("[[wild]]\ncode = 486\ntext = \"x\"\n").contains("[[wild]] 486 is registered"));
        assert!(bad("[[wild]]\ncode = 1000\ntext = \"x\"\n").contains("not three digits"));
        assert!(bad("[[note]]\ncode = 486\ntext = \"x\"\ncolour = 1\n").starts_with("specs/notes.toml: "));
    }

    #[test]
    fn rules_check_classes_and_first_spellings() {
        let bad = |text: &str| SearchRules::parse(text, &registered).unwrap_err();
        assert!(
            bad("synonym = []\n[[class]]\ndigit = 7\nnames = []\n").contains("digit 7 is not a SIP class")
        );
        assert!(
            bad("class = []\n[[synonym]]\nwords = [\"time out\", \"timeout\"]\n")
                .contains("one lower-case word")
        );
        let rules = SearchRules::parse(
            "class = []\n[[synonym]]\nwords = [\"timeout\", \"time-out\", \"timed out\"]\n",
            &registered,
        )
        .unwrap();
        assert_eq!(rules.spellings(), [("timed out", "timeout"), ("time-out", "timeout")]);
    }

    const SYMPTOM: &str =
        "[[symptom]]\nphrases = [\"no answer\"]\ncodes = [{ code = 408, why = \"Rang out.\" }]\n";

    #[test]
    fn symptoms_point_to_registered_codes_with_a_reason() {
        let bad = |text: &str| {
            SearchRules::parse(&format!("class = []\nsynonym = []\n{text}"), &registered).unwrap_err()
        };
        assert!(bad(&SYMPTOM.replace("408", "477")).contains("points to 477, which the spec"));
        assert!(bad(&SYMPTOM.replace("Rang out.", " ")).contains("408 is given twice or without why"));
        assert!(bad(&SYMPTOM.replace("no answer", "No Answer")).contains("is not lower case"));
        assert!(bad(&SYMPTOM.replace("no answer", "cause 17")).contains("holds a number"));
        assert!(bad(&format!("{SYMPTOM}{SYMPTOM}")).contains("\"no answer\" is given twice"));
        assert!(bad("negations = [\"u n\"]\n").contains("not one lower-case word"));
    }

    #[test]
    fn the_vocabulary_holds_each_word_of_three_letters_once() {
        let mut rules =
            SearchRules::parse(&format!("class = []\nsynonym = []\n{SYMPTOM}"), &registered).unwrap();
        rules.learn_vocabulary(["Busy Here", "Busy Everywhere", "OK", "Request-URI Too Long"]);
        assert_eq!(
            rules.vocabulary,
            ["answer", "busy", "everywhere", "here", "long", "request", "too", "uri"]
        );
        assert!(rules.page_json().contains("\"vocabulary\":[\"answer\",\"busy\""), "{}", rules.page_json());
    }

    #[test]
    fn the_cli_module_holds_each_entry_as_rust() {
        let notes = Notes::parse(NOTE, &registered).unwrap();
        let mut rules = SearchRules::parse(
            &format!("negations = [\"un\"]\n[[class]]\ndigit = 4\nnames = [\"client\"]\n[[synonym]]\nwords = [\"dnd\", \"do not disturb\"]\n{SYMPTOM}"),
            &registered,
        )
        .unwrap();
        rules.learn_vocabulary(["Busy Here"]);
        let module = cli_module(&notes, &rules, &[17]);
        assert!(module.contains("    Note { code: 486, method: None, text: \"Busy.\" },\n"), "{module}");
        assert!(module.contains("    (Class::ClientError, &[\"client\"]),\n"), "{module}");
        assert!(module.contains("    (\"do not disturb\", \"dnd\"),\n"), "{module}");
        assert!(module.contains("pub static NEGATIONS: &[&str] = &[\"un\"];\n"), "{module}");
        assert!(
            module.contains(
                "        phrases: &[\"no answer\"],\n        codes: &[\n            (408, \"Rang out.\"),\n"
            ),
            "{module}"
        );
        assert!(module.contains("    \"busy\",\n"), "{module}");
        assert!(module.contains("pub static Q850_CAUSES: &[u8] = &[\n    17,\n];"), "{module}");
        syn::parse_file(&module).expect("the module parses as Rust");
    }
}
