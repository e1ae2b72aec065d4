// A spec file that is not UTF-8: the message points at the first bad byte.
sip::sip_codes! {
    #[spec = "specs/invalid-utf8.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
