// A spec without 183 and the x00 codes that `interpret` (RFC 3261 §8.1.3.2) maps unknown codes onto.
sip::sip_codes! {
    #[spec = "specs/missing-interpret-codes.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
