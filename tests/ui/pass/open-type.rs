// `#[sip_codes(other)]` on private, function-local and `non_exhaustive` types in a crate that
// denies warnings: an open type's generated code is warning-free wherever it is.
#![deny(warnings)]

use sip::Code;

sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[sip_codes(other, non_exhaustive)]
    enum Small;
}

fn main() {
    sip::sip_codes! {
        /// The registry, open.
        #[spec = iana]
        #[sip_codes(other)]
        enum Local;
    }
    let code = Code::new(477).unwrap();
    assert_eq!(Local::from(code), Local::Other(code));
    assert_eq!(Small::from(Code::new(181).unwrap()).to_string(), "181");
    assert_eq!(Local::from(Code::new(181).unwrap()), Local::CallIsBeingForwarded);
    assert_eq!(Small::from_code(486), Some(Small::BusyHere));
    assert!(matches!(Small::from_code(999).map(Small::classify), Some(small::Classified::Other(_))));
}
