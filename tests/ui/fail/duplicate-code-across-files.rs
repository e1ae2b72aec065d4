// One code defined in two merged files: the error sits on the second path and names the first.
sip::sip_codes! {
    #[spec = "specs/duplicate-code-first.toml"]
    #[spec = "specs/duplicate-code-second.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
