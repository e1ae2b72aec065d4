// One code defined twice in one file: both places are named.
sip::sip_codes! {
    #[spec = "specs/duplicate-code.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
