// A spec of one table fed where another is expected: response codes, then Warning codes.
// One error, at the second spec's `table`, naming both.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[spec = "specs/warning-codes-small.toml"]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
