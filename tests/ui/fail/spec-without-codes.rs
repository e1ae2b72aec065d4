// A spec with a [registry] table and no [[code]] entries.
sip::sip_codes! {
    #[spec = "specs/spec-without-codes.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
