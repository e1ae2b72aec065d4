// A Reason-Phrase with a control character other than CR or LF (BEL).
sip::sip_codes! {
    #[spec = "specs/reason-with-control-character.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
