// 406 and 606 are both "Not Acceptable": the same derived variant name, both codes named.
sip::sip_codes! {
    #[spec = "specs/duplicate-variant-name.toml"]
    pub enum StatusCode;
}

fn main() {
    // The stub type still type-checks: the spec's error is the only one.
    let _ = StatusCode::interpret(486).map(StatusCode::classify);
}
