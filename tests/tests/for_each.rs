//! `for_each!` hands a generated type's variant list to another macro, from another crate:
//! the registry type's (`sip::iana::status_code::for_each!`) and a public type generated in
//! `sip-codes-tests` (`sip_codes_tests::stack_status::for_each!`).

use sip::iana::StatusCode;
use sip_codes_tests::StackStatus;

/// Every tuple as data: `(name, CONSTANT, code, phrase)`.
macro_rules! rows {
    ($(($name:ident, $constant:ident, $code:literal, $phrase:literal)),* $(,)?) => {
        [$((stringify!($name), stringify!($constant), $code, $phrase)),*]
    };
}

#[test]
fn the_registry_list_is_every_variant_in_code_order() {
    let rows: &[(&str, &str, u16, &str)] = &sip::iana::status_code::for_each!(rows);
    assert_eq!(rows.len(), StatusCode::ALL.len());
    for (&(name, constant, code, phrase), &status) in rows.iter().zip(StatusCode::ALL) {
        assert_eq!(name, format!("{status:?}"));
        assert_eq!(code, status.code());
        assert_eq!(phrase, status.reason_phrase());
        assert_eq!(constant, constant.to_ascii_uppercase());
        assert_eq!(constant.replace('_', ""), name.to_ascii_uppercase(), "{name}");
    }
    assert_eq!(rows[0], ("Trying", "TRYING", 100, "Trying"));
    assert!(rows.contains(&(
        "CallTransactionDoesNotExist",
        "CALL_TRANSACTION_DOES_NOT_EXIST",
        481,
        "Call/Transaction Does Not Exist"
    )));
    assert_eq!(rows.last(), Some(&("Rejected", "REJECTED", 608, "Rejected")));
}

#[test]
fn a_renamed_variant_is_handed_on_by_its_new_name() {
    let rows: &[(&str, &str, u16, &str)] = &sip_codes_tests::stack_status::for_each!(rows);
    assert_eq!(rows.len(), StackStatus::ALL.len(), "no tuple for Other");
    assert!(rows.contains(&("OK", "OK", 200, "OK")));
    assert!(rows.contains(&(
        "UnsupportedCertificate",
        "UNSUPPORTED_CERTIFICATE",
        437,
        "Unsupported Credential"
    )));
    assert!(rows.contains(&("NotAcceptableGlobal", "NOT_ACCEPTABLE_GLOBAL", 606, "Not Acceptable")));
}

mod rsip_shaped {
    //! An enum with a catch-all arm holding the code and phrase, as rsip 0.4 and rsipstack
    //! declare theirs, built from the list: nothing typed but the `Other` arm.
    macro_rules! status_code {
        ($(($name:ident, $constant:ident, $code:literal, $phrase:literal)),* $(,)?) => {
            #[derive(Debug, Clone, PartialEq, Eq)]
            pub enum StatusCode {
                $($name,)*
                Other(u16, String),
            }

            impl StatusCode {
                pub fn code(&self) -> u16 {
                    match self {
                        $(Self::$name => $code,)*
                        Self::Other(code, _) => *code,
                    }
                }
            }

            impl From<(u16, &str)> for StatusCode {
                fn from((code, phrase): (u16, &str)) -> Self {
                    match code {
                        $($code => Self::$name,)*
                        _ => Self::Other(code, phrase.to_owned()),
                    }
                }
            }

            impl std::fmt::Display for StatusCode {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self {
                        $(Self::$name => f.write_str(concat!($code, " ", $phrase)),)*
                        Self::Other(code, phrase) => write!(f, "{code} {phrase}"),
                    }
                }
            }
        };
    }
    sip::iana::status_code::for_each!(status_code);

    #[test]
    fn it_keeps_its_variants_and_writes_registry_phrases() {
        assert_eq!(StatusCode::from((486, "whatever")), StatusCode::BusyHere);
        assert_eq!(StatusCode::BusyHere.to_string(), "486 Busy Here");
        assert_eq!(StatusCode::Rejected.code(), 608);
        let local = StatusCode::from((477, "Sending Failed"));
        assert_eq!(local, StatusCode::Other(477, "Sending Failed".into()));
        assert_eq!(local.to_string(), "477 Sending Failed");
    }
}

mod ezk_shaped {
    //! A `u16` newtype with SCREAMING constants and a phrase lookup, as ezk-sip-types 0.6
    //! declares its own, built from the list.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct StatusCode(pub u16);

    macro_rules! constants {
        ($(($name:ident, $constant:ident, $code:literal, $phrase:literal)),* $(,)?) => {
            #[allow(dead_code)]
            impl StatusCode {
                $(pub const $constant: StatusCode = StatusCode($code);)*

                pub fn text(self) -> Option<&'static str> {
                    match self.0 {
                        $($code => Some($phrase),)*
                        _ => None,
                    }
                }
            }
        };
    }
    sip::iana::status_code::for_each!(constants);

    #[test]
    fn every_registered_code_has_a_constant_and_a_phrase() {
        assert_eq!(StatusCode::REJECTED, StatusCode(608));
        assert_eq!(StatusCode::CONDITIONAL_REQUEST_FAILED.text(), Some("Conditional Request Failed"));
        assert_eq!(StatusCode(477).text(), None);
        for status in sip::iana::StatusCode::ALL {
            assert_eq!(StatusCode(status.code()).text(), Some(status.reason_phrase()));
        }
    }
}
