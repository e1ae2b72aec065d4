// `#[sip_codes(...)]` knows one option, `non_exhaustive`.
sip::sip_codes! {
    #[spec = "specs/small.toml"]
    #[sip_codes(exhaustive)]
    pub enum StatusCode;
}

fn main() {
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
