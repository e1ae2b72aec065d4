// The user picks the visibility: `pub(crate)`, `pub(super)` and private types, each with its
// matcher module at the same visibility. `deny(warnings)`: unused generated items of a private
// type must not warn.
#![deny(warnings)]

mod registry {
    sip::sip_codes! {
        #[spec = iana]
        pub(crate) enum StatusCode;
    }

    pub(crate) mod nested {
        sip::sip_codes! {
            #[spec = "specs/small.toml"]
            pub(super) enum Small;
        }
    }

    mod private {
        sip::sip_codes! {
            #[spec = "specs/small.toml"]
            enum Hidden;
        }

        pub(crate) fn line(code: u16) -> Option<&'static str> {
            Hidden::interpret(code).map(Hidden::as_str)
        }
    }

    pub(crate) use private::line;

    pub(crate) fn small_class(code: u16) -> Option<sip::Class> {
        nested::Small::from_code(code).map(|status| status.classify().class())
    }
}

use registry::StatusCode;
use registry::status_code::{Classified, Redirection};

fn main() {
    let moved: StatusCode = "302".parse().unwrap();
    assert_eq!(moved.to_string(), "302 Moved Temporarily");
    assert_eq!(moved.classify(), Classified::Redirection(Redirection::MovedTemporarily));
    assert_eq!(StatusCode::interpret(399), Some(StatusCode::MultipleChoices));

    assert_eq!(registry::line(486), Some("486 Busy Here"));
    assert_eq!(registry::line(404), Some("400 Bad Request"));
    assert_eq!(registry::line(99), None);
    assert_eq!(registry::small_class(600), Some(sip::Class::GlobalFailure));
    assert_eq!(registry::small_class(603), None);
}
