// A key the spec format does not have, e.g. a misspelt `reason`.
sip::sip_codes! {
    #[spec = "specs/unknown-key.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
