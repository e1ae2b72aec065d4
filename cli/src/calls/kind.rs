//! What a note is about: a typed kind with a stable dotted slug, which `explain --json`
//! writes as the note's `"kind"`. The slugs are an interface for scripts: a new kind adds a
//! slug, and none is ever renamed (`kinds_are_frozen` below holds them).

/// Declares the kinds, their slugs and what each is about, once: the enum, its `ALL`, its
/// `slug`, and `note_kind_slugs!()`, the list the `--json` docs and `--help` show.
macro_rules! note_kinds {
    ($($(#[doc = $doc:literal])* $variant:ident => $slug:literal,)*) => {
        /// What a note is about.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum NoteKind {
            $($(#[doc = $doc])* $variant,)*
        }

        impl NoteKind {
            /// Every kind, in the order `--help` lists them.
            pub const ALL: &'static [NoteKind] = &[$(NoteKind::$variant),*];

            /// The stable dotted name `--json` writes, e.g. `"header.reason"`.
            pub const fn slug(self) -> &'static str {
                match self {
                    $(NoteKind::$variant => $slug,)*
                }
            }

            /// What notes of this kind are about, for `--help`.
            pub const fn about(self) -> &'static str {
                match self {
                    $(NoteKind::$variant => concat!($($doc),*),)*
                }
            }
        }

        /// The slugs, comma-separated, for documentation.
        macro_rules! note_kind_slugs {
            () => {
                concat!($("`", $slug, "`", ", "),*)
            };
        }
        pub(crate) use note_kind_slugs;
    };
}

note_kinds! {
    /// What a response means for the request it answers.
    Meaning => "response.meaning",
    /// A code no registry defines, and how a UAC reads it.
    Unregistered => "response.unregistered",
    /// A reason phrase that differs from the registry's.
    Phrase => "response.phrase",
    /// What the code means for the method the CSeq names.
    Method => "response.method",
    /// The same message again, said once.
    Repeat => "message.repeat",
    /// A line or header that cannot be read.
    Malformed => "message.malformed",
    /// A header field the response must carry and lacks.
    Header => "header.required",
    /// A Retry-After value, or one where the code takes none.
    RetryAfter => "header.retry-after",
    /// A Reason value: its protocol and cause named, a Q.850 cause checked against the status.
    Reason => "header.reason",
    /// A Warning value with its warn-code named.
    Warning => "header.warning",
    /// A Geolocation-Error value with its code named.
    GeolocationError => "header.geolocation-error",
    /// An AlertMsg-Error value with its code named.
    AlertMsgError => "header.alertmsg-error",
    /// The ACK a final response to an INVITE needs.
    Ack => "transaction.ack",
    /// A CANCEL and the INVITE it cancels.
    Cancel => "transaction.cancel",
    /// A request sent again after a challenge or a failure.
    Retry => "transaction.retry",
    /// A retransmission, counted and said once.
    Retransmission => "transaction.retransmission",
    /// A status line in a NOTIFY's sipfrag body: the referred call's progress.
    Sipfrag => "body.sipfrag",
    /// What a failure inside a dialog ends (RFC 5057).
    Dialog => "dialog.effect",
    /// A forked call: another branch's answer, or the proxy's CANCEL of a branch.
    Fork => "dialog.fork",
}

#[cfg(test)]
mod tests {
    use super::NoteKind;

    #[test]
    fn slugs_are_distinct_and_dotted() {
        let mut seen = std::collections::HashSet::new();
        for kind in NoteKind::ALL {
            assert!(seen.insert(kind.slug()), "{} is used twice", kind.slug());
            let (area, name) = kind.slug().split_once('.').unwrap();
            assert!(!area.is_empty() && !name.is_empty() && !name.contains('.'), "{}", kind.slug());
            assert!(kind.slug().bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'-'));
            assert!(!kind.about().is_empty());
        }
    }

    #[test]
    fn kinds_are_frozen() {
        // Scripts match on these: a kind may be added, never renamed or removed.
        let frozen = [
            "response.meaning",
            "response.unregistered",
            "response.phrase",
            "response.method",
            "message.repeat",
            "message.malformed",
            "header.required",
            "header.retry-after",
            "header.reason",
            "header.warning",
            "header.geolocation-error",
            "header.alertmsg-error",
            "transaction.ack",
            "transaction.cancel",
            "transaction.retry",
            "transaction.retransmission",
            "body.sipfrag",
            "dialog.effect",
            "dialog.fork",
        ];
        let slugs: Vec<&str> = NoteKind::ALL.iter().map(|k| k.slug()).collect();
        for slug in frozen {
            assert!(slugs.contains(&slug), "{slug} is gone");
        }
        assert!(super::note_kind_slugs!().contains("`header.reason`"));
    }
}
