// An explicit `name` that is not a Rust identifier.
sip::sip_codes! {
    #[spec = "specs/name-not-an-identifier.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
