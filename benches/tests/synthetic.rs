//! The synthetic spec of all 600 codes 100..=699 (`benches/specs/synthetic-600.toml`, written
//! by `cargo xtask bench-compile`) expands, compiles and behaves like the IANA type: every
//! code round-trips through each conversion, and the tables past 255 entries hold.

use sip_codes::{Class, ParseErrorKind};

sip_codes::sip_codes! {
    /// Every code 100..=699.
    #[spec = "../specs/synthetic-600.toml"]
    pub enum Synthetic;
}

#[test]
fn all_600_codes_are_variants_in_code_order() {
    let codes: Vec<u16> = Synthetic::ALL.iter().map(|status| status.code()).collect();
    assert_eq!(codes, (100..=699).collect::<Vec<u16>>());
    assert_eq!(Synthetic::Synthetic486 as u16, 486);
}

#[test]
fn every_code_round_trips() {
    for &status in Synthetic::ALL {
        let code = status.code();
        let line = format!("{code} Synthetic {code}");
        assert_eq!(status.to_string(), line);
        assert_eq!(status.as_str(), line);
        assert_eq!(status.reason_phrase(), format!("Synthetic {code}"));
        assert_eq!(line.parse::<Synthetic>(), Ok(status));
        assert_eq!(line.to_ascii_uppercase().parse::<Synthetic>(), Ok(status));
        assert_eq!(code.to_string().parse::<Synthetic>(), Ok(status));
        assert_eq!(Synthetic::from_bytes(line.as_bytes()), Ok(status));
        assert_eq!(Synthetic::from_bytes(code.to_string().as_bytes()), Ok(status));
        assert_eq!(Synthetic::from_code(code), Some(status));
        assert_eq!(Synthetic::try_from(code), Ok(status));
        assert_eq!(u16::from(status), code);
        assert_eq!(Synthetic::interpret(code), Some(status));
        assert_eq!(status.classify().status(), status);
        assert_eq!(status.references().iter().map(|r| r.id).collect::<Vec<_>>(), ["RFC3261"]);
        assert!(status.description().is_some_and(|d| d.contains(&format!("code {code},"))));
        let wrong = format!("{code} Synthetic {}", if code == 100 { 101 } else { 100 });
        let expected = format!("Synthetic {code}");
        assert!(matches!(
            wrong.parse::<Synthetic>().map_err(|e| e.kind()),
            Err(ParseErrorKind::ReasonMismatch { code: c, expected: e }) if c == code && e == expected
        ));
    }
}

#[test]
fn class_and_predicates_follow_the_first_digit() {
    for &status in Synthetic::ALL {
        let code = status.code();
        assert_eq!(Some(status.class()), Class::from_code(code));
        assert_eq!(status.is_final(), code >= 200);
        assert_eq!(status.is_provisional(), code / 100 == 1);
        assert_eq!(status.is_success(), code / 100 == 2);
        assert_eq!(status.is_redirection(), code / 100 == 3);
        assert_eq!(status.is_client_error(), code / 100 == 4);
        assert_eq!(status.is_server_error(), code / 100 == 5);
        assert_eq!(status.is_global_failure(), code / 100 == 6);
        assert_eq!(status.classify().class(), status.class());
    }
}

#[test]
fn from_code_and_interpret_over_all_of_u16() {
    for code in 0..=u16::MAX {
        let known = (100..=699).contains(&code);
        assert_eq!(Synthetic::from_code(code).map(Synthetic::code), known.then_some(code));
        assert_eq!(Synthetic::interpret(code).map(Synthetic::code), known.then_some(code));
        if !known {
            assert_eq!(
                Synthetic::try_from(code).map_err(|e| e.kind()),
                Err(ParseErrorKind::OutOfRange(code))
            );
        }
    }
}
