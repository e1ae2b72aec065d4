// `#[sip_codes(non_exhaustive)]` marks the enum and its class enums `#[non_exhaustive]`; that
// binds other crates only, so here the type works as usual and matches need no `_` arm.
#![deny(warnings)]

sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[sip_codes(non_exhaustive)]
    pub enum StatusCode;
}

use status_code::{Classified, Provisional};

fn rings(status: StatusCode) -> bool {
    match status.classify() {
        Classified::Provisional(Provisional::Ringing | Provisional::SessionProgress) => true,
        Classified::Provisional(Provisional::Trying)
        | Classified::Success(_)
        | Classified::Redirection(_)
        | Classified::ClientError(_)
        | Classified::ServerError(_)
        | Classified::GlobalFailure(_) => false,
    }
}

fn main() {
    assert!(rings(StatusCode::Ringing));
    assert!(rings(StatusCode::interpret(181).unwrap()));
    assert!(!rings(StatusCode::Trying));
    assert_eq!(StatusCode::Ringing.to_string(), "180 Ringing");
    assert_eq!("180 RINGING".parse::<StatusCode>(), Ok(StatusCode::Ringing));
    assert_eq!(
        StatusCode::ALL.iter().map(|s| s.code()).sum::<u16>(),
        100 + 180 + 183 + 200 + 300 + 400 + 486 + 500 + 600
    );
}
